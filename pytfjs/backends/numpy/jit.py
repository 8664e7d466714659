"""Compiled CPU kernels through Numba (optional: ``pip install 'pytfjs[jit]'``).

NumPy runs one loop per ufunc call over whole arrays: a 3x3 depthwise convolution is 17 passes
over the output, and bias + relu6 after a convolution are three more. With Numba installed, the
numpy backend runs these kernels as single compiled loops instead (same results within float
rounding), each part of the output on one of pytfjs's kernel threads (the loops release the
GIL):

* ``DepthwiseConv2dNative`` / ``FusedDepthwiseConv2D`` (float32/float64, any kernel size,
  strides, dilations, padding, depth multiplier): one pass, the padding handled by bounds
  (no padded copy), bias and relu/relu6 applied while the row is in registers;
* the bias + relu/relu6 epilogue of ``FusedConv2D`` / ``_FusedMatMul`` outputs: one pass;
* ``FusedBatchNorm`` at inference (``x * s + t`` per channel), ``Relu``, ``Relu6``: one pass;
* ``MaxPoolGrad`` (2-D): one scan per window, the gradient added at the chosen cell;
* hard non-max suppression (``NonMaxSuppressionV3/V4``): the greedy loop compiled;
* ``ResizeBilinear``: one pass, the same float64 arithmetic as the NumPy kernel.

Compiled code is cached on disk (Numba's cache next to this file, or its user-wide cache where
that is read-only), so only the first process pays the compilation (~1 s per kernel and dtype).
``PYTFJS_JIT=0`` turns the compiled kernels off; without Numba the NumPy kernels run.
"""
from __future__ import annotations

import logging
import os
import threading
from typing import Any, Callable

log = logging.getLogger("pytfjs")

ACT_CODES = {"linear": 0, "relu": 1, "relu6": 2}

_state: dict[str, Any] = {}
_lock = threading.Lock()


def enabled() -> bool:
    return os.environ.get("PYTFJS_JIT", "1") != "0"


def get() -> Any:
    """The compiled kernels (a namespace of functions), or None where Numba is unavailable
    or turned off. Imports Numba on first use only."""
    if "k" in _state:
        return _state["k"]
    with _lock:
        if "k" not in _state:
            _state["k"] = _load()
    return _state["k"]


def _load() -> Any:
    k = None
    if enabled():
        try:
            k = _build()
        except ImportError:
            k = None
        except Exception as e:  # noqa: BLE001 - a broken Numba install must not break pytfjs
            log.warning("pytfjs: Numba kernels unavailable (%s: %s); using NumPy kernels",
                        type(e).__name__, e)
            k = None
    return k


def _build() -> Any:
    from . import _numba_kernels
    return _numba_kernels


def make_kernels(base: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Numba versions of some of ``base``'s kernels (the NumPy xp kernels), each falling back
    to ``base``'s where Numba is unavailable or the inputs are outside its fast path."""
    import numpy as np

    from ..xp._threads import parallel_range, threads_for

    fdt = (np.float32, np.float64)

    def run_rows(fn: Callable[[int, int], Any], rows: int, work: int) -> None:
        threads = threads_for(np, work)
        parallel_range(rows, fn, threads) if threads > 1 and rows > 1 else fn(0, rows)

    def out_size(n: int, k: int, s: int, p0: int, p1: int, d: int) -> int:
        return max(0, (n + p0 + p1 - (k - 1) * d - 1) // s + 1)

    def dw_fast(x: Any, f: Any, bias: Any, act: int, strides: Any, pad: Any,
                dilations: Any) -> Any:
        k = get()
        if k is None or x.ndim != 4 or f.ndim != 4 or x.dtype not in fdt or \
                f.dtype != x.dtype or (bias is not None and (
                    bias.dtype != x.dtype or bias.shape != (f.shape[2] * f.shape[3],))):
            return None
        kh, kw, c, m = f.shape
        (pt, pb), (pl, pr) = pad
        sh, sw = strides
        dh, dw = dilations
        b, h, w_ = x.shape[:3]
        oh = out_size(h, kh, sh, pt, pb, dh)
        ow = out_size(w_, kw, sw, pl, pr, dw)
        y = np.empty((b, oh, ow, c * m), dtype=x.dtype)
        if y.size == 0:
            return y
        xc = np.ascontiguousarray(x)
        fc = np.ascontiguousarray(f)
        bz = bias if bias is not None else np.empty(0, dtype=x.dtype)
        run_rows(lambda r0, r1: k.depthwise_rows(xc, fc, bz, act, sh, sw, dh, dw, pt, pl,
                                                 y, r0, r1),
                 b * oh, y.size * kh * kw)
        return y

    base_dw = base["DepthwiseConv2dNative"]
    base_fdw = base["FusedDepthwiseConv2D"]
    base_fconv = base["FusedConv2D"]
    base_fmm = base["_FusedMatMul"]
    base_bn = base["FusedBatchNorm"]
    base_relu = base["Relu"]
    base_relu6 = base["Relu6"]
    base_mpg = base["MaxPoolGrad"]
    base_resize = base["ResizeBilinear"]
    base_nms3 = base["NonMaxSuppressionV3"]
    base_nms4 = base["NonMaxSuppressionV4"]

    def depthwise(x: Any, f: Any, *, strides: Any, pad: Any, dilations: Any) -> Any:
        y = dw_fast(x, f, None, 0, strides, pad, dilations)
        return y if y is not None else base_dw(x, f, strides=strides, pad=pad,
                                               dilations=dilations)

    def split_extra(extra: tuple, has_bias: bool, has_prelu: bool) -> tuple[Any, Any]:
        it = iter(extra)
        bias = next(it) if has_bias else None
        prelu = next(it) if has_prelu else None
        return bias, prelu

    def fused_depthwise(x: Any, f: Any, *extra: Any, activation: str, leakyrelu_alpha: float,
                        has_bias: bool, has_prelu: bool, **attrs: Any) -> Any:
        bias, _ = split_extra(extra, has_bias, has_prelu)
        if activation in ACT_CODES and not has_prelu:
            y = dw_fast(x, f, bias, ACT_CODES[activation], attrs["strides"], attrs["pad"],
                        attrs["dilations"])
            if y is not None:
                return y
        return base_fdw(x, f, *extra, activation=activation, leakyrelu_alpha=leakyrelu_alpha,
                        has_bias=has_bias, has_prelu=has_prelu, **attrs)

    def epilogue_fast(y: Any, bias: Any, act: int) -> Any:
        """``act(y + bias)``, in place on ``y`` (a fresh contiguous array) in one compiled
        pass where it can, else with NumPy kernels."""
        k = get()
        if k is not None and y.flags.c_contiguous and y.flags.writeable and y.ndim >= 1 and \
                y.size and (bias is None or (bias.dtype == y.dtype and
                                             bias.shape == y.shape[-1:])):
            y2 = y.reshape(-1, y.shape[-1])
            bz = bias if bias is not None else np.empty(0, dtype=y.dtype)
            run_rows(lambda r0, r1: k.bias_act_rows(y2, bz, act, r0, r1), y2.shape[0], y.size)
            return y
        if bias is not None:
            y = (y + bias).astype(y.dtype, copy=False)
        return base_relu(y) if act == 1 else base_relu6(y) if act == 2 else y

    def with_epilogue(base_fn: Callable[..., Any]) -> Callable[..., Any]:
        def kernel(x: Any, f: Any, *extra: Any, activation: str, leakyrelu_alpha: float,
                   has_bias: bool, has_prelu: bool, **attrs: Any) -> Any:
            bias, _ = split_extra(extra, has_bias, has_prelu)
            if activation in ACT_CODES and not has_prelu and (has_bias or activation != "linear") \
                    and get() is not None and x.dtype in fdt and f.dtype == x.dtype and \
                    (bias is None or bias.ndim == 1):
                # the product alone (linear, no bias), then the one-pass epilogue
                y = base_fn(x, f, activation="linear", leakyrelu_alpha=leakyrelu_alpha,
                            has_bias=False, has_prelu=False, **attrs)
                if y.dtype == x.dtype and not np.may_share_memory(y, x) and \
                        not np.may_share_memory(y, f):
                    return epilogue_fast(y, bias, ACT_CODES[activation])
            return base_fn(x, f, *extra, activation=activation,
                           leakyrelu_alpha=leakyrelu_alpha, has_bias=has_bias,
                           has_prelu=has_prelu, **attrs)
        return kernel

    def batch_norm(x: Any, mean: Any, variance: Any, *rest: Any,
                   variance_epsilon: float = 0.001, has_offset: bool = False,
                   has_scale: bool = False) -> Any:
        k = get()
        it = iter(rest)
        offset = next(it) if has_offset else None
        scale = next(it) if has_scale else None
        params = [p for p in (mean, variance, offset, scale) if p is not None]
        # rank 4 as the NumPy kernel's x * s + t path (other ranks: (x - mean) * inv + offset)
        if k is not None and x.dtype == np.float32 and x.ndim == 4 and x.size and \
                x.flags.c_contiguous and all(
                    p.dtype == np.float32 and p.shape == x.shape[-1:] for p in params):
            empty = np.empty(0, dtype=np.float32)
            s32, t32 = k.bn_scale_shift(mean, variance, empty if offset is None else offset,
                                        empty if scale is None else scale,
                                        float(variance_epsilon))
            x2 = x.reshape(-1, x.shape[-1])
            out = np.empty(x2.shape, dtype=np.float32)
            run_rows(lambda r0, r1: k.affine_rows(x2, s32, t32, 0, out, r0, r1),
                     x2.shape[0], 2 * x.size)
            return out.reshape(x.shape)
        return base_bn(x, mean, variance, *rest, variance_epsilon=variance_epsilon,
                       has_offset=has_offset, has_scale=has_scale)

    def activation_kernel(base_fn: Callable[..., Any], act: int) -> Callable[..., Any]:
        def kernel(x: Any) -> Any:
            k = get()
            if k is None or x.dtype not in fdt or x.size == 0 or not x.flags.c_contiguous:
                return base_fn(x)
            x2 = x.reshape(-1, x.shape[-1]) if x.ndim >= 2 else x.reshape(1, -1)
            out = np.empty(x2.shape, dtype=x.dtype)
            empty = np.empty(0, dtype=x.dtype)
            run_rows(lambda r0, r1: k.affine_rows(x2, empty, empty, act, out, r0, r1),
                     x2.shape[0], x.size)
            return out.reshape(x.shape)
        return kernel

    def max_pool_grad(dy: Any, x: Any, y: Any, **attrs: Any) -> Any:
        k = get()
        if k is None or x.ndim != 4 or x.dtype not in fdt or dy.dtype != x.dtype or \
                x.size == 0 or dy.size == 0:
            return base_mpg(dy, x, y, **attrs)
        from ...ops.pooling import pool_geometry
        outs, befores = pool_geometry(x.shape[1:3], attrs["filter_size"], attrs["strides"],
                                      attrs["pad"], attrs.get("dim_rounding_mode"))
        if tuple(outs) != dy.shape[1:3]:
            return base_mpg(dy, x, y, **attrs)
        (fh, fw), (sh, sw) = attrs["filter_size"], attrs["strides"]
        dx = np.zeros(x.shape, dtype=x.dtype)
        xc, dyc = np.ascontiguousarray(x), np.ascontiguousarray(dy)
        # split by images only: overlapping windows of one image add into the same cells
        run_rows(lambda b0, b1: k.max_pool_grad_images(xc, dyc, fh, fw, sh, sw, befores[0],
                                                       befores[1], dx, b0, b1),
                 x.shape[0], x.size * 2)
        return dx

    def nms_select(boxes: Any, scores: Any, max_output_size: int, iou_threshold: float,
                   score_threshold: float) -> Any:
        """The selected indices (int32), or None where the NumPy kernel must run."""
        k = get()
        if k is None:
            return None
        from ..xp.image import nms_candidates
        cand = nms_candidates(np, boxes, scores, score_threshold)
        if cand is None:
            return None
        out = np.empty(max(0, min(max_output_size, cand[0].size)), dtype=np.int64)
        if out.size == 0:
            return np.zeros(0, dtype=np.int32)
        count = k.hard_nms_select(*cand, int(max_output_size), float(iou_threshold), out)
        return out[:count].astype(np.int32)

    def nms_v3(boxes: Any, scores: Any, **attrs: Any) -> Any:
        sel = nms_select(boxes, scores, attrs["max_output_size"], attrs["iou_threshold"],
                         attrs["score_threshold"])
        return sel if sel is not None else base_nms3(boxes, scores, **attrs)

    def nms_v4(boxes: Any, scores: Any, **attrs: Any) -> Any:
        sel = nms_select(boxes, scores, attrs["max_output_size"], attrs["iou_threshold"],
                         attrs["score_threshold"])
        if sel is None:
            return base_nms4(boxes, scores, **attrs)
        valid = sel.size
        if attrs.get("pad_to_max_output_size") and attrs["max_output_size"] > valid:
            sel = np.concatenate([sel, np.zeros(attrs["max_output_size"] - valid, np.int32)])
        return sel, np.asarray(valid, dtype=np.int32)

    def resize_bilinear(images: Any, *, size: Any, align_corners: bool = False,
                        half_pixel_centers: bool = False) -> Any:
        k = get()
        if k is None or images.ndim != 4 or 0 in images.shape[1:3] or \
                images.dtype.kind not in "fiu" or images.dtype.itemsize > 8:
            return base_resize(images, size=size, align_corners=align_corners,
                               half_pixel_centers=half_pixel_centers)
        from ..python.image import bilinear_table
        b, h, w, c = images.shape
        nh, nw = size
        rl, rh, rf = bilinear_table(h, nh, align_corners, half_pixel_centers)
        cl, ch, cf = bilinear_table(w, nw, align_corners, half_pixel_centers)
        out = np.empty((b, nh, nw, c), dtype=np.float64 if images.dtype == np.float64
                       else np.float32)
        if out.size == 0:
            return out
        ix = np.ascontiguousarray(images)
        tables = (np.asarray(rl, np.intp), np.asarray(rh, np.intp), np.asarray(rf, np.float64),
                  np.asarray(cl, np.intp), np.asarray(ch, np.intp), np.asarray(cf, np.float64))
        run_rows(lambda r0, r1: k.resize_bilinear_rows(ix, *tables, out, r0, r1), b * nh,
                 out.size * 4)
        return out

    table = {
        "ResizeBilinear": (resize_bilinear, base_resize),
        "NonMaxSuppressionV3": (nms_v3, base_nms3),
        "NonMaxSuppressionV4": (nms_v4, base_nms4),
        "MaxPoolGrad": (max_pool_grad, base_mpg),
        "DepthwiseConv2dNative": (depthwise, base_dw),
        "FusedDepthwiseConv2D": (fused_depthwise, base_fdw),
        "FusedConv2D": (with_epilogue(base_fconv), base_fconv),
        "_FusedMatMul": (with_epilogue(base_fmm), base_fmm),
        "FusedBatchNorm": (batch_norm, base_bn),
        "Relu": (activation_kernel(base_relu, 1), base_relu),
        "Relu6": (activation_kernel(base_relu6, 2), base_relu6),
    }
    return {name: guarded(name, fast, slow) for name, (fast, slow) in table.items()}


def guarded(name: str, fast: Callable[..., Any], slow: Callable[..., Any]) -> Callable[..., Any]:
    """``fast``, but a Numba failure (a signature it cannot compile, a broken install) turns
    the compiled kernels off for the process with one warning and runs the NumPy kernel: a
    speed-up must never become an error."""
    def kernel(*args: Any, **attrs: Any) -> Any:
        if _state.get("k", True) is None:
            return slow(*args, **attrs)
        try:
            return fast(*args, **attrs)
        except Exception as e:  # noqa: BLE001 - only Numba's own errors are swallowed
            if not type(e).__module__.startswith("numba"):
                raise
            log.warning("pytfjs: Numba kernel for %s failed (%s: %s); using NumPy kernels "
                        "from now on", name, type(e).__name__, str(e).splitlines()[0][:200])
            _state["k"] = None
            return slow(*args, **attrs)
    kernel.__name__ = kernel.__qualname__ = f"jit_{name}"
    return kernel
