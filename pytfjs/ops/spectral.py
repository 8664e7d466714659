"""Ops: spectral (fft, ifft, rfft, irfft) and the tf.signal namespace (frame, stft, hann_window,
hamming_window).

Every transform works on the inner-most dimension. ``fft``/``ifft`` run the FFT/IFFT kernels
(complex64 in and out; ``ifft`` divides by the length). ``rfft``/``irfft`` are composed of other
ops the way TF.js composes them (so their gradients come from their parts):

- ``rfft(x, fft_length)`` crops or zero-pads the inner dimension to ``fft_length``, takes the
  complex FFT and keeps the ``fft_length // 2 + 1`` non-negative frequencies;
- ``irfft(x)`` rebuilds the Hermitian-symmetric spectrum of length ``2 * (m - 1)`` from the ``m``
  given bins and returns the real part of its inverse FFT (an inner dimension of 1 or 2 is
  transformed as it is, as in TF.js).

Differences from TF.js 4.22, on purpose (TF's behaviour): ``irfft`` keeps the batch dimensions
(TF.js returns ``[1, n]`` for a rank-1 input and flattens the batch of a rank >= 4 input);
``hann_window(1)``/``hamming_window(1)`` is ``[1.0]`` (TF.js: NaN); ``fft``/``ifft`` of an
empty inner dimension return an empty tensor, and ``signal.frame`` frames the last axis of a
tensor of any rank (TF.js: 1-D only). Gradients (TF.js has none): FFT's is ``n * ifft(dy)`` and
IFFT's is ``fft(dy) / n`` (TF's convention for complex gradients).
"""
from __future__ import annotations

import math
from typing import Any, Callable

from ..core.opdef import op, run, to_tensor
from ..core.tensor import Tensor
from . import arithmetic, creation, slice_join, transformation

__all__ = ["cosine_window", "fft", "ifft", "rfft", "irfft"]


def _complex_input(input: Any, op_name: str) -> Tensor:
    x = to_tensor(input, "input", op_name)
    if x.dtype != "complex64":
        raise TypeError(f"Argument 'input' passed to '{op_name}' must be complex64 tensor, but "
                        f"got {x.dtype} tensor")
    if x.rank < 1:
        raise ValueError(f"'{op_name}': input must have rank >= 1, got a scalar")
    return x


@op("FFT", tf_ops=("FFT",), dtype="complex64", aliases=("spectral.fft",))
def fft(input: Any) -> Tensor:
    """Fast Fourier transform over the inner-most dimension of a complex64 tensor.

    Args:
        input: a complex64 tensor of rank >= 1.

    >>> import pytfjs as tf
    >>> tf.fft(tf.complex([1.0, 2.0, 3.0, 4.0], [0.0, 0.0, 0.0, 0.0])).to_list()
    [(10+0j), (-2+2j), (-2+0j), (-2-2j)]
    """
    return run("FFT", _complex_input(input, "fft"))


@fft.gradient()
def _fft_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    n = dy.shape[-1]
    return (arithmetic.mul(ifft(dy), float(n)),)


@op("IFFT", tf_ops=("IFFT",), dtype="complex64", aliases=("spectral.ifft",))
def ifft(input: Any) -> Tensor:
    """Inverse fast Fourier transform over the inner-most dimension (divides by its length).

    Args:
        input: a complex64 tensor of rank >= 1.

    >>> import pytfjs as tf
    >>> tf.ifft(tf.complex([10.0, -2.0, -2.0, -2.0], [0.0, 2.0, 0.0, -2.0])).to_list()
    [(1+0j), (2+0j), (3+0j), (4+0j)]
    """
    return run("IFFT", _complex_input(input, "ifft"))


@ifft.gradient()
def _ifft_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    n = dy.shape[-1]
    return (arithmetic.mul(fft(dy), 1.0 / n) if n else fft(dy),)


@op(None, tf_ops=("RFFT",), dtype="complex64", aliases=("spectral.rfft",))
def rfft(input: Any, fft_length: int | None = None) -> Tensor:
    """Real-input FFT over the inner-most dimension: the ``fft_length // 2 + 1`` non-negative
    frequency bins of the FFT of a float32 tensor.

    Args:
        input: a float32 tensor of rank >= 1.
        fft_length: the FFT length; the inner dimension is cropped or zero-padded to it
            (default: the inner dimension).

    >>> import pytfjs as tf
    >>> tf.rfft(tf.tensor([1.0, 2.0, 3.0, 4.0])).to_list()
    [(10+0j), (-2+2j), (-2+0j)]
    """
    x = to_tensor(input, "input", "rfft")
    if x.dtype not in ("float32", "float64"):
        raise TypeError(f"Argument 'input' passed to 'rfft' must be float32 tensor, but got "
                        f"{x.dtype} tensor")
    if x.rank < 1:
        raise ValueError("'rfft': input must have rank >= 1, got a scalar")
    if x.dtype != "float32":
        x = transformation.cast(x, "float32")
    inner = x.shape[-1]
    if fft_length is not None:
        if isinstance(fft_length, bool) or not isinstance(fft_length, int) or fft_length < 1:
            raise ValueError(f"'rfft': fft_length must be a positive int, got {fft_length!r}")
        if fft_length < inner:
            x = slice_join.slice(x, [0] * x.rank, list(x.shape[:-1]) + [fft_length])
        elif fft_length > inner:
            pad = creation.zeros(x.shape[:-1] + (fft_length - inner,), "float32")
            x = slice_join.concat([x, pad], -1)
        inner = fft_length
    if inner == 0:
        raise ValueError("'rfft': the inner-most dimension of input is 0; give fft_length")
    y = fft(creation.complex(x, creation.zeros_like(x)))
    half = inner // 2 + 1
    if half == inner:
        return y
    return slice_join.slice(y, [0] * y.rank, list(y.shape[:-1]) + [half])


@op(None, tf_ops=("IRFFT",), dtype="float32", aliases=("spectral.irfft",))
def irfft(input: Any) -> Tensor:
    """Inverse of :func:`rfft`: the real signal of length ``2 * (m - 1)`` whose non-negative
    frequency bins are the ``m`` inner-most values of ``input`` (an inner dimension of 1 or 2 is
    inverse-transformed as it is, as in TF.js).

    Args:
        input: a complex64 tensor of rank >= 1.

    >>> import pytfjs as tf
    >>> tf.irfft(tf.complex([10.0, -2.0, -2.0], [0.0, 2.0, 0.0])).to_list()
    [1.0, 2.0, 3.0, 4.0]
    """
    x = _complex_input(input, "irfft")
    m = x.shape[-1]
    if m <= 2:
        return creation.real(ifft(x))
    re, im = creation.real(x), creation.imag(x)
    begin = [0] * (x.rank - 1) + [1]
    size = list(x.shape[:-1]) + [m - 2]
    re_conj = slice_join.reverse(slice_join.slice(re, begin, size), -1)
    im_conj = arithmetic.mul(slice_join.reverse(slice_join.slice(im, begin, size), -1), -1.0)
    full = creation.complex(slice_join.concat([re, re_conj], -1),
                            slice_join.concat([im, im_conj], -1))
    return creation.real(ifft(full))


# ---------------------------------------------------------------------------------- tf.signal
def _positive_int(v: Any, arg: str, op_name: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        raise ValueError(f"'{op_name}': {arg} must be a positive int, got {v!r}")
    return v


@op(None, namespace="signal", dtype="same", method=False)
def frame(signal: Any, frame_length: int, frame_step: int, pad_end: bool = False,
          pad_value: float = 0) -> Tensor:
    """Slices a signal into frames of ``frame_length`` values every ``frame_step`` values (along
    the last axis; TF.js's signal is 1-D).

    Args:
        signal: the signal (1-D in TF.js; here any rank >= 1, framed along the last axis).
        frame_length: the length of a frame.
        frame_step: the distance between the starts of two frames.
        pad_end: also emit the frames that run past the end, padded with ``pad_value``.
        pad_value: the value used for padding.

    >>> import pytfjs as tf
    >>> tf.signal.frame(tf.tensor([1, 2, 3, 4, 5]), 3, 1).to_list()
    [[1, 2, 3], [2, 3, 4], [3, 4, 5]]
    >>> tf.signal.frame(tf.tensor([1, 2, 3, 4, 5]), 2, 2, True, 9).to_list()
    [[1, 2], [3, 4], [5, 9]]
    """
    x = to_tensor(signal, "signal", "frame")
    if x.rank < 1:
        raise ValueError("'frame': signal must have rank >= 1, got a scalar")
    length = _positive_int(frame_length, "frame_length", "frame")
    step = _positive_int(frame_step, "frame_step", "frame")
    if not isinstance(pad_end, bool):
        raise TypeError(f"'frame': pad_end must be a bool, got {pad_end!r}")
    n = x.shape[-1]
    if pad_end:
        count = -(-n // step)
        need = (count - 1) * step + length if count else 0
        if need > n:
            pad = creation.fill(x.shape[:-1] + (need - n,), pad_value, x.dtype)
            x = slice_join.concat([x, pad], -1)
    else:
        count = 0 if n < length else (n - length) // step + 1
    idx = [[s * step + j for j in range(length)] for s in range(count)]
    indices = creation.tensor(idx if count else [], (count, length), "int32")
    return slice_join.gather(x, indices, x.rank - 1)


def _cosine_window(window_length: int, a: float, b: float, op_name: str) -> Tensor:
    if isinstance(window_length, bool) or not isinstance(window_length, int) or window_length < 0:
        raise ValueError(f"'{op_name}': window_length must be a non-negative int, got "
                         f"{window_length!r}")
    if window_length == 1:
        return creation.tensor([1.0], (1,), "float32")
    even = 1 - window_length % 2
    denom = window_length + even - 1
    vals = [a - b * math.cos(2.0 * math.pi * i / denom) for i in range(window_length)]
    return creation.tensor(vals, (window_length,), "float32")


@op(None, dtype="float32", method=False, differentiable=False)
def cosine_window(window_length: int, a: float, b: float) -> Tensor:
    """The generalised cosine window ``a - b * cos(2 pi n / (N - even))`` that Hann (0.5, 0.5)
    and Hamming (0.54, 0.46) windows are made of (TF.js ``tf.cosineWindow``).

    Args:
        window_length: the number of values.
        a: the constant term.
        b: the cosine coefficient.

    >>> import pytfjs as tf
    >>> tf.cosine_window(4, 0.5, 0.5).to_list()
    [0.0, 0.5, 1.0, 0.5]
    """
    return _cosine_window(window_length, a, b, "cosine_window")


@op(None, namespace="signal", dtype="float32", method=False, differentiable=False)
def hann_window(window_length: int) -> Tensor:
    """A Hann window of ``window_length`` values (periodic for an even length, symmetric for an
    odd one, as TF.js).

    Args:
        window_length: the number of values.

    >>> import pytfjs as tf
    >>> tf.signal.hann_window(4).to_list()
    [0.0, 0.5, 1.0, 0.5]
    """
    return _cosine_window(window_length, 0.5, 0.5, "hann_window")


@op(None, namespace="signal", dtype="float32", method=False, differentiable=False)
def hamming_window(window_length: int) -> Tensor:
    """A Hamming window of ``window_length`` values (periodic for an even length, symmetric for
    an odd one, as TF.js).

    Args:
        window_length: the number of values.

    >>> import pytfjs as tf
    >>> [round(v, 4) for v in tf.signal.hamming_window(3).to_list()]
    [0.08, 1.0, 0.08]
    """
    return _cosine_window(window_length, 0.54, 0.46, "hamming_window")


def _enclosing_power_of_two(value: int) -> int:
    return 1 << max(0, (value - 1).bit_length())


@op(None, namespace="signal", dtype="complex64", method=False)
def stft(signal: Any, frame_length: int, frame_step: int, fft_length: int | None = None,
         window_fn: Callable[[int], Any] | None = None) -> Tensor:
    """Short-time Fourier transform: the :func:`rfft` of each windowed frame of ``signal``.

    Args:
        signal: a float32 signal (1-D).
        frame_length: the length of a frame.
        frame_step: the distance between the starts of two frames.
        fft_length: the FFT length (default: the smallest power of two >= ``frame_length``).
        window_fn: a callable ``window_fn(frame_length)`` returning the window (default:
            :func:`hann_window`).

    >>> import pytfjs as tf
    >>> tf.signal.stft(tf.tensor([1.0, 2.0, 3.0, 4.0]), 2, 2, None, lambda n: tf.ones([n])).to_list()
    [[(3+0j), (-1+0j)], [(7+0j), (-1+0j)]]
    """
    length = _positive_int(frame_length, "frame_length", "stft")
    if fft_length is None:
        fft_length = _enclosing_power_of_two(length)
    window_fn = hann_window if window_fn is None else window_fn
    if not callable(window_fn):
        raise TypeError(f"'stft': window_fn must be callable, got {window_fn!r}")
    frames = frame(signal, length, frame_step)
    window = to_tensor(window_fn(length), "window_fn(frame_length)", "stft")
    return rfft(arithmetic.mul(frames, window), fft_length)
