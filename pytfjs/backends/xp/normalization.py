"""xp kernels: normalization (Softmax, LogSoftmax, FusedBatchNorm, LRN, LRNGrad)."""
from __future__ import annotations

from typing import Any, Callable

from ._common import quiet
from ._threads import map_split


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    float32 = xp.float32

    def as_float(a: Any) -> Any:
        return a if a.dtype.kind in "fc" else a.astype(float32)

    def like_input(out: Any, x: Any) -> Any:
        """TF.js computes in float and stores in x's dtype: int32 truncates toward zero."""
        if x.dtype.kind in "iu":
            with quiet(xp):
                out = xp.where(xp.isfinite(out), xp.trunc(out), 0)
            return out.astype(x.dtype)
        return out

    def softmax(x: Any, *, dim: int) -> Any:
        x = as_float(x)
        if x.size == 0:
            return xp.empty(x.shape, dtype=x.dtype)
        with quiet(xp):
            e = x - xp.max(x, axis=dim, keepdims=True)
            xp.exp(e, out=e)
            e /= xp.sum(e, axis=dim, keepdims=True)
        return e

    def log_softmax(x: Any, *, axis: int) -> Any:
        x = as_float(x)
        if x.size == 0:
            return xp.empty(x.shape, dtype=x.dtype)
        with quiet(xp):
            shifted = x - xp.max(x, axis=axis, keepdims=True)
            lse = xp.log(xp.sum(xp.exp(shifted), axis=axis, keepdims=True))
            shifted -= lse
        return shifted

    def fused_batch_norm(x: Any, mean: Any, variance: Any, *rest: Any,
                         variance_epsilon: float = 0.001, has_offset: bool = False,
                         has_scale: bool = False) -> Any:
        """``(x - mean) * scale / sqrt(variance + eps) + offset``; the optional ``offset`` and
        ``scale`` follow ``variance`` in that order when their ``has_*`` attr is set."""
        rest_it = iter(rest)
        offset = next(rest_it) if has_offset else None
        scale = next(rest_it) if has_scale else None
        if fast_bn(x, mean, variance, offset, scale):
            return bn_inference(x, mean, variance, offset, scale, variance_epsilon)
        xf = as_float(x)
        dt = xf.dtype
        with quiet(xp):
            # The small parameter tensors are combined first: one pass over x for the
            # subtraction, one for the scaling and one for the offset.
            # variance + epsilon in float64 as TF.js (a float32 variance of -0.001 plus 0.001 is
            # then slightly negative, giving NaN); the parameters are small, x stays float32.
            wide = xp.float64
            inv = 1.0 / xp.sqrt(variance.astype(wide) + variance_epsilon)
            if scale is not None:
                inv = inv * scale.astype(wide, copy=False)
            out = xf - as_float(mean).astype(dt, copy=False)
            out *= inv.astype(dt, copy=False)
            if offset is not None:
                out += as_float(offset).astype(dt, copy=False)
        return like_input(out, x)

    def fast_bn(x: Any, *params: Any) -> bool:
        """float32 ``x`` of rank 4 with float32 per-channel vectors (the common case)."""
        if x.dtype != float32 or x.ndim != 4 or x.size == 0 or not x.flags.c_contiguous:
            return False
        c = x.shape[-1]
        return all(p is None or (p.dtype == float32 and p.shape == (c,)) for p in params)

    def bn_inference(x: Any, mean: Any, variance: Any, offset: Any, scale: Any,
                     eps: float) -> Any:
        """``x * s + t`` with ``s = scale / sqrt(variance + eps)`` and ``t = offset - mean * s``
        combined on the per-channel vectors (in float64, as TF.js adds epsilon) and cast to
        float32: one multiply and one add over x, both on rows tiled along the width."""
        wide = xp.float64
        with quiet(xp):
            s = 1.0 / xp.sqrt(variance.astype(wide) + eps)
            if scale is not None:
                s = s * scale.astype(wide)
            t = -(mean.astype(wide) * s)
            if offset is not None:
                t = t + offset.astype(wide)
            b, h, w, c = x.shape
            s_row = xp.tile(s.astype(float32), w)
            t_row = xp.tile(t.astype(float32), w)

            def part(a: Any, o: Any) -> None:
                xp.multiply(a, s_row, out=o)
                o += t_row

            return map_split(xp, x.reshape(b * h, w * c), part, cost=2).reshape(x.shape)

    def lrn(x: Any, *, depth_radius: int = 5, bias: float = 1.0, alpha: float = 1.0,
            beta: float = 0.5) -> Any:
        """Local response normalization over the last axis: ``x / (bias + alpha *
        sum(x[c-r..c+r]**2)) ** beta``. The window sum adds 2r+1 shifted slices (exact, unlike
        a cumsum difference)."""
        xf = as_float(x)
        dt = xf.dtype
        with quiet(xp):
            norm = window_sum(xf * xf, depth_radius)
            norm *= dt.type(alpha)
            norm += dt.type(bias)
            out = xf * norm ** dt.type(-beta)
        return like_input(out, x)

    def window_sum(v: Any, radius: int) -> Any:
        """``out[..., c] = sum(v[..., c-r : c+r+1])`` over the last axis (clipped at the ends):
        2r+1 shifted slice additions, exact (unlike a cumsum difference)."""
        depth = v.shape[-1]
        acc = xp.zeros(v.shape, dtype=v.dtype)
        for off in range(max(-radius, 1 - depth), min(radius, depth - 1) + 1):
            if off < 0:
                acc[..., -off:] += v[..., :depth + off]
            else:
                acc[..., :depth - off] += v[..., off:]
        return acc

    def lrn_grad(x: Any, y: Any, dy: Any, *, depth_radius: int = 5, bias: float = 1.0,
                 alpha: float = 1.0, beta: float = 0.5) -> Any:
        """The gradient of LRN (TF.js's ``LRNGrad``), with ``n = bias + alpha *
        window_sum(x**2)``: ``dx = dy * n**-beta - 2 * alpha * beta * x * window_sum(dy * y /
        n)`` (windows are symmetric, so the outputs that read x[c] are the window around c).
        The result has x's float dtype."""
        xf = as_float(x)
        dt = xf.dtype
        with quiet(xp):
            norm = window_sum(xf * xf, depth_radius)
            norm *= dt.type(alpha)
            norm += dt.type(bias)
            dyf = dy.astype(dt, copy=False)
            spread = window_sum(dyf * y.astype(dt, copy=False) / norm, depth_radius)
            spread *= xf
            spread *= dt.type(-2.0 * alpha * beta)
            norm **= dt.type(-beta)
            norm *= dyf
            norm += spread
        return norm

    return {"Softmax": softmax, "LogSoftmax": log_softmax, "FusedBatchNorm": fused_batch_norm,
            "LRN": lrn, "LRNGrad": lrn_grad}
