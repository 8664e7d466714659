"""Slicing and joining ops. Expected values were checked with TF.js 4.22 (cpu backend), except
where a test says it covers a deliberate difference (see ``pytfjs/ops/slice_join.py``)."""
from __future__ import annotations

import math

import pytest

from tests.helpers import assert_close

NAN, INF = math.nan, math.inf


def _vals(ts):
    return [(t.dtype, t.shape, t.to_list()) for t in ts]


def _x24(tf):
    return tf.reshape(tf.range(0, 24, 1, "int32"), [2, 3, 4]) if hasattr(tf, "range") and \
        hasattr(tf, "reshape") else tf.tensor(list(range(24)), [2, 3, 4], "int32")


# ===================================================================== concat
def test_concat_axes(tf):
    a = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    b = tf.tensor([[5.0], [6.0]])
    assert_close(tf.concat([a, b], 1), [[1, 2, 5], [3, 4, 6]], dtype="float32", shape=(2, 3))
    assert_close(tf.concat([a, b], -1), [[1, 2, 5], [3, 4, 6]], shape=(2, 3))
    assert_close(tf.concat([a, a]), [[1, 2], [3, 4], [1, 2], [3, 4]], shape=(4, 2))


def test_concat_dtypes(tf):
    assert_close(tf.concat([tf.tensor([0, -5]), tf.tensor([3])]), [0, -5, 3], dtype="int32")
    assert_close(tf.concat([tf.tensor([False, True]), tf.tensor([True])]), [False, True, True],
                 dtype="bool")
    s = tf.concat([tf.tensor(["apple", "fig"]), tf.tensor(["kiwi"])])
    assert s.dtype == "string" and s.to_list() == ["apple", "fig", "kiwi"]
    # TensorLikes
    assert_close(tf.concat([[1.0, 2.0], [3.5]]), [1, 2, 3.5], dtype="float32")


def test_concat_upcasts_mixed_dtypes(tf):
    # Deliberate difference: TF.js's cpu kernel writes into the first tensor's dtype
    # (int32 [1, 2, 1]); pytfjs upcasts.
    r = tf.concat([tf.tensor([1, 2]), tf.tensor([1.5])])
    assert_close(r, [1, 2, 1.5], dtype="float32")
    assert_close(tf.concat([tf.tensor([True]), tf.tensor([3])]), [1, 3], dtype="int32")


def test_concat_single_is_clone(tf):
    a = tf.tensor([[1, 2]])
    c = tf.concat([a], 1)
    assert c is not a
    assert_close(c, [[1, 2]], dtype="int32")
    a.dispose()
    assert c.to_list() == [[1, 2]]


def test_concat_empty_and_special(tf):
    assert_close(tf.concat([tf.zeros([2, 0]), tf.tensor([[1.0], [2.0]])], 1), [[1], [2]],
                 shape=(2, 1))
    r = tf.concat([tf.zeros([0, 2]), tf.zeros([0, 2])])
    assert r.shape == (0, 2) and r.dtype == "float32"
    assert_close(tf.concat([tf.tensor([NAN]), tf.tensor([INF, -INF])]), [NAN, INF, -INF])


def test_concat_errors(tf):
    with pytest.raises(ValueError, match="at least one tensor"):
        tf.concat([])
    with pytest.raises(ValueError, match="rank of tensors\\[1\\] \\(1\\)"):
        tf.concat([tf.zeros([2, 2]), tf.zeros([2])])
    with pytest.raises(ValueError, match="does not match the shape"):
        tf.concat([tf.zeros([2, 2]), tf.zeros([3, 3])], 1)
    with pytest.raises(ValueError, match="does not match the shape"):
        tf.concat([tf.zeros([0, 3]), tf.zeros([2, 2])])
    with pytest.raises(ValueError, match="'concat': axis 2 is out of range"):
        tf.concat([tf.zeros([2, 2]), tf.zeros([2, 2])], 2)
    with pytest.raises(ValueError, match="scalars"):
        tf.concat([tf.scalar(1.0), tf.scalar(2.0)])
    with pytest.raises(TypeError, match="'concat'.*string"):
        tf.concat([tf.tensor(["a"]), tf.tensor([1])])
    with pytest.raises(TypeError, match="list of Tensors"):
        tf.concat(tf.zeros([2]))


# ===================================================================== stack / unstack
def test_stack(tf):
    a, b = tf.tensor([1.0, 2.0]), tf.tensor([3.0, 4.0])
    assert_close(tf.stack([a, b]), [[1, 2], [3, 4]], shape=(2, 2), dtype="float32")
    assert_close(tf.stack([a, b], -1), [[1, 3], [2, 4]], shape=(2, 2))
    assert_close(tf.stack([a, b], 1), [[1, 3], [2, 4]])
    assert_close(tf.stack([a, b], -2), [[1, 2], [3, 4]])
    assert_close(tf.stack([tf.scalar(1.0), tf.scalar(2.0)]), [1, 2], shape=(2,))
    assert_close(tf.stack([a]), [[1, 2]], shape=(1, 2))
    assert tf.stack([tf.zeros([0, 2]), tf.zeros([0, 2])], 1).shape == (0, 2, 2)
    s = tf.stack([tf.tensor(["a"]), tf.tensor(["b"])], 1)
    assert s.shape == (1, 2) and s.to_list() == [["a", "b"]]
    assert_close(tf.stack([tf.tensor([True]), tf.tensor([False])]), [[True], [False]],
                 dtype="bool")
    # Deliberate difference: TF.js throws on mixed dtypes; pytfjs upcasts.
    assert_close(tf.stack([[1, 2], [1.5, 2.0]]), [[1, 2], [1.5, 2]], dtype="float32")


def test_stack_errors(tf):
    with pytest.raises(ValueError, match="at least one tensor"):
        tf.stack([])
    with pytest.raises(ValueError, match="same shape"):
        tf.stack([tf.tensor([1.0, 2.0]), tf.tensor([1.5])])
    with pytest.raises(ValueError, match="'stack': axis 2 is out of range"):
        tf.stack([tf.zeros([2]), tf.zeros([2])], 2)
    with pytest.raises(ValueError, match="'stack': axis -3 is out of range"):
        tf.stack([tf.zeros([2]), tf.zeros([2])], -3)


def test_unstack(tf):
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert _vals(tf.unstack(x)) == [("float32", (2,), [1, 2]), ("float32", (2,), [3, 4])]
    assert _vals(tf.unstack(x, -1)) == [("float32", (2,), [1, 3]), ("float32", (2,), [2, 4])]
    assert _vals(x.unstack(1)) == _vals(tf.unstack(x, 1))
    assert tf.unstack(tf.zeros([0, 2])) == []
    assert _vals(tf.unstack(tf.zeros([2, 0]))) == [("float32", (0,), []), ("float32", (0,), [])]
    assert _vals(tf.unstack(tf.tensor([[True, False]]), 1)) == [("bool", (1,), [True]),
                                                                 ("bool", (1,), [False])]
    assert _vals(tf.unstack(tf.tensor([["a", "b"]]), 1)) == [("string", (1,), ["a"]),
                                                              ("string", (1,), ["b"])]
    parts = tf.unstack(tf.tensor([[1, 2], [3, 4], [5, 6]]))
    assert [p.to_list() for p in parts] == [[1, 2], [3, 4], [5, 6]]
    assert [p.dtype for p in parts] == ["int32"] * 3
    # iteration uses unstack
    assert [r.to_list() for r in x] == [[1, 2], [3, 4]]


def test_unstack_errors(tf):
    with pytest.raises(ValueError, match="'unstack'.*scalar"):
        tf.unstack(tf.scalar(1.0))
    with pytest.raises(ValueError, match="'unstack': axis 2 is out of range"):
        tf.unstack(tf.zeros([2, 2]), 2)


# ===================================================================== split
def test_split_even(tf):
    x = tf.tensor([[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [7.0, 8.0, 9.0, 10.0, 11.0, 12.0]])
    assert _vals(tf.split(x, 2, 1)) == [
        ("float32", (2, 3), [[1, 2, 3], [7, 8, 9]]),
        ("float32", (2, 3), [[4, 5, 6], [10, 11, 12]])]
    assert _vals(tf.split(x, 3, -1))[2] == ("float32", (2, 2), [[5, 6], [11, 12]])
    assert _vals(tf.split(x, 1, 1)) == [("float32", (2, 6), x.to_list())]
    assert _vals(tf.split(x, 2)) == [("float32", (1, 6), [x.to_list()[0]]),
                                     ("float32", (1, 6), [x.to_list()[1]])]


def test_split_sizes(tf):
    x = tf.tensor([-1, 5, 3, 3, -4, 2])
    assert _vals(tf.split(x, [4, 2])) == [("int32", (4,), [-1, 5, 3, 3]),
                                          ("int32", (2,), [-4, 2])]
    assert [p.shape for p in tf.split(x, [1, -1, 2])] == [(1,), (3,), (2,)]
    assert [p.shape for p in tf.split(x, [6, -1])] == [(6,), (0,)]
    assert [p.shape for p in tf.split(x, [0, 6])] == [(0,), (6,)]
    # Deliberate difference: TF.js throws when -1 comes first.
    assert _vals(tf.split(x, [-1, 2])) == [("int32", (4,), [-1, 5, 3, 3]),
                                           ("int32", (2,), [-4, 2])]
    assert _vals(tf.split(x, [-1])) == [("int32", (6,), [-1, 5, 3, 3, -4, 2])]
    assert _vals(tf.split(tf.tensor([True, False]), 2)) == [("bool", (1,), [True]),
                                                           ("bool", (1,), [False])]
    assert [p.shape for p in tf.split(tf.zeros([0]), 2)] == [(0,), (0,)]
    assert_close(tf.split(tf.tensor([NAN, INF]), 2)[0], [NAN])


def test_split_errors(tf):
    x = tf.zeros([5])
    with pytest.raises(ValueError, match="evenly divide the size 5"):
        tf.split(x, 2)
    with pytest.raises(ValueError, match="must be positive"):
        tf.split(x, 0)
    with pytest.raises(ValueError, match="must sum to the size 5"):
        tf.split(x, [2, 2])
    with pytest.raises(ValueError, match="at most one size may be -1"):
        tf.split(x, [-1, -1])
    with pytest.raises(ValueError, match="exactly -1"):
        tf.split(x, [-2, 7])
    with pytest.raises(ValueError, match="exceed the size 5"):
        tf.split(x, [6, -1])
    with pytest.raises(ValueError, match="empty list"):
        tf.split(x, [])
    with pytest.raises(ValueError, match="'split'.*scalar"):
        tf.split(tf.scalar(1.0), 1)
    with pytest.raises(TypeError, match="'split' must be numeric"):
        tf.split(tf.tensor(["a", "b"]), 2)


# ===================================================================== slice
def test_slice(tf):
    x = tf.tensor([[1, 2, 3], [4, 5, 6]])
    assert_close(tf.slice(tf.tensor([1.0, 2.0, 3.0, 4.0]), 1, 2), [2, 3], dtype="float32")
    assert_close(tf.slice(tf.tensor([1.0, 2.0, 3.0, 4.0]), 1), [2, 3, 4])
    assert_close(tf.slice(x, 1), [[4, 5, 6]], shape=(1, 3), dtype="int32")
    assert_close(tf.slice(x, [0, 1], 1), [[2, 3]], shape=(1, 2))
    assert_close(tf.slice(x, [0, 1], [-1, -1]), [[2, 3], [5, 6]])
    assert_close(tf.slice(x, [1]), [[4, 5, 6]])
    assert_close(tf.slice(x, [0, 1], [1]), [[2, 3]])
    assert_close(x.slice([0, 1], [2, 1]), [[2], [5]])
    assert tf.slice(x, [1, 0], [0, 2]).shape == (0, 2)
    assert tf.slice(x, [2, 0], [0, 1]).shape == (0, 1)
    assert_close(tf.slice(tf.tensor([True, False, True]), [1], [2]), [False, True], dtype="bool")
    assert tf.slice(tf.tensor(["a", "b", "c"]), [1], [2]).to_list() == ["b", "c"]
    assert_close(tf.slice(tf.tensor([NAN, INF, 1.0]), [0], [2]), [NAN, INF])


def test_slice_errors(tf):
    x = tf.tensor([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(ValueError, match="negative begin"):
        tf.slice(x, [-1, 0], [1, 2])
    with pytest.raises(ValueError, match="would overflow"):
        tf.slice(x, [1, 0], [2, 2])
    with pytest.raises(ValueError, match="at most one entry per axis"):
        tf.slice(x, [1, 0, 0], [1, 1, 1])
    with pytest.raises(ValueError, match="scalar"):
        tf.slice(tf.scalar(3.0), [], [])
    with pytest.raises(ValueError, match="exactly -1"):
        tf.slice(x, [0, 0], [-2, 1])
    with pytest.raises(ValueError, match="beyond the size 2"):
        tf.slice(x, [3, 0], [-1, 1])
    with pytest.raises(TypeError, match="'slice': begin"):
        tf.slice(x, "a")


# ===================================================================== strided_slice
def test_strided_slice_basic(tf):
    x = _x24(tf)
    assert_close(tf.strided_slice(x, [0, 1, 1], [2, 3, 4], [1, 1, 2]),
                 [[[5, 7], [9, 11]], [[17, 19], [21, 23]]], dtype="int32", shape=(2, 2, 2))
    assert_close(tf.strided_slice(x, [0, 0, 0], [1, 2, 3]), [[[0, 1, 2], [4, 5, 6]]])
    assert_close(tf.strided_slice(x, [1], [2]), [list(map(lambda r: list(range(r, r + 4)),
                                                          (12, 16, 20)))], shape=(1, 3, 4))
    assert tf.strided_slice(x, [1, 2, 3], [1, 2, 3]).shape == (0, 0, 0)


def test_strided_slice_negative(tf):
    x = _x24(tf)
    r = tf.strided_slice(x, [-1, -1, -1], [-3, -4, -5], [-1, -1, -1])
    assert r.shape == (2, 3, 4) and sum(r.to_list(), [])[0] == [23, 22, 21, 20]
    assert_close(tf.strided_slice(x, [10, 10, 10], [-10, -10, -10], [-1, -2, -3]),
                 [[[23, 20], [15, 12]], [[11, 8], [3, 0]]])
    v = tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
    assert_close(tf.strided_slice(v, [4], [0], [-2]), [5, 3])
    assert_close(tf.strided_slice(v, [3], [0], [-1], 0, 1), [4, 3, 2, 1])
    assert tf.strided_slice(v, [-20], [1], [-1]).shape == (0,)
    assert_close(tf.strided_slice(v, [1], [10], [100]), [2])
    assert tf.strided_slice(tf.zeros([0]), [0], [0], [-1], 1, 1).shape == (0,)
    assert_close(tf.strided_slice(tf.range(0, 10, 1, "float32") if hasattr(tf, "range")
                                  else tf.tensor([float(i) for i in range(10)]),
                                  [8], [1], [-3]), [8, 5, 2])
    # Deliberate difference: TF.js throws for begin > end with stride 1; TF returns empty.
    assert tf.strided_slice(v, [4], [2]).shape == (0,)
    assert tf.strided_slice(v, [4], [2], [2]).shape == (0,)


def test_strided_slice_masks(tf):
    x = _x24(tf)
    assert_close(tf.strided_slice(x, [1, 1, 1], [2, 2, 2], [1, 1, 1], 5),
                 [[[4, 5]], [[16, 17]]], shape=(2, 1, 2))
    assert_close(tf.strided_slice(x, [1, 1, 1], [2, 2, 2], [1, 1, 1], 0, 6),
                 [[[17, 18, 19], [21, 22, 23]]], shape=(1, 2, 3))
    assert_close(tf.strided_slice(x, [1, -1, 0], [2, 0, 4], [1, 1, 1], 0, 0, 0, 0, 3),
                 [20, 21, 22, 23], shape=(4,))
    assert tf.strided_slice(x, [0, 0, 0, 0], [1, 1, 1, 1], [1, 1, 1, 1], 0, 0, 0, 2).shape == \
        (1, 1, 1, 1)
    r = tf.strided_slice(x, [0, 1], [1, 3], [1, 1], 0, 0, 1)
    assert r.shape == (2, 3, 2) and r.to_list()[0][0] == [1, 2]
    assert_close(tf.strided_slice(x, [1, 0, 1], [2, 0, 3], [1, 1, 1], 0, 0, 2),
                 [[[13, 14], [17, 18], [21, 22]]], shape=(1, 3, 2))
    assert_close(tf.strided_slice(x, [0, 0, 1], [0, 0, 2], [1, 1, 1], 0, 0, 1, 2, 4),
                 [[[1], [5], [9]], [[13], [17], [21]]], shape=(2, 3, 1))
    assert tf.strided_slice(x, [0, 0, 1], [0, 0, 2], [1, 1, 1], 0, 0, 2, 1).shape == (1, 2, 3, 1)
    # new axis wins over shrink on the same bit; mask bits beyond the spec are ignored
    assert tf.strided_slice(x, [0], [1], [1], 0, 0, 0, 1, 1).shape == (1, 2, 3, 4)
    assert tf.strided_slice(x, [0], [1], [1], 0, 0, 0, 0, 6).shape == (1, 3, 4)
    assert tf.strided_slice(x, [0], [1], [1], 0, 0, 0, 6, 0).shape == (1, 3, 4)
    assert tf.strided_slice(x, [0, 0], [0, 0], [1, 1], 0, 0, 1, 2).shape == (2, 3, 4, 1)
    # shrink: negative index; begin/end masks ignored
    assert_close(tf.strided_slice(x, [-2], [-1], [1], 0, 0, 0, 0, 1),
                 [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]])
    assert tf.strided_slice(x, [1], [2], [1], 1, 0, 0, 0, 1).to_list()[0] == [12, 13, 14, 15]
    assert tf.strided_slice(x, [1], [0], [1], 0, 1, 0, 0, 1).to_list()[0] == [12, 13, 14, 15]
    # TF semantics (TF.js reads out of bounds here): a positive stride on a shrunk axis
    assert tf.strided_slice(x, [1], [2], [2], 0, 0, 0, 0, 1).shape == (3, 4)


def test_strided_slice_dtypes_and_scalars(tf):
    assert_close(tf.strided_slice(tf.scalar(5.0), [], [], []), 5.0, shape=())
    assert_close(tf.strided_slice(tf.scalar(5.0), [0], [1], [1], 0, 0, 0, 1), [5.0], shape=(1,))
    assert_close(tf.strided_slice(tf.tensor([True, False, True]), [0], [3], [2]), [True, True],
                 dtype="bool")
    assert tf.strided_slice(tf.tensor(["a", "b", "c"]), [0], [3], [2]).to_list() == ["a", "c"]
    assert tf.strided_slice(tf.zeros([0, 3]), [0, 1], [2, 3]).shape == (0, 2)
    assert_close(tf.strided_slice(tf.tensor([NAN, 1.0, INF]), [0], [3], [2]), [NAN, INF])
    x = tf.tensor([[1, 2], [3, 4]])
    assert_close(x.strided_slice([0, 1], [2, 2]), [[2], [4]])


def test_strided_slice_errors(tf):
    x = _x24(tf)
    with pytest.raises(IndexError, match="index 2 is out of bounds for axis 0 with size 2"):
        tf.strided_slice(x, [2, 0, 0], [3, 1, 1], [1, 1, 1], 0, 0, 0, 0, 1)
    with pytest.raises(ValueError, match="strides\\[0\\] must be non-zero"):
        tf.strided_slice(x, [0], [1], [0])
    with pytest.raises(ValueError, match="multiple ellipses"):
        tf.strided_slice(x, [0, 0], [1, 1], [1, 1], 0, 0, 3)
    with pytest.raises(ValueError, match="positive stride"):
        tf.strided_slice(x, [-1], [0], [-1], 0, 0, 0, 0, 1)
    with pytest.raises(ValueError, match="input dim 3; the input has only 3 dims"):
        tf.strided_slice(x, [0, 0, 0, 0], [1, 1, 1, 1])
    with pytest.raises(ValueError, match="same length"):
        tf.strided_slice(x, [0, 0], [1], [1])
    with pytest.raises(TypeError, match="begin_mask must be a non-negative int"):
        tf.strided_slice(x, [0], [1], [1], -1)


# ===================================================================== gather
def test_gather(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert_close(tf.gather(x, tf.tensor([1, 0, 1])), [[4, 5, 6], [1, 2, 3], [4, 5, 6]],
                 dtype="float32")
    assert_close(tf.gather(x, [2, 0], 1), [[3, 1], [6, 4]])
    assert_close(tf.gather(x, [2, 0], -1), [[3, 1], [6, 4]])
    assert_close(tf.gather(x, tf.tensor([[2, 0], [1, 1]]), 1),
                 [[[3, 1], [2, 2]], [[6, 4], [5, 5]]], shape=(2, 2, 2))
    assert_close(tf.gather(x, 1), [4, 5, 6], shape=(3,))
    assert_close(tf.gather(tf.tensor([1.0, 2.0, 3.0]), 1), 2.0, shape=())
    assert_close(tf.gather(tf.tensor([5, -3, -3, 5, -2, -1]), tf.tensor([0, 0, 5, 2])),
                 [5, 5, -1, -3], dtype="int32")
    assert_close(tf.gather(tf.tensor([True, False]), [1, 1, 0]), [False, False, True],
                 dtype="bool")
    assert_close(tf.gather(tf.tensor([NAN, INF]), [1, 0]), [INF, NAN])
    assert x.gather([1]).shape == (1, 3)


def test_gather_empty(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    r = tf.gather(x, tf.tensor([], dtype="int32"))
    assert r.shape == (0, 3) and r.dtype == "float32"
    assert tf.gather(tf.zeros([0, 3]), tf.tensor([], dtype="int32")).shape == (0, 3)
    assert tf.gather(x, tf.zeros([2, 0], "int32"), 1).shape == (2, 2, 0)


def test_gather_batch_dims(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    idx = tf.tensor([[2, 0], [1, 1]])
    assert_close(tf.gather(x, idx, 1, 1), [[3, 1], [5, 5]], shape=(2, 2))
    assert_close(tf.gather(x, idx, 1, -1), [[3, 1], [5, 5]], shape=(2, 2))
    # x [2, 2, 3] (values 0..11), indices [2, 2], axis 2, batch_dims 1
    y = tf.tensor([float(i) for i in range(12)], [2, 2, 3])
    assert_close(tf.gather(y, tf.tensor([[2, 0], [1, 1]]), 2, 1),
                 [[[2, 0], [5, 3]], [[7, 7], [10, 10]]], shape=(2, 2, 2))
    # axis 1 with batch_dims 1 and 2-d index rows -> output [2, 2, 3]
    assert tf.gather(y, tf.tensor([[1, 0], [0, 0]]), 1, 1).shape == (2, 2, 3)
    assert_close(tf.gather(y, tf.tensor([[1, 0], [0, 0]]), 1, 1),
                 [[[3, 4, 5], [0, 1, 2]], [[6, 7, 8], [6, 7, 8]]])


def test_gather_errors(tf):
    x = tf.tensor([1.0, 2.0, 3.0])
    with pytest.raises(IndexError, match="'gather': the index value 3 is not in \\[0, 2\\]"):
        tf.gather(x, tf.tensor([3]))
    with pytest.raises(IndexError, match="index value -1 is not in \\[0, 2\\]"):
        tf.gather(x, [-1])
    with pytest.raises(IndexError, match="index value 0 is not in \\[0, -1\\]"):
        tf.gather(tf.zeros([0, 3]), [0])
    with pytest.raises(TypeError, match="'indices' passed to 'gather' must be int32"):
        tf.gather(x, tf.tensor([1.0]))
    with pytest.raises(TypeError, match="must be int32 tensor, but got bool"):
        tf.gather(x, tf.tensor([True]))
    with pytest.raises(ValueError, match="'gather': axis 1 is out of range"):
        tf.gather(x, [0], 1)
    with pytest.raises(ValueError, match="rank >= 1"):
        tf.gather(tf.scalar(1.0), [0])
    with pytest.raises(TypeError, match="'gather' must be numeric"):
        tf.gather(tf.tensor(["a", "b"]), [1])
    m = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    with pytest.raises(ValueError, match="batch_dims \\(1\\) must be <= axis \\(0\\)"):
        tf.gather(m, tf.tensor([[1, 0], [0, 1]]), 0, 1)
    with pytest.raises(ValueError, match="must equal indices.shape\\[0\\]"):
        tf.gather(m, tf.tensor([[2, 0]]), 1, 1)
    with pytest.raises(ValueError, match="batch_dims 2 is out of range"):
        tf.gather(m, tf.tensor([1]), 1, 2)


# ===================================================================== gather_nd
def test_gather_nd(tf):
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert_close(tf.gather_nd(x, tf.tensor([[1, 0], [0, 1]])), [3, 2], dtype="float32")
    assert_close(tf.gather_nd(x, tf.tensor([[1], [0]])), [[3, 4], [1, 2]], shape=(2, 2))
    assert_close(tf.gather_nd(x, [[1, 1]]), [4], shape=(1,))
    assert tf.gather_nd(x, tf.zeros([0, 2], "int32")).shape == (0,)
    assert_close(tf.gather_nd(x, tf.zeros([3, 0], "int32")), [[[1, 2], [3, 4]]] * 3,
                 shape=(3, 2, 2))
    assert_close(tf.gather_nd(tf.tensor([[True, False], [False, True]]), [[1, 1], [0, 1]]),
                 [True, False], dtype="bool")
    assert_close(tf.gather_nd(tf.tensor([10, 20, 30]), [[2], [0]]), [30, 10], dtype="int32")
    y = tf.tensor([float(i) for i in range(12)], [2, 2, 3])
    assert_close(tf.gather_nd(y, tf.tensor([[[1, 0], [0, 1]]])),
                 [[[6, 7, 8], [3, 4, 5]]], shape=(1, 2, 3))
    assert_close(tf.gather_nd(tf.tensor([NAN, INF]), [[0]]), [NAN])


def test_gather_nd_errors(tf):
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(IndexError, match="\\[2, 0\\] does not index into shape \\[2, 2\\]"):
        tf.gather_nd(x, tf.tensor([[0, 0], [2, 0]]))
    with pytest.raises(IndexError, match="\\[-1, 0\\] does not index"):
        tf.gather_nd(x, tf.tensor([[-1, 0]]))
    with pytest.raises(ValueError, match="last dimension of indices \\(3\\)"):
        tf.gather_nd(x, tf.tensor([[1, 0, 0]]))
    with pytest.raises(ValueError, match="indices must have rank >= 1"):
        tf.gather_nd(x, tf.scalar(1))
    with pytest.raises(ValueError, match="x must have rank >= 1"):
        tf.gather_nd(tf.scalar(2.0), tf.tensor([], dtype="int32"))
    with pytest.raises(TypeError, match="'gather_nd' must be int32"):
        tf.gather_nd(x, tf.tensor([[1.0, 0.0]]))


# ===================================================================== tile
def test_tile(tf):
    assert_close(tf.tile(tf.tensor([[1, 2], [3, 4]]), [2, 1]), [[1, 2], [3, 4], [1, 2], [3, 4]],
                 dtype="int32")
    assert_close(tf.tile(tf.tensor([[1.0, 2.0]]), [2, 2]), [[1, 2, 1, 2], [1, 2, 1, 2]])
    assert_close(tf.tile(tf.tensor([True, False]), [2]), [True, False, True, False],
                 dtype="bool")
    assert tf.tile(tf.tensor(["a", "b"]), [2]).to_list() == ["a", "b", "a", "b"]
    assert tf.tile(tf.tensor([1.0, 2.0]), [0]).shape == (0,)
    assert_close(tf.tile(tf.scalar(2.0), []), 2.0, shape=())
    assert_close(tf.tile(tf.tensor([[[1.0, 2.0]]]), [2, 1, 2]),
                 [[[1, 2, 1, 2]], [[1, 2, 1, 2]]], shape=(2, 1, 4))
    assert tf.tile(tf.zeros([0, 2]), [3, 2]).shape == (0, 4)
    assert_close(tf.tensor([NAN]).tile([2]), [NAN, NAN])


def test_tile_errors(tf):
    with pytest.raises(ValueError, match="one entry per axis of x \\(rank 1\\)"):
        tf.tile(tf.tensor([1.0, 2.0]), [2, 2])
    with pytest.raises(ValueError, match="non-negative"):
        tf.tile(tf.tensor([1.0, 2.0]), [-1])
    with pytest.raises(TypeError, match="'tile': reps"):
        tf.tile(tf.tensor([1.0, 2.0]), 2)


# ===================================================================== reverse
def test_reverse(tf):
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert_close(tf.reverse(x), [[4, 3], [2, 1]], dtype="float32")
    assert_close(tf.reverse(x, -1), [[2, 1], [4, 3]])
    assert_close(tf.reverse(x, [0, 1]), [[4, 3], [2, 1]])
    assert_close(tf.reverse(x, 0), [[3, 4], [1, 2]])
    assert_close(tf.reverse(x, [0, 0]), [[1, 2], [3, 4]])  # TF.js: reversed twice
    assert_close(tf.reverse(x, []), [[1, 2], [3, 4]])
    assert_close(tf.reverse(tf.scalar(2.0)), 2.0, shape=())
    assert_close(tf.reverse(tf.tensor([1, 2, 3]), 0), [3, 2, 1], dtype="int32")
    assert_close(tf.reverse(tf.tensor([True, False])), [False, True], dtype="bool")
    assert tf.reverse(tf.zeros([0, 2]), 1).shape == (0, 2)
    y = tf.tensor(list(range(8)), [2, 2, 2])
    assert_close(tf.reverse(y, [0, 2]), [[[5, 4], [7, 6]], [[1, 0], [3, 2]]])
    assert_close(tf.tensor([NAN, INF, 1.0]).reverse(), [1.0, INF, NAN])


def test_reverse_errors(tf):
    with pytest.raises(ValueError, match="'reverse': axis 2 is out of range"):
        tf.reverse(tf.zeros([2, 2]), 2)
    with pytest.raises(TypeError, match="'reverse' must be numeric"):
        tf.reverse(tf.tensor(["a", "b"]))


# ===================================================================== unsorted_segment_sum
def test_unsorted_segment_sum_basic(tf):
    x = tf.tensor([-1.484375, 1.859375, -1.578125, -1.203125, -0.6875, 0.453125])
    assert_close(tf.unsorted_segment_sum(x, tf.tensor([2, 1, 2, 0, 2, 1]), 3),
                 [-1.203125, 2.3125, -3.75], dtype="float32", shape=(3,))
    # more segments than ids: empty segments are 0
    assert_close(tf.unsorted_segment_sum(tf.tensor([1.0, 2.0, 3.0]), [0, 0, 0], 1), [6],
                 shape=(1,))
    assert_close(tf.unsorted_segment_sum(tf.tensor([1.0, 2.0]), [0, 1], 4), [1, 2, 0, 0])


def test_unsorted_segment_sum_rank2_and_rank3(tf):
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    assert_close(tf.unsorted_segment_sum(x, [0, 2, 0], 3), [[6, 8], [0, 0], [3, 4]],
                 dtype="float32", shape=(3, 2))
    x3 = tf.tensor([float(v) for v in range(12)], [3, 2, 2])
    assert_close(tf.unsorted_segment_sum(x3, tf.tensor([1, 1, 0]), 2),
                 [[[8, 9], [10, 11]], [[4, 6], [8, 10]]], shape=(2, 2, 2))


def test_unsorted_segment_sum_drops_out_of_range_ids(tf):
    r = tf.unsorted_segment_sum(tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0]), [0, -1, 1, 7, 0], 3)
    assert_close(r, [6, 3, 0], dtype="float32")


def test_unsorted_segment_sum_dtypes(tf):
    # As TF.js's cpu backend: int32 and bool inputs give float32 sums.
    r = tf.unsorted_segment_sum(tf.tensor([[1, 2], [3, 4], [5, 6]]), tf.tensor([1, 1, 0]), 3)
    assert_close(r, [[5, 6], [4, 6], [0, 0]], dtype="float32", shape=(3, 2))
    r = tf.unsorted_segment_sum(tf.tensor([True, False, True]), [0, 0, 1], 2)
    assert_close(r, [1, 1], dtype="float32")


def test_unsorted_segment_sum_empty(tf):
    r = tf.unsorted_segment_sum(tf.zeros([0, 3]), tf.tensor([], dtype="int32"), 2)
    assert_close(r, [[0, 0, 0], [0, 0, 0]], dtype="float32", shape=(2, 3))
    # num_segments = 0 (TensorFlow semantics; TF.js throws an unrelated error)
    r = tf.unsorted_segment_sum(tf.tensor([1.0, 2.0]), [0, 1], 0)
    assert r.shape == (0,) and r.dtype == "float32"


def test_unsorted_segment_sum_nan_inf_stay_in_their_segment(tf):
    # Deliberate difference: TF.js's masked multiply spreads NaN to every segment
    # ([NaN, NaN] for both cases); TensorFlow keeps it in its own segment.
    r = tf.unsorted_segment_sum(tf.tensor([NAN, 2.0, INF]), [0, 1, 1], 2)
    assert_close(r, [NAN, INF])
    r = tf.unsorted_segment_sum(tf.tensor([INF, 1.0, -INF, 2.0]), [0, 1, 0, 1], 2)
    assert_close(r, [NAN, 3])


def test_unsorted_segment_sum_multidim_ids(tf):
    # TensorFlow semantics: segment_ids index the leading dims of x (TF.js mis-sums these).
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert_close(tf.unsorted_segment_sum(x, [[0, 1], [1, 1]], 2), [1, 9], shape=(2,))
    x3 = tf.tensor([float(v) for v in range(8)], [2, 2, 2])
    assert_close(tf.unsorted_segment_sum(x3, [[1, 0], [1, -1]], 2), [[2, 3], [4, 6]])


def test_unsorted_segment_sum_errors(tf):
    x = tf.tensor([1.0, 2.0])
    with pytest.raises(TypeError, match="'segment_ids' passed to 'unsorted_segment_sum' must "
                                        "be int32"):
        tf.unsorted_segment_sum(x, tf.tensor([0.0, 1.0]), 2)
    with pytest.raises(TypeError, match="'unsorted_segment_sum': num_segments must be an int"):
        tf.unsorted_segment_sum(x, [0, 1], 2.5)
    with pytest.raises(ValueError, match="num_segments must be non-negative"):
        tf.unsorted_segment_sum(x, [0, 1], -1)
    with pytest.raises(ValueError, match=r"segment_ids \[3\] must be a non-empty prefix of "
                                         r"the shape of x \[2\]"):
        tf.unsorted_segment_sum(x, [0, 1, 1], 2)
    with pytest.raises(ValueError, match="must be a non-empty prefix"):
        tf.unsorted_segment_sum(x, tf.scalar(0, "int32"), 2)
    with pytest.raises(ValueError, match="'unsorted_segment_sum': x must have rank >= 1"):
        tf.unsorted_segment_sum(tf.scalar(3.0), [0], 2)
    with pytest.raises(TypeError, match="'x' passed to 'unsorted_segment_sum' must be numeric"):
        tf.unsorted_segment_sum(tf.tensor(["a", "b"]), [0, 0], 1)
    with pytest.raises(TypeError, match="does not support complex64"):
        tf.unsorted_segment_sum(tf.complex([1.0], [2.0]), [0], 1)


def test_unsorted_segment_sum_method_and_large(tf):
    r = tf.tensor([1.0, 2.0, 3.0]).unsorted_segment_sum([1, 0, 1], 2)
    assert_close(r, [2, 4])
    n = 1000
    x = tf.ones([n, 3])
    ids = tf.tensor([i % 7 for i in range(n)], dtype="int32")
    r = tf.unsorted_segment_sum(x, ids, 7)
    assert_close(r, [[143.0] * 3] * 6 + [[142.0] * 3])
    tf.dispose([x, ids])


# ===================================================================== memory
def test_ops_do_not_leak(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    before = tf.memory().num_tensors
    outs = [tf.concat([x, [[7.0, 8.0, 9.0]]]), tf.gather(x, [1, 0]), tf.gather_nd(x, [[0, 1]]),
            tf.slice(x, [0, 1]), tf.strided_slice(x, [0], [1]), tf.stack([[1, 2], [3, 4.0]])]
    outs += tf.split(x, 3, 1) + tf.unstack(x)
    assert tf.memory().num_tensors == before + len(outs)
    tf.dispose(outs)
    assert tf.memory().num_tensors == before


def test_small_slice_does_not_pin_large_buffer(tf):
    if tf.get_backend() != "numpy":
        pytest.skip("checks NumPy view ownership")
    from pytfjs.core.engine import ENGINE
    big = tf.zeros([100, 100])
    for t in (tf.slice(big, [3, 0], [1, 100]), tf.strided_slice(big, [3], [4]), big[3],
              tf.unstack(big)[5], tf.split(big, [1, -1])[0]):
        arr = ENGINE.backend.native(t)
        assert arr.base is None or arr.base.nbytes <= 2 * arr.nbytes
    half = tf.split(big, 2)[0]  # half of the buffer: a view is kept, no copy
    assert ENGINE.backend.native(half).base is not None


# ----------------------------------------------------------------------------- NumPy-style indexing
def test_getitem_int_tensor_wraps_negative_indices(tf):
    # x[[-1, 0]] already worked; the same indices as an int32 tensor failed in gather
    x = tf.tensor([[1, 2], [3, 4], [5, 6]])
    idx = tf.tensor([-1, 0])
    assert x[idx].to_list() == [[5, 6], [1, 2]] == x[[-1, 0]].to_list()
    assert x[:, tf.tensor([-1])].to_list() == [[2], [4], [6]]


def test_getitem_numpy_index_arrays(tf):
    np = pytest.importorskip("numpy")
    x = tf.tensor([[1, 2], [3, 4], [5, 6]])
    assert x[np.array([2, -3])].to_list() == [[5, 6], [1, 2]]
    assert x[np.array(1)].to_list() == [3, 4]
    assert x[:, np.array([1], dtype=np.int64)].to_list() == [[2], [4], [6]]
    for mask in (np.array([True, False, True]), [True, False, True]):
        with pytest.raises(TypeError, match="tf.boolean_mask"):
            x[mask]
