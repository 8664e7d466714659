"""Ops: ragged tensors (``tf.ragged_gather``, ``tf.ragged_range``,
``tf.ragged_tensor_to_tensor``), with TF.js 4.22's signatures.

A ragged tensor is a dense ``values`` tensor plus row partitions: ``row_splits`` (row ``i`` is
``values[splits[i]:splits[i + 1]]``), ``value_rowids`` (the row of each value) or a first
dimension size. None of these ops is differentiable: TF.js registers no gradient for them.

Deliberate differences from TF.js (each an error there; TensorFlow's behaviour here):

- ``ragged_tensor_to_tensor`` pads with a non-scalar ``default_value`` (TF.js writes the padding
  into a temporary copy and leaves zeros), fills the inner dimensions of a ``-1`` in ``shape``
  from ``values`` (TF.js throws "Dimension -1 must be >= 0"), and accepts a scalar ``-1``
  ``shape`` (an unknown shape; TF.js throws).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError
from ..core.tensor import Tensor
from ._util import assert_dtypes

__all__ = ["ragged_gather", "ragged_range", "ragged_tensor_to_tensor"]

_TYPES = ("FIRST_DIM_SIZE", "VALUE_ROWIDS", "ROW_SPLITS")


class RaggedGatherResult(NamedTuple):
    """The result of :func:`ragged_gather`."""
    output_nested_splits: list
    output_dense_values: Tensor


class RaggedRangeResult(NamedTuple):
    """The result of :func:`ragged_range`."""
    rt_nested_splits: Tensor
    rt_dense_values: Tensor


def _int32(x: Any, arg: str, op_name: str) -> Tensor:
    t = to_tensor(x, arg, op_name, dtype="int32")
    assert_dtypes(t, ("int32",), arg, op_name)
    return t


def _tensor_list(xs: Any, arg: str, op_name: str) -> list[Tensor]:
    if isinstance(xs, Tensor) or not isinstance(xs, (list, tuple)):
        raise TypeError(f"'{op_name}': {arg} must be a list of int32 tensors, got "
                        f"{type(xs).__name__}")
    return [_int32(x, f"{arg}[{i}]", op_name) for i, x in enumerate(xs)]


@op("RaggedGather", tf_ops=("RaggedGather",), dtype="int32 splits, values as params",
    differentiable=False, method=False)
def ragged_gather(params_nested_splits: Sequence[Any], params_dense_values: Any, indices: Any,
                  output_ragged_rank: int) -> RaggedGatherResult:
    """Gathers rows of a ragged tensor: ``output = params[indices]``. Returns
    ``(output_nested_splits, output_dense_values)``, the splits (a list of int32 vectors) and
    dense values of the ragged result.

    Args:
        params_nested_splits: the row splits of ``params``, outermost first (at least one).
        params_dense_values: the dense values of ``params`` (rank >= 1).
        indices: int32 indices into the outermost rows of ``params``, any shape.
        output_ragged_rank: the ragged rank of the output, ``indices.rank - 1 +
            len(params_nested_splits)``; as in TF.js, the output always has that many splits
            whatever value is passed.

    >>> import pytfjs as tf
    >>> r = tf.ragged_gather([tf.tensor([0, 2, 3], dtype='int32')], tf.tensor([1.0, 2.0, 3.0]),
    ...                      tf.tensor([1, 0, 1], dtype='int32'), 1)
    >>> [s.to_list() for s in r.output_nested_splits], r.output_dense_values.to_list()
    ([[0, 1, 3, 4]], [3.0, 1.0, 2.0, 3.0])
    >>> tf.dispose(r.output_nested_splits + [r.output_dense_values])
    """
    name = "ragged_gather"
    splits = _tensor_list(params_nested_splits, "params_nested_splits", name)
    values = to_tensor(params_dense_values, "params_dense_values", name)
    idx = _int32(indices, "indices", name)
    if not splits:
        raise ValueError(f"'{name}': params_nested_splits must not be empty")
    for i, s in enumerate(splits):
        if s.rank != 1:
            raise ShapeError(f"'{name}': params_nested_splits[{i}] must be a vector, got shape "
                             f"{list(s.shape)}")
    if values.rank == 0:
        raise ShapeError(f"'{name}': params_dense_values must have rank >= 1")
    if isinstance(output_ragged_rank, bool) or not hasattr(output_ragged_rank, "__index__"):
        raise TypeError(f"'{name}': output_ragged_rank must be an int, got "
                        f"{output_ragged_rank!r}")
    want = idx.rank - 1 + len(splits)
    outs = run("RaggedGather", *splits, values, idx, output_ragged_rank=want)
    return RaggedGatherResult(list(outs[:-1]), outs[-1])


@op("RaggedRange", tf_ops=("RaggedRange",), dtype="int32 splits, values as starts",
    differentiable=False, method=False)
def ragged_range(starts: Any, limits: Any, deltas: Any) -> RaggedRangeResult:
    """A ragged tensor whose row ``i`` is ``range(starts[i], limits[i], deltas[i])``. Scalars
    broadcast to the other arguments' length. Returns ``(rt_nested_splits, rt_dense_values)``.

    Args:
        starts: float32 or int32 scalar or vector of range starts; its dtype is the output's.
        limits: the exclusive limits (converted to ``starts``'s dtype).
        deltas: the non-zero steps (converted to ``starts``'s dtype).

    >>> import pytfjs as tf
    >>> r = tf.ragged_range([0, 5], [3, 8], [1, 2])
    >>> r.rt_nested_splits.to_list(), r.rt_dense_values.to_list()
    ([0, 3, 5], [0, 1, 2, 5, 7])
    >>> tf.dispose(list(r))
    """
    name = "ragged_range"
    s = to_tensor(starts, "starts", name, numeric=True)
    if s.dtype not in ("float32", "int32"):
        raise TypeError(f"Argument 'starts' passed to '{name}' must be float32 or int32 "
                        f"tensor, but got {s.dtype} tensor")
    lim = to_tensor(limits, "limits", name, dtype=s.dtype, numeric=True)
    d = to_tensor(deltas, "deltas", name, dtype=s.dtype, numeric=True)
    for arg, t in (("limits", lim), ("deltas", d)):
        if t.dtype != s.dtype:
            raise TypeError(f"'{name}': {arg} ({t.dtype}) must have the dtype of starts "
                            f"({s.dtype})")
    sizes = []
    for arg, t in (("starts", s), ("limits", lim), ("deltas", d)):
        if t.rank > 1:
            raise ShapeError(f"'{name}': {arg} must be a scalar or vector, got shape "
                             f"{list(t.shape)}")
        if t.rank == 1:
            sizes.append(t.shape[0])
    if any(n != sizes[0] for n in sizes):
        raise ShapeError(f"'{name}': starts, limits and deltas must have the same length")
    return RaggedRangeResult(*run("RaggedRange", s, lim, d))


@op("RaggedTensorToTensor", tf_ops=("RaggedTensorToTensor",), dtype="same as values",
    differentiable=False, method=False)
def ragged_tensor_to_tensor(shape: Any, values: Any, default_value: Any,
                            row_partition_tensors: Sequence[Any],
                            row_partition_types: Sequence[str]) -> Tensor:
    """Converts a ragged tensor to a dense one, padding with ``default_value`` and cropping to
    ``shape``.

    Args:
        shape: int32 output shape; -1 entries are inferred (the widest row, or the values'
            dimension); a scalar -1 infers every dimension.
        values: the dense values (numeric, rank >= 1).
        default_value: the padding, broadcastable to ``values.shape[1:]`` (converted to
            ``values``'s dtype).
        row_partition_tensors: int32 partition tensors, outermost first.
        row_partition_types: their kinds: ``'ROW_SPLITS'`` or ``'VALUE_ROWIDS'``, optionally
            after a leading ``'FIRST_DIM_SIZE'`` (whose tensor is a scalar); ``VALUE_ROWIDS``
            cannot be first.

    >>> import pytfjs as tf
    >>> tf.ragged_tensor_to_tensor([-1, -1], tf.tensor([1.0, 2.0, 3.0]), 0.0,
    ...                            [tf.tensor([0, 2, 2, 3], dtype='int32')],
    ...                            ['ROW_SPLITS']).to_list()
    [[1.0, 2.0], [0.0, 0.0], [3.0, 0.0]]
    """
    name = "ragged_tensor_to_tensor"
    shp = _int32(shape, "shape", name)
    vals = to_tensor(values, "values", name, numeric=True)
    dv = to_tensor(default_value, "default_value", name, dtype=vals.dtype, numeric=True)
    parts = _tensor_list(row_partition_tensors, "row_partition_tensors", name)
    if isinstance(row_partition_types, str) or not isinstance(row_partition_types,
                                                              (list, tuple)):
        raise TypeError(f"'{name}': row_partition_types must be a list of str, got "
                        f"{row_partition_types!r}")
    types = tuple(row_partition_types)
    for i, t in enumerate(types):
        if t not in _TYPES:
            raise ValueError(f"'{name}': row_partition_types[{i}] = {t!r} is not supported "
                             f"(use one of {list(_TYPES)})")
    if not types or len(types) != len(parts):
        raise ValueError(f"'{name}': row_partition_types ({len(types)}) must name each of the "
                         f"{len(parts)} row_partition_tensors (at least one)")
    if "FIRST_DIM_SIZE" in types[1:]:
        raise ValueError(f"'{name}': 'FIRST_DIM_SIZE' may only come first")
    if types[0] == "VALUE_ROWIDS":
        raise ValueError(f"'{name}': 'VALUE_ROWIDS' cannot describe the first dimension")
    if vals.rank == 0:
        raise ShapeError(f"'{name}': values must have rank >= 1")
    if vals.dtype == "complex64":
        raise TypeError(f"'{name}': complex64 values are not supported")
    if dv.dtype != vals.dtype:
        raise TypeError(f"'{name}': default_value ({dv.dtype}) must have the dtype of values "
                        f"({vals.dtype})")
    if shp.rank > 1:
        raise ShapeError(f"'{name}': shape must be a vector or the scalar -1")
    for i, (t, p) in enumerate(zip(types, parts)):
        want = 0 if t == "FIRST_DIM_SIZE" else 1
        if p.rank != want:
            raise ShapeError(f"'{name}': row_partition_tensors[{i}] ({t}) must have rank "
                             f"{want}, got shape {list(p.shape)}")
        if t == "ROW_SPLITS" and p.size == 0:
            raise ValueError(f"'{name}': row_partition_tensors[{i}] (ROW_SPLITS) must not be "
                             f"empty")
    return run("RaggedTensorToTensor", shp, vals, dv, *parts, row_partition_types=types)
