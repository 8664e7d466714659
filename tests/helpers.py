"""Assertions shared by the tests."""
from __future__ import annotations

import math
import os
import re
import shutil
from typing import Any

import pytest


def _flat(x: Any) -> list:
    if isinstance(x, (list, tuple)):
        return [v for item in x for v in _flat(item)]
    return [x]


def assert_close(t: Any, expected: Any, *, dtype: str | None = None, shape: Any = None,
                 rtol: float = 1e-5, atol: float = 1e-6) -> None:
    """Checks a tensor against nested-list expectations (NaN == NaN; infinities exact)."""
    got = t.to_list()
    if shape is not None:
        assert t.shape == tuple(shape), f"shape {t.shape} != {tuple(shape)}"
    if dtype is not None:
        assert t.dtype == dtype, f"dtype {t.dtype} != {dtype}"
    g, e = _flat(got), _flat(expected)
    assert len(g) == len(e), f"{len(g)} values, expected {len(e)}: {got} vs {expected}"
    for i, (a, b) in enumerate(zip(g, e)):
        if isinstance(b, (bool, str)) or isinstance(a, (bool, str)):
            assert a == b, f"element {i}: {a!r} != {b!r} ({got} vs {expected})"
        elif isinstance(b, complex) or isinstance(a, complex):
            assert abs(complex(a) - complex(b)) <= atol + rtol * abs(complex(b)), f"element {i}"
        elif isinstance(b, float) and math.isnan(b):
            assert isinstance(a, float) and math.isnan(a), f"element {i}: {a!r} is not NaN"
        elif isinstance(b, float) and math.isinf(b):
            assert a == b, f"element {i}: {a!r} != {b!r}"
        else:
            assert abs(a - b) <= atol + rtol * abs(b), f"element {i}: {a!r} != {b!r} ({got} vs {expected})"


# ---- oracle case tables: (id, op, args, kwargs, (dtype, flat values, shape)), where a tensor
# argument is (dtype, flat values, shape) and complex64 values are flat (re, im) pairs.
def case_tensor(tf: Any, spec: tuple) -> Any:
    """The tensor of a ``(dtype, flat values, shape)`` case spec."""
    dtype, flat, shape = spec
    if dtype == "complex64":
        flat = [complex(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]
    return tf.tensor(flat, shape, dtype)


def case_arg(tf: Any, a: Any) -> Any:
    """A case argument: tuples become tensors, lists are converted item by item."""
    if isinstance(a, tuple):
        return case_tensor(tf, a)
    if isinstance(a, list):
        return [case_arg(tf, x) for x in a]
    return a


def check_case(tf: Any, py_name: str, args: list, kwargs: dict, expected: tuple) -> None:
    """Calls ``tf.<py_name>`` on the case's arguments and checks the expected
    ``(dtype, flat values, shape)``."""
    dtype, flat, shape = expected
    out = getattr(tf, py_name)(*[case_arg(tf, a) for a in args], **kwargs)
    assert_close(out, flat, dtype=dtype, shape=shape)


# ---- layer tests against TF.js numbers
def oracle_seq(n: int) -> list:
    """The TF.js oracle's layer inputs: ``Math.round(Math.sin(i * 1.7 + 0.3) * 100) / 100``."""
    return [math.floor(math.sin(i * 1.7 + 0.3) * 100 + 0.5) / 100 for i in range(n)]


def assert_nested_close(actual: Any, expected: Any, tol: float = 1e-5) -> None:
    """Compares nested lists of numbers elementwise, ``|a - e| <= tol + tol * |e|``."""
    if isinstance(expected, list):
        assert len(actual) == len(expected)
        for a, e in zip(actual, expected):
            assert_nested_close(a, e, tol)
    else:
        assert abs(actual - expected) <= tol + tol * abs(expected), (actual, expected)


def flat_floats(v: Any) -> list:
    """A tensor (``to_list``), a nested list or a number as a flat list of floats."""
    if hasattr(v, "to_list"):
        v = v.to_list()
    if isinstance(v, (list, tuple)):
        return [x for e in v for x in flat_floats(e)]
    return [float(v)]


# ---- tests that run the TF.js oracle (tools/oracle) with node
ORACLE = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "tools", "oracle"))
NODE = shutil.which("node")
HAS_TFJS = os.path.isdir(os.path.join(ORACLE, "node_modules", "@tensorflow", "tfjs"))
needs_node = pytest.mark.skipif(
    NODE is None or not HAS_TFJS,
    reason="node not found" if NODE is None else
    "tools/oracle/node_modules/@tensorflow/tfjs is not installed (cd tools/oracle && npm ci)")


def skip_if_grad_missing(fn: Any, mine: set) -> Any:
    """Runs ``fn``; skips while a kernel on the path that is not in ``mine`` (owned elsewhere)
    has no gradient yet."""
    try:
        return fn()
    except LookupError as e:
        m = re.search(r"kernel '(\w+)'", str(e))
        if m and m.group(1) not in mine:
            pytest.skip(f"the gradient of '{m.group(1)}' is not declared yet")
        raise
