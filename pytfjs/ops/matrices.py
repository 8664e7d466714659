"""Ops: matrices (mat_mul, dot, outer_product, transpose, norm).

Differences from TF.js 4.22, on purpose: ``mat_mul`` broadcasts batch dimensions fully (the
TF.js cpu kernel fails when both operands broadcast), accepts complex64, and computes bool
products as logical (TF.js returns bool tensors holding 2); ``transpose`` rejects a repeated
axis in ``perm`` (TF.js returns garbage); ``norm`` accepts negative axes and casts int32/bool
to float32.

Gradients (``tfjs-core/src/gradients``): BatchMatMul gives ``dy @ b^T`` and ``a^T @ dy`` (with
the four transpose combinations of TF.js) and, beyond TF.js, sums them over broadcast batch
dimensions (TF.js fails there); Transpose and ConjugateTranspose apply the inverse permutation.
``dot``, ``outer_product`` and ``norm`` are composed of ops (reshape included), so their
gradients come from their parts.
"""
from __future__ import annotations

import math
from typing import Any, Sequence

from ..core import dtypes as _dt
from ..core.opdef import op, run, to_tensor
from ..core.shapes import (ShapeError, broadcast_shapes, parse_axes, reduction_axes,
                           size_of)
from ..core.tensor import OPS, Tensor
from . import transformation
from ._util import binary_inputs, cast_to

__all__ = ["mat_mul", "dot", "outer_product", "transpose", "norm"]


def _shape(s: Sequence[int]) -> list[int]:
    return list(s)


@op("BatchMatMul", tf_ops=("MatMul", "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3"),
    dtype="upcast")
def mat_mul(a: Any, b: Any, transpose_a: bool = False, transpose_b: bool = False) -> Tensor:
    """Matrix product of the last two dimensions of ``a`` and ``b`` (rank >= 2 each); the
    leading (batch) dimensions broadcast. Also ``a @ b``. int32 stays int32.

    Args:
        a: the first tensor, ``[..., m, k]`` (``[..., k, m]`` when ``transpose_a``).
        b: the second tensor, ``[..., k, n]`` (``[..., n, k]`` when ``transpose_b``).
        transpose_a: use the transpose of the last two dimensions of ``a``.
        transpose_b: use the transpose of the last two dimensions of ``b``.

    >>> import pytfjs as tf
    >>> a = tf.tensor([[1, 2], [3, 4]])
    >>> tf.mat_mul(a, tf.tensor([[1], [1]])).to_list()
    [[3], [7]]
    >>> tf.mat_mul(a, a, True).to_list()
    [[10, 14], [14, 20]]
    """
    a, b = binary_inputs(a, b, "mat_mul", numeric=True)
    if a.rank < 2 or b.rank < 2:
        raise ShapeError(f"'mat_mul': both inputs must have rank >= 2, got shapes "
                         f"{_shape(a.shape)} and {_shape(b.shape)}")
    if not isinstance(transpose_a, bool) or not isinstance(transpose_b, bool):
        raise TypeError(f"'mat_mul': transpose_a and transpose_b must be bools, got "
                        f"{transpose_a!r} and {transpose_b!r}")
    inner_a = a.shape[-2] if transpose_a else a.shape[-1]
    inner_b = b.shape[-1] if transpose_b else b.shape[-2]
    if inner_a != inner_b:
        raise ShapeError(f"'mat_mul': inner dimensions {inner_a} and {inner_b} of shapes "
                         f"{_shape(a.shape)} and {_shape(b.shape)} (transpose_a={transpose_a}, "
                         f"transpose_b={transpose_b}) must match")
    try:
        broadcast_shapes(a.shape[:-2], b.shape[:-2])
    except ShapeError:
        raise ShapeError(f"'mat_mul': batch dimensions {_shape(a.shape[:-2])} and "
                         f"{_shape(b.shape[:-2])} of shapes {_shape(a.shape)} and "
                         f"{_shape(b.shape)} cannot be broadcast together") from None
    return run("BatchMatMul", a, b, transpose_a=transpose_a, transpose_b=transpose_b)


def _sum_to(g: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Sums ``g`` over the batch dimensions that broadcasting added to reach ``shape``."""
    if g.shape == shape:
        return g
    from . import reduction
    axes = reduction_axes(shape, g.shape)
    if axes:
        g = reduction.sum(g, axes)
    return transformation.reshape(g, shape)


@mat_mul.gradient(save_inputs=True)
def _mat_mul_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    from .arithmetic import conj
    a, b = (conj(t) for t in inputs)  # complex: TensorFlow's conjugate convention
    ta, tb = attrs["transpose_a"], attrs["transpose_b"]
    if not ta and not tb:
        da, db = (dy, b, False, True), (a, dy, True, False)
    elif not ta and tb:
        da, db = (dy, b, False, False), (dy, a, True, False)
    elif ta and not tb:
        da, db = (b, dy, False, True), (a, dy, False, False)
    else:
        da, db = (b, dy, True, True), (dy, a, True, True)
    def grad_b() -> Tensor:
        if b.rank == 2 and a.rank > 2 and not ta:
            # A weight shared over a batch (a dense layer on sequences): fold the batch into
            # the rows, one matmul instead of a batched one and a sum.
            rows = size_of(a.shape[:-1])
            a2 = transformation.reshape(a, (rows, a.shape[-1]))
            dy2 = transformation.reshape(dy, (rows, dy.shape[-1]))
            return mat_mul(dy2, a2, True, False) if tb else mat_mul(a2, dy2, True, False)
        return _sum_to(mat_mul(*db), b.shape)

    # lazy: the tape computes only the gradients on a path to the xs (not a dense layer's
    # input gradient where that input is the data)
    return (lambda: _sum_to(mat_mul(*da), a.shape)), grad_b


@op(None, dtype="upcast")
def dot(t1: Any, t2: Any) -> Tensor:
    """Dot product of two tensors of rank 1 or 2: vector·vector is a scalar, matrix·vector
    and vector·matrix are vectors, matrix·matrix is ``mat_mul``.

    Args:
        t1: a rank 1 or 2 tensor.
        t2: a rank 1 or 2 tensor; its first (only) dimension matches ``t1``'s last.

    >>> import pytfjs as tf
    >>> tf.dot(tf.tensor([1, 2]), tf.tensor([3, 4])).to_list()
    11
    >>> tf.dot(tf.tensor([[1, 2], [3, 4]]), tf.tensor([1, 1])).to_list()
    [3, 7]
    """
    t1, t2 = binary_inputs(t1, t2, "dot", "t1", "t2", numeric=True)
    if t1.rank not in (1, 2) or t2.rank not in (1, 2):
        raise ShapeError(f"'dot': inputs must be rank 1 or 2, got ranks {t1.rank} and "
                         f"{t2.rank} (shapes {_shape(t1.shape)} and {_shape(t2.shape)})")
    inner1 = t1.shape[-1]
    inner2 = t2.shape[0]
    if inner1 != inner2:
        raise ShapeError(f"'dot': inner dimensions must match, got {inner1} and {inner2} "
                         f"(shapes {_shape(t1.shape)} and {_shape(t2.shape)})")
    reshape = transformation.reshape
    a = reshape(t1, (1, inner1)) if t1.rank == 1 else t1
    b = reshape(t2, (inner2, 1)) if t2.rank == 1 else t2
    out = run("BatchMatMul", a, b, transpose_a=False, transpose_b=False)
    if t1.rank == 2 and t2.rank == 2:
        return out
    if t1.rank == 1 and t2.rank == 1:
        return reshape(out, ())
    return reshape(out, (out.size,))


@op(None, dtype="upcast")
def outer_product(v1: Any, v2: Any) -> Tensor:
    """Outer product of two vectors: ``out[i, j] = v1[i] * v2[j]``.

    Args:
        v1: a rank 1 tensor of length n.
        v2: a rank 1 tensor of length m.

    >>> import pytfjs as tf
    >>> tf.outer_product(tf.tensor([1, 2]), tf.tensor([3, 4, 5])).to_list()
    [[3, 4, 5], [6, 8, 10]]
    """
    v1, v2 = binary_inputs(v1, v2, "outer_product", "v1", "v2", numeric=True)
    if v1.rank != 1 or v2.rank != 1:
        raise ShapeError(f"'outer_product': inputs must be rank 1, got ranks {v1.rank} and "
                         f"{v2.rank}")
    reshape = transformation.reshape
    return run("BatchMatMul", reshape(v1, (v1.size, 1)), reshape(v2, (1, v2.size)),
               transpose_a=False, transpose_b=False)


@op("Transpose", tf_ops=("Transpose", "ConjugateTranspose"), dtype="same",
    kernels=("ConjugateTranspose",))
def transpose(x: Any, perm: Sequence[int] | None = None, conjugate: bool = False) -> Tensor:
    """Permutes the dimensions of ``x``: output dimension i is input dimension ``perm[i]``
    (default: reversed). ``conjugate=True`` also conjugates complex64 values.

    Args:
        x: the tensor to transpose (numeric; bool and complex64 included).
        perm: a permutation of ``range(x.rank)``; None reverses the dimensions.
        conjugate: conjugate complex values (no effect on other dtypes).

    >>> import pytfjs as tf
    >>> tf.transpose(tf.tensor([[1, 2, 3], [4, 5, 6]])).to_list()
    [[1, 4], [2, 5], [3, 6]]
    >>> tf.transpose(tf.ones([2, 3, 4]), [1, 0, 2]).shape
    (3, 2, 4)
    """
    x = to_tensor(x, "x", "transpose", numeric=True)
    if perm is None:
        perm_t = tuple(range(x.rank - 1, -1, -1))
    else:
        perm_t = tuple(perm)
        if len(perm_t) != x.rank:
            raise ShapeError(f"'transpose': perm {list(perm_t)} must have one entry per "
                             f"dimension of the rank-{x.rank} input")
        for p in perm_t:
            if not isinstance(p, int) or isinstance(p, bool) or not 0 <= p < x.rank:
                raise ShapeError(f"'transpose': all entries of perm must be ints between 0 "
                                 f"and {x.rank - 1}, got {list(perm_t)}")
        if len(set(perm_t)) != len(perm_t):
            raise ShapeError(f"'transpose': perm {list(perm_t)} repeats a dimension")
    if conjugate and x.dtype == "complex64":
        return run("ConjugateTranspose", x, perm=perm_t)
    return run("Transpose", x, perm=perm_t)


def _inverse_perm(perm: Sequence[int]) -> list[int]:
    inv = [0] * len(perm)
    for i, p in enumerate(perm):
        inv[p] = i
    return inv


@transpose.gradient()
def _transpose_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (transpose(dy, _inverse_perm(attrs["perm"])),)


@transpose.gradient(kernel_name="ConjugateTranspose")
def _conjugate_transpose_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (transpose(dy, _inverse_perm(attrs["perm"]), True),)


_VECTOR_ORDS = ("euclidean", 1, 2, math.inf, -math.inf)
_MATRIX_ORDS = ("euclidean", "fro", 1, math.inf, -math.inf)


def _abs(x: Tensor) -> Tensor:
    # complex64 goes through the public op (TF.js runs 'ComplexAbs' there).
    return OPS["abs"](x) if x.dtype == "complex64" else run("Abs", x)


def _vector_norm(x: Tensor, p: Any, axes: tuple[int, ...]) -> Tensor:
    absx = _abs(x)
    if p == math.inf:
        return run("Max", absx, axis=axes, keep_dims=False)
    if p == -math.inf:
        return run("Min", absx, axis=axes, keep_dims=False)
    if p == 1:
        return run("Sum", absx, axis=axes, keep_dims=False)
    return run("Sqrt", run("Sum", run("Square", absx), axis=axes, keep_dims=False))


def _matrix_norm(x: Tensor, p: Any, ax0: int, ax1: int) -> Tensor:
    if p in ("euclidean", "fro"):
        return run("Sqrt", run("Sum", run("Square", _abs(x)), axis=tuple(sorted((ax0, ax1))),
                               keep_dims=False))
    absx = _abs(x)
    if p == 1:  # the largest column sum
        col = run("Sum", absx, axis=(ax0,), keep_dims=False)
        return run("Max", col, axis=(ax1 - 1 if ax1 > ax0 else ax1,), keep_dims=False)
    row = run("Sum", absx, axis=(ax1,), keep_dims=False)  # +-inf: the largest/smallest row sum
    kernel = "Max" if p == math.inf else "Min"
    return run(kernel, row, axis=(ax0 - 1 if ax0 > ax1 else ax0,), keep_dims=False)


@op(None, dtype="float32")
def norm(x: Any, ord: Any = "euclidean", axis: int | Sequence[int] | None = None,
         keep_dims: bool = False) -> Tensor:
    """Vector or matrix norm of ``x``.

    With ``axis=None`` the flattened tensor is treated as a vector. One axis gives vector norms
    (``ord`` in ``'euclidean'``, 1, 2, ``inf``, ``-inf``); two axes give matrix norms (``ord`` in
    ``'euclidean'``, ``'fro'``, 1, ``inf``, ``-inf``).

    Args:
        x: the input tensor (int32 and bool are cast to float32).
        ord: the norm order (see above).
        axis: None, one axis, or two axes.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> x = tf.tensor([[3.0, -4.0], [0.0, 0.0]])
    >>> tf.norm(x).to_list(), tf.norm(x, 1).to_list(), tf.norm(x, float("inf"), [0, 1]).to_list()
    (5.0, 7.0, 7.0)
    """
    x = to_tensor(x, "x", "norm", numeric=True)
    if x.dtype != "complex64" and not _dt.is_float(x.dtype):
        x = cast_to(x, "float32")
    if not isinstance(keep_dims, bool):
        raise TypeError(f"'norm': keep_dims must be a bool, got {keep_dims!r}")
    if isinstance(ord, bool) or not (isinstance(ord, (int, float, str))):
        raise ValueError(f"'norm': invalid ord value {ord!r}")
    if x.rank == 0:
        if axis not in (None, 0, -1, [0], [-1], (0,), (-1,)):
            raise ShapeError(f"'norm': axis {axis!r} is out of range for a scalar")
        return _abs(x)
    axes = parse_axes(axis, x.rank, "norm")
    if len(set(axes)) != len(axes):
        raise ShapeError(f"'norm': axis {axis!r} repeats an axis")
    if axis is None:
        if ord not in _VECTOR_ORDS:
            raise ValueError(f"'norm': invalid ord value {ord!r} for a vector norm (expected "
                             f"'euclidean', 1, 2, inf or -inf)")
        out = _vector_norm(transformation.reshape(x, (x.size,)), ord, (0,))
    elif len(axes) == 1:
        if ord not in _VECTOR_ORDS:
            raise ValueError(f"'norm': invalid ord value {ord!r} for a vector norm (expected "
                             f"'euclidean', 1, 2, inf or -inf)")
        out = _vector_norm(x, ord, (axes[0],))
    elif len(axes) == 2:
        if ord not in _MATRIX_ORDS:
            raise ValueError(f"'norm': invalid ord value {ord!r} for a matrix norm (expected "
                             f"'euclidean', 'fro', 1, inf or -inf)")
        out = _matrix_norm(x, ord, axes[0], axes[1])
    else:
        raise ShapeError(f"'norm': axis must be None, one axis or two axes, got {axis!r}")
    if keep_dims:
        kept = tuple(1 for _ in x.shape) if axis is None else \
            tuple(1 if i in axes else d for i, d in enumerate(x.shape))
        return transformation.reshape(out, kept)
    return out
