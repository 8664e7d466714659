"""Python kernels: pooling."""
from __future__ import annotations

from typing import Any, Callable


def kernels() -> dict[str, Callable[..., Any]]:
    return {}
