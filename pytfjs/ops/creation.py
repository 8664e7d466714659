"""Ops: creation (tensor, scalar, tensor1d..6d, variable, clone, zeros, ones, fill, ...)."""
from __future__ import annotations

import array as _array
import builtins
import math
from typing import Any

from ..core import dtypes as _dt
from ..core import random as _rand
from ..core.convert import host_values
from ..core.engine import ENGINE
from ..core.opdef import op, run, to_tensor
from ..core.tensor import Tensor, Variable
from ._util import as_int, as_int_list

__all__ = ["tensor", "scalar", "tensor1d", "tensor2d", "tensor3d", "tensor4d", "tensor5d",
           "tensor6d", "variable", "clone", "fill", "zeros", "ones", "zeros_like", "ones_like",
           "range", "linspace", "eye", "one_hot", "complex", "real", "imag"]


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a tensor from nested lists, a scalar, a buffer (``array.array``, ``bytes``-like)
    or an array-interface object (NumPy arrays). Python ints infer int32, floats float32,
    bools bool, strings string.

    >>> import pytfjs as tf
    >>> tf.tensor([[1, 2], [3, 4]]).dtype
    'int32'
    >>> tf.tensor([1, 2, 3, 4], [2, 2], "float32").to_list()
    [[1.0, 2.0], [3.0, 4.0]]
    >>> import array
    >>> tf.tensor(array.array("f", [0.5, 1.5])).to_list()
    [0.5, 1.5]
    """
    if isinstance(values, Tensor):
        values._check()
        out = values if dtype is None or dtype == values.dtype else run("Cast", values, dtype=dtype)
        if shape is not None:
            from .transformation import reshape
            return reshape(out, shape)
        return out if out is not values else run("Identity", values)
    return ENGINE.make_tensor(host_values(values, shape, dtype, op="tensor"))


@op(None, method=False, differentiable=False, dtype="inferred or given")
def scalar(value: Any, dtype: str | None = None) -> Tensor:
    """Creates a rank-0 tensor.

    >>> import pytfjs as tf
    >>> tf.scalar(3.5).shape
    ()
    """
    if isinstance(value, (list, tuple)) or (hasattr(value, "shape") and tuple(value.shape) != ()):
        raise TypeError("The value passed to 'scalar' must be a primitive (bool, int, float, "
                        f"complex or str), got {type(value).__name__}")
    return ENGINE.make_tensor(host_values(value, None, dtype, op="scalar"))


def _ranked(values: Any, shape: Any, dtype: str | None, rank: int) -> Tensor:
    name = f"tensor{rank}d"
    host = host_values(values, shape, dtype, op=name)
    if len(host.shape) != rank:
        if shape is None and rank > 1 and len(host.shape) == 1:
            raise ValueError(f"'{name}': a flat list needs a shape of rank {rank}")
        raise ValueError(f"'{name}' requires values of rank {rank}, got shape {list(host.shape)}")
    return ENGINE.make_tensor(host)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor1d(values: Any, dtype: str | None = None) -> Tensor:
    """Creates a rank-1 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor1d([1, 2, 3]).shape
    (3,)
    """
    return _ranked(values, None, dtype, 1)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor2d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-2 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor2d([1, 2, 3, 4], [2, 2]).to_list()
    [[1, 2], [3, 4]]
    """
    return _ranked(values, shape, dtype, 2)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor3d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-3 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor3d([[[1], [2]], [[3], [4]]]).shape
    (2, 2, 1)
    """
    return _ranked(values, shape, dtype, 3)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor4d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-4 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]).shape
    (1, 2, 2, 1)
    """
    return _ranked(values, shape, dtype, 4)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor5d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-5 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor5d([1, 2, 3, 4], [1, 1, 2, 2, 1]).shape
    (1, 1, 2, 2, 1)
    """
    return _ranked(values, shape, dtype, 5)


@op(None, method=False, differentiable=False, dtype="inferred or given")
def tensor6d(values: Any, shape: Any = None, dtype: str | None = None) -> Tensor:
    """Creates a rank-6 tensor.

    >>> import pytfjs as tf
    >>> tf.tensor6d([1, 2, 3, 4], [1, 1, 1, 2, 2, 1]).shape
    (1, 1, 1, 2, 2, 1)
    """
    return _ranked(values, shape, dtype, 6)


@op(None, method=False, differentiable=False, dtype="initial value's, or given")
def variable(initial_value: Any, trainable: bool = True, name: str | None = None,
             dtype: str | None = None) -> Variable:
    """Creates a mutable :class:`Variable`; ``tidy`` never disposes it.

    >>> import pytfjs as tf
    >>> v = tf.variable(tf.tensor([1.0, 2.0]), name="doc_v")
    >>> v.assign(v * 2)
    >>> v.to_list()
    [2.0, 4.0]
    >>> v.dispose()
    """
    init = to_tensor(initial_value, "initial_value", "variable")
    return ENGINE.make_variable(init, trainable, name, dtype)


@op("Identity", tf_ops=("Identity", "IdentityN", "Snapshot", "StopGradient",
                        "PreventGradient"), dtype="same")
def clone(x: Any) -> Tensor:
    """A new tensor with the same values (no copy of the data is made).

    >>> import pytfjs as tf
    >>> tf.clone(tf.tensor([1, 2])).to_list()
    [1, 2]
    """
    return run("Identity", to_tensor(x, "x", "clone"))


@clone.gradient()
def _clone_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (dy,)


# ----------------------------------------------------------------------------- helpers
def _shape_arg(shape: Any, op_name: str, arg: str = "shape") -> tuple[int, ...]:
    """A shape argument as a tuple of non-negative ints (TF.js
    ``assertNonNegativeIntegerDimensions``); a single int means a rank-1 shape."""
    shape = as_int_list(as_int(shape))
    if isinstance(shape, int) and not isinstance(shape, bool):
        shape = (shape,)
    if isinstance(shape, Tensor) or not isinstance(shape, (list, tuple)):
        raise TypeError(f"'{op_name}': {arg} must be a list of ints, got {type(shape).__name__}")
    out = []
    for d in shape:
        if isinstance(d, float) and d.is_integer():
            d = int(d)
        if not isinstance(d, int) or isinstance(d, bool) or d < 0:
            raise ValueError(f"'{op_name}': {arg} must be non-negative integers, got "
                             f"{list(shape)}")
        out.append(d)
    return tuple(out)


def _typed_scalar(value: Any, dtype: str, op_name: str, arg: str = "value") -> Any:
    """``value`` as TF.js stores it in a typed array of ``dtype``: float32 rounds, int32 is
    ``ToInt32`` (truncates), bool keeps the low byte of the truncation (``0.5`` is false)."""
    if dtype == "string":
        if not isinstance(value, str):
            raise TypeError(f"'{op_name}': {arg} must be a str for a string tensor, got "
                            f"{type(value).__name__}")
        return value
    if isinstance(value, str) or not isinstance(value, (bool, int, float, builtins.complex)):
        if hasattr(value, "item") and not isinstance(value, Tensor):
            value = value.item()  # NumPy scalars
        else:
            raise TypeError(f"'{op_name}': {arg} must be a number or bool, got "
                            f"{type(value).__name__}")
    if dtype == "complex64":
        return builtins.complex(value)
    if isinstance(value, builtins.complex):
        raise TypeError(f"'{op_name}': a complex {arg} needs dtype complex64, not {dtype}")
    if dtype in ("float32", "float16", "float64"):
        return float(value) if dtype == "float64" else _array.array("f", [float(value)])[0]
    if dtype == "bool":
        return _rand.to_int32(float(value)) & 0xFF != 0
    if dtype in _dt.INT_DTYPES:
        return _rand.to_int32(float(value))
    raise TypeError(f"'{op_name}': unsupported dtype {dtype}")


def _dtype_arg(dtype: Any, op_name: str, allowed: tuple[str, ...] | None = None) -> str:
    try:
        dtype = _dt.check_dtype(dtype)
    except _dt.DTypeError as e:
        raise TypeError(f"'{op_name}': {e}") from None
    if allowed is not None and dtype not in allowed:
        raise TypeError(f"'{op_name}': dtype must be one of {', '.join(allowed)}, got {dtype}")
    return dtype


def _number_arg(value: Any, op_name: str, arg: str, finite: bool = True) -> float:
    if isinstance(value, Tensor):
        if value.size != 1:
            raise ValueError(f"'{op_name}': {arg} must be a number, got a tensor of shape "
                             f"{list(value.shape)}")
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if hasattr(value, "item"):
            value = value.item()
        else:
            raise TypeError(f"'{op_name}': {arg} must be a number, got {type(value).__name__}")
    if finite and not math.isfinite(value):
        raise ValueError(f"'{op_name}': {arg} must be finite, got {value}")
    return value


# ----------------------------------------------------------------------------- ops
@op("Fill", tf_ops=("Fill",), method=False, differentiable=False, dtype="given or inferred")
def fill(shape: Any, value: Any, dtype: str | None = None) -> Tensor:
    """Creates a tensor of ``shape`` filled with the scalar ``value``.

    Args:
        shape: the output shape (a list of non-negative ints).
        value: a number, bool or str.
        dtype: the output dtype; by default inferred from ``value`` (int -> int32,
            float -> float32, bool -> bool, str -> string). The value is stored as TF.js's
            typed arrays store it: ``fill([2], 3.7, "int32")`` gives ``[3, 3]``.

    >>> import pytfjs as tf
    >>> tf.fill([2, 2], 4).to_list()
    [[4, 4], [4, 4]]
    >>> tf.fill([3], 0.5, "float32").to_list()
    [0.5, 0.5, 0.5]
    """
    shape = _shape_arg(shape, "fill")
    if dtype is None:
        try:
            dtype = _dt.scalar_dtype(value)
        except _dt.DTypeError:
            raise TypeError(f"'fill': value must be a number, bool or str, got "
                            f"{type(value).__name__}") from None
    dtype = _dtype_arg(dtype, "fill")
    return run("Fill", shape=shape, value=_typed_scalar(value, dtype, "fill"), dtype=dtype)


@op(None, method=False, differentiable=False, dtype="given (float32 by default)")
def zeros(shape: Any, dtype: str = "float32") -> Tensor:
    """Creates a tensor of ``shape`` with all elements 0 (False for bool).

    Args:
        shape: the output shape (a list of non-negative ints).
        dtype: float32 (default), int32, bool, complex64 (or a backend's extra dtypes).

    >>> import pytfjs as tf
    >>> tf.zeros([2, 3]).to_list()
    [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    >>> tf.zeros([2], "int32").dtype
    'int32'
    """
    shape = _shape_arg(shape, "zeros")
    dtype = _dtype_arg(dtype, "zeros")
    if dtype == "string":
        raise TypeError("'zeros': dtype string is not supported (use fill(shape, ''))")
    return run("Fill", shape=shape, value=_typed_scalar(0, dtype, "zeros"), dtype=dtype)


@op(None, method=False, differentiable=False, dtype="given (float32 by default)")
def ones(shape: Any, dtype: str = "float32") -> Tensor:
    """Creates a tensor of ``shape`` with all elements 1 (True for bool; 1+0j for complex64).

    Args:
        shape: the output shape (a list of non-negative ints).
        dtype: float32 (default), int32, bool, complex64 (or a backend's extra dtypes).

    >>> import pytfjs as tf
    >>> tf.ones([2, 2], "int32").to_list()
    [[1, 1], [1, 1]]
    """
    shape = _shape_arg(shape, "ones")
    dtype = _dtype_arg(dtype, "ones")
    if dtype == "string":
        raise TypeError("'ones': dtype string is not supported (use fill(shape, '1'))")
    return run("Fill", shape=shape, value=_typed_scalar(1, dtype, "ones"), dtype=dtype)


@op("ZerosLike", tf_ops=("ZerosLike",), dtype="same")
def zeros_like(x: Any) -> Tensor:
    """Creates a tensor of zeros with the shape and dtype of ``x``.

    Args:
        x: a numeric or bool tensor (or TensorLike).

    >>> import pytfjs as tf
    >>> tf.zeros_like(tf.tensor([[1, 2], [3, 4]])).to_list()
    [[0, 0], [0, 0]]
    """
    x = to_tensor(x, "x", "zeros_like", numeric=True)
    return run("ZerosLike", x)


@zeros_like.gradient()
def _zeros_like_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # The output does not depend on the values of x (as TF.js: zerosLike(dy)).
    return (zeros_like(dy),)


@op("OnesLike", tf_ops=("OnesLike",), dtype="same")
def ones_like(x: Any) -> Tensor:
    """Creates a tensor of ones with the shape and dtype of ``x`` (1+0j for complex64).

    Args:
        x: a numeric or bool tensor (or TensorLike).

    >>> import pytfjs as tf
    >>> tf.ones_like(tf.tensor([1.5, 2.5])).to_list()
    [1.0, 1.0]
    """
    x = to_tensor(x, "x", "ones_like", numeric=True)
    return run("OnesLike", x)


@ones_like.gradient()
def _ones_like_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    return (zeros_like(dy),)


@op("Range", tf_ops=("Range",), method=False, differentiable=False,
    dtype="given (float32 by default)")
def range(start: float, stop: float | None = None, step: float = 1,
          dtype: str = "float32") -> Tensor:
    """Creates a 1-D tensor of numbers from ``start`` (inclusive) to ``stop`` (exclusive).

    Follows TF.js: the values are a running sum (``v[i] = v[i-1] + step`` stored in a
    float32/int32 array, so they drift as a float32 sum would and int32 steps truncate);
    ``start == stop``, or a step pointing away from ``stop``, gives an empty tensor, except
    that the default ``step=1`` with ``stop < start`` counts down by 1.

    Args:
        start: the first value; the end when ``stop`` is None (``range(5)`` is 0..4).
        stop: the end (exclusive).
        step: the increment (not 0).
        dtype: float32 (default) or int32.

    >>> import pytfjs as tf
    >>> tf.range(0, 5, 2).to_list()
    [0.0, 2.0, 4.0]
    >>> tf.range(3, dtype="int32").to_list()
    [0, 1, 2]
    >>> tf.range(5, 2).to_list()
    [5.0, 4.0, 3.0]
    """
    start = _number_arg(start, "range", "start")
    if stop is None:
        start, stop = 0, start
    stop = _number_arg(stop, "range", "stop")
    step = _number_arg(step, "range", "step")
    if step == 0:
        raise ValueError("'range': step cannot be zero")
    dtype = _dtype_arg(dtype, "range", ("float32", "int32"))
    return run("Range", start=start, stop=stop, step=step, dtype=dtype)


@op("LinSpace", tf_ops=("LinSpace",), method=False, differentiable=False, dtype="float32")
def linspace(start: float, stop: float, num: int) -> Tensor:
    """Creates ``num`` evenly spaced float32 values from ``start`` to ``stop``.

    As in TF.js the values are a float32 running sum of ``(stop - start) / (num - 1)``, so the
    last one can miss ``stop`` by a few ulps.

    Args:
        start: the first value.
        stop: the last value.
        num: how many values (a positive int).

    >>> import pytfjs as tf
    >>> tf.linspace(0, 1, 5).to_list()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    start = _number_arg(start, "linspace", "start")
    stop = _number_arg(stop, "linspace", "stop")
    num = as_int(num)
    if isinstance(num, float) and num.is_integer():
        num = int(num)
    if not isinstance(num, int) or isinstance(num, bool):
        raise TypeError(f"'linspace': num must be an int, got {type(num).__name__}")
    if num <= 0:
        raise ValueError(f"'linspace': num must be positive, got {num}")
    return run("LinSpace", start=start, stop=stop, num=num)


@op(None, method=False, differentiable=False, dtype="given (float32 by default)")
def eye(num_rows: int, num_columns: int | None = None, batch_shape: Any = None,
        dtype: str = "float32") -> Tensor:
    """Creates an identity matrix (ones on the diagonal), optionally repeated over a batch.

    Args:
        num_rows: rows of each matrix.
        num_columns: columns of each matrix (default ``num_rows``).
        batch_shape: leading batch dimensions (a list of ints) to repeat the matrix over.
        dtype: float32 (default), int32 or bool.

    >>> import pytfjs as tf
    >>> tf.eye(2).to_list()
    [[1.0, 0.0], [0.0, 1.0]]
    >>> tf.eye(2, 3, [2], "int32").shape
    (2, 2, 3)
    """
    (num_rows,) = _shape_arg([num_rows], "eye", "num_rows")
    if num_columns is None:
        num_columns = num_rows
    (num_columns,) = _shape_arg([num_columns], "eye", "num_columns")
    dtype = _dtype_arg(dtype, "eye")
    if dtype in ("string", "complex64"):
        raise TypeError(f"'eye': dtype {dtype} is not supported")
    batch = () if batch_shape is None else _shape_arg(batch_shape, "eye", "batch_shape")
    rows = run("Range", start=0, stop=num_rows, step=1, dtype="int32") if num_rows else \
        run("Fill", shape=(0,), value=0, dtype="int32")
    out = run("OneHot", rows, depth=num_columns, on_value=_typed_scalar(1, dtype, "eye"),
              off_value=_typed_scalar(0, dtype, "eye"), dtype=dtype)
    if batch:
        out = run("BroadcastTo", out, shape=batch + (num_rows, num_columns))
    return out


@op("OneHot", tf_ops=("OneHot",), differentiable=False, dtype="given (int32 by default)")
def one_hot(indices: Any, depth: int, on_value: float = 1, off_value: float = 0,
            dtype: str = "int32") -> Tensor:
    """One-hot encodes ``indices``: the output has a new last axis of size ``depth`` that is
    ``on_value`` at each index and ``off_value`` elsewhere. Negative or out-of-range indices
    give rows of ``off_value``.

    Args:
        indices: an int32 tensor (or TensorLike) of any shape.
        depth: the size of the new axis (at least 2, as in TF.js).
        on_value: the value at the index (stored as float32, then as ``dtype``).
        off_value: the value elsewhere.
        dtype: the output dtype: int32 (default), float32 or bool.

    >>> import pytfjs as tf
    >>> tf.one_hot(tf.tensor([0, 2]), 3).to_list()
    [[1, 0, 0], [0, 0, 1]]
    >>> tf.one_hot([1, -1], 2, 5.0, -1.0, "float32").to_list()
    [[-1.0, 5.0], [-1.0, -1.0]]
    """
    depth = as_int(depth)
    if isinstance(depth, bool) or not isinstance(depth, int):
        raise TypeError(f"'one_hot': depth must be an int, got {type(depth).__name__}")
    if depth < 2:
        raise ValueError(f"'one_hot': depth must be >= 2, but it is {depth}")
    x = to_tensor(indices, "indices", "one_hot", dtype="int32")
    if x.dtype != "int32":
        raise TypeError(f"Argument 'indices' passed to 'one_hot' must be int32 tensor, but got "
                        f"{x.dtype} tensor")
    dtype = _dtype_arg(dtype, "one_hot")
    if dtype in ("string", "complex64"):
        raise TypeError(f"'one_hot': dtype {dtype} is not supported")
    # TF.js fills a Float32Array, then stores it as ``dtype``.
    on = _typed_scalar(_typed_scalar(on_value, "float32", "one_hot", "on_value"), dtype, "one_hot")
    off = _typed_scalar(_typed_scalar(off_value, "float32", "one_hot", "off_value"), dtype,
                        "one_hot")
    return run("OneHot", x, depth=depth, on_value=on, off_value=off, dtype=dtype)


@one_hot.gradient()
def _one_hot_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # int32 indices have no gradient; as TF.js, a float32 zero one lets a tape pass through
    # (e.g. one_hot(cast(x, 'int32'))).
    return (zeros(dy.shape[:-1], "float32"),)


@op("Complex", tf_ops=("Complex",), dtype="complex64")
def complex(real: Any, imag: Any) -> Tensor:
    """Builds a complex64 tensor from real and imaginary parts of the same shape.

    Args:
        real: the real parts (float32 or int32).
        imag: the imaginary parts, the same shape as ``real``.

    >>> import pytfjs as tf
    >>> tf.complex([1.0, 2.0], [3.0, 4.0]).to_list()
    [(1+3j), (2+4j)]
    """
    re = to_tensor(real, "real", "complex", numeric=True)
    im = to_tensor(imag, "imag", "complex", numeric=True)
    for t, arg in ((re, "real"), (im, "imag")):
        if t.dtype == "complex64":
            raise TypeError(f"Argument '{arg}' passed to 'complex' must be a real tensor, but "
                            f"got complex64 tensor")
    if re.shape != im.shape:
        raise ValueError(f"'complex': real and imag shapes, {list(re.shape)} and "
                         f"{list(im.shape)}, must match")
    return run("Complex", re, im)


@complex.gradient()
def _complex_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # TF's convention for complex gradients (TF.js has none for this kernel).
    return real(dy), imag(dy)


@op("Real", tf_ops=("Real",), dtype="float32 for complex64, else same")
def real(input: Any) -> Tensor:
    """The real parts of a complex tensor (a real tensor is returned unchanged, as in TF).

    Args:
        input: a complex64 (or real) tensor.

    >>> import pytfjs as tf
    >>> tf.real(tf.complex([1.0, 2.0], [3.0, 4.0])).to_list()
    [1.0, 2.0]
    """
    return run("Real", to_tensor(input, "input", "real", numeric=True))


@real.gradient(save_inputs=True)
def _real_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    if x.dtype != "complex64":
        return (dy,)
    return (complex(dy, zeros_like(dy)),)


@op("Imag", tf_ops=("Imag",), dtype="float32 for complex64, else same")
def imag(input: Any) -> Tensor:
    """The imaginary parts of a complex tensor (zeros for a real tensor, as in TF).

    Args:
        input: a complex64 (or real) tensor.

    >>> import pytfjs as tf
    >>> tf.imag(tf.complex([1.0, 2.0], [3.0, 4.0])).to_list()
    [3.0, 4.0]
    """
    return run("Imag", to_tensor(input, "input", "imag", numeric=True))


@imag.gradient(save_inputs=True)
def _imag_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    if x.dtype != "complex64":
        return (zeros_like(dy),)
    return (complex(zeros_like(dy), dy),)


class TensorBuffer:
    """A mutable host buffer to fill element by element, then turn into a tensor
    (TF.js ``tf.buffer`` / ``TensorBuffer``).

    >>> import pytfjs as tf
    >>> b = tf.buffer([2, 2])
    >>> b.set(5.0, 0, 1)
    >>> b.get(0, 1), b.to_tensor().to_list()
    (5.0, [[0.0, 5.0], [0.0, 0.0]])
    """

    def __init__(self, shape: Any, dtype: str = "float32", values: Any = None) -> None:
        from ..core import dtypes as _dt
        from ..core.shapes import size_of
        self.shape = tuple(int(d) for d in shape)
        self.dtype = _dt.check_dtype(dtype)
        self.size = size_of(self.shape)
        default: Any = "" if self.dtype == "string" else (False if self.dtype == "bool" else 0)
        if values is None:
            self.values = [default] * self.size
        else:
            flat = list(values.data_sync() if isinstance(values, Tensor) else values)
            if len(flat) != self.size:
                raise ValueError(f"'buffer': length of values ({len(flat)}) does not match the "
                                 f"size implied by the shape ({self.size})")
            self.values = flat
        self.strides = tuple(size_of(self.shape[i + 1:]) for i in builtins.range(len(self.shape) - 1))

    def _index(self, locs: tuple) -> int:
        if len(locs) != len(self.shape):
            raise ValueError(f"TensorBuffer: expected {len(self.shape)} indices, got {len(locs)}")
        index = 0
        for i, (loc, dim) in enumerate(zip(locs, self.shape)):
            if not 0 <= loc < dim:
                raise IndexError(f"TensorBuffer: index {loc} out of range for axis {i} of size {dim}")
            index = index * dim + loc
        return index

    def set(self, value: Any, *locs: int) -> None:
        self.values[self._index(locs)] = value

    def get(self, *locs: int) -> Any:
        return self.values[self._index(locs)]

    def to_tensor(self) -> Tensor:
        return tensor(self.values, list(self.shape), self.dtype)


def buffer(shape: Any, dtype: str = "float32", values: Any = None) -> TensorBuffer:
    """Creates a :class:`TensorBuffer` (TF.js ``tf.buffer``)."""
    return TensorBuffer(shape, dtype, values)


__all__ += ["buffer", "TensorBuffer"]
