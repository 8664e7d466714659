"""Preprocessing layers: Rescaling, CenterCrop, Resizing, CategoryEncoding, RandomWidth,
RandomHeight (tfjs-layers ``layers/preprocessing/*`` semantics; images are
``[batch, height, width, channels]`` or ``[height, width, channels]``)."""
from __future__ import annotations

import random as _random
from typing import Any

from ..core.tensor import Tensor
from .engine import Layer, LayerError
from .serialization import register_layer


def _tf() -> Any:
    import pytfjs
    return pytfjs


_INTERPOLATIONS = ("bilinear", "nearest")


def _check_interpolation(interpolation: str) -> str:
    if interpolation not in _INTERPOLATIONS:
        raise LayerError(f"Invalid interpolation parameter: {interpolation} is not implemented")
    return interpolation


def _resize(tf: Any, images: Tensor, size: list[int], interpolation: str,
            half_pixel_centers: bool) -> Tensor:
    if interpolation == "bilinear":
        return tf.image.resize_bilinear(images, size, False, half_pixel_centers)
    return tf.image.resize_nearest_neighbor(images, size, False, half_pixel_centers)


def _image_rank(shape: Any, layer: str) -> int:
    if len(shape) not in (3, 4):
        raise LayerError(f"{layer}: expects images of rank 3 or 4 ([batch,] height, width, "
                         f"channels), got shape {list(shape)}")
    return len(shape)


@register_layer("rescaling")
class Rescaling(Layer):
    """``inputs * scale + offset`` as float32 (e.g. ``scale=1/255`` maps pixels to [0, 1]).

    >>> import pytfjs as tf
    >>> tf.layers.rescaling(scale=0.5, offset=1).apply(tf.tensor([2, 4], None, "int32")).to_list()
    [2.0, 3.0]
    """

    CLASS_NAME = "Rescaling"

    def __init__(self, scale: float | list, offset: float | list = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset or 0

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        x = inputs if inputs.dtype == "float32" else tf.cast(inputs, "float32")
        return tf.add(tf.mul(x, self.scale), self.offset)

    def get_config(self) -> dict[str, Any]:
        return {"scale": self.scale, "offset": self.offset, **super().get_config()}


@register_layer("center_crop")
class CenterCrop(Layer):
    """Crops the central ``height`` x ``width`` window of images (offsets
    ``(input - target) // 2``). If the image is smaller than the target in either dimension it
    is resized to the target instead (bilinear, as TF.js). The output keeps the input dtype.

    TF.js moves the window one pixel right when the widths differ by exactly one (a bug;
    pytfjs uses offset 0 there, as Keras).

    >>> import pytfjs as tf
    >>> x = tf.reshape(tf.range(0, 16), [4, 4, 1])
    >>> tf.layers.center_crop(height=2, width=2).apply(x).reshape([2, 2]).to_list()
    [[5.0, 6.0], [9.0, 10.0]]
    """

    CLASS_NAME = "CenterCrop"

    def __init__(self, height: int, width: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.height, self.width = int(height), int(width)

    def compute_output_shape(self, input_shape: Any) -> Any:
        _image_rank(input_shape, self.name)
        out = list(input_shape)
        out[-3], out[-2] = self.height, self.width
        return tuple(out)

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        rank = _image_rank(inputs.shape, self.name)
        ih, iw = inputs.shape[-3], inputs.shape[-2]
        dh, dw = ih - self.height, iw - self.width
        if dh >= 0 and dw >= 0:
            begin = [0] * rank
            size = [-1] * rank
            begin[-3], begin[-2] = dh // 2, dw // 2
            size[-3], size[-2] = self.height, self.width
            return tf.slice(inputs, begin, size)
        out = tf.image.resize_bilinear(inputs, [self.height, self.width])
        return out if out.dtype == inputs.dtype else tf.cast(out, inputs.dtype)

    def get_config(self) -> dict[str, Any]:
        return {"height": self.height, "width": self.width, **super().get_config()}

    def _output_dtype(self, inputs: list) -> str:
        return inputs[0].dtype


@register_layer("resizing")
class Resizing(Layer):
    """Resizes images to ``height`` x ``width`` with ``interpolation`` ``"bilinear"`` (default)
    or ``"nearest"``, using half-pixel centres as Keras's ``Resizing``. With
    ``crop_to_aspect_ratio`` the largest central window of the target aspect ratio is cropped
    first, so the image is not distorted.

    TF.js 4.22 passes ``!crop_to_aspect_ratio`` as ``align_corners`` (so it resizes with
    aligned corners by default and never crops); pytfjs follows Keras.

    >>> import pytfjs as tf
    >>> x = tf.reshape(tf.tensor([0.0, 1.0, 2.0, 3.0]), [1, 2, 2, 1])
    >>> tf.layers.resizing(height=1, width=1).apply(x).to_list()
    [[[[1.5]]]]
    """

    CLASS_NAME = "Resizing"

    def __init__(self, height: int, width: int, interpolation: str = "bilinear",
                 crop_to_aspect_ratio: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.height, self.width = int(height), int(width)
        self.interpolation = _check_interpolation(interpolation or "bilinear")
        self.crop_to_aspect_ratio = bool(crop_to_aspect_ratio)

    def compute_output_shape(self, input_shape: Any) -> Any:
        _image_rank(input_shape, self.name)
        out = list(input_shape)
        out[-3], out[-2] = self.height, self.width
        return tuple(out)

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        rank = _image_rank(inputs.shape, self.name)
        x = inputs
        if self.crop_to_aspect_ratio:
            ih, iw = x.shape[-3], x.shape[-2]
            ch = min(ih, int(iw * self.height / self.width))
            cw = min(iw, int(ih * self.width / self.height))
            begin, size = [0] * rank, [-1] * rank
            begin[-3], begin[-2] = (ih - ch) // 2, (iw - cw) // 2
            size[-3], size[-2] = ch, cw
            x = tf.slice(x, begin, size)
        return _resize(tf, x, [self.height, self.width], self.interpolation, True)

    def get_config(self) -> dict[str, Any]:
        return {"height": self.height, "width": self.width, "interpolation": self.interpolation,
                "crop_to_aspect_ratio": self.crop_to_aspect_ratio, **super().get_config()}


_MODES = {"multi_hot": "multi_hot", "multiHot": "multi_hot", "one_hot": "one_hot",
          "oneHot": "one_hot", "count": "count"}


@register_layer("category_encoding")
class CategoryEncoding(Layer):
    """Encodes integer ids in ``[0, num_tokens)`` as ``"multi_hot"`` (default: 1 for each id
    present in a sample), ``"one_hot"`` (one row per id) or ``"count"`` (occurrences, or the sum
    of ``count_weights`` passed to the call). Inputs are ``[batch]`` or ``[batch, ids]``.

    TF.js's camelCase spellings (``"multiHot"``, ``"oneHot"``) are accepted; configs use the
    snake_case form that TF.js writes in ``model.json``.

    >>> import pytfjs as tf
    >>> layer = tf.layers.category_encoding(num_tokens=4, output_mode="count")
    >>> layer.apply(tf.tensor([[0, 1, 1], [3, 3, 2]], None, "int32")).to_list()
    [[1.0, 2.0, 0.0, 0.0], [0.0, 0.0, 1.0, 2.0]]
    """

    CLASS_NAME = "CategoryEncoding"

    def __init__(self, num_tokens: int, output_mode: str = "multi_hot", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if output_mode not in _MODES:
            raise LayerError(f"CategoryEncoding: unknown output_mode {output_mode!r}; expected "
                             f"'multi_hot', 'one_hot' or 'count'")
        self.num_tokens = int(num_tokens)
        self.output_mode = _MODES[output_mode]

    def compute_output_shape(self, input_shape: Any) -> Any:
        shape = list(input_shape)
        if not shape:
            return (self.num_tokens,)
        if self.output_mode == "one_hot" and shape[-1] != 1:
            return tuple(shape) + (self.num_tokens,)
        shape[-1] = self.num_tokens
        return tuple(shape)

    def call(self, inputs: Tensor, count_weights: Any = None, **kwargs: Any) -> Tensor:
        tf = _tf()
        x = inputs if inputs.dtype == "int32" else tf.cast(inputs, "int32")
        if count_weights is not None and self.output_mode != "count":
            raise LayerError(f"count_weights is not used when output_mode != count. "
                             f"Received count_weights={count_weights}")
        if x.size:
            lo, hi = tf.min(x).item(), tf.max(x).item()
            if not (hi < self.num_tokens and lo >= 0):
                raise LayerError(f"Input values must be between 0 < values <= num_tokens with "
                                 f"num_tokens={self.num_tokens}")
        if x.rank == 0:
            x = tf.expand_dims(x, -1)
        if self.output_mode == "one_hot" and x.shape[-1] != 1:
            x = tf.expand_dims(x, -1)
        if x.rank > 2:
            raise LayerError(f"When output_mode is not int, maximum output rank is 2. Received "
                             f"output_mode {self.output_mode} and input shape {list(inputs.shape)} "
                             f"which would result in output rank {x.rank}.")
        if count_weights is not None:
            weights = count_weights if isinstance(count_weights, Tensor) else tf.tensor(count_weights)
            weights = tf.cast(weights, "float32")
        else:
            weights = tf.tensor([], None, "float32")
        return tf.dense_bincount(x, weights, self.num_tokens, self.output_mode != "count")

    def get_config(self) -> dict[str, Any]:
        return {"num_tokens": self.num_tokens, "output_mode": self.output_mode,
                **super().get_config()}

    def _output_dtype(self, inputs: list) -> str:
        return "float32"


class _RandomResize(Layer):
    """Base of RandomWidth / RandomHeight: resizes one image dimension by a random factor
    drawn from ``[1 + lower, 1 + upper]`` (``factor`` = ``f`` means ``(-f, f)``)."""

    _dim = "width"

    def __init__(self, factor: float | list, interpolation: str = "bilinear",
                 seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(factor, (list, tuple)) and len(factor) == 2:
            lower, upper = float(factor[0]), float(factor[1])
            factor = list(factor)
        elif not isinstance(factor, (list, tuple)) and factor is not None and factor > 0:
            lower, upper = -float(factor), float(factor)
        else:
            raise LayerError(f"Invalid factor: {factor}. Must be positive number or tuple of 2 numbers")
        if lower < -1.0 or upper < -1.0:
            raise LayerError(f"factor must have values larger than -1. Got: {factor}")
        if upper < lower:
            raise LayerError(f"factor cannot have upper bound less than lower bound. Got upper "
                             f"bound: {upper}. Got lower bound: {lower}")
        self.factor = factor
        self.lower, self.upper = lower, upper
        self.interpolation = _check_interpolation(interpolation or "bilinear")
        self.seed = seed
        self._rng = _random.Random(seed)

    def compute_output_shape(self, input_shape: Any) -> Any:
        _image_rank(input_shape, self.name)
        out = list(input_shape)
        out[-2 if self._dim == "width" else -3] = None
        return tuple(out)

    def call(self, inputs: Tensor, training: bool | None = None, **kwargs: Any) -> Tensor:
        _image_rank(inputs.shape, self.name)
        if training is False:
            return inputs
        tf = _tf()
        h, w = inputs.shape[-3], inputs.shape[-2]
        f = self._rng.uniform(1.0 + self.lower, 1.0 + self.upper)
        if self._dim == "width":
            size = [h, max(1, round(f * w))]
        else:
            size = [max(1, round(f * h)), w]
        return _resize(tf, inputs, size, self.interpolation, False)

    def get_config(self) -> dict[str, Any]:
        return {"factor": self.factor, "interpolation": self.interpolation, "seed": self.seed,
                **super().get_config()}


@register_layer("random_width")
class RandomWidth(_RandomResize):
    """Randomly rescales the image width by a factor in ``[1 + lower, 1 + upper]`` (height
    kept), as data augmentation. Applied when the call is not ``training=False`` (Keras; TF.js
    applies it even at inference). The output width is unknown (``None``) in symbolic shapes.

    >>> import pytfjs as tf
    >>> layer = tf.layers.random_width(factor=[0.5, 0.5])
    >>> layer.apply(tf.ones([1, 2, 4, 1])).shape
    (1, 2, 6, 1)
    """

    CLASS_NAME = "RandomWidth"
    _dim = "width"


@register_layer("random_height")
class RandomHeight(_RandomResize):
    """Randomly rescales the image height by a factor in ``[1 + lower, 1 + upper]`` (width
    kept); see :class:`RandomWidth`. (TF.js 4.22 has the class but no ``tf.layers`` factory.)

    >>> import pytfjs as tf
    >>> tf.layers.random_height(factor=[-0.5, -0.5]).apply(tf.ones([1, 4, 2, 1])).shape
    (1, 2, 2, 1)
    """

    CLASS_NAME = "RandomHeight"
    _dim = "height"
