"""Spectral ops (fft, ifft, rfft, irfft) and tf.signal (frame, stft, windows).

Literal expectations come from TF.js 4.22 on the cpu backend (non-finite values included);
gradients are checked numerically (``tests/gradcheck.py``; FFT is linear, so a large step is
exact up to the complex64 rounding).
"""
from __future__ import annotations

import math

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close

INF, NAN = math.inf, math.nan


def c(tf, re, im, shape=None):  # noqa: ANN001, ANN201
    z = tf.complex([float(v) for v in re], [float(v) for v in im])
    return tf.reshape(z, shape) if shape else z


def parts(t):  # noqa: ANN001, ANN201
    flat = []
    for v in _flat(t.to_list()):
        flat += [v.real, v.imag]
    return flat


def _flat(x):  # noqa: ANN001, ANN202
    return [v for i in x for v in _flat(i)] if isinstance(x, list) else [x]


def close_parts(got, want, tol=1e-5):  # noqa: ANN001, ANN201
    assert len(got) == len(want), (got, want)
    for a, b in zip(got, want):
        if math.isnan(b):
            assert math.isnan(a), (got, want)
        elif math.isinf(b):
            assert a == b, (got, want)
        else:
            assert abs(a - b) <= tol + tol * abs(b), (got, want)


def test_fft_pow2_and_batched(tf):  # noqa: ANN001
    x = c(tf, [1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 0, 1, 0, 1, 0, 1])
    y = tf.fft(x)
    assert y.dtype == "complex64" and y.shape == (8,)
    close_parts(parts(y), [36, 4, -4, 9.656854629516602, -4, 4, -4, 1.6568541526794434, -4, -4,
                           -4, -1.6568541526794434, -4, -4, -4, -9.656854629516602])
    b = tf.fft(tf.reshape(tf.concat([x, x]), [2, 8]))
    assert b.shape == (2, 8)
    close_parts(parts(b)[16:], parts(y))
    assert tf.spectral.fft is tf.fft


def test_fft_non_pow2_and_rank3(tf):  # noqa: ANN001
    x = c(tf, [-0.296875, 0.6875, -1.5, 0.578125, -0.796875],
          [-0.703125, 1.390625, -0.984375, 0.625, 1.640625])
    close_parts(parts(tf.fft(x)), [-1.328125, 1.96875, -0.76859224, 0.33408996, 0.8903965,
                                   -6.115419, -1.876924, -0.4176027, 1.5988698, 0.71455652],
                tol=1e-5)
    z = tf.fft(c(tf, range(24), [0] * 24, [3, 2, 4]))
    assert z.shape == (3, 2, 4)
    close_parts(parts(z)[:8], [6, 0, -2, 2, -2, 0, -2, -2])


def test_ifft_and_round_trip(tf):  # noqa: ANN001
    x = c(tf, [1, 2, 3], [0, 0, 1])
    close_parts(parts(tf.ifft(x)), [2, 0.3333333432674408, -0.21132487058639526,
                                    -0.45534181594848633, -0.7886751294136047,
                                    0.12200846523046494])
    x = c(tf, [1, -2, 3, 0.5, 7, 1], [0.25, 2, -1, 0, 3, 2], [2, 3])
    close_parts(parts(tf.ifft(tf.fft(x))), parts(x), tol=1e-5)
    assert tf.spectral.ifft is tf.ifft


def test_fft_non_finite_like_tfjs(tf):  # noqa: ANN001
    cases = [
        (tf.fft, [1, INF, 3, 4], [0, 0, 0, 0], [INF, NAN, INF, -INF, -INF, NAN, -INF, INF]),
        (tf.fft, [1, INF, 3], [0, 0, 0], [INF, NAN, -INF, -INF, -INF, INF]),
        (tf.fft, [INF], [0], [INF, 0]),
        (tf.fft, [INF, 1], [0, 0], [INF, 0, INF, 0]),
        (tf.fft, [1, 2, 3, 4], [0, -INF, 0, 0], [NAN, -INF, -INF, -INF, NAN, INF, INF, INF]),
        (tf.ifft, [1, INF, 3], [0, 0, 0], [INF, NAN, -INF, INF, -INF, -INF]),
        (tf.ifft, [1, INF, 3, 1], [0, 0, 0, 0], [INF, NAN, INF, INF, -INF, NAN, -INF, -INF]),
        (tf.fft, [1, NAN, 3], [0, 0, 0], [NAN] * 6),
    ]
    for fn, re, im, want in cases:
        close_parts(parts(fn(c(tf, re, im))), want)
    # a non-finite row does not disturb the finite ones
    y = tf.fft(c(tf, [1, NAN, 1, 2], [0, 0, 0, 0], [2, 2]))
    close_parts(parts(y), [NAN, NAN, NAN, NAN, 3, 0, -1, 0])


def test_fft_edge_shapes_and_errors(tf):  # noqa: ANN001
    e = tf.fft(tf.complex(tf.zeros([0, 4]), tf.zeros([0, 4])))
    assert e.shape == (0, 4) and e.dtype == "complex64"
    e = tf.ifft(tf.complex(tf.zeros([2, 0]), tf.zeros([2, 0])))
    assert e.shape == (2, 0)
    with pytest.raises(TypeError, match="'fft'.*complex64"):
        tf.fft(tf.tensor([1.0, 2.0]))
    with pytest.raises(ValueError, match="'ifft'.*rank"):
        tf.ifft(tf.complex(1.0, 2.0))


def test_rfft(tf):  # noqa: ANN001
    x = tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
    y = tf.rfft(x)
    assert y.shape == (3,) and y.dtype == "complex64"
    close_parts(parts(y), [15, 0, -2.5, 3.4409546852111816, -2.5, 0.8122992515563965])
    close_parts(parts(tf.rfft(x, 3)), [6, 0, -1.5, 0.8660253882408142])
    close_parts(parts(tf.rfft(x, 8)), [15, 0, -5.41421365737915, -7.242640495300293, 3, 2,
                                       -2.5857863426208496, -1.242640495300293, 3, 0])
    assert tf.rfft(tf.ones([2, 3, 5])).shape == (2, 3, 3)
    assert tf.rfft(tf.zeros([0, 4])).shape == (0, 3)
    assert tf.rfft(tf.ones([2])).shape == (2,)
    assert tf.spectral.rfft is tf.rfft
    with pytest.raises(TypeError, match="'rfft'.*float32"):
        tf.rfft(tf.tensor([1, 2, 3]))
    with pytest.raises(ValueError, match="fft_length"):
        tf.rfft(x, 0)
    with pytest.raises(ValueError, match="'rfft'"):
        tf.rfft(tf.scalar(2.0))


def test_irfft(tf):  # noqa: ANN001
    x = c(tf, [1, 2, 3, 4], [0, 1, 0, -1])
    y = tf.irfft(x)
    assert y.shape == (6,) and y.dtype == "float32"
    assert_close(y, [2.5, -0.9553418159484863, -0.28867512941360474, -0.1666666716337204,
                     0.28867512941360474, -0.37799152731895447])
    assert_close(tf.irfft(c(tf, [1, 2, 3, 4, 5, 6], [0] * 6, [2, 3])),
                 [[2, -0.5, 0, -0.5], [5, -0.5, 0, -0.5]])
    assert_close(tf.irfft(c(tf, [1, 2, 3, 4, 5, 6] * 2, [1, 2, 3, 4, 5, 6] * 2, [2, 2, 3])),
                 [[[2, -1.5, 0, 0.5], [5, -3, 0, 2]]] * 2)
    assert_close(tf.irfft(c(tf, [1, 2], [0, 0])), [1.5, -0.5])
    assert_close(tf.irfft(c(tf, [1, 2], [3, 4], [2, 1])), [[1], [2]])
    assert tf.irfft(c(tf, range(12), [1] * 12, [1, 1, 3, 4])).shape == (1, 1, 3, 6)
    assert tf.irfft(tf.complex(tf.zeros([0, 2, 4]), tf.zeros([0, 2, 4]))).shape == (0, 2, 6)
    # round trip
    s = tf.tensor([0.5, -1.0, 2.0, 3.0, -0.25, 1.5])
    assert_close(tf.irfft(tf.rfft(s)), s.to_list(), atol=1e-5)
    assert tf.spectral.irfft is tf.irfft


def test_fft_ifft_gradients(tf):  # noqa: ANN001
    re = tf.tensor([[0.5, -1.0, 2.0, 0.25, 1.5], [1.0, 0.0, -2.0, 3.0, 0.5]])
    im = tf.tensor([[1.0, 0.5, -0.5, 2.0, -1.0], [0.0, 1.0, 1.5, -0.5, 2.0]])
    kw = dict(eps=1e-1, rtol=1e-3, atol=1e-3)
    for fn in (tf.fft, tf.ifft):
        check_grads(tf, lambda a, b, fn=fn: tf.real(fn(tf.complex(a, b))), [re, im], **kw)
        check_grads(tf, lambda a, b, fn=fn: tf.imag(fn(tf.complex(a, b))), [re, im], **kw)
    re4, im4 = tf.slice(re, [0, 0], [2, 4]), tf.slice(im, [0, 0], [2, 4])
    check_grads(tf, lambda a, b: tf.imag(tf.fft(tf.complex(a, b))), [re4, im4], **kw)
    g = tf.grad(lambda a: tf.real(tf.fft(tf.complex(a, tf.zeros_like(a)))))(
        tf.tensor([1.0, 2.0, 3.0, 4.0]))
    assert_close(g, [4.0, 0.0, 0.0, 0.0])
    tf.dispose([re, im, re4, im4, g])


def test_rfft_irfft_gradients(tf):  # noqa: ANN001
    x = tf.tensor([[0.5, -1.0, 2.0, 0.25, 1.5], [1.0, 0.0, -2.0, 3.0, 0.5]])
    kw = dict(eps=1e-1, rtol=1e-3, atol=1e-3)
    for n in (None, 3, 8):
        check_grads(tf, lambda a, n=n: tf.real(tf.rfft(tf.cast(a, "float32"), n)), [x], **kw)
        check_grads(tf, lambda a, n=n: tf.imag(tf.rfft(tf.cast(a, "float32"), n)), [x], **kw)
    re = tf.tensor([[0.5, -1.0, 2.0, 0.25], [1.0, 0.0, -2.0, 3.0]])
    im = tf.tensor([[1.0, 0.5, -0.5, 2.0], [0.0, 1.0, 1.5, -0.5]])
    check_grads(tf, lambda a, b: tf.irfft(tf.complex(a, b)), [re, im], **kw)
    tf.dispose([x, re, im])


def test_frame(tf):  # noqa: ANN001
    s = tf.tensor([1, 2, 3, 4, 5])
    assert_close(tf.signal.frame(s, 3, 1), [[1, 2, 3], [2, 3, 4], [3, 4, 5]], dtype="int32")
    assert_close(tf.signal.frame(s, 2, 2, True, 7), [[1, 2], [3, 4], [5, 7]])
    assert_close(tf.signal.frame(s, 2, 2), [[1, 2], [3, 4]])
    assert_close(tf.signal.frame(tf.tensor([1.0] * 17), 6, 4, True), [[1.0] * 6] * 3
                 + [[1.0] * 5 + [0.0]] + [[1.0, 0, 0, 0, 0, 0]])
    e = tf.signal.frame(tf.tensor([0.5, 1.0, 2.0]), 5, 1)
    assert e.shape == (0, 5) and e.dtype == "float32"
    assert_close(tf.signal.frame(tf.tensor([True, False, True]), 2, 1),
                 [[True, False], [False, True]], dtype="bool")
    assert tf.signal.frame(tf.ones([2, 7]), 3, 2).shape == (2, 3, 3)
    with pytest.raises(ValueError, match="frame_step"):
        tf.signal.frame(s, 2, 0)
    x = tf.tensor([0.5, -1.0, 2.0, 0.25, 1.5, 3.0])
    check_grads(tf, lambda a: tf.signal.frame(a, 3, 2, True, 0.5), [x])
    tf.dispose([s, x])


def test_windows(tf):  # noqa: ANN001
    assert_close(tf.signal.hann_window(4), [0, 0.5, 1, 0.5], dtype="float32")
    assert_close(tf.signal.hann_window(5), [0, 0.5, 1, 0.5, 0])
    assert_close(tf.signal.hamming_window(5), [0.08, 0.54, 1, 0.54, 0.08])
    assert_close(tf.signal.hamming_window(4), [0.08, 0.54, 1, 0.54])
    assert tf.signal.hann_window(0).shape == (0,)
    assert_close(tf.signal.hann_window(1), [1.0])  # TF; TF.js gives NaN
    with pytest.raises(ValueError, match="window_length"):
        tf.signal.hann_window(-1)


def test_stft(tf):  # noqa: ANN001
    s = tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
    y = tf.signal.stft(s, 5, 2)
    assert y.shape == (2, 5) and y.dtype == "complex64"
    close_parts(parts(y), [6, 0, -0.7071067690849304, -5.1213202476501465, -3, 1,
                           0.7071067690849304, 0.8786797523498535, 0, 0, 10, 0,
                           -0.7071067690849304, -8.535533905029297, -5, 1, 0.7071067690849304,
                           1.4644660949707031, 0, 0])
    close_parts(parts(tf.signal.stft(s, 4, 2, 3)), [4, 0, -2, 1.7320507764816284, 7, 0, -3.5,
                                                    2.598076105117798, 10, 0, -5,
                                                    3.464101552963257])
    assert tf.signal.stft(tf.tensor([1.0, 2.0, 3.0]), 4, 2).shape == (0, 3)
    y = tf.signal.stft(s, 4, 4, None, lambda n: tf.signal.hamming_window(n))
    assert y.shape == (2, 3)
    check_grads(tf, lambda a: tf.real(tf.signal.stft(tf.cast(a, "float32"), 4, 2)), [s],
                eps=1e-1, rtol=1e-3, atol=1e-3)
    tf.dispose([s, y])


def test_cosine_window_matches_hann_and_hamming(tf):
    # TF.js: tf.cosineWindow is the building block of hannWindow / hammingWindow.
    assert tf.cosine_window(4, 0.5, 0.5).to_list() == tf.signal.hann_window(4).to_list()
    assert tf.cosine_window(5, 0.54, 0.46).to_list() == tf.signal.hamming_window(5).to_list()
