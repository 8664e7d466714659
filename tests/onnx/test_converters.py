"""One small random case (or several) per converter: ONNX Runtime against the numpy backend."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")

from pytfjs.onnx import trace

RNG = np.random.default_rng(0)


def rand(*shape: int, low: float = -1.0, high: float = 1.0) -> np.ndarray:
    return RNG.uniform(low, high, shape).astype(np.float32)


def check(tf, fn, *arrays, kernel: str | None = None, atol: float = 1e-5, rtol: float = 1e-5):
    """Traces ``fn`` on ``arrays``, asserts ``kernel`` was recorded, and compares ONNX
    Runtime's outputs with the numpy backend's."""
    xs = [tf.tensor(a) for a in arrays]
    try:
        tr = trace(fn, xs)
        if kernel is not None:
            assert kernel in [k.name for k in tr.kernels], [k.name for k in tr.kernels]
        om = tf.onnx.compile(fn, xs, check=False)
        got = om.predict(xs, numpy=True)
        got = got if isinstance(got, list) else [got]
        want = tr.reference
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert g.shape == w.shape and g.dtype == w.dtype, (g.shape, g.dtype, w.shape, w.dtype)
            if w.dtype == bool or w.dtype.kind in "iu":
                np.testing.assert_array_equal(g, w)
            else:
                np.testing.assert_allclose(g, w, atol=atol, rtol=rtol)
        return om
    finally:
        tf.dispose(xs)


# ------------------------------------------------------------------------------- convolution
CONV_CASES = [  # (input shape, filter size, strides, pad, dilations)
    ((1, 9, 9, 3), 3, 1, "same", 1), ((2, 8, 8, 3), 3, 2, "same", 1),
    ((1, 9, 9, 3), 3, 2, "valid", 1), ((1, 10, 7, 3), 3, 1, "same", 2),
    ((1, 11, 11, 3), 3, 1, "valid", 2), ((1, 8, 8, 3), 1, 1, "valid", 1),
    ((1, 9, 8, 3), (3, 2), (2, 1), "same", 1), ((1, 7, 7, 3), 5, 3, "same", 1),
]


@pytest.mark.parametrize("shape,k,s,pad,d", CONV_CASES)
def test_conv2d(tf, shape, k, s, pad, d):
    kh, kw = (k, k) if isinstance(k, int) else k
    w = tf.tensor(rand(kh, kw, shape[-1], 4))
    check(tf, lambda x: tf.conv2d(x, w, s, pad, dilations=d), rand(*shape), kernel="Conv2D")
    w.dispose()


@pytest.mark.parametrize("shape,k,s,pad,d", CONV_CASES)
@pytest.mark.parametrize("mult", [1, 2])
def test_depthwise_conv2d(tf, shape, k, s, pad, d, mult):
    kh, kw = (k, k) if isinstance(k, int) else k
    if d != 1 and s != 1:
        pytest.skip("TF.js: strides and dilations cannot both exceed 1")
    w = tf.tensor(rand(kh, kw, shape[-1], mult))
    check(tf, lambda x: tf.depthwise_conv2d(x, w, s, pad, dilations=d), rand(*shape),
          kernel="DepthwiseConv2dNative")
    w.dispose()


@pytest.mark.parametrize("act", ["linear", "relu", "relu6", "elu", "sigmoid", "leakyrelu",
                                 "prelu"])
@pytest.mark.parametrize("depthwise", [False, True])
@pytest.mark.parametrize("bias", [True, False])
def test_fused_conv(tf, act, depthwise, bias):
    c = 3
    w = tf.tensor(rand(3, 3, c, 1 if depthwise else 5))
    cout = c if depthwise else 5
    b = tf.tensor(rand(cout)) if bias else None
    alpha = tf.tensor(rand(cout, low=0.1, high=0.5)) if act == "prelu" else None
    fn = tf.fused.depthwise_conv2d if depthwise else tf.fused.conv2d
    check(tf, lambda x: fn(x=x, filter=w, strides=2, pad="same", bias=b, activation=act,
                           prelu_activation_weights=alpha, leakyrelu_alpha=0.3),
          rand(2, 8, 8, c, low=-3, high=3),
          kernel="FusedDepthwiseConv2D" if depthwise else "FusedConv2D")
    tf.dispose([w, b, alpha])


def test_fused_conv_bias_from_input(tf):
    """A bias computed from the input (not a constant) is added after the convolution."""
    w = tf.tensor(rand(3, 3, 2, 4))
    check(tf, lambda x, b: tf.fused.conv2d(x=x, filter=w, strides=1, pad="same",
                                           bias=b * 2.0, activation="relu"),
          rand(1, 5, 5, 2), rand(4), kernel="FusedConv2D")
    w.dispose()


@pytest.mark.parametrize("s,pad,out", [(2, "same", (1, 8, 8, 3)), (2, "valid", (1, 9, 9, 3)),
                                       (1, "same", (1, 4, 4, 3)), (2, "same", (1, 7, 7, 3))])
def test_conv2d_transpose(tf, s, pad, out):
    w = tf.tensor(rand(3, 3, 3, 4))
    n = -(-out[1] // s) if pad == "same" else (out[1] - 3) // s + 1
    check(tf, lambda x: tf.conv2d_transpose(x, w, out, s, pad), rand(1, n, n, 4),
          kernel="Conv2DBackpropInput")
    w.dispose()


# ------------------------------------------------------------------------------- pooling
@pytest.mark.parametrize("op", ["max_pool", "avg_pool"])
@pytest.mark.parametrize("shape,f,s,pad", [((1, 9, 9, 2), 3, 2, "same"), ((2, 8, 8, 2), 2, 2, "valid"),
                                           ((1, 9, 9, 2), 3, 1, "same"), ((1, 7, 9, 2), 2, 2, "same"),
                                           ((1, 10, 10, 2), 3, 3, "valid")])
def test_pool(tf, op, shape, f, s, pad):
    fn = getattr(tf, op)
    check(tf, lambda x: fn(x, f, s, pad), rand(*shape),
          kernel="MaxPool" if op == "max_pool" else "AvgPool")


def test_lrn(tf):
    check(tf, lambda x: tf.local_response_normalization(x, 2, 1.5, 0.3, 0.75), rand(1, 4, 4, 7),
          kernel="LRN")


# ------------------------------------------------------------------------------- matmul / norm
def test_fused_mat_mul(tf):
    w, b = tf.tensor(rand(6, 4)), tf.tensor(rand(4))
    check(tf, lambda x: tf.fused.mat_mul(a=x, b=w, bias=b, activation="relu"), rand(3, 6),
          kernel="_FusedMatMul")
    check(tf, lambda x: tf.fused.mat_mul(a=x, b=w, transpose_b=True, activation="sigmoid"),
          rand(3, 4), kernel="_FusedMatMul")
    tf.dispose([w, b])


def test_batch_mat_mul(tf):
    check(tf, lambda a, b: tf.mat_mul(a, b, True, False), rand(2, 5, 3), rand(2, 5, 4),
          kernel="BatchMatMul")
    check(tf, lambda a, b: tf.mat_mul(a, b, False, True), rand(2, 3, 5), rand(2, 4, 5),
          kernel="BatchMatMul")


def test_batch_norm(tf):
    p = [tf.tensor(rand(5)), tf.tensor(rand(5, low=0.5, high=1.5)), tf.tensor(rand(5)),
         tf.tensor(rand(5))]
    check(tf, lambda x: tf.batch_norm(x, p[0], p[1], p[2], p[3]), rand(2, 3, 3, 5),
          kernel="FusedBatchNorm")
    check(tf, lambda x: tf.batch_norm(x, p[0], p[1]), rand(4, 5), kernel="FusedBatchNorm")
    # parameters computed from the input: the general form
    check(tf, lambda x: tf.batch_norm(x, tf.mean(x, 0), tf.add(tf.abs(p[1]), tf.mean(x * x, 0)),
                                      p[2], p[3]), rand(4, 5), kernel="FusedBatchNorm")
    tf.dispose(p)


@pytest.mark.parametrize("op,kernel", [("softmax", "Softmax"), ("log_softmax", "LogSoftmax")])
def test_softmax(tf, op, kernel):
    check(tf, lambda x: getattr(tf, op)(x), rand(3, 7, low=-5, high=5), kernel=kernel)


# ------------------------------------------------------------------------------- elementwise
UNARY = ["abs", "neg", "exp", "sqrt", "rsqrt", "reciprocal", "floor", "ceil", "round", "sin",
         "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "atanh", "erf",
         "sigmoid", "softplus", "relu", "relu6", "elu", "selu", "square", "expm1", "log1p",
         "sign", "is_nan", "is_inf", "is_finite", "log"]


@pytest.mark.parametrize("op", UNARY)
def test_unary(tf, op):
    low, high = {"sqrt": (0.1, 4), "rsqrt": (0.1, 4), "log": (0.1, 4), "reciprocal": (0.5, 2),
                 "asin": (-0.9, 0.9), "acos": (-0.9, 0.9), "atanh": (-0.9, 0.9)}.get(op, (-4, 4))
    x = rand(4, 5, low=low, high=high)
    if op.startswith("is_"):
        x[0, 0], x[1, 1] = np.nan, np.inf
    check(tf, lambda t: getattr(tf, op)(t), x, atol=2e-5, rtol=2e-5)


def test_acosh(tf):
    check(tf, lambda t: tf.acosh(t), rand(3, 3, low=1.1, high=4), kernel="Acosh")


@pytest.mark.parametrize("alpha", [0.2, 1.5])
def test_leaky_relu(tf, alpha):
    check(tf, lambda t: tf.leaky_relu(t, alpha), rand(4, 5), kernel="LeakyRelu")


def test_prelu_step_clip(tf):
    a = tf.tensor(rand(5, low=0.1, high=0.3))
    check(tf, lambda t: tf.prelu(t, a), rand(2, 3, 5), kernel="Prelu")
    a.dispose()
    x = rand(3, 4)
    x[0, 0] = np.nan
    check(tf, lambda t: tf.step(t, 0.25), x, kernel="Step")
    check(tf, lambda t: tf.clip_by_value(t, -0.3, 0.4), rand(3, 4), kernel="ClipByValue")


BINARY = ["add", "sub", "mul", "div", "maximum", "minimum", "squared_difference", "floor_div",
          "mod", "div_no_nan"]


@pytest.mark.parametrize("op", BINARY)
def test_binary(tf, op):
    b = rand(1, 5, low=0.5, high=2) * np.sign(rand(1, 5))
    if op == "div_no_nan":
        b[0, 0] = 0
    check(tf, lambda x, y: getattr(tf, op)(x, y), rand(4, 5, low=-3, high=3), b)


def test_pow_add_n(tf):
    check(tf, lambda x, y: tf.pow(x, y), rand(3, 4, low=0.1, high=3), rand(3, 4), kernel="Pow")
    check(tf, lambda x, y: tf.add_n([x, y, x]), rand(3, 4), rand(3, 4), kernel="AddN")


def test_int_and_bool(tf):
    ints = RNG.integers(-5, 5, (3, 4)).astype(np.int32)
    check(tf, lambda x, y: tf.add(tf.mul(x, y), tf.maximum(x, y)), ints, ints.T.copy().T,
          kernel="Multiply")
    check(tf, lambda x: tf.cast(x, "int32"), rand(3, 4, low=-5, high=5), kernel="Cast")
    check(tf, lambda x: tf.cast(x, "bool"), ints, kernel="Cast")
    check(tf, lambda x, y: tf.logical_and(tf.greater(x, y), tf.not_equal(x, 0.0)),
          rand(3, 4), rand(3, 4), kernel="LogicalAnd")


@pytest.mark.parametrize("op", ["equal", "not_equal", "greater", "greater_equal", "less",
                                "less_equal"])
def test_compare_where(tf, op):
    x, y = rand(4, 5), rand(4, 5)
    y[0] = x[0]
    check(tf, lambda a, b: tf.where(getattr(tf, op)(a, b), a, b * 2.0), x, y, kernel="Select")


# ------------------------------------------------------------------------------- reductions
@pytest.mark.parametrize("op", ["sum", "mean", "max", "min", "prod"])
@pytest.mark.parametrize("axis,keep", [([1, 2], False), (-1, True), (None, False)])
def test_reduce(tf, op, axis, keep):
    check(tf, lambda x: getattr(tf, op)(x, axis, keep), rand(2, 3, 4, low=0.5, high=1.5))


def test_arg_cumsum_topk_einsum(tf):
    check(tf, lambda x: tf.arg_max(x, 1), rand(4, 6), kernel="ArgMax")
    check(tf, lambda x: tf.arg_min(x, 0), rand(4, 6), kernel="ArgMin")
    check(tf, lambda x: tf.cumsum(x, 1, True, True), rand(3, 5), kernel="Cumsum")
    check(tf, lambda x: tf.topk(x, 3), rand(3, 7), kernel="TopK")
    check(tf, lambda a, b: tf.einsum("ij,jk->ik", a, b), rand(3, 4), rand(4, 2), kernel="Einsum")


# ------------------------------------------------------------------------------- shapes
def test_shape_ops(tf):
    x = rand(2, 3, 4)
    check(tf, lambda t: tf.reshape(t, [6, 4]), x, kernel="Reshape")
    check(tf, lambda t: tf.transpose(t, [2, 0, 1]), x, kernel="Transpose")
    check(tf, lambda t: tf.expand_dims(t, 1), x, kernel="ExpandDims")
    check(tf, lambda t: tf.squeeze(tf.expand_dims(t, 0)), x, kernel="Squeeze")
    check(tf, lambda t: tf.concat([t, t * 2.0], 1), x, kernel="Concat")
    check(tf, lambda t: tf.stack([t, t * 2.0], 1), x, kernel="Pack")
    check(tf, lambda t: tf.unstack(t, 1), x, kernel="Unpack")
    check(tf, lambda t: tf.split(t, [1, 3], 2), x, kernel="SplitV")
    check(tf, lambda t: tf.slice(t, [0, 1, 1], [2, 2, -1]), x, kernel="Slice")
    check(tf, lambda t: tf.reverse(t, [0, 2]), x, kernel="Reverse")
    check(tf, lambda t: tf.tile(t, [1, 2, 1]), x, kernel="Tile")
    check(tf, lambda t: tf.broadcast_to(tf.reshape(t, [1, 2, 3, 4]), [3, 2, 3, 4]), x,
          kernel="BroadcastTo")


@pytest.mark.parametrize("begin,end,strides,shrink", [
    ([0, 1, 0], [2, 3, 4], [1, 1, 2], 0), ([1, 2, 3], [0, 0, 0], [-1, -1, -1], 0),
    ([0, 0, 1], [2, 3, 2], [1, 1, 1], 4), ([1, -1, -1], [-3, -4, -5], [-1, -1, -1], 0)])
def test_strided_slice(tf, begin, end, strides, shrink):
    check(tf, lambda t: tf.strided_slice(t, begin, end, strides, shrink_axis_mask=shrink),
          rand(2, 3, 4), kernel="StridedSlice")


def test_gather_pad(tf):
    idx = tf.tensor([2, 0, 2], dtype="int32")
    check(tf, lambda t: tf.gather(t, idx, 1), rand(2, 3, 4), kernel="GatherV2")
    check(tf, lambda t, i: tf.gather(t, i, 0), rand(5, 2), np.array([4, 1], np.int32),
          kernel="GatherV2")
    idx.dispose()
    check(tf, lambda t: tf.pad(t, [[0, 1], [2, 0], [1, 1]], 0.5), rand(2, 3, 4), kernel="PadV2")
    check(tf, lambda t: tf.mirror_pad(t, [[0, 1], [2, 1]], "reflect"), rand(3, 4),
          kernel="MirrorPad")


def test_depth_to_space(tf):
    check(tf, lambda t: tf.depth_to_space(t, 2), rand(1, 3, 2, 8), kernel="DepthToSpace")


@pytest.mark.parametrize("ac,hp", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("size", [(7, 5), (3, 2)])
def test_resize(tf, ac, hp, size):
    x = rand(2, 4, 6, 3)
    check(tf, lambda t: tf.image.resize_bilinear(t, size, ac, hp), x, kernel="ResizeBilinear")
    check(tf, lambda t: tf.image.resize_nearest_neighbor(t, size, ac, hp), x,
          kernel="ResizeNearestNeighbor")


# ------------------------------------------------------------------------------- errors
def test_unsupported_kernel_is_named(tf):
    x = tf.tensor(rand(3, 4))
    with pytest.raises(NotImplementedError, match=r"Atan2.*Supported kernels: .*Conv2D"):
        tf.onnx.export(lambda t: tf.atan2(t, t + 1.0), x)
    with pytest.raises(NotImplementedError, match="Kernel 'FloorDiv'.*int32"):
        tf.onnx.export(lambda t: tf.div(t, t), tf.cast(x, "int32"))
    x.dispose()


def test_data_dependent_function_is_refused(tf):
    from pytfjs.onnx import TraceError
    x = tf.tensor(rand(3))

    def branchy(t):
        return t * 2.0 if float(tf.sum(t).data_sync()[0]) > 0 else t * 3.0

    with pytest.raises(TraceError, match="reads the values of the output of kernel 'Sum'"):
        tf.onnx.export(branchy, x)
    with pytest.raises(TraceError, match="random"):
        tf.onnx.export(lambda t: t + tf.random_uniform([3]), x)
    with pytest.raises(ValueError, match="do not depend on the inputs"):
        tf.onnx.export(lambda t: tf.ones([3]) * 2.0, x)
    x.dispose()
