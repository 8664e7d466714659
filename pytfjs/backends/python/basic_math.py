"""python kernels: basic math (unary elementwise math and activations), as table rows mirroring
``backends/xp/basic_math.py``: ``kernel: elementwise(float fn, exact int fn, out=...)``.

``math`` raises where IEEE float math returns Inf/NaN, so the scalar functions here guard those
cases. Like TF.js's cpu backend, most kernels keep an int32 (or bool) input's dtype and store
the float result back truncated; rows with ``out="float32"`` return float32 for every input.
"""
from __future__ import annotations

import math
from typing import Any, Callable

from ._util import INF, INT_BITS, INTS, NAN, PyArray, elementwise, fdiv, from_float, full, \
    js_int32, new, safe

# Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), the approximation TF.js's Erf kernels use.
_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
_SELU_SCALE = 1.0507009873554804934193349852946
_SELU_ALPHA = 1.6732632423543772848170429916717
_SOFTPLUS_THRESHOLD = -13.942385152878742  # log(float32 epsilon) + 2


def _finite(x: float) -> bool:
    return x - x == 0


def _same(x: Any) -> Any:
    return x


def _floor(x: float) -> float:
    return float(math.floor(x)) if _finite(x) else x


def _ceil(x: float) -> float:
    return float(math.ceil(x)) if _finite(x) else x


def _round(x: float) -> float:
    return float(round(x)) if _finite(x) else x  # half to even, as TF.js


def _log(x: float) -> float:
    if x > 0:
        return math.log(x)
    return -INF if x == 0 else NAN


def _log1p(x: float) -> float:
    if x > -1:
        return math.log1p(x)
    return -INF if x == -1 else NAN


def _sqrt(x: float) -> float:
    return math.sqrt(x) if x >= 0 else NAN


def _rsqrt(x: float) -> float:
    if x > 0:
        return 1.0 / math.sqrt(x)
    return math.copysign(INF, x) if x == 0 else NAN


def _reciprocal(x: Any) -> Any:
    return fdiv(1.0, x) if not isinstance(x, complex) else (1.0 / x if x else complex(NAN, NAN))


def _atanh(x: float) -> float:
    if -1 < x < 1:
        return math.atanh(x)
    if x == 1 or x == -1:
        return math.copysign(INF, x)
    return NAN


def _exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def _expm1(x: float) -> float:
    try:
        return math.expm1(x)
    except OverflowError:
        return INF


def _sinh(x: float) -> float:
    try:
        return math.sinh(x)
    except OverflowError:
        return math.copysign(INF, x)


def _erf(x: float) -> float:
    if x != x:
        return x
    a1, a2, a3, a4, a5 = _ERF_A
    v = abs(x)
    t = 1.0 / (1.0 + _ERF_P * v)
    poly = ((((a5 * t + a4) * t + a3) * t + a2) * t + a1) * t
    s = 1.0 if x > 0 else (-1.0 if x < 0 else 0.0)
    return s * (1.0 - poly * math.exp(-v * v))


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + _exp(-x))


def _softplus(x: float) -> float:
    if x > -_SOFTPLUS_THRESHOLD:
        return x
    e = _exp(x)
    if x < _SOFTPLUS_THRESHOLD:
        return e
    return math.log1p(e) if e == e else e


def _elu(x: float) -> float:
    return x if x >= 0 or x != x else math.expm1(x)


def _selu(x: float) -> float:
    if x >= 0 or x != x:
        return _SELU_SCALE * x
    return (_SELU_SCALE * _SELU_ALPHA) * math.expm1(x)


def _relu(x: Any) -> Any:
    return 0 if x <= 0 else x  # NaN stays NaN; -0.0 -> 0 (TF.js: max(x, 0))


def _relu6(x: Any) -> Any:
    if x <= 0:  # -0.0 -> 0 as TF.js
        return 0
    return 6 if x > 6 else x


def _sign(x: Any) -> Any:
    if x > 0:
        return 1
    return -1 if x < 0 else 0  # sign(NaN) is 0 in TF.js


def _neg(x: Any) -> Any:
    return -x


def _square(x: Any) -> Any:
    return x * x


def _leaky_relu(x: float, *, alpha: float = 0.2) -> float:
    return float(alpha) * x if x < 0 else x


def _step(x: float, *, alpha: float = 0.0) -> float:
    if x > 0:
        return 1.0
    return float(alpha) if x <= 0 else x  # NaN stays NaN


def _step_int(x: int, *, alpha: float = 0.0) -> int:
    return 1 if x > 0 else js_int32(float(alpha))


def _prelu(x: float, alpha: float) -> float:
    return alpha * x if x < 0 else x


ew = elementwise
#: kernel: row (float expression, exact int expression or None, output dtype)
UNARY: dict[str, Callable[..., PyArray]] = {
    "Abs": ew(abs, abs),
    "Neg": ew(_neg, _neg),
    "Exp": ew(_exp, out="float32"),
    "Expm1": ew(_expm1),
    "Log": ew(_log),
    "Log1p": ew(_log1p),
    "Sqrt": ew(_sqrt),
    "Rsqrt": ew(_rsqrt),
    "Square": ew(_square, _square),
    "Reciprocal": ew(_reciprocal),
    "Sign": ew(_sign, _sign),
    "Floor": ew(_floor, _same),
    "Ceil": ew(_ceil, _same),
    "Round": ew(_round, _same),
    "Sin": ew(safe(math.sin)),
    "Cos": ew(safe(math.cos)),
    "Tan": ew(safe(math.tan)),
    "Asin": ew(safe(math.asin)),
    "Acos": ew(safe(math.acos)),
    "Atan": ew(math.atan),
    "Sinh": ew(_sinh),
    "Cosh": ew(safe(math.cosh)),
    "Tanh": ew(math.tanh),
    "Asinh": ew(math.asinh),
    "Acosh": ew(safe(math.acosh)),
    "Atanh": ew(_atanh),
    "Erf": ew(_erf, out="float32"),
    "Sigmoid": ew(_sigmoid),
    "Softplus": ew(_softplus),
    "Relu": ew(_relu, _relu),
    "Relu6": ew(_relu6, _relu6),
    "Elu": ew(_elu),
    "Selu": ew(_selu),
    "LeakyRelu": ew(_leaky_relu, out="float32"),
    "Step": ew(_step, _step_int),
    "Prelu": ew(_prelu, out="float32"),
}


def _predicate(f: Callable[[float], bool], ints: bool) -> Callable[[PyArray], PyArray]:
    def kernel(x: PyArray) -> PyArray:
        if x.dtype in ("float32", "float64"):
            return new("bool", map(f, x.data), x.shape)
        if x.dtype == "complex64":
            return new("bool", [f(c.real) or f(c.imag) if not ints else f(c.real) and f(c.imag)
                                for c in x.data], x.shape)
        return full("bool", x.shape, ints)  # integers are never NaN or infinite
    return kernel


def _isnan(x: float) -> bool:
    return x != x


def _isinf(x: float) -> bool:
    return x == INF or x == -INF


def _isfinite(x: float) -> bool:
    return x - x == 0


def clip_by_value(x: PyArray, *, clip_value_min: float, clip_value_max: float) -> PyArray:
    lo, hi = float(clip_value_min), float(clip_value_max)

    def clip(v: Any, lo: Any = lo, hi: Any = hi) -> Any:
        if v < lo:
            v = lo
        return hi if v > hi else v  # NaN stays NaN
    if x.dtype in ("float32", "float64"):
        return new(x.dtype, map(clip, x.data), x.shape)
    if x.dtype in INTS:
        # Clamping to truncated bounds equals TF.js's clamp-then-truncate for integers.
        bits, signed = INT_BITS[x.dtype]
        imin, imax = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
        new_lo = int(max(min(lo, imax), imin)) if lo == lo else 0
        new_hi = int(max(min(hi, imax), imin)) if hi == hi else 0
        return new(x.dtype, [clip(v, new_lo, new_hi) for v in x.data], x.shape)
    return from_float([clip(float(v)) for v in x.data], x.dtype, x.shape)


def kernels() -> dict[str, Callable[..., Any]]:
    table: dict[str, Callable[..., Any]] = dict(UNARY)
    table["IsNan"] = _predicate(_isnan, False)
    table["IsInf"] = _predicate(_isinf, False)
    table["IsFinite"] = _predicate(_isfinite, True)
    table["ClipByValue"] = clip_by_value
    return table
