"""xp kernels: reductions (Sum, Mean, Max, Min, Prod, Any, All, ArgMax, ArgMin) and scans
(Cumsum, Cumprod).

Attrs: ``axis`` is a tuple of distinct non-negative axes (a single int for ArgMax/ArgMin and the
scans), already validated by the op. Output dtypes follow the TF.js cpu backend:

- Sum/Prod/Cumsum/Cumprod of bool give int32; int32 stays int32 and wraps on overflow (NumPy
  would promote to int64, so the accumulator dtype is always passed explicitly).
- Mean of int32/bool is float32; the mean over zero elements is 0 (TF.js divides first, then
  sums).
- Max/Min over zero elements give NaN for floats, 0 for ints and False for bool, and All over
  zero elements is False: the TF.js cpu kernels start from the (missing) first element.
- ArgMax/ArgMin return int32, the first index on ties, and skip NaN unless it is the first
  element of the reduced run (TF.js compares ``value > max`` from element 0).
"""
from __future__ import annotations

from typing import Any, Callable

from ._common import quiet


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    int32 = xp.int32
    float32 = xp.float32

    def out_shape(shape: tuple, axis: tuple, keep_dims: bool) -> tuple:
        if keep_dims:
            return tuple(1 if i in axis else d for i, d in enumerate(shape))
        return tuple(d for i, d in enumerate(shape) if i not in axis)

    def reduces_nothing(x: Any, axis: tuple) -> bool:
        """True when some reduced dimension has length 0."""
        return any(x.shape[a] == 0 for a in axis)

    def acc_dtype(x: Any) -> Any:
        return int32 if x.dtype == bool else x.dtype

    def sum_(x: Any, *, axis: tuple, keep_dims: bool = False) -> Any:
        with quiet(xp):
            return xp.asarray(xp.sum(x, axis=axis, dtype=acc_dtype(x), keepdims=keep_dims))

    def prod(x: Any, *, axis: tuple, keep_dims: bool = False) -> Any:
        with quiet(xp):
            return xp.asarray(xp.prod(x, axis=axis, dtype=acc_dtype(x), keepdims=keep_dims))

    def mean(x: Any, *, axis: tuple, keep_dims: bool = False) -> Any:
        if x.dtype.kind not in "fc":
            x = x.astype(float32)
        if reduces_nothing(x, axis):
            return xp.zeros(out_shape(x.shape, axis, keep_dims), dtype=x.dtype)
        with quiet(xp):
            return xp.asarray(xp.mean(x, axis=axis, dtype=x.dtype, keepdims=keep_dims))

    def extremum(fn: Callable[..., Any]) -> Callable[..., Any]:
        def kernel(x: Any, *, axis: tuple, keep_dims: bool = False) -> Any:
            if reduces_nothing(x, axis):
                fill = float("nan") if x.dtype.kind == "f" else 0
                return xp.full(out_shape(x.shape, axis, keep_dims), fill, dtype=x.dtype)
            with quiet(xp):
                return xp.asarray(fn(x, axis=axis, keepdims=keep_dims))
        return kernel

    def any_(x: Any, *, axis: tuple, keep_dims: bool = False) -> Any:
        return xp.asarray(xp.any(x, axis=axis, keepdims=keep_dims))

    def all_(x: Any, *, axis: tuple, keep_dims: bool = False) -> Any:
        if reduces_nothing(x, axis):
            return xp.zeros(out_shape(x.shape, axis, keep_dims), dtype=bool)
        return xp.asarray(xp.all(x, axis=axis, keepdims=keep_dims))

    def arg_extremum(fn: Callable[..., Any], nan_fill: float) -> Callable[..., Any]:
        def kernel(x: Any, *, axis: int) -> Any:
            if x.shape[axis] == 0:
                return xp.zeros(x.shape[:axis] + x.shape[axis + 1:], dtype=int32)
            idx = fn(x, axis=axis)
            if x.dtype.kind == "f":
                # NumPy returns the first NaN; TF.js skips NaN unless it is the first element.
                picked = xp.take_along_axis(x, xp.expand_dims(idx, axis), axis=axis)
                if bool(xp.isnan(picked).any()):
                    with quiet(xp):
                        idx = fn(xp.where(xp.isnan(x), x.dtype.type(nan_fill), x), axis=axis)
                    first_nan = xp.isnan(xp.take(x, 0, axis=axis))
                    idx = xp.where(first_nan, 0, idx)
            return xp.asarray(idx).astype(int32, copy=False)
        return kernel

    def scan(fn: Callable[..., Any], identity: int) -> Callable[..., Any]:
        def kernel(x: Any, *, axis: int, exclusive: bool = False, reverse: bool = False) -> Any:
            dt = acc_dtype(x)
            if x.size == 0:
                return xp.zeros(x.shape, dtype=dt)
            src = xp.flip(x, axis=axis) if reverse else x
            with quiet(xp):
                if exclusive:
                    out = xp.empty(x.shape, dtype=dt)
                    head = [slice(None)] * x.ndim
                    tail = [slice(None)] * x.ndim
                    body = [slice(None)] * x.ndim
                    head[axis] = slice(0, 1)
                    tail[axis] = slice(1, None)
                    body[axis] = slice(0, -1)
                    out[tuple(head)] = identity
                    fn(src[tuple(body)], axis=axis, dtype=dt, out=out[tuple(tail)])
                else:
                    out = fn(src, axis=axis, dtype=dt)
            return xp.flip(out, axis=axis) if reverse else out
        return kernel

    return {
        "Sum": sum_,
        "Prod": prod,
        "Mean": mean,
        "Max": extremum(xp.max),
        "Min": extremum(xp.min),
        "Any": any_,
        "All": all_,
        "ArgMax": arg_extremum(xp.argmax, float("-inf")),
        "ArgMin": arg_extremum(xp.argmin, float("inf")),
        "Cumsum": scan(xp.cumsum, 0),
        "Cumprod": scan(xp.cumprod, 1),
    }
