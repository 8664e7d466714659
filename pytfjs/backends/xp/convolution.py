"""xp kernels: convolution (Conv2D/Conv3D and their backprops, depthwise, Dilation2D) and the
fused kernels (FusedConv2D, FusedDepthwiseConv2D, _FusedMatMul).

Every kernel is N-D over channels-last inputs ``[batch, *spatial, channels]`` with the attrs
the op normalized: ``strides``/``dilations`` (one int per spatial dim) and ``pad`` (explicit
``(before, after)`` pairs; ``after`` may be negative where the output leaves rows unread).

* forward: the padded input is viewed as windows ``[batch, *out, *kernel, channels]`` with
  ``as_strided`` (no copy), flattened into the im2col matrix and multiplied by the filter in
  one GEMM; a 1x1 stride-1 convolution is a plain GEMM on the input.
* depthwise: the same windows, one batched GEMM per channel (``matmul`` over the channel axis).
* backprop filter: ``im2col^T @ dy`` (one GEMM); backprop input: ``dy @ filter^T`` (one GEMM)
  then col2im, which adds one strided slice per kernel position (a loop over the few kernel
  taps, never over elements).
"""
from __future__ import annotations

import itertools
from typing import Any, Callable, Sequence

from . import basic_math, matrices
from ._common import quiet

_MIN_SAFE_INTEGER = -9007199254740991.0  # TF.js Dilation2D's initial maximum


def _rows(shape: Sequence[int]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    as_strided = xp.lib.stride_tricks.as_strided
    act = basic_math.kernels(xp)
    bmm = matrices.kernels(xp)["BatchMatMul"]

    def pad_input(x: Any, pads: Sequence[Sequence[int]], value: float = 0) -> Any:
        widths = [(0, 0)] + [(max(b, 0), max(a, 0)) for b, a in pads] + [(0, 0)]
        if all(w == (0, 0) for w in widths):
            return x
        if value == 0:
            return xp.pad(x, widths)
        return xp.pad(x, widths, constant_values=value)

    def out_size(in_sp: Sequence[int], k_sp: Sequence[int], strides: Sequence[int],
                 pads: Sequence[Sequence[int]], dilations: Sequence[int]) -> tuple[int, ...]:
        return tuple(max(0, (n + b + a - (k - 1) * d - 1) // s + 1)
                     for n, k, s, (b, a), d in zip(in_sp, k_sp, strides, pads, dilations))

    def windows(x: Any, k_sp: Sequence[int], strides: Sequence[int], pads: Any,
                dilations: Sequence[int], value: float = 0) -> tuple[Any, tuple[int, ...]]:
        """A ``[batch, *out, *kernel, channels]`` view of the padded input."""
        nd = len(k_sp)
        out_sp = out_size(x.shape[1:-1], k_sp, strides, pads, dilations)
        xp_ = pad_input(x, pads, value)
        st = xp_.strides
        shape = (x.shape[0], *out_sp, *k_sp, x.shape[-1])
        strd = (st[0], *[st[1 + i] * strides[i] for i in range(nd)],
                *[st[1 + i] * dilations[i] for i in range(nd)], st[-1])
        return as_strided(xp_, shape, strd), out_sp

    def col2im(dpatch: Any, in_shape: Sequence[int], k_sp: Sequence[int],
               strides: Sequence[int], pads: Any, dilations: Sequence[int]) -> Any:
        """Adds each window of ``dpatch`` ``[batch, *out, *kernel, channels]`` back to the
        position it was read from; returns ``[batch, *in_spatial, channels]``."""
        nd = len(k_sp)
        b, c = in_shape[0], in_shape[-1]
        in_sp = in_shape[1:-1]
        out_sp = dpatch.shape[1:1 + nd]
        padded = [n + max(p0, 0) + max(p1, 0) for n, (p0, p1) in zip(in_sp, pads)]
        acc = xp.zeros((b, *padded, c), dtype=dpatch.dtype)
        if dpatch.size:
            for taps in itertools.product(*[range(k) for k in k_sp]):
                dst = (slice(None),) + tuple(
                    slice(t * d, t * d + (o - 1) * s + 1, s)
                    for t, d, o, s in zip(taps, dilations, out_sp, strides)) + (slice(None),)
                src = (slice(None),) * (1 + nd) + taps + (slice(None),)
                acc[dst] += dpatch[src]
        crop = (slice(None),) + tuple(slice(max(p0, 0), max(p0, 0) + n)
                                      for (p0, _), n in zip(pads, in_sp)) + (slice(None),)
        return xp.ascontiguousarray(acc[crop])

    def is_pointwise(k_sp: Sequence[int], strides: Sequence[int], pads: Any) -> bool:
        return all(k == 1 for k in k_sp) and all(s == 1 for s in strides) and \
            all(p == (0, 0) for p in map(tuple, pads))

    # ------------------------------------------------------------------ regular conv
    def conv(x: Any, f: Any, *, strides: Sequence[int], pad: Any,
             dilations: Sequence[int]) -> Any:
        nd = f.ndim - 2
        k_sp, c, o = f.shape[:nd], f.shape[nd], f.shape[nd + 1]
        with quiet(xp):
            if is_pointwise(k_sp, strides, pad):
                y = xp.matmul(x.reshape(x.size // c if c else _rows(x.shape), c),
                              f.reshape(c, o))
                return y.reshape(*x.shape[:-1], o)
            win, out_sp = windows(x, k_sp, strides, pad, dilations)
            kc = c
            for k in k_sp:
                kc *= k
            cols = win.reshape(_rows(win.shape[:1 + nd]), kc)
            y = xp.matmul(cols, f.reshape(kc, o))
        return y.reshape(x.shape[0], *out_sp, o).astype(x.dtype, copy=False)

    def conv_backprop_input(dy: Any, f: Any, *, input_shape: Sequence[int],
                            strides: Sequence[int], pad: Any,
                            dilations: Sequence[int]) -> Any:
        nd = f.ndim - 2
        k_sp, c, o = f.shape[:nd], f.shape[nd], f.shape[nd + 1]
        out_dtype = dy.dtype
        with quiet(xp):
            if is_pointwise(k_sp, strides, pad):
                dx = xp.matmul(dy.reshape(_rows(dy.shape[:-1]), o), f.reshape(c, o).T)
                return dx.reshape(tuple(input_shape)).astype(out_dtype, copy=False)
            dpatch = xp.matmul(dy.reshape(_rows(dy.shape[:-1]), o),
                               f.reshape(_rows(f.shape[:-1]), o).T)
            dpatch = dpatch.reshape(*dy.shape[:-1], *k_sp, c)
            return col2im(dpatch, input_shape, k_sp, strides, pad, dilations).astype(
                out_dtype, copy=False)

    def conv_backprop_filter(x: Any, dy: Any, *, filter_shape: Sequence[int],
                             strides: Sequence[int], pad: Any,
                             dilations: Sequence[int]) -> Any:
        nd = len(filter_shape) - 2
        k_sp, o = tuple(filter_shape[:nd]), filter_shape[-1]
        kc = 1
        for k in filter_shape[:-1]:
            kc *= k
        with quiet(xp):
            win, _ = windows(x, k_sp, strides, pad, dilations)
            bp = win.size // kc if kc else 0
            dw = xp.matmul(win.reshape(bp, kc).T, dy.reshape(bp, o))
        return dw.reshape(tuple(filter_shape)).astype(x.dtype, copy=False)

    # ------------------------------------------------------------------ depthwise
    def depthwise(x: Any, f: Any, *, strides: Sequence[int], pad: Any,
                  dilations: Sequence[int]) -> Any:
        kh, kw, c, m = f.shape
        with quiet(xp):
            win, out_sp = windows(x, (kh, kw), strides, pad, dilations)
            b = x.shape[0]
            cols = win.reshape(_rows(win.shape[:3]), kh * kw, c).transpose(2, 0, 1)        # (C, BP, K)
            w = f.reshape(kh * kw, c, m).transpose(1, 0, 2)              # (C, K, M)
            y = xp.matmul(cols, w)                                       # (C, BP, M)
            y = y.transpose(1, 0, 2).reshape(b, *out_sp, c * m)
        return y.astype(x.dtype, copy=False)

    def depthwise_backprop_input(dy: Any, f: Any, *, input_shape: Sequence[int],
                                 strides: Sequence[int], pad: Any,
                                 dilations: Sequence[int]) -> Any:
        kh, kw, c, m = f.shape
        with quiet(xp):
            g = dy.reshape(_rows(dy.shape[:-1]), c, m).transpose(1, 0, 2)  # (C, BP, M)
            w = f.reshape(kh * kw, c, m).transpose(1, 2, 0)              # (C, M, K)
            dpatch = xp.matmul(g, w).transpose(1, 2, 0)                  # (BP, K, C)
            dpatch = dpatch.reshape(*dy.shape[:-1], kh, kw, c)
            return col2im(dpatch, input_shape, (kh, kw), strides, pad, dilations).astype(
                dy.dtype, copy=False)

    def depthwise_backprop_filter(x: Any, dy: Any, *, filter_shape: Sequence[int],
                                  strides: Sequence[int], pad: Any,
                                  dilations: Sequence[int]) -> Any:
        kh, kw, c, m = filter_shape
        with quiet(xp):
            win, _ = windows(x, (kh, kw), strides, pad, dilations)
            cols = win.reshape(_rows(win.shape[:3]), kh * kw, c).transpose(2, 1, 0)        # (C, K, BP)
            g = dy.reshape(_rows(dy.shape[:-1]), c, m).transpose(1, 0, 2)  # (C, BP, M)
            dw = xp.matmul(cols, g).transpose(1, 0, 2)                   # (K, C, M)
        return dw.reshape(kh, kw, c, m).astype(x.dtype, copy=False)

    # ------------------------------------------------------------------ dilation2d
    def dilation_values(x: Any, f: Any, strides: Any, pad: Any, dilations: Any
                        ) -> tuple[Any, tuple[int, ...]]:
        """``[batch, *out, K, C]`` window values ``x + filter`` in float64 (int32 exact),
        -inf where a tap is out of range or NaN (TF.js skips both)."""
        kh, kw, c = f.shape
        xf = x.astype(xp.float64)
        win, out_sp = windows(xf, (kh, kw), strides, pad, dilations, value=-xp.inf)
        with quiet(xp):
            vals = win + f.astype(xp.float64)
        vals = xp.where(xp.isnan(vals), -xp.inf, vals)
        return vals.reshape(x.shape[0], *out_sp, kh * kw, c), out_sp

    def dilation2d(x: Any, f: Any, *, strides: Any, pad: Any, dilations: Any) -> Any:
        vals, out_sp = dilation_values(x, f, strides, pad, dilations)
        if vals.shape[-2] == 0 or vals.size == 0:
            return xp.full((x.shape[0], *out_sp, x.shape[-1]), _MIN_SAFE_INTEGER).astype(x.dtype)
        out = xp.maximum(vals.max(axis=-2), _MIN_SAFE_INTEGER)
        return out.astype(x.dtype)

    def dilation_argmax_mask(vals: Any) -> Any:
        idx = xp.argmax(vals, axis=-2)                                   # first maximum
        k = vals.shape[-2]
        taps = xp.arange(k).reshape((1,) * (vals.ndim - 2) + (k, 1))
        return taps == xp.expand_dims(idx, -2)

    def dilation2d_backprop_input(x: Any, f: Any, dy: Any, *, strides: Any, pad: Any,
                                  dilations: Any) -> Any:
        kh, kw, c = f.shape
        if x.size == 0 or dy.size == 0:
            return xp.zeros(x.shape, dtype=dy.dtype)
        vals, out_sp = dilation_values(x, f, strides, pad, dilations)
        mask = dilation_argmax_mask(vals)
        dpatch = (mask * xp.expand_dims(dy, -2)).astype(dy.dtype)
        dpatch = dpatch.reshape(x.shape[0], *out_sp, kh, kw, c)
        return col2im(dpatch, x.shape, (kh, kw), strides, pad, dilations)

    def dilation2d_backprop_filter(x: Any, f: Any, dy: Any, *, strides: Any, pad: Any,
                                   dilations: Any) -> Any:
        kh, kw, c = f.shape
        if x.size == 0 or dy.size == 0:
            return xp.zeros(f.shape, dtype=dy.dtype)
        vals, _ = dilation_values(x, f, strides, pad, dilations)
        mask = dilation_argmax_mask(vals)
        dw = (mask * xp.expand_dims(dy, -2)).reshape(_rows(dy.shape[:-1]), kh * kw, c).sum(axis=0)
        return dw.reshape(kh, kw, c).astype(dy.dtype)

    # ------------------------------------------------------------------ fused
    def activate(y: Any, activation: str, prelu: Any, alpha: float) -> Any:
        if activation == "linear":
            return y
        if activation == "relu":
            return act["Relu"](y)
        if activation == "relu6":
            return act["Relu6"](y)
        if activation == "elu":
            return act["Elu"](y)
        if activation == "sigmoid":
            return act["Sigmoid"](y)
        if activation == "leakyrelu":
            return act["LeakyRelu"](y, alpha=alpha).astype(y.dtype, copy=False)
        return act["Prelu"](y, prelu).astype(y.dtype, copy=False)

    def fused(base: Callable[..., Any]) -> Callable[..., Any]:
        def kernel(x: Any, f: Any, *extra: Any, activation: str, leakyrelu_alpha: float,
                   has_bias: bool, has_prelu: bool, **attrs: Any) -> Any:
            it = iter(extra)
            bias = next(it) if has_bias else None
            prelu = next(it) if has_prelu else None
            y = base(x, f, **attrs)
            if bias is not None:
                with quiet(xp):
                    y = (y + bias).astype(y.dtype, copy=False)
            return activate(y, activation, prelu, leakyrelu_alpha)
        return kernel

    return {
        "Conv2D": conv, "Conv3D": conv,
        "Conv2DBackpropInput": conv_backprop_input,
        "Conv3DBackpropInputV2": conv_backprop_input,
        "Conv2DBackpropFilter": conv_backprop_filter,
        "Conv3DBackpropFilterV2": conv_backprop_filter,
        "DepthwiseConv2dNative": depthwise,
        "DepthwiseConv2dNativeBackpropInput": depthwise_backprop_input,
        "DepthwiseConv2dNativeBackpropFilter": depthwise_backprop_filter,
        "Dilation2D": dilation2d,
        "Dilation2DBackpropInput": dilation2d_backprop_input,
        "Dilation2DBackpropFilter": dilation2d_backprop_filter,
        "FusedConv2D": fused(conv),
        "FusedDepthwiseConv2D": fused(depthwise),
        "_FusedMatMul": fused(bmm),
    }
