"""The Numba kernels behind :mod:`pytfjs.backends.numpy.jit` (imported by it on first use
only: importing this module imports Numba). Module-level functions, so Numba's on-disk cache
(``cache=True``) finds them again in the next process."""
from __future__ import annotations

from typing import Any

import numba
import numpy as np

jit = numba.njit(nogil=True, cache=True, fastmath=False, error_model="numpy")


@jit
def act1(v: float, act: int) -> float:
    # relu/relu6 as TF.js: NaN stays NaN, -0.0 -> +0.0
    if act == 2 and v > 6:
        return 6.0
    if act != 0 and (v < 0 or v == 0):
        return 0.0
    return v


@jit
def depthwise_rows(x: Any, w: Any, bias: Any, act: int, sh: int, sw: int, dh: int,
                   dw: int, pt: int, pl: int, y: Any, r0: int, r1: int) -> None:
    """Rows ``r0:r1`` of the flattened ``[batch * out_h]`` output of a depthwise conv:
    ``x`` ``[B, H, W, C]``, ``w`` ``[kh, kw, C, M]``, ``y`` ``[B, OH, OW, C * M]``,
    ``bias`` ``[C * M]`` or empty."""
    h, wd, c = x.shape[1], x.shape[2], x.shape[3]
    kh, kw, m = w.shape[0], w.shape[1], w.shape[3]
    oh, ow, co = y.shape[1], y.shape[2], y.shape[3]
    has_bias = bias.shape[0] == co
    acc = np.empty(co, dtype=y.dtype)
    for r in range(r0, r1):
        b = r // oh
        i = r - b * oh
        for j in range(ow):
            acc[:] = 0
            for p in range(kh):
                ii = i * sh + p * dh - pt
                if ii < 0 or ii >= h:
                    continue
                for q in range(kw):
                    jj = j * sw + q * dw - pl
                    if jj < 0 or jj >= wd:
                        continue
                    if m == 1:
                        for ch in range(c):
                            acc[ch] += x[b, ii, jj, ch] * w[p, q, ch, 0]
                    else:
                        for ch in range(c):
                            xv = x[b, ii, jj, ch]
                            for k in range(m):
                                acc[ch * m + k] += xv * w[p, q, ch, k]
            if has_bias:
                for ch in range(co):
                    y[b, i, j, ch] = act1(acc[ch] + bias[ch], act)
            else:
                for ch in range(co):
                    y[b, i, j, ch] = act1(acc[ch], act)


@jit
def bias_act_rows(y: Any, bias: Any, act: int, r0: int, r1: int) -> None:
    """In place on rows ``r0:r1`` of a 2-D ``y`` ``[R, C]``: ``act(y + bias)``."""
    c = y.shape[1]
    has_bias = bias.shape[0] == c
    for r in range(r0, r1):
        for ch in range(c):
            v = y[r, ch] + bias[ch] if has_bias else y[r, ch]
            y[r, ch] = act1(v, act)


@jit
def affine_rows(x: Any, s: Any, t: Any, act: int, out: Any, r0: int, r1: int) -> None:
    """``out = act(x * s + t)`` on rows ``r0:r1`` of 2-D ``x``/``out`` ``[R, C]``
    (``s``/``t`` ``[C]``); ``s`` empty: ``act(x)``."""
    c = x.shape[1]
    scaled = s.shape[0] == c
    for r in range(r0, r1):
        for ch in range(c):
            v = x[r, ch] * s[ch] + t[ch] if scaled else x[r, ch]
            out[r, ch] = act1(v, act)


@jit
def max_pool_grad_images(x: Any, dy: Any, fh: int, fw: int, sh: int, sw: int, ph: int,
                         pw: int, dx: Any, b0: int, b1: int) -> None:
    """Images ``b0:b1`` of MaxPoolGrad (2-D): each window's gradient goes to its first
    cell equal to the maximum, scanning from -inf with ``>`` (NaN never chosen, a window
    of NaN/-inf gets none), as TF.js; ``dx`` zeroed by the caller."""
    h, w, c = x.shape[1], x.shape[2], x.shape[3]
    oh, ow = dy.shape[1], dy.shape[2]
    best = np.empty(c, dtype=x.dtype)
    pi = np.empty(c, dtype=np.int64)
    pj = np.empty(c, dtype=np.int64)
    for b in range(b0, b1):
        for i in range(oh):
            for j in range(ow):
                best[:] = -np.inf
                pi[:] = -1
                for p in range(fh):
                    ii = i * sh + p - ph
                    if ii < 0 or ii >= h:
                        continue
                    for q in range(fw):
                        jj = j * sw + q - pw
                        if jj < 0 or jj >= w:
                            continue
                        for ch in range(c):
                            v = x[b, ii, jj, ch]
                            if v > best[ch]:
                                best[ch] = v
                                pi[ch] = ii
                                pj[ch] = jj
                for ch in range(c):
                    if pi[ch] >= 0:
                        dx[b, pi[ch], pj[ch], ch] += dy[b, i, j, ch]


@jit
def hard_nms_select(order: Any, y0: Any, x0: Any, y1: Any, x1: Any, area: Any,
                    max_output_size: int, iou_threshold: float, out: Any) -> int:
    """Greedy hard NMS over candidates already in selection order (see
    ``backends/xp/image.py:nms_candidates``); writes the chosen box indices to ``out`` and
    returns how many. The IoU is the same float64 arithmetic as the host loop."""
    n = order.shape[0]
    alive = np.ones(n, dtype=np.bool_)
    count = 0
    for k in range(n):
        if not alive[k]:
            continue
        out[count] = order[k]
        count += 1
        if count >= max_output_size:
            break
        for m in range(k + 1, n):
            if not alive[m]:
                continue
            if area[k] <= 0 or area[m] <= 0:
                iou = 0.0                 # (suppresses where iou_threshold <= 0)
            else:
                ih = min(y1[k], y1[m]) - max(y0[k], y0[m])
                iw = min(x1[k], x1[m]) - max(x0[k], x0[m])
                inter = max(ih, 0.0) * max(iw, 0.0)
                iou = inter / (area[k] + area[m] - inter)
            if iou >= iou_threshold:
                alive[m] = False
    return count


@jit
def resize_bilinear_rows(x: Any, rl: Any, rh: Any, rf: Any, cl: Any, ch: Any, cf: Any, out: Any,
                         r0: int, r1: int) -> None:
    """Rows ``r0:r1`` of the flattened ``[batch * new_h]`` output of a bilinear resize, in
    float64 with the NumPy kernel's operations in its order (``top = tl + (tr - tl) * fc``,
    ``bot`` alike, ``top + (bot - top) * fr``) from the same index/fraction tables."""
    c = x.shape[3]
    nh, nw = out.shape[1], out.shape[2]
    for r in range(r0, r1):
        b = r // nh
        i = r - b * nh
        lo, hi, fr = rl[i], rh[i], rf[i]
        for j in range(nw):
            left, right, fc = cl[j], ch[j], cf[j]
            for k in range(c):
                tl = np.float64(x[b, lo, left, k])
                tr = np.float64(x[b, lo, right, k])
                bl = np.float64(x[b, hi, left, k])
                br = np.float64(x[b, hi, right, k])
                top = tl + (tr - tl) * fc
                bot = bl + (br - bl) * fc
                out[b, i, j, k] = top + (bot - top) * fr


@jit
def bn_scale_shift(mean: Any, variance: Any, offset: Any, scale: Any, eps: float) -> Any:
    """Inference batch norm as ``x * s + t`` per channel: ``s = scale / sqrt(variance + eps)``
    and ``t = offset - mean * s`` in float64 (epsilon added in float64, as TF.js), returned as
    float32; ``offset``/``scale`` empty when absent."""
    c = mean.shape[0]
    s = np.empty(c, dtype=np.float32)
    t = np.empty(c, dtype=np.float32)
    for ch in range(c):
        sv = 1.0 / np.sqrt(np.float64(variance[ch]) + eps)
        if scale.shape[0] == c:
            sv = sv * np.float64(scale[ch])
        tv = -(np.float64(mean[ch]) * sv)
        if offset.shape[0] == c:
            tv = tv + np.float64(offset[ch])
        s[ch] = sv
        t[ch] = tv
    return s, t
