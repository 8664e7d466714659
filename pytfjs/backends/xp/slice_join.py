"""xp kernels: slicing and joining (Concat, Pack, Unpack, SplitV, Slice, StridedSlice,
GatherV2, GatherNd, Tile, Reverse, UnsortedSegmentSum).

Basic slicing returns views of the input (arrays are never mutated in place, so sharing is
safe). A view keeps its whole base array alive, so :func:`_own` copies a view that holds less
than half of its base: a small slice of a large tensor must not pin the large buffer after the
large tensor is disposed.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from ._common import quiet


def _own(view: Any) -> Any:
    base_bytes = getattr(view.base, "nbytes", None)
    if base_bytes is not None and view.nbytes * 2 < base_bytes:
        return view.copy()
    return view


def _slices(begin: Sequence[int], end: Sequence[int], strides: Sequence[int]) -> tuple:
    # A negative end (only -1 occurs, with a negative stride) means "through index 0".
    return tuple(slice(b, e if e >= 0 else None, s) for b, e, s in zip(begin, end, strides))


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def concat(*xs: Any, axis: int) -> Any:
        if len(xs) == 1:
            return xs[0]
        return xp.concatenate(xs, axis=axis)

    def pack(*xs: Any, axis: int) -> Any:
        return xp.stack(xs, axis=axis)

    def unpack(x: Any, *, axis: int) -> tuple:
        n = x.shape[axis]
        lead = (slice(None),) * axis
        return tuple(_own(x[lead + (i,)]) for i in range(n))

    def split_v(x: Any, *, size_splits: Sequence[int], axis: int) -> tuple:
        out = []
        start = 0
        lead = (slice(None),) * axis
        for size in size_splits:
            out.append(_own(x[lead + (slice(start, start + size),)]))
            start += size
        return tuple(out)

    def slice_(x: Any, *, begin: Sequence[int], size: Sequence[int]) -> Any:
        return _own(x[tuple(slice(b, b + s) for b, s in zip(begin, size))])

    def strided_slice(x: Any, *, begin: Sequence[int], end: Sequence[int],
                      strides: Sequence[int], shape: Sequence[int]) -> Any:
        out = x[_slices(begin, end, strides)]
        if out.shape != tuple(shape):
            out = out.reshape(shape)
        return _own(out)

    def _check_indices(indices: Any, dim: int, op: str) -> None:
        if indices.size == 0:
            return
        lo, hi = int(indices.min()), int(indices.max())
        if lo < 0 or hi >= dim:
            bad = lo if lo < 0 else hi
            raise IndexError(f"'{op}': the index value {bad} is not in [0, {dim - 1}]")

    def gather_v2(x: Any, indices: Any, *, axis: int, batch_dims: int = 0) -> Any:
        _check_indices(indices, x.shape[axis], "gather")
        if batch_dims == 0:
            return xp.take(x, indices, axis=axis)
        bshape = x.shape[:batch_dims]
        nb = 1
        for d in bshape:
            nb *= d
        outer = 1
        for d in x.shape[batch_dims:axis]:
            outer *= d
        inner = 1
        for d in x.shape[axis + 1:]:
            inner *= d
        x4 = x.reshape(nb, outer, x.shape[axis], inner)
        idx = indices.reshape(nb, -1)
        out = x4[xp.arange(nb)[:, None, None], xp.arange(outer)[None, :, None], idx[:, None, :]]
        return out.reshape(x.shape[:axis] + indices.shape[batch_dims:] + x.shape[axis + 1:])

    def gather_nd(x: Any, indices: Any) -> Any:
        k = indices.shape[-1]
        batch = indices.shape[:-1]
        out_shape = batch + x.shape[k:]
        if k == 0:
            return xp.broadcast_to(x, out_shape).copy()
        flat = indices.reshape(-1, k)
        if flat.shape[0]:
            dims = xp.asarray(x.shape[:k], dtype=indices.dtype)
            bad = ((flat < 0) | (flat >= dims)).any(axis=1)
            if bool(bad.any()):
                row = flat[int(xp.argmax(bad))].tolist()
                raise IndexError(f"'gather_nd': invalid indices: {row} does not index into "
                                 f"shape {list(x.shape)}")
        out = x[tuple(flat[:, j] for j in range(k))]
        return out.reshape(out_shape)

    def tile(x: Any, *, reps: Sequence[int]) -> Any:
        return xp.tile(x, tuple(reps))

    def reverse(x: Any, *, axis: Sequence[int]) -> Any:
        if not axis:
            return x
        return xp.flip(x, axis=tuple(axis))

    def unsorted_segment_sum(x: Any, segment_ids: Any, *, num_segments: int) -> Any:
        # TensorFlow semantics: segment_ids.shape is a prefix of x.shape; the output is
        # [num_segments] + x.shape[segment_ids.ndim:]; ids outside [0, num_segments) are dropped.
        inner_shape = x.shape[segment_ids.ndim:]
        inner = 1
        for d in inner_shape:
            inner *= d
        ids = segment_ids.reshape(-1)
        data = x.reshape(ids.shape[0], inner)
        out = xp.zeros((num_segments, inner), dtype=x.dtype)
        if ids.shape[0] and inner and num_segments:
            valid = (ids >= 0) & (ids < num_segments)
            if not bool(valid.all()):
                ids, data = ids[valid], data[valid]
            with quiet(xp):  # inf + -inf is NaN silently, as in TF.js
                xp.add.at(out, ids, data)  # unbuffered: repeated ids accumulate
        return out.reshape((num_segments,) + tuple(inner_shape))

    return {"Concat": concat, "Pack": pack, "Unpack": unpack, "SplitV": split_v,
            "Slice": slice_, "StridedSlice": strided_slice, "GatherV2": gather_v2,
            "GatherNd": gather_nd, "Tile": tile, "Reverse": reverse,
            "UnsortedSegmentSum": unsorted_segment_sum}
