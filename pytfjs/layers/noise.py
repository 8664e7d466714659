"""Noise layers: GaussianNoise, GaussianDropout, AlphaDropout (tfjs-layers
``layers/noise.ts``). Each is the identity unless called with ``training=True`` (as ``fit``
does); they regularise and carry no weights."""
from __future__ import annotations

import math
from typing import Any

from ..core.tensor import Tensor
from .engine import Layer, LayerError
from .serialization import register_layer


def _tf() -> Any:
    import pytfjs
    return pytfjs


@register_layer("gaussian_noise")
class GaussianNoise(Layer):
    """Adds zero-centred Gaussian noise of standard deviation ``stddev`` in training.

    >>> import pytfjs as tf
    >>> layer = tf.layers.gaussian_noise(stddev=1.0)
    >>> layer.apply(tf.tensor([1.0, 2.0])).to_list()          # inference: identity
    [1.0, 2.0]
    """

    CLASS_NAME = "GaussianNoise"

    def __init__(self, stddev: float, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stddev = stddev
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs: Tensor, training: bool | None = None, **kwargs: Any) -> Tensor:
        if not training:
            return inputs
        tf = _tf()
        return tf.add(inputs, tf.random_normal(list(inputs.shape), 0, self.stddev, inputs.dtype, self.seed))

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"stddev": self.stddev}
        if self.seed is not None:  # Keras's key; TF.js has no seed
            config["seed"] = self.seed
        return {**config, **super().get_config()}


@register_layer("gaussian_dropout")
class GaussianDropout(Layer):
    """Multiplies inputs by Gaussian noise of mean 1 and standard deviation
    ``sqrt(rate / (1 - rate))`` in training (for ``0 < rate < 1``).

    >>> import pytfjs as tf
    >>> tf.layers.gaussian_dropout(rate=0.5).apply(tf.tensor([3.0])).to_list()
    [3.0]
    """

    CLASS_NAME = "GaussianDropout"

    def __init__(self, rate: float, seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise LayerError(f"GaussianDropout: rate must be in [0, 1], got {rate}")
        self.rate = rate
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs: Tensor, training: bool | None = None, **kwargs: Any) -> Tensor:
        if not training or not 0 < self.rate < 1:
            return inputs
        tf = _tf()
        stddev = math.sqrt(self.rate / (1 - self.rate))
        return tf.mul(inputs, tf.random_normal(list(inputs.shape), 1, stddev, inputs.dtype, self.seed))

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"rate": self.rate}
        if self.seed is not None:
            config["seed"] = self.seed
        return {**config, **super().get_config()}


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


@register_layer("alpha_dropout")
class AlphaDropout(Layer):
    """Dropout for self-normalizing (SELU) networks: dropped units are set to SELU's negative
    saturation ``-alpha * scale`` and an affine correction keeps the mean and variance, in
    training only (``0 < rate < 1``).

    TF.js 4.22 sets dropped units to ``+alpha * scale`` (a sign error); pytfjs follows Keras.
    TF.js's config writes only ``rate``; ``noise_shape`` and ``seed`` are written when set.

    >>> import pytfjs as tf
    >>> tf.layers.alpha_dropout(rate=0.2).apply(tf.tensor([1.0])).to_list()
    [1.0]
    """

    CLASS_NAME = "AlphaDropout"

    def __init__(self, rate: float, noise_shape: Any = None, seed: int | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise LayerError(f"AlphaDropout: rate must be in [0, 1], got {rate}")
        self.rate = rate
        self.noise_shape = None if noise_shape is None else list(noise_shape)
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs: Tensor, training: bool | None = None, **kwargs: Any) -> Tensor:
        if not training or not 0 < self.rate < 1:
            return inputs
        tf = _tf()
        shape = list(inputs.shape) if self.noise_shape is None else \
            [s if d is None else d for d, s in zip(self.noise_shape, inputs.shape)]
        alpha_p = -_SELU_ALPHA * _SELU_SCALE
        kept = tf.cast(tf.greater_equal(tf.random_uniform(shape, 0, 1, "float32", self.seed), self.rate),
                       inputs.dtype)
        a = ((1 - self.rate) * (1 + self.rate * alpha_p ** 2)) ** -0.5
        b = -a * alpha_p * self.rate
        x = tf.add(tf.mul(inputs, kept), tf.mul(tf.sub(1.0, kept), alpha_p))
        return tf.add(tf.mul(x, a), b)

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"rate": self.rate}
        if self.noise_shape is not None:
            config["noise_shape"] = list(self.noise_shape)
        if self.seed is not None:
            config["seed"] = self.seed
        return {**config, **super().get_config()}
