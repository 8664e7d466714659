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
