"""Python kernels: pooling (MaxPool, AvgPool, MaxPool3D, AvgPool3D, MaxPoolWithArgmax,
MaxPoolGrad, AvgPoolGrad, MaxPool3DGrad, AvgPool3DGrad), mirroring ``backends/xp/pooling.py``
with plain loops over the windows: the reference the vectorised kernels are checked against.

For every window the real cells (inside x) are listed in row-major window order; max scans
them with ``>`` (2-D: the first maximum wins) or ``>=`` (3-D: the last wins) from -Infinity, so
NaN is ignored; avg divides by the number of real cells.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable, Iterator

from ._util import FLOATS, INF, NAN, PyArray, from_float, new, size_of, strides_of


def _geometry(shape: tuple, attrs: dict) -> list[tuple[int, int, int, int, int]]:
    from ...ops.pooling import pool_geometry
    sizes = shape[1:-1]
    outs, befores = pool_geometry(sizes, attrs["filter_size"], attrs["strides"], attrs["pad"],
                                  attrs.get("dim_rounding_mode"))
    return list(zip(sizes, attrs["filter_size"], attrs["strides"], befores, outs))


def _windows(shape: tuple, geo: list) -> Iterator[tuple[int, list[int], int]]:
    """Yields (batch, flat offsets of the window's real cells at channel 0 in window order,
    window count) for every output position, in output row-major order (channels excepted)."""
    st = strides_of(shape)
    per_axis = []
    for ax, (size, f, s, before, o) in enumerate(geo, 1):
        lists = []
        for j in range(o):
            c = j * s - before
            lists.append([i * st[ax] for i in range(max(0, c), min(size, c + f))])
        per_axis.append(lists)
    for b in range(shape[0]):
        for combo in itertools.product(*per_axis):
            cells = [b * st[0] + sum(parts) for parts in itertools.product(*combo)]
            yield b, cells, len(cells)


def _out_shape(shape: tuple, geo: list) -> tuple:
    return (shape[0], *[g[4] for g in geo], shape[-1])


def _argmax(vals: list, last: bool) -> int:
    """Index of the chosen maximum (``>``: first, ``>=``: last) scanning from -inf; -1 when
    nothing qualifies (only NaN, or only -inf with ``>``)."""
    best, pos = -INF, -1
    for i, v in enumerate(vals):
        if v > best or (last and v >= best):
            best, pos = v, i
    return pos


def _max_pool(x: PyArray, attrs: dict, out_dtype: str) -> PyArray:
    geo = _geometry(x.shape, attrs)
    shape = _out_shape(x.shape, geo)
    ch = x.shape[-1]
    data = x.data
    out: list = []
    if size_of(shape):
        for _, cells, _n in _windows(x.shape, geo):
            for c in range(ch):
                m = -INF
                for i in cells:
                    v = data[i + c]
                    if v > m:
                        m = v
                out.append(m)
    if out_dtype in FLOATS:
        return new(out_dtype, out, shape)
    return from_float(out, out_dtype, shape)


def _avg_pool(x: PyArray, attrs: dict, empty_is_nan: bool) -> PyArray:
    geo = _geometry(x.shape, attrs)
    shape = _out_shape(x.shape, geo)
    ch = x.shape[-1]
    data = x.data
    out: list = []
    if size_of(shape):
        for _, cells, n in _windows(x.shape, geo):
            for c in range(ch):
                total = 0.0
                for i in cells:
                    total += data[i + c]
                out.append(total / n if n else (NAN if empty_is_nan else 0.0))
    return new(x.dtype if x.dtype in FLOATS else "float32", out, shape)


def _grad_dtype(dy: PyArray) -> str:
    return dy.dtype if dy.dtype in FLOATS else "float32"


def _max_pool_grad(dy: PyArray, x: PyArray, attrs: dict, last: bool) -> PyArray:
    geo = _geometry(x.shape, attrs)
    ch = x.shape[-1]
    dx = [0.0] * x.size
    if dy.size:
        data, g = x.data, dy.data
        k = 0
        for _, cells, _n in _windows(x.shape, geo):
            for c in range(ch):
                pos = _argmax([data[i + c] for i in cells], last)
                if pos >= 0:
                    dx[cells[pos] + c] += g[k]
                k += 1
    return new(_grad_dtype(dy), dx, x.shape)


def _avg_pool_grad(dy: PyArray, x: PyArray, attrs: dict) -> PyArray:
    geo = _geometry(x.shape, attrs)
    ch = x.shape[-1]
    dx = [0.0] * x.size
    if dy.size:
        g = dy.data
        k = 0
        for _, cells, n in _windows(x.shape, geo):
            for c in range(ch):
                if n:
                    share = g[k] / n
                    for i in cells:
                        dx[i + c] += share
                k += 1
    return new(_grad_dtype(dy), dx, x.shape)


def max_pool(x: PyArray, **attrs: Any) -> PyArray:
    return _max_pool(x, attrs, x.dtype)


def max_pool3d(x: PyArray, *, data_format: str = "NDHWC", **attrs: Any) -> PyArray:
    return _max_pool(x, attrs, "float64" if x.dtype == "float64" else "float32")


def avg_pool(x: PyArray, **attrs: Any) -> PyArray:
    return _avg_pool(x, attrs, True)


def avg_pool3d(x: PyArray, *, data_format: str = "NDHWC", **attrs: Any) -> PyArray:
    return _avg_pool(x, attrs, False)


def max_pool_grad(dy: PyArray, x: PyArray, y: PyArray, **attrs: Any) -> PyArray:
    return _max_pool_grad(dy, x, attrs, False)


def max_pool3d_grad(dy: PyArray, x: PyArray, y: PyArray, **attrs: Any) -> PyArray:
    return _max_pool_grad(dy, x, attrs, True)


def avg_pool_grad(dy: PyArray, x: PyArray, **attrs: Any) -> PyArray:
    return _avg_pool_grad(dy, x, attrs)


def max_pool_with_argmax(x: PyArray, *, include_batch_in_index: bool = False,
                         **attrs: Any) -> tuple[PyArray, PyArray]:
    geo = _geometry(x.shape, attrs)
    shape = _out_shape(x.shape, geo)
    ch = x.shape[-1]
    batch_size = size_of(x.shape[1:])
    data = x.data
    vals: list = []
    idx: list = []
    if size_of(shape):
        for b, cells, _n in _windows(x.shape, geo):
            for c in range(ch):
                pos = _argmax([data[i + c] for i in cells], False)
                if pos < 0:
                    vals.append(-INF)
                    idx.append(-1)
                    continue
                vals.append(data[cells[pos] + c])
                flat = cells[pos] + c
                idx.append(flat if include_batch_in_index else flat - b * batch_size)
    result = new(x.dtype, vals, shape) if x.dtype in FLOATS else from_float(vals, x.dtype, shape)
    return result, new("int32", idx, shape)


def kernels() -> dict[str, Callable[..., Any]]:
    return {"MaxPool": max_pool, "AvgPool": avg_pool, "MaxPool3D": max_pool3d,
            "AvgPool3D": avg_pool3d, "MaxPoolGrad": max_pool_grad, "AvgPoolGrad": avg_pool_grad,
            "MaxPool3DGrad": max_pool3d_grad, "AvgPool3DGrad": avg_pool_grad,
            "MaxPoolWithArgmax": max_pool_with_argmax}
