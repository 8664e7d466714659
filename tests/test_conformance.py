"""The shared op-conformance sample (goldens recorded with TF.js 4.22), run through its own
checker. Every forward case of an op that pytfjs declares must pass; gradient cases must pass for
every op whose kernels all declare gradients. Cases of ops not declared yet are reported, not
failed (the registry audit of the Ops issue closes that gap)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import pytfjs
from pytfjs.core.opdef import GRADIENTS, OPS

ROOT = Path(__file__).resolve().parents[1]
CHECKER = ROOT.parent / "shared" / "conformance" / "check_ops.py"

pytestmark = pytest.mark.skipif(not CHECKER.exists(), reason=f"{CHECKER} is absent")



def _backends() -> list[str]:
    from pytfjs.core.engine import ENGINE
    return [n for n in ENGINE.backend_names() if ENGINE.find_backend(n) is not None]


@pytest.fixture(scope="module", params=_backends())
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The checker's per-case report, run with PYTFJS_BACKEND set to each backend."""
    out = tmp_path_factory.mktemp("conformance") / "report.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTFJS_BACKEND": request.param}
    proc = subprocess.run([sys.executable, str(CHECKER), "--quiet", "--json-report", str(out),
                           "--pythonpath", str(ROOT)], cwd=ROOT, capture_output=True, text=True,
                          timeout=900, env=env)
    assert out.exists(), proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads(out.read_text())


def _manifest() -> dict:
    return json.loads((CHECKER.parent / "goldens" / "manifest.json").read_text())["ops"]


def _differentiable(py_name: str) -> bool:
    od = OPS.get(py_name)
    if od is None:
        return False
    kernels = [k for k in (od.kernel, *od.extra_kernels) if k]
    return bool(kernels) and all(k in GRADIENTS for k in kernels)


def test_forward_cases_of_declared_ops_pass(report: dict) -> None:
    names = {op: info["py_name"] for op, info in _manifest().items()}
    failures, missing = [], set()
    for case in report["cases"]:
        if case["category"] == "grad":
            continue
        py = names.get(case["op"], case["op"])
        if py not in OPS:
            missing.add(py)
            continue
        if case["status"] != "PASS":
            failures.append(f"{case['id']}: {case['status']} {case['message']}")
    if missing:
        print("ops of the sample not declared yet:", ", ".join(sorted(missing)))
    assert not failures, "\n".join(failures)


def test_gradient_cases_of_differentiable_ops_pass(report: dict) -> None:
    names = {op: info["py_name"] for op, info in _manifest().items()}
    failures, pending = [], set()
    for case in report["cases"]:
        if case["category"] != "grad":
            continue
        py = names.get(case["op"], case["op"])
        if not _differentiable(py):
            pending.add(py)
            continue
        if case["status"] != "PASS":
            failures.append(f"{case['id']}: {case['status']} {case['message']}")
    if pending:
        print("ops whose gradients are not declared yet:", ", ".join(sorted(pending)))
    assert not failures, "\n".join(failures)

