"""Model management over the file system (TF.js's ``tf.io.listModels`` / ``copyModel`` /
``moveModel`` / ``removeModel``).

TF.js keeps browser models in localStorage / IndexedDB; pytfjs's analogue is a *model store*:
a directory in which every model is a sub-directory holding ``model.json`` and its shards::

    <root>/
      my-model/model.json
      my-model/group1-shard1of1.bin
      other/model.json ...

A model is addressed by the ``file://`` URL (or plain path) of its directory. The default
root is ``$PYTFJS_MODEL_STORE`` or ``~/.pytfjs/models``. ``copy_model`` / ``move_model`` accept
any URLs the routers know (copying from HTTP into the store works); ``remove_model`` deletes
only ``model.json`` and the shards its manifest names, and the directory if it is then empty,
so it never deletes unrelated files.
"""
from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import Any

from .errors import ModelFormatError, ModelNotFoundError, RouterError, UnsafePathError
from .file_handler import MODEL_JSON, is_file_url, resolve_manifest_path, url_to_path
from .router import load_artifacts, save_artifacts
from .types import dumps_json, parse_model_json


def default_store_root() -> str:
    return os.environ.get("PYTFJS_MODEL_STORE") or os.path.join(
        os.path.expanduser("~"), ".pytfjs", "models")


def _model_dir(url: Any) -> str:
    if not is_file_url(url):
        raise RouterError(f"Model management supports file:// URLs and paths only, got '{url}'")
    path = os.path.abspath(url_to_path(url))
    if os.path.basename(path) == MODEL_JSON:
        path = os.path.dirname(path)
    return path


def _info(model_dir: str) -> dict:
    """TF.js's ModelArtifactsInfo for a stored model, from its files."""
    json_path = os.path.join(model_dir, MODEL_JSON)
    if not os.path.isfile(json_path):
        raise ModelNotFoundError(f"Cannot find model at {model_dir}: no model.json")
    with open(json_path, "rb") as f:
        model_json = parse_model_json(f.read(), json_path)
    specs = [w for g in model_json.get("weightsManifest") or [] for w in g["weights"]]
    data_bytes = 0
    for p in _shard_paths(model_dir, model_json):
        if os.path.isfile(p):
            data_bytes += os.path.getsize(p)
    topo = model_json.get("modelTopology")
    return {
        "date_saved": datetime.fromtimestamp(os.path.getmtime(json_path), UTC),
        "model_topology_type": "JSON",
        "model_topology_bytes": 0 if topo is None else len(dumps_json(topo).encode("utf-8")),
        "weight_specs_bytes": len(dumps_json(specs).encode("utf-8")) if specs else 0,
        "weight_data_bytes": data_bytes,
    }


def _shard_paths(model_dir: str, model_json: dict) -> list[str]:
    return [resolve_manifest_path(model_dir, p)
            for g in model_json.get("weightsManifest") or [] for p in g["paths"]]


def list_models(root: Any = None) -> dict[str, dict]:
    """``{file:// URL: info}`` for every model directory directly under ``root``."""
    root_dir = os.path.abspath(url_to_path(root) if root is not None else default_store_root())
    out: dict[str, dict] = {}
    if not os.path.isdir(root_dir):
        return out
    for entry in sorted(os.scandir(root_dir), key=lambda e: e.name):
        if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
            continue
        if os.path.isfile(os.path.join(entry.path, MODEL_JSON)):
            try:
                out["file://" + entry.path] = _info(entry.path)
            except (ModelFormatError, UnsafePathError, OSError, json.JSONDecodeError):
                continue  # not a readable model; listing skips it
    return out


def copy_model(source_url: Any, dest_url: Any) -> dict:
    """Copies a model (any loadable URL) to ``dest_url``; returns the saved model's info."""
    if _same(source_url, dest_url):
        raise ValueError(f"Old path and new path are the same: '{source_url}'")
    artifacts = load_artifacts(source_url)
    return save_artifacts(dest_url, artifacts).model_artifacts_info


def move_model(source_url: Any, dest_url: Any) -> dict:
    """Copies then removes the source (which must be a file-system model)."""
    _model_dir(source_url)
    info = copy_model(source_url, dest_url)
    remove_model(source_url)
    return info


def remove_model(url: Any) -> dict:
    """Deletes a stored model's model.json and shards; returns its info from before."""
    model_dir = _model_dir(url)
    info = _info(model_dir)
    json_path = os.path.join(model_dir, MODEL_JSON)
    with open(json_path, "rb") as f:
        shards = _shard_paths(model_dir, parse_model_json(f.read(), json_path))
    os.remove(json_path)
    for p in shards:
        if os.path.isfile(p):
            os.remove(p)
    try:
        os.rmdir(model_dir)
    except OSError:
        pass  # other files remain; they are not ours to delete
    return info


def _same(a: Any, b: Any) -> bool:
    if is_file_url(a) and is_file_url(b):
        return _model_dir(a) == _model_dir(b)
    return a == b
