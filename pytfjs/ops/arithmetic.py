"""Ops: arithmetic (binary elementwise math with broadcasting)."""
from __future__ import annotations

from typing import Any

from ..core.opdef import op, run
from ..core.shapes import broadcast_shapes, reduction_axes
from ..core.tensor import Tensor
from ._util import binary_inputs

__all__ = ["add"]


def _unbroadcast(grad: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Sums ``grad`` over the axes that broadcasting added to reach ``shape``."""
    if grad.shape == shape:
        return grad
    from . import reduction, transformation
    axes = reduction_axes(shape, grad.shape)
    if axes:
        grad = reduction.sum(grad, axes)
    return transformation.reshape(grad, shape)


@op("Add", tf_ops=("Add", "AddV2", "BiasAdd"), dtype="upcast")
def add(a: Any, b: Any) -> Tensor:
    """Adds two tensors elementwise, with broadcasting. Also ``a + b``.

    >>> import pytfjs as tf
    >>> tf.add(tf.tensor([1, 2, 3, 4]), tf.tensor([10, 20, 30, 40])).to_list()
    [11, 22, 33, 44]
    >>> (tf.tensor([[1.0], [2.0]]) + 0.5).to_list()
    [[1.5], [2.5]]
    """
    a, b = binary_inputs(a, b, "add")
    broadcast_shapes(a.shape, b.shape, "add")
    return run("Add", a, b)


@add.gradient(save_inputs=True)
def _add_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    a, b = inputs
    return _unbroadcast(dy, a.shape), _unbroadcast(dy, b.shape)
