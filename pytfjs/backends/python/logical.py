"""python kernels: logical (comparisons, boolean logic, select), mirroring
``backends/xp/logical.py``. Comparisons return bool for every input dtype, strings included."""
from __future__ import annotations

import operator
from typing import Any, Callable

from ._util import PyArray, apply, new


def _truth_and(a: Any, b: Any) -> bool:
    return bool(a) and bool(b)


def _truth_or(a: Any, b: Any) -> bool:
    return bool(a) or bool(b)


#: kernel -> fn(a, b); every result is bool.
COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "Equal": operator.eq,
    "NotEqual": operator.ne,
    "Greater": operator.gt,
    "GreaterEqual": operator.ge,
    "Less": operator.lt,
    "LessEqual": operator.le,
    "LogicalAnd": _truth_and,
    "LogicalOr": _truth_or,
}


def _bool_kernel(fn: Callable[..., Any]) -> Callable[..., PyArray]:
    def kernel(*arrays: PyArray) -> PyArray:
        vals, shape = apply(fn, arrays, {})
        return new("bool", vals, shape)
    return kernel


def _select(c: Any, t: Any, e: Any) -> Any:
    return t if c else e


def select(condition: PyArray, t: PyArray, e: PyArray) -> PyArray:
    vals, shape = apply(_select, (condition, t, e), {})
    return new(t.dtype, vals, shape)


def kernels() -> dict[str, Callable[..., Any]]:
    table: dict[str, Callable[..., Any]] = {n: _bool_kernel(f) for n, f in COMPARE.items()}
    table["LogicalNot"] = _bool_kernel(operator.not_)
    table["Select"] = select
    return table
