"""python kernels: image (resizes and their gradients, CropAndResize, FlipLeftRight,
RotateWithOffset, Transform, NonMaxSuppressionV3/V4/V5).

Also the standard-library helpers that ``backends/xp/image.py`` shares, so both backends use one
definition of the TF.js sampling rules:

- :func:`bilinear_table` / :func:`nearest_table`: per output row (or column) the source indices
  and the interpolation fraction of ``ResizeBilinear`` / ``ResizeNearestNeighbor`` (TF.js cpu
  kernels; computed in double precision as JavaScript does);
- :func:`js_round` (``Math.round``: halves go up), :func:`map_coord` (the ``Transform`` fill
  modes);
- :func:`non_max_suppression`: TF.js's greedy (soft-)NMS, candidate order and tie rules
  included. NMS is sequential by nature; TF.js runs it on the host for every backend, and so
  does pytfjs.

Attrs (all validated by ``ops/image.py``): resizes ``size=(h, w)``, ``align_corners``,
``half_pixel_centers``; their gradients take ``(dy, images)`` like TF's ``ResizeBilinearGrad``.
"""
from __future__ import annotations

import bisect
import math
from array import array
from typing import Any, Callable, Sequence

from ._util import NAN, PyArray, new, size_of


# ------------------------------------------------------------------------------ shared helpers
def js_round(v: float) -> float:
    """JavaScript ``Math.round``: the nearest integer, halves toward +Inf (NaN stays NaN)."""
    return math.floor(v + 0.5) if v == v and v not in (math.inf, -math.inf) else v


def resize_scale(in_size: int, out_size: int, align_corners: bool) -> float:
    """The source step per output pixel (TF.js ``effectiveInputSize / effectiveOutputSize``)."""
    if align_corners and out_size > 1:
        return (in_size - 1) / (out_size - 1)
    return in_size / out_size if out_size else 0.0


def bilinear_table(in_size: int, out_size: int, align_corners: bool,
                   half_pixel_centers: bool) -> tuple[list[int], list[int], list[float]]:
    """(low index, high index, fraction) per output position of a bilinear resize: the value is
    ``v[low] + (v[high] - v[low]) * fraction``. Indices are -1 for an empty input (the result
    is NaN there, as TF.js reads past the end)."""
    scale = resize_scale(in_size, out_size, align_corners)
    lo, hi, frac = [], [], []
    for r in range(out_size):
        src = scale * (r + 0.5) - 0.5 if half_pixel_centers else scale * r
        f = max(0, math.floor(src))
        c = min(in_size - 1, math.ceil(src))
        if in_size == 0:
            f = c = -1
        lo.append(f)
        hi.append(c)
        frac.append(src - f)
    return lo, hi, frac


def nearest_table(in_size: int, out_size: int, align_corners: bool,
                  half_pixel_centers: bool) -> list[int]:
    """The source index per output position of a nearest-neighbor resize (-1: empty input)."""
    scale = resize_scale(in_size, out_size, align_corners)
    out = []
    for r in range(out_size):
        src = scale * (r + 0.5) if half_pixel_centers else scale * r
        i = min(in_size - 1, int(js_round(src) if align_corners else math.floor(src)))
        if half_pixel_centers:
            i = max(0, i)
        out.append(-1 if in_size == 0 else i)
    return out


def map_coord(v: float, n: int, mode: str) -> float:
    """TF.js/TF ``Transform`` fill modes: where an output coordinate ``v`` reads from an input
    axis of length ``n`` (``constant`` leaves it; the reader fills outside values). As in
    JavaScript, ``reflect``/``wrap`` of an infinite coordinate give NaN."""
    if mode in ("reflect", "wrap") and math.isinf(v) and n > 1:
        return NAN
    if mode == "reflect":
        if v < 0:
            if n <= 1:
                v = 0.0
            else:
                sz2 = 2 * n
                if v < sz2:
                    v = sz2 * math.trunc(-v / sz2) + v
                v = v + sz2 if v < -n else -v - 1
        elif v > n - 1:
            if n <= 1:
                v = 0.0
            else:
                sz2 = 2 * n
                v -= sz2 * math.trunc(v / sz2)
                if v >= n:
                    v = sz2 - v - 1
        return min(max(v, 0), n - 1)
    if mode == "wrap":
        if v < 0:
            if n <= 1:
                v = 0.0
            else:
                v += n * (math.trunc(-v / (n - 1)) + 1)
        elif v > n - 1:
            if n <= 1:
                v = 0.0
            else:
                v -= n * math.trunc(v / (n - 1))
        return min(max(v, 0), n - 1)
    if mode == "nearest":
        return min(max(v, 0), n - 1)
    return v


def _jmin(a: float, b: float) -> float:
    """JavaScript's ``Math.min``: NaN when either is NaN (Python's ``min`` keeps the other)."""
    return a if (a <= b or a != a) else b


def _jmax(a: float, b: float) -> float:
    """JavaScript's ``Math.max``: NaN when either is NaN."""
    return a if (a >= b or a != a) else b


def _iou(b: Sequence[float], i: int, j: int) -> float:
    """TF.js's ``intersectionOverUnion`` (``Math.min``/``Math.max``, so NaN coordinates give a
    NaN IoU, which suppresses nothing)."""
    yi0, xi0, yi1, xi1 = b[4 * i:4 * i + 4]
    yj0, xj0, yj1, xj1 = b[4 * j:4 * j + 4]
    ymin_i, xmin_i, ymax_i, xmax_i = _jmin(yi0, yi1), _jmin(xi0, xi1), _jmax(yi0, yi1), \
        _jmax(xi0, xi1)
    ymin_j, xmin_j, ymax_j, xmax_j = _jmin(yj0, yj1), _jmin(xj0, xj1), _jmax(yj0, yj1), \
        _jmax(xj0, xj1)
    area_i = (ymax_i - ymin_i) * (xmax_i - xmin_i)
    area_j = (ymax_j - ymin_j) * (xmax_j - xmin_j)
    if area_i <= 0 or area_j <= 0:
        return 0.0
    inter = (_jmax(_jmin(ymax_i, ymax_j) - _jmax(ymin_i, ymin_j), 0.0)
             * _jmax(_jmin(xmax_i, xmax_j) - _jmax(xmin_i, xmin_j), 0.0))
    try:
        return inter / (area_i + area_j - inter)
    except ZeroDivisionError:
        return NAN


def non_max_suppression(boxes: Sequence[float], scores: Sequence[float], max_output_size: int,
                        iou_threshold: float, score_threshold: float,
                        soft_nms_sigma: float = 0.0) -> tuple[list[int], list[float]]:
    """TF.js ``nonMaxSuppressionImpl_`` on flat host values: greedy selection by score (ties:
    the smaller box index first); a candidate overlapping a selected box with IoU >=
    ``iou_threshold`` is dropped; with ``soft_nms_sigma > 0`` smaller overlaps decay its score
    by ``exp(-0.5 * iou**2 / sigma)`` and it is re-queued. Returns (indices, scores)."""
    scale = -0.5 / soft_nms_sigma if soft_nms_sigma > 0 else 0.0
    # ascending by (score, -index): pop() takes the best score, the smaller index on ties
    cands = sorted(((s, -i, 0) for i, s in enumerate(scores) if s > score_threshold))
    sel: list[int] = []
    sel_scores: list[float] = []
    while len(sel) < max_output_size and cands:
        score, neg_i, begin = cands.pop()
        original, i = score, -neg_i
        if original < score_threshold:
            break
        ignore = False
        for j in range(len(sel) - 1, begin - 1, -1):
            iou = _iou(boxes, i, sel[j])
            if iou >= iou_threshold:
                ignore = True
                break
            score *= math.exp(scale * iou * iou) if iou <= iou_threshold else 0.0
            if score <= score_threshold:
                break
        if not ignore:
            if score == original:
                sel.append(i)
                sel_scores.append(score)
            elif score > score_threshold:
                bisect.insort(cands, (score, neg_i, len(sel)))
    return sel, sel_scores


# ------------------------------------------------------------------------------ kernels
def _fdt(x: PyArray) -> str:
    """The float result dtype: float64 stays float64 (gradient checks), else float32."""
    return "float64" if x.dtype == "float64" else "float32"


def _float_values(x: PyArray) -> Any:
    return x.data if x.dtype == "float32" else array("d", x.data)


def resize_bilinear(images: PyArray, *, size: Sequence[int], align_corners: bool = False,
                    half_pixel_centers: bool = False) -> PyArray:
    b, h, w, c = images.shape
    nh, nw = size
    rl, rh, rf = bilinear_table(h, nh, align_corners, half_pixel_centers)
    cl, chi, cf = bilinear_table(w, nw, align_corners, half_pixel_centers)
    d = _float_values(images)
    out = array("d")
    if h == 0 or w == 0:
        return new(_fdt(images), [NAN] * (b * nh * nw * c), (b, nh, nw, c))
    for bi in range(b):
        base = bi * h * w * c
        for r in range(nh):
            top, bot, fr = base + rl[r] * w * c, base + rh[r] * w * c, rf[r]
            for col in range(nw):
                lo, hi, fc = cl[col] * c, chi[col] * c, cf[col]
                for k in range(c):
                    tl, tr = d[top + lo + k], d[top + hi + k]
                    bl, br = d[bot + lo + k], d[bot + hi + k]
                    t = tl + (tr - tl) * fc
                    bt = bl + (br - bl) * fc
                    out.append(t + (bt - t) * fr)
    return new(_fdt(images), out, (b, nh, nw, c))


def _scatter_axis(vals: list, shape: tuple, axis: int, n: int,
                  contrib: Sequence[Sequence[tuple[int, float]]]) -> tuple[list, tuple]:
    """Transposed 1-D interpolation along ``axis``: output position ``p`` of the forward pass
    adds ``weight * vals[p]`` to input position ``idx`` for each ``(idx, weight)`` in
    ``contrib[p]``. Returns the new flat values and shape (``axis`` has length ``n``)."""
    outer = size_of(shape[:axis])
    m = shape[axis]
    inner = size_of(shape[axis + 1:])
    res = [0.0] * (outer * n * inner)
    for o in range(outer):
        src0 = o * m * inner
        dst0 = o * n * inner
        for p in range(m):
            s = src0 + p * inner
            for idx, wt in contrib[p]:
                if wt == 0:
                    continue
                dd = dst0 + idx * inner
                for k in range(inner):
                    res[dd + k] += vals[s + k] * wt
    new_shape = shape[:axis] + (n,) + shape[axis + 1:]
    return res, new_shape


def resize_bilinear_grad(dy: PyArray, images: PyArray, *, align_corners: bool = False,
                         half_pixel_centers: bool = False, **_: Any) -> PyArray:
    b, h, w, c = images.shape
    _, nh, nw, _ = dy.shape
    if h == 0 or w == 0:
        return new(_fdt(dy), [], images.shape)
    rl, rh, rf = bilinear_table(h, nh, align_corners, half_pixel_centers)
    cl, chi, cf = bilinear_table(w, nw, align_corners, half_pixel_centers)
    rows = [((lo, 1.0 - f), (hi, f)) for lo, hi, f in zip(rl, rh, rf)]
    cols = [((lo, 1.0 - f), (hi, f)) for lo, hi, f in zip(cl, chi, cf)]
    vals, shape = _scatter_axis(list(dy.data), dy.shape, 1, h, rows)
    vals, shape = _scatter_axis(vals, shape, 2, w, cols)
    return new(_fdt(dy), vals, shape)


def resize_nearest_neighbor(images: PyArray, *, size: Sequence[int], align_corners: bool = False,
                            half_pixel_centers: bool = False) -> PyArray:
    b, h, w, c = images.shape
    nh, nw = size
    if h == 0 or w == 0:
        return new(images.dtype, [NAN] * (b * nh * nw * c), (b, nh, nw, c))
    ri = nearest_table(h, nh, align_corners, half_pixel_centers)
    ci = nearest_table(w, nw, align_corners, half_pixel_centers)
    idx = [bi * h * w * c + r * w * c + col * c + k
           for bi in range(b) for r in ri for col in ci for k in range(c)]
    d = images.data
    return PyArray(array(d.typecode, map(d.__getitem__, idx)), (b, nh, nw, c), images.dtype)


def resize_nearest_neighbor_grad(dy: PyArray, images: PyArray, *, align_corners: bool = False,
                                 half_pixel_centers: bool = False, **_: Any) -> PyArray:
    b, h, w, c = images.shape
    _, nh, nw, _ = dy.shape
    if h == 0 or w == 0:
        return new(dy.dtype, [], images.shape)
    ri = nearest_table(h, nh, align_corners, half_pixel_centers)
    ci = nearest_table(w, nw, align_corners, half_pixel_centers)
    vals, shape = _scatter_axis(list(dy.data), dy.shape, 1, h, [((i, 1.0),) for i in ri])
    vals, shape = _scatter_axis(vals, shape, 2, w, [((i, 1.0),) for i in ci])
    return new(dy.dtype, vals, shape)


def crop_and_resize(image: PyArray, boxes: PyArray, box_ind: PyArray, *, crop_size: Sequence[int],
                    method: str = "bilinear", extrapolation_value: float = 0.0) -> PyArray:
    batch, ih, iw, c = image.shape
    n = boxes.shape[0]
    ch, cw = crop_size
    img = image.data
    bx = boxes.data
    out = [0.0] * (n * ch * cw * c)
    sy, sx, sb = iw * c, c, ih * iw * c
    for bi in range(n):
        y1, x1, y2, x2 = bx[4 * bi:4 * bi + 4]
        ind = box_ind.data[bi]
        if ind < 0 or ind >= batch:
            continue  # out-of-range boxes stay 0 (TF.js skips indices >= batch)
        hs = (y2 - y1) * (ih - 1) / (ch - 1) if ch > 1 else 0.0
        ws = (x2 - x1) * (iw - 1) / (cw - 1) if cw > 1 else 0.0
        for y in range(ch):
            yv = y1 * (ih - 1) + y * hs if ch > 1 else 0.5 * (y1 + y2) * (ih - 1)
            row0 = ((bi * ch + y) * cw) * c
            if yv < 0 or yv > ih - 1:
                for k in range(cw * c):
                    out[row0 + k] = extrapolation_value
                continue
            for x in range(cw):
                xv = x1 * (iw - 1) + x * ws if cw > 1 else 0.5 * (x1 + x2) * (iw - 1)
                o = row0 + x * c
                if xv < 0 or xv > iw - 1:
                    for k in range(c):
                        out[o + k] = extrapolation_value
                    continue
                if yv != yv or xv != xv:
                    for k in range(c):
                        out[o + k] = NAN
                    continue
                base = ind * sb
                if method == "bilinear":
                    t, bo = math.floor(yv), math.ceil(yv)
                    le, ri = math.floor(xv), math.ceil(xv)
                    fy, fx = yv - t, xv - le
                    for k in range(c):
                        tl = img[base + t * sy + le * sx + k]
                        tr = img[base + t * sy + ri * sx + k]
                        bl = img[base + bo * sy + le * sx + k]
                        br = img[base + bo * sy + ri * sx + k]
                        top = tl + (tr - tl) * fx
                        bot = bl + (br - bl) * fx
                        out[o + k] = top + (bot - top) * fy
                else:
                    yy, xx = int(js_round(yv)), int(js_round(xv))
                    for k in range(c):
                        out[o + k] = img[base + yy * sy + xx * sx + k]
    return new(_fdt(image), out, (n, ch, cw, c))


def flip_left_right(image: PyArray) -> PyArray:
    b, h, w, c = image.shape
    idx = [((bh * w) + (w - 1 - x)) * c + k for bh in range(b * h) for x in range(w)
           for k in range(c)]
    d = image.data
    return PyArray(array(d.typecode, map(d.__getitem__, idx)), image.shape, image.dtype)


def rotation_params(shape: tuple, radians: float, fill_value: Any,
                    center: Any) -> tuple[float, float, list[float], float, float]:
    """RotateWithOffset's centre (cx, cy), per-channel fill values (TF.js fills alpha with 255)
    and sin/cos: shared by the python and xp kernels."""
    _, h, w, c = shape
    cx = w * (center if isinstance(center, (int, float)) else center[0])
    cy = h * (center if isinstance(center, (int, float)) else center[1])
    if isinstance(fill_value, (int, float)):
        fills = [float(fill_value)] * c
    else:
        fills = [255.0 if k == 3 else (float(fill_value[k]) if k < len(fill_value) else NAN)
                 for k in range(c)]
    return cx, cy, fills, math.sin(radians), math.cos(radians)


def rotate_with_offset(image: PyArray, *, radians: float, fill_value: Any = 0,
                       center: Any = 0.5) -> PyArray:
    b, h, w, c = image.shape
    cx, cy, fills, sin, cos = rotation_params(image.shape, radians, fill_value, center)
    d = image.data
    out = []
    for bi in range(b):
        base = bi * h * w * c
        for y in range(h):
            for x in range(w):
                sxf = js_round((x - cx) * cos - (y - cy) * sin + cx)
                syf = js_round((x - cx) * sin + (y - cy) * cos + cy)
                if 0 <= sxf < w and 0 <= syf < h:
                    o = base + (int(syf) * w + int(sxf)) * c
                    out.extend(d[o:o + c])
                else:
                    out.extend(fills)
    return new(_fdt(image), out, image.shape)


def transform(image: PyArray, transforms: PyArray, *, interpolation: str = "nearest",
              fill_mode: str = "constant", fill_value: float = 0.0,
              output_shape: Sequence[int] | None = None) -> PyArray:
    b, h, w, c = image.shape
    oh, ow = output_shape if output_shape is not None else (h, w)
    d = image.data
    t_all = transforms.data
    fill = float(fill_value)
    out = [fill] * (b * oh * ow * c)

    def read(bi: int, y: float, x: float, k: int) -> float:
        if 0 <= y < h and 0 <= x < w:
            return d[((bi * h + int(y)) * w + int(x)) * c + k]
        return fill

    for bi in range(b):
        t = t_all[0:8] if transforms.shape[0] == 1 else t_all[8 * bi:8 * bi + 8]
        for oy in range(oh):
            for ox in range(ow):
                proj = t[6] * ox + t[7] * oy + 1
                if proj == 0:
                    continue
                x = map_coord((t[0] * ox + t[1] * oy + t[2]) / proj, w, fill_mode)
                y = map_coord((t[3] * ox + t[4] * oy + t[5]) / proj, h, fill_mode)
                o = ((bi * oh + oy) * ow + ox) * c
                for k in range(c):
                    if interpolation == "nearest":
                        out[o + k] = read(bi, js_round(y), js_round(x), k)
                    else:
                        if not (math.isfinite(x) and math.isfinite(y)):
                            out[o + k] = NAN  # JS: (Inf - Inf) or NaN weights
                            continue
                        yf, xf = math.floor(y), math.floor(x)
                        y0 = (xf + 1 - x) * read(bi, yf, xf, k) + (x - xf) * read(bi, yf, xf + 1, k)
                        y1 = (xf + 1 - x) * read(bi, yf + 1, xf, k) + (x - xf) * read(bi, yf + 1, xf + 1, k)
                        out[o + k] = (yf + 1 - y) * y0 + (y - yf) * y1
    return new(_fdt(image), out, (b, oh, ow, c))


def _nms_inputs(boxes: PyArray, scores: PyArray) -> tuple[list, list]:
    return list(boxes.data), list(scores.data)


def nms_v3(boxes: PyArray, scores: PyArray, *, max_output_size: int, iou_threshold: float,
           score_threshold: float) -> PyArray:
    sel, _ = non_max_suppression(*_nms_inputs(boxes, scores), max_output_size, iou_threshold,
                                 score_threshold)
    return new("int32", sel, (len(sel),))


def nms_v4(boxes: PyArray, scores: PyArray, *, max_output_size: int, iou_threshold: float,
           score_threshold: float, pad_to_max_output_size: bool = False) -> tuple:
    sel, _ = non_max_suppression(*_nms_inputs(boxes, scores), max_output_size, iou_threshold,
                                 score_threshold)
    valid = len(sel)
    if pad_to_max_output_size and max_output_size > valid:
        sel = sel + [0] * (max_output_size - valid)
    return new("int32", sel, (len(sel),)), new("int32", [valid], ())


def nms_v5(boxes: PyArray, scores: PyArray, *, max_output_size: int, iou_threshold: float,
           score_threshold: float, soft_nms_sigma: float = 0.0) -> tuple:
    sel, sc = non_max_suppression(*_nms_inputs(boxes, scores), max_output_size, iou_threshold,
                                  score_threshold, soft_nms_sigma)
    return new("int32", sel, (len(sel),)), new("float32", sc, (len(sc),))


def kernels() -> dict[str, Callable[..., Any]]:
    return {"ResizeBilinear": resize_bilinear, "ResizeBilinearGrad": resize_bilinear_grad,
            "ResizeNearestNeighbor": resize_nearest_neighbor,
            "ResizeNearestNeighborGrad": resize_nearest_neighbor_grad,
            "CropAndResize": crop_and_resize, "FlipLeftRight": flip_left_right,
            "RotateWithOffset": rotate_with_offset, "Transform": transform,
            "NonMaxSuppressionV3": nms_v3, "NonMaxSuppressionV4": nms_v4,
            "NonMaxSuppressionV5": nms_v5}
