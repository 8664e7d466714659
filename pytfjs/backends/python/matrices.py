"""python kernels: matrices (BatchMatMul, Transpose, ConjugateTranspose), mirroring
``backends/xp/matrices.py``."""
from __future__ import annotations

import operator
from typing import Any, Callable, Sequence

from ._util import PyArray, broadcast_shape, index_map, new, strided_offsets, strides_of, \
    transpose as _transpose

_mul = operator.mul


def _batch_offsets(bshape: Sequence[int], out_bshape: Sequence[int], mat_size: int) -> list:
    """Flat offsets of each (broadcast) output batch's matrix in an input with batch shape
    ``bshape``."""
    n = len(out_bshape)
    bs = (1,) * (n - len(bshape)) + tuple(bshape)
    st = strides_of(bs)
    return index_map([strided_offsets(d, 0 if b == 1 and d != 1 else s * mat_size)
                      for d, b, s in zip(out_bshape, bs, st)])


def batch_mat_mul(a: PyArray, b: PyArray, *, transpose_a: bool = False,
                  transpose_b: bool = False) -> PyArray:
    """``a @ b`` over the last two axes; the batch axes broadcast."""
    ra, ca = a.shape[-2:]
    rb, cb = b.shape[-2:]
    m, k = (ca, ra) if transpose_a else (ra, ca)
    n = rb if transpose_b else cb
    out_b = broadcast_shape(a.shape[:-2], b.shape[:-2])
    a_offs = _batch_offsets(a.shape[:-2], out_b, ra * ca)
    b_offs = _batch_offsets(b.shape[:-2], out_b, rb * cb)
    ad, bd = a.data, b.data
    is_bool = a.dtype == "bool"
    vals: list = []
    for ao, bo in zip(a_offs, b_offs):
        # rows of op(a) and columns of op(b), each a contiguous-or-strided slice
        if transpose_a:
            rows = [ad[ao + i:ao + ra * ca:ca] for i in range(m)]
        else:
            rows = [ad[ao + i * ca:ao + (i + 1) * ca] for i in range(m)]
        if transpose_b:
            cols = [bd[bo + j * cb:bo + (j + 1) * cb] for j in range(n)]
        else:
            cols = [bd[bo + j:bo + rb * cb:cb] for j in range(n)]
        if k == 0:
            vals += [0] * (m * n)
        elif is_bool:
            vals += [any(map(_mul, r, c)) for r in rows for c in cols]
        else:
            vals += [sum(map(_mul, r, c)) for r in rows for c in cols]
    return new(a.dtype, vals, tuple(out_b) + (m, n))


def transpose(x: PyArray, *, perm: Sequence[int]) -> PyArray:
    return _transpose(x, perm)


def conjugate_transpose(x: PyArray, *, perm: Sequence[int]) -> PyArray:
    out = _transpose(x, perm)
    if out.dtype == "complex64":
        return PyArray([c.conjugate() for c in out.data], out.shape, out.dtype)
    return out


def kernels() -> dict[str, Callable[..., Any]]:
    return {"BatchMatMul": batch_mat_mul, "Transpose": transpose,
            "ConjugateTranspose": conjugate_transpose}
