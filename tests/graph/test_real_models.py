"""Real-world TF.js graph models from npm packages (tests/fixtures/graph_models), compared with the
outputs TensorFlow.js 4.22 (cpu backend) gave for them. The references are written by
tools/oracle/graph_models.js; manifest.json describes every model, its inputs, outputs and
tolerances (same layout as /work/shared/fixtures/tfjs_models)."""
from __future__ import annotations

import asyncio
import inspect
import json
import os
import subprocess
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "graph_models")
CHECKER = os.path.join(ROOT, "..", "shared", "fixtures", "tfjs_models", "check_models.py")

with open(os.path.join(FIXTURES, "manifest.json")) as _f:
    MANIFEST = json.load(_f)
MODELS = {e["name"]: e for e in MANIFEST["models"]}

# The pure-Python backend runs every model whose two cases take under ~10 s there (measured);
# the others skip on it with the measured time as the reason.
PYTHON_TOO_SLOW = {
    "human_handtrack": "~33 s per case on the python backend (320x320 SSD, 12804 anchors)",
}


def _await(r):  # type: ignore[no-untyped-def]
    if inspect.isawaitable(r):
        async def go():  # type: ignore[no-untyped-def]
            return await r
        return asyncio.run(go())
    return r


def _run(model, entry, feeds):  # type: ignore[no-untyped-def]
    named = {m["name"]: f for m, f in zip(entry["inputs"], feeds)}
    if entry["tfjs_call"] == "executeAsync":
        res = _await(model.execute_async(named))
    else:
        res = model.execute(named)
    return res if isinstance(res, (list, tuple)) else [res]


def _order_insensitive(actual, expected, rtol, atol):  # type: ignore[no-untyped-def]
    """Greedy match of the entries along axis 1 (detections may swap places on near-tied scores)."""
    if actual.shape != expected.shape or actual.ndim < 2:
        return False
    a = actual.astype(np.float64).reshape(actual.shape[0], actual.shape[1], -1)
    e = expected.astype(np.float64).reshape(expected.shape[0], expected.shape[1], -1)
    for b in range(a.shape[0]):
        used = np.zeros(a.shape[1], dtype=bool)
        for i in range(e.shape[1]):
            d = np.abs(a[b] - e[b, i][None, :])
            ok = (d <= atol + rtol * np.abs(e[b, i][None, :])).all(axis=1) & ~used
            if not ok.any():
                return False
            cand = np.where(ok)[0]
            used[cand[np.argmin(d[cand].max(axis=1))]] = True
    return True


def test_manifest_is_lean_and_licensed():
    total = 0
    for e in MANIFEST["models"]:
        d = os.path.join(FIXTURES, e["dir"])
        for dirpath, _, files in os.walk(d):
            total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
        assert e["format"] == "graph" and e["source"]["license"] in ("MIT", "Apache-2.0"), e["name"]
        with open(os.path.join(d, "meta.json")) as f:
            assert json.load(f)["name"] == e["name"]
        assert len(e["cases"]) == 2
    assert total <= 8_000_000, total


@pytest.mark.parametrize("name", sorted(MODELS))
def test_real_graph_model_matches_tfjs(tf, name):  # type: ignore[no-untyped-def]
    entry = MODELS[name]
    if tf.get_backend() == "python" and name in PYTHON_TOO_SLOW:
        pytest.skip(f"python backend: {PYTHON_TOO_SLOW[name]}")
    mdir = os.path.join(FIXTURES, entry["dir"])
    model = tf.load_graph_model(os.path.join(mdir, entry["model_json"]))
    try:
        assert [o.split(":")[0] for o in model.output_nodes] == [o["name"] for o in entry["outputs"]]
        tol = entry["tolerance"]
        for ci, case in enumerate(entry["cases"]):
            feeds = [np.load(os.path.join(mdir, i["file"])) for i in case["inputs"]]
            outs = _run(model, entry, feeds)
            assert len(outs) == len(case["outputs"])
            for j, (t, meta) in enumerate(zip(outs, case["outputs"])):
                actual = t.numpy()
                expected = np.load(os.path.join(mdir, meta["file"]))
                assert list(actual.shape) == list(expected.shape), (ci, meta["name"])
                atol = tol["per_output_atol"][j]
                ok = np.allclose(actual, expected, rtol=tol["rtol"], atol=atol)
                if not ok and meta.get("compare") == "order_insensitive_axis1":
                    ok = _order_insensitive(actual, expected, tol["rtol"], atol)
                err = float(np.abs(actual.astype(np.float64) - expected).max()) if actual.size else 0.0
                assert ok, f"{name} case{ci} {meta['name']}: max abs err {err:.3g}"
            tf.dispose(outs)
    finally:
        model.dispose()


@pytest.mark.skipif(not os.path.isfile(CHECKER), reason="../shared fixtures checker is absent")
def test_shared_checker_accepts_fixture_dir():
    p = subprocess.run([sys.executable, CHECKER, FIXTURES, "--runs", "1"], check=False,
                       cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout + p.stderr
    assert f"{len(MODELS)} passed, 0 failed" in p.stdout
