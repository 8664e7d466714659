"""Convolutional layers (TF.js ``tfjs-layers`` ``convolutional.ts``, ``convolutional_depthwise.ts``,
``padding.ts``): Conv1D/2D/3D, Conv2DTranspose/Conv3DTranspose, SeparableConv2D,
DepthwiseConv2D, Cropping2D, UpSampling2D and ZeroPadding2D.

Every layer is built from the Ops API (``tf.fused.conv2d``, ``tf.conv3d``,
``tf.fused.depthwise_conv2d``, ``tf.image.resize_*``, ...). Defaults and config keys are TF.js's:

- kernel initializers default to glorot *normal* (``VarianceScaling(1, fan_avg, normal)``; Keras
  uses glorot uniform); SeparableConv2D's depthwise/pointwise kernels default to glorot uniform.
- Conv1D writes no ``data_format`` key, transposed convolutions write no ``dilation_rate``,
  pooling-1D and global pooling-1D write no ``data_format``.

Where TF.js 4.22 is wrong, these layers follow Keras (each spot says so):
DepthwiseConv2D honours ``dilation_rate`` and serialises its own ``depthwise_constraint``;
SeparableConv2D uses ``pointwise_initializer`` for the pointwise kernel and adds the bias
correctly for ``channels_first``; Conv1D supports ``channels_first`` and ``'causal'`` padding.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ..core.tensor import Tensor
from . import activations as _act
from . import constraints as _con
from . import initializers as _init
from . import regularizers as _reg
from .engine import Layer, LayerError
from .serialization import register_layer


def _tf() -> Any:
    import pytfjs
    return pytfjs


def tidy_call(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Runs a layer's ``call`` inside ``tf.tidy`` (as every TF.js layer does), so eager calls
    leave only their outputs behind. ``inspect.signature`` still sees the wrapped signature."""
    @functools.wraps(fn)
    def call(self: Any, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        return _tf().tidy(lambda: fn(self, inputs, *args, **kwargs))
    return call


# ------------------------------------------------------------------------------ helpers
def normalize_tuple(value: Any, n: int, name: str) -> list[int]:
    """An int or a sequence of ``n`` ints as a list of ``n`` ints (TF.js ``normalizeArray``)."""
    if isinstance(value, bool):
        raise LayerError(f"The {name} argument must be an integer or tuple of {n} integers, got {value!r}")
    if isinstance(value, int):
        return [value] * n
    if isinstance(value, float) and value.is_integer():
        return [int(value)] * n
    try:
        items = list(value)
    except TypeError:
        raise LayerError(f"The {name} argument must be an integer or tuple of {n} integers, "
                         f"got {value!r}") from None
    if len(items) != n:
        raise LayerError(f"The {name} argument must be an integer or tuple of {n} integers. "
                         f"Received: {len(items)} elements.")
    out = []
    for v in items:
        if isinstance(v, bool) or not (isinstance(v, int) or (isinstance(v, float) and v.is_integer())):
            raise LayerError(f"The {name} argument must be an integer or tuple of {n} integers. "
                             f"Received: {items!r} including a non-integer {v!r}")
        out.append(int(v))
    return out


_DATA_FORMATS = {"channels_last": "channels_last", "channels_first": "channels_first",
                 "channelsLast": "channels_last", "channelsFirst": "channels_first"}


def normalize_data_format(value: Any) -> str:
    """``'channels_last'`` (default) or ``'channels_first'``; TF.js camelCase is accepted."""
    if value is None:
        return "channels_last"
    if value not in _DATA_FORMATS:
        raise LayerError(f"Invalid data_format {value!r}: expected 'channels_last' or 'channels_first'")
    return _DATA_FORMATS[value]


def normalize_padding(value: Any, allowed: tuple[str, ...] = ("valid", "same")) -> str:
    value = "valid" if value is None else value
    if value not in allowed:
        raise LayerError(f"Invalid padding {value!r}: expected one of {', '.join(map(repr, allowed))}")
    return value


def conv_output_length(length: int | None, kernel: int, padding: str, stride: int,
                       dilation: int = 1) -> int | None:
    """Spatial output size of a convolution or pooling window (None stays None)."""
    if length is None:
        return None
    dilated = kernel + (kernel - 1) * (dilation - 1)
    out = length if padding in ("same", "causal") else length - dilated + 1
    return (out + stride - 1) // stride


def deconv_length(length: int | None, stride: int, kernel: int, padding: str) -> int | None:
    """Spatial output size of a transposed convolution (TF.js ``deconvLength``)."""
    if length is None:
        return None
    if padding == "valid":
        return length * stride + max(kernel - stride, 0)
    return length * stride


def _to_last(x: Tensor, rank: int) -> Tensor:
    """channels_first -> channels_last for a tensor with ``rank`` spatial dims."""
    return _tf().transpose(x, [0, *range(2, rank + 2), 1])


def _to_first(x: Tensor, rank: int) -> Tensor:
    return _tf().transpose(x, [0, rank + 1, *range(1, rank + 1)])


# Activations that tf.fused.conv2d / depthwise_conv2d apply in the same kernel.
def _fused_name(fn: Any) -> str | None:
    return {_act.linear: "linear", _act.relu: "relu", _act.relu6: "relu6", _act.elu: "elu",
            _act.sigmoid: "sigmoid"}.get(fn)


def _opt_reg(value: Any) -> Any:
    return None if value is None else _reg.get(value)


def _opt_con(value: Any) -> Any:
    return None if value is None else _con.get(value)


def _glorot_normal() -> Any:
    return _init.VarianceScaling(1.0, "fan_avg", "normal")


def _glorot_uniform() -> Any:
    return _init.VarianceScaling(1.0, "fan_avg", "uniform")


# ------------------------------------------------------------------------------ base classes
class _BaseConv(Layer):
    """What every convolution shares (TF.js ``BaseConv``): kernel size, strides, padding, data
    format, dilation, activation and bias."""

    RANK = 2
    PADDINGS: tuple[str, ...] = ("valid", "same")

    def __init__(self, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: str | None = None, dilation_rate: Any = 1, activation: Any = None,
                 use_bias: bool = True, bias_initializer: Any = "zeros",
                 bias_regularizer: Any = None, activity_regularizer: Any = None,
                 bias_constraint: Any = None, groups: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        n = self.RANK
        if kernel_size is None:
            raise LayerError(f"{self.class_name}: required key 'kernel_size' not in config")
        if isinstance(kernel_size, (list, tuple)) and len(kernel_size) == 1 and n > 1:
            kernel_size = kernel_size[0]  # TF.js accepts [k] for 2-D/3-D kernels
        self.kernel_size = normalize_tuple(kernel_size, n, "kernel_size")
        self.strides = normalize_tuple(1 if strides is None else strides, n, "strides")
        self.padding = normalize_padding(padding, self.PADDINGS)
        self.data_format = normalize_data_format(data_format)
        self.dilation_rate = normalize_tuple(1 if dilation_rate is None else dilation_rate, n,
                                             "dilation_rate")
        if any(v <= 0 for v in self.kernel_size + self.strides + self.dilation_rate):
            raise LayerError(f"{self.class_name}: kernel_size, strides and dilation_rate must be "
                             f"positive, got {self.kernel_size}, {self.strides}, {self.dilation_rate}")
        if groups not in (None, 1):
            raise LayerError(f"{self.class_name}: groups={groups} is not supported (TF.js has no "
                             f"grouped convolutions)")
        self.activation = _act.get(activation)
        self.use_bias = True if use_bias is None else bool(use_bias)
        self.bias_initializer = _init.get(bias_initializer if bias_initializer is not None else "zeros")
        self.bias_regularizer = _opt_reg(bias_regularizer)
        self.activity_regularizer = _opt_reg(activity_regularizer)
        self.bias_constraint = _opt_con(bias_constraint)
        self.bias = None

    @property
    def _channel_axis(self) -> int:
        return 1 if self.data_format == "channels_first" else -1

    def _input_channels(self, input_shape: Any) -> int:
        if len(input_shape) != self.RANK + 2:
            raise LayerError(f"{self.name}: {self.class_name} expects inputs of rank "
                             f"{self.RANK + 2}, got shape {list(input_shape)}")
        c = input_shape[self._channel_axis]
        if c is None:
            raise LayerError(f"{self.name}: the channel dimension of the inputs should be defined, "
                             f"found None")
        return int(c)

    def _spatial(self, shape: Any) -> list:
        return list(shape[2:]) if self.data_format == "channels_first" else list(shape[1:-1])

    def _assemble(self, batch: Any, spatial: list, channels: Any) -> tuple:
        if self.data_format == "channels_first":
            return (batch, channels, *spatial)
        return (batch, *spatial, channels)

    def _add_bias(self, y: Tensor, channels_last: bool = True) -> Tensor:
        tf = _tf()
        if self.bias is None:
            return y
        b = self.bias.read()
        if not channels_last:
            b = tf.reshape(b, [b.shape[0]] + [1] * self.RANK)
        return tf.add(y, b)

    def _base_config(self) -> dict[str, Any]:
        return {
            "kernel_size": list(self.kernel_size), "strides": list(self.strides),
            "padding": self.padding, "data_format": self.data_format,
            "dilation_rate": list(self.dilation_rate),
            "activation": _act.serialize(self.activation), "use_bias": self.use_bias,
            "bias_initializer": _init.serialize(self.bias_initializer),
            "bias_regularizer": _reg.serialize(self.bias_regularizer),
            "activity_regularizer": _reg.serialize(self.activity_regularizer),
            "bias_constraint": _con.serialize(self.bias_constraint),
        }


class _Conv(_BaseConv):
    """A convolution with ``filters`` output channels and a ``kernel`` weight (TF.js ``Conv``)."""

    def __init__(self, filters: int, kernel_size: Any = None, kernel_initializer: Any = None,
                 kernel_regularizer: Any = None, kernel_constraint: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(kernel_size, **kwargs)
        if isinstance(filters, bool) or not isinstance(filters, int) or filters < 1:
            raise LayerError(f"{self.class_name}: filters must be a positive integer, got {filters!r}")
        self.filters = filters
        self.kernel_initializer = _init.get(kernel_initializer if kernel_initializer is not None
                                            else _glorot_normal())
        self.kernel_regularizer = _opt_reg(kernel_regularizer)
        self.kernel_constraint = _opt_con(kernel_constraint)

    def _kernel_shape(self, in_channels: int) -> list[int]:
        return [*self.kernel_size, in_channels, self.filters]

    def build(self, input_shape: Any) -> None:
        c = self._input_channels(input_shape)
        self.kernel = self.add_weight("kernel", self._kernel_shape(c), None, self.kernel_initializer,
                                      self.kernel_regularizer, True, self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight("bias", [self.filters], None, self.bias_initializer,
                                        self.bias_regularizer, True, self.bias_constraint)
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        space = [conv_output_length(d, k, self.padding, s, r) for d, k, s, r in
                 zip(self._spatial(input_shape), self.kernel_size, self.strides, self.dilation_rate)]
        return self._assemble(input_shape[0], space, self.filters)

    def get_config(self) -> dict[str, Any]:
        config = {
            "filters": self.filters,
            "kernel_initializer": _init.serialize(self.kernel_initializer),
            "kernel_regularizer": _reg.serialize(self.kernel_regularizer),
            "kernel_constraint": _con.serialize(self.kernel_constraint),
            **self._base_config(),
        }
        config.update(super().get_config())
        return config


# ------------------------------------------------------------------------------ convolutions
@register_layer("conv1d")
class Conv1D(_Conv):
    """1-D convolution over ``[batch, steps, channels]`` inputs (``tf.conv1d``), plus bias and
    activation; output ``[batch, new_steps, filters]``.

    ``padding`` is ``'valid'``, ``'same'`` or ``'causal'`` (left padding by
    ``dilation_rate * (kernel_size - 1)``; Keras semantics, TF.js throws). As TF.js, the config
    has no ``data_format`` key; ``channels_first`` (Keras) is accepted and written only when used.

    >>> import pytfjs as tf
    >>> layer = tf.layers.conv1d(filters=1, kernel_size=2, kernel_initializer="ones")
    >>> y = layer.apply(tf.tensor([[[1.0], [2.0], [3.0]]]))
    >>> y.to_list()
    [[[3.0], [5.0]]]
    >>> layer.dispose()
    """

    RANK = 1
    PADDINGS = ("valid", "same", "causal")

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        x = inputs
        if x.rank != 3:
            raise LayerError(f"{self.name}: Conv1D expects rank-3 input, got {list(x.shape)}")
        if self.data_format == "channels_first":
            x = tf.transpose(x, [0, 2, 1])
        pad = self.padding
        if pad == "causal":
            left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
            x = tf.pad(x, [[0, 0], [left, 0], [0, 0]])
            pad = "valid"
        y = tf.conv1d(x, self.kernel.read(), self.strides[0], pad, "NWC", self.dilation_rate[0])
        y = self.activation(self._add_bias(y))
        return tf.transpose(y, [0, 2, 1]) if self.data_format == "channels_first" else y

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        if self.data_format == "channels_last":
            del config["data_format"]  # TF.js writes no data_format for Conv1D
        return config


@register_layer("conv2d")
class Conv2D(_Conv):
    """2-D convolution over images (``[batch, rows, cols, channels]`` or, with
    ``data_format='channels_first'``, ``[batch, channels, rows, cols]``). Bias and the
    activation run in the same kernel through ``tf.fused.conv2d`` when the activation is one it
    fuses (linear, relu, relu6, elu, sigmoid).

    >>> import pytfjs as tf
    >>> layer = tf.layers.conv2d(filters=1, kernel_size=2, kernel_initializer="ones")
    >>> layer.apply(tf.ones([1, 3, 3, 1])).shape
    (1, 2, 2, 1)
    >>> layer.dispose()
    """

    RANK = 2

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        fused = _fused_name(self.activation)
        y = tf.fused.conv2d(x=inputs, filter=self.kernel.read(), strides=self.strides,
                            pad=self.padding,
                            data_format="NCHW" if self.data_format == "channels_first" else "NHWC",
                            dilations=self.dilation_rate,
                            bias=self.bias.read() if self.bias is not None else None,
                            activation=fused or "linear")
        return y if fused is not None else self.activation(y)


@register_layer("conv3d")
class Conv3D(_Conv):
    """3-D convolution over volumes (``[batch, depth, rows, cols, channels]``; channels second
    with ``channels_first``), plus bias and activation (``tf.conv3d``).

    >>> import pytfjs as tf
    >>> layer = tf.layers.conv3d(filters=2, kernel_size=2)
    >>> layer.apply(tf.ones([1, 3, 3, 3, 1])).shape
    (1, 2, 2, 2, 2)
    >>> layer.dispose()
    """

    RANK = 3

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        first = self.data_format == "channels_first"
        x = _to_last(inputs, 3) if first else inputs
        y = tf.conv3d(x, self.kernel.read(), self.strides, self.padding, "NDHWC", self.dilation_rate)
        y = self.activation(self._add_bias(y))
        return _to_first(y, 3) if first else y


class _ConvTranspose(_Conv):
    """Shared by Conv2DTranspose/Conv3DTranspose: kernel ``[*kernel_size, filters, in]``."""

    def __init__(self, filters: int, kernel_size: Any = None, output_padding: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, **kwargs)
        if output_padding is not None:
            raise LayerError(f"{self.class_name}: output_padding is not supported (TF.js has no "
                             f"output_padding); got {output_padding!r}")
        if any(d != 1 for d in self.dilation_rate):
            raise LayerError(f"{self.class_name}: dilation_rate {self.dilation_rate} is not "
                             f"supported for transposed convolutions (as in TF.js)")

    def _kernel_shape(self, in_channels: int) -> list[int]:
        return [*self.kernel_size, self.filters, in_channels]

    def compute_output_shape(self, input_shape: Any) -> Any:
        space = [deconv_length(d, s, k, self.padding) for d, s, k in
                 zip(self._spatial(input_shape), self.strides, self.kernel_size)]
        return self._assemble(input_shape[0], space, self.filters)

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        n = self.RANK
        if inputs.rank != n + 2:
            raise LayerError(f"{self.name}: {self.class_name} expects rank-{n + 2} input, "
                             f"got {list(inputs.shape)}")
        first = self.data_format == "channels_first"
        x = _to_last(inputs, n) if first else inputs
        out_shape = [x.shape[0], *[deconv_length(d, s, k, self.padding) for d, s, k in
                                   zip(x.shape[1:-1], self.strides, self.kernel_size)],
                     self.filters]
        op = tf.conv2d_transpose if n == 2 else tf.conv3d_transpose
        y = op(x, self.kernel.read(), out_shape, self.strides, self.padding)
        y = self.activation(self._add_bias(y))
        return _to_first(y, n) if first else y

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        del config["dilation_rate"]  # TF.js writes no dilation_rate for transposed convolutions
        return config


@register_layer("conv2d_transpose")
class Conv2DTranspose(_ConvTranspose):
    """Transposed 2-D convolution ("deconvolution", ``tf.conv2d_transpose``): upsamples by
    ``strides``; ``'valid'`` gives ``size * stride + max(kernel - stride, 0)``, ``'same'``
    ``size * stride``. Kernel shape ``[kh, kw, filters, in_channels]``.

    >>> import pytfjs as tf
    >>> layer = tf.layers.conv2d_transpose(filters=1, kernel_size=2, strides=2)
    >>> layer.apply(tf.ones([1, 2, 2, 3])).shape
    (1, 4, 4, 1)
    >>> layer.dispose()
    """

    RANK = 2


@register_layer("conv3d_transpose")
class Conv3DTranspose(_ConvTranspose):
    """Transposed 3-D convolution (``tf.conv3d_transpose``); kernel
    ``[kd, kh, kw, filters, in_channels]``.

    >>> import pytfjs as tf
    >>> layer = tf.layers.conv3d_transpose(filters=1, kernel_size=2, strides=2)
    >>> layer.apply(tf.ones([1, 1, 2, 2, 1])).shape
    (1, 2, 4, 4, 1)
    >>> layer.dispose()
    """

    RANK = 3


@register_layer("separable_conv2d")
class SeparableConv2D(_Conv):
    """Depthwise-separable 2-D convolution: a depthwise convolution (``depth_multiplier`` filters
    per input channel) then a 1x1 pointwise convolution to ``filters`` channels, bias and
    activation fused into the pointwise step (``tf.fused.conv2d``).

    Weights: ``depthwise_kernel [kh, kw, in, depth_multiplier]``,
    ``pointwise_kernel [1, 1, in * depth_multiplier, filters]``, ``bias [filters]``. Both kernels
    default to glorot uniform (TF.js). TF.js 4.22 initialises the pointwise kernel with
    ``depthwise_initializer`` and mis-adds the bias for ``channels_first``; pytfjs follows Keras.

    >>> import pytfjs as tf
    >>> layer = tf.layers.separable_conv2d(filters=4, kernel_size=3, padding="same")
    >>> layer.apply(tf.ones([1, 5, 5, 2])).shape
    (1, 5, 5, 4)
    >>> layer.dispose()
    """

    RANK = 2

    def __init__(self, filters: int, kernel_size: Any = None, depth_multiplier: int = 1,
                 depthwise_initializer: Any = None, pointwise_initializer: Any = None,
                 depthwise_regularizer: Any = None, pointwise_regularizer: Any = None,
                 depthwise_constraint: Any = None, pointwise_constraint: Any = None,
                 kernel_initializer: Any = None, kernel_regularizer: Any = None,
                 kernel_constraint: Any = None, **kwargs: Any) -> None:
        if kernel_initializer is not None or kernel_regularizer is not None or \
                kernel_constraint is not None:
            raise LayerError("Fields kernel_initializer, kernel_regularizer and kernel_constraint "
                             "are invalid for SeparableConv2D; use depthwise_* and pointwise_*")
        super().__init__(filters, kernel_size, **kwargs)
        self.depth_multiplier = 1 if depth_multiplier is None else int(depth_multiplier)
        if self.depth_multiplier < 1:
            raise LayerError(f"{self.class_name}: depth_multiplier must be >= 1, got {depth_multiplier}")
        self.depthwise_initializer = _init.get(depthwise_initializer if depthwise_initializer
                                               is not None else _glorot_uniform())
        self.pointwise_initializer = _init.get(pointwise_initializer if pointwise_initializer
                                               is not None else _glorot_uniform())
        self.depthwise_regularizer = _opt_reg(depthwise_regularizer)
        self.pointwise_regularizer = _opt_reg(pointwise_regularizer)
        self.depthwise_constraint = _opt_con(depthwise_constraint)
        self.pointwise_constraint = _opt_con(pointwise_constraint)

    def build(self, input_shape: Any) -> None:
        c = self._input_channels(input_shape)
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", [*self.kernel_size, c, self.depth_multiplier], "float32",
            self.depthwise_initializer, self.depthwise_regularizer, True, self.depthwise_constraint)
        self.pointwise_kernel = self.add_weight(
            "pointwise_kernel", [1, 1, c * self.depth_multiplier, self.filters], "float32",
            self.pointwise_initializer, self.pointwise_regularizer, True, self.pointwise_constraint)
        if self.use_bias:
            self.bias = self.add_weight("bias", [self.filters], "float32", self.bias_initializer,
                                        self.bias_regularizer, True, self.bias_constraint)
        self.built = True

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        first = self.data_format == "channels_first"
        x = _to_last(inputs, 2) if first else inputs
        d = tf.depthwise_conv2d(x, self.depthwise_kernel.read(), self.strides, self.padding,
                                "NHWC", self.dilation_rate)
        fused = _fused_name(self.activation)
        y = tf.fused.conv2d(x=d, filter=self.pointwise_kernel.read(), strides=1, pad="valid",
                            bias=self.bias.read() if self.bias is not None else None,
                            activation=fused or "linear")
        if fused is None:
            y = self.activation(y)
        return _to_first(y, 2) if first else y

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        for key in ("kernel_initializer", "kernel_regularizer", "kernel_constraint"):
            del config[key]
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "depthwise_initializer": _init.serialize(self.depthwise_initializer),
            "pointwise_initializer": _init.serialize(self.pointwise_initializer),
            "depthwise_regularizer": _reg.serialize(self.depthwise_regularizer),
            "pointwise_regularizer": _reg.serialize(self.pointwise_regularizer),
            "depthwise_constraint": _con.serialize(self.depthwise_constraint),
            "pointwise_constraint": _con.serialize(self.pointwise_constraint),
        })
        return config


@register_layer("depthwise_conv2d")
class DepthwiseConv2D(_BaseConv):
    """Depthwise 2-D convolution: each input channel is convolved with its own
    ``depth_multiplier`` filters (output channel ``c * depth_multiplier + m``), bias and
    activation fused through ``tf.fused.depthwise_conv2d``.

    Weights: ``depthwise_kernel [kh, kw, in, depth_multiplier]`` (glorot normal by default, as
    TF.js) and ``bias [in * depth_multiplier]``. TF.js 4.22 ignores ``dilation_rate`` and
    serialises ``depthwise_regularizer`` as ``depthwise_constraint``; pytfjs follows Keras.

    >>> import pytfjs as tf
    >>> layer = tf.layers.depthwise_conv2d(kernel_size=3, depth_multiplier=2)
    >>> layer.apply(tf.ones([1, 4, 4, 3])).shape
    (1, 2, 2, 6)
    >>> layer.dispose()
    """

    RANK = 2

    def __init__(self, kernel_size: Any = None, depth_multiplier: int = 1,
                 depthwise_initializer: Any = None, depthwise_regularizer: Any = None,
                 depthwise_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(kernel_size, **kwargs)
        self.depth_multiplier = 1 if depth_multiplier is None else int(depth_multiplier)
        if self.depth_multiplier < 1:
            raise LayerError(f"{self.class_name}: depth_multiplier must be >= 1, got {depth_multiplier}")
        self.depthwise_initializer = _init.get(depthwise_initializer if depthwise_initializer
                                               is not None else _glorot_normal())
        self.depthwise_regularizer = _opt_reg(depthwise_regularizer)
        self.depthwise_constraint = _opt_con(depthwise_constraint)

    def build(self, input_shape: Any) -> None:
        c = self._input_channels(input_shape)
        self.depthwise_kernel = self.add_weight(
            "depthwise_kernel", [*self.kernel_size, c, self.depth_multiplier], None,
            self.depthwise_initializer, self.depthwise_regularizer, True, self.depthwise_constraint)
        if self.use_bias:
            self.bias = self.add_weight("bias", [c * self.depth_multiplier], None,
                                        self.bias_initializer, self.bias_regularizer, True,
                                        self.bias_constraint)
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        c = input_shape[self._channel_axis]
        space = [conv_output_length(d, k, self.padding, s, r) for d, k, s, r in
                 zip(self._spatial(input_shape), self.kernel_size, self.strides, self.dilation_rate)]
        return self._assemble(input_shape[0], space, None if c is None else c * self.depth_multiplier)

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        fused = _fused_name(self.activation)
        y = tf.fused.depthwise_conv2d(
            x=inputs, filter=self.depthwise_kernel.read(), strides=self.strides, pad=self.padding,
            data_format="NCHW" if self.data_format == "channels_first" else "NHWC",
            dilations=self.dilation_rate,
            bias=self.bias.read() if self.bias is not None else None,
            activation=fused or "linear")
        return y if fused is not None else self.activation(y)

    def get_config(self) -> dict[str, Any]:
        config = {**self._base_config(), **Layer.get_config(self)}
        config.update({
            "depth_multiplier": self.depth_multiplier,
            "depthwise_initializer": _init.serialize(self.depthwise_initializer),
            "depthwise_regularizer": _reg.serialize(self.depthwise_regularizer),
            "depthwise_constraint": _con.serialize(self.depthwise_constraint),
        })
        return config


# ------------------------------------------------------------------------------ reshaping
def _pairs(value: Any, name: str, default: int) -> list[list[int]]:
    """``n``, ``[a, b]`` or ``[[top, bottom], [left, right]]`` as ``[[t, b], [l, r]]``."""
    if value is None:
        value = default
    if isinstance(value, int) and not isinstance(value, bool):
        return [[value, value], [value, value]]
    items = list(value)
    if len(items) != 2:
        raise LayerError(f"{name} expects an int, two ints or two pairs of ints, got {value!r}")
    if all(isinstance(v, int) and not isinstance(v, bool) for v in items):
        return [[items[0], items[0]], [items[1], items[1]]]
    out = []
    for pair in items:
        pair = list(pair)
        if len(pair) != 2 or not all(isinstance(v, int) and not isinstance(v, bool) for v in pair):
            raise LayerError(f"{name} expects pairs of two ints, got {value!r}")
        out.append(pair)
    return out


@register_layer("cropping2d")
class Cropping2D(Layer):
    """Crops rows and columns off images: ``cropping`` is an int (all four sides), ``[rows,
    cols]`` (symmetric) or ``[[top, bottom], [left, right]]``.

    >>> import pytfjs as tf
    >>> layer = tf.layers.cropping2d(cropping=[[1, 0], [0, 1]])
    >>> layer.apply(tf.ones([1, 3, 3, 2])).shape
    (1, 2, 2, 2)
    """

    def __init__(self, cropping: Any, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cropping = _pairs(cropping, "Cropping2D cropping", 0)
        if any(v < 0 for pair in self.cropping for v in pair):
            raise LayerError(f"Cropping2D: cropping must be non-negative, got {cropping!r}")
        self.data_format = normalize_data_format(data_format)

    def _axes(self) -> tuple[int, int]:
        return (2, 3) if self.data_format == "channels_first" else (1, 2)

    def compute_output_shape(self, input_shape: Any) -> Any:
        out = list(input_shape)
        for axis, (a, b) in zip(self._axes(), self.cropping):
            out[axis] = None if out[axis] is None else out[axis] - a - b
        return tuple(out)

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        if inputs.rank != 4:
            raise LayerError(f"{self.name}: Cropping2D expects rank-4 input, got {list(inputs.shape)}")
        begin, size = [0, 0, 0, 0], list(inputs.shape)
        for axis, (a, b) in zip(self._axes(), self.cropping):
            begin[axis] = a
            size[axis] = inputs.shape[axis] - a - b
            if size[axis] < 0:
                raise LayerError(f"{self.name}: cropping {self.cropping} exceeds input shape "
                                 f"{list(inputs.shape)}")
        return _tf().slice(inputs, begin, size)

    def get_config(self) -> dict[str, Any]:
        return {"cropping": [list(p) for p in self.cropping], "data_format": self.data_format,
                **super().get_config()}


@register_layer("zero_padding2d")
class ZeroPadding2D(Layer):
    """Pads images with zero rows and columns: ``padding`` is an int, ``[rows, cols]`` or
    ``[[top, bottom], [left, right]]`` (default 1 on every side).

    >>> import pytfjs as tf
    >>> tf.layers.zero_padding2d(padding=[1, 2]).apply(tf.ones([1, 2, 2, 1])).shape
    (1, 4, 6, 1)
    """

    def __init__(self, padding: Any = None, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.padding = _pairs(padding, "ZeroPadding2D padding", 1)
        if any(v < 0 for pair in self.padding for v in pair):
            raise LayerError(f"ZeroPadding2D: padding must be non-negative, got {padding!r}")
        self.data_format = normalize_data_format(data_format)

    def compute_output_shape(self, input_shape: Any) -> Any:
        out = list(input_shape)
        axes = (2, 3) if self.data_format == "channels_first" else (1, 2)
        for axis, (a, b) in zip(axes, self.padding):
            out[axis] = None if out[axis] is None else out[axis] + a + b
        return tuple(out)

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        if inputs.rank != 4:
            raise LayerError(f"{self.name}: ZeroPadding2D expects rank-4 input, got {list(inputs.shape)}")
        h, w = (list(p) for p in self.padding)
        pattern = [[0, 0], [0, 0], h, w] if self.data_format == "channels_first" else \
            [[0, 0], h, w, [0, 0]]
        return _tf().pad(inputs, pattern)

    def get_config(self) -> dict[str, Any]:
        return {"padding": [list(p) for p in self.padding], "data_format": self.data_format,
                **super().get_config()}


@register_layer("up_sampling2d")
class UpSampling2D(Layer):
    """Repeats rows and columns ``size`` times (default ``[2, 2]``): ``interpolation='nearest'``
    (``tf.image.resize_nearest_neighbor``) or ``'bilinear'`` (``tf.image.resize_bilinear``,
    ``align_corners=False``, ``half_pixel_centers=False`` as TF.js; Keras's TF backend samples
    at half-pixel centres, so bilinear results differ from Keras at the borders).

    >>> import pytfjs as tf
    >>> tf.layers.up_sampling2d(size=[2, 3]).apply(tf.ones([1, 2, 2, 1])).shape
    (1, 4, 6, 1)
    """

    def __init__(self, size: Any = None, data_format: str | None = None,
                 interpolation: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.size = normalize_tuple([2, 2] if size is None else size, 2, "size")
        if any(s < 1 for s in self.size):
            raise LayerError(f"UpSampling2D: size must be positive, got {size!r}")
        self.data_format = normalize_data_format(data_format)
        self.interpolation = "nearest" if interpolation is None else interpolation
        if self.interpolation not in ("nearest", "bilinear"):
            raise LayerError(f"UpSampling2D: interpolation must be 'nearest' or 'bilinear', "
                             f"got {interpolation!r}")

    def compute_output_shape(self, input_shape: Any) -> Any:
        out = list(input_shape)
        axes = (2, 3) if self.data_format == "channels_first" else (1, 2)
        for axis, s in zip(axes, self.size):
            out[axis] = None if out[axis] is None else out[axis] * s
        return tuple(out)

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        if inputs.rank != 4:
            raise LayerError(f"{self.name}: UpSampling2D expects rank-4 input, got {list(inputs.shape)}")
        first = self.data_format == "channels_first"
        x = _to_last(inputs, 2) if first else inputs
        size = [x.shape[1] * self.size[0], x.shape[2] * self.size[1]]
        resize = tf.image.resize_nearest_neighbor if self.interpolation == "nearest" \
            else tf.image.resize_bilinear
        y = resize(x, size)
        return _to_first(y, 2) if first else y

    def get_config(self) -> dict[str, Any]:
        return {"size": list(self.size), "data_format": self.data_format,
                "interpolation": self.interpolation, **super().get_config()}
