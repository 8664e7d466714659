"""Helpers shared by op declarations: argument conversion and dtype rules."""
from __future__ import annotations

from typing import Any

from ..core import dtypes as _dt
from ..core.opdef import run, to_tensor
from ..core.tensor import Tensor

_PY_SCALARS = (bool, int, float, complex)


def _weak_dtype(value: Any, other: str) -> str | None:
    """A Python scalar next to a tensor takes the tensor's dtype where that loses nothing
    (``int32_tensor * 2`` stays int32, ``float_tensor + 1`` stays float32)."""
    if isinstance(value, _PY_SCALARS) and other != "string":
        try:
            return _dt.upcast(other, _dt.scalar_dtype(value))
        except _dt.DTypeError:
            return None
    return None


def as_int(v: Any) -> Any:
    """NumPy integer scalars (anything with ``__index__`` but not ``bool``) as a Python
    ``int``; every other value unchanged, for the caller's own checks and messages."""
    if isinstance(v, (int, float, str, Tensor)) or v is None or not hasattr(v, "__index__"):
        return v
    try:
        return int(v.__index__())
    except TypeError:  # NumPy bools define __index__ but refuse it
        return v


def as_int_list(v: Any) -> Any:
    """A 1-D NumPy array of ints, or a list/tuple holding NumPy int scalars, as a list of
    Python ints; every other value unchanged."""
    if not isinstance(v, (list, tuple, Tensor)) and hasattr(v, "tolist") and \
            getattr(v, "ndim", None) == 1:
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return [as_int(d) for d in v]
    return v


def cast_to(x: Tensor, dtype: str) -> Tensor:
    return x if x.dtype == dtype else run("Cast", x, dtype=dtype)


def binary_inputs(a: Any, b: Any, op: str, arg_a: str = "a", arg_b: str = "b",
                  numeric: bool = False) -> tuple[Tensor, Tensor]:
    """Converts both operands and upcasts them to a common dtype (TF.js ``makeTypesMatch``)."""
    if isinstance(a, Tensor) and isinstance(b, Tensor) and a.dtype == b.dtype and \
            a.dtype != "string" and not a._disposed and not b._disposed:
        return a, b  # the common case: two live tensors of one numeric dtype
    if isinstance(a, Tensor) and not isinstance(b, Tensor):
        b = to_tensor(b, arg_b, op, dtype=_weak_dtype(b, a.dtype))
        a = to_tensor(a, arg_a, op)  # b is new: only a needs checking
    elif isinstance(b, Tensor) and not isinstance(a, Tensor):
        a = to_tensor(a, arg_a, op, dtype=_weak_dtype(a, b.dtype))
        b = to_tensor(b, arg_b, op)
    else:
        a = to_tensor(a, arg_a, op)
        b = to_tensor(b, arg_b, op)
    if numeric and (a.dtype == "string" or b.dtype == "string"):
        which = arg_a if a.dtype == "string" else arg_b
        raise TypeError(f"Argument '{which}' passed to '{op}' must be numeric tensor, but got "
                        f"string tensor")
    if a.dtype != b.dtype:
        try:
            dtype = _dt.upcast(a.dtype, b.dtype)
        except _dt.DTypeError:
            raise TypeError(f"'{op}': the dtypes of '{arg_a}' ({a.dtype}) and '{arg_b}' "
                            f"({b.dtype}) cannot be combined") from None
        a, b = cast_to(a, dtype), cast_to(b, dtype)
    return a, b


def assert_dtypes(x: Tensor, allowed: tuple[str, ...], arg: str, op: str) -> None:
    if x.dtype not in allowed:
        raise TypeError(f"Argument '{arg}' passed to '{op}' must be {' or '.join(allowed)} "
                        f"tensor, but got {x.dtype} tensor")
