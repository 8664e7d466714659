"""Backend registration. Factories import their array libraries only when first used, so
``import pytfjs`` loads no NumPy."""
from __future__ import annotations

from ..core.engine import ENGINE


def _numpy_factory():  # type: ignore[no-untyped-def]
    from .numpy import create
    return create()


def _python_factory():  # type: ignore[no-untyped-def]
    from .python import create
    return create()


def register_default_backends() -> None:
    ENGINE.register_backend("numpy", _numpy_factory, priority=2)
    ENGINE.register_backend("python", _python_factory, priority=1)
