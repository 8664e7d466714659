"""Ops: basic math (unary elementwise math and activations).

Most ops here are table rows: one :func:`_unary` call declares the public op (its own docstring
and example, argument checks, kernel, dtype rule and TF graph op names). The xp kernels are the
matching rows of ``backends/xp/basic_math.py``.

Input dtypes follow TF.js 4.22 (checked against its cpu backend):

- ``FLOAT`` ops (``log``, ``sqrt``, ``sin``, ``tanh``, ``sigmoid``, ...) take float tensors only;
  TensorLike values (nested lists, Python numbers) are read as float32.
- ``NUMERIC`` ops also take int32 and bool tensors and keep their dtype, storing the float
  result back truncated toward zero as TF.js's typed arrays do (``tf.expm1`` of int32 is int32,
  ``tf.reciprocal(tf.tensor([2]))`` is ``[0]``).
- ``exp``, ``erf``, ``leaky_relu`` and ``prelu`` return float32 for int32 inputs.
- complex64 is accepted by ``abs`` only (it returns the float32 magnitude).

Each row also carries its gradient (tfjs-core ``gradients/*_grad.ts``): ``grad=`` a rule
``(dy, x) -> dx``, or ``grad_y=`` a rule ``(dy, y) -> dx`` written with the op's output (the
input is then not kept), or ``grad=ZERO`` for piecewise-constant ops. Rules are built from
public ops, so gradients of gradients work. ``is_nan``, ``is_inf`` and ``is_finite`` are not
differentiable.
"""
from __future__ import annotations

from typing import Any

from ..core import dtypes as _dt
from ..core.opdef import op, run, to_tensor
from ..core.shapes import broadcast_shapes
from ..core.tensor import Tensor
from .arithmetic import _sum_to, add, div, mul, pow, sub
from .creation import zeros_like
from .logical import greater, greater_equal, less_equal, logical_and, where

__all__ = [
    "abs", "neg", "exp", "expm1", "log", "log1p", "sqrt", "rsqrt", "square", "reciprocal",
    "sign", "floor", "ceil", "round", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
    "tanh", "asinh", "acosh", "atanh", "erf", "sigmoid", "log_sigmoid", "softplus", "relu",
    "relu6", "elu", "selu", "leaky_relu", "prelu", "step", "is_nan", "is_inf", "is_finite",
    "clip_by_value",
]

# Which input dtypes an op accepts.
FLOAT = "float"          # float tensors; TensorLikes are read as float32
NUMERIC = "numeric"      # float, int32 and bool tensors
INT_OR_FLOAT = "int_or_float"

_ACCEPTS_DOC = {
    FLOAT: "a float32 tensor, or a TensorLike (read as float32)",
    NUMERIC: "a numeric tensor (float32, int32 or bool) or a TensorLike",
    INT_OR_FLOAT: "a float32 or int32 tensor, or a TensorLike",
}


def unary_input(x: Any, name: str, accepts: str = NUMERIC, complex_ok: bool = False,
                arg: str = "x") -> Tensor:
    """Converts and checks the input of a unary op (TF.js ``convertToTensor`` with the op's
    dtype rule); raises ``TypeError`` naming the op and the argument."""
    if accepts == FLOAT:
        x = to_tensor(x, arg, name, dtype="float32", numeric=True)
        if not _dt.is_float(x.dtype):
            raise TypeError(f"Argument '{arg}' passed to '{name}' must be float32 tensor, "
                            f"but got {x.dtype} tensor")
        return x
    x = to_tensor(x, arg, name, numeric=True)
    if x.dtype == "complex64" and not complex_ok:
        raise TypeError(f"'{name}' does not support complex64 tensors (argument '{arg}')")
    if accepts == INT_OR_FLOAT and x.dtype == "bool":
        raise TypeError(f"Argument '{arg}' passed to '{name}' must be float32 or int32 tensor, "
                        f"but got bool tensor")
    return x


def _doc(summary: str, accepts: str, dtype_rule: str, example: str, extra_args: str = "") -> str:
    return (f"{summary}\n\n"
            f"Args:\n"
            f"    x: {_ACCEPTS_DOC[accepts]}.\n{extra_args}\n"
            f"Returns:\n"
            f"    A tensor shaped like ``x``; dtype: {dtype_rule}.\n\n"
            f"Example:\n\n"
            f"    >>> import pytfjs as tf\n"
            + "".join(f"    {line}\n" for line in example.strip().split("\n")))


def ZERO(dy: Tensor, x: Tensor) -> Tensor:
    """The gradient rule of a piecewise-constant op (``sign``, ``floor``, ``step``, ...)."""
    return zeros_like(dy)


def _unary_grad(op_fn: Any, grad: Any = None, grad_y: Any = None) -> None:
    """Declares a unary kernel's gradient from a rule of ``(dy, x)`` or of ``(dy, y)``."""
    if grad is ZERO:
        op_fn.gradient()(lambda dy, inputs, outputs, attrs: (zeros_like(dy),))
    elif grad_y is not None:
        op_fn.gradient(save_outputs=True)(
            lambda dy, inputs, outputs, attrs: (grad_y(dy, outputs[0]),))
    elif grad is not None:
        op_fn.gradient(save_inputs=True)(
            lambda dy, inputs, outputs, attrs: (grad(dy, inputs[0]),))


def _unary(name: str, kernel: str, accepts: str, dtype_rule: str, summary: str, example: str,
           tf_ops: tuple[str, ...] | None = None, complex_ok: bool = False,
           grad: Any = None, grad_y: Any = None) -> Any:
    """Declares a unary elementwise op from one table row; ``grad``/``grad_y``: its gradient
    rule (see the module docstring); without either the op is not differentiable."""
    def fn(x: Any) -> Tensor:
        return run(kernel, unary_input(x, name, accepts, complex_ok))

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = _doc(summary, accepts, dtype_rule, example)
    declared = op(kernel, tf_ops=tf_ops if tf_ops is not None else (kernel,), dtype=dtype_rule,
                  differentiable=grad is not None or grad_y is not None)(fn)
    _unary_grad(declared, grad, grad_y)
    return declared


SAME = "same as ``x`` (int32 and bool results are truncated toward zero)"
SAME_EXACT = "same as ``x``"
TO_FLOAT = "float32 (int32 and bool inputs give float32)"
F32 = "float32"

_TWO_OVER_SQRT_PI = 1.1283791670955126  # d/dx erf(x) = 2 / sqrt(pi) * exp(-x * x)
_SELU_SCALE = 1.0507009873554805
_SELU_SCALE_ALPHA = 1.7580993408473768  # scale * alpha

# ---------------------------------------------------------------------------------------- table
# name = _unary(name, kernel, accepted inputs, dtype rule, summary, example, [TF graph ops])
abs = _unary(  # noqa: A001 - TF.js name
    "abs", "Abs", NUMERIC, "same as ``x``; float32 for complex64", "Computes ``|x|`` elementwise "
    "(the magnitude for complex64). Also ``abs(t)``.",
    ">>> tf.abs(tf.tensor([-1.5, 2.0])).to_list()\n[1.5, 2.0]",
    tf_ops=("Abs", "ComplexAbs"), complex_ok=True,
    grad=lambda dy, x: _abs_grad(dy, x))
def _abs_grad(dy: Tensor, x: Tensor) -> Tensor:
    if x.dtype != "complex64":
        return mul(dy, step(x, -1.0))  # TF.js: the slope at 0 is -1
    # TensorFlow's ComplexAbs gradient: dy * x / |x| (0 where x is 0).
    from .arithmetic import div_no_nan
    from .creation import complex as make_complex, imag, real
    mag = abs(x)
    scale = div_no_nan(dy, mag)
    return make_complex(mul(real(x), scale), mul(imag(x), scale))


neg = _unary(
    "neg", "Neg", NUMERIC, SAME_EXACT, "Computes ``-x`` elementwise. Also ``-t``.",
    ">>> tf.neg(tf.tensor([1, -2])).to_list()\n[-1, 2]",
    grad=lambda dy, x: neg(dy))
exp = _unary(
    "exp", "Exp", NUMERIC, TO_FLOAT, "Computes ``e ** x`` elementwise.",
    ">>> tf.exp(tf.tensor([0.0, 1.0])).to_list()\n[1.0, 2.718281...]",
    grad_y=lambda dy, y: mul(dy, y))
expm1 = _unary(
    "expm1", "Expm1", NUMERIC, SAME, "Computes ``e ** x - 1`` elementwise, accurately near 0.",
    ">>> tf.expm1(tf.tensor([0.0, 1.0])).to_list()\n[0.0, 1.718281...]",
    grad=lambda dy, x: mul(dy, exp(x)))
log = _unary(
    "log", "Log", FLOAT, F32, "Computes the natural logarithm elementwise (``log(0)`` is "
    "``-inf``, negative values give NaN).",
    ">>> tf.log(tf.tensor([1.0, 0.0])).to_list()\n[0.0, -inf]",
    grad=lambda dy, x: div(dy, x))
log1p = _unary(
    "log1p", "Log1p", NUMERIC, SAME, "Computes ``log(1 + x)`` elementwise, accurately near 0.",
    ">>> tf.log1p(tf.tensor([0.0, 1.0])).to_list()\n[0.0, 0.693147...]",
    grad=lambda dy, x: div(dy, add(x, 1.0)))
sqrt = _unary(
    "sqrt", "Sqrt", FLOAT, F32, "Computes the square root elementwise.",
    ">>> tf.sqrt(tf.tensor([4.0, 2.25])).to_list()\n[2.0, 1.5]",
    grad=lambda dy, x: div(dy, mul(sqrt(x), 2.0)))
rsqrt = _unary(
    "rsqrt", "Rsqrt", FLOAT, F32, "Computes ``1 / sqrt(x)`` elementwise.",
    ">>> tf.rsqrt(tf.tensor([4.0, 0.25])).to_list()\n[0.5, 2.0]",
    grad=lambda dy, x: neg(div(dy, mul(pow(x, 1.5), 2.0))))
square = _unary(
    "square", "Square", NUMERIC, SAME_EXACT, "Computes ``x * x`` elementwise.",
    ">>> tf.square(tf.tensor([3, -2])).to_list()\n[9, 4]",
    grad=lambda dy, x: mul(dy, mul(x, 2.0)))
reciprocal = _unary(
    "reciprocal", "Reciprocal", NUMERIC, SAME, "Computes ``1 / x`` elementwise.",
    ">>> tf.reciprocal(tf.tensor([2.0, -0.5])).to_list()\n[0.5, -2.0]",
    tf_ops=("Reciprocal", "Inv"), grad=lambda dy, x: div(dy, neg(square(x))))
sign = _unary(
    "sign", "Sign", NUMERIC, SAME_EXACT, "Returns -1, 0 or 1 by the sign of each element "
    "(``sign(NaN)`` is 0, as in TF.js).",
    ">>> tf.sign(tf.tensor([-3.0, 0.0, 2.5, float('nan')])).to_list()\n[-1.0, 0.0, 1.0, 0.0]",
    grad=ZERO)
floor = _unary(
    "floor", "Floor", FLOAT, F32, "Rounds each element down to an integer value.",
    ">>> tf.floor(tf.tensor([1.5, -1.5])).to_list()\n[1.0, -2.0]", grad=ZERO)
ceil = _unary(
    "ceil", "Ceil", FLOAT, F32, "Rounds each element up to an integer value.",
    ">>> tf.ceil(tf.tensor([1.5, -1.5])).to_list()\n[2.0, -1.0]", grad=ZERO)
round = _unary(  # noqa: A001 - TF.js name
    "round", "Round", NUMERIC, SAME_EXACT, "Rounds each element to the nearest integer value, "
    "halves to even (``round(2.5)`` is 2).",
    ">>> tf.round(tf.tensor([0.5, 1.5, 2.5, -1.7])).to_list()\n[0.0, 2.0, 2.0, -2.0]",
    grad=ZERO)
sin = _unary(
    "sin", "Sin", FLOAT, F32, "Computes the sine elementwise (radians).",
    ">>> tf.sin(tf.tensor([0.0])).to_list()\n[0.0]",
    grad=lambda dy, x: mul(dy, cos(x)))
cos = _unary(
    "cos", "Cos", FLOAT, F32, "Computes the cosine elementwise (radians).",
    ">>> tf.cos(tf.tensor([0.0])).to_list()\n[1.0]",
    grad=lambda dy, x: mul(dy, neg(sin(x))))
tan = _unary(
    "tan", "Tan", FLOAT, F32, "Computes the tangent elementwise (radians).",
    ">>> tf.tan(tf.tensor([0.0, 0.785398])).to_list()\n[0.0, 0.99999...]",
    grad=lambda dy, x: div(dy, square(cos(x))))
asin = _unary(
    "asin", "Asin", NUMERIC, SAME, "Computes the arcsine elementwise (NaN outside [-1, 1]).",
    ">>> tf.asin(tf.tensor([0.0, 1.0])).to_list()\n[0.0, 1.570796...]",
    grad=lambda dy, x: div(dy, sqrt(sub(1.0, square(x)))))
acos = _unary(
    "acos", "Acos", NUMERIC, SAME, "Computes the arccosine elementwise (NaN outside [-1, 1]).",
    ">>> tf.acos(tf.tensor([1.0, 0.0])).to_list()\n[0.0, 1.570796...]",
    grad=lambda dy, x: neg(div(dy, sqrt(sub(1.0, square(x))))))
atan = _unary(
    "atan", "Atan", NUMERIC, SAME, "Computes the arctangent elementwise.",
    ">>> tf.atan(tf.tensor([0.0, 1.0])).to_list()\n[0.0, 0.785398...]",
    grad=lambda dy, x: div(dy, add(square(x), 1.0)))
sinh = _unary(
    "sinh", "Sinh", NUMERIC, SAME, "Computes the hyperbolic sine elementwise.",
    ">>> tf.sinh(tf.tensor([0.0, 1.0])).to_list()\n[0.0, 1.175201...]",
    grad=lambda dy, x: mul(dy, cosh(x)))
cosh = _unary(
    "cosh", "Cosh", FLOAT, F32, "Computes the hyperbolic cosine elementwise.",
    ">>> tf.cosh(tf.tensor([0.0, 1.0])).to_list()\n[1.0, 1.543080...]",
    grad=lambda dy, x: mul(dy, sinh(x)))
tanh = _unary(
    "tanh", "Tanh", FLOAT, F32, "Computes the hyperbolic tangent elementwise.",
    ">>> tf.tanh(tf.tensor([0.0, 1.0])).to_list()\n[0.0, 0.761594...]",
    grad_y=lambda dy, y: mul(dy, sub(1.0, square(y))))
asinh = _unary(
    "asinh", "Asinh", NUMERIC, SAME, "Computes the inverse hyperbolic sine elementwise.",
    ">>> tf.asinh(tf.tensor([0.0, 1.0])).to_list()\n[0.0, 0.881373...]",
    grad=lambda dy, x: div(dy, sqrt(add(square(x), 1.0))))
acosh = _unary(
    "acosh", "Acosh", NUMERIC, SAME, "Computes the inverse hyperbolic cosine elementwise "
    "(NaN below 1).",
    ">>> tf.acosh(tf.tensor([1.0, 2.0])).to_list()\n[0.0, 1.316957...]",
    grad=lambda dy, x: div(dy, sqrt(sub(square(x), 1.0))))
atanh = _unary(
    "atanh", "Atanh", NUMERIC, SAME, "Computes the inverse hyperbolic tangent elementwise "
    "(+-inf at +-1, NaN outside [-1, 1]).",
    ">>> tf.atanh(tf.tensor([0.0, 0.5])).to_list()\n[0.0, 0.549306...]",
    grad=lambda dy, x: div(dy, sub(1.0, square(x))))
erf = _unary(
    "erf", "Erf", INT_OR_FLOAT, TO_FLOAT, "Computes the Gauss error function elementwise "
    "(the Abramowitz-Stegun approximation TF.js uses, absolute error below 1.5e-7).",
    ">>> tf.erf(tf.tensor([0.0, 0.5])).to_list()\n[0.0, 0.5205...]",
    grad=lambda dy, x: mul(dy, mul(exp(neg(square(x))), _TWO_OVER_SQRT_PI)))
sigmoid = _unary(
    "sigmoid", "Sigmoid", FLOAT, F32, "Computes ``1 / (1 + exp(-x))`` elementwise.",
    ">>> tf.sigmoid(tf.tensor([0.0, 2.0])).to_list()\n[0.5, 0.880797...]",
    grad_y=lambda dy, y: mul(dy, mul(y, sub(1.0, y))))
softplus = _unary(
    "softplus", "Softplus", NUMERIC, SAME, "Computes ``log(1 + exp(x))`` elementwise, stably "
    "for large ``|x|``.",
    ">>> tf.softplus(tf.tensor([0.0, 1.0])).to_list()\n[0.693147..., 1.313261...]",
    grad=lambda dy, x: mul(dy, sigmoid(x)))
relu = _unary(
    "relu", "Relu", NUMERIC, SAME_EXACT, "Computes ``max(x, 0)`` elementwise (NaN stays NaN).",
    ">>> tf.relu(tf.tensor([-1.0, 2.0])).to_list()\n[0.0, 2.0]",
    grad=lambda dy, x: mul(dy, step(x)))  # 0 at x = 0, as TF.js
relu6 = _unary(
    "relu6", "Relu6", NUMERIC, SAME_EXACT, "Computes ``min(max(x, 0), 6)`` elementwise.",
    ">>> tf.relu6(tf.tensor([-1, 3, 8])).to_list()\n[0, 3, 6]",
    grad=lambda dy, x: where(greater(x, 6.0), 0.0, mul(dy, step(x))))  # 1 on (0, 6], as TF.js
elu = _unary(
    "elu", "Elu", FLOAT, F32, "Exponential linear unit: ``x`` where ``x >= 0``, else "
    "``exp(x) - 1``.",
    ">>> tf.elu(tf.tensor([-1.0, 2.0])).to_list()\n[-0.632120..., 2.0]",
    grad_y=lambda dy, y: where(greater_equal(y, 0.0), dy, mul(dy, add(y, 1.0))))  # EluGrad
selu = _unary(
    "selu", "Selu", NUMERIC, SAME, "Scaled exponential linear unit: ``scale * x`` where "
    "``x >= 0``, else ``scale * alpha * (exp(x) - 1)`` (scale 1.0507..., alpha 1.6732...).",
    ">>> tf.selu(tf.tensor([0.0, 1.0])).to_list()\n[0.0, 1.050701...]",
    grad=lambda dy, x: where(greater(x, 0.0), mul(dy, _SELU_SCALE),
                             mul(dy, mul(exp(x), _SELU_SCALE_ALPHA))))
is_nan = _unary(
    "is_nan", "IsNan", NUMERIC, "bool", "Returns which elements are NaN.",
    ">>> tf.is_nan(tf.tensor([1.0, float('nan')])).to_list()\n[False, True]")
is_inf = _unary(
    "is_inf", "IsInf", NUMERIC, "bool", "Returns which elements are +inf or -inf.",
    ">>> tf.is_inf(tf.tensor([1.0, float('-inf')])).to_list()\n[False, True]")
is_finite = _unary(
    "is_finite", "IsFinite", NUMERIC, "bool", "Returns which elements are neither infinite "
    "nor NaN.",
    ">>> tf.is_finite(tf.tensor([1.0, float('inf'), float('nan')])).to_list()\n"
    "[True, False, False]")


# ------------------------------------------------------------------- ops with extra parameters
def _number(value: Any, name: str, arg: str) -> float:
    if isinstance(value, Tensor):
        if value.size != 1:
            raise ValueError(f"'{name}': {arg} must be a number, got a tensor of shape "
                             f"{list(value.shape)}")
        value = value.item()
    if isinstance(value, (bool, str, bytes)) or not isinstance(value, (int, float)):
        try:
            if isinstance(value, (bool, str, bytes)):
                raise TypeError
            value = float(value)  # NumPy scalars
        except (TypeError, ValueError):
            raise TypeError(f"'{name}': {arg} must be a number, got "
                            f"{type(value).__name__}") from None
    return float(value)


@op(None, dtype="same as ``x`` (int32 and bool results are truncated toward zero)")
def log_sigmoid(x: Any) -> Tensor:
    """Computes ``log(sigmoid(x))`` elementwise, as ``-softplus(-x)`` (TF.js composes it the
    same way, so int32 and bool inputs behave as there).

    Args:
        x: a numeric tensor (float32, int32 or bool) or a TensorLike.

    Returns:
        A tensor shaped and typed like ``x``.

    Example:

        >>> import pytfjs as tf
        >>> tf.log_sigmoid(tf.tensor([0.0, 1.0])).to_list()
        [-0.693147..., -0.313261...]
    """
    x = unary_input(x, "log_sigmoid")
    return run("Neg", run("Softplus", run("Neg", x)))


@op("LeakyRelu", tf_ops=("LeakyRelu",), dtype=TO_FLOAT)
def leaky_relu(x: Any, alpha: float = 0.2) -> Tensor:
    """Leaky rectified linear unit: ``x`` where ``x >= 0``, else ``alpha * x``.

    Args:
        x: a numeric tensor (float32, int32 or bool) or a TensorLike.
        alpha: the slope for negative inputs (default 0.2).

    Returns:
        A float32 tensor shaped like ``x``.

    Example:

        >>> import pytfjs as tf
        >>> tf.leaky_relu(tf.tensor([-2.0, 3.0]), 0.5).to_list()
        [-1.0, 3.0]
    """
    x = unary_input(x, "leaky_relu")
    return run("LeakyRelu", x, alpha=_number(alpha, "leaky_relu", "alpha"))


@leaky_relu.gradient(save_inputs=True)
def _leaky_relu_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    return (where(greater(x, 0.0), dy, mul(dy, attrs["alpha"])),)


@op("Prelu", tf_ops=("Prelu",), dtype=F32)
def prelu(x: Any, alpha: Any) -> Tensor:
    """Parametric ReLU: ``x`` where ``x >= 0``, else ``alpha * x``, with ``alpha`` a tensor that
    broadcasts against ``x`` (typically one slope per channel).

    Args:
        x: a numeric tensor (float32, int32 or bool) or a TensorLike.
        alpha: the slopes, a numeric tensor or TensorLike broadcastable with ``x``.

    Returns:
        A float32 tensor of the broadcast shape.

    Example:

        >>> import pytfjs as tf
        >>> tf.prelu(tf.tensor([[-1.0, -2.0], [3.0, -4.0]]), tf.tensor([0.5, 0.25])).to_list()
        [[-0.5, -0.5], [3.0, -1.0]]
    """
    x = unary_input(x, "prelu")
    alpha = unary_input(alpha, "prelu", arg="alpha")
    broadcast_shapes(x.shape, alpha.shape, "prelu")
    if not _dt.is_float(x.dtype):
        x = run("Cast", x, dtype="float32")
    if alpha.dtype != x.dtype:
        alpha = run("Cast", alpha, dtype=x.dtype)
    return run("Prelu", x, alpha)


@prelu.gradient(save_inputs=True)
def _prelu_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # Both gradients are summed back to their input's shape (TF.js only does it for alpha).
    x, alpha = inputs
    positive = greater(x, 0.0)
    dx = where(positive, dy, mul(dy, alpha))
    dalpha = where(positive, 0.0, mul(dy, x))
    return _sum_to(dx, x.shape, dy), _sum_to(dalpha, alpha.shape, dy)


@op("Step", tf_ops=(), dtype=SAME)
def step(x: Any, alpha: float = 0.0) -> Tensor:
    """Step function: 1 where ``x > 0``, else ``alpha`` (NaN stays NaN).

    Args:
        x: a numeric tensor (float32, int32 or bool) or a TensorLike.
        alpha: the value for ``x <= 0`` (default 0; truncated for int32 inputs).

    Returns:
        A tensor shaped and typed like ``x``.

    Example:

        >>> import pytfjs as tf
        >>> tf.step(tf.tensor([-1.0, 0.0, 2.0]), 0.5).to_list()
        [0.5, 0.5, 1.0]
    """
    x = unary_input(x, "step")
    return run("Step", x, alpha=_number(alpha, "step", "alpha"))


_unary_grad(step, grad=ZERO)


@op("ClipByValue", tf_ops=("ClipByValue",), dtype=SAME)
def clip_by_value(x: Any, clip_value_min: float, clip_value_max: float) -> Tensor:
    """Clips each element to ``[clip_value_min, clip_value_max]`` (NaN stays NaN).

    Args:
        x: a numeric tensor (float32, int32 or bool) or a TensorLike.
        clip_value_min: the lower bound, a number.
        clip_value_max: the upper bound, a number ``>= clip_value_min``.

    Returns:
        A tensor shaped and typed like ``x``.

    Example:

        >>> import pytfjs as tf
        >>> tf.clip_by_value(tf.tensor([-2.0, 0.5, 3.0]), -1, 1).to_list()
        [-1.0, 0.5, 1.0]
    """
    x = unary_input(x, "clip_by_value")
    lo = _number(clip_value_min, "clip_by_value", "clip_value_min")
    hi = _number(clip_value_max, "clip_by_value", "clip_value_max")
    if not lo <= hi:
        raise ValueError(f"'clip_by_value': clip_value_min ({clip_value_min}) must be less than "
                         f"or equal to clip_value_max ({clip_value_max})")
    return run("ClipByValue", x, clip_value_min=lo, clip_value_max=hi)


@clip_by_value.gradient(save_inputs=True)
def _clip_by_value_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs  # dy passes where x is inside the bounds, bounds included (as TF.js)
    inside = logical_and(greater_equal(x, attrs["clip_value_min"]),
                         less_equal(x, attrs["clip_value_max"]))
    return (where(inside, dy, 0.0),)
