"""python kernels: random (unseeded draws with the standard library's ``random``), with the
value rules of ``backends/xp/random.py``: uniform values are ``minval + (maxval - minval) * u``
computed in double and stored as TF.js's typed arrays would; normals are ``mean + std_dev * z``
(int32 rounded half up); truncated normals lie within ``mean +/- 2 * std_dev``."""
from __future__ import annotations

import math
import random as _random
from typing import Any, Callable

from ._util import PyArray, from_float, new, size_of

_RNG = _random.Random()


def _store(values: list, dtype: str, shape: tuple) -> PyArray:
    if dtype == "float32":
        return new("float32", values, shape)
    return from_float(values, dtype, shape)


def random_uniform(*, shape: tuple, minval: float, maxval: float, dtype: str) -> PyArray:
    span = maxval - minval
    r = _RNG.random
    return _store([minval + span * r() for _ in range(size_of(shape))], dtype, tuple(shape))


def _normal(shape: tuple, mean: float, std_dev: float, dtype: str, truncated: bool) -> PyArray:
    gauss = _RNG.gauss
    n = size_of(shape)
    if truncated:
        z = []
        while len(z) < n:
            v = gauss(0.0, 1.0)
            if abs(v) <= 2:
                z.append(v)
    else:
        z = [gauss(0.0, 1.0) for _ in range(n)]
    vals = [v * std_dev + mean for v in z]
    if dtype == "float32":
        return new("float32", vals, tuple(shape))
    return new("int32", [math.floor(v + 0.5) for v in vals], tuple(shape))  # Math.round


def random_normal(*, shape: tuple, mean: float, std_dev: float, dtype: str) -> PyArray:
    return _normal(shape, mean, std_dev, dtype, False)


def truncated_normal(*, shape: tuple, mean: float, std_dev: float, dtype: str) -> PyArray:
    return _normal(shape, mean, std_dev, dtype, True)


def kernels() -> dict[str, Callable[..., Any]]:
    return {"RandomUniform": random_uniform, "RandomStandardNormal": random_normal,
            "TruncatedNormal": truncated_normal}
