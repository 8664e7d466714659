"""xp kernels: evaluation (TopK, Unique, SearchSorted, Bincount, DenseBincount, Where).

Attrs as the ops pass them (validated there):

- ``TopK(x, k, sorted)`` -> ``[values (x's dtype), indices (int32)]`` over the last axis. With
  ``sorted`` and no NaN/infinity, one stable sort of the reversed rows gives TF.js's order
  (value descending, ties by index). Rows with NaN or infinities, and ``sorted=False`` with
  ``k < n``, follow TF.js's selection exactly via ``backends/python/evaluation.topk_row`` (a
  per-row host loop: the order there is an artefact of TF.js's algorithm).
- ``Unique(x, axis)`` -> ``[values, indices]``: the slices along ``axis`` are sorted
  lexicographically (stable), equal neighbours are grouped (NaN == NaN, -0 == 0), and groups
  are numbered by first occurrence. String tensors (object arrays) use a dict of tuples.
- ``SearchSorted(seq [B, N], values [B, M], side)``: TF.js's binary search, run for all values
  at once (``ceil(log2(N + 1))`` vectorised steps), so NaN and unsorted rows act as in TF.js.
- ``Bincount(x, weights, size)``, ``DenseBincount(..., binary_output)``: ``add.at`` into the
  weights' dtype (float32 sums accumulate in float32, in input order, as TF.js).
- ``Where(cond)`` -> int32 ``[n, rank]`` coordinates of truthy (nonzero, non-NaN) elements.
"""
from __future__ import annotations

from typing import Any, Callable

from ..python.evaluation import topk_row


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    int32 = xp.int32

    # ---------------------------------------------------------------- TopK
    def top_k(x: Any, *, k: int, sorted: bool = True) -> list:  # noqa: A002
        shape = x.shape
        n = shape[-1]
        out_shape = shape[:-1] + (k,)
        rows = x.reshape(-1, n) if n else x.reshape(-1, 0)
        if x.dtype == bool:
            rows = rows.astype(xp.uint8)
        if k == 0 or rows.shape[0] == 0:
            return [xp.zeros(out_shape, dtype=x.dtype), xp.zeros(out_shape, dtype=int32)]
        if not sorted and k == n:
            idx = xp.broadcast_to(xp.arange(n, dtype=int32), rows.shape)
        else:
            # descending, ties by index: stable ascending sort of the reversed rows, reversed
            order = xp.argsort(rows[:, ::-1], axis=1, kind="stable")[:, ::-1]
            idx = (n - 1 - order[:, :k]).astype(int32)
            special = None
            if x.dtype.kind == "f":
                special = ~xp.isfinite(rows).all(axis=1)
            if not sorted:
                special = xp.ones(rows.shape[0], dtype=bool)
            if special is not None and bool(special.any()):
                idx = xp.array(idx)
                host_rows = [int(r) for r in xp.nonzero(special)[0].tolist()]
                for r in host_rows:
                    pick = topk_row(rows[r].tolist(), k, sorted)
                    idx[r] = xp.asarray(pick, dtype=int32)
        vals = xp.take_along_axis(x.reshape(rows.shape), idx, axis=1)
        return [vals.reshape(out_shape), xp.ascontiguousarray(idx).reshape(out_shape)]

    # ---------------------------------------------------------------- Unique
    def unique(x: Any, *, axis: int) -> list:
        shape = x.shape
        n = shape[axis]
        if n == 0:
            return [x.copy(), xp.zeros((0,), dtype=int32)]
        if x.dtype == object:
            return unique_objects(x, axis)
        slices = xp.moveaxis(x, axis, 0).reshape(n, -1)
        keys = slices.astype(xp.uint8) if x.dtype == bool else slices
        m = keys.shape[1]
        if m == 0:
            order = xp.arange(n)
            same = xp.ones(n - 1, dtype=bool)
        else:
            order = xp.lexsort(keys.T[::-1])  # stable: equal slices keep index order
            s = keys[order]
            a, b = s[1:], s[:-1]
            eq = a == b
            if keys.dtype.kind == "f":
                eq = eq | (xp.isnan(a) & xp.isnan(b))
            same = eq.all(axis=1)
        starts = xp.concatenate([xp.ones(1, dtype=bool), ~same])
        gid_sorted = xp.cumsum(starts) - 1
        first = order[starts]  # first occurrence of each group (sorted-key order)
        rank = xp.empty_like(first)
        rank[xp.argsort(first, kind="stable")] = xp.arange(first.shape[0])
        inverse = xp.empty(n, dtype=int32)
        inverse[order] = rank[gid_sorted].astype(int32)
        values = xp.take(x, xp.sort(first), axis=axis)
        return [values, inverse]

    def unique_objects(x: Any, axis: int) -> list:
        n = x.shape[axis]
        slices = xp.moveaxis(x, axis, 0).reshape(n, -1)
        seen: dict = {}
        first: list[int] = []
        inverse: list[int] = []
        for i in range(n):
            key = tuple(slices[i].tolist())
            got = seen.get(key)
            if got is None:
                got = seen[key] = len(first)
                first.append(i)
            inverse.append(got)
        values = xp.take(x, xp.asarray(first, dtype=xp.intp), axis=axis)
        return [values, xp.asarray(inverse, dtype=int32).reshape(n)]

    # ---------------------------------------------------------------- SearchSorted
    def search_sorted(seq: Any, values: Any, *, side: str = "left") -> Any:
        rows, n = seq.shape
        m = values.shape[1]
        lo = xp.zeros((rows, m), dtype=xp.int64)
        hi = xp.full((rows, m), n, dtype=xp.int64)
        if n == 0 or m == 0:
            return hi.astype(int32)
        row_ids = xp.arange(rows)[:, None]
        active = lo < hi
        while bool(active.any()):
            mid = (lo + hi) // 2
            probe = seq[row_ids, xp.minimum(mid, n - 1)]
            go_right = (probe < values) if side == "left" else (probe <= values)
            lo = xp.where(active & go_right, mid + 1, lo)
            hi = xp.where(active & ~go_right, mid, hi)
            active = lo < hi
        return hi.astype(int32)

    # ---------------------------------------------------------------- Bincount
    def bins(x: Any, weights: Any, size: int, binary: bool, rows: int) -> Any:
        """Bins of each row of ``x`` ([rows, cols]) into a [rows, size] array."""
        flat_x = x.reshape(-1).astype(xp.int64)
        if flat_x.size and bool((flat_x < 0).any()):
            raise ValueError("Input x must be non-negative!")
        dtype = weights.dtype
        out = xp.zeros(rows * size, dtype=dtype)
        cols = x.shape[-1] if x.ndim == 2 else x.shape[0]
        row_of = xp.repeat(xp.arange(rows, dtype=xp.int64), cols)
        keep = flat_x < size
        target = (row_of * size + flat_x)[keep]
        if binary:
            out[target] = 1
        elif weights.size == 0:
            if dtype == bool:
                out[target] = True
            else:
                xp.add.at(out, target, dtype.type(1))
        else:
            w = weights.reshape(-1)[keep]
            if dtype == bool:
                out[target[w]] = True
            else:
                xp.add.at(out, target, w)
        return out

    def bincount(x: Any, weights: Any, *, size: int) -> Any:
        return bins(x, weights, size, False, 1).reshape(size)

    def dense_bincount(x: Any, weights: Any, *, size: int, binary_output: bool = False) -> Any:
        if x.ndim == 1:
            return bins(x, weights, size, binary_output, 1).reshape(size)
        return bins(x, weights, size, binary_output, x.shape[0]).reshape(x.shape[0], size)

    # ---------------------------------------------------------------- Where
    def where(cond: Any) -> Any:
        truthy = cond if cond.dtype == bool else (cond != 0)
        if cond.dtype.kind == "f":
            truthy = truthy & ~xp.isnan(cond)
        coords = xp.argwhere(truthy)
        return coords.astype(int32).reshape(coords.shape[0], cond.ndim)

    return {
        "TopK": top_k,
        "Unique": unique,
        "SearchSorted": search_sorted,
        "Bincount": bincount,
        "DenseBincount": dense_bincount,
        "Where": where,
    }
