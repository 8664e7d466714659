"""Gradients of the reduction, matrix and normalization ops.

Every gradient is checked numerically (``tests/gradcheck.py``: central differences at float64);
literal expectations come from TF.js 4.22 (``tf.grad`` on the cpu backend). Where TF.js fails
(Cumsum along a non-last axis, BatchMatMul with broadcast batch dimensions) or has no gradient
(Cumprod), the numeric check is the reference.
"""
from __future__ import annotations

import math

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close, skip_if_grad_missing

NAN = math.nan

MINE = {"Sum", "Mean", "Max", "Min", "Prod", "ArgMax", "ArgMin", "Any", "All", "Cumsum",
        "Cumprod", "BatchMatMul", "Transpose", "ConjugateTranspose", "Softmax", "LogSoftmax",
        "FusedBatchNorm", "LRN", "LRNGrad"}


def _needs_others(fn):  # noqa: ANN001, ANN202
    """Runs ``fn``; skips while a kernel owned elsewhere (Multiply, Exp, Abs, ...) on the path
    has no gradient yet."""
    return skip_if_grad_missing(fn, MINE)


def r(tf, shape, start=1.0, step=0.37):  # noqa: ANN001, ANN201
    """Distinct, non-zero float32 values of ``shape`` (no ties, so max/min are smooth)."""
    n = 1
    for d in shape:
        n *= d
    vals = [((start + i * step) % 3.1 - 1.4) * (1 if i % 2 else -1) + 0.05 * i for i in range(n)]
    return tf.tensor(vals, list(shape), "float32")


# ===================================================================== sum / mean
def test_sum_grad_literals(tf):
    g = tf.grad(lambda x: tf.sum(x, [0, 2]))(tf.ones([2, 2, 2]), tf.tensor([3.0, 4.0]))
    assert_close(g, [[[3, 3], [4, 4]], [[3, 3], [4, 4]]], dtype="float32", shape=(2, 2, 2))
    g = tf.grad(lambda x: tf.sum(x))(tf.tensor([[1.0, 2.0], [3.0, 4.0]]))
    assert_close(g, [[1, 1], [1, 1]], shape=(2, 2))


def test_sum_grad_numeric(tf):
    x = r(tf, [2, 3, 4])
    check_grads(tf, lambda x: tf.sum(x), [x])
    check_grads(tf, lambda x: tf.sum(x, 1), [x])
    check_grads(tf, lambda x: tf.sum(x, -1, True), [x])
    check_grads(tf, lambda x: tf.sum(x, [0, 2]), [x])
    check_grads(tf, lambda x: tf.sum(x, []), [x])
    check_grads(tf, lambda x: tf.sum(x), [tf.scalar(2.5)])


def test_sum_grad_empty(tf):
    g = tf.grad(lambda x: tf.sum(x, 1))(tf.zeros([3, 0]))
    assert g.shape == (3, 0) and g.dtype == "float32"
    g = tf.grad(lambda x: tf.sum(x, 0))(tf.zeros([0, 2]))
    assert g.shape == (0, 2)


def test_mean_grad(tf):
    g = tf.grad(lambda x: tf.mean(x, 0))(tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    assert_close(g, [[0.5] * 3] * 2, dtype="float32", shape=(2, 3))
    x = r(tf, [3, 2, 4])
    check_grads(tf, lambda x: tf.mean(x), [x])
    check_grads(tf, lambda x: tf.mean(x, [0, -1], True), [x])
    check_grads(tf, lambda x: tf.mean(x, 1), [x])
    assert tf.grad(lambda x: tf.mean(x, 1))(tf.zeros([2, 0])).shape == (2, 0)


# ===================================================================== max / min
def test_max_min_grad_literals(tf):
    # Ties each get the full dy (TF.js gradForMinAndMax), NaN gets nothing.
    assert_close(tf.grad(lambda x: tf.max(x))(tf.tensor([1.0, 3.0, 3.0])), [0, 1, 1])
    g = tf.grad(lambda x: tf.max(x, 1))(tf.tensor([[1.0, 3.0, 3.0], [4.0, 2.0, 4.0]]),
                                        tf.tensor([2.0, 5.0]))
    assert_close(g, [[0, 2, 2], [5, 0, 5]], shape=(2, 3))
    assert_close(tf.grad(lambda x: tf.min(x))(tf.tensor([1.0, NAN, 0.0])), [0, 0, 0])
    g = tf.grad(lambda x: tf.min(x, -1, True))(tf.tensor([[1.0, -3.0], [2.0, 2.0]]))
    assert_close(g, [[0, 1], [1, 1]], dtype="float32", shape=(2, 2))


def test_max_min_grad_numeric(tf):
    x = r(tf, [3, 4, 2])
    for fn in (tf.max, tf.min):
        check_grads(tf, lambda x: fn(x), [x])
        check_grads(tf, lambda x: fn(x, 1), [x])
        check_grads(tf, lambda x: fn(x, [0, 2], True), [x])
        check_grads(tf, lambda x: fn(x, -1), [x])


# ===================================================================== prod
def test_prod_grad_literals(tf):
    g = tf.grad(lambda x: tf.prod(x))
    assert_close(g(tf.tensor([2.0, 0.0, 3.0])), [0, 6, 0])
    assert_close(g(tf.tensor([0.0, 0.0, 3.0])), [0, 0, 0])
    x = tf.tensor([float(i) for i in range(1, 13)], [2, 3, 2])
    assert_close(tf.grad(lambda x: tf.prod(x, [0, 2]))(x),
                 [[[112, 56], [360, 270], [792, 660]], [[16, 14], [120, 108], [360, 330]]])
    g = tf.grad(lambda x: tf.prod(x, 1, True))(tf.tensor([[1.0, 2.0, 0.0], [4.0, 5.0, 6.0]]),
                                               tf.tensor([[2.0], [3.0]]))
    assert_close(g, [[0, 0, 4], [90, 72, 60]], shape=(2, 3))


def test_prod_grad_numeric(tf):
    x = r(tf, [2, 3, 2])
    check_grads(tf, lambda x: tf.prod(x), [x])
    check_grads(tf, lambda x: tf.prod(x, 1), [x])
    check_grads(tf, lambda x: tf.prod(x, [0, 2], True), [x])
    check_grads(tf, lambda x: tf.prod(x, [-1, 0]), [x])
    check_grads(tf, lambda x: tf.prod(x), [tf.scalar(-1.5)])
    # A product is linear in each element, so central differences are exact at zeros too.
    z = tf.tensor([[0.0, 2.0, 0.0], [1.5, 0.0, -2.0], [1.0, 2.0, 3.0]])
    check_grads(tf, lambda x: tf.prod(x, 1), [z])
    check_grads(tf, lambda x: tf.prod(x, 0), [z])
    check_grads(tf, lambda x: tf.prod(x), [z])


def test_prod_grad_empty(tf):
    assert tf.grad(lambda x: tf.prod(x, 1))(tf.zeros([2, 0])).shape == (2, 0)


# ===================================================================== arg_max / any / all
def test_arg_grads_are_zero(tf):
    x = tf.tensor([1.0, 3.0, 2.0])
    assert_close(tf.grad(lambda x: tf.cast(tf.arg_max(x), "float32"))(x), [0, 0, 0],
                 dtype="float32")
    assert_close(tf.grad(lambda x: tf.cast(tf.arg_min(x), "float32") + x)(x), [1, 1, 1])


def test_any_all_have_no_gradient(tf):
    x = tf.tensor([1.0, -3.0])
    for fn in (tf.any, tf.all):
        with pytest.raises(LookupError, match="gradient function not found for kernel"):
            tf.grad(lambda x: tf.cast(fn(tf.cast(x, "bool")), "float32"))(x)


# ===================================================================== cumsum / cumprod
def test_cumsum_grad_literals(tf):
    g = tf.grad(lambda x: tf.cumsum(x, 0, True, True))(tf.tensor([1.0, 2.0, 3.0, 4.0]),
                                                       tf.tensor([1.0, 2.0, 3.0, 4.0]))
    assert_close(g, [0, 1, 3, 6])
    # Along a non-last axis (TF.js 4.22 transposes the gradient and fails here).
    g = tf.grad(lambda x: tf.cumsum(x, 0))(tf.ones([2, 3]),
                                           tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    assert_close(g, [[5, 7, 9], [4, 5, 6]], shape=(2, 3))


@pytest.mark.parametrize("exclusive", [False, True])
@pytest.mark.parametrize("reverse", [False, True])
def test_cumsum_cumprod_grad_numeric(tf, exclusive, reverse):
    x = r(tf, [3, 4])
    for fn in (tf.cumsum, tf.cumprod):
        check_grads(tf, lambda x: fn(x, 1, exclusive, reverse), [x])
        check_grads(tf, lambda x: fn(x, 0, exclusive, reverse), [x])
        check_grads(tf, lambda x: fn(x, -1, exclusive, reverse), [r(tf, [2, 2, 3])])


@pytest.mark.parametrize("exclusive", [False, True])
@pytest.mark.parametrize("reverse", [False, True])
def test_cumprod_grad_with_zeros(tf, exclusive, reverse):
    # One zero, two zeros, a zero first and last: the products are linear in each element,
    # so central differences are exact.
    z = tf.tensor([[2.0, 0.0, 3.0, 0.0, 5.0], [0.0, 1.5, -2.0, 0.5, 3.0],
                   [1.0, 2.0, 3.0, 4.0, 0.0], [0.0, 0.0, 2.0, 3.0, 1.0]])
    check_grads(tf, lambda x: tf.cumprod(x, 1, exclusive, reverse), [z])
    check_grads(tf, lambda x: tf.cumprod(x, 0, exclusive, reverse), [z])


def test_cumprod_grad_literals(tf):
    g = tf.grad(lambda x: tf.cumprod(x))
    assert_close(g(tf.tensor([2.0, 0.0, 3.0, 0.0, 5.0])), [1, 8, 0, 0, 0])
    assert_close(tf.grad(lambda x: tf.cumprod(x, 0, True, True))(
        tf.tensor([2.0, 0.0, 3.0, 4.0, 5.0])), [0, 60, 20, 20, 17])
    assert tf.grad(lambda x: tf.cumsum(x, 1))(tf.zeros([2, 0])).shape == (2, 0)
    assert tf.grad(lambda x: tf.cumprod(x, 1))(tf.zeros([2, 0])).shape == (2, 0)


# ===================================================================== mat_mul
@pytest.mark.parametrize("ta,tb", [(False, False), (False, True), (True, False), (True, True)])
def test_mat_mul_grad_numeric(tf, ta, tb):
    a = r(tf, [3, 2] if ta else [2, 3])
    b = r(tf, [4, 3] if tb else [3, 4], start=0.3)
    check_grads(tf, lambda a, b: tf.mat_mul(a, b, ta, tb), [a, b])
    a3 = r(tf, [2, 3, 2] if ta else [2, 2, 3])
    b3 = r(tf, [2, 4, 3] if tb else [2, 3, 4], start=0.3)
    check_grads(tf, lambda a, b: tf.mat_mul(a, b, ta, tb), [a3, b3])
    # broadcast batch dimensions: a batched against a matrix, and the reverse
    check_grads(tf, lambda a, b: tf.mat_mul(a, b, ta, tb), [a3, b])
    check_grads(tf, lambda a, b: tf.mat_mul(a, b, ta, tb), [a, b3])
    # both broadcast: [2, 1, ...] against [3, ...]
    a4 = r(tf, [2, 1, 3, 2] if ta else [2, 1, 2, 3])
    b4 = r(tf, [3, 4, 3] if tb else [3, 3, 4], start=0.3)
    check_grads(tf, lambda a, b: tf.mat_mul(a, b, ta, tb), [a4, b4])


def test_mat_mul_grad_literals(tf):
    a, b = tf.tensor([[1.0, 2.0], [3.0, 4.0]]), tf.tensor([[5.0, 6.0], [7.0, 8.0]])
    dy = tf.tensor([[1.0, -1.0], [2.0, 0.5]])
    ga, gb = tf.grads(lambda a, b: tf.mat_mul(a, b))([a, b], dy)
    assert_close(ga, [[-1, -1], [13, 18]], dtype="float32")
    assert_close(gb, [[7, 0.5], [10, 0]], dtype="float32")
    # a broadcast batch: the gradient of the shared matrix sums over it (TF.js fails here)
    ga, gb = tf.grads(lambda a, b: tf.mat_mul(a, b))([tf.ones([2, 2, 3]), tf.ones([3, 4])])
    assert ga.shape == (2, 2, 3) and gb.shape == (3, 4)
    assert_close(ga, [[[4] * 3] * 2] * 2)
    assert_close(gb, [[4] * 4] * 3)
    ga, gb = tf.grads(lambda a, b: tf.mat_mul(a, b))([tf.ones([1, 2, 3]), tf.ones([2, 3, 4])])
    assert ga.shape == (1, 2, 3) and gb.shape == (2, 3, 4)
    assert_close(ga, [[[8] * 3] * 2])


def test_mat_mul_grad_empty(tf):
    ga, gb = tf.grads(lambda a, b: tf.mat_mul(a, b))([tf.zeros([2, 0]), tf.zeros([0, 3])])
    assert ga.shape == (2, 0) and gb.shape == (0, 3)
    ga, gb = tf.grads(lambda a, b: tf.mat_mul(a, b))([tf.zeros([2, 2, 0]), tf.zeros([0, 3])])
    assert ga.shape == (2, 2, 0) and gb.shape == (0, 3)
    ga, gb = tf.grads(lambda a, b: tf.mat_mul(a, b))([tf.zeros([0, 2, 3]), tf.ones([3, 4])])
    assert ga.shape == (0, 2, 3)
    assert_close(gb, [[0] * 4] * 3)


def test_dot_outer_product_grads(tf):
    ga, gb = tf.grads(lambda a, b: tf.dot(a, b))(
        [tf.tensor([1.0, 2.0]), tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])])
    assert_close(ga, [6, 15], shape=(2,))
    assert_close(gb, [[1, 1, 1], [2, 2, 2]], shape=(2, 3))
    ga, gb = tf.grads(lambda a, b: tf.outer_product(a, b))(
        [tf.tensor([1.0, 2.0]), tf.tensor([3.0, 4.0, 5.0])])
    assert_close(ga, [12, 12])
    assert_close(gb, [3, 3, 3])
    v, m = r(tf, [3]), r(tf, [3, 2], start=0.2)
    check_grads(tf, lambda a, b: tf.dot(a, b), [v, r(tf, [3], start=0.5)])
    check_grads(tf, lambda a, b: tf.dot(a, b), [v, m])
    check_grads(tf, lambda a, b: tf.dot(a, b), [r(tf, [2, 3]), v])
    check_grads(tf, lambda a, b: tf.dot(a, b), [r(tf, [2, 3]), m])
    check_grads(tf, lambda a, b: tf.outer_product(a, b), [v, r(tf, [2])])


# ===================================================================== transpose
def test_transpose_grad(tf):
    x = tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1, 2, 3])
    dy = tf.tensor([0.0, 1.0, 2.0, 3.0, 4.0, 5.0], [2, 3, 1])
    assert_close(tf.grad(lambda x: tf.transpose(x, [1, 2, 0]))(x, dy),
                 [[[0, 1, 2], [3, 4, 5]]], shape=(1, 2, 3))
    check_grads(tf, lambda x: tf.transpose(x), [r(tf, [2, 3, 4])])
    check_grads(tf, lambda x: tf.transpose(x, [2, 0, 1]), [r(tf, [2, 3, 4])])
    check_grads(tf, lambda x: tf.transpose(x, []), [tf.scalar(1.5)])


def test_conjugate_transpose_grad(tf):
    x = tf.complex(tf.tensor([[1.0, 2.0, 3.0]]), tf.tensor([[0.5, -1.0, 2.0]]))
    dy = tf.complex(tf.tensor([[1.0], [2.0], [3.0]]), tf.tensor([[1.0], [0.0], [-1.0]]))
    g = tf.grad(lambda x: tf.transpose(x, [1, 0], True))(x, dy)
    assert g.shape == (1, 3) and g.dtype == "complex64"
    assert_close(g, [[1 - 1j, 2 + 0j, 3 + 1j]])


# ===================================================================== norm (composed)
def test_norm_grad(tf):
    def run():
        assert_close(tf.grad(lambda x: tf.norm(x))(tf.tensor([3.0, -4.0])), [0.6, -0.8])
        assert_close(tf.grad(lambda x: tf.norm(x, math.inf))(tf.tensor([3.0, -4.0, 4.0])),
                     [0, -1, 1])
        x = r(tf, [3, 4])
        check_grads(tf, lambda x: tf.norm(x), [x])
        check_grads(tf, lambda x: tf.norm(x, 1, 1, True), [x])
        check_grads(tf, lambda x: tf.norm(x, "fro", [0, 1]), [x])
        check_grads(tf, lambda x: tf.norm(x, math.inf, [0, 1]), [x])
    _needs_others(run)


# ===================================================================== softmax / log_softmax
def test_softmax_grad_literals(tf):
    g = tf.grad(lambda x: tf.softmax(x))(tf.tensor([1.0, 2.0, 3.0]), tf.tensor([1.0, 0.0, 0.0]))
    assert_close(g, [0.08192507177591324, -0.022033045068383217, -0.05989202484488487])
    g = tf.grad(lambda x: tf.log_softmax(x))(tf.tensor([1.0, 2.0, 3.0]),
                                             tf.tensor([1.0, 0.0, 0.0]))
    assert_close(g, [0.9099694490432739, -0.24472849071025848, -0.6652409434318542])
    # a constant sum: the gradient of sum(softmax(x)) is 0
    assert_close(tf.grad(lambda x: tf.softmax(x))(tf.tensor([[1.0, 5.0]])), [[0, 0]],
                 atol=1e-6)


def test_softmax_log_softmax_grad_numeric(tf):
    x = r(tf, [2, 3, 4])
    check_grads(tf, lambda x: tf.softmax(x), [x])
    check_grads(tf, lambda x: tf.softmax(x, 1), [x])
    check_grads(tf, lambda x: tf.softmax(x, 0), [x])
    check_grads(tf, lambda x: tf.log_softmax(x), [x])
    check_grads(tf, lambda x: tf.log_softmax(x, -2), [x])
    check_grads(tf, lambda x: tf.softmax(x), [tf.scalar(0.7)])  # reshaped to [1] and back
    check_grads(tf, lambda x: tf.log_softmax(x), [tf.scalar(0.7)])


def test_softmax_grad_large_logits(tf):
    g = tf.grad(lambda x: tf.log_softmax(x))(tf.tensor([1000.0, 0.0]), tf.tensor([1.0, 0.0]))
    assert_close(g, [0, 0], atol=1e-6)
    g = tf.grad(lambda x: tf.softmax(x))(tf.tensor([1000.0, 0.0]), tf.tensor([0.0, 1.0]))
    assert_close(g, [0, 0], atol=1e-6)


# ===================================================================== moments / log_sum_exp
def test_moments_log_sum_exp_grads(tf):
    def run():
        g = tf.grad(lambda x: tf.moments(x, 0).variance)(tf.tensor([1.0, 2.0, 4.0]))
        assert_close(g, [-0.8888888955116272, -0.2222222238779068, 1.1111111640930176])
        g = tf.grad(lambda x: tf.log_sum_exp(x, 1))(tf.tensor([[1.0, 2.0], [3.0, 3.0]]))
        assert_close(g, [[0.2689414322376251, 0.7310585975646973], [0.5, 0.5]])
        x = r(tf, [3, 4])
        check_grads(tf, lambda x: tf.moments(x, 1).mean, [x])
        check_grads(tf, lambda x: tf.moments(x, [0, 1], True).variance, [x])
        check_grads(tf, lambda x: tf.log_sum_exp(x, -1, True), [x])
    _needs_others(run)


# ===================================================================== batch_norm
BN_X = [[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]]


def test_batch_norm_grad_literals(tf):
    xs = [tf.tensor(BN_X), tf.tensor([1.0, 2.0]), tf.tensor([2.0, 3.0]), tf.tensor([0.5, 1.0]),
          tf.tensor([2.0, -1.0])]
    dy = tf.tensor([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]])
    gx, gm, gv, go, gs = tf.grads(lambda x, m, v, o, s: tf.batch_norm(x, m, v, o, s, 0.1))(xs, dy)
    assert_close(gx, [[1.3801311254501343, -1.1359237432479858],
                      [4.140393257141113, -2.2718474864959717],
                      [-1.3801311254501343, -0.28398093581199646]], shape=(3, 2))
    assert_close(gm, [-4.140393257141113, 3.6917521953582764], shape=(2,))
    assert_close(gv, [-0.6572052240371704, 0.9618710279464722], shape=(2,))
    assert_close(go, [3, 6.5], shape=(2,))
    assert_close(gs, [1.3801310062408447, 5.963599681854248], shape=(2,))


def test_batch_norm_grad_numeric(tf):
    x = r(tf, [2, 3, 2, 4])
    m, o = r(tf, [4], start=0.1), r(tf, [4], start=0.7)
    v = tf.tensor([0.5, 1.5, 2.0, 0.8])
    s = tf.tensor([1.5, -0.5, 2.0, 0.3])
    check_grads(tf, lambda x, m, v, o, s: tf.batch_norm(x, m, v, o, s, 0.01), [x, m, v, o, s])
    check_grads(tf, lambda x, m, v: tf.batch_norm(x, m, v), [x, m, v])
    check_grads(tf, lambda x, m, v, o: tf.batch_norm(x, m, v, o), [x, m, v, o])
    check_grads(tf, lambda x, m, v, s: tf.batch_norm(x, m, v, None, s), [x, m, v, s])
    # parameters of rank 2 broadcasting over a middle axis, and of x's own shape
    x2 = r(tf, [2, 3, 4])
    m2, v2 = r(tf, [3, 1], start=0.2), tf.tensor([[0.5], [1.0], [2.0]])
    s2 = r(tf, [1, 4], start=0.9)
    check_grads(tf, lambda x, m, v, s: tf.batch_norm(x, m, v, None, s), [x2, m2, v2, s2])
    check_grads(tf, lambda x, m, v: tf.batch_norm(x, m, v, [1.0], [2.0]),
                [r(tf, [3]), r(tf, [3], start=0.4), tf.tensor([1.0, 2.0, 0.5])])


# ===================================================================== local_response_normalization
def test_lrn_grad_literals(tf):
    x = tf.tensor([1.0, 2.0, 3.0, 4.0], [1, 1, 1, 4])
    dy = tf.tensor([1.0, -1.0, 2.0, 0.5], [1, 1, 1, 4])
    g = tf.grad(lambda x: tf.local_response_normalization(x, 1, 1.0, 1.0, 0.5))(x, dy)
    assert_close(g, [[[[0.37463343143463135, -0.3984583020210266, 0.31362584233283997,
                        -0.10834470391273499]]]], dtype="float32", shape=(1, 1, 1, 4))
    x3 = tf.tensor([1.0, 2.0, 3.0, 4.0, -1.0, 0.5], [1, 2, 3])
    g = tf.grad(lambda x: tf.local_response_normalization(x, 2, 0.5, 0.3, 0.75))(x3)
    assert_close(g, [[[0.1333087682723999, -0.04665808752179146, -0.22662492096424103],
                      [-0.02995297685265541, 0.34745433926582336, 0.23423214256763458]]])


def test_lrn_grad_numeric(tf):
    lrn = tf.local_response_normalization
    x = r(tf, [2, 2, 3, 5])
    check_grads(tf, lambda x: lrn(x), [x])
    check_grads(tf, lambda x: lrn(x, 1, 2.0, 0.5, 0.75), [x])
    check_grads(tf, lambda x: lrn(x, 0, 1.0, 1.0, 1.0), [r(tf, [2, 3, 4])])
    check_grads(tf, lambda x: lrn(x, 7, 0.5, 0.2, 0.3), [r(tf, [1, 2, 3])])  # window > depth


def test_lrn_grad_fallback_matches_kernel(tf):
    """The LRNGrad fallback composed of ops (for backends without the kernel) agrees with the
    kernel."""
    from pytfjs.core.engine import ENGINE
    from pytfjs.core.opdef import FALLBACKS, run
    if "LRNGrad" not in ENGINE._kernels:
        pytest.skip("this backend runs the fallback already")
    x = r(tf, [2, 3, 2, 6])
    dy = r(tf, [2, 3, 2, 6], start=0.4)
    for radius, bias, alpha, beta in ((5, 1.0, 1.0, 0.5), (1, 2.0, 0.3, 0.75), (0, 0.5, 1.0, 1.0)):
        y = tf.local_response_normalization(x, radius, bias, alpha, beta)
        attrs = dict(depth_radius=radius, bias=bias, alpha=alpha, beta=beta)
        want = run("LRNGrad", x, y, dy, **attrs)
        got = FALLBACKS["LRNGrad"](x, y, dy, **attrs)
        assert got.shape == want.shape and got.dtype == want.dtype == "float32"
        assert_close(got, want.to_list(), rtol=1e-5, atol=1e-6)
    empty = tf.zeros([1, 1, 0, 3])
    assert FALLBACKS["LRNGrad"](empty, empty, empty, **attrs).shape == (1, 1, 0, 3)


# ===================================================================== gradients of gradients
def test_second_order(tf):
    """The gradients are built from ops, so they differentiate again."""
    def run():
        probe = tf.grad(tf.grad(lambda x: x * x * x))(tf.scalar(2.0)).item()
        if probe == 0.0:  # d2/dx2 x^3 at 2 is 12
            pytest.xfail("the engine saves tensors for gradients as untracked shares, so "
                         "gradients of gradients do not flow through them (core/engine.py)")
        x = r(tf, [2, 3])
        b = r(tf, [3, 2], start=0.6)
        check_grads(tf, lambda x: tf.grad(lambda z: tf.prod(z, 1))(x), [x])
        check_grads(tf, lambda x: tf.grad(lambda z: tf.softmax(z) * z)(x), [x])
        check_grads(tf, lambda x: tf.grad(lambda z: tf.log_softmax(z) * z)(x), [x])
        check_grads(tf, lambda x: tf.grad(lambda z: tf.mat_mul(z, b) * tf.mat_mul(z, b))(x),
                    [x])
        check_grads(tf, lambda x: tf.grad(lambda z: tf.cumprod(z, 1) * z)(x), [x])
        m, v = r(tf, [3], start=0.3), tf.tensor([0.5, 1.0, 2.0])
        check_grads(tf, lambda x, m, v: tf.grads(
            lambda x, m, v: tf.batch_norm(x, m, v) * x)([x, m, v])[2], [x, m, v])
        check_grads(tf, lambda x: tf.grad(lambda z: tf.max(z, 0) * tf.sum(z, 0))(x), [x])
    _needs_others(run)
