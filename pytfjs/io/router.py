"""Routing URLs to IO handlers (TF.js's ``IORouterRegistry``), and the two entry points
``load_artifacts`` / ``save_artifacts``.

A router is ``router(url, options) -> handler | None`` (a one-argument ``router(url)`` works
too); a handler has ``load() -> ModelArtifacts`` and/or ``save(artifacts) -> SaveResult``.
Exactly one router must claim a URL. Built in: ``file://`` and plain paths, ``http(s)://``.
"""
from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from typing import Any

from .errors import RouterError
from .file_handler import file_router
from .http_handler import http_router
from .loading import DEFAULT_MAX_JSON_BYTES, DEFAULT_MAX_WEIGHT_BYTES, LoadOptions
from .types import ModelArtifacts, SaveResult

_LOAD_ROUTERS: list[Callable] = []
_SAVE_ROUTERS: list[Callable] = []


def register_load_router(router: Callable) -> Callable:
    """Adds a load router (usable as a decorator)."""
    _LOAD_ROUTERS.append(router)
    return router


def register_save_router(router: Callable) -> Callable:
    """Adds a save router (usable as a decorator)."""
    _SAVE_ROUTERS.append(router)
    return router


def _call(router: Callable, url: Any, options: LoadOptions) -> Any:
    try:
        n = len([p for p in inspect.signature(router).parameters.values()
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)])
    except (TypeError, ValueError):
        n = 2
    return router(url, options) if n >= 2 else router(url)


def get_load_handlers(url: Any, options: LoadOptions | None = None) -> list:
    options = options or LoadOptions()
    return [h for h in (_call(r, url, options) for r in _LOAD_ROUTERS) if h is not None]


def get_save_handlers(url: Any, options: LoadOptions | None = None) -> list:
    options = options or LoadOptions()
    return [h for h in (_call(r, url, options) for r in _SAVE_ROUTERS) if h is not None]


def _one(handlers: list, url: Any, kind: str) -> Any:
    if not handlers:
        raise RouterError(f"Cannot find any {kind} handlers for URL '{url}'")
    if len(handlers) > 1:
        raise RouterError(f"Found more than one ({len(handlers)}) {kind} handlers for URL '{url}'")
    return handlers[0]


def load_handler(url: Any, options: LoadOptions | None = None) -> Any:
    """The one handler that loads ``url`` (a handler object passes through)."""
    if hasattr(url, "load"):
        return url
    return _one(get_load_handlers(url, options), url, "load")


def save_handler(url: Any, options: LoadOptions | None = None) -> Any:
    """The one handler that saves to ``url`` (a handler object passes through)."""
    if hasattr(url, "save"):
        return url
    return _one(get_save_handlers(url, options), url, "save")


def load_artifacts(url: Any, *, on_progress: Callable[[float], Any] | None = None,
                   request_init: dict | None = None,
                   weight_url_converter: Callable[[str], str] | None = None,
                   fetch_func: Callable | None = None, strict: bool = True,
                   max_json_bytes: int = DEFAULT_MAX_JSON_BYTES,
                   max_weight_bytes: int = DEFAULT_MAX_WEIGHT_BYTES,
                   timeout: float | None = 60.0) -> ModelArtifacts:
    """Loads model artifacts from a URL, a path or an IO handler.

    ``on_progress(fraction)`` is called after each weight file; ``request_init`` (HTTP) takes
    ``headers``/``method``; ``weight_url_converter(path) -> url`` replaces the default shard
    URLs (its URLs are trusted); ``fetch_func(url, init)`` replaces urllib; ``strict=False``
    accepts trailing bytes after a group's weights (TF.js ignores them). ``max_json_bytes`` and
    ``max_weight_bytes`` bound what is read. Loading never executes code from the model.
    """
    if isinstance(url, os.PathLike):
        url = os.fspath(url)
    options = LoadOptions(on_progress, request_init, weight_url_converter, fetch_func, strict,
                          max_json_bytes, max_weight_bytes, timeout)
    handler = load_handler(url, options)
    if not hasattr(handler, "load"):
        raise RouterError(f"The handler for '{url}' cannot load.")
    return handler.load()


def save_artifacts(url: Any, artifacts: ModelArtifacts, *, request_init: dict | None = None,
                   fetch_func: Callable | None = None) -> SaveResult:
    """Saves model artifacts to a URL, a path or an IO handler (``file://`` saves are atomic)."""
    if isinstance(url, os.PathLike):
        url = os.fspath(url)
    handler = save_handler(url, LoadOptions(request_init=request_init, fetch_func=fetch_func))
    if not hasattr(handler, "save"):
        raise RouterError(f"The handler for '{url}' cannot save.")
    return handler.save(artifacts)


register_load_router(file_router)
register_save_router(file_router)
register_load_router(http_router)
register_save_router(http_router)
