"""xp kernels: linalg (Einsum, Diag, Qr)."""
from __future__ import annotations

from typing import Any, Callable

from ._common import quiet


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def einsum(*xs: Any, equation: str) -> Any:
        """The op has validated the equation and given the operands one dtype (bool only when
        nothing is multiplied or summed)."""
        dtype = xs[0].dtype
        with quiet(xp):
            out = xp.einsum(equation, *xs)
        return xp.asarray(out).astype(dtype, copy=False)

    def diag(x: Any) -> Any:
        n = x.size
        out = xp.zeros((n, n), dtype=x.dtype)
        idx = xp.arange(n)
        out[idx, idx] = x.reshape(-1)
        return out.reshape(tuple(x.shape) * 2)

    def qr(x: Any, *, full_matrices: bool) -> Any:
        """TF.js's Householder QR, all matrices of the batch at once (one reflection per
        column), in the input dtype, so a rank-deficient input rounds as in TF.js."""
        batch = tuple(x.shape[:-2])
        m, n = x.shape[-2:]
        b = 1
        for d in batch:
            b *= d
        r = x.reshape(b, m, n).copy()
        q = xp.broadcast_to(xp.eye(m, dtype=x.dtype), (b, m, m)).copy()
        with quiet(xp):
            for j in range(min(m, n)):
                col = r[:, j:, j]                                        # [b, m-j]
                norm = xp.sqrt(xp.sum(col * col, axis=1))
                rjj = r[:, j, j]
                s = xp.where(rjj > 0, -1.0, 1.0).astype(x.dtype)
                u1 = rjj - s * norm
                w = col / u1[:, None]
                w[:, 0] = 1.0
                tau = -(s * u1) / norm
                tau_w = tau[:, None] * w
                r[:, j:, :] -= tau_w[:, :, None] * xp.einsum("bi,bin->bn", w, r[:, j:, :])[:, None, :]
                q[:, :, j:] -= xp.einsum("bmi,bi->bm", q[:, :, j:], w)[:, :, None] * tau_w[:, None, :]
        if not full_matrices and m > n:
            q, r = q[:, :, :n], r[:, :n, :]
        q = q.reshape(batch + q.shape[1:])
        r = r.reshape(batch + r.shape[1:])
        return q, r

    return {"Einsum": einsum, "Diag": diag, "Qr": qr}
