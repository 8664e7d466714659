"""Ops: normalization (softmax, log_softmax, moments, batch_norm, local_response_normalization).

Differences from TF.js 4.22, on purpose: ``softmax`` and ``log_softmax`` work along any axis
(TF.js supports only the last); ``batch_norm`` requires its parameters to broadcast to ``x``'s
shape (the TF.js cpu kernel reads them cyclically, so a mismatched length silently "works").
"""
from __future__ import annotations

from typing import Any, NamedTuple, Sequence

from ..core import dtypes as _dt
from ..core.engine import ENGINE
from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError, broadcast_shapes, normalize_axis, parse_axes
from ..core.tensor import Tensor
from ._util import cast_to

__all__ = ["softmax", "log_softmax", "moments", "Moments", "batch_norm",
           "local_response_normalization"]


def _float_input(x: Any, arg: str, op_name: str) -> Tensor:
    """Converts ``x``; int32 and bool become float32; complex64 is rejected."""
    x = to_tensor(x, arg, op_name, numeric=True)
    if x.dtype == "complex64":
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be a real tensor, but got "
                        f"complex64 tensor")
    return x if _dt.is_float(x.dtype) else cast_to(x, "float32")


@op("Softmax", tf_ops=("Softmax",), dtype="float32")
def softmax(logits: Any, dim: int = -1) -> Tensor:
    """Softmax of ``logits`` along ``dim``: ``exp(x - max) / sum(exp(x - max))`` (stable for
    large logits). As TF.js, logits must be float32 (use ``log_softmax`` or cast int32 first).

    Args:
        logits: a float tensor.
        dim: the axis to normalize (default -1, the last).

    >>> import pytfjs as tf
    >>> [round(v, 4) for v in tf.softmax(tf.tensor([1.0, 2.0, 3.0])).to_list()]
    [0.09, 0.2447, 0.6652]
    """
    logits = to_tensor(logits, "logits", "softmax", numeric=True)
    if not _dt.is_float(logits.dtype):
        raise TypeError(f"Argument 'logits' passed to 'softmax' must be float32 tensor, but got "
                        f"{logits.dtype} tensor")
    ax = normalize_axis(dim, logits.rank, "softmax", "dim")
    if logits.rank == 0:  # a single logit: probability 1
        return ENGINE.share(run("Softmax", ENGINE.share(logits, (1,)), dim=0), ())
    return run("Softmax", logits, dim=ax)


@op("LogSoftmax", tf_ops=("LogSoftmax",), dtype="float32")
def log_softmax(logits: Any, axis: int = -1) -> Tensor:
    """Log of the softmax along ``axis``: ``x - max - log(sum(exp(x - max)))`` (stable).
    int32 and bool logits are cast to float32.

    Args:
        logits: the input tensor.
        axis: the axis to normalize (default -1, the last).

    >>> import pytfjs as tf
    >>> [round(v, 4) for v in tf.log_softmax(tf.tensor([1.0, 2.0, 3.0])).to_list()]
    [-2.4076, -1.4076, -0.4076]
    """
    logits = _float_input(logits, "logits", "log_softmax")
    ax = normalize_axis(axis, logits.rank, "log_softmax")
    if logits.rank == 0:
        return ENGINE.share(run("LogSoftmax", ENGINE.share(logits, (1,)), axis=0), ())
    return run("LogSoftmax", logits, axis=ax)


class Moments(NamedTuple):
    """The result of :func:`moments`."""
    mean: Tensor
    variance: Tensor


@op(None, dtype="float32", method=True)
def moments(x: Any, axis: int | Sequence[int] | None = None, keep_dims: bool = False, *,
            axes: int | Sequence[int] | None = None) -> Moments:
    """Mean and (population) variance of ``x`` along ``axis`` (all axes when None). Returns a
    ``Moments(mean, variance)`` named tuple of float32 tensors. ``axes=`` is accepted as an
    alias of ``axis``.

    Args:
        x: the input tensor (int32 and bool are cast to float32).
        axis: an axis or a list of axes; None reduces every axis.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> m = tf.moments(tf.tensor([[1.0, 2.0], [3.0, 4.0]]), 0)
    >>> m.mean.to_list(), m.variance.to_list()
    ([2.0, 3.0], [1.0, 1.0])
    """
    if axes is not None:
        if axis is not None:
            raise TypeError("'moments': pass either axis or axes, not both")
        axis = axes
    x = _float_input(x, "x", "moments")
    ax = parse_axes(axis, x.rank, "moments")
    if len(set(ax)) != len(ax):
        raise ShapeError(f"'moments': axis {axis!r} repeats an axis")
    if not isinstance(keep_dims, bool):
        raise TypeError(f"'moments': keep_dims must be a bool, got {keep_dims!r}")
    ax_t = tuple(sorted(ax))
    mean_kd = run("Mean", x, axis=ax_t, keep_dims=True)
    variance = run("Mean", run("SquaredDifference", x, mean_kd), axis=ax_t,
                   keep_dims=keep_dims)
    mean = mean_kd if keep_dims else ENGINE.share(mean_kd, variance.shape)
    return Moments(mean, variance)


def _bn_param(p: Any, arg: str, x: Tensor) -> Tensor:
    p = to_tensor(p, arg, "batch_norm", numeric=True)
    if p.dtype == "complex64" or p.dtype == "bool":
        raise TypeError(f"Argument '{arg}' passed to 'batch_norm' must be a float32 or int32 "
                        f"tensor, but got {p.dtype} tensor")
    try:
        ok = broadcast_shapes(x.shape, p.shape) == x.shape
    except ShapeError:
        ok = False
    if not ok:
        raise ShapeError(f"'batch_norm': {arg} of shape {list(p.shape)} does not broadcast to "
                         f"the shape {list(x.shape)} of x")
    return p


@op("FusedBatchNorm", tf_ops=("FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3"),
    dtype="same as x")
def batch_norm(x: Any, mean: Any, variance: Any, offset: Any = None, scale: Any = None,
               variance_epsilon: float = 0.001) -> Tensor:
    """Batch normalization: ``(x - mean) * scale / sqrt(variance + variance_epsilon) + offset``.

    ``mean``, ``variance`` and the optional ``offset`` and ``scale`` have one rank and
    broadcast to ``x``'s shape (usually a vector over the last axis). Any rank of ``x`` works.

    Args:
        x: the input tensor.
        mean: the mean to subtract.
        variance: the variance to divide by (after adding ``variance_epsilon``).
        offset: added last (optional).
        scale: multiplies the normalized value (optional).
        variance_epsilon: a small float added to the variance.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> y = tf.batch_norm(x, tf.tensor([2.0, 3.0]), tf.tensor([1.0, 1.0]), variance_epsilon=0.0)
    >>> y.to_list()
    [[-1.0, -1.0], [1.0, 1.0]]
    """
    x = to_tensor(x, "x", "batch_norm", numeric=True)
    if x.dtype == "complex64" or x.dtype == "bool":
        raise TypeError(f"Argument 'x' passed to 'batch_norm' must be a float32 or int32 "
                        f"tensor, but got {x.dtype} tensor")
    mean = _bn_param(mean, "mean", x)
    inputs = [x, mean]
    for name, p in (("variance", variance), ("offset", offset), ("scale", scale)):
        if p is None:
            if name == "variance":
                raise TypeError("Argument 'variance' passed to 'batch_norm' must be a Tensor or "
                                "TensorLike, but got 'None'")
            continue
        p = _bn_param(p, name, x)
        if p.rank != mean.rank:
            raise ShapeError(f"'batch_norm': mean and {name} must have equal ranks, got "
                             f"{mean.rank} and {p.rank}")
        inputs.append(p)
    if isinstance(variance_epsilon, bool) or not isinstance(variance_epsilon, (int, float)):
        raise TypeError(f"'batch_norm': variance_epsilon must be a number, got "
                        f"{variance_epsilon!r}")
    return run("FusedBatchNorm", *inputs, variance_epsilon=float(variance_epsilon),
               has_offset=offset is not None, has_scale=scale is not None)


@op("LRN", tf_ops=("LRN",), dtype="same")
def local_response_normalization(x: Any, depth_radius: int = 5, bias: float = 1.0,
                                 alpha: float = 1.0, beta: float = 0.5) -> Tensor:
    """Local response normalization over the last (depth) axis of a rank 3 or 4 tensor:
    ``x / (bias + alpha * sum(x[..., d - r : d + r + 1] ** 2)) ** beta``.

    Args:
        x: a rank 3 or 4 float32 (or int32) tensor.
        depth_radius: the half-width ``r`` of the window (an int).
        bias: added to the windowed sum (usually positive).
        alpha: scales the windowed sum.
        beta: the exponent.

    >>> import pytfjs as tf
    >>> y = tf.local_response_normalization(tf.tensor([[[[1.0, 2.0, 3.0]]]]), 1, 1.0, 1.0, 0.5)
    >>> [round(v, 4) for v in y.to_list()[0][0][0]]
    [0.4082, 0.5164, 0.8018]
    """
    name = "local_response_normalization"
    x = to_tensor(x, "x", name, numeric=True)
    if x.dtype == "complex64" or x.dtype == "bool":
        raise TypeError(f"Argument 'x' passed to '{name}' must be a float32 or int32 tensor, "
                        f"but got {x.dtype} tensor")
    if x.rank not in (3, 4):
        raise ShapeError(f"'{name}': x must be rank 3 or 4, got rank {x.rank} "
                         f"(shape {list(x.shape)})")
    if isinstance(depth_radius, bool) or not isinstance(depth_radius, int):
        if isinstance(depth_radius, float) and depth_radius.is_integer():
            depth_radius = int(depth_radius)
        else:
            raise TypeError(f"'{name}': depth_radius must be an integer, got {depth_radius!r}")
    for arg, v in (("bias", bias), ("alpha", alpha), ("beta", beta)):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError(f"'{name}': {arg} must be a number, got {v!r}")
    return run("LRN", x, depth_radius=depth_radius, bias=float(bias), alpha=float(alpha),
               beta=float(beta))
