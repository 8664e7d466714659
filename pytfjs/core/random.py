"""Seeded random numbers exactly as TensorFlow.js draws them (standard library only).

TF.js seeds its random ops with ``seedrandom``'s *Alea* generator (Johannes Baagøe's
algorithm), fed the seed's JavaScript string form (``seed.toString()``). This module
reimplements Alea and TF.js's samplers so that a seeded op gives the same values as TF.js:

- :class:`Alea` - the PRNG; every step is IEEE double arithmetic, so Python floats reproduce
  it bit for bit.
- :func:`uniform_values` - TF.js ``UniformRandom`` (``randomUniform``): ``min + range * u``.
- :func:`normal_values` - TF.js ``MPRandGauss`` (Marsaglia's polar method), plain or
  truncated at two standard deviations (``randomNormal``, ``truncatedNormal``).
- :func:`js_number_to_string` - JavaScript's ``Number.prototype.toString()``, which decides the
  seed string (``1.0`` is ``"1"``, ``1e21`` is ``"1e+21"``).

The samplers return doubles; storing them in a float32 tensor rounds each to nearest, like a
JS ``Float32Array``. :func:`to_int32` gives JS's ``ToInt32`` (what an ``Int32Array`` stores).
``math.log``/``math.sqrt`` may differ from V8's by an ulp of a double in rare cases, which is
invisible after float32 rounding.

Without a seed, ops use the backend's fast vectorised generator instead; these loops are only
for reproducibility.
"""
from __future__ import annotations

import math
import random as _py_random
from decimal import Decimal
from typing import Any

__all__ = ["Alea", "js_number_to_string", "seed_string", "uniform_values", "normal_values",
           "js_round", "to_int32", "random_seed"]

_TWO_M32 = 2.3283064365386963e-10  # 2 ** -32


def _mash_factory() -> Any:
    n = float(0xEFC8249D)

    def mash(data: str) -> float:
        nonlocal n
        # JS strings are UTF-16: charCodeAt walks code units.
        raw = data.encode("utf-16-le", "surrogatepass")
        for i in range(0, len(raw), 2):
            n += raw[i] | (raw[i + 1] << 8)
            h = 0.02519603282416938 * n
            n = float(int(h) & 0xFFFFFFFF)
            h -= n
            h *= n
            n = float(int(h) & 0xFFFFFFFF)
            h -= n
            n += h * 4294967296.0
        return (int(n) & 0xFFFFFFFF) * _TWO_M32

    return mash


class Alea:
    """seedrandom's ``alea(seed)``: ``next()`` returns a double in [0, 1).

    >>> from pytfjs.core.random import Alea
    >>> rng = Alea("42")
    >>> round(rng.next(), 12), round(rng.next(), 12)
    (0.684863496339, 0.546324467752)
    """

    __slots__ = ("s0", "s1", "s2", "c")

    def __init__(self, seed: str) -> None:
        mash = _mash_factory()
        self.c = 1
        s0, s1, s2 = mash(" "), mash(" "), mash(" ")
        seed = str(seed)
        s0 -= mash(seed)
        if s0 < 0:
            s0 += 1
        s1 -= mash(seed)
        if s1 < 0:
            s1 += 1
        s2 -= mash(seed)
        if s2 < 0:
            s2 += 1
        self.s0, self.s1, self.s2 = s0, s1, s2

    def next(self) -> float:
        t = 2091639 * self.s0 + self.c * _TWO_M32
        self.s0 = self.s1
        self.s1 = self.s2
        self.c = int(t)  # t is in [0, 2091640): JS ``t | 0`` truncates
        self.s2 = t - self.c
        return self.s2

    __call__ = next

    def take(self, n: int) -> list[float]:
        """The next ``n`` values (a tight loop; about 5M values/s on CPython)."""
        s0, s1, s2, c = self.s0, self.s1, self.s2, self.c
        out = [0.0] * n
        for i in range(n):
            t = 2091639 * s0 + c * _TWO_M32
            s0 = s1
            s1 = s2
            c = int(t)
            s2 = t - c
            out[i] = s2
        self.s0, self.s1, self.s2, self.c = s0, s1, s2, c
        return out


def js_number_to_string(x: float) -> str:
    """JavaScript's ``String(x)`` for a number (ECMAScript Number::toString, radix 10).

    >>> from pytfjs.core.random import js_number_to_string as s
    >>> s(1.0), s(0.5), s(1e21), s(1e-7), s(123456789012.0), s(-0.0)
    ('1', '0.5', '1e+21', '1e-7', '123456789012', '0')
    """
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    if x < 0:
        return "-" + js_number_to_string(-x)
    # repr gives the shortest round-tripping digits, as ECMAScript requires.
    sign, digits_t, exp = Decimal(repr(x)).normalize().as_tuple()
    digits = "".join(map(str, digits_t))
    k = len(digits)
    n = exp + k  # the decimal point sits after n digits
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    mant = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{mant}e{'+' if e >= 0 else '-'}{abs(e)}"


def seed_string(seed: Any) -> str:
    """The string TF.js seeds Alea with: numbers through ``Number.toString``, strings as is."""
    if isinstance(seed, str):
        return seed
    if isinstance(seed, bool):
        return "true" if seed else "false"
    return js_number_to_string(float(seed))


def random_seed() -> str:
    """A fresh seed string, as TF.js's ``Math.random().toString()``."""
    return js_number_to_string(_py_random.random())


def js_round(x: float) -> float:
    """JavaScript ``Math.round``: halves round toward +Infinity."""
    if math.isnan(x) or math.isinf(x):
        return x
    r = math.floor(x)
    return float(r + 1) if x - r >= 0.5 else float(r)


def to_int32(x: float) -> int:
    """JavaScript ``ToInt32`` (what an ``Int32Array`` stores): truncate, wrap mod 2**32;
    NaN and infinities give 0."""
    if math.isnan(x) or math.isinf(x):
        return 0
    v = int(x) & 0xFFFFFFFF
    return v - 0x100000000 if v >= 0x80000000 else v


def uniform_values(n: int, minval: float, maxval: float, seed: str) -> list[float]:
    """TF.js ``UniformRandom(minval, maxval, null, seed)``: ``n`` doubles ``min + range * u``."""
    rng = Alea(seed)
    rng_range = maxval - minval
    return [minval + rng_range * u for u in rng.take(n)]


def normal_values(n: int, mean: float, std_dev: float, seed: str, truncated: bool = False,
                  integer: bool = False) -> list[float]:
    """TF.js ``MPRandGauss``: ``n`` normal samples by Marsaglia's polar method.

    Pairs are drawn; the second of a pair is kept for the next call. ``truncated`` redraws
    values outside ``mean +/- 2 * std_dev`` (TF.js checks the first value of a pair in the
    redraw loop and drops an out-of-range second value). ``integer`` applies ``Math.round``
    to each value, as TF.js does for an int32 dtype (after the range check).
    """
    rng = Alea(seed).next
    out = [0.0] * n
    upper = mean + std_dev * 2
    lower = mean - std_dev * 2
    log, sqrt = math.log, math.sqrt
    i = 0
    while i < n:
        while True:
            while True:
                v1 = 2 * rng() - 1
                v2 = 2 * rng() - 1
                s = v1 * v1 + v2 * v2
                if not (s >= 1 or s == 0):
                    break
            mul = sqrt(-2.0 * log(s) / s)
            x = mean + std_dev * v1 * mul
            y = mean + std_dev * v2 * mul
            if not truncated or lower <= x <= upper:
                break
        out[i] = js_round(x) if integer else x
        i += 1
        if i < n and (not truncated or lower <= y <= upper):
            out[i] = js_round(y) if integer else y
            i += 1
    return out
