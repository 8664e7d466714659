"""xp kernels: pooling (MaxPool, AvgPool, MaxPool3D, AvgPool3D, MaxPoolWithArgmax and the
gradients MaxPoolGrad, AvgPoolGrad, MaxPool3DGrad, AvgPool3DGrad).

One N-d implementation serves 2-D (NHWC) and 3-D (NDHWC). Window geometry is
``ops.pooling.pool_geometry``. No loop runs over output pixels:

- max/avg pooling is separable over a rectangular window, so each spatial axis in turn is
  reduced over its ``filter`` strided slices (``fh + fw`` vector ops instead of ``fh * fw``);
- the max gradients and argmax loop over the ``fh * fw`` window offsets, each a strided view
  of the padded input the size of the output (im2col-class work without the copy): one
  branch-free scan finds each window's chosen cell (``scan_max``), then each offset adds
  ``hit * dy`` (data-dependent masked copies/selects are ~10x slower in NumPy); windows that
  need no padding write dx directly;
- the avg gradient is the adjoint of the separable sum: per axis, ``filter`` strided
  additions; non-overlapping unpadded windows (filter == stride) are one broadcast add into
  a ``[b, o1, f1, o2, f2, ..., c]`` view of dx.
"""
from __future__ import annotations

import itertools
from typing import Any, Callable

from ._common import quiet


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    from ...ops.pooling import pool_geometry

    def geometry(shape: tuple, attrs: dict) -> list[tuple[int, int, int, int, int]]:
        """Per spatial axis: (in, filter, stride, before, out)."""
        sizes = shape[1:-1]
        outs, befores = pool_geometry(sizes, attrs["filter_size"], attrs["strides"],
                                      attrs["pad"], attrs.get("dim_rounding_mode"))
        return list(zip(sizes, attrs["filter_size"], attrs["strides"], befores, outs))

    def take(a: Any, axis: int, sl: slice) -> Any:
        return a[(slice(None),) * axis + (sl,)]

    def pad_axis(a: Any, axis: int, before: int, size: int, needed: int, fill: Any) -> Any:
        """``P[j] = a[j - before]`` for ``j`` in ``[0, needed)``, ``fill`` outside ``a``."""
        start = max(0, -before)
        pre = min(max(0, before), needed)
        m = max(0, min(size - start, needed - pre))
        sub = take(a, axis, slice(start, start + m))
        post = needed - pre - m
        if pre or post:
            widths = [(0, 0)] * a.ndim
            widths[axis] = (pre, post)
            sub = xp.pad(sub, widths, mode="constant", constant_values=fill)
        return sub

    def unpad_axis(z: Any, axis: int, before: int, size: int, needed: int) -> Any:
        """The adjoint of :func:`pad_axis`: ``R[i] = z[i + before]`` (0 outside ``z``)."""
        i0 = min(max(0, -before), size)
        i1 = max(i0, min(size, needed - before))
        sub = take(z, axis, slice(i0 + before, i1 + before))
        if i0 or size - i1:
            widths = [(0, 0)] * z.ndim
            widths[axis] = (i0, size - i1)
            sub = xp.pad(sub, widths, mode="constant", constant_values=0)
        return sub

    def window(o: int, s: int, k: int) -> slice:
        return slice(k, k + (o - 1) * s + 1, s)

    def counts(geo: list, ndim: int, dt: Any) -> Any:
        """Real cells per window, as a broadcastable product of per-axis counts."""
        total = None
        for ax, (size, f, s, before, o) in enumerate(geo):
            corner = xp.arange(o) * s - before
            c = xp.clip(xp.minimum(corner + f, size) - xp.maximum(corner, 0), 0, None)
            shape = [1] * ndim
            shape[ax + 1] = o
            c = c.astype(dt).reshape(shape)
            total = c if total is None else total * c
        return total

    def compute_dtype(x: Any) -> Any:
        return x.dtype if x.dtype.kind == "f" else xp.float64

    def out_shape(x: Any, geo: list) -> tuple:
        return (x.shape[0], *[g[4] for g in geo], x.shape[-1])

    def max_values(x: Any, geo: list) -> Any:
        """Window maxima in the compute dtype; NaN ignored, -inf where a window has no
        number (TF.js's ``pixel > max`` scan from -Infinity)."""
        y = x.astype(compute_dtype(x), copy=False)
        with quiet(xp):
            for ax, (size, f, s, before, o) in enumerate(geo, 1):
                p = pad_axis(y, ax, before, size, (o - 1) * s + f, -xp.inf)
                acc = take(p, ax, window(o, s, 0)).copy()
                for k in range(1, f):
                    xp.fmax(acc, take(p, ax, window(o, s, k)), out=acc)
                y = acc
            y[xp.isnan(y)] = -xp.inf
        return y

    def store_like(y: Any, dtype: Any) -> Any:
        """Float results into x's dtype as TF.js's typed arrays (-Infinity -> 0)."""
        if dtype.kind == "f":
            return y.astype(dtype, copy=False)
        with quiet(xp):
            y = xp.where(xp.isfinite(y), y, 0)
        return y.astype(dtype)

    def max_pool_nd(x: Any, attrs: dict, out_dtype: Any) -> Any:
        geo = geometry(x.shape, attrs)
        shape = out_shape(x, geo)
        if x.size == 0 or 0 in shape:
            return xp.zeros(shape, dtype=out_dtype)
        return xp.ascontiguousarray(store_like(max_values(x, geo), xp.dtype(out_dtype)))

    def avg_pool_nd(x: Any, attrs: dict, empty_is_nan: bool) -> Any:
        geo = geometry(x.shape, attrs)
        shape = out_shape(x, geo)
        dt = x.dtype if x.dtype.kind == "f" else xp.dtype(xp.float32)
        if x.size == 0 or 0 in shape:
            return xp.zeros(shape, dtype=dt)
        y = x.astype(dt, copy=False)
        for ax, (size, f, s, before, o) in enumerate(geo, 1):
            p = pad_axis(y, ax, before, size, (o - 1) * s + f, 0)
            acc = take(p, ax, window(o, s, 0)).copy()
            for k in range(1, f):
                acc += take(p, ax, window(o, s, k))
            y = acc
        c = counts(geo, x.ndim, dt)
        with quiet(xp):
            y /= c if empty_is_nan else xp.maximum(c, 1)
        return xp.ascontiguousarray(y)

    def grad_dtype(dy: Any) -> Any:
        return dy.dtype if dy.dtype.kind == "f" else xp.dtype(xp.float32)

    def offsets(geo: list, last: bool) -> list:
        combos = list(itertools.product(*[range(g[1]) for g in geo]))
        return combos[::-1] if last else combos

    def scan_max(x: Any, geo: list, last: bool) -> Any:
        """Per window, 1 + the position (index into ``offsets(geo, False)``) of its chosen
        maximum, 0 where none: TF.js's scan from -Infinity, ``>`` (2-D: the first cell equal
        to the maximum) or ``>=`` (3-D: the last one, a -inf cell counting), NaN never
        chosen. Branch-free (a masked copy with a data-dependent mask is ~10x slower than
        arithmetic): positions only grow, so ``idx = max(idx, better * (n + 1))``."""
        dt = compute_dtype(x)
        p = x.astype(dt, copy=False)
        # padding never wins: -inf fails ``>`` from -inf, NaN fails ``>=``
        fill = xp.nan if last else -xp.inf
        for ax, (size, f, s, before, o) in enumerate(geo, 1):
            p = pad_axis(p, ax, before, size, (o - 1) * s + f, fill)
        shape = out_shape(x, geo)
        n_off = 1
        for g in geo:
            n_off *= g[1]
        it = xp.int8 if n_off < 127 else xp.int32
        idx = xp.zeros(shape, dtype=it)
        cand = xp.empty(shape, dtype=it)
        best = xp.full(shape, -xp.inf, dtype=dt)
        better = xp.empty(shape, dtype=bool)
        cmp = xp.greater_equal if last else xp.greater
        with quiet(xp):
            for n, ks in enumerate(offsets(geo, False)):
                v = p[(slice(None),) + tuple(window(g[4], g[2], k) for g, k in zip(geo, ks))]
                cmp(v, best, out=better)
                xp.multiply(better, it(n + 1), out=cand)
                xp.maximum(idx, cand, out=idx)
                xp.fmax(best, v, out=best)  # the values only steer the compares
        return idx

    def max_positions(x: Any, geo: list, last: bool, visit: Callable[..., None]) -> None:
        """Calls ``visit(ks, sl, hit)`` for each window offset, ``hit`` marking the windows
        whose chosen maximum (see :func:`scan_max`) is at that offset."""
        idx = scan_max(x, geo, last)
        hit = xp.empty(idx.shape, dtype=bool)
        order = list(enumerate(offsets(geo, False)))
        for n, ks in (order[::-1] if last else order):  # the order gradients accumulate in
            sl = tuple(window(g[4], g[2], k) for g, k in zip(geo, ks))
            xp.equal(idx, n + 1, out=hit)
            visit(ks, sl, hit)

    def direct(x: Any, geo: list) -> bool:
        """The windows need no padding: dx can be written in place of the padded buffer."""
        return all(before == 0 and (o - 1) * s + f <= size for size, f, s, before, o in geo)

    def max_pool_grad_nd(dy: Any, x: Any, attrs: dict, last: bool) -> Any:
        dt = grad_dtype(dy)
        geo = geometry(x.shape, attrs)
        if x.size == 0 or dy.size == 0:
            return xp.zeros(x.shape, dtype=dt)
        no_pad = direct(x, geo)
        if no_pad:
            dxp = xp.zeros(x.shape, dtype=dt)
        else:
            padded = (x.shape[0], *[(g[4] - 1) * g[2] + g[1] for g in geo], x.shape[-1])
            dxp = xp.zeros(padded, dtype=dt)
        dyc = dy.astype(dt, copy=False)
        # finite dy: ``hit * dy`` is dy or a signed 0, and 0 + it is what adding
        # ``where(hit, dy, 0)`` gives, bit for bit, without the slow data-dependent select
        finite = bool(xp.isfinite(dyc).all())
        tmp = xp.empty(dyc.shape, dtype=dt)

        def visit(ks: tuple, sl: tuple, hit: Any) -> None:
            dst = dxp[(slice(None),) + sl]
            if finite:
                dst += xp.multiply(hit, dyc, out=tmp)
            else:
                dst += xp.where(hit, dyc, 0)

        max_positions(x, geo, last, visit)
        if no_pad:
            return dxp
        dx = dxp
        for ax, (size, f, s, before, o) in enumerate(geo, 1):
            dx = unpad_axis(dx, ax, before, size, (o - 1) * s + f)
        return xp.ascontiguousarray(dx)

    def avg_pool_grad_nd(dy: Any, x: Any, attrs: dict) -> Any:
        """dx = sum over the windows w holding a cell of dy[w] / count[w] (count: real cells;
        TF.js divides by the filter size instead)."""
        dt = grad_dtype(dy)
        geo = geometry(x.shape, attrs)
        if x.size == 0 or dy.size == 0:
            return xp.zeros(x.shape, dtype=dt)
        with quiet(xp):
            c = counts(geo, x.ndim, dt)
            g = xp.where(c > 0, dy.astype(dt, copy=False) / xp.maximum(c, 1), 0).astype(dt)
        if direct(x, geo) and all(f == s for _, f, s, _, _ in geo):
            # non-overlapping windows tiling (a corner of) x: one broadcast add into the
            # [b, o1, f1, o2, f2, ..., c] view of dx (0 + g as the general path)
            dx = xp.zeros(x.shape, dtype=dt)
            crop = dx[(slice(None),) + tuple(slice(0, o * f) for _, f, _, _, o in geo)]
            split = [x.shape[0]]
            spread = [slice(None)]
            for _, f, _, _, o in geo:
                split += [o, f]
                spread += [slice(None), None]
            view = crop.reshape(*split, x.shape[-1])
            view += g[tuple(spread) + (slice(None),)]
            return dx
        for ax in range(len(geo), 0, -1):
            size, f, s, before, o = geo[ax - 1]
            needed = (o - 1) * s + f
            shape = list(g.shape)
            shape[ax] = needed
            z = xp.zeros(shape, dtype=dt)
            for k in range(f):
                take(z, ax, window(o, s, k))[...] += g
            g = unpad_axis(z, ax, before, size, needed)
        return xp.ascontiguousarray(g)

    def max_pool(x: Any, **attrs: Any) -> Any:
        return max_pool_nd(x, attrs, x.dtype)

    def max_pool3d(x: Any, *, data_format: str = "NDHWC", **attrs: Any) -> Any:
        return max_pool_nd(x, attrs, x.dtype if x.dtype == xp.float64 else xp.float32)

    def avg_pool(x: Any, **attrs: Any) -> Any:
        return avg_pool_nd(x, attrs, True)

    def avg_pool3d(x: Any, *, data_format: str = "NDHWC", **attrs: Any) -> Any:
        return avg_pool_nd(x, attrs, False)

    def max_pool_grad(dy: Any, x: Any, y: Any, **attrs: Any) -> Any:
        return max_pool_grad_nd(dy, x, attrs, False)

    def max_pool3d_grad(dy: Any, x: Any, y: Any, **attrs: Any) -> Any:
        return max_pool_grad_nd(dy, x, attrs, True)

    def avg_pool_grad(dy: Any, x: Any, **attrs: Any) -> Any:
        return avg_pool_grad_nd(dy, x, attrs)

    def max_pool_with_argmax(x: Any, *, include_batch_in_index: bool = False,
                             **attrs: Any) -> tuple[Any, Any]:
        geo = geometry(x.shape, attrs)
        shape = out_shape(x, geo)
        if x.size == 0 or 0 in shape:
            return xp.zeros(shape, dtype=x.dtype), xp.zeros(shape, dtype=xp.int32)
        batch, h, w, ch = x.shape
        (_, _, sh, bh, oh), (_, _, sw, bw, ow) = geo
        idx = xp.full(shape, -1, dtype=xp.int64)
        rows = (xp.arange(oh) * sh - bh).reshape(1, oh, 1, 1)
        cols = (xp.arange(ow) * sw - bw).reshape(1, 1, ow, 1)
        base = xp.arange(ch).reshape(1, 1, 1, ch)
        if include_batch_in_index:
            base = base + (xp.arange(batch) * (h * w * ch)).reshape(batch, 1, 1, 1)

        def visit(ks: tuple, sl: tuple, hit: Any) -> None:
            flat = ((rows + ks[0]) * w + cols + ks[1]) * ch + base
            xp.copyto(idx, xp.broadcast_to(flat, shape), where=hit)

        max_positions(x, geo, False, visit)
        y = store_like(max_values(x, geo), x.dtype)
        return xp.ascontiguousarray(y), idx.astype(xp.int32)

    return {"MaxPool": max_pool, "AvgPool": avg_pool, "MaxPool3D": max_pool3d,
            "AvgPool3D": avg_pool3d, "MaxPoolGrad": max_pool_grad, "AvgPoolGrad": avg_pool_grad,
            "MaxPool3DGrad": max_pool3d_grad, "AvgPool3DGrad": avg_pool_grad,
            "MaxPoolWithArgmax": max_pool_with_argmax}
