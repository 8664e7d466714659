"""Advanced activation layers: ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax
(tfjs-layers ``layers/advanced_activations.ts`` semantics).

Factory names follow the snake_case rule with acronyms kept whole (``leakyReLU`` ->
``leaky_relu``); the spelling TF.js uses for default layer names (``leaky_re_lu``) is an alias.
"""
from __future__ import annotations

from typing import Any

from ..core.tensor import Tensor
from . import constraints as _con
from . import initializers as _init
from . import regularizers as _reg
from .engine import Layer, LayerError
from .serialization import FACTORIES, register_layer


def _tf() -> Any:
    import pytfjs
    return pytfjs


def _alias(name: str, primary: str) -> None:
    FACTORIES[name] = FACTORIES[primary]


@register_layer("relu")
class ReLU(Layer):
    """Rectified linear unit ``max(x, 0)``, optionally capped at ``max_value``.

    Keras's ``negative_slope`` and ``threshold`` are accepted too (and written to the config
    only when they are not their defaults, so TF.js-style configs keep TF.js's keys).

    >>> import pytfjs as tf
    >>> layer = tf.layers.relu(max_value=2)
    >>> layer.apply(tf.tensor([-1.0, 1.0, 3.0])).to_list()
    [0.0, 1.0, 2.0]
    """

    CLASS_NAME = "ReLU"

    def __init__(self, max_value: float | None = None, negative_slope: float = 0.0,
                 threshold: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if max_value is not None and max_value < 0:
            raise LayerError(f"ReLU: max_value must be >= 0, got {max_value}")
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold
        self.supports_masking = True

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        if self.negative_slope == 0 and self.threshold == 0:
            out = tf.relu(inputs) if self.max_value != 6 else tf.relu6(inputs)
            if self.max_value is not None and self.max_value != 6:
                out = tf.clip_by_value(out, 0, self.max_value)
            return out
        # Keras: x >= threshold -> x (capped); below -> negative_slope * (x - threshold).
        below = tf.mul(tf.sub(inputs, self.threshold), self.negative_slope)
        above = inputs if self.max_value is None else tf.minimum(inputs, self.max_value)
        return tf.where(tf.greater_equal(inputs, self.threshold), above, below)

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"max_value": self.max_value}
        if self.negative_slope != 0:
            config["negative_slope"] = self.negative_slope
        if self.threshold != 0:
            config["threshold"] = self.threshold
        return {**config, **super().get_config()}


@register_layer("leaky_relu")
class LeakyReLU(Layer):
    """``x`` for ``x > 0``, ``alpha * x`` otherwise. TF.js's default ``alpha`` is 0.3 (as
    Keras 2; Keras 3's ``negative_slope`` defaults to 0.3 too and is accepted as an alias).

    >>> import pytfjs as tf
    >>> [round(v, 4) for v in tf.layers.leaky_relu().apply(tf.tensor([-1.0, 2.0])).to_list()]
    [-0.3, 2.0]
    """

    CLASS_NAME = "LeakyReLU"

    def __init__(self, alpha: float | None = None, negative_slope: float | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.alpha = alpha if alpha is not None else (negative_slope if negative_slope is not None else 0.3)
        self.supports_masking = True

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        return _tf().leaky_relu(inputs, self.alpha)

    def get_config(self) -> dict[str, Any]:
        return {"alpha": self.alpha, **super().get_config()}


@register_layer("prelu")
class PReLU(Layer):
    """Parametric ReLU: ``x`` for ``x > 0``, ``alpha * x`` otherwise, with a learned ``alpha``
    of the input's shape without the batch (``alpha_initializer`` defaults to zeros). Axes in
    ``shared_axes`` (1-based, batch excluded) share one ``alpha``.

    >>> import pytfjs as tf
    >>> layer = tf.layers.prelu(alpha_initializer="ones")
    >>> layer.apply(tf.tensor([[-2.0, 3.0]])).to_list()
    [[-2.0, 3.0]]
    >>> layer.dispose()
    """

    CLASS_NAME = "PReLU"

    def __init__(self, alpha_initializer: Any = "zeros", alpha_regularizer: Any = None,
                 alpha_constraint: Any = None, shared_axes: int | list | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.alpha_initializer = _init.get(alpha_initializer or "zeros")
        self.alpha_regularizer = None if alpha_regularizer is None else _reg.get(alpha_regularizer)
        self.alpha_constraint = None if alpha_constraint is None else _con.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes: list | None = None
        elif isinstance(shared_axes, (list, tuple)):
            self.shared_axes = [int(a) for a in shared_axes]
        elif isinstance(shared_axes, int):
            self.shared_axes = [shared_axes]
        else:
            raise LayerError(f"Expected shared_axes to be a number or an array of numbers, but got {shared_axes!r}")
        self.supports_masking = True
        self.alpha = None

    def build(self, input_shape: Any) -> None:
        param_shape = list(input_shape[1:])
        for a in self.shared_axes or []:
            if not 1 <= a <= len(param_shape):
                raise LayerError(f"{self.name}: shared axis {a} is out of range for input {list(input_shape)}")
            param_shape[a - 1] = 1
        if any(d is None for d in param_shape):
            raise LayerError(f"{self.name}: PReLU needs known non-batch dimensions (or shared_axes "
                             f"over the unknown ones), got {list(input_shape)}")
        self.alpha = self.add_weight("alpha", param_shape, "float32", self.alpha_initializer,
                                     self.alpha_regularizer, True, self.alpha_constraint)
        self.built = True

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        return _tf().prelu(inputs, self.alpha.read())

    def get_config(self) -> dict[str, Any]:
        return {"alpha_initializer": _init.serialize(self.alpha_initializer),
                "alpha_regularizer": _reg.serialize(self.alpha_regularizer),
                "alpha_constraint": _con.serialize(self.alpha_constraint),
                "shared_axes": None if self.shared_axes is None else list(self.shared_axes),
                **super().get_config()}


@register_layer("elu")
class ELU(Layer):
    """Exponential linear unit: ``x`` for ``x > 0``, ``alpha * (exp(x) - 1)`` otherwise
    (``alpha`` defaults to 1; TF.js rejects other values, pytfjs computes them as Keras).

    >>> import pytfjs as tf
    >>> [round(v, 4) for v in tf.layers.elu().apply(tf.tensor([-1.0, 2.0])).to_list()]
    [-0.6321, 2.0]
    """

    CLASS_NAME = "ELU"

    def __init__(self, alpha: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.alpha = alpha
        self.supports_masking = True

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        out = tf.elu(inputs)
        if self.alpha == 1:
            return out
        return tf.add(tf.relu(inputs), tf.mul(tf.minimum(out, 0), self.alpha))

    def get_config(self) -> dict[str, Any]:
        return {"alpha": self.alpha, **super().get_config()}


@register_layer("thresholded_relu")
class ThresholdedReLU(Layer):
    """``x`` where ``x > theta`` (default 1), 0 elsewhere.

    >>> import pytfjs as tf
    >>> tf.layers.thresholded_relu(theta=0.5).apply(tf.tensor([0.2, 0.7])).to_list()
    [0.0, 0.699999988079071]
    """

    CLASS_NAME = "ThresholdedReLU"

    def __init__(self, theta: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if theta is None or theta < 0:
            raise LayerError(f"ThresholdedReLU: theta must be a non-negative number, got {theta!r}")
        self.theta = theta
        self.supports_masking = True

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        return tf.mul(inputs, tf.cast(tf.greater(inputs, self.theta), inputs.dtype))

    def get_config(self) -> dict[str, Any]:
        return {"theta": self.theta, **super().get_config()}


@register_layer("softmax")
class Softmax(Layer):
    """Softmax over ``axis`` (an int or a list of ints). TF.js's default axis is **1** (Keras:
    -1); they agree for rank-2 inputs. Unlike TF.js, any axis works (TF.js only supports the
    last). A ``mask`` (true = keep) adds -1e9 to masked logits before the softmax.

    >>> import pytfjs as tf
    >>> [round(v, 4) for v in tf.layers.softmax().apply(tf.tensor([[0.0, 1.0]])).to_list()[0]]
    [0.2689, 0.7311]
    """

    CLASS_NAME = "Softmax"

    def __init__(self, axis: int | list = 1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self.supports_masking = True

    def call(self, inputs: Tensor, mask: Any = None, **kwargs: Any) -> Tensor:
        tf = _tf()
        x = inputs
        if mask is not None:
            x = tf.add(x, tf.mul(tf.sub(1.0, tf.cast(mask, x.dtype)), -1e9))
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        axes = [a + x.rank if a < 0 else a for a in axes]
        if len(axes) == 1 and axes[0] == x.rank - 1:
            return tf.softmax(x, -1)
        return tf.exp(tf.sub(x, tf.log_sum_exp(x, axes, True)))

    def get_config(self) -> dict[str, Any]:
        return {"axis": list(self.axis) if isinstance(self.axis, list) else self.axis,
                **super().get_config()}


# The spellings of TF.js's own default layer names (``re_lu_ReLU1``) and Keras's snake names.
for _name, _primary in (("re_lu", "relu"), ("leaky_re_lu", "leaky_relu"), ("p_re_lu", "prelu"),
                        ("thresholded_re_lu", "thresholded_relu")):
    _alias(_name, _primary)
