"""Layer losses (the 15 of tfjs-layers ``losses.ts``), per sample: each returns a tensor of
shape ``y_true.shape[:-1]`` that training averages (with sample weights) over the batch."""
from __future__ import annotations

import math
from typing import Any, Callable

from ..core.tensor import Tensor

EPSILON = 1e-7


def _tf() -> Any:
    import pytfjs
    return pytfjs


def mean_squared_error(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    return tf.mean(tf.square(tf.sub(y_pred, y_true)), -1)


def mean_absolute_error(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    return tf.mean(tf.abs(tf.sub(y_pred, y_true)), -1)


def mean_absolute_percentage_error(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    diff = tf.sub(y_true, y_pred)
    clipped = tf.clip_by_value(tf.abs(y_true), EPSILON, math.inf)
    return tf.mul(tf.mean(tf.abs(tf.div(diff, clipped)), -1), 100.0)


def mean_squared_logarithmic_error(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    a = tf.log1p(tf.clip_by_value(y_pred, EPSILON, math.inf))
    b = tf.log1p(tf.clip_by_value(y_true, EPSILON, math.inf))
    return tf.mean(tf.square(tf.sub(a, b)), -1)


def squared_hinge(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    return tf.mean(tf.square(tf.relu(tf.sub(1.0, tf.mul(y_true, y_pred)))), -1)


def hinge(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    return tf.mean(tf.relu(tf.sub(1.0, tf.mul(y_true, y_pred))), -1)


def categorical_hinge(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    pos = tf.sum(tf.mul(y_true, y_pred), -1)
    neg = tf.max(tf.mul(tf.sub(1.0, y_true), y_pred), -1)
    return tf.maximum(0.0, tf.add(tf.sub(neg, pos), 1.0))


def logcosh(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    x = tf.sub(y_pred, y_true)
    return tf.mean(tf.sub(tf.add(x, tf.softplus(tf.mul(x, -2.0))), math.log(2.0)), -1)


def categorical_crossentropy(y_true: Tensor, y_pred: Tensor, from_logits: bool = False) -> Tensor:
    tf = _tf()
    if from_logits:
        y_pred = tf.softmax(y_pred)
    else:
        y_pred = tf.div(y_pred, tf.sum(y_pred, -1, True))
    y_pred = tf.clip_by_value(y_pred, EPSILON, 1 - EPSILON)
    return tf.neg(tf.sum(tf.mul(y_true, tf.log(y_pred)), -1))


def sparse_categorical_crossentropy(y_true: Tensor, y_pred: Tensor, from_logits: bool = False) -> Tensor:
    tf = _tf()
    classes = y_pred.shape[-1]
    flat = tf.reshape(y_true, [-1])
    labels = flat if flat.dtype == "int32" else tf.cast(tf.floor(tf.cast(flat, "float32")), "int32")
    onehot = tf.reshape(tf.one_hot(labels, classes, 1.0, 0.0, "float32"), y_pred.shape)
    return categorical_crossentropy(onehot, y_pred, from_logits)


def binary_crossentropy(y_true: Tensor, y_pred: Tensor, from_logits: bool = False) -> Tensor:
    tf = _tf()
    if from_logits:
        # max(x, 0) - x * z + log(1 + exp(-|x|))
        x = y_pred
        loss = tf.add(tf.sub(tf.relu(x), tf.mul(x, y_true)), tf.log1p(tf.exp(tf.neg(tf.abs(x)))))
        return tf.mean(loss, -1)
    p = tf.clip_by_value(y_pred, EPSILON, 1 - EPSILON)
    logits = tf.log(tf.div(p, tf.sub(1.0, p)))
    loss = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, y_true)),
                  tf.log1p(tf.exp(tf.neg(tf.abs(logits)))))
    return tf.mean(loss, -1)


def kullback_leibler_divergence(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    t = tf.clip_by_value(y_true, EPSILON, 1.0)
    p = tf.clip_by_value(y_pred, EPSILON, 1.0)
    return tf.sum(tf.mul(y_true, tf.log(tf.div(t, p))), -1)


def poisson(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    return tf.mean(tf.sub(y_pred, tf.mul(y_true, tf.log(tf.add(y_pred, EPSILON)))), -1)


def cosine_proximity(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()

    def l2n(x: Tensor) -> Tensor:
        norm = tf.sqrt(tf.maximum(tf.sum(tf.square(x), -1, True), EPSILON))
        return tf.div(x, norm)
    return tf.neg(tf.sum(tf.mul(l2n(y_true), l2n(y_pred)), -1))


LOSSES: dict[str, Callable[..., Tensor]] = {
    "mean_squared_error": mean_squared_error,
    "mean_absolute_error": mean_absolute_error,
    "mean_absolute_percentage_error": mean_absolute_percentage_error,
    "mean_squared_logarithmic_error": mean_squared_logarithmic_error,
    "squared_hinge": squared_hinge, "hinge": hinge, "categorical_hinge": categorical_hinge,
    "logcosh": logcosh, "categorical_crossentropy": categorical_crossentropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
    "binary_crossentropy": binary_crossentropy,
    "kullback_leibler_divergence": kullback_leibler_divergence, "poisson": poisson,
    "cosine_proximity": cosine_proximity,
}
_ALIASES = {
    "mse": "mean_squared_error", "MSE": "mean_squared_error", "mae": "mean_absolute_error",
    "MAE": "mean_absolute_error", "mape": "mean_absolute_percentage_error",
    "MAPE": "mean_absolute_percentage_error", "msle": "mean_squared_logarithmic_error",
    "MSLE": "mean_squared_logarithmic_error", "kld": "kullback_leibler_divergence",
    "KLD": "kullback_leibler_divergence", "cosine": "cosine_proximity",
    "meanSquaredError": "mean_squared_error", "meanAbsoluteError": "mean_absolute_error",
    "meanAbsolutePercentageError": "mean_absolute_percentage_error",
    "meanSquaredLogarithmicError": "mean_squared_logarithmic_error",
    "squaredHinge": "squared_hinge", "categoricalHinge": "categorical_hinge",
    "categoricalCrossentropy": "categorical_crossentropy",
    "sparseCategoricalCrossentropy": "sparse_categorical_crossentropy",
    "binaryCrossentropy": "binary_crossentropy",
    "kullbackLeiblerDivergence": "kullback_leibler_divergence",
    "cosineProximity": "cosine_proximity", "huber": "huber_loss",
}


def get(identifier: Any) -> Callable[..., Tensor]:
    """A loss by name (Keras or TF.js spelling) or a callable ``(y_true, y_pred) -> per-sample``."""
    if callable(identifier):
        return identifier
    name = _ALIASES.get(identifier, identifier)
    if name not in LOSSES:
        raise ValueError(f"Unknown loss {identifier!r} (known: {', '.join(LOSSES)})")
    return LOSSES[name]


def name_of(fn: Callable[..., Tensor]) -> str:
    for k, v in LOSSES.items():
        if v is fn:
            return k
    return getattr(fn, "__name__", "loss")
