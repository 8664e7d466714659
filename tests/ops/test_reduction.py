"""Reductions and scans. Expected values were recorded with TF.js 4.22 (cpu backend)."""
from __future__ import annotations

import math

import pytest

from tests.helpers import assert_close

NAN = math.nan
INF = math.inf
X = [[1.5, -2.0, 3.0], [4.0, 0.5, -6.0]]


def r24(tf, shape):  # noqa: ANN001, ANN201 - tf.range(0, 24).reshape(shape) as float32
    n = 1
    for d in shape:
        n *= d
    return tf.tensor([float(i) for i in range(n)], shape, "float32")


# ----------------------------------------------------------------------------- sum
def test_sum_axes(tf):
    x = tf.tensor(X)
    assert_close(tf.sum(x), 1.0, dtype="float32", shape=())
    assert_close(tf.sum(x, 0), [5.5, -1.5, -3.0], shape=(3,))
    assert_close(tf.sum(x, -1, True), [[2.5], [-1.5]], shape=(2, 1))
    assert_close(tf.sum(x, [1, 0]), 1.0, shape=())
    assert_close(tf.sum(x, None, True), [[1.0]], shape=(1, 1))
    assert_close(tf.sum(x, []), X, shape=(2, 3))
    assert_close(tf.sum(r24(tf, [2, 3, 4]), [0, 2]), [60.0, 92.0, 124.0])
    assert_close(x.sum(1), [2.5, -1.5])  # chained method


def test_sum_dtypes(tf):
    assert_close(tf.sum(tf.tensor([[1, 2], [3, 4]]), 1), [3, 7], dtype="int32")
    assert_close(tf.sum(tf.tensor([True, False, True])), 2, dtype="int32", shape=())
    assert_close(tf.sum(tf.tensor([True, False]), 0, True), [1], dtype="int32", shape=(1,))
    # int32 wraps like TF.js (NumPy would promote to int64)
    assert_close(tf.sum(tf.tensor([2147483647, 1])), -2147483648, dtype="int32")
    assert_close(tf.sum([[1.0, 2.0]]), 3.0, dtype="float32")  # TensorLike input
    assert_close(tf.sum(tf.tensor([1 + 2j, 3 - 1j])), 4 + 1j, dtype="complex64")


def test_sum_empty_scalar_special(tf):
    assert_close(tf.sum(tf.tensor([], [0], "float32")), 0.0, shape=())
    assert_close(tf.sum(tf.tensor([], [0, 4], "float32"), 0), [0.0] * 4, shape=(4,))
    assert_close(tf.sum(tf.tensor([], [0, 4], "float32"), 1), [], shape=(0,))
    assert_close(tf.sum(tf.scalar(3.0)), 3.0, shape=())
    assert_close(tf.sum(tf.scalar(3.0), None, True), 3.0, shape=())
    assert_close(tf.sum(tf.tensor([1.0, INF, 2.0])), INF)
    assert_close(tf.sum(tf.tensor([1.0, INF, -INF])), NAN)
    assert_close(tf.sum(tf.tensor([[1.0, NAN], [2.0, 3.0]]), 1), [NAN, 5.0])


def test_sum_errors(tf):
    x = tf.tensor(X)
    with pytest.raises(ValueError, match=r"'sum': axis 2 is out of range for a tensor of rank 2"):
        tf.sum(x, 2)
    with pytest.raises(ValueError, match=r"'sum': axis -3 is out of range"):
        tf.sum(x, [0, -3])
    with pytest.raises(ValueError, match=r"'sum': axis \[0, 0\] repeats an axis"):
        tf.sum(x, [0, 0])
    with pytest.raises(TypeError, match=r"'x' passed to 'sum' must be numeric"):
        tf.sum(tf.tensor(["a", "b"]))
    with pytest.raises(TypeError, match=r"'sum': keep_dims must be a bool"):
        tf.sum(x, 0, 1)


# ----------------------------------------------------------------------------- mean
def test_mean(tf):
    x = tf.tensor(X)
    assert_close(tf.mean(x), 0.1666666865348816, dtype="float32", shape=())
    assert_close(tf.mean(x, 0, True), [[2.75, -0.75, -1.5]], shape=(1, 3))
    assert_close(tf.mean(tf.tensor([[1, 2], [3, 4]]), 1), [1.5, 3.5], dtype="float32")
    assert_close(tf.mean(tf.tensor([[True, False], [True, True]]), 1), [0.5, 1.0],
                 dtype="float32")
    assert_close(tf.mean(tf.tensor([16777217, 16777219])), 16777218.0, dtype="float32")
    assert_close(tf.mean(tf.tensor([1.0, NAN])), NAN)
    assert_close(tf.mean(tf.tensor([], [0], "float32")), 0.0, shape=())  # TF.js: 0, not NaN
    assert_close(tf.mean(tf.tensor([], [0, 3], "float32"), 0), [0.0, 0.0, 0.0])
    assert_close(tf.mean(tf.tensor([], [0, 3], "float32"), 1), [], shape=(0,))
    with pytest.raises(ValueError, match="'mean': axis 1 is out of range"):
        tf.mean(tf.tensor([1.0]), 1)


# ----------------------------------------------------------------------------- max / min
def test_max_min(tf):
    x = tf.tensor(X)
    assert_close(tf.max(x), 4.0, dtype="float32", shape=())
    assert_close(tf.max(x, 1), [3.0, 4.0])
    assert_close(tf.min(x, 0, True), [[1.5, -2.0, -6.0]], shape=(1, 3))
    assert_close(tf.min(x, -1), [-2.0, -6.0])
    assert_close(tf.max(tf.tensor([[3, -1], [7, 2]]), -1), [3, 7], dtype="int32")
    assert_close(tf.min(tf.tensor([[True, False], [True, True]]), 1), [False, True],
                 dtype="bool")
    assert_close(tf.max(tf.tensor([[True, False], [False, False]]), 1), [True, False],
                 dtype="bool")
    assert_close(tf.max(tf.tensor([-INF, -INF])), -INF)
    assert_close(tf.min(tf.tensor([INF, 3.0])), 3.0)
    assert_close(tf.max(tf.scalar(3.0)), 3.0, shape=())


def test_max_min_nan_and_empty(tf):
    # NaN propagates wherever it is
    assert_close(tf.max(tf.tensor([1.0, NAN, 3.0, 2.0])), NAN)
    assert_close(tf.max(tf.tensor([NAN, 1.0])), NAN)
    assert_close(tf.min(tf.tensor([[1.0, NAN], [0.0, 2.0]]), 1), [NAN, 0.0])
    # empty reductions: NaN for float32, 0 for int32, False for bool (TF.js cpu)
    assert_close(tf.max(tf.tensor([], [0], "float32")), NAN, shape=())
    assert_close(tf.min(tf.tensor([], [0], "float32")), NAN, shape=())
    assert_close(tf.max(tf.tensor([], [0, 3], "float32"), 0), [NAN, NAN, NAN])
    assert_close(tf.max(tf.tensor([], [3, 0], "float32"), 1), [NAN, NAN, NAN])
    assert_close(tf.max(tf.tensor([], [0, 3], "float32"), 1), [], shape=(0,))
    assert_close(tf.max(tf.tensor([], [0], "int32")), 0, dtype="int32")
    assert_close(tf.min(tf.tensor([], [0], "bool")), False, dtype="bool")


def test_max_errors(tf):
    with pytest.raises(TypeError, match="'max' does not support complex64"):
        tf.max(tf.tensor([1 + 1j]))
    with pytest.raises(ValueError, match="'min': axis 1 is out of range"):
        tf.min(tf.tensor([1.0, 2.0]), 1)


# ----------------------------------------------------------------------------- prod
def test_prod(tf):
    x = tf.tensor(X)
    assert_close(tf.prod(x), 108.0, dtype="float32")
    assert_close(tf.prod(x, 1), [-9.0, -12.0])
    assert_close(tf.prod(tf.tensor([[1, 2], [3, 4]]), 0), [3, 8], dtype="int32")
    assert_close(tf.prod(tf.tensor([True, True])), 1, dtype="int32")
    assert_close(tf.prod(tf.tensor([True, False])), 0, dtype="int32")
    assert_close(tf.prod(tf.tensor([100000, 100000])), 1410065408, dtype="int32")  # wraps
    assert_close(tf.prod(tf.tensor([], [0], "float32")), 1.0, shape=())
    assert_close(tf.prod(tf.tensor([], [0, 3], "int32"), 0), [1, 1, 1], dtype="int32")
    assert_close(tf.prod(tf.tensor([2.0, NAN])), NAN)


# ----------------------------------------------------------------------------- any / all
def test_any_all(tf):
    b = tf.tensor([[True, False], [False, False]])
    assert_close(tf.any(b, 0), [True, False], dtype="bool")
    assert_close(tf.any(b), True, shape=())
    assert_close(tf.all(tf.tensor([[True, False], [True, True]]), -1, True), [[False], [True]],
                 shape=(2, 1))
    assert_close(tf.all(tf.tensor([True, True])), True)
    # empty: both False (TF.js cpu starts `all` from the missing first element)
    assert_close(tf.any(tf.tensor([], [0], "bool")), False)
    assert_close(tf.all(tf.tensor([], [0], "bool")), False)
    assert_close(tf.all(tf.tensor([], [0, 3], "bool"), 0), [False] * 3)
    with pytest.raises(TypeError, match="'x' passed to 'all' must be bool tensor, but got float32"):
        tf.all(tf.tensor([1.0, 2.0]))
    with pytest.raises(TypeError, match="'x' passed to 'any' must be bool tensor, but got int32"):
        tf.any(tf.tensor([1, 0]))


# ----------------------------------------------------------------------------- arg_max / arg_min
def test_arg_max_min(tf):
    x = tf.tensor(X)
    assert_close(tf.arg_max(x), [1, 1, 0], dtype="int32")
    assert_close(tf.arg_max(x, -1), [2, 0], dtype="int32")
    assert_close(tf.arg_min(x), [0, 0, 1], dtype="int32")
    assert_close(tf.arg_min(x, 1), [1, 2], dtype="int32")
    assert_close(tf.arg_max(x, [1]), [2, 0])  # TF.js also takes [axis]
    assert_close(tf.arg_max(tf.tensor([[1, 5, 5], [2, 2, 1]]), 1), [1, 0])  # first on ties
    assert_close(tf.arg_min(tf.tensor([True, False, False])), 1, shape=())
    x3 = tf.tensor([float(i % 5) for i in range(24)], [2, 3, 4])
    assert_close(tf.arg_max(x3, 1), [[1, 2, 0, 0], [0, 0, 0, 1]], shape=(2, 4))
    assert_close(tf.arg_max(tf.tensor([-INF, INF, INF])), 1)


def test_arg_max_min_nan_empty(tf):
    # NaN is skipped unless it is the first element
    assert_close(tf.arg_max(tf.tensor([1.0, NAN, 3.0, 2.0])), 2)
    assert_close(tf.arg_max(tf.tensor([NAN, 1.0, 3.0, 2.0])), 0)
    nan2d = [[NAN, 5.0, 1.0], [1.0, NAN, 4.0], [NAN, NAN, NAN]]
    assert_close(tf.arg_max(tf.tensor(nan2d), 1), [0, 2, 0])
    assert_close(tf.arg_min(tf.tensor([[NAN, 5.0, 1.0], [1.0, NAN, -4.0], [NAN, NAN, NAN]]), 1),
                 [0, 2, 0])
    assert_close(tf.arg_min(tf.tensor([1.0, NAN, 0.0, 2.0])), 2)
    assert_close(tf.arg_max(tf.tensor([-INF, NAN, -INF])), 0)
    assert_close(tf.arg_max(tf.tensor([], [0], "float32")), 0, dtype="int32", shape=())
    assert_close(tf.arg_max(tf.tensor([], [3, 0], "float32"), 1), [0, 0, 0])
    assert_close(tf.arg_min(tf.tensor([], [0, 3], "float32"), 1), [], shape=(0,))


def test_arg_max_errors(tf):
    with pytest.raises(ValueError, match=r"'arg_max': axis 2 is out of range for a tensor of "
                                         r"rank 2"):
        tf.arg_max(tf.tensor(X), 2)
    with pytest.raises(ValueError, match="'arg_min': x must have rank >= 1"):
        tf.arg_min(tf.scalar(1.0))
    with pytest.raises(ValueError, match="'arg_max': axis must be a single int"):
        tf.arg_max(tf.tensor(X), [0, 1])
    with pytest.raises(TypeError, match="'arg_max' does not support complex64"):
        tf.arg_max(tf.tensor([1j]))


# ----------------------------------------------------------------------------- log_sum_exp
def test_log_sum_exp(tf):
    x = tf.tensor(X)
    assert_close(tf.log_sum_exp(x), 4.393855094909668, dtype="float32", shape=())
    assert_close(tf.log_sum_exp(x, 1), [3.206906795501709, 4.029794692993164])
    assert_close(tf.log_sum_exp(x, 0, True),
                 [[4.078889846801758, 0.5788897275924683, 3.0001232624053955]], shape=(1, 3))
    assert_close(tf.log_sum_exp(tf.tensor([[1000.0, 1001.0], [-1000.0, -1000.0]]), -1),
                 [1001.313232421875, -999.3068237304688])
    assert_close(tf.log_sum_exp(tf.tensor([[1, 2], [3, 4]]), 1),
                 [2.3132617473602295, 4.31326150894165], dtype="float32")
    assert_close(tf.log_sum_exp(tf.scalar(2.5)), 2.5, shape=())


def test_log_sum_exp_special(tf):
    # as TF.js: a row of -inf gives NaN (-inf - -inf), +inf gives NaN
    assert_close(tf.log_sum_exp(tf.tensor([[-INF, -INF], [-INF, 0.0]]), 1), [NAN, 0.0])
    assert_close(tf.log_sum_exp(tf.tensor([INF, 1.0])), NAN)
    assert_close(tf.log_sum_exp(tf.tensor([NAN, 1.0])), NAN)
    assert_close(tf.log_sum_exp(tf.tensor([], [0], "float32")), NAN, shape=())
    with pytest.raises(ValueError, match="'log_sum_exp': axis 1 is out of range"):
        tf.log_sum_exp(tf.tensor([1.0]), 1)


# ----------------------------------------------------------------------------- cumsum / cumprod
def test_cumsum(tf):
    x = tf.tensor(X)
    assert_close(tf.cumsum(x), [[1.5, -2.0, 3.0], [5.5, -1.5, -3.0]], dtype="float32")
    assert_close(tf.cumsum(x, 1), [[1.5, -0.5, 2.5], [4.0, 4.5, -1.5]])
    assert_close(tf.cumsum(x, 1, True), [[0.0, 1.5, -0.5], [0.0, 4.0, 4.5]])
    assert_close(tf.cumsum(x, 1, False, True), [[2.5, 1.0, 3.0], [-1.5, -5.5, -6.0]])
    assert_close(tf.cumsum(x, 1, True, True), [[1.0, 3.0, 0.0], [-5.5, -6.0, 0.0]])
    assert_close(tf.cumsum(x, -1, exclusive=True, reverse=True),
                 [[1.0, 3.0, 0.0], [-5.5, -6.0, 0.0]])  # negative axis (TF.js 4.22 fails)
    assert_close(tf.cumsum(r24(tf, [2, 3, 2]), 1, True, True),
                 [[[6.0, 8.0], [4.0, 5.0], [0.0, 0.0]], [[18.0, 20.0], [10.0, 11.0], [0.0, 0.0]]])
    assert_close(tf.cumsum(tf.tensor([[1, 2], [3, 4]]), 0, True), [[0, 0], [1, 2]],
                 dtype="int32")
    assert_close(tf.cumsum(tf.tensor([True, False, True])), [1, 1, 2], dtype="int32")
    assert_close(tf.cumsum(tf.tensor([INF, -INF, 1.0])), [INF, NAN, NAN])
    assert_close(tf.cumsum(tf.tensor([], [0], "float32")), [], shape=(0,))
    assert_close(tf.cumsum(tf.tensor([], [2, 0], "float32"), 1, True), [[], []], shape=(2, 0))


def test_cumprod(tf):
    x = tf.tensor(X)
    assert_close(tf.cumprod(x), [[1.5, -2.0, 3.0], [6.0, -1.0, -18.0]], dtype="float32")
    assert_close(tf.cumprod(x, 1), [[1.5, -3.0, -9.0], [4.0, 2.0, -12.0]])
    assert_close(tf.cumprod(x, 1, True), [[1.0, 1.5, -3.0], [1.0, 4.0, 2.0]])
    assert_close(tf.cumprod(x, 1, False, True), [[-9.0, -6.0, 3.0], [-12.0, -3.0, -6.0]])
    assert_close(tf.cumprod(x, 1, True, True), [[-6.0, 3.0, 1.0], [-3.0, -6.0, 1.0]])
    assert_close(tf.cumprod(tf.tensor([[1, 2], [3, 4]]), 1, False, True), [[2, 2], [12, 4]],
                 dtype="int32")
    assert_close(tf.cumprod(tf.tensor([True, False, True])), [1, 0, 0], dtype="int32")
    assert_close(tf.cumprod(tf.tensor([2.0, NAN, 3.0])), [2.0, NAN, NAN])
    assert_close(tf.cumprod(tf.tensor([1.0, 2.0, 3.0, 4.0]), 0, True, True),
                 [24.0, 12.0, 4.0, 1.0])


def test_scan_errors(tf):
    with pytest.raises(ValueError, match="'cumsum': x must have rank >= 1"):
        tf.cumsum(tf.scalar(3.0))
    with pytest.raises(ValueError, match=r"'cumprod': axis 2 is out of range for a tensor of "
                                         r"rank 2"):
        tf.cumprod(tf.tensor(X), 2)
    with pytest.raises(TypeError, match="'cumsum': exclusive and reverse must be bools"):
        tf.cumsum(tf.tensor([1.0]), 0, 1)
    with pytest.raises(TypeError, match="'x' passed to 'cumsum' must be numeric"):
        tf.cumsum(tf.tensor(["a"]))
