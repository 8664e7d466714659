"""Test fixtures: every test that takes ``tf`` runs once per available backend, inside a scope,
and fails if it leaks tensors, data buffers or backend arrays."""
from __future__ import annotations

import pytest

import pytfjs
from pytfjs.core.engine import ENGINE, KernelNotFoundError

# Backends whose kernel set is still growing: a missing kernel skips the test with its name
# (visible in the skip summary) instead of failing. Complete backends are not listed.
PARTIAL_BACKENDS: dict[str, str] = {
    "python": "the pure-Python reference backend does not have every kernel yet",
}


def _available_backends() -> list[str]:
    names = []
    for name in ENGINE.backend_names():
        if ENGINE.find_backend(name) is not None:
            names.append(name)
    return names


BACKENDS = _available_backends()


def _counts() -> tuple[int, int, int]:
    return ENGINE.num_tensors, ENGINE.num_data_buffers, ENGINE.backend.num_data_ids()


@pytest.fixture(params=BACKENDS)
def tf(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The ``pytfjs`` module with the parametrised backend active."""
    previous = ENGINE.backend_name
    assert ENGINE.set_backend(request.param)
    before = _counts()
    ENGINE.start_scope("test")
    try:
        yield pytfjs
    finally:
        ENGINE.end_scope(None)
        after = _counts()
        if previous:
            ENGINE.set_backend(previous)
    assert after == before, (
        f"test leaked on backend {request.param}: (tensors, data buffers, backend arrays) "
        f"went from {before} to {after}")


@pytest.fixture
def backend_name(tf) -> str:  # type: ignore[no-untyped-def]
    return tf.get_backend()


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function):  # type: ignore[no-untyped-def]
    try:
        return (yield)
    except KernelNotFoundError as e:
        name = ENGINE.backend_name
        if name in PARTIAL_BACKENDS:
            pytest.skip(f"{name}: {e}")
        raise


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict) -> None:
    doctest_namespace["tf"] = pytfjs


@pytest.fixture(autouse=True)
def _no_leaks_anywhere(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Every test, with or without the ``tf`` fixture, must leave no tensors behind."""
    if isinstance(request.node, pytest.Function) and "tf" in request.fixturenames:
        yield  # the ``tf`` fixture checks, per backend and inside its scope
        return
    before = ENGINE.num_tensors
    yield
    leaked = ENGINE.num_tensors - before
    assert leaked <= 0, f"{request.node.nodeid} leaked {leaked} tensor(s)"
