"""xp kernels: arithmetic (binary elementwise; broadcasting is the array module's)."""
from __future__ import annotations

from typing import Any, Callable


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def add(a: Any, b: Any) -> Any:
        if a.dtype == bool:  # bool + bool stays bool (upcast rule); true + true is true
            return xp.logical_or(a, b)
        return a + b

    return {"Add": add}
