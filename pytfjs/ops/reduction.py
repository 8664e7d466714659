"""Ops: reduction (sum, mean, max, min, prod, any, all, arg_max, arg_min, log_sum_exp) and
scans (cumsum, cumprod).

Axis rules are TF.js ``parseAxisParam``: ``axis=None`` reduces every axis, negative axes count
from the end, and an out-of-range axis is an error. Differences from TF.js, on purpose:

- a repeated axis (``[0, 0]``) is an error (TF.js returns a wrongly shaped result);
- ``cumsum``/``cumprod`` accept negative axes (TF.js 4.22 fails on them) and reject scalars
  (TF.js returns 0);
- ``sum``, ``prod`` and ``mean`` accept complex64 (the TF.js cpu backend rejects it);
- ``log_sum_exp`` of bool works on the values as 0/1 floats (TF.js returns Infinity).

Gradients follow ``tfjs-core/src/gradients``: Sum and Mean spread ``dy`` over the reduced axes
(Mean divides by the count); Max and Min send ``dy`` to every position equal to the result
(ties each get the full ``dy``, NaN gets none, as TF.js); Prod multiplies the exclusive
cumulative products from both sides (no division, so zeros are handled exactly); Cumsum is a
cumsum of ``dy`` in the other direction; ArgMax and ArgMin give zeros (TF.js). Two gradients go
beyond TF.js 4.22: Cumsum along a non-last axis (TF.js transposes the gradient by mistake and
fails) and Cumprod (TF.js has none; here it is exact with zeros, see :func:`_cumprod_grad`).
Any and All have no gradient (bool inputs). Every gradient is built from public ops, so
gradients of gradients work.
"""
from __future__ import annotations

from typing import Any, Sequence

from ..core import dtypes as _dt
from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError, normalize_axis, parse_axes, reduced_shape, size_of
from ..core.tensor import Tensor
from . import arithmetic, creation, logical, matrices, transformation
from ._util import assert_dtypes, cast_to

__all__ = ["sum", "mean", "max", "min", "prod", "any", "all", "arg_max", "arg_min",
           "log_sum_exp", "cumsum", "cumprod"]

Axis = int | Sequence[int] | None


def _axes(x: Tensor, axis: Axis, op_name: str) -> tuple[int, ...]:
    axes = parse_axes(axis, x.rank, op_name)
    if len(set(axes)) != len(axes):
        raise ShapeError(f"'{op_name}': axis {list(axis or ())!r} repeats an axis "
                         f"(tensor of rank {x.rank}).")
    return tuple(sorted(axes))


def _check_keep_dims(keep_dims: Any, op_name: str) -> bool:
    if not isinstance(keep_dims, bool):
        raise TypeError(f"'{op_name}': keep_dims must be a bool, got {keep_dims!r}")
    return keep_dims


# ------------------------------------------------------------------------------ gradient helpers
def _keep_dims_shape(shape: Sequence[int], axes: Sequence[int]) -> tuple[int, ...]:
    return reduced_shape(shape, tuple(axes), True)


def _spread(dy: Tensor, shape: tuple[int, ...], axes: Sequence[int]) -> Tensor:
    """``dy`` of a reduction over ``axes`` broadcast back to the input ``shape`` (a view)."""
    return transformation.broadcast_to(
        transformation.reshape(dy, _keep_dims_shape(shape, axes)), shape)


def _inverse_perm(perm: Sequence[int]) -> list[int]:
    inv = [0] * len(perm)
    for i, p in enumerate(perm):
        inv[p] = i
    return inv


def _reduce(kernel: str, op_name: str, x: Any, axis: Axis, keep_dims: bool,
            dtypes: tuple[str, ...] | None = None, no_complex: bool = False) -> Tensor:
    x = to_tensor(x, "x", op_name, numeric=True)
    if dtypes is not None:
        assert_dtypes(x, dtypes, "x", op_name)
    if no_complex and x.dtype == "complex64":
        raise TypeError(f"'{op_name}' does not support complex64 tensors")
    axes = _axes(x, axis, op_name)
    keep_dims = _check_keep_dims(keep_dims, op_name)
    return run(kernel, x, axis=axes, keep_dims=keep_dims)


@op("Sum", tf_ops=("Sum",), dtype="same; bool -> int32")
def sum(x: Any, axis: Axis = None, keep_dims: bool = False) -> Tensor:
    """Sums the elements of ``x`` along ``axis`` (all axes when None). bool and int32 inputs
    give int32 (int32 wraps on overflow, as in TF.js); the sum of no elements is 0.

    Args:
        x: the tensor to reduce.
        axis: an axis or a list of axes; None reduces every axis. Negative axes count from
            the end.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1, 2, 3], [4, 5, 6]])
    >>> tf.sum(x).to_list(), tf.sum(x, 0).to_list(), tf.sum(x, -1, True).to_list()
    (21, [5, 7, 9], [[6], [15]])
    >>> tf.sum(tf.tensor([True, False, True])).to_list()
    2
    """
    return _reduce("Sum", "sum", x, axis, keep_dims)


@sum.gradient(save_inputs=True)
def _sum_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    return (_spread(dy, x.shape, attrs["axis"]),)


@op("Mean", tf_ops=("Mean",), dtype="float32 for int32/bool, else same")
def mean(x: Any, axis: Axis = None, keep_dims: bool = False) -> Tensor:
    """Computes the mean of the elements of ``x`` along ``axis``. int32 and bool inputs give
    float32; the mean of no elements is 0 (as TF.js).

    Args:
        x: the tensor to reduce.
        axis: an axis or a list of axes; None reduces every axis.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> tf.mean(tf.tensor([[1, 2], [3, 4]]), 1).to_list()
    [1.5, 3.5]
    """
    return _reduce("Mean", "mean", x, axis, keep_dims)


@mean.gradient(save_inputs=True)
def _mean_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    axes = attrs["axis"]
    count = size_of([x.shape[a] for a in axes])
    if count > 1:
        dy = arithmetic.div(dy, count)
    return (_spread(dy, x.shape, axes),)


@op("Max", tf_ops=("Max",), dtype="same")
def max(x: Any, axis: Axis = None, keep_dims: bool = False) -> Tensor:
    """Computes the maximum of the elements of ``x`` along ``axis``. NaN propagates; the
    maximum of no elements is NaN for float32 (0 for int32, False for bool), as TF.js's cpu
    backend.

    Args:
        x: the tensor to reduce.
        axis: an axis or a list of axes; None reduces every axis.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> tf.max(tf.tensor([[1.0, 5.0], [3.0, 2.0]]), 0).to_list()
    [3.0, 5.0]
    """
    return _reduce("Max", "max", x, axis, keep_dims, no_complex=True)


def _min_max_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    """TF.js ``gradForMinAndMax``: ``dy`` goes to every element equal to the result."""
    (x,) = inputs
    (y,) = outputs
    kd = _keep_dims_shape(x.shape, attrs["axis"])
    hit = logical.equal(x, transformation.reshape(y, kd))
    return (arithmetic.mul(transformation.reshape(dy, kd), cast_to(hit, dy.dtype)),)


max.gradient(save_inputs=True, save_outputs=True)(_min_max_grad)


@op("Min", tf_ops=("Min",), dtype="same")
def min(x: Any, axis: Axis = None, keep_dims: bool = False) -> Tensor:
    """Computes the minimum of the elements of ``x`` along ``axis``. NaN propagates; the
    minimum of no elements is NaN for float32 (0 for int32, False for bool).

    Args:
        x: the tensor to reduce.
        axis: an axis or a list of axes; None reduces every axis.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> tf.min(tf.tensor([[1, 5], [3, 2]]), 1, True).to_list()
    [[1], [2]]
    """
    return _reduce("Min", "min", x, axis, keep_dims, no_complex=True)


min.gradient(save_inputs=True, save_outputs=True)(_min_max_grad)


@op("Prod", tf_ops=("Prod",), dtype="same; bool -> int32")
def prod(x: Any, axis: Axis = None, keep_dims: bool = False) -> Tensor:
    """Multiplies the elements of ``x`` along ``axis``. bool gives int32; the product of no
    elements is 1.

    Args:
        x: the tensor to reduce.
        axis: an axis or a list of axes; None reduces every axis.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> tf.prod(tf.tensor([[1, 2], [3, 4]]), 0).to_list()
    [3, 8]
    """
    return _reduce("Prod", "prod", x, axis, keep_dims)


@prod.gradient(save_inputs=True)
def _prod_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    """The product of all the other elements, as (exclusive cumprod from the left) * (exclusive
    cumprod from the right) over the reduced elements, so zeros need no special case. The
    reduced axes are moved last and flattened into one (TF.js ``prodsGradFn_``)."""
    (x,) = inputs
    axes = tuple(attrs["axis"])
    if not axes:  # a product over no axes is the identity
        return (transformation.reshape(dy, x.shape),)
    kept = [i for i in range(x.rank) if i not in axes]
    perm = kept + list(axes)
    moved = perm != list(range(x.rank))
    xt = matrices.transpose(x, perm) if moved else x
    outer = [x.shape[i] for i in kept]
    flat = transformation.reshape(xt, outer + [size_of([x.shape[a] for a in axes])])
    others = arithmetic.mul(cumprod(flat, -1, True, False), cumprod(flat, -1, True, True))
    g = arithmetic.mul(others, transformation.reshape(dy, outer + [1]))
    g = transformation.reshape(g, xt.shape)
    if moved:
        g = matrices.transpose(g, _inverse_perm(perm))
    return (g,)


@op("Any", tf_ops=("Any",), dtype="bool", differentiable=False)
def any(x: Any, axis: Axis = None, keep_dims: bool = False) -> Tensor:
    """Logical OR of the elements of a bool tensor along ``axis`` (False for no elements).

    Args:
        x: a bool tensor.
        axis: an axis or a list of axes; None reduces every axis.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> tf.any(tf.tensor([[True, False], [False, False]]), 1).to_list()
    [True, False]
    """
    return _reduce("Any", "any", x, axis, keep_dims, dtypes=("bool",))


@op("All", tf_ops=("All",), dtype="bool", differentiable=False)
def all(x: Any, axis: Axis = None, keep_dims: bool = False) -> Tensor:
    """Logical AND of the elements of a bool tensor along ``axis``. As TF.js's cpu backend,
    the AND of no elements is False.

    Args:
        x: a bool tensor.
        axis: an axis or a list of axes; None reduces every axis.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> tf.all(tf.tensor([[True, False], [True, True]]), 1).to_list()
    [False, True]
    """
    return _reduce("All", "all", x, axis, keep_dims, dtypes=("bool",))


def _arg(kernel: str, op_name: str, x: Any, axis: int) -> Tensor:
    x = to_tensor(x, "x", op_name, numeric=True)
    if x.dtype == "complex64":
        raise TypeError(f"'{op_name}' does not support complex64 tensors")
    if isinstance(axis, (list, tuple)):  # TF.js accepts [axis]
        if len(axis) != 1:
            raise ValueError(f"'{op_name}': axis must be a single int, got {list(axis)}")
        axis = axis[0]
    if x.rank == 0:
        raise ShapeError(f"'{op_name}': x must have rank >= 1, got a scalar")
    ax = normalize_axis(axis, x.rank, op_name)
    return run(kernel, x, axis=ax)


@op("ArgMax", tf_ops=("ArgMax",), dtype="int32", differentiable=False)
def arg_max(x: Any, axis: int = 0) -> Tensor:
    """Index of the largest value along ``axis`` (int32). Ties give the first index; NaN is
    skipped unless it is the first element along the axis (as TF.js).

    Args:
        x: the input tensor (rank >= 1).
        axis: the axis to reduce (default 0); negative counts from the end.

    >>> import pytfjs as tf
    >>> tf.arg_max(tf.tensor([[1, 9, 3], [7, 2, 7]]), 1).to_list()
    [1, 0]
    """
    return _arg("ArgMax", "arg_max", x, axis)


def _arg_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # An index does not change under small changes of x: zeros, as TF.js.
    (x,) = inputs
    return (creation.zeros_like(x),)


arg_max.gradient(save_inputs=True)(_arg_grad)


@op("ArgMin", tf_ops=("ArgMin",), dtype="int32", differentiable=False)
def arg_min(x: Any, axis: int = 0) -> Tensor:
    """Index of the smallest value along ``axis`` (int32). Ties give the first index; NaN is
    skipped unless it is the first element along the axis (as TF.js).

    Args:
        x: the input tensor (rank >= 1).
        axis: the axis to reduce (default 0); negative counts from the end.

    >>> import pytfjs as tf
    >>> tf.arg_min(tf.tensor([[1, 9, 3], [7, 2, 7]]), 0).to_list()
    [0, 1, 0]
    """
    return _arg("ArgMin", "arg_min", x, axis)


arg_min.gradient(save_inputs=True)(_arg_grad)


@op(None, dtype="float32 (complex64 stays complex64)")
def log_sum_exp(x: Any, axis: Axis = None, keep_dims: bool = False) -> Tensor:
    """Computes ``log(sum(exp(x)))`` along ``axis``, stably: the maximum is subtracted before
    exponentiating and added back after the log (as TF.js, so all ``-inf`` or any ``+inf`` along
    an axis gives NaN). int32 and bool inputs give float32.

    Args:
        x: the input tensor.
        axis: an axis or a list of axes; None reduces every axis.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> y = tf.log_sum_exp(tf.tensor([[1.0, 2.0], [1000.0, 1000.0]]), 1)
    >>> [round(v, 4) for v in y.to_list()]
    [2.3133, 1000.6932]
    """
    x = to_tensor(x, "x", "log_sum_exp", numeric=True)
    if x.dtype == "complex64":
        raise TypeError("'log_sum_exp' does not support complex64 tensors")
    axes = _axes(x, axis, "log_sum_exp")
    keep_dims = _check_keep_dims(keep_dims, "log_sum_exp")
    if not _dt.is_float(x.dtype):
        x = cast_to(x, "float32")
    top = run("Max", x, axis=axes, keep_dims=True)
    shifted = run("Exp", run("Sub", x, top))
    summed = run("Log", run("Sum", shifted, axis=axes, keep_dims=keep_dims))
    return run("Add", summed, transformation.reshape(top, summed.shape))


def _scan(kernel: str, op_name: str, x: Any, axis: int, exclusive: bool, reverse: bool) -> Tensor:
    x = to_tensor(x, "x", op_name, numeric=True)
    if x.rank == 0:
        raise ShapeError(f"'{op_name}': x must have rank >= 1, got a scalar")
    ax = normalize_axis(axis, x.rank, op_name)
    if not isinstance(exclusive, bool) or not isinstance(reverse, bool):
        raise TypeError(f"'{op_name}': exclusive and reverse must be bools, got "
                        f"{exclusive!r} and {reverse!r}")
    return run(kernel, x, axis=ax, exclusive=exclusive, reverse=reverse)


@op("Cumsum", tf_ops=("Cumsum",), dtype="same; bool -> int32")
def cumsum(x: Any, axis: int = 0, exclusive: bool = False, reverse: bool = False) -> Tensor:
    """Cumulative sum of ``x`` along ``axis``. bool gives int32.

    Args:
        x: the input tensor (rank >= 1).
        axis: the axis to scan (default 0); negative counts from the end.
        exclusive: each output excludes its own element (the first output is 0).
        reverse: scan from the end of the axis.

    >>> import pytfjs as tf
    >>> x = tf.tensor([1, 2, 3, 4])
    >>> tf.cumsum(x).to_list(), tf.cumsum(x, 0, True).to_list()
    ([1, 3, 6, 10], [0, 1, 3, 6])
    >>> tf.cumsum(x, 0, False, True).to_list()
    [10, 9, 7, 4]
    """
    return _scan("Cumsum", "cumsum", x, axis, exclusive, reverse)


@cumsum.gradient()
def _cumsum_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # Each x[i] feeds the outputs after it (in scan order): a scan of dy the other way.
    return (cumsum(dy, attrs["axis"], attrs["exclusive"], not attrs["reverse"]),)


@op("Cumprod", tf_ops=("Cumprod",), dtype="same; bool -> int32")
def cumprod(x: Any, axis: int = 0, exclusive: bool = False, reverse: bool = False) -> Tensor:
    """Cumulative product of ``x`` along ``axis``. bool gives int32.

    Args:
        x: the input tensor (rank >= 1).
        axis: the axis to scan (default 0); negative counts from the end.
        exclusive: each output excludes its own element (the first output is 1).
        reverse: scan from the end of the axis.

    >>> import pytfjs as tf
    >>> tf.cumprod(tf.tensor([[1.0, 2.0, 3.0]]), -1, True, True).to_list()
    [[6.0, 3.0, 1.0]]
    """
    return _scan("Cumprod", "cumprod", x, axis, exclusive, reverse)


@cumprod.gradient(save_inputs=True, save_outputs=True)
def _cumprod_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    """Exact with zeros. In scan order, let z be the first zero of a run and ``tail(v)`` the sum
    of ``v`` over the outputs that an element feeds (a scan of ``v`` the other way). Then
    ``dx[i] = tail(dy * y)[i] / x[i]`` before z (x[i] is non-zero there),
    ``dx[z] = tail(dy * y')[z]`` where ``y'`` is the scan with ``x[z]`` replaced by 1, and
    ``dx[i] = 0`` after z (every product through x[i] also holds the zero)."""
    (x,) = inputs
    (y,) = outputs
    axis, exclusive, reverse = attrs["axis"], attrs["exclusive"], attrs["reverse"]

    def tail(v: Tensor) -> Tensor:
        return cumsum(v, axis, exclusive, not reverse)

    nonzero = cast_to(logical.not_equal(x, 0), dy.dtype)
    before = cumprod(nonzero, axis, False, reverse)  # 1 before the first zero, then 0
    at_first = arithmetic.sub(cumprod(nonzero, axis, True, reverse), before)  # 1 at it
    before_b = cast_to(before, "bool")
    safe_x = logical.where(before_b, x, creation.ones_like(x))
    g_before = arithmetic.div(tail(arithmetic.mul(dy, y)), safe_x)
    y_skip = cumprod(arithmetic.add(x, at_first), axis, exclusive, reverse)
    g_at = arithmetic.mul(at_first, tail(arithmetic.mul(dy, y_skip)))
    return (logical.where(before_b, g_before, g_at),)

