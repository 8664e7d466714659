"""Interop with real TensorFlow.js 4.22 (``tools/oracle/interop.js``):

* TF.js -> pytfjs: models saved by TF.js (committed in ``tests/fixtures/tfjs_saved/``, made by
  ``node tools/oracle/interop.js build``; regenerated fresh when node is available) load in pytfjs
  and predict what TF.js predicted; re-saving them from pytfjs gives the same weight bytes.
* pytfjs -> TF.js: models saved by pytfjs load in TF.js (``interop.js predict``) and predict what
  pytfjs predicted, optimizer state included.
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from pytfjs.layers.saving import load_layers_model
from tests.helpers import NODE, ORACLE, flat_floats as _flat, needs_node

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAVED = os.path.join(ROOT, "tests", "fixtures", "tfjs_saved")
TOL = 1e-6


def _saved_names() -> list[str]:
    return sorted(n for n in os.listdir(SAVED) if os.path.isfile(os.path.join(SAVED, n, "io.json")))


def _assert_close(actual, expected_values, shape=None, tol=TOL, what=""):
    if shape is not None:
        assert list(actual.shape) == list(shape), what
    a = _flat(actual)
    assert len(a) == len(expected_values), what
    worst = max((abs(x - y) - tol * abs(y) for x, y in zip(a, expected_values)), default=0.0)
    assert worst <= tol, f"{what}: max error {worst} > {tol}"


def _node(*args: str) -> None:
    r = subprocess.run([NODE, os.path.join(ORACLE, "interop.js"), *args], cwd=ORACLE,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def _read(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _predict(tf, model, inputs):
    xs = [tf.tensor(i["values"], i["shape"], "float32") for i in inputs]
    ys = model.predict(xs[0] if len(xs) == 1 else xs)
    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    return xs, ys


def _check_tfjs_saved(tf, d: str) -> None:
    spec = _read(os.path.join(d, "io.json"))
    model = load_layers_model(d)
    try:
        xs, ys = _predict(tf, model, spec["inputs"])
        assert len(ys) == len(spec["outputs"])
        for i, (y, e) in enumerate(zip(ys, spec["outputs"])):
            _assert_close(y, e["values"], e["shape"], what=f"{os.path.basename(d)} output {i}")
        tf.dispose(xs + ys)
        if spec.get("optimizer"):
            opt = spec["optimizer"]
            assert model.optimizer is not None and model.optimizer.class_name == opt["class_name"]
            got = model.optimizer.get_weights()
            assert len(got) == len(opt["weights"])
            assert got[0].tensor.item() == opt["weights"][0]["values"][0]
            for (_, t), w in zip(got[1:], opt["weights"][1:]):
                _assert_close(t, w["values"], w["shape"], tol=0.0, what=w["name"])
            got[0].tensor.dispose()
    finally:
        model.dispose()


@pytest.mark.parametrize("name", _saved_names())
def test_tfjs_saved_fixture_loads(tf, name: str) -> None:
    _check_tfjs_saved(tf, os.path.join(SAVED, name))


@pytest.mark.parametrize("name", [n for n in _saved_names() if "_" not in n or n == "mlp_adam"])
def test_resave_is_bit_identical(tf, tmp_path, name: str) -> None:
    """pytfjs re-saving a TF.js-saved (unquantized) model writes the same manifest and bytes."""
    src = os.path.join(SAVED, name)
    model = load_layers_model(src)
    out = str(tmp_path / name)
    try:
        model.save(out, include_optimizer=name == "mlp_adam")
    finally:
        model.dispose()
    a, b = _read(os.path.join(src, "model.json")), _read(os.path.join(out, "model.json"))
    wa, wb = a["weightsManifest"][0]["weights"], b["weightsManifest"][0]["weights"]
    # Optimizer slot names carry each runtime's process-unique variable names (TF.js wrote
    # ``d1/kernel_2/m`` here); TF.js restores slots by position, so only the layout must match.
    strip = [lambda s: {**s, "name": None} if s.get("group") else s] * 2
    assert [strip[0](s) for s in wa] == [strip[1](s) for s in wb]
    assert a.get("trainingConfig") == b.get("trainingConfig")
    assert a["modelTopology"]["class_name"] == b["modelTopology"]["class_name"]
    la = a["modelTopology"]["config"]["layers"]
    lb = b["modelTopology"]["config"]["layers"]
    assert [(x["class_name"], x.get("name", x["config"].get("name"))) for x in la] == \
        [(x["class_name"], x.get("name", x["config"].get("name"))) for x in lb]
    with open(os.path.join(src, "group1-shard1of1.bin"), "rb") as f1, \
            open(os.path.join(out, "group1-shard1of1.bin"), "rb") as f2:
        assert f1.read() == f2.read()


@needs_node
def test_tfjs_fresh_build_loads_in_pytfjs(tf, tmp_path) -> None:
    out = str(tmp_path / "built")
    _node("build", out)
    names = sorted(os.listdir(out))
    assert names == _saved_names()
    for n in names:
        _check_tfjs_saved(tf, os.path.join(out, n))


# ------------------------------------------------------------------ pytfjs -> TF.js

def _seeded(tf, model, seed: int) -> None:
    import random
    rng = random.Random(seed)
    for w in model.weights:
        n = 1
        for s in w.shape:
            n *= s
        lo, hi = (0.5, 1.5) if "variance" in w.name else (-0.6, 0.6)
        w.write(tf.tensor([rng.uniform(lo, hi) for _ in range(n)], list(w.shape), "float32"))


def _pytfjs_models(tf):
    """(name, model, inputs, save kwargs) covering the same layer types as interop.js."""
    import random
    rng = random.Random(7)

    def rand(shape):
        n = 1
        for s in shape:
            n *= s
        return {"shape": shape, "values": [rng.uniform(-1, 1) for _ in range(n)]}

    L = tf.layers
    out = []
    mlp = tf.sequential([L.dense(units=6, input_shape=[4], activation="relu", name="d1"),
                         L.dense(units=3, activation="softmax", name="d2")], name="mlp")
    out.append(("mlp", mlp, [rand([3, 4])], {}))

    x = tf.input(shape=[8, 8, 3], name="img")
    h = L.conv2d(filters=4, kernel_size=3, padding="same", activation="relu", name="c1").apply(x)
    h = L.depthwise_conv2d(kernel_size=3, depth_multiplier=2, name="dw").apply(h)
    h = L.batch_normalization(name="bn").apply(h)
    h = L.separable_conv2d(filters=5, kernel_size=3, padding="same", activation="relu",
                           name="sep").apply(h)
    h = L.max_pooling2d(pool_size=2, name="mp").apply(h)
    h = L.average_pooling2d(pool_size=2, strides=1, padding="same", name="ap").apply(h)
    y = L.dense(units=3, name="out").apply(L.global_average_pooling2d(name="gap").apply(h))
    conv = tf.model(inputs=x, outputs=y, name="conv")
    out.append(("conv", conv, [rand([2, 8, 8, 3])], {}))

    t = tf.input(shape=[6], name="tokens")
    h = L.embedding(input_dim=20, output_dim=5, mask_zero=True, name="emb").apply(t)
    h = L.bidirectional(layer=L.lstm(units=4, return_sequences=True), merge_mode="concat",
                        name="bi").apply(h)
    h = L.gru(units=3, name="gru").apply(h)
    rnn = tf.model(inputs=t, outputs=L.dense(units=2, activation="tanh", name="out").apply(h),
                   name="rnn")
    toks = [[rng.randrange(1, 20) for _ in range(6)] for _ in range(3)]
    toks[1][5] = 0
    toks[2][4:] = [0, 0]
    out.append(("rnn", rnn, [{"shape": [3, 6], "values": [float(v) for r in toks for v in r]}], {}))

    a = tf.input(shape=[4], name="a")
    b = tf.input(shape=[4], name="b")
    ha = L.dense(units=5, name="da").apply(a)
    hb = L.dense(units=5, name="db").apply(b)
    cat = L.concatenate(name="cat").apply([
        L.add(name="add").apply([ha, hb]), L.multiply(name="mul").apply([ha, hb]),
        L.average(name="avg").apply([ha, hb]), L.maximum(name="max").apply([ha, hb]),
        L.minimum(name="min").apply([ha, hb])])
    merge = tf.model(inputs=[a, b], outputs=[L.dense(units=2, name="y1").apply(cat),
                                             L.dot(axes=1, name="dot").apply([ha, hb])],
                     name="merge")
    out.append(("merge", merge, [rand([3, 4]), rand([3, 4])], {}))
    for i, (_, m, _, _) in enumerate(out):
        _seeded(tf, m, i + 1)
    # quantized copies (the reference is pytfjs's prediction after reloading its own file)
    out.append(("conv_uint8", conv, out[1][2], {"quantization": "uint8"}))
    out.append(("rnn_uint16", rnn, out[2][2], {"quantization": "uint16"}))
    out.append(("merge_float16", merge, out[3][2], {"quantization": "float16"}))
    return out


@needs_node
def test_pytfjs_saved_models_run_in_tfjs(tf, tmp_path) -> None:
    root = str(tmp_path / "py")
    models = _pytfjs_models(tf)
    expected = {}
    for name, model, inputs, kw in models:
        d = os.path.join(root, name)
        model.save(d, **kw)
        ref = load_layers_model(d) if kw else model  # quantized: what the file holds
        xs, ys = _predict(tf, ref, inputs)
        expected[name] = [(list(y.shape), _flat(y)) for y in ys]
        tf.dispose(xs + ys)
        if ref is not model:
            ref.dispose()
        with open(os.path.join(d, "io.json"), "w", encoding="utf-8") as f:
            json.dump({"inputs": inputs}, f)
    # a compiled, trained model saved with its Adam state
    opt_model = tf.sequential([tf.layers.dense(units=3, input_shape=[4], activation="softmax",
                                               name="d")], name="adam_mlp")
    _seeded(tf, opt_model, 9)
    opt_model.compile(optimizer=tf.train.adam(0.01), loss="categorical_crossentropy",
                      metrics=["accuracy"])
    x = tf.tensor([[0.1, 0.2, 0.3, 0.4], [-1.0, 0.5, 0.0, 2.0]])
    y = tf.tensor([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    opt_model.fit(x, y, epochs=3, batch_size=2, verbose=0)
    d = os.path.join(root, "adam_mlp")
    opt_model.save(d, include_optimizer=True)
    with open(os.path.join(d, "io.json"), "w", encoding="utf-8") as f:
        json.dump({"inputs": [{"shape": [2, 4], "values": _flat(x)}]}, f)
    ys = opt_model.predict(x)
    expected["adam_mlp"] = [(list(ys.shape), _flat(ys))]
    opt_weights = opt_model.optimizer.get_weights()
    expected_opt = [_flat(t) for _, t in opt_weights]
    opt_weights[0].tensor.dispose()
    tf.dispose([x, y, ys])

    _node("predict", root)
    for name, exp in expected.items():
        got = _read(os.path.join(root, name, "tfjs_outputs.json"))
        assert "error" not in got, f"{name}: TF.js failed: {got.get('error')}"
        assert len(got["outputs"]) == len(exp)
        for i, ((shape, vals), g) in enumerate(zip(exp, got["outputs"])):
            assert g["shape"] == shape, name
            worst = max(abs(a - b) - TOL * abs(b) for a, b in zip(g["values"], vals))
            assert worst <= TOL, f"{name} output {i}: TF.js differs from pytfjs by {worst}"
    opt = _read(os.path.join(root, "adam_mlp", "tfjs_outputs.json"))["optimizer"]
    assert opt["class_name"] == "Adam" and opt["config"]["learningRate"] == 0.01
    assert [w["values"] for w in opt["weights"]] == expected_opt
    seen = set()
    for _, model, _, _ in models:
        if id(model) not in seen:
            seen.add(id(model))
            model.dispose()
    opt_model.dispose()
