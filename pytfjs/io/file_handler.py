"""``file://`` URLs and plain paths: a directory holding model.json and its shards, or the path
of a model.json.

Saving writes every file into a fresh temporary directory beside the destination and then
renames it into place, so a failure or crash never leaves a half-written model: the
destination holds either the old model or the new one. An existing destination directory is
replaced only when it holds nothing but a model (``model.json`` and ``*.bin`` files).
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from typing import Any
from urllib.parse import unquote

from .errors import ModelNotFoundError, SaveError, SizeLimitError, UnsafePathError
from .loading import LoadOptions, load_from_model_json_bytes
from .types import ModelArtifacts, SaveResult, dumps_json, model_artifacts_info
from .weights import group_into_shards

FILE_SCHEME = "file://"
MODEL_JSON = "model.json"
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
#: Shard size of saved models (the converter's default).
DEFAULT_SHARD_SIZE = 4 * 1024 * 1024


def is_file_url(url: Any) -> bool:
    """True for ``file://...`` and for paths without a URL scheme."""
    if isinstance(url, os.PathLike):
        return True
    if not isinstance(url, str) or not url:
        return False
    return url.startswith(FILE_SCHEME) or re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://", url) is None


def url_to_path(url: Any) -> str:
    """The file-system path of a ``file://`` URL or a plain path."""
    if isinstance(url, os.PathLike):
        return os.fspath(url)
    if url.startswith(FILE_SCHEME):
        rest = url[len(FILE_SCHEME):]
        if rest.startswith("localhost/"):
            rest = rest[len("localhost"):]
        return unquote(rest)
    return url


def resolve_manifest_path(base_dir: str, path: str) -> str:
    """The file a manifest path names inside ``base_dir``; raises :class:`UnsafePathError` for
    paths that could leave it (absolute, drive or scheme prefixed, ``..``, NUL, symlinks out)."""
    if not isinstance(path, str) or not path or "\x00" in path:
        raise UnsafePathError(f"Weights manifest path {path!r} is not a valid relative path.")
    if path.startswith(("/", "\\")) or _SCHEME_RE.match(path) or os.path.isabs(path):
        raise UnsafePathError(f"Weights manifest path {path!r} is absolute; paths must be relative "
                              f"to the model directory.")
    parts = path.replace("\\", "/").split("/")
    if ".." in parts:
        raise UnsafePathError(f"Weights manifest path {path!r} escapes the model directory.")
    base = os.path.realpath(base_dir)
    full = os.path.realpath(os.path.join(base, *[p for p in parts if p not in ("", ".")]))
    if os.path.commonpath([base, full]) != base or full == base:
        raise UnsafePathError(f"Weights manifest path {path!r} escapes the model directory.")
    return full


def _read_limited(path: str, limit: int, what: str) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > limit:
            raise SizeLimitError(f"{what} {path} is {size} bytes, more than the limit of {limit} "
                                 f"bytes.")
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise ModelNotFoundError(f"{what} not found: {path}") from None
    if len(data) > limit:
        raise SizeLimitError(f"{what} {path} is more than the limit of {limit} bytes.")
    return data


class FileSystemHandler:
    """Loads from / saves to a directory (``model.json`` + shards) or a model.json path."""

    def __init__(self, path: Any, options: LoadOptions | None = None,
                 shard_size: int | None = DEFAULT_SHARD_SIZE) -> None:
        self.path = os.path.abspath(url_to_path(path))
        self.options = options or LoadOptions()
        self.shard_size = shard_size

    def _model_json_path(self) -> str:
        if os.path.isdir(self.path):
            return os.path.join(self.path, MODEL_JSON)
        return self.path

    def load(self) -> ModelArtifacts:
        json_path = self._model_json_path()
        if not os.path.isfile(json_path):
            raise ModelNotFoundError(f"No model.json found at {json_path}")
        text = _read_limited(json_path, self.options.max_json_bytes, "model.json")
        base = os.path.dirname(json_path)
        return load_from_model_json_bytes(
            text, json_path, self.options,
            resolve=lambda p: resolve_manifest_path(base, p),
            read=lambda loc, budget: _read_limited(loc, budget, "Weights file"))

    def save(self, artifacts: ModelArtifacts) -> SaveResult:
        if self.path.endswith(".json"):
            raise SaveError(f"Save to a directory, not to a .json path: {self.path}")
        manifest, shards = group_into_shards(artifacts.weight_specs or [],
                                             artifacts.weight_data or b"", self.shard_size)
        if artifacts.weight_specs is None and not artifacts.weight_data:
            manifest = None
        files = dict(shards)
        files[MODEL_JSON] = dumps_json(artifacts.to_model_json(manifest)).encode("utf-8")
        atomic_write_dir(self.path, files)
        return SaveResult(model_artifacts_info(artifacts))


def _write_file(path: str, data: bytes) -> None:
    with open(path, "xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _is_replaceable_model_dir(path: str) -> bool:
    for entry in os.scandir(path):
        if not entry.is_file(follow_symlinks=False):
            return False
        if entry.name != MODEL_JSON and not entry.name.endswith(".bin"):
            return False
    return True


def atomic_write_dir(target: str, files: dict[str, bytes]) -> None:
    """Writes ``files`` (name -> bytes; model.json last) into a temporary directory beside
    ``target`` and renames it to ``target``. On any error the temporary directory is removed
    and ``target`` is left as it was."""
    target = os.path.abspath(target)
    parent = os.path.dirname(target)
    if os.path.exists(target):
        if not os.path.isdir(target):
            raise SaveError(f"Cannot save a model to {target}: it exists and is not a directory.")
        if not _is_replaceable_model_dir(target):
            raise SaveError(f"Refusing to overwrite {target}: it holds files other than a model "
                            f"(model.json and *.bin).")
    try:
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}.tmp-", dir=parent)
    except OSError as e:
        raise SaveError(f"Cannot save a model to {target}: {e}") from e
    try:
        names = [n for n in files if n != MODEL_JSON] + ([MODEL_JSON] if MODEL_JSON in files else [])
        for name in names:
            _write_file(os.path.join(tmp, name), files[name])
        if os.path.exists(target):
            backup = tmp + ".old"
            os.rename(target, backup)
            try:
                os.rename(tmp, target)
            except BaseException:
                os.rename(backup, target)
                raise
            shutil.rmtree(backup, ignore_errors=True)
        else:
            os.rename(tmp, target)
    except BaseException as e:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(e, OSError) and not isinstance(e, SaveError):
            raise SaveError(f"Saving the model to {target} failed: {e}; nothing was changed.") from e
        raise


def file_router(url: Any, options: LoadOptions | None = None) -> FileSystemHandler | None:
    return FileSystemHandler(url, options) if is_file_url(url) else None
