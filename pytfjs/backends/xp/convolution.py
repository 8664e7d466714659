"""xp kernels: convolution (Conv2D/Conv3D and their backprops, depthwise, Dilation2D) and the
fused kernels (FusedConv2D, FusedDepthwiseConv2D, _FusedMatMul).

Every kernel is N-D over channels-last inputs ``[batch, *spatial, channels]`` with the attrs
the op normalized: ``strides``/``dilations`` (one int per spatial dim) and ``pad`` (explicit
``(before, after)`` pairs; ``after`` may be negative where the output leaves rows unread).

* forward: the padded input is viewed as windows ``[batch, *out, *kernel, channels]`` with
  ``as_strided`` (no copy), flattened into the im2col matrix and multiplied by the filter in
  one GEMM; a 1x1 stride-1 convolution is a plain GEMM on the input.
* depthwise (float32/float64): ``kh * kw`` shifted multiply-adds over the padded input, each
  tap a contiguous ``[batch, out_h, out_w * C]`` row view times the tap's weights tiled along
  the row (``out=`` buffers, no temporaries per tap); a strided width is first split into
  column phases so the rows stay unit-stride. The backprops use the same per-tap form (the
  filter's column sums as one BLAS ``ones @ products`` per tap). Other dtypes: the windows
  view and one batched GEMM per channel.
* backprop filter: ``im2col^T @ dy`` (one GEMM); backprop input: ``dy @ filter^T`` (one GEMM,
  2-D: one per tap, ``[K, B*OH*OW, C]``) then col2im, which adds one slice per kernel position
  (a loop over the few kernel taps, never over elements).
* fused conv / depthwise: bias and a relu/relu6 activation run in place on the kernel's own
  output.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable, Sequence

from . import basic_math, matrices
from ._common import quiet
from ._threads import parallel_range, threads_for

_MIN_SAFE_INTEGER = -9007199254740991.0  # TF.js Dilation2D's initial maximum


# largest im2col matrix a convolution builds at once (larger ones are built and multiplied in
# parts: whole images of a batch, or output rows of an image)
IM2COL_BYTES = 8 << 20
# images a NumPy depthwise convolution pads and convolves at once (~ this many bytes of input)
DW_GROUP_BYTES = 8 << 20


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
            f2 = f.reshape(kc, o)
            b = x.shape[0]
            per_image = _rows(out_sp) * kc * x.dtype.itemsize
            if per_image * b <= IM2COL_BYTES or \
                    xp.result_type(x, f) != x.dtype or 0 in out_sp:
                cols = win.reshape(_rows(win.shape[:1 + nd]), kc)
                y = xp.matmul(cols, f2)
                return y.reshape(b, *out_sp, o).astype(x.dtype, copy=False)
            # the im2col matrix in parts of at most IM2COL_BYTES (whole images of a batch, or
            # output rows of one large image): the same products, a bounded temporary that
            # stays nearer the cache (a 5x5x64 conv on 48x64: 2.5 -> 1.8 ms; 32 x 224 x 224 x 3
            # images: 43 MB of im2col -> 8 MB at a time)
            y = xp.empty((b, *out_sp, o), dtype=x.dtype)
            if per_image <= IM2COL_BYTES:
                step = max(1, IM2COL_BYTES // max(per_image, 1))
                for b0 in range(0, b, step):
                    part = win[b0:b0 + step]
                    n = part.shape[0]
                    xp.matmul(part.reshape(n * _rows(out_sp), kc), f2,
                              out=y[b0:b0 + n].reshape(n * _rows(out_sp), o))
                return y
            per_row = per_image // out_sp[0]
            step = max(1, IM2COL_BYTES // max(per_row, 1))
            inner = _rows(out_sp[1:])
            for bi in range(b):
                for r0 in range(0, out_sp[0], step):
                    part = win[bi:bi + 1, r0:r0 + step]
                    n = part.shape[1]
                    xp.matmul(part.reshape(n * inner, kc), f2,
                              out=y[bi:bi + 1, r0:r0 + n].reshape(n * inner, o))
        return y

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
            if nd == 2 and fast_dtype(dy, f) and dy.size and f.size:
                # one GEMM per tap into [K, B*OH*OW, C] (contiguous per tap), then the taps
                # are added back as contiguous rows
                kk = k_sp[0] * k_sp[1]
                dpk = xp.matmul(dy.reshape(1, _rows(dy.shape[:-1]), o),
                                f.reshape(kk, c, o).transpose(0, 2, 1))
                dpk = dpk.reshape(kk, *dy.shape[:-1], c)
                return scatter_taps(lambda i, j: dpk[i * k_sp[1] + j], input_shape, k_sp,
                                    dy.shape[1:3], strides, pad, dilations, out_dtype)
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
    # float32/float64 (the dtypes the ops produce): kh * kw shifted multiply-adds over the
    # padded channels-last input, each on contiguous rows ``[batch, out_h, out_w * C]`` (a
    # strided width is split into column phases first, so every tap reads unit-stride rows)
    # with the per-tap weights tiled along the row: long inner loops, no per-element Python.
    # Other dtypes (float16) keep the batched-GEMM form below.
    def fast_dtype(*arrays: Any) -> bool:
        dt = arrays[0].dtype
        return dt in (xp.float32, xp.float64) and all(a.dtype == dt for a in arrays)

    def rows(v: Any) -> Any:
        """``[b, h, w, c]`` with unit-stride ``(w, c)`` as a ``[b, h, w * c]`` view."""
        b, h, w, c = v.shape
        st = v.strides
        if c > 1:
            if w > 1 and st[2] != c * st[3]:
                return None
            inner = st[3]
        else:
            inner = st[2]
        return as_strided(v, (b, h, w * c), (st[0], st[1], inner))

    def phases(a: Any, sw: int) -> list:
        """Column phases ``a[:, :, p::sw]`` (contiguous copies when ``sw > 1``)."""
        if sw == 1:
            return [a]
        return [xp.ascontiguousarray(a[:, :, p::sw, :]) for p in range(sw)]

    def tap(ph: list, i0: int, j0: int, oh: int, ow: int, sh: int, sw: int) -> Any:
        """The ``[b, oh, ow * c]`` rows read by the tap at padded offset ``(i0, j0)``."""
        a = ph[j0 % sw]
        q = j0 // sw
        v = a[:, i0:i0 + (oh - 1) * sh + 1:sh, q:q + ow, :]
        r = rows(v)
        return v if r is None else r

    def tiled(w: Any, ow: int, like: Any) -> Any:
        return xp.tile(w, ow) if like.ndim == 3 else w

    def dw_taps(k_sp: Sequence[int], dilations: Sequence[int]) -> list:
        return [(i, j, i * dilations[0], j * dilations[1])
                for i in range(k_sp[0]) for j in range(k_sp[1])]

    def dw_taps_into(xpad: Any, w: Any, strides: Sequence[int], dilations: Sequence[int],
                     y: Any) -> None:
        """Shifted multiply-adds of the padded ``xpad`` with ``w`` ``[kh, kw, C]`` into ``y``
        ``[b, oh, ow, C]`` (a slice of the output; unit-stride ``(ow, C)``)."""
        kh, kw, c = w.shape
        b, oh, ow = y.shape[:3]
        sh, sw = strides
        ph = phases(xpad, sw)
        y3 = rows(y)
        tmp = xp.empty((b, oh, ow * c), dtype=y.dtype)
        wt = xp.tile(w, (1, 1, ow))                                      # [kh, kw, ow * C]
        for n, (i, j, i0, j0) in enumerate(dw_taps((kh, kw), dilations)):
            src = tap(ph, i0, j0, oh, ow, sh, sw)
            if src.ndim == 3 and y3 is not None:
                wij, dst, t = wt[i, j], y3, tmp
            else:
                wij, dst, t = w[i, j], y, tmp.reshape(y.shape)
            if n == 0:
                xp.multiply(src, wij, out=dst)
            else:
                xp.multiply(src, wij, out=t)
                dst += t
        y += 0.0  # -0.0 (all products -0) -> +0.0, as a dot product started at 0

    def dw_forward(x: Any, f: Any, strides: Sequence[int], pad: Any,
                   dilations: Sequence[int], epilogue: Callable[[Any], Any] | None = None
                   ) -> Any:
        """Depthwise convolution, ``f`` ``[kh, kw, C, M]``, float32/float64.

        Many channels (``C * M >= 64``): one ``einsum`` over the windows view (inner loop over
        the channels, each output written once). Few channels: ``kh * kw`` shifted
        multiply-adds on rows tiled along the width (long inner loops). Large outputs are split
        by batch or by output rows across threads, and ``epilogue`` (bias/activation in
        place) runs on each part while it is still in cache."""
        kh, kw, c, m = f.shape
        b = x.shape[0]
        oh, ow = out_size(x.shape[1:-1], (kh, kw), strides, pad, dilations)
        sh, sw = strides
        dh, dw_ = dilations
        y = xp.empty((b, oh, ow, c * m), dtype=x.dtype)
        if y.size == 0:
            return y
        if kh * kw == 0:
            y[...] = 0
            if epilogue is not None:
                epilogue(y)
            return y
        einsum = c * m >= 64 or m > 1
        w5 = f if m > 1 else f.reshape(kh, kw, c)
        y5 = y.reshape(b, oh, ow, c, m) if m > 1 else y
        spec = "bhwijc,ijcm->bhwcm" if m > 1 else "bhwijc,ijc->bhwc"

        def part(xpad: Any, b0: int, b1: int, r0: int, r1: int) -> None:
            """Output images ``b0:b1``, rows ``r0:r1``, from ``xpad`` (those images padded)."""
            if einsum:
                st = xpad.strides
                win = as_strided(xpad, (xpad.shape[0], oh, ow, kh, kw, c),
                                 (st[0], st[1] * sh, st[2] * sw, st[1] * dh, st[2] * dw_, st[3]))
                xp.einsum(spec, win[:, r0:r1], w5, out=y5[b0:b1, r0:r1])
            else:
                src = xpad[:, r0 * sh:(r1 - 1) * sh + (kh - 1) * dh + 1]
                dw_taps_into(src, w5, strides, dilations, y[b0:b1, r0:r1])
            if epilogue is not None:
                epilogue(y[b0:b1, r0:r1])

        def images(lo: int, hi: int) -> None:
            """Images ``lo:hi`` in groups of at most DW_GROUP_BYTES of padded input: the padded
            copy and the per-tap temporaries stay bounded (and nearer the cache)."""
            padded = x[0].size * x.dtype.itemsize * 2
            step = max(1, DW_GROUP_BYTES // max(padded, 1))
            for b0 in range(lo, hi, step):
                b1 = min(hi, b0 + step)
                part(pad_input(x[b0:b1], pad), b0, b1, 0, oh)

        threads = threads_for(xp, y.size * kh * kw)
        if threads > 1 and b >= threads:
            parallel_range(b, images, threads)
        elif threads > 1 and oh > 1:
            xpad = pad_input(x, pad)
            parallel_range(oh, lambda lo, hi: part(xpad, 0, b, lo, hi), threads)
        else:
            images(0, b)
        return y

    def scatter_taps(part: Callable[..., Any], in_shape: Sequence[int], k_sp: Sequence[int],
                     out_sp: Sequence[int], strides: Sequence[int], pad: Any,
                     dilations: Sequence[int], dtype: Any) -> Any:
        """2-D col2im: adds ``part(i, j)`` (``[b, oh, ow, c]``, or its ``[b, oh, ow * c]``
        rows) to the input cells tap ``(i, j)`` read; returns ``[b, h, w, c]``."""
        b, c = in_shape[0], in_shape[-1]
        (oh, ow), (sh, sw) = out_sp, strides
        in_sp = tuple(in_shape[1:-1])
        hp, wp = [n + max(p0, 0) + max(p1, 0) for n, (p0, p1) in zip(in_sp, pad)]
        acc = [xp.zeros((b, hp, (wp - p + sw - 1) // sw, c), dtype=dtype) for p in range(sw)]
        for i, j, i0, j0 in dw_taps(k_sp, dilations):
            dst = tap(acc, i0, j0, oh, ow, sh, sw)
            src = part(i, j)
            if dst.ndim == 3 and src.ndim == 4:
                src = src.reshape(dst.shape)
            elif dst.ndim == 4 and src.ndim == 3:
                src = src.reshape(dst.shape)
            dst += src
        if sw == 1:
            full = acc[0]
        else:
            full = xp.empty((b, hp, wp, c), dtype=dtype)
            for p in range(sw):
                full[:, :, p::sw, :] = acc[p]
        (p0, _), (q0, _) = pad
        p0, q0 = max(p0, 0), max(q0, 0)
        if (p0, q0) == (0, 0) and (hp, wp) == in_sp:
            return full
        return xp.ascontiguousarray(full[:, p0:p0 + in_sp[0], q0:q0 + in_sp[1], :])

    def dw_backprop_input(dy: Any, w: Any, in_shape: Sequence[int], strides: Sequence[int],
                          pad: Any, dilations: Sequence[int]) -> Any:
        kh, kw, c = w.shape
        b, oh, ow = dy.shape[:3]
        if dy.size == 0 or kh * kw == 0 or _rows(in_shape) == 0:
            return xp.zeros(tuple(in_shape), dtype=dy.dtype)
        dy3 = rows(xp.ascontiguousarray(dy))
        tmp = xp.empty(dy3.shape, dtype=dy.dtype)
        wt = xp.tile(w, (1, 1, ow))

        def part(i: int, j: int) -> Any:
            return xp.multiply(dy3, wt[i, j], out=tmp)

        return scatter_taps(part, in_shape, (kh, kw), (oh, ow), strides, pad, dilations,
                            dy.dtype)

    def dw_backprop_filter(x: Any, dy: Any, k_sp: Sequence[int], strides: Sequence[int],
                           pad: Any, dilations: Sequence[int]) -> Any:
        kh, kw = k_sp
        b, oh, ow, c = dy.shape
        sh, sw = strides
        dw = xp.zeros((kh, kw, c), dtype=x.dtype)
        n = b * oh * ow
        if n == 0 or c == 0 or kh * kw == 0:
            return dw
        ph = phases(pad_input(x, pad), sw)
        dyc = xp.ascontiguousarray(dy)
        dy3 = rows(dyc)
        tmp = xp.empty(dy.shape, dtype=x.dtype)
        tmp3 = rows(tmp)
        ones = xp.ones(n, dtype=x.dtype)
        for i, j, i0, j0 in dw_taps((kh, kw), dilations):
            src = tap(ph, i0, j0, oh, ow, sh, sw)
            if src.ndim == 3:
                xp.multiply(src, dy3, out=tmp3)
            else:
                xp.multiply(src, dyc, out=tmp)
            dw[i, j] = xp.matmul(ones, tmp.reshape(n, c))                # BLAS column sums
        return dw

    def depthwise(x: Any, f: Any, *, strides: Sequence[int], pad: Any,
                  dilations: Sequence[int], epilogue: Callable[[Any], Any] | None = None
                  ) -> Any:
        kh, kw, c, m = f.shape
        if fast_dtype(x, f):
            with quiet(xp):
                return dw_forward(x, f, strides, pad, dilations, epilogue)
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
        if fast_dtype(dy, f):
            with quiet(xp):
                if m == 1:
                    return dw_backprop_input(dy, f.reshape(kh, kw, c), input_shape, strides,
                                             pad, dilations)
                shape_m = (*tuple(input_shape)[:-1], c * m)
                dxm = dw_backprop_input(dy, f.reshape(kh, kw, c * m), shape_m, strides, pad,
                                        dilations)
                return dxm.reshape(*shape_m[:-1], c, m).sum(axis=-1)
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
        if fast_dtype(x, dy):
            with quiet(xp):
                xm = x if m == 1 else xp.repeat(x, m, axis=-1)
                return dw_backprop_filter(xm, dy, (kh, kw), strides, pad,
                                          dilations).reshape(kh, kw, c, m)
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

    def make_epilogue(bias: Any, activation: str, dtype: Any, out_shape: Sequence[int]
                      ) -> Callable[[Any], None] | None:
        """Bias and a relu/relu6/linear activation applied in place on (a part of) a fresh
        float output of shape ``out_shape``; None where in place would change the result."""
        if activation not in ("linear", "relu", "relu6") or xp.dtype(dtype).kind != "f":
            return None
        nd = len(out_shape)
        if bias is not None:
            if bias.ndim > nd or any(bd not in (1, yd) for bd, yd in
                                     zip(bias.shape[::-1], tuple(out_shape)[::-1])) or \
                    xp.result_type(xp.dtype(dtype), bias) != dtype:
                return None
            per_channel = bias.shape == tuple(out_shape)[-1:] and nd == 4 and out_shape[-1] > 0
            if not per_channel and bias.ndim > 1:
                return None  # only per-channel or scalar biases split by rows
            tiled_bias = xp.tile(bias, out_shape[2]) if per_channel else None

        def run(y: Any) -> None:
            if y.size == 0:
                return
            if bias is not None:
                if tiled_bias is not None:
                    # rows tiled along the width: long inner loops for few channels
                    y3 = y.reshape(y.shape[0], y.shape[1], y.shape[2] * y.shape[3]) \
                        if y.flags.c_contiguous else y
                    xp.add(y3, tiled_bias if y3.ndim == 3 else bias, out=y3)
                else:
                    xp.add(y, bias, out=y)
            if activation in ("relu", "relu6"):
                # NumPy's fast clip loop, then -0.0 -> +0.0 as TF.js (see Relu in basic_math)
                xp.clip(y, 0, xp.inf if activation == "relu" else 6, out=y)
                y += 0.0
        return run

    def epilogue_in_place(y: Any, bias: Any, activation: str) -> bool:
        """Runs :func:`make_epilogue` on ``y`` (a fresh contiguous float array the kernel owns),
        split by rows across threads when large; False (``y`` untouched) where it can't."""
        if not y.flags.c_contiguous or not y.flags.writeable:
            return False
        run = make_epilogue(bias, activation, y.dtype, y.shape)
        if run is None:
            return False
        if activation == "linear" and bias is None:
            return True
        with quiet(xp):
            threads = threads_for(xp, y.size * 2)
            if threads > 1 and y.ndim >= 2 and y.shape[0] >= threads:
                parallel_range(y.shape[0], lambda lo, hi: run(y[lo:hi]), threads)
            elif threads > 1 and y.ndim >= 3 and y.shape[1] > 1:
                parallel_range(y.shape[1], lambda lo, hi: run(y[:, lo:hi]), threads)
            else:
                run(y)
        return True

    def fused(base: Callable[..., Any], fresh: bool = False, in_kernel: bool = False
              ) -> Callable[..., Any]:
        """``fresh``: ``base`` always returns a new array (so bias and activation may run in
        place on it); ``in_kernel``: ``base`` takes an ``epilogue`` and applies it per part."""
        def kernel(x: Any, f: Any, *extra: Any, activation: str, leakyrelu_alpha: float,
                   has_bias: bool, has_prelu: bool, **attrs: Any) -> Any:
            it = iter(extra)
            bias = next(it) if has_bias else None
            prelu = next(it) if has_prelu else None
            if in_kernel and fast_dtype(x, f) and (bias is not None or activation != "linear"):
                kh, kw, c, m = f.shape
                oh, ow = out_size(x.shape[1:-1], (kh, kw), attrs["strides"], attrs["pad"],
                                  attrs["dilations"])
                run = make_epilogue(bias, activation, x.dtype, (x.shape[0], oh, ow, c * m))
                if run is not None:
                    return base(x, f, epilogue=run, **attrs)
            y = base(x, f, **attrs)
            if fresh and epilogue_in_place(y, bias, activation):
                return y
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
        "FusedConv2D": fused(conv, fresh=True),
        "FusedDepthwiseConv2D": fused(depthwise, fresh=True, in_kernel=True),
        "_FusedMatMul": fused(bmm),
    }
