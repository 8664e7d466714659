"""xp kernels: misc (Multinomial, ScatterNd, TensorScatterUpdate, SparseToDense, BitwiseAnd,
BroadcastArgs), with the semantics documented in ``backends/python/misc.py``.

Scatters are vectorised: index rows become flat slice ids with one matrix product, checked per
dimension; ``ScatterNd`` accumulates with ``add.at`` (unbuffered, in order, in the output
dtype, so float32 sums round after each add as in TF.js); the last-write-wins scatters keep the
last occurrence of each id (found with ``unique`` on the reversed ids) so the result does not
depend on the array module's order of duplicate writes. ``Multinomial`` draws the row's uniform
stream once on the host (seedrandom's Alea, as TF.js) and places every sample with one
``searchsorted`` per row.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from ...core.random import Alea
from ..python.misc import broadcast_shape_js
from ._common import quiet


def _prod(dims: Sequence[int]) -> int:
    n = 1
    for d in dims:
        n *= int(d)
    return n


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def rows(indices: Any, shape: Sequence[int]) -> tuple:
        """(flat slice ids, slice size, number of slices) of the index rows."""
        k = indices.shape[-1] if indices.ndim > 1 else 1
        n = _prod(indices.shape[:-1]) if indices.ndim > 1 else indices.size
        flat = indices.reshape(n, k).astype(xp.int64)
        dims = [int(d) for d in shape[:k]]
        if n and k:
            bad = ((flat < 0) | (flat >= xp.asarray(dims, dtype=xp.int64))).any(axis=1)
            if bool(bad.any()):
                row = flat[int(xp.argmax(bad))].tolist()
                raise IndexError(f"Invalid indices: {row} does not index into {list(shape)}")
        strides = [_prod(dims[j + 1:]) for j in range(k)]
        ids = flat @ xp.asarray(strides, dtype=xp.int64) if k else xp.zeros(n, xp.int64)
        return ids, _prod(shape[k:]), _prod(dims)

    def last_writes(ids: Any) -> Any:
        """Positions of the last occurrence of each id, in increasing id order."""
        _, first = xp.unique(ids[::-1], return_index=True)
        return ids.shape[0] - 1 - first

    def scatter_nd(indices: Any, updates: Any, *, shape: Sequence[int]) -> Any:
        ids, ss, n_slices = rows(indices, shape)
        upd = updates.reshape(ids.shape[0], ss)
        if updates.dtype == xp.bool_:
            acc = xp.zeros((n_slices, ss), dtype=xp.int32)
            if ids.shape[0] and ss:
                xp.add.at(acc, ids, upd.astype(xp.int32))
            return (acc != 0).reshape(tuple(shape))
        out = xp.zeros((n_slices, ss), dtype=updates.dtype)
        if ids.shape[0] and ss:
            with quiet(xp):  # inf + -inf is NaN silently, as in TF.js
                xp.add.at(out, ids, upd)
        return out.reshape(tuple(shape))

    def assign(out: Any, ids: Any, values: Any) -> Any:
        if ids.shape[0] and out.size:
            keep = last_writes(ids)
            out[ids[keep]] = values[keep]
        return out

    def tensor_scatter_update(tensor: Any, indices: Any, updates: Any) -> Any:
        ids, ss, n_slices = rows(indices, tensor.shape)
        out = tensor.reshape(n_slices, ss).copy()
        return assign(out, ids, updates.reshape(ids.shape[0], ss)).reshape(tensor.shape)

    def sparse_to_dense(sparse_indices: Any, sparse_values: Any, default_value: Any, *,
                        output_shape: Sequence[int]) -> Any:
        shape = tuple(output_shape)
        k = sparse_indices.shape[1] if sparse_indices.ndim > 1 else 1
        n = sparse_indices.shape[0] if sparse_indices.ndim > 0 else 1
        ids, _, size = rows(sparse_indices.reshape(n, k), shape)
        out = xp.empty(size, dtype=sparse_values.dtype)
        out[...] = default_value.reshape(-1)[0]
        vals = xp.broadcast_to(sparse_values.reshape(-1), (n,)) if sparse_values.ndim == 0 \
            else sparse_values
        return assign(out, ids, vals).reshape(shape)

    def bitwise_and(a: Any, b: Any) -> Any:
        return xp.bitwise_and(a, b).astype(xp.int32, copy=False)

    def broadcast_args(s0: Any, s1: Any) -> Any:
        out = broadcast_shape_js([int(v) for v in s0.tolist()], [int(v) for v in s1.tolist()])
        return xp.asarray(out, dtype=xp.int32).reshape(len(out))

    def softmax(x: Any) -> Any:
        # TF.js cpu: max, sub, exp, sum (in double), div, each result stored as float32
        with quiet(xp):
            a = (x - x.max(axis=1, keepdims=True)).astype(xp.float32)
            e = xp.exp(a.astype(xp.float64)).astype(xp.float32)
            s = e.astype(xp.float64).sum(axis=1, keepdims=True).astype(xp.float32)
            return (e / s).astype(xp.float32)

    def multinomial(logits: Any, *, num_samples: int, seed: str, normalized: bool) -> Any:
        batch, events = logits.shape
        p = logits.astype(xp.float32) if normalized else softmax(logits.astype(xp.float32))
        out = xp.zeros((batch, num_samples), dtype=xp.int32)
        if events < 2 or num_samples == 0:
            return out
        cdf = xp.cumsum(p[:, :events - 1], axis=1, dtype=xp.float32).astype(xp.float64)
        r = xp.asarray(Alea(seed).take(num_samples), dtype=xp.float64)
        for b in range(batch):  # a loop over rows; each row is vectorised over the samples
            c = cdf[b]
            if bool((c[1:] >= c[:-1]).all()) and not bool(xp.isnan(c).any()):
                out[b] = xp.searchsorted(c, r, side="right")
            else:  # negative or NaN probabilities: the first event with r < cdf, as TF.js
                mask = r[:, None] < c[None, :]
                out[b] = xp.where(mask.any(axis=1), mask.argmax(axis=1), events - 1)
        return out

    return {"ScatterNd": scatter_nd, "TensorScatterUpdate": tensor_scatter_update,
            "SparseToDense": sparse_to_dense, "BitwiseAnd": bitwise_and,
            "BroadcastArgs": broadcast_args, "Multinomial": multinomial}
