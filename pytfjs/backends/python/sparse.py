"""Python kernels: sparse (SparseFillEmptyRows, SparseReshape, SparseSegmentSum/Mean).

The algorithms follow TensorFlow's kernels (which TF.js's cpu backend ports); data-dependent
checks (an index out of range, unsorted segment ids) raise ``ValueError`` naming the op.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._util import PyArray, new, size_of, storage


def fill_empty_rows_plan(rows: list[int], dense_rows: int) -> tuple[list[int], list[bool], int,
                                                                    list[int]]:
    """Where each input entry and each empty row goes: returns (output position per entry,
    empty flag per dense row, output length, start of each row in the output)."""
    counts = [0] * dense_rows
    for i, r in enumerate(rows):
        if r < 0 or r >= dense_rows:
            raise ValueError(f"'sparse_fill_empty_rows': indices[{i}, 0] = {r} is out of range "
                             f"[0, {dense_rows})")
        counts[r] += 1
    empty = [c == 0 for c in counts]
    starts, total = [], 0
    for c in counts:
        starts.append(total)
        total += max(c, 1)
    filled = [0] * dense_rows
    pos = []
    for r in rows:
        pos.append(starts[r] + filled[r])
        filled[r] += 1
    return pos, empty, total, starts


def _fill_empty_rows(indices: PyArray, values: PyArray, dense_shape: PyArray,
                     default_value: PyArray) -> tuple:
    n, rank = indices.shape
    dense_rows = dense_shape.data[0]
    if dense_rows == 0 and n:
        raise ValueError(f"'sparse_fill_empty_rows': dense_shape[0] is 0 but indices has {n} "
                         f"rows")
    rows = [indices.data[i * rank] for i in range(n)]
    pos, empty, total, starts = fill_empty_rows_plan(rows, dense_rows)
    out_idx = [0] * (total * rank)
    out_val: list = [default_value.data[0]] * total
    for i, p in enumerate(pos):
        out_idx[p * rank:(p + 1) * rank] = indices.data[i * rank:(i + 1) * rank]
        out_val[p] = values.data[i]
    for r, e in enumerate(empty):
        if e:
            out_idx[starts[r] * rank] = r
    return (new("int32", out_idx, (total, rank)), new(values.dtype, out_val, (total,)),
            new("bool", empty, (dense_rows,)), new("int32", pos, (n,)))


def reshape_plan(in_shape: list[int], target: list[int]) -> list[int]:
    """The output dense shape of SparseReshape (``target`` with its -1 filled in)."""
    dense = size_of(in_shape)
    out, product, unknown = [], 1, -1
    for d, size in enumerate(target):
        if size == -1:
            if unknown != -1:
                raise ValueError(f"'sparse_reshape': only one output dimension may be -1, "
                                 f"not both {unknown} and {d}")
            unknown = d
            out.append(1)
        elif size < 0:
            raise ValueError(f"'sparse_reshape': size {d} must be non-negative, not {size}")
        else:
            product *= size
            out.append(size)
    if unknown != -1:
        if product <= 0:
            raise ValueError("'sparse_reshape': reshape cannot infer the missing input size "
                             "for an empty tensor unless all specified input sizes are non-zero")
        missing = dense // product
        if product * missing != dense:
            raise ValueError(f"'sparse_reshape': input to reshape is a SparseTensor with {dense} "
                             f"dense values, but the requested shape requires a multiple of "
                             f"{product}. inputShape={in_shape} outputShape={out}")
        out[unknown] = missing
    if size_of(out) != dense:
        raise ValueError(f"'sparse_reshape': input to reshape is a tensor with {dense} dense "
                         f"values, but the requested shape has {size_of(out)}. "
                         f"inputShape={in_shape} outputShape={out}")
    return out


def _strides(shape: list[int]) -> list[int]:
    st, acc = [0] * len(shape), 1
    for i in range(len(shape) - 1, -1, -1):
        st[i] = acc
        acc *= shape[i]
    return st


def _sparse_reshape(indices: PyArray, input_shape: PyArray, new_shape: PyArray) -> tuple:
    n, rin = indices.shape
    in_shape = list(input_shape.data)
    out_shape = reshape_plan(in_shape, list(new_shape.data))
    ist, ost = _strides(in_shape), _strides(out_shape)
    rout = len(out_shape)
    out = []
    for i in range(n):
        lin = sum(indices.data[i * rin + j] * ist[j] for j in range(rin))
        for s in ost:
            q, lin = divmod(lin, s) if s else (0, lin)
            out.append(q)
    return new("int32", out, (n, rout)), new("int32", out_shape, (rout,))


def segment_plan(indices: list[int], segment_ids: list[int], num_rows: int) -> int:
    """Validates the segment inputs; returns the number of output rows."""
    k = len(indices)
    out_rows = segment_ids[-1] + 1 if k else 0
    for i in range(k):
        s = segment_ids[i]
        if i + 1 < k and segment_ids[i + 1] < s:
            raise ValueError("'sparse_segment': segment ids are not increasing")
        if s < 0:
            raise ValueError(f"'sparse_segment': segment id {s} is out of range [0, "
                             f"{out_rows}), possibly because segment_ids is not sorted")
        if indices[i] < 0 or indices[i] >= num_rows:
            raise ValueError(f"'sparse_segment': indices[{i}] == {indices[i]} is out of range "
                             f"[0, {num_rows})")
    return out_rows


def _segment(mean: bool) -> Callable[..., PyArray]:
    def kernel(data: PyArray, indices: PyArray, segment_ids: PyArray) -> PyArray:
        nrows = data.shape[0]
        cols = size_of(data.shape[1:])
        idx, seg = list(indices.data), list(segment_ids.data)
        out_rows = segment_plan(idx, seg, nrows)
        shape = (out_rows,) + data.shape[1:]
        is_float = data.dtype in ("float32", "float64")
        out: Any = storage(data.dtype, [0.0] * (out_rows * cols)) if is_float else \
            [0] * (out_rows * cols)
        counts = [0] * out_rows
        src = data.data
        for i, s in zip(idx, seg):
            counts[s] += 1
            base, sb = s * cols, i * cols
            for j in range(cols):
                out[base + j] += src[sb + j]   # float32 storage rounds each step, as TF.js
        if mean:
            for s, c in enumerate(counts):
                if c > 1:
                    for j in range(s * cols, (s + 1) * cols):
                        v = out[j]
                        out[j] = v / c if is_float else int(v / c)
        if is_float:
            return PyArray(out, shape, data.dtype)
        return new(data.dtype, out, shape)  # wraps around as an Int32Array does
    return kernel


def kernels() -> dict[str, Callable[..., Any]]:
    return {
        "SparseFillEmptyRows": _fill_empty_rows,
        "SparseReshape": _sparse_reshape,
        "SparseSegmentSum": _segment(False),
        "SparseSegmentMean": _segment(True),
    }
