"""python kernels: normalization (Softmax, LogSoftmax, FusedBatchNorm, LRN), mirroring
``backends/xp/normalization.py``: computed in double, stored as float32 (float64 stays
float64); integer inputs give results truncated back to their dtype where TF.js does."""
from __future__ import annotations

import math
from typing import Any, Callable, Sequence

from ._util import FLOATS, INF, INTS, NAN, PyArray, apply, from_float, groups, new, \
    transpose


def _float_dtype(x: PyArray) -> str:
    return x.dtype if x.dtype in FLOATS else "float32"


def _max(g: Sequence[float]) -> float:
    return NAN if any(map(math.isnan, g)) else max(g)


def _exp(v: float) -> float:
    try:
        return math.exp(v)
    except OverflowError:
        return INF


def _log(v: float) -> float:
    if v > 0:
        return math.log(v)
    return -INF if v == 0 else NAN


def _along(x: PyArray, axis: int, row_fn: Callable[[Sequence[float]], list]) -> PyArray:
    """Applies ``row_fn`` to every 1-D run along ``axis``; the result has x's shape."""
    axis %= x.ndim
    _, r, data = groups(x, (axis,))
    out: list = []
    for i in range(0, len(data), r):
        out += row_fn(data[i:i + r])
    perm = [d for d in range(x.ndim) if d != axis] + [axis]
    moved = new(_float_dtype(x), out, tuple(x.shape[d] for d in perm))
    return transpose(moved, [perm.index(d) for d in range(x.ndim)])


def _softmax_row(g: Sequence[float]) -> list:
    m = _max(g)
    e = [_exp(v - m) for v in g]
    s = sum(e)
    return [v / s if s else (NAN if v == 0 else math.copysign(INF, v)) for v in e]


def _log_softmax_row(g: Sequence[float]) -> list:
    m = _max(g)
    shifted = [v - m for v in g]
    lse = _log(sum(_exp(v) for v in shifted))
    return [v - lse for v in shifted]


def softmax(x: PyArray, *, dim: int) -> PyArray:
    if x.size == 0:
        return PyArray(x.data if x.dtype in FLOATS else new("float32", [], x.shape).data,
                       x.shape, _float_dtype(x))
    return _along(x, dim, _softmax_row)


def log_softmax(x: PyArray, *, axis: int) -> PyArray:
    if x.size == 0:
        return PyArray(new(_float_dtype(x), [], x.shape).data, x.shape, _float_dtype(x))
    return _along(x, axis, _log_softmax_row)


def _like_input(vals: Any, x: PyArray, shape: Sequence[int]) -> PyArray:
    if x.dtype in INTS:
        return from_float(vals, x.dtype, shape)
    return new(_float_dtype(x), vals, shape)


def _rsqrt(v: float) -> float:
    if v > 0:
        return 1.0 / math.sqrt(v)
    return INF if v == 0 else NAN


def fused_batch_norm(x: PyArray, mean: PyArray, variance: PyArray, *rest: PyArray,
                     variance_epsilon: float = 0.001, has_offset: bool = False,
                     has_scale: bool = False) -> PyArray:
    """``(x - mean) * scale / sqrt(variance + eps) + offset``; the optional ``offset`` and
    ``scale`` follow ``variance`` in that order when their ``has_*`` attr is set."""
    rest_it = iter(rest)
    offset = next(rest_it) if has_offset else None
    scale = next(rest_it) if has_scale else None
    eps = float(variance_epsilon)
    inv_vals, inv_shape = apply(lambda v: _rsqrt(v + eps), (variance,), {})
    inv = PyArray(list(inv_vals), inv_shape, "float64")
    if scale is not None:
        vals, shp = apply(lambda a, b: a * b, (inv, scale), {})
        inv = PyArray(list(vals), shp, "float64")
    if offset is None:
        vals, shape = apply(lambda a, m, s: (a - m) * s, (x, mean, inv), {})
    else:
        vals, shape = apply(lambda a, m, s, o: (a - m) * s + o, (x, mean, inv, offset), {})
    return _like_input(vals, x, shape)


def lrn(x: PyArray, *, depth_radius: int = 5, bias: float = 1.0, alpha: float = 1.0,
        beta: float = 0.5) -> PyArray:
    """Local response normalization over the last axis: ``x / (bias + alpha *
    sum(x[c-r..c+r]**2)) ** beta``."""
    depth = x.shape[-1] if x.ndim else 1
    data = x.data
    r = depth_radius
    out: list = []
    for i in range(0, len(data), depth):
        row = data[i:i + depth]
        sq = [float(v) * v for v in row]
        for c, v in enumerate(row):
            s = sum(sq[max(0, c - r):c + r + 1])
            base = bias + alpha * s
            try:
                out.append(v * math.pow(base, -beta))
            except (ValueError, ZeroDivisionError):
                out.append(v * (INF if base == 0 else NAN))
            except OverflowError:
                out.append(v * INF)
    return _like_input(out, x, x.shape)


def kernels() -> dict[str, Callable[..., Any]]:
    return {"Softmax": softmax, "LogSoftmax": log_softmax, "FusedBatchNorm": fused_batch_norm,
            "LRN": lrn}
