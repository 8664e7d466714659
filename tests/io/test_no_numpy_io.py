"""pytfjs.io is standard-library only: it works with NumPy blocked (the pure-Python backend)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_io_with_numpy_blocked(tmp_path) -> None:
    code = (
        "import sys; sys.modules['numpy'] = None\n"
        "import pytfjs as tf\n"
        "from pytfjs import io\n"
        "tf.set_backend('python')\n"
        "t = tf.tensor([1.0, 2.0, 3.0])\n"
        "data, specs = io.encode_weights({'w': t}, quantization='float16')\n"
        f"io.save_artifacts({str(tmp_path / 'm')!r}, io.ModelArtifacts({{}}, weight_specs=specs, weight_data=data))\n"
        f"w = io.load_artifacts({str(tmp_path / 'm')!r}).decode_weights()['w']\n"
        "assert w.to_list() == [1.0, 2.0, 3.0]\n"
        "assert 'numpy' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "print('ok')\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       check=False, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"
