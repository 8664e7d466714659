"""Losses (tf.losses.*) and tf.Reduction. Literal expectations were computed with TF.js 4.22
(cpu backend); the golden file tests/goldens/losses.jsonl covers many more cases."""
from __future__ import annotations

import math

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close

L = [[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]]
P = [[1.0, 1.0, 1.5], [-1.0, 0.25, 0.5]]


def _lp(tf):
    return tf.tensor(L), tf.tensor(P)


def test_reduction_enum(tf):
    assert [int(r) for r in (tf.Reduction.NONE, tf.Reduction.MEAN, tf.Reduction.SUM,
                             tf.Reduction.SUM_BY_NONZERO_WEIGHTS)] == [0, 1, 2, 3]


def test_compute_weighted_loss_reductions(tf):
    losses = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    w = tf.tensor([[0.0], [2.0]])
    cw = tf.losses.compute_weighted_loss
    assert_close(cw(losses), 2.5, dtype="float32", shape=())
    assert_close(cw(losses, w), 7.0)  # (6 + 8) / 2 nonzero weights
    assert_close(cw(losses, w, tf.Reduction.SUM), 14.0)
    assert_close(cw(losses, w, tf.Reduction.MEAN), 3.5)  # 14 / 2 / broadcast factor 2
    assert_close(cw(losses, None, tf.Reduction.MEAN), 2.5)
    assert_close(cw(losses, w, tf.Reduction.NONE), [[0, 0], [6, 8]], shape=(2, 2))
    assert_close(cw(losses, None, "sum"), 10.0)
    # all-zero weights: 0 / 0
    assert math.isnan(cw(tf.tensor([1.0, 2.0]), tf.tensor([0.0, 0.0])).item())


def test_compute_weighted_loss_int32(tf):
    cw = tf.losses.compute_weighted_loss
    x = tf.tensor([[1, -2, 3], [4, 0, -4]])
    assert_close(cw(x), 1 / 3, dtype="float32")
    assert_close(cw(x, None, tf.Reduction.SUM), 2, dtype="int32")
    # MEAN with int32 weights divides two int32 sums: a floor division, as TF.js
    r = cw(x, tf.tensor([[1, 1, 1], [2, 2, 2]]), tf.Reduction.MEAN)
    assert_close(r, 0, dtype="int32")


def test_losses_values(tf):
    y, p = _lp(tf)
    assert_close(tf.losses.absolute_difference(y, p), 1.125, dtype="float32", shape=())
    assert_close(tf.losses.mean_squared_error(y, p), 1.96875)
    assert_close(tf.losses.mean_squared_error(y, p, None, tf.Reduction.NONE),
                 [[0.25, 4.0, 0.25], [6.25, 0.0625, 1.0]])
    assert_close(tf.losses.hinge_loss(tf.tensor([1.0, 0.0, 1.0]), tf.tensor([0.5, 0.5, 2.0])),
                 0.6666666865348816)
    assert_close(tf.losses.huber_loss(y, p), 0.7135416865348816, rtol=1e-5)
    assert_close(tf.losses.huber_loss(y, p, None, 0.5, tf.Reduction.SUM), 2.65625)
    assert_close(tf.losses.cosine_distance(y, p, 1, None, tf.Reduction.NONE),
                 [[-1.5], [2.75]], shape=(2, 1))
    assert_close(tf.losses.cosine_distance(y, p, 0), 0.75)


def test_log_and_sigmoid_losses(tf):
    y = tf.tensor([1.0, 0.0, 1.0, 0.0])
    p = tf.tensor([0.9, 0.2, 0.5, 0.0])
    want = -(math.log(0.9 + 1e-7) + math.log(0.8 + 1e-7) + math.log(0.5 + 1e-7) +
             math.log(1.0 + 1e-7)) / 4
    assert_close(tf.losses.log_loss(y, p), want, rtol=1e-5)
    x = tf.tensor([100.0, -100.0, 0.0, 2.0])
    got = tf.losses.sigmoid_cross_entropy(y, x, None, 0, tf.Reduction.NONE)
    assert_close(got, [0.0, 0.0, math.log(2), 2 + math.log1p(math.exp(-2))], rtol=1e-5)
    sm = tf.losses.sigmoid_cross_entropy(y, x, None, 0.5, tf.Reduction.NONE)  # labels -> 0.75/0.25
    assert_close(sm, [25.0, 25.0, math.log(2), 2 - 0.5 + math.log1p(math.exp(-2))], rtol=1e-5)


def test_softmax_cross_entropy(tf):
    y = tf.tensor([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    x = tf.tensor([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]])
    r = tf.losses.softmax_cross_entropy(y, x, None, 0, tf.Reduction.NONE)
    assert_close(r, [1000.0, 2.4076059], shape=(2,), rtol=1e-5)
    # label smoothing divides by the number of classes (the last axis)
    s = tf.losses.softmax_cross_entropy(y, x, None, 0.3, tf.Reduction.NONE)
    assert_close(s, [1000.0, 2.1076059341430664], rtol=1e-5)  # TF.js


def test_softmax_cross_entropy_custom_gradient(tf):
    # TF.js's custom gradient: d/dlogits = dy * (softmax - y); d/dlabels = dy * (y - softmax)
    y = tf.tensor([[0.0, 1.0], [1.0, 0.0]])
    x = tf.tensor([[0.0, 0.0], [0.0, math.log(3.0)]])
    gy, gx = tf.grads(lambda a, b: tf.losses.softmax_cross_entropy(a, b, None, 0,
                                                                   tf.Reduction.SUM))([y, x])
    assert_close(gx, [[0.5, -0.5], [-0.75, 0.75]], rtol=1e-5)
    assert_close(gy, [[-0.5, 0.5], [0.75, -0.75]], rtol=1e-5)


def test_errors(tf):
    y, p = _lp(tf)
    with pytest.raises(Exception, match="must match"):
        tf.losses.mean_squared_error(y, tf.zeros([3, 2]))
    with pytest.raises(ValueError, match="unknown reduction"):
        tf.losses.absolute_difference(y, p, None, 7)
    with pytest.raises(TypeError, match="delta"):
        tf.losses.huber_loss(y, p, None, "big")
    with pytest.raises(TypeError, match="string"):
        tf.losses.compute_weighted_loss(tf.tensor(["a"]))


def test_empty_and_special(tf):
    e = tf.zeros([0, 3])
    assert math.isnan(tf.losses.absolute_difference(e, e).item())
    assert tf.losses.absolute_difference(e, e, None, tf.Reduction.SUM).item() == 0.0
    r = tf.losses.mean_squared_error(tf.tensor([math.nan, 1.0]), tf.tensor([0.0, math.inf]),
                                     None, tf.Reduction.NONE)
    assert_close(r, [math.nan, math.inf])


@pytest.mark.parametrize("name", ["absolute_difference", "mean_squared_error", "hinge_loss",
                                  "huber_loss", "log_loss", "sigmoid_cross_entropy"])
def test_loss_grads_numeric(tf, name):
    fn = getattr(tf.losses, name)
    y = tf.tensor([[0.2, 0.7, 0.1], [0.9, 0.4, 0.6]])
    p = tf.tensor([[0.35, 0.15, 0.8], [0.3, 0.55, 0.45]])
    w = tf.tensor([[1.5], [0.5]])
    check_grads(tf, lambda a, b: fn(a, b), [y, p])
    check_grads(tf, lambda a, b: fn(a, b, w, *([None] if name in ("huber_loss", "log_loss",
                                                                   "sigmoid_cross_entropy")
                                                 else []), tf.Reduction.MEAN), [y, p])


def test_cosine_and_weighted_grads_numeric(tf):
    y = tf.tensor([[0.2, 0.7, -0.1], [0.9, -0.4, 0.6]])
    p = tf.tensor([[0.35, -0.15, 0.8], [0.3, 0.55, 0.45]])
    check_grads(tf, lambda a, b: tf.losses.cosine_distance(a, b, 1), [y, p])
    check_grads(tf, lambda a, b: tf.losses.compute_weighted_loss(a, b, tf.Reduction.MEAN),
                [y, tf.tensor([[1.5, 0.5, 2.0]])])


def test_softmax_cross_entropy_logits_grad_numeric(tf):
    y = tf.tensor([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]])
    x = tf.tensor([[0.35, -0.15, 0.8], [0.3, 0.55, -0.45]])
    check_grads(tf, lambda b: tf.losses.softmax_cross_entropy(y, b), [x])
    check_grads(tf, lambda b: tf.losses.softmax_cross_entropy(y, b, None, 0.2,
                                                              tf.Reduction.NONE), [x])
