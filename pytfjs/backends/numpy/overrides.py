"""NumPy-only kernels (where CuPy and NumPy differ, or a NumPy path is faster)."""
from __future__ import annotations

from typing import Any, Callable


def make_kernels() -> dict[str, Callable[..., Any]]:
    return {}
