"""Ops: transformation (cast, reshape, expand_dims, squeeze, pad, ...)."""
from __future__ import annotations

from typing import Any

from ..core import dtypes as _dt
from ..core.opdef import op, run, to_tensor
from ..core.tensor import Tensor

__all__ = ["cast"]


@op("Cast", tf_ops=("Cast",), dtype="the requested dtype")
def cast(x: Any, dtype: str) -> Tensor:
    """Casts ``x`` to ``dtype``. Floats cast to int32 truncate toward zero; to bool, nonzero
    values are True.

    >>> import pytfjs as tf
    >>> tf.cast(tf.tensor([1.7, -1.7, 0.0]), "int32").to_list()
    [1, -1, 0]
    >>> tf.cast(tf.tensor([0, 2]), "bool").to_list()
    [False, True]
    """
    x = to_tensor(x, "x", "cast")
    dtype = _dt.check_dtype(dtype)
    if (x.dtype == "string") != (dtype == "string"):
        raise TypeError(f"'cast': cannot cast a {x.dtype} tensor to {dtype}")
    if x.dtype == "complex64" and dtype != "complex64":
        raise TypeError(f"'cast': cannot cast complex64 to {dtype}; use tf.real or tf.abs")
    return run("Cast", x, dtype=dtype)


@cast.gradient()
def _cast_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (dy,)
