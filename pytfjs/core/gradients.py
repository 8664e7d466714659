"""Public autodiff API (TF.js ``gradients.ts``): grad, grads, value_and_grad, value_and_grads,
variable_grads, custom_grad."""
from __future__ import annotations

from typing import Any, Callable, NamedTuple

from . import engine as _engine
from .engine import ENGINE, TapeNode, _flatten_tensors
from .opdef import GradConfig, to_tensor
from .tensor import Tensor, Variable

_FLOATS = ("float32", "float16", "float64", "complex64")


class ValueAndGrad(NamedTuple):
    value: Tensor
    grad: Tensor


class ValueAndGrads(NamedTuple):
    value: Tensor
    grads: list


class VariableGrads(NamedTuple):
    value: Tensor
    grads: dict


def _check_x(x: Any, where: str, i: int | None = None) -> Tensor:
    name = "x" if i is None else f"args[{i}]"
    t = to_tensor(x, name, where)
    if t.dtype not in _FLOATS:
        raise TypeError(f"{where}: can only differentiate with respect to float tensors, but "
                        f"{name} is {t.dtype}; cast it with tf.cast(x, 'float32').")
    return t


def _check_dy(dy: Any, where: str) -> Tensor | None:
    return None if dy is None else to_tensor(dy, "dy", where)


def grad(f: Callable[[Tensor], Tensor]) -> Callable[..., Tensor]:
    """Returns ``g(x, dy=None)``: the gradient of ``f`` at ``x`` (of ``sum(f(x) * dy)`` when
    ``dy`` is given; a non-scalar ``f(x)`` without ``dy`` is summed, as in TF.js).

    >>> import pytfjs as tf
    >>> g = tf.grad(lambda x: x * x)
    >>> g(tf.tensor([2.0, 3.0])).to_list()
    [4.0, 6.0]
    """
    if not callable(f):
        raise TypeError("The f passed in grad(f) must be a function")

    def g(x: Any, dy: Any = None) -> Tensor:
        xt = _check_x(x, "tf.grad")
        dyt = _check_dy(dy, "tf.grad")

        def run() -> Tensor:
            y, gs = _engine.gradients(lambda: f(xt), [xt], dyt)
            y.dispose()
            return gs[0]
        return ENGINE.tidy(run)
    return g


def grads(f: Callable[..., Tensor]) -> Callable[..., list]:
    """Returns ``g(xs, dy=None)``: the gradients of ``f(*xs)`` with respect to each of ``xs``.

    >>> import pytfjs as tf
    >>> g = tf.grads(lambda a, b: a * b)
    >>> [t.to_list() for t in g([tf.tensor([2.0]), tf.tensor([5.0])])]
    [[5.0], [2.0]]
    """
    if not callable(f):
        raise TypeError("The f passed in grads(f) must be a function")

    def g(xs: Any, dy: Any = None) -> list:
        if not isinstance(xs, (list, tuple)):
            raise TypeError("The args passed in grads(f)(args) must be a list of tensors")
        ts = [_check_x(x, "tf.grads", i) for i, x in enumerate(xs)]
        dyt = _check_dy(dy, "tf.grads")

        def run() -> list:
            y, gs = _engine.gradients(lambda: f(*ts), ts, dyt)
            y.dispose()
            return gs
        return ENGINE.tidy(run)
    return g


def value_and_grad(f: Callable[[Tensor], Tensor]) -> Callable[..., ValueAndGrad]:
    """Like :func:`grad`, but returns ``(value, grad)`` (fields ``.value`` and ``.grad``).

    >>> import pytfjs as tf
    >>> value, g = tf.value_and_grad(lambda x: x * x)(tf.scalar(3.0))
    >>> value.item(), g.item()
    (9.0, 6.0)
    """
    def g(x: Any, dy: Any = None) -> ValueAndGrad:
        xt = _check_x(x, "tf.value_and_grad")
        dyt = _check_dy(dy, "tf.value_and_grad")
        y, gs = ENGINE.tidy(lambda: _engine.gradients(lambda: f(xt), [xt], dyt))
        return ValueAndGrad(y, gs[0])
    return g


def value_and_grads(f: Callable[..., Tensor]) -> Callable[..., ValueAndGrads]:
    """Like :func:`grads`, but returns ``(value, grads)``."""
    def g(xs: Any, dy: Any = None) -> ValueAndGrads:
        if not isinstance(xs, (list, tuple)):
            raise TypeError("The args passed in value_and_grads(f)(args) must be a list of tensors")
        ts = [_check_x(x, "tf.value_and_grads", i) for i, x in enumerate(xs)]
        dyt = _check_dy(dy, "tf.value_and_grads")
        y, gs = ENGINE.tidy(lambda: _engine.gradients(lambda: f(*ts), ts, dyt))
        return ValueAndGrads(y, gs)
    return g


def variable_grads(f: Callable[[], Tensor], var_list: list | None = None) -> VariableGrads:
    """Gradients of the scalar ``f()`` with respect to trainable variables (all of them, or
    ``var_list``); returns ``(value, {variable name: gradient})``.

    >>> import pytfjs as tf
    >>> v = tf.variable(tf.tensor([1.0, 2.0]), name="vg_doc")
    >>> value, g = tf.variable_grads(lambda: tf.sum(v * v))
    >>> g["vg_doc"].to_list()
    [2.0, 4.0]
    >>> tf.dispose([value, g, v])
    """
    if var_list is None:
        var_list = [v for v in ENGINE.registered_variables.values() if v.trainable]
    else:
        for v in var_list:
            if not isinstance(v, Variable):
                raise TypeError("variable_grads: var_list must contain only Variables")
        var_list = [v for v in var_list if v.trainable]
    if not var_list:
        raise ValueError("variable_grads: there are no trainable variables to differentiate")

    def f_checked() -> Tensor:
        y = f()
        if not isinstance(y, Tensor) or y.rank != 0:
            rank = y.rank if isinstance(y, Tensor) else type(y).__name__
            raise ValueError(f"The f passed in variable_grads(f) must return a scalar, but it "
                             f"returned a rank-{rank} tensor")
        return y

    y, gs = ENGINE.tidy(lambda: _engine.gradients(f_checked, list(var_list), None,
                                                  allow_no_gradients=True))
    if all(g is None for g in gs):
        names = ", ".join(v.name for v in var_list)
        raise ValueError(f"Cannot find a connection between any variable and the result of the "
                         f"loss function y=f(x). Variables: {names}")
    return VariableGrads(y, {v.name: g for v, g in zip(var_list, gs) if g is not None})


def custom_grad(f: Callable[..., Any]) -> Callable[..., Tensor]:
    """Defines a function with its own gradient. ``f(*inputs, save)`` returns
    ``(value, grad_fn)`` where ``grad_fn(dy, saved)`` returns one gradient per input (or a
    single tensor for one input); ``save(list_of_tensors)`` keeps tensors for ``grad_fn``.

    >>> import pytfjs as tf
    >>> def f(x, save):
    ...     save([x])
    ...     return x * x, lambda dy, saved: dy * 10.0
    >>> tf.grad(tf.custom_grad(f))(tf.tensor([1.0, 2.0])).to_list()
    [10.0, 10.0]
    """
    if not callable(f):
        raise TypeError("The f passed in custom_grad(f) must be a function")

    def wrapped(*args: Any) -> Tensor:
        inputs = [to_tensor(a, f"args[{i}]", "custom_grad") for i, a in enumerate(args)]
        saved: list[Tensor] = []

        def save(tensors: Any) -> None:
            saved.extend(_flatten_tensors(tensors))

        tape, depth = ENGINE.active_tape, ENGINE.gradient_depth
        ENGINE.active_tape, ENGINE.gradient_depth = None, 0  # f's own ops are not recorded
        try:
            result = f(*inputs, save)
        finally:
            ENGINE.active_tape, ENGINE.gradient_depth = tape, depth
        if not (isinstance(result, (tuple, list)) and len(result) == 2 and callable(result[1])):
            raise TypeError("custom_grad: f must return (value, grad_fn)")
        value, grad_fn = result
        if not isinstance(value, Tensor):
            raise TypeError("custom_grad: the value returned by f must be a Tensor")
        if ENGINE.active_tape is not None:
            kept = tuple(ENGINE._save(t) for t in saved)

            def gfn(dy: Any, saved_in: tuple, saved_out: tuple, attrs: dict) -> tuple:
                res = grad_fn(dy, list(saved_in))
                res = (res,) if isinstance(res, Tensor) else tuple(res)
                if len(res) != len(inputs):
                    raise ValueError(f"custom_grad: grad_fn returned {len(res)} gradients for "
                                     f"{len(inputs)} inputs")
                return res
            ENGINE.active_tape.append(TapeNode("CustomGradient", tuple(inputs), (value,), {}, kept,
                                               (), GradConfig(gfn, kernel="CustomGradient")))
        return value
    return wrapped
