"""Ops: pooling (max/avg pool 2d/3d, pool, max_pool_with_argmax).

Window geometry is TF.js ``computePool2DInfo`` / ``computePool3DInfo`` (:func:`pool_geometry`,
shared by the kernels of every backend): ``'same'``, ``'valid'``, a number (the same padding on
every side; the output size rounded by ``dim_rounding_mode``, truncated by default) or explicit
``[[0, 0], [top, bottom], [left, right], [0, 0]]`` padding. Padded cells never take part: max
ignores them, avg divides by the number of real cells in the window.

TF.js cpu semantics kept: max pooling ignores NaN (a window of only NaN gives -Infinity); a 2-D
avg window with no real cell (possible with large numeric padding) gives NaN, a 3-D one gives 0;
``avg_pool``/``avg_pool3d`` need float32 input; ``max_pool3d`` always returns float32 (int32 and
bool inputs too); ``max_pool_with_argmax`` returns ``result`` (x's dtype) and int32 ``indexes``
(the first maximum of each window, flattened as ``(y * width + x) * channels + c``, plus the batch
when ``include_batch_in_index``).

Differences from TF.js 4.22, on purpose (TF.js is wrong there; these follow TensorFlow):

- the AvgPool / AvgPool3D gradients divide by the number of real cells in each window (TF.js
  divides by the full filter size, so 'same', numeric and ceil-rounded padding give wrong
  gradients);
- the MaxPool / AvgPool gradients honour ``dim_rounding_mode`` (TF.js drops it, so ceil/round
  rounding gives a gradient for the wrong windows);
- the MaxPool3D gradient routes ``dy`` to the right cell for non-cubic filters (TF.js mixes up
  the height and width strides of its position index); as TF.js, ties go to the last maximum;
- 3-D 'same' padding is never negative (TF.js shifts the windows when the filter is smaller
  than the stride);
- ``pool`` with dilations > 1 keeps a numeric or explicit padding (TF.js silently drops it);
- non-integer or negative paddings, non-zero batch/channel paddings, filter sizes or strides
  below 1 are errors (TF.js computes garbage shapes);
- ``max_pool_with_argmax`` accepts rank 3 input (documented by TF.js, which then fails) and
  has a gradient (TF.js has none).
"""
from __future__ import annotations

from fractions import Fraction
import math
from typing import Any, NamedTuple, Sequence

from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError
from ..core.tensor import Tensor
from . import creation, logical, slice_join, transformation
from ._util import cast_to

__all__ = ["max_pool", "avg_pool", "max_pool3d", "avg_pool3d", "pool", "max_pool_with_argmax",
           "MaxPoolWithArgmaxResult", "pool_geometry"]

Pad = Any  # 'same' | 'valid' | int | explicit pairs
_ROUNDING = (None, "floor", "round", "ceil")


# ------------------------------------------------------------------------------ geometry
def _round(v: Fraction, mode: str | None) -> int:
    if mode is None:
        return math.trunc(v)
    if mode == "ceil":
        return math.ceil(v)
    if mode == "floor":
        return math.floor(v)
    return math.floor(v + Fraction(1, 2))  # JS Math.round: halves go up


def pool_geometry(in_size: Sequence[int], filter_size: Sequence[int], strides: Sequence[int],
                  pad: Pad, dim_rounding_mode: str | None = None
                  ) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Output sizes and leading paddings of a 2-D or 3-D pooling window (TF.js
    ``computePool2DInfo`` / ``computePool3DInfo``), for normalized arguments: spatial input
    sizes, filter sizes and strides (one per spatial axis), ``pad`` as ``'same'``, ``'valid'``,
    an int, or one ``(before, after)`` pair per axis of the full input (batch and channel pairs
    included). Window ``o`` along an axis covers input cells ``o * stride - before`` up to
    ``+ filter`` (exclusive), clipped to the input.

    >>> from pytfjs.ops.pooling import pool_geometry
    >>> pool_geometry((5, 5), (3, 3), (2, 2), "same")
    ((3, 3), (1, 1))
    """
    n = len(in_size)
    outs: list[int] = []
    befores: list[int] = []
    for i in range(n):
        size, f, s = in_size[i], filter_size[i], strides[i]
        if pad == "same":
            out = -(-size // s)
            along = max(0, (out - 1) * s + f - size)
            before = along // 2
        elif pad == "valid":
            out = -(-(size - f + 1) // s)
            if n == 3:
                out = max(out, 0)
            before = 0
        elif isinstance(pad, int):
            if n == 3 and size + 2 * pad < f:
                out = 0
            else:
                out = _round(Fraction(size - f + 2 * pad, s) + 1, dim_rounding_mode)
            before = pad
        else:
            before, after = pad[i + 1]
            out = _round(Fraction(size - f + before + after, s) + 1, dim_rounding_mode)
        outs.append(out)
        befores.append(before)
    return tuple(outs), tuple(befores)


# ------------------------------------------------------------------------------ argument parsing
def _int_arg(v: Any, op_name: str, arg: str, minimum: int) -> int:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
        raise ValueError(f"'{op_name}': {arg} must be an integer >= {minimum} (or a list of "
                         f"them), got {v!r}")
    return v


def _tuple_arg(v: Any, n: int, op_name: str, arg: str, minimum: int = 1) -> tuple[int, ...]:
    """An int or a list of ``n`` ints (TF.js ``parseTupleParam``)."""
    if isinstance(v, (list, tuple)):
        if len(v) != n:
            raise ValueError(f"'{op_name}': {arg} must be an integer or a list of {n} integers, "
                             f"got {list(v)!r}")
        return tuple(_int_arg(e, op_name, arg, minimum) for e in v)
    if v is None:
        raise TypeError(f"'{op_name}': {arg} is required (an integer or a list of {n} "
                        f"integers)")
    return (_int_arg(v, op_name, arg, minimum),) * n


def _pad_arg(pad: Any, rank: int, op_name: str, rounding: str | None) -> Pad:
    """'same' | 'valid' | a non-negative int | one (before, after) pair per axis of x, the
    batch and channel pairs being zero; checks ``dim_rounding_mode`` as TF.js
    ``checkPadOnDimRoundingMode``."""
    if rounding not in _ROUNDING:
        raise ValueError(f"'{op_name}': dim_rounding_mode must be one of 'floor', 'round', "
                         f"'ceil' or None, got {rounding!r}")
    if isinstance(pad, str):
        if pad not in ("same", "valid"):
            raise ValueError(f"'{op_name}': pad must be 'same', 'valid', an integer or explicit "
                             f"paddings, got {pad!r}")
        if rounding is not None:
            raise ValueError(f"'{op_name}': pad must be an integer when using dim_rounding_mode "
                             f"{rounding!r}, but got pad {pad!r}")
        return pad
    if isinstance(pad, (list, tuple)):
        pairs = []
        if len(pad) != rank:
            raise ValueError(f"'{op_name}': explicit pad must have {rank} [before, after] pairs "
                             f"(one per axis of x), got {list(pad)!r}")
        for p in pad:
            if not isinstance(p, (list, tuple)) or len(p) != 2:
                raise ValueError(f"'{op_name}': explicit pad must be a list of [before, after] "
                                 f"pairs, got {list(pad)!r}")
            pairs.append((_int_arg(p[0], op_name, "pad", 0), _int_arg(p[1], op_name, "pad", 0)))
        if pairs[0] != (0, 0) or pairs[-1] != (0, 0):
            raise ValueError(f"'{op_name}': explicit pad must be [0, 0] for the batch and "
                             f"channel axes, got {list(pad)!r}")
        return tuple(pairs)
    return _int_arg(pad, op_name, "pad", 0)


def _input(x: Any, op_name: str, rank: int, float_only: bool) -> tuple[Tensor, bool]:
    """Converts x (float32 for TensorLikes of the avg ops) and adds the batch axis to an
    unbatched input; returns (x, whether a batch axis was added)."""
    # TF.js parses plain TensorLikes (lists, numbers) as float32 for the avg ops; typed data
    # (NumPy arrays, buffers) keeps its dtype and must be float32
    plain = isinstance(x, (list, tuple, int, float))
    x = to_tensor(x, "x", op_name, dtype="float32" if float_only and plain else None,
                  numeric=True)
    if x.dtype == "complex64":
        raise TypeError(f"Argument 'x' passed to '{op_name}' must be a real tensor, but got "
                        f"complex64 tensor")
    if float_only and x.dtype not in ("float32", "float64"):
        raise TypeError(f"Argument 'x' passed to '{op_name}' must be float32 tensor, but got "
                        f"{x.dtype} tensor")
    if x.rank == rank - 1:
        return transformation.reshape(x, (1, *x.shape)), True
    if x.rank != rank:
        raise ShapeError(f"'{op_name}': x must be rank {rank} or {rank - 1}, got rank {x.rank} "
                         f"(shape {list(x.shape)})")
    return x, False


def _attrs(x: Tensor, op_name: str, n: int, filter_size: Any, strides: Any, pad: Any,
           dim_rounding_mode: str | None) -> dict:
    attrs = {"filter_size": _tuple_arg(filter_size, n, op_name, "filter_size"),
             "strides": _tuple_arg(strides, n, op_name, "strides"),
             "pad": _pad_arg(pad, n + 2, op_name, dim_rounding_mode),
             "dim_rounding_mode": dim_rounding_mode}
    outs, _ = pool_geometry(x.shape[1:-1], attrs["filter_size"], attrs["strides"], attrs["pad"],
                            dim_rounding_mode)
    if any(o < 0 for o in outs):
        raise ShapeError(f"'{op_name}': the window (filter_size {list(attrs['filter_size'])}, "
                         f"strides {list(attrs['strides'])}, pad {pad!r}) gives a negative "
                         f"output size {list(outs)} for x of shape {list(x.shape)}")
    return attrs


def _pooled(kernel: str, op_name: str, x: Any, n: int, filter_size: Any, strides: Any,
            pad: Any, dim_rounding_mode: str | None, float_only: bool,
            data_format: str | None = None) -> Tensor:
    xb, added = _input(x, op_name, n + 2, float_only)
    if data_format is not None and data_format != "NDHWC":
        raise ValueError(f"'{op_name}': only data_format 'NDHWC' is supported, got "
                         f"{data_format!r}")
    attrs = _attrs(xb, op_name, n, filter_size, strides, pad, dim_rounding_mode)
    y = run(kernel, xb, **attrs)
    return transformation.reshape(y, y.shape[1:]) if added else y


# ------------------------------------------------------------------------------ 2-D
@op("MaxPool", tf_ops=("MaxPool",), dtype="same", kernels=("MaxPoolGrad",))
def max_pool(x: Any, filter_size: int | Sequence[int], strides: int | Sequence[int], pad: Pad,
             dim_rounding_mode: str | None = None) -> Tensor:
    """2-D max pooling of an NHWC image batch (NaN is ignored, as TF.js).

    Args:
        x: a rank 4 ``[batch, height, width, channels]`` tensor (rank 3: one image);
            float32, int32 or bool.
        filter_size: ``[height, width]`` of the window, or one int for both.
        strides: ``[height, width]`` strides, or one int for both.
        pad: ``'same'``, ``'valid'``, an int (padding on every side) or explicit
            ``[[0, 0], [top, bottom], [left, right], [0, 0]]``.
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` for the output size with a
            numeric pad (default: truncate).

    >>> import pytfjs as tf
    >>> x = tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], [1, 3, 3, 1])
    >>> tf.max_pool(x, 2, 1, "valid").reshape([2, 2]).to_list()
    [[5.0, 6.0], [8.0, 9.0]]
    """
    return _pooled("MaxPool", "max_pool", x, 2, filter_size, strides, pad, dim_rounding_mode,
                   False)


@max_pool.gradient(save_inputs=True, save_outputs=True)
def _max_pool_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,), (y,) = inputs, outputs
    return (run("MaxPoolGrad", dy, x, y, **attrs),)


@max_pool.gradient(save_inputs=True, kernel_name="MaxPoolGrad")
def _max_pool_grad_grad(ddx: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    """MaxPoolGrad is linear in dy: each dy value lands on its window's first maximum, so its
    gradient gathers ``ddx`` at those positions (from ``MaxPoolWithArgmax``)."""
    dy, x, _y = inputs
    _, idx = run("MaxPoolWithArgmax", x, filter_size=attrs["filter_size"],
                 strides=attrs["strides"], pad=attrs["pad"], include_batch_in_index=True,
                 dim_rounding_mode=attrs.get("dim_rounding_mode"))
    return (_gather_at(ddx, idx, dy.dtype), None, None)


def _gather_at(v: Tensor, idx: Tensor, dtype: str) -> Tensor:
    """``v.flat[idx]`` where ``idx >= 0``, else 0."""
    found = logical.greater_equal(idx, 0)
    safe = logical.where(found, idx, creation.zeros_like(idx))
    got = slice_join.gather(transformation.reshape(v, (-1,)), transformation.reshape(safe, (-1,)))
    got = transformation.reshape(cast_to(got, dtype), idx.shape)
    return logical.where(found, got, creation.zeros_like(got))


@op("AvgPool", tf_ops=("AvgPool",), dtype="float32", kernels=("AvgPoolGrad",))
def avg_pool(x: Any, filter_size: int | Sequence[int], strides: int | Sequence[int], pad: Pad,
             dim_rounding_mode: str | None = None) -> Tensor:
    """2-D average pooling of an NHWC image batch; each window averages its real (unpadded)
    cells.

    Args:
        x: a float32 rank 4 ``[batch, height, width, channels]`` tensor (rank 3: one image).
        filter_size: ``[height, width]`` of the window, or one int for both.
        strides: ``[height, width]`` strides, or one int for both.
        pad: ``'same'``, ``'valid'``, an int or explicit
            ``[[0, 0], [top, bottom], [left, right], [0, 0]]``.
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` (with a numeric pad).

    >>> import pytfjs as tf
    >>> x = tf.tensor([1.0, 2.0, 3.0, 4.0], [1, 2, 2, 1])
    >>> tf.avg_pool(x, 2, 1, "same").reshape([2, 2]).to_list()
    [[2.5, 3.0], [3.5, 4.0]]
    """
    return _pooled("AvgPool", "avg_pool", x, 2, filter_size, strides, pad, dim_rounding_mode,
                   True)


@avg_pool.gradient(save_inputs=True)
def _avg_pool_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    return (run("AvgPoolGrad", dy, x, **attrs),)


@avg_pool.gradient(kernel_name="AvgPoolGrad")
def _avg_pool_grad_grad(ddx: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    """AvgPoolGrad is the adjoint of the (linear) AvgPool, so its gradient is AvgPool."""
    return (run("AvgPool", ddx, **attrs), None)


# ------------------------------------------------------------------------------ 3-D
@op("MaxPool3D", tf_ops=("MaxPool3D",), dtype="float32", kernels=("MaxPool3DGrad",))
def max_pool3d(x: Any, filter_size: int | Sequence[int] = (1, 1, 1),
               strides: int | Sequence[int] | None = None, pad: Pad = None,
               dim_rounding_mode: str | None = None, data_format: str = "NDHWC") -> Tensor:
    """3-D max pooling of an NDHWC volume batch. As TF.js's cpu backend, the result is float32
    whatever the input dtype; NaN is ignored.

    Args:
        x: a rank 5 ``[batch, depth, height, width, channels]`` tensor (rank 4: one volume).
        filter_size: ``[depth, height, width]`` of the window, or one int (default 1).
        strides: ``[depth, height, width]`` strides, or one int (required).
        pad: ``'same'``, ``'valid'``, an int or explicit pairs per axis (required).
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` (with a numeric pad).
        data_format: only ``'NDHWC'``.

    >>> import pytfjs as tf
    >>> x = tf.tensor([float(i) for i in range(8)], [1, 2, 2, 2, 1])
    >>> tf.max_pool3d(x, 2, 1, "valid").reshape([-1]).to_list()
    [7.0]
    """
    if pad is None:
        raise TypeError("'max_pool3d': pad is required ('same', 'valid', an integer or "
                        "explicit paddings)")
    return _pooled("MaxPool3D", "max_pool3d", x, 3, filter_size, strides, pad,
                   dim_rounding_mode, False, data_format)


@max_pool3d.gradient(save_inputs=True, save_outputs=True)
def _max_pool3d_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,), (y,) = inputs, outputs
    return (run("MaxPool3DGrad", dy, x, y, **attrs),)


@op("AvgPool3D", tf_ops=("AvgPool3D",), dtype="float32", kernels=("AvgPool3DGrad",))
def avg_pool3d(x: Any, filter_size: int | Sequence[int] = (1, 1, 1),
               strides: int | Sequence[int] | None = None, pad: Pad = None,
               dim_rounding_mode: str | None = None, data_format: str = "NDHWC") -> Tensor:
    """3-D average pooling of an NDHWC volume batch over the real (unpadded) cells of each
    window (a window with none gives 0, as TF.js).

    Args:
        x: a float32 rank 5 ``[batch, depth, height, width, channels]`` tensor (rank 4: one
            volume).
        filter_size: ``[depth, height, width]`` of the window, or one int.
        strides: ``[depth, height, width]`` strides, or one int (required).
        pad: ``'same'``, ``'valid'``, an int or explicit pairs per axis (required).
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` (with a numeric pad).
        data_format: only ``'NDHWC'``.

    >>> import pytfjs as tf
    >>> x = tf.tensor([float(i) for i in range(8)], [1, 2, 2, 2, 1])
    >>> tf.avg_pool3d(x, 2, 1, "valid").reshape([-1]).to_list()
    [3.5]
    """
    if pad is None:
        raise TypeError("'avg_pool3d': pad is required ('same', 'valid', an integer or "
                        "explicit paddings)")
    return _pooled("AvgPool3D", "avg_pool3d", x, 3, filter_size, strides, pad,
                   dim_rounding_mode, True, data_format)


@avg_pool3d.gradient(save_inputs=True)
def _avg_pool3d_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    return (run("AvgPool3DGrad", dy, x, **attrs),)


@avg_pool3d.gradient(kernel_name="AvgPool3DGrad")
def _avg_pool3d_grad_grad(ddx: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (run("AvgPool3D", ddx, **attrs), None)


# ------------------------------------------------------------------------------ argmax
class MaxPoolWithArgmaxResult(NamedTuple):
    """The result of :func:`max_pool_with_argmax`."""
    result: Tensor
    indexes: Tensor


@op("MaxPoolWithArgmax", tf_ops=("MaxPoolWithArgmax",), dtype="x's dtype; indexes int32")
def max_pool_with_argmax(x: Any, filter_size: int | Sequence[int], strides: int | Sequence[int],
                         pad: Pad, include_batch_in_index: bool = False
                         ) -> MaxPoolWithArgmaxResult:
    """2-D max pooling that also returns where each maximum came from: the flat index
    ``(y * width + x) * channels + c`` of the first maximum of each window (``((b * height +
    y) * width + x) * channels + c`` with ``include_batch_in_index``; -1 for a window without
    a number). Returns ``(result, indexes)``.

    Args:
        x: a rank 4 ``[batch, height, width, channels]`` tensor (rank 3: one image).
        filter_size: ``[height, width]`` of the window, or one int for both.
        strides: ``[height, width]`` strides, or one int for both.
        pad: ``'same'``, ``'valid'``, an int or explicit paddings.
        include_batch_in_index: count the batch in the flat index.

    >>> import pytfjs as tf
    >>> x = tf.tensor([1.0, 5.0, 3.0, 2.0], [1, 2, 2, 1])
    >>> r = tf.max_pool_with_argmax(x, 2, 1, "valid")
    >>> r.result.reshape([-1]).to_list(), r.indexes.reshape([-1]).to_list()
    ([5.0], [1])
    """
    name = "max_pool_with_argmax"
    xb, added = _input(x, name, 4, False)
    if not isinstance(include_batch_in_index, bool):
        raise TypeError(f"'{name}': include_batch_in_index must be a bool, got "
                        f"{include_batch_in_index!r}")
    attrs = _attrs(xb, name, 2, filter_size, strides, pad, None)
    del attrs["dim_rounding_mode"]
    y, idx = run("MaxPoolWithArgmax", xb, include_batch_in_index=include_batch_in_index, **attrs)
    if added:
        y = transformation.reshape(y, y.shape[1:])
        idx = transformation.reshape(idx, idx.shape[1:])
    return MaxPoolWithArgmaxResult(y, idx)


@max_pool_with_argmax.gradient(save_inputs=True, save_outputs=True)
def _max_pool_with_argmax_grad(dys: Any, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    y = outputs[0]
    return (run("MaxPoolGrad", dys[0], x, y, filter_size=attrs["filter_size"],
                strides=attrs["strides"], pad=attrs["pad"],
                dim_rounding_mode=attrs.get("dim_rounding_mode")),)


# ------------------------------------------------------------------------------ pool
def _space_to_batch_pads(in_size: Sequence[int], dil: Sequence[int],
                         base: Sequence[tuple[int, int]]) -> tuple[list, list]:
    """Paddings that make each padded axis a multiple of its dilation, and the crops that undo
    the extra (TensorFlow ``required_space_to_batch_paddings``)."""
    pads, crops = [], []
    for size, d, (b, a) in zip(in_size, dil, base):
        extra = (d - (size + b + a) % d) % d
        pads.append([b, a + extra])
        crops.append([0, extra])
    return pads, crops


@op(None, dtype="same as max_pool / avg_pool", method=True)
def pool(input: Any, window_shape: int | Sequence[int], pooling_type: str, pad: Pad,  # noqa: A002
         dilations: int | Sequence[int] | None = None, strides: int | Sequence[int] | None = None,
         dim_rounding_mode: str | None = None) -> Tensor:
    """2-D max or average pooling with optional dilation (TF.js ``tf.pool``). With dilations
    > 1 (strides must then be 1) the input is split into dilation-strided sub-images
    (``space_to_batch_nd``), pooled with 'valid' windows and put back; as in TensorFlow the
    zero padding of 'same' then takes part in the windows.

    Args:
        input: a rank 4 ``[batch, height, width, channels]`` tensor (rank 3: one image).
        window_shape: ``[height, width]`` of the window, or one int.
        pooling_type: ``'max'`` or ``'avg'``.
        pad: ``'same'``, ``'valid'``, an int (0 means 'valid') or explicit paddings.
        dilations: ``[height, width]`` dilation rates, or one int (default 1).
        strides: ``[height, width]`` strides, or one int (default 1).
        dim_rounding_mode: ``'floor'``, ``'round'`` or ``'ceil'`` (with a numeric pad).

    >>> import pytfjs as tf
    >>> x = tf.tensor([float(i) for i in range(16)], [1, 4, 4, 1])
    >>> tf.pool(x, 2, "max", "valid", 2).reshape([2, 2]).to_list()
    [[10.0, 11.0], [14.0, 15.0]]
    """
    name = "pool"
    if pooling_type not in ("max", "avg"):
        raise ValueError(f"'{name}': pooling_type must be 'max' or 'avg', got {pooling_type!r}")
    if dilations is None:
        dilations = 1
    if strides is None:
        strides = 1
    if isinstance(pad, (int, float)) and not isinstance(pad, bool) and pad == 0:
        pad = "valid"
    x = to_tensor(input, "x", name, numeric=True)
    added = x.rank == 3
    if added:
        x = transformation.reshape(x, (1, *x.shape))
    if x.rank != 4:
        raise ShapeError(f"'{name}': input must be rank 4 or 3, got rank {x.rank - added}")
    dil = _tuple_arg(dilations, 2, name, "dilations")
    st = _tuple_arg(strides, 2, name, "strides")
    if dil != (1, 1) and st != (1, 1):
        raise ValueError(f"'{name}': either strides or dilations must be 1, got strides "
                         f"{list(st)} and dilations {list(dil)}")
    fn = max_pool if pooling_type == "max" else avg_pool
    if dil == (1, 1):
        y = fn(x, window_shape, st, pad, dim_rounding_mode)
    else:
        ws = _tuple_arg(window_shape, 2, name, "window_shape")
        p = _pad_arg(pad, 4, name, dim_rounding_mode)
        if p == "same":
            base = []
            for f, d in zip(ws, dil):
                total = (f - 1) * d
                base.append((total // 2, total - total // 2))
        elif p == "valid":
            base = [(0, 0), (0, 0)]
        elif isinstance(p, int):
            base = [(p, p), (p, p)]
        else:
            base = [p[1], p[2]]
        pads, crops = _space_to_batch_pads(x.shape[1:3], dil, base)
        xs = transformation.space_to_batch_nd(x, list(dil), pads)
        y = fn(xs, ws, 1, "valid")
        y = transformation.batch_to_space_nd(y, list(dil), crops)
    return transformation.reshape(y, y.shape[1:]) if added else y
