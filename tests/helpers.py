"""Assertions shared by the tests."""
from __future__ import annotations

import math
from typing import Any


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
