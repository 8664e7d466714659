"""xp kernels: spectral (FFT, IFFT) over the inner-most axis, complex64 in and out.

Rows of finite values use the array module's FFT (``xp.fft``). Rows holding NaN or +-Inf are
computed the way TF.js's cpu backend computes every row, so non-finite values spread exactly as
in TF.js: a radix-2 decimation in time with float32 twiddles and float32 rounding after each
complex multiply and add for power-of-two lengths, and a direct DFT accumulated in float64
otherwise (see :func:`tfjs_fft`).
"""
from __future__ import annotations

import math
from typing import Any, Callable

from ._common import quiet


def _twiddles(xp: Any, n: int, inverse: bool) -> tuple[Any, Any]:
    """TF.js's ``exponents(n)``: ``n/2`` float32 twiddles ``exp(-+2 pi i k / n)``."""
    sign = 2.0 if inverse else -2.0
    x = [sign * math.pi * (k / n) for k in range(n // 2)]
    re = xp.asarray([math.cos(v) for v in x], dtype=xp.float32).astype(xp.float64)
    im = xp.asarray([math.sin(v) for v in x], dtype=xp.float32).astype(xp.float64)
    return re, im


def tfjs_fft(xp: Any, re: Any, im: Any, inverse: bool) -> tuple[Any, Any]:
    """TF.js cpu FFT of rows ``re + i*im`` (float64 arrays holding float32 values, shape
    ``[rows, n]``); returns float32 parts."""
    f32 = xp.float32
    rows, n = re.shape
    if n & (n - 1) == 0:  # radix 2 (n = 1 included)
        bits = max(n.bit_length() - 1, 0)
        rev = [int(format(i, f"0{bits}b")[::-1], 2) if bits else 0 for i in range(n)]
        rev_idx = xp.asarray(rev, dtype=xp.int64)
        re, im = re[:, rev_idx], im[:, rev_idx]
        size = 2
        while size <= n:
            half = size // 2
            wr, wi = _twiddles(xp, size, inverse)
            r = re.reshape(rows, n // size, 2, half)
            i = im.reshape(rows, n // size, 2, half)
            er, ei, odr, odi = r[:, :, 0], i[:, :, 0], r[:, :, 1], i[:, :, 1]
            tr = (wr * odr - wi * odi).astype(f32).astype(xp.float64)
            ti = (wr * odi + wi * odr).astype(f32).astype(xp.float64)
            re = xp.stack([er + tr, er - tr], axis=2).astype(f32).astype(xp.float64)
            im = xp.stack([ei + ti, ei - ti], axis=2).astype(f32).astype(xp.float64)
            re, im = re.reshape(rows, n), im.reshape(rows, n)
            size *= 2
        if inverse:
            re, im = re.astype(f32) / f32(n), im.astype(f32) / f32(n)
        return re.astype(f32), im.astype(f32)
    sign = 2.0 if inverse else -2.0
    k = xp.arange(n, dtype=xp.float64)
    ang = sign * math.pi * (xp.outer(k, k) / n)
    c, s = xp.cos(ang), xp.sin(ang)
    out_re = re @ c.T - im @ s.T
    out_im = re @ s.T + im @ c.T
    if inverse:
        out_re, out_im = out_re / n, out_im / n
    return out_re.astype(f32), out_im.astype(f32)


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def transform(x: Any, inverse: bool) -> Any:
        n = x.shape[-1] if x.ndim else 1
        if x.size == 0 or n == 0:
            return xp.zeros(x.shape, dtype=xp.complex64)
        rows = x.reshape(-1, n)
        with quiet(xp):
            out = (xp.fft.ifft(rows, axis=-1) if inverse else xp.fft.fft(rows, axis=-1))
            out = out.astype(xp.complex64)
            bad = ~xp.isfinite(rows).all(axis=-1)
            if bool(bad.any()):
                sel = rows[bad]
                r, i = tfjs_fft(xp, sel.real.astype(xp.float64), sel.imag.astype(xp.float64),
                                inverse)
                out[bad] = _merge(xp, r, i)
        return out.reshape(x.shape)

    def fft(x: Any) -> Any:
        return transform(x, False)

    def ifft(x: Any) -> Any:
        return transform(x, True)

    return {"FFT": fft, "IFFT": ifft}


def _merge(xp: Any, re: Any, im: Any) -> Any:
    """complex64 from float32 parts without mixing them (``re + 1j*im`` turns inf*0j into NaN)."""
    out = xp.empty(re.shape, dtype=xp.complex64)
    out.real = re
    out.imag = im
    return out
