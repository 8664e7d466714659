"""xp kernels: pooling."""
from __future__ import annotations

from typing import Any, Callable


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    return {}
