"""xp kernels: transformation (Cast, Reshape, ExpandDims, Squeeze, PadV2, MirrorPad,
BroadcastTo, SpaceToBatchND, BatchToSpaceND, DepthToSpace).

Shape-only kernels return views of their input (no copy); arrays are never mutated in place.
"""
from __future__ import annotations

from typing import Any, Callable

from ._common import quiet
from .arithmetic import js_int32

_DTYPES = {"float32": "float32", "int32": "int32", "bool": "bool", "complex64": "complex64",
           "float16": "float16", "float64": "float64", "int8": "int8", "uint8": "uint8",
           "int16": "int16", "uint16": "uint16", "int64": "int64"}


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def cast(x: Any, *, dtype: str) -> Any:
        if dtype == "string" or x.dtype == object:
            return x
        if dtype == "bool":
            return x != 0
        target = xp.dtype(_DTYPES[dtype])
        if target == xp.int32 and x.dtype.kind in "fc":
            # TF.js stores into an Int32Array: JS ToInt32 (truncate, NaN/Inf -> 0, wrap).
            return js_int32(xp, x.real if x.dtype.kind == "c" else x)
        if target.kind in "iu" and x.dtype.kind in "fc":
            with quiet(xp):
                x = xp.where(xp.isfinite(x), xp.trunc(x), 0)
        return x.astype(target, copy=False) if x.dtype != target else x

    def reshape(x: Any, *, shape: tuple) -> Any:
        return x.reshape(shape)

    def expand_dims(x: Any, *, dim: int) -> Any:
        return xp.expand_dims(x, dim)

    def squeeze(x: Any, *, axis: tuple) -> Any:
        return xp.squeeze(x, axis=axis)

    def pad(x: Any, *, paddings: tuple, constant_value: Any) -> Any:
        shape = tuple(b + d + a for (b, a), d in zip(paddings, x.shape))
        out = xp.full(shape, constant_value, dtype=x.dtype)
        out[tuple(slice(b, b + d) for (b, _), d in zip(paddings, x.shape))] = x
        return out

    def mirror_pad(x: Any, *, paddings: tuple, mode: str) -> Any:
        return xp.pad(x, paddings, mode=mode)

    def broadcast_to(x: Any, *, shape: tuple) -> Any:
        return xp.broadcast_to(x, shape)  # a read-only view

    def space_to_batch_nd(x: Any, *, block_shape: tuple, paddings: tuple) -> Any:
        m = len(block_shape)
        if any(b or a for b, a in paddings):
            full = ((0, 0),) + tuple(paddings) + ((0, 0),) * (x.ndim - 1 - m)
            x = pad(x, paddings=full, constant_value=0)
        batch, spatial, rest = x.shape[0], x.shape[1:1 + m], x.shape[1 + m:]
        split = [batch]
        for d, b in zip(spatial, block_shape):
            split += [d // b, b]
        x = x.reshape(tuple(split) + rest)
        # [B, s1, b1, ..., sM, bM, rest] -> [b1..bM, B, s1..sM, rest]
        perm = ([2 + 2 * i for i in range(m)] + [0] + [1 + 2 * i for i in range(m)]
                + list(range(1 + 2 * m, x.ndim)))
        x = x.transpose(perm)
        prod = 1
        for b in block_shape:
            prod *= b
        return x.reshape((batch * prod,) + tuple(d // b for d, b in zip(spatial, block_shape))
                         + rest)

    def batch_to_space_nd(x: Any, *, block_shape: tuple, crops: tuple) -> Any:
        m = len(block_shape)
        prod = 1
        for b in block_shape:
            prod *= b
        batch = x.shape[0] // prod
        spatial, rest = x.shape[1:1 + m], x.shape[1 + m:]
        x = x.reshape(tuple(block_shape) + (batch,) + spatial + rest)
        # [b1..bM, B, s1..sM, rest] -> [B, s1, b1, ..., sM, bM, rest]
        perm = [m]
        for i in range(m):
            perm += [m + 1 + i, i]
        perm += list(range(2 * m + 1, x.ndim))
        x = x.transpose(perm)
        x = x.reshape((batch,) + tuple(d * b for d, b in zip(spatial, block_shape)) + rest)
        index = (slice(None),) + tuple(slice(c0, x.shape[1 + i] - c1)
                                       for i, (c0, c1) in enumerate(crops))
        return x[index]

    def depth_to_space(x: Any, *, block_size: int, data_format: str) -> Any:
        bs = block_size
        if data_format == "NHWC":
            n, h, w, c = x.shape
            x = x.reshape(n, h, w, bs, bs, c // (bs * bs)).transpose(0, 1, 3, 2, 4, 5)
            return x.reshape(n, h * bs, w * bs, c // (bs * bs))
        n, c, h, w = x.shape
        x = x.reshape(n, bs, bs, c // (bs * bs), h, w).transpose(0, 3, 4, 1, 5, 2)
        return x.reshape(n, c // (bs * bs), h * bs, w * bs)

    return {"Cast": cast, "Reshape": reshape, "ExpandDims": expand_dims, "Squeeze": squeeze,
            "PadV2": pad, "MirrorPad": mirror_pad, "BroadcastTo": broadcast_to,
            "SpaceToBatchND": space_to_batch_nd, "BatchToSpaceND": batch_to_space_nd,
            "DepthToSpace": depth_to_space}
