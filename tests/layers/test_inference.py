"""optimize_for_inference (pytfjs.inference.layers_fold): BN folded into conv/dense, activations fused,
same outputs as LayersModel.predict within 1e-5 (relative to the output scale)."""
from __future__ import annotations

import json
import os

import numpy as np
import pytest

import pytfjs as tf
from pytfjs.inference.layers_fold import optimize_for_inference

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(ROOT, "..", "shared", "fixtures", "tfjs_models")


def _close(a, b, rtol=1e-5):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    scale = max(float(np.abs(a).max()), 1e-6)
    assert float(np.abs(a - b).max()) <= rtol * scale, float(np.abs(a - b).max()) / scale


def _randomize_bn(model, rng):
    for layer in model.layers:
        if type(layer).__name__ == "BatchNormalization":
            c = layer.moving_mean.shape[0]
            ws = [tf.tensor(v.astype(np.float32)) for v in (
                rng.uniform(0.5, 1.5, c), rng.standard_normal(c) * 0.1,
                rng.standard_normal(c) * 0.1, rng.uniform(0.5, 1.5, c))]
            layer.set_weights(ws)
            tf.dispose(ws)


def _mobilenet_like():
    x = inp = tf.input(shape=[16, 16, 3])
    x = tf.layers.conv2d(filters=8, kernel_size=3, strides=2, padding="same", use_bias=False).apply(x)
    x = tf.layers.batch_normalization().apply(x)
    x = tf.layers.relu(max_value=6).apply(x)
    for c, s in [(16, 1), (32, 2)]:
        x = tf.layers.depthwise_conv2d(kernel_size=3, strides=s, padding="same", use_bias=False).apply(x)
        x = tf.layers.batch_normalization().apply(x)
        x = tf.layers.relu(max_value=6).apply(x)
        x = tf.layers.conv2d(filters=c, kernel_size=1, use_bias=False).apply(x)
        x = tf.layers.batch_normalization().apply(x)
        x = tf.layers.activation(activation="relu").apply(x)
    skip = x
    y = tf.layers.conv2d(filters=32, kernel_size=1).apply(x)
    y = tf.layers.batch_normalization().apply(y)
    x = tf.layers.add().apply([skip, y])  # BN output feeds a merge: folded, then Add
    x = tf.layers.global_average_pooling2d().apply(x)
    x = tf.layers.dropout(rate=0.5).apply(x)
    x = tf.layers.dense(units=10).apply(x)
    x = tf.layers.batch_normalization().apply(x)
    x = tf.layers.leaky_re_lu(alpha=0.2).apply(x) if hasattr(tf.layers, "leaky_re_lu") else \
        tf.layers.leaky_relu(alpha=0.2).apply(x)
    return tf.model(inputs=inp, outputs=x)


def test_mobilenet_like_folds_and_matches():
    rng = np.random.default_rng(0)
    model = _mobilenet_like()
    _randomize_bn(model, rng)
    before = [w.read().numpy().copy() for w in model.weights]
    fast = optimize_for_inference(model)
    assert fast.stats["batch_norm_folded"] == 7
    assert fast.stats["activation_fused"] == 6
    assert fast.stats["identity_skipped"] == 1
    x = tf.tensor(rng.standard_normal((3, 16, 16, 3)).astype(np.float32))
    ref = model.predict(x)
    n0 = tf.memory().num_tensors
    out = fast.predict(x)
    assert tf.memory().num_tensors == n0 + 1  # only the output is left
    _close(ref.numpy(), out.numpy())
    # batch_size smaller than the batch: chunks, as predict
    out2 = fast.predict(x, batch_size=2)
    _close(ref.numpy(), out2.numpy())
    # training state untouched
    for w, b in zip(model.weights, before):
        np.testing.assert_array_equal(w.read().numpy(), b)
    tf.dispose([x, ref, out, out2])
    fast.dispose()
    model.dispose()


def _layers_fixtures():
    path = os.path.join(SHARED, "manifest.json")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [pytest.param(e, id=e["name"]) for e in json.load(f)["models"] if e["format"] == "layers"]


@pytest.mark.parametrize("entry", _layers_fixtures())
def test_layers_fixtures_same_outputs(entry):
    d = os.path.join(SHARED, entry["dir"])
    model = tf.load_layers_model("file://" + os.path.join(d, entry["model_json"]))
    fast = optimize_for_inference(model)
    cases = sorted({f.split("_")[0] for f in os.listdir(os.path.join(d, "inputs"))})
    try:
        for c in cases:
            xs = [tf.tensor(np.load(os.path.join(d, "inputs", f"{c}_in{i}.npy")))
                  for i in range(len(entry["inputs"]))]
            feed = xs if len(xs) > 1 else xs[0]
            ref = model.predict(feed)
            out = fast.predict(feed)
            refs, outs = (ref, out) if isinstance(ref, list) else ([ref], [out])
            for a, b in zip(refs, outs):
                _close(a.numpy(), b.numpy())
            tf.dispose([xs, refs, outs])
    finally:
        fast.dispose()
        model.dispose()
