"""Pooling layers (TF.js ``tfjs-layers`` ``pooling.ts``): MaxPooling1D/2D/3D,
AveragePooling1D/2D/3D, GlobalAveragePooling1D/2D and GlobalMaxPooling1D/2D, built on
``tf.max_pool``, ``tf.avg_pool``, ``tf.max_pool3d``, ``tf.avg_pool3d``, ``tf.mean`` and ``tf.max``.

As TF.js: ``pool_size`` defaults to 2 in every dimension, ``strides`` default to ``pool_size``,
``padding`` to ``'valid'``; 1-D pooling and global 1-D pooling write no ``data_format`` key (a
Keras ``channels_first`` value is accepted and written only when used); there are no global 3-D
pooling layers in TF.js. TF.js's aliases are registered too (``max_pool1d``, ``max_pool2d``,
``avg_pool1d``/``avg_pooling1d``, ..., ``global_max_pool1d``, ``global_max_pool2d``).
"""
from __future__ import annotations

from typing import Any

from ..core.tensor import Tensor
from .convolutional import (
    conv_output_length,
    normalize_data_format,
    normalize_padding,
    normalize_tuple,
    tidy_call,
)
from .engine import Layer, LayerError
from .serialization import register_layer


def _tf() -> Any:
    import pytfjs
    return pytfjs


def _aliases(*names: str) -> Any:
    """Registers extra ``tf.layers`` factory names (TF.js aliases) for a class."""
    def deco(cls: type) -> type:
        for name in names:
            register_layer(name)(cls)
        return cls
    return deco


class _Pooling(Layer):
    """N-D max/average pooling over the spatial axes (``RANK`` of them)."""

    RANK = 2
    MODE = "max"
    WRITES_DATA_FORMAT = True

    def __init__(self, pool_size: Any = None, strides: Any = None, padding: str = "valid",
                 data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        n = self.RANK
        self.pool_size = normalize_tuple(2 if pool_size is None else pool_size, n, "pool_size")
        self.strides = list(self.pool_size) if strides is None else \
            normalize_tuple(strides, n, "strides")
        if any(v < 1 for v in self.pool_size + self.strides):
            raise LayerError(f"{self.class_name}: pool_size and strides must be positive integers, "
                             f"got {self.pool_size} and {self.strides}")
        self.padding = normalize_padding(padding)
        self.data_format = normalize_data_format(data_format)

    def _spatial_axes(self) -> list[int]:
        start = 2 if self.data_format == "channels_first" else 1
        return list(range(start, start + self.RANK))

    def compute_output_shape(self, input_shape: Any) -> Any:
        if len(input_shape) != self.RANK + 2:
            raise LayerError(f"{self.name}: {self.class_name} expects inputs of rank "
                             f"{self.RANK + 2}, got shape {list(input_shape)}")
        out = list(input_shape)
        for axis, k, s in zip(self._spatial_axes(), self.pool_size, self.strides):
            out[axis] = conv_output_length(out[axis], k, self.padding, s)
        return tuple(out)

    def _pool(self, x: Tensor) -> Tensor:
        """Pools a channels-last tensor with RANK spatial dims."""
        tf = _tf()
        n = self.RANK
        if n == 1:
            y = self._pool_op(2)(tf.expand_dims(x, 2), [self.pool_size[0], 1],
                                 [self.strides[0], 1], self.padding)
            return tf.squeeze(y, [2])
        return self._pool_op(n)(x, self.pool_size, self.strides, self.padding)

    def _pool_op(self, n: int) -> Any:
        tf = _tf()
        if n == 2:
            return tf.max_pool if self.MODE == "max" else tf.avg_pool
        return tf.max_pool3d if self.MODE == "max" else tf.avg_pool3d

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        n = self.RANK
        if inputs.rank != n + 2:
            raise LayerError(f"{self.name}: {self.class_name} expects rank-{n + 2} input, "
                             f"got {list(inputs.shape)}")
        if self.data_format == "channels_first":
            x = tf.transpose(inputs, [0, *range(2, n + 2), 1])
            return tf.transpose(self._pool(x), [0, n + 1, *range(1, n + 1)])
        return self._pool(inputs)

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"pool_size": list(self.pool_size), "padding": self.padding,
                                  "strides": list(self.strides)}
        if self.WRITES_DATA_FORMAT or self.data_format != "channels_last":
            config["data_format"] = self.data_format
        config.update(super().get_config())
        return config


@_aliases("max_pool1d")
@register_layer("max_pooling1d")
class MaxPooling1D(_Pooling):
    """Max pooling over the steps of ``[batch, steps, channels]`` inputs (``pool_size`` 2 and
    ``strides = pool_size`` by default). Alias ``tf.layers.max_pool1d``.

    >>> import pytfjs as tf
    >>> tf.layers.max_pooling1d().apply(tf.tensor([[[1.0], [3.0], [2.0], [0.0]]])).to_list()
    [[[3.0], [2.0]]]
    """

    RANK, MODE, WRITES_DATA_FORMAT = 1, "max", False


@_aliases("avg_pool1d", "avg_pooling1d")
@register_layer("average_pooling1d")
class AveragePooling1D(_Pooling):
    """Average pooling over the steps of ``[batch, steps, channels]`` inputs. Aliases
    ``tf.layers.avg_pool1d``, ``tf.layers.avg_pooling1d``.

    >>> import pytfjs as tf
    >>> tf.layers.average_pooling1d().apply(tf.tensor([[[1.0], [3.0], [2.0], [0.0]]])).to_list()
    [[[2.0], [1.0]]]
    """

    RANK, MODE, WRITES_DATA_FORMAT = 1, "avg", False


@_aliases("max_pool2d")
@register_layer("max_pooling2d")
class MaxPooling2D(_Pooling):
    """2-D max pooling over images (``tf.max_pool``); ``channels_first`` inputs are transposed.
    Alias ``tf.layers.max_pool2d``.

    >>> import pytfjs as tf
    >>> tf.layers.max_pooling2d(pool_size=2).apply(tf.ones([1, 4, 4, 3])).shape
    (1, 2, 2, 3)
    """

    RANK, MODE = 2, "max"


@_aliases("avg_pool2d", "avg_pooling2d")
@register_layer("average_pooling2d")
class AveragePooling2D(_Pooling):
    """2-D average pooling over images (``tf.avg_pool``; ``'same'`` windows average only the
    in-bounds values). Aliases ``tf.layers.avg_pool2d``, ``tf.layers.avg_pooling2d``.

    >>> import pytfjs as tf
    >>> tf.layers.average_pooling2d(pool_size=2).apply(tf.ones([1, 4, 4, 3])).shape
    (1, 2, 2, 3)
    """

    RANK, MODE = 2, "avg"


@register_layer("max_pooling3d")
class MaxPooling3D(_Pooling):
    """3-D max pooling over volumes (``tf.max_pool3d``).

    >>> import pytfjs as tf
    >>> tf.layers.max_pooling3d().apply(tf.ones([1, 4, 4, 4, 2])).shape
    (1, 2, 2, 2, 2)
    """

    RANK, MODE = 3, "max"


@_aliases("avg_pool3d", "avg_pooling3d")
@register_layer("average_pooling3d")
class AveragePooling3D(_Pooling):
    """3-D average pooling over volumes (``tf.avg_pool3d``). Aliases ``tf.layers.avg_pool3d``,
    ``tf.layers.avg_pooling3d``.

    >>> import pytfjs as tf
    >>> tf.layers.average_pooling3d().apply(tf.ones([1, 4, 4, 4, 2])).shape
    (1, 2, 2, 2, 2)
    """

    RANK, MODE = 3, "avg"


# ------------------------------------------------------------------------------ global pooling
class _GlobalPooling(Layer):
    """Reduces every spatial axis (``RANK`` of them) with ``tf.mean`` or ``tf.max``."""

    RANK = 2
    MODE = "avg"
    WRITES_DATA_FORMAT = True

    def __init__(self, data_format: str | None = None, keepdims: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = normalize_data_format(data_format)
        self.keepdims = bool(keepdims)

    def _axes(self) -> list[int]:
        start = 2 if self.data_format == "channels_first" else 1
        return list(range(start, start + self.RANK))

    def compute_output_shape(self, input_shape: Any) -> Any:
        if len(input_shape) != self.RANK + 2:
            raise LayerError(f"{self.name}: {self.class_name} expects inputs of rank "
                             f"{self.RANK + 2}, got shape {list(input_shape)}")
        axes = self._axes()
        if self.keepdims:
            return tuple(1 if i in axes else d for i, d in enumerate(input_shape))
        return tuple(d for i, d in enumerate(input_shape) if i not in axes)

    @tidy_call
    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        if inputs.rank != self.RANK + 2:
            raise LayerError(f"{self.name}: {self.class_name} expects rank-{self.RANK + 2} "
                             f"input, got {list(inputs.shape)}")
        reduce = tf.mean if self.MODE == "avg" else tf.max
        return reduce(inputs, self._axes(), self.keepdims)

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {}
        if self.WRITES_DATA_FORMAT or self.data_format != "channels_last":
            config["data_format"] = self.data_format
        if self.keepdims:  # Keras only; TF.js has no keepdims
            config["keepdims"] = True
        config.update(super().get_config())
        return config


@register_layer("global_average_pooling1d")
class GlobalAveragePooling1D(_GlobalPooling):
    """Averages ``[batch, steps, channels]`` over the steps -> ``[batch, channels]``. With a
    mask (e.g. from ``Embedding(mask_zero=True)``) only unmasked steps are averaged (Keras; TF.js
    rejects masks here).

    >>> import pytfjs as tf
    >>> tf.layers.global_average_pooling1d().apply(tf.tensor([[[1.0], [3.0]]])).to_list()
    [[2.0]]
    """

    RANK, MODE, WRITES_DATA_FORMAT = 1, "avg", False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        return None

    @tidy_call
    def call(self, inputs: Tensor, mask: Any = None, **kwargs: Any) -> Tensor:
        if mask is None:
            return super().call(inputs)
        tf = _tf()
        axis = self._axes()[0]
        channel_axis = 1 if self.data_format == "channels_first" else 2
        m = tf.expand_dims(tf.cast(mask, inputs.dtype), channel_axis)
        total = tf.sum(tf.mul(inputs, m), axis, self.keepdims)
        count = tf.sum(m, axis, self.keepdims)
        return tf.div(total, count)


@_aliases("global_max_pool1d")
@register_layer("global_max_pooling1d")
class GlobalMaxPooling1D(_GlobalPooling):
    """Max over the steps of ``[batch, steps, channels]`` -> ``[batch, channels]``. Alias
    ``tf.layers.global_max_pool1d``.

    >>> import pytfjs as tf
    >>> tf.layers.global_max_pooling1d().apply(tf.tensor([[[1.0], [3.0]]])).to_list()
    [[3.0]]
    """

    RANK, MODE, WRITES_DATA_FORMAT = 1, "max", False


@register_layer("global_average_pooling2d")
class GlobalAveragePooling2D(_GlobalPooling):
    """Averages images over rows and columns -> ``[batch, channels]``.

    >>> import pytfjs as tf
    >>> tf.layers.global_average_pooling2d().apply(tf.ones([2, 3, 3, 4])).shape
    (2, 4)
    """

    RANK, MODE = 2, "avg"


@_aliases("global_max_pool2d")
@register_layer("global_max_pooling2d")
class GlobalMaxPooling2D(_GlobalPooling):
    """Max over rows and columns of images -> ``[batch, channels]``. Alias
    ``tf.layers.global_max_pool2d``.

    >>> import pytfjs as tf
    >>> tf.layers.global_max_pooling2d(data_format="channels_first").apply(tf.ones([2, 4, 3, 3])).shape
    (2, 4)
    """

    RANK, MODE = 2, "max"
