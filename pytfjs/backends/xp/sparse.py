"""xp kernels: sparse (SparseFillEmptyRows, SparseReshape, SparseSegmentSum/Mean), vectorised.

Shape planning and error messages are shared with the python backend
(``backends/python/sparse.py``); the per-entry work is array code.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..python.sparse import reshape_plan


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    i64 = xp.int64

    def fill_empty_rows(indices: Any, values: Any, dense_shape: Any, default_value: Any) -> tuple:
        n, rank = indices.shape
        dense_rows = int(dense_shape[0])
        rows = indices[:, 0].astype(i64)
        if dense_rows == 0 and n:
            raise ValueError(f"'sparse_fill_empty_rows': dense_shape[0] is 0 but indices has "
                             f"{n} rows")
        if n:
            bad = xp.nonzero((rows < 0) | (rows >= dense_rows))[0]
            if bad.size:
                i = int(bad[0])
                raise ValueError(f"'sparse_fill_empty_rows': indices[{i}, 0] = {int(rows[i])} "
                                 f"is out of range [0, {dense_rows})")
        counts = xp.bincount(rows, minlength=dense_rows) if n else xp.zeros(dense_rows, i64)
        empty = counts == 0
        filled = xp.maximum(counts, 1)
        ends = xp.cumsum(filled)
        starts = ends - filled
        total = int(ends[-1]) if dense_rows else 0
        # position of each entry within its row: its rank among the entries of that row
        order = xp.argsort(rows, kind="stable")
        first = (xp.cumsum(counts) - counts)[rows[order]]
        occ = xp.empty(n, i64)
        occ[order] = xp.arange(n, dtype=i64) - first
        pos = starts[rows] + occ
        out_idx = xp.zeros((total, rank), xp.int32)
        out_idx[pos] = indices
        out_val = xp.full(total, default_value.reshape(()), dtype=values.dtype)
        out_val[pos] = values
        er = xp.nonzero(empty)[0]
        if rank:
            out_idx[starts[er], 0] = er.astype(xp.int32)
        return out_idx, out_val, empty, pos.astype(xp.int32)

    def sparse_reshape(indices: Any, input_shape: Any, new_shape: Any) -> tuple:
        n, rin = indices.shape
        in_shape = [int(v) for v in input_shape.tolist()]
        out_shape = reshape_plan(in_shape, [int(v) for v in new_shape.tolist()])
        ist, acc = [0] * rin, 1
        for i in range(rin - 1, -1, -1):
            ist[i] = acc
            acc *= in_shape[i]
        lin = (indices.astype(i64) * xp.asarray(ist, dtype=i64)).sum(axis=1) if rin else \
            xp.zeros(n, i64)
        cols = []
        acc = 1
        ost = [0] * len(out_shape)
        for i in range(len(out_shape) - 1, -1, -1):
            ost[i] = acc
            acc *= out_shape[i]
        for s in ost:
            if s:
                cols.append(lin // s)
                lin = lin % s
            else:
                cols.append(xp.zeros(n, i64))
        out = xp.stack(cols, axis=1).astype(xp.int32) if cols else xp.zeros((n, 0), xp.int32)
        return out, xp.asarray(out_shape, dtype=xp.int32)

    def segment(mean: bool) -> Callable[..., Any]:
        def kernel(data: Any, indices: Any, segment_ids: Any) -> Any:
            k = indices.shape[0]
            nrows = data.shape[0]
            idx = indices.astype(i64)
            seg = segment_ids.astype(i64)
            out_rows = int(seg[-1]) + 1 if k else 0
            if k:
                if bool((xp.diff(seg) < 0).any()):
                    raise ValueError("'sparse_segment': segment ids are not increasing")
                if int(seg[0]) < 0:
                    raise ValueError(f"'sparse_segment': segment id {int(seg[0])} is out of "
                                     f"range [0, {out_rows}), possibly because segment_ids is "
                                     f"not sorted")
                bad = xp.nonzero((idx < 0) | (idx >= nrows))[0]
                if bad.size:
                    i = int(bad[0])
                    raise ValueError(f"'sparse_segment': indices[{i}] == {int(idx[i])} is out "
                                     f"of range [0, {nrows})")
            inner = data.shape[1:]
            flat = data.reshape(nrows, -1)
            is_float = data.dtype.kind == "f"
            acc = xp.zeros((out_rows, flat.shape[1]), data.dtype if is_float else i64)
            # unbuffered, in input order: float32 sums round at each step as TF.js's do
            xp.add.at(acc, seg, flat[idx] if is_float else flat[idx].astype(i64))
            if mean and k:
                counts = xp.bincount(seg, minlength=out_rows).reshape(-1, 1)
                counts = xp.maximum(counts, 1)
                if is_float:
                    acc = (acc / counts.astype(data.dtype)).astype(data.dtype)
                else:
                    q = xp.abs(acc) // counts
                    acc = xp.where(acc < 0, -q, q)
            if not is_float:
                acc = acc.astype(data.dtype)   # wraps around as an Int32Array does
            return acc.reshape((out_rows,) + tuple(inner))
        return kernel

    return {
        "SparseFillEmptyRows": fill_empty_rows,
        "SparseReshape": sparse_reshape,
        "SparseSegmentSum": segment(False),
        "SparseSegmentMean": segment(True),
    }
