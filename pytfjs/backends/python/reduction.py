"""python kernels: reductions and scans, mirroring ``backends/xp/reduction.py`` (same attrs and
output dtypes: ``axis`` is a tuple of distinct non-negative axes, an int for ArgMax/ArgMin and
the scans)."""
from __future__ import annotations

import itertools
from array import array
import math
import operator
from typing import Any, Callable, Sequence

from ._util import FLOATS, NAN, PyArray, full, groups, new, reduce, size_of, transpose


def _acc_dtype(dtype: str) -> str:
    return "int32" if dtype == "bool" else dtype


def _out_shape(shape: Sequence[int], axis: Sequence[int], keep_dims: bool) -> tuple:
    if keep_dims:
        return tuple(1 if i in axis else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axis)


def _reduces_nothing(x: PyArray, axis: Sequence[int]) -> bool:
    return any(x.shape[a] == 0 for a in axis)


def sum_(x: PyArray, *, axis: Sequence[int], keep_dims: bool = False) -> PyArray:
    start: Any = 0j if x.dtype == "complex64" else (0.0 if x.dtype in FLOATS else 0)
    return reduce(x, axis, lambda g: sum(g, start), _acc_dtype(x.dtype), keep_dims)


def prod(x: PyArray, *, axis: Sequence[int], keep_dims: bool = False) -> PyArray:
    start: Any = 1.0 if x.dtype in FLOATS else 1
    return reduce(x, axis, lambda g: math.prod(g, start=start), _acc_dtype(x.dtype), keep_dims)


def mean(x: PyArray, *, axis: Sequence[int], keep_dims: bool = False) -> PyArray:
    dtype = x.dtype if x.dtype in FLOATS or x.dtype == "complex64" else "float32"
    if _reduces_nothing(x, axis):
        return full(dtype, _out_shape(x.shape, axis, keep_dims), 0)
    n = size_of([x.shape[a] for a in axis])
    return reduce(x, axis, lambda g: sum(g) / n, dtype, keep_dims)


def _has_nan(g: Any) -> bool:
    return any(map(math.isnan, g))


def _extremum(pick: Callable[[Any], Any]) -> Callable[..., PyArray]:
    def kernel(x: PyArray, *, axis: Sequence[int], keep_dims: bool = False) -> PyArray:
        if _reduces_nothing(x, axis):
            return full(x.dtype, _out_shape(x.shape, axis, keep_dims),
                        NAN if x.dtype in FLOATS else 0)
        if x.dtype in FLOATS:
            def fn(g: Any) -> Any:
                return NAN if _has_nan(g) else pick(g)
        else:
            fn = pick
        return reduce(x, axis, fn, x.dtype, keep_dims)
    return kernel


def any_(x: PyArray, *, axis: Sequence[int], keep_dims: bool = False) -> PyArray:
    return reduce(x, axis, any, "bool", keep_dims)


def all_(x: PyArray, *, axis: Sequence[int], keep_dims: bool = False) -> PyArray:
    if _reduces_nothing(x, axis):
        return full("bool", _out_shape(x.shape, axis, keep_dims), False)
    return reduce(x, axis, all, "bool", keep_dims)


def _arg_extremum(pick: Callable[[Any], Any]) -> Callable[..., PyArray]:
    def fn(g: Any) -> int:
        first = g[0]
        if first != first:  # TF.js compares from element 0: a leading NaN wins
            return 0
        best = pick(g)
        if best != best or _has_nan(g):
            best = pick([v for v in g if v == v])
        return g.index(best)

    def kernel(x: PyArray, *, axis: int) -> PyArray:
        if x.shape[axis] == 0:
            return full("int32", x.shape[:axis] + x.shape[axis + 1:], 0)
        if x.dtype in FLOATS:
            return reduce(x, (axis,), fn, "int32")
        return reduce(x, (axis,), lambda g: g.index(pick(g)), "int32")
    return kernel


def _scan(op: Callable[[Any, Any], Any], identity: int) -> Callable[..., PyArray]:
    def kernel(x: PyArray, *, axis: int, exclusive: bool = False,
               reverse: bool = False) -> PyArray:
        dt = _acc_dtype(x.dtype)
        if x.size == 0:
            return full(dt, x.shape, 0)
        _, r, data = groups(x, (axis,))
        ident: Any = float(identity) if x.dtype in FLOATS else identity
        f32 = x.dtype == "float32"
        out: list = []
        for i in range(0, len(data), r):
            g = data[i:i + r]
            if reverse:
                g = g[::-1]
            if f32:
                # TF.js (and NumPy) accumulate in the float32 output buffer: round each step
                acc = array("f", [0.0]) * len(g)
                if len(g):
                    acc[0] = g[0]
                    for j in range(1, len(g)):
                        acc[j] = op(acc[j - 1], g[j])
                acc = list(acc)
            else:
                acc = list(itertools.accumulate(g, op))
            if exclusive:
                acc = [ident] + acc[:-1]
            if reverse:
                acc.reverse()
            out.extend(acc)
        # ``groups`` moved ``axis`` last; move it back.
        perm = [d for d in range(x.ndim) if d != axis] + [axis]
        moved = new(dt, out, tuple(x.shape[d] for d in perm))
        inv = [perm.index(d) for d in range(x.ndim)]
        return transpose(moved, inv)
    return kernel


def kernels() -> dict[str, Callable[..., Any]]:
    return {
        "Sum": sum_,
        "Prod": prod,
        "Mean": mean,
        "Max": _extremum(max),
        "Min": _extremum(min),
        "Any": any_,
        "All": all_,
        "ArgMax": _arg_extremum(max),
        "ArgMin": _arg_extremum(min),
        "Cumsum": _scan(operator.add, 0),
        "Cumprod": _scan(operator.mul, 1),
    }
