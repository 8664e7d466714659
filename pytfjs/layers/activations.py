"""Activation functions by their Keras/TF.js names."""
from __future__ import annotations

import math
from typing import Any, Callable

from ..core.tensor import Tensor


def _tf() -> Any:
    import pytfjs
    return pytfjs


def linear(x: Tensor) -> Tensor:
    return x


def relu(x: Tensor) -> Tensor:
    return _tf().relu(x)


def relu6(x: Tensor) -> Tensor:
    return _tf().relu6(x)


def elu(x: Tensor, alpha: float = 1.0) -> Tensor:
    tf = _tf()
    return tf.elu(x) if alpha == 1.0 else tf.where(tf.greater(x, 0), x, tf.mul(tf.expm1(x), alpha))


def selu(x: Tensor) -> Tensor:
    return _tf().selu(x)


def sigmoid(x: Tensor) -> Tensor:
    return _tf().sigmoid(x)


def hard_sigmoid(x: Tensor) -> Tensor:
    tf = _tf()
    return tf.clip_by_value(tf.add(tf.mul(x, 0.2), 0.5), 0.0, 1.0)


def tanh(x: Tensor) -> Tensor:
    return _tf().tanh(x)


def softplus(x: Tensor) -> Tensor:
    return _tf().softplus(x)


def softsign(x: Tensor) -> Tensor:
    tf = _tf()
    return tf.div(x, tf.add(tf.abs(x), 1.0))


def softmax(x: Tensor, axis: int = -1) -> Tensor:
    return _tf().softmax(x, axis)


def log_softmax(x: Tensor, axis: int = -1) -> Tensor:
    return _tf().log_softmax(x, axis)


def swish(x: Tensor, alpha: float = 1.0) -> Tensor:
    tf = _tf()
    return tf.mul(x, tf.sigmoid(tf.mul(x, alpha)))


def mish(x: Tensor) -> Tensor:
    tf = _tf()
    return tf.mul(x, tf.tanh(tf.softplus(x)))


def gelu(x: Tensor) -> Tensor:
    """Exact GELU: ``0.5 x (1 + erf(x / sqrt 2))``."""
    tf = _tf()
    return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.div(x, math.sqrt(2.0))), 1.0))


def gelu_new(x: Tensor) -> Tensor:
    """The tanh approximation of GELU."""
    tf = _tf()
    inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3.0), 0.044715)), math.sqrt(2.0 / math.pi))
    return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1.0))


ACTIVATIONS: dict[str, Callable[..., Tensor]] = {
    "linear": linear, "relu": relu, "relu6": relu6, "elu": elu, "selu": selu,
    "sigmoid": sigmoid, "hard_sigmoid": hard_sigmoid, "tanh": tanh, "softplus": softplus,
    "softsign": softsign, "softmax": softmax, "log_softmax": log_softmax, "swish": swish,
    "mish": mish, "gelu": gelu, "gelu_new": gelu_new,
}
_ALIASES = {"hardSigmoid": "hard_sigmoid", "logSoftmax": "log_softmax", "geluNew": "gelu_new",
            None: "linear"}


def get(identifier: Any) -> Callable[..., Tensor]:
    """An activation function from its name (Keras or TF.js spelling) or a callable."""
    if callable(identifier):
        return identifier
    name = _ALIASES.get(identifier, identifier)
    if name not in ACTIVATIONS:
        raise ValueError(f"Unknown activation: {identifier!r} (known: {', '.join(ACTIVATIONS)})")
    return ACTIVATIONS[name]


def serialize(fn: Callable[..., Tensor]) -> str:
    for name, f in ACTIVATIONS.items():
        if f is fn:
            return name
    raise ValueError(f"Cannot serialize custom activation {fn!r}; register it by name")
