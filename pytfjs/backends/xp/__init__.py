"""Kernels written once against an array module ``xp`` (NumPy or CuPy).

Each category module defines ``kernels(xp) -> dict[kernel_name, fn]`` where
``fn(*arrays, **attrs)`` returns an array (or a tuple of arrays) of the exact output dtype.
"""
from __future__ import annotations

from typing import Any, Callable

from . import (arithmetic, basic_math, convolution, creation, evaluation, image, linalg, logical,
               losses, matrices, misc, normalization, pooling, random, ragged, reduction, slice_join, sparse,
               spectral, string, transformation)

CATEGORIES = (arithmetic, basic_math, convolution, creation, evaluation, image, linalg, logical,
              losses, matrices, misc, normalization, pooling, random, ragged, reduction, slice_join, sparse,
              spectral, string, transformation)


def make_kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    table: dict[str, Callable[..., Any]] = {}
    for module in CATEGORIES:
        for name, fn in module.kernels(xp).items():
            if name in table:
                raise ValueError(f"kernel {name} is defined in two xp modules")
            table[name] = fn
    return table
