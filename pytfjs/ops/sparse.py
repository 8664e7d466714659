"""Ops: sparse (``tf.sparse``): fill the empty rows of a sparse tensor, reshape one, and the
sparse segment reductions, with gradients for the segment reductions.

A sparse tensor is TensorFlow's COO triple: ``indices`` (int32 ``[N, rank]``), ``values``
(``[N]``) and ``dense_shape`` (int32 ``[rank]``). The segment reductions gather rows of ``data``
at ``indices`` and reduce the consecutive runs of equal ``segment_ids`` (which must be sorted).

Semantics follow TF.js 4.22's cpu backend (dtypes included: the result keeps ``data``'s dtype,
an int32 mean truncates toward zero, float32 sums accumulate in float32 in input order).
Deliberate differences from TF.js:

- ``sparse_segment_sum`` / ``sparse_segment_mean`` reject bool ``data`` (TF.js sums bools into a
  ``Uint8Array`` and returns "bool" tensors holding 2, 3, ...; TensorFlow has no bool kernel).
- Gradients: TF.js has none for the sparse segment ops; here they follow TensorFlow
  (``SparseSegmentSumGrad`` / ``SparseSegmentMeanGrad``): ``dy`` gathered at ``segment_ids`` and
  scattered (summed) into the rows of ``data`` named by ``indices``, divided by the segment sizes
  for the mean.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError
from ..core.tensor import Tensor
from ._util import assert_dtypes

__all__: list[str] = []   # every op here lives in the tf.sparse namespace

_INT = ("int32",)


class SparseFillEmptyRowsResult(NamedTuple):
    """The result of :func:`sparse_fill_empty_rows` (TF.js field names in snake_case)."""
    output_indices: Tensor
    output_values: Tensor
    empty_row_indicator: Tensor
    reverse_index_map: Tensor


class SparseReshapeResult(NamedTuple):
    """The result of :func:`sparse_reshape`."""
    output_indices: Tensor
    output_shape: Tensor


def _int_tensor(x: Any, arg: str, op_name: str) -> Tensor:
    t = to_tensor(x, arg, op_name, dtype="int32")
    assert_dtypes(t, _INT, arg, op_name)
    return t


def _rank(t: Tensor, rank: int, arg: str, op_name: str, what: str) -> None:
    if t.rank != rank:
        raise ShapeError(f"'{op_name}': {arg} must be {what} (rank {rank}), got shape "
                         f"{list(t.shape)}")


@op("SparseFillEmptyRows", tf_ops=("SparseFillEmptyRows",), namespace="sparse",
    dtype="indices int32, values as input, indicator bool, map int32", differentiable=False,
    method=False)
def sparse_fill_empty_rows(indices: Any, values: Any, dense_shape: Any,
                           default_value: Any) -> SparseFillEmptyRowsResult:
    """Inserts ``default_value`` at ``[row, 0, ..., 0]`` for every empty row of a sparse tensor.

    Returns a named tuple ``(output_indices, output_values, empty_row_indicator,
    reverse_index_map)``: the filled sparse tensor (rows grouped in order, input order kept
    within a row), a bool flag per dense row telling whether it was empty, and for each input
    entry its position in the output. Not differentiable (TF.js has no gradient either).

    Args:
        indices: int32 ``[N, rank]`` indices; every row index must be in
            ``[0, dense_shape[0])``.
        values: numeric ``[N]`` values.
        dense_shape: int32 ``[rank]`` dense shape.
        default_value: a scalar (converted to ``values``'s dtype).

    >>> import pytfjs as tf
    >>> r = tf.sparse.sparse_fill_empty_rows([[0, 0], [2, 1]], [5.0, 6.0], [3, 2], -1.0)
    >>> r.output_indices.to_list(), r.output_values.to_list()
    ([[0, 0], [1, 0], [2, 1]], [5.0, -1.0, 6.0])
    >>> r.empty_row_indicator.to_list(), r.reverse_index_map.to_list()
    ([False, True, False], [0, 2])
    >>> tf.dispose(list(r))
    """
    name = "sparse_fill_empty_rows"
    idx = _int_tensor(indices, "indices", name)
    vals = to_tensor(values, "values", name, numeric=True)
    shape = _int_tensor(dense_shape, "dense_shape", name)
    dv = to_tensor(default_value, "default_value", name, dtype=vals.dtype, numeric=True)
    _rank(idx, 2, "indices", name, "a matrix")
    _rank(vals, 1, "values", name, "a vector")
    _rank(shape, 1, "dense_shape", name, "a vector")
    _rank(dv, 0, "default_value", name, "a scalar")
    if vals.dtype == "complex64":
        raise TypeError(f"'{name}': values must be float32, int32 or bool, got complex64")
    if dv.dtype != vals.dtype:
        raise TypeError(f"'{name}': default_value ({dv.dtype}) must have the dtype of values "
                        f"({vals.dtype})")
    if vals.shape[0] != idx.shape[0]:
        raise ShapeError(f"'{name}': values has {vals.shape[0]} entries but indices has "
                         f"{idx.shape[0]} rows")
    if shape.shape[0] == 0 or shape.shape[0] != idx.shape[1]:
        raise ShapeError(f"'{name}': dense_shape must have one entry per column of indices "
                         f"({idx.shape[1]}), got {shape.shape[0]}")
    return SparseFillEmptyRowsResult(*run("SparseFillEmptyRows", idx, vals, shape, dv))


@op("SparseReshape", tf_ops=("SparseReshape",), namespace="sparse", dtype="int32",
    differentiable=False, method=False)
def sparse_reshape(input_indices: Any, input_shape: Any, new_shape: Any) -> SparseReshapeResult:
    """Reshapes a sparse tensor: recomputes its indices for ``new_shape`` (one entry may be -1,
    inferred so the dense size is kept). Returns ``(output_indices, output_shape)``.

    Args:
        input_indices: int32 ``[N, R_in]`` indices.
        input_shape: int32 ``[R_in]`` dense shape.
        new_shape: int32 ``[R_out]`` requested shape, at most one -1.

    >>> import pytfjs as tf
    >>> r = tf.sparse.sparse_reshape([[0, 0, 0], [0, 1, 0], [1, 2, 3]], [2, 3, 6], [9, -1])
    >>> r.output_indices.to_list(), r.output_shape.to_list()
    ([[0, 0], [1, 2], [8, 1]], [9, 4])
    >>> tf.dispose(list(r))
    """
    name = "sparse_reshape"
    idx = _int_tensor(input_indices, "input_indices", name)
    ishape = _int_tensor(input_shape, "input_shape", name)
    nshape = _int_tensor(new_shape, "new_shape", name)
    _rank(idx, 2, "input_indices", name, "a matrix")
    _rank(ishape, 1, "input_shape", name, "a vector")
    _rank(nshape, 1, "new_shape", name, "a vector")
    if ishape.shape[0] != idx.shape[1]:
        raise ShapeError(f"'{name}': input_shape has {ishape.shape[0]} entries but "
                         f"input_indices has {idx.shape[1]} columns")
    return SparseReshapeResult(*run("SparseReshape", idx, ishape, nshape))


def _segment_inputs(data: Any, indices: Any, segment_ids: Any,
                    name: str) -> tuple[Tensor, Tensor, Tensor]:
    x = to_tensor(data, "data", name, numeric=True)
    idx = _int_tensor(indices, "indices", name)
    seg = _int_tensor(segment_ids, "segment_ids", name)
    if x.dtype in ("bool", "complex64"):
        raise TypeError(f"Argument 'data' passed to '{name}' must be float32 or int32 tensor, "
                        f"but got {x.dtype} tensor")
    if x.rank < 1:
        raise ShapeError(f"'{name}': data must have rank >= 1, got a scalar")
    _rank(idx, 1, "indices", name, "a vector")
    _rank(seg, 1, "segment_ids", name, "a vector")
    if idx.shape[0] != seg.shape[0]:
        raise ShapeError(f"'{name}': segment_ids ({seg.shape[0]}) and indices "
                         f"({idx.shape[0]}) must have the same length")
    return x, idx, seg


@op("SparseSegmentSum", tf_ops=("SparseSegmentSum",), namespace="sparse", dtype="same as data",
    method=False)
def sparse_segment_sum(data: Any, indices: Any, segment_ids: Any) -> Tensor:
    """Sums rows of ``data`` along sparse segments: ``out[s] = sum(data[indices[i]] for i
    where segment_ids[i] == s)``. The output has ``segment_ids[-1] + 1`` rows; segments with
    no entries are 0.

    Args:
        data: a float32 or int32 tensor of rank >= 1.
        indices: int32 ``[K]`` row indices into ``data`` (in ``[0, data.shape[0])``).
        segment_ids: int32 ``[K]`` sorted, non-negative segment ids.

    >>> import pytfjs as tf
    >>> c = tf.tensor([[1.0, 2.0], [-1.0, -2.0], [5.0, 6.0]])
    >>> tf.sparse.sparse_segment_sum(c, [0, 1, 2], [0, 0, 2]).to_list()
    [[0.0, 0.0], [0.0, 0.0], [5.0, 6.0]]
    >>> c.dispose()
    """
    x, idx, seg = _segment_inputs(data, indices, segment_ids, "sparse_segment_sum")
    return run("SparseSegmentSum", x, idx, seg)


@op("SparseSegmentMean", tf_ops=("SparseSegmentMean",), namespace="sparse",
    dtype="same as data (int32 truncates)", method=False)
def sparse_segment_mean(data: Any, indices: Any, segment_ids: Any) -> Tensor:
    """Averages rows of ``data`` along sparse segments (see :func:`sparse_segment_sum`); an
    int32 mean truncates toward zero, as in TF.js and TensorFlow.

    Args:
        data: a float32 or int32 tensor of rank >= 1.
        indices: int32 ``[K]`` row indices into ``data``.
        segment_ids: int32 ``[K]`` sorted, non-negative segment ids.

    >>> import pytfjs as tf
    >>> c = tf.tensor([[1.0, 2.0], [-1.0, -4.0], [6.0, 7.0]])
    >>> tf.sparse.sparse_segment_mean(c, [0, 2, 1], [0, 0, 1]).to_list()
    [[3.5, 4.5], [-1.0, -4.0]]
    >>> c.dispose()
    """
    x, idx, seg = _segment_inputs(data, indices, segment_ids, "sparse_segment_mean")
    return run("SparseSegmentMean", x, idx, seg)


def _segment_grad(dy: Tensor, inputs: Any, mean: bool) -> tuple:
    from .arithmetic import div
    from .creation import ones, zeros
    from .slice_join import gather, unsorted_segment_sum
    x, idx, seg = inputs
    n = x.shape[0]
    if idx.size == 0 or dy.size == 0:
        return zeros(list(x.shape), dy.dtype), None, None
    g = gather(dy, seg, 0)
    if mean:
        from .transformation import reshape
        counts = unsorted_segment_sum(ones([seg.size]), seg, dy.shape[0])
        g = div(g, reshape(gather(counts, seg, 0), [seg.size] + [1] * (dy.rank - 1)))
    return unsorted_segment_sum(g, idx, n), None, None


@sparse_segment_sum.gradient(save_inputs=True)
def _sparse_segment_sum_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return _segment_grad(dy, inputs, False)


@sparse_segment_mean.gradient(save_inputs=True)
def _sparse_segment_mean_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return _segment_grad(dy, inputs, True)
