"""python kernels: convolution, mirroring ``backends/xp/convolution.py`` (N-D, channels-last,
normalized ``strides``/``pad``/``dilations`` attrs). The fused kernels have fallbacks composed
of ops (``ops/convolution.py``).

Work is organised around a *tap table*: for every output position and kernel tap, the flat
spatial input offset it reads (or -1 in the padding). Forward and backprop-filter gather rows
of the im2col matrix from it; backprop-input scatters through it.
"""
from __future__ import annotations

import itertools
import operator
from typing import Any, Callable, Sequence

from ._util import PyArray, new, size_of, strides_of

_mul = operator.mul
_MIN_SAFE_INTEGER = -9007199254740991.0


def _taps(in_sp: Sequence[int], k_sp: Sequence[int], strides: Sequence[int],
          pads: Sequence[Sequence[int]], dilations: Sequence[int]
          ) -> tuple[tuple[int, ...], list[list[int]]]:
    """(out spatial shape, per output position the list of input offsets per tap; -1 = pad)."""
    out_sp = tuple(max(0, (n + b + a - (k - 1) * d - 1) // s + 1)
                   for n, k, s, (b, a), d in zip(in_sp, k_sp, strides, pads, dilations))
    st = strides_of(in_sp)
    per_dim = []  # per dim: for each out index, list over taps of coordinate or None
    for n, k, s, (b, _), d, o in zip(in_sp, k_sp, strides, pads, dilations, out_sp):
        rows = []
        for i in range(o):
            rows.append([c if 0 <= (c := i * s - b + t * d) < n else None for t in range(k)])
        per_dim.append(rows)
    table = []
    for pos in itertools.product(*[range(o) for o in out_sp]):
        coords = [per_dim[dim][p] for dim, p in enumerate(pos)]
        offs = []
        for tap in itertools.product(*coords):
            if any(c is None for c in tap):
                offs.append(-1)
            else:
                offs.append(sum(c * s for c, s in zip(tap, st)))
        table.append(offs)
    return out_sp, table


def _rows(x: PyArray, table: list[list[int]], c: int) -> list[list[float]]:
    """The im2col matrix: one row per (batch, output position), ``taps * c`` values."""
    data = x.data
    spatial = size_of(x.shape[1:-1])
    zeros = [0.0] * c
    rows = []
    for b in range(x.shape[0]):
        base = b * spatial
        for offs in table:
            row: list = []
            for o in offs:
                if o < 0:
                    row += zeros
                else:
                    start = (base + o) * c
                    row += data[start:start + c]
            rows.append(row)
    return rows


def conv(x: PyArray, f: PyArray, *, strides: Sequence[int], pad: Any,
         dilations: Sequence[int]) -> PyArray:
    nd = len(f.shape) - 2
    k_sp, c, o = f.shape[:nd], f.shape[nd], f.shape[nd + 1]
    out_sp, table = _taps(x.shape[1:-1], k_sp, strides, pad, dilations)
    rows = _rows(x, table, c)
    cols = [f.data[j::o] for j in range(o)] if o else []
    vals = [sum(map(_mul, r, col)) for r in rows for col in cols]
    return new(x.dtype, vals, (x.shape[0], *out_sp, o))


def conv_backprop_filter(x: PyArray, dy: PyArray, *, filter_shape: Sequence[int],
                         strides: Sequence[int], pad: Any, dilations: Sequence[int]) -> PyArray:
    nd = len(filter_shape) - 2
    k_sp, c, o = filter_shape[:nd], filter_shape[nd], filter_shape[nd + 1]
    _, table = _taps(x.shape[1:-1], k_sp, strides, pad, dilations)
    rows = _rows(x, table, c)
    kc = size_of(k_sp) * c
    cols = list(zip(*rows)) if rows else [()] * kc
    dcols = [dy.data[j::o] for j in range(o)] if o else []
    vals = [sum(map(_mul, col, dcol)) for col in cols for dcol in dcols]
    return new(x.dtype, vals, tuple(filter_shape))


def conv_backprop_input(dy: PyArray, f: PyArray, *, input_shape: Sequence[int],
                        strides: Sequence[int], pad: Any, dilations: Sequence[int]) -> PyArray:
    nd = len(f.shape) - 2
    k_sp, c, o = f.shape[:nd], f.shape[nd], f.shape[nd + 1]
    in_sp = tuple(input_shape[1:-1])
    _, table = _taps(in_sp, k_sp, strides, pad, dilations)
    spatial = size_of(in_sp)
    acc = [0.0] * size_of(input_shape)
    wrows = [f.data[i * o:(i + 1) * o] for i in range(size_of(k_sp) * c)]
    ddata = dy.data
    p = 0
    for b in range(input_shape[0]):
        base = b * spatial
        for offs in table:
            g = ddata[p * o:(p + 1) * o]
            p += 1
            for t, off in enumerate(offs):
                if off < 0:
                    continue
                start = (base + off) * c
                for ch in range(c):
                    acc[start + ch] += sum(map(_mul, g, wrows[t * c + ch]))
    return new(dy.dtype, acc, tuple(input_shape))


def depthwise(x: PyArray, f: PyArray, *, strides: Sequence[int], pad: Any,
              dilations: Sequence[int]) -> PyArray:
    kh, kw, c, m = f.shape
    out_sp, table = _taps(x.shape[1:-1], (kh, kw), strides, pad, dilations)
    rows = _rows(x, table, c)
    cols = [[f.data[(t * c + ch) * m + j] for t in range(kh * kw)]
            for ch in range(c) for j in range(m)]
    vals = [sum(map(_mul, r[ch::c], cols[ch * m + j]))
            for r in rows for ch in range(c) for j in range(m)]
    return new(x.dtype, vals, (x.shape[0], *out_sp, c * m))


def depthwise_backprop_filter(x: PyArray, dy: PyArray, *, filter_shape: Sequence[int],
                              strides: Sequence[int], pad: Any,
                              dilations: Sequence[int]) -> PyArray:
    kh, kw, c, m = filter_shape
    _, table = _taps(x.shape[1:-1], (kh, kw), strides, pad, dilations)
    rows = _rows(x, table, c)
    cols = list(zip(*rows)) if rows else [()] * (kh * kw * c)
    cm = c * m
    dcols = [dy.data[j::cm] for j in range(cm)] if cm else []
    vals = [sum(map(_mul, cols[t * c + ch], dcols[ch * m + j]))
            for t in range(kh * kw) for ch in range(c) for j in range(m)]
    return new(x.dtype, vals, tuple(filter_shape))


def depthwise_backprop_input(dy: PyArray, f: PyArray, *, input_shape: Sequence[int],
                             strides: Sequence[int], pad: Any,
                             dilations: Sequence[int]) -> PyArray:
    kh, kw, c, m = f.shape
    in_sp = tuple(input_shape[1:-1])
    _, table = _taps(in_sp, (kh, kw), strides, pad, dilations)
    spatial = size_of(in_sp)
    acc = [0.0] * size_of(input_shape)
    fd = f.data
    ddata = dy.data
    cm = c * m
    p = 0
    for b in range(input_shape[0]):
        base = b * spatial
        for offs in table:
            g = ddata[p * cm:(p + 1) * cm]
            p += 1
            for t, off in enumerate(offs):
                if off < 0:
                    continue
                start = (base + off) * c
                w = fd[t * cm:(t + 1) * cm]
                for ch in range(c):
                    acc[start + ch] += sum(map(_mul, g[ch * m:(ch + 1) * m],
                                               w[ch * m:(ch + 1) * m]))
    return new(dy.dtype, acc, tuple(input_shape))


def _dilation_argmax(x: PyArray, f: PyArray, strides: Any, pad: Any, dilations: Any
                     ) -> tuple[tuple[int, ...], list]:
    """Per (batch, position, channel): (max value, input offset of the max, tap)."""
    kh, kw, c = f.shape
    out_sp, table = _taps(x.shape[1:-1], (kh, kw), strides, pad, dilations)
    spatial = size_of(x.shape[1:-1])
    xd, fd = x.data, f.data
    res = []
    for b in range(x.shape[0]):
        base = b * spatial
        for offs in table:
            for ch in range(c):
                best, where, tap = _MIN_SAFE_INTEGER, -1, -1
                for t, off in enumerate(offs):
                    if off < 0:
                        continue
                    v = xd[(base + off) * c + ch] + fd[t * c + ch]
                    if v > best:
                        best, where, tap = v, base + off, t
                    elif where < 0:
                        where, tap = base + off, t
                res.append((best, where, tap))
    return out_sp, res


def dilation2d(x: PyArray, f: PyArray, *, strides: Any, pad: Any, dilations: Any) -> PyArray:
    out_sp, res = _dilation_argmax(x, f, strides, pad, dilations)
    return new(x.dtype, [r[0] for r in res], (x.shape[0], *out_sp, x.shape[-1]))


def dilation2d_backprop_input(x: PyArray, f: PyArray, dy: PyArray, *, strides: Any, pad: Any,
                              dilations: Any) -> PyArray:
    c = x.shape[-1]
    _, res = _dilation_argmax(x, f, strides, pad, dilations)
    acc = [0.0] * x.size
    for i, (_, where, _t) in enumerate(res):
        if where >= 0:
            acc[where * c + i % c] += dy.data[i]
    return new(dy.dtype, acc, x.shape)


def dilation2d_backprop_filter(x: PyArray, f: PyArray, dy: PyArray, *, strides: Any, pad: Any,
                               dilations: Any) -> PyArray:
    c = x.shape[-1]
    _, res = _dilation_argmax(x, f, strides, pad, dilations)
    acc = [0.0] * f.size
    for i, (_, _w, tap) in enumerate(res):
        if tap >= 0:
            acc[tap * c + i % c] += dy.data[i]
    return new(dy.dtype, acc, f.shape)


def kernels() -> dict[str, Callable[..., Any]]:
    return {
        "Conv2D": conv, "Conv3D": conv,
        "Conv2DBackpropInput": conv_backprop_input,
        "Conv3DBackpropInputV2": conv_backprop_input,
        "Conv2DBackpropFilter": conv_backprop_filter,
        "Conv3DBackpropFilterV2": conv_backprop_filter,
        "DepthwiseConv2dNative": depthwise,
        "DepthwiseConv2dNativeBackpropInput": depthwise_backprop_input,
        "DepthwiseConv2dNativeBackpropFilter": depthwise_backprop_filter,
        "Dilation2D": dilation2d,
        "Dilation2DBackpropInput": dilation2d_backprop_input,
        "Dilation2DBackpropFilter": dilation2d_backprop_filter,
    }
