"""Keras model files without TensorFlow (``tf.converters``): Keras 2 / legacy ``.h5`` (full model
and weights-only), Keras 3 ``.keras`` archives and ``.weights.h5`` files.

Reading and writing HDF5 needs the optional ``keras`` extra (h5py + numpy); they are imported
when a file is read or written, never by ``import pytfjs``.

Loading never runs code from the file: only registered layer classes are built, and a
``Lambda`` layer's Python bytecode is refused unless ``safe_mode=False``.
"""
from __future__ import annotations

import os
from typing import Any

from ._common import (EXTRA_HINT, KerasFileError, UnsafeLambdaError, UnsupportedLayersError,
                      require_h5py)

__all__ = ["load_keras_model", "save_keras_model", "load_keras_weights", "save_keras_weights",
           "KerasFileError", "UnsafeLambdaError", "UnsupportedLayersError", "EXTRA_HINT"]


def _kind(path: str) -> str:
    if not os.path.exists(path):
        from ..io.errors import ModelNotFoundError
        raise ModelNotFoundError(f"No Keras file at {path}")
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"PK"):
        return "keras"
    if head == b"\x89HDF\r\n\x1a\n":
        return "h5"
    if path.endswith(".keras"):
        raise KerasFileError(f"{path} is not a .keras archive (not a zip file)")
    raise KerasFileError(f"{path} is neither a .keras archive nor an HDF5 file "
                         f"(truncated or corrupt?)")


def load_keras_model(path: str | os.PathLike, safe_mode: bool = True,
                     custom_objects: dict | None = None) -> Any:
    """A pytfjs ``LayersModel`` from a Keras ``.keras`` or ``.h5`` file, with its weights.

    ``custom_objects`` maps class names to layer classes (and Lambda function names to
    functions). ``safe_mode=False`` lets a ``Lambda`` layer's bytecode load: it works only for
    functions defined in Python, saved by the same Python version, using operations that
    pytfjs tensors support (``keras.ops`` calls will not work)."""
    path = os.fspath(path)
    require_h5py()
    if _kind(path) == "keras":
        from .keras_v3 import load_keras_v3
        return load_keras_v3(path, safe_mode, custom_objects)
    from .keras_h5 import load_h5_model
    return load_h5_model(path, safe_mode, custom_objects)


def load_keras_weights(model: Any, path: str | os.PathLike) -> None:
    """Loads a Keras weights file into ``model``: Keras 3 ``.weights.h5`` (object-path layout)
    or a legacy ``.h5`` (``layer_names``/``weight_names``)."""
    path = os.fspath(path)
    require_h5py()
    from .keras_h5 import load_h5_weights, open_h5
    with open_h5(path) as f:
        keras3 = "layers" in f and "layer_names" not in f.attrs and "model_weights" not in f
    if keras3:
        from .keras_v3 import load_keras3_weights
        load_keras3_weights(model, path)
    else:
        load_h5_weights(model, path)


def save_keras_model(model: Any, path: str | os.PathLike) -> None:
    """Writes ``model`` as ``.keras`` (Keras 3 archive) or ``.h5`` (Keras 2 layout), by suffix."""
    path = os.fspath(path)
    if path.endswith(".keras"):
        from .keras_v3 import save_keras_v3
        save_keras_v3(model, path)
    elif path.endswith((".h5", ".hdf5")):
        from .keras_h5 import save_h5
        save_h5(model, path)
    else:
        raise ValueError(f"Cannot tell the Keras format from {path!r}: use a .keras or .h5 suffix")


def save_keras_weights(model: Any, path: str | os.PathLike) -> None:
    """Writes a Keras 3 ``.weights.h5`` file."""
    h5py, _ = require_h5py()
    from .keras_v3 import write_keras3_weights
    with h5py.File(os.fspath(path), "w") as h5:
        write_keras3_weights(h5, model, None)


