"""Keras 3 ``.keras`` archives (zip: ``config.json``, ``metadata.json``, ``model.weights.h5``)
and Keras 3 ``.weights.h5`` files."""
from __future__ import annotations

import io
import json
import os
import zipfile
from typing import Any

from ._common import KerasFileError, build_model, require_h5py
from .weights import assign, keras3_weight_paths, read_keras3_weights


def _open_h5(data_or_path: Any, source: str) -> Any:
    h5py, _ = require_h5py()
    try:
        return h5py.File(data_or_path, "r")
    except OSError as e:
        raise KerasFileError(f"{source} is not a readable HDF5 file (truncated or corrupt?): {e}") from None


def load_keras_v3(path: str, safe_mode: bool = True, custom_objects: dict | None = None) -> Any:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise KerasFileError(f"{path} is not a .keras archive (a zip file): {e}") from None
    with zf:
        names = set(zf.namelist())
        for need in ("config.json", "model.weights.h5"):
            if need not in names:
                raise KerasFileError(f"{path}: the archive has no '{need}'")
        try:
            spec = json.loads(zf.read("config.json"))
        except (ValueError, zipfile.BadZipFile) as e:
            raise KerasFileError(f"{path}: config.json is not valid JSON: {e}") from None
        weights = zf.read("model.weights.h5")
    model = build_model(spec, True, safe_mode, custom_objects)
    try:
        with _open_h5(io.BytesIO(weights), f"{path}:model.weights.h5") as h5:
            assign(read_keras3_weights(h5, model, spec, f"{path}:model.weights.h5"), path)
    except BaseException:
        model.dispose()  # a failed load leaves no half-built model (or its weights) behind
        raise
    return model


def load_keras3_weights(model: Any, path: str) -> None:
    with _open_h5(path, path) as h5:
        assign(read_keras3_weights(h5, model, None, path), path)


def write_keras3_weights(h5: Any, model: Any, spec: dict | None) -> None:
    for group_path, ws in keras3_weight_paths(model, spec):
        g = h5.require_group(group_path)
        for i, w in enumerate(ws):
            g.create_dataset(str(i), data=w.read().numpy())


def save_keras_v3(model: Any, path: str) -> None:
    from .keras3_config import to_keras3_config
    from .. import __version__
    h5py, _ = require_h5py()
    spec = to_keras3_config(model)
    buf = io.BytesIO()
    with h5py.File(buf, "w") as h5:
        write_keras3_weights(h5, model, spec)
    meta = {"keras_version": "3.0.0", "date_saved": "", "generated_by": f"pytfjs {__version__}"}
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as zf:
        zf.writestr("metadata.json", json.dumps(meta))
        zf.writestr("config.json", json.dumps(spec))
        zf.writestr("model.weights.h5", buf.getvalue(), compress_type=zipfile.ZIP_STORED)
    os.replace(tmp, path)
