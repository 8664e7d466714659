"""Ops: logical (comparisons, boolean logic and ``where``).

Comparisons are table rows (one :func:`_compare` call each): both operands are converted and
upcast to a common dtype (strings compare with strings), the shapes must broadcast, and the
result is bool. Logical ops take bool tensors only (TensorLikes are read as bool), as in TF.js.
Comparisons and logical ops are not differentiable; ``where`` is, in ``a`` and ``b``.
"""
from __future__ import annotations

from typing import Any

from ..core.opdef import op, run, to_tensor
from ..core.shapes import broadcast_shapes
from ..core.tensor import Tensor
from ._util import binary_inputs
from .arithmetic import _sum_to

__all__ = [
    "equal", "not_equal", "greater", "greater_equal", "less", "less_equal",
    "logical_and", "logical_or", "logical_not", "logical_xor", "where",
]


def _doc(summary: str, accepts: str, example: str) -> str:
    return (f"{summary}\n\n"
            f"Args:\n"
            f"    a: {accepts}.\n"
            f"    b: {accepts}, broadcastable with ``a``.\n\n"
            f"Returns:\n"
            f"    A bool tensor of the broadcast shape.\n\n"
            f"Example:\n\n"
            f"    >>> import pytfjs as tf\n"
            + "".join(f"    {line}\n" for line in example.strip().split("\n")))


def _compare(name: str, kernel: str, summary: str, example: str) -> Any:
    """Declares a comparison op from one table row."""
    def fn(a: Any, b: Any) -> Tensor:
        a, b = binary_inputs(a, b, name)
        if a.dtype == "complex64":
            raise TypeError(f"'{name}' does not support complex64 tensors (arguments 'a' and 'b')")
        broadcast_shapes(a.shape, b.shape, name)
        return run(kernel, a, b)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = _doc(summary, "a tensor or TensorLike (numeric, bool or string)", example)
    return op(kernel, tf_ops=(kernel,), dtype="bool", differentiable=False)(fn)


def bool_input(x: Any, name: str, arg: str) -> Tensor:
    """Converts a logical op's operand; it must be a bool tensor (TensorLikes are read as bool)."""
    x = to_tensor(x, arg, name, dtype="bool")
    if x.dtype != "bool":
        raise TypeError(f"Argument '{arg}' passed to '{name}' must be bool tensor, but got "
                        f"{x.dtype} tensor")
    return x


def _logical(name: str, kernel: str, summary: str, example: str) -> Any:
    """Declares a binary logical op from one table row."""
    def fn(a: Any, b: Any) -> Tensor:
        a, b = bool_input(a, name, "a"), bool_input(b, name, "b")
        broadcast_shapes(a.shape, b.shape, name)
        return run(kernel, a, b)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = _doc(summary, "a bool tensor or TensorLike", example)
    return op(kernel, tf_ops=(kernel,), dtype="bool", differentiable=False)(fn)


# ---------------------------------------------------------------------------------------- table
# name = _compare(name, kernel, summary, example)
equal = _compare(
    "equal", "Equal", "Returns ``a == b`` elementwise, with broadcasting. Also ``a == b``.",
    ">>> tf.equal(tf.tensor([1, 2, 3]), tf.tensor([1, 0, 3])).to_list()\n[True, False, True]")
not_equal = _compare(
    "not_equal", "NotEqual", "Returns ``a != b`` elementwise, with broadcasting. Also ``a != b``.",
    ">>> tf.not_equal(tf.tensor([1, 2]), 2).to_list()\n[True, False]")
greater = _compare(
    "greater", "Greater", "Returns ``a > b`` elementwise, with broadcasting. Also ``a > b``.",
    ">>> tf.greater(tf.tensor([1.0, 2.0, 3.0]), 2.0).to_list()\n[False, False, True]")
greater_equal = _compare(
    "greater_equal", "GreaterEqual", "Returns ``a >= b`` elementwise, with broadcasting. Also "
    "``a >= b``.",
    ">>> tf.greater_equal(tf.tensor([1.0, 2.0, 3.0]), 2.0).to_list()\n[False, True, True]")
less = _compare(
    "less", "Less", "Returns ``a < b`` elementwise, with broadcasting. Also ``a < b``.",
    ">>> tf.less(tf.tensor([1.0, 2.0, 3.0]), 2.0).to_list()\n[True, False, False]")
less_equal = _compare(
    "less_equal", "LessEqual", "Returns ``a <= b`` elementwise, with broadcasting. Also "
    "``a <= b``.",
    ">>> tf.less_equal(tf.tensor(['a', 'b']), tf.tensor(['b', 'a'])).to_list()\n[True, False]")

# name = _logical(name, kernel, summary, example)
logical_and = _logical(
    "logical_and", "LogicalAnd", "Returns ``a AND b`` elementwise, with broadcasting. Also "
    "``a & b``.",
    ">>> tf.logical_and(tf.tensor([True, True]), tf.tensor([True, False])).to_list()\n"
    "[True, False]")
logical_or = _logical(
    "logical_or", "LogicalOr", "Returns ``a OR b`` elementwise, with broadcasting. Also "
    "``a | b``.",
    ">>> tf.logical_or(tf.tensor([False, True]), tf.tensor([False, False])).to_list()\n"
    "[False, True]")


@op(None, dtype="bool", differentiable=False, kernels=("NotEqual",))
def logical_xor(a: Any, b: Any) -> Tensor:
    """Returns ``a XOR b`` elementwise, with broadcasting. Also ``a ^ b``.

    (TF.js composes it from and/or/not; for bools it is ``a != b``, one ``NotEqual`` kernel.)

    Args:
        a: a bool tensor or TensorLike.
        b: a bool tensor or TensorLike, broadcastable with ``a``.

    Returns:
        A bool tensor of the broadcast shape.

    Example:

        >>> import pytfjs as tf
        >>> tf.logical_xor(tf.tensor([True, True]), tf.tensor([True, False])).to_list()
        [False, True]
    """
    a, b = bool_input(a, "logical_xor", "a"), bool_input(b, "logical_xor", "b")
    broadcast_shapes(a.shape, b.shape, "logical_xor")
    return run("NotEqual", a, b)


@op("LogicalNot", tf_ops=("LogicalNot",), dtype="bool", differentiable=False)
def logical_not(x: Any) -> Tensor:
    """Returns ``NOT x`` elementwise. Also ``~x``.

    Args:
        x: a bool tensor or TensorLike.

    Returns:
        A bool tensor shaped like ``x``.

    Example:

        >>> import pytfjs as tf
        >>> tf.logical_not(tf.tensor([True, False])).to_list()
        [False, True]
    """
    return run("LogicalNot", bool_input(x, "logical_not", "x"))


@op("Select", tf_ops=("Select", "SelectV2"), dtype="the upcast dtype of ``a`` and ``b``",
    method=False)
def where(condition: Any, a: Any, b: Any) -> Tensor:
    """Picks elements from ``a`` where ``condition`` is true, else from ``b``. The three shapes
    broadcast together (TF.js 4.22).

    Args:
        condition: a bool tensor or TensorLike.
        a: a numeric tensor or TensorLike.
        b: a numeric tensor or TensorLike; ``a`` and ``b`` are upcast to a common dtype.

    Returns:
        A tensor of the broadcast shape of all three.

    Example:

        >>> import pytfjs as tf
        >>> cond = tf.tensor([True, False, True])
        >>> tf.where(cond, tf.tensor([1, 2, 3]), tf.tensor([10, 20, 30])).to_list()
        [1, 20, 3]
        >>> tf.where(tf.tensor([[True], [False]]), tf.tensor([1.0, 2.0]), 0.0).to_list()
        [[1.0, 2.0], [0.0, 0.0]]
    """
    condition = bool_input(condition, "where", "condition")
    a, b = binary_inputs(a, b, "where", numeric=True)
    if a.dtype == "complex64":
        raise TypeError("'where' does not support complex64 tensors (arguments 'a' and 'b')")
    broadcast_shapes(broadcast_shapes(condition.shape, a.shape, "where"), b.shape, "where")
    return run("Select", condition, a, b)


@where.gradient(save_inputs=True)
def _where_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # dy flows to the picked operand (summed back where it was broadcast); the condition has
    # no gradient. (TF.js multiplies dy by the cast mask; a select also keeps an infinite dy
    # from turning into NaN.)
    condition, a, b = inputs
    return (None, _sum_to(where(condition, dy, 0.0), a.shape, dy),
            _sum_to(where(condition, 0.0, dy), b.shape, dy))
