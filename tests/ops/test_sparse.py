"""tf.sparse ops: values from TF.js 4.22 (cpu), edge cases, argument checks and gradients."""
from __future__ import annotations

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close


def _lists(r):
    return [t.to_list() for t in r]


def test_fill_empty_rows_doc_example(tf):
    r = tf.sparse.sparse_fill_empty_rows([[0, 0], [1, 0], [1, 3], [1, 4], [3, 2], [3, 3]],
                                         [0.0, 10, 13, 14, 32, 33], [5, 6], -1.0)
    assert r.output_indices.to_list() == [[0, 0], [1, 0], [1, 3], [1, 4], [2, 0], [3, 2],
                                          [3, 3], [4, 0]]
    assert_close(r.output_values, [0, 10, 13, 14, -1, 32, 33, -1], dtype="float32")
    assert r.empty_row_indicator.to_list() == [False, False, True, False, True]
    assert r.reverse_index_map.to_list() == [0, 1, 2, 3, 5, 6]
    assert [t.dtype for t in r] == ["int32", "float32", "bool", "int32"]
    tf.dispose(list(r))


def test_fill_empty_rows_unordered_keeps_input_order_within_rows(tf):
    r = tf.sparse.sparse_fill_empty_rows([[1, 0], [0, 3], [1, 1]], [1.5, 2.0, 3.0], [2, 6], -1.0)
    assert _lists(r) == [[[0, 3], [1, 0], [1, 1]], [2.0, 1.5, 3.0], [False, False], [1, 0, 2]]
    tf.dispose(list(r))


def test_fill_empty_rows_bool_and_empty(tf):
    r = tf.sparse.sparse_fill_empty_rows([[2, 0], [0, 3]], [True, True], [3, 6], False)
    assert _lists(r) == [[[0, 3], [1, 0], [2, 0]], [True, False, True], [False, True, False],
                         [2, 0]]
    tf.dispose(list(r))
    r = tf.sparse.sparse_fill_empty_rows(tf.zeros([0, 2], "int32"), tf.zeros([0]), [0, 6], 7.0)
    assert [t.shape for t in r] == [(0, 2), (0,), (0,), (0,)]
    tf.dispose(list(r))


def test_fill_empty_rows_errors(tf):
    with pytest.raises(ValueError, match="out of range"):
        tf.sparse.sparse_fill_empty_rows([[3, 0]], [1.0], [3, 6], 0.0)
    with pytest.raises(TypeError, match="numeric"):
        tf.sparse.sparse_fill_empty_rows([[0, 0]], ["a"], [3, 6], "z")
    with pytest.raises(TypeError, match="int32"):
        tf.sparse.sparse_fill_empty_rows(tf.tensor([[0.0, 1.0]]), [1.0], [2, 2], 0.0)
    with pytest.raises(ValueError, match="default_value"):
        tf.sparse.sparse_fill_empty_rows([[0, 0]], [1.0], [2, 2], [0.0, 1.0])


def test_sparse_reshape(tf):
    r = tf.sparse.sparse_reshape([[0, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 2, 3]],
                                 [2, 3, 6], [9, -1])
    assert _lists(r) == [[[0, 0], [0, 1], [1, 2], [4, 2], [8, 1]], [9, 4]]
    tf.dispose(list(r))
    r = tf.sparse.sparse_reshape(tf.zeros([0, 2], "int32"), [0, 3], [3, -1])
    assert r.output_indices.shape == (0, 2) and r.output_shape.to_list() == [3, 0]
    tf.dispose(list(r))
    r = tf.sparse.sparse_reshape(tf.zeros([1, 0], "int32"), tf.tensor([], dtype="int32"), [1, 1])
    assert _lists(r) == [[[0, 0]], [1, 1]]
    tf.dispose(list(r))


@pytest.mark.parametrize("new_shape,match", [([-1, -1], "only one"), ([4, 2], "requested"),
                                             ([4, -1], "multiple")])
def test_sparse_reshape_errors(tf, new_shape, match):
    with pytest.raises(ValueError, match=match):
        tf.sparse.sparse_reshape([[0, 1]], [2, 3], new_shape)


def test_segment_sum_and_mean(tf):
    c = tf.tensor([[1.0, 2, 3, 4], [-1, -2, -3, -4], [6, 7, 8, 9]])
    assert tf.sparse.sparse_segment_sum(c, [0, 1], [0, 0]).to_list() == [[0, 0, 0, 0]]
    assert tf.sparse.sparse_segment_sum(c, [0, 1, 2], [0, 0, 2]).to_list() == \
        [[0, 0, 0, 0], [0, 0, 0, 0], [6, 7, 8, 9]]
    assert_close(tf.sparse.sparse_segment_mean(c, [0, 1, 2], [0, 1, 1]),
                 [[1, 2, 3, 4], [2.5, 2.5, 2.5, 2.5]], dtype="float32")
    c.dispose()


def test_segment_dtypes_and_specials(tf):
    x = tf.tensor([[1, 2], [4, 7], [5, 5]], dtype="int32")
    m = tf.sparse.sparse_segment_mean(x, [0, 1, 2], [0, 0, 1])
    assert m.dtype == "int32" and m.to_list() == [[2, 4], [5, 5]]
    assert tf.sparse.sparse_segment_mean(tf.tensor([-5, 2], dtype="int32"), [0, 1],
                                         [0, 0]).to_list() == [-1]  # truncates toward zero
    s = tf.sparse.sparse_segment_sum(tf.tensor([float("nan"), 1.0, float("inf")]),
                                     [0, 1, 2, 1], [0, 1, 1, 3])
    assert_close(s, [float("nan"), float("inf"), 0.0, 1.0])
    e = tf.sparse.sparse_segment_sum(tf.ones([3, 2]), [], [])
    assert e.shape == (0, 2) and e.dtype == "float32"
    tf.dispose([x, m, s, e])


@pytest.mark.parametrize("op", ["sparse_segment_sum", "sparse_segment_mean"])
def test_segment_errors(tf, op):
    f = getattr(tf.sparse, op)
    x = tf.tensor([0.0, 1.0, 2.0])
    with pytest.raises(ValueError, match="not increasing"):
        f(x, [0, 1, 2], [1, 0, 1])
    with pytest.raises(ValueError, match="out of range"):
        f(x, [0, 5], [0, 1])
    with pytest.raises(ValueError, match="out of range"):
        f(x, [0, 1], [-1, 0])
    with pytest.raises(ValueError, match="same length"):
        f(x, [0, 1], [0])
    with pytest.raises(TypeError, match="float32 or int32"):
        f(tf.tensor([True, False]), [0], [0])
    with pytest.raises(ValueError, match="rank >= 1"):
        f(tf.scalar(1.0), [0], [0])
    x.dispose()


@pytest.mark.parametrize("op", ["sparse_segment_sum", "sparse_segment_mean"])
def test_segment_gradients(tf, op):
    f = getattr(tf.sparse, op)
    x = tf.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [3.0, -2.0, 1.0], [0.1, 0.2, 0.3]])
    check_grads(tf, lambda d: f(d, [3, 0, 3, 2, 1], [1, 1, 3, 3, 4]), [x])
    check_grads(tf, lambda d: f(d, [], []), [x])
    x.dispose()
