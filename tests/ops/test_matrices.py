"""mat_mul, dot, outer_product, transpose, norm. Expected values were recorded with TF.js 4.22
(cpu backend) unless a comment says otherwise."""
from __future__ import annotations

import math

import pytest

from tests.helpers import assert_close

NAN = math.nan
INF = math.inf
A = [[1.5, -2.0, 3.0], [4.0, 0.5, -6.0]]
B = [[1.0, 2.0], [-1.0, 0.5], [2.0, -3.0]]


def rng(tf, shape):  # noqa: ANN001, ANN201 - tf.range(0, n).reshape(shape) as float32
    n = 1
    for d in shape:
        n *= d
    return tf.tensor([float(i) for i in range(n)], shape, "float32")


# ----------------------------------------------------------------------------- mat_mul
def test_mat_mul_transposes(tf):
    a, b = tf.tensor(A), tf.tensor(B)
    assert_close(tf.mat_mul(a, b), [[9.5, -7.0], [-8.5, 26.25]], dtype="float32", shape=(2, 2))
    assert_close(tf.mat_mul(a, a, True),
                 [[18.25, -1.0, -19.5], [-1.0, 4.25, -9.0], [-19.5, -9.0, 45.0]], shape=(3, 3))
    assert_close(tf.mat_mul(a, a, False, True), [[15.25, -13.0], [-13.0, 52.25]])
    assert_close(tf.mat_mul(b, a, True, True), [[9.5, -8.5], [-7.0, 26.25]])
    assert_close(tf.mat_mul(a, b, transpose_a=False, transpose_b=False),
                 [[9.5, -7.0], [-8.5, 26.25]])
    assert_close(a @ b, [[9.5, -7.0], [-8.5, 26.25]])
    assert_close(a.mat_mul(b), [[9.5, -7.0], [-8.5, 26.25]])
    assert_close(tf.mat_mul([[1.5, -2.0]], [[1.0], [1.0]]), [[-0.5]])  # TensorLike inputs


def test_mat_mul_dtypes(tf):
    ints = tf.tensor([[1, 2], [3, 4]])
    assert_close(tf.mat_mul(ints, tf.tensor([[5], [6]])), [[17], [39]], dtype="int32")
    assert_close(tf.mat_mul(ints, tf.tensor([[0.5], [0.25]])), [[1.0], [2.5]], dtype="float32")
    assert_close(tf.mat_mul(tf.tensor([[100000, 1]]), tf.tensor([[100000], [1]])),
                 [[1410065409]], dtype="int32")  # wraps like TF.js
    assert_close(tf.mat_mul(tf.tensor([[True, False], [True, True]]), tf.tensor([[False], [True]])),
                 [[False], [True]], dtype="bool")
    # complex64: not in TF.js's cpu backend; values from the definition
    c = tf.mat_mul(tf.tensor([[1 + 3j, 2 + 4j]]), tf.tensor([[1 + 3j], [2 + 4j]]))
    assert_close(c, [[(1 + 3j) ** 2 + (2 + 4j) ** 2]], dtype="complex64")


def test_mat_mul_batched(tf):
    assert_close(tf.mat_mul(rng(tf, [2, 2, 3]), rng(tf, [3, 2])),
                 [[[10.0, 13.0], [28.0, 40.0]], [[46.0, 67.0], [64.0, 94.0]]], shape=(2, 2, 2))
    # both operands broadcast: TF.js 4.22's cpu kernel fails here; values from the definition
    out = tf.mat_mul(rng(tf, [2, 1, 2, 2]), rng(tf, [3, 2, 2]))
    assert out.shape == (2, 3, 2, 2)
    assert_close(out, [[[[2.0, 3.0], [6.0, 11.0]], [[6.0, 7.0], [26.0, 31.0]],
                        [[10.0, 11.0], [46.0, 51.0]]],
                       [[[10.0, 19.0], [14.0, 27.0]], [[46.0, 55.0], [66.0, 79.0]],
                        [[82.0, 91.0], [118.0, 131.0]]]])
    assert tf.mat_mul(tf.ones([1, 1, 1, 2, 2]), tf.ones([2, 2])).shape == (1, 1, 1, 2, 2)


def test_mat_mul_special_and_empty(tf):
    assert_close(tf.mat_mul(tf.tensor([[NAN, 1.0], [1.0, 1.0]]),
                            tf.tensor([[0.0, 1.0], [1.0, 1.0]])), [[NAN, NAN], [1.0, 2.0]])
    assert_close(tf.mat_mul(tf.tensor([[INF, 1.0]]), tf.tensor([[1.0], [1.0]])), [[INF]])
    assert_close(tf.mat_mul(tf.ones([2, 0]), tf.ones([0, 3])), [[0.0] * 3] * 2, shape=(2, 3))
    assert tf.mat_mul(tf.ones([0, 2, 2]), tf.ones([2, 3])).shape == (0, 2, 3)
    assert tf.mat_mul(tf.ones([0, 4]), tf.ones([4, 3])).shape == (0, 3)


def test_mat_mul_errors(tf):
    with pytest.raises(ValueError, match=r"'mat_mul': both inputs must have rank >= 2, got shapes "
                                         r"\[2\] and \[2, 1\]"):
        tf.mat_mul(tf.tensor([1.0, 2.0]), tf.tensor([[1.0], [2.0]]))
    with pytest.raises(ValueError, match=r"'mat_mul': inner dimensions 2 and 3 of shapes \[2, 2\] "
                                         r"and \[3, 1\]"):
        tf.mat_mul(tf.ones([2, 2]), tf.ones([3, 1]))
    with pytest.raises(ValueError, match=r"inner dimensions 2 and 3 .*transpose_a=True"):
        tf.mat_mul(tf.ones([2, 3]), tf.ones([3, 1]), True)
    with pytest.raises(ValueError, match=r"'mat_mul': batch dimensions \[2\] and \[3\]"):
        tf.mat_mul(tf.ones([2, 2, 2]), tf.ones([3, 2, 2]))
    with pytest.raises(TypeError, match="'mat_mul'"):
        tf.mat_mul(tf.tensor([["a"]]), tf.tensor([["b"]]))


# ----------------------------------------------------------------------------- dot / outer
def test_dot(tf):
    v, m = tf.tensor([1.0, 2.0]), tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert_close(tf.dot(v, tf.tensor([3.0, 4.0])), 11.0, shape=(), dtype="float32")
    assert_close(tf.dot(v, m), [7.0, 10.0], shape=(2,))
    assert_close(tf.dot(m, v), [5.0, 11.0], shape=(2,))
    assert_close(tf.dot(m, tf.tensor([[1.0], [2.0]])), [[5.0], [11.0]], shape=(2, 1))
    assert_close(tf.dot(tf.tensor([1, 2]), tf.tensor([3, 4])), 11, dtype="int32")
    assert_close(tf.dot(tf.tensor([], [0], "float32"), tf.tensor([], [0], "float32")), 0.0)
    with pytest.raises(ValueError, match="'dot': inner dimensions must match, got 3 and 2"):
        tf.dot(tf.tensor([1.0, 2.0, 3.0]), tf.tensor([3.0, 4.0]))
    with pytest.raises(ValueError, match="'dot': inputs must be rank 1 or 2, got ranks 3 and 1"):
        tf.dot(tf.ones([1, 1, 2]), v)
    with pytest.raises(ValueError, match="'dot': inputs must be rank 1 or 2, got ranks 0 and 1"):
        tf.dot(tf.scalar(1.0), v)


def test_outer_product(tf):
    assert_close(tf.outer_product(tf.tensor([1.0, 2.0]), tf.tensor([3.0, 4.0, 5.0])),
                 [[3.0, 4.0, 5.0], [6.0, 8.0, 10.0]], dtype="float32", shape=(2, 3))
    assert_close(tf.outer_product(tf.tensor([1, 2]), tf.tensor([3, 4, 5])),
                 [[3, 4, 5], [6, 8, 10]], dtype="int32")
    assert tf.outer_product(tf.tensor([], [0], "float32"), tf.tensor([1.0])).shape == (0, 1)
    with pytest.raises(ValueError, match="'outer_product': inputs must be rank 1, got ranks 2 "
                                         "and 1"):
        tf.outer_product(tf.ones([1, 2]), tf.ones([3]))


# ----------------------------------------------------------------------------- transpose
def test_transpose(tf):
    a = tf.tensor(A)
    assert_close(tf.transpose(a), [[1.5, 4.0], [-2.0, 0.5], [3.0, -6.0]], shape=(3, 2))
    assert_close(tf.transpose(rng(tf, [2, 3, 2]), [2, 0, 1]),
                 [[[0.0, 2.0, 4.0], [6.0, 8.0, 10.0]], [[1.0, 3.0, 5.0], [7.0, 9.0, 11.0]]])
    assert_close(tf.transpose(rng(tf, [2, 3, 2])),
                 [[[0.0, 6.0], [2.0, 8.0], [4.0, 10.0]], [[1.0, 7.0], [3.0, 9.0], [5.0, 11.0]]])
    assert_close(tf.transpose(tf.tensor([[True, False, True]])), [[True], [False], [True]],
                 dtype="bool")
    assert_close(tf.transpose(tf.tensor([[1, 2], [3, 4]]), [1, 0]), [[1, 3], [2, 4]],
                 dtype="int32")
    assert_close(tf.transpose(tf.tensor([1.0, 2.0, 3.0])), [1.0, 2.0, 3.0], shape=(3,))
    assert_close(tf.transpose(tf.scalar(2.0)), 2.0, shape=())
    assert tf.transpose(tf.ones([0, 3])).shape == (3, 0)
    assert_close(a.transpose([1, 0]), [[1.5, 4.0], [-2.0, 0.5], [3.0, -6.0]])


def test_transpose_complex(tf):
    c = tf.tensor([[1 + 3j, 2 + 4j]])
    assert_close(tf.transpose(c), [[1 + 3j], [2 + 4j]], dtype="complex64", shape=(2, 1))
    assert_close(tf.transpose(c, None, True), [[1 - 3j], [2 - 4j]], dtype="complex64")
    assert_close(tf.transpose(tf.tensor([[1.0, 2.0]]), None, True), [[1.0], [2.0]])


def test_transpose_errors(tf):
    x = tf.ones([2, 2])
    with pytest.raises(ValueError, match=r"'transpose': perm \[0\] must have one entry per "
                                         r"dimension of the rank-2 input"):
        tf.transpose(x, [0])
    with pytest.raises(ValueError, match=r"all entries of perm must be ints between 0 and 1, got "
                                         r"\[0, 2\]"):
        tf.transpose(x, [0, 2])
    with pytest.raises(ValueError, match="all entries of perm must be ints between 0 and 1"):
        tf.transpose(x, [-1, 0])
    with pytest.raises(ValueError, match=r"'transpose': perm \[0, 0\] repeats a dimension"):
        tf.transpose(x, [0, 0])
    with pytest.raises(TypeError, match="'x' passed to 'transpose' must be numeric"):
        tf.transpose(tf.tensor([["a", "b"]]))


# ----------------------------------------------------------------------------- norm
def test_norm_vector(tf):
    a = tf.tensor(A)
    assert_close(tf.norm(a), 8.215838432312012, dtype="float32", shape=())
    assert_close(tf.norm(a, 2), 8.215838432312012)
    assert_close(tf.norm(a, 1), 17.0)
    assert_close(tf.norm(a, INF), 6.0)
    assert_close(tf.norm(a, -INF), 0.5)
    assert_close(tf.norm(a, "euclidean", 1), [3.9051249027252197, 7.2284159660339355])
    assert_close(tf.norm(a, INF, 0, True), [[4.0, 2.0, 6.0]], shape=(1, 3))
    assert_close(tf.norm(a, "euclidean", None, True), [[8.215838432312012]], shape=(1, 1))
    assert_close(tf.norm(tf.tensor([NAN, 1.0])), NAN)
    assert_close(tf.norm(tf.tensor([-INF, 1.0])), INF)
    assert_close(tf.norm(tf.tensor([-3.0, 1.0, -2.0]), -INF), 1.0)
    assert_close(tf.norm(tf.scalar(-3.0)), 3.0, shape=())
    assert_close(tf.norm(tf.tensor([], [0], "float32")), 0.0, shape=())
    assert_close(tf.norm(tf.tensor([3, 4])), 5.0, dtype="float32")  # int32 is cast (TF.js fails)


def test_norm_matrix(tf):
    a = tf.tensor(A)
    assert_close(tf.norm(a, 1, [0, 1]), 9.0, shape=())
    assert_close(tf.norm(a, INF, [0, 1], True), [[10.5]], shape=(1, 1))
    assert_close(tf.norm(a, -INF, [0, 1]), 6.5)
    assert_close(tf.norm(a, "fro", [0, 1]), 8.215838432312012)
    assert_close(tf.norm(a, "euclidean", [0, 1]), 8.215838432312012)
    assert_close(tf.norm(a, 1, [1, 0]), 10.5)
    x3 = rng(tf, [2, 3, 2])
    assert_close(tf.norm(x3, INF, [0, 2]), [13.0, 17.0, 21.0])
    assert_close(tf.norm(x3, "euclidean", [0, 2], True),
                 [[[9.273618698120117], [12.569805145263672], [16.18641471862793]]],
                 shape=(1, 3, 1))
    # TF.js 4.22 reduces the wrong axis here (gives [9, 21]); the column-sum definition:
    assert_close(tf.norm(x3, 1, [2, 0]), [13.0, 17.0, 21.0])
    assert_close(tf.norm(a, 1, [-1, -2]), 10.5)  # negative axes (TF.js rejects them)


def test_norm_errors(tf):
    a = tf.tensor(A)
    with pytest.raises(ValueError, match="'norm': invalid ord value 3 for a vector norm"):
        tf.norm(a, 3)
    with pytest.raises(ValueError, match="'norm': invalid ord value 'fro' for a vector norm"):
        tf.norm(a, "fro")
    with pytest.raises(ValueError, match="'norm': invalid ord value 2 for a matrix norm"):
        tf.norm(a, 2, [0, 1])
    with pytest.raises(ValueError, match="'norm': axis must be None, one axis or two axes"):
        tf.norm(tf.ones([2, 2, 2]), "euclidean", [0, 1, 2])
    with pytest.raises(ValueError, match="'norm': axis 2 is out of range"):
        tf.norm(a, 1, 2)
