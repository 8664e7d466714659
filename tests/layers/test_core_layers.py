import pytest

from tests.layers.layer_test import run_layer_test


@pytest.mark.parametrize("factory,kwargs,shape,expected", [
    ("dense", {"units": 3}, (2, 4), (2, 3)),
    ("dense", {"units": 2, "activation": "relu", "use_bias": False}, (2, 5, 4), (2, 5, 2)),
    ("activation", {"activation": "tanh"}, (2, 3), (2, 3)),
    ("dropout", {"rate": 0.5}, (2, 3), (2, 3)),
    ("flatten", {}, (2, 3, 4), (2, 12)),
    ("reshape", {"target_shape": [2, -1]}, (2, 3, 4), (2, 2, 6)),
    ("permute", {"dims": [2, 1]}, (2, 3, 4), (2, 4, 3)),
    ("repeat_vector", {"n": 3}, (2, 4), (2, 3, 4)),
    ("masking", {"mask_value": 0.0}, (2, 3, 4), (2, 3, 4)),
    ("spatial_dropout1d", {"rate": 0.3}, (2, 3, 4), (2, 3, 4)),
])
def test_core_layers(tf, factory, kwargs, shape, expected):
    run_layer_test(tf, factory, kwargs, shape, expected_output_shape=expected)


def test_embedding(tf):
    run_layer_test(tf, "embedding", {"input_dim": 5, "output_dim": 3}, (2, 4), input_dtype="int32",
                   expected_output_shape=(2, 4, 3), trains=False)


def test_activity_regularizer_adds_to_the_training_loss(tf):
    with tf.tidy():
        x = tf.ones([4, 2])
        y = tf.zeros([4, 1])
        plain = tf.sequential([tf.layers.dense(units=1, input_shape=[2], kernel_initializer="ones")])
        reg = tf.sequential([tf.layers.dense(units=1, input_shape=[2], kernel_initializer="ones",
                                             activity_regularizer={"class_name": "L1L2",
                                                                   "config": {"l1": 0.0, "l2": 0.5}})])
        for m in (plain, reg):
            m.compile(optimizer=tf.train.sgd(0.0), loss="mean_squared_error")
        base = plain.train_on_batch(x, y)
        with_reg = reg.train_on_batch(x, y)
        # outputs are all 2.0: mse 4; activity l2 = 0.5 * sum(2^2 * 4) / batch 4 = 2
        assert abs(base - 4.0) < 1e-6 and abs(with_reg - 6.0) < 1e-6
        # inference has no activity loss
        assert abs(reg.evaluate(x, y).item() - 4.0) < 1e-6
        for m in (plain, reg):
            m.dispose()


def test_eager_layer_calls_free_their_temporaries(tf):
    with tf.tidy():
        layer = tf.layers.dense(units=2, activation="tanh")
        x = tf.ones([2, 3, 4])
        layer.apply(x)  # builds
        n = tf.memory().num_tensors
        out = layer.apply(x)
        assert tf.memory().num_tensors == n + 1
        out.dispose()
        layer.dispose()


def test_sequential_with_explicit_input_layer_round_trips(tf):
    import json
    from pytfjs.layers import InputLayer, Sequential
    with tf.tidy():
        m = tf.sequential([InputLayer(batch_input_shape=[None, 3]), tf.layers.dense(units=2)])
        cfg = json.loads(json.dumps(m.get_config()))
        assert cfg["layers"][0]["class_name"] == "InputLayer"
        m2 = Sequential.from_config(cfg)
        assert m2.built and len(m2.weights) == 2
        m2.set_weights(m.get_weights())
        x = tf.ones([1, 3])
        assert m2.predict(x).to_list() == m.predict(x).to_list()
        m.dispose()
        m2.dispose()
