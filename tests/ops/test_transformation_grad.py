"""Gradients of the transformation and creation ops (Reshape, ExpandDims, Squeeze, PadV2,
MirrorPad, BroadcastTo, SpaceToBatchND, BatchToSpaceND, DepthToSpace, ZerosLike, OnesLike,
OneHot, Complex, Real, Imag).

Each gradient is checked against central differences (``tests/gradcheck.py``), and against
literal values recorded with TF.js 4.22 (cpu backend) where TF.js has the gradient and it is
correct. TF.js has no gradient for DepthToSpace, Complex, Real and Imag, and its MirrorPad
gradient drops the mirrored borders; those literals are the mathematically correct values.
"""
from __future__ import annotations

import math

import pytest

from pytfjs.core.opdef import GRADIENTS, OPS
from tests.gradcheck import check_grads
from tests.helpers import assert_close


def _seq(tf, shape, dtype="float32", start=1):  # type: ignore[no-untyped-def]
    n = math.prod(shape)
    return tf.tensor([start + i for i in range(n)], shape, dtype)


# ----------------------------------------------------------------------------- reshape
def test_reshape_grad(tf):
    dy = tf.tensor([1.0, -2.0, 3.0, -4.0, 5.0, -6.0], [3, 2])
    g = tf.grad(lambda x: tf.reshape(x, [3, 2]))(_seq(tf, [2, 3]), dy)
    assert_close(g, [[1, -2, 3], [-4, 5, -6]], dtype="float32", shape=(2, 3))
    check_grads(tf, lambda x: tf.reshape(x, [-1]), [_seq(tf, [2, 3])])
    check_grads(tf, lambda x: tf.reshape(x, []), [tf.tensor([2.0])])


def test_reshape_grad_empty(tf):
    g = tf.grad(lambda x: tf.reshape(x, [0, 3]))(tf.zeros([3, 0]))
    assert g.shape == (3, 0) and g.dtype == "float32"


# ----------------------------------------------------------------------------- expand/squeeze
def test_expand_dims_grad(tf):
    dy = _seq(tf, [2, 3, 1])
    assert_close(tf.grad(lambda x: tf.expand_dims(x, -1))(_seq(tf, [2, 3]), dy),
                 [[1, 2, 3], [4, 5, 6]], dtype="float32", shape=(2, 3))
    g = tf.grad(lambda x: tf.expand_dims(x, 1))(_seq(tf, [2, 3]))
    assert_close(g, [[1, 1, 1], [1, 1, 1]], shape=(2, 3))
    check_grads(tf, lambda x: tf.expand_dims(x, 0), [_seq(tf, [2, 2])])
    check_grads(tf, lambda x: tf.expand_dims(x), [tf.scalar(1.5)])


def test_squeeze_grad(tf):
    g = tf.grad(lambda x: tf.squeeze(x))(_seq(tf, [1, 3, 1]), tf.tensor([7.0, 8.0, 9.0]))
    assert_close(g, [[[7], [8], [9]]], dtype="float32", shape=(1, 3, 1))
    g = tf.grad(lambda x: tf.squeeze(x, [-1]))(_seq(tf, [1, 3, 1]))
    assert g.shape == (1, 3, 1)
    check_grads(tf, lambda x: tf.squeeze(x, [0, 2]), [_seq(tf, [1, 2, 1, 2])])
    check_grads(tf, lambda x: tf.squeeze(x), [tf.tensor([[[0.5]]])])


# ----------------------------------------------------------------------------- pad
def test_pad_grad(tf):
    dy = _seq(tf, [3, 4])
    g = tf.grad(lambda x: tf.pad(x, [[1, 0], [0, 2]]))(_seq(tf, [2, 2]), dy)
    assert_close(g, [[5, 6], [9, 10]], dtype="float32", shape=(2, 2))
    g = tf.grad(lambda x: tf.pad(x, [[1, 1]], 5.0))(tf.tensor([1.0, 2.0]), _seq(tf, [4]))
    assert_close(g, [2, 3], dtype="float32")
    check_grads(tf, lambda x: tf.pad(x, [[1, 2], [0, 1]], 3.0), [_seq(tf, [2, 3])])
    check_grads(tf, lambda x: tf.pad(x, [[0, 0]]), [_seq(tf, [3])])


def test_pad_grad_empty(tf):
    g = tf.grad(lambda x: tf.pad(x, [[0, 0], [1, 1]]))(tf.zeros([0, 2]))
    assert g.shape == (0, 2) and g.dtype == "float32"
    g = tf.grad(lambda x: tf.pad(x, [[2, 1]]))(tf.zeros([0]))
    assert g.shape == (0,)


def test_pad_grad_of_grad(tf):
    # The gradient is built from ops, so it is differentiable itself: with dy = pad(v, [3, 0])
    # the inner gradient is slice(dy) = [0, 0, v0], so the outer one is [1, 0, 0].
    def inner(v):  # type: ignore[no-untyped-def]
        return tf.grad(lambda y: tf.pad(y, [[1, 2], [0, 0]]))(
            tf.zeros([3, 1]), tf.pad(v, [[3, 0], [0, 0]]))

    assert_close(tf.grad(inner)(tf.tensor([[4.0], [5.0], [6.0]])), [[1.0], [0.0], [0.0]])


# ----------------------------------------------------------------------------- mirror_pad
def test_mirror_pad_grad_folds_borders(tf):
    # TF.js 4.22 returns [3, 4, 5] here (only the centre of dy); each border element is a
    # copy of an input element, so its gradient belongs to that element.
    dy = _seq(tf, [6])
    g = tf.grad(lambda x: tf.mirror_pad(x, [[2, 1]], "reflect"))(tf.tensor([1.0, 2.0, 3.0]), dy)
    assert_close(g, [3, 12, 6], dtype="float32")  # [3,2,1,2,3,2] <- x indices
    g = tf.grad(lambda x: tf.mirror_pad(x, [[2, 1]], "symmetric"))(tf.tensor([1.0, 2.0, 3.0]), dy)
    assert_close(g, [5, 5, 11])  # [2,1,1,2,3,3] <- x indices 1,0,0,1,2,2
    g = tf.grad(lambda x: tf.mirror_pad(x, [[1, 1], [0, 0]], "reflect"))(_seq(tf, [2, 2]))
    assert_close(g, [[2, 2], [2, 2]])


@pytest.mark.parametrize("mode", ["reflect", "symmetric"])
def test_mirror_pad_grad_numeric(tf, mode):
    check_grads(tf, lambda x: tf.mirror_pad(x, [[2, 1], [0, 2]], mode), [_seq(tf, [3, 3])])
    check_grads(tf, lambda x: tf.mirror_pad(x, [[1, 0], [1, 1], [0, 0]], mode),
                [_seq(tf, [2, 3, 2])])
    check_grads(tf, lambda x: tf.mirror_pad(x, [[0, 0]], mode), [_seq(tf, [2])])


def test_mirror_pad_grad_full_width(tf):
    # symmetric padding as wide as the axis, on both sides: each element copied 3 times.
    g = tf.grad(lambda x: tf.mirror_pad(x, [[2, 2]], "symmetric"))(tf.tensor([1.0, 2.0]))
    assert_close(g, [3, 3])


# ----------------------------------------------------------------------------- broadcast_to
def test_broadcast_to_grad(tf):
    dy = _seq(tf, [2, 3, 2])
    g = tf.grad(lambda x: tf.broadcast_to(x, [2, 3, 2]))(tf.tensor([[1.0], [2.0], [3.0]]), dy)
    assert_close(g, [[18], [26], [34]], dtype="float32", shape=(3, 1))
    g = tf.grad(lambda x: tf.broadcast_to(x, [2, 3]))(tf.tensor([1.0, 2.0, 3.0]),
                                                     _seq(tf, [2, 3]))
    assert_close(g, [5, 7, 9], shape=(3,))
    g = tf.grad(lambda x: tf.broadcast_to(x, [2, 3]))(_seq(tf, [2, 3]), _seq(tf, [2, 3]))
    assert_close(g, [[1, 2, 3], [4, 5, 6]])
    g = tf.grad(lambda x: tf.broadcast_to(x, [2, 2]))(tf.scalar(3.0))
    assert_close(g, 4.0, shape=())


def test_broadcast_to_grad_numeric_and_empty(tf):
    check_grads(tf, lambda x: tf.broadcast_to(x, [2, 1, 3, 2]), [_seq(tf, [1, 3, 1])])
    check_grads(tf, lambda x: tf.broadcast_to(x, [4]), [tf.tensor([0.5])])
    g = tf.grad(lambda x: tf.broadcast_to(x, [0, 3]))(tf.tensor([1.0, 2.0, 3.0]))
    assert_close(g, [0, 0, 0], shape=(3,))
    g = tf.grad(lambda x: tf.broadcast_to(x, [2, 0]))(tf.tensor([[1.0]]))
    assert_close(g, [[0]], shape=(1, 1))


# ----------------------------------------------------------------------------- space <-> batch
def test_space_to_batch_nd_grad(tf):
    g = tf.grad(lambda x: tf.space_to_batch_nd(x, [2, 2], [[0, 0], [0, 0]]))(
        _seq(tf, [1, 4, 4, 1]), _seq(tf, [4, 2, 2, 1]))
    assert_close(g, [[[[1], [5], [2], [6]], [[9], [13], [10], [14]],
                      [[3], [7], [4], [8]], [[11], [15], [12], [16]]]], shape=(1, 4, 4, 1))
    g = tf.grad(lambda x: tf.space_to_batch_nd(x, [2], [[1, 1]]))(
        _seq(tf, [1, 2, 1]), _seq(tf, [2, 2, 1]))
    assert_close(g, [[[3], [2]]], shape=(1, 2, 1))
    check_grads(tf, lambda x: tf.space_to_batch_nd(x, [2, 3], [[1, 0], [0, 2]]),
                [_seq(tf, [2, 3, 4, 2])])


def test_batch_to_space_nd_grad(tf):
    g = tf.grad(lambda x: tf.batch_to_space_nd(x, [2, 2], [[0, 0], [0, 0]]))(
        _seq(tf, [4, 2, 2, 1]), _seq(tf, [1, 4, 4, 1]))
    assert_close(g, [[[[1], [3]], [[9], [11]]], [[[2], [4]], [[10], [12]]],
                     [[[5], [7]], [[13], [15]]], [[[6], [8]], [[14], [16]]]], shape=(4, 2, 2, 1))
    g = tf.grad(lambda x: tf.batch_to_space_nd(x, [2], [[1, 0]]))(
        _seq(tf, [2, 2, 1]), tf.tensor([10.0, 20.0, 30.0], [1, 3, 1]))
    assert_close(g, [[[0], [20]], [[10], [30]]], shape=(2, 2, 1))
    check_grads(tf, lambda x: tf.batch_to_space_nd(x, [2, 2], [[1, 0], [0, 1]]),
                [_seq(tf, [4, 2, 2, 2])])


# ----------------------------------------------------------------------------- depth_to_space
def test_depth_to_space_grad(tf):
    # The gradient is the inverse rearrangement (space to depth); TF.js has no gradient here.
    x = _seq(tf, [1, 1, 2, 4])
    y = tf.depth_to_space(x, 2)
    g = tf.grad(lambda v: tf.depth_to_space(v, 2))(x, y)
    assert_close(g, x.to_list(), shape=(1, 1, 2, 4))
    x = _seq(tf, [1, 8, 1, 2])
    y = tf.depth_to_space(x, 2, "NCHW")
    assert_close(tf.grad(lambda v: tf.depth_to_space(v, 2, "NCHW"))(x, y), x.to_list())


@pytest.mark.parametrize("data_format", ["NHWC", "NCHW"])
def test_depth_to_space_grad_numeric(tf, data_format):
    shape = [2, 2, 3, 8] if data_format == "NHWC" else [2, 8, 2, 3]
    check_grads(tf, lambda x: tf.depth_to_space(x, 2, data_format), [_seq(tf, shape)])


# ----------------------------------------------------------------------------- creation
def test_zeros_like_ones_like_grad(tf):
    x = tf.tensor([1.0, 2.0])
    assert_close(tf.grad(lambda v: tf.zeros_like(v))(x), [0, 0], dtype="float32")
    assert_close(tf.grad(lambda v: tf.ones_like(v))(x), [0, 0], dtype="float32")
    assert_close(tf.grad(lambda v: tf.add(tf.ones_like(v), v))(x), [1, 1], dtype="float32")
    assert_close(tf.grad(lambda v: tf.add(tf.zeros_like(v), v))(tf.zeros([0])), [], shape=(0,))


def test_one_hot_grad_passes_zero(tf):
    # As TF.js: the int32 indices get a zero gradient, so a tape through them still works.
    g = tf.grad(lambda v: tf.one_hot(tf.cast(v, "int32"), 3))(tf.tensor([0.0, 2.0]))
    assert_close(g, [0, 0], dtype="float32", shape=(2,))


def test_complex_real_imag_grad(tf):
    # TF's convention: d real(z) = complex(dy, 0), d imag(z) = complex(0, dy),
    # d complex(a, b) = (real(dy), imag(dy)). TF.js has none of these gradients.
    z = tf.complex([1.0, 2.0], [3.0, 4.0])
    g = tf.grad(lambda v: tf.real(v))(z, tf.tensor([5.0, 6.0]))
    assert_close(g, [5 + 0j, 6 + 0j], dtype="complex64")
    g = tf.grad(lambda v: tf.imag(v))(z, tf.tensor([5.0, 6.0]))
    assert_close(g, [5j, 6j], dtype="complex64")
    ga, gb = tf.grads(lambda a, b: tf.complex(a, b))(
        [tf.tensor([1.0, 2.0]), tf.tensor([3.0, 4.0])], tf.complex([1.0, 2.0], [-1.0, 7.0]))
    assert_close(ga, [1.0, 2.0], dtype="float32")
    assert_close(gb, [-1.0, 7.0], dtype="float32")
    # real/imag of a real tensor: identity / zeros.
    x = tf.tensor([1.0, 2.0])
    assert_close(tf.grad(lambda v: tf.real(v))(x), [1, 1], dtype="float32")
    assert_close(tf.grad(lambda v: tf.imag(v))(x), [0, 0], dtype="float32")


def test_complex_real_imag_grad_numeric(tf):
    # complex64 is float32 precision: a larger step and tolerance.
    def f(a, b):  # type: ignore[no-untyped-def]
        return tf.add(tf.real(tf.complex(a, b)), tf.imag(tf.complex(tf.add(a, b), b)))

    check_grads(tf, f, [tf.tensor([0.5, -1.0]), tf.tensor([2.0, 0.25])], eps=1e-2, rtol=1e-3,
                atol=1e-3)


# ----------------------------------------------------------------------------- registry
_NO_TENSOR_INPUT = ("tensor", "scalar", "tensor1d", "tensor2d", "tensor3d", "tensor4d", "tensor5d",
                    "tensor6d", "variable", "fill", "zeros", "ones", "range", "linspace", "eye",
                    "one_hot", "random_uniform", "random_normal", "truncated_normal",
                    "random_standard_normal", "random_uniform_int")
_WITH_GRADIENT = ("cast", "reshape", "expand_dims", "squeeze", "pad", "mirror_pad",
                  "broadcast_to", "space_to_batch_nd", "batch_to_space_nd", "depth_to_space",
                  "clone", "zeros_like", "ones_like", "complex", "real", "imag")


def test_differentiable_declarations():
    for name in _NO_TENSOR_INPUT:
        assert not OPS[name].differentiable, name
    for name in _WITH_GRADIENT:
        od = OPS[name]
        assert od.differentiable, name
        assert od.kernel in GRADIENTS, name
    # kernels that a tape may meet inside creation ops also have gradients
    for kernel in ("Identity", "Cast", "OneHot"):
        assert kernel in GRADIENTS, kernel
