"""The pure-Python reference backend (standard library only; runs where NumPy cannot, e.g.
Pyodide, and is the reference the other backends are checked against).

Kernels live in category modules mirroring ``backends/xp``; each defines
``kernels() -> dict[kernel_name, fn]`` where ``fn(*PyArray, **attrs)`` returns a PyArray (or a
tuple of them) of the exact TF.js output dtype.
"""
from __future__ import annotations

from typing import Any, Callable

from ._util import PyArray
from .backend import PythonBackend

__all__ = ["PyArray", "PythonBackend", "create", "make_kernels"]


def make_kernels() -> dict[str, Callable[..., Any]]:
    from . import (arithmetic, basic_math, convolution, creation, evaluation, image, linalg,
                   logical, losses, matrices, misc, normalization, pooling, random, ragged, reduction,
                   slice_join, sparse, spectral, string, transformation)
    table: dict[str, Callable[..., Any]] = {}
    for module in (arithmetic, basic_math, convolution, creation, evaluation, image, linalg,
                   logical, losses, matrices, misc, normalization, pooling, random, ragged, reduction,
                   slice_join, sparse, spectral, string, transformation):
        for name, fn in module.kernels().items():
            if name in table:
                raise ValueError(f"python backend: kernel {name} is defined in two modules")
            table[name] = fn
    return table


def create() -> PythonBackend:
    from ...core.kernel_registry import register_kernels
    register_kernels("python", make_kernels())
    return PythonBackend()
