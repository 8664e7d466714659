"""xp kernels: arithmetic (binary elementwise; broadcasting is the array module's).

Elementwise kernels are table rows (DESIGN.md §3). Each row gives the expression for float
(and complex) inputs; integer and bool inputs either have an exact integer expression or are
computed in float64 and stored back the way TF.js's cpu backend stores a JS number into an
``Int32Array``/``Uint8Array`` (see :func:`from_float`). The ops layer has already made both
inputs the same dtype (TF.js ``makeTypesMatch``).

The helpers here (:func:`js_int32`, :func:`from_float`, :func:`elementwise`) are shared by the
other elementwise kernel modules (basic_math, logical).
"""
from __future__ import annotations

from typing import Any, Callable

from ._common import quiet

_TWO_31 = 2147483648.0
_TWO_32 = 4294967296.0


def js_int32(xp: Any, y: Any) -> Any:
    """JS ``ToInt32`` of float values, as storing into an ``Int32Array`` does: NaN and
    +-Infinity become 0, other values truncate toward zero and wrap modulo 2**32."""
    with quiet(xp):
        t = xp.trunc(y.astype(xp.float64, copy=False))
        t = xp.where(xp.isfinite(t), t, 0.0)
        # fmod is exact in float64 (adding 2**31 first would round away low bits past 2**53).
        t = xp.fmod(t, _TWO_32)
        t = xp.where(t >= _TWO_31, t - _TWO_32, t)
        t = xp.where(t < -_TWO_31, t + _TWO_32, t)
    return t.astype(xp.int32)


def from_float(xp: Any, y: Any, dtype: Any) -> Any:
    """Float results stored into a tensor of integer or bool ``dtype`` (TF.js typed arrays:
    bool data is a ``Uint8Array``, so a value is true when ``ToUint8`` of it is nonzero)."""
    ints = js_int32(xp, y)
    if dtype == bool:
        return (ints & 255) != 0
    return ints if dtype == xp.int32 else ints.astype(dtype)


def elementwise(xp: Any, f: Callable[..., Any], f_int: Callable[..., Any] | None = None,
                f_bool: Callable[..., Any] | None = None, out: Any = None,
                always: bool = False) -> Callable[..., Any]:
    """Builds a kernel from a table row.

    ``f(*arrays, **attrs)`` computes float (and complex) inputs; ``f_int`` computes integer
    inputs exactly (None: compute in float64 and store back with :func:`from_float`);
    ``f_bool`` computes bool inputs (None: the float64 route). ``out``: a fixed output dtype
    (``"float32"`` means non-float inputs are cast to float32 first, as TF.js's ``Exp``/``Erf``
    do; any other dtype is where float64 results are stored). ``always``: ``out`` applies to
    float inputs too (``FloorDiv`` returns int32 even for float32 inputs).
    """
    f32, f64 = xp.float32, xp.float64
    out_dt = None if out is None else xp.dtype(out)
    to_float32 = out == "float32"

    def kernel(*arrays: Any, **attrs: Any) -> Any:
        a = arrays[0]
        kind = a.dtype.kind
        with quiet(xp):
            if kind in "fc":
                y = f(*arrays, **attrs)
                if always:
                    return from_float(xp, y, out_dt)
                # Keep float32 float32 (never promote to float64); complex64 may turn into
                # float32 (Abs).
                return y if y.dtype == a.dtype or kind == "c" else y.astype(a.dtype)
            if to_float32:
                return f(*(x.astype(f32) for x in arrays), **attrs)
            if kind == "b":
                if f_bool is not None:
                    return f_bool(*arrays, **attrs)
            elif f_int is not None:
                y = f_int(*arrays, **attrs)
                return y if out_dt is None or y.dtype == out_dt else y.astype(out_dt)
            y = f(*(x.astype(f64) for x in arrays), **attrs)
        return from_float(xp, y, a.dtype if out_dt is None else out_dt)

    return kernel


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def mod(a: Any, b: Any) -> Any:
        # Sign follows the divisor. TF.js computes ((a % b) + b) % b where the signs differ,
        # which is NaN for an infinite divisor; NumPy returns +-inf or a there.
        r = xp.remainder(a, b)
        inf_b = xp.isinf(b)
        if inf_b.any():
            r = xp.where(inf_b & ((a < 0) != (b < 0)), xp.nan, r)
        return r

    def pow_(a: Any, b: Any) -> Any:
        # JS Math.pow: 1 ** NaN and (+-1) ** (+-Infinity) are NaN (C pow returns 1).
        r = xp.power(a, b)
        bad_b = ~xp.isfinite(b)
        if bad_b.any():
            r = xp.where(bad_b & (xp.abs(a) == 1), xp.nan, r)
        return r

    def div_no_nan(a: Any, b: Any) -> Any:
        return xp.where(b == 0, 0, a / b)

    def floor_div_int(a: Any, b: Any) -> Any:
        return xp.floor_divide(a, b)  # x // 0 is 0, as TF.js's floor(+-Inf or NaN) stored in int32

    def squared_difference(a: Any, b: Any) -> Any:
        d = a - b
        return d * d

    ew = elementwise
    # kernel name: row (float expression, exact int expression, bool expression, output dtype)
    return {
        "Add": ew(xp, xp.add, xp.add, xp.logical_or),
        "Sub": ew(xp, xp.subtract, xp.subtract, xp.not_equal),
        "Multiply": ew(xp, xp.multiply, xp.multiply, xp.logical_and),
        "RealDiv": ew(xp, xp.true_divide),
        "FloorDiv": ew(xp, lambda a, b: xp.floor(a / b), floor_div_int, out="int32",
                       always=True),
        "DivNoNan": ew(xp, div_no_nan, floor_div_int),
        "Mod": ew(xp, mod, xp.remainder),
        "Pow": ew(xp, pow_),
        "Maximum": ew(xp, xp.maximum, xp.maximum, xp.logical_or),
        "Minimum": ew(xp, xp.minimum, xp.minimum, xp.logical_and),
        "SquaredDifference": ew(xp, squared_difference, squared_difference, xp.not_equal),
        "Atan2": ew(xp, xp.arctan2),
        "AddN": add_n(xp),
    }


def add_n(xp: Any) -> Callable[..., Any]:
    def kernel(*arrays: Any) -> Any:
        if len(arrays) == 1:
            return arrays[0]  # arrays are never mutated in place, so sharing is safe
        first, rest = arrays[0], arrays[2:]
        add = xp.logical_or if first.dtype == bool else xp.add  # bool sums are "any nonzero"
        with quiet(xp):
            out = xp.asarray(add(first, arrays[1]))  # a fresh array: the rest accumulate in place
            for x in rest:
                add(out, x, out=out)
        return out

    return kernel
