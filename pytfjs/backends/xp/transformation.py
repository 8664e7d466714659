"""xp kernels: transformation."""
from __future__ import annotations

from typing import Any, Callable

from ._common import quiet

_DTYPES = {"float32": "float32", "int32": "int32", "bool": "bool", "complex64": "complex64",
           "float16": "float16", "float64": "float64", "int8": "int8", "uint8": "uint8",
           "int16": "int16", "uint16": "uint16", "int64": "int64"}


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def cast(x: Any, *, dtype: str) -> Any:
        if dtype == "string" or x.dtype == object:
            return x
        if dtype == "bool":
            return x != 0
        target = xp.dtype(_DTYPES[dtype])
        if target.kind in "iu" and x.dtype.kind in "fc":
            # TF.js truncates; NaN/Inf become 0 there (JS ToInt32) rather than garbage.
            with quiet(xp):
                x = xp.where(xp.isfinite(x), xp.trunc(x), 0)
        return x.astype(target, copy=False) if x.dtype != target else x

    return {"Cast": cast}
