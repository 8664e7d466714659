"""Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot
(multi-input ``run_layer_test`` + numbers from TF.js 4.22 with the same inputs)."""
import json
import math
import random

import pytest

from pytfjs.layers.serialization import LAYER_CLASSES
from tests.helpers import assert_nested_close as _close, oracle_seq as _seq

# Computed by TF.js 4.22 (tools/oracle, node) with the inputs of ``_seq``.
ORACLE = {'dot1': [[0.1259], [0.9774]],
 'dot1n': [[0.095085], [0.59509]],
 'dot_11': [[[-1.8282, 0.6029, 1.6708, -1.035], [-1.4754, -0.1724, 1.5165, -0.2199],
             [2.2064, -0.5612, -2.0589, 1.0937], [0.9086, 0.3162, -0.9875, -0.0607]],
            [[-0.3479, 1.7858, -0.117, -1.7564], [-0.2891, -1.956, 0.801, 1.7538],
             [0.4214, -1.2849, -0.0876, 1.3071], [0.1813, 2.2893, -0.7798, -2.0925]]],
 'dot_22': [[[-1.1904, -0.3643, 0.5512], [-1.7444, -1.3438, -0.5962], [-1.8467, -1.9735, -1.586]],
            [[-1.6712, -0.749, 0.368], [-2.1302, -1.5295, -0.5306], [-2.0233, -1.9008, -1.2833]]],
 'dot_mixed': [[1.7919, 1.4904, 0.8056], [1.0024, 0.1434, -0.7481]],
 'dot_n': [[[-0.652574, -0.187616, 0.274268], [-0.961278, -0.695681, -0.298211],
            [-0.964166, -0.967978, -0.751602]],
           [[-0.767871, -0.364675, 0.187072], [-0.97231, -0.739773, -0.267949],
            [-0.970773, -0.966404, -0.681217]]],
 'm_a': [[0.3, 0.91, -0.53], [-0.77, 0.73, 0.58]],
 'm_add': [[-0.47, 1.64, 0.05], [-1.65, 0.37, 1.55]],
 'm_average': [[-0.235, 0.82, 0.025], [-0.825, 0.185, 0.775]],
 'm_b': [[-0.77, 0.73, 0.58], [-0.88, -0.36, 0.97]],
 'm_concat0': [[0.3, 0.91, -0.53, 0.3, 0.91, -0.53, -0.77, 0.73],
               [-0.77, 0.73, 0.58, 0.58, -0.88, -0.36, 0.97, 0.11]],
 'm_concatenate': [[0.3, 0.91, -0.53, -0.77, 0.73, 0.58], [-0.77, 0.73, 0.58, -0.88, -0.36, 0.97]],
 'm_maximum': [[0.3, 0.91, 0.58], [-0.77, 0.73, 0.97]],
 'm_minimum': [[-0.77, 0.73, -0.53], [-0.88, -0.36, 0.58]],
 'm_multiply': [[-0.231, 0.6643, -0.3074], [0.6776, -0.2628, 0.5626]]}


def run_merge_layer_test(tf, factory, kwargs, input_shapes, expected_output_shape=None):
    """``run_layer_test`` for layers called on a list of inputs (shapes include the batch):
    eager vs ``compute_output_shape``, symbolic shapes, config JSON round trip, the functional
    form ``tf.layers.<factory>([...])`` and one training step through a model."""
    rng = random.Random(0)
    make = getattr(tf.layers, factory)
    with tf.tidy():
        xs = [tf.tensor([rng.uniform(-1, 1) for _ in range(math.prod(s))], list(s)) for s in input_shapes]
        layer = make(**kwargs)
        y = layer.apply(xs)
        shape = layer.compute_output_shape([tuple(s) for s in input_shapes])
        assert tuple(y.shape) == tuple(shape), f"{factory}: eager {y.shape} != computed {shape}"
        if expected_output_shape is not None:
            assert tuple(y.shape) == tuple(expected_output_shape)
        inps = [tf.input(batch_shape=[None, *s[1:]]) for s in input_shapes]
        sym = make(**kwargs).apply(inps)
        assert tuple(sym.shape[1:]) == tuple(y.shape[1:]), f"{factory}: symbolic {sym.shape} vs {y.shape}"
        functional = make(xs, **kwargs)
        _close(functional.to_list(), y.to_list())
        assert make(inps, **kwargs).shape == sym.shape
        config = layer.get_config()
        spec = json.loads(json.dumps({"class_name": layer.class_name, "config": config}))
        clone = LAYER_CLASSES[spec["class_name"]].from_config(dict(spec["config"]))
        assert clone.get_config() == config
        _close(clone.apply(xs).to_list(), y.to_list())
        # a trainable model through the merge layer: gradients reach both branches
        dense = [tf.layers.dense(units=input_shapes[i][-1], kernel_initializer="ones") for i in range(len(inps))]
        out = make(**kwargs).apply([d.apply(i) for d, i in zip(dense, inps)])
        model = tf.model(inputs=inps, outputs=out)
        model.compile(optimizer=tf.train.sgd(0.1), loss="mean_squared_error")
        before = [tf.clone(w.read()) for w in model.trainable_weights]
        loss = model.train_on_batch(xs, tf.ones(list(y.shape)))
        assert math.isfinite(loss[0] if isinstance(loss, list) else loss)
        moved = [any(abs(a - b) > 0 for a, b in zip(w0.data_sync().tolist(), w.read().data_sync().tolist()))
                 for w0, w in zip(before, model.trainable_weights)]
        assert any(moved), f"{factory}: training moved no weight"
        model.optimizer.dispose()
        model.dispose()
        for lyr in (layer, clone):
            lyr.dispose()


@pytest.mark.parametrize("factory,kwargs,shapes,expected", [
    ("add", {}, [(2, 3), (2, 3)], (2, 3)),
    ("add", {}, [(2, 3), (2, 3), (2, 3)], (2, 3)),
    ("add", {}, [(2, 4, 3), (2, 3)], (2, 4, 3)),
    ("subtract", {}, [(2, 3, 2), (2, 3, 2)], (2, 3, 2)),
    ("multiply", {}, [(2, 3), (2, 1)], (2, 3)),
    ("average", {}, [(2, 3), (2, 3), (2, 3)], (2, 3)),
    ("maximum", {}, [(2, 2, 3), (2, 2, 3)], (2, 2, 3)),
    ("minimum", {}, [(2, 3), (2, 3)], (2, 3)),
    ("concatenate", {}, [(2, 3), (2, 4)], (2, 7)),
    ("concatenate", {"axis": 1}, [(2, 3, 4), (2, 2, 4)], (2, 5, 4)),
    ("dot", {"axes": 1}, [(2, 3), (2, 3)], (2, 1)),
    ("dot", {"axes": [2, 2]}, [(2, 3, 4), (2, 5, 4)], (2, 3, 5)),
    ("dot", {"axes": [1, 1], "normalize": True}, [(2, 3, 4), (2, 3, 2)], (2, 4, 2)),
    ("dot", {"axes": -1}, [(2, 3, 4), (2, 4)], (2, 3)),
])
def test_merge_layers(tf, factory, kwargs, shapes, expected):
    run_merge_layer_test(tf, factory, kwargs, shapes, expected)


def test_merge_numbers_match_tfjs(tf):
    with tf.tidy():
        a = tf.tensor(_seq(6), [2, 3])
        b = tf.tensor(_seq(9)[3:], [2, 3])
        _close(a.to_list(), ORACLE["m_a"])
        _close(b.to_list(), ORACLE["m_b"])
        for name in ("add", "multiply", "average", "maximum", "minimum", "concatenate"):
            _close(getattr(tf.layers, name)().apply([a, b]).to_list(), ORACLE["m_" + name])
        c = tf.tensor(_seq(10), [2, 5])
        _close(tf.layers.concatenate(axis=1).apply([a, c]).to_list(), ORACLE["m_concat0"])
        _close(tf.layers.dot(axes=1).apply([a, b]).to_list(), ORACLE["dot1"])
        _close(tf.layers.dot(axes=1, normalize=True).apply([a, b]).to_list(), ORACLE["dot1n"])
        x = tf.tensor(_seq(24), [2, 3, 4])
        y = tf.tensor(_seq(30)[6:], [2, 3, 4])
        _close(tf.layers.dot(axes=[2, 2]).apply([x, y]).to_list(), ORACLE["dot_22"])
        _close(tf.layers.dot(axes=[1, 1]).apply([x, y]).to_list(), ORACLE["dot_11"])
        _close(tf.layers.dot(axes=[2, 1]).apply([x, tf.tensor(_seq(8), [2, 4])]).to_list(), ORACLE["dot_mixed"])
        _close(tf.layers.dot(axes=[2, 2], normalize=True).apply([x, y]).to_list(), ORACLE["dot_n"])
        _close(tf.layers.subtract([a, b]).to_list(),
               [[p - q for p, q in zip(r, s)] for r, s in zip(ORACLE["m_a"], ORACLE["m_b"])])


def test_merge_configs(tf):
    assert list(tf.layers.add().get_config())[:2] == ["name", "trainable"]
    assert tf.layers.concatenate().get_config()["axis"] == -1
    config = tf.layers.dot(axes=[1, 2]).get_config()
    assert (config["axes"], config["normalize"]) == ([1, 2], False)
    assert list(config)[:2] == ["axes", "normalize"]
    assert tf.layers.add().name.startswith("add_Add")


def test_merge_errors(tf):
    with tf.tidy():
        a, b = tf.input(shape=[3]), tf.input(shape=[4])
        with pytest.raises(ValueError, match="broadcast"):
            tf.layers.add([a, b])
        with pytest.raises(ValueError, match="at least 2"):
            tf.layers.add([a])
        with pytest.raises(ValueError, match="matching shapes"):
            tf.layers.concatenate(axis=1)([tf.input(shape=[2, 3]), tf.input(shape=[2, 4])])
        with pytest.raises(ValueError, match="Dimension incompatibility"):
            tf.layers.dot([a, b], axes=1)
        with pytest.raises(ValueError, match="exactly 2"):
            tf.layers.subtract([a, a, a])
        with pytest.raises(ValueError, match="different batch sizes"):
            tf.layers.add([tf.ones([2, 3]), tf.ones([3, 3])])


def test_merge_masks(tf):
    with tf.tidy():
        x1 = tf.input(shape=[3], dtype="int32")
        x2 = tf.input(shape=[3], dtype="int32")
        e1 = tf.layers.embedding(input_dim=5, output_dim=2, mask_zero=True)
        e2 = tf.layers.embedding(input_dim=5, output_dim=2, mask_zero=True)
        add = tf.layers.add()
        cat = tf.layers.concatenate()
        h1, h2 = e1.apply(x1), e2.apply(x2)
        model = tf.model(inputs=[x1, x2], outputs=[add.apply([h1, h2]), cat.apply([h1, h2])])
        i1 = tf.tensor([[1, 0, 2]], None, "int32")
        i2 = tf.tensor([[1, 3, 0]], None, "int32")
        model.apply([i1, i2])
        masks = model.compute_mask([i1, i2])
        # Keras: a step survives when every input keeps it (TF.js ignores the last mask)
        assert masks[0].to_list() == [[True, False, False]]
        assert masks[1].to_list() == [[True, False, False]]
        m = add.compute_mask([h1, h2], [tf.tensor([[True, False]]), None])
        assert m.to_list() == [[True, False]]
        model.dispose()
