"""Transformation ops: cast, reshape, expand_dims, squeeze, pad, mirror_pad, broadcast_to,
space_to_batch_nd, batch_to_space_nd, depth_to_space. Expected values were checked with
TF.js 4.22 (cpu backend)."""
from __future__ import annotations

import math

import pytest

from tests.helpers import assert_close


def _seq(tf, shape, dtype="float32", start=1):  # type: ignore[no-untyped-def]
    n = math.prod(shape)
    return tf.tensor([start + i for i in range(n)], shape, dtype)


# ----------------------------------------------------------------------------- cast
def test_cast(tf):
    assert_close(tf.cast(tf.tensor([1.7, -1.7, math.nan, math.inf]), "int32"), [1, -1, 0, 0],
                 dtype="int32")
    assert_close(tf.cast(tf.tensor([0, 2]), "bool"), [False, True], dtype="bool")
    assert_close(tf.cast(tf.tensor([True, False]), "float32"), [1.0, 0.0], dtype="float32")
    with pytest.raises(TypeError, match="'cast': cannot cast a string tensor to float32"):
        tf.cast(tf.tensor(["a"]), "float32")


# ----------------------------------------------------------------------------- reshape
def test_reshape(tf):
    x = _seq(tf, [2, 3])
    assert_close(tf.reshape(x, [3, -1]), [[1, 2], [3, 4], [5, 6]], shape=(3, 2))
    assert_close(x.reshape([6]), [1, 2, 3, 4, 5, 6])
    assert_close(tf.reshape(tf.tensor([7]), []), 7, shape=())
    assert tf.reshape(tf.tensor([], dtype="float32"), [2, -1]).shape == (2, 0)
    assert_close(tf.reshape(tf.tensor([True, False, True, True]), [2, 2]),
                 [[True, False], [True, True]], dtype="bool")
    assert_close(tf.reshape(tf.tensor(["a", "b"]), [2, 1]), [["a"], ["b"]], dtype="string")
    assert_close(tf.reshape([[1, 2], [3, 4]], (4,)), [1, 2, 3, 4], dtype="int32")


def test_reshape_bad_args(tf):
    x = _seq(tf, [3])
    with pytest.raises(ValueError, match="'reshape': the input of 3 elements cannot be reshaped"):
        tf.reshape(x, [2, -1])
    with pytest.raises(ValueError, match="more than one unknown dimension"):
        tf.reshape(x, [-1, -1])
    with pytest.raises(ValueError, match="cannot be reshaped to \\[2, 2\\]"):
        tf.reshape(x, [2, 2])
    with pytest.raises(ValueError, match="0 elements cannot be reshaped"):
        tf.reshape(tf.zeros([0]), [0, -1])
    with pytest.raises(TypeError, match="'reshape': shape must be a list of ints"):
        tf.reshape(x, "3")


# ----------------------------------------------------------------------------- expand/squeeze
def test_expand_dims(tf):
    x = _seq(tf, [2, 3])
    assert tf.expand_dims(x).shape == (1, 2, 3)
    assert tf.expand_dims(x, 1).shape == (2, 1, 3)
    assert tf.expand_dims(x, 2).shape == (2, 3, 1)
    assert tf.expand_dims(x, -1).shape == (2, 3, 1)
    assert tf.expand_dims(x, -3).shape == (1, 2, 3)
    assert_close(tf.expand_dims(tf.scalar(4), 0), [4], dtype="int32")
    assert_close(tf.tensor([1, 2, 3]).expand_dims(1), [[1], [2], [3]])
    assert tf.expand_dims(tf.zeros([0]), 0).shape == (1, 0)


def test_expand_dims_bad_axis(tf):
    x = _seq(tf, [3])
    with pytest.raises(ValueError, match=r"'expand_dims': axis 2 is out of range for a tensor "
                                         r"of rank 1 \(expected -2 <= axis <= 1\)"):
        tf.expand_dims(x, 2)
    with pytest.raises(ValueError, match="'expand_dims': axis -3 is out of range"):
        tf.expand_dims(x, -3)
    with pytest.raises(TypeError, match="'expand_dims': axis must be an int"):
        tf.expand_dims(x, 0.5)


def test_squeeze(tf):
    x = _seq(tf, [1, 3, 1])
    assert_close(tf.squeeze(x), [1, 2, 3], shape=(3,))
    assert tf.squeeze(x, [0]).shape == (3, 1)
    assert tf.squeeze(x, 0).shape == (3, 1)
    assert tf.squeeze(x, [-1, 0]).shape == (3,)
    assert tf.squeeze(x, []).shape == (3,)
    assert tf.squeeze(_seq(tf, [1, 1])).shape == ()
    assert tf.squeeze(_seq(tf, [2, 3])).shape == (2, 3)
    assert tf.squeeze(tf.scalar(1.0)).shape == ()
    assert tf.squeeze(tf.zeros([1, 0])).shape == (0,)
    assert x.squeeze([2]).shape == (1, 3)


def test_squeeze_bad_axis(tf):
    with pytest.raises(ValueError, match="'squeeze': cannot squeeze axis 1 since its size is 3"):
        tf.squeeze(_seq(tf, [1, 3]), [1])
    with pytest.raises(ValueError, match="'squeeze': axis 3 is out of range"):
        tf.squeeze(_seq(tf, [1, 3, 1]), [3])


# ----------------------------------------------------------------------------- pad
def test_pad(tf):
    x = tf.tensor([[1, 2], [3, 4]])
    assert_close(tf.pad(x, [[1, 0], [0, 2]]), [[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]],
                 dtype="int32")
    assert_close(tf.pad(_seq(tf, [2, 1, 2]), [[0, 0], [1, 1], [2, 0]], -1.5),
                 [[[-1.5] * 4, [-1.5, -1.5, 1, 2], [-1.5] * 4],
                  [[-1.5] * 4, [-1.5, -1.5, 3, 4], [-1.5] * 4]], dtype="float32")
    # the constant is stored as the tensor's dtype stores it (TF.js: int32 truncates)
    assert_close(tf.pad(tf.tensor([1, 2]), [[1, 2]], 2.7), [2, 1, 2, 2, 2], dtype="int32")
    assert_close(tf.pad(tf.tensor([True]), [[1, 1]], 1), [True, True, True], dtype="bool")
    assert_close(tf.pad(tf.tensor([1.0]), [[1, 0]], math.nan), [math.nan, 1.0])
    assert_close(tf.pad(tf.zeros([0, 2]), [[1, 1], [0, 0]], 3), [[3, 3], [3, 3]])
    assert_close(tf.pad(tf.tensor([1.0, 2.0]), [[0, 0]]), [1.0, 2.0])
    assert_close(tf.tensor([5]).pad([[0, 1]]), [5, 0])


def test_pad_bad_args(tf):
    with pytest.raises(ValueError, match=r"'pad': pad\(scalar\) is not defined"):
        tf.pad(tf.scalar(1.0), [])
    with pytest.raises(ValueError, match="'pad': paddings must have one \\[before, after\\] pair "
                                         "for each of the 2 dimensions, got 1"):
        tf.pad(tf.zeros([1, 2]), [[1, 1]])
    with pytest.raises(ValueError, match="'pad': paddings\\[0\\] must be non-negative"):
        tf.pad(tf.zeros([2]), [[-1, 1]])
    with pytest.raises(ValueError, match="'pad': paddings\\[0\\] must be a pair"):
        tf.pad(tf.zeros([2]), [[1, 1, 1]])
    with pytest.raises(TypeError, match="'x' passed to 'pad' must be numeric tensor"):
        tf.pad(tf.tensor(["a"]), [[1, 1]])


def test_mirror_pad(tf):
    x = _seq(tf, [2, 3])
    assert_close(tf.mirror_pad(x, [[1, 1], [2, 2]], "reflect"),
                 [[6, 5, 4, 5, 6, 5, 4], [3, 2, 1, 2, 3, 2, 1], [6, 5, 4, 5, 6, 5, 4],
                  [3, 2, 1, 2, 3, 2, 1]], shape=(4, 7))
    assert_close(tf.mirror_pad(x, [[2, 2], [3, 3]], "symmetric"),
                 [[6, 5, 4, 4, 5, 6, 6, 5, 4], [3, 2, 1, 1, 2, 3, 3, 2, 1],
                  [3, 2, 1, 1, 2, 3, 3, 2, 1], [6, 5, 4, 4, 5, 6, 6, 5, 4],
                  [6, 5, 4, 4, 5, 6, 6, 5, 4], [3, 2, 1, 1, 2, 3, 3, 2, 1]], shape=(6, 9))
    assert_close(tf.mirror_pad(_seq(tf, [3, 1, 2], "int32"), [[2, 0], [0, 0], [1, 1]],
                               "reflect"),
                 [[[6, 5, 6, 5]], [[4, 3, 4, 3]], [[2, 1, 2, 1]], [[4, 3, 4, 3]],
                  [[6, 5, 6, 5]]], dtype="int32")
    assert_close(tf.mirror_pad(tf.tensor([1, 2, 3]), [[2, 1]], "symmetric"), [2, 1, 1, 2, 3, 3])
    assert_close(tf.mirror_pad(tf.tensor([1.0, 2.0]), [[0, 0]], "reflect"), [1.0, 2.0])


def test_mirror_pad_bad_args(tf):
    x = _seq(tf, [2, 3])
    with pytest.raises(ValueError, match="'mirror_pad': mode must be 'reflect' or 'symmetric'"):
        tf.mirror_pad(x, [[1, 1], [1, 1]], "edge")
    with pytest.raises(ValueError, match="'mirror_pad': paddings\\[0\\] \\[2, 2\\] must be at "
                                         "most 1 for dimension 0 of size 2 in mode 'reflect'"):
        tf.mirror_pad(x, [[2, 2], [1, 1]], "reflect")
    with pytest.raises(ValueError, match="must be at most 3 for dimension 1"):
        tf.mirror_pad(x, [[0, 0], [4, 0]], "symmetric")
    with pytest.raises(ValueError, match="'mirror_pad': mirror_pad\\(scalar\\) is not defined"):
        tf.mirror_pad(tf.scalar(1.0), [], "reflect")


# ----------------------------------------------------------------------------- broadcast_to
def test_broadcast_to(tf):
    assert_close(tf.broadcast_to(tf.tensor([1, 2, 3]), [2, 3]), [[1, 2, 3], [1, 2, 3]],
                 dtype="int32")
    t = tf.broadcast_to(_seq(tf, [2, 1]), [3, 2, 4])
    assert t.shape == (3, 2, 4) and t.to_list()[2] == [[1.0] * 4, [2.0] * 4]
    assert_close(tf.broadcast_to(tf.tensor([True]), [2, 2]), [[True, True], [True, True]])
    assert_close(tf.broadcast_to(tf.tensor([[1, 2], [3, 4]]), [2, 2]), [[1, 2], [3, 4]])
    assert tf.broadcast_to(tf.tensor([1.0]), [0, 3]).shape == (0, 3)
    assert_close(tf.broadcast_to(tf.scalar(5), [2]), [5, 5])
    # the result is usable by later ops (a read-only view underneath)
    assert_close(tf.reshape(tf.broadcast_to(tf.tensor([1, 2]), [2, 2]), [4]), [1, 2, 1, 2])


def test_broadcast_to_bad_args(tf):
    with pytest.raises(ValueError, match=r"'broadcast_to': shape \[3\] cannot be broadcast to "
                                         r"\[2, 2\]"):
        tf.broadcast_to(tf.tensor([1, 2, 3]), [2, 2])
    with pytest.raises(ValueError, match="'broadcast_to': shape \\[3\\] has rank 1, less than"):
        tf.broadcast_to(_seq(tf, [1, 3]), [3])
    with pytest.raises(TypeError, match="'x' passed to 'broadcast_to' must be numeric tensor"):
        tf.broadcast_to(tf.tensor(["a", "b"]), [2, 2])
    with pytest.raises(ValueError, match="'broadcast_to': shape must be non-negative"):
        tf.broadcast_to(tf.tensor([1]), [-1])


# ----------------------------------------------------------------------------- space/batch/depth
def test_space_to_batch_nd(tf):
    out = tf.space_to_batch_nd(_seq(tf, [1, 2, 3, 2]), [2, 2], [[0, 0], [0, 1]])
    assert_close(out, [[[[1, 2], [5, 6]]], [[[3, 4], [0, 0]]], [[[7, 8], [11, 12]]],
                       [[[9, 10], [0, 0]]]], shape=(4, 1, 2, 2))
    assert_close(tf.space_to_batch_nd(_seq(tf, [1, 3, 2]), [2], [[1, 0]]),
                 [[[0, 0], [3, 4]], [[1, 2], [5, 6]]], shape=(2, 2, 2))
    t = tf.space_to_batch_nd(_seq(tf, [2, 2, 4, 3], "int32"), [2, 2], [[1, 1], [2, 2]])
    assert t.shape == (8, 2, 4, 3) and t.dtype == "int32"
    # round trip
    x = _seq(tf, [2, 4, 4, 1])
    back = tf.batch_to_space_nd(tf.space_to_batch_nd(x, [2, 2], [[0, 0], [0, 0]]), [2, 2],
                                [[0, 0], [0, 0]])
    assert back.to_list() == x.to_list()


def test_batch_to_space_nd(tf):
    assert_close(tf.batch_to_space_nd(_seq(tf, [4, 1, 1, 2]), [2, 2], [[0, 0], [0, 1]]),
                 [[[[1, 2]], [[5, 6]]]], shape=(1, 2, 1, 2))
    assert_close(tf.batch_to_space_nd(_seq(tf, [4, 2, 2]), [2], [[1, 0]]),
                 [[[9, 10], [3, 4], [11, 12]], [[13, 14], [7, 8], [15, 16]]], shape=(2, 3, 2))
    out = tf.batch_to_space_nd(_seq(tf, [8, 1, 3, 2]), [2, 2], [[0, 0], [2, 0]])
    assert out.shape == (2, 2, 4, 2)
    assert out.to_list()[0][0] == [[3, 4], [15, 16], [5, 6], [17, 18]]


def test_space_batch_bad_args(tf):
    with pytest.raises(ValueError, match="'space_to_batch_nd': spatial dimension 1 of size 3 "
                                         "padded by \\[0, 0\\] is not divisible"):
        tf.space_to_batch_nd(_seq(tf, [1, 2, 3, 1]), [2, 2], [[0, 0], [0, 0]])
    with pytest.raises(ValueError, match="'space_to_batch_nd': input rank 2 should be >"):
        tf.space_to_batch_nd(_seq(tf, [2, 2]), [2, 2], [[0, 0], [0, 0]])
    with pytest.raises(ValueError, match="'batch_to_space_nd': the batch size 3 is not divisible"):
        tf.batch_to_space_nd(_seq(tf, [3, 1, 1, 1]), [2, 2], [[0, 0], [0, 0]])
    with pytest.raises(ValueError, match="'batch_to_space_nd': crops must have one"):
        tf.batch_to_space_nd(_seq(tf, [4, 1, 1, 1]), [2, 2], [[0, 0]])


def test_depth_to_space(tf):
    assert_close(tf.depth_to_space(_seq(tf, [1, 1, 2, 4]), 2),
                 [[[[1], [2], [5], [6]], [[3], [4], [7], [8]]]], shape=(1, 2, 4, 1))
    out = tf.depth_to_space(_seq(tf, [2, 2, 3, 8]), 2)
    assert out.shape == (2, 4, 6, 2)
    assert out.to_list()[0][0] == [[1, 2], [3, 4], [9, 10], [11, 12], [17, 18], [19, 20]]
    assert tf.depth_to_space(_seq(tf, [1, 2, 2, 18], "int32"), 3).shape == (1, 6, 6, 2)
    # NCHW is the NHWC result transposed
    nchw = tf.depth_to_space(tf.tensor([1, 2, 3, 4, 5, 6, 7, 8], [1, 8, 1, 1]), 2, "NCHW")
    assert_close(nchw, [[[[1, 3], [5, 7]], [[2, 4], [6, 8]]]], shape=(1, 2, 2, 2))
    nhwc = tf.depth_to_space(tf.tensor([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 8]), 2)
    assert_close(nhwc, [[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]])


def test_depth_to_space_bad_args(tf):
    x = _seq(tf, [1, 1, 1, 4])
    with pytest.raises(ValueError, match="'depth_to_space': block_size must be an int > 1"):
        tf.depth_to_space(x, 1)
    with pytest.raises(ValueError, match="'depth_to_space': the depth 4 must be divisible by "
                                         "block_size \\* block_size = 9"):
        tf.depth_to_space(x, 3)
    with pytest.raises(ValueError, match="'depth_to_space': x must be rank 4"):
        tf.depth_to_space(_seq(tf, [4]), 2)
    with pytest.raises(ValueError, match="'depth_to_space': data_format must be"):
        tf.depth_to_space(x, 2, "NCWH")


def test_cast_float_to_int32_wraps_like_js_int32(tf):
    # Oracle (TF.js 4.22 cpu): Int32Array semantics — truncate, NaN/Inf -> 0, wrap mod 2**32.
    t = tf.tensor([3e9, -3e9, 1e30, float("nan"), float("inf"), 2.7, -2.7])
    assert tf.cast(t, "int32").to_list() == [-1294967296, 1294967296, 0, 0, 0, 2, -2]


def test_numpy_int_shapes_and_axes(tf):
    np = pytest.importorskip("numpy")
    x = tf.range(0, 12, 1, "int32")
    assert tf.reshape(x, [np.int64(3), -1]).shape == (3, 4)
    assert tf.reshape(x, np.array([2, 6])).shape == (2, 6)
    assert tf.expand_dims(x, np.int64(0)).shape == (1, 12)
