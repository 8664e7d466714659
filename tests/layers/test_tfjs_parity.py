"""Training parity with TensorFlow.js 4.22: the same small MLP and CNN, the same initial weights
and data, 5 epochs of SGD (shuffle off, fixed batch size) must give TF.js's loss curve and final
predictions within 1e-4. Goldens: ``tools/oracle/layers_parity.js`` ->
``tests/goldens/layers_parity.json``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

GOLDEN = json.loads((Path(__file__).parent.parent / "goldens" / "layers_parity.json").read_text())
TOL = 1e-4
# Keys pytfjs writes like Keras where TF.js 4.22 leaves them out (TF.js reads either form):
# every layer's "dtype" (TF.js writes it only for layers given an input shape or a dtype) and
# Flatten's "data_format" (TF.js's Flatten.getConfig omits it).
KERAS_EXTRA_KEYS = {"Flatten": {"data_format"}}


def _build(tf, name):
    if name == "mlp":
        return tf.sequential([
            tf.layers.dense(units=8, activation="relu", input_shape=[4], name="hidden"),
            tf.layers.dense(units=3, activation="softmax", name="probs"),
        ])
    if not hasattr(tf.layers, "conv2d") or not hasattr(tf.layers, "max_pooling2d"):
        pytest.skip("conv2d / max_pooling2d layers are not available yet")
    return tf.sequential([
        tf.layers.conv2d(filters=4, kernel_size=3, activation="relu", input_shape=[6, 6, 1], name="conv"),
        tf.layers.max_pooling2d(pool_size=2, name="pool"),
        tf.layers.flatten(name="flat"),
        tf.layers.dense(units=3, activation="softmax", name="probs"),
    ])


def _close(actual, expected, tol=TOL):
    assert len(actual) == len(expected)
    bad = [(i, a, e) for i, (a, e) in enumerate(zip(actual, expected)) if abs(a - e) > tol]
    assert not bad, f"{len(bad)} value(s) differ by more than {tol}: {bad[:5]}"


@pytest.mark.parametrize("case", ["mlp", "cnn"])
def test_training_matches_tfjs(tf, case):
    g = GOLDEN["cases"][case]
    with tf.tidy():
        model = _build(tf, case)
        _check_training(tf, model, g)


def _check_training(tf, model, g):
    try:
        # Same weights in the same order and with the same shapes as TF.js.
        assert [tuple(w.shape) for w in model.weights] == [tuple(w["shape"]) for w in g["initial_weights"]]
        for w, spec in zip(model.weights, g["initial_weights"]):
            w.write(tf.tensor(spec["values"], spec["shape"]))
        x = tf.tensor(g["x"]["values"], g["x"]["shape"])
        y = tf.one_hot(tf.tensor(g["labels"], None, "int32"), 3)
        model.compile(optimizer=tf.train.sgd(g["optimizer"]["learning_rate"]),
                      loss=g["loss"], metrics=["accuracy"])
        history = model.fit(x, y, epochs=g["epochs"], batch_size=g["batch_size"], shuffle=False,
                            verbose=0)
        _close(history.history["loss"], g["history"]["loss"])
        # TF.js names the 'accuracy' metric 'acc' in its logs; pytfjs follows Keras ('accuracy').
        _close(history.history["accuracy"], g["history"]["acc"])
        pred = model.predict(x)
        assert list(pred.shape) == g["predictions"]["shape"]
        _close(pred.data_sync().tolist(), g["predictions"]["values"])
        for w, expected in zip(model.weights, g["final_weights"]):
            _close(w.read().data_sync().tolist(), expected)
    finally:
        if model.optimizer is not None:
            model.optimizer.dispose()
        model.dispose()


@pytest.mark.parametrize("case", ["mlp", "cnn"])
def test_config_keys_match_tfjs(tf, case):
    """The layer configs pytfjs writes have exactly the keys TF.js writes in model.json."""
    g = GOLDEN["cases"][case]
    with tf.tidy():
        model = _build(tf, case)
        ours = model.get_config()["layers"]
        model.dispose()
        theirs = [spec for spec in g["model_config"]["config"]["layers"]
                  if spec["class_name"] != "InputLayer"]
        assert [s["class_name"] for s in ours] == [s["class_name"] for s in theirs]
        for a, b in zip(ours, theirs):
            extra = KERAS_EXTRA_KEYS.get(a["class_name"], set()) | {"dtype"}
            assert sorted(set(a["config"]) - extra) == sorted(set(b["config"]) - extra), \
                a["class_name"]
            assert a["config"].get("batch_input_shape") == b["config"].get("batch_input_shape")
