"""Ops: slicing and joining (concat, stack, unstack, split, slice, strided_slice, gather,
gather_nd, tile, reverse) and ``Tensor.__getitem__``.

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
           "gather_nd", "tile", "reverse"]

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
        return k
    def walk(v: Any) -> Any:
        if isinstance(v, (list, tuple)):
            return [walk(e) for e in v]
        if isinstance(v, bool) or not hasattr(v, "__index__"):
            raise TypeError(f"index lists must hold ints, got {v!r}")
        i = int(v.__index__())
        if i < -dim or i >= dim:
            raise SliceIndexError(f"index {i} is out of bounds for axis {axis} with size {dim}")
        return i + dim if i < 0 else i
    return walk(k)


def _getitem(x: Tensor, key: Any) -> Tensor:
    """``x[key]`` with NumPy semantics for ints, slices, ``None``, ``...`` and tuples of
    these (via ``strided_slice``); one int list or int32 tensor in the key gathers along its
    axis."""
    x._check()
    keys = key if isinstance(key, tuple) else (key,)
    keys = tuple(k.item() if isinstance(k, Tensor) and k.rank == 0 and k.dtype == "int32"
                 else k for k in keys)
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
