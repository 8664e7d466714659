"""xp kernels: basic math (unary elementwise math and activations).

One table row per kernel, built by :func:`.arithmetic.elementwise`: the float expression, then
how integer inputs are handled. Like TF.js's cpu backend, most kernels keep an int32 (or bool)
input's dtype and store the float result back truncated (``expm1`` of int32 is int32); rows
with ``out="float32"`` return float32 for every input (``Exp``, ``Erf``, ``LeakyRelu``).
"""
from __future__ import annotations

from typing import Any, Callable

from ._common import quiet
from ._threads import map_split
from .arithmetic import elementwise, from_float, js_int32
from .logical import select

# Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), the approximation TF.js's Erf kernels use.
_ERF_P = 0.3275911
_ERF_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
_SELU_SCALE = 1.0507009873554804934193349852946
_SELU_ALPHA = 1.6732632423543772848170429916717
# TF.js softplus: x above -threshold is returned as is, x below threshold as exp(x).
_SOFTPLUS_THRESHOLD = -13.942385152878742  # log(float32 epsilon) + 2


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def same(x: Any) -> Any:
        return x  # rounding an integer: arrays are never mutated in place, so sharing is safe

    def sign(x: Any) -> Any:
        return xp.subtract(x > 0, x < 0, dtype=x.dtype)  # sign(NaN) is 0 in TF.js

    def erf(x: Any) -> Any:
        a1, a2, a3, a4, a5 = _ERF_A
        v = xp.abs(x)
        t = 1.0 / (1.0 + _ERF_P * v)
        poly = ((((a5 * t + a4) * t + a3) * t + a2) * t + a1) * t
        return xp.sign(x) * (1.0 - poly * xp.exp(-v * v))

    def sigmoid(x: Any) -> Any:
        return 1.0 / (1.0 + xp.exp(-x))

    def softplus(x: Any) -> Any:
        e = xp.exp(x)
        return xp.where(x > -_SOFTPLUS_THRESHOLD, x,
                        xp.where(x < _SOFTPLUS_THRESHOLD, e, xp.log1p(e)))

    # Branch-free forms of "x if x >= 0 else f(x)": faster than a select on mixed signs, and
    # expm1 never sees large positive values.
    def elu(x: Any) -> Any:
        return xp.maximum(x, 0) + xp.expm1(xp.minimum(x, 0))

    def selu(x: Any) -> Any:
        return (_SELU_SCALE * xp.maximum(x, 0)
                + (_SELU_SCALE * _SELU_ALPHA) * xp.expm1(xp.minimum(x, 0)))

    def clip_fast(lo: float, hi: float) -> Callable[[Any, Any], Any]:
        """``clip(a, lo, hi)`` into ``o``, then ``-0.0 -> +0.0`` (TF.js's relu/relu6 of -0 is
        +0): NumPy's clip with both bounds is its fast SIMD loop (``maximum(x, 0)`` is ~3.5x
        slower than clip plus the add); NaN stays NaN."""
        def run(a: Any, o: Any) -> None:
            xp.clip(a, lo, hi, out=o)
            o += 0.0
        return run

    relu_f, relu6_f = clip_fast(0, xp.inf), clip_fast(0, 6)

    def relu(x: Any) -> Any:
        if x.dtype.kind == "f":
            return map_split(xp, x, relu_f, cost=2)
        return map_split(xp, x, lambda a, o: xp.maximum(a, 0, out=o))

    def relu6(x: Any) -> Any:
        if x.dtype.kind == "f":
            return map_split(xp, x, relu6_f, cost=2)
        return map_split(xp, x, lambda a, o: xp.clip(a, 0, 6, out=o))

    def leaky_relu(x: Any, *, alpha: float = 0.2) -> Any:
        alpha = float(alpha)
        if 0.0 < alpha <= 1.0:
            return xp.maximum(x, alpha * x)  # branch-free; equal to the select for these slopes
        return xp.where(x < 0, alpha * x, x)

    def prelu(x: Any, alpha: Any) -> Any:
        # x where x >= 0, else alpha * x; branch-free (a select on random signs is ~10x slower)
        # while alpha is finite: 0 * inf would turn the positive side into NaN.
        if alpha.dtype.kind == "f" and not bool(xp.isfinite(alpha).all()):
            return xp.where(x >= 0, x, alpha * x)
        return xp.maximum(x, 0) + alpha * xp.minimum(x, 0)

    def step(x: Any, *, alpha: float = 0.0) -> Any:
        # The ReLU/abs gradients' mask: kept branch-free (see logical.select).
        positive = x > 0
        if alpha == 0:
            y = positive.astype(x.dtype)
        else:
            one, low = xp.asarray(1, dtype=x.dtype), xp.asarray(float(alpha), dtype=x.dtype)
            y = select(xp, positive, one, low)
        nan = xp.isnan(x)
        return select(xp, nan, x, y) if nan.any() else y  # NaN stays NaN

    def step_int(x: Any, *, alpha: float = 0.0) -> Any:
        low = js_int32(xp, xp.asarray(float(alpha))).astype(x.dtype)
        return select(xp, x > 0, xp.asarray(1, dtype=x.dtype), low)

    ew = elementwise
    table: dict[str, Callable[..., Any]] = {
        # kernel: row (float expression, exact int expression or None, output dtype)
        "Abs": ew(xp, xp.abs, xp.abs),
        "Neg": ew(xp, xp.negative, xp.negative),
        "Exp": ew(xp, xp.exp, out="float32"),
        "Expm1": ew(xp, xp.expm1),
        "Log": ew(xp, xp.log),
        "Log1p": ew(xp, xp.log1p),
        "Sqrt": ew(xp, xp.sqrt),
        "Rsqrt": ew(xp, lambda x: 1.0 / xp.sqrt(x)),
        "Square": ew(xp, xp.square, xp.square),
        "Reciprocal": ew(xp, lambda x: 1.0 / x),
        "Sign": ew(xp, sign, xp.sign),
        "Floor": ew(xp, xp.floor, same),
        "Ceil": ew(xp, xp.ceil, same),
        "Round": ew(xp, xp.rint, same),  # half to even, as TF.js
        "Sin": ew(xp, xp.sin),
        "Cos": ew(xp, xp.cos),
        "Tan": ew(xp, xp.tan),
        "Asin": ew(xp, xp.arcsin),
        "Acos": ew(xp, xp.arccos),
        "Atan": ew(xp, xp.arctan),
        "Sinh": ew(xp, xp.sinh),
        "Cosh": ew(xp, xp.cosh),
        "Tanh": ew(xp, xp.tanh),
        "Asinh": ew(xp, xp.arcsinh),
        "Acosh": ew(xp, xp.arccosh),
        "Atanh": ew(xp, xp.arctanh),
        "Erf": ew(xp, erf, out="float32"),
        "Sigmoid": ew(xp, sigmoid),
        "Softplus": ew(xp, softplus),
        "Relu": ew(xp, relu, relu),
        "Relu6": ew(xp, relu6, relu6),
        "Elu": ew(xp, elu),
        "Selu": ew(xp, selu),
        "LeakyRelu": ew(xp, leaky_relu, out="float32"),
        "Step": ew(xp, step, step_int),
        "Prelu": ew(xp, prelu, out="float32"),
    }

    def predicate(f: Callable[[Any], Any], ints: bool) -> Callable[[Any], Any]:
        def kernel(x: Any) -> Any:
            if x.dtype.kind in "fc":
                return f(x)
            return xp.full(x.shape, ints, dtype=bool)  # integers are never NaN or infinite
        return kernel

    table["IsNan"] = predicate(xp.isnan, False)
    table["IsInf"] = predicate(xp.isinf, False)
    table["IsFinite"] = predicate(xp.isfinite, True)

    def clip_by_value(x: Any, *, clip_value_min: float, clip_value_max: float) -> Any:
        lo, hi = float(clip_value_min), float(clip_value_max)
        kind = x.dtype.kind
        if kind == "f":
            return xp.clip(x, lo, hi).astype(x.dtype, copy=False)
        if kind in "iu":
            # Clamping to truncated bounds equals TF.js's clamp-then-truncate for integers.
            info = xp.iinfo(x.dtype)
            ilo = int(max(min(lo, info.max), info.min)) if lo == lo else 0
            ihi = int(max(min(hi, info.max), info.min)) if hi == hi else 0
            return xp.clip(x, ilo, ihi)
        with quiet(xp):
            y = xp.clip(x.astype(xp.float64), lo, hi)
        return from_float(xp, y, x.dtype)

    table["ClipByValue"] = clip_by_value
    return table
