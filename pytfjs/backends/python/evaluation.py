"""python kernels: evaluation (TopK, Unique, SearchSorted, Bincount, DenseBincount, Where).

Same attrs and output dtypes as ``backends/xp/evaluation.py``. :func:`topk_row` reproduces the
TF.js cpu ``TopK`` exactly (the xp kernels use it where a vectorised sort cannot): TF.js compares
pairs with ``b.value - a.value`` (ties: the lower index first), moves the ``k`` largest to the
front with Floyd-Rivest selection, then (``sorted``) sorts them with the array sort. The
difference is NaN when a NaN or two equal infinities meet; such a comparison is neither "less"
nor "greater" in the selection and "equal" in the sort (ECMAScript ``SortCompare``), which is
why NaN does not simply sort first or last in TF.js. Python's ``list.sort`` is the same
TimSort that V8 ports, so the tie order matches.
"""
from __future__ import annotations

import functools
import math
from array import array
from typing import Any, Callable, Sequence

from ._util import FLOATS, PyArray, new, size_of, strides_of


# ------------------------------------------------------------------------------ TopK
def _cmp(a: tuple, b: tuple) -> float:
    d = b[0] - a[0]
    return (a[1] - b[1]) if d == 0 else d


def _select(arr: list, k: int, left: int, right: int) -> None:
    """In-place Floyd-Rivest selection of ``arr[k]`` with TF.js's comparator."""
    while right > left:
        if right - left > 600:
            n = right - left + 1
            i = k - left + 1
            z = math.log(n)
            s = 0.5 * math.exp(2 * z / 3)
            half = i - n / 2
            sign = (half > 0) - (half < 0)
            sd = 0.5 * math.sqrt(z * s * (n - s) / n) * sign
            _select(arr, k, max(left, math.floor(k - i * s / n + sd)),
                    min(right, math.floor(k + (n - i) * s / n + sd)))
        t = arr[k]
        i, j = left, right
        arr[left], arr[k] = arr[k], arr[left]
        if _cmp(arr[right], t) > 0:
            arr[left], arr[right] = arr[right], arr[left]
        while i < j:
            arr[i], arr[j] = arr[j], arr[i]
            i += 1
            j -= 1
            while _cmp(arr[i], t) < 0:
                i += 1
            while _cmp(arr[j], t) > 0:
                j -= 1
        if _cmp(arr[left], t) == 0:
            arr[left], arr[j] = arr[j], arr[left]
        else:
            j += 1
            arr[j], arr[right] = arr[right], arr[j]
        if j <= k:
            left = j + 1
        if k <= j:
            right = j - 1


def _sort_cmp(a: tuple, b: tuple) -> int:
    c = _cmp(a, b)
    return -1 if c < 0 else (1 if c > 0 else 0)  # NaN: equal


_SORT_KEY = functools.cmp_to_key(_sort_cmp)


def topk_row(values: Sequence[Any], k: int, sorted_: bool) -> list[int]:
    """The indices TF.js's cpu ``TopK`` picks from one row, in its output order."""
    pairs = [(v, i) for i, v in enumerate(values)]
    if k < len(pairs):
        _select(pairs, k, 0, len(pairs) - 1)
        pairs = pairs[:k]
    if sorted_:
        pairs.sort(key=_SORT_KEY)
    return [i for _, i in pairs]


def _finite(vals: Sequence[float]) -> bool:
    return all(map(math.isfinite, vals))


def top_k(x: PyArray, *, k: int, sorted: bool = True) -> list:  # noqa: A002
    n = x.shape[-1]
    rows = size_of(x.shape[:-1])
    data = x.data
    out_shape = x.shape[:-1] + (k,)
    vals: list = []
    idxs: list = []
    for r in range(rows):
        row = data[r * n:(r + 1) * n]
        if sorted and (x.dtype not in FLOATS or _finite(row)):
            pick = sorted_indices(row)[:k]  # a total order: the same as TF.js
        else:
            pick = topk_row(row, k, sorted)
        idxs.extend(pick)
        vals.extend(row[i] for i in pick)
    return [new(x.dtype, vals, out_shape), new("int32", idxs, out_shape)]


def sorted_indices(row: Sequence[Any]) -> list[int]:
    """Indices by value descending, ties by index (stable): TF.js's order for finite values."""
    return _sorted(range(len(row)), key=lambda i: -row[i])


_sorted = sorted


# ------------------------------------------------------------------------------ Unique
def _key(v: Any) -> Any:
    return "NaN" if isinstance(v, float) and v != v else v


def unique(x: PyArray, *, axis: int) -> list:
    shape = x.shape
    outer = size_of(shape[:axis])
    n = shape[axis]
    inner = size_of(shape[axis + 1:])
    data = x.data
    seen: dict = {}
    first: list[int] = []
    indices: list[int] = []
    for i in range(n):
        if outer == 1 and inner == 1:
            key: Any = _key(data[i])
        else:
            key = tuple(_key(data[(m * n + i) * inner + j])
                        for m in range(outer) for j in range(inner))
        got = seen.get(key)
        if got is None:
            got = seen[key] = len(first)
            first.append(i)
        indices.append(got)
    u = len(first)
    vals = [data[(m * n + i) * inner + j] for m in range(outer) for i in first
            for j in range(inner)]
    out_shape = shape[:axis] + (u,) + shape[axis + 1:]
    return [new(x.dtype, vals, out_shape), new("int32", indices, (n,))]


# ------------------------------------------------------------------------------ SearchSorted
def _lower(arr: Sequence[Any], v: Any) -> int:
    lo, hi = 0, len(arr)
    while lo < hi:
        mid = (lo + hi) // 2
        if arr[mid] < v:
            lo = mid + 1
        else:
            hi = mid
    return hi


def _upper(arr: Sequence[Any], v: Any) -> int:
    lo, hi = 0, len(arr)
    while lo < hi:
        mid = (lo + hi) // 2
        if arr[mid] <= v:
            lo = mid + 1
        else:
            hi = mid
    return hi


def search_sorted(seq: PyArray, values: PyArray, *, side: str = "left") -> PyArray:
    rows, n = seq.shape
    m = values.shape[1]
    find = _lower if side == "left" else _upper
    out: list[int] = []
    for b in range(rows):
        arr = seq.data[b * n:(b + 1) * n]
        out.extend(find(arr, v) for v in values.data[b * m:(b + 1) * m])
    return new("int32", out, values.shape)


# ------------------------------------------------------------------------------ Bincount
def _bins(xs: Sequence[int], ws: Any, wdtype: str, size: int, binary: bool) -> Any:
    if wdtype == "bool":
        out: Any = array("B", bytes(size))
    elif wdtype in FLOATS:
        out = array("f" if wdtype == "float32" else "d", bytes(size * (4 if wdtype == "float32"
                                                                     else 8)))
    else:
        out = [0] * size
    for i, v in enumerate(xs):
        if v < 0:
            raise ValueError("Input x must be non-negative!")
        if v >= size:
            continue
        if binary:
            out[v] = 1
        elif wdtype == "bool":
            out[v] = 1 if (ws is None or ws[i]) or out[v] else 0
        else:
            out[v] += 1 if ws is None else ws[i]
    return out


def bincount(x: PyArray, weights: PyArray, *, size: int) -> PyArray:
    ws = weights.data if weights.size else None
    return new(weights.dtype, _bins(x.data, ws, weights.dtype, size, False), (size,))


def dense_bincount(x: PyArray, weights: PyArray, *, size: int,
                   binary_output: bool = False) -> PyArray:
    ws = weights.data if weights.size else None
    if x.ndim == 1:
        return new(weights.dtype, _bins(x.data, ws, weights.dtype, size, binary_output),
                   (size,))
    rows, cols = x.shape
    out: list = []
    for r in range(rows):
        w = None if ws is None else ws[r * cols:(r + 1) * cols]
        out.extend(_bins(x.data[r * cols:(r + 1) * cols], w, weights.dtype, size,
                         binary_output))
    return new(weights.dtype, out, (rows, size))


# ------------------------------------------------------------------------------ Where
def where(cond: PyArray) -> PyArray:
    st = strides_of(cond.shape)
    coords: list[int] = []
    count = 0
    for flat, v in enumerate(cond.data):
        if v and v == v:  # JS truthiness: nonzero and not NaN
            count += 1
            for s in st:
                coords.append(flat // s)
                flat %= s
    return new("int32", coords, (count, cond.ndim))


def kernels() -> dict[str, Callable[..., Any]]:
    return {
        "TopK": top_k,
        "Unique": unique,
        "SearchSorted": search_sorted,
        "Bincount": bincount,
        "DenseBincount": dense_bincount,
        "Where": where,
    }
