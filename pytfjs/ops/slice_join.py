"""Ops: slicing and joining (concat, stack, unstack, split, slice, strided_slice, gather,
gather_nd, tile, reverse, unsorted_segment_sum) and ``Tensor.__getitem__``, with their
gradients.

Gradients follow TF.js (``tfjs-core/src/gradients``): Concat -> split of dy, Pack -> unstack,
Unpack -> stack, SplitV -> concat, Slice -> pad, GatherV2 -> unsorted_segment_sum of dy along
the axis, Tile -> sum over the tiled copies, Reverse -> reverse, UnsortedSegmentSum -> gather of
dy. TF.js has no gradient for StridedSlice and GatherNd; here they follow TensorFlow
(``StridedSliceGrad``: dy scattered into zeros; ``GatherNd``: ``scatter_nd`` of dy, summing
repeated indices). Every gradient is composed of public ops, so gradients of gradients work.

Deliberate differences from TF.js 4.22 (each is an error or an accident there):

- ``concat`` and ``stack`` upcast mixed dtypes (int32 + float32 -> float32). TF.js's ``stack``
  throws, and its cpu ``concat`` silently writes every input into the *first* tensor's dtype
  (``concat([int32 [1, 2], float32 [1.5]])`` is int32 ``[1, 2, 1]``).
- ``split`` accepts ``-1`` at any position of ``num_or_size_splits``; TF.js miscomputes it
  when it comes first (``split(x, [-1, 2])`` throws there).
- ``strided_slice`` with ``begin > end`` (positive stride) returns an empty slice, as
  TensorFlow and NumPy do; TF.js throws from its fast path. A shrunk axis may have a positive
  stride other than 1 (TensorFlow semantics); TF.js reads out of bounds.
- ``slice`` with ``begin`` beyond the dimension and size ``-1`` raises; TF.js returns a tensor
  with a negative dimension. ``begin``, ``end`` and ``strides`` of ``strided_slice`` must have
  the same length.
- ``gather`` with ``batch_dims > axis`` raises a clear error.
- ``unsorted_segment_sum`` follows TensorFlow where TF.js's cpu kernel (a masked multiply per
  segment) is accidental: a NaN/Inf stays in its own segment (TF.js spreads NaN to every
  segment, since ``0 * NaN`` is NaN), ``segment_ids`` of rank > 1 index the leading dimensions
  of ``x`` (TF.js mis-sums them), and ``num_segments=0`` gives an empty result (TF.js throws an
  unrelated error). As in TF.js, int32 and bool inputs give float32 sums. Its gradient gives 0
  for ids outside ``[0, num_segments)`` (TF.js's throws for ids >= num_segments).
"""
from __future__ import annotations

import builtins
from typing import Any, Sequence

from ..core import dtypes as _dt
from ..core.engine import ENGINE
from ..core.opdef import op, run, to_tensor, to_tensors
from ..core.shapes import ShapeError, normalize_axis, parse_axes
from ..core.slicing import SliceIndexError, getitem_spec, strided_slice_spec
from ..core import tensor as _tensor_mod
from ..core.tensor import Tensor
from ._util import assert_dtypes, cast_to

__all__ = ["concat", "stack", "unstack", "split", "slice", "strided_slice", "gather",
           "gather_nd", "tile", "reverse", "unsorted_segment_sum"]

_pyslice = builtins.slice


def _int(v: Any, arg: str, op_name: str) -> int:
    if isinstance(v, bool) or not hasattr(v, "__index__"):
        raise TypeError(f"'{op_name}': {arg} must be an int, got {v!r}")
    return int(v.__index__())


def _int_list(v: Any, arg: str, op_name: str) -> list[int]:
    if isinstance(v, Tensor):
        v = v.to_list()
    if not isinstance(v, (list, tuple)):
        raise TypeError(f"'{op_name}': {arg} must be a list of ints, got {type(v).__name__}")
    return [_int(x, f"{arg}[{i}]", op_name) for i, x in enumerate(v)]


def _prod(dims: Sequence[int]) -> int:
    n = 1
    for d in dims:
        n *= d
    return n


def _zeros(shape: Sequence[int], dtype: str) -> Tensor:
    from .creation import zeros
    return zeros(list(shape), dtype)


def _dy_list(dy: Any) -> list[Tensor]:
    # the tape passes a multi-output kernel's dys as a list, but a lone Tensor when the kernel
    # produced a single output (unstack of an axis of size 1, split into 1 piece)
    return [dy] if isinstance(dy, Tensor) else list(dy)


def _common_dtype(ts: list[Tensor], op_name: str) -> str:
    dtype = ts[0].dtype
    for t in ts[1:]:
        if t.dtype == dtype:
            continue
        if "complex64" in (t.dtype, dtype):
            other = t.dtype if dtype == "complex64" else dtype
            raise TypeError(f"'{op_name}': cannot combine complex64 tensors with {other} "
                            f"tensors; cast them first")
        try:
            dtype = _dt.upcast(dtype, t.dtype)
        except _dt.DTypeError:
            raise TypeError(f"'{op_name}': cannot combine {dtype} and {t.dtype} tensors") from None
    return dtype


def _joinable(tensors: Any, op_name: str) -> tuple[list[Tensor], str]:
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(f"'{op_name}': tensors must be a list of Tensors or TensorLikes, got "
                        f"{type(tensors).__name__}")
    if not tensors:
        raise ValueError(f"'{op_name}': pass at least one tensor")
    ts = to_tensors(tensors, "tensors", op_name)
    return ts, _common_dtype(ts, op_name)


# ===================================================================== joining
@op("Concat", tf_ops=("Concat", "ConcatV2"), dtype="upcast of the inputs", method=False)
def concat(tensors: Sequence[Any], axis: int = 0) -> Tensor:
    """Concatenates tensors along ``axis``. Mixed dtypes are upcast (int32 + float32 ->
    float32); a single tensor gives a clone.

    Args:
        tensors: a list of tensors (or TensorLikes) of equal rank >= 1, matching in every
            dimension but ``axis``.
        axis: the axis to join along; negative counts from the end.

    >>> import pytfjs as tf
    >>> a, b = tf.tensor([[1, 2], [3, 4]]), tf.tensor([[5], [6]])
    >>> tf.concat([a, b], axis=1).to_list()
    [[1, 2, 5], [3, 4, 6]]
    >>> tf.concat([a, a]).shape
    (4, 2)
    >>> tf.dispose([a, b])
    """
    ts, dtype = _joinable(tensors, "concat")
    rank = ts[0].rank
    if rank == 0:
        raise ShapeError("'concat': cannot concatenate scalars (rank 0); use tf.stack")
    axis = normalize_axis(axis, rank, "concat")
    first = ts[0].shape
    for i, t in enumerate(ts[1:], 1):
        if t.rank != rank:
            raise ShapeError(f"'concat': the rank of tensors[{i}] ({t.rank}) must be the same "
                             f"as the rank of the rest ({rank})")
        if any(d != e for j, (d, e) in enumerate(zip(t.shape, first)) if j != axis):
            raise ShapeError(f"'concat': the shape of tensors[{i}] {list(t.shape)} does not "
                             f"match the shape of the rest {list(first)} along the "
                             f"non-concatenated axes (axis {axis})")
    ts = [cast_to(t, dtype) for t in ts]
    if len(ts) == 1:
        return run("Identity", ts[0])
    return run("Concat", *ts, axis=axis)


@concat.gradient(save_inputs=True)
def _concat_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    axis = attrs["axis"]
    return tuple(split(dy, [t.shape[axis] for t in inputs], axis))


@op("Pack", tf_ops=("Pack",), dtype="upcast of the inputs", method=False)
def stack(tensors: Sequence[Any], axis: int = 0) -> Tensor:
    """Stacks tensors of the same shape into one tensor of rank + 1, along a new ``axis``.
    Mixed dtypes are upcast (TF.js throws).

    Args:
        tensors: a list of tensors (or TensorLikes) of one shape.
        axis: where the new axis goes, in ``[-(rank + 1), rank]``.

    >>> import pytfjs as tf
    >>> a, b = tf.tensor([1, 2]), tf.tensor([3, 4])
    >>> tf.stack([a, b]).to_list()
    [[1, 2], [3, 4]]
    >>> tf.stack([a, b], axis=1).to_list()
    [[1, 3], [2, 4]]
    >>> tf.dispose([a, b])
    """
    ts, dtype = _joinable(tensors, "stack")
    shape = ts[0].shape
    for i, t in enumerate(ts[1:], 1):
        if t.shape != shape:
            raise ShapeError(f"'stack': all tensors must have the same shape; tensors[{i}] has "
                             f"shape {list(t.shape)}, tensors[0] has {list(shape)}")
    axis = normalize_axis(axis, len(shape) + 1, "stack")
    ts = [cast_to(t, dtype) for t in ts]
    return run("Pack", *ts, axis=axis)


@stack.gradient()
def _stack_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return tuple(unstack(dy, attrs["axis"]))


@op("Unpack", tf_ops=("Unpack",), dtype="same")
def unstack(x: Any, axis: int = 0) -> list[Tensor]:
    """Splits a tensor of rank R into a list of tensors of rank R - 1 along ``axis``.

    Args:
        x: a tensor of rank >= 1.
        axis: the axis to unstack along; negative counts from the end.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1, 2], [3, 4]])
    >>> [t.to_list() for t in tf.unstack(x)]
    [[1, 2], [3, 4]]
    >>> [t.to_list() for t in tf.unstack(x, axis=-1)]
    [[1, 3], [2, 4]]
    >>> x.dispose()
    """
    x = to_tensor(x, "x", "unstack")
    if x.rank == 0:
        raise ShapeError("'unstack': cannot unstack a scalar (rank 0) tensor")
    axis = normalize_axis(axis, x.rank, "unstack")
    if x.shape[axis] == 0:
        return []
    return list(run("Unpack", x, axis=axis))


@unstack.gradient()
def _unstack_grad(dy: Any, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (stack(_dy_list(dy), attrs["axis"]),)


@op("SplitV", tf_ops=("Split", "SplitV"), dtype="same")
def split(x: Any, num_or_size_splits: int | Sequence[int], axis: int = 0) -> list[Tensor]:
    """Splits ``x`` along ``axis`` into a list of tensors.

    Args:
        x: a numeric tensor of rank >= 1.
        num_or_size_splits: an int that divides ``x.shape[axis]`` (that many equal pieces), or
            a list of piece sizes summing to ``x.shape[axis]``; one size may be ``-1`` (the
            remainder).
        axis: the axis to split along; negative counts from the end.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1, 2, 3, 4], [5, 6, 7, 8]])
    >>> [t.to_list() for t in tf.split(x, 2, axis=1)]
    [[[1, 2], [5, 6]], [[3, 4], [7, 8]]]
    >>> [t.shape for t in tf.split(x, [1, -1], axis=1)]
    [(2, 1), (2, 3)]
    >>> x.dispose()
    """
    x = to_tensor(x, "x", "split", numeric=True)
    if x.rank == 0:
        raise ShapeError("'split': cannot split a scalar (rank 0) tensor")
    axis = normalize_axis(axis, x.rank, "split")
    dim = x.shape[axis]
    if isinstance(num_or_size_splits, (list, tuple, Tensor)):
        sizes = _int_list(num_or_size_splits, "num_or_size_splits", "split")
        if not sizes:
            raise ValueError("'split': num_or_size_splits must not be an empty list")
        negs = [i for i, s in enumerate(sizes) if s < 0]
        if any(sizes[i] != -1 for i in negs):
            raise ValueError(f"'split': negative sizes must be exactly -1, got {sizes}")
        if len(negs) > 1:
            raise ValueError(f"'split': at most one size may be -1, got {sizes}")
        known = sum(s for s in sizes if s >= 0)
        if negs:
            if known > dim:
                raise ValueError(f"'split': sizes {sizes} exceed the size {dim} of axis {axis}")
            sizes[negs[0]] = dim - known
        elif known != dim:
            raise ValueError(f"'split': the sizes {sizes} must sum to the size {dim} of axis "
                             f"{axis}")
    else:
        n = _int(num_or_size_splits, "num_or_size_splits", "split")
        if n <= 0 or dim % n:
            raise ValueError(f"'split': the number of splits ({n}) must be positive and evenly "
                             f"divide the size {dim} of axis {axis}")
        sizes = [dim // n] * n
    return list(run("SplitV", x, size_splits=sizes, axis=axis))


@split.gradient()
def _split_grad(dy: Any, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (concat(_dy_list(dy), attrs["axis"]),)


@op("Tile", tf_ops=("Tile",), dtype="same")
def tile(x: Any, reps: Sequence[int]) -> Tensor:
    """Repeats ``x`` ``reps[i]`` times along each axis ``i``.

    Args:
        x: a tensor.
        reps: one non-negative int per axis of ``x``.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1, 2]])
    >>> tf.tile(x, [2, 2]).to_list()
    [[1, 2, 1, 2], [1, 2, 1, 2]]
    >>> x.dispose()
    """
    x = to_tensor(x, "x", "tile")
    reps = _int_list(reps, "reps", "tile")
    if len(reps) != x.rank:
        raise ShapeError(f"'tile': reps {reps} must have one entry per axis of x (rank "
                         f"{x.rank})")
    if any(r < 0 for r in reps):
        raise ValueError(f"'tile': reps must be non-negative, got {reps}")
    return run("Tile", x, reps=reps)


@tile.gradient(save_inputs=True)
def _tile_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # dy viewed as [r0, d0, r1, d1, ...] summed over the r axes (one reshape and one sum).
    (x,) = inputs
    reps = attrs["reps"]
    axes = [2 * i for i, r in enumerate(reps) if r != 1]
    if not axes:
        return (dy,)
    from .reduction import sum as _sum
    from .transformation import reshape
    interleaved = [n for r, d in zip(reps, x.shape) for n in (r, d)]
    return (reshape(_sum(reshape(dy, interleaved), axes), list(x.shape)),)


@op("Reverse", tf_ops=("Reverse", "ReverseV2"), dtype="same")
def reverse(x: Any, axis: int | Sequence[int] | None = None) -> Tensor:
    """Reverses ``x`` along the given axes (all axes when ``axis`` is None). As in TF.js, an
    axis listed twice is reversed twice (that is, not at all).

    Args:
        x: a numeric tensor.
        axis: an int, a list of ints or None; negative counts from the end.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1, 2], [3, 4]])
    >>> tf.reverse(x).to_list()
    [[4, 3], [2, 1]]
    >>> tf.reverse(x, -1).to_list()
    [[2, 1], [4, 3]]
    >>> x.dispose()
    """
    x = to_tensor(x, "x", "reverse", numeric=True)
    if isinstance(axis, Tensor):
        axis = axis.to_list()
    axes = parse_axes(axis, x.rank, "reverse")
    odd = sorted(a for a in set(axes) if axes.count(a) % 2)
    return run("Reverse", x, axis=odd)


@reverse.gradient()
def _reverse_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    axes = list(attrs["axis"])
    return (reverse(dy, axes) if axes else dy,)


# ===================================================================== slicing
@op("Slice", tf_ops=("Slice",), dtype="same")
def slice(x: Any, begin: int | Sequence[int],  # noqa: A001 - TF.js's name
          size: int | Sequence[int] | None = None) -> Tensor:
    """Extracts the block that starts at ``begin`` and has shape ``size``.

    Args:
        x: a tensor of rank >= 1.
        begin: the start of each axis (non-negative); an int means ``[begin, 0, 0, ...]``; a
            shorter list is padded with zeros.
        size: the extent of each axis; ``-1`` (or a missing entry, or None) means "to the end";
            an int means ``[size, -1, -1, ...]``.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1, 2, 3], [4, 5, 6]])
    >>> tf.slice(x, [0, 1], [2, 2]).to_list()
    [[2, 3], [5, 6]]
    >>> tf.slice(x, 1).to_list()
    [[4, 5, 6]]
    >>> x.dispose()
    """
    x = to_tensor(x, "x", "slice")
    rank = x.rank
    if rank == 0:
        raise ShapeError("'slice': slicing a scalar (rank 0) tensor is not possible")
    b = [_int(begin, "begin", "slice")] if not isinstance(begin, (list, tuple, Tensor)) \
        else _int_list(begin, "begin", "slice")
    if size is None:
        s: list[int] = []
    elif isinstance(size, (list, tuple, Tensor)):
        s = _int_list(size, "size", "slice")
    else:
        s = [_int(size, "size", "slice")]
    if len(b) > rank or len(s) > rank:
        raise ShapeError(f"'slice': begin {b} and size {s} may have at most one entry per axis "
                         f"of x (rank {rank})")
    b = b + [0] * (rank - len(b))
    s = s + [-1] * (rank - len(s))
    for i, (bi, si, d) in enumerate(zip(b, s, x.shape)):
        if bi < 0:
            raise ValueError(f"'slice': negative begin[{i}] = {bi} is not supported")
        if si < -1:
            raise ValueError(f"'slice': size[{i}] = {si}; negative sizes must be exactly -1")
        if bi > d:
            raise ValueError(f"'slice': begin[{i}] = {bi} is beyond the size {d} of axis {i}")
        if si == -1:
            s[i] = d - bi
        elif bi + si > d:
            raise ValueError(f"'slice': begin[{i}] + size[{i}] ({bi + si}) would overflow the "
                             f"size {d} of axis {i}")
    return run("Slice", x, begin=b, size=s)


@slice.gradient(save_inputs=True)
def _slice_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    begin, size = attrs["begin"], attrs["size"]
    if x.size == 0 or dy.size == 0:
        return (_zeros(x.shape, dy.dtype),)
    if tuple(size) == x.shape:
        return (dy,)
    from .transformation import pad
    return (pad(dy, [[b, d - b - s] for b, s, d in zip(begin, size, x.shape)]),)


@op("StridedSlice", tf_ops=("StridedSlice",), dtype="same")
def strided_slice(x: Any, begin: Sequence[int], end: Sequence[int],
                  strides: Sequence[int] | None = None, begin_mask: int = 0, end_mask: int = 0,
                  ellipsis_mask: int = 0, new_axis_mask: int = 0,
                  shrink_axis_mask: int = 0) -> Tensor:
    """Extracts a strided slice, with TensorFlow's full semantics: negative indices count from
    the end, out-of-range indices are clamped, negative strides walk backwards, and bit ``i``
    of a mask applies to spec position ``i``: ``begin_mask``/``end_mask`` ignore
    ``begin[i]``/``end[i]``; ``ellipsis_mask`` marks ``...``; ``new_axis_mask`` inserts an axis
    of size 1; ``shrink_axis_mask`` takes the one element ``begin[i]`` and drops the axis.

    Args:
        x: a tensor.
        begin, end: start (inclusive) and stop (exclusive) per spec position.
        strides: step per spec position (non-zero; default all 1).
        begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask: bit masks.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1, 2, 3, 4], [5, 6, 7, 8]])
    >>> tf.strided_slice(x, [0, -1], [2, 0], [1, -2]).to_list()  # x[0:2, -1:0:-2]
    [[4, 2], [8, 6]]
    >>> tf.strided_slice(x, [1], [2], shrink_axis_mask=1).to_list()  # x[1]
    [5, 6, 7, 8]
    >>> x.dispose()
    """
    x = to_tensor(x, "x", "strided_slice")
    spec = strided_slice_spec(x.shape, begin, end, strides, begin_mask, end_mask, ellipsis_mask,
                              new_axis_mask, shrink_axis_mask)
    return run("StridedSlice", x, begin=list(spec.begin), end=list(spec.end),
               strides=list(spec.strides), shape=list(spec.shape))


@strided_slice.gradient(save_inputs=True)
def _strided_slice_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # TensorFlow's StridedSliceGrad: dy lands at the sliced positions of zeros(x.shape).
    # Composed of public ops: reshape dy to the dense slice sizes, reverse the axes walked
    # backwards, interleave |stride| - 1 zeros after each element of a strided axis
    # (pad + reshape), then trim/pad into place.
    (x,) = inputs
    begin, strides = attrs["begin"], attrs["strides"]
    shape = x.shape
    sizes = []
    for b, e, s in zip(begin, attrs["end"], strides):
        span = e - b if s > 0 else b - e
        step = abs(s)
        sizes.append((span + step - 1) // step if span > 0 else 0)
    if x.size == 0 or 0 in sizes:
        return (_zeros(shape, dy.dtype),)
    from .transformation import pad, reshape
    g = reshape(dy, sizes) if tuple(sizes) != dy.shape else dy
    neg = [d for d, (s, n) in enumerate(zip(strides, sizes)) if s < 0 and n > 1]
    if neg:
        g = reverse(g, neg)
    # first (lowest) input index of each axis and its step, after the reversal
    lows = [b if s > 0 else b - (n - 1) * -s for b, s, n in zip(begin, strides, sizes)]
    steps = [abs(s) if n > 1 else 1 for s, n in zip(strides, sizes)]
    if any(st != 1 for st in steps):
        inter = [v for n in sizes for v in (n, 1)]
        g = pad(reshape(g, inter), [p for st in steps for p in ([0, 0], [0, st - 1])])
        g = reshape(g, [n * st for n, st in zip(sizes, steps)])
    spans = [(n - 1) * st + 1 for n, st in zip(sizes, steps)]
    if list(g.shape) != spans:  # drop the zeros interleaved after each axis's last element
        g = slice(g, [0] * len(spans), spans)
    pads = [[lo, d - lo - sp] for lo, sp, d in zip(lows, spans, shape)]
    if any(p != [0, 0] for p in pads):
        g = pad(g, pads)
    return (g,)


# ===================================================================== gathering
def _indices(indices: Any, op_name: str) -> Tensor:
    t = to_tensor(indices, "indices", op_name, dtype="int32")
    assert_dtypes(t, ("int32",), "indices", op_name)
    return t


@op("GatherV2", tf_ops=("Gather", "GatherV2"), dtype="same as x")
def gather(x: Any, indices: Any, axis: int = 0, batch_dims: int = 0) -> Tensor:
    """Gathers slices of ``x`` along ``axis`` at ``indices``. The output shape is
    ``x.shape[:axis] + indices.shape[batch_dims:] + x.shape[axis + 1:]``.

    Args:
        x: a numeric tensor of rank >= 1.
        indices: int32 indices in ``[0, x.shape[axis])``; an out-of-range index raises
            ``IndexError`` (as TF.js's cpu backend does).
        axis: the axis of ``x`` to gather from; negative counts from the end.
        batch_dims: the number of leading batch dimensions that ``x`` and ``indices`` share;
            negative counts from ``indices.rank``; at most ``axis``.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1, 2], [3, 4], [5, 6]])
    >>> tf.gather(x, [2, 0]).to_list()
    [[5, 6], [1, 2]]
    >>> tf.gather(x, [1, 1, 0], axis=1).to_list()
    [[2, 2, 1], [4, 4, 3], [6, 6, 5]]
    >>> x.dispose()
    """
    x = to_tensor(x, "x", "gather", numeric=True)
    idx = _indices(indices, "gather")
    if x.rank == 0:
        raise ShapeError("'gather': x must have rank >= 1, got a scalar")
    axis = normalize_axis(axis, x.rank, "gather")
    bd = _int(batch_dims, "batch_dims", "gather")
    if bd < 0:
        bd += idx.rank
    if bd < 0 or bd > idx.rank:
        raise ValueError(f"'gather': batch_dims {batch_dims} is out of range for indices of "
                         f"rank {idx.rank}")
    if bd > axis:
        raise ValueError(f"'gather': batch_dims ({bd}) must be <= axis ({axis})")
    for i in range(bd):
        if x.shape[i] != idx.shape[i]:
            raise ShapeError(f"'gather': x.shape[{i}] ({x.shape[i]}) must equal "
                             f"indices.shape[{i}] ({idx.shape[i]}) for batch_dims={bd}")
    return run("GatherV2", x, idx, axis=axis, batch_dims=bd)


@gather.gradient(save_inputs=True)
def _gather_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # TF.js: move the gathered axis of dy to the front, unsorted_segment_sum it into
    # x.shape[axis] segments, move it back. With batch_dims > 0 each batch gets its own block
    # of segments (ids offset by batch * x.shape[axis]), so one segment sum serves them all.
    x, idx = inputs
    axis, bd = attrs["axis"], attrs.get("batch_dims", 0)
    xs = x.shape
    if x.size == 0 or dy.size == 0:
        return _zeros(xs, dy.dtype), None
    from .transformation import reshape
    nb, no, n, ni = _prod(xs[:bd]), _prod(xs[bd:axis]), xs[axis], _prod(xs[axis + 1:])
    nidx = _prod(idx.shape[bd:])
    ids = reshape(idx, [nb * nidx])
    if nb > 1:
        from .arithmetic import add
        from .creation import range as _range
        offsets = reshape(_range(0, nb * n, n, "int32"), [nb, 1])
        ids = reshape(add(reshape(idx, [nb, nidx]), offsets), [nb * nidx])
    if no == 1:  # the gathered axis is already leading (after the batch)
        seg = unsorted_segment_sum(reshape(dy, [nb * nidx, ni]), ids, nb * n)
        return reshape(seg, list(xs)), None
    from .matrices import transpose
    g = transpose(reshape(dy, [nb, no, nidx, ni]), [0, 2, 1, 3])
    seg = unsorted_segment_sum(reshape(g, [nb * nidx, no, ni]), ids, nb * n)
    g = transpose(reshape(seg, [nb, n, no, ni]), [0, 2, 1, 3])
    return reshape(g, list(xs)), None


@op("GatherNd", tf_ops=("GatherNd",), dtype="same as x")
def gather_nd(x: Any, indices: Any) -> Tensor:
    """Gathers slices of ``x`` addressed by the last dimension of ``indices``: the output shape
    is ``indices.shape[:-1] + x.shape[indices.shape[-1]:]``.

    Args:
        x: a tensor of rank >= 1.
        indices: int32 indices of rank >= 1 whose last dimension is at most ``x.rank``; an
            index outside ``x`` raises ``IndexError``.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1, 2], [3, 4]])
    >>> tf.gather_nd(x, [[1, 0], [0, 1]]).to_list()
    [3, 2]
    >>> tf.gather_nd(x, [[1]]).to_list()
    [[3, 4]]
    >>> x.dispose()
    """
    x = to_tensor(x, "x", "gather_nd")
    idx = _indices(indices, "gather_nd")
    if x.rank == 0:
        raise ShapeError("'gather_nd': x must have rank >= 1, got a scalar")
    if idx.rank == 0:
        raise ShapeError("'gather_nd': indices must have rank >= 1, got a scalar")
    if idx.shape[-1] > x.rank:
        raise ShapeError(f"'gather_nd': the last dimension of indices ({idx.shape[-1]}) must be "
                         f"<= the rank of x ({x.rank})")
    return run("GatherNd", x, idx)


@gather_nd.gradient(save_inputs=True)
def _gather_nd_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # TensorFlow: scatter_nd(indices, dy, x.shape), repeated indices summed. Here: each index
    # row becomes a linear id into x.shape[:k] and the rows of dy are segment-summed.
    x, idx = inputs
    k = idx.shape[-1]
    xs = x.shape
    nb = _prod(idx.shape[:-1])
    if x.size == 0 or dy.size == 0:
        return _zeros(xs, dy.dtype), None
    from .transformation import reshape
    if k == 0:
        ids = _zeros([nb], "int32")
    elif k == 1:
        ids = reshape(idx, [nb])
    else:
        from .arithmetic import mul
        from .creation import tensor as _tensor
        from .reduction import sum as _sum
        strides = [_prod(xs[j + 1:k]) for j in range(k)]
        ids = reshape(_sum(mul(idx, _tensor(strides, dtype="int32")), -1), [nb])
    g = reshape(dy, [nb] + list(xs[k:]))
    return reshape(unsorted_segment_sum(g, ids, _prod(xs[:k])), list(xs)), None


# ===================================================================== segments
@op("UnsortedSegmentSum", tf_ops=("UnsortedSegmentSum",),
    dtype="same as x; float32 for int32 and bool (as TF.js)")
def unsorted_segment_sum(x: Any, segment_ids: Any, num_segments: int) -> Tensor:
    """Sums the slices of ``x`` that share a segment id: ``out[i] = sum(x[j] for j where
    segment_ids[j] == i)``. Ids outside ``[0, num_segments)`` are dropped; empty segments are 0.

    Args:
        x: a numeric tensor of rank >= 1. int32 and bool inputs give a float32 result (as
            TF.js's cpu backend).
        segment_ids: int32 ids whose shape is a prefix of ``x.shape`` (usually 1-D, of length
            ``x.shape[0]``).
        num_segments: the number of segments (a non-negative int); the output shape is
            ``[num_segments] + x.shape[segment_ids.rank:]``.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> tf.unsorted_segment_sum(x, [0, 2, 0], 3).to_list()
    [[6.0, 8.0], [0.0, 0.0], [3.0, 4.0]]
    >>> tf.unsorted_segment_sum(tf.tensor([1.0, 2.0, 3.0]), [1, -1, 1], 2).to_list()
    [0.0, 4.0]
    >>> x.dispose()
    """
    x = to_tensor(x, "x", "unsorted_segment_sum", numeric=True)
    ids = to_tensor(segment_ids, "segment_ids", "unsorted_segment_sum", dtype="int32")
    assert_dtypes(ids, ("int32",), "segment_ids", "unsorted_segment_sum")
    if isinstance(num_segments, bool) or not hasattr(num_segments, "__index__"):
        raise TypeError(f"'unsorted_segment_sum': num_segments must be an int, got "
                        f"{num_segments!r}")
    n = int(num_segments.__index__())
    if n < 0:
        raise ValueError(f"'unsorted_segment_sum': num_segments must be non-negative, got {n}")
    if x.dtype == "complex64":
        raise TypeError("'unsorted_segment_sum' does not support complex64 tensors (argument "
                        "'x')")
    if x.rank == 0:
        raise ShapeError("'unsorted_segment_sum': x must have rank >= 1, got a scalar")
    if ids.rank == 0 or ids.rank > x.rank or x.shape[:ids.rank] != ids.shape:
        raise ShapeError(f"'unsorted_segment_sum': the shape of segment_ids "
                         f"{list(ids.shape)} must be a non-empty prefix of the shape of x "
                         f"{list(x.shape)}")
    if x.dtype in ("int32", "bool"):
        x = cast_to(x, "float32")
    return run("UnsortedSegmentSum", x, ids, num_segments=n)


@unsorted_segment_sum.gradient(save_inputs=True)
def _unsorted_segment_sum_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # TF.js gatherDropNegatives: gather dy at the ids, 0 where an id was dropped.
    x, ids = inputs
    n = attrs["num_segments"]
    if x.size == 0 or n == 0:
        return _zeros(x.shape, dy.dtype), None
    from .logical import greater_equal, less, logical_and, where
    from .transformation import reshape
    valid = logical_and(greater_equal(ids, 0), less(ids, n))
    g = gather(dy, where(valid, ids, 0), 0)
    mask = reshape(valid, list(ids.shape) + [1] * (x.rank - ids.rank))
    return where(mask, g, 0.0), None


@unsorted_segment_sum.fallback
def _unsorted_segment_sum_fallback(x: Tensor, segment_ids: Tensor, *,
                                   num_segments: int) -> Tensor:
    # For backends without the kernel: one masked sum per segment (O(num_segments * size)).
    from .logical import equal, where
    from .reduction import sum as _sum
    from .transformation import reshape
    inner = list(x.shape[segment_ids.rank:])
    if num_segments == 0 or x.size == 0:
        return _zeros([num_segments] + inner, x.dtype)
    ids = reshape(segment_ids, [segment_ids.size] + [1] * len(inner))
    flat = reshape(x, [segment_ids.size] + inner)
    return stack([_sum(where(equal(ids, i), flat, 0.0), 0) for i in builtins.range(num_segments)])


# ===================================================================== Tensor indexing
def _is_advanced(k: Any) -> bool:
    if isinstance(k, (list, tuple)):
        return True
    return isinstance(k, Tensor) and k.rank > 0


def _advanced_indices(k: Any, dim: int, axis: int) -> Any:
    """A list of ints (negatives wrapped, bounds checked) or an int32 Tensor, for gather."""
    if isinstance(k, Tensor):
        if k.dtype == "bool":
            raise TypeError("boolean mask indexing is not supported; use tf.boolean_mask")
        assert_dtypes(k, ("int32",), "index", "__getitem__")
        from .logical import less, where
        return where(less(k, 0), k + dim, k)  # negative indices count from the end, as lists
    def walk(v: Any) -> Any:
        if isinstance(v, (list, tuple)):
            return [walk(e) for e in v]
        if isinstance(v, bool):
            raise TypeError("boolean mask indexing is not supported; use tf.boolean_mask")
        if not hasattr(v, "__index__"):
            raise TypeError(f"index lists must hold ints, got {v!r}")
        i = int(v.__index__())
        if i < -dim or i >= dim:
            raise SliceIndexError(f"index {i} is out of bounds for axis {axis} with size {dim}")
        return i + dim if i < 0 else i
    return walk(k)


def _numpy_index(k: Any) -> Any:
    """A NumPy array in an index: an int array as a list (0-d as an int); a bool array is
    refused with the same message as a bool tensor."""
    if isinstance(k, Tensor) or not hasattr(k, "tolist") or not hasattr(k, "ndim") or \
            not hasattr(k, "dtype"):
        return k
    if getattr(k.dtype, "kind", None) == "b":
        raise TypeError("boolean mask indexing is not supported; use tf.boolean_mask")
    if getattr(k.dtype, "kind", None) not in ("i", "u"):
        return k
    return k.tolist() if k.ndim else int(k)


def _getitem(x: Tensor, key: Any) -> Tensor:
    """``x[key]`` with NumPy semantics for ints, slices, ``None``, ``...`` and tuples of
    these (via ``strided_slice``); one int list or int32 tensor in the key gathers along its
    axis."""
    x._check()
    keys = key if isinstance(key, tuple) else (key,)
    keys = tuple(k.item() if isinstance(k, Tensor) and k.rank == 0 and k.dtype == "int32"
                 else _numpy_index(k) for k in keys)
    adv = [i for i, k in enumerate(keys) if _is_advanced(k)]
    if len(adv) > 1:
        raise IndexError("only one list or tensor index is supported in a tensor index")

    def run_() -> Tensor:
        if not adv:
            spec = getitem_spec(keys, x.shape)
            return strided_slice(x, **spec)
        pos = adv[0]
        basic = keys[:pos] + (_pyslice(None),) + keys[pos + 1:]
        # the input axis of the advanced index and its output axis after basic slicing
        n_consumed = sum(1 for k in basic if k is not None and k is not Ellipsis)
        in_axis = out_axis = 0
        for k in keys[:pos]:
            if k is Ellipsis:
                in_axis += x.rank - n_consumed
                out_axis += x.rank - n_consumed
            elif k is None:
                out_axis += 1
            elif isinstance(k, _pyslice):
                in_axis += 1
                out_axis += 1
            else:
                in_axis += 1
        if in_axis >= x.rank:
            raise IndexError(f"too many indices for tensor: tensor is {x.rank}-dimensional")
        indices = _advanced_indices(keys[pos], x.shape[in_axis], in_axis)
        spec = getitem_spec(basic, x.shape)
        y = strided_slice(x, **spec)
        return gather(y, indices, out_axis)

    return ENGINE.tidy(run_, "__getitem__")


_tensor_mod.OPS["_getitem"] = _getitem
