"""``tf.io``: TF.js model artifacts (model.json + binary weight shards), weight encoding and
quantization, IO handlers for files, HTTP and memory, routers, and a file-system model store.

Standard library only (no numpy): this package runs unchanged in Pyodide.

>>> import pytfjs as tf
>>> from pytfjs import io
>>> t = tf.tensor([1.0, 2.0, 3.0])
>>> data, specs = io.encode_weights({"w": t}, quantization="uint8")
>>> specs[0]["quantization"]["dtype"], len(data)
('uint8', 3)
>>> w = io.decode_weights(data, specs)["w"]
>>> [round(v, 2) for v in w.data_sync()]
[1.0, 2.0, 3.0]
>>> tf.dispose([t, w])
"""
from __future__ import annotations

from .errors import (
    HTTPRequestError,
    ModelFormatError,
    ModelIOError,
    ModelNotFoundError,
    RouterError,
    SaveError,
    SizeLimitError,
    UnsafePathError,
    WeightsError,
)
from .file_handler import FileSystemHandler
from .http_handler import FetchResponse, HTTPRequest, encode_multipart
from .loading import DEFAULT_MAX_JSON_BYTES, DEFAULT_MAX_WEIGHT_BYTES, LoadOptions
from .memory import from_memory, with_save_handler
from .router import (
    get_load_handlers,
    get_save_handlers,
    load_artifacts,
    load_handler,
    register_load_router,
    register_save_router,
    save_artifacts,
    save_handler,
)
from .store import copy_model, default_store_root, list_models, move_model, remove_model
from .types import (
    ModelArtifacts,
    ModelJSON,
    SaveResult,
    check_model_json,
    get_weight_specs,
    model_artifacts_info,
    parse_model_json,
)
from .weights import (
    check_specs,
    concat_buffers,
    decode_weights,
    encode_weights,
    group_into_shards,
    quantize_values,
)


def http(url: str, **options):
    """TF.js's ``tf.io.http``: an HTTP handler (``request_init``, ``fetch_func``,
    ``weight_url_converter``, ``on_progress``, ...)."""
    return HTTPRequest(url, LoadOptions(**options))


def file_system(path, **options):
    """A file-system handler for a model directory or model.json path (tfjs-node's
    ``tf.io.fileSystem``)."""
    shard_size = options.pop("shard_size", 4 * 1024 * 1024)
    return FileSystemHandler(path, LoadOptions(**options), shard_size=shard_size)


browser_http_request = http

__all__ = [
    "DEFAULT_MAX_JSON_BYTES",
    "DEFAULT_MAX_WEIGHT_BYTES",
    "FetchResponse",
    "FileSystemHandler",
    "HTTPRequest",
    "HTTPRequestError",
    "LoadOptions",
    "ModelArtifacts",
    "ModelFormatError",
    "ModelIOError",
    "ModelJSON",
    "ModelNotFoundError",
    "RouterError",
    "SaveError",
    "SaveResult",
    "SizeLimitError",
    "UnsafePathError",
    "WeightsError",
    "browser_http_request",
    "check_model_json",
    "check_specs",
    "concat_buffers",
    "copy_model",
    "decode_weights",
    "default_store_root",
    "encode_multipart",
    "encode_weights",
    "file_system",
    "from_memory",
    "get_load_handlers",
    "get_save_handlers",
    "get_weight_specs",
    "group_into_shards",
    "http",
    "list_models",
    "load_artifacts",
    "load_handler",
    "model_artifacts_info",
    "move_model",
    "parse_model_json",
    "quantize_values",
    "register_load_router",
    "register_save_router",
    "remove_model",
    "save_artifacts",
    "save_handler",
    "with_save_handler",
]
