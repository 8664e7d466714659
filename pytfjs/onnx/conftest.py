"""pytest (doctests): the examples in this package need onnx and onnxruntime, which are
optional (``pip install 'pytfjs[onnx]'``); without them the package's doctests are skipped."""
from __future__ import annotations

import importlib.util


def _have(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


if not (_have("onnx") and _have("onnxruntime")):
    collect_ignore_glob = ["*.py"]
