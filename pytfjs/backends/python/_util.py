"""Shared machinery of the pure-Python backend (standard library only).

A :class:`PyArray` is a flat, row-major buffer plus a shape and a dtype:

* ``float32`` -> ``array('f')`` (storing rounds to float32 exactly as a ``Float32Array``),
  ``float64`` -> ``array('d')``;
* ``int32`` -> ``array('i')`` and the other integer dtypes -> their ``array`` codes; values that
  overflow wrap around (two's complement), as TF.js's ``Int32Array`` does;
* ``bool`` -> ``array('B')`` of 0/1;
* ``complex64`` -> a ``list`` of Python ``complex`` whose parts are rounded to float32;
* ``string`` -> a ``list`` of ``str``.

Kernels never mutate their inputs' buffers, so arrays may share buffers freely (``Identity``,
``Reshape``). Index work is done with *index maps*: a flat list of source offsets, one per output
element, built per call from per-dimension offset lists (broadcasting, transposition, slicing,
gathering, tiling and padding are all index maps), then applied with ``map(data.__getitem__, ...)``
so the per-element work stays in C where possible.
"""
from __future__ import annotations

import math
from array import array
from typing import Any, Callable, Iterable, Sequence

INF = float("inf")
NAN = float("nan")

#: array typecodes per dtype (complex64 and string are lists).
CODES = {"float32": "f", "float64": "d", "int32": "i", "bool": "B", "int8": "b", "uint8": "B",
         "int16": "h", "uint16": "H", "int64": "q"}
FLOATS = frozenset({"float32", "float64"})
#: (bits, signed) of the integer dtypes, for wrap-around.
INT_BITS = {"int32": (32, True), "int8": (8, True), "uint8": (8, False), "int16": (16, True),
            "uint16": (16, False), "int64": (64, True)}
INTS = frozenset(INT_BITS)


class PyArray:
    """A flat row-major buffer with a shape and a dtype (the python backend's native array)."""

    __slots__ = ("data", "shape", "dtype")

    def __init__(self, data: Any, shape: Sequence[int], dtype: str) -> None:
        self.data = data
        self.shape = tuple(shape)
        self.dtype = dtype

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def reshape(self, shape: Sequence[int]) -> "PyArray":
        return PyArray(self.data, shape, self.dtype)

    def tolist(self) -> list:
        return list(self.data)

    def __repr__(self) -> str:
        return f"PyArray({list(self.data)!r}, shape={self.shape}, dtype={self.dtype})"


# ------------------------------------------------------------------------ storage
def _trunc_int(v: Any) -> int:
    """JS ToInt32-like conversion of a float: truncate; NaN/Inf become 0."""
    if isinstance(v, int):
        return v
    if isinstance(v, complex):
        v = v.real
    if v != v or v in (INF, -INF):
        return 0
    return int(v)


def wrap_ints(values: Iterable[int], dtype: str) -> list:
    bits, signed = INT_BITS[dtype]
    mask = (1 << bits) - 1
    if signed:
        half = 1 << (bits - 1)
        return [((v + half) & mask) - half for v in values]
    return [v & mask for v in values]


def round_complex(values: Iterable[Any]) -> list:
    """complex64 storage: Python complex numbers with float32-rounded parts."""
    vals = [complex(v) for v in values]
    parts = array("f")
    for c in vals:
        parts.append(c.real)
        parts.append(c.imag)
    return list(map(complex, parts[0::2], parts[1::2]))


def storage(dtype: str, values: Iterable[Any]) -> Any:
    """A new buffer of ``dtype`` holding ``values`` (Python scalars, or another buffer),
    converting as NumPy's ``astype`` / TF.js's typed arrays do: float32 rounding, int
    truncation toward zero (NaN/Inf -> 0) and wrap-around, bool = nonzero."""
    if not isinstance(values, (list, array)):
        values = list(values)
    if dtype == "string":
        return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in values]
    if dtype == "complex64":
        return round_complex(values)
    if dtype == "bool":
        return array("B", map(bool, values))
    code = CODES[dtype]
    if dtype in FLOATS:
        if isinstance(values, list) and values and isinstance(values[0], complex):
            values = [c.real for c in values]
        try:
            return array(code, values)
        except TypeError:  # complex or other non-float entries
            return array(code, [v.real if isinstance(v, complex) else float(v) for v in values])
    try:
        return array(code, values)
    except TypeError:  # floats: truncate
        values = [_trunc_int(v) for v in values]
    except OverflowError:
        return array(code, wrap_ints(values, dtype))
    try:
        return array(code, values)
    except OverflowError:
        return array(code, wrap_ints(values, dtype))


def new(dtype: str, values: Iterable[Any], shape: Sequence[int]) -> PyArray:
    """A PyArray from Python values (converted/rounded/wrapped to ``dtype``)."""
    return PyArray(storage(dtype, values), shape, dtype)


def full(dtype: str, shape: Sequence[int], value: Any) -> PyArray:
    n = size_of(shape)
    one = storage(dtype, [value])
    return PyArray(one * n, shape, dtype)


def empty_like_data(dtype: str) -> Any:
    return [] if dtype in ("string", "complex64") else array(CODES[dtype])


def size_of(shape: Sequence[int]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def strides_of(shape: Sequence[int]) -> list[int]:
    out = [1] * len(shape)
    acc = 1
    for i in range(len(shape) - 1, -1, -1):
        out[i] = acc
        acc *= shape[i]
    return out


# ------------------------------------------------------------------------ index maps
def index_map(offsets: Sequence[Sequence[int]], base: int = 0) -> list[int]:
    """Row-major flat source offsets from one offset list per output dimension:
    ``out[i0, i1, ...] = base + offsets[0][i0] + offsets[1][i1] + ...``."""
    idx = [base]
    for offs in offsets:
        if len(offs) == 1:
            o = offs[0]
            if o:
                idx = [i + o for i in idx]
            continue
        idx = [i + o for i in idx for o in offs]
    return idx


def strided_offsets(n: int, stride: int, start: int = 0, step: int = 1) -> Sequence[int]:
    if n == 0:
        return ()
    s = stride * step
    if s == 0:
        return [start * stride] * n
    first = start * stride
    return range(first, first + n * s, s)


def take(data: Any, idx: Sequence[int]) -> Any:
    """``[data[i] for i in idx]`` keeping the buffer type."""
    vals = map(data.__getitem__, idx)
    if isinstance(data, array):
        return array(data.typecode, vals)
    return list(vals)


def broadcast_shape(a: Sequence[int], b: Sequence[int]) -> tuple[int, ...]:
    a, b = tuple(a), tuple(b)
    if a == b:
        return a
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + a
    b = (1,) * (n - len(b)) + b
    out = []
    for da, db in zip(a, b):
        if da == db or db == 1:
            out.append(da)
        elif da == 1:
            out.append(db)
        else:
            raise ValueError(f"python backend: shapes {list(a)} and {list(b)} do not broadcast")
    return tuple(out)


def broadcast_to(x: PyArray, shape: Sequence[int]) -> Any:
    """The flat values of ``x`` broadcast to ``shape`` (the buffer itself when no work)."""
    shape = tuple(shape)
    if x.shape == shape:
        return x.data
    n = len(shape)
    xs = (1,) * (n - len(x.shape)) + x.shape
    st = strides_of(xs)
    if len(x.data) == 1:
        return x.data * size_of(shape)
    offs = [strided_offsets(d, 0 if xd == 1 and d != 1 else s) for d, xd, s in zip(shape, xs, st)]
    return take(x.data, index_map(offs))


def transpose_map(shape: Sequence[int], perm: Sequence[int]) -> list[int]:
    st = strides_of(shape)
    return index_map([strided_offsets(shape[p], st[p]) for p in perm])


def transpose(x: PyArray, perm: Sequence[int]) -> PyArray:
    perm = [p % max(x.ndim, 1) for p in perm]
    out_shape = tuple(x.shape[p] for p in perm)
    if list(perm) == list(range(x.ndim)) or x.size <= 1:
        return PyArray(x.data, out_shape, x.dtype)
    return PyArray(take(x.data, transpose_map(x.shape, perm)), out_shape, x.dtype)


def groups(x: PyArray, axes: Sequence[int]) -> tuple[tuple[int, ...], int, Any]:
    """Arranges ``x`` so that the reduced ``axes`` are innermost: returns (kept shape,
    reduced length R, flat data) where each consecutive run of R values is one group."""
    axes = sorted({a % x.ndim for a in axes}) if x.ndim else []
    kept = [i for i in range(x.ndim) if i not in axes]
    kept_shape = tuple(x.shape[i] for i in kept)
    r = size_of([x.shape[i] for i in axes])
    perm = kept + axes
    data = x.data if perm == list(range(x.ndim)) else take(x.data, transpose_map(x.shape, perm))
    return kept_shape, r, data


def reduce(x: PyArray, axes: Sequence[int], fn: Callable[[Any], Any], out_dtype: str,
           keep_dims: bool = False) -> PyArray:
    """Applies ``fn(group_values)`` to each group of ``x`` over ``axes``."""
    axes_n = sorted({a % x.ndim for a in axes}) if x.ndim else []
    kept_shape, r, data = groups(x, axes_n)
    m = size_of(kept_shape)
    vals = [fn(data[i * r:(i + 1) * r]) for i in range(m)]
    if keep_dims:
        shape = tuple(1 if i in axes_n else d for i, d in enumerate(x.shape))
    else:
        shape = kept_shape
    return new(out_dtype, vals, shape)


# ------------------------------------------------------------------------ elementwise
# IEEE-754 helpers: Python raises where float32 math returns Inf/NaN.
def fdiv(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        if a != a or a == 0:
            return NAN
        return math.copysign(INF, a) * math.copysign(1.0, b)


def safe(fn: Callable[[float], float], on_overflow: Callable[[float], float] | None = None,
         domain: float = NAN) -> Callable[[float], float]:
    """Wraps a ``math`` function so that domain errors give ``domain`` (NaN by default),
    overflows give ``on_overflow(x)`` (+Inf by default) and NaN propagates."""
    def f(x: float) -> float:
        try:
            return fn(x)
        except OverflowError:
            return on_overflow(x) if on_overflow is not None else INF
        except ValueError:
            return NAN if x != x else domain
    return f


# ------------------------------------------------------------------------ table rows
def js_int32(v: Any) -> int:
    """JS ``ToInt32``: truncate toward zero, NaN/Inf -> 0, wrap modulo 2**32."""
    i = _trunc_int(v)
    return ((i + 0x80000000) & 0xFFFFFFFF) - 0x80000000


def from_float(values: Iterable[Any], dtype: str, shape: Sequence[int]) -> PyArray:
    """Float results stored into an integer or bool tensor as TF.js's typed arrays store JS
    numbers (bool data is a ``Uint8Array``: true when ``ToUint8`` is nonzero)."""
    if dtype == "bool":
        return PyArray(array("B", [(js_int32(v) & 255) != 0 for v in values]), shape, "bool")
    if dtype in INTS:
        return new(dtype, [js_int32(v) for v in values], shape)
    return new(dtype, values, shape)


def apply(f: Callable[..., Any], arrays: Sequence[PyArray], attrs: dict,
          as_float: bool = False) -> tuple[Any, tuple[int, ...]]:
    """Maps ``f`` over the (broadcast) elements of ``arrays``; returns (values, shape)."""
    if attrs:
        fn = f
        f = lambda *v: fn(*v, **attrs)  # noqa: E731
    datas = [array("d", a.data) if as_float else a.data for a in arrays]
    if len(arrays) == 1:
        return map(f, datas[0]), arrays[0].shape
    shape = arrays[0].shape
    for a in arrays[1:]:
        shape = broadcast_shape(shape, a.shape)
    if len(arrays) == 2:
        a, b = arrays
        da, db = datas
        n = size_of(shape)
        if a.shape == b.shape:
            return map(f, da, db), shape
        if len(db) == 1 and len(da) == n:
            v = db[0]
            return [f(x, v) for x in da], shape
        if len(da) == 1 and len(db) == n:
            v = da[0]
            return [f(v, y) for y in db], shape
    srcs = [d if a.shape == shape else broadcast_to(PyArray(d, a.shape, a.dtype), shape)
            for a, d in zip(arrays, datas)]
    return map(f, *srcs), shape


def elementwise(f: Callable[..., Any], f_int: Callable[..., Any] | None = None,
                f_bool: Callable[..., Any] | None = None, out: str | None = None,
                always: bool = False) -> Callable[..., PyArray]:
    """A kernel from a table row, with the semantics of ``backends/xp/arithmetic.elementwise``:
    ``f`` computes float/complex inputs (in double, stored as the input dtype); ``f_int`` /
    ``f_bool`` compute integer / bool inputs exactly (None: compute ``f`` in double and store
    with :func:`from_float`); ``out`` a fixed output dtype (``"float32"``: non-float inputs
    are computed as float32); ``always``: ``out`` applies to float inputs too. complex64
    inputs give float32 where ``f`` returns real numbers (``Abs``)."""
    def complex_out(attrs: dict, n: int) -> str:
        try:
            probe = f(*([complex(1.0, 1.0)] * n), **attrs)
        except Exception:  # noqa: BLE001 - the kernel itself will report it
            return "complex64"
        return "complex64" if isinstance(probe, complex) else "float32"

    def kernel(*arrays: PyArray, **attrs: Any) -> PyArray:
        a = arrays[0]
        dt = a.dtype
        if dt in FLOATS or dt == "complex64":
            vals, shape = apply(f, arrays, attrs)
            if always:
                return from_float(vals, out, shape)  # type: ignore[arg-type]
            if dt == "complex64":
                return new(complex_out(attrs, len(arrays)), vals, shape)
            return new(dt, vals, shape)
        if out == "float32":
            vals, shape = apply(f, arrays, attrs, as_float=True)
            return new("float32", vals, shape)
        if dt == "bool":
            if f_bool is not None:
                vals, shape = apply(f_bool, arrays, attrs)
                return new("bool", vals, shape)
        elif f_int is not None:
            vals, shape = apply(f_int, arrays, attrs)
            return new(out or dt, vals, shape)
        vals, shape = apply(f, arrays, attrs, as_float=True)
        return from_float(vals, out or dt, shape)
    return kernel
