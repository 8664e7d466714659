"""python kernels: spectral (FFT, IFFT), mirroring ``backends/xp/spectral.py``.

Each row is transformed the way TF.js's cpu backend does it: a radix-2 decimation in time with
float32 twiddles and float32 rounding after each complex multiply and add for power-of-two
lengths, and a direct DFT accumulated in double precision otherwise.
"""
from __future__ import annotations

import math
from array import array
from typing import Any, Callable

from ._util import PyArray


def _f32(values: list) -> list:
    return array("f", values).tolist()


def _twiddles(n: int, inverse: bool) -> tuple[list, list]:
    sign = 2.0 if inverse else -2.0
    x = [sign * math.pi * (k / n) for k in range(n // 2)]
    return _f32([math.cos(v) for v in x]), _f32([math.sin(v) for v in x])


def _fft_row(re: list, im: list, inverse: bool) -> tuple[list, list]:
    n = len(re)
    if n & (n - 1) == 0:
        bits = max(n.bit_length() - 1, 0)
        rev = [int(format(i, f"0{bits}b")[::-1], 2) if bits else 0 for i in range(n)]
        re = [re[j] for j in rev]
        im = [im[j] for j in rev]
        size = 2
        while size <= n:
            half = size // 2
            wr, wi = _twiddles(size, inverse)
            nre, nim = [0.0] * n, [0.0] * n
            for start in range(0, n, size):
                er, ei = re[start:start + half], im[start:start + half]
                odr, odi = re[start + half:start + size], im[start + half:start + size]
                tr = _f32([a * c - b * d for a, b, c, d in zip(wr, wi, odr, odi)])
                ti = _f32([a * d + b * c for a, b, c, d in zip(wr, wi, odr, odi)])
                nre[start:start + half] = _f32([e + t for e, t in zip(er, tr)])
                nre[start + half:start + size] = _f32([e - t for e, t in zip(er, tr)])
                nim[start:start + half] = _f32([e + t for e, t in zip(ei, ti)])
                nim[start + half:start + size] = _f32([e - t for e, t in zip(ei, ti)])
            re, im = nre, nim
            size *= 2
        if inverse:
            fn = float(n)
            re = _f32([v / fn for v in re])
            im = _f32([v / fn for v in im])
        return re, im
    sign = 2.0 if inverse else -2.0
    out_re, out_im = [], []
    for r in range(n):
        acc_re = acc_im = 0.0
        for c in range(n):
            x = sign * math.pi * (r * c / n)
            er, ei = math.cos(x), math.sin(x)
            acc_re += re[c] * er - im[c] * ei
            acc_im += re[c] * ei + im[c] * er
        if inverse:
            acc_re /= n
            acc_im /= n
        out_re.append(acc_re)
        out_im.append(acc_im)
    return _f32(out_re), _f32(out_im)


def _transform(x: PyArray, inverse: bool) -> PyArray:
    n = x.shape[-1]
    data = x.data
    out: list = []
    if n and data:
        for start in range(0, len(data), n):
            row = data[start:start + n]
            re, im = _fft_row([c.real for c in row], [c.imag for c in row], inverse)
            out += map(complex, re, im)
    return PyArray(out, x.shape, "complex64")


def fft(x: PyArray) -> PyArray:
    return _transform(x, False)


def ifft(x: PyArray) -> PyArray:
    return _transform(x, True)


def kernels() -> dict[str, Callable[..., Any]]:
    return {"FFT": fft, "IFFT": ifft}
