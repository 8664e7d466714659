"""xp kernels: ragged (RaggedGather, RaggedRange, RaggedTensorToTensor), vectorised over the
values; the small planning steps (output shapes, per-row splits) are shared with the python
backend (``backends/python/ragged.py``)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..python.ragged import INT32_MAX, broadcast_rows, ragged_gather_plan, ragged_to_tensor_shape


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    i64 = xp.int64

    def segments_index(starts: Any, lengths: Any) -> Any:
        """``concat([arange(s, s + n) for s, n in zip(starts, lengths)])``."""
        total = int(lengths.sum()) if lengths.size else 0
        if total == 0:
            return xp.zeros(0, i64)
        ends = xp.cumsum(lengths)
        offs = xp.repeat(starts - (ends - lengths), lengths)
        return xp.arange(total, dtype=i64) + offs

    def ragged_gather(*arrays: Any, output_ragged_rank: int) -> tuple:
        *splits, values, indices = arrays
        out_splits, slices = ragged_gather_plan([s.tolist() for s in splits], values.shape[0],
                                                indices.reshape(-1).tolist(), indices.shape)
        outs = [xp.asarray(s, dtype=xp.int32) for s in out_splits]
        if slices:
            st = xp.asarray([a for a, _ in slices], dtype=i64)
            ln = xp.asarray([b - a for a, b in slices], dtype=i64)
            outs.append(values[segments_index(st, ln)])
        else:
            outs.append(values[:0])
        return tuple(outs)

    def ragged_range(starts: Any, limits: Any, deltas: Any) -> tuple:
        n = broadcast_rows(starts.shape, limits.shape, deltas.shape)
        s = xp.broadcast_to(starts.astype(xp.float64), (n,))
        lim = xp.broadcast_to(limits.astype(xp.float64), (n,))
        d = xp.broadcast_to(deltas.astype(xp.float64), (n,))
        if bool((d == 0).any()):
            raise ValueError("'ragged_range': requires delta != 0")
        empty = ((d > 0) & (lim < s)) | ((d < 0) & (lim > s))
        with_size = xp.where(empty, 0.0, xp.ceil(xp.abs((lim - s) / d)))
        if bool((with_size > INT32_MAX).any()):
            raise ValueError(f"'ragged_range': requires ((limit - start) / delta) <= {INT32_MAX}")
        sizes = with_size.astype(i64)
        splits = xp.concatenate([xp.zeros(1, i64), xp.cumsum(sizes)])
        total = int(splits[-1])
        row = xp.repeat(xp.arange(n, dtype=i64), sizes)
        k = xp.arange(total, dtype=i64) - splits[:-1][row]
        if starts.dtype == xp.int32:
            vals = (xp.broadcast_to(starts.astype(i64), (n,))[row] +
                    k * xp.broadcast_to(deltas.astype(i64), (n,))[row]).astype(xp.int32)
        else:
            vals = (s[row] + k * d[row]).astype(starts.dtype)
        return splits.astype(xp.int32), vals

    def output_index(types: Sequence[str], parts: list, out_shape: list, rr: int,
                     first_dim: int) -> Any:
        mult = [1] * (rr + 1)
        for i in range(rr - 1, -1, -1):
            mult[i] = mult[i + 1] * out_shape[i + 1]
        r = xp.arange(first_dim, dtype=i64)
        parent = xp.where(r < out_shape[0], r * mult[0], -1)
        off = 1 if types[0] == "FIRST_DIM_SIZE" else 0
        name = "ragged_tensor_to_tensor"
        for lvl in range(1, rr + 1):
            t, p = types[lvl - 1 + off], parts[lvl - 1 + off].astype(i64)
            m, width = mult[lvl], out_shape[lvl]
            if t == "ROW_SPLITS":
                nrows = p.shape[0] - 1
                if nrows > parent.shape[0]:
                    raise ValueError(f"'{name}': row partition size is greater than output "
                                     f"size: {nrows} > {parent.shape[0]}")
                lengths = xp.diff(p)
                if bool((lengths < 0).any()):
                    raise ValueError(f"'{name}': row splits must be non-decreasing")
                rows = xp.repeat(xp.arange(nrows, dtype=i64), lengths)
                col = xp.arange(rows.shape[0], dtype=i64) - (xp.cumsum(lengths) - lengths)[rows]
                if p.shape[0] and rows.shape[0] != int(p[-1]):
                    raise ValueError(f"'{name}': invalid row split size")
            elif t == "VALUE_ROWIDS":
                rows = p
                if rows.size and bool(((rows < 0) | (rows >= parent.shape[0])).any()):
                    raise ValueError(f"'{name}': value_rowids must be in [0, {parent.shape[0]})")
                k = xp.arange(rows.shape[0], dtype=i64)
                new_run = xp.ones(rows.shape[0], dtype=bool)
                if rows.shape[0] > 1:
                    new_run[1:] = rows[1:] != rows[:-1]
                run_start = xp.maximum.accumulate(xp.where(new_run, k, 0)) if rows.size else k
                col = k - run_start
            else:
                raise ValueError(f"'{name}': unsupported partition type {t}")
            base = parent[rows]
            parent = xp.where((base >= 0) & (col < width), base + col * m, -1)
        return parent

    def ragged_to_tensor(shape: Any, values: Any, default_value: Any, *partitions: Any,
                         row_partition_types: Sequence[str]) -> Any:
        types = list(row_partition_types)
        if shape.ndim == 0:
            if int(shape) != -1:
                raise ValueError("'ragged_tensor_to_tensor': the only valid scalar shape is -1")
            shp = None
        else:
            shp = [int(v) for v in shape.tolist()]
        small = [p.reshape(-1).tolist() for p in partitions]
        out_shape, rr, first_dim = ragged_to_tensor_shape(shp, types, small, values.shape,
                                                          default_value.shape)
        elem = tuple(out_shape[rr + 1:])
        rows = 1
        for d in out_shape[:rr + 1]:
            rows *= d
        out = xp.empty((rows,) + elem, dtype=values.dtype)
        out[...] = default_value
        if out.size:
            index = output_index(types, list(partitions), out_shape, rr, first_dim)
            if index.shape[0] > values.shape[0]:
                raise ValueError(f"'ragged_tensor_to_tensor': the partitions describe "
                                 f"{index.shape[0]} values but values has {values.shape[0]}")
            keep = index >= 0
            out[index[keep]] = values[:index.shape[0]][keep]
        return out.reshape(tuple(out_shape))

    return {
        "RaggedGather": ragged_gather,
        "RaggedRange": ragged_range,
        "RaggedTensorToTensor": ragged_to_tensor,
    }
