"""python kernels: transformation, mirroring ``backends/xp/transformation.py`` (Cast, Reshape,
ExpandDims, Squeeze, PadV2, MirrorPad, BroadcastTo, SpaceToBatchND, BatchToSpaceND,
DepthToSpace). Shape-only kernels share the input buffer."""
from __future__ import annotations

from typing import Any, Callable, Sequence

from ._util import PyArray, broadcast_to as _broadcast, full, index_map, new, size_of, \
    strided_offsets, strides_of, take, transpose


def cast(x: PyArray, *, dtype: str) -> PyArray:
    if dtype == x.dtype or dtype == "string" or x.dtype == "string":
        return x
    if dtype == "bool":
        return new("bool", x.data, x.shape)  # nonzero (complex too; NaN is true)
    data = x.data
    if x.dtype == "complex64" and dtype != "complex64":
        data = [c.real for c in data]
    # ``new`` converts: float32 rounding, truncation toward zero (NaN/Inf -> 0) for ints, and
    # wrap-around.
    return new(dtype, data, x.shape)


def reshape(x: PyArray, *, shape: Sequence[int]) -> PyArray:
    shape = list(shape)
    if -1 in shape:
        known = size_of([d for d in shape if d != -1])
        shape[shape.index(-1)] = x.size // known if known else 0
    return PyArray(x.data, shape, x.dtype)


def expand_dims(x: PyArray, *, dim: int) -> PyArray:
    if dim < 0:
        dim += x.ndim + 1
    return PyArray(x.data, x.shape[:dim] + (1,) + x.shape[dim:], x.dtype)


def squeeze(x: PyArray, *, axis: Sequence[int] | None = None) -> PyArray:
    if axis is None:
        shape = tuple(d for d in x.shape if d != 1)
    else:
        drop = {a % x.ndim for a in axis} if x.ndim else set()
        shape = tuple(d for i, d in enumerate(x.shape) if i not in drop)
    return PyArray(x.data, shape, x.dtype)


def pad(x: PyArray, *, paddings: Sequence[Sequence[int]], constant_value: Any) -> PyArray:
    shape = tuple(b + d + a for (b, a), d in zip(paddings, x.shape))
    out = full(x.dtype, shape, constant_value)
    if x.size == 0:
        return out
    if x.ndim == 0:
        return x
    ost = strides_of(shape)
    # destination offset of each contiguous input row (the last axis)
    row_offs = [strided_offsets(d, s, b) for (b, _), d, s in
                zip(paddings[:-1], x.shape[:-1], ost[:-1])]
    dests = index_map(row_offs, paddings[-1][0])
    w = x.shape[-1]
    data, src = out.data, x.data
    for r, dst in enumerate(dests):
        data[dst:dst + w] = src[r * w:(r + 1) * w]
    return out


def _mirror_index(n: int, before: int, after: int, mode: str) -> list:
    sym = mode == "symmetric"
    idx = []
    for i in range(-before, n + after):
        j = i
        if j < 0:
            j = -j - 1 if sym else -j
        elif j >= n:
            j = 2 * n - 1 - j if sym else 2 * n - 2 - j
        idx.append(j)
    return idx


def mirror_pad(x: PyArray, *, paddings: Sequence[Sequence[int]], mode: str) -> PyArray:
    st = strides_of(x.shape)
    offs = [[j * s for j in _mirror_index(d, b, a, mode)]
            for (b, a), d, s in zip(paddings, x.shape, st)]
    shape = tuple(len(o) for o in offs)
    return PyArray(take(x.data, index_map(offs)), shape, x.dtype)


def broadcast_to(x: PyArray, *, shape: Sequence[int]) -> PyArray:
    return PyArray(_broadcast(x, shape), shape, x.dtype)


def _slice(x: PyArray, begin: Sequence[int], size: Sequence[int]) -> PyArray:
    st = strides_of(x.shape)
    offs = [strided_offsets(n, s, b) for b, n, s in zip(begin, size, st)]
    return PyArray(take(x.data, index_map(offs)), size, x.dtype)


def space_to_batch_nd(x: PyArray, *, block_shape: Sequence[int],
                      paddings: Sequence[Sequence[int]]) -> PyArray:
    m = len(block_shape)
    if any(b or a for b, a in paddings):
        full_p = ((0, 0),) + tuple(tuple(p) for p in paddings) + ((0, 0),) * (x.ndim - 1 - m)
        x = pad(x, paddings=full_p, constant_value=0)
    batch, spatial, rest = x.shape[0], x.shape[1:1 + m], x.shape[1 + m:]
    split = [batch]
    for d, b in zip(spatial, block_shape):
        split += [d // b, b]
    x = x.reshape(tuple(split) + rest)
    perm = ([2 + 2 * i for i in range(m)] + [0] + [1 + 2 * i for i in range(m)]
            + list(range(1 + 2 * m, x.ndim)))
    x = transpose(x, perm)
    prod = size_of(block_shape)
    return x.reshape((batch * prod,) + tuple(d // b for d, b in zip(spatial, block_shape))
                     + rest)


def batch_to_space_nd(x: PyArray, *, block_shape: Sequence[int],
                      crops: Sequence[Sequence[int]]) -> PyArray:
    m = len(block_shape)
    prod = size_of(block_shape)
    batch = x.shape[0] // prod
    spatial, rest = x.shape[1:1 + m], x.shape[1 + m:]
    x = x.reshape(tuple(block_shape) + (batch,) + spatial + rest)
    perm = [m]
    for i in range(m):
        perm += [m + 1 + i, i]
    perm += list(range(2 * m + 1, x.ndim))
    x = transpose(x, perm)
    x = x.reshape((batch,) + tuple(d * b for d, b in zip(spatial, block_shape)) + rest)
    begin = [0] + [c0 for c0, _ in crops] + [0] * len(rest)
    size = [batch] + [x.shape[1 + i] - c0 - c1 for i, (c0, c1) in enumerate(crops)] + list(rest)
    if begin == [0] * len(begin) and tuple(size) == x.shape:
        return x
    return _slice(x, begin, size)


def depth_to_space(x: PyArray, *, block_size: int, data_format: str) -> PyArray:
    bs = block_size
    if data_format == "NHWC":
        n, h, w, c = x.shape
        y = transpose(x.reshape((n, h, w, bs, bs, c // (bs * bs))), (0, 1, 3, 2, 4, 5))
        return y.reshape((n, h * bs, w * bs, c // (bs * bs)))
    n, c, h, w = x.shape
    y = transpose(x.reshape((n, bs, bs, c // (bs * bs), h, w)), (0, 3, 4, 1, 5, 2))
    return y.reshape((n, c // (bs * bs), h * bs, w * bs))


def kernels() -> dict[str, Callable[..., Any]]:
    return {"Cast": cast, "Reshape": reshape, "ExpandDims": expand_dims, "Squeeze": squeeze,
            "PadV2": pad, "MirrorPad": mirror_pad, "BroadcastTo": broadcast_to,
            "SpaceToBatchND": space_to_batch_nd, "BatchToSpaceND": batch_to_space_nd,
            "DepthToSpace": depth_to_space}
