"""The Numba kernels (pytfjs/backends/numpy/jit.py) against the NumPy kernels and a naive
reference, on every path they take over (and the inputs they must hand back)."""
from __future__ import annotations

import math

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("numba")

from pytfjs.backends.numpy import jit  # noqa: E402
from pytfjs.backends.xp import make_kernels  # noqa: E402
from pytfjs.backends.xp import _threads  # noqa: E402
from tests.backends.test_threads import DW_CASES, naive_depthwise  # noqa: E402

BASE = make_kernels(np)
JIT = jit.make_kernels(BASE)


@pytest.fixture(autouse=True)
def compiled() -> None:
    if jit.get() is None:
        pytest.skip("Numba kernels unavailable (PYTFJS_JIT=0 or Numba failed to load)")


@pytest.fixture(params=[1, 3], ids=["1-thread", "3-threads"])
def threads(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(_threads, "NUM_THREADS", request.param)
    monkeypatch.setattr(_threads, "MIN_CHUNK", 1)
    return request.param


@pytest.mark.parametrize("xs,fs,strides,pad,dil", DW_CASES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_depthwise(threads, xs, fs, strides, pad, dil, dtype):
    rng = np.random.default_rng(11)
    x = rng.standard_normal(xs).astype(dtype)
    f = rng.standard_normal(fs).astype(dtype)
    got = JIT["DepthwiseConv2dNative"](x, f, strides=strides, pad=pad, dilations=dil)
    want = naive_depthwise(x.astype(np.float64), f.astype(np.float64), strides, pad, dil)
    assert got.dtype == np.dtype(dtype) and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("xs,fs,strides,pad,dil", DW_CASES)
@pytest.mark.parametrize("activation", ["linear", "relu", "relu6"])
def test_fused_depthwise(threads, xs, fs, strides, pad, dil, activation):
    rng = np.random.default_rng(12)
    x = (rng.standard_normal(xs) * 4).astype(np.float32)
    f = rng.standard_normal(fs).astype(np.float32)
    bias = rng.standard_normal(fs[2] * fs[3]).astype(np.float32)
    kw = dict(strides=strides, pad=pad, dilations=dil, activation=activation,
              leakyrelu_alpha=0.2, has_bias=True, has_prelu=False)
    got = JIT["FusedDepthwiseConv2D"](x, f, bias, **kw)
    np.testing.assert_allclose(got, BASE["FusedDepthwiseConv2D"](x, f, bias, **kw),
                               rtol=1e-5, atol=1e-5)


def test_negative_after_padding_and_empty_output():
    x = np.arange(2 * 5 * 5 * 3, dtype=np.float32).reshape(2, 5, 5, 3)
    f = np.ones((3, 3, 3, 1), np.float32)
    pad = ((0, -1), (1, -1))            # rows/columns at the end are never read
    kw = dict(strides=(1, 1), pad=pad, dilations=(1, 1))
    np.testing.assert_allclose(JIT["DepthwiseConv2dNative"](x, f, **kw),
                               BASE["DepthwiseConv2dNative"](x, f, **kw))
    kw = dict(strides=(1, 1), pad=((0, 0), (0, 0)), dilations=(1, 1))
    y = JIT["DepthwiseConv2dNative"](x[:, :2], f, **kw)        # 2 rows < 3-row kernel
    assert y.shape == (2, 0, 3, 3)


def test_nan_and_signed_zero_in_epilogues():
    x = np.array([[[[-0.0, float("nan"), -2.0, 7.0]]]], np.float32)   # [1, 1, 1, 4]
    f = np.ones((1, 1, 4, 1), np.float32)
    for act, top in (("relu", 7.0), ("relu6", 6.0)):
        y = JIT["FusedDepthwiseConv2D"](x, f, strides=(1, 1), pad=((0, 0), (0, 0)),
                                        dilations=(1, 1), activation=act, leakyrelu_alpha=0.2,
                                        has_bias=False, has_prelu=False).reshape(-1)
        assert math.copysign(1.0, y[0]) == 1.0 and math.isnan(y[1])
        assert y[2:].tolist() == [0.0, top]
        for name in ("Relu", "Relu6"):
            r = JIT[name](x).reshape(-1)
            assert math.copysign(1.0, r[0]) == 1.0 and math.isnan(r[1])


@pytest.mark.parametrize("activation", ["linear", "relu", "relu6"])
@pytest.mark.parametrize("bias_shape", [None, (9,), (1,)])
def test_fused_conv_and_matmul_epilogue(threads, activation, bias_shape):
    rng = np.random.default_rng(13)
    x = (rng.standard_normal((2, 5, 4, 7)) * 3).astype(np.float32)
    f = rng.standard_normal((1, 1, 7, 9)).astype(np.float32)
    extra = () if bias_shape is None else (rng.standard_normal(bias_shape).astype(np.float32),)
    kw = dict(activation=activation, leakyrelu_alpha=0.2, has_bias=bias_shape is not None,
              has_prelu=False)
    conv = dict(strides=(1, 1), pad=((0, 0), (0, 0)), dilations=(1, 1))
    np.testing.assert_allclose(JIT["FusedConv2D"](x, f, *extra, **kw, **conv),
                               BASE["FusedConv2D"](x, f, *extra, **kw, **conv),
                               rtol=1e-6, atol=1e-6)
    a, b = x.reshape(1, 40, 7), f.reshape(1, 7, 9)
    mm = dict(transpose_a=False, transpose_b=False)
    np.testing.assert_allclose(JIT["_FusedMatMul"](a, b, *extra, **kw, **mm),
                               BASE["_FusedMatMul"](a, b, *extra, **kw, **mm),
                               rtol=1e-6, atol=1e-6)


def test_prelu_and_other_activations_use_numpy_kernels():
    rng = np.random.default_rng(14)
    x = rng.standard_normal((1, 4, 4, 3)).astype(np.float32)
    f = rng.standard_normal((3, 3, 3, 1)).astype(np.float32)
    alpha = np.full(3, 0.1, np.float32)
    kw = dict(strides=(1, 1), pad=((1, 1), (1, 1)), dilations=(1, 1), leakyrelu_alpha=0.2,
              has_bias=False)
    for act, extra in (("prelu", (alpha,)), ("elu", ()), ("sigmoid", ()), ("leakyrelu", ())):
        np.testing.assert_allclose(
            JIT["FusedDepthwiseConv2D"](x, f, *extra, activation=act,
                                        has_prelu=bool(extra), **kw),
            BASE["FusedDepthwiseConv2D"](x, f, *extra, activation=act,
                                         has_prelu=bool(extra), **kw), rtol=1e-6)


def test_batch_norm_and_other_dtypes(threads):
    rng = np.random.default_rng(15)
    x = rng.standard_normal((2, 3, 4, 5)).astype(np.float32)
    mean, offset, scale = (rng.standard_normal(5).astype(np.float32) for _ in range(3))
    var = np.abs(rng.standard_normal(5)).astype(np.float32)
    kw = dict(variance_epsilon=1e-3, has_offset=True, has_scale=True)
    np.testing.assert_allclose(JIT["FusedBatchNorm"](x, mean, var, offset, scale, **kw),
                               BASE["FusedBatchNorm"](x, mean, var, offset, scale, **kw),
                               rtol=1e-6, atol=1e-6)
    # no offset/scale, and a float64 input (NumPy kernel)
    np.testing.assert_allclose(JIT["FusedBatchNorm"](x, mean, var, variance_epsilon=0.1),
                               BASE["FusedBatchNorm"](x, mean, var, variance_epsilon=0.1),
                               rtol=1e-6, atol=1e-6)
    x64 = x.astype(np.float64)
    assert JIT["FusedBatchNorm"](x64, mean, var, variance_epsilon=0.1).dtype == \
        BASE["FusedBatchNorm"](x64, mean, var, variance_epsilon=0.1).dtype
    ints = np.array([-3, 0, 4, 9], np.int32)
    assert JIT["Relu6"](ints).tolist() == [0, 0, 4, 6]
    assert JIT["Relu"](ints).dtype == np.int32


def test_turned_off(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PYTFJS_JIT", "0")
    monkeypatch.setattr(jit, "_state", {})
    assert jit.get() is None
    x = np.ones((1, 3, 3, 2), np.float32)
    f = np.ones((3, 3, 2, 1), np.float32)
    y = JIT["DepthwiseConv2dNative"](x, f, strides=(1, 1), pad=((1, 1), (1, 1)),
                                     dilations=(1, 1))
    assert y[0, 1, 1].tolist() == [9.0, 9.0]


@pytest.mark.parametrize("xs,fsz,strides,pad", [
    ((2, 6, 6, 3), (2, 2), (2, 2), "valid"),        # non-overlapping
    ((3, 7, 5, 4), (3, 3), (1, 1), "same"),         # overlapping, padded
    ((1, 9, 8, 2), (3, 2), (2, 3), "same"),
    ((2, 5, 5, 1), (3, 3), (2, 2), [[0, 0], [1, 2], [2, 1], [0, 0]]),
])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_max_pool_grad(threads, xs, fsz, strides, pad, dtype):
    rng = np.random.default_rng(16)
    # small integers: ties everywhere (the first maximum in the window wins), exact sums
    x = rng.integers(-3, 3, xs).astype(dtype)
    x.reshape(-1)[::7] = np.nan
    x.reshape(-1)[::11] = -np.inf
    from pytfjs.ops.pooling import pool_geometry
    outs, _ = pool_geometry(xs[1:3], fsz, strides, pad)
    dy = rng.integers(1, 5, (xs[0], *outs, xs[3])).astype(dtype)
    attrs = dict(filter_size=fsz, strides=strides, pad=pad, dim_rounding_mode=None)
    got = JIT["MaxPoolGrad"](dy, x, None, **attrs)
    want = BASE["MaxPoolGrad"](dy, x, None, **attrs)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


def test_a_numba_failure_falls_back_with_a_warning(monkeypatch, caplog):
    from numba.core.errors import TypingError

    def broken(*args, **kwargs):
        raise TypingError("cannot type this")

    monkeypatch.setattr(jit, "_state", {"k": jit.get()})
    calls = []

    def slow(x):
        calls.append(x)
        return x

    kernel = jit.guarded("Relu", broken, slow)
    x = np.ones(3, np.float32)
    with caplog.at_level("WARNING", logger="pytfjs"):
        assert kernel(x) is x
    assert "Numba kernel for Relu failed" in caplog.text
    assert jit.get() is None          # off for the rest of the process
    assert kernel(x) is x and len(calls) == 2


def test_other_errors_are_not_swallowed(monkeypatch):
    monkeypatch.setattr(jit, "_state", {"k": jit.get()})

    def bad(*args, **kwargs):
        raise ValueError("a real error in the inputs")

    with pytest.raises(ValueError, match="real error"):
        jit.guarded("Relu", bad, lambda x: x)(np.ones(2))


@pytest.mark.parametrize("shape,size", [((1, 5, 7, 3), (9, 4)), ((2, 4, 4, 1), (8, 8)),
                                        ((1, 1, 6, 2), (3, 11)), ((2, 3, 3, 5), (0, 4))])
@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "uint8"])
@pytest.mark.parametrize("align,half", [(False, False), (True, False), (False, True)])
def test_resize_bilinear_bit_for_bit(threads, shape, size, dtype, align, half):
    rng = np.random.default_rng(17)
    x = (rng.standard_normal(shape) * 50).astype(dtype) if dtype.startswith("float") else \
        rng.integers(0, 200, shape).astype(dtype)
    kw = dict(size=size, align_corners=align, half_pixel_centers=half)
    got = JIT["ResizeBilinear"](x, **kw)
    want = BASE["ResizeBilinear"](x, **kw)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("has_offset,has_scale", [(True, True), (False, True), (True, False),
                                                  (False, False)])
def test_batch_norm_bit_for_bit(has_offset, has_scale):
    rng = np.random.default_rng(18)
    for _ in range(30):
        c = int(rng.integers(1, 40))
        x = (rng.standard_normal((1, 2, 3, c)) * 10).astype(np.float32)
        mean, offset, scale = (rng.standard_normal(c).astype(np.float32) for _ in range(3))
        var = (np.abs(rng.standard_normal(c)) * 3).astype(np.float32)
        var[::5] = 0
        eps = float(rng.choice([1e-3, 1e-5, 0.1]))
        extra = [a for a, h in ((offset, has_offset), (scale, has_scale)) if h]
        kw = dict(variance_epsilon=eps, has_offset=has_offset, has_scale=has_scale)
        np.testing.assert_array_equal(JIT["FusedBatchNorm"](x, mean, var, *extra, **kw),
                                      BASE["FusedBatchNorm"](x, mean, var, *extra, **kw))
