"""Ragged ops: values from TF.js 4.22 (cpu), TensorFlow behaviour where TF.js is buggy, checks."""
from __future__ import annotations

import pytest

from tests.helpers import assert_close


def _i(tf, v):
    return tf.tensor(v, dtype="int32")


def test_ragged_gather(tf):
    r = tf.ragged_gather([_i(tf, [0, 2, 3]), _i(tf, [0, 1, 3, 6])], tf.tensor([1.0, 2, 3, 4, 5, 6]),
                         _i(tf, [[1, 0], [1, 1]]), 3)
    assert [s.to_list() for s in r.output_nested_splits] == [[0, 2, 4], [0, 1, 3, 4, 5],
                                                             [0, 3, 4, 6, 9, 12]]
    assert r.output_dense_values.to_list() == [4, 5, 6, 1, 2, 3, 4, 5, 6, 4, 5, 6]
    tf.dispose(r.output_nested_splits + [r.output_dense_values])
    r = tf.ragged_gather([_i(tf, [0, 2, 3])], tf.tensor([[1.0, 2], [3, 4], [5, 6]]), _i(tf, [1, 0]), 1)
    assert r.output_dense_values.to_list() == [[5, 6], [1, 2], [3, 4]]
    tf.dispose(r.output_nested_splits + [r.output_dense_values])
    r = tf.ragged_gather([_i(tf, [0, 2, 3])], tf.tensor([1.0, 2, 3]), tf.scalar(0, "int32"), 0)
    assert r.output_nested_splits == [] and r.output_dense_values.to_list() == [1, 2]
    r.output_dense_values.dispose()
    r = tf.ragged_gather([_i(tf, [0, 2, 3])], tf.tensor([1.0, 2, 3]), _i(tf, []), 1)
    assert r.output_nested_splits[0].to_list() == [0] and r.output_dense_values.shape == (0,)
    tf.dispose(r.output_nested_splits + [r.output_dense_values])
    with pytest.raises(ValueError, match="not in"):
        tf.ragged_gather([_i(tf, [0, 2, 3])], tf.tensor([1.0, 2, 3]), _i(tf, [2]), 1)


def test_ragged_range(tf):
    r = tf.ragged_range(_i(tf, [0, 5, 3]), _i(tf, [3, 1, 3]), _i(tf, [1, -2, 1]))
    assert r.rt_nested_splits.to_list() == [0, 3, 5, 5]
    assert r.rt_dense_values.dtype == "int32" and r.rt_dense_values.to_list() == [0, 1, 2, 5, 3]
    tf.dispose(list(r))
    r = tf.ragged_range(0.0, [2.5, 1.0], 0.5)
    assert r.rt_nested_splits.to_list() == [0, 5, 7]
    assert_close(r.rt_dense_values, [0, 0.5, 1, 1.5, 2, 0, 0.5], dtype="float32")
    tf.dispose(list(r))
    with pytest.raises(ValueError, match="delta != 0"):
        tf.ragged_range([0], [3], [0])
    with pytest.raises(ValueError, match="same length"):
        tf.ragged_range([0, 1], [3, 3, 3], 1)


def test_ragged_tensor_to_tensor(tf):
    f = tf.ragged_tensor_to_tensor
    vals = tf.tensor([1.0, 2, 3, 4, 5])
    splits = _i(tf, [0, 2, 2, 5])
    assert f([-1, -1], vals, 0.0, [splits], ["ROW_SPLITS"]).to_list() == \
        [[1, 2, 0], [0, 0, 0], [3, 4, 5]]
    assert f([2, 2], vals, 9.0, [splits], ["ROW_SPLITS"]).to_list() == [[1, 2], [9, 9]]
    assert f([4, 4], vals, 9.0, [splits], ["ROW_SPLITS"]).to_list() == \
        [[1, 2, 9, 9], [9, 9, 9, 9], [3, 4, 5, 9], [9, 9, 9, 9]]
    assert f([-1, -1], vals, 0.0, [tf.scalar(4, "int32"), _i(tf, [0, 0, 2, 2, 3])],
             ["FIRST_DIM_SIZE", "VALUE_ROWIDS"]).to_list() == [[1, 2], [0, 0], [3, 4], [5, 0]]
    two = f([-1, -1, -1], tf.tensor([1.0, 2, 3, 4, 5, 6]), -1.0,
            [_i(tf, [0, 2, 3]), _i(tf, [0, 1, 3, 6])], ["ROW_SPLITS", "ROW_SPLITS"])
    assert two.to_list() == [[[1, -1, -1], [2, 3, -1]], [[4, 5, 6], [-1, -1, -1]]]
    b = f([-1, -1], tf.tensor([True, True, True]), False, [_i(tf, [0, 1, 3])], ["ROW_SPLITS"])
    assert b.dtype == "bool" and b.to_list() == [[True, False], [True, True]]
    tf.dispose([vals, splits, two, b])


def test_ragged_tensor_to_tensor_follows_tensorflow(tf):
    f = tf.ragged_tensor_to_tensor
    v = tf.tensor([[1.0, 2], [3, 4], [5, 6]])
    s = _i(tf, [0, 2, 3])
    # TF.js pads with zeros here (it writes the default into a copy); TensorFlow uses it
    assert f([-1, -1, 2], v, [7.0, 8.0], [s], ["ROW_SPLITS"]).to_list() == \
        [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]
    # TF.js throws for -1 inner dimensions and for the scalar -1 (unknown) shape
    assert f([-1, -1, -1], v, 0.0, [s], ["ROW_SPLITS"]).shape == (2, 2, 2)
    assert f(tf.scalar(-1, "int32"), v, 0.0, [s], ["ROW_SPLITS"]).shape == (2, 2, 2)
    tf.dispose([v, s])


def test_ragged_tensor_to_tensor_errors(tf):
    f = tf.ragged_tensor_to_tensor
    v = tf.tensor([1.0, 2, 3])
    with pytest.raises(ValueError, match="not supported"):
        f([-1, -1], v, 0.0, [_i(tf, [1, 2])], ["ROW_LENGTHS"])
    with pytest.raises(ValueError, match="first dimension"):
        f([-1, -1], v, 0.0, [_i(tf, [0, 0, 1])], ["VALUE_ROWIDS"])
    with pytest.raises(ValueError, match="rank"):
        f([-1, -1, -1], v, 0.0, [_i(tf, [0, 1, 3])], ["ROW_SPLITS"])
    with pytest.raises(TypeError, match="numeric"):
        f([-1, -1], ["a", "b"], "", [_i(tf, [0, 1, 2])], ["ROW_SPLITS"])
    v.dispose()
