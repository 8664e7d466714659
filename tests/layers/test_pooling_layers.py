"""Pooling layers: run_layer_test for every main configuration, numbers against TF.js 4.22
(tools/oracle, same inputs), TF.js config keys/defaults, aliases, masking and argument checks."""
from __future__ import annotations

import json
import math

import pytest

from pytfjs.layers.serialization import LAYER_CLASSES
from tests.layers.layer_test import run_layer_test


def fill(n: int, seed: int) -> list[float]:
    """The deterministic values the oracle used (exact in float32)."""
    return [(((i * 7 + seed * 3) % 11) - 5) / 4 for i in range(n)]


def _size(shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


# TF.js 4.22 model.json configs of each layer built with defaults (name and
# batch_input_shape removed), from tools/oracle: tf.sequential({layers: [...]}).toJSON().
TFJS_DEFAULT_CONFIGS = {
    'MaxPooling1D': (
        '{"pool_size": [2], "padding": "valid", "strides": [2], "trainable": true, "dtype": "'
        'float32"}'),
    'MaxPooling2D': (
        '{"pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channel'
        's_last", "trainable": true, "dtype": "float32"}'),
    'MaxPooling3D': (
        '{"pool_size": [2, 2, 2], "padding": "valid", "strides": [2, 2, 2], "data_format": "c'
        'hannels_last", "trainable": true, "dtype": "float32"}'),
    'AveragePooling1D': (
        '{"pool_size": [2], "padding": "valid", "strides": [2], "trainable": true, "dtype": "'
        'float32"}'),
    'AveragePooling2D': (
        '{"pool_size": [2, 2], "padding": "valid", "strides": [2, 2], "data_format": "channel'
        's_last", "trainable": true, "dtype": "float32"}'),
    'AveragePooling3D': (
        '{"pool_size": [2, 2, 2], "padding": "valid", "strides": [2, 2, 2], "data_format": "c'
        'hannels_last", "trainable": true, "dtype": "float32"}'),
    'GlobalAveragePooling1D': '{"trainable": true, "dtype": "float32"}',
    'GlobalAveragePooling2D': (
        '{"data_format": "channels_last", "trainable": true, "dtype": "float32"}'),
    'GlobalMaxPooling1D': '{"trainable": true, "dtype": "float32"}',
    'GlobalMaxPooling2D': (
        '{"data_format": "channels_last", "trainable": true, "dtype": "float32"}'),
}


# From TF.js 4.22 (tools/oracle): name, factory, input shape, output shape, kwargs, values.
# Inputs and weights are fill(n, seed) below; weight j uses seed j + 1, the input seed 0.
ORACLE_CASES = [
    ('max_pooling1d', 'max_pooling1d', (2, 5, 2), (2, 2, 2),
     {},
     [-0.5, 1.25, 1, 0, 0.5, -0.5, 1.25, 1]),
    ('max_pooling1d_same_s1', 'max_pooling1d', (1, 4, 2), (1, 4, 2),
     {'padding': 'same', 'pool_size': 3, 'strides': 1},
     [-0.5, 1.25, 0.25, 1.25, 1, 1.25, 1, 0]),
    ('average_pooling1d_same_s2', 'average_pooling1d', (1, 5, 2), (1, 3, 2),
     {'padding': 'same', 'pool_size': 3, 'strides': 2},
     [-0.875, 0.875, 0.25, 0.166667, 0, 0.375]),
    ('max_pooling2d', 'max_pooling2d', (1, 4, 5, 2), (1, 2, 2, 2),
     {},
     [0.5, 1.25, 1.25, 1, 0.75, 0.75, 1.25, 1.25]),
    ('max_pooling2d_cf_same', 'max_pooling2d', (1, 2, 3, 4), (1, 2, 3, 2),
     {'data_format': 'channels_first', 'padding': 'same', 'pool_size': [2, 3], 'strides': [1, 2]},
     [1, 1.25, 1, 1, 0.75, -0.25, 1.25, 1.25, 1, 0.5, 0.75, 0.5]),
    ('average_pooling2d_same', 'average_pooling2d', (1, 4, 4, 2), (1, 2, 2, 2),
     {'padding': 'same', 'pool_size': 3, 'strides': 2},
     [-0.25, -0.027778, 0.416667, -0.125, 0.125, 0.041667, -0.125, 0.25]),
    ('average_pooling2d_cf', 'average_pooling2d', (1, 2, 4, 4), (1, 2, 2, 2),
     {'data_format': 'channels_first'},
     [-0.3125, 0.4375, -0.0625, 0, 0.1875, -0.4375, 0.4375, -0.1875]),
    ('max_pooling3d', 'max_pooling3d', (1, 4, 4, 4, 1), (1, 2, 2, 2, 1),
     {},
     [1, 1.25, 1.25, 1.25, 1.25, 1, 1, 1.25]),
    ('max_pooling3d_cf_same', 'max_pooling3d', (1, 2, 2, 3, 2), (1, 2, 2, 3, 2),
     {'data_format': 'channels_first', 'padding': 'same', 'pool_size': 2, 'strides': 1},
     [1.25, 1.25, 1.25, 1.25, 0.25, -0.75, 1, 0.75, 0.75, 0.75, -0.25, -1.25, 1.25, 0.25, 1.25, 1,
      1, 1, 0.75, -0.25, 0.75, 0.5, 0.5, 0.5]),
    ('average_pooling3d_same', 'average_pooling3d', (1, 3, 3, 3, 2), (1, 2, 2, 2, 2),
     {'padding': 'same', 'pool_size': 2, 'strides': 2},
     [-0.15625, 0.21875, -0.0625, -0.375, 0.125, -0.1875, -0.125, 0.25, 0, 0.375, -0.25, 0.125,
      0.625, -0.375, -1, 0.75]),
    ('global_average_pooling1d', 'global_average_pooling1d', (2, 3, 4), (2, 4),
     {},
     [-0.666667, 0.166667, 0.083333, 0, 0.166667, 0.083333, 0, -0.083333]),
    ('global_max_pooling1d', 'global_max_pooling1d', (2, 3, 4), (2, 4),
     {},
     [0.25, 0.75, 1, 1.25, 0.75, 1, 1.25, 0.5]),
    ('global_average_pooling2d', 'global_average_pooling2d', (2, 2, 3, 2), (2, 2),
     {},
     [-0.291667, 0.083333, 0.083333, 0]),
    ('global_average_pooling2d_cf', 'global_average_pooling2d', (2, 2, 3, 2), (2, 2),
     {'data_format': 'channels_first'},
     [-0.083333, -0.125, 0.291667, -0.208333]),
    ('global_max_pooling2d', 'global_max_pooling2d', (2, 2, 3, 2), (2, 2),
     {},
     [1, 1.25, 1.25, 1]),
    ('global_max_pooling2d_cf', 'global_max_pooling2d', (2, 2, 3, 2), (2, 2),
     {'data_format': 'channels_first'},
     [1.25, 1, 1.25, 0.75]),
]


@pytest.mark.parametrize("name,factory,in_shape,out_shape,kwargs,expected", ORACLE_CASES,
                         ids=[c[0] for c in ORACLE_CASES])
def test_matches_tfjs(tf, name, factory, in_shape, out_shape, kwargs, expected):
    with tf.tidy():
        layer = getattr(tf.layers, factory)(**kwargs)
        y = layer.apply(tf.tensor(fill(_size(in_shape), 0), list(in_shape)))
        assert tuple(y.shape) == tuple(out_shape)
        assert tuple(layer.compute_output_shape(tuple(in_shape))) == tuple(out_shape)
        got = y.data_sync().tolist()
    assert len(got) == len(expected)
    for i, (a, b) in enumerate(zip(got, expected)):
        assert math.isclose(a, b, rel_tol=1e-5, abs_tol=2e-6), f"{name} element {i}: {a} != {b}"


@pytest.mark.parametrize("factory,kwargs,shape,expected", [
    ("max_pooling1d", {}, (2, 5, 3), (2, 2, 3)),
    ("max_pooling1d", {"pool_size": 3, "strides": 1, "padding": "same"}, (2, 4, 3), (2, 4, 3)),
    ("max_pooling1d", {"pool_size": [2], "data_format": "channels_first"}, (2, 3, 4), (2, 3, 2)),
    ("average_pooling1d", {}, (2, 5, 3), (2, 2, 3)),
    ("average_pooling1d", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 5, 3),
     (2, 3, 3)),
    ("max_pooling2d", {}, (2, 4, 5, 2), (2, 2, 2, 2)),
    ("max_pooling2d", {"pool_size": [2, 3], "strides": [1, 2], "padding": "same",
                       "data_format": "channels_first"}, (2, 2, 3, 4), (2, 2, 3, 2)),
    ("average_pooling2d", {"pool_size": 3, "strides": 2, "padding": "same"}, (2, 4, 4, 2),
     (2, 2, 2, 2)),
    ("average_pooling2d", {"data_format": "channels_first"}, (2, 2, 4, 4), (2, 2, 2, 2)),
    ("max_pooling3d", {}, (1, 4, 4, 4, 2), (1, 2, 2, 2, 2)),
    ("max_pooling3d", {"pool_size": 2, "strides": 1, "padding": "same",
                       "data_format": "channels_first"}, (1, 2, 2, 3, 2), (1, 2, 2, 3, 2)),
    ("average_pooling3d", {}, (1, 4, 4, 4, 2), (1, 2, 2, 2, 2)),
    ("average_pooling3d", {"pool_size": [1, 2, 2], "strides": [1, 1, 2], "padding": "same",
                           "data_format": "channels_first"}, (1, 2, 2, 3, 4), (1, 2, 2, 3, 2)),
    ("global_average_pooling1d", {}, (2, 3, 4), (2, 4)),
    ("global_max_pooling1d", {}, (2, 3, 4), (2, 4)),
    ("global_max_pooling1d", {"data_format": "channels_first"}, (2, 3, 4), (2, 3)),
    ("global_average_pooling2d", {}, (2, 2, 3, 2), (2, 2)),
    ("global_average_pooling2d", {"data_format": "channels_first", "keepdims": True},
     (2, 2, 3, 4), (2, 2, 1, 1)),
    ("global_max_pooling2d", {}, (2, 2, 3, 2), (2, 2)),
    ("global_max_pooling2d", {"data_format": "channels_first"}, (2, 2, 3, 4), (2, 2)),
])
def test_run_layer_test(tf, factory, kwargs, shape, expected):
    run_layer_test(tf, factory, kwargs, shape, expected_output_shape=expected)


_DEFAULT_ARGS = {
    "MaxPooling1D": "max_pooling1d", "MaxPooling2D": "max_pooling2d",
    "MaxPooling3D": "max_pooling3d", "AveragePooling1D": "average_pooling1d",
    "AveragePooling2D": "average_pooling2d", "AveragePooling3D": "average_pooling3d",
    "GlobalAveragePooling1D": "global_average_pooling1d",
    "GlobalAveragePooling2D": "global_average_pooling2d",
    "GlobalMaxPooling1D": "global_max_pooling1d", "GlobalMaxPooling2D": "global_max_pooling2d",
}


@pytest.mark.parametrize("class_name", list(_DEFAULT_ARGS))
def test_default_config_matches_tfjs(tf, class_name):
    layer = getattr(tf.layers, _DEFAULT_ARGS[class_name])()
    assert layer.class_name == class_name and LAYER_CLASSES[class_name] is type(layer)
    config = layer.get_config()
    del config["name"]
    want = json.loads(TFJS_DEFAULT_CONFIGS[class_name])
    # TF.js's getConfig() writes "dtype" only for a layer given a dtype or an input shape
    # (checked with TF.js 4.22: tf.layers.globalMaxPooling1d({}).getConfig() has no dtype).
    want.pop("dtype", None)
    assert list(config) == list(want), f"{class_name}: keys/order differ from TF.js"
    assert config == want


def test_tfjs_aliases(tf):
    pairs = {"max_pool1d": "MaxPooling1D", "max_pool2d": "MaxPooling2D",
             "avg_pool1d": "AveragePooling1D", "avg_pooling1d": "AveragePooling1D",
             "avg_pool2d": "AveragePooling2D", "avg_pooling2d": "AveragePooling2D",
             "avg_pool3d": "AveragePooling3D", "avg_pooling3d": "AveragePooling3D",
             "global_max_pool1d": "GlobalMaxPooling1D", "global_max_pool2d": "GlobalMaxPooling2D"}
    for alias, cls in pairs.items():
        assert getattr(tf.layers, alias)().class_name == cls


def test_strides_default_to_pool_size(tf):
    layer = tf.layers.max_pooling2d(pool_size=[3, 2])
    assert layer.strides == [3, 2]
    assert tf.layers.average_pooling1d(pool_size=3).get_config()["strides"] == [3]
    assert tf.layers.max_pooling3d(pool_size=2, strides=1).get_config()["strides"] == [1, 1, 1]
    # 1-D pooling writes data_format only when it is not the default (TF.js has none).
    cfg = tf.layers.max_pooling1d(data_format="channels_first").get_config()
    assert cfg["data_format"] == "channels_first"


def test_symbolic_unknown_dims(tf):
    for factory, kwargs, shape, want in [
        ("max_pooling2d", {}, [None, 5, 3], (None, None, 2, 3)),
        ("average_pooling1d", {"padding": "same"}, [None, 3], (None, None, 3)),
        ("max_pooling3d", {"data_format": "channels_first"}, [2, None, 4, 6],
         (None, 2, None, 2, 3)),
        ("global_average_pooling2d", {}, [None, None, 5], (None, 5)),
    ]:
        out = getattr(tf.layers, factory)(**kwargs).apply(tf.input(shape=shape))
        assert out.shape == want, (factory, out.shape)


def test_global_average_pooling1d_mask(tf):
    """Masked steps are left out of the average (Keras semantics; TF.js rejects masks)."""
    with tf.tidy():
        inp = tf.input(shape=[3], dtype="int32")
        emb = tf.layers.embedding(input_dim=4, output_dim=2, mask_zero=True,
                                  embeddings_initializer="ones")
        pooled = tf.layers.global_average_pooling1d().apply(emb.apply(inp))
        model = tf.model(inputs=inp, outputs=pooled)
        emb.set_weights([tf.tensor([[9, 9], [1, 2], [3, 4], [5, 6]])])
        y = model.predict(tf.tensor([[1, 2, 0], [3, 0, 0]], None, "int32"))
        assert y.to_list() == [[2.0, 3.0], [5.0, 6.0]]
        x = tf.tensor([[[1.0], [2.0], [6.0]]])
        direct = tf.layers.global_average_pooling1d().apply(x, mask=tf.tensor([[True, True, False]]))
        assert direct.to_list() == [[1.5]]
        emb.dispose()


@pytest.mark.parametrize("factory,kwargs,shape", [
    ("max_pooling2d", {"pool_size": [2, 2, 2]}, None),
    ("max_pooling2d", {"strides": 0}, None),
    ("max_pooling2d", {"padding": "causal"}, None),
    ("average_pooling2d", {"data_format": "NCHW"}, None),
    ("max_pooling1d", {}, (2, 4, 4, 1)),
    ("global_max_pooling2d", {}, (2, 4, 4)),
])
def test_bad_arguments(tf, factory, kwargs, shape):
    from pytfjs.layers import LayerError
    with pytest.raises(LayerError):
        layer = getattr(tf.layers, factory)(**kwargs)
        with tf.tidy():
            layer.apply(tf.ones(list(shape)))


@pytest.mark.parametrize("factory,kwargs,shape", [
    ("max_pooling1d", {}, (1, 4, 2)),
    ("average_pooling2d", {"data_format": "channels_first"}, (1, 2, 4, 4)),
    ("max_pooling3d", {"data_format": "channels_first"}, (1, 2, 2, 2, 2)),
])
def test_eager_call_leaves_only_the_output(tf, factory, kwargs, shape):
    layer = getattr(tf.layers, factory)(**kwargs)
    x = tf.ones(list(shape))
    before = tf.memory()["num_tensors"]
    y = layer.apply(x)
    assert tf.memory()["num_tensors"] == before + 1
    tf.dispose([x, y])


@pytest.mark.parametrize("class_name", list(_DEFAULT_ARGS))
def test_from_tfjs_config_round_trip(tf, class_name):
    want = json.loads(TFJS_DEFAULT_CONFIGS[class_name])
    # TF.js's getConfig() writes "dtype" only for a layer given a dtype or an input shape
    # (checked with TF.js 4.22: tf.layers.globalMaxPooling1d({}).getConfig() has no dtype).
    want.pop("dtype", None)
    layer = LAYER_CLASSES[class_name].from_config(dict(want, name="from_tfjs"))
    config = layer.get_config()
    assert config.pop("name") == "from_tfjs"
    assert config == want
