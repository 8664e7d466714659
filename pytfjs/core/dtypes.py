"""Data types: the TF.js five, a few extras, inference and TF.js's upcasting rules.

Standard library only.
"""
from __future__ import annotations

from typing import Any

#: The dtypes every backend supports (TF.js's own set).
TFJS_DTYPES: tuple[str, ...] = ("float32", "int32", "bool", "complex64", "string")
#: Extra dtypes a backend may declare in its capabilities.
EXTRA_DTYPES: tuple[str, ...] = ("float16", "float64", "int8", "uint8", "int16", "uint16", "int64")
ALL_DTYPES: tuple[str, ...] = TFJS_DTYPES + EXTRA_DTYPES

BYTES_PER_ELEMENT: dict[str, int] = {
    "float32": 4, "int32": 4, "bool": 1, "complex64": 8,
    "float16": 2, "float64": 8, "int8": 1, "uint8": 1, "int16": 2, "uint16": 2, "int64": 8,
}

FLOAT_DTYPES = frozenset({"float32", "float16", "float64"})
INT_DTYPES = frozenset({"int32", "int8", "uint8", "int16", "uint16", "int64"})
NUMERIC_DTYPES = FLOAT_DTYPES | INT_DTYPES | {"complex64"}

# Upcasting lattice. The TF.js order bool < int32 < float32 < complex64 is kept; the extra
# dtypes slot in by width so that mixing them behaves like NumPy's "safe" promotion.
_RANK = {
    "bool": 0, "uint8": 1, "int8": 1, "uint16": 2, "int16": 2, "int32": 3, "int64": 4,
    "float16": 5, "float32": 6, "float64": 7, "complex64": 8,
}

# struct / array-interface type codes -> dtype
_TYPESTR = {
    "f4": "float32", "f8": "float64", "f2": "float16",
    "i4": "int32", "i8": "int64", "i2": "int16", "i1": "int8",
    "u1": "uint8", "u2": "uint16", "b1": "bool", "c8": "complex64", "c16": "complex64",
    "u4": "int64", "u8": "int64",
}
# The TF.js dtype a host dtype maps to when the user gives no dtype.
_HOST_TO_TFJS = {
    "float32": "float32", "float64": "float32", "float16": "float32",
    "int32": "int32", "int64": "int32", "int16": "int32", "int8": "int32", "uint8": "int32",
    "uint16": "int32", "bool": "bool", "complex64": "complex64", "string": "string",
}
_STRUCT_FORMAT = {
    "f": "float32", "d": "float64", "e": "float16", "?": "bool",
    "b": "int8", "B": "uint8", "h": "int16", "H": "uint16", "i": "int32", "I": "int64",
    "l": "int64", "L": "int64", "q": "int64", "Q": "int64", "Zf": "complex64", "Zd": "complex64",
}


class DTypeError(TypeError):
    """A dtype that is unknown, unsupported here, or cannot be combined."""


def check_dtype(dtype: Any) -> str:
    """Returns the canonical dtype string, accepting strings and NumPy-like dtype objects."""
    if isinstance(dtype, str):
        name = dtype
    else:
        name = getattr(dtype, "name", None) or getattr(dtype, "__name__", None) or str(dtype)
    if name == "complex128":
        name = "complex64"
    if name in ("str", "object", "bytes") or name.startswith(("<U", "str", "bytes")):
        name = "string"
    if name not in BYTES_PER_ELEMENT and name != "string":
        raise DTypeError(f"Unknown dtype {dtype!r}; expected one of {', '.join(ALL_DTYPES)}")
    return name


def upcast(a: str, b: str) -> str:
    """TF.js's ``upcastType``: the dtype that both ``a`` and ``b`` convert to."""
    if a == b:
        return a
    if a == "string" or b == "string":
        raise DTypeError(f"Can not upcast {a} with {b}")
    return a if _RANK[a] >= _RANK[b] else b


def is_float(dtype: str) -> bool:
    return dtype in FLOAT_DTYPES


def is_int(dtype: str) -> bool:
    return dtype in INT_DTYPES


def bytes_per_element(dtype: str) -> int:
    try:
        return BYTES_PER_ELEMENT[dtype]
    except KeyError:
        raise DTypeError(f"dtype {dtype!r} has no fixed byte width") from None


def scalar_dtype(value: Any) -> str:
    """The dtype a Python scalar infers: bool -> bool, int -> int32, float -> float32,
    complex -> complex64, str/bytes -> string."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int32"
    if isinstance(value, float):
        return "float32"
    if isinstance(value, complex):
        return "complex64"
    if isinstance(value, (str, bytes)):
        return "string"
    host = host_dtype(value)  # NumPy scalars and friends
    if host is not None:
        return _HOST_TO_TFJS[host]
    raise DTypeError(f"Cannot infer a dtype from {type(value).__name__} value {value!r}")


def host_dtype(obj: Any) -> str | None:
    """The exact dtype of an object exposing ``__array_interface__`` / ``dtype``, or None."""
    ai = getattr(obj, "__array_interface__", None)
    typestr = None
    if isinstance(ai, dict):
        typestr = ai.get("typestr")
    elif hasattr(obj, "dtype") and hasattr(getattr(obj, "dtype"), "str"):
        typestr = obj.dtype.str
    if typestr is None:
        return None
    kind = typestr[1:]
    if kind[:1] in ("U", "S", "O"):
        return "string"
    try:
        return _TYPESTR[kind]
    except KeyError:
        raise DTypeError(f"Unsupported array element type {typestr!r}") from None


def format_dtype(fmt: str) -> str:
    """The dtype of a ``memoryview.format`` code."""
    code = fmt.lstrip("@=<>!")
    try:
        return _STRUCT_FORMAT[code]
    except KeyError:
        raise DTypeError(f"Unsupported buffer format {fmt!r}") from None


def default_tfjs_dtype(host: str) -> str:
    """The TF.js dtype a host array of dtype ``host`` becomes when no dtype is given."""
    return _HOST_TO_TFJS[host]
