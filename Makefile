# Two commands set everything up on a fresh machine (Python >= 3.11 and the package registries):
#   make demo   - the main job, on embedded data (no downloads)
#   make test   - the whole test suite (what .ci/run runs)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test conformance bench clean docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,vis]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m pytfjs.demo_cnn

demo-ops: $(STAMP)
	$(PY) -m pytfjs.demo

test: $(STAMP)
	$(PY) -m pytest -n 2 -p no:cacheprovider

conformance: $(STAMP)
	$(PY) ../shared/conformance/check_ops.py

docs: $(STAMP)
	$(PY) -m pytfjs.tools.gen_docs

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
