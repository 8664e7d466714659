"""Optimizers with TF.js's update rules (tfjs-core ``optimizers/*``), weight naming and configs,
plus AdamW and Nadam (Keras 3 rules), gradient clipping and learning-rate schedules.

Every optimizer updates variables in place (``Variable.assign``) inside a ``tidy``, so a training
step leaves the number of live tensors unchanged. Slot variables (moments, accumulators) are
created lazily per variable and named as TF.js names them (``<variable>/m``, ``.../v``, ...), so
``get_weights``/``set_weights`` interoperate with TF.js ``include_optimizer`` saves.
"""
from __future__ import annotations

import math
from typing import Any, Callable, NamedTuple

from ..core.engine import ENGINE
from ..core.gradients import VariableGrads, variable_grads
from ..core.opdef import FALLBACKS
from ..core.tensor import Tensor, Variable
from .schedules import SCHEDULES, LearningRateSchedule

EPSILON = 1e-7  # TF.js backend.epsilon() for float32 backends


class NamedTensor(NamedTuple):
    name: str
    tensor: Tensor


def _ops() -> Any:
    import pytfjs
    return pytfjs


# ---------------------------------------------------------------------- fused updates
# Every update rule is one kernel per variable (``backends/xp/training.py``: the numpy backend
# computes it in one call, bitwise as the ops below) whose fallback, for backends without it, is
# the rule written with ops. Inputs: ``(var, grad, *slots)``; outputs: ``[new var, *new slots]``.
_FUSED_DTYPES = frozenset({"float32", "float64"})


def _apply(kernel: str, var: Variable, grad: Tensor, slots: tuple, attrs: dict) -> list:
    """Runs an update kernel, or its ops fallback where dtypes are mixed or not float."""
    inputs = (var, grad, *slots)
    dtype = var.dtype
    if dtype in _FUSED_DTYPES and all(t.dtype == dtype for t in inputs):
        outs = ENGINE.run_kernel(kernel, inputs, attrs)
    else:
        outs = FALLBACKS[kernel](*inputs, **attrs)
    return outs if isinstance(outs, list) else [outs]


def _gradient_descent_rule(var, grad, *, neg_lr):  # type: ignore[no-untyped-def]
    tf = _ops()
    return tf.add(tf.mul(grad, neg_lr), var)


def _momentum_rule(var, grad, acc, *, momentum, neg_lr, nesterov):  # type: ignore[no-untyped-def]
    tf = _ops()
    new_acc = tf.add(tf.mul(acc, momentum), grad)
    step = tf.add(grad, tf.mul(new_acc, momentum)) if nesterov else new_acc
    return [tf.add(tf.mul(step, neg_lr), var), new_acc]


def _rmsprop_rule(var, grad, ms, mom, *mg, decay, one_minus_decay, momentum, lr,  # type: ignore[no-untyped-def]
                  epsilon):
    tf = _ops()
    new_ms = tf.add(tf.mul(ms, decay), tf.mul(tf.square(grad), one_minus_decay))
    if mg:
        new_mg = tf.add(tf.mul(mg[0], decay), tf.mul(grad, one_minus_decay))
        # TF.js: sqrt(ms - (mg^2 + eps)); TensorFlow adds eps instead (docs/differences.md).
        denom = tf.sqrt(tf.sub(new_ms, tf.add(tf.square(new_mg), epsilon)))
    else:
        denom = tf.sqrt(tf.add(new_ms, epsilon))
    new_mom = tf.add(tf.mul(mom, momentum), tf.div(tf.mul(grad, lr), denom))
    out = [tf.sub(var, new_mom), new_ms, new_mom]
    if mg:
        out.append(new_mg)
    return out


def _adam_rule(var, grad, m, v, *, beta1, one_minus_beta1, beta2, one_minus_beta2,  # type: ignore[no-untyped-def]
               bias1, bias2, epsilon, neg_lr, decay=None):
    tf = _ops()
    if decay is not None:  # AdamW's decoupled weight decay, before the Adam step
        var = tf.sub(var, tf.mul(var, decay))
    new_m = tf.add(tf.mul(m, beta1), tf.mul(grad, one_minus_beta1))
    new_v = tf.add(tf.mul(v, beta2), tf.mul(tf.square(grad), one_minus_beta2))
    m_hat = tf.div(new_m, bias1)
    v_hat = tf.div(new_v, bias2)
    return [tf.add(tf.mul(tf.div(m_hat, tf.add(tf.sqrt(v_hat), epsilon)), neg_lr), var),
            new_m, new_v]


def _adamax_rule(var, grad, m, u, *, beta1, one_minus_beta1, beta2, epsilon, scale):  # type: ignore[no-untyped-def]
    tf = _ops()
    new_m = tf.add(tf.mul(m, beta1), tf.mul(grad, one_minus_beta1))
    new_u = tf.maximum(tf.mul(u, beta2), tf.abs(grad))
    return [tf.add(tf.mul(tf.div(new_m, tf.add(new_u, epsilon)), scale), var), new_m, new_u]


def _adadelta_rule(var, grad, ag, au, *, rho, one_minus_rho, epsilon, neg_lr):  # type: ignore[no-untyped-def]
    tf = _ops()
    new_ag = tf.add(tf.mul(ag, rho), tf.mul(tf.square(grad), one_minus_rho))
    updates = tf.mul(tf.div(tf.sqrt(tf.add(au, epsilon)), tf.sqrt(tf.add(ag, epsilon))), grad)
    new_au = tf.add(tf.mul(au, rho), tf.mul(tf.square(updates), one_minus_rho))
    return [tf.add(tf.mul(updates, neg_lr), var), new_ag, new_au]


def _adagrad_rule(var, grad, acc, *, epsilon, neg_lr):  # type: ignore[no-untyped-def]
    tf = _ops()
    new_acc = tf.add(acc, tf.square(grad))
    return [tf.add(tf.mul(tf.div(grad, tf.sqrt(tf.add(new_acc, epsilon))), neg_lr), var), new_acc]


def _nadam_rule(var, grad, m, v, *, beta1, one_minus_beta1, beta2, one_minus_beta2, c_m,  # type: ignore[no-untyped-def]
                c_g, bias2, epsilon, lr):
    tf = _ops()
    new_m = tf.add(tf.mul(m, beta1), tf.mul(grad, one_minus_beta1))
    new_v = tf.add(tf.mul(v, beta2), tf.mul(tf.square(grad), one_minus_beta2))
    m_hat = tf.add(tf.mul(new_m, c_m), tf.mul(grad, c_g))
    v_hat = tf.div(new_v, bias2)
    return [tf.sub(var, tf.mul(tf.div(m_hat, tf.add(tf.sqrt(v_hat), epsilon)), lr)), new_m, new_v]


FALLBACKS.update({
    "_ApplyGradientDescent": _gradient_descent_rule,
    "_ApplyMomentum": _momentum_rule,
    "_ApplyRMSProp": _rmsprop_rule,
    "_ApplyAdam": _adam_rule,
    "_ApplyAdaMax": _adamax_rule,
    "_ApplyAdadelta": _adadelta_rule,
    "_ApplyAdagrad": _adagrad_rule,
    "_ApplyNadam": _nadam_rule,
})


def _assign(targets: tuple, values: list) -> None:
    for target, value in zip(targets, values):
        target.assign(value)


class Optimizer:
    """Base class. Subclasses define ``_slots`` (slot suffixes in TF.js weight order),
    ``_init_slot`` and ``_update(var, grad, slots, lr)``."""

    class_name = "Optimizer"
    _slots: tuple[str, ...] = ()
    _config_keys: tuple[tuple[str, str], ...] = ()  # (attribute, TF.js config key)

    def __init__(self, learning_rate: float | LearningRateSchedule, *,
                 clipnorm: float | None = None, clipvalue: float | None = None,
                 global_clipnorm: float | None = None) -> None:
        if learning_rate is None:
            raise ValueError(f"learning_rate for {type(self).__name__} must be defined.")
        if not callable(learning_rate) and (not isinstance(learning_rate, (int, float))
                                            or isinstance(learning_rate, bool)):
            raise TypeError(f"learning_rate must be a number or a schedule, got {learning_rate!r}")
        if sum(x is not None for x in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError("Only one of clipnorm, clipvalue and global_clipnorm can be set.")
        for name, v in (("clipnorm", clipnorm), ("clipvalue", clipvalue),
                        ("global_clipnorm", global_clipnorm)):
            if v is not None and not v > 0:
                raise ValueError(f"{name} must be positive, got {v}")
        self.learning_rate = learning_rate
        self.clipnorm, self.clipvalue, self.global_clipnorm = clipnorm, clipvalue, global_clipnorm
        self.iterations_ = 0
        self._state: dict[str, dict[str, Variable]] = {}  # variable name -> slot -> variable
        self._order: list[str] = []                       # variable names, first-seen order

    # ------------------------------------------------------------------ public API
    @property
    def iterations(self) -> int:
        return self.iterations_

    def current_learning_rate(self) -> float:
        lr = self.learning_rate
        return float(lr(self.iterations_)) if callable(lr) else float(lr)

    def set_learning_rate(self, learning_rate: float | LearningRateSchedule) -> None:
        self.learning_rate = learning_rate

    def compute_gradients(self, f: Callable[[], Tensor],
                          var_list: list[Variable] | None = None) -> VariableGrads:
        """``(value, {variable name: gradient})`` of the scalar ``f()``."""
        return variable_grads(f, var_list)

    def minimize(self, f: Callable[[], Tensor], return_cost: bool = False,
                 var_list: list[Variable] | None = None) -> Tensor | None:
        """One step on the scalar ``f()`` over ``var_list`` (default: all trainable variables).

        >>> import pytfjs as tf
        >>> w = tf.variable(tf.tensor([3.0]), name="min_doc_w")
        >>> opt = tf.train.sgd(0.1)
        >>> for _ in range(3):
        ...     opt.minimize(lambda: tf.sum(tf.square(w)))
        >>> round(w.item(), 4)
        1.536
        >>> opt.dispose(); w.dispose()
        """
        value, grads = self.compute_gradients(f, var_list)
        try:
            if var_list is not None:
                self.apply_gradients([NamedTensor(v.name, grads.get(v.name)) for v in var_list])
            else:
                self.apply_gradients(grads)
        finally:
            ENGINE.dispose(grads)
        if return_cost:
            return value
        value.dispose()
        return None

    def apply_gradients(self, variable_gradients: Any) -> None:
        """Updates variables from ``{name: gradient}`` or a list of ``(name, gradient)`` pairs
        (``NamedTensor`` or dicts with ``name``/``tensor``). ``None`` gradients are skipped."""
        pairs = self._normalize(variable_gradients)
        lr = self.current_learning_rate()

        def step() -> None:
            grads = self._clip([g for _, g in pairs])
            for (var, _), grad in zip(pairs, grads):
                slots = self._slots_for(var)
                if grad is None:
                    continue
                if grad.shape != var.shape:
                    raise ValueError(f"{self.class_name}: gradient of variable '{var.name}' has "
                                     f"shape {list(grad.shape)}, expected {list(var.shape)}")
                self._update(var, grad, slots, lr)
            self._after_step()
        ENGINE.tidy(step)
        self.iterations_ += 1

    def get_weights(self) -> list[NamedTensor]:
        """``[iter, *slots]`` in TF.js order: every variable's first slot, then every variable's
        second slot, ... The tensors are the live slot variables (not copies)."""
        out = [NamedTensor("iter", ENGINE.tidy(lambda: _ops().scalar(self.iterations_, "int32")))]
        for suffix in self._slots:
            for name in self._order:
                out.append(NamedTensor(f"{name}/{suffix}", self._state[name][suffix]))
        return out

    def set_weights(self, weights: list[Any]) -> None:
        """Restores ``get_weights()`` output (also from a TF.js save): the first entry is the
        iteration count; slot names are ``<variable>/<slot>``."""
        if not weights:
            raise ValueError(f"{self.class_name}.set_weights: expected at least the 'iter' entry")
        items = [w if isinstance(w, NamedTensor) else
                 NamedTensor(w["name"], w["tensor"]) if isinstance(w, dict) else NamedTensor(*w)
                 for w in weights]
        self.iterations_ = int(items[0].tensor.item())
        rest = items[1:]
        if rest and not self._slots:
            raise ValueError(f"{self.class_name} optimizer does not have settable weights.")
        for name, tensor in rest:
            var_name, _, suffix = name.rpartition("/")
            if suffix not in self._slots or not var_name:
                raise ValueError(f"{self.class_name}.set_weights: unexpected weight '{name}' "
                                 f"(slots: {', '.join(self._slots)})")
            state = self._state.setdefault(var_name, {})
            if var_name not in self._order:
                self._order.append(var_name)
            old = state.get(suffix)
            state[suffix] = ENGINE.tidy(lambda t=tensor: _ops().variable(_ops().clone(t), False))
            if old is not None:
                old.dispose()
        self._after_set_weights()

    def get_config(self) -> dict[str, Any]:
        lr = self.learning_rate
        config: dict[str, Any] = {"learningRate": (
            {"class_name": lr.class_name, "config": lr.get_config()}
            if isinstance(lr, LearningRateSchedule) else lr)}
        for attr, key in self._config_keys:
            config[key] = getattr(self, attr)
        for attr in ("clipnorm", "clipvalue", "global_clipnorm"):
            if getattr(self, attr) is not None:
                config[attr] = getattr(self, attr)
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "Optimizer":
        config = dict(config)
        lr = config.pop("learningRate", config.pop("learning_rate", None))
        if isinstance(lr, dict):
            schedule = SCHEDULES.get(lr.get("class_name"))
            if schedule is None:
                raise ValueError(f"Unknown learning-rate schedule {lr.get('class_name')!r}")
            lr = schedule.from_config(lr.get("config", {}))
        kwargs: dict[str, Any] = {}
        keys = {key: attr for attr, key in cls._config_keys}
        for key, value in config.items():
            if key in keys:
                kwargs[keys[key]] = value
            elif key in ("clipnorm", "clipvalue", "global_clipnorm"):
                kwargs[key] = value
            else:
                raise ValueError(f"{cls.class_name}.from_config: unknown key {key!r}")
        return cls(lr, **kwargs)

    def dispose(self) -> None:
        for slots in self._state.values():
            for v in slots.values():
                v.dispose()
        self._state.clear()
        self._order.clear()

    def __repr__(self) -> str:
        return f"<{self.class_name} {self.get_config()}>"

    # ------------------------------------------------------------------ internals
    def _normalize(self, variable_gradients: Any) -> list[tuple[Variable, Tensor | None]]:
        if isinstance(variable_gradients, VariableGrads):
            variable_gradients = variable_gradients.grads
        if isinstance(variable_gradients, dict):
            items = list(variable_gradients.items())
        else:
            items = []
            for entry in variable_gradients:
                if isinstance(entry, dict):
                    items.append((entry["name"], entry.get("tensor")))
                else:
                    name, tensor = entry
                    items.append((name.name if isinstance(name, Variable) else name, tensor))
        pairs = []
        for name, grad in items:
            var = ENGINE.registered_variables.get(name)
            if var is None:
                raise KeyError(f"{self.class_name}: no registered variable named '{name}'")
            pairs.append((var, grad))
        return pairs

    def _clip(self, grads: list[Tensor | None]) -> list[Tensor | None]:
        tf = _ops()
        if self.clipvalue is not None:
            return [None if g is None else tf.clip_by_value(g, -self.clipvalue, self.clipvalue)
                    for g in grads]
        if self.clipnorm is not None:
            out = []
            for g in grads:
                if g is None:
                    out.append(None)
                    continue
                norm = math.sqrt(tf.sum(tf.square(g)).item())
                out.append(g if norm <= self.clipnorm else tf.mul(g, self.clipnorm / norm))
            return out
        if self.global_clipnorm is not None:
            total = math.sqrt(sum(tf.sum(tf.square(g)).item() for g in grads if g is not None))
            if total > self.global_clipnorm:
                scale = self.global_clipnorm / total
                return [None if g is None else tf.mul(g, scale) for g in grads]
        return grads

    def _slots_for(self, var: Variable) -> dict[str, Variable]:
        state = self._state.get(var.name)
        if state is None:
            state = self._state[var.name] = {}
            self._order.append(var.name)
        for suffix in self._slots:
            if suffix not in state:
                state[suffix] = ENGINE.tidy(
                    lambda s=suffix: _ops().variable(self._init_slot(var, s), False))
        return state

    def _init_slot(self, var: Variable, suffix: str) -> Tensor:
        return _ops().zeros_like(var)

    def _update(self, var: Variable, grad: Tensor, slots: dict[str, Variable], lr: float) -> None:
        raise NotImplementedError(f"{type(self).__name__} must implement _update")

    def _after_step(self) -> None:
        """Per-step state outside the slots (e.g. Adam's beta powers)."""

    def _after_set_weights(self) -> None:
        """Re-derives per-step state from ``iterations_`` after ``set_weights``."""


class SGDOptimizer(Optimizer):
    """Plain gradient descent: ``w += -lr * g``."""

    class_name = "SGD"

    def _update(self, var, grad, slots, lr):  # type: ignore[no-untyped-def]
        # var + grad * -lr
        _assign((var,), _apply("_ApplyGradientDescent", var, grad, (), {"neg_lr": -lr}))


class MomentumOptimizer(Optimizer):
    """``acc = momentum * acc + g``; ``w += -lr * acc`` (Nesterov: ``-lr * (g + momentum * acc)``)."""

    class_name = "Momentum"
    _slots = ("momentum",)
    _config_keys = (("momentum", "momentum"), ("use_nesterov", "useNesterov"))

    def __init__(self, learning_rate: Any, momentum: float, use_nesterov: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.momentum = momentum
        self.use_nesterov = use_nesterov

    def _update(self, var, grad, slots, lr):  # type: ignore[no-untyped-def]
        # acc' = acc * momentum + g; var + (g + acc' * momentum if nesterov else acc') * -lr
        acc = slots["momentum"]
        _assign((var, acc), _apply("_ApplyMomentum", var, grad, (acc,), {
            "momentum": self.momentum, "neg_lr": -lr, "nesterov": bool(self.use_nesterov)}))


class RMSPropOptimizer(Optimizer):
    """TF.js RMSProp (``decay``, ``momentum``, ``centered``)."""

    class_name = "RMSProp"
    _config_keys = (("decay", "decay"), ("momentum", "momentum"), ("epsilon", "epsilon"),
                    ("centered", "centered"))

    def __init__(self, learning_rate: Any, decay: float = 0.9, momentum: float = 0.0,
                 epsilon: float | None = None, centered: bool = False, **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.decay, self.momentum, self.centered = decay, momentum, centered
        self.epsilon = EPSILON if epsilon is None else epsilon
        self._slots = ("rms", "momentum", "mg") if centered else ("rms", "momentum")

    def _update(self, var, grad, slots, lr):  # type: ignore[no-untyped-def]
        # See _rmsprop_rule; centered: sqrt(ms - (mg^2 + eps)) as TF.js (docs/differences.md).
        targets = (var, slots["rms"], slots["momentum"])
        if self.centered:
            targets += (slots["mg"],)
        _assign(targets, _apply("_ApplyRMSProp", var, grad, targets[1:], {
            "decay": self.decay, "one_minus_decay": 1 - self.decay, "momentum": self.momentum,
            "lr": lr, "epsilon": self.epsilon}))


class AdamOptimizer(Optimizer):
    """TF.js Adam: bias-corrected moments; ``w += -lr * m̂ / (sqrt(v̂) + eps)``."""

    class_name = "Adam"
    _slots = ("m", "v")
    _config_keys = (("beta1", "beta1"), ("beta2", "beta2"), ("epsilon", "epsilon"))

    def __init__(self, learning_rate: Any = 0.001, beta1: float = 0.9, beta2: float = 0.999,
                 epsilon: float | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.beta1, self.beta2 = beta1, beta2
        self.epsilon = EPSILON if epsilon is None else epsilon

    def _update(self, var, grad, slots, lr):  # type: ignore[no-untyped-def]
        self._adam_step(var, grad, slots, lr, None)

    def _adam_step(self, var, grad, slots, lr, decay):  # type: ignore[no-untyped-def]
        # m' = m b1 + g (1 - b1); v' = v b2 + g^2 (1 - b2); m^ = m' / (1 - b1^t);
        # v^ = v' / (1 - b2^t); var + m^ / (sqrt(v^) + eps) * -lr  (see _adam_rule)
        m, v = slots["m"], slots["v"]
        t = self.iterations_ + 1
        _assign((var, m, v), _apply("_ApplyAdam", var, grad, (m, v), {
            "beta1": self.beta1, "one_minus_beta1": 1 - self.beta1, "beta2": self.beta2,
            "one_minus_beta2": 1 - self.beta2, "bias1": 1 - self.beta1 ** t,
            "bias2": 1 - self.beta2 ** t, "epsilon": self.epsilon, "neg_lr": -lr,
            "decay": decay}))


class AdamaxOptimizer(Optimizer):
    """TF.js Adamax (infinity-norm Adam, with optional ``decay`` of the learning rate)."""

    class_name = "Adamax"
    _slots = ("m", "v")
    _config_keys = (("beta1", "beta1"), ("beta2", "beta2"), ("epsilon", "epsilon"),
                    ("decay", "decay"))

    def __init__(self, learning_rate: Any = 0.002, beta1: float = 0.9, beta2: float = 0.999,
                 epsilon: float | None = None, decay: float = 0.0, **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.beta1, self.beta2, self.decay = beta1, beta2, decay
        self.epsilon = EPSILON if epsilon is None else epsilon

    def _update(self, var, grad, slots, lr):  # type: ignore[no-untyped-def]
        # m' = m b1 + g (1 - b1); u' = max(u b2, |g|); var + m' / (u' + eps) * scale
        m, u = slots["m"], slots["v"]
        step_lr = -lr / (self.iterations_ * self.decay + 1)
        scale = step_lr / (1 - self.beta1 ** (self.iterations_ + 1))
        _assign((var, m, u), _apply("_ApplyAdaMax", var, grad, (m, u), {
            "beta1": self.beta1, "one_minus_beta1": 1 - self.beta1, "beta2": self.beta2,
            "epsilon": self.epsilon, "scale": scale}))


class AdadeltaOptimizer(Optimizer):
    """TF.js Adadelta. Note: TF.js scales by the accumulated squared gradient *before* this
    step's update (TensorFlow uses the updated one); kept for TF.js compatibility."""

    class_name = "Adadelta"
    _slots = ("accum_grad", "accum_var")
    _config_keys = (("rho", "rho"), ("epsilon", "epsilon"))

    def __init__(self, learning_rate: Any = 0.001, rho: float = 0.95,
                 epsilon: float | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.rho = rho
        self.epsilon = EPSILON if epsilon is None else epsilon

    def _update(self, var, grad, slots, lr):  # type: ignore[no-untyped-def]
        # updates = sqrt(au + eps) / sqrt(ag + eps) * g with the previous ag (see _adadelta_rule)
        ag, au = slots["accum_grad"], slots["accum_var"]
        _assign((var, ag, au), _apply("_ApplyAdadelta", var, grad, (ag, au), {
            "rho": self.rho, "one_minus_rho": 1 - self.rho, "epsilon": self.epsilon,
            "neg_lr": -lr}))


class AdagradOptimizer(Optimizer):
    """TF.js Adagrad: ``acc += g²``; ``w += -lr * g / sqrt(acc + eps)``."""

    class_name = "Adagrad"
    _slots = ("accumulator",)
    _config_keys = (("initial_accumulator_value", "initialAccumulatorValue"),)

    def __init__(self, learning_rate: Any, initial_accumulator_value: float = 0.1,
                 **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.initial_accumulator_value = initial_accumulator_value

    def _init_slot(self, var: Variable, suffix: str) -> Tensor:
        return _ops().fill(var.shape, float(self.initial_accumulator_value), var.dtype)

    def _update(self, var, grad, slots, lr):  # type: ignore[no-untyped-def]
        # acc' = acc + g^2; var + g / sqrt(acc' + eps) * -lr
        acc = slots["accumulator"]
        _assign((var, acc), _apply("_ApplyAdagrad", var, grad, (acc,),
                                   {"epsilon": EPSILON, "neg_lr": -lr}))


class AdamWOptimizer(AdamOptimizer):
    """Adam with decoupled weight decay (Loshchilov & Hutter; Keras 3 ``AdamW``):
    ``w -= lr * weight_decay * w`` before the Adam step. Not in TF.js."""

    class_name = "AdamW"
    _config_keys = AdamOptimizer._config_keys + (("weight_decay", "weightDecay"),)

    def __init__(self, learning_rate: Any = 0.001, beta1: float = 0.9, beta2: float = 0.999,
                 epsilon: float | None = None, weight_decay: float = 0.004, **kwargs: Any) -> None:
        super().__init__(learning_rate, beta1, beta2, epsilon, **kwargs)
        self.weight_decay = weight_decay

    def _update(self, var, grad, slots, lr):  # type: ignore[no-untyped-def]
        # var - var * lr * weight_decay, then the Adam step on it (one kernel)
        self._adam_step(var, grad, slots, lr, lr * self.weight_decay if self.weight_decay else None)


class NadamOptimizer(Optimizer):
    """Adam with Nesterov momentum (Dozat 2016; Keras 3 ``Nadam`` rule with its momentum
    schedule ``u_t = beta1 * (1 - 0.5 * 0.96 ** (0.004 t))``). Not in TF.js."""

    class_name = "Nadam"
    _slots = ("m", "v")
    _config_keys = (("beta1", "beta1"), ("beta2", "beta2"), ("epsilon", "epsilon"))

    def __init__(self, learning_rate: Any = 0.001, beta1: float = 0.9, beta2: float = 0.999,
                 epsilon: float | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.beta1, self.beta2 = beta1, beta2
        self.epsilon = EPSILON if epsilon is None else epsilon
        self._u_product = 1.0

    def _mu(self, t: int) -> float:
        return self.beta1 * (1.0 - 0.5 * 0.96 ** (0.004 * t))

    def _update(self, var, grad, slots, lr):  # type: ignore[no-untyped-def]
        t = self.iterations_ + 1
        u_t, u_t1 = self._mu(t), self._mu(t + 1)
        prod_t = self._u_product * u_t
        prod_t1 = prod_t * u_t1
        m, v = slots["m"], slots["v"]
        # m^ = m' u_{t+1} / (1 - prod_{t+1}) + g (1 - u_t) / (1 - prod_t); see _nadam_rule
        _assign((var, m, v), _apply("_ApplyNadam", var, grad, (m, v), {
            "beta1": self.beta1, "one_minus_beta1": 1 - self.beta1, "beta2": self.beta2,
            "one_minus_beta2": 1 - self.beta2, "c_m": u_t1 / (1 - prod_t1),
            "c_g": (1 - u_t) / (1 - prod_t), "bias2": 1 - self.beta2 ** t,
            "epsilon": self.epsilon, "lr": lr}))

    def _after_step(self) -> None:
        self._u_product *= self._mu(self.iterations_ + 1)

    def _after_set_weights(self) -> None:
        self._u_product = 1.0
        for t in range(1, self.iterations_ + 1):
            self._u_product *= self._mu(t)


# ---------------------------------------------------------------------- factories (tf.train.*)
def sgd(learning_rate: Any, **kwargs: Any) -> SGDOptimizer:
    """``tf.train.sgd(learning_rate)``."""
    return SGDOptimizer(learning_rate, **kwargs)


def momentum(learning_rate: Any, momentum: float, use_nesterov: bool = False,
             **kwargs: Any) -> MomentumOptimizer:
    """``tf.train.momentum(learning_rate, momentum, use_nesterov=False)``."""
    return MomentumOptimizer(learning_rate, momentum, use_nesterov, **kwargs)


def rmsprop(learning_rate: Any, decay: float = 0.9, momentum: float = 0.0,
            epsilon: float | None = None, centered: bool = False, **kwargs: Any) -> RMSPropOptimizer:
    """``tf.train.rmsprop(learning_rate, decay=0.9, momentum=0, epsilon=None, centered=False)``."""
    return RMSPropOptimizer(learning_rate, decay, momentum, epsilon, centered, **kwargs)


def adam(learning_rate: Any = 0.001, beta1: float = 0.9, beta2: float = 0.999,
         epsilon: float | None = None, **kwargs: Any) -> AdamOptimizer:
    """``tf.train.adam(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=None)``."""
    return AdamOptimizer(learning_rate, beta1, beta2, epsilon, **kwargs)


def adadelta(learning_rate: Any = 0.001, rho: float = 0.95, epsilon: float | None = None,
             **kwargs: Any) -> AdadeltaOptimizer:
    """``tf.train.adadelta(learning_rate=0.001, rho=0.95, epsilon=None)``."""
    return AdadeltaOptimizer(learning_rate, rho, epsilon, **kwargs)


def adamax(learning_rate: Any = 0.002, beta1: float = 0.9, beta2: float = 0.999,
           epsilon: float | None = None, decay: float = 0.0, **kwargs: Any) -> AdamaxOptimizer:
    """``tf.train.adamax(learning_rate=0.002, beta1=0.9, beta2=0.999, epsilon=None, decay=0)``."""
    return AdamaxOptimizer(learning_rate, beta1, beta2, epsilon, decay, **kwargs)


def adagrad(learning_rate: Any, initial_accumulator_value: float = 0.1,
            **kwargs: Any) -> AdagradOptimizer:
    """``tf.train.adagrad(learning_rate, initial_accumulator_value=0.1)``."""
    return AdagradOptimizer(learning_rate, initial_accumulator_value, **kwargs)


def adamw(learning_rate: Any = 0.001, beta1: float = 0.9, beta2: float = 0.999,
          epsilon: float | None = None, weight_decay: float = 0.004, **kwargs: Any) -> AdamWOptimizer:
    """AdamW (decoupled weight decay); not in TF.js."""
    return AdamWOptimizer(learning_rate, beta1, beta2, epsilon, weight_decay, **kwargs)


def nadam(learning_rate: Any = 0.001, beta1: float = 0.9, beta2: float = 0.999,
          epsilon: float | None = None, **kwargs: Any) -> NadamOptimizer:
    """Nadam (Adam with Nesterov momentum); not in TF.js."""
    return NadamOptimizer(learning_rate, beta1, beta2, epsilon, **kwargs)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    c.class_name: c for c in (SGDOptimizer, MomentumOptimizer, RMSPropOptimizer, AdamOptimizer,
                              AdamaxOptimizer, AdadeltaOptimizer, AdagradOptimizer,
                              AdamWOptimizer, NadamOptimizer)}
# Keras / TF.js string identifiers (``model.compile(optimizer="adam")``).
_ALIASES = {"sgd": "SGD", "momentum": "Momentum", "rmsprop": "RMSProp", "adam": "Adam",
            "adamax": "Adamax", "adadelta": "Adadelta", "adagrad": "Adagrad", "adamw": "AdamW",
            "nadam": "Nadam"}


def optimizer_from_config(config: dict[str, Any] | str) -> Optimizer:
    """An optimizer from ``{"className"|"class_name": ..., "config": {...}}`` or a string name
    (``"adam"``, with Keras's default learning rates)."""
    if isinstance(config, str):
        name = _ALIASES.get(config.lower())
        if name is None:
            raise ValueError(f"Unknown optimizer {config!r}; known: {', '.join(_ALIASES)}")
        defaults = {"SGD": 0.01, "Momentum": 0.01, "RMSProp": 0.001, "Adagrad": 0.01}
        cls = OPTIMIZERS[name]
        if name == "Momentum":
            return MomentumOptimizer(0.01, 0.9)
        return cls(defaults[name]) if name in defaults else cls()
    name = config.get("className", config.get("class_name"))
    cls = OPTIMIZERS.get(name) or OPTIMIZERS.get(_ALIASES.get(str(name).lower(), ""))
    if cls is None:
        raise ValueError(f"Unknown optimizer class {name!r}; known: {', '.join(OPTIMIZERS)}")
    return cls.from_config(config.get("config", {}))
