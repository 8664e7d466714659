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

ORACLE := tools/oracle/node_modules/@tensorflow/tfjs/package.json

# The pinned TF.js oracle (Node): interop tests run real TF.js when it is here; without Node
# they skip with the reason. Goldens are committed, so op tests never need it.
$(ORACLE): tools/oracle/package.json tools/oracle/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		(cd tools/oracle && npm ci --no-audit --no-fund --loglevel=error) || echo "npm ci failed: TF.js interop tests will skip"; \
	else echo "npm not found: TF.js interop tests will skip"; fi

test: $(STAMP) $(ORACLE)
	$(PY) -m pytest -n 2 -p no:cacheprovider

conformance: $(STAMP)
	$(PY) ../shared/conformance/check_ops.py

docs: $(STAMP)
	$(PY) -m pytfjs.tools.gen_docs

bench:
	bash bench/run.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
