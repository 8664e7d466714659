"""xp kernels: matrices (BatchMatMul, Transpose, ConjugateTranspose)."""
from __future__ import annotations

from typing import Any, Callable

from ._common import quiet


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def batch_mat_mul(a: Any, b: Any, *, transpose_a: bool = False,
                      transpose_b: bool = False) -> Any:
        """``a @ b`` over the last two axes; the batch axes broadcast (the op has checked the
        shapes). The transposes are strided views, so no copy is made before ``matmul``."""
        if transpose_a:
            a = xp.swapaxes(a, -1, -2)
        if transpose_b:
            b = xp.swapaxes(b, -1, -2)
        if a.dtype == bool:  # TF.js keeps bool: an element is True when any product is
            return xp.matmul(a.astype(xp.int32), b.astype(xp.int32)) != 0
        with quiet(xp):
            return xp.matmul(a, b)

    def transpose(x: Any, *, perm: tuple) -> Any:
        return xp.transpose(x, perm)  # a view; arrays are never mutated in place

    def conjugate_transpose(x: Any, *, perm: tuple) -> Any:
        out = xp.transpose(x, perm)
        return xp.conj(out) if out.dtype.kind == "c" else out

    return {"BatchMatMul": batch_mat_mul, "Transpose": transpose,
            "ConjugateTranspose": conjugate_transpose}
