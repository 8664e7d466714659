"""xp kernels: logical (comparisons, boolean logic, select).

Comparisons return bool for every input dtype, strings (object arrays) included; the ops layer
has made both inputs the same dtype.
"""
from __future__ import annotations

from typing import Any, Callable


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def compare(f: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
        def kernel(a: Any, b: Any) -> Any:
            out = f(a, b)
            return out if out.dtype == bool else out.astype(bool)  # object arrays
        return kernel

    def select(condition: Any, t: Any, e: Any) -> Any:
        return xp.where(condition, t, e)

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
        "Select": select,
    }
