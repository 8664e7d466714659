"""Keras .h5 / .keras loading and saving against fixtures made by real Keras 3
(tools/keras_fixtures/make_fixtures.py)."""
from __future__ import annotations

import json
import os
import zipfile

import pytest

h5py = pytest.importorskip("h5py", reason="h5py is missing: the lead must add h5py to the dev extras")
np = pytest.importorskip("numpy")

import pytfjs as tf  # noqa: E402
from pytfjs import converters as C  # noqa: E402

D = os.path.join(os.path.dirname(__file__), "..", "fixtures", "keras")
ZOO = ["mlp", "cnn2d", "conv1d", "rnn", "rnn_gru_v1", "merge", "nested"]
FILES = [(n, ext) for n in ZOO for ext in (".keras", ".h5", ".keras2.h5")
         if os.path.exists(os.path.join(D, n + ext))]


def _io(name):
    xs = list(np.load(os.path.join(D, f"{name}.inputs.npz")).values())
    ys = list(np.load(os.path.join(D, f"{name}.expected.npz")).values())
    return xs, ys


def _predict(model, xs):
    ts = [tf.tensor(x) for x in xs]
    out = model.predict(ts if len(ts) > 1 else ts[0])
    outs = out if isinstance(out, list) else [out]
    res = [np.asarray(o.numpy()) for o in outs]
    tf.dispose(ts + outs)
    return res


@pytest.mark.parametrize("name,ext", FILES, ids=[n + e for n, e in FILES])
def test_fixture_matches_keras(name, ext):
    model = C.load_keras_model(os.path.join(D, name + ext))
    xs, ys = _io(name)
    for got, want in zip(_predict(model, xs), ys):
        np.testing.assert_allclose(got, want, atol=1e-5, rtol=0)
    model.dispose()


def test_weights_only_keras3():
    ref = C.load_keras_model(os.path.join(D, "nested.keras"))
    spec = json.loads(zipfile.ZipFile(os.path.join(D, "nested.keras")).read("config.json"))
    from pytfjs.converters._common import build_model
    fresh = build_model(spec, True, True, None)
    C.load_keras_weights(fresh, os.path.join(D, "nested.weights.h5"))
    xs, ys = _io("nested")
    np.testing.assert_allclose(_predict(fresh, xs)[0], ys[0], atol=1e-5)
    ref.dispose()
    fresh.dispose()


@pytest.mark.parametrize("name", ZOO)
@pytest.mark.parametrize("ext", [".keras", ".h5"])
def test_round_trip(tmp_path, name, ext):
    model = C.load_keras_model(os.path.join(D, name + ".keras"))
    path = str(tmp_path / ("m" + ext))
    C.save_keras_model(model, path)
    back = C.load_keras_model(path)
    xs, ys = _io(name)
    for got, want in zip(_predict(back, xs), ys):
        np.testing.assert_allclose(got, want, atol=1e-5, rtol=0)
    model.dispose()
    back.dispose()


def _archive(tmp_path, spec, weights=b"", name="x.keras", drop=()):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        if "config.json" not in drop:
            zf.writestr("config.json", json.dumps(spec))
        zf.writestr("metadata.json", "{}")
        if "model.weights.h5" not in drop:
            zf.writestr("model.weights.h5", weights)
    return str(path)


def _seq(*layers):
    return {"class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [None, 2], "name": "in"}}, *layers]}}


def test_unknown_layers_are_named(tmp_path):
    spec = _seq({"class_name": "FancyLayer", "config": {"name": "fancy"}},
                {"class_name": "Dense", "config": {"name": "d", "units": 1}},
                {"class_name": "OtherLayer", "config": {"name": "other"}})
    with pytest.raises(C.UnsupportedLayersError) as e:
        C.load_keras_model(_archive(tmp_path, spec))
    assert str(e.value).startswith("Unsupported Keras layer(s): 'fancy' (FancyLayer), "
                                   "'other' (OtherLayer).")
    assert isinstance(e.value, tf.layers.UnknownLayerError)


def _lambda_spec():
    import base64
    import marshal
    code = base64.encodebytes(marshal.dumps((lambda x: x * 2.0 + 1.0).__code__)).decode("ascii")
    return _seq({"class_name": "Lambda", "config": {
        "name": "lam", "function": {"class_name": "__lambda__", "config": {
            "code": code, "defaults": None, "closure": None}}}})


def test_lambda_refused_in_safe_mode(tmp_path):
    with pytest.raises(C.UnsafeLambdaError, match=r"^Layer 'lam' is a Lambda layer whose function "
                       r"is stored as Python bytecode\. Loading it would run code from the file, "
                       r"which safe_mode=True refuses\."):
        C.load_keras_model(_archive(tmp_path, _lambda_spec()))


def test_lambda_loads_with_safe_mode_off(tmp_path):
    with h5py.File(tmp_path / "w.h5", "w") as f:
        f.create_group("layers")
    path = _archive(tmp_path, _lambda_spec(), (tmp_path / "w.h5").read_bytes())
    model = C.load_keras_model(path, safe_mode=False)
    x = tf.tensor([[1.0, 2.0]])
    out = model.predict(x)
    assert out.to_list() == [[3.0, 5.0]]
    tf.dispose([out, x])
    model.dispose()


def test_truncated_h5(tmp_path):
    data = open(os.path.join(D, "mlp.h5"), "rb").read()
    p = tmp_path / "t.h5"
    p.write_bytes(data[: len(data) // 3])
    with pytest.raises(C.KerasFileError, match=r"is not a readable HDF5 file \(truncated or corrupt\?\)"):
        C.load_keras_model(str(p))


def test_not_a_keras_file(tmp_path):
    p = tmp_path / "x.keras"
    p.write_bytes(b"hello")
    with pytest.raises(C.KerasFileError, match=r"x\.keras is not a \.keras archive \(not a zip file\)$"):
        C.load_keras_model(str(p))


def test_missing_archive_entry(tmp_path):
    path = _archive(tmp_path, _seq(), drop=("model.weights.h5",))
    with pytest.raises(C.KerasFileError, match=r"the archive has no 'model.weights.h5'$"):
        C.load_keras_model(path)


def test_missing_weight_group(tmp_path):
    zf = zipfile.ZipFile(os.path.join(D, "mlp.keras"))
    with h5py.File(tmp_path / "w.h5", "w") as f:
        f.create_group("layers/dense/vars")
    path = _archive(tmp_path, json.loads(zf.read("config.json")), (tmp_path / "w.h5").read_bytes())
    with pytest.raises(C.KerasFileError, match=r"group 'layers/dense/vars' holds 0 weights, the "
                                               r"model's layer has 2$"):
        C.load_keras_model(path)


def test_missing_model_weights_group(tmp_path):
    p = tmp_path / "m.h5"
    with h5py.File(os.path.join(D, "mlp.h5")) as src, h5py.File(p, "w") as f:
        f.attrs["model_config"] = src.attrs["model_config"]
    with pytest.raises(C.KerasFileError, match=r"the file has no 'model_weights' group$"):
        C.load_keras_model(str(p))


def test_weights_only_file_is_not_a_model():
    with pytest.raises(C.KerasFileError, match=r"holds weights only"):
        C.load_keras_model(os.path.join(D, "nested.weights.h5"))


def test_cli_writes_tfjs_model(tmp_path):
    from pytfjs.converters.__main__ import main
    out = tmp_path / "web"
    assert main([os.path.join(D, "mlp.keras"), str(out)]) == 0
    assert (out / "model.json").exists()
    mj = json.loads((out / "model.json").read_text())
    assert mj["format"] == "layers-model"
    names = [w["name"] for g in mj["weightsManifest"] for w in g["weights"]]
    assert names == ["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias",
                     "dense_2/kernel", "dense_2/bias"]


@pytest.mark.parametrize("name", ["mlp", "cnn2d", "rnn", "merge", "nested"])
def test_cli_output_loads_in_pytfjs_with_keras_predictions(tmp_path, name):
    from pytfjs.converters.__main__ import main
    out = tmp_path / "web"
    assert main([os.path.join(D, f"{name}.keras"), str(out)]) == 0
    model = tf.load_layers_model(str(out))
    xs, ys = _io(name)
    for got, want in zip(_predict(model, xs), ys):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    model.dispose()
