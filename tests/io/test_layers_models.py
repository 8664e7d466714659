"""Layers-model files (``model.save`` / ``tf.load_layers_model``): the TF.js layout, round
trips, strictness, quantization, optimizer state, Keras 2/3 topologies, and the shared
fixture checker."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings

import pytest

from pytfjs import io
from pytfjs.layers.saving import load_layers_model
from tests.helpers import flat_floats as _flat

from .helpers import SHARED_MODELS

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _close(a, b, tol=1e-6):
    fa, fb = _flat(a), _flat(b)
    assert len(fa) == len(fb)
    for x, y in zip(fa, fb):
        assert abs(x - y) <= tol + tol * abs(y), (x, y)


def _mlp(tf, name=None):
    return tf.sequential([
        tf.layers.dense(units=4, input_shape=[3], activation="relu", name="d1"),
        tf.layers.batch_normalization(name="bn"),
        tf.layers.dense(units=2, activation="softmax", name="d2")], name=name or "mlp")


def _read_model_json(d):
    with open(os.path.join(d, "model.json"), encoding="utf-8") as f:
        return json.load(f)


def test_save_layout_matches_tfjs(tf, tmp_path) -> None:
    m = _mlp(tf)
    d = str(tmp_path / "m")
    m.save(d)
    mj = _read_model_json(d)
    assert list(mj)[:5] == ["modelTopology", "format", "generatedBy", "convertedBy", "weightsManifest"]
    assert mj["format"] == "layers-model" and mj["generatedBy"].startswith("pytfjs ")
    assert mj["convertedBy"] is None and "trainingConfig" not in mj
    topo = mj["modelTopology"]
    assert topo["class_name"] == "Sequential" and topo["backend"] == "tensor_flow.js"
    assert set(topo) == {"class_name", "config", "keras_version", "backend"}
    # TF.js order: trainable weights of all layers first, then non-trainable ones.
    names = [w["name"] for w in mj["weightsManifest"][0]["weights"]]
    assert names == ["d1/kernel", "d1/bias", "bn/gamma", "bn/beta", "d2/kernel", "d2/bias",
                     "bn/moving_mean", "bn/moving_variance"]
    assert mj["weightsManifest"][0]["paths"] == ["group1-shard1of1.bin"]
    assert os.path.getsize(os.path.join(d, "group1-shard1of1.bin")) == 4 * (12 + 4 + 4 * 4 + 8 + 2)
    assert json.loads(m.to_json()) == topo
    m.dispose()


def test_round_trip_sequential_and_functional(tf, tmp_path) -> None:
    m = _mlp(tf)
    x = tf.tensor([[0.1, -0.2, 0.3], [1.0, 2.0, -3.0]])
    d = str(tmp_path / "seq")
    m.save("file://" + d)
    m2 = tf.layers.saving.load_layers_model(os.path.join(d, "model.json"))
    y1, y2 = m.predict(x), m2.predict(x)
    assert y1.to_list() == y2.to_list()

    a = tf.input(shape=[3], name="a")
    b = tf.input(shape=[3], name="b")
    h = tf.layers.concatenate(name="cat").apply([tf.layers.dense(units=2, name="da").apply(a), b])
    f = tf.model(inputs=[a, b], outputs=[tf.layers.dense(units=1, name="o").apply(h), h], name="fn")
    f.save(str(tmp_path / "fn"))
    f2 = load_layers_model(str(tmp_path / "fn"))
    o1, o2 = f.predict([x, x]), f2.predict([x, x])
    assert [t.to_list() for t in o1] == [t.to_list() for t in o2]
    tf.dispose([x, y1, y2, *o1, *o2])
    for mm in (m, m2, f, f2):
        mm.dispose()


def test_memory_handlers_and_metadata(tf) -> None:
    m = _mlp(tf)
    m.set_user_defined_metadata({"labels": ["a", "b"]})
    got = []
    m.save(io.with_save_handler(got.append))
    art = got[0]
    assert art.format == "layers-model" and art.user_defined_metadata == {"labels": ["a", "b"]}
    assert len(art.weight_data) == 4 * 42
    m2 = load_layers_model(io.from_memory(art))
    assert m2.get_user_defined_metadata() == {"labels": ["a", "b"]}
    assert [w.read().to_list() for w in m2.weights] == [w.read().to_list() for w in m.weights]
    m.dispose()
    m2.dispose()


def test_sharding(tf, tmp_path) -> None:
    m = _mlp(tf)
    d = str(tmp_path / "sh")
    m.save(d, shard_size_bytes=64)
    mj = _read_model_json(d)
    assert mj["weightsManifest"][0]["paths"] == [f"group1-shard{i}of3.bin" for i in (1, 2, 3)]
    m2 = load_layers_model(d)
    assert [w.read().to_list() for w in m2.weights] == [w.read().to_list() for w in m.weights]
    m.dispose()
    m2.dispose()


def test_strict_and_non_strict(tf) -> None:
    m = _mlp(tf)
    got = []
    m.save(io.with_save_handler(got.append))
    art = got[0]
    # drop the last weight (bn/moving_variance: 2 floats... here 4 floats) from specs and data
    short = io.ModelArtifacts(model_topology=art.model_topology, format=art.format,
                              weight_specs=art.weight_specs[:-1], weight_data=art.weight_data[:-16])
    with pytest.raises(ValueError, match="1 of 8 weights are not set"):
        load_layers_model(io.from_memory(short))
    with pytest.warns(UserWarning, match="not in the file"):
        m2 = load_layers_model(io.from_memory(short), strict=False)
    extra = io.ModelArtifacts(model_topology=art.model_topology, format=art.format,
                              weight_specs=art.weight_specs + [{"name": "zz/kernel", "shape": [1],
                                                                "dtype": "float32"}],
                              weight_data=art.weight_data + bytes(4))
    with pytest.raises(ValueError, match="no target variable: zz/kernel"):
        load_layers_model(io.from_memory(extra))
    with pytest.warns(UserWarning, match="no target"):
        m3 = load_layers_model(io.from_memory(extra), strict=False)
    bad = [dict(s) for s in art.weight_specs]
    bad[0] = dict(bad[0], shape=[4, 3])
    with pytest.raises(ValueError, match="Shape mismatch"):
        load_layers_model(io.from_memory(io.ModelArtifacts(
            model_topology=art.model_topology, format=art.format, weight_specs=bad,
            weight_data=art.weight_data)))
    for mm in (m, m2, m3):
        mm.dispose()


def test_quantized_save(tf, tmp_path) -> None:
    m = _mlp(tf)
    for q, nbytes in (("uint8", 1), ({"float16": ["d1/*"], "uint16": True}, None)):
        d = str(tmp_path / "q")
        m.save(d, quantization=q)
        specs = _read_model_json(d)["weightsManifest"][0]["weights"]
        if nbytes:
            assert all(s["quantization"]["dtype"] == "uint8" for s in specs)
        else:
            assert [s["quantization"]["dtype"] for s in specs] == ["float16"] * 2 + ["uint16"] * 6
        m2 = load_layers_model(d)
        for w1, w2 in zip(m.weights, m2.weights):
            _close(w1.read(), w2.read(), 0.02)
        m2.dispose()
    m.dispose()


def test_include_optimizer_round_trip(tf, tmp_path) -> None:
    m = _mlp(tf)
    m.compile(optimizer=tf.train.adam(0.01), loss="categorical_crossentropy", metrics=["accuracy"])
    x = tf.tensor([[0.1, -0.2, 0.3], [1.0, 2.0, -3.0], [0.5, 0.5, 0.5]])
    y = tf.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    m.fit(x, y, epochs=2, batch_size=3, verbose=0)
    d = str(tmp_path / "opt")
    m.save(d, include_optimizer=True)
    mj = _read_model_json(d)
    assert mj["trainingConfig"] == {
        "loss": "categorical_crossentropy", "metrics": ["accuracy"],
        "optimizer_config": {"class_name": "Adam", "config": m.optimizer.get_config()}}
    specs = mj["weightsManifest"][0]["weights"]
    opt_specs = [s for s in specs if s.get("group") == "optimizer"]
    assert opt_specs[0] == {"name": "iter", "shape": [], "dtype": "int32", "group": "optimizer"}
    assert len(opt_specs) == 1 + 2 * 6  # iter + m and v of the 6 trainable weights
    m2 = load_layers_model(d)
    assert m2.optimizer.class_name == "Adam" and m2.optimizer.iterations == 2
    # one more step from the restored state equals one more step of the original
    m.fit(x, y, epochs=1, batch_size=3, verbose=0, shuffle=False)
    m2.fit(x, y, epochs=1, batch_size=3, verbose=0, shuffle=False)
    for w1, w2 in zip(m.weights, m2.weights):
        _close(w1.read(), w2.read(), 1e-6)
    # without include_optimizer: no training config, no optimizer weights
    m.save(d)
    mj = _read_model_json(d)
    assert "trainingConfig" not in mj
    assert not [s for s in mj["weightsManifest"][0]["weights"] if s.get("group")]
    m3 = load_layers_model(d)
    assert m3.optimizer is None
    tf.dispose([x, y])
    for mm in (m, m2, m3):
        mm.dispose()


def test_save_and_load_weights(tf, tmp_path) -> None:
    m = _mlp(tf)
    d = str(tmp_path / "w")
    m.save_weights(d)
    mj = _read_model_json(d)
    assert "modelTopology" not in mj or mj["modelTopology"] is None
    m2 = _mlp(tf, "other")
    m2.load_weights(d)
    assert [w.read().to_list() for w in m2.weights] == [w.read().to_list() for w in m.weights]
    with pytest.raises(io.ModelFormatError):
        load_layers_model(d)
    m.dispose()
    m2.dispose()


def test_atomic_save_keeps_old_model_on_failure(tf, tmp_path) -> None:
    m = _mlp(tf)
    d = str(tmp_path / "a")
    m.save(d)
    before = _read_model_json(d)
    with open(os.path.join(d, "notes.txt"), "w") as f:
        f.write("x")
    with pytest.raises(io.SaveError):
        m.save(d)
    assert _read_model_json(d) == before
    m.dispose()


def _keras_topology():
    """A Keras 2.x / 3.x topology as older converters write it: ``Functional`` with a nested
    ``Functional`` model, ``batch_shape`` InputLayers, DTypePolicy dicts, ``module`` keys."""
    policy = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
              "registered_name": None}
    inner = {"class_name": "Functional", "name": "inner", "module": "keras.src.models.functional",
             "config": {"name": "inner",
                        "layers": [
                            {"class_name": "InputLayer", "name": "ii", "inbound_nodes": [],
                             "config": {"batch_shape": [None, 3], "dtype": "float32",
                                        "sparse": False, "ragged": False, "name": "ii"}},
                            {"class_name": "Dense", "name": "idense", "module": "keras.layers",
                             "config": {"name": "idense", "units": 2, "activation": "relu",
                                        "use_bias": True, "dtype": policy, "trainable": True},
                             "inbound_nodes": [[["ii", 0, 0, {}]]]}],
                        "input_layers": [["ii", 0, 0]], "output_layers": [["idense", 0, 0]]},
             "inbound_nodes": [[["x", 0, 0, {}]]]}
    return {"keras_version": "2.10.0", "backend": "tensorflow", "model_config": {
        "class_name": "Functional", "config": {
            "name": "outer",
            "layers": [
                {"class_name": "InputLayer", "name": "x", "inbound_nodes": [],
                 "config": {"batch_input_shape": [None, 3], "dtype": "float32", "name": "x"}},
                inner,
                {"class_name": "Dense", "name": "head", "config": {
                    "name": "head", "units": 1, "activation": "linear", "use_bias": True,
                    "dtype": "float32", "trainable": True}, "inbound_nodes": [[["inner", 0, 0, {}]]]}],
            "input_layers": [["x", 0, 0]], "output_layers": [["head", 0, 0]]}}}


def test_keras_topology_nested_functional(tf) -> None:
    import array
    vals = [0.1 * i for i in range(6)] + [0.5, -0.5] + [1.0, 2.0] + [0.25]
    specs = [{"name": "idense/kernel", "shape": [3, 2], "dtype": "float32"},
             {"name": "idense/bias", "shape": [2], "dtype": "float32"},
             # TF 2.2+ style ``layer/cell/weight`` name: shortened to ``head/kernel`` as TF.js does
             {"name": "head/dense_cell/kernel", "shape": [2, 1], "dtype": "float32"},
             {"name": "head/bias", "shape": [1], "dtype": "float32"}]
    art = io.ModelArtifacts(model_topology=_keras_topology(), format="layers-model",
                            weight_specs=specs, weight_data=array.array("f", vals).tobytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = load_layers_model(io.from_memory(art))
    x = tf.tensor([[1.0, 1.0, 1.0]])
    y = m.predict(x)
    h = [max(0.0, 0.0 + 0.2 + 0.4 + 0.5), max(0.0, 0.1 + 0.3 + 0.5 - 0.5)]
    _close(y, [[h[0] * 1.0 + h[1] * 2.0 + 0.25]], 1e-5)
    tf.dispose([x, y])
    m.dispose()


def test_unknown_format_is_rejected(tf) -> None:
    art = io.ModelArtifacts(model_topology={"node": []}, format="graph-model")
    with pytest.raises(io.ModelFormatError):
        load_layers_model(io.from_memory(art))


_CHECK = ("import sys; import pytfjs as tf\n"
          "from pytfjs.layers.saving import load_layers_model\n"
          "tf.load_layers_model = getattr(tf, 'load_layers_model', load_layers_model)\n"
          "sys.path.insert(0, sys.argv[1]); import check_models\n"
          "sys.exit(check_models.main(sys.argv[2:]))\n")


@pytest.mark.skipif(not os.path.isfile(os.path.join(SHARED_MODELS, "check_models.py")),
                    reason="../shared/fixtures/tfjs_models is not present")
def test_shared_layers_models_pass_checker() -> None:
    pytest.importorskip("numpy", reason="the shared checker needs numpy")
    models = "upscaler_esrgan_slim_x2,synthetic_cnn,synthetic_text_rnn"
    r = subprocess.run([sys.executable, "-c", _CHECK, SHARED_MODELS, "--only", models, "--runs", "1"],
                       cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "3 passed, 0 failed" in r.stdout
