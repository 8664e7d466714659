"""Ops: convolution (conv1d/2d/3d, their transposes, depthwise, separable, dilation2d) and the
``tf.fused`` namespace (conv2d, depthwise_conv2d, mat_mul with bias and activation).

Kernels get normalized attrs: ``strides`` and ``dilations`` as one int per spatial dimension
and ``pad`` as explicit ``(before, after)`` pairs per spatial dimension, computed here once
from TF.js's ``'same'``/``'valid'``/number/explicit padding and ``dim_rounding_mode``. The
``after`` pad is what makes the output size exact: ``(out - 1) * stride + effective_filter -
in - before`` (it is negative where a rounded-down output leaves input rows unread). Kernels
are channels-last (NHWC/NDHWC): channels-first inputs are transposed around the kernel.

Differences from TF.js 4.22, on purpose (see docs/differences.md):

* ``conv1d`` with a numeric ``pad`` pads only the width (TF.js pads the unit height too and
  then fails to reshape the result).
* ``conv3d`` ``'same'`` padding is clamped at zero, as in TensorFlow (TF.js computes a
  negative front/top/left pad when the stride exceeds the filter and shifts the windows).
* A numeric ``pad`` must be a non-negative integer (TF.js reads fractional rows for
  ``pad=1.5``); ``conv2d_transpose``/``conv3d_transpose`` check that ``x`` has the spatial
  size a convolution of ``output_shape`` would give (TF.js reads past ``x`` otherwise).
* Gradients support dilations > 1 and the NCHW format (TF.js throws), and the
  backprop-filter kernels have gradients too, so every conv is twice differentiable.

Gradients (``tfjs-core/src/gradients``): Conv2D gives ``Conv2DBackpropInput(dy, filter)`` and
``Conv2DBackpropFilter(x, dy)`` (likewise Conv3D and DepthwiseConv2dNative); the backprop
kernels' gradients are convolutions again. Dilation2D routes ``dy`` to the argmax of each
window (``Dilation2DBackpropInput``/``Filter``). Fused ops: as in TF.js, while a gradient is
being recorded a non-linear activation runs unfused (conv, add, activation ops), so gradients
flow through every activation; with ``'linear'`` the fused kernel's gradient gives x, filter
(or a, b) and the bias gradient (``dy`` summed to the bias's shape).
"""
from __future__ import annotations

import math
from typing import Any, Sequence

from ..core import dtypes as _dt
from ..core.engine import ENGINE
from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError, broadcast_shapes, reduction_axes
from ..core.tensor import Tensor
from . import arithmetic, basic_math, creation, matrices, reduction, transformation
from ._util import binary_inputs, cast_to

__all__ = ["conv1d", "conv2d", "conv2d_transpose", "conv3d", "conv3d_transpose",
           "depthwise_conv2d", "separable_conv2d", "dilation2d"]

_ROUNDING = (None, "floor", "round", "ceil")
ACTIVATIONS = ("linear", "relu", "relu6", "elu", "leakyrelu", "prelu", "sigmoid")


# ----------------------------------------------------------------------------- arguments
def _ints(v: Any, n: int, arg: str, op_name: str) -> tuple[int, ...]:
    """A positive int or a sequence of n positive ints (``[h, w]``); TF.js also accepts a
    shorter list for 3-D ops' [d, h, w]."""
    if isinstance(v, bool):
        raise TypeError(f"'{op_name}': {arg} must be an int or a list of {n} ints, got {v!r}")
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int):
        out = (v,) * n
    elif isinstance(v, (list, tuple)) and len(v) == n and all(
            isinstance(e, int) and not isinstance(e, bool) or
            isinstance(e, float) and e.is_integer() for e in v):
        out = tuple(int(e) for e in v)
    else:
        raise TypeError(f"'{op_name}': {arg} must be an int or a list of {n} ints, got {v!r}")
    if any(e <= 0 for e in out):
        raise ValueError(f"'{op_name}': {arg} must be positive, got {v!r}")
    return out


def _round(value: float, mode: str | None) -> int:
    if mode is None:
        return math.trunc(value)
    if mode == "round":
        return math.floor(value + 0.5)  # JS Math.round
    if mode == "ceil":
        return math.ceil(value)
    return math.floor(value)


def _check_rounding(pad: Any, mode: Any, op_name: str) -> None:
    if mode not in _ROUNDING:
        raise ValueError(f"'{op_name}': dim_rounding_mode must be None, 'floor', 'round' or "
                         f"'ceil', got {mode!r}")
    if mode is not None and isinstance(pad, str):
        raise ValueError(f"Error in {op_name}: pad must be an integer when using "
                         f"dimRoundingMode {mode} but got pad {pad}.")


def _conv_pads(pad: Any, in_sp: Sequence[int], k_sp: Sequence[int], strides: Sequence[int],
               dilations: Sequence[int], mode: str | None, op_name: str,
               channels_first: bool = False, explicit_ok: bool = True,
               same_min_zero: bool = True) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """TF.js ``computeConv2DInfo``/``computeConv3DInfo`` padding: returns the explicit
    ``(before, after)`` pads per spatial dimension and the output spatial size."""
    nd = len(in_sp)
    eff = [(k - 1) * d + 1 for k, d in zip(k_sp, dilations)]
    before: list[int] = []
    out: list[int] = []
    if isinstance(pad, bool):
        raise TypeError(f"'{op_name}': pad must be 'same', 'valid', a number or explicit "
                        f"paddings, got {pad!r}")
    if isinstance(pad, float) and pad.is_integer():
        pad = int(pad)
    if pad == "same":
        for n, e, s in zip(in_sp, eff, strides):
            o = -(-n // s)
            total = (o - 1) * s + e - n
            total = max(0, total) if same_min_zero else total
            before.append(total // 2)
            out.append(o)
    elif pad == "valid":
        for n, e, s in zip(in_sp, eff, strides):
            before.append(0)
            out.append(max(0, -(-(n - e + 1) // s)))
    elif isinstance(pad, int):
        if pad < 0:
            raise ValueError(f"'{op_name}': pad must be non-negative, got {pad}")
        for n, e, s in zip(in_sp, eff, strides):
            before.append(pad)
            out.append(_round((n - e + 2 * pad) / s + 1, mode))
    elif isinstance(pad, float):
        raise ValueError(f"'{op_name}': a numeric pad must be an integer, got {pad}")
    elif isinstance(pad, (list, tuple)) and explicit_ok:
        rank = nd + 2
        ok = len(pad) == rank and all(
            isinstance(p, (list, tuple)) and len(p) == 2 and
            all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in p)
            for p in pad)
        if not ok:
            raise ValueError(f"'{op_name}': explicit pad must be {rank} pairs of non-negative "
                             f"ints, got {pad!r}")
        sp = pad[2:] if channels_first else pad[1:-1]
        for (b, a), n, e, s in zip(sp, in_sp, eff, strides):
            before.append(b)
            out.append(_round((n - e + b + a) / s + 1, mode))
    else:
        allowed = "'same', 'valid', a number or explicit paddings" if explicit_ok else \
            "'same', 'valid' or a number"
        raise ValueError(f"'{op_name}': pad must be {allowed}, got {pad!r}")
    if any(o < 0 for o in out):
        raise ShapeError(f"'{op_name}': the filter (effective size {eff}) does not fit the "
                         f"input (spatial size {list(in_sp)}) with pad {pad!r}")
    pads = tuple((b, (o - 1) * s + e - n - b) if o > 0 else (b, 0)
                 for b, o, s, e, n in zip(before, out, strides, eff, in_sp))
    return pads, tuple(out)


def _float_input(x: Any, arg: str, op_name: str) -> Tensor:
    """TF.js ``convertToTensor(x, arg, op, 'float32')`` followed by a float32 check."""
    t = to_tensor(x, arg, op_name, dtype="float32")
    if not _dt.is_float(t.dtype):
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be float32 tensor, but "
                        f"got {t.dtype} tensor")
    return t


def _check_numeric(t: Tensor, arg: str, op_name: str) -> Tensor:
    if t.dtype in ("bool", "complex64"):
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be a float32 or int32 "
                        f"tensor, but got {t.dtype} tensor")
    return t


def _numeric_input(x: Any, arg: str, op_name: str) -> Tensor:
    return _check_numeric(to_tensor(x, arg, op_name, numeric=True), arg, op_name)


def _match(a: Tensor, b: Tensor) -> tuple[Tensor, Tensor]:
    if a.dtype == b.dtype:
        return a, b
    dt = _dt.upcast(a.dtype, b.dtype)
    return cast_to(a, dt), cast_to(b, dt)


def _check_rank(t: Tensor, ranks: tuple[int, ...], arg: str, op_name: str) -> None:
    if t.rank not in ranks:
        want = " or ".join(str(r) for r in ranks)
        raise ShapeError(f"Error in {op_name}: {arg} must be rank {want}, but got rank "
                         f"{t.rank} (shape {list(t.shape)}).")


def _strides_dilations(strides: Any, dilations: Any, n: int, op_name: str,
                       s_arg: str = "strides", d_arg: str = "dilations"
                       ) -> tuple[tuple[int, ...], tuple[int, ...]]:
    s = _ints(strides, n, s_arg, op_name)
    d = _ints(1 if dilations is None else dilations, n, d_arg, op_name)
    if any(v != 1 for v in s) and any(v != 1 for v in d):
        raise ValueError(f"Error in {op_name}: Either {s_arg} or {d_arg} must be 1. Got "
                         f"{s_arg} {strides} and {d_arg} {dilations!r}")
    return s, d


def _reshape(t: Tensor, shape: Sequence[int]) -> Tensor:
    return transformation.reshape(t, tuple(shape))


def _nchw_to_nhwc(t: Tensor) -> Tensor:
    return matrices.transpose(t, (0, 2, 3, 1))


def _nhwc_to_nchw(t: Tensor) -> Tensor:
    return matrices.transpose(t, (0, 3, 1, 2))


class _Conv2DSetup:
    """Checked inputs and kernel attrs of a 2-D convolution (regular or depthwise)."""

    def __init__(self, x: Any, filter: Any, strides: Any, pad: Any, data_format: str,
                 dilations: Any, dim_rounding_mode: Any, op_name: str, depthwise: bool) -> None:
        x = _float_input(x, "x", op_name)
        f = _float_input(filter, "filter", op_name)
        x, f = _match(x, f)
        _check_rank(x, (3, 4), "input", op_name)
        _check_rank(f, (4,), "filter", op_name)
        if data_format not in ("NHWC", "NCHW"):
            raise ValueError(f"'{op_name}': data_format must be 'NHWC' or 'NCHW', got "
                             f"{data_format!r}")
        _check_rounding(pad, dim_rounding_mode, op_name)
        self.unbatched = x.rank == 3
        if self.unbatched:
            x = _reshape(x, (1, *x.shape))
        self.channels_first = data_format == "NCHW"
        if self.channels_first:
            in_sp, c = x.shape[2:], x.shape[1]
        else:
            in_sp, c = x.shape[1:3], x.shape[3]
        if c != f.shape[2]:
            what = "number of input channels" if depthwise else "depth of input"
            raise ShapeError(f"Error in {op_name}: {what} ({c}) must match the input depth "
                             f"of the filter ({f.shape[2]}), shapes {list(x.shape)} and "
                             f"{list(f.shape)}.")
        self.strides, self.dilations = _strides_dilations(strides, dilations, 2, op_name)
        self.pads, self.out_sp = _conv_pads(pad, in_sp, f.shape[:2], self.strides,
                                            self.dilations, dim_rounding_mode, op_name,
                                            self.channels_first)
        self.x = _nchw_to_nhwc(x) if self.channels_first else x
        self.filter = f
        self.attrs = {"strides": self.strides, "pad": self.pads, "dilations": self.dilations}

    def finish(self, out: Tensor) -> Tensor:
        if self.channels_first:
            out = _nhwc_to_nchw(out)
        if self.unbatched:
            out = _reshape(out, out.shape[1:])
        return out


# ----------------------------------------------------------------------------- conv2d
@op("Conv2D", tf_ops=("Conv2D",), dtype="float32")
def conv2d(x: Any, filter: Any, strides: Any, pad: Any, data_format: str = "NHWC",  # noqa: A002
           dilations: Any = (1, 1), dim_rounding_mode: str | None = None) -> Tensor:
    """2-D convolution (cross-correlation, as every DL framework) of ``x`` with ``filter``.

    Args:
        x: ``[batch, height, width, in_channels]`` (NHWC) or ``[batch, in_channels, height,
            width]`` (NCHW); rank 3 means a batch of one. float32.
        filter: ``[filter_height, filter_width, in_channels, out_channels]``.
        strides: an int or ``[stride_height, stride_width]``.
        pad: ``'same'``, ``'valid'``, a non-negative int, or explicit paddings
            ``[[0, 0], [top, bottom], [left, right], [0, 0]]`` (in ``data_format`` order).
        data_format: ``'NHWC'`` (default) or ``'NCHW'``.
        dilations: an int or ``[dilation_height, dilation_width]``; strides or dilations must
            be 1.
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` for a numeric or explicit
            ``pad`` (None truncates).

    >>> import pytfjs as tf
    >>> x = tf.tensor([[[[1.0], [2.0]], [[3.0], [4.0]]]])   # [1, 2, 2, 1]
    >>> tf.conv2d(x, tf.ones([2, 2, 1, 1]), 1, 'valid').to_list()
    [[[[10.0]]]]
    >>> tf.conv2d(x, tf.ones([2, 2, 1, 1]), 1, 'same').shape
    (1, 2, 2, 1)
    """
    s = _Conv2DSetup(x, filter, strides, pad, data_format, dilations, dim_rounding_mode,
                     "conv2d", False)
    return s.finish(run("Conv2D", s.x, s.filter, **s.attrs))


@conv2d.gradient(save_inputs=True)
def _conv2d_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    x, f = inputs
    return (lambda: run("Conv2DBackpropInput", dy, f, input_shape=x.shape, **attrs),
            lambda: run("Conv2DBackpropFilter", x, dy, filter_shape=f.shape, **attrs))


def _backprop_attrs(attrs: dict) -> dict:
    return {k: attrs[k] for k in ("strides", "pad", "dilations")}


@conv2d.gradient(save_inputs=True, kernel_name="Conv2DBackpropInput")
def _conv2d_backprop_input_grad(ddx: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    dy, f = inputs
    a = _backprop_attrs(attrs)
    return (run("Conv2D", ddx, f, **a),
            run("Conv2DBackpropFilter", ddx, dy, filter_shape=f.shape, **a))


@conv2d.gradient(save_inputs=True, kernel_name="Conv2DBackpropFilter")
def _conv2d_backprop_filter_grad(ddf: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    x, dy = inputs
    a = _backprop_attrs(attrs)
    return (run("Conv2DBackpropInput", dy, ddf, input_shape=x.shape, **a),
            run("Conv2D", x, ddf, **a))


@op(None, dtype="float32")
def conv1d(x: Any, filter: Any, stride: Any, pad: Any, data_format: str = "NWC",  # noqa: A002
           dilation: Any = 1, dim_rounding_mode: str | None = None) -> Tensor:
    """1-D convolution of ``x`` (``[batch, width, in_channels]``, or rank 2 for a batch of one)
    with ``filter`` (``[filter_width, in_channels, out_channels]``), computed by ``conv2d``.

    Args:
        x: the input, rank 2 or 3 (NWC).
        filter: ``[filter_width, in_channels, out_channels]``.
        stride: the stride, an int.
        pad: ``'same'``, ``'valid'``, a non-negative int, or explicit paddings
            ``[[0, 0], [left, right], [0, 0]]``.
        data_format: only ``'NWC'``, as TF.js.
        dilation: the dilation rate, an int; stride or dilation must be 1.
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` for a numeric pad.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[[1.0], [2.0], [3.0]]])
    >>> tf.conv1d(x, tf.tensor([[[1.0]], [[-1.0]]]), 1, 'valid').to_list()
    [[[-1.0], [-1.0]]]
    """
    name = "conv1d"
    x = to_tensor(x, "x", name, dtype="float32")
    f = to_tensor(filter, "filter", name, dtype="float32")
    _check_rank(x, (2, 3), "input", name)
    _check_rank(f, (3,), "filter", name)
    if data_format != "NWC":
        raise ValueError(f"Error in conv1d: got dataFormat of {data_format} but only NWC is "
                         f"currently supported.")
    if x.shape[-1] != f.shape[1]:
        raise ShapeError(f"Error in conv1d: depth of input ({x.shape[-1]}) must match input "
                         f"depth for filter {f.shape[1]}.")
    st = _ints(stride, 1, "stride", name)[0]
    dl = _ints(dilation, 1, "dilation", name)[0]
    if st != 1 and dl != 1:
        raise ValueError(f"Error in conv1D: Either stride or dilation must be 1. Got stride "
                         f"{stride} and dilation '{dilation}'")
    _check_rounding(pad, dim_rounding_mode, name)
    if isinstance(pad, (int, float)) and not isinstance(pad, bool):
        pad2: Any = [[0, 0], [0, 0], [pad, pad], [0, 0]]
        if isinstance(pad, float) and not pad.is_integer():
            raise ValueError(f"'{name}': a numeric pad must be an integer, got {pad}")
        pad2 = [[0, 0], [0, 0], [int(pad), int(pad)], [0, 0]]
    elif isinstance(pad, (list, tuple)):
        if len(pad) != 3:
            raise ValueError(f"'{name}': explicit pad must be 3 pairs, got {pad!r}")
        pad2 = [list(pad[0]), [0, 0], list(pad[1]), list(pad[2])]
    else:
        pad2 = pad
    unbatched = x.rank == 2
    x3 = _reshape(x, (1, *x.shape)) if unbatched else x
    x4 = _reshape(x3, (x3.shape[0], 1, x3.shape[1], x3.shape[2]))
    f4 = _reshape(f, (1, *f.shape))
    out = conv2d(x4, f4, (1, st), pad2, "NHWC", (1, dl), dim_rounding_mode)
    if unbatched:
        return _reshape(out, (out.shape[2], out.shape[3]))
    return _reshape(out, (out.shape[0], out.shape[2], out.shape[3]))


def _transpose_setup(x: Any, filter: Any, output_shape: Any, strides: Any, pad: Any,
                     mode: Any, nd: int, op_name: str, explicit_ok: bool
                     ) -> tuple[Tensor, Tensor, tuple[int, ...], dict, bool]:
    x = _numeric_input(x, "x", op_name)
    f = _numeric_input(filter, "filter", op_name)
    if not _dt.is_float(x.dtype):
        x = cast_to(x, "float32")
    if not _dt.is_float(f.dtype):
        f = cast_to(f, "float32")
    x, f = _match(x, f)
    _check_rank(x, (nd + 1, nd + 2), "x", op_name)
    _check_rank(f, (nd + 2,), "filter", op_name)
    if isinstance(output_shape, Tensor):
        output_shape = output_shape.to_list()
    if not isinstance(output_shape, (list, tuple)) or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in output_shape):
        raise TypeError(f"'{op_name}': output_shape must be a list of ints, got "
                        f"{output_shape!r}")
    if len(output_shape) != x.rank:
        raise ShapeError(f"Length of inShape ({len(output_shape)}) and rank of dy ({x.rank}) "
                         f"must match ('{op_name}')")
    unbatched = x.rank == nd + 1
    if unbatched:
        x = _reshape(x, (1, *x.shape))
        output_shape = (1, *output_shape)
    out_shape = tuple(output_shape)
    if out_shape[-1] != f.shape[nd]:
        raise ShapeError(f"Error in {op_name}: depth of output ({out_shape[-1]}) must match "
                         f"the output depth for filter {f.shape[nd]}.")
    if x.shape[-1] != f.shape[nd + 1]:
        raise ShapeError(f"Error in {op_name}: depth of input ({x.shape[-1]}) must match the "
                         f"input depth for filter {f.shape[nd + 1]}.")
    if out_shape[0] != x.shape[0]:
        raise ShapeError(f"'{op_name}': the batch of output_shape ({out_shape[0]}) must match "
                         f"the batch of x ({x.shape[0]})")
    _check_rounding(pad, mode, op_name)
    st = _ints(strides, nd, "strides", op_name)
    dl = (1,) * nd
    pads, out_sp = _conv_pads(pad, out_shape[1:-1], f.shape[:nd], st, dl, mode, op_name,
                              explicit_ok=explicit_ok)
    if tuple(out_sp) != tuple(x.shape[1:-1]):
        raise ShapeError(f"'{op_name}': x has spatial shape {list(x.shape[1:-1])}, but a "
                         f"convolution of output_shape {list(out_shape)} with this filter, "
                         f"strides and pad gives {list(out_sp)}")
    return x, f, out_shape, {"strides": st, "pad": pads, "dilations": dl}, unbatched


@op("Conv2DBackpropInput", tf_ops=("Conv2DBackpropInput",), dtype="float32")
def conv2d_transpose(x: Any, filter: Any, output_shape: Sequence[int], strides: Any,
                     pad: Any, dim_rounding_mode: str | None = None) -> Tensor:
    """Transposed 2-D convolution ("deconvolution"): the gradient of ``conv2d`` with respect to
    its input, mapping ``x`` back to ``output_shape``.

    Args:
        x: ``[batch, height, width, in_depth]`` (rank 3: a batch of one).
        filter: ``[filter_height, filter_width, out_depth, in_depth]``.
        output_shape: ``[batch, height, width, out_depth]`` (rank 3 without the batch).
        strides: the strides of the forward convolution (an int or ``[sh, sw]``).
        pad: the forward convolution's padding (``'same'``, ``'valid'``, an int or explicit).
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` for a numeric pad.

    >>> import pytfjs as tf
    >>> y = tf.conv2d_transpose(tf.ones([1, 1, 1, 1]), tf.ones([2, 2, 1, 1]), [1, 2, 2, 1], 1, 'valid')
    >>> y.to_list()
    [[[[1.0], [1.0]], [[1.0], [1.0]]]]
    """
    name = "conv2d_transpose"
    x, f, out_shape, attrs, unbatched = _transpose_setup(
        x, filter, output_shape, strides, pad, dim_rounding_mode, 2, name, True)
    out = run("Conv2DBackpropInput", x, f, input_shape=out_shape, **attrs)
    return _reshape(out, out.shape[1:]) if unbatched else out


# ----------------------------------------------------------------------------- conv3d
@op("Conv3D", tf_ops=("Conv3D",), dtype="upcast")
def conv3d(x: Any, filter: Any, strides: Any, pad: Any, data_format: str = "NDHWC",  # noqa: A002
           dilations: Any = (1, 1, 1)) -> Tensor:
    """3-D convolution of ``x`` (``[batch, depth, height, width, in_channels]``, rank 4 for a
    batch of one) with ``filter`` (``[fd, fh, fw, in_channels, out_channels]``). As TF.js,
    int32 inputs give int32.

    Args:
        x: the input, rank 4 or 5 (NDHWC).
        filter: the filter, rank 5.
        strides: an int or ``[sd, sh, sw]``.
        pad: ``'same'``, ``'valid'`` or a non-negative int.
        data_format: only ``'NDHWC'``, as TF.js.
        dilations: an int or ``[dd, dh, dw]``; strides or dilations must be 1.

    >>> import pytfjs as tf
    >>> tf.conv3d(tf.ones([1, 2, 2, 2, 1]), tf.ones([2, 2, 2, 1, 1]), 1, 'valid').to_list()
    [[[[[8.0]]]]]
    """
    name = "conv3d"
    x, f = binary_inputs(x, filter, name, "x", "filter", numeric=True)
    _check_numeric(x, "x", name)
    _check_numeric(f, "filter", name)
    _check_rank(x, (4, 5), "input", name)
    _check_rank(f, (5,), "filter", name)
    if data_format != "NDHWC":
        raise ValueError(f"Error in conv3d: got dataFormat of {data_format} but only NDHWC is "
                         f"currently supported.")
    unbatched = x.rank == 4
    if unbatched:
        x = _reshape(x, (1, *x.shape))
    if x.shape[4] != f.shape[3]:
        raise ShapeError(f"Error in conv3d: depth of input ({x.shape[4]}) must match input "
                         f"depth for filter {f.shape[3]}.")
    st, dl = _strides_dilations(strides, dilations, 3, name)
    pads, _ = _conv_pads(pad, x.shape[1:4], f.shape[:3], st, dl, None, name,
                         explicit_ok=False)
    out = run("Conv3D", x, f, strides=st, pad=pads, dilations=dl)
    return _reshape(out, out.shape[1:]) if unbatched else out


@conv3d.gradient(save_inputs=True)
def _conv3d_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    x, f = inputs
    return (lambda: run("Conv3DBackpropInputV2", dy, f, input_shape=x.shape, **attrs),
            lambda: run("Conv3DBackpropFilterV2", x, dy, filter_shape=f.shape, **attrs))


@conv3d.gradient(save_inputs=True, kernel_name="Conv3DBackpropInputV2")
def _conv3d_backprop_input_grad(ddx: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    dy, f = inputs
    a = _backprop_attrs(attrs)
    return (run("Conv3D", ddx, f, **a),
            run("Conv3DBackpropFilterV2", ddx, dy, filter_shape=f.shape, **a))


@conv3d.gradient(save_inputs=True, kernel_name="Conv3DBackpropFilterV2")
def _conv3d_backprop_filter_grad(ddf: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    x, dy = inputs
    a = _backprop_attrs(attrs)
    return (run("Conv3DBackpropInputV2", dy, ddf, input_shape=x.shape, **a),
            run("Conv3D", x, ddf, **a))


@op("Conv3DBackpropInputV2", tf_ops=("Conv3DBackpropInputV2",), dtype="float32")
def conv3d_transpose(x: Any, filter: Any, output_shape: Sequence[int], strides: Any,
                     pad: Any) -> Tensor:
    """Transposed 3-D convolution: the gradient of ``conv3d`` with respect to its input.

    Args:
        x: ``[batch, depth, height, width, in_depth]`` (rank 4: a batch of one).
        filter: ``[fd, fh, fw, out_depth, in_depth]``.
        output_shape: ``[batch, depth, height, width, out_depth]`` (rank 4 without the batch).
        strides: the forward strides (an int or ``[sd, sh, sw]``).
        pad: the forward padding, ``'same'``, ``'valid'`` or an int.

    >>> import pytfjs as tf
    >>> y = tf.conv3d_transpose(tf.ones([1, 1, 1, 1, 1]), tf.ones([2, 1, 1, 1, 1]), [1, 2, 1, 1, 1], 1, 'valid')
    >>> y.shape
    (1, 2, 1, 1, 1)
    """
    name = "conv3d_transpose"
    x, f, out_shape, attrs, unbatched = _transpose_setup(
        x, filter, output_shape, strides, pad, None, 3, name, False)
    out = run("Conv3DBackpropInputV2", x, f, input_shape=out_shape, **attrs)
    return _reshape(out, out.shape[1:]) if unbatched else out


# ----------------------------------------------------------------------------- depthwise
@op("DepthwiseConv2dNative", tf_ops=("DepthwiseConv2d", "DepthwiseConv2dNative"),
    dtype="float32")
def depthwise_conv2d(x: Any, filter: Any, strides: Any, pad: Any,  # noqa: A002
                     data_format: str = "NHWC", dilations: Any = (1, 1),
                     dim_rounding_mode: str | None = None) -> Tensor:
    """Depthwise 2-D convolution: each input channel is convolved with its own
    ``channel_multiplier`` filters; output channel ``c * multiplier + m``.

    Args:
        x: ``[batch, height, width, in_channels]`` (NHWC; rank 3: a batch of one) or NCHW.
        filter: ``[filter_height, filter_width, in_channels, channel_multiplier]``.
        strides: an int or ``[sh, sw]``.
        pad: ``'same'``, ``'valid'``, a non-negative int, or explicit paddings.
        data_format: ``'NHWC'`` (default) or ``'NCHW'``.
        dilations: an int or ``[dh, dw]``; strides or dilations must be 1.
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` for a numeric pad.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[[[1.0, 10.0], [2.0, 20.0]]]])   # [1, 1, 2, 2]
    >>> tf.depthwise_conv2d(x, tf.ones([1, 2, 2, 1]), 1, 'valid').to_list()
    [[[[3.0, 30.0]]]]
    """
    s = _Conv2DSetup(x, filter, strides, pad, data_format, dilations, dim_rounding_mode,
                     "depthwise_conv2d", True)
    return s.finish(run("DepthwiseConv2dNative", s.x, s.filter, **s.attrs))


@depthwise_conv2d.gradient(save_inputs=True)
def _depthwise_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    x, f = inputs
    return (lambda: run("DepthwiseConv2dNativeBackpropInput", dy, f, input_shape=x.shape,
                        **attrs),
            lambda: run("DepthwiseConv2dNativeBackpropFilter", x, dy, filter_shape=f.shape,
                        **attrs))


@depthwise_conv2d.gradient(save_inputs=True, kernel_name="DepthwiseConv2dNativeBackpropInput")
def _depthwise_backprop_input_grad(ddx: Tensor, inputs: Any, outputs: Any,
                                   attrs: dict) -> tuple:
    dy, f = inputs
    a = _backprop_attrs(attrs)
    return (run("DepthwiseConv2dNative", ddx, f, **a),
            run("DepthwiseConv2dNativeBackpropFilter", ddx, dy, filter_shape=f.shape, **a))


@depthwise_conv2d.gradient(save_inputs=True, kernel_name="DepthwiseConv2dNativeBackpropFilter")
def _depthwise_backprop_filter_grad(ddf: Tensor, inputs: Any, outputs: Any,
                                    attrs: dict) -> tuple:
    x, dy = inputs
    a = _backprop_attrs(attrs)
    return (run("DepthwiseConv2dNativeBackpropInput", dy, ddf, input_shape=x.shape, **a),
            run("DepthwiseConv2dNative", x, ddf, **a))


@op(None, dtype="float32")
def separable_conv2d(x: Any, depthwise_filter: Any, pointwise_filter: Any, strides: Any,
                     pad: Any, dilation: Any = (1, 1), data_format: str = "NHWC") -> Tensor:
    """Depthwise convolution followed by a 1x1 (pointwise) convolution that mixes channels.

    Args:
        x: ``[batch, height, width, in_channels]`` (rank 3: a batch of one).
        depthwise_filter: ``[fh, fw, in_channels, channel_multiplier]``.
        pointwise_filter: ``[1, 1, in_channels * channel_multiplier, out_channels]``.
        strides: the depthwise strides (an int or ``[sh, sw]``).
        pad: ``'same'``, ``'valid'`` or a non-negative int (depthwise step).
        dilation: the depthwise dilation (an int or ``[dh, dw]``).
        data_format: only ``'NHWC'``, as TF.js.

    >>> import pytfjs as tf
    >>> y = tf.separable_conv2d(tf.ones([1, 2, 2, 2]), tf.ones([2, 2, 2, 1]), tf.ones([1, 1, 2, 3]), 1, 'valid')
    >>> y.to_list()
    [[[[8.0, 8.0, 8.0]]]]
    """
    name = "separable_conv2d"
    if data_format == "NCHW":
        raise ValueError("separableConv2d currently does not support dataFormat NCHW; only "
                         "NHWC is supported")
    if data_format != "NHWC":
        raise ValueError(f"'{name}': data_format must be 'NHWC', got {data_format!r}")
    x = _float_input(x, "x", name)
    dw = _float_input(depthwise_filter, "depthwise_filter", name)
    pw = _float_input(pointwise_filter, "pointwise_filter", name)
    _check_rank(x, (3, 4), "input", name)
    _check_rank(dw, (4,), "depthwise filter", name)
    _check_rank(pw, (4,), "pointwise filter", name)
    if pw.shape[0] != 1 or pw.shape[1] != 1:
        raise ShapeError(f"Error in separableConv2d: the first two dimensions of the pointwise "
                         f"filter must be 1, got shape {list(pw.shape)}.")
    if pw.shape[2] != dw.shape[2] * dw.shape[3]:
        raise ShapeError(f"Error in separableConv2d: the third dimension of pointwise filter "
                         f"must be {dw.shape[2] * dw.shape[3]}, but got {pw.shape[2]}.")
    unbatched = x.rank == 3
    if unbatched:
        x = _reshape(x, (1, *x.shape))
    if isinstance(pad, (list, tuple)):
        raise ValueError(f"'{name}': pad must be 'same', 'valid' or a number, got {pad!r}")
    depth = depthwise_conv2d(x, dw, strides, pad, "NHWC", dilation)
    out = conv2d(depth, pw, 1, "valid", "NHWC")
    return _reshape(out, out.shape[1:]) if unbatched else out


# ----------------------------------------------------------------------------- dilation2d
@op("Dilation2D", tf_ops=("Dilation2D",), dtype="same",
    kernels=("Dilation2DBackpropInput", "Dilation2DBackpropFilter"))
def dilation2d(x: Any, filter: Any, strides: Any, pad: Any,  # noqa: A002
               dilations: Any = (1, 1), data_format: str = "NHWC") -> Tensor:
    """Grayscale morphological dilation: ``out[b, y, x, c] = max over the window of
    x[b, y*sh + i*dh - top, x*sw + j*dw - left, c] + filter[i, j, c]`` (out-of-range
    positions are skipped; NaN is skipped as TF and TF.js do).

    Args:
        x: ``[batch, height, width, depth]`` (rank 3: a batch of one); float32 or int32.
        filter: ``[filter_height, filter_width, depth]``.
        strides: an int or ``[sh, sw]``.
        pad: ``'same'`` or ``'valid'`` (or a non-negative int).
        dilations: an int or ``[dh, dw]``; strides or dilations must be 1.
        data_format: only ``'NHWC'``, as TF.js.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[[[1.0], [5.0]], [[3.0], [2.0]]]])
    >>> tf.dilation2d(x, tf.zeros([2, 2, 1]), 1, 'valid').to_list()
    [[[[5.0]]]]
    """
    name = "dilation2d"
    x, f = binary_inputs(x, filter, name, "x", "filter", numeric=True)
    _check_numeric(x, "x", name)
    _check_numeric(f, "filter", name)
    _check_rank(x, (3, 4), "input", name)
    _check_rank(f, (3,), "filter", name)
    if data_format != "NHWC":
        raise ValueError(f"Error in dilation2d: Only NHWC is currently supported, but got "
                         f"dataFormat of {data_format}")
    unbatched = x.rank == 3
    if unbatched:
        x = _reshape(x, (1, *x.shape))
    if x.shape[3] != f.shape[2]:
        raise ShapeError(f"Error in dilation2d: input and filter must have the same depth: "
                         f"{x.shape[3]} vs {f.shape[2]}")
    st, dl = _strides_dilations(strides, dilations, 2, name)
    pads, _ = _conv_pads(pad, x.shape[1:3], f.shape[:2], st, dl, None, name,
                         explicit_ok=False)
    out = run("Dilation2D", x, f, strides=st, pad=pads, dilations=dl)
    return _reshape(out, out.shape[1:]) if unbatched else out


@dilation2d.gradient(save_inputs=True)
def _dilation2d_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    x, f = inputs
    return (lambda: run("Dilation2DBackpropInput", x, f, dy, **attrs),
            lambda: run("Dilation2DBackpropFilter", x, f, dy, **attrs))


# ----------------------------------------------------------------------------- fused
def _check_activation(activation: Any, op_name: str) -> str:
    activation = activation or "linear"
    if activation not in ACTIVATIONS:
        raise ValueError(f"'{op_name}': unknown fused activation {activation!r} (expected one "
                         f"of {', '.join(ACTIVATIONS)})")
    return activation


def apply_activation(y: Tensor, activation: str, prelu_weights: Tensor | None,
                     leakyrelu_alpha: float) -> Tensor:
    """TF.js ``applyActivation``: the fused ops' activation, composed of ops."""
    if activation == "linear":
        return y
    if activation == "relu":
        return basic_math.relu(y)
    if activation == "relu6":
        return basic_math.relu6(y)
    if activation == "elu":
        return basic_math.elu(y)
    if activation == "sigmoid":
        return basic_math.sigmoid(y)
    if activation == "leakyrelu":
        return basic_math.leaky_relu(y, leakyrelu_alpha)
    if prelu_weights is None:
        raise ValueError("fused activation 'prelu' needs prelu_activation_weights")
    return basic_math.prelu(y, prelu_weights)


def _alpha(v: Any, op_name: str) -> float:
    if v is None:
        return 0.2
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise TypeError(f"'{op_name}': leakyrelu_alpha must be a number, got {v!r}")
    return float(v)


def _sum_to(g: Tensor, shape: tuple[int, ...]) -> Tensor:
    """``g`` summed to a bias's ``shape`` (a new tensor, never ``g`` itself: the tape may
    dispose ``dy`` while accumulating)."""
    if g.shape == shape:
        return creation.clone(g)
    axes = reduction_axes(shape, g.shape)
    if axes:
        g = reduction.sum(g, axes)
    return transformation.reshape(g, shape)


def _fused_extras(out_shape: tuple[int, ...], bias: Any, prelu: Any, activation: str,
                  dtype: str, op_name: str) -> tuple[Tensor | None, Tensor | None]:
    b = p = None
    if bias is not None:
        b = cast_to(to_tensor(bias, "bias", op_name, numeric=True), dtype)
        try:
            ok = broadcast_shapes(out_shape, b.shape) == tuple(out_shape)
        except ShapeError:
            ok = False
        if not ok:
            raise ShapeError(f"'{op_name}': bias of shape {list(b.shape)} does not broadcast to "
                             f"the output shape {list(out_shape)}")
    if activation == "prelu":
        if prelu is None:
            raise ValueError(f"'{op_name}': activation 'prelu' needs prelu_activation_weights")
        p = cast_to(to_tensor(prelu, "prelu_activation_weights", op_name, numeric=True), dtype)
        try:
            ok = broadcast_shapes(out_shape, p.shape) == tuple(out_shape)
        except ShapeError:
            ok = False
        if not ok:
            raise ShapeError(f"'{op_name}': prelu_activation_weights of shape {list(p.shape)} "
                             f"are not compatible with the output shape {list(out_shape)}")
    return b, p


def _fused_inputs(b: Tensor | None, p: Tensor | None) -> tuple[list[Tensor], dict]:
    extra = [t for t in (b, p) if t is not None]
    return extra, {"has_bias": b is not None, "has_prelu": p is not None}


def _unfused_mode(activation: str) -> bool:
    """TF.js ``shouldFuse`` is false: a gradient is being recorded and the activation is not
    linear, so the op runs as separate ops whose gradients the tape knows."""
    return ENGINE.active_tape is not None and activation != "linear"


def _fused_conv(kind: str, x: Any, filter: Any, strides: Any, pad: Any, data_format: str,
                dilations: Any, dim_rounding_mode: Any, bias: Any, activation: Any,
                prelu_activation_weights: Any, leakyrelu_alpha: Any) -> Tensor:
    depthwise = kind == "FusedDepthwiseConv2D"
    op_name = "fused.depthwise_conv2d" if depthwise else "fused.conv2d"
    activation = _check_activation(activation, op_name)
    alpha = _alpha(leakyrelu_alpha, op_name)
    s = _Conv2DSetup(x, filter, strides, pad, data_format, dilations, dim_rounding_mode,
                     op_name, depthwise)
    c_out = s.filter.shape[3] * (s.filter.shape[2] if depthwise else 1)
    out_shape = (s.x.shape[0], *s.out_sp, c_out)
    if s.channels_first:
        # NCHW: a 1-D bias / PReLU weight runs along the channel axis (TF.js reshapes it to
        # [C, 1, 1]); the kernel runs channels-last, so a [C, 1, 1] tensor becomes [C].
        def to_last(t: Any, arg: str) -> Any:
            if t is None:
                return None
            t = to_tensor(t, arg, op_name, numeric=True)
            if t.rank == 3:
                return matrices.transpose(t, (1, 2, 0))
            return t
        bias = to_last(bias, "bias")
        prelu_activation_weights = to_last(prelu_activation_weights,
                                           "prelu_activation_weights")
    b, p = _fused_extras(out_shape, bias, prelu_activation_weights, activation, s.x.dtype,
                         op_name)
    if _unfused_mode(activation):
        base = "DepthwiseConv2dNative" if depthwise else "Conv2D"
        y = run(base, s.x, s.filter, **s.attrs)
        if b is not None:
            y = arithmetic.add(y, b)
        return s.finish(apply_activation(y, activation, p, alpha))
    extra, flags = _fused_inputs(b, p)
    out = run(kind, s.x, s.filter, *extra, activation=activation, leakyrelu_alpha=alpha,
              **flags, **s.attrs)
    return s.finish(out)


def _fused_fallback(base: str):  # type: ignore[no-untyped-def]
    def fallback(x: Tensor, f: Tensor, *extra: Tensor, strides: Any, pad: Any, dilations: Any,
                 activation: str, leakyrelu_alpha: float, has_bias: bool,
                 has_prelu: bool) -> Tensor:
        it = iter(extra)
        b = next(it) if has_bias else None
        p = next(it) if has_prelu else None
        y = run(base, x, f, strides=strides, pad=pad, dilations=dilations)
        if b is not None:
            y = arithmetic.add(y, b)
        return apply_activation(y, activation, p, leakyrelu_alpha)
    return fallback


def _fused_linear_dz(dy: Tensor, attrs: dict, op_name: str) -> Tensor:
    if attrs["activation"] != "linear":  # never recorded: such calls run unfused
        raise ValueError(f"{op_name}: cannot compute the gradient of the fused activation "
                         f"{attrs['activation']!r}")
    return dy


def _fused_conv_grad(base: str, bp_input: str, bp_filter: str):  # type: ignore[no-untyped-def]
    def grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
        x, f, *extra = inputs
        dz = _fused_linear_dz(dy, attrs, base)
        a = _backprop_attrs(attrs)
        grads: list = [lambda: run(bp_input, dz, f, input_shape=x.shape, **a),
                       lambda: run(bp_filter, x, dz, filter_shape=f.shape, **a)]
        if attrs["has_bias"]:
            grads.append(_sum_to(dz, extra[0].shape))
        if attrs["has_prelu"]:
            grads.append(None)
        return tuple(grads)
    return grad


@op("FusedConv2D", tf_ops=("_FusedConv2D",), namespace="fused", name="conv2d",
    dtype="float32", method=False)
def fused_conv2d(x: Any = None, filter: Any = None, strides: Any = None,  # noqa: A002
                 pad: Any = None, data_format: str = "NHWC", dilations: Any = (1, 1),
                 dim_rounding_mode: str | None = None, bias: Any = None,
                 activation: str = "linear", prelu_activation_weights: Any = None,
                 leakyrelu_alpha: float | None = None) -> Tensor:
    """``conv2d`` + bias + activation in one kernel (TF.js ``tf.fused.conv2d``; its option
    object becomes keyword arguments).

    Args:
        x: the input (see :func:`conv2d`).
        filter: ``[fh, fw, in_channels, out_channels]``.
        strides: an int or ``[sh, sw]``.
        pad: ``'same'``, ``'valid'``, an int or explicit paddings.
        data_format: ``'NHWC'`` or ``'NCHW'``.
        dilations: an int or ``[dh, dw]``.
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` for a numeric pad.
        bias: added to the convolution (broadcast; for NCHW a 1-D bias is per channel).
        activation: ``'linear'``, ``'relu'``, ``'relu6'``, ``'elu'``, ``'leakyrelu'``,
            ``'prelu'`` or ``'sigmoid'``.
        prelu_activation_weights: the PReLU alphas (for ``activation='prelu'``).
        leakyrelu_alpha: the leaky ReLU slope (default 0.2).

    >>> import pytfjs as tf
    >>> x = tf.tensor([[[[1.0], [-2.0]]]])
    >>> tf.fused.conv2d(x=x, filter=tf.ones([1, 1, 1, 1]), strides=1, pad='same',
    ...                 bias=tf.tensor([0.5]), activation='relu').to_list()
    [[[[1.5], [0.0]]]]
    """
    return _fused_conv("FusedConv2D", x, filter, strides, pad, data_format, dilations,
                       dim_rounding_mode, bias, activation, prelu_activation_weights,
                       leakyrelu_alpha)


fused_conv2d.fallback(_fused_fallback("Conv2D"))
fused_conv2d.gradient(save_inputs=True)(
    _fused_conv_grad("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"))


@op("FusedDepthwiseConv2D", tf_ops=("FusedDepthwiseConv2dNative",), namespace="fused",
    name="depthwise_conv2d", dtype="float32", method=False)
def fused_depthwise_conv2d(x: Any = None, filter: Any = None, strides: Any = None,  # noqa: A002
                           pad: Any = None, data_format: str = "NHWC", dilations: Any = (1, 1),
                           dim_rounding_mode: str | None = None, bias: Any = None,
                           activation: str = "linear", prelu_activation_weights: Any = None,
                           leakyrelu_alpha: float | None = None) -> Tensor:
    """``depthwise_conv2d`` + bias + activation in one kernel (TF.js
    ``tf.fused.depthwiseConv2d``).

    Args:
        x: the input (see :func:`depthwise_conv2d`).
        filter: ``[fh, fw, in_channels, channel_multiplier]``.
        strides: an int or ``[sh, sw]``.
        pad: ``'same'``, ``'valid'``, an int or explicit paddings.
        data_format: ``'NHWC'`` or ``'NCHW'``.
        dilations: an int or ``[dh, dw]``.
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` for a numeric pad.
        bias: added to the convolution (broadcast).
        activation: as :func:`pytfjs.fused.conv2d`.
        prelu_activation_weights: the PReLU alphas (for ``activation='prelu'``).
        leakyrelu_alpha: the leaky ReLU slope (default 0.2).

    >>> import pytfjs as tf
    >>> y = tf.fused.depthwise_conv2d(x=tf.ones([1, 2, 2, 2]), filter=tf.ones([2, 2, 2, 1]),
    ...                               strides=1, pad='valid', bias=tf.tensor([1.0, -10.0]),
    ...                               activation='relu')
    >>> y.to_list()
    [[[[5.0, 0.0]]]]
    """
    return _fused_conv("FusedDepthwiseConv2D", x, filter, strides, pad, data_format, dilations,
                       dim_rounding_mode, bias, activation, prelu_activation_weights,
                       leakyrelu_alpha)


fused_depthwise_conv2d.fallback(_fused_fallback("DepthwiseConv2dNative"))
fused_depthwise_conv2d.gradient(save_inputs=True)(
    _fused_conv_grad("DepthwiseConv2dNative", "DepthwiseConv2dNativeBackpropInput",
                     "DepthwiseConv2dNativeBackpropFilter"))


@op("_FusedMatMul", tf_ops=("_FusedMatMul",), namespace="fused", name="mat_mul",
    dtype="upcast", method=False)
def fused_mat_mul(a: Any = None, b: Any = None, transpose_a: bool = False,
                  transpose_b: bool = False, bias: Any = None, activation: str = "linear",
                  prelu_activation_weights: Any = None,
                  leakyrelu_alpha: float | None = 0.2) -> Tensor:
    """``mat_mul`` + bias + activation in one kernel (TF.js ``tf.fused.matMul``).

    Args:
        a: ``[..., m, k]`` (``[..., k, m]`` when ``transpose_a``).
        b: ``[..., k, n]`` (``[..., n, k]`` when ``transpose_b``).
        transpose_a: transpose the last two dimensions of ``a``.
        transpose_b: transpose the last two dimensions of ``b``.
        bias: added to the product (broadcast).
        activation: as :func:`pytfjs.fused.conv2d`.
        prelu_activation_weights: the PReLU alphas (for ``activation='prelu'``).
        leakyrelu_alpha: the leaky ReLU slope (default 0.2).

    >>> import pytfjs as tf
    >>> tf.fused.mat_mul(a=tf.tensor([[1.0, 2.0]]), b=tf.tensor([[1.0], [-1.0]]),
    ...                  bias=tf.tensor([3.0]), activation='relu').to_list()
    [[2.0]]
    """
    name = "fused.mat_mul"
    activation = _check_activation(activation, name)
    alpha = _alpha(leakyrelu_alpha, name)
    a, b = binary_inputs(a, b, name, numeric=True)
    if a.rank < 2 or b.rank < 2:
        raise ShapeError(f"'{name}': both inputs must have rank >= 2, got shapes "
                         f"{list(a.shape)} and {list(b.shape)}")
    if not isinstance(transpose_a, bool) or not isinstance(transpose_b, bool):
        raise TypeError(f"'{name}': transpose_a and transpose_b must be bools")
    inner_a = a.shape[-2] if transpose_a else a.shape[-1]
    inner_b = b.shape[-1] if transpose_b else b.shape[-2]
    if inner_a != inner_b:
        raise ShapeError(f"Error in fused matMul: inner shapes ({inner_a}) and ({inner_b}) of "
                         f"Tensors with shapes {list(a.shape)} and {list(b.shape)} and "
                         f"transposeA={transpose_a} and transposeB={transpose_b} must match.")
    batch = broadcast_shapes(a.shape[:-2], b.shape[:-2], name)
    m = a.shape[-1] if transpose_a else a.shape[-2]
    n = b.shape[-2] if transpose_b else b.shape[-1]
    out_shape = (*batch, m, n)
    bias_t, p = _fused_extras(out_shape, bias, prelu_activation_weights, activation, a.dtype,
                              name)
    if _unfused_mode(activation):
        y = matrices.mat_mul(a, b, transpose_a, transpose_b)
        if bias_t is not None:
            y = arithmetic.add(y, bias_t)
        return apply_activation(y, activation, p, alpha)
    extra, flags = _fused_inputs(bias_t, p)
    return run("_FusedMatMul", a, b, *extra, transpose_a=transpose_a, transpose_b=transpose_b,
               activation=activation, leakyrelu_alpha=alpha, **flags)


@fused_mat_mul.fallback
def _fused_mat_mul_fallback(a: Tensor, b: Tensor, *extra: Tensor, transpose_a: bool,
                            transpose_b: bool, activation: str, leakyrelu_alpha: float,
                            has_bias: bool, has_prelu: bool) -> Tensor:
    it = iter(extra)
    bias = next(it) if has_bias else None
    p = next(it) if has_prelu else None
    y = run("BatchMatMul", a, b, transpose_a=transpose_a, transpose_b=transpose_b)
    if bias is not None:
        y = arithmetic.add(y, bias)
    return apply_activation(y, activation, p, leakyrelu_alpha)


@fused_mat_mul.gradient(save_inputs=True)
def _fused_mat_mul_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    a, b, *extra = inputs
    dz = _fused_linear_dz(dy, attrs, "_FusedMatMul")
    da, db = matrices._mat_mul_grad(dz, (a, b), (), {"transpose_a": attrs["transpose_a"],
                                                     "transpose_b": attrs["transpose_b"]})
    grads: list = [da, db]
    if attrs["has_bias"]:
        grads.append(_sum_to(dz, extra[0].shape))
    if attrs["has_prelu"]:
        grads.append(None)
    return tuple(grads)
