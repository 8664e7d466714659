"""xp kernels: creation."""
from __future__ import annotations

from typing import Any, Callable


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def identity(x: Any) -> Any:
        return x  # arrays are never mutated in place, so sharing is safe

    return {"Identity": identity}
