"""Ops: arithmetic (binary elementwise math with broadcasting).

Most ops here are table rows: one :func:`_binary` call declares the public op (its own
docstring and example, argument checks, kernel, dtype rule and TF graph op names). The xp
kernels are the matching rows of ``backends/xp/arithmetic.py``.

Both operands are converted and upcast to a common dtype first (TF.js ``makeTypesMatch``; a
Python scalar beside a tensor takes the tensor's dtype where that is lossless), then the shapes
must broadcast. As in TF.js 4.22: ``div`` of two int32 tensors is a floor division,
``floor_div`` returns int32 even for float32 inputs, ``maximum``/``minimum`` of bool give int32,
and int32/bool results of float math are truncated toward zero.

Gradients are part of each table row: a rule ``(dy, a, b) -> (da, db)`` written at the
broadcast shape; :func:`_binary_grad` sums each back to its operand's shape. They follow
tfjs-core ``gradients/*_grad.ts``, except where TF.js is wrong:
``maximum``, ``minimum`` and ``squared_difference`` also work under broadcasting (TF.js throws),
``floor_div`` has ``div``'s gradient (as TF.js), and ``div_no_nan`` has its own
(TensorFlow's: zero where ``b`` is 0; TF.js has none).
"""
from __future__ import annotations

from typing import Any

from ..core.opdef import op, run, to_tensors
from ..core.shapes import broadcast_shapes, reduction_axes
from ..core.tensor import Tensor
from ._util import binary_inputs, cast_to
from .creation import clone, zeros_like

__all__ = [
    "add", "sub", "mul", "div", "div_no_nan", "floor_div", "mod", "pow", "maximum", "minimum",
    "squared_difference", "atan2", "add_n",
]


def _unbroadcast(grad: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Sums ``grad`` over the axes that broadcasting added to reach ``shape``."""
    if grad.shape == shape:
        return grad
    from . import reduction, transformation
    axes = reduction_axes(shape, grad.shape)
    if axes:
        grad = reduction.sum(grad, axes)
    return transformation.reshape(grad, shape)


def _sum_to(g: Tensor | None, shape: tuple[int, ...], dy: Tensor) -> Tensor | None:
    """One operand's gradient: ``g`` summed back to ``shape``, and never ``dy`` itself (as in
    TF.js, a gradient is a new tensor, here an O(1) alias: two inputs then never share one, and
    the caller's ``dy`` is never handed back as a result)."""
    if g is None:
        return None
    g = _unbroadcast(g, shape)
    return clone(g) if g is dy else g


def _binary_grad(op_fn: Any, rule: Any) -> None:
    """Declares the gradient of a binary op's kernel from ``rule(dy, a, b) -> (da, db)``,
    computed at the broadcast shape (``None`` for an operand without a gradient)."""
    @op_fn.gradient(save_inputs=True)
    def grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
        a, b = inputs
        da, db = rule(dy, a, b)
        return _sum_to(da, a.shape, dy), _sum_to(db, b.shape, dy)


@op("Add", tf_ops=("Add", "AddV2", "BiasAdd"), dtype="upcast")
def add(a: Any, b: Any) -> Tensor:
    """Adds two tensors elementwise, with broadcasting. Also ``a + b``.

    >>> import pytfjs as tf
    >>> tf.add(tf.tensor([1, 2, 3, 4]), tf.tensor([10, 20, 30, 40])).to_list()
    [11, 22, 33, 44]
    >>> (tf.tensor([[1.0], [2.0]]) + 0.5).to_list()
    [[1.5], [2.5]]
    """
    a, b = binary_inputs(a, b, "add", numeric=True)
    broadcast_shapes(a.shape, b.shape, "add")
    return run("Add", a, b)


@add.gradient(save_inputs=True)
def _add_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    a, b = inputs
    return _sum_to(dy, a.shape, dy), _sum_to(dy, b.shape, dy)


def binary_operands(a: Any, b: Any, name: str, arg_a: str = "a", arg_b: str = "b",
                    complex_ok: bool = False) -> tuple[Tensor, Tensor]:
    """Converts, upcasts and checks the operands of a numeric binary op."""
    a, b = binary_inputs(a, b, name, arg_a, arg_b, numeric=True)
    if a.dtype == "complex64" and not complex_ok:
        raise TypeError(f"'{name}' does not support complex64 tensors (arguments '{arg_a}' "
                        f"and '{arg_b}')")
    broadcast_shapes(a.shape, b.shape, name)
    return a, b


def _doc(summary: str, dtype_rule: str, example: str) -> str:
    return (f"{summary}\n\n"
            f"Args:\n"
            f"    a: a numeric tensor or TensorLike.\n"
            f"    b: a numeric tensor or TensorLike, broadcastable with ``a``.\n\n"
            f"Returns:\n"
            f"    A tensor of the broadcast shape; dtype: {dtype_rule}.\n\n"
            f"Example:\n\n"
            f"    >>> import pytfjs as tf\n"
            + "".join(f"    {line}\n" for line in example.strip().split("\n")))


def _binary(name: str, kernel: str, dtype_rule: str, summary: str, example: str,
            tf_ops: tuple[str, ...] | None = None, complex_ok: bool = False,
            bool_as: str | None = None, int32_kernel: str | None = None,
            grad: Any = None) -> Any:
    """Declares a binary elementwise op from one table row. ``bool_as``: bool operands are cast
    to this dtype first; ``int32_kernel``: the kernel for int32 operands; ``grad``: the
    gradient rule ``(dy, a, b) -> (da, db)`` at the broadcast shape."""
    def fn(a: Any, b: Any) -> Tensor:
        a, b = binary_operands(a, b, name, complex_ok=complex_ok)
        if bool_as is not None and a.dtype == "bool":
            a, b = cast_to(a, bool_as), cast_to(b, bool_as)
        if int32_kernel is not None and a.dtype == "int32":
            return run(int32_kernel, a, b)
        return run(kernel, a, b)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = _doc(summary, dtype_rule, example)
    declared = op(kernel, tf_ops=tf_ops if tf_ops is not None else (kernel,), dtype=dtype_rule,
                  kernels=(int32_kernel,) if int32_kernel else ())(fn)
    if grad is not None:
        _binary_grad(declared, grad)
    return declared


def conj(x: Tensor) -> Tensor:
    """The complex conjugate (the identity for real tensors): complex gradients follow
    TensorFlow's convention ``d(a*b)/da = dy * conj(b)``."""
    if x.dtype != "complex64":
        return x
    from .creation import complex as make_complex, imag, real
    return make_complex(real(x), neg(imag(x)))


def negate(x: Tensor) -> Tensor:
    """``-x`` for any dtype, complex64 included (``neg`` follows TF.js and rejects complex)."""
    if x.dtype != "complex64":
        return neg(x)
    from .creation import complex as make_complex, imag, real
    return make_complex(neg(real(x)), neg(imag(x)))


# Gradient rules that need more than one line.
def _div_no_nan_grad(dy: Tensor, a: Tensor, b: Tensor) -> tuple:
    # TensorFlow's DivNoNan gradient: zero wherever b is 0 (TF.js composes divNoNan from ops
    # whose gradients give NaN or throw there).
    return div_no_nan(dy, b), mul(dy, div_no_nan(div_no_nan(neg(a), b), b))


def _floor_div_grad(dy: Tensor, a: Tensor, b: Tensor) -> tuple:
    # As TF.js: the gradient of a / b, treating the int32 result as continuous (TensorFlow
    # registers no gradient for FloorDiv). Kept for TF.js compatibility; see differences.md.
    from .transformation import cast
    fa, fb, fdy = (cast(t, "float32") if t.dtype not in ("float32", "float64") else t
                   for t in (a, b, dy))
    return div(fdy, fb), neg(div(mul(fdy, fa), square(fb)))


def _squared_difference_grad(dy: Tensor, a: Tensor, b: Tensor) -> tuple:
    g = mul(dy, mul(sub(a, b), 2.0))
    return g, neg(g)


def _atan2_grad(dy: Tensor, a: Tensor, b: Tensor) -> tuple:
    d = add(square(a), square(b))
    return mul(dy, div(b, d)), neg(mul(dy, div(a, d)))


def _pass_where(condition: Tensor, dy: Tensor) -> Tensor:
    """``dy`` where ``condition`` holds, else 0 (the gradient of a selection)."""
    return where(condition, dy, 0.0)


UPCAST = "the upcast dtype of the operands"
UPCAST_TRUNC = "the upcast dtype (int32 and bool results are truncated toward zero)"

# ---------------------------------------------------------------------------------------- table
# name = _binary(name, kernel, dtype rule, summary, example, [TF graph ops], [options])
sub = _binary(
    "sub", "Sub", UPCAST, "Subtracts ``b`` from ``a`` elementwise, with broadcasting. Also "
    "``a - b``.",
    ">>> tf.sub(tf.tensor([10, 20]), tf.tensor([1, 2])).to_list()\n[9, 18]",
    complex_ok=True, grad=lambda dy, a, b: (dy, negate(dy)))
mul = _binary(
    "mul", "Multiply", UPCAST, "Multiplies two tensors elementwise, with broadcasting. Also "
    "``a * b``.",
    ">>> tf.mul(tf.tensor([[1.0, 2.0]]), tf.tensor([[3.0], [4.0]])).to_list()\n"
    "[[3.0, 6.0], [4.0, 8.0]]",
    tf_ops=("Mul", "Multiply"), complex_ok=True,
    grad=lambda dy, a, b: (mul(dy, conj(b)), mul(dy, conj(a))))
div = _binary(
    "div", "RealDiv", "the upcast dtype; int32 / int32 is a floor division (as TF.js)",
    "Divides ``a`` by ``b`` elementwise, with broadcasting. Also ``a / b``. As in TF.js, two "
    "int32 tensors are floor-divided (``7 / 2`` is 3), and ``x / 0`` of int32 is 0.",
    ">>> tf.div(tf.tensor([1.0, 3.0]), tf.tensor([2.0, 4.0])).to_list()\n[0.5, 0.75]\n"
    ">>> tf.div(tf.tensor([7, -7]), tf.tensor([2, 2])).to_list()\n[3, -4]",
    tf_ops=("RealDiv", "Div"), int32_kernel="FloorDiv",
    grad=lambda dy, a, b: (div(dy, b), neg(div(mul(dy, a), square(b)))))
div_no_nan = _binary(
    "div_no_nan", "DivNoNan", "the upcast dtype; int32 / int32 is a floor division",
    "Divides ``a`` by ``b`` elementwise, returning 0 where ``b`` is 0 (even for ``0 / 0``).",
    ">>> tf.div_no_nan(tf.tensor([1.0, 2.0]), tf.tensor([4.0, 0.0])).to_list()\n[0.25, 0.0]",
    grad=_div_no_nan_grad)
floor_div = _binary(
    "floor_div", "FloorDiv", "int32 (also for float32 operands, as TF.js)",
    "Divides ``a`` by ``b`` elementwise and rounds down. Also ``a // b``. The result is int32 "
    "for every input dtype, as in TF.js; non-finite quotients give 0.",
    ">>> tf.floor_div(tf.tensor([7.5, -7.5]), tf.tensor([2.0, 2.0])).to_list()\n[3, -4]",
    grad=_floor_div_grad)
mod = _binary(
    "mod", "Mod", UPCAST, "The remainder of floor division elementwise; its sign follows the "
    "divisor, as in Python. Also ``a % b``. ``x mod 0`` is NaN (0 for int32).",
    ">>> tf.mod(tf.tensor([7, -7, 7]), tf.tensor([3, 3, -3])).to_list()\n[1, 2, -2]",
    tf_ops=("FloorMod", "Mod"), grad=lambda dy, a, b: (dy, mul(dy, neg(floor(div(a, b))))))
maximum = _binary(
    "maximum", "Maximum", "the upcast dtype; int32 for bool operands",
    "The larger of ``a`` and ``b`` elementwise (NaN if either is NaN), with broadcasting.",
    ">>> tf.maximum(tf.tensor([1, 5]), tf.tensor([3, 2])).to_list()\n[3, 5]",
    bool_as="int32",
    grad=lambda dy, a, b: (_pass_where(greater_equal(a, b), dy), _pass_where(less(a, b), dy)))
minimum = _binary(
    "minimum", "Minimum", "the upcast dtype; int32 for bool operands",
    "The smaller of ``a`` and ``b`` elementwise (NaN if either is NaN), with broadcasting.",
    ">>> tf.minimum(tf.tensor([1, 5]), tf.tensor([3, 2])).to_list()\n[1, 2]",
    bool_as="int32",
    grad=lambda dy, a, b: (_pass_where(less_equal(a, b), dy), _pass_where(greater(a, b), dy)))
squared_difference = _binary(
    "squared_difference", "SquaredDifference", UPCAST,
    "Computes ``(a - b) ** 2`` elementwise, with broadcasting.",
    ">>> tf.squared_difference(tf.tensor([1.0, 4.0]), tf.tensor([3.0, 1.0])).to_list()\n"
    "[4.0, 9.0]", grad=_squared_difference_grad)
atan2 = _binary(
    "atan2", "Atan2", UPCAST_TRUNC,
    "The angle of the point ``(b, a)`` elementwise, ``arctan(a / b)`` in the right quadrant.",
    ">>> tf.atan2(tf.tensor([1.0, 0.0]), tf.tensor([0.0, -1.0])).to_list()\n"
    "[1.570796..., 3.141592...]", grad=_atan2_grad)


@op("Pow", tf_ops=("Pow",), dtype=UPCAST_TRUNC)
def pow(base: Any, exp: Any) -> Tensor:  # noqa: A001 - TF.js name
    """Computes ``base ** exp`` elementwise, with broadcasting. Also ``base ** exp``.

    int32 ** int32 stays int32 (negative exponents truncate to 0 unless the base is 1 or -1);
    ``1 ** nan`` and ``(-1) ** inf`` are NaN, as in JavaScript.

    Args:
        base: a numeric tensor or TensorLike.
        exp: a numeric tensor or TensorLike, broadcastable with ``base``.

    Returns:
        A tensor of the broadcast shape; dtype: the upcast dtype (int32 and bool results are
        truncated toward zero).

    Example:

        >>> import pytfjs as tf
        >>> tf.pow(tf.tensor([2, 3]), tf.tensor([3, 2])).to_list()
        [8, 9]
        >>> tf.pow(tf.tensor([4.0, 2.0]), 0.5).to_list()
        [2.0, 1.414213...]
    """
    base, exp = binary_operands(base, exp, "pow", "base", "exp")
    return run("Pow", base, exp)


@pow.gradient(save_inputs=True, save_outputs=True)
def _pow_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    base, exp = inputs
    (y,) = outputs
    d_base = mul(dy, mul(exp, pow(base, sub(exp, 1.0))))
    # As TF.js, the exponent's gradient is 0 where base <= 0 (log(base) is taken only where
    # base > 0, so no NaN arises there, nor in a second-order gradient).
    log_base = log(where(greater(base, 0.0), base, 1.0))
    d_exp = mul(dy, mul(y, log_base))
    return _sum_to(d_base, base.shape, dy), _sum_to(d_exp, exp.shape, dy)


@op("AddN", tf_ops=("AddN",), dtype="the dtype of the inputs", method=False)
def add_n(tensors: Any) -> Tensor:
    """Adds a list of tensors elementwise. All must have the same shape and dtype (no
    broadcasting, as in TF.js).

    Args:
        tensors: a non-empty list of numeric tensors or TensorLikes.

    Returns:
        A tensor of the common shape and dtype.

    Example:

        >>> import pytfjs as tf
        >>> tf.add_n([tf.tensor([1, 2]), tf.tensor([3, 4]), tf.tensor([5, 6])]).to_list()
        [9, 12]
    """
    if isinstance(tensors, (list, tuple)) and not tensors:
        raise ValueError("'add_n': must pass at least one tensor, but got 0")
    ts = to_tensors(tensors, "tensors", "add_n", numeric=True)
    first = ts[0]
    for i, t in enumerate(ts[1:], 1):
        if t.dtype != first.dtype:
            raise TypeError(f"'add_n': all tensors must have the same dtype, but tensors[{i}] "
                            f"is {t.dtype} and tensors[0] is {first.dtype}")
        if t.shape != first.shape:
            raise ValueError(f"'add_n': all tensors must have the same shape, but tensors[{i}] "
                             f"has shape {list(t.shape)} and tensors[0] has shape "
                             f"{list(first.shape)}")
    if first.dtype == "complex64":
        raise TypeError("'add_n' does not support complex64 tensors")
    return run("AddN", *ts)


@add_n.gradient(save_inputs=True)
def _add_n_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return tuple(clone(dy) for _ in inputs)


# The gradients above use these ops; imported last because those modules import this one.
from .basic_math import floor, log, neg, square
from .logical import greater, greater_equal, less, less_equal, where
