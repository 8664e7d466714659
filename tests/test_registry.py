"""Registry audits (DESIGN.md §2.7): every declared op has a docstring example, runs on every
backend (kernel or fallback), and declares a gradient or ``differentiable=False``; the generated
supported-ops table is up to date."""
from __future__ import annotations

from pathlib import Path

import pytest

import pytfjs
from pytfjs.core.engine import ENGINE
from pytfjs.core.kernel_registry import get_kernels_for_backend
from pytfjs.core.opdef import FALLBACKS, GRADIENTS, OPS
from pytfjs.tools.gen_docs import render

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = [n for n in ENGINE.backend_names() if ENGINE.find_backend(n) is not None]


def test_every_op_has_a_docstring_example() -> None:
    missing = [n for n, od in OPS.items() if ">>>" not in (od.fn.__doc__ or "")]
    assert not missing, f"ops without a doctest example: {missing}"


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_kernel_op_runs_on_every_backend(backend: str) -> None:
    table = get_kernels_for_backend(backend)
    missing = [f"{n} ({od.kernel})" for n, od in OPS.items()
               if od.kernel and od.kernel not in table and od.kernel not in FALLBACKS]
    assert not missing, f"ops with neither a {backend} kernel nor a fallback: {missing}"


def test_every_differentiable_kernel_op_has_a_gradient() -> None:
    missing = [f"{n} ({od.kernel})" for n, od in OPS.items()
               if od.differentiable and od.kernel and od.kernel not in GRADIENTS]
    assert not missing, f"differentiable ops without a gradient: {missing}"


def test_every_op_is_public() -> None:
    for name in OPS:
        obj = pytfjs
        for part in name.split("."):
            obj = getattr(obj, part, None)
        assert callable(obj), f"op {name} is not reachable as pytfjs.{name}"


def test_supported_ops_doc_is_current() -> None:
    doc = ROOT / "docs" / "supported_ops.md"
    assert doc.read_text() == render(), "docs/supported_ops.md is stale: run `make docs`"


def test_every_op_has_a_test() -> None:
    """Each op is exercised by a TF.js golden case (tests/goldens) or named in a test file."""
    import json
    import re
    covered: set[str] = set()
    for path in (ROOT / "tests" / "goldens").rglob("*.jsonl"):
        for line in path.read_text().splitlines():
            if line.strip():
                covered.add(json.loads(line)["py_name"])
    test_text = "\n".join(p.read_text() for p in (ROOT / "tests").rglob("test_*.py"))
    missing = []
    for name, od in OPS.items():
        names = (name, *od.aliases)
        if any(n in covered for n in names):
            continue
        short = [n.rsplit(".", 1)[-1] for n in names]
        if not any(re.search(rf"\b{re.escape(s)}\(", test_text) for s in short):
            missing.append(name)
    assert not missing, f"ops with neither a golden case nor a test: {missing}"
