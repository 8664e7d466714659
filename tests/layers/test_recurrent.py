"""Recurrent layers and wrappers: ``run_layer_test`` for each main configuration, numbers
against TensorFlow.js 4.22 (node oracle, same weights and inputs), masking, states, configs."""
from __future__ import annotations

import json
import math

import pytest

from tests.layers.layer_test import run_layer_test


# --------------------------------------------------------------------------- run_layer_test
@pytest.mark.parametrize("factory,kwargs,shape,expected", [
    ("simple_rnn", {"units": 3}, (2, 4, 5), (2, 3)),
    ("simple_rnn", {"units": 3, "return_sequences": True, "activation": "relu"}, (2, 4, 5), (2, 4, 3)),
    ("simple_rnn", {"units": 2, "go_backwards": True, "use_bias": False}, (2, 3, 4), (2, 2)),
    ("lstm", {"units": 3}, (2, 4, 5), (2, 3)),
    ("lstm", {"units": 3, "return_sequences": True, "unit_forget_bias": True}, (2, 4, 5), (2, 4, 3)),
    ("lstm", {"units": 2, "recurrent_activation": "sigmoid", "implementation": 2, "unroll": True},
     (2, 3, 4), (2, 2)),
    ("gru", {"units": 3}, (2, 4, 5), (2, 3)),
    ("gru", {"units": 3, "return_sequences": True, "go_backwards": True}, (2, 4, 5), (2, 4, 3)),
    ("gru", {"units": 2, "reset_after": True}, (2, 3, 4), (2, 2)),
    ("conv_lstm2d", {"filters": 2, "kernel_size": 3}, (2, 3, 5, 5, 1), (2, 3, 3, 2)),
    ("conv_lstm2d", {"filters": 2, "kernel_size": [2, 2], "padding": "same", "return_sequences": True},
     (1, 2, 4, 4, 2), (1, 2, 4, 4, 2)),
    ("conv_lstm2d", {"filters": 2, "kernel_size": 3, "strides": 2, "data_format": "channels_first"},
     (1, 2, 1, 5, 5), (1, 2, 2, 2)),
])
def test_recurrent_layers(tf, factory, kwargs, shape, expected):
    run_layer_test(tf, factory, kwargs, shape, expected_output_shape=expected)


@pytest.mark.parametrize("kwargs,expected", [
    ({"units": 2, "return_state": True}, (2, 2)),
    ({"units": 2, "return_sequences": True, "return_state": True}, (2, 4, 2)),
])
def test_lstm_return_state(tf, kwargs, expected):
    run_layer_test(tf, "lstm", kwargs, (2, 4, 3), expected_output_shape=expected)


def test_generic_rnn_layer_tests(tf):
    run_layer_test(tf, "rnn", {"cell": {"class_name": "SimpleRNNCell", "config": {"units": 3}}},
                   (2, 4, 5), expected_output_shape=(2, 3))
    run_layer_test(tf, "rnn", {"cell": {"class_name": "StackedRNNCells", "config": {"cells": [
        {"class_name": "LSTMCell", "config": {"units": 2}},
        {"class_name": "GRUCell", "config": {"units": 3}}]}}, "return_sequences": True},
        (2, 4, 5), expected_output_shape=(2, 4, 3))


@pytest.mark.parametrize("merge_mode,expected", [
    ("concat", (2, 4, 6)), ("sum", (2, 4, 3)), ("mul", (2, 4, 3)), ("ave", (2, 4, 3)),
])
def test_bidirectional_layer_tests(tf, merge_mode, expected):
    layer = {"class_name": "LSTM", "config": {"units": 3, "return_sequences": True}}
    run_layer_test(tf, "bidirectional", {"layer": layer, "merge_mode": merge_mode}, (2, 4, 5),
                   expected_output_shape=expected)


def test_bidirectional_merge_none(tf):
    layer = {"class_name": "GRU", "config": {"units": 2}}
    run_layer_test(tf, "bidirectional", {"layer": layer, "merge_mode": None}, (2, 4, 5),
                   expected_output_shape=(2, 2))


def test_time_distributed_layer_tests(tf):
    run_layer_test(tf, "time_distributed", {"layer": {"class_name": "Dense", "config": {"units": 2}}},
                   (2, 4, 5), expected_output_shape=(2, 4, 2))
    run_layer_test(tf, "time_distributed", {"layer": {"class_name": "Dense", "config": {
        "units": 3, "activation": "relu"}}}, (2, 3, 4, 5), expected_output_shape=(2, 3, 4, 3))


# --------------------------------------------------------------------------- TF.js numbers
# Weights and inputs are deterministic formulas (below); the values come from TensorFlow.js
# 4.22 in node, same layers, `layer.setWeights` with the same formula.
EXPECTED = {'simple_rnn_seq': ([[2, 4, 3]],
                    [[0.560587, 0.160789, -0.409154, 0.477112, -0.422154, -0.79021, 0.299292,
                      -0.469053, -0.732156, 0.420222, -0.029352, -0.449443, 0.563989, 0.146505,
                      -0.428066, 0.463309, -0.442034, -0.794779, 0.296316, -0.454749, -0.720061,
                      0.432628, -0.00942, -0.44198]]),
 'lstm_state': ([[2, 3], [2, 3], [2, 3]],
                [[0.170858, 0.080713, -0.104412, 0.169556, 0.078782, -0.100128],
                 [0.170858, 0.080713, -0.104412, 0.169556, 0.078782, -0.100128],
                 [0.433077, 0.168197, -0.187986, 0.420571, 0.163572, -0.18205]]),
 'gru_back_seq': ([[2, 4, 3]],
                  [[0.273097, 0.011304, -0.362309, 0.34911, 0.03783, -0.375934, 0.428354, 0.304255,
                    0.015863, 0.526286, 0.47679, 0.003794, 0.276533, 0.032523, -0.354013, 0.35412,
                    0.031854, -0.393953, 0.430112, 0.296353, -0.001318, 0.525505, 0.477819,
                    0.022414]]),
 'lstm_mask_seq': ([[2, 4, 2]],
                   [[-0.377044, 0.056912, -0.064756, 0.019587, -0.064756, 0.019587, -0.258297,
                     0.221776, -0.361171, 0.041511, -0.361171, 0.041511, -0.361171, 0.041511,
                     -0.361171, 0.041511]]),
 'gru_mask': ([[2, 2]], [[-0.23334, 0.122759, -0.244128, -0.172158]]),
 'stacked_state': ([[2, 3], [2, 3], [2, 3], [2, 2]],
                   [[-0.167907, -0.370893, -0.326227, -0.166884, -0.368721, -0.325626],
                    [-0.167907, -0.370893, -0.326227, -0.166884, -0.368721, -0.325626],
                    [-0.310806, -0.60818, -0.534478, -0.310794, -0.607639, -0.534206],
                    [0.357776, -0.285441, 0.383126, -0.259509]]),
 'bi_concat_seq': ([[2, 4, 4]],
                   [[-0.377044, 0.056912, 0.055718, 0.003478, -0.064756, 0.019587, -0.129264,
                     -0.139425, 0.096822, 0.085497, -0.021587, -0.180284, -0.24634, 0.257672,
                     0.048963, 0.010865, -0.361171, 0.041511, 0.057879, 0.001469, -0.054908,
                     0.017064, -0.135097, -0.153856, 0.10459, 0.089463, -0.009764, -0.166239,
                     -0.280213, 0.262481, 0.048151, 0.01342]]),
 'bi_ave': ([[2, 2]], [[0.250225, 0.354819, 0.250904, 0.345115]]),
 'bi_none_state': ([[2, 2], [2, 2], [2, 2], [2, 2]],
                   [[0.357776, -0.285441, 0.383126, -0.259509],
                    [-0.52649, -0.482904, -0.531813, -0.501889],
                    [0.357776, -0.285441, 0.383126, -0.259509],
                    [-0.52649, -0.482904, -0.531813, -0.501889]]),
 'td_dense': ([[2, 4, 2]],
              [[1.066175, 0.596834, 0.862092, 0.825926, 0.121346, 0.059971, 0.353877, 0, 1.085692,
                0.633919, 0.825056, 0.803883, 0.103251, 0.023732, 0.391608, 0]]),
 'convlstm_same': ([[1, 4, 4, 2]],
                   [[0.094626, -0.013684, 0.082404, 0.089088, 0.324552, 0.013645, -0.6061, 0.175629,
                     -0.300047, -0.449821, -0.017505, -0.133452, 0.09747, -0.014441, 0.011848,
                     0.150838, 0.167967, 0.07665, -0.6555, 0.228854, -0.310894, -0.539696, 0.072801,
                     0.069126, 0.085674, 0.085614, 0.083476, 0.133616, 0.062221, 0.128476,
                     -0.391484, 0.06577]]),
 'convlstm_valid_seq': ([[1, 2, 2, 2, 2]],
                        [[-0.742016, 0.346882, -0.706618, -0.071311, -0.049138, -0.197993, 0.037695,
                          -0.044061, -0.248111, -0.148518, -0.081482, -0.043862, 0.130046,
                          -0.024118, 0.2344, 0.053439]]),
 'stateful_two_calls': ([[2, 2], [2, 2]],
                        [[0.357776, -0.285441, 0.383126, -0.259509],
                         [0.360652, -0.302678, 0.386472, -0.276054]]),
 'lstm_cell_step': ([[2, 2], [2, 2], [2, 2]],
                    [[-0.439897, 0.044441, -0.013137, -0.049497],
                     [-0.439897, 0.044441, -0.013137, -0.049497],
                     [-0.675038, 0.057714, -0.028146, -0.108171]]),
 'gru_initial_state': ([[2, 2]], [[-0.043999, 0.306235, -0.111885, 0.321087]])}


def _vals(n, seed):
    return [math.sin(seed * 7.1 + i * 0.91) * 0.6 for i in range(n)]


def _x(tf, shape):
    return tf.tensor([math.cos(i * 0.53 + 0.2) for i in range(math.prod(shape))], list(shape))


def _set_weights(tf, layer):
    layer.set_weights([tf.tensor(_vals(math.prod(w.shape), k + 1), list(w.shape))
                       for k, w in enumerate(layer.get_weights())])


def _run(tf, layer, shape, **kw):
    _MADE.append(layer)
    x = _x(tf, shape)
    layer.apply(x, **kw)
    _set_weights(tf, layer)
    return layer.apply(x, **kw)


def _case(tf, name):
    L = tf.layers
    mask = tf.tensor([[1, 1, 0, 1], [1, 0, 0, 0]], [2, 4], "bool")
    if name == "simple_rnn_seq":
        return _run(tf, L.simple_rnn(units=3, return_sequences=True), [2, 4, 3])
    if name == "lstm_state":
        return _run(tf, L.lstm(units=3, return_state=True), [2, 4, 3])
    if name == "gru_back_seq":
        return _run(tf, L.gru(units=3, return_sequences=True, go_backwards=True), [2, 4, 3])
    if name == "lstm_mask_seq":
        return _run(tf, L.lstm(units=2, return_sequences=True), [2, 4, 3], mask=mask)
    if name == "gru_mask":
        return _run(tf, L.gru(units=2), [2, 4, 3], mask=mask)
    if name == "stacked_state":
        return _run(tf, L.rnn(cell=[L.simple_rnn_cell(units=2), L.lstm_cell(units=3)],
                              return_state=True), [2, 4, 3])
    if name == "bi_concat_seq":
        return _run(tf, L.bidirectional(layer=L.lstm(units=2, return_sequences=True)), [2, 4, 3])
    if name == "bi_ave":
        return _run(tf, L.bidirectional(layer=L.gru(units=2), merge_mode="ave"), [2, 4, 3])
    if name == "bi_none_state":
        return _run(tf, L.bidirectional(layer=L.simple_rnn(units=2, return_state=True),
                                        merge_mode=None), [2, 4, 3])
    if name == "td_dense":
        return _run(tf, L.time_distributed(layer=L.dense(units=2, activation="relu")), [2, 4, 3])
    if name == "convlstm_same":
        return _run(tf, L.conv_lstm2d(filters=2, kernel_size=2, padding="same"), [1, 3, 4, 4, 2])
    if name == "convlstm_valid_seq":
        return _run(tf, L.conv_lstm2d(filters=2, kernel_size=3, return_sequences=True), [1, 2, 4, 4, 1])
    if name == "stateful_two_calls":
        layer = L.simple_rnn(units=2, stateful=True, batch_input_shape=[2, 4, 3])
        _MADE.append(layer)
        x = _x(tf, [2, 4, 3])
        layer.apply(x)
        _set_weights(tf, layer)
        layer.reset_states()
        return [layer.apply(x), layer.apply(x)]
    if name == "lstm_cell_step":
        cell = L.lstm_cell(units=2)
        _MADE.append(cell)
        cell.build((2, 3))
        _set_weights(tf, cell)
        h, c = tf.fill([2, 2], 0.1), tf.fill([2, 2], -0.2)
        return cell.call([_x(tf, [2, 3]), h, c])
    if name == "gru_initial_state":
        s = tf.tensor([[0.5, -0.5], [0.1, 0.2]])
        return _run(tf, L.gru(units=2), [2, 4, 3], initial_state=[s])
    raise KeyError(name)


_MADE: list = []


@pytest.mark.parametrize("name", list(EXPECTED))
def test_matches_tfjs(tf, name):
    shapes, values = EXPECTED[name]
    try:
        with tf.tidy():
            y = _case(tf, name)
            ys = y if isinstance(y, list) else [y]
            assert [list(t.shape) for t in ys] == shapes
            for t, want in zip(ys, values):
                got = t.data_sync().tolist()
                assert max(abs(a - b) for a, b in zip(got, want)) < 2e-5, (name, got, want)
    finally:
        while _MADE:
            _MADE.pop().dispose()


# --------------------------------------------------------------------------- semantics
def test_weight_names_and_shapes_as_tfjs(tf):
    with tf.tidy():
        bi = tf.layers.bidirectional(layer=tf.layers.lstm(units=2), name="bi")
        bi.apply(tf.ones([1, 3, 4]))
        assert [w.name for w in bi.weights] == [
            "bi/forward_" + bi.layer.name + "/kernel", "bi/forward_" + bi.layer.name + "/recurrent_kernel",
            "bi/forward_" + bi.layer.name + "/bias", "bi/backward_" + bi.layer.name + "/kernel",
            "bi/backward_" + bi.layer.name + "/recurrent_kernel", "bi/backward_" + bi.layer.name + "/bias"]
        assert [tuple(w.shape) for w in bi.weights[:3]] == [(4, 8), (2, 8), (8,)]
        rnn = tf.layers.rnn(cell=[tf.layers.lstm_cell(units=2), tf.layers.simple_rnn_cell(units=3)],
                            name="r")
        rnn.apply(tf.ones([1, 3, 4]))
        assert [w.name for w in rnn.weights] == [
            "r/RNNCell_0/kernel", "r/RNNCell_0/recurrent_kernel", "r/RNNCell_0/bias",
            "r/RNNCell_1/kernel", "r/RNNCell_1/recurrent_kernel", "r/RNNCell_1/bias"]
        gru = tf.layers.gru(units=3, reset_after=True, name="g")
        gru.apply(tf.ones([1, 2, 4]))
        assert [(w.name, tuple(w.shape)) for w in gru.weights] == [
            ("g/kernel", (4, 9)), ("g/recurrent_kernel", (3, 9)), ("g/bias", (2, 9))]
        for layer in (bi, rnn, gru):
            layer.dispose()


def test_lstm_config_keys_as_tfjs(tf):
    layer = tf.layers.lstm(units=2, input_shape=[3, 4], name="l")
    config = json.loads(json.dumps(layer.get_config()))
    assert list(config) == [
        "name", "trainable", "batch_input_shape", "dtype", "units", "activation",
        "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer",
        "bias_initializer", "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer",
        "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint",
        "bias_constraint", "dropout", "recurrent_dropout", "implementation", "return_sequences",
        "return_state", "go_backwards", "stateful", "unroll"]
    assert config["recurrent_activation"] == "hard_sigmoid"
    assert config["kernel_initializer"] == {"class_name": "VarianceScaling", "config": {
        "scale": 1.0, "mode": "fan_avg", "distribution": "normal", "seed": None}}
    assert config["recurrent_initializer"] == {"class_name": "Orthogonal",
                                               "config": {"gain": 1.0, "seed": None}}
    assert config["unit_forget_bias"] is None and config["implementation"] is None
    gru = tf.layers.gru(units=2).get_config()
    assert gru["reset_after"] is False and list(gru)[-6:] == [
        "reset_after", "return_sequences", "return_state", "go_backwards", "stateful", "unroll"]
    conv = tf.layers.conv_lstm2d(filters=2, kernel_size=3).get_config()
    assert "units" not in conv and conv["kernel_size"] == [3, 3] and conv["data_format"] == "channels_last"


def test_unit_forget_bias(tf):
    with tf.tidy():
        layer = tf.layers.lstm(units=2, unit_forget_bias=True)
        layer.apply(tf.ones([1, 2, 3]))
        assert layer.get_weights()[2].to_list() == [0, 0, 1, 1, 0, 0, 0, 0]
        layer.dispose()


def test_masking_from_embedding_in_a_model(tf):
    with tf.tidy():
        inp = tf.input(shape=[4], dtype="int32")
        emb = tf.layers.embedding(input_dim=5, output_dim=3, mask_zero=True)
        lstm = tf.layers.lstm(units=2, return_sequences=True)
        model = tf.model(inputs=inp, outputs=lstm.apply(emb.apply(inp)))
        ids = tf.tensor([[1, 2, 0, 3], [4, 0, 0, 0]], [2, 4], "int32")
        y = model.predict(ids).to_list()
        # masked steps repeat the previous output
        assert y[0][2] == y[0][1] and y[1][1] == y[1][0] == y[1][3]
        direct = lstm.call(emb.call(ids), mask=tf.not_equal(ids, 0)).to_list()
        assert direct == y
        model.dispose()


def test_symbolic_initial_state_and_return_state(tf):
    with tf.tidy():
        x = tf.input(shape=[3, 2])
        h0, c0 = tf.input(shape=[4]), tf.input(shape=[4])
        lstm = tf.layers.lstm(units=4, return_state=True)
        out, h, c = lstm.apply(x, initial_state=[h0, c0])
        assert out.shape == (None, 4) and c.shape == (None, 4)
        model = tf.model(inputs=[x, h0, c0], outputs=[out, c])
        xs = tf.ones([2, 3, 2])
        zeros = tf.zeros([2, 4])
        a = model.predict([xs, zeros, zeros])
        b = lstm.call(xs)
        assert a[0].to_list() == b[0].to_list() and a[1].to_list() == b[2].to_list()
        ones = model.predict([xs, tf.ones([2, 4]), tf.ones([2, 4])])
        assert ones[0].to_list() != a[0].to_list()
        model.dispose()


def test_stateful_reset_states(tf):
    with tf.tidy():
        layer = tf.layers.gru(units=2, stateful=True, batch_input_shape=[2, 3, 4])
        x = _x(tf, [2, 3, 4])
        first = layer.apply(x).to_list()
        second = layer.apply(x).to_list()
        assert first != second
        assert layer.states[0].to_list() == second
        layer.reset_states()
        assert layer.states[0].to_list() == [[0, 0], [0, 0]]
        assert layer.apply(x).to_list() == first
        layer.reset_states([tf.ones([2, 2])])
        assert layer.states[0].to_list() == [[1, 1], [1, 1]]
        with pytest.raises(ValueError):
            tf.layers.gru(units=2).reset_states()
        layer.dispose()


@pytest.mark.parametrize("factory", ["simple_rnn", "lstm", "gru"])
def test_dropout_only_in_training(tf, factory):
    with tf.tidy():
        layer = getattr(tf.layers, factory)(units=3, dropout=0.5, recurrent_dropout=0.5,
                                            return_sequences=True)
        x = _x(tf, [2, 5, 4])
        infer = layer.apply(x).to_list()
        assert layer.apply(x, training=False).to_list() == infer
        trained = layer.apply(x, training=True)
        assert trained.shape == (2, 5, 3) and trained.to_list() != infer
        assert all(math.isfinite(v) for v in trained.data_sync().tolist())
        layer.dispose()


def test_training_through_time(tf):
    with tf.tidy():
        model = tf.sequential([tf.layers.lstm(units=4, input_shape=[5, 2]), tf.layers.dense(units=1)])
        model.compile(optimizer=tf.train.adam(0.05), loss="mean_squared_error")
        x = _x(tf, [8, 5, 2])
        y = tf.sum(x, [1, 2], True)
        first = model.evaluate(x, y)
        for _ in range(20):
            model.train_on_batch(x, y)
        assert model.evaluate(x, y) < first
        model.optimizer.dispose()
        model.dispose()


def test_errors(tf):
    with pytest.raises(ValueError):
        tf.layers.lstm(units=0)
    with pytest.raises(ValueError):
        tf.layers.rnn()
    with pytest.raises(ValueError):
        tf.layers.bidirectional(layer=tf.layers.lstm(units=2), merge_mode="max")
    with pytest.raises(ValueError):
        tf.layers.conv_lstm2d(filters=2, kernel_size=3, unroll=True)
    with tf.tidy():
        layer = tf.layers.simple_rnn(units=2)
        with pytest.raises(ValueError):
            layer.apply(tf.ones([2, 3]))
        layer.dispose()


def test_zero_output_for_mask_keras_semantics(tf):
    # TF.js (default): a masked step repeats the previous output; Keras's zero_output_for_mask
    # (set in Keras files, e.g. inside Bidirectional) outputs zeros there. States carry over in both.
    with tf.tidy():
        x = tf.tensor([[[1.0], [2.0], [0.0]]])
        mask = tf.tensor([[True, True, False]])
        outs = []
        for zero in (False, True):
            layer = tf.layers.simple_rnn(units=1, return_sequences=True, kernel_initializer="ones",
                                         recurrent_initializer="ones", zero_output_for_mask=zero)
            outs.append(layer.apply(x, mask=mask).to_list())
            assert ("zero_output_for_mask" in layer.get_config()) is zero
            layer.dispose()
        repeat, zeroed = outs
        assert repeat[0][2] == repeat[0][1] and repeat[0][2] != [0.0]
        assert zeroed[0][2] == [0.0] and zeroed[0][:2] == repeat[0][:2]
