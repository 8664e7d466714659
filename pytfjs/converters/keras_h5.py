"""Legacy Keras HDF5 files (``.h5``): full models (``model_config`` attribute +
``model_weights`` group) and weights-only files (``layer_names`` on the root), as Keras 2 and
Keras 3's legacy writer lay them out."""
from __future__ import annotations

import json
import os
from typing import Any

from ._common import KerasFileError, build_model, require_h5py
from .weights import _s, assign, keras_layer_weights, read_legacy_weights


#: What ``save_h5`` writes as ``keras_version`` (the config is Keras 3 style).
KERAS3_VERSION = b"3.0.0"


def open_h5(path: str) -> Any:
    h5py, _ = require_h5py()
    try:
        return h5py.File(path, "r")
    except OSError as e:
        raise KerasFileError(f"{path} is not a readable HDF5 file (truncated or corrupt?): {e}") from None


def is_keras3_config(spec: Any, version: str | None) -> bool:
    if version:
        return version.split(".")[0] >= "3"
    return '"module"' in json.dumps(spec)


def load_h5_model(path: str, safe_mode: bool = True, custom_objects: dict | None = None) -> Any:
    with open_h5(path) as f:
        if "model_config" not in f.attrs:
            if "layer_names" in f.attrs or "layers" in f:
                raise KerasFileError(f"{path} holds weights only (no 'model_config' attribute): "
                                     f"build the model and use load_keras_weights(model, path)")
            raise KerasFileError(f"{path} is not a Keras model file: no 'model_config' attribute")
        try:
            spec = json.loads(_s(f.attrs["model_config"]))
        except ValueError as e:
            raise KerasFileError(f"{path}: model_config is not valid JSON: {e}") from None
        version = _s(f.attrs["keras_version"]) if "keras_version" in f.attrs else None
        if "model_weights" not in f:
            raise KerasFileError(f"{path}: the file has no 'model_weights' group")
        model = build_model(spec, is_keras3_config(spec, version), safe_mode, custom_objects)
        try:
            assign(read_legacy_weights(f["model_weights"], model, path), path)
        except BaseException:
            model.dispose()  # a failed load leaves no half-built model (or its weights) behind
            raise
    return model


def load_h5_weights(model: Any, path: str) -> None:
    with open_h5(path) as f:
        group = f["model_weights"] if "model_weights" in f else f
        assign(read_legacy_weights(group, model, path), path)


def save_h5(model: Any, path: str) -> None:
    """Keras's legacy HDF5 layout (``model_config`` + ``model_weights/<layer>/weight_names``)
    with the Keras 3 config Keras 3's own legacy writer puts there (``module`` keys on every
    nested object, ``args``/``keras_history`` nodes, ``keras_version`` 3.x): Keras 3's legacy
    loader cannot resolve the wrapped layer of Bidirectional/TimeDistributed or a cell of RNN
    without the ``module`` key. pytfjs reads both config styles."""
    h5py, np = require_h5py()
    from .keras3_config import to_keras3_config
    spec = to_keras3_config(model)
    tmp = path + ".tmp"
    with h5py.File(tmp, "w") as f:
        f.attrs["keras_version"] = KERAS3_VERSION
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(spec).encode("utf8")
        g = f.create_group("model_weights")
        g.attrs["keras_version"] = KERAS3_VERSION
        g.attrs["backend"] = b"tensorflow"
        entries = keras_layer_weights(model)
        g.attrs["layer_names"] = np.array([layer.name.encode("utf8") for layer, _ in entries])
        for layer, ws in entries:
            lg = g.create_group(layer.name)
            names = [f"{w.name}:0" for w in ws]
            lg.attrs["weight_names"] = np.array([n.encode("utf8") for n in names])
            for n, w in zip(names, ws):
                lg.create_dataset(n, data=w.read().numpy())
    os.replace(tmp, path)
