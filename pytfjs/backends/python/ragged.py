"""Python kernels: ragged (RaggedGather, RaggedRange, RaggedTensorToTensor).

A ragged tensor is given by nested row partitions (``row_splits``, ``value_rowids`` or a first
dimension size) over a dense ``values`` tensor; the algorithms follow TensorFlow's kernels,
which TF.js's cpu backend ports. The planning helpers (shapes, splits, value slices) are shared
with the xp backends.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from ._util import PyArray, new, size_of, storage

ROW_PARTITION_TYPES = ("FIRST_DIM_SIZE", "VALUE_ROWIDS", "ROW_LENGTHS", "ROW_SPLITS",
                       "ROW_LIMITS", "ROW_STARTS")
INT32_MAX = 2 ** 31 - 1


# ------------------------------------------------------------------ RaggedGather
def ragged_gather_plan(splits: Sequence[Sequence[int]], num_values: int, indices: Sequence[int],
                       indices_shape: Sequence[int]) -> tuple[list[list[int]], list[tuple]]:
    """Output splits and the (start, limit) slices of values to copy, in order."""
    num_params = len(splits[0]) - 1
    for i, ix in enumerate(indices):
        if ix < 0 or ix >= num_params:
            raise ValueError(f"'ragged_gather': indices[{i}] = {ix} is not in [0, {num_params})")
    for dim, sp in enumerate(splits):
        last = num_values if dim == len(splits) - 1 else len(splits[dim + 1]) - 1
        if not sp:
            raise ValueError("'ragged_gather': ragged splits may not be empty")
        if sp[0] < 0:
            raise ValueError("'ragged_gather': ragged splits must be non-negative")
        if sp[-1] > last:
            raise ValueError("'ragged_gather': ragged splits must not point past values")
        if any(sp[i - 1] > sp[i] for i in range(1, len(sp))):
            raise ValueError("'ragged_gather': ragged splits must be sorted in ascending order")
    nd = len(indices_shape)
    out: list[list[int]] = [[0] for _ in range(nd - 1 + len(splits))]
    nrows = 1
    for dim in range(nd - 1):
        nrows *= indices_shape[dim]
        step = indices_shape[dim + 1]
        out[dim].extend(i * step for i in range(1, nrows + 1))
    slices: list[tuple] = []
    for ix in indices:
        start, limit = ix, ix + 1
        for dim, sp in enumerate(splits):
            od = dim + nd - 1
            if od >= 0:
                o = out[od]
                delta = o[-1] - sp[start]
                o.extend(sp[j + 1] + delta for j in range(start, limit))
            start, limit = sp[start], sp[limit]
        if limit != start:
            slices.append((start, limit))
    return out, slices


def _ragged_gather(*arrays: PyArray, output_ragged_rank: int) -> tuple:
    *splits, values, indices = arrays
    out_splits, slices = ragged_gather_plan([list(s.data) for s in splits], values.shape[0],
                                            list(indices.data), indices.shape)
    inner = size_of(values.shape[1:])
    data: Any = []
    for a, b in slices:
        data.extend(values.data[a * inner:b * inner])
    nvals = sum(b - a for a, b in slices)
    outs = [new("int32", s, (len(s),)) for s in out_splits]
    outs.append(new(values.dtype, data, (nvals,) + values.shape[1:]))
    return tuple(outs)


# ------------------------------------------------------------------ RaggedRange
def ragged_range_sizes(starts: Sequence[float], limits: Sequence[float],
                       deltas: Sequence[float]) -> list[int]:
    sizes = []
    for s, l, d in zip(starts, limits, deltas):
        if d == 0:
            raise ValueError("'ragged_range': requires delta != 0")
        if (d > 0 and l < s) or (d < 0 and l > s):
            sizes.append(0)
            continue
        size = math.ceil(abs((l - s) / d))
        if size > INT32_MAX:
            raise ValueError(f"'ragged_range': requires ((limit - start) / delta) <= {INT32_MAX}")
        sizes.append(size)
    return sizes


def broadcast_rows(*shapes: Sequence[int]) -> int:
    sizes = [s[0] for s in shapes if len(s)]
    if any(n != sizes[0] for n in sizes):
        raise ValueError("'ragged_range': starts, limits and deltas must have the same shape")
    return sizes[0] if sizes else 1


def _ragged_range(starts: PyArray, limits: PyArray, deltas: PyArray) -> tuple:
    n = broadcast_rows(starts.shape, limits.shape, deltas.shape)

    def col(a: PyArray) -> list:
        return list(a.data) * n if a.ndim == 0 else list(a.data)
    s, l, d = col(starts), col(limits), col(deltas)
    sizes = ragged_range_sizes(s, l, d)
    splits, vals = [0], []
    for v, step, size in zip(s, d, sizes):
        for _ in range(size):
            vals.append(v)
            v += step          # accumulated in double, stored as the dtype (as TF.js)
        splits.append(splits[-1] + size)
    return new("int32", splits, (n + 1,)), new(starts.dtype, vals, (len(vals),))


# ------------------------------------------------------------------ RaggedTensorToTensor
def ragged_to_tensor_shape(shape: Sequence[int] | None, types: Sequence[str],
                           partitions: Sequence[Sequence[int]], values_shape: Sequence[int],
                           default_shape: Sequence[int]) -> tuple[list[int], int, int]:
    """The output shape, the ragged rank and the first dimension of RaggedTensorToTensor.
    ``shape`` None means an unknown shape."""
    name = "ragged_tensor_to_tensor"
    if not types:
        raise ValueError(f"'{name}': no row_partition_types given")
    rr = len(types) - 1 if types[0] == "FIRST_DIM_SIZE" else len(types)
    first = types[0]
    if first == "FIRST_DIM_SIZE":
        first_dim = partitions[0][0]
    elif first == "ROW_SPLITS":
        first_dim = len(partitions[0]) - 1
    else:
        raise ValueError(f"'{name}': cannot handle {first} in the first dimension")
    if len(default_shape) >= len(values_shape):
        raise ValueError(f"'{name}': default_value.shape={list(default_shape)} and "
                         f"values.shape={list(values_shape)} are incompatible: default_value "
                         f"must have a lower rank than values")
    elem = list(values_shape[1:])
    dd = list(default_shape)
    for i, d in enumerate(dd):
        v = elem[len(elem) - len(dd) + i]
        if d != 1 and d != v:
            raise ValueError(f"'{name}': default_value.shape={dd} does not broadcast to the "
                             f"value shape {elem}")
    rank = rr + len(values_shape)
    out = [-1] * rank if shape is None else list(shape)
    for d in out:
        if d < -1:
            raise ValueError(f"'{name}': dimension {d} must be >= -1")
    if len(out) != rank:
        raise ValueError(f"'{name}': shape={list(shape or [])} is incompatible with the ragged "
                         f"tensor: its rank is {rank}, the shape's is {len(out)}")
    for i, v in enumerate(values_shape[1:], 1):
        j = rr + i
        if out[j] < 0:
            out[j] = v
        elif out[j] != v:
            raise ValueError(f"'{name}': shape[{j}] = {out[j]} does not match the values' "
                             f"dimension {v}")
    if out[0] < 0:
        out[0] = first_dim
    off = 1 if types[0] == "FIRST_DIM_SIZE" else 0
    for i in range(1, rr + 1):
        if out[i] < 0:
            t, p = types[i - 1 + off], partitions[i - 1 + off]
            if t == "ROW_SPLITS":
                out[i] = max((p[j + 1] - p[j] for j in range(len(p) - 1)), default=0)
            elif t == "VALUE_ROWIDS":
                best, run = 0, 0
                for j in range(len(p)):
                    run = run + 1 if j and p[j] == p[j - 1] else 1
                    best = max(best, run)
                out[i] = best
            else:
                raise ValueError(f"'{name}': cannot handle partition type {t}")
    return out, rr, first_dim


def ragged_output_index(types: Sequence[str], partitions: Sequence[Sequence[int]],
                        out_shape: Sequence[int], rr: int, first_dim: int) -> list[int]:
    """For each value row, its row offset in the flattened ``out_shape[:rr + 1]`` or -1."""
    name = "ragged_tensor_to_tensor"
    mult = [1] * (rr + 1)
    for i in range(rr - 1, -1, -1):
        mult[i] = mult[i + 1] * out_shape[i + 1]
    parent = [i * mult[0] if i < out_shape[0] else -1 for i in range(first_dim)]
    off = 1 if types[0] == "FIRST_DIM_SIZE" else 0
    for lvl in range(1, rr + 1):
        t, p = types[lvl - 1 + off], partitions[lvl - 1 + off]
        m, width = mult[lvl], out_shape[lvl]
        cur: list[int] = []
        if t == "ROW_SPLITS":
            if len(p) - 1 > len(parent):
                raise ValueError(f"'{name}': row partition size is greater than output size: "
                                 f"{len(p) - 1} > {len(parent)}")
            for r in range(len(p) - 1):
                base = parent[r]
                for j in range(p[r + 1] - p[r]):
                    cur.append(base + j * m if base >= 0 and j < width else -1)
            if p and len(cur) != p[-1]:
                raise ValueError(f"'{name}': invalid row split size")
        elif t == "VALUE_ROWIDS":
            col = 0
            for j, r in enumerate(p):
                if r < 0 or r >= len(parent):
                    raise ValueError(f"'{name}': value_rowids[{j}] = {r} is not in "
                                     f"[0, {len(parent)})")
                col = col + 1 if j and r == p[j - 1] else 0
                base = parent[r]
                cur.append(base + col * m if base >= 0 and col < width else -1)
        else:
            raise ValueError(f"'{name}': unsupported partition type {t}")
        parent = cur
    return parent


def _ragged_to_tensor(shape: PyArray, values: PyArray, default_value: PyArray,
                      *partitions: PyArray, row_partition_types: Sequence[str]) -> PyArray:
    types = list(row_partition_types)
    parts = [list(p.data) for p in partitions]
    shp = None if shape.ndim == 0 else list(shape.data)
    if shape.ndim == 0 and shape.data[0] != -1:
        raise ValueError("'ragged_tensor_to_tensor': the only valid scalar shape is -1")
    out_shape, rr, first_dim = ragged_to_tensor_shape(shp, types, parts, values.shape,
                                                      default_value.shape)
    elem_shape = tuple(out_shape[rr + 1:])
    inner = size_of(elem_shape)
    rows = size_of(out_shape[:rr + 1])
    dflt = default_value
    if dflt.size == 1:
        fill = list(dflt.data) * inner
    else:
        from ._util import broadcast_to
        fill = list(broadcast_to(dflt, elem_shape))
    data = fill * rows
    if rows * inner:
        index = ragged_output_index(types, parts, out_shape, rr, first_dim)
        if len(index) > values.shape[0]:
            raise ValueError(f"'ragged_tensor_to_tensor': the partitions describe "
                             f"{len(index)} values but values has {values.shape[0]}")
        src = values.data
        for k, o in enumerate(index):
            if o >= 0:
                data[o * inner:(o + 1) * inner] = src[k * inner:(k + 1) * inner]
    return PyArray(storage(values.dtype, data), tuple(out_shape), values.dtype)


def kernels() -> dict[str, Callable[..., Any]]:
    return {
        "RaggedGather": _ragged_gather,
        "RaggedRange": _ragged_range,
        "RaggedTensorToTensor": _ragged_to_tensor,
    }
