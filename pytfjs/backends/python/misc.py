"""python kernels: misc (Multinomial, ScatterNd, TensorScatterUpdate, SparseToDense,
BitwiseAnd, BroadcastArgs), mirroring ``backends/xp/misc.py`` (same attrs and semantics).

Scatter index rows are checked per dimension (TensorFlow); 1-D indices hold one scalar index
per update (TF.js). ``ScatterNd`` sums repeated indices in order (float32 rounded after each
add, as TF.js's ``Float32Array``); ``TensorScatterUpdate``/``SparseToDense`` keep the last
write. ``Multinomial`` reproduces TF.js's cpu kernel: softmax in float32, a float32 running
CDF of the first ``num_events - 1`` probabilities, and one Alea stream per row seeded with the
``seed`` string.
"""
from __future__ import annotations

import math
from array import array
from typing import Any, Callable, Sequence

from ...core.random import Alea
from ._util import PyArray, new, size_of, strides_of


def broadcast_shape_js(a: Sequence[int], b: Sequence[int]) -> list[int]:
    """TF.js ``assertAndGetBroadcastShape`` on two shapes (lists of ints)."""
    a, b = list(a), list(b)
    n = max(len(a), len(b))
    out = []
    for i in range(n):
        da = a[len(a) - 1 - i] if i < len(a) else 1
        db = b[len(b) - 1 - i] if i < len(b) else 1
        if da == 1:
            out.append(db)
        elif db == 1 or da == db:
            out.append(da)
        else:
            raise ValueError(f"'broadcast_args': operands could not be broadcast together with "
                             f"shapes {a} and {b}")
    return out[::-1]


def scatter_rows(indices: Any, ind_shape: Sequence[int], shape: Sequence[int]) -> tuple:
    """(flat slice ids, slice size) of scatter index rows; raises for a row outside ``shape``.
    ``indices`` is a flat sequence of ints shaped ``ind_shape`` (rank 1: one scalar index per
    update; otherwise the last dimension is the index depth)."""
    k = ind_shape[-1] if len(ind_shape) > 1 else 1
    n = size_of(ind_shape[:-1]) if len(ind_shape) > 1 else size_of(ind_shape)
    dims = list(shape[:k])
    st = strides_of(dims)
    ids = []
    for r in range(n):
        row = indices[r * k:(r + 1) * k]
        off = 0
        for v, d, s in zip(row, dims, st):
            if v < 0 or v >= d:
                raise IndexError(f"Invalid indices: {list(row)} does not index into "
                                 f"{list(shape)}")
            off += v * s
        ids.append(off)
    return ids, size_of(shape[k:]), size_of(dims)


def _buffer(dtype: str, values: list) -> Any:
    return new(dtype, values, (len(values),)).data


def scatter_nd(indices: PyArray, updates: PyArray, *, shape: Sequence[int]) -> PyArray:
    ids, ss, n_slices = scatter_rows(indices.data, indices.shape, shape)
    dt = updates.dtype
    upd = updates.data
    if dt == "bool":
        acc: Any = [False] * (n_slices * ss)
        for i, sid in enumerate(ids):
            for j in range(ss):
                if upd[i * ss + j]:
                    acc[sid * ss + j] = True
        return new("bool", acc, shape)
    if dt in ("float32", "float64"):
        acc = array("f" if dt == "float32" else "d", [0.0]) * (n_slices * ss)
    else:
        acc = [0] * (n_slices * ss)
    for i, sid in enumerate(ids):
        base, src = sid * ss, i * ss
        for j in range(ss):
            acc[base + j] += upd[src + j]  # array('f') rounds after each add
    return new(dt, acc, shape)


def _assign(out: list, ids: list, ss: int, upd: Any, scalar: bool) -> None:
    for i, sid in enumerate(ids):
        base = sid * ss
        if scalar:
            for j in range(ss):
                out[base + j] = upd[0]
        else:
            out[base:base + ss] = list(upd[i * ss:(i + 1) * ss])


def tensor_scatter_update(tensor: PyArray, indices: PyArray, updates: PyArray) -> PyArray:
    ids, ss, _ = scatter_rows(indices.data, indices.shape, tensor.shape)
    out = list(tensor.data)
    _assign(out, ids, ss, updates.data, False)
    return new(tensor.dtype, out, tensor.shape)


def sparse_to_dense(sparse_indices: PyArray, sparse_values: PyArray, default_value: PyArray, *,
                    output_shape: Sequence[int]) -> PyArray:
    ishape = sparse_indices.shape
    k = ishape[1] if len(ishape) > 1 else 1
    n = ishape[0] if len(ishape) > 0 else 1
    ids, ss, n_slices = scatter_rows(sparse_indices.data, (n, k), output_shape)
    out = [default_value.data[0]] * size_of(output_shape)
    _assign(out, ids, ss, sparse_values.data, sparse_values.ndim == 0)
    return new(sparse_values.dtype, out, output_shape)


def bitwise_and(a: PyArray, b: PyArray) -> PyArray:
    return PyArray(array("i", map(int.__and__, a.data, b.data)), a.shape, "int32")


def broadcast_args(s0: PyArray, s1: PyArray) -> PyArray:
    out = broadcast_shape_js(list(s0.data), list(s1.data))
    return PyArray(array("i", out), (len(out),), "int32")


def _softmax_row(row: Sequence[float]) -> list[float]:
    """TF.js cpu softmax of one float32 row: exp(x - max) / sum, each step stored as float32."""
    m = max(row) if not any(v != v for v in row) else math.nan
    e = array("f", [_exp(v) for v in array("f", [x - m for x in row])])
    s = array("f", [sum(e)])[0]  # TF.js sums in double, then stores float32
    return list(array("f", [_div(v, s) for v in e]))


def _exp(v: float) -> float:
    try:
        return math.exp(v)
    except OverflowError:
        return math.inf


def _div(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        return math.nan if a == 0 or a != a else math.copysign(math.inf, a)


def multinomial(logits: PyArray, *, num_samples: int, seed: str,
                normalized: bool) -> PyArray:
    batch, events = logits.shape
    data = logits.data
    out: list[int] = []
    r = Alea(seed).take(num_samples)
    for b in range(batch):
        row = list(data[b * events:(b + 1) * events])
        p = row if normalized else _softmax_row(row)
        cdf = array("f", [0.0]) * (events - 1)
        if events > 1:
            cdf[0] = p[0]
            for e in range(1, events - 1):
                cdf[e] = cdf[e - 1] + p[e]
        for u in r:
            res = events - 1
            for e, c in enumerate(cdf):
                if u < c:
                    res = e
                    break
            out.append(res)
    return PyArray(array("i", out), (batch, num_samples), "int32")


def kernels() -> dict[str, Callable[..., Any]]:
    return {"ScatterNd": scatter_nd, "TensorScatterUpdate": tensor_scatter_update,
            "SparseToDense": sparse_to_dense, "BitwiseAnd": bitwise_and,
            "BroadcastArgs": broadcast_args, "Multinomial": multinomial}
