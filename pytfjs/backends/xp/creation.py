"""xp kernels: creation (Fill, ZerosLike, OnesLike, Range, LinSpace, OneHot, Complex, Real,
Imag, Identity)."""
from __future__ import annotations

import math
from typing import Any, Callable

#: Rounds of the exact-float32-accumulation repair in ``f32_accumulate`` (see there).
_F32_REPAIR_ROUNDS = 64


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    f32, f64, i32, i64 = xp.float32, xp.float64, xp.int32, xp.int64

    def identity(x: Any) -> Any:
        return x  # arrays are never mutated in place, so sharing is safe

    def fill(*, shape: tuple, value: Any, dtype: str) -> Any:
        dt = object if dtype == "string" else xp.dtype(dtype)
        if dtype != "string" and value == 0:
            return xp.zeros(shape, dt)
        return xp.full(shape, value, dt)

    def zeros_like(x: Any) -> Any:
        return xp.zeros(x.shape, x.dtype)

    def ones_like(x: Any) -> Any:
        return xp.ones(x.shape, x.dtype)

    def f32_accumulate(start: float, step: float, n: int) -> Any:
        """``v[0] = f32(start); v[i] = f32(v[i-1] + step)`` with the add done in double: how
        TF.js fills a ``Float32Array`` for Range and LinSpace (its values drift like a float32
        running sum, e.g. ``linspace(1, 2, 10)`` ends at 2.0000005).

        A float32 cumulative sum is exact when ``step`` is a float32 value (double rounding of
        a float32 sum is innocuous). Otherwise the cumsum uses ``f32(step)``, which now and then
        rounds the other way; each such element is found vectorised, fixed, and the sum
        restarted from it, for up to ``_F32_REPAIR_ROUNDS`` rounds (beyond that the remaining
        values may differ from TF.js by an ulp or so). Backends whose cumsum is not a
        sequential float32 sum (CuPy's parallel scan) are close but not bit-exact."""
        out = xp.full((n,), step, dtype=f32)
        if n == 0:
            return out
        out[0] = start
        out = xp.cumsum(out, dtype=f32)
        if float(f32(step)) == step or n == 1:
            return out
        for _ in range(_F32_REPAIR_ROUNDS):
            want = (out[:-1].astype(f64) + step).astype(f32)
            bad = xp.nonzero(want != out[1:])[0]
            if bad.size == 0:
                break
            j = int(bad[0]) + 1
            tail = xp.full((n - j,), step, dtype=f32)
            tail[0] = want[j - 1]
            out[j:] = xp.cumsum(tail, dtype=f32)
        return out

    def int32_accumulate(start: float, step: float, n: int) -> Any:
        """``v[0] = ToInt32(start); v[i] = ToInt32(v[i-1] + step)`` (TF.js's Int32Array fill),
        in closed form: truncation adds ``ceil(step)`` while ``v + step < 0`` and
        ``floor(step)`` once it is >= 0."""
        v0 = int(start)  # truncation toward zero, as ToInt32
        i = xp.arange(n, dtype=i64)
        if step == int(step):
            return (v0 + i * int(step)).astype(i32)
        lo, hi = math.floor(step), math.ceil(step)
        if step > 0:  # negative regime first (step ceil), then floor
            k = max(0, math.ceil((-step - v0) / hi))
            first, second = hi, lo
        else:  # non-negative regime first (step floor), then ceil
            k = math.floor((v0 + step) / -lo) + 1 if v0 + step >= 0 else 0
            first, second = lo, hi
        head = v0 + i * first
        tail = v0 + k * first + (i - k) * second
        return xp.where(i <= k, head, tail).astype(i32)

    def range_(*, start: float, stop: float, step: float, dtype: str) -> Any:
        if start == stop or (start < stop and step < 0) or (stop < start and step > 1):
            return xp.zeros((0,), xp.dtype(dtype))
        n = abs(math.ceil((stop - start) / step))
        if stop < start and step == 1:
            step = -1  # TF.js flips a default step for a decreasing range
        if dtype == "int32":
            return int32_accumulate(start, step, n)
        return f32_accumulate(start, step, n)

    def linspace(*, start: float, stop: float, num: int) -> Any:
        if num == 1:
            return xp.full((1,), start, dtype=f32)
        return f32_accumulate(start, (stop - start) / (num - 1), num)

    def one_hot(indices: Any, *, depth: int, on_value: Any, off_value: Any, dtype: str) -> Any:
        hit = indices[..., None] == xp.arange(depth, dtype=indices.dtype)
        dt = xp.dtype(dtype)
        return xp.where(hit, xp.asarray(on_value, dtype=dt), xp.asarray(off_value, dtype=dt))

    def complex_(real: Any, imag: Any) -> Any:
        out = xp.empty(real.shape, dtype=xp.complex64)
        out.real = real
        out.imag = imag
        return out

    def real(x: Any) -> Any:
        return x.real if x.dtype.kind == "c" else x

    def imag(x: Any) -> Any:
        return x.imag if x.dtype.kind == "c" else xp.zeros(x.shape, x.dtype)

    return {"Identity": identity, "Fill": fill, "ZerosLike": zeros_like, "OnesLike": ones_like,
            "Range": range_, "LinSpace": linspace, "OneHot": one_hot, "Complex": complex_,
            "Real": real, "Imag": imag}
