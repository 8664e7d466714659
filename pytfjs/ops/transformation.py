"""Ops: transformation (cast, reshape, expand_dims, squeeze, pad, ...)."""
from __future__ import annotations

from typing import Any

from ..core import dtypes as _dt
from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError, infer_reshape, parse_axes
from ..core.tensor import Tensor
from ._util import as_int, as_int_list

__all__ = ["cast", "reshape", "expand_dims", "squeeze", "pad", "mirror_pad", "broadcast_to",
           "space_to_batch_nd", "batch_to_space_nd", "depth_to_space"]


@op("Cast", tf_ops=("Cast",), dtype="the requested dtype")
def cast(x: Any, dtype: str) -> Tensor:
    """Casts ``x`` to ``dtype``. Floats cast to int32 truncate toward zero; to bool, nonzero
    values are True.

    >>> import pytfjs as tf
    >>> tf.cast(tf.tensor([1.7, -1.7, 0.0]), "int32").to_list()
    [1, -1, 0]
    >>> tf.cast(tf.tensor([0, 2]), "bool").to_list()
    [False, True]
    """
    x = to_tensor(x, "x", "cast")
    dtype = _dt.check_dtype(dtype)
    if (x.dtype == "string") != (dtype == "string"):
        raise TypeError(f"'cast': cannot cast a {x.dtype} tensor to {dtype}")
    if x.dtype == "complex64" and dtype != "complex64":
        from .creation import real  # TF.js keeps the real part
        return cast(real(x), dtype)
    return run("Cast", x, dtype=dtype)


@cast.gradient()
def _cast_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (dy,)


def _int_list(value: Any, op_name: str, arg: str) -> list[int]:
    if isinstance(value, Tensor):
        value = value.to_list()
    value = as_int_list(as_int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"'{op_name}': {arg} must be a list of ints, got {type(value).__name__}")
    out = []
    for v in value:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if not isinstance(v, int) or isinstance(v, bool):
            raise TypeError(f"'{op_name}': {arg} must be a list of ints, got {list(value)}")
        out.append(v)
    return out


def _pairs(value: Any, rank: int, op_name: str, arg: str) -> tuple[tuple[int, int], ...]:
    """``[[before, after], ...]`` with one non-negative pair per dimension."""
    if isinstance(value, Tensor):
        value = value.to_list()
    if not isinstance(value, (list, tuple)) or len(value) != rank:
        got = len(value) if isinstance(value, (list, tuple)) else type(value).__name__
        raise ValueError(f"'{op_name}': {arg} must have one [before, after] pair for each of "
                         f"the {rank} dimensions, got {got}")
    out = []
    for i, p in enumerate(value):
        pair = _int_list(p, op_name, arg) if isinstance(p, (list, tuple, Tensor)) else None
        if pair is None or len(pair) != 2:
            raise ValueError(f"'{op_name}': {arg}[{i}] must be a pair [before, after], got {p!r}")
        if pair[0] < 0 or pair[1] < 0:
            raise ValueError(f"'{op_name}': {arg}[{i}] must be non-negative, got {pair}")
        out.append((pair[0], pair[1]))
    return tuple(out)


@op("Reshape", tf_ops=("Reshape",), dtype="same")
def reshape(x: Any, shape: Any) -> Tensor:
    """Gives ``x`` a new shape with the same number of elements (no data is copied).

    Args:
        x: a tensor (or TensorLike) of any dtype.
        shape: the new shape; one dimension may be -1 and is then inferred.

    >>> import pytfjs as tf
    >>> tf.reshape(tf.tensor([1, 2, 3, 4, 5, 6]), [2, -1]).to_list()
    [[1, 2, 3], [4, 5, 6]]
    """
    x = to_tensor(x, "x", "reshape")
    new_shape = infer_reshape(_int_list(shape, "reshape", "shape"), x.size, "reshape")
    return run("Reshape", x, shape=new_shape)


@reshape.gradient(save_inputs=True)
def _reshape_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    return (reshape(dy, list(x.shape)),)


@op("ExpandDims", tf_ops=("ExpandDims",), dtype="same")
def expand_dims(x: Any, axis: int = 0) -> Tensor:
    """Inserts a dimension of size 1 at ``axis``.

    Args:
        x: a tensor (or TensorLike) of any dtype.
        axis: where the new axis goes, in ``[-(rank + 1), rank]`` (negative counts from the end).

    >>> import pytfjs as tf
    >>> tf.expand_dims(tf.tensor([1, 2, 3]), 1).shape
    (3, 1)
    >>> tf.expand_dims(tf.tensor([1, 2, 3]), -1).to_list()
    [[1], [2], [3]]
    """
    x = to_tensor(x, "x", "expand_dims")
    axis = as_int(axis)
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise TypeError(f"'expand_dims': axis must be an int, got {type(axis).__name__}")
    rank = x.rank
    if axis < -(rank + 1) or axis > rank:
        raise ShapeError(f"'expand_dims': axis {axis} is out of range for a tensor of rank "
                         f"{rank} (expected {-(rank + 1)} <= axis <= {rank}).")
    return run("ExpandDims", x, dim=axis + rank + 1 if axis < 0 else axis)


@expand_dims.gradient()
def _expand_dims_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    dim = attrs["dim"]
    return (reshape(dy, list(dy.shape[:dim] + dy.shape[dim + 1:])),)


@op("Squeeze", tf_ops=("Squeeze",), dtype="same")
def squeeze(x: Any, axis: int | list[int] | None = None) -> Tensor:
    """Removes dimensions of size 1: all of them, or only those in ``axis``.

    Args:
        x: a tensor (or TensorLike) of any dtype.
        axis: an axis or list of axes to remove (each must have size 1); None (or ``[]``)
            removes every dimension of size 1.

    >>> import pytfjs as tf
    >>> tf.squeeze(tf.zeros([1, 3, 1])).shape
    (3,)
    >>> tf.squeeze(tf.zeros([1, 3, 1]), [-1]).shape
    (1, 3)
    """
    x = to_tensor(x, "x", "squeeze")
    if axis is None or (isinstance(axis, (list, tuple)) and len(axis) == 0):
        axes = [i for i, d in enumerate(x.shape) if d == 1]
    else:
        axes = sorted(set(parse_axes(axis, x.rank, "squeeze")))
        for a in axes:
            if x.shape[a] != 1:
                raise ShapeError(f"'squeeze': cannot squeeze axis {a} since its size is "
                                 f"{x.shape[a]}, not 1")
    return run("Squeeze", x, axis=tuple(axes))


@squeeze.gradient()
def _squeeze_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    axes = set(attrs["axis"])
    dims = iter(dy.shape)
    shape = [1 if i in axes else next(dims) for i in range(dy.rank + len(axes))]
    return (reshape(dy, shape),)


@op("PadV2", tf_ops=("Pad", "PadV2"), dtype="same")
def pad(x: Any, paddings: Any, constant_value: float = 0) -> Tensor:
    """Pads ``x`` with ``constant_value``.

    Args:
        x: a numeric or bool tensor (or TensorLike) of rank >= 1.
        paddings: ``[[before, after], ...]``, one non-negative pair per dimension.
        constant_value: the fill value, stored as the tensor's dtype stores it (int32
            truncates, as TF.js).

    >>> import pytfjs as tf
    >>> tf.pad(tf.tensor([[1, 2], [3, 4]]), [[1, 0], [0, 2]]).to_list()
    [[0, 0, 0, 0], [1, 2, 0, 0], [3, 4, 0, 0]]
    """
    x = to_tensor(x, "x", "pad", numeric=True)
    if x.rank == 0:
        raise ValueError("'pad': pad(scalar) is not defined; pass a tensor of rank >= 1")
    pads = _pairs(paddings, x.rank, "pad", "paddings")
    from .creation import _typed_scalar
    value = _typed_scalar(constant_value, x.dtype, "pad", "constant_value")
    return run("PadV2", x, paddings=pads, constant_value=value)


@pad.gradient()
def _pad_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # The input is the block of dy that the padding surrounds.
    pads = attrs["paddings"]
    if not any(b or a for b, a in pads):
        return (dy,)
    from .slice_join import slice as _slice
    return (_slice(dy, [b for b, _ in pads],
                   [d - b - a for (b, a), d in zip(pads, dy.shape)]),)


@op("MirrorPad", tf_ops=("MirrorPad",), dtype="same")
def mirror_pad(x: Any, paddings: Any, mode: str) -> Tensor:
    """Pads ``x`` with mirrored copies of its edges.

    Args:
        x: a numeric or bool tensor (or TensorLike) of rank >= 1.
        paddings: ``[[before, after], ...]``, one pair per dimension; each at most the
            dimension's size (``'symmetric'``) or size - 1 (``'reflect'``).
        mode: ``'reflect'`` (the edge is not repeated) or ``'symmetric'`` (it is).

    >>> import pytfjs as tf
    >>> tf.mirror_pad(tf.tensor([1, 2, 3]), [[2, 1]], "reflect").to_list()
    [3, 2, 1, 2, 3, 2]
    >>> tf.mirror_pad(tf.tensor([1, 2, 3]), [[2, 1]], "symmetric").to_list()
    [2, 1, 1, 2, 3, 3]
    """
    if mode not in ("reflect", "symmetric"):
        raise ValueError(f"'mirror_pad': mode must be 'reflect' or 'symmetric', got {mode!r}")
    x = to_tensor(x, "x", "mirror_pad", numeric=True)
    if x.rank == 0:
        raise ValueError("'mirror_pad': mirror_pad(scalar) is not defined; pass a tensor of "
                         "rank >= 1")
    pads = _pairs(paddings, x.rank, "mirror_pad", "paddings")
    offset = 1 if mode == "reflect" else 0
    for i, (b, a) in enumerate(pads):
        limit = x.shape[i] - offset
        if b > limit or a > limit:
            raise ValueError(f"'mirror_pad': paddings[{i}] {[b, a]} must be at most {limit} "
                             f"for dimension {i} of size {x.shape[i]} in mode '{mode}'")
    return run("MirrorPad", x, paddings=pads, mode=mode)


@mirror_pad.gradient()
def _mirror_pad_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # Each padded element is a copy of an input element, so its gradient is added back onto
    # that element: the mirrored borders are reversed and folded onto the block they copy.
    # (TF.js only slices the centre out, dropping the borders' gradient; see
    # docs/differences.md.) One axis at a time; each step shrinks that axis to the input size.
    offset = 1 if attrs["mode"] == "reflect" else 0
    g = dy
    for axis, (b, a) in enumerate(attrs["paddings"]):
        if b or a:
            g = _fold_mirrored(g, axis, b, a, offset)
    return (g,)


def _fold_mirrored(g: Tensor, axis: int, b: int, a: int, offset: int) -> Tensor:
    """The gradient of mirror-padding one axis by ``[b, a]``: the centre of ``g`` plus its
    reversed borders, each placed on the input block it mirrors."""
    from .slice_join import reverse
    from .slice_join import slice as _slice
    d = g.shape[axis] - b - a

    def part(start: int, length: int) -> Tensor:
        begin, size = [0] * g.rank, list(g.shape)
        begin[axis], size[axis] = start, length
        return _slice(g, begin, size)

    def placed(t: Tensor, before: int, after: int) -> Tensor:
        return pad(t, [[before, after] if i == axis else [0, 0] for i in range(g.rank)])

    out = part(b, d)
    if b:
        out = out + placed(reverse(part(0, b), axis), offset, d - offset - b)
    if a:
        out = out + placed(reverse(part(b + d, a), axis), d - offset - a, offset)
    return out


@op("BroadcastTo", tf_ops=("BroadcastTo",), dtype="same")
def broadcast_to(x: Any, shape: Any) -> Tensor:
    """Broadcasts ``x`` to ``shape`` (NumPy broadcasting: size-1 or missing leading dims
    repeat).

    Args:
        x: a numeric or bool tensor (or TensorLike).
        shape: the target shape, of rank >= ``x.rank``.

    >>> import pytfjs as tf
    >>> tf.broadcast_to(tf.tensor([1, 2]), [2, 2]).to_list()
    [[1, 2], [1, 2]]
    """
    x = to_tensor(x, "x", "broadcast_to", numeric=True)
    target = _int_list(shape, "broadcast_to", "shape")
    if any(d < 0 for d in target):
        raise ValueError(f"'broadcast_to': shape must be non-negative integers, got {target}")
    if len(target) < x.rank:
        raise ShapeError(f"'broadcast_to': shape {target} has rank {len(target)}, less than the "
                         f"input's rank {x.rank}")
    padded = (1,) * (len(target) - x.rank) + x.shape
    for d, t in zip(padded, target):
        if d != t and d != 1:
            raise ShapeError(f"'broadcast_to': shape {list(x.shape)} cannot be broadcast to "
                             f"{target}")
    return run("BroadcastTo", x, shape=tuple(target))


@broadcast_to.gradient(save_inputs=True)
def _broadcast_to_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # Sum over the axes that broadcasting added (leading) or stretched (size 1 -> n).
    (x,) = inputs
    lead = dy.rank - x.rank
    axes = [i for i, d in enumerate(dy.shape) if i < lead or (x.shape[i - lead] == 1 and d != 1)]
    if not axes:
        return (dy if dy.shape == x.shape else reshape(dy, list(x.shape)),)
    from .reduction import sum as _sum
    return (reshape(_sum(dy, axes), list(x.shape)),)


def _block_shape(x: Tensor, block_shape: Any, op_name: str) -> list[int]:
    """The ``block_shape`` of space_to_batch_nd / batch_to_space_nd: a non-empty list of ints
    >= 1, shorter than the rank of ``x``."""
    block = _int_list(block_shape, op_name, "block_shape")
    m = len(block)
    if m == 0 or any(b < 1 for b in block):
        raise ValueError(f"'{op_name}': block_shape must be a non-empty list of ints "
                         f">= 1, got {block}")
    if x.rank < 1 + m:
        raise ShapeError(f"'{op_name}': input rank {x.rank} should be > the length of "
                         f"block_shape ({m})")
    return block


@op("SpaceToBatchND", tf_ops=("SpaceToBatchND",), dtype="same")
def space_to_batch_nd(x: Any, block_shape: Any, paddings: Any) -> Tensor:
    """Zero-pads the spatial dimensions of ``x`` and moves blocks of them into the batch.

    Args:
        x: a tensor of shape ``[batch, *spatial, *rest]`` with ``len(spatial) ==
            len(block_shape)``.
        block_shape: the block size for each spatial dimension (ints >= 1).
        paddings: ``[[before, after], ...]`` for each spatial dimension; each padded size must
            be divisible by its block size.

    >>> import pytfjs as tf
    >>> x = tf.tensor([1, 2, 3, 4], [1, 2, 2, 1])
    >>> tf.space_to_batch_nd(x, [2, 2], [[0, 0], [0, 0]]).shape
    (4, 1, 1, 1)
    """
    x = to_tensor(x, "x", "space_to_batch_nd", numeric=True)
    block = _block_shape(x, block_shape, "space_to_batch_nd")
    m = len(block)
    pads = _pairs(paddings, m, "space_to_batch_nd", "paddings")
    for i, (b, a) in enumerate(pads):
        if (x.shape[1 + i] + b + a) % block[i]:
            raise ShapeError(f"'space_to_batch_nd': spatial dimension {i} of size "
                             f"{x.shape[1 + i]} padded by {[b, a]} is not divisible by the block "
                             f"size {block[i]}")
    return run("SpaceToBatchND", x, block_shape=tuple(block), paddings=pads)


@space_to_batch_nd.gradient()
def _space_to_batch_nd_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (batch_to_space_nd(dy, list(attrs["block_shape"]),
                              [list(p) for p in attrs["paddings"]]),)


@op("BatchToSpaceND", tf_ops=("BatchToSpaceND",), dtype="same")
def batch_to_space_nd(x: Any, block_shape: Any, crops: Any) -> Tensor:
    """Moves blocks of the batch of ``x`` back into its spatial dimensions, then crops them
    (the inverse of :func:`space_to_batch_nd`).

    Args:
        x: a tensor of shape ``[batch, *spatial, *rest]``; ``batch`` must be divisible by the
            product of ``block_shape``.
        block_shape: the block size for each spatial dimension (ints >= 1).
        crops: ``[[start, end], ...]`` amounts to crop from each spatial dimension.

    >>> import pytfjs as tf
    >>> x = tf.tensor([1, 2, 3, 4], [4, 1, 1, 1])
    >>> tf.batch_to_space_nd(x, [2, 2], [[0, 0], [0, 0]]).reshape([4]).to_list()
    [1, 2, 3, 4]
    """
    x = to_tensor(x, "x", "batch_to_space_nd", numeric=True)
    block = _block_shape(x, block_shape, "batch_to_space_nd")
    m = len(block)
    crop = _pairs(crops, m, "batch_to_space_nd", "crops")
    prod = 1
    for b in block:
        prod *= b
    if x.shape[0] % prod:
        raise ShapeError(f"'batch_to_space_nd': the batch size {x.shape[0]} is not divisible by "
                         f"the product of block_shape {block} ({prod})")
    for i, (c0, c1) in enumerate(crop):
        if c0 + c1 > x.shape[1 + i] * block[i]:
            raise ShapeError(f"'batch_to_space_nd': crops[{i}] {[c0, c1]} exceed the spatial "
                             f"size {x.shape[1 + i] * block[i]}")
    return run("BatchToSpaceND", x, block_shape=tuple(block), crops=crop)


@batch_to_space_nd.gradient()
def _batch_to_space_nd_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (space_to_batch_nd(dy, list(attrs["block_shape"]), [list(c) for c in attrs["crops"]]),)


@op("DepthToSpace", tf_ops=("DepthToSpace",), dtype="same")
def depth_to_space(x: Any, block_size: int, data_format: str = "NHWC") -> Tensor:
    """Rearranges depth (channel) data into spatial blocks of ``block_size x block_size``.

    Args:
        x: a rank-4 tensor, ``[batch, height, width, depth]`` (NHWC) or
            ``[batch, depth, height, width]`` (NCHW).
        block_size: the block size (an int > 1); ``depth`` must be divisible by its square.
        data_format: ``'NHWC'`` (default) or ``'NCHW'`` (TF.js's cpu backend has only NHWC).

    >>> import pytfjs as tf
    >>> x = tf.tensor([1, 2, 3, 4], [1, 1, 1, 4])
    >>> tf.depth_to_space(x, 2).reshape([2, 2]).to_list()
    [[1, 2], [3, 4]]
    """
    x = to_tensor(x, "x", "depth_to_space", numeric=True)
    if isinstance(block_size, bool) or not isinstance(block_size, int) or block_size <= 1:
        raise ValueError(f"'depth_to_space': block_size must be an int > 1, got {block_size!r}")
    if data_format not in ("NHWC", "NCHW"):
        raise ValueError(f"'depth_to_space': data_format must be 'NHWC' or 'NCHW', got "
                         f"{data_format!r}")
    if x.rank != 4:
        raise ShapeError(f"'depth_to_space': x must be rank 4, got rank {x.rank}")
    depth = x.shape[3] if data_format == "NHWC" else x.shape[1]
    if depth % (block_size * block_size):
        raise ShapeError(f"'depth_to_space': the depth {depth} must be divisible by "
                         f"block_size * block_size = {block_size * block_size}")
    return run("DepthToSpace", x, block_size=block_size, data_format=data_format)


@depth_to_space.gradient()
def _depth_to_space_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # The inverse permutation (space-to-depth): undo the kernel's reshape/transpose/reshape.
    from .matrices import transpose
    bs = attrs["block_size"]
    if attrs["data_format"] == "NHWC":
        n, hb, wb, c = dy.shape
        h, w = hb // bs, wb // bs
        g = transpose(reshape(dy, [n, h, bs, w, bs, c]), [0, 1, 3, 2, 4, 5])
        return (reshape(g, [n, h, w, c * bs * bs]),)
    n, c, hb, wb = dy.shape
    h, w = hb // bs, wb // bs
    g = transpose(reshape(dy, [n, c, h, bs, w, bs]), [0, 3, 5, 1, 2, 4])
    return (reshape(g, [n, c * bs * bs, h, w]),)
