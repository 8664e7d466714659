"""python kernels: slicing and joining, mirroring ``backends/xp/slice_join.py`` (same attrs)."""
from __future__ import annotations

import operator
from array import array
from typing import Any, Callable, Sequence

from ._util import PyArray, empty_like_data, index_map, new, size_of, strided_offsets, strides_of, \
    take


def _view(x: PyArray, offsets: Sequence[Sequence[int]], shape: Sequence[int],
          base: int = 0) -> PyArray:
    """The elements of ``x`` at ``base + sum(offsets[d][i_d])``, shaped ``shape``."""
    return PyArray(take(x.data, index_map(offsets, base)), shape, x.dtype)


def _full_offsets(x: PyArray) -> list:
    st = strides_of(x.shape)
    return [strided_offsets(d, s) for d, s in zip(x.shape, st)]


def concat(*xs: PyArray, axis: int) -> PyArray:
    if len(xs) == 1:
        return xs[0]
    first = xs[0]
    shape = list(first.shape)
    shape[axis] = sum(x.shape[axis] for x in xs)
    outer = size_of(first.shape[:axis])
    data = empty_like_data(first.dtype)
    if outer == 1:
        for x in xs:
            data += x.data
    else:
        chunks = [(x.data, size_of(x.shape[axis:])) for x in xs]
        for o in range(outer):
            for d, c in chunks:
                data += d[o * c:(o + 1) * c]
    return PyArray(data, shape, first.dtype)


def pack(*xs: PyArray, axis: int) -> PyArray:
    shape = xs[0].shape[:axis] + (1,) + xs[0].shape[axis:]
    return concat(*[x.reshape(shape) for x in xs], axis=axis) if len(xs) > 1 else \
        xs[0].reshape(shape)


def _range_along(x: PyArray, axis: int, start: int, size: int) -> PyArray:
    offs = _full_offsets(x)
    st = strides_of(x.shape)[axis]
    offs[axis] = strided_offsets(size, st, start)
    shape = list(x.shape)
    shape[axis] = size
    return _view(x, offs, shape)


def unpack(x: PyArray, *, axis: int) -> tuple:
    offs = _full_offsets(x)
    st = strides_of(x.shape)[axis]
    del offs[axis]
    shape = x.shape[:axis] + x.shape[axis + 1:]
    return tuple(_view(x, offs, shape, i * st) for i in range(x.shape[axis]))


def split_v(x: PyArray, *, size_splits: Sequence[int], axis: int) -> tuple:
    out = []
    start = 0
    for size in size_splits:
        out.append(_range_along(x, axis, start, size))
        start += size
    return tuple(out)


def slice_(x: PyArray, *, begin: Sequence[int], size: Sequence[int]) -> PyArray:
    st = strides_of(x.shape)
    offs = [strided_offsets(n, s, b) for b, n, s in zip(begin, size, st)]
    offs += _full_offsets(x)[len(offs):]
    shape = list(size) + list(x.shape[len(size):])
    return _view(x, offs, shape)


def strided_slice(x: PyArray, *, begin: Sequence[int], end: Sequence[int],
                  strides: Sequence[int], shape: Sequence[int]) -> PyArray:
    st = strides_of(x.shape)
    offs = []
    for d, (b, e, s) in enumerate(zip(begin, end, strides)):
        # a negative end (only -1 occurs, with a negative stride) means "through index 0"
        start, stop, step = slice(b, e if e >= 0 else None, s).indices(x.shape[d])
        n = len(range(start, stop, step))
        offs.append(strided_offsets(n, st[d], start, step))
    offs += _full_offsets(x)[len(offs):]
    return _view(x, offs, shape)


def _check_indices(idx: Sequence[int], dim: int, op: str) -> None:
    if not len(idx):
        return
    lo, hi = min(idx), max(idx)
    if lo < 0 or hi >= dim:
        bad = lo if lo < 0 else hi
        raise IndexError(f"'{op}': the index value {bad} is not in [0, {dim - 1}]")


def gather_v2(x: PyArray, indices: PyArray, *, axis: int, batch_dims: int = 0) -> PyArray:
    dim = x.shape[axis]
    _check_indices(indices.data, dim, "gather")
    out_shape = x.shape[:axis] + indices.shape[batch_dims:] + x.shape[axis + 1:]
    nb = size_of(x.shape[:batch_dims])
    outer = size_of(x.shape[batch_dims:axis])
    inner = size_of(x.shape[axis + 1:])
    per_b = len(indices.data) // nb if nb else 0
    outer_offs = strided_offsets(outer, dim * inner)
    inner_offs = range(inner)
    idx: list = []
    for b in range(nb):
        sel = [i * inner for i in indices.data[b * per_b:(b + 1) * per_b]]
        idx += index_map([outer_offs, sel, inner_offs], b * outer * dim * inner)
    return PyArray(take(x.data, idx), out_shape, x.dtype)


def gather_nd(x: PyArray, indices: PyArray) -> PyArray:
    k = indices.shape[-1]
    batch = indices.shape[:-1]
    out_shape = batch + x.shape[k:]
    inner = size_of(x.shape[k:])
    rows = size_of(batch)
    if k == 0:
        return PyArray(x.data * rows, out_shape, x.dtype)
    st = strides_of(x.shape)[:k]
    dims = x.shape[:k]
    data = indices.data
    bases = []
    for r in range(rows):
        row = data[r * k:(r + 1) * k]
        off = 0
        for v, d, s in zip(row, dims, st):
            if v < 0 or v >= d:
                raise IndexError(f"'gather_nd': invalid indices: {list(row)} does not index "
                                 f"into shape {list(x.shape)}")
            off += v * s
        bases.append(off)
    idx = index_map([bases, range(inner)])
    return PyArray(take(x.data, idx), out_shape, x.dtype)


def tile(x: PyArray, *, reps: Sequence[int]) -> PyArray:
    reps = list(reps)
    # NumPy's tile promotes the input to len(reps) dimensions (or reps to the rank).
    rank = max(x.ndim, len(reps))
    shape = (1,) * (rank - x.ndim) + tuple(x.shape)
    reps = [1] * (rank - len(reps)) + reps
    st = strides_of(shape)
    offs = [list(strided_offsets(d, s)) * r for d, s, r in zip(shape, st, reps)]
    out_shape = tuple(d * r for d, r in zip(shape, reps))
    return PyArray(take(x.data, index_map(offs)), out_shape, x.dtype)


def reverse(x: PyArray, *, axis: Sequence[int]) -> PyArray:
    if not axis or x.size == 0:
        return x
    axes = {a % x.ndim for a in axis}
    st = strides_of(x.shape)
    offs = [strided_offsets(d, s, d - 1, -1) if i in axes else strided_offsets(d, s)
            for i, (d, s) in enumerate(zip(x.shape, st))]
    return _view(x, offs, x.shape)


def unsorted_segment_sum(x: PyArray, segment_ids: PyArray, *, num_segments: int) -> PyArray:
    """TensorFlow semantics: ``segment_ids.shape`` is a prefix of ``x.shape``; the output is
    ``[num_segments] + x.shape[segment_ids.ndim:]``; ids outside [0, num_segments) are
    dropped. float32 sums are rounded after each add (as NumPy's ``add.at``)."""
    inner_shape = x.shape[segment_ids.ndim:]
    inner = size_of(inner_shape)
    out_shape = (num_segments,) + tuple(inner_shape)
    dt = x.dtype
    if dt == "float32":
        acc: Any = array("f", [0.0]) * (num_segments * inner)
    else:
        acc = [False if dt == "bool" else 0] * (num_segments * inner)
    add = operator.or_ if dt == "bool" else operator.add
    data = x.data
    for r, seg in enumerate(segment_ids.data):
        if 0 <= seg < num_segments and inner:
            lo = seg * inner
            summed = map(add, acc[lo:lo + inner], data[r * inner:(r + 1) * inner])
            acc[lo:lo + inner] = array("f", summed) if dt == "float32" else list(summed)
    if dt == "float32":
        return PyArray(acc, out_shape, dt)
    return new(dt, acc, out_shape)


def kernels() -> dict[str, Callable[..., Any]]:
    return {"Concat": concat, "Pack": pack, "Unpack": unpack, "SplitV": split_v,
            "Slice": slice_, "StridedSlice": strided_slice, "GatherV2": gather_v2,
            "GatherNd": gather_nd, "Tile": tile, "Reverse": reverse,
            "UnsortedSegmentSum": unsorted_segment_sum}
