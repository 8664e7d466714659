"""xp kernels: logical (comparisons, boolean logic, select).

Comparisons return bool for every input dtype, strings (object arrays) included; the ops layer
has made both inputs the same dtype.
"""
from __future__ import annotations

from typing import Any, Callable


def select(xp: Any, condition: Any, t: Any, e: Any) -> Any:
    """``where(condition, t, e)`` for same-dtype ``t`` and ``e`` (broadcasting all three).

    NumPy's ``where`` branches per element, so it is several times slower than arithmetic
    when the mask is unpredictable (a ReLU gradient, a clip). For fixed-size numbers and bools,
    on NumPy, the choice is made on the bits instead: ``e ^ ((t ^ e) * condition)``, exact for
    every value (NaN payloads and -0 included). Other array modules (CuPy: a branch-free fused
    kernel) and other dtypes use ``where``.
    """
    dt = t.dtype
    if (getattr(xp, "__name__", "") != "numpy" or e.dtype != dt or dt.kind not in "biufc"
            or dt.itemsize not in (1, 2, 4, 8)):
        return xp.where(condition, t, e)
    ints = xp.dtype(f"i{dt.itemsize}")
    tv, ev = t.view(ints), e.view(ints)
    r = xp.asarray(xp.multiply(xp.bitwise_xor(tv, ev), condition))  # t ^ e where true, else 0
    xp.bitwise_xor(r, ev, out=r)
    return r.view(dt)


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def compare(f: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
        def kernel(a: Any, b: Any) -> Any:
            out = f(a, b)
            return out if out.dtype == bool else out.astype(bool)  # object arrays
        return kernel

    def select_kernel(condition: Any, t: Any, e: Any) -> Any:
        return select(xp, condition, t, e)

    return {
        "Equal": compare(xp.equal),
        "NotEqual": compare(xp.not_equal),
        "Greater": compare(xp.greater),
        "GreaterEqual": compare(xp.greater_equal),
        "Less": compare(xp.less),
        "LessEqual": compare(xp.less_equal),
        "LogicalAnd": xp.logical_and,
        "LogicalOr": xp.logical_or,
        "LogicalNot": xp.logical_not,
        "Select": select_kernel,
    }
