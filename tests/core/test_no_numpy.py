"""The core is standard-library only: it imports, and the engine works, with NumPy blocked."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_import_with_numpy_blocked():
    r = _run(
        "import sys; sys.modules['numpy'] = None\n"
        "import pytfjs as tf\n"
        "import pytfjs.core.engine, pytfjs.core.tensor, pytfjs.core.opdef, pytfjs.core.convert\n"
        "import pytfjs.core.shapes, pytfjs.core.dtypes, pytfjs.core.flags, pytfjs.ops\n"
        "assert tf.set_backend('numpy') is False\n"
        "assert 'numpy' in tf.engine().init_error('numpy').lower()\n"
        "print('ok')\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


def test_import_loads_no_numpy_and_is_fast():
    r = _run(
        "import sys, time\n"
        "t = time.perf_counter(); import pytfjs as tf; dt = time.perf_counter() - t\n"
        "assert 'numpy' not in sys.modules, 'import pytfjs imported numpy'\n"
        "tf.tensor([1.0])\n"
        "assert 'numpy' in sys.modules\n"
        "print(dt)\n")
    assert r.returncode == 0, r.stderr
    # Informational only (no timing assertions in tests); the budget is 0.2 s.
    print("import pytfjs took", r.stdout.strip(), "s")


def test_core_sources_do_not_import_numpy():
    pkg = ROOT / "pytfjs"
    offenders = []
    for sub in ("core", "ops", "layers", "io", "graph"):
        for path in (pkg / sub).rglob("*.py") if (pkg / sub).exists() else []:
            for i, line in enumerate(path.read_text().splitlines(), 1):
                s = line.strip()
                if s.startswith(("import numpy", "from numpy")):
                    offenders.append(f"{path.relative_to(ROOT)}:{i}")
    assert not offenders, f"numpy imported in the standard-library core: {offenders}"


def test_layers_training_and_model_files_without_numpy(tmp_path):
    # What Pyodide has: the pure-Python backend, no NumPy. Layers, training and TF.js model
    # files must work unchanged.
    r = _run(
        "import sys; sys.modules['numpy'] = None\n"
        "import pytfjs as tf\n"
        "assert tf.get_backend() == 'python'\n"
        "m = tf.sequential([tf.layers.dense(units=4, input_shape=[3], activation='relu'),\n"
        "                   tf.layers.dense(units=2)])\n"
        "m.compile(optimizer='adam', loss='mse')\n"
        "h = m.fit(tf.ones([8, 3]), tf.zeros([8, 2]), epochs=2, verbose=0)\n"
        "assert len(h.history['loss']) == 2\n"
        f"m.save({str(tmp_path)!r})\n"
        f"m2 = tf.load_layers_model({str(tmp_path)!r})\n"
        "x = tf.ones([1, 3])\n"
        "assert m2.predict(x).to_list() == m.predict(x).to_list()\n"
        "print('ok')\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().endswith("ok")
