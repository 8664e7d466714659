"""Whole models through ONNX Runtime: MobileNet-like layers models (eager and folded), the
fixture models (against their TF.js / Keras reference outputs), re-tracing, leaks, the CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(ROOT, "..", "shared", "fixtures", "tfjs_models")
GRAPH_FIXTURES = os.path.join(ROOT, "tests", "fixtures", "graph_models")
KERAS = os.path.join(ROOT, "tests", "fixtures", "keras")


def mobilenet_like(tf, v2: bool):  # type: ignore[no-untyped-def]
    """A small MobileNet v1 / v2: conv-BN-relu6, depthwise-separable blocks (inverted
    residuals with a skip for v2), global average pooling, softmax."""
    rng = np.random.default_rng(7)
    inp = tf.input(shape=[32, 32, 3])

    def bn_act(h, act=True):  # type: ignore[no-untyped-def]
        h = tf.layers.batch_normalization().apply(h)
        return tf.layers.re_lu(max_value=6).apply(h) if act else h

    h = bn_act(tf.layers.conv2d(filters=8, kernel_size=3, strides=2, padding="same",
                                use_bias=False).apply(inp))
    for cout, s in [(16, 1), (24, 2), (24, 1), (32, 2)]:
        cin = h.shape[-1]
        x0 = h
        if v2:
            h = bn_act(tf.layers.conv2d(filters=cin * 3, kernel_size=1, use_bias=False).apply(h))
        h = bn_act(tf.layers.depthwise_conv2d(kernel_size=3, strides=s, padding="same",
                                              use_bias=False).apply(h))
        h = bn_act(tf.layers.conv2d(filters=cout, kernel_size=1, use_bias=False).apply(h),
                   act=not v2)
        if v2 and s == 1 and cin == cout:
            h = tf.layers.add().apply([h, x0])
    h = tf.layers.global_average_pooling2d().apply(h)
    out = tf.layers.dense(units=10, activation="softmax").apply(h)
    model = tf.model(inputs=inp, outputs=out)
    values = []
    for w in model.weights:  # non-trivial batch-norm statistics
        shape = tuple(w.read().shape)
        if "moving_variance" in w.name or "gamma" in w.name:
            values.append(rng.uniform(0.5, 1.5, shape).astype(np.float32))
        elif "moving_mean" in w.name or "beta" in w.name:
            values.append(rng.normal(0, 0.2, shape).astype(np.float32))
        else:
            values.append(w.read().numpy())
    ts = [tf.tensor(v) for v in values]
    model.set_weights(ts)
    tf.dispose(ts)
    return model


@pytest.mark.parametrize("v2", [False, True])
@pytest.mark.parametrize("folded", [False, True])
def test_mobilenet_like(tf, v2, folded):
    model = mobilenet_like(tf, v2)
    runner = model.optimize_for_inference() if folded else model
    x = tf.random_normal([2, 32, 32, 3], seed=3)
    try:
        want = model.predict(x)
        om = tf.onnx.compile(runner, x)
        got = om.predict(x)
        assert got.shape == want.shape == (2, 10)
        assert float(tf.max(tf.abs(tf.sub(got, want))).numpy()) < 1e-5
        ops = {n.op_type for n in om.onnx_model().graph.node}
        assert "Conv" in ops and "Softmax" in ops, ops
        tf.dispose([want, got])
    finally:
        x.dispose()
        if folded:
            runner.dispose()
        model.dispose()


def test_retrace_on_new_batch_size(tf):
    model = tf.sequential([tf.layers.conv2d(filters=4, kernel_size=3, input_shape=[6, 6, 2],
                                            activation="relu"),
                           tf.layers.flatten(), tf.layers.dense(units=3)])
    om = tf.onnx.compile(model)  # traced on the first call
    assert om.signatures == []
    try:
        for batch in (1, 4, 1):
            x = np.random.default_rng(batch).normal(size=(batch, 6, 6, 2)).astype(np.float32)
            got = om.predict(x, numpy=True)
            want = model.predict(tf.tensor(x))
            np.testing.assert_allclose(got, want.numpy(), atol=1e-5)
            tf.dispose(want)
        assert [s[0][0] for s in om.signatures] == [(1, 6, 6, 2), (4, 6, 6, 2)]
    finally:
        model.dispose()


def test_no_tensor_leaks_and_engine_restored(tf):
    from pytfjs.core.engine import ENGINE
    model = tf.sequential([tf.layers.dense(units=3, input_shape=[4], activation="tanh")])
    x = tf.ones([2, 4])
    before = tf.memory().num_tensors
    om = tf.onnx.compile(model, x)
    om.predict(x, numpy=True)
    tf.onnx.export(model, x)
    assert tf.memory().num_tensors == before
    assert ENGINE.active_trace is None and not ENGINE._measure
    y = om.predict(x)  # tensors out: the caller owns them
    assert tf.memory().num_tensors == before + 1
    tf.dispose([x, y])
    model.dispose()


def test_multi_output_and_dict(tf):
    w = tf.tensor(np.eye(3, dtype=np.float32))

    def fn(a, b):  # type: ignore[no-untyped-def]
        return {"sum": tf.mat_mul(a, w) + b, "id": a, "n": tf.neg(b)}

    a, b = tf.tensor(np.ones((2, 3), np.float32)), tf.tensor(np.full((2, 3), 2, np.float32))
    out = tf.onnx.compile(fn, [a, b]).predict([a, b], numpy=True)
    assert set(out) == {"sum", "id", "n"}
    np.testing.assert_array_equal(out["sum"], np.full((2, 3), 3))
    np.testing.assert_array_equal(out["id"], np.ones((2, 3)))
    tf.dispose([w, a, b])


def test_export_writes_atomically(tf, tmp_path):
    import onnx
    model = tf.sequential([tf.layers.dense(units=2, input_shape=[3])])
    path = tmp_path / "sub" / "m.onnx"
    proto = tf.onnx.export(model, tf.zeros([1, 3]), path)
    assert onnx.load(str(path)) == proto
    assert [p.name for p in tmp_path.joinpath("sub").iterdir()] == ["m.onnx"]
    model.dispose()


def test_missing_packages_give_install_hint(monkeypatch):
    from pytfjs.onnx._export import require_onnx
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(ImportError, match=r"pip install 'pytfjs\[onnx\]'"):
        require_onnx(runtime=True)


def test_import_pytfjs_does_not_import_onnx():
    code = ("import sys, pytfjs as tf; tf.onnx; "
            "assert 'onnx' not in sys.modules and 'onnxruntime' not in sys.modules; print('ok')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       check=False)
    assert r.stdout.strip() == "ok", r.stderr


# ------------------------------------------------------------------------------- fixtures
def _case(folder: str, case: int = 0) -> tuple[list, list]:
    def load(sub: str, tag: str) -> list:
        names = [f for f in os.listdir(os.path.join(folder, sub)) if f.startswith(f"case{case}_")]
        names.sort(key=lambda f: int(f.rsplit(tag, 1)[1][:-4]))
        return [np.load(os.path.join(folder, sub, f)) for f in names]
    return load("inputs", "_in"), load("outputs", "_out")


def _check_fixture(tf, model, folder, tol):  # type: ignore[no-untyped-def]
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    rtol = meta.get("tolerance", {}).get("rtol", tol[0])
    atol = meta.get("tolerance", {}).get("atol", tol[1])
    for case in range(2):
        xs, ys = _case(folder, case)
        if not xs:
            continue
        om = tf.onnx.compile(model, xs)
        got = om.predict(xs, numpy=True)
        got = list(got.values()) if isinstance(got, dict) else got if isinstance(got, list) \
            else [got]
        assert len(got) == len(ys)
        for g, y in zip(got, ys):
            np.testing.assert_allclose(g, y, rtol=rtol, atol=atol)


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="../shared fixtures are absent")
@pytest.mark.parametrize("name", ["synthetic_cnn", "upscaler_esrgan_slim_x2", "synthetic_text_rnn"])
@pytest.mark.parametrize("folded", [False, True])
def test_shared_layers_models(tf, name, folded):
    model = tf.load_layers_model(os.path.join(SHARED, name, "model.json"))
    runner = model.optimize_for_inference() if folded else model
    try:
        _check_fixture(tf, runner, os.path.join(SHARED, name), (1e-3, 1e-4))
    finally:
        if folded:
            runner.dispose()
        model.dispose()


@pytest.mark.parametrize("name", ["human_age", "human_meet"])
def test_graph_models(tf, name):
    model = tf.load_graph_model(os.path.join(GRAPH_FIXTURES, name, "model.json"))
    try:
        _check_fixture(tf, model, os.path.join(GRAPH_FIXTURES, name), (1e-3, 1e-4))
    finally:
        model.dispose()


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="../shared fixtures are absent")
def test_graph_model_with_data_dependent_control_flow_is_refused(tf):
    from pytfjs.onnx import TraceError
    folder = os.path.join(SHARED, "human_rvm")
    model = tf.load_graph_model(os.path.join(folder, "model.json"))
    xs, _ = _case(folder)
    try:
        with pytest.raises(TraceError, match="control flow"):
            tf.onnx.export(model, xs)
    finally:
        model.dispose()


@pytest.mark.parametrize("name", ["cnn2d", "mlp", "merge", "conv1d", "nested", "rnn"])
def test_keras_files(tf, name):
    pytest.importorskip("h5py")
    from pytfjs.converters import load_keras_model
    model = load_keras_model(os.path.join(KERAS, f"{name}.keras"))
    ins = np.load(os.path.join(KERAS, f"{name}.inputs.npz"))
    exp = np.load(os.path.join(KERAS, f"{name}.expected.npz"))
    xs = [ins[k] for k in sorted(ins.files, key=lambda k: int(k.split("_")[1]))]
    ys = [exp[k] for k in sorted(exp.files, key=lambda k: int(k.split("_")[1]))]
    try:
        got = tf.onnx.compile(model, xs).predict(xs, numpy=True)
        got = got if isinstance(got, list) else [got]
        for g, y in zip(got, ys):
            np.testing.assert_allclose(g, y, rtol=1e-4, atol=1e-5)
    finally:
        model.dispose()


# ------------------------------------------------------------------------------- CLI
def test_cli_keras_and_graph_model_to_onnx(tf, tmp_path, capsys):
    pytest.importorskip("h5py")
    import onnxruntime as ort

    from pytfjs.converters.__main__ import main
    out = tmp_path / "cnn.onnx"
    assert main([os.path.join(KERAS, "cnn2d.keras"), str(out), "--output-format", "onnx"]) == 0
    x = np.load(os.path.join(KERAS, "cnn2d.inputs.npz"))["arr_0"]
    want = np.load(os.path.join(KERAS, "cnn2d.expected.npz"))["arr_0"]
    sess = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    assert sess.get_inputs()[0].shape == [1, 12, 12, 3]
    np.testing.assert_allclose(sess.run(None, {sess.get_inputs()[0].name: x[:1]})[0], want[:1],
                               rtol=1e-4, atol=1e-5)
    # a graph model.json, batch 2 via --input-shape, into a folder
    folder = os.path.join(GRAPH_FIXTURES, "human_age")
    assert main([os.path.join(folder, "model.json"), str(tmp_path), "--output-format", "onnx",
                 "--input-shape", "1,64,64,3"]) == 0
    assert (tmp_path / "model.onnx").exists()
    assert "Wrote" in capsys.readouterr().out


def test_cli_refuses_unknown_shapes(tmp_path):
    from pytfjs.converters.__main__ import main
    if not os.path.isdir(SHARED):
        pytest.skip("../shared fixtures are absent")
    with pytest.raises(SystemExit, match="give --input-shape"):
        main([os.path.join(SHARED, "upscaler_esrgan_slim_x2", "model.json"), str(tmp_path),
              "--output-format", "onnx"])
