"""Ops: creation (tensor, scalar, tensor1d..6d, variable, clone, zeros, ones, fill, ...)."""
from __future__ import annotations

from typing import Any

from ..core.convert import host_values
from ..core.engine import ENGINE
from ..core.opdef import op, run, to_tensor
from ..core.tensor import Tensor, Variable

__all__ = ["tensor", "scalar", "tensor1d", "tensor2d", "tensor3d", "tensor4d", "tensor5d",
           "tensor6d", "variable", "clone"]


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a tensor from nested lists, a scalar, a buffer (``array.array``, ``bytes``-like)
    or an array-interface object (NumPy arrays). Python ints infer int32, floats float32,
    bools bool, strings string.

    >>> import pytfjs as tf
    >>> tf.tensor([[1, 2], [3, 4]]).dtype
    'int32'
    >>> tf.tensor([1, 2, 3, 4], [2, 2], "float32").to_list()
    [[1.0, 2.0], [3.0, 4.0]]
    >>> import array
    >>> tf.tensor(array.array("f", [0.5, 1.5])).to_list()
    [0.5, 1.5]
    """
    if isinstance(values, Tensor):
        values._check()
        out = values if dtype is None or dtype == values.dtype else run("Cast", values, dtype=dtype)
        if shape is not None:
            from .transformation import reshape
            return reshape(out, shape)
        return out if out is not values else run("Identity", values)
    return ENGINE.make_tensor(host_values(values, shape, dtype, op="tensor"))


@op(None, method=False, differentiable=False, dtype="inferred or given")
def scalar(value: Any, dtype: str | None = None) -> Tensor:
    """Creates a rank-0 tensor.

    >>> import pytfjs as tf
    >>> tf.scalar(3.5).shape
    ()
    """
    if isinstance(value, (list, tuple)) or (hasattr(value, "shape") and tuple(value.shape) != ()):
        raise TypeError("The value passed to 'scalar' must be a primitive (bool, int, float, "
                        f"complex or str), got {type(value).__name__}")
    return ENGINE.make_tensor(host_values(value, None, dtype, op="scalar"))


def _ranked(values: Any, shape: Any, dtype: str | None, rank: int) -> Tensor:
    name = f"tensor{rank}d"
    host = host_values(values, shape, dtype, op=name)
    if len(host.shape) != rank:
        if shape is None and rank > 1 and len(host.shape) == 1:
            raise ValueError(f"'{name}': a flat list needs a shape of rank {rank}")
        raise ValueError(f"'{name}' requires values of rank {rank}, got shape {list(host.shape)}")
    return ENGINE.make_tensor(host)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor1d(values: Any, dtype: str | None = None) -> Tensor:
    """Creates a rank-1 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor1d([1, 2, 3]).shape
    (3,)
    """
    return _ranked(values, None, dtype, 1)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor2d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-2 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor2d([1, 2, 3, 4], [2, 2]).to_list()
    [[1, 2], [3, 4]]
    """
    return _ranked(values, shape, dtype, 2)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor3d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-3 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor3d([[[1], [2]], [[3], [4]]]).shape
    (2, 2, 1)
    """
    return _ranked(values, shape, dtype, 3)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor4d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-4 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]).shape
    (1, 2, 2, 1)
    """
    return _ranked(values, shape, dtype, 4)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor5d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-5 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor5d([1, 2, 3, 4], [1, 1, 2, 2, 1]).shape
    (1, 1, 2, 2, 1)
    """
    return _ranked(values, shape, dtype, 5)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor6d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-6 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor6d([1, 2, 3, 4], [1, 1, 1, 2, 2, 1]).shape
    (1, 1, 1, 2, 2, 1)
    """
    return _ranked(values, shape, dtype, 6)


@op(None, method=False, differentiable=False, dtype="initial value's, or given")
def variable(initial_value: Any, trainable: bool = True, name: str | None = None,
             dtype: str | None = None) -> Variable:
    """Creates a mutable :class:`Variable`; ``tidy`` never disposes it.

    >>> import pytfjs as tf
    >>> v = tf.variable(tf.tensor([1.0, 2.0]), name="doc_v")
    >>> v.assign(v * 2)
    >>> v.to_list()
    [2.0, 4.0]
    >>> v.dispose()
    """
    init = to_tensor(initial_value, "initial_value", "variable")
    return ENGINE.make_variable(init, trainable, name, dtype)


@op("Identity", tf_ops=("Identity", "IdentityN", "Snapshot", "StopGradient",
                        "PreventGradient"), dtype="same")
def clone(x: Any) -> Tensor:
    """A new tensor with the same values (no copy of the data is made).

    >>> import pytfjs as tf
    >>> tf.clone(tf.tensor([1, 2])).to_list()
    [1, 2]
    """
    return run("Identity", to_tensor(x, "x", "clone"))


@clone.gradient()
def _clone_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (dy,)
