"""Ops: normalization (softmax, log_softmax, moments, batch_norm, local_response_normalization).

Differences from TF.js 4.22, on purpose: ``softmax`` and ``log_softmax`` work along any axis
(TF.js supports only the last); ``batch_norm`` requires its parameters to broadcast to ``x``'s
shape (the TF.js cpu kernel reads them cyclically, so a mismatched length silently "works").

Gradients (``tfjs-core/src/gradients``): Softmax ``y * (dy - sum(dy * y))``, LogSoftmax
``dy - exp(y) * sum(dy)``; FusedBatchNorm gives all five inputs (x, mean, variance, offset,
scale), each summed back to its own shape, so any broadcastable parameter shape works (TF.js
handles only rank-1 parameters of a 4-D x); LRN runs the ``LRNGrad`` kernel as TF.js (with a
fallback composed of ops for backends without it). ``moments`` is composed of ops.
"""
from __future__ import annotations

from typing import Any, NamedTuple, Sequence

from ..core import dtypes as _dt
from ..core.opdef import op, run, to_tensor
from ..core.shapes import (ShapeError, broadcast_shapes, normalize_axis, parse_axes,
                           reduction_axes)
from ..core.tensor import Tensor
from . import arithmetic, basic_math, creation, logical, matrices, reduction, transformation
from ._util import cast_to

__all__ = ["softmax", "log_softmax", "moments", "Moments", "batch_norm",
           "local_response_normalization", "batch_norm2d", "batch_norm3d", "batch_norm4d"]


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
        reshape = transformation.reshape
        return reshape(run("Softmax", reshape(logits, (1,)), dim=0), ())
    return run("Softmax", logits, dim=ax)


@softmax.gradient(save_outputs=True)
def _softmax_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (y,) = outputs
    dy_y = arithmetic.mul(dy, y)
    total = reduction.sum(dy_y, attrs["dim"], True)
    return (arithmetic.sub(dy_y, arithmetic.mul(total, y)),)


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
        reshape = transformation.reshape
        return reshape(run("LogSoftmax", reshape(logits, (1,)), axis=0), ())
    return run("LogSoftmax", logits, axis=ax)


@log_softmax.gradient(save_outputs=True)
def _log_softmax_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (y,) = outputs
    total = reduction.sum(dy, attrs["axis"], True)
    return (arithmetic.sub(dy, arithmetic.mul(total, basic_math.exp(y))),)


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
    mean = mean_kd if keep_dims else transformation.reshape(mean_kd, variance.shape)
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


def _sum_to(g: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Sums ``g`` over the axes that broadcasting added to reach ``shape``."""
    if g.shape == shape:
        return g
    axes = reduction_axes(shape, g.shape)
    if axes:
        g = reduction.sum(g, axes)
    return transformation.reshape(g, shape)


@batch_norm.gradient(save_inputs=True)
def _batch_norm_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    """With ``r = rsqrt(variance + eps)`` and ``c = r * scale``: ``dx = dy * c``,
    ``dmean = -sum(dy) * c``, ``dvariance = -0.5 * sum(dy * (x - mean)) * scale * r**3``,
    ``doffset = sum(dy)``, ``dscale = sum(dy * (x - mean)) * r``; each sum runs over the axes
    that the parameter broadcasts along. The x-sized work is three products and two sums;
    the rest is on parameter-sized tensors."""
    x, mean, variance, *rest = inputs
    it = iter(rest)
    offset = next(it) if attrs["has_offset"] else None
    scale = next(it) if attrs["has_scale"] else None
    params = [p for p in (mean, variance, offset, scale) if p is not None]
    p_shape = params[0].shape
    for p in params[1:]:
        p_shape = broadcast_shapes(p_shape, p.shape)
    mul, sub = arithmetic.mul, arithmetic.sub
    r = basic_math.rsqrt(arithmetic.add(variance, attrs["variance_epsilon"]))
    coef = r if scale is None else mul(r, scale)
    dx = mul(dy, coef)
    sum_dy = _sum_to(dy, p_shape)
    sum_dy_xm = _sum_to(mul(dy, sub(x, mean)), p_shape)
    d_mean = _sum_to(basic_math.neg(mul(sum_dy, coef)), mean.shape)
    r3 = mul(mul(r, r), mul(r, -0.5))
    d_var = _sum_to(mul(sum_dy_xm, r3 if scale is None else mul(r3, scale)), variance.shape)
    grads = [_sum_to(dx, x.shape), d_mean, d_var]
    if offset is not None:
        d_offset = _sum_to(sum_dy, offset.shape)
        # never hand back dy itself: the tape may dispose it while accumulating
        grads.append(creation.clone(d_offset) if d_offset is dy else d_offset)
    if scale is not None:
        grads.append(_sum_to(mul(sum_dy_xm, r), scale.shape))
    return tuple(grads)


@op("LRN", tf_ops=("LRN",), dtype="same", kernels=("LRNGrad",))
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


@local_response_normalization.gradient(save_inputs=True, save_outputs=True)
def _lrn_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    (y,) = outputs
    return (run("LRNGrad", x, y, dy, **attrs),)


@local_response_normalization.fallback(kernel_name="LRNGrad")
def _lrn_grad_fallback(x: Tensor, y: Tensor, dy: Tensor, *, depth_radius: int, bias: float,
                       alpha: float, beta: float) -> Tensor:
    """``LRNGrad`` composed of ops. With ``n = bias + alpha * window_sum(x**2)``:
    ``dx = dy * n**-beta - 2 * alpha * beta * x * window_sum(dy * y / n)`` (the windows are
    symmetric, so the element a window reaches sums over the same window). A window sum over
    the depth axis is a product with a 0/1 band matrix."""
    mul = arithmetic.mul
    if x.size == 0:
        return creation.zeros(x.shape, dy.dtype)
    depth = x.shape[-1]
    idx = creation.range(0, depth, 1, "int32")
    dist = basic_math.abs(arithmetic.sub(transformation.reshape(idx, (depth, 1)), idx))
    band = cast_to(logical.less_equal(dist, depth_radius), x.dtype)

    def window_sum(v: Tensor) -> Tensor:
        return matrices.mat_mul(transformation.reshape(v, (-1, depth)), band)

    norm = arithmetic.add(mul(window_sum(basic_math.square(x)), alpha), bias)
    norm = transformation.reshape(norm, x.shape)
    own = mul(dy, arithmetic.pow(norm, -beta))
    spread = transformation.reshape(window_sum(arithmetic.div(mul(dy, y), norm)), x.shape)
    return arithmetic.sub(own, mul(mul(x, spread), 2.0 * alpha * beta))


def _batch_norm_nd(rank: int, x: Any, mean: Any, variance: Any, offset: Any, scale: Any,
                   variance_epsilon: float | None) -> Tensor:
    """TF.js ``batchNorm{2,3,4}d``: ``x`` must have ``rank``; each parameter rank 1 or
    ``rank``; then :func:`batch_norm`."""
    name = f"batch_norm{rank}d"
    x = to_tensor(x, "x", name, numeric=True)
    if x.rank != rank:
        raise ShapeError(f"'{name}': x must be rank {rank}, got rank {x.rank} "
                         f"(shape {list(x.shape)})")
    params = []
    for arg, p in (("mean", mean), ("variance", variance), ("offset", offset),
                   ("scale", scale)):
        if p is not None:
            p = to_tensor(p, arg, name, numeric=True)
            if p.rank not in (1, rank):
                raise ShapeError(f"'{name}': {arg} must be rank {rank} or rank 1, got rank "
                                 f"{p.rank}")
        params.append(p)
    eps = 0.001 if variance_epsilon is None else variance_epsilon
    return batch_norm(x, *params, eps)


@op(None, dtype="same as x", method=False)
def batch_norm2d(x: Any, mean: Any, variance: Any, offset: Any = None, scale: Any = None,
                 variance_epsilon: float | None = 0.001) -> Tensor:
    """:func:`batch_norm` of a rank 2 ``x``; each parameter is rank 1 or rank 2.

    Args:
        x: a rank 2 tensor.
        mean: the mean to subtract.
        variance: the variance to divide by (after adding ``variance_epsilon``).
        offset: added last (optional).
        scale: multiplies the normalized value (optional).
        variance_epsilon: a small float added to the variance (None: 0.001).

    >>> import pytfjs as tf
    >>> y = tf.batch_norm2d(tf.tensor([[1.0, 2.0], [3.0, 4.0]]), [2.0, 3.0], [1.0, 1.0],
    ...                     variance_epsilon=0.0)
    >>> y.to_list()
    [[-1.0, -1.0], [1.0, 1.0]]
    """
    return _batch_norm_nd(2, x, mean, variance, offset, scale, variance_epsilon)


@op(None, dtype="same as x", method=False)
def batch_norm3d(x: Any, mean: Any, variance: Any, offset: Any = None, scale: Any = None,
                 variance_epsilon: float | None = 0.001) -> Tensor:
    """:func:`batch_norm` of a rank 3 ``x``; each parameter is rank 1 or rank 3.

    Args:
        x: a rank 3 tensor.
        mean: the mean to subtract.
        variance: the variance to divide by (after adding ``variance_epsilon``).
        offset: added last (optional).
        scale: multiplies the normalized value (optional).
        variance_epsilon: a small float added to the variance (None: 0.001).

    >>> import pytfjs as tf
    >>> y = tf.batch_norm3d(tf.tensor([[[1.0, 2.0]], [[3.0, 4.0]]]), [2.0, 3.0], [1.0, 1.0],
    ...                     scale=[2.0, 1.0], variance_epsilon=0.0)
    >>> y.to_list()
    [[[-2.0, -1.0]], [[2.0, 1.0]]]
    """
    return _batch_norm_nd(3, x, mean, variance, offset, scale, variance_epsilon)


@op(None, dtype="same as x", method=False)
def batch_norm4d(x: Any, mean: Any, variance: Any, offset: Any = None, scale: Any = None,
                 variance_epsilon: float | None = 0.001) -> Tensor:
    """:func:`batch_norm` of a rank 4 ``x``; each parameter is rank 1 or rank 4.

    Args:
        x: a rank 4 tensor (e.g. NHWC images).
        mean: the mean to subtract.
        variance: the variance to divide by (after adding ``variance_epsilon``).
        offset: added last (optional).
        scale: multiplies the normalized value (optional).
        variance_epsilon: a small float added to the variance (None: 0.001).

    >>> import pytfjs as tf
    >>> y = tf.batch_norm4d(tf.tensor([[[[1.0, 2.0]]]]), [0.0, 1.0], [1.0, 1.0], [1.0, 1.0],
    ...                     variance_epsilon=0.0)
    >>> y.to_list()
    [[[[2.0, 2.0]]]]
    """
    return _batch_norm_nd(4, x, mean, variance, offset, scale, variance_epsilon)
