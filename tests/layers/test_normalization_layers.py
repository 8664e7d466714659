"""Normalization layers: BatchNormalization, LayerNormalization (run_layer_test + numbers
from TF.js 4.22 with the same weights and inputs)."""
import pytest

from tests.helpers import assert_nested_close, oracle_seq as _seq
from tests.layers.layer_test import run_layer_test

# Computed by TF.js 4.22 (tools/oracle, node) with the inputs of ``_seq`` and the weights below.
ORACLE = {'bn4_infer_ok': [[[[0.236364, 1.068182], [-0.895454, -1.222727]],
                   [[0.261111, 0.177778], [-0.633333, -0.344444]],
                   [[1.668371, 0.455176], [-1.110691, 0.511604]]],
                  [[[1.136364, -0.718182], [-1.345455, 0.672727]],
                   [[0.244444, -0.588889], [-0.416667, 0.372222]],
                   [[0.652673, -1.096584], [0.3, 1.696584]]]],
 'bn4_mm': [0.114375, -0.024375, 0.03],
 'bn4_mv': [0.849431, 0.649205, 1.248087],
 'bn4_train_ok': [[[[0.670376, 1.953066], [-1.074922, -1.579587]],
                   [[0.275962, 0.170777], [-0.853024, -0.488382]],
                   [[2.858121, 0.440556], [-2.679789, 0.553001]]],
                  [[[2.058204, -0.801562], [-1.768836, 1.343263]],
                   [[0.254925, -0.796925], [-0.579543, 0.416209]],
                   [[0.834113, -2.651678], [0.131333, 2.914343]]]],
 'bn_infer': [[0.236874, 0.364255, -0.449346], [-1.227674, 0.263694, 1.120039],
              [-1.378235, -0.345254, 1.671444], [-0.023186, -0.702801, 0.512079]],
 'bn_mm': [0.149, -0.083, 0.02925],
 'bn_mv': [1.107125, 0.781775, 1.830962],
 'bn_train': [[1.853627, 0.333939, -2.651563], [-1.222407, 0.219524, 1.331701],
              [-1.538635, -0.473326, 2.731227], [1.307415, -0.880137, -0.211365]],
 'ln': [[[0.481575, 2.88492, -0.178913, -1.774312], [1.069262, 1.788309, -0.473448, -0.949782],
         [1.30149, 0.24976, -0.554151, 0.097898]],
        [[1.19093, -1.199197, -0.436065, 0.996197], [0.827369, -2.281208, -0.186778, 1.605187],
         [0.264434, -2.868711, 0.155928, 1.8621]]],
 'ln12': [[[0.564882, 2.57378, -0.427782, -0.3408], [1.868261, 1.352423, -0.24486, -0.387879],
           [2.829926, 0.160541, -0.1, 0.236927]],
          [[1.590036, -1.142517, -0.649971, 0.09287], [1.53856, -1.820173, -0.180157, 0.705958],
           [0.562681, -1.594718, -0.1, 1.441856]]]}


def _close(actual, expected, tol=1e-4):
    assert_nested_close(actual, expected, tol)


BN_WEIGHTS = [[1.5, 0.5, 2.0], [0.1, -0.2, 0.3], [0.2, -0.1, 0.0], [1.2, 0.8, 2.0]]


@pytest.mark.parametrize("kwargs,shape", [
    ({}, (4, 3)),
    ({"axis": 1, "momentum": 0.5}, (2, 3, 4, 4)),
    ({"center": False, "scale": False}, (3, 5)),
    ({"center": False}, (2, 3, 4)),
    ({"epsilon": 0.01}, (2, 2, 2, 2, 3)),
])
def test_batch_normalization_layer(tf, kwargs, shape):
    run_layer_test(tf, "batch_normalization", kwargs, shape, expected_output_shape=shape)


@pytest.mark.parametrize("kwargs,shape", [
    ({}, (2, 3, 4)),
    ({"axis": [1, 2]}, (2, 3, 4)),
    ({"axis": -2, "center": False}, (2, 3, 4)),
    ({"scale": False, "epsilon": 0.1}, (3, 5)),
])
def test_layer_normalization_layer(tf, kwargs, shape):
    run_layer_test(tf, "layer_normalization", kwargs, shape, expected_output_shape=shape)


def test_batch_normalization_defaults_and_weights(tf):
    with tf.tidy():
        bn = tf.layers.batch_normalization()
        config = bn.get_config()
        assert list(config)[:13] == [
            "axis", "momentum", "epsilon", "center", "scale", "beta_initializer",
            "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
            "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"]
        assert (config["axis"], config["momentum"], config["epsilon"]) == (-1, 0.99, 1e-3)
        assert config["center"] is True and config["scale"] is True
        assert config["beta_initializer"] == {"class_name": "Zeros", "config": {}}
        assert config["moving_variance_initializer"] == {"class_name": "Ones", "config": {}}
        bn.apply(tf.ones([2, 3]))
        names = [w.name.split("/")[-1] for w in bn.weights]
        assert names == ["gamma", "beta", "moving_mean", "moving_variance"]
        assert [w.trainable for w in bn.weights] == [True, True, False, False]
        assert [w.name.split("/")[-1] for w in bn.non_trainable_weights] == ["moving_mean", "moving_variance"]
        bn.dispose()


def test_batch_normalization_matches_tfjs(tf):
    with tf.tidy():
        x = tf.tensor(_seq(12), [4, 3])
        bn = tf.layers.batch_normalization(momentum=0.9)
        bn.apply(x)
        bn.set_weights([tf.tensor(w) for w in BN_WEIGHTS])
        _close(bn.apply(x).to_list(), ORACLE["bn_infer"])
        _close(bn.apply(x, training=True).to_list(), ORACLE["bn_train"])
        _close(bn.get_weights()[2].to_list(), ORACLE["bn_mm"])
        _close(bn.get_weights()[3].to_list(), ORACLE["bn_mv"])
        bn.dispose()

        x4 = tf.tensor(_seq(24), [2, 3, 2, 2])
        bn4 = tf.layers.batch_normalization(axis=1, momentum=0.5, epsilon=0.01)
        bn4.apply(x4)
        bn4.set_weights([tf.tensor(w) for w in BN_WEIGHTS])
        # TF.js's CPU kernel broadcasts non-last-axis parameters wrongly (flat index modulo the
        # length); these references are TF.js run channels-last on the transposed input.
        _close(bn4.apply(x4).to_list(), ORACLE["bn4_infer_ok"])
        _close(bn4.apply(x4, training=True).to_list(), ORACLE["bn4_train_ok"])
        _close(bn4.get_weights()[2].to_list(), ORACLE["bn4_mm"])
        _close(bn4.get_weights()[3].to_list(), ORACLE["bn4_mv"])
        bn4.dispose()


def test_batch_normalization_fit_updates_moving_statistics(tf):
    with tf.tidy():
        model = tf.sequential()
        model.add(tf.layers.batch_normalization(input_shape=[2], momentum=0.5))
        model.add(tf.layers.dense(units=1))
        model.compile(optimizer=tf.train.sgd(0.01), loss="mean_squared_error")
        x = tf.tensor([[1.0, 10.0], [3.0, 30.0]])
        y = tf.tensor([[0.0], [1.0]])
        bn = model.layers[0]
        model.fit(x, y, epochs=1, batch_size=2, verbose=0)
        # one step from (0, 1): mean -> 0.5 * batch mean, variance -> 0.5 + 0.5 * batch variance
        _close(bn.get_weights()[2].to_list(), [1.0, 10.0])
        _close(bn.get_weights()[3].to_list(), [1.0, 50.5])
        model.fit(x, y, epochs=1, batch_size=2, verbose=0)
        _close(bn.get_weights()[2].to_list(), [1.5, 15.0])
        # predict uses the moving statistics and changes nothing
        model.predict(x)
        _close(bn.get_weights()[2].to_list(), [1.5, 15.0])
        model.optimizer.dispose()
        model.dispose()


def test_batch_normalization_errors(tf):
    with tf.tidy():
        bn = tf.layers.batch_normalization(axis=1)
        with pytest.raises(ValueError, match="defined dimension"):
            bn.apply(tf.input(shape=[None, 3]))
        with pytest.raises(ValueError):
            tf.layers.batch_normalization(axis=[1, 2])


def test_layer_normalization_matches_tfjs(tf):
    with tf.tidy():
        x = tf.tensor(_seq(24), [2, 3, 4])
        ln = tf.layers.layer_normalization()
        ln.apply(x)
        ln.set_weights([tf.tensor([1.0, 2.0, 0.5, 1.5]), tf.tensor([0.0, 0.1, 0.2, -0.1])])
        _close(ln.apply(x).to_list(), ORACLE["ln"])
        assert ln.get_config()["axis"] == [2]
        ln.dispose()

        ln2 = tf.layers.layer_normalization(axis=[1, 2], epsilon=0.01)
        ln2.apply(x)
        ln2.set_weights([tf.tensor([v + 1 for v in _seq(12)], [3, 4]),
                         tf.tensor([v * 0.1 for v in _seq(12)], [3, 4])])
        _close(ln2.apply(x).to_list(), ORACLE["ln12"])
        ln2.dispose()


def test_layer_normalization_config(tf):
    with tf.tidy():
        ln = tf.layers.layer_normalization()
        config = ln.get_config()
        assert list(config)[:8] == ["axis", "epsilon", "center", "scale", "beta_initializer",
                                   "gamma_initializer", "beta_regularizer", "gamma_regularizer"]
        assert (config["axis"], config["epsilon"]) == (-1, 1e-3)
        with pytest.raises(ValueError):
            tf.layers.layer_normalization(axis=1.5)
        with pytest.raises(ValueError, match="duplicate"):
            tf.layers.layer_normalization(axis=[1, -1]).apply(tf.ones([2, 3]))
