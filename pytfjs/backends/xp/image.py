"""xp kernels: image (ResizeBilinear/ResizeNearestNeighbor and their gradients, CropAndResize,
FlipLeftRight, RotateWithOffset, Transform, NonMaxSuppressionV3/V4/V5).

Vectorised: a resize gathers whole rows, then whole columns, through index/weight tables that
are computed once per call (O(new_height + new_width) host work, shared with the python
backend in ``backends/python/image.py`` so both follow one definition of TF.js's sampling
rules); its gradient is the exact transpose, two scatter-adds along one axis each. Sampling
arithmetic runs in float64, as TF.js's JavaScript does, and results are stored as float32
(``ResizeNearestNeighbor`` keeps int32). NMS is greedy and sequential: the boxes and scores go
to the host, as in every TF.js backend.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from ..python.image import (bilinear_table, nearest_table, non_max_suppression,
                            rotation_params)
from ._common import quiet


def nms_candidates(xp: Any, boxes: Any, scores: Any, score_threshold: float) -> Any:
    """Hard NMS's candidates: the box indices with ``score > score_threshold`` in (score
    descending, index ascending) order, with their ``ymin, xmin, ymax, xmax`` and areas in
    float64 (TF.js's IoU arithmetic: computed from them exactly as the host loop does, the
    comparisons agree bit for bit). None where a box has a non-finite coordinate (TF.js then
    re-queues candidates with zeroed scores: only the host loop reproduces that)."""
    b = boxes.reshape(-1, 4).astype(xp.float64)
    sc = scores.astype(xp.float64).reshape(-1)
    if not bool(xp.isfinite(b).all()):
        return None
    with quiet(xp):
        idx = xp.nonzero(sc > score_threshold)[0]
        order = idx[xp.lexsort((idx, -sc[idx]))]
        ob = b[order]
        y0 = xp.minimum(ob[:, 0], ob[:, 2])
        x0 = xp.minimum(ob[:, 1], ob[:, 3])
        y1 = xp.maximum(ob[:, 0], ob[:, 2])
        x1 = xp.maximum(ob[:, 1], ob[:, 3])
        area = (y1 - y0) * (x1 - x0)
    return order, y0, x0, y1, x1, area


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    f32, f64, i32 = xp.float32, xp.float64, xp.int32
    nan = float("nan")

    def fdt(x: Any) -> Any:
        """The float result dtype: float64 stays float64 (gradient checks), else float32."""
        return f64 if x.dtype == f64 else f32

    def idx(values: Sequence[int]) -> Any:
        return xp.asarray(values, dtype=xp.intp)

    def weights(values: Sequence[float]) -> Any:
        return xp.asarray(values, dtype=f64)

    # ------------------------------------------------------------------ resizes
    def resize_bilinear(images: Any, *, size: Sequence[int], align_corners: bool = False,
                        half_pixel_centers: bool = False) -> Any:
        b, h, w, c = images.shape
        nh, nw = size
        if h == 0 or w == 0:  # TF.js reads past the end: NaN
            return xp.full((b, nh, nw, c), nan, dtype=fdt(images))
        rl, rh, rf = bilinear_table(h, nh, align_corners, half_pixel_centers)
        cl, ch, cf = bilinear_table(w, nw, align_corners, half_pixel_centers)
        x = images.astype(f64)
        cl, ch, fc = idx(cl), idx(ch), weights(cf)[:, None]

        def cols(v: Any) -> Any:
            left = v[:, :, cl]
            return left + (v[:, :, ch] - left) * fc

        with quiet(xp):
            top = cols(x[:, idx(rl)])
            bot = cols(x[:, idx(rh)])
            out = top + (bot - top) * weights(rf)[:, None, None]
        return out.astype(fdt(images))

    def scatter(v: Any, axis: int, n: int, parts: Sequence[tuple[Any, Any]]) -> Any:
        """Transposed interpolation along ``axis``: input position ``i[p]`` gets
        ``w[p] * v[p]`` for each (i, w) table in ``parts``."""
        moved = xp.moveaxis(v, axis, 0)
        out = xp.zeros((n,) + moved.shape[1:], dtype=f64)
        extra = (None,) * (moved.ndim - 1)
        for ind, wt in parts:
            vals = moved if wt is None else moved * wt[(slice(None),) + extra]
            xp.add.at(out, ind, vals)
        return xp.moveaxis(out, 0, axis)

    def resize_bilinear_grad(dy: Any, images: Any, *, align_corners: bool = False,
                             half_pixel_centers: bool = False, **_: Any) -> Any:
        b, h, w, c = images.shape
        nh, nw = dy.shape[1:3]
        if h == 0 or w == 0:
            return xp.zeros(images.shape, dtype=fdt(dy))
        rl, rh, rf = bilinear_table(h, nh, align_corners, half_pixel_centers)
        cl, ch, cf = bilinear_table(w, nw, align_corners, half_pixel_centers)
        rf, cf = weights(rf), weights(cf)
        g = scatter(dy.astype(f64), 1, h, [(idx(rl), 1.0 - rf), (idx(rh), rf)])
        g = scatter(g, 2, w, [(idx(cl), 1.0 - cf), (idx(ch), cf)])
        return g.astype(fdt(dy))

    def resize_nearest_neighbor(images: Any, *, size: Sequence[int], align_corners: bool = False,
                                half_pixel_centers: bool = False) -> Any:
        b, h, w, c = images.shape
        nh, nw = size
        if h == 0 or w == 0:
            return xp.full((b, nh, nw, c), nan if images.dtype.kind == "f" else 0,
                           dtype=images.dtype)
        ri = idx(nearest_table(h, nh, align_corners, half_pixel_centers))
        ci = idx(nearest_table(w, nw, align_corners, half_pixel_centers))
        return xp.ascontiguousarray(images[:, ri][:, :, ci])

    def resize_nearest_neighbor_grad(dy: Any, images: Any, *, align_corners: bool = False,
                                     half_pixel_centers: bool = False, **_: Any) -> Any:
        b, h, w, c = images.shape
        nh, nw = dy.shape[1:3]
        if h == 0 or w == 0:
            return xp.zeros(images.shape, dtype=dy.dtype)
        ri = idx(nearest_table(h, nh, align_corners, half_pixel_centers))
        ci = idx(nearest_table(w, nw, align_corners, half_pixel_centers))
        g = scatter(dy.astype(f64), 1, h, [(ri, None)])
        g = scatter(g, 2, w, [(ci, None)])
        return g.astype(dy.dtype)

    # ------------------------------------------------------------------ crops and warps
    def js_round(v: Any) -> Any:
        return xp.floor(v + 0.5)

    def safe_index(v: Any, n: int) -> Any:
        """Float coordinates as gather indices (non-finite and out-of-range -> clamped; the
        caller masks those positions)."""
        v = xp.where(xp.isfinite(v), v, 0)
        return xp.clip(v, 0, max(n - 1, 0)).astype(xp.intp)

    def crop_and_resize(image: Any, boxes: Any, box_ind: Any, *, crop_size: Sequence[int],
                        method: str = "bilinear", extrapolation_value: float = 0.0) -> Any:
        batch, ih, iw, c = image.shape
        n = boxes.shape[0]
        chh, cww = crop_size
        if n == 0:
            return xp.zeros((0, chh, cww, c), dtype=fdt(image))
        bx = boxes.astype(f64)
        y1, x1, y2, x2 = (bx[:, k:k + 1] for k in range(4))
        with quiet(xp):
            if chh > 1:
                hs = (y2 - y1) * (ih - 1) / (chh - 1)
                yv = y1 * (ih - 1) + xp.arange(chh, dtype=f64)[None, :] * hs
            else:
                yv = 0.5 * (y1 + y2) * (ih - 1)
            if cww > 1:
                ws = (x2 - x1) * (iw - 1) / (cww - 1)
                xv = x1 * (iw - 1) + xp.arange(cww, dtype=f64)[None, :] * ws
            else:
                xv = 0.5 * (x1 + x2) * (iw - 1)
            ok_box = (box_ind >= 0) & (box_ind < batch)
            bi = xp.clip(box_ind, 0, max(batch - 1, 0)).astype(xp.intp)[:, None, None]
            if image.size == 0:
                val = xp.full((n, chh, cww, c), nan, dtype=f64)
            elif method == "bilinear":
                img = image.astype(f64)
                t, bo = safe_index(xp.floor(yv), ih), safe_index(xp.ceil(yv), ih)
                le, ri = safe_index(xp.floor(xv), iw), safe_index(xp.ceil(xv), iw)
                fy = (yv - xp.floor(yv))[:, :, None, None]
                fx = (xv - xp.floor(xv))[:, None, :, None]
                tl = img[bi, t[:, :, None], le[:, None, :]]
                tr = img[bi, t[:, :, None], ri[:, None, :]]
                bl = img[bi, bo[:, :, None], le[:, None, :]]
                br = img[bi, bo[:, :, None], ri[:, None, :]]
                top = tl + (tr - tl) * fx
                bot = bl + (br - bl) * fx
                val = top + (bot - top) * fy
            else:
                yy, xx = safe_index(js_round(yv), ih), safe_index(js_round(xv), iw)
                val = image[bi, yy[:, :, None], xx[:, None, :]].astype(f64)
            nan_at = (xp.isnan(yv)[:, :, None] | xp.isnan(xv)[:, None, :])[..., None]
            val = xp.where(nan_at, nan, val)
            outside = ((yv < 0) | (yv > ih - 1))[:, :, None] | ((xv < 0) | (xv > iw - 1))[:, None, :]
            val = xp.where(outside[..., None], float(extrapolation_value), val)
            val = xp.where(ok_box[:, None, None, None], val, 0.0)
        return xp.ascontiguousarray(val.astype(fdt(image)))

    def flip_left_right(image: Any) -> Any:
        return xp.ascontiguousarray(image[:, :, ::-1])

    def rotate_with_offset(image: Any, *, radians: float, fill_value: Any = 0,
                           center: Any = 0.5) -> Any:
        b, h, w, c = image.shape
        cx, cy, fills, sin, cos = rotation_params(image.shape, radians, fill_value, center)
        xs = xp.arange(w, dtype=f64)[None, :] - cx
        ys = xp.arange(h, dtype=f64)[:, None] - cy
        sx = js_round(xs * cos - ys * sin + cx)
        sy = js_round(xs * sin + ys * cos + cy)
        inside = (sx >= 0) & (sx < w) & (sy >= 0) & (sy < h)
        got = image[:, safe_index(sy, h), safe_index(sx, w)]
        return xp.ascontiguousarray(
            xp.where(inside[None, :, :, None], got, xp.asarray(fills, dtype=f32)).astype(fdt(image)))

    def map_coord(v: Any, n: int, mode: str) -> Any:
        if mode == "nearest":
            return xp.maximum(0, xp.minimum(v, n - 1))
        if mode not in ("reflect", "wrap"):
            return v
        if n <= 1:
            return xp.where((v < 0) | (v > n - 1), 0.0, v)
        if mode == "reflect":
            sz2 = 2 * n
            neg = sz2 * xp.trunc(-v / sz2) + v
            neg = xp.where(neg < -n, neg + sz2, -neg - 1)
            pos = v - sz2 * xp.trunc(v / sz2)
            pos = xp.where(pos >= n, sz2 - pos - 1, pos)
        else:
            neg = v + n * (xp.trunc(-v / (n - 1)) + 1)
            pos = v - n * xp.trunc(v / (n - 1))
        v = xp.where(v < 0, neg, xp.where(v > n - 1, pos, v))
        return xp.maximum(0, xp.minimum(v, n - 1))

    def transform(image: Any, transforms: Any, *, interpolation: str = "nearest",
                  fill_mode: str = "constant", fill_value: float = 0.0,
                  output_shape: Sequence[int] | None = None) -> Any:
        b, h, w, c = image.shape
        oh, ow = output_shape if output_shape is not None else (h, w)
        fill = float(fill_value)
        if b == 0 or oh == 0 or ow == 0 or c == 0:
            return xp.full((b, oh, ow, c), fill, dtype=fdt(image))
        t = transforms.astype(f64)[:, :, None, None]  # (1 or b, 8, 1, 1)
        ox = xp.arange(ow, dtype=f64)[None, None, :]
        oy = xp.arange(oh, dtype=f64)[None, :, None]
        img = image.astype(f64)
        bi = xp.arange(b)[:, None, None]
        with quiet(xp):
            proj = t[:, 6] * ox + t[:, 7] * oy + 1
            x = map_coord((t[:, 0] * ox + t[:, 1] * oy + t[:, 2]) / proj, w, fill_mode)
            y = map_coord((t[:, 3] * ox + t[:, 4] * oy + t[:, 5]) / proj, h, fill_mode)
            x = xp.broadcast_to(x, (b, oh, ow))
            y = xp.broadcast_to(y, (b, oh, ow))

            def read(yi: Any, xi: Any) -> Any:
                inside = (yi >= 0) & (yi < h) & (xi >= 0) & (xi < w)
                got = img[bi, safe_index(yi, h), safe_index(xi, w)]
                return xp.where(inside[..., None], got, fill)

            if interpolation == "nearest":
                val = read(js_round(y), js_round(x))
            else:
                yf, xf = xp.floor(y), xp.floor(x)
                wx0, wx1 = (xf + 1 - x)[..., None], (x - xf)[..., None]
                wy0, wy1 = (yf + 1 - y)[..., None], (y - yf)[..., None]
                v0 = wx0 * read(yf, xf) + wx1 * read(yf, xf + 1)
                v1 = wx0 * read(yf + 1, xf) + wx1 * read(yf + 1, xf + 1)
                val = wy0 * v0 + wy1 * v1
            val = xp.where(xp.broadcast_to(proj == 0, (b, oh, ow))[..., None], fill, val)
        return xp.ascontiguousarray(val.astype(fdt(image)))

    # ------------------------------------------------------------------ NMS (host)
    def host(boxes: Any, scores: Any) -> tuple[list, list]:
        return boxes.reshape(-1).tolist(), scores.tolist()

    def hard_nms(boxes: Any, scores: Any, max_output_size: int, iou_threshold: float,
                 score_threshold: float) -> list[int]:
        """:func:`non_max_suppression` without soft-NMS, vectorised: each selected box
        suppresses, in one array operation, every later candidate it overlaps with IoU >= the
        threshold (the same selection as checking each candidate against the boxes selected
        before it). Boxes with a non-finite coordinate go through the host loop."""
        cand = nms_candidates(xp, boxes, scores, score_threshold)
        if cand is None:
            # a NaN IoU zeroes a candidate's score and re-queues it in TF.js's loop (its
            # suppressWeight is 0 when ``iou <= threshold`` fails): the host loop does that
            sel, _ = non_max_suppression(*host(boxes, scores), max_output_size, iou_threshold,
                                         score_threshold)
            return sel
        order, y0, x0, y1, x1, area = cand
        sel: list[int] = []
        if order.size == 0 or max_output_size <= 0:
            return sel
        alive = xp.ones(order.size, dtype=bool)
        k = 0
        n = order.size
        with quiet(xp):
            while k < n:
                sel.append(int(order[k]))
                if len(sel) >= max_output_size:
                    break
                r = slice(k + 1, n)
                inter = (xp.maximum(xp.minimum(y1[k], y1[r]) - xp.maximum(y0[k], y0[r]), 0.0)
                         * xp.maximum(xp.minimum(x1[k], x1[r]) - xp.maximum(x0[k], x0[r]), 0.0))
                iou = inter / (area[k] + area[r] - inter)
                if area[k] <= 0:
                    iou[...] = 0.0
                else:
                    iou[area[r] <= 0] = 0.0
                alive[r] &= ~(iou >= iou_threshold)
                rest = xp.nonzero(alive[r])[0]
                if rest.size == 0:
                    break
                k = k + 1 + int(rest[0])
        return sel

    def nms_v3(boxes: Any, scores: Any, *, max_output_size: int, iou_threshold: float,
               score_threshold: float) -> Any:
        sel = hard_nms(boxes, scores, max_output_size, iou_threshold, score_threshold)
        return xp.asarray(sel, dtype=i32).reshape(len(sel))

    def nms_v4(boxes: Any, scores: Any, *, max_output_size: int, iou_threshold: float,
               score_threshold: float, pad_to_max_output_size: bool = False) -> Any:
        sel = hard_nms(boxes, scores, max_output_size, iou_threshold, score_threshold)
        valid = len(sel)
        if pad_to_max_output_size and max_output_size > valid:
            sel = sel + [0] * (max_output_size - valid)
        return (xp.asarray(sel, dtype=i32).reshape(len(sel)), xp.asarray(valid, dtype=i32))

    def nms_v5(boxes: Any, scores: Any, *, max_output_size: int, iou_threshold: float,
               score_threshold: float, soft_nms_sigma: float = 0.0) -> Any:
        sel, sc = non_max_suppression(*host(boxes, scores), max_output_size, iou_threshold,
                                      score_threshold, soft_nms_sigma)
        return (xp.asarray(sel, dtype=i32).reshape(len(sel)),
                xp.asarray(sc, dtype=f32).reshape(len(sc)))

    return {"ResizeBilinear": resize_bilinear, "ResizeBilinearGrad": resize_bilinear_grad,
            "ResizeNearestNeighbor": resize_nearest_neighbor,
            "ResizeNearestNeighborGrad": resize_nearest_neighbor_grad,
            "CropAndResize": crop_and_resize, "FlipLeftRight": flip_left_right,
            "RotateWithOffset": rotate_with_offset, "Transform": transform,
            "NonMaxSuppressionV3": nms_v3, "NonMaxSuppressionV4": nms_v4,
            "NonMaxSuppressionV5": nms_v5}
