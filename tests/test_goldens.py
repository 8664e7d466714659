"""The repo's own goldens (tests/goldens/*.jsonl, recorded from TF.js 4.22 by
tools/oracle/gen_goldens.js), run through tests/conformance/check_ops.py once per backend.

Every case of an op that pytfjs declares must pass, forward and gradient. Cases of ops not declared
yet are reported, not failed. Expected-error goldens (tests/goldens/errors/*.jsonl: TF.js throws)
require pytfjs to raise too. KNOWN_FAILURES lists real pytfjs bugs still open (keep it small).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pytfjs.core.opdef import OPS

ROOT = Path(__file__).resolve().parent.parent
GOLDENS = ROOT / "tests" / "goldens"
ERRORS = GOLDENS / "errors"
CHECKER = ROOT / "tests" / "conformance" / "check_ops.py"
ERROR_CHECKER = ROOT / "tests" / "conformance" / "check_errors.py"

#: case id -> reason. Real pytfjs divergences found by the goldens, reported to the lead.
_STRICT = ("TF.js rejects this input dtype (convertToTensor with a required dtype); "
           "pytfjs accepts it")
KNOWN_FAILURES: dict[str, str] = {
    "norm/int32": "deliberate: pytfjs casts int32 to float32 (docs/differences.md)",
    "depthToSpace/int32": "deliberate: pytfjs accepts any numeric dtype (docs/differences.md)",
}

pytestmark = pytest.mark.skipif(not any(GOLDENS.glob("*.jsonl")), reason="no goldens recorded yet")


def _backends() -> list[str]:
    from pytfjs.core.engine import ENGINE
    return [n for n in ENGINE.backend_names() if ENGINE.find_backend(n) is not None]


def _declared(py_name: str) -> bool:
    if py_name in OPS:
        return True
    return any(py_name in od.aliases for od in OPS.values())


def _run(script: Path, backend: str, out: Path, goldens: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTFJS_BACKEND": backend}
    quiet = ["--quiet"] if script == CHECKER else []
    proc = subprocess.run([sys.executable, str(script), *quiet, "--json-report", str(out),
                           "--goldens", str(goldens)],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800, env=env)
    assert out.exists(), proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads(out.read_text())


def _cases(folder: Path) -> dict[str, dict]:
    cases = {}
    for f in sorted(folder.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                c = json.loads(line)
                cases[c["id"]] = c
    return cases


def _judge(report: dict, cases: dict[str, dict]) -> None:
    failures, missing, stale = [], set(), []
    for r in report["cases"]:
        case = cases[r["id"]]
        if not _declared(case["py_name"]):
            missing.add(case["py_name"])
            continue
        if r["status"] == "PASS":
            if r["id"] in KNOWN_FAILURES:
                stale.append(r["id"])
            continue
        if r["id"] in KNOWN_FAILURES:
            continue
        failures.append(f"{r['id']}: {r['status']} {r['message']}")
    if missing:
        print("golden ops not declared in pytfjs yet:", ", ".join(sorted(missing)))
    if stale:
        print("KNOWN_FAILURES that pass now (remove them):", ", ".join(stale))
    assert not failures, f"{len(failures)} golden case(s) failed:\n" + "\n".join(failures)


@pytest.mark.parametrize("backend", _backends())
def test_goldens_pass(backend: str, tmp_path: Path) -> None:
    report = _run(CHECKER, backend, tmp_path / "report.json", GOLDENS)
    _judge(report, _cases(GOLDENS))


@pytest.mark.skipif(not any(ERRORS.glob("*.jsonl")), reason="no expected-error goldens")
@pytest.mark.parametrize("backend", _backends())
def test_expected_errors_raise(backend: str, tmp_path: Path) -> None:
    report = _run(ERROR_CHECKER, backend, tmp_path / "errors.json", ERRORS)
    _judge(report, _cases(ERRORS))


def test_known_failures_are_golden_cases() -> None:
    ids = set(_cases(GOLDENS)) | (set(_cases(ERRORS)) if ERRORS.exists() else set())
    assert not set(KNOWN_FAILURES) - ids, "KNOWN_FAILURES names cases that do not exist"


def test_manifest_matches_goldens() -> None:
    manifest = json.loads((GOLDENS / "manifest.json").read_text())
    for f in GOLDENS.glob("*.jsonl"):
        n = sum(1 for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
        assert manifest["categories"].get(f.stem, {}).get("cases") == n, f"manifest out of date for {f.name}"
