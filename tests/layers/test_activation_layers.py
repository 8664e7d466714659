"""Advanced activation layers: ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax
(run_layer_test + numbers from TF.js 4.22 with the same weights and inputs)."""
import math

import pytest

from tests.helpers import assert_nested_close as _close, oracle_seq as _seq
from tests.layers.layer_test import run_layer_test

# Computed by TF.js 4.22 (tools/oracle, node); ``act_x`` is ``3 * _seq(8)`` as [2, 4].
ORACLE = {'act_x': [[0.9, 2.73, -1.59, -2.31], [2.19, 1.74, -2.64, -1.08]],
 'elu': [[0.9, 2.73, -0.796074, -0.900739], [2.19, 1.74, -0.928639, -0.660405]],
 'leaky': [[0.9, 2.73, -0.477, -0.693], [2.19, 1.74, -0.792, -0.324]],
 'leaky01': [[0.9, 2.73, -0.159, -0.231], [2.19, 1.74, -0.264, -0.108]],
 'prelu': [[0.9, 2.73, -0.477, -0.924], [2.19, 1.74, -0.792, -0.432]],
 'prelu_shared': [[[0.3, 0.91, -0.159, -0.308], [0.73, 0.58, -0.264, -0.144],
                   [0.97, 0.11, -0.3, 0.15]],
                  [[0.96, -0.08, -0.258, 0.62], [0.7, -0.16, -0.147, 0.93],
                   [0.25, -0.198, 0, 0.99]]],
 'relu6': [[0.9, 1.5, 0, 0], [1.5, 1.5, 0, 0]],
 'softmax': [[0.135922, 0.847323, 0.011269, 0.005485], [0.593958, 0.378724, 0.004744, 0.022574]],
 'softmax12': [[[0.089139, 0.164054, 0.038869, 0.030575], [0.137029, 0.117942, 0.027391, 0.046072],
                [0.174199, 0.073714, 0.024293, 0.076723]],
               [[0.158082, 0.040573, 0.025613, 0.112518], [0.121889, 0.027197, 0.037081, 0.15341],
                [0.07772, 0.022491, 0.060528, 0.162896]]],
 'softmax3': [[[0.276282, 0.508478, 0.120473, 0.094767], [0.417221, 0.359105, 0.083397, 0.140277],
               [0.499239, 0.211259, 0.069622, 0.21988]],
              [[0.469383, 0.120472, 0.076052, 0.334093], [0.358944, 0.080091, 0.109198, 0.451767],
               [0.240147, 0.069495, 0.187026, 0.503332]]],
 'softmax_mask': [[0.137471, 0.856981, 0, 0.005548], [0, 0.932722, 0.011683, 0.055596]],
 'thr': [[0.9, 2.73, 0, 0], [2.19, 1.74, 0, 0]]}


@pytest.mark.parametrize("factory,kwargs,shape", [
    ("relu", {}, (2, 3)),
    ("relu", {"max_value": 0.5}, (2, 3, 4)),
    ("relu", {"negative_slope": 0.1, "threshold": 0.2, "max_value": 0.8}, (2, 5)),
    ("leaky_relu", {}, (2, 3)),
    ("leaky_relu", {"alpha": 0.1}, (2, 3, 2)),
    # (with zero alphas the MSE-to-zero gradient of alpha is exactly 0, so start elsewhere)
    ("prelu", {"alpha_initializer": {"class_name": "Constant", "config": {"value": 0.25}}}, (2, 3)),
    ("prelu", {"shared_axes": [1, 2], "alpha_initializer": "random_uniform"}, (2, 3, 4, 2)),
    ("prelu", {"alpha_initializer": "ones", "shared_axes": 1}, (2, 3, 4)),
    ("elu", {}, (2, 3)),
    ("elu", {"alpha": 0.5}, (2, 3)),
    ("thresholded_relu", {}, (2, 3)),
    ("thresholded_relu", {"theta": 0.2}, (2, 3, 4)),
    ("softmax", {}, (2, 5)),
    ("softmax", {"axis": -1}, (2, 3, 4)),
    ("softmax", {"axis": [1, 2]}, (2, 3, 4)),
    ("softmax", {"axis": 1}, (2, 3, 4)),
])
def test_activation_layers(tf, factory, kwargs, shape):
    run_layer_test(tf, factory, kwargs, shape, expected_output_shape=shape)


def test_factory_spellings(tf):
    assert tf.layers.re_lu is tf.layers.relu
    assert tf.layers.leaky_re_lu is tf.layers.leaky_relu
    assert tf.layers.p_re_lu is tf.layers.prelu
    assert tf.layers.thresholded_re_lu is tf.layers.thresholded_relu


def test_configs_match_tfjs(tf):
    # keys and defaults as TF.js 4.22's model.json (snake_case)
    expect = {
        "relu": {"max_value": None}, "leaky_relu": {"alpha": 0.3}, "elu": {"alpha": 1.0},
        "thresholded_relu": {"theta": 1.0}, "softmax": {"axis": 1},
        "prelu": {"alpha_initializer": {"class_name": "Zeros", "config": {}},
                  "alpha_regularizer": None, "alpha_constraint": None, "shared_axes": None},
    }
    for factory, own in expect.items():
        config = getattr(tf.layers, factory)().get_config()
        assert {k: config[k] for k in own} == own
        assert list(config)[:len(own)] == list(own)
        assert list(config)[len(own):len(own) + 2] == ["name", "trainable"]
    name = tf.layers.leaky_relu().name
    assert name.startswith("leaky_re_lu_LeakyReLU")
    assert tf.layers.prelu().name.startswith("p_re_lu_PReLU")


def test_activation_numbers_match_tfjs(tf):
    with tf.tidy():
        x = tf.tensor([3 * v for v in _seq(8)], [2, 4])
        _close(x.to_list(), ORACLE["act_x"])
        _close(tf.layers.relu(max_value=1.5).apply(x).to_list(), ORACLE["relu6"])
        _close(tf.layers.leaky_relu().apply(x).to_list(), ORACLE["leaky"])
        _close(tf.layers.leaky_relu(alpha=0.1).apply(x).to_list(), ORACLE["leaky01"])
        _close(tf.layers.elu().apply(x).to_list(), ORACLE["elu"])
        _close(tf.layers.thresholded_relu(theta=0.5).apply(x).to_list(), ORACLE["thr"])
        _close(tf.layers.softmax().apply(x).to_list(), ORACLE["softmax"])
        mask = tf.tensor([[1, 1, 0, 1], [0, 1, 1, 1]], [2, 4], "bool")
        _close(tf.layers.softmax().apply(x, mask=mask).to_list(), ORACLE["softmax_mask"])
        p = tf.layers.prelu()
        p.apply(x)
        p.set_weights([tf.tensor([0.1, 0.2, 0.3, 0.4])])
        _close(p.apply(x).to_list(), ORACLE["prelu"])
        p.dispose()
        x3 = tf.tensor(_seq(24), [2, 3, 4])
        p2 = tf.layers.prelu(shared_axes=[1])
        p2.apply(x3)
        assert p2.get_weights()[0].shape == (1, 4)
        p2.set_weights([tf.tensor([[0.1, 0.2, 0.3, 0.4]])])
        _close(p2.apply(x3).to_list(), ORACLE["prelu_shared"])
        p2.dispose()
        _close(tf.layers.softmax(axis=-1).apply(x3).to_list(), ORACLE["softmax3"])
        _close(tf.layers.softmax(axis=[1, 2]).apply(x3).to_list(), ORACLE["softmax12"])


def test_keras_extensions(tf):
    with tf.tidy():
        x = tf.tensor([-2.0, -0.5, 0.5, 2.0])
        # ELU with alpha != 1 (TF.js rejects it): alpha * (exp(x) - 1) below zero
        out = tf.layers.elu(alpha=0.5).apply(x).to_list()
        _close(out, [0.5 * (math.exp(-2) - 1), 0.5 * (math.exp(-0.5) - 1), 0.5, 2.0])
        # Keras ReLU: threshold and negative_slope
        out = tf.layers.relu(negative_slope=0.1, threshold=0.5, max_value=1.0).apply(x).to_list()
        _close(out, [-0.25, -0.1, 0.5, 1.0])
        assert tf.layers.leaky_relu(negative_slope=0.2).alpha == 0.2
        # softmax over a middle axis (TF.js supports only the last one)
        y = tf.layers.softmax(axis=1).apply(tf.tensor([[[0.0], [1.0]]])).to_list()
        _close(y, [[[1 / (1 + math.e)], [math.e / (1 + math.e)]]])
