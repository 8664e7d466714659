"""Tests of ops/convolution.py: forward values against a naive direct convolution, TF.js
padding rules, argument errors, fused ops and gradients (central differences)."""
from __future__ import annotations

import itertools
import math
import random

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close


def _rand(shape, seed=0, lo=-2.0, hi=2.0):
    rng = random.Random(seed)
    n = math.prod(shape)
    return [round(rng.uniform(lo, hi), 3) for _ in range(n)]


def _nest(flat, shape):
    if not shape:
        return flat[0]
    step = math.prod(shape[1:])
    return [_nest(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def _naive_conv2d(x, xs, w, ws, strides, pads, dil, depthwise=False):
    """Direct NHWC convolution: pads = ((top, bottom), (left, right)); out size from pads."""
    b, h, wd, c = xs
    kh, kw, _, o = ws
    (t, bo), (le, r) = pads
    oh = (h + t + bo - (kh - 1) * dil[0] - 1) // strides[0] + 1
    ow = (wd + le + r - (kw - 1) * dil[1] - 1) // strides[1] + 1
    oc = c * o if depthwise else o
    out = [0.0] * (b * oh * ow * oc)
    for n, i, j in itertools.product(range(b), range(oh), range(ow)):
        for p, q in itertools.product(range(kh), range(kw)):
            y = i * strides[0] - t + p * dil[0]
            xx = j * strides[1] - le + q * dil[1]
            if not (0 <= y < h and 0 <= xx < wd):
                continue
            for ch in range(c):
                v = x[((n * h + y) * wd + xx) * c + ch]
                for m in range(o):
                    wv = w[((p * kw + q) * c + ch) * o + m]
                    oc_i = ch * o + m if depthwise else m
                    out[((n * oh + i) * ow + j) * oc + oc_i] += v * wv
    return out, (b, oh, ow, oc)


CASES = [  # x shape, filter shape, strides, pad, dilations, expected pads
    ((1, 5, 5, 2), (3, 3, 2, 3), 1, "same", 1, ((1, 1), (1, 1))),
    ((2, 5, 6, 2), (2, 2, 2, 3), 2, "same", 1, ((0, 1), (0, 0))),
    ((1, 5, 5, 2), (2, 3, 2, 2), (2, 1), "valid", 1, ((0, 0), (0, 0))),
    ((1, 6, 5, 1), (3, 2, 1, 2), 1, "valid", (2, 1), ((0, 0), (0, 0))),
    ((1, 5, 5, 2), (2, 2, 2, 2), 1, [[0, 0], [1, 2], [0, 1], [0, 0]], 1,
     ((1, 2), (0, 1))),
    ((1, 5, 5, 1), (3, 3, 1, 1), 2, 1, 1, ((1, 1), (1, 1))),
]


@pytest.mark.parametrize("xs,ws,strides,pad,dil,pads", CASES)
def test_conv2d_matches_direct_convolution(tf, xs, ws, strides, pad, dil, pads) -> None:
    x, w = _rand(xs, 1), _rand(ws, 2)
    st = (strides, strides) if isinstance(strides, int) else strides
    dl = (dil, dil) if isinstance(dil, int) else dil
    want, shape = _naive_conv2d(x, xs, w, ws, st, pads, dl)
    got = tf.conv2d(tf.tensor(x, xs), tf.tensor(w, ws), strides, pad, "NHWC", dil)
    assert_close(got, _nest(want, shape), shape=shape, dtype="float32", rtol=1e-4, atol=1e-4)
    with tf.tidy():
        xt = tf.transpose(tf.tensor(x, xs), [0, 3, 1, 2])
        pad_cf = pad if not isinstance(pad, list) else [pad[0], pad[3], pad[1], pad[2]]
        got_cf = tf.conv2d(xt, tf.tensor(w, ws), strides, pad_cf, "NCHW", dil)
        assert_close(tf.transpose(got_cf, [0, 2, 3, 1]), _nest(want, shape), rtol=1e-4,
                     atol=1e-4)


@pytest.mark.parametrize("xs,ws,strides,pad,dil,pads", CASES[:4])
def test_depthwise_matches_direct(tf, xs, ws, strides, pad, dil, pads) -> None:
    ws = (ws[0], ws[1], xs[3], 2)
    x, w = _rand(xs, 3), _rand(ws, 4)
    st = (strides, strides) if isinstance(strides, int) else strides
    dl = (dil, dil) if isinstance(dil, int) else dil
    want, shape = _naive_conv2d(x, xs, w, ws, st, pads, dl, depthwise=True)
    got = tf.depthwise_conv2d(tf.tensor(x, xs), tf.tensor(w, ws), strides, pad, "NHWC", dil)
    assert_close(got, _nest(want, shape), shape=shape, dtype="float32", rtol=1e-4, atol=1e-4)


def test_conv2d_shapes_and_edge_cases(tf) -> None:
    assert tf.conv2d(tf.ones([3, 3, 1]), tf.ones([2, 2, 1, 4]), 1, "same").shape == (3, 3, 4)
    e = tf.conv2d(tf.zeros([0, 3, 3, 1]), tf.ones([2, 2, 1, 1]), 1, "valid")
    assert e.shape == (0, 2, 2, 1) and e.dtype == "float32"
    z = tf.conv2d(tf.zeros([1, 3, 3, 0]), tf.zeros([2, 2, 0, 2]), 1, "valid")
    assert_close(z, [[[[0.0, 0.0]] * 2] * 2])
    assert tf.conv2d(tf.ones([1, 3, 3, 1]), tf.ones([4, 4, 1, 1]), 1, "valid").shape == \
        (1, 0, 0, 1)
    x = tf.tensor([1.0, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1])
    assert_close(tf.conv2d(x, tf.ones([2, 2, 1, 1]), 2, 1), [[[[1.0], [5.0]], [[11.0], [28.0]]]])
    assert tf.conv2d(x, tf.ones([2, 2, 1, 1]), 2, 1, "NHWC", 1, "ceil").shape == (1, 3, 3, 1)
    assert tf.conv2d(tf.ones([1, 5, 5, 1]), tf.ones([2, 2, 1, 1]), 2, 1, "NHWC", 1,
                     "ceil").shape == (1, 4, 4, 1)
    assert tf.conv2d(tf.ones([1, 5, 5, 1]), tf.ones([2, 2, 1, 1]), 2, 1, "NHWC", 1,
                     "floor").shape == (1, 3, 3, 1)
    y = tf.conv2d([[[[1.0, 2.0]]]], [[[[1.0], [1.0]]]], 1, "valid")  # TensorLike inputs
    assert_close(y, [[[[3.0]]]], dtype="float32")
    nan = tf.conv2d(tf.tensor([float("nan"), 1.0], [1, 1, 2, 1]), tf.ones([1, 1, 1, 1]), 1,
                    "valid")
    assert math.isnan(nan.to_list()[0][0][0][0])


def test_conv_errors(tf) -> None:
    x = tf.ones([1, 3, 3, 1])
    with pytest.raises(TypeError, match="float32"):
        tf.conv2d(tf.ones([1, 3, 3, 1], "int32"), tf.ones([2, 2, 1, 1]), 1, "valid")
    with pytest.raises(Exception, match="depth of input"):
        tf.conv2d(x, tf.ones([2, 2, 2, 1]), 1, "valid")
    with pytest.raises(Exception, match="must be rank"):
        tf.conv2d(tf.ones([3, 3]), tf.ones([2, 2, 1, 1]), 1, "valid")
    with pytest.raises(ValueError, match="Either strides or dilations"):
        tf.conv2d(x, tf.ones([2, 2, 1, 1]), 2, "valid", "NHWC", 2)
    with pytest.raises(ValueError, match="dimRoundingMode"):
        tf.conv2d(x, tf.ones([2, 2, 1, 1]), 1, "same", "NHWC", 1, "ceil")
    with pytest.raises(ValueError, match="pad"):
        tf.conv2d(x, tf.ones([2, 2, 1, 1]), 1, "full")
    with pytest.raises(ValueError, match="NWC"):
        tf.conv1d(tf.ones([1, 5, 1]), tf.ones([2, 1, 1]), 1, "valid", "NCW")
    with pytest.raises(ValueError, match="NDHWC"):
        tf.conv3d(tf.ones([1, 2, 2, 2, 1]), tf.ones([1, 1, 1, 1, 1]), 1, "valid", "NCDHW")
    with pytest.raises(ValueError, match="NCHW"):
        tf.separable_conv2d(x, tf.ones([1, 1, 1, 1]), tf.ones([1, 1, 1, 1]), 1, "valid", 1,
                            "NCHW")
    with pytest.raises(ValueError, match="Only NHWC"):
        tf.dilation2d(x, tf.ones([1, 1, 1]), 1, "valid", 1, "NCHW")
    with pytest.raises(Exception, match="spatial"):
        tf.conv2d_transpose(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), [1, 3, 3, 1], 1,
                            "valid")
    with pytest.raises(ValueError, match="activation"):
        tf.fused.conv2d(x=x, filter=tf.ones([1, 1, 1, 1]), strides=1, pad="same",
                        activation="tanh")


def test_conv1d(tf) -> None:
    x = tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0], [1, 5, 1])
    f = tf.tensor([1.0, -1.0], [2, 1, 1])
    assert_close(tf.conv1d(x, f, 1, "valid"), [[[-1.0], [-1.0], [-1.0], [-1.0]]])
    assert_close(tf.conv1d(x, f, 2, "same"), [[[-1.0], [-1.0], [5.0]]])
    assert_close(tf.conv1d(x, f, 1, "valid", "NWC", 2), [[[-2.0], [-2.0], [-2.0]]])
    assert tf.conv1d(tf.ones([5, 1]), f, 1, 1).shape == (6, 1)  # pads only the width


def test_conv3d_and_int32(tf) -> None:
    y = tf.conv3d(tf.ones([1, 3, 3, 3, 2]), tf.ones([2, 2, 2, 2, 1]), 1, "valid")
    assert_close(y, [[[[[16.0]] * 2] * 2] * 2], shape=(1, 2, 2, 2, 1))
    yi = tf.conv3d(tf.ones([2, 2, 2, 1], "int32"), tf.ones([1, 1, 1, 1, 1], "int32"), 1, "same")
    assert yi.dtype == "int32" and yi.shape == (2, 2, 2, 1)
    assert tf.conv3d(tf.ones([1, 5, 5, 5, 1]), tf.ones([1, 1, 1, 1, 1]), 1, 1).shape == \
        (1, 7, 7, 7, 1)
    d = tf.conv3d(tf.ones([5, 5, 5, 1]), tf.ones([2, 2, 2, 1, 1]), 1, "valid", "NDHWC", 2)
    assert_close(d, [[[[8.0]] * 3] * 3] * 3)


def test_transposes(tf) -> None:
    y = tf.conv2d_transpose(tf.ones([1, 2, 2, 3]), tf.ones([2, 2, 1, 3]), [1, 3, 3, 1], 1,
                            "valid")
    assert_close(y, [[[[3.0], [6.0], [3.0]], [[6.0], [12.0], [6.0]], [[3.0], [6.0], [3.0]]]])
    y2 = tf.conv2d_transpose(tf.ones([2, 2, 3], "int32"), tf.ones([2, 2, 1, 3]), [4, 4, 1], 2,
                             "same")
    assert y2.dtype == "float32" and y2.shape == (4, 4, 1)
    assert_close(y2, [[[3.0]] * 4] * 4)
    y3 = tf.conv3d_transpose(tf.ones([1, 2, 2, 2, 3]), tf.ones([2, 2, 2, 1, 3]),
                             [1, 3, 3, 3, 1], 1, "valid")
    assert y3.shape == (1, 3, 3, 3, 1) and y3.to_list()[0][1][1][1][0] == 24.0


def test_separable_and_dilation2d(tf) -> None:
    y = tf.separable_conv2d(tf.ones([1, 3, 3, 2]), tf.ones([2, 2, 2, 2]), tf.ones([1, 1, 4, 3]),
                            1, "valid")
    assert_close(y, [[[[16.0] * 3] * 2] * 2])
    x = tf.tensor([[[[1.0], [5.0], [0.0]], [[3.0], [2.0], [-1.0]], [[0.0], [9.0], [4.0]]]])
    f = tf.tensor([[[0.0], [1.0]], [[-1.0], [0.0]]])
    assert_close(tf.dilation2d(x, f, 1, "valid"), [[[[6.0], [5.0]], [[9.0], [8.0]]]])
    assert_close(tf.dilation2d(x, f, 1, "same"),  # values from TF.js 4.22
                 [[[[6.0], [5.0], [0.0]], [[9.0], [8.0], [3.0]], [[10.0], [9.0], [4.0]]]])
    xi = tf.cast(x, "int32")
    assert tf.dilation2d(xi, tf.cast(f, "int32"), 1, "valid").dtype == "int32"
    assert tf.dilation2d(tf.ones([3, 3, 2]), tf.ones([2, 2, 2]), 1, "same", 2).shape == (3, 3, 2)


@pytest.mark.parametrize("act", ["linear", "relu", "relu6", "elu", "leakyrelu", "prelu",
                                 "sigmoid"])
def test_fused_ops_match_unfused(tf, act) -> None:
    with tf.tidy():
        x = tf.tensor(_rand((1, 4, 4, 2), 5), [1, 4, 4, 2])
        f = tf.tensor(_rand((3, 3, 2, 3), 6), [3, 3, 2, 3])
        bias = tf.tensor([0.5, -0.5, 1.0])
        alpha = tf.tensor([0.1, 0.2, 0.3])
        kw = dict(bias=bias, activation=act, prelu_activation_weights=alpha,
                  leakyrelu_alpha=0.3)
        acts = {"linear": lambda y: y, "relu": tf.relu, "relu6": tf.relu6, "elu": tf.elu,
                "sigmoid": tf.sigmoid, "leakyrelu": lambda y: tf.leaky_relu(y, 0.3),
                "prelu": lambda y: tf.prelu(y, alpha)}
        want = acts[act](tf.add(tf.conv2d(x, f, 1, "same"), bias))
        got = tf.fused.conv2d(x=x, filter=f, strides=1, pad="same", **kw)
        assert_close(got, want.to_list(), rtol=1e-4, atol=1e-5)
        fd = tf.tensor(_rand((2, 2, 2, 2), 7), [2, 2, 2, 2])
        b4 = tf.tensor([0.5, -0.5, 1.0, 0.0])
        al4 = tf.tensor([0.1, 0.2, 0.3, 0.4])
        acts["prelu"] = lambda y: tf.prelu(y, al4)
        want = acts[act](tf.add(tf.depthwise_conv2d(x, fd, 2, "valid"), b4))
        got = tf.fused.depthwise_conv2d(x=x, filter=fd, strides=2, pad="valid", bias=b4,
                                        activation=act, prelu_activation_weights=al4,
                                        leakyrelu_alpha=0.3)
        assert_close(got, want.to_list(), rtol=1e-4, atol=1e-5)
        a = tf.tensor(_rand((2, 3, 4), 8), [2, 3, 4])
        b = tf.tensor(_rand((2, 5, 4), 9), [2, 5, 4])
        b5 = tf.tensor([0.5, -0.5, 1.0, 0.0, 2.0])
        al5 = tf.tensor([0.1, 0.2, 0.3, 0.4, 0.5])
        acts["prelu"] = lambda y: tf.prelu(y, al5)
        want = acts[act](tf.add(tf.mat_mul(a, b, False, True), b5))
        got = tf.fused.mat_mul(a=a, b=b, transpose_b=True, bias=b5, activation=act,
                               prelu_activation_weights=al5, leakyrelu_alpha=0.3)
        assert_close(got, want.to_list(), rtol=1e-4, atol=1e-5)


def test_fused_conv2d_nchw_bias(tf) -> None:
    with tf.tidy():
        x = tf.tensor(_rand((1, 2, 3, 3), 11), [1, 2, 3, 3])
        f = tf.tensor(_rand((2, 2, 2, 3), 12), [2, 2, 2, 3])
        bias = tf.tensor([1.0, 2.0, 3.0])
        want = tf.add(tf.conv2d(x, f, 1, "same", "NCHW"), tf.reshape(bias, [3, 1, 1]))
        got = tf.fused.conv2d(x=x, filter=f, strides=1, pad="same", data_format="NCHW",
                              bias=bias)
        assert_close(got, want.to_list(), rtol=1e-4, atol=1e-5)


# ------------------------------------------------------------------------------ gradients
@pytest.mark.parametrize("strides,pad,dil", [(1, "same", 1), (2, "valid", 1), (1, "valid", 2),
                                             (2, [[0, 0], [1, 0], [0, 1], [0, 0]], 1)])
def test_conv2d_grad(tf, strides, pad, dil) -> None:
    x = tf.tensor(_rand((1, 5, 4, 2), 1), [1, 5, 4, 2])
    f = tf.tensor(_rand((2, 3, 2, 2), 2), [2, 3, 2, 2])
    check_grads(tf, lambda a, b: tf.conv2d(a, b, strides, pad, "NHWC", dil), [x, f])
    tf.dispose([x, f])


def test_conv2d_nchw_and_conv1d_grad(tf) -> None:
    x = tf.tensor(_rand((1, 2, 4, 3), 3), [1, 2, 4, 3])
    f = tf.tensor(_rand((2, 2, 2, 2), 4), [2, 2, 2, 2])
    check_grads(tf, lambda a, b: tf.conv2d(a, b, 1, "same", "NCHW"), [x, f])
    x1 = tf.tensor(_rand((2, 5, 2), 5), [2, 5, 2])
    f1 = tf.tensor(_rand((3, 2, 2), 6), [3, 2, 2])
    check_grads(tf, lambda a, b: tf.conv1d(a, b, 2, "same"), [x1, f1])
    tf.dispose([x, f, x1, f1])


def test_conv2d_transpose_grad(tf) -> None:
    x = tf.tensor(_rand((1, 2, 2, 3), 7), [1, 2, 2, 3])
    f = tf.tensor(_rand((2, 2, 2, 3), 8), [2, 2, 2, 3])
    check_grads(tf, lambda a, b: tf.conv2d_transpose(a, b, [1, 4, 4, 2], 2, "same"), [x, f])
    tf.dispose([x, f])


def test_conv3d_grads(tf) -> None:
    x = tf.tensor(_rand((1, 3, 3, 2, 2), 9), [1, 3, 3, 2, 2])
    f = tf.tensor(_rand((2, 2, 1, 2, 2), 10), [2, 2, 1, 2, 2])
    check_grads(tf, lambda a, b: tf.conv3d(a, b, 1, "same"), [x, f])
    xt = tf.tensor(_rand((1, 2, 2, 1, 2), 11), [1, 2, 2, 1, 2])
    check_grads(tf, lambda a, b: tf.conv3d_transpose(a, b, [1, 3, 3, 1, 2], 1, "valid"), [xt, f])
    tf.dispose([x, f, xt])


@pytest.mark.parametrize("strides,pad,dil", [(1, "same", 1), (2, "valid", 1), (1, "same", 2)])
def test_depthwise_and_separable_grad(tf, strides, pad, dil) -> None:
    x = tf.tensor(_rand((1, 4, 5, 2), 12), [1, 4, 5, 2])
    f = tf.tensor(_rand((2, 2, 2, 2), 13), [2, 2, 2, 2])
    check_grads(tf, lambda a, b: tf.depthwise_conv2d(a, b, strides, pad, "NHWC", dil), [x, f])
    p = tf.tensor(_rand((1, 1, 4, 3), 14), [1, 1, 4, 3])
    check_grads(tf, lambda a, b, c: tf.separable_conv2d(a, b, c, strides, pad, dil), [x, f, p])
    tf.dispose([x, f, p])


def test_dilation2d_grad(tf) -> None:
    x = tf.tensor(_rand((1, 4, 4, 2), 15), [1, 4, 4, 2])
    f = tf.tensor(_rand((2, 2, 2), 16), [2, 2, 2])
    check_grads(tf, lambda a, b: tf.dilation2d(a, b, 1, "same"), [x, f])
    check_grads(tf, lambda a, b: tf.dilation2d(a, b, 2, "valid"), [x, f])
    tf.dispose([x, f])


@pytest.mark.parametrize("act", ["linear", "relu", "elu", "sigmoid", "leakyrelu"])
def test_fused_grads(tf, act) -> None:
    x = tf.tensor(_rand((1, 3, 3, 2), 17), [1, 3, 3, 2])
    f = tf.tensor(_rand((2, 2, 2, 2), 18), [2, 2, 2, 2])
    bias = tf.tensor([0.25, -0.5])
    check_grads(tf, lambda a, b, c: tf.fused.conv2d(x=a, filter=b, strides=1, pad="same",
                                                    bias=c, activation=act), [x, f, bias])
    check_grads(tf, lambda a, b, c: tf.fused.depthwise_conv2d(
        x=a, filter=b, strides=1, pad="valid", bias=tf.concat([c, c]), activation=act),
        [x, f, bias])
    m = tf.tensor(_rand((3, 2), 19), [3, 2])
    w = tf.tensor(_rand((2, 2), 22), [2, 2])
    check_grads(tf, lambda a, b, c: tf.fused.mat_mul(a=a, b=b, bias=c, activation=act),
                [m, w, bias])
    tf.dispose([x, f, bias, m, w])


def test_second_order_conv2d(tf) -> None:
    x = tf.tensor(_rand((1, 3, 3, 1), 20), [1, 3, 3, 1])
    f = tf.tensor(_rand((2, 2, 1, 1), 21), [2, 2, 1, 1])

    def g(a, b):
        return tf.grads(lambda u, v: tf.sum(tf.square(tf.conv2d(u, v, 1, "same"))))([a, b])[0]
    check_grads(tf, g, [x, f])
    tf.dispose([x, f])
