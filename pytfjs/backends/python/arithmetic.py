"""python kernels: arithmetic (binary elementwise with broadcasting), as table rows mirroring
``backends/xp/arithmetic.py``: ``kernel: elementwise(float fn, exact int fn, bool fn, out)``.

Values are computed on Python scalars (double precision / unbounded ints) and rounded or wrapped
to the output dtype when stored, which for +, -, * and / gives exactly the float32 result.
"""
from __future__ import annotations

import math
import operator
from typing import Any, Callable

from ._util import INF, NAN, PyArray, apply, elementwise, fdiv, new


def _div(a: Any, b: Any) -> Any:
    if isinstance(a, complex) or isinstance(b, complex):
        try:
            return a / b
        except ZeroDivisionError:  # NumPy divides each part by zero
            a = complex(a)
            return complex(fdiv(a.real, 0.0), fdiv(a.imag, 0.0))
    return fdiv(a, b)


def _floor(v: float) -> float:
    return float(math.floor(v)) if v - v == 0 else v


def _floordiv(a: float, b: float) -> float:
    return _floor(fdiv(a, b))


def _floordiv_int(a: int, b: int) -> int:
    return a // b if b else 0  # x // 0 is 0, as TF.js's floor(+-Inf or NaN) stored in int32


def _div_no_nan(a: Any, b: Any) -> Any:
    return 0.0 if b == 0 else a / b


def _mod(a: float, b: float) -> float:
    # Sign follows the divisor (Python's float % is NumPy's remainder). TF.js computes
    # ((a % b) + b) % b where the signs differ, which is NaN for an infinite divisor.
    try:
        r = a % b
    except ZeroDivisionError:
        return NAN
    if (b == INF or b == -INF) and (a < 0) != (b < 0):
        return NAN
    return r


def _mod_int(a: int, b: int) -> int:
    return a % b if b else 0


def _pow(a: Any, b: Any) -> Any:
    if isinstance(a, complex) or isinstance(b, complex):
        try:
            return a ** b
        except (ZeroDivisionError, OverflowError):
            return complex(NAN, NAN)
    if b - b != 0 and (a == 1 or a == -1):
        return NAN  # JS Math.pow: 1 ** NaN and (+-1) ** (+-Infinity) are NaN
    try:
        return math.pow(a, b)
    except OverflowError:
        neg_odd = a < 0 and b == int(b) and int(b) % 2 == 1
        return -INF if neg_odd else INF
    except (ValueError, ZeroDivisionError):
        if a == 0 and b < 0:
            odd = b == int(b) and int(b) % 2 == 1
            return math.copysign(INF, a) if odd else INF
        return NAN


def _maximum(a: Any, b: Any) -> Any:
    return a if a >= b or a != a else b  # NaN propagates


def _minimum(a: Any, b: Any) -> Any:
    return a if a <= b or a != a else b


def _sqdiff(a: Any, b: Any) -> Any:
    d = a - b
    return d * d


def _or(a: Any, b: Any) -> bool:
    return bool(a or b)


def _and(a: Any, b: Any) -> bool:
    return bool(a and b)


def _sum_args(*v: Any) -> Any:
    return sum(v)


def _any_args(*v: Any) -> bool:
    return any(v)


def add_n(*arrays: PyArray) -> PyArray:
    if len(arrays) == 1:
        return arrays[0]  # buffers are never mutated, so sharing is safe
    dt = arrays[0].dtype
    vals, shape = apply(_any_args if dt == "bool" else _sum_args, arrays, {})
    return new(dt, vals, shape)


ew = elementwise
#: kernel name: row (float expression, exact int expression, bool expression, output dtype)
BINARY: dict[str, Callable[..., PyArray]] = {
    "Add": ew(operator.add, operator.add, _or),
    "Sub": ew(operator.sub, operator.sub, operator.ne),
    "Multiply": ew(operator.mul, operator.mul, _and),
    "RealDiv": ew(_div),
    "FloorDiv": ew(_floordiv, _floordiv_int, out="int32", always=True),
    "DivNoNan": ew(_div_no_nan, _floordiv_int),
    "Mod": ew(_mod, _mod_int),
    "Pow": ew(_pow),
    "Maximum": ew(_maximum, max, _or),
    "Minimum": ew(_minimum, min, _and),
    "SquaredDifference": ew(_sqdiff, _sqdiff, operator.ne),
    "Atan2": ew(math.atan2),
}


def kernels() -> dict[str, Callable[..., Any]]:
    return {**BINARY, "AddN": add_n}
