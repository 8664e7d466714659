"""Metrics: TF.js's metric functions (per sample) plus stateful ``Metric`` objects that the
training loop accumulates over an epoch (``update_state`` / ``result`` / ``reset_state``),
including AUC and F1 (beyond TF.js)."""
from __future__ import annotations

from typing import Any, Callable

from ..core.tensor import Tensor
from . import losses as _losses


def _tf() -> Any:
    import pytfjs
    return pytfjs


# ------------------------------------------------------------------ per-sample functions
def binary_accuracy(y_true: Tensor, y_pred: Tensor, threshold: float = 0.5) -> Tensor:
    tf = _tf()
    pred = tf.cast(tf.greater(y_pred, threshold), y_true.dtype)
    return tf.mean(tf.cast(tf.equal(y_true, pred), "float32"), -1)


def categorical_accuracy(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    return tf.cast(tf.equal(tf.arg_max(y_true, -1), tf.arg_max(y_pred, -1)), "float32")


def sparse_categorical_accuracy(y_true: Tensor, y_pred: Tensor) -> Tensor:
    tf = _tf()
    labels = tf.cast(y_true, "int32")
    if labels.rank == y_pred.rank:
        labels = tf.squeeze(labels, [-1])
    return tf.cast(tf.equal(labels, tf.arg_max(y_pred, -1)), "float32")


def top_k_categorical_accuracy(y_true: Tensor, y_pred: Tensor, k: int = 5) -> Tensor:
    tf = _tf()
    target = tf.arg_max(y_true, -1)
    return sparse_top_k_categorical_accuracy(target, y_pred, k)


def sparse_top_k_categorical_accuracy(y_true: Tensor, y_pred: Tensor, k: int = 5) -> Tensor:
    tf = _tf()
    labels = tf.cast(y_true, "int32")
    if labels.rank == y_pred.rank:
        labels = tf.squeeze(labels, [-1])
    idx = tf.topk(y_pred, min(k, y_pred.shape[-1])).indices
    return tf.cast(tf.any(tf.equal(idx, tf.expand_dims(labels, -1)), -1), "float32")


FUNCTIONS: dict[str, Callable[..., Tensor]] = {
    "binary_accuracy": binary_accuracy, "categorical_accuracy": categorical_accuracy,
    "sparse_categorical_accuracy": sparse_categorical_accuracy,
    "top_k_categorical_accuracy": top_k_categorical_accuracy,
    "sparse_top_k_categorical_accuracy": sparse_top_k_categorical_accuracy,
    **{k: v for k, v in _losses.LOSSES.items()},
}
_ALIASES = {"binaryAccuracy": "binary_accuracy", "categoricalAccuracy": "categorical_accuracy",
            "sparseCategoricalAccuracy": "sparse_categorical_accuracy",
            "topKCategoricalAccuracy": "top_k_categorical_accuracy",
            "sparseTopKCategoricalAccuracy": "sparse_top_k_categorical_accuracy",
            **_losses._ALIASES}


# ------------------------------------------------------------------ stateful metrics
class Metric:
    """Accumulates over an epoch; ``result()`` is a Python float."""

    def __init__(self, name: str) -> None:
        self.name = name

    def reset_state(self) -> None:
        raise NotImplementedError(f"{type(self).__name__}.reset_state")

    def update_state(self, y_true: Tensor, y_pred: Tensor, sample_weight: Tensor | None = None) -> None:
        raise NotImplementedError(f"{type(self).__name__}.update_state")

    def result(self) -> float:
        raise NotImplementedError(f"{type(self).__name__}.result")


class MeanMetric(Metric):
    """The (sample-weighted) mean of a per-sample metric function over the epoch."""

    def __init__(self, fn: Callable[..., Tensor], name: str) -> None:
        super().__init__(name)
        self.fn = fn
        self.reset_state()

    def reset_state(self) -> None:
        self.total = 0.0
        self.count = 0.0

    def update_state(self, y_true, y_pred, sample_weight=None):  # type: ignore[no-untyped-def]
        tf = _tf()

        def step() -> tuple[float, float]:
            values = tf.reshape(self.fn(y_true, y_pred), [-1])
            if sample_weight is not None:
                w = tf.reshape(tf.cast(sample_weight, "float32"), [-1])
                return tf.sum(tf.mul(values, w)).item(), tf.sum(w).item()
            return tf.sum(values).item(), float(values.size)
        total, count = tf.tidy(step)
        self.total += total
        self.count += count

    def result(self) -> float:
        return self.total / self.count if self.count else 0.0


class _Confusion(Metric):
    def __init__(self, name: str, threshold: float = 0.5) -> None:
        super().__init__(name)
        self.threshold = threshold
        self.reset_state()

    def reset_state(self) -> None:
        self.tp = self.fp = self.fn = self.tn = 0.0

    def update_state(self, y_true, y_pred, sample_weight=None):  # type: ignore[no-untyped-def]
        tf = _tf()

        def counts() -> list[float]:
            t = tf.greater(tf.cast(y_true, "float32"), 0.5)
            p = tf.greater(y_pred, self.threshold)
            w = tf.ones_like(tf.cast(t, "float32")) if sample_weight is None else \
                tf.broadcast_to(tf.reshape(tf.cast(sample_weight, "float32"),
                                           [-1] + [1] * (t.rank - 1)), t.shape)
            out = []
            for a, b in ((t, p), (tf.logical_not(t), p), (t, tf.logical_not(p)),
                         (tf.logical_not(t), tf.logical_not(p))):
                out.append(tf.sum(tf.mul(tf.cast(tf.logical_and(a, b), "float32"), w)).item())
            return out
        tp, fp, fn, tn = tf.tidy(counts)
        self.tp += tp
        self.fp += fp
        self.fn += fn
        self.tn += tn


class Precision(_Confusion):
    def __init__(self, name: str = "precision", threshold: float = 0.5) -> None:
        super().__init__(name, threshold)

    def result(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0


class Recall(_Confusion):
    def __init__(self, name: str = "recall", threshold: float = 0.5) -> None:
        super().__init__(name, threshold)

    def result(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


class F1Score(_Confusion):
    """Binary F1 at a threshold: ``2 tp / (2 tp + fp + fn)``."""

    def __init__(self, name: str = "f1", threshold: float = 0.5) -> None:
        super().__init__(name, threshold)

    def result(self) -> float:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else 0.0


class AUC(Metric):
    """Area under the ROC curve (or PR curve with ``curve="PR"``), from confusion counts at
    ``num_thresholds`` evenly spaced thresholds (Keras's trapezoidal interpolation)."""

    def __init__(self, name: str = "auc", num_thresholds: int = 200, curve: str = "ROC") -> None:
        super().__init__(name)
        if num_thresholds < 2:
            raise ValueError("AUC: num_thresholds must be > 1")
        if curve not in ("ROC", "PR"):
            raise ValueError(f"AUC: curve must be 'ROC' or 'PR', got {curve!r}")
        eps = 1e-7
        self.thresholds = [-eps] + [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)] \
            + [1 + eps]
        self.curve = curve
        self.reset_state()

    def reset_state(self) -> None:
        n = len(self.thresholds)
        self.tp = [0.0] * n
        self.fp = [0.0] * n
        self.pos = 0.0
        self.neg = 0.0

    def update_state(self, y_true, y_pred, sample_weight=None):  # type: ignore[no-untyped-def]
        tf = _tf()
        t = tf.reshape(tf.cast(y_true, "float32"), [-1]).to_list()
        p = tf.reshape(y_pred, [-1]).to_list()
        if sample_weight is None:
            w = [1.0] * len(t)
        else:
            ws = tf.reshape(tf.cast(sample_weight, "float32"), [-1]).to_list()
            rep = len(t) // max(1, len(ws))
            w = [x for x in ws for _ in range(rep)]
        for ti, pi, wi in zip(t, p, w):
            positive = ti > 0.5
            if positive:
                self.pos += wi
            else:
                self.neg += wi
            for k, th in enumerate(self.thresholds):
                if pi > th:
                    if positive:
                        self.tp[k] += wi
                    else:
                        self.fp[k] += wi

    def result(self) -> float:
        n = len(self.thresholds)
        if self.curve == "ROC":
            tpr = [self.tp[k] / self.pos if self.pos else 0.0 for k in range(n)]
            fpr = [self.fp[k] / self.neg if self.neg else 0.0 for k in range(n)]
            return sum((fpr[k] - fpr[k + 1]) * (tpr[k] + tpr[k + 1]) / 2 for k in range(n - 1))
        prec = [self.tp[k] / (self.tp[k] + self.fp[k]) if self.tp[k] + self.fp[k] else 1.0
                for k in range(n)]
        rec = [self.tp[k] / self.pos if self.pos else 0.0 for k in range(n)]
        return sum((rec[k] - rec[k + 1]) * (prec[k] + prec[k + 1]) / 2 for k in range(n - 1))


def get(identifier: Any, loss_name: str | None = None, output_shape: tuple | None = None) -> Metric:
    """A stateful metric from a name, a per-sample function or a ``Metric`` instance. ``acc`` /
    ``accuracy`` resolve from the loss as TF.js does (binary, categorical or sparse)."""
    if isinstance(identifier, Metric):
        return identifier
    if callable(identifier):
        return MeanMetric(identifier, getattr(identifier, "__name__", "metric"))
    if identifier in ("acc", "accuracy"):
        if loss_name == "binary_crossentropy" or (output_shape and output_shape[-1] == 1):
            fn = binary_accuracy
        elif loss_name == "sparse_categorical_crossentropy":
            fn = sparse_categorical_accuracy
        else:
            fn = categorical_accuracy
        return MeanMetric(fn, identifier)
    stateful = {"precision": Precision, "recall": Recall, "auc": AUC, "AUC": AUC, "f1": F1Score,
                "f1_score": F1Score}
    if identifier in stateful:
        return stateful[identifier]()
    name = _ALIASES.get(identifier, identifier)
    if name not in FUNCTIONS:
        raise ValueError(f"Unknown metric {identifier!r}")
    return MeanMetric(FUNCTIONS[name], identifier)
