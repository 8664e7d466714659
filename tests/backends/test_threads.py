"""Kernels split across threads (pytfjs/backends/xp/_threads.py) compute what the one-thread
path computes, for every way a kernel splits its work (by batch, by output rows, flat)."""
from __future__ import annotations

import math

import pytest

np = pytest.importorskip("numpy")

from pytfjs.backends.xp import _threads  # noqa: E402
from pytfjs.backends.xp.basic_math import kernels as basic_kernels  # noqa: E402
from pytfjs.backends.xp.convolution import kernels as conv_kernels  # noqa: E402
from pytfjs.backends.xp.normalization import kernels as norm_kernels  # noqa: E402

CONV = conv_kernels(np)
BASIC = basic_kernels(np)
NORM = norm_kernels(np)


@pytest.fixture
def split_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Splits every kernel, however small, across 3 threads (2 pool threads + the caller)."""
    monkeypatch.setattr(_threads, "MIN_CHUNK", 1)
    monkeypatch.setattr(_threads, "NUM_THREADS", 3)


def one_thread(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    saved = _threads.NUM_THREADS
    _threads.NUM_THREADS = 1
    try:
        return fn(*args, **kwargs)
    finally:
        _threads.NUM_THREADS = saved


def naive_depthwise(x, f, strides, pad, dilations):  # type: ignore[no-untyped-def]
    """Loops over output positions and taps (float64)."""
    b, h, w, c = x.shape
    kh, kw, _, m = f.shape
    (pt, pb), (pl, pr) = pad
    xp_ = np.zeros((b, h + pt + max(pb, 0), w + pl + max(pr, 0), c))
    xp_[:, pt:pt + h, pl:pl + w] = x
    oh = (h + pt + pb - (kh - 1) * dilations[0] - 1) // strides[0] + 1
    ow = (w + pl + pr - (kw - 1) * dilations[1] - 1) // strides[1] + 1
    y = np.zeros((b, oh, ow, c, m))
    for i in range(kh):
        for j in range(kw):
            win = xp_[:, i * dilations[0]::strides[0], j * dilations[1]::strides[1]][:, :oh, :ow]
            y += win[..., None] * f[i, j][None, None, None]
    return y.reshape(b, oh, ow, c * m)


DW_CASES = [
    # (x shape, filter shape, strides, pad, dilations)
    ((1, 9, 8, 4), (3, 3, 4, 1), (1, 1), ((1, 1), (1, 1)), (1, 1)),      # few channels: taps
    ((1, 9, 9, 80), (3, 3, 80, 1), (2, 2), ((0, 1), (0, 1)), (1, 1)),    # many: einsum, rows
    ((4, 7, 6, 72), (3, 3, 72, 1), (1, 1), ((1, 1), (1, 1)), (1, 1)),    # split by batch
    ((2, 11, 10, 3), (3, 3, 3, 2), (1, 2), ((2, 2), (2, 2)), (2, 2)),    # multiplier, dilation
    ((1, 5, 5, 8), (5, 5, 8, 1), (2, 1), ((0, 0), (0, 0)), (1, 1)),      # valid, one row
    ((5, 6, 7, 2), (2, 3, 2, 1), (3, 2), ((1, 0), (0, 1)), (1, 1)),      # odd strides, 5 images
]


@pytest.mark.parametrize("xs,fs,strides,pad,dil", DW_CASES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_depthwise_split_matches_naive(split_everything, xs, fs, strides, pad, dil, dtype):
    rng = np.random.default_rng(7)
    x = rng.standard_normal(xs).astype(dtype)
    f = rng.standard_normal(fs).astype(dtype)
    got = CONV["DepthwiseConv2dNative"](x, f, strides=strides, pad=pad, dilations=dil)
    want = naive_depthwise(x.astype(np.float64), f.astype(np.float64), strides, pad, dil)
    assert got.dtype == np.dtype(dtype) and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    alone = one_thread(CONV["DepthwiseConv2dNative"], x, f, strides=strides, pad=pad,
                       dilations=dil)
    np.testing.assert_allclose(got, alone, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("xs,fs,strides,pad,dil", DW_CASES)
@pytest.mark.parametrize("activation", ["linear", "relu", "relu6"])
def test_fused_depthwise_epilogue_per_part(split_everything, xs, fs, strides, pad, dil,
                                           activation):
    rng = np.random.default_rng(3)
    x = (rng.standard_normal(xs) * 4).astype(np.float32)
    f = rng.standard_normal(fs).astype(np.float32)
    bias = rng.standard_normal(fs[2] * fs[3]).astype(np.float32)
    got = CONV["FusedDepthwiseConv2D"](x, f, bias, strides=strides, pad=pad, dilations=dil,
                                       activation=activation, leakyrelu_alpha=0.2,
                                       has_bias=True, has_prelu=False)
    want = naive_depthwise(x.astype(np.float64), f.astype(np.float64), strides, pad, dil) + bias
    if activation != "linear":
        want = np.clip(want, 0, 6 if activation == "relu6" else np.inf)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_fused_conv_epilogue_split(split_everything):
    rng = np.random.default_rng(5)
    x = rng.standard_normal((1, 6, 5, 7)).astype(np.float32)
    f = rng.standard_normal((1, 1, 7, 9)).astype(np.float32)
    bias = rng.standard_normal(9).astype(np.float32)
    got = CONV["FusedConv2D"](x, f, bias, strides=(1, 1), pad=((0, 0), (0, 0)),
                              dilations=(1, 1), activation="relu6", leakyrelu_alpha=0.2,
                              has_bias=True, has_prelu=False)
    want = np.clip(x.astype(np.float64) @ f[0, 0].astype(np.float64) + bias, 0, 6)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("name", ["Relu", "Relu6"])
@pytest.mark.parametrize("shape", [(1, 5, 4, 3), (7,), (2, 3), ()])
def test_activation_split(split_everything, name, shape):
    rng = np.random.default_rng(1)
    x = (rng.standard_normal(shape) * 8).astype(np.float32)
    got = BASIC[name](x)
    want = np.clip(x, 0, np.inf if name == "Relu" else 6)
    assert got.dtype == np.float32 and got.shape == x.shape
    np.testing.assert_array_equal(got, want)


def test_batch_norm_split(split_everything):
    rng = np.random.default_rng(2)
    x = rng.standard_normal((1, 6, 5, 4)).astype(np.float32)
    mean, var, offset, scale = (rng.standard_normal(4).astype(np.float32) for _ in range(4))
    var = np.abs(var)
    got = NORM["FusedBatchNorm"](x, mean, var, offset, scale, variance_epsilon=1e-3,
                                 has_offset=True, has_scale=True)
    want = (x - mean) / np.sqrt(var.astype(np.float64) + 1e-3) * scale + offset
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_errors_in_a_worker_reach_the_caller():
    seen = []

    def part(lo: int, hi: int) -> None:
        seen.append((lo, hi))
        if lo == 0:
            raise ValueError("boom in part 0")

    with pytest.raises(ValueError, match="boom in part 0"):
        _threads.parallel_range(9, part, 3)
    assert sorted(seen) == [(0, 3), (3, 6), (6, 9)]


def test_parts_cover_the_range_once():
    hits = np.zeros(10, dtype=int)

    def part(lo: int, hi: int) -> None:
        hits[lo:hi] += 1

    _threads.parallel_range(10, part, 4)
    assert hits.tolist() == [1] * 10


def test_no_split_for_small_work_or_other_array_libraries():
    assert _threads.threads_for(np, _threads.MIN_CHUNK - 1) == 1

    class FakeCupy:
        __name__ = "cupy"

    assert _threads.threads_for(FakeCupy(), 10**9) == 1


def test_signed_zero_and_nan_as_tfjs(tf):
    # TF.js 4.22 (cpu): relu(-0) and relu6(-0) are +0, NaN stays NaN
    x = tf.tensor([-0.0, float("nan"), -1.0, 2.0, 7.0])
    for fn, top in ((tf.relu, 7.0), (tf.relu6, 6.0)):
        y = fn(x).data_sync()
        assert math.copysign(1.0, y[0]) == 1.0
        assert math.isnan(y[1])
        assert list(y[2:]) == [0.0, 2.0, top]


@pytest.mark.parametrize("parts", ["images", "rows"])
@pytest.mark.parametrize("xs,fs,strides", [
    ((5, 7, 6, 3), (3, 3, 3, 4), (2, 1)),           # Conv2D, 5 images
    ((1, 11, 6, 3), (3, 3, 3, 4), (1, 1)),          # one image
    ((3, 4, 5, 4, 2), (2, 2, 2, 2, 3), (1, 1, 2)),  # Conv3D
])
def test_conv_im2col_in_parts(monkeypatch, xs, fs, strides, parts):
    from pytfjs.backends.xp import convolution
    rng = np.random.default_rng(9)
    x = rng.standard_normal(xs).astype(np.float32)
    f = rng.standard_normal(fs).astype(np.float32)
    nd = len(xs) - 2
    kw = dict(strides=strides, pad=[(1, 1)] * nd, dilations=(1,) * nd)
    whole = CONV["Conv2D"](x, f, **kw)
    per_image = whole[0].size // fs[-1] * int(np.prod(fs[:-1])) * 4
    # images: 2 images per part; rows: a third of an image's output rows per part
    budget = 2 * per_image if parts == "images" else per_image // 3
    if xs[0] * per_image <= budget:
        pytest.skip("one image: no image parts")
    monkeypatch.setattr(convolution, "IM2COL_BYTES", budget)
    parts = CONV["Conv2D"](x, f, **kw)
    assert parts.dtype == np.float32 and parts.shape == whole.shape
    np.testing.assert_allclose(parts, whole, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("xs,fs,strides,pad,dil", DW_CASES)
def test_depthwise_in_image_groups(monkeypatch, xs, fs, strides, pad, dil):
    from pytfjs.backends.xp import convolution
    rng = np.random.default_rng(8)
    x = rng.standard_normal(xs).astype(np.float32)
    f = rng.standard_normal(fs).astype(np.float32)
    whole = CONV["DepthwiseConv2dNative"](x, f, strides=strides, pad=pad, dilations=dil)
    monkeypatch.setattr(convolution, "DW_GROUP_BYTES", 1)      # one image per group
    grouped = CONV["DepthwiseConv2dNative"](x, f, strides=strides, pad=pad, dilations=dil)
    np.testing.assert_array_equal(grouped, whole)
    want = naive_depthwise(x.astype(np.float64), f.astype(np.float64), strides, pad, dil)
    np.testing.assert_allclose(grouped, want, rtol=1e-5, atol=1e-5)
