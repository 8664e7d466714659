"""Every differentiable op passes its numerical gradient check on the numpy backend.

For each case in ``tests/gradient_cases.py`` (golden gradient cases from TF.js plus hand-written
ones), ``check_grads`` compares ``tf.grads`` with central differences at float64 (step 1e-6,
rtol 1e-5, atol 1e-7 unless the case says otherwise, with its reason). Test ids are
``op:label`` so a failure names the op. The case must really call its op (checked by
recording op scopes).

The audit: the ops declared differentiable (``OpDef.differentiable``) are exactly the ops with a
case (plus ``MISDECLARED``), and every differentiable kernel op has its kernel's gradient in
``GRADIENTS``. A new differentiable op without a case fails the audit with its name.
"""
from __future__ import annotations

from typing import ClassVar

import pytest

from pytfjs.core import engine as _engine
from pytfjs.core.engine import ENGINE
from pytfjs.core.opdef import GRADIENTS, OPS
from tests.gradcheck import check_grads
from tests.gradient_cases import MISDECLARED, GradCase, all_cases

CASES = all_cases()

pytestmark = pytest.mark.skipif(ENGINE.find_backend("numpy") is None,
                                reason="the numpy backend is not available")


def _param(case: GradCase) -> object:
    marks = [pytest.mark.xfail(strict=True, raises=case.raises, reason=case.xfail)] \
        if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


class _RecordingScope(_engine.Scope):
    """``engine.Scope`` that records the names of the op scopes opened (every op opens one)."""
    names: ClassVar[set[str]] = set()

    def __init__(self, name: str = "unnamed scope") -> None:
        super().__init__(name)
        _RecordingScope.names.add(name)


@pytest.mark.parametrize("tf", ["numpy"], indirect=True)
@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_gradient(tf, case: GradCase, monkeypatch: pytest.MonkeyPatch) -> None:
    if (case.rtol, case.atol, case.eps) != (None, None, None):
        assert case.tol_reason, f"{case.id}: tolerances changed without a reason"
    assert tf.backend().capabilities.float64
    _RecordingScope.names = set()
    monkeypatch.setattr(_engine, "Scope", _RecordingScope)
    check_grads(tf, lambda *xs: case.fn(tf, *xs), list(case.xs),
                rtol=case.rtol, atol=case.atol, eps=case.eps)
    assert case.op in _RecordingScope.names, f"case {case.id} never calls {case.op}"


def _differentiable() -> set[str]:
    return {name for name, od in OPS.items() if od.differentiable}


def test_audit_every_differentiable_op_has_a_case() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate gradient case ids"
    covered = {c.op for c in CASES}
    unknown = sorted(covered - set(OPS))
    assert not unknown, f"gradient cases name ops that do not exist: {unknown}"
    not_differentiable = sorted(n for n in covered if not OPS[n].differentiable)
    assert not not_differentiable, (
        f"gradient cases for ops declared differentiable=False: {not_differentiable}")
    missing = sorted(_differentiable() - covered - set(MISDECLARED))
    assert not missing, (
        f"differentiable ops without a gradient case in tests/gradient_cases.py: {missing}")


def test_audit_kernel_ops_declare_their_gradient() -> None:
    missing = sorted(f"{name} ({od.kernel})" for name, od in OPS.items()
                     if od.differentiable and od.kernel and od.kernel not in GRADIENTS)
    assert not missing, f"differentiable kernel ops whose kernel has no gradient: {missing}"


def test_audit_every_op_has_a_passing_case() -> None:
    """An op is not covered by xfail cases alone, except where its gradient deliberately
    differs from the derivative (then the xfail is the point)."""
    ok = {c.op for c in CASES if not c.xfail}
    deliberate = {c.op for c in CASES if c.xfail and c.xfail.startswith("deliberate:")}
    lacking = sorted({c.op for c in CASES} - ok - deliberate)
    assert not lacking, f"ops covered only by xfail cases: {lacking}"


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=f"misdeclared: {why}"))
    for n, why in sorted(MISDECLARED.items())])
def test_misdeclared_ops(name: str) -> None:
    """Ops declared differentiable with nothing to differentiate. Strict xfail: when the
    declaration is fixed this passes, and the entry must leave ``MISDECLARED``."""
    assert not OPS[name].differentiable
