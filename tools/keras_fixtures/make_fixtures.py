"""Generates the Keras fixtures of ``tests/fixtures/keras/`` with real Keras 3 (dev only, not run
by CI). See README.md in this folder for the environment.

For each model of the zoo it writes ``<name>.keras`` (Keras 3 archive), ``<name>.h5`` (legacy
full-model HDF5 as Keras 3 writes it), ``<name>.weights.h5`` (Keras 3 weights-only),
``<name>.inputs.npz`` and ``<name>.expected.npz`` (Keras's predictions). Two models are also
written as Keras-2 style ``.h5`` files (``<name>.keras2.h5``) directly with h5py, with a Keras 2
``model_config`` (``batch_input_shape``, list ``inbound_nodes``, plain dtype strings) and the
documented ``model_weights/<layer>/<weight_names>`` layout.
"""
from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers as L  # noqa: E402

KEEP_ALL = "--all" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "--all"]
OUT = ARGS[0] if ARGS else os.path.join(
    os.path.dirname(__file__), "..", "..", "tests", "fixtures", "keras")
rng = np.random.default_rng(0)


def randomize(model: keras.Model) -> None:
    """Non-trivial weights everywhere (BN statistics included) so that a wrong mapping shows."""
    for w in model.weights:
        shape = tuple(w.shape)
        v = rng.normal(0, 0.4, shape).astype("float32")
        if "variance" in w.path:
            v = rng.uniform(0.5, 1.5, shape).astype("float32")
        w.assign(v)


def mlp():
    return keras.Sequential([keras.Input((6,)), L.Dense(8, activation="relu"), L.Dropout(0.3),
                             L.Dense(5, activation="tanh"), L.Dense(3, activation="softmax")],
                            name="mlp"), [rng.normal(size=(4, 6))]


def cnn2d():
    return keras.Sequential([
        keras.Input((12, 12, 3)),
        L.Conv2D(4, 3, padding="same", activation="relu"),
        L.BatchNormalization(),
        L.MaxPooling2D(2),
        L.DepthwiseConv2D(3, depth_multiplier=2, padding="same"),
        L.SeparableConv2D(5, 3, strides=1, padding="valid", activation="elu"),
        L.Conv2DTranspose(3, 3, strides=2, padding="same"),
        L.AveragePooling2D(2),
        L.ZeroPadding2D(1),
        L.UpSampling2D(2),
        L.Cropping2D(1),
        L.Conv2D(2, 3, strides=2, use_bias=False),
        L.Flatten(),
        L.Dense(4),
    ], name="cnn2d"), [rng.normal(size=(2, 12, 12, 3))]


def conv1d():
    return keras.Sequential([
        keras.Input((10, 4)),
        L.Conv1D(6, 3, padding="causal", dilation_rate=2, activation="relu"),
        L.MaxPooling1D(2),
        L.LayerNormalization(),
        L.Conv1D(4, 2),
        L.AveragePooling1D(2, padding="same"),
        L.Reshape((4, 2)),
        L.Permute((2, 1)),
        L.GlobalMaxPooling1D(),
        L.RepeatVector(2),
        L.GlobalAveragePooling1D(),
        L.Dense(2, activation="sigmoid"),
    ], name="conv1d"), [rng.normal(size=(3, 10, 4))]


def rnn():
    inp = keras.Input((7,), dtype="int32", name="tokens")
    x = L.Embedding(20, 6)(inp)
    x = L.LSTM(5, return_sequences=True)(x)
    x = L.GRU(4, return_sequences=True)(x)
    x = L.SimpleRNN(3, return_sequences=True)(x)
    x = L.TimeDistributed(L.Dense(4, activation="relu"))(x)
    x = L.Bidirectional(L.LSTM(3))(x)
    out = L.Dense(2)(x)
    return keras.Model(inp, out, name="rnn"), [rng.integers(0, 20, size=(3, 7)).astype("int32")]


def rnn_gru_v1():
    return keras.Sequential([keras.Input((5, 3)), L.GRU(4, reset_after=False, return_sequences=True),
                             L.Bidirectional(L.GRU(2), merge_mode="sum")], name="rnn_gru_v1"), \
        [rng.normal(size=(2, 5, 3))]


def merge():
    a = keras.Input((4,), name="a")
    b = keras.Input((4,), name="b")
    c = keras.Input((3, 4), name="c")
    da = L.Dense(4)(a)
    db = L.Dense(4, activation="swish")(b)
    added = L.Add()([da, db])
    sub = L.Subtract()([da, db])
    mul = L.Multiply()([added, sub])
    avg = L.Average()([da, db, mul])
    mx = L.Maximum()([avg, da])
    mn = L.Minimum()([mx, db])
    dot = L.Dot(axes=1)([mn, da])
    cat = L.Concatenate()([mn, dot, L.LeakyReLU(negative_slope=0.2)(sub)])
    act = L.Activation("gelu")(cat)
    r = L.ReLU(max_value=1.0)(act)
    p = L.PReLU()(L.Dense(3)(r))
    e = L.ELU(alpha=0.5)(p)
    s1 = L.Softmax()(e)
    cf = L.Flatten()(L.Dense(2, activation="softplus")(c))
    out2 = L.Concatenate(axis=-1)([s1, cf])
    return keras.Model([a, b, c], [s1, out2], name="merge"), \
        [rng.normal(size=(2, 4)), rng.normal(size=(2, 4)), rng.normal(size=(2, 3, 4))]


def nested():
    inner = keras.Sequential([keras.Input((5,)), L.Dense(6, activation="relu"), L.Dense(5)],
                             name="inner_seq")
    i2 = keras.Input((5,))
    f = keras.Model(i2, L.Dense(5, activation="tanh")(i2), name="inner_fn")
    shared = L.Dense(5, name="shared")
    inp = keras.Input((5,))
    h = inner(inp)
    h = shared(h)
    h2 = f(h)
    h3 = shared(h2)
    out = L.Add()([h, h3])
    return keras.Model(inp, out, name="nested"), [rng.normal(size=(3, 5))]


# Only these keep their legacy .h5 / .weights.h5 copies in the repo (HDF5 files carry ~1 KB per
# group, and the committed fixtures must stay under 500 KB); ``--all`` keeps every file.
KEEP_H5 = {"mlp", "nested", "rnn_gru_v1"}
KEEP_WEIGHTS = {"nested"}
ZOO = [mlp, cnn2d, conv1d, rnn, rnn_gru_v1, merge, nested]


def as_list(y):
    return list(y) if isinstance(y, (list, tuple)) else [y]


def keras2_config(model: keras.Model) -> dict:
    """A Keras 2.x ``model_config`` for a Sequential of plain layers (dtype strings,
    ``batch_input_shape``, no ``module``/``registered_name``)."""
    def strip(obj):
        if isinstance(obj, dict):
            if obj.get("class_name") == "DTypePolicy":
                return obj["config"]["name"]
            return {k: strip(v) for k, v in obj.items()
                    if k not in ("module", "registered_name", "build_config", "compile_config")}
        if isinstance(obj, list):
            return [strip(v) for v in obj]
        return obj

    layers = [{"class_name": "InputLayer", "config": {
        "batch_input_shape": [None, *model.inputs[0].shape[1:]], "dtype": "float32",
        "sparse": False, "ragged": False, "name": model.layers[0].name + "_input"}}]
    for layer in model.layers:
        cfg = strip(layer.get_config())
        cfg.pop("quantization_config", None)
        cfg.pop("lora_rank", None)
        cfg.pop("lora_alpha", None)
        cfg.pop("seed", None) if layer.__class__.__name__ == "Dropout" else None
        layers.append({"class_name": layer.__class__.__name__, "config": cfg})
    return {"class_name": "Sequential", "config": {"name": model.name, "layers": layers}}


def write_keras2_h5(model: keras.Model, path: str) -> None:
    """Keras 2 layout: attrs keras_version/backend/model_config; model_weights with layer_names,
    each layer group with weight_names ``<layer>/<var>:0`` and datasets at those paths."""
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = b"2.13.1"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(keras2_config(model)).encode()
        g = f.create_group("model_weights")
        g.attrs["keras_version"] = b"2.13.1"
        g.attrs["backend"] = b"tensorflow"
        g.attrs["layer_names"] = np.array([l.name.encode() for l in model.layers])
        for layer in model.layers:
            lg = g.create_group(layer.name)
            names = [f"{layer.name}/{w.name}:0".encode() for w in layer.weights]
            lg.attrs["weight_names"] = np.array(names)
            for n, w in zip(names, layer.weights):
                lg.create_dataset(n.decode(), data=keras.ops.convert_to_numpy(w))


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    for make in ZOO:
        model, xs = make()
        xs = [x.astype("float32") if x.dtype.kind == "f" else x for x in xs]
        randomize(model)
        ys = as_list(model.predict(xs if len(xs) > 1 else xs[0], verbose=0))
        name = model.name
        base = os.path.join(OUT, name)
        model.save(base + ".keras")
        model.save(base + ".h5")  # legacy HDF5 (Keras 3 writes a Keras 3 config in it)
        model.save_weights(base + ".weights.h5")
        np.savez(base + ".inputs.npz", *xs)
        np.savez(base + ".expected.npz", *[np.asarray(y, "float32") for y in ys])
        if name in ("mlp", "conv1d"):
            write_keras2_h5(model, base + ".keras2.h5")
            # check: Keras reads the hand-written Keras 2 file back with equal predictions
            back = keras.models.load_model(base + ".keras2.h5", compile=False)
            got = back.predict(xs[0], verbose=0)
            assert np.allclose(got, ys[0], atol=1e-6), name
        if not KEEP_ALL:
            if name not in KEEP_H5:
                os.remove(base + ".h5")
            if name not in KEEP_WEIGHTS:
                os.remove(base + ".weights.h5")
        print(name, [y.shape for y in ys])
    with open(os.path.join(OUT, "VERSIONS.json"), "w") as f:
        json.dump({"keras": keras.__version__, "backend": keras.backend.backend(),
                   "numpy": np.__version__, "h5py": h5py.__version__}, f, indent=1)


if __name__ == "__main__":
    main()
