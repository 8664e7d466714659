"""python kernels: creation, mirroring ``backends/xp/creation.py`` (same attrs and dtypes)."""
from __future__ import annotations

import math
from array import array
from typing import Any, Callable

from ._util import PyArray, full, js_int32, new


def identity(x: PyArray) -> PyArray:
    return x  # buffers are never mutated, so sharing is safe


def fill(*, shape: tuple, value: Any, dtype: str) -> PyArray:
    return full(dtype, shape, value)


def zeros_like(x: PyArray) -> PyArray:
    return full(x.dtype, x.shape, "" if x.dtype == "string" else 0)


def ones_like(x: PyArray) -> PyArray:
    return full(x.dtype, x.shape, "1" if x.dtype == "string" else 1)


def _f32_accumulate(start: float, step: float, n: int) -> array:
    """``v[0] = f32(start); v[i] = f32(v[i-1] + step)`` with the add done in double: how TF.js
    fills a ``Float32Array`` for Range and LinSpace."""
    out = array("f")
    if n == 0:
        return out
    out.append(start)
    prev = out[0]
    append = out.append
    for _ in range(n - 1):
        append(prev + step)
        prev = out[-1]
    return out


def _int32_accumulate(start: float, step: float, n: int) -> list:
    """``v[0] = ToInt32(start); v[i] = ToInt32(v[i-1] + step)`` (TF.js's Int32Array fill)."""
    out = []
    if n == 0:
        return out
    v = js_int32(start)
    out.append(v)
    for _ in range(n - 1):
        v = js_int32(v + step)
        out.append(v)
    return out


def range_(*, start: float, stop: float, step: float, dtype: str) -> PyArray:
    if start == stop or (start < stop and step < 0) or (stop < start and step > 1):
        return full(dtype, (0,), 0)
    n = abs(math.ceil((stop - start) / step))
    if stop < start and step == 1:
        step = -1  # TF.js flips a default step for a decreasing range
    if dtype == "int32":
        return new("int32", _int32_accumulate(start, step, n), (n,))
    return PyArray(_f32_accumulate(start, step, n), (n,), "float32")


def linspace(*, start: float, stop: float, num: int) -> PyArray:
    if num == 1:
        return full("float32", (1,), start)
    return PyArray(_f32_accumulate(start, (stop - start) / (num - 1), num), (num,), "float32")


def one_hot(indices: PyArray, *, depth: int, on_value: Any, off_value: Any,
            dtype: str) -> PyArray:
    on = new(dtype, [on_value], ()).data[0]
    off = new(dtype, [off_value], ()).data[0]
    row = [off] * depth
    vals: list = []
    for i in indices.data:
        r = list(row)
        if 0 <= i < depth:
            r[i] = on
        vals += r
    return new(dtype, vals, indices.shape + (depth,))


def complex_(real: PyArray, imag: PyArray) -> PyArray:
    return new("complex64", map(complex, real.data, imag.data), real.shape)


def real(x: PyArray) -> PyArray:
    if x.dtype != "complex64":
        return x
    return new("float32", [c.real for c in x.data], x.shape)


def imag(x: PyArray) -> PyArray:
    if x.dtype != "complex64":
        return full(x.dtype, x.shape, 0)
    return new("float32", [c.imag for c in x.data], x.shape)


def kernels() -> dict[str, Callable[..., Any]]:
    return {"Identity": identity, "Fill": fill, "ZerosLike": zeros_like, "OnesLike": ones_like,
            "Range": range_, "LinSpace": linspace, "OneHot": one_hot, "Complex": complex_,
            "Real": real, "Imag": imag}
