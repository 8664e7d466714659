"""tests/onnx: the ONNX export and ONNX Runtime path, checked against the numpy backend."""
from __future__ import annotations

import pytest

import pytfjs
from pytfjs.core.engine import ENGINE


@pytest.fixture
def tf():  # type: ignore[no-untyped-def]
    """``pytfjs`` on the numpy backend (the reference for parity), inside a scope that fails
    on leaked tensors (overrides the all-backends fixture of tests/conftest.py)."""
    previous = ENGINE.backend_name
    assert ENGINE.set_backend("numpy")
    before = (ENGINE.num_tensors, ENGINE.num_data_buffers, ENGINE.backend.num_data_ids())
    ENGINE.start_scope("test")
    try:
        yield pytfjs
    finally:
        ENGINE.end_scope(None)
        after = (ENGINE.num_tensors, ENGINE.num_data_buffers, ENGINE.backend.num_data_ids())
        if previous:
            ENGINE.set_backend(previous)
    assert ENGINE.active_trace is None, "a trace was left active"
    assert after == before, f"test leaked: {before} -> {after}"
