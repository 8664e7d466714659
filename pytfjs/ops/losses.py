"""Ops: losses (the ``tf.losses`` namespace) and the :class:`Reduction` enum.

Every loss is composed of other ops, in TF.js's order, so its dtypes, NaN behaviour and
gradients come from its parts; :func:`compute_weighted_loss` applies the weights and the
reduction:

- ``NONE``: the weighted losses, unreduced;
- ``SUM``: their sum;
- ``MEAN``: ``sum(weighted) / sum(weights)``, further divided by ``losses.size / weights.size``
  when the weights broadcast (the plain mean without weights);
- ``SUM_BY_NONZERO_WEIGHTS`` (the default): ``sum(weighted) / count(broadcast weights != 0)``
  (``/ losses.size`` without weights).

Constants are float32 scalars as in TF.js, so int32 inputs mostly give float32 (``div`` of two
int32 tensors is a floor division, as in TF.js). ``softmax_cross_entropy`` has TF.js's custom
gradient: ``dy * (softmax - labels)`` for the logits and ``dy * (labels - softmax)`` for the
labels (TF.js's choice; the true derivative for the labels would be ``-dy * log_softmax``).

Difference from TF.js 4.22, on purpose: label smoothing in ``softmax_cross_entropy`` divides by
the size of the last axis of the labels (TensorFlow); TF.js uses ``shape[1]``, which differs for
labels of rank other than 2.
"""
from __future__ import annotations

import enum
from typing import Any

from ..core.gradients import custom_grad
from ..core.opdef import op, to_tensor
from ..core.shapes import ShapeError
from ..core.tensor import Tensor
from . import arithmetic, basic_math, creation, logical, transformation
from . import reduction as _r
from ._util import cast_to

__all__ = ["Reduction"]


class Reduction(enum.IntEnum):
    """How a loss is reduced (TF.js ``tf.Reduction``, same values)."""
    NONE = 0
    MEAN = 1
    SUM = 2
    SUM_BY_NONZERO_WEIGHTS = 3


_DEFAULT = Reduction.SUM_BY_NONZERO_WEIGHTS


def _reduction(value: Any, op_name: str) -> Reduction:
    if isinstance(value, str):
        try:
            return Reduction[value.upper()]
        except KeyError:
            pass
    elif isinstance(value, int) and not isinstance(value, bool):
        try:
            return Reduction(value)
        except ValueError:
            pass
    raise ValueError(f"'{op_name}': unknown reduction {value!r} (expected a tf.Reduction: "
                     f"NONE, MEAN, SUM or SUM_BY_NONZERO_WEIGHTS)")


def _f32(v: float) -> Tensor:
    return creation.scalar(float(v), "float32")


def _input(x: Any, arg: str, op_name: str) -> Tensor:
    t = to_tensor(x, arg, op_name, numeric=True)
    if t.dtype == "complex64":
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be a real tensor, but got "
                        f"complex64 tensor")
    return t


def _weights(weights: Any, op_name: str) -> Tensor | None:
    return None if weights is None else _input(weights, "weights", op_name)


def _pair(a: Any, b: Any, arg_a: str, arg_b: str, op_name: str) -> tuple[Tensor, Tensor]:
    a = _input(a, arg_a, op_name)
    b = _input(b, arg_b, op_name)
    if tuple(a.shape) != tuple(b.shape):
        raise ShapeError(f"'{op_name}': the shapes of {arg_a} {list(a.shape)} and {arg_b} "
                         f"{list(b.shape)} must match")
    return a, b


def _number(v: Any, arg: str, op_name: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise TypeError(f"'{op_name}': {arg} must be a number, got {v!r}")
    return float(v)


def _weighted(losses: Tensor, weights: Tensor | None, red: Reduction) -> Tensor:
    weighted = losses if weights is None else arithmetic.mul(losses, weights)
    if red == Reduction.NONE:
        return weighted
    if red == Reduction.SUM:
        return _r.sum(weighted)
    if red == Reduction.MEAN:
        if weights is None:
            return _r.mean(weighted)
        result = arithmetic.div(_r.sum(weighted), _r.sum(weights))
        factor = losses.size / weights.size if weights.size else float("inf")
        return arithmetic.div(result, _f32(factor)) if factor > 1 else result
    # SUM_BY_NONZERO_WEIGHTS
    if weights is None:
        return arithmetic.div(_r.sum(weighted), _f32(losses.size))
    spread = arithmetic.mul(weights, creation.ones(list(losses.shape)))
    nonzero = cast_to(_r.sum(logical.not_equal(spread, _f32(0.0))), "float32")
    return arithmetic.div(_r.sum(weighted), nonzero)


@op(None, namespace="losses", dtype="float32 (int32 where every part stays int32)",
    method=False)
def compute_weighted_loss(losses: Any, weights: Any = None,
                          reduction: Reduction | int = _DEFAULT) -> Tensor:
    """Weights ``losses`` and reduces them (see :class:`Reduction`).

    Args:
        losses: a tensor of per-element losses.
        weights: None, or a tensor broadcastable to ``losses``.
        reduction: a :class:`Reduction` (default ``SUM_BY_NONZERO_WEIGHTS``).

    >>> import pytfjs as tf
    >>> losses = tf.tensor([1.0, 2.0, 3.0, 4.0])
    >>> tf.losses.compute_weighted_loss(losses, tf.tensor([1.0, 0.0, 1.0, 0.0])).item()
    2.0
    >>> tf.losses.compute_weighted_loss(losses, None, tf.Reduction.SUM).item()
    10.0
    """
    red = _reduction(reduction, "compute_weighted_loss")
    return _weighted(_input(losses, "losses", "compute_weighted_loss"),
                     _weights(weights, "compute_weighted_loss"), red)


@op(None, namespace="losses", dtype="float32 (int32 for int32 inputs with NONE/SUM)",
    method=False)
def absolute_difference(labels: Any, predictions: Any, weights: Any = None,
                        reduction: Reduction | int = _DEFAULT) -> Tensor:
    """The absolute-difference loss ``|labels - predictions|``, weighted and reduced.

    Args:
        labels: the ground truth.
        predictions: the predictions, shaped as ``labels``.
        weights: None, or a tensor broadcastable to the losses.
        reduction: a :class:`Reduction` (default ``SUM_BY_NONZERO_WEIGHTS``).

    >>> import pytfjs as tf
    >>> tf.losses.absolute_difference(tf.tensor([1.0, 2.0]), tf.tensor([2.0, 4.0])).item()
    1.5
    """
    red = _reduction(reduction, "absolute_difference")
    y, p = _pair(labels, predictions, "labels", "predictions", "absolute_difference")
    w = _weights(weights, "absolute_difference")
    return _weighted(basic_math.abs(arithmetic.sub(y, p)), w, red)


@op(None, namespace="losses", dtype="float32 (int32 for int32 inputs with NONE/SUM)",
    method=False)
def mean_squared_error(labels: Any, predictions: Any, weights: Any = None,
                       reduction: Reduction | int = _DEFAULT) -> Tensor:
    """The squared-error loss ``(labels - predictions) ** 2``, weighted and reduced.

    Args:
        labels: the ground truth.
        predictions: the predictions, shaped as ``labels``.
        weights: None, or a tensor broadcastable to the losses.
        reduction: a :class:`Reduction` (default ``SUM_BY_NONZERO_WEIGHTS``).

    >>> import pytfjs as tf
    >>> tf.losses.mean_squared_error(tf.tensor([1.0, 2.0]), tf.tensor([2.0, 4.0])).item()
    2.5
    """
    red = _reduction(reduction, "mean_squared_error")
    y, p = _pair(labels, predictions, "labels", "predictions", "mean_squared_error")
    w = _weights(weights, "mean_squared_error")
    return _weighted(arithmetic.squared_difference(y, p), w, red)


@op(None, namespace="losses", dtype="float32", method=False)
def cosine_distance(labels: Any, predictions: Any, axis: int, weights: Any = None,
                    reduction: Reduction | int = _DEFAULT) -> Tensor:
    """The cosine-distance loss ``1 - sum(labels * predictions, axis, keep_dims=True)``
    (inputs are expected to be unit-normalized), weighted and reduced.

    Args:
        labels: the ground truth.
        predictions: the predictions, shaped as ``labels``.
        axis: the axis of the dot product (negative counts from the end).
        weights: None, or a tensor broadcastable to the losses.
        reduction: a :class:`Reduction` (default ``SUM_BY_NONZERO_WEIGHTS``).

    >>> import pytfjs as tf
    >>> y = tf.tensor([[1.0, 0.0], [0.0, 1.0]])
    >>> round(tf.losses.cosine_distance(y, tf.tensor([[0.6, 0.8], [0.0, 1.0]]), 1).item(), 4)
    0.2
    """
    red = _reduction(reduction, "cosine_distance")
    y, p = _pair(labels, predictions, "labels", "predictions", "cosine_distance")
    w = _weights(weights, "cosine_distance")
    losses = arithmetic.sub(_f32(1.0), _r.sum(arithmetic.mul(y, p), axis, True))
    return _weighted(losses, w, red)


@op(None, namespace="losses", dtype="float32", method=False)
def hinge_loss(labels: Any, predictions: Any, weights: Any = None,
               reduction: Reduction | int = _DEFAULT) -> Tensor:
    """The hinge loss ``relu(1 - (2 * labels - 1) * predictions)`` for 0/1 labels, weighted
    and reduced.

    Args:
        labels: the ground truth, 0 or 1.
        predictions: the predictions (logits), shaped as ``labels``.
        weights: None, or a tensor broadcastable to the losses.
        reduction: a :class:`Reduction` (default ``SUM_BY_NONZERO_WEIGHTS``).

    >>> import pytfjs as tf
    >>> tf.losses.hinge_loss(tf.tensor([1.0, 0.0]), tf.tensor([0.5, 0.5])).item()
    1.0
    """
    red = _reduction(reduction, "hinge_loss")
    y, p = _pair(labels, predictions, "labels", "predictions", "hinge_loss")
    w = _weights(weights, "hinge_loss")
    one = _f32(1.0)
    signed = arithmetic.sub(arithmetic.mul(_f32(2.0), y), one)
    losses = basic_math.relu(arithmetic.sub(one, arithmetic.mul(signed, p)))
    return _weighted(losses, w, red)


@op(None, namespace="losses", dtype="float32", method=False)
def huber_loss(labels: Any, predictions: Any, weights: Any = None, delta: float = 1.0,
               reduction: Reduction | int = _DEFAULT) -> Tensor:
    """The Huber loss: ``0.5 * e ** 2`` for ``|e| <= delta``, else
    ``delta * (|e| - 0.5 * delta)``, with ``e = predictions - labels``; weighted and reduced.

    Args:
        labels: the ground truth.
        predictions: the predictions, shaped as ``labels``.
        weights: None, or a tensor broadcastable to the losses.
        delta: where the loss changes from quadratic to linear (default 1.0).
        reduction: a :class:`Reduction` (default ``SUM_BY_NONZERO_WEIGHTS``).

    >>> import pytfjs as tf
    >>> tf.losses.huber_loss(tf.tensor([0.0, 0.0]), tf.tensor([0.5, 3.0])).item()
    1.3125
    """
    red = _reduction(reduction, "huber_loss")
    delta = _number(1.0 if delta is None else delta, "delta", "huber_loss")
    y, p = _pair(labels, predictions, "labels", "predictions", "huber_loss")
    w = _weights(weights, "huber_loss")
    d = _f32(delta)
    error = basic_math.abs(arithmetic.sub(p, y))
    quadratic = arithmetic.minimum(error, d)
    linear = arithmetic.sub(error, quadratic)
    losses = arithmetic.add(arithmetic.mul(_f32(0.5), basic_math.square(quadratic)),
                            arithmetic.mul(d, linear))
    return _weighted(losses, w, red)


@op(None, namespace="losses", dtype="float32", method=False)
def log_loss(labels: Any, predictions: Any, weights: Any = None, epsilon: float = 1e-7,
             reduction: Reduction | int = _DEFAULT) -> Tensor:
    """The log (binary cross-entropy) loss of probabilities:
    ``-labels * log(p + eps) - (1 - labels) * log(1 - p + eps)``; weighted and reduced.

    Args:
        labels: the ground truth, in [0, 1].
        predictions: the predicted probabilities, shaped as ``labels``.
        weights: None, or a tensor broadcastable to the losses.
        epsilon: added inside the logs (default 1e-7).
        reduction: a :class:`Reduction` (default ``SUM_BY_NONZERO_WEIGHTS``).

    >>> import pytfjs as tf
    >>> round(tf.losses.log_loss(tf.tensor([1.0, 0.0]), tf.tensor([0.5, 0.5])).item(), 4)
    0.6931
    """
    red = _reduction(reduction, "log_loss")
    eps = _number(1e-7 if epsilon is None else epsilon, "epsilon", "log_loss")
    y, p = _pair(labels, predictions, "labels", "predictions", "log_loss")
    w = _weights(weights, "log_loss")
    one, e = _f32(1.0), _f32(eps)
    l1 = basic_math.neg(arithmetic.mul(y, basic_math.log(arithmetic.add(p, e))))
    l2 = arithmetic.mul(arithmetic.sub(one, y),
                        basic_math.log(arithmetic.add(arithmetic.sub(one, p), e)))
    return _weighted(arithmetic.sub(l1, l2), w, red)


@op(None, namespace="losses", dtype="float32", method=False)
def sigmoid_cross_entropy(multi_class_labels: Any, logits: Any, weights: Any = None,
                          label_smoothing: float = 0, reduction: Reduction | int = _DEFAULT
                          ) -> Tensor:
    """The sigmoid cross-entropy of ``logits``, computed stably as
    ``relu(x) - x * z + log1p(exp(-|x|))``; weighted and reduced. With ``label_smoothing``
    ``s > 0`` the labels become ``z * (1 - s) + 0.5 * s``.

    Args:
        multi_class_labels: the 0/1 labels.
        logits: the logits, shaped as the labels.
        weights: None, or a tensor broadcastable to the losses.
        label_smoothing: in [0, 1] (default 0).
        reduction: a :class:`Reduction` (default ``SUM_BY_NONZERO_WEIGHTS``).

    >>> import pytfjs as tf
    >>> round(tf.losses.sigmoid_cross_entropy(tf.tensor([1.0, 0.0]),
    ...                                       tf.tensor([0.0, 0.0])).item(), 4)
    0.6931
    """
    name = "sigmoid_cross_entropy"
    red = _reduction(reduction, name)
    smoothing = _number(0 if label_smoothing is None else label_smoothing, "label_smoothing",
                        name)
    z, x = _pair(multi_class_labels, logits, "multi_class_labels", "logits", name)
    w = _weights(weights, name)
    if smoothing > 0:
        s = _f32(smoothing)
        z = arithmetic.add(arithmetic.mul(z, arithmetic.sub(_f32(1.0), s)),
                           arithmetic.mul(_f32(0.5), s))
    losses = arithmetic.add(arithmetic.sub(basic_math.relu(x), arithmetic.mul(x, z)),
                            basic_math.log1p(basic_math.exp(basic_math.neg(basic_math.abs(x)))))
    return _weighted(losses, w, red)


def _as_float(t: Tensor) -> Tensor:
    """TF.js casts to float32; float64 (where a backend has it) is kept."""
    return t if t.dtype in ("float32", "float64") else cast_to(t, "float32")


def _softmax_xent_fn(labels: Tensor, logits: Tensor, save: Any) -> tuple:
    """TF.js ``softmaxCrossEntropyWithLogits_`` over the last axis, with its custom gradient."""
    dim = logits.rank - 1
    log_probs = arithmetic.sub(_as_float(logits),
                               _r.log_sum_exp(logits, [dim], True))
    save([labels, log_probs])
    value = _r.sum(basic_math.neg(arithmetic.mul(log_probs, labels)), [dim])

    def grad_fn(dy: Tensor, saved: list) -> list:
        lab, logp = saved
        dyk = transformation.reshape(dy, list(dy.shape) + [1])
        lab32 = _as_float(lab)
        probs = basic_math.exp(logp)
        return [arithmetic.mul(dyk, arithmetic.sub(lab32, probs)),
                arithmetic.mul(dyk, arithmetic.sub(probs, lab32))]
    return value, grad_fn


_softmax_xent = custom_grad(_softmax_xent_fn)


@op(None, namespace="losses", dtype="float32", method=False)
def softmax_cross_entropy(onehot_labels: Any, logits: Any, weights: Any = None,
                          label_smoothing: float = 0, reduction: Reduction | int = _DEFAULT
                          ) -> Tensor:
    """The softmax cross-entropy ``-sum(labels * log_softmax(logits), -1)`` per example;
    weighted and reduced. With ``label_smoothing`` ``s > 0`` the labels become
    ``y * (1 - s) + s / num_classes``. The gradient is TF.js's custom one (see the module).

    Args:
        onehot_labels: the one-hot (or probability) labels ``[..., num_classes]``.
        logits: the logits, shaped as the labels.
        weights: None, or a tensor broadcastable to the per-example losses.
        label_smoothing: in [0, 1] (default 0).
        reduction: a :class:`Reduction` (default ``SUM_BY_NONZERO_WEIGHTS``).

    >>> import pytfjs as tf
    >>> y = tf.tensor([[0.0, 1.0], [1.0, 0.0]])
    >>> round(tf.losses.softmax_cross_entropy(y, tf.tensor([[0.0, 0.0], [2.0, 0.0]])).item(), 4)
    0.41
    """
    name = "softmax_cross_entropy"
    red = _reduction(reduction, name)
    smoothing = _number(0 if label_smoothing is None else label_smoothing, "label_smoothing",
                        name)
    y, x = _pair(onehot_labels, logits, "onehot_labels", "logits", name)
    if x.rank == 0:
        raise ShapeError(f"'{name}': logits must have rank >= 1, got a scalar")
    w = _weights(weights, name)
    if smoothing > 0:
        s = _f32(smoothing)
        y = arithmetic.add(arithmetic.mul(y, arithmetic.sub(_f32(1.0), s)),
                           arithmetic.div(s, _f32(y.shape[-1])))
    return _weighted(_softmax_xent(y, x), w, red)
