"""Ops: evaluation (topk, unique, in_top_k, setdiff1d, confusion_matrix, search_sorted,
lower_bound, upper_bound, bincount, dense_bincount, where_indices, boolean_mask).

Kernels (TF.js kernel names): ``TopK``, ``Unique``, ``SearchSorted``, ``Bincount``,
``DenseBincount``; ``Where`` (TF's kernel name: TF.js 4.22 computes ``whereAsync`` on the host
without a kernel). ``topk`` reproduces the TF.js cpu order exactly: sorted results are by value
descending, ties by index ascending; ``sorted=False`` returns the order TF.js's Floyd-Rivest
selection leaves, and NaN takes part in comparisons as TF.js's (``b - a``) comparator makes it
(see ``backends/python/evaluation.py``). ``unique`` treats ``-0`` as ``0`` and NaN as equal to
NaN (TF.js compares the values' string forms).

TF.js has only async forms of four ops (they read data on the host). Here the synchronous ops
``where_indices``, ``boolean_mask``, ``setdiff1d`` and ``in_top_k`` are the declared ops (the
first and third also serve the graph ops ``Where`` and ``ListDiff``), and ``where_async``,
``boolean_mask_async``, ``setdiff1d_async`` and ``in_top_k_async`` return awaitables (coroutines)
of the same results. They compute eagerly, so a bad argument raises at the call (TF.js rejects
the promise instead).

Differences from TF.js 4.22, on purpose (TF.js is clearly buggy; TensorFlow is followed):

- ``search_sorted`` returns a tensor of ``values``' shape (TF.js's documentation says so, but its
  op returns the values reshaped to 2-D, e.g. ``[1, n]`` for 1-D ``values``);
- ``dense_bincount`` honours ``binary_output`` for rank-1 ``x`` (TF.js ignores it there);
- ``boolean_mask`` accepts a negative ``axis`` (counted from the end of ``tensor``'s rank).

Not differentiable: everything except ``topk`` (values; the gradient scatters ``dy`` to the
chosen indices, as TensorFlow; TF.js 4.22 has none) and ``boolean_mask`` (a gather).
"""
from __future__ import annotations

import math as _math
from typing import Any, NamedTuple

from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError, normalize_axis
from ..core.tensor import Tensor
from . import arithmetic, creation, logical, matrices, reduction, slice_join, transformation
from ._util import assert_dtypes, cast_to

__all__ = ["topk", "TopK", "unique", "Unique", "in_top_k", "in_top_k_async", "setdiff1d",
           "setdiff1d_async", "search_sorted", "lower_bound", "upper_bound", "bincount",
           "dense_bincount", "where_indices", "where_async", "boolean_mask",
           "boolean_mask_async"]


async def _await(value: Any) -> Any:
    return value


def _resolved(value: Any) -> Any:
    """A coroutine resolving to ``value``: the ``*_async`` forms compute (and check their
    arguments) eagerly, so a bad argument raises at the call, and return an awaitable."""
    return _await(value)


class TopK(NamedTuple):
    """The result of :func:`topk`."""
    values: Tensor
    indices: Tensor


class Unique(NamedTuple):
    """The result of :func:`unique`."""
    values: Tensor
    indices: Tensor


def _int(v: Any, arg: str, op_name: str) -> int:
    if isinstance(v, bool) or not hasattr(v, "__index__"):
        if isinstance(v, float) and v.is_integer():
            return int(v)
        raise TypeError(f"'{op_name}': {arg} must be an int, got {v!r}")
    return int(v.__index__())


def _real(x: Tensor, arg: str, op_name: str) -> Tensor:
    if x.dtype in ("string", "complex64"):
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be a real numeric tensor, "
                        f"but got {x.dtype} tensor")
    return x


# ===================================================================== topk
@op("TopK", tf_ops=("TopKV2",), dtype="values: same as x; indices: int32")
def topk(x: Any, k: int = 1, sorted: bool = True) -> TopK:  # noqa: A002 - TF.js's name
    """The ``k`` largest entries of the last axis of ``x`` and their indices.

    Returns a ``TopK(values, indices)`` named tuple: ``values`` has ``x``'s dtype, ``indices``
    is int32; both have ``x``'s shape with the last dimension replaced by ``k``. Ties give the
    lower index first (as TF.js).

    Args:
        x: a numeric tensor of rank >= 1 (float32, int32 or bool).
        k: how many entries to keep, ``0 <= k <= x.shape[-1]`` (default 1).
        sorted: sort the results by value, descending (default True); False keeps the order
            TF.js's selection leaves.

    >>> import pytfjs as tf
    >>> r = tf.topk(tf.tensor([[1.0, 5.0, 3.0], [4.0, 4.0, 2.0]]), 2)
    >>> r.values.to_list(), r.indices.to_list()
    ([[5.0, 3.0], [4.0, 4.0]], [[1, 2], [0, 1]])
    """
    x = _real(to_tensor(x, "x", "topk"), "x", "topk")
    if x.rank == 0:
        raise ShapeError("'topk': x must be of rank 1 or higher, got a scalar")
    k = _int(k, "k", "topk")
    last = x.shape[-1]
    if k < 0:
        raise ValueError(f"'topk': 'k' must be >= 0 but got {k}")
    if k > last:
        raise ValueError(f"'topk': 'k' must be <= the last dimension ({last}) but got {k}")
    if not isinstance(sorted, bool):
        raise TypeError(f"'topk': sorted must be a bool, got {sorted!r}")
    values, indices = run("TopK", x, k=k, sorted=sorted)
    return TopK(values, indices)


@topk.gradient(save_inputs=True, save_outputs=True)
def _topk_grad(dy: Any, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # dy of the values goes back to the chosen positions (TensorFlow's TopKV2 gradient); the
    # indices output has no gradient.
    (x,) = inputs
    dvals = dy[0] if isinstance(dy, (list, tuple)) else dy
    indices = outputs[1]
    n, k = x.shape[-1], attrs["k"]
    rows = x.size // n if n else 0
    if x.size == 0 or k == 0:
        return (creation.zeros(list(x.shape), dvals.dtype),)
    flat_idx = transformation.reshape(indices, [rows, k])
    offsets = transformation.reshape(creation.range(0, rows * n, n, "int32"), [rows, 1])
    ids = transformation.reshape(arithmetic.add(flat_idx, offsets), [rows * k])
    g = slice_join.unsorted_segment_sum(transformation.reshape(dvals, [rows * k]), ids, rows * n)
    return (transformation.reshape(g, list(x.shape)),)


# ===================================================================== unique
@op("Unique", tf_ops=("Unique", "UniqueV2"), dtype="values: same as x; indices: int32",
    differentiable=False)
def unique(x: Any, axis: int = 0) -> Unique:
    """The unique slices of ``x`` along ``axis``, in order of first occurrence.

    Returns a ``Unique(values, indices)`` named tuple: ``values`` holds the unique slices
    (``x``'s dtype) and ``indices`` (int32, length ``x.shape[axis]``) maps each slice of ``x``
    to its position in ``values``. ``-0`` equals ``0`` and NaN equals NaN (as TF.js).

    Args:
        x: a tensor of rank >= 1 (float32, int32, bool or string).
        axis: the axis to find unique slices along (default 0); negative counts from the end.

    >>> import pytfjs as tf
    >>> r = tf.unique(tf.tensor([1, 1, 2, 4, 4, 4, 7, 8, 8]))
    >>> r.values.to_list(), r.indices.to_list()
    ([1, 2, 4, 7, 8], [0, 0, 1, 2, 2, 2, 3, 4, 4])
    >>> tf.unique(tf.tensor(["b", "a", "b"])).values.to_list()
    ['b', 'a']
    """
    x = to_tensor(x, "x", "unique")
    if x.dtype == "complex64":
        raise TypeError("Argument 'x' passed to 'unique' must be a real, bool or string tensor, "
                        "but got complex64 tensor")
    if x.rank == 0:
        raise ShapeError("'unique': the input tensor must be at least 1D, got a scalar")
    ax = normalize_axis(axis, x.rank, "unique")
    values, indices = run("Unique", x, axis=ax)
    return Unique(values, indices)


# ===================================================================== in_top_k
@op(None, dtype="bool", differentiable=False)
def in_top_k(predictions: Any, targets: Any, k: int = 1) -> Tensor:
    """Whether each target index is among the ``k`` largest predictions of its row (bool,
    ``targets``' shape). Ties rank the lower index first, as TF.js's stable sort; a target
    outside ``[0, n)`` is never in the top ``k``. Synchronous form of :func:`in_top_k_async`.

    Args:
        predictions: a float32 or int32 tensor ``[..., n]`` of rank >= 2.
        targets: the class indices, shaped ``predictions.shape[:-1]``.
        k: how many top entries count, ``0 < k <= n`` (default 1).

    >>> import pytfjs as tf
    >>> p = tf.tensor([[20.0, 10.0, 40.0, 30.0], [30.0, 50.0, -20.0, 10.0]])
    >>> tf.in_top_k(p, tf.tensor([2, 0]), 2).to_list()
    [True, True]
    """
    p = _real(to_tensor(predictions, "predictions", "in_top_k"), "predictions", "in_top_k")
    t = _real(to_tensor(targets, "targets", "in_top_k"), "targets", "in_top_k")
    if p.rank < 2:
        raise ShapeError(f"'in_top_k': predictions must be of rank 2 or higher, but got rank "
                         f"{p.rank}")
    if p.rank - 1 != t.rank:
        raise ShapeError(f"'in_top_k': predictions rank should be 1 larger than targets rank, but "
                         f"got predictions rank {p.rank} and targets rank {t.rank}")
    if tuple(p.shape[:-1]) != tuple(t.shape):
        raise ShapeError(f"'in_top_k': predictions' shape {list(p.shape)} should match the "
                         f"targets' shape {list(t.shape)}, except the last dimension")
    n = p.shape[-1]
    k = _int(k, "k", "in_top_k")
    if not 0 < k <= n:
        raise ValueError(f"'in_top_k': 'k' must be > 0 and <= the predictions' last dimension "
                         f"({n}), but got {k}")
    if p.dtype == "bool":
        p = cast_to(p, "int32")
    ti = cast_to(t, "int32")
    exact = logical.equal(cast_to(ti, t.dtype), t) if t.dtype != "int32" else None
    # The target's value (mask, not multiply, so NaN elsewhere does not spread).
    hot = creation.one_hot(ti, n, 1, 0, "bool")
    tv = reduction.sum(logical.where(hot, p, creation.zeros_like(p)), -1, True)
    pos = creation.range(0, n, 1, "int32")
    before = logical.less(pos, transformation.expand_dims(ti, -1))
    ahead = logical.logical_or(logical.greater(p, tv),
                               logical.logical_and(logical.equal(p, tv), before))
    rank = reduction.sum(cast_to(ahead, "int32"), -1)
    valid = logical.logical_and(logical.greater_equal(ti, 0), logical.less(ti, n))
    out = logical.logical_and(logical.less(rank, k), valid)
    if exact is not None:
        out = logical.logical_and(out, exact)
    return out


def in_top_k_async(predictions: Any, targets: Any, k: int = 1) -> Tensor:
    """Async form of :func:`in_top_k` (TF.js ``inTopKAsync``).

    >>> import asyncio, pytfjs as tf
    >>> p = tf.tensor([[0.1, 0.9], [0.8, 0.2]])
    >>> asyncio.run(tf.in_top_k_async(p, tf.tensor([1, 1]))).to_list()
    [True, False]
    """
    return _resolved(in_top_k(predictions, targets, k))


# ===================================================================== setdiff1d
def _key(v: Any) -> Any:
    """JS ``SameValueZero`` for a Set: NaN equals NaN, -0 equals 0."""
    return "NaN" if isinstance(v, float) and _math.isnan(v) else v


@op(None, tf_ops=("ListDiff",), dtype="out: same as x; indices: int32", differentiable=False)
def setdiff1d(x: Any, y: Any) -> list[Tensor]:
    """The values of ``x`` that are not in ``y``, in ``x``'s order (duplicates kept), and their
    int32 positions in ``x``: returns ``[out, indices]``. Synchronous form of
    :func:`setdiff1d_async`.

    Args:
        x: a 1-D numeric or bool tensor: the values to keep.
        y: a 1-D tensor of the same dtype: the values to exclude.

    >>> import pytfjs as tf
    >>> out, idx = tf.setdiff1d(tf.tensor([1, 2, 3, 4, 5, 6]), tf.tensor([1, 3, 5]))
    >>> out.to_list(), idx.to_list()
    ([2, 4, 6], [1, 3, 5])
    """
    x = to_tensor(x, "x", "setdiff1d")
    y = to_tensor(y, "y", "setdiff1d")
    if x.dtype != y.dtype:
        raise TypeError(f"'setdiff1d': x and y should have the same dtype, but got x ({x.dtype}) "
                        f"and y ({y.dtype})")
    if x.rank != 1:
        raise ShapeError(f"'setdiff1d': x should be a 1D tensor, but got shape {list(x.shape)}")
    if y.rank != 1:
        raise ShapeError(f"'setdiff1d': y should be a 1D tensor, but got shape {list(y.shape)}")
    if x.dtype in ("complex64", "string"):
        raise TypeError(f"Argument 'x' passed to 'setdiff1d' must be a real numeric or bool "
                        f"tensor, but got {x.dtype} tensor")
    # As TF.js: the values are read on the host and filtered with a set.
    exclude = {_key(v) for v in y.to_list()}
    kept = [(i, v) for i, v in enumerate(x.to_list()) if _key(v) not in exclude]
    idx = creation.tensor([i for i, _ in kept], [len(kept)], "int32")
    return [slice_join.gather(x, idx), idx]


def setdiff1d_async(x: Any, y: Any) -> list[Tensor]:
    """Async form of :func:`setdiff1d` (TF.js ``setdiff1dAsync``): ``[out, indices]``.

    >>> import asyncio, pytfjs as tf
    >>> out, idx = asyncio.run(tf.setdiff1d_async(tf.tensor([3, 1, 3]), tf.tensor([1])))
    >>> out.to_list(), idx.to_list()
    ([3, 3], [0, 2])
    """
    return _resolved(setdiff1d(x, y))


# ===================================================================== confusion_matrix
@op(None, namespace="math", dtype="int32", differentiable=False, method=False)
def confusion_matrix(labels: Any, predictions: Any, num_classes: int) -> Tensor:
    """The ``[num_classes, num_classes]`` int32 confusion matrix: entry ``(i, j)`` counts the
    examples with label ``i`` predicted as ``j``. Labels or predictions outside
    ``[0, num_classes)`` are not counted.

    Args:
        labels: 1-D int32 labels (float values are truncated).
        predictions: 1-D int32 predicted classes, as long as ``labels``.
        num_classes: the number of classes (an int >= 2, as TF.js's one-hot needs).

    >>> import pytfjs as tf
    >>> tf.math.confusion_matrix(tf.tensor([0, 1, 2, 1, 0]), tf.tensor([0, 2, 2, 1, 0]),
    ...                          3).to_list()
    [[2, 0, 0], [0, 1, 1], [0, 0, 1]]
    """
    lab = _real(to_tensor(labels, "labels", "confusion_matrix", dtype="int32"), "labels",
                "confusion_matrix")
    pred = _real(to_tensor(predictions, "predictions", "confusion_matrix", dtype="int32"),
                 "predictions", "confusion_matrix")
    if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes <= 0:
        raise ValueError(f"'confusion_matrix': num_classes must be a positive integer, but got "
                         f"{num_classes!r}")
    if lab.rank != 1:
        raise ShapeError(f"'confusion_matrix': expected the rank of labels to be 1, but got "
                         f"{lab.rank}")
    if pred.rank != 1:
        raise ShapeError(f"'confusion_matrix': expected the rank of predictions to be 1, but got "
                         f"{pred.rank}")
    if lab.shape[0] != pred.shape[0]:
        raise ShapeError(f"'confusion_matrix': mismatch in the number of examples: "
                         f"{lab.shape[0]} vs. {pred.shape[0]}; labels and predictions should "
                         f"have the same number of elements")
    lab_hot = creation.one_hot(cast_to(lab, "int32"), num_classes)
    pred_hot = creation.one_hot(cast_to(pred, "int32"), num_classes)
    product = matrices.mat_mul(lab_hot, pred_hot, True, False)
    return cast_to(product, "int32")


# ===================================================================== search_sorted
@op("SearchSorted", tf_ops=(), dtype="int32", differentiable=False)
def search_sorted(sorted_sequence: Any, values: Any, side: str = "left") -> Tensor:
    """For each value, the index where it would be inserted into its row of
    ``sorted_sequence`` to keep it sorted (int32, ``values``' shape).

    The innermost dimension is searched; the leading dimensions of both tensors, flattened,
    must have the same size (one sorted row per row of values). ``side='left'`` gives the first
    suitable index (lower bound), ``'right'`` the last (upper bound). Results are unspecified
    for an unsorted sequence (the binary search of TF.js runs as is).

    Args:
        sorted_sequence: an N-D tensor sorted along its last axis.
        values: an N-D tensor of values to search for.
        side: 'left' (default) or 'right'.

    >>> import pytfjs as tf
    >>> edges = tf.linspace(0, 5, 6)
    >>> tf.search_sorted(edges, tf.tensor([-1.0, 0.1, 2.5, 5.5])).to_list()
    [0, 1, 3, 6]
    >>> tf.search_sorted(tf.tensor([1, 2, 2, 3]), tf.tensor([2]), "right").to_list()
    [3]
    """
    seq = _real(to_tensor(sorted_sequence, "sorted_sequence", "search_sorted"),
                "sorted_sequence", "search_sorted")
    vals = _real(to_tensor(values, "values", "search_sorted"), "values", "search_sorted")
    if side not in ("left", "right"):
        raise ValueError(f"'search_sorted': side must be 'left' or 'right', got {side!r}")
    if seq.rank == 0:
        raise ShapeError("'search_sorted': sorted_sequence must be at least 1-D, got a scalar")
    if vals.rank == 0:
        raise ShapeError("'search_sorted': values must be at least 1-D, got a scalar")
    n, m = seq.shape[-1], vals.shape[-1]
    rows_s = seq.size // n if n else _prod(seq.shape[:-1])
    rows_v = vals.size // m if m else _prod(vals.shape[:-1])
    if rows_s != rows_v:
        raise ShapeError(f"'search_sorted': the leading dimensions of sorted_sequence "
                         f"{list(seq.shape)} and values {list(vals.shape)} must match")
    if vals.size >= 2 ** 31 or n >= 2 ** 31:
        raise ValueError("'search_sorted': sizes must be less than 2**31 for an int32 output")
    seq2 = transformation.reshape(seq, [rows_s, n])
    vals2 = transformation.reshape(vals, [rows_v, m])
    out = run("SearchSorted", seq2, vals2, side=side)
    return transformation.reshape(out, list(vals.shape))


def _prod(dims: Any) -> int:
    p = 1
    for d in dims:
        p *= d
    return p


@op(None, tf_ops=("LowerBound",), dtype="int32", differentiable=False)
def lower_bound(sorted_sequence: Any, values: Any) -> Tensor:
    """``search_sorted(sorted_sequence, values, 'left')``: the first index at which each value
    could be inserted.

    Args:
        sorted_sequence: an N-D tensor sorted along its last axis.
        values: an N-D tensor of values to search for.

    >>> import pytfjs as tf
    >>> tf.lower_bound(tf.tensor([[0, 3, 9, 10, 10], [1, 2, 3, 4, 5]]),
    ...                tf.tensor([[2, 4, 9], [0, 2, 6]])).to_list()
    [[1, 2, 2], [0, 1, 5]]
    """
    return search_sorted(sorted_sequence, values, "left")


@op(None, tf_ops=("UpperBound",), dtype="int32", differentiable=False)
def upper_bound(sorted_sequence: Any, values: Any) -> Tensor:
    """``search_sorted(sorted_sequence, values, 'right')``: the last index at which each value
    could be inserted.

    Args:
        sorted_sequence: an N-D tensor sorted along its last axis.
        values: an N-D tensor of values to search for.

    >>> import pytfjs as tf
    >>> tf.upper_bound(tf.tensor([[0, 3, 9, 10, 10], [1, 2, 3, 4, 5]]),
    ...                tf.tensor([[2, 4, 9], [0, 2, 6]])).to_list()
    [[1, 2, 3], [0, 2, 5]]
    """
    return search_sorted(sorted_sequence, values, "right")


# ===================================================================== bincount
def _bincount_args(x: Any, weights: Any, size: Any, op_name: str) -> tuple[Tensor, Tensor, int]:
    x = to_tensor(x, "x", op_name)
    w = _real(to_tensor(weights, "weights", op_name), "weights", op_name)
    assert_dtypes(x, ("int32",), "x", op_name)
    size = _int(size, "size", op_name)
    if size < 0:
        raise ValueError(f"'{op_name}': size must be non-negative, but got {size}")
    if w.size != x.size and w.size != 0:
        raise ShapeError(f"'{op_name}': weights must have the same shape as x or be 0-length, "
                         f"but got x shape {list(x.shape)} and weights shape {list(w.shape)}")
    return x, w, size


@op("Bincount", tf_ops=("Bincount",), dtype="same as weights", differentiable=False)
def bincount(x: Any, weights: Any, size: int) -> Tensor:
    """Counts (or sums ``weights`` at) each value of the 1-D int32 ``x`` into ``size`` bins:
    ``out[v] = sum(weights[i] for x[i] == v)``, or the count when ``weights`` is empty. Values
    ``>= size`` are ignored; negative values are an error. The output has ``weights``' dtype.

    Args:
        x: a 1-D int32 tensor of non-negative values.
        weights: a tensor of ``x``'s size, or an empty tensor to count.
        size: the number of bins (>= 0).

    >>> import pytfjs as tf
    >>> tf.bincount(tf.tensor([1, 1, 3, 7]), tf.tensor([]), 5).to_list()
    [0.0, 2.0, 0.0, 1.0, 0.0]
    >>> tf.bincount(tf.tensor([1, 1, 3]), tf.tensor([1, 2, 3]), 4).to_list()
    [0, 3, 0, 3]
    """
    x, w, size = _bincount_args(x, weights, size, "bincount")
    if x.rank != 1:
        raise ShapeError(f"'bincount': x must be of rank 1, but got rank {x.rank}")
    return run("Bincount", x, w, size=size)


@op("DenseBincount", tf_ops=("DenseBincount",), dtype="same as weights", differentiable=False)
def dense_bincount(x: Any, weights: Any, size: int, binary_output: bool = False) -> Tensor:
    """:func:`bincount` for a 1-D ``x``, or per row of a 2-D ``x`` (output ``[rows, size]``).
    ``binary_output`` marks presence (1) instead of counting or summing.

    Args:
        x: a 1-D or 2-D int32 tensor of non-negative values.
        weights: a tensor of ``x``'s shape, or an empty tensor to count.
        size: the number of bins (>= 0).
        binary_output: output 1 where a value occurs instead of the count (default False).

    >>> import pytfjs as tf
    >>> tf.dense_bincount(tf.tensor([[1, 1, 2], [0, 3, 3]]), tf.tensor([], None, "int32"),
    ...                   4).to_list()
    [[0, 2, 1, 0], [1, 0, 0, 2]]
    >>> tf.dense_bincount(tf.tensor([1, 1, 2]), tf.tensor([]), 4, True).to_list()
    [0.0, 1.0, 1.0, 0.0]
    """
    x, w, size = _bincount_args(x, weights, size, "dense_bincount")
    if x.rank > 2 or x.rank == 0:
        raise ShapeError(f"'dense_bincount': x must be of rank 1 or 2, but got rank {x.rank}")
    if not isinstance(binary_output, bool):
        raise TypeError(f"'dense_bincount': binary_output must be a bool, got {binary_output!r}")
    if w.size and w.shape != x.shape:
        w = transformation.reshape(w, list(x.shape))
    return run("DenseBincount", x, w, size=size, binary_output=binary_output)


# ===================================================================== where / boolean_mask
@op("Where", tf_ops=("Where",), dtype="int32", differentiable=False, method=False)
def where_indices(condition: Any) -> Tensor:
    """The coordinates of the true elements of ``condition``, in row-major
    order: an int32 tensor ``[n, rank]``. Synchronous form of :func:`where_async`.

    Args:
        condition: a bool tensor (TensorLikes are read as bool).

    >>> import pytfjs as tf
    >>> tf.where_indices(tf.tensor([[True, False], [True, True]])).to_list()
    [[0, 0], [1, 0], [1, 1]]
    """
    c = to_tensor(condition, "condition", "where_indices", dtype="bool")
    assert_dtypes(c, ("bool",), "condition", "where_indices")
    return run("Where", c)


def where_async(condition: Any) -> Tensor:
    """Async form of :func:`where_indices` (TF.js ``whereAsync``): int32 coordinates
    ``[n, rank]`` of the true elements.

    >>> import asyncio, pytfjs as tf
    >>> asyncio.run(tf.where_async(tf.tensor([False, True, True]))).to_list()
    [[1], [2]]
    """
    return _resolved(where_indices(condition))


@op(None, dtype="same as tensor", method=False)
def boolean_mask(tensor: Any, mask: Any, axis: int = 0) -> Tensor:
    """The slices of ``tensor`` where ``mask`` is true: the ``mask.rank`` dimensions of
    ``tensor`` starting at ``axis`` (which must equal ``mask``'s shape) are flattened and
    filtered. Synchronous form of :func:`boolean_mask_async`.

    Args:
        tensor: an N-D numeric or bool tensor.
        mask: a K-D bool tensor, K >= 1, shaped ``tensor.shape[axis:axis + K]``.
        axis: the first axis of ``tensor`` to mask (default 0; negative counts from the end).

    >>> import pytfjs as tf
    >>> t = tf.tensor([[1, 2], [3, 4], [5, 6]])
    >>> tf.boolean_mask(t, tf.tensor([True, False, True])).to_list()
    [[1, 2], [5, 6]]
    """
    t = to_tensor(tensor, "tensor", "boolean_mask", numeric=True)
    m = to_tensor(mask, "mask", "boolean_mask", dtype="bool")
    assert_dtypes(m, ("bool",), "mask", "boolean_mask")
    if m.rank == 0:
        raise ShapeError("'boolean_mask': mask cannot be a scalar")
    if axis is None:
        axis = 0
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise TypeError(f"'boolean_mask': axis must be an int, got {axis!r}")
    ax = axis + t.rank if axis < 0 else axis
    if ax < 0 or ax + m.rank > t.rank or tuple(t.shape[ax:ax + m.rank]) != tuple(m.shape):
        raise ShapeError(f"'boolean_mask': the mask's shape {list(m.shape)} must match "
                         f"dimensions {ax}..{ax + m.rank - 1} of the tensor's shape "
                         f"{list(t.shape)}")
    lead = _prod(t.shape[ax:ax + m.rank])
    target = list(t.shape[:ax]) + [lead] + list(t.shape[ax + m.rank:])
    flat = transformation.reshape(t, target)
    idx = transformation.reshape(run("Where", transformation.reshape(m, [lead])), [-1])
    return slice_join.gather(flat, idx, ax)


def boolean_mask_async(tensor: Any, mask: Any, axis: int = 0) -> Tensor:
    """Async form of :func:`boolean_mask` (TF.js ``booleanMaskAsync``).

    >>> import asyncio, pytfjs as tf
    >>> t = tf.tensor([1.0, 2.0, 3.0])
    >>> asyncio.run(tf.boolean_mask_async(t, [True, False, True])).to_list()
    [1.0, 3.0]
    """
    return _resolved(boolean_mask(tensor, mask, axis))
