"""Ops: the remaining top-level ops of TF.js ("misc"): meshgrid, moving_average, dropout,
multinomial, random_gamma, rand, basic_lstm_cell, multi_rnn_cell, scatter_nd,
tensor_scatter_update, sparse_to_dense, bitwise_and, broadcast_args, ensure_shape, print and
the rank wrappers concat1d..4d, slice1d..4d, reverse1d..4d, pad1d..4d.

Kernel ops: ``Multinomial``, ``ScatterNd``, ``TensorScatterUpdate``, ``SparseToDense``,
``BitwiseAnd``, ``BroadcastArgs``. The rest are composed of other ops (so gradients come from
their parts), or sample on the host exactly as TF.js does (``random_gamma``, ``rand``).

Seeded sampling reproduces TF.js exactly: ``dropout`` draws through ``random_uniform``;
``multinomial`` gives the kernel the seed string and each batch row re-seeds seedrandom's Alea
with it (as TF.js's cpu kernel); ``random_gamma`` is TF.js's ``RandGamma`` (Marsaglia-Tsang with
an ``MPRandGauss`` seeded by the first uniform draw; for int32 the Gaussian draws are rounded
too, as in TF.js).

Scatter semantics are TF.js's: 1-D ``indices`` hold one scalar index per update
(``scatter_nd([1, 3], [9, 10], [5])``); ``scatter_nd`` sums repeated indices,
``tensor_scatter_update`` and ``sparse_to_dense`` keep the last write.

Deliberate differences from TF.js 4.22 (both are accidents there):

- An index row outside the output raises ``IndexError`` per dimension, as in TensorFlow. TF.js
  only checks the flattened offset, so ``scatter_nd([[0, 5]], [1], [3, 3])`` silently writes
  element ``[1, 2]`` there.
- ``scatter_nd``/``tensor_scatter_update`` with a zero-depth index (``indices.shape[-1] == 0``)
  apply every update to the whole output (TensorFlow); TF.js ignores the updates.
- ``scatter_nd`` of bool updates gives logical OR of repeated indices (TF.js stores ``2`` in its
  bool buffer).

Gradients (TF.js has none for the kernels here; these follow TensorFlow): ``scatter_nd`` ->
``gather_nd(dy, indices)`` for the updates; ``tensor_scatter_update`` -> ``dy`` with the updated
positions zeroed for the tensor, ``gather_nd(dy, indices)`` for the updates;
``sparse_to_dense`` -> the gathered ``dy`` for the values and the rest of ``sum(dy)`` for the
default value.
"""
from __future__ import annotations

import array as _array
import builtins
import math
from typing import Any, Callable, Sequence

from ..core import random as _rand
from ..core.convert import host_values
from ..core.engine import ENGINE
from ..core.opdef import op, run, to_tensor, to_tensors
from ..core.shapes import ShapeError
from ..core.tensor import Tensor
from ._util import as_int, assert_dtypes

__all__ = ["meshgrid", "moving_average", "dropout", "multinomial", "random_gamma", "rand",
           "basic_lstm_cell", "multi_rnn_cell", "scatter_nd", "tensor_scatter_update",
           "sparse_to_dense", "bitwise_and", "broadcast_args", "ensure_shape", "print",
           "concat1d", "concat2d", "concat3d", "concat4d", "slice1d", "slice2d", "slice3d",
           "slice4d", "reverse1d", "reverse2d", "reverse3d", "reverse4d", "pad1d", "pad2d",
           "pad3d", "pad4d"]


# ===================================================================== helpers
def _prod(dims: Sequence[int]) -> int:
    n = 1
    for d in dims:
        n *= d
    return n


def _shape(shape: Any, op_name: str, arg: str = "shape") -> tuple[int, ...]:
    from .creation import _shape_arg
    if isinstance(shape, Tensor):
        shape = shape.to_list()
    return _shape_arg(shape, op_name, arg)


def _host_tensor(values: Sequence[float], shape: tuple[int, ...], dtype: str) -> Tensor:
    from .random import _host_tensor as make
    return make(list(values), shape, dtype)


def _int_arg(v: Any, arg: str, op_name: str, minimum: int | None = None) -> int:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, bool) or not hasattr(v, "__index__"):
        raise TypeError(f"'{op_name}': {arg} must be an int, got {v!r}")
    v = int(v.__index__())
    if minimum is not None and v < minimum:
        raise ValueError(f"'{op_name}': {arg} must be >= {minimum}, got {v}")
    return v


def _float_arg(v: Any, arg: str, op_name: str) -> float:
    if isinstance(v, Tensor):
        if v.size != 1:
            raise ValueError(f"'{op_name}': {arg} must be a number, got a tensor of shape "
                             f"{list(v.shape)}")
        v = v.item()
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        if hasattr(v, "item"):
            v = v.item()
        else:
            raise TypeError(f"'{op_name}': {arg} must be a number, got {type(v).__name__}")
    return float(v)


def _seed_string(seed: Any, op_name: str) -> str:
    """TF.js ``(seed || Math.random()).toString()``: a falsy seed draws a fresh one."""
    if not seed:
        return _rand.random_seed()
    seed = as_int(seed)
    if isinstance(seed, bool) or not isinstance(seed, (int, float, str)):
        raise TypeError(f"'{op_name}': seed must be a number or str, got {type(seed).__name__}")
    return _rand.seed_string(seed)


# ===================================================================== meshgrid
def _raw(v: Any, dtype: str | None) -> str | None:
    """``dtype`` for raw Python data (nested lists, numbers), None for tensors and arrays: TF.js
    parses raw data in the requested dtype but rejects a tensor of another dtype."""
    return dtype if isinstance(v, (list, tuple, int, float, bool)) else None


def _raw_float(v: Any) -> str | None:
    """TF.js's meshgrid reads raw JS data (nested lists, numbers) as float32; tensors and
    typed buffers (arrays with a dtype) keep their dtype."""
    return "float32" if isinstance(v, (list, tuple, int, float, bool)) else None


@op(None, method=False, dtype="same as each input (float32 for TensorLikes)")
def meshgrid(x: Any = None, y: Any = None, *, indexing: str = "xy") -> list[Tensor]:
    """Broadcasts the (flattened) vectors ``x`` and ``y`` into two coordinate grids.

    With ``indexing="xy"`` (Cartesian) both outputs have shape ``[y.size, x.size]``; with
    ``"ij"`` (matrix) they have shape ``[x.size, y.size]``. Inputs of any rank are flattened.
    A TensorLike input becomes float32 (as in TF.js); a tensor keeps its dtype.

    Args:
        x: the first coordinate vector; None gives ``[]``.
        y: the second coordinate vector; None gives ``[x]``.
        indexing: ``"xy"`` (default) or ``"ij"``.

    >>> import pytfjs as tf
    >>> X, Y = tf.meshgrid([1, 2, 3], [4, 5])
    >>> X.to_list(), Y.to_list()
    ([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]], [[4.0, 4.0, 4.0], [5.0, 5.0, 5.0]])
    >>> [t.shape for t in tf.meshgrid([1, 2, 3], [4, 5], indexing="ij")]
    [(3, 2), (3, 2)]
    >>> tf.dispose([X, Y])
    """
    if indexing not in ("xy", "ij"):
        raise TypeError(f"'meshgrid': {indexing!r} is not a valid indexing (expected 'xy' or "
                        f"'ij')")
    if x is None:
        return []
    xt = to_tensor(x, "x", "meshgrid", dtype=_raw_float(x), numeric=True)
    if y is None:
        return [xt]
    yt = to_tensor(y, "y", "meshgrid", dtype=_raw_float(y), numeric=True)
    from .transformation import broadcast_to, reshape
    w, h = xt.size, yt.size
    if indexing == "xy":
        return [broadcast_to(reshape(xt, [1, w]), [h, w]),
                broadcast_to(reshape(yt, [h, 1]), [h, w])]
    return [broadcast_to(reshape(xt, [w, 1]), [w, h]),
            broadcast_to(reshape(yt, [1, h]), [w, h])]


# ===================================================================== moving average
@op(None, method=False, dtype="upcast of v, x and decay")
def moving_average(v: Any, x: Any, decay: Any, step: Any = None,
                   zero_debias: bool = True) -> Tensor:
    """Computes the moving average ``v + (x - v) * (1 - decay)``; with ``zero_debias`` the
    update is divided by ``1 - decay ** step`` (as in TF.js and TensorFlow).

    Args:
        v: the current moving average.
        x: the new value, of the same shape and dtype as ``v``.
        decay: the decay factor (a number or scalar tensor), typically close to 1.
        step: the step count (required when ``zero_debias`` is true).
        zero_debias: whether to debias the average (default True).

    >>> import pytfjs as tf
    >>> tf.moving_average([1.0, 2.0], [3.0, 5.0], 0.5, 1).to_list()
    [3.0, 5.0]
    >>> tf.moving_average([1.0, 2.0], [3.0, 5.0], 0.5, None, False).to_list()
    [2.0, 3.5]
    """
    from .arithmetic import add, div, mul, pow, sub
    vt = to_tensor(v, "v", "moving_average", numeric=True)
    xt = to_tensor(x, "x", "moving_average", numeric=True)
    dt = to_tensor(decay, "decay", "moving_average", numeric=True)
    if vt.dtype != xt.dtype:
        raise TypeError(f"'moving_average': the dtypes of v ({vt.dtype}) and x ({xt.dtype}) "
                        f"must match")
    if vt.shape != xt.shape:
        raise ShapeError(f"'moving_average': shape mismatch in v {list(vt.shape)} and x "
                         f"{list(xt.shape)}")
    one = to_tensor(1.0, "one", "moving_average")
    update = mul(sub(xt, vt), sub(one, dt))
    if zero_debias:
        if step is None:
            raise ValueError("'moving_average': when zero_debias is true, step is required")
        st = to_tensor(step, "step", "moving_average", numeric=True)
        update = div(update, sub(one, pow(dt, st)))
    return add(vt, update)


# ===================================================================== random
def _noise_shape(x_shape: tuple[int, ...], noise_shape: Any) -> list[Any]:
    if noise_shape is None:
        return list(x_shape)
    if isinstance(noise_shape, Tensor):
        noise_shape = noise_shape.to_list()
    if not isinstance(noise_shape, (list, tuple)):
        raise TypeError(f"'dropout': noise_shape must be a list of ints, got "
                        f"{type(noise_shape).__name__}")
    ns = list(noise_shape)
    if len(ns) == len(x_shape):  # TF.js getNoiseShape: None entries take x's dimension
        ns = [d if n is None else n for n, d in zip(ns, x_shape)]
    return ns


@op(None, method=False, dtype="float32")
def dropout(x: Any, rate: float, noise_shape: Sequence[int] | None = None,
            seed: int | float | str | None = None) -> Tensor:
    """Randomly sets elements of ``x`` to 0 with probability ``rate`` and scales the others by
    ``1 / (1 - rate)``.

    As in TF.js the mask is ``floor(u + keep_prob) / keep_prob`` with
    ``u = random_uniform(noise_shape, 0, 1, "float32", seed)``, so a seed gives TF.js's values.

    Args:
        x: a float32 tensor (float64/float16 where the backend has them).
        rate: the drop probability, in ``[0, 1)``; 0 returns a copy of ``x``.
        noise_shape: the shape of the random keep/drop mask, broadcast against ``x`` (default
            ``x.shape``); a None entry takes ``x``'s dimension.
        seed: a number or str for reproducible masks.

    >>> import pytfjs as tf
    >>> y = tf.dropout(tf.ones([2, 4]), 0.5, None, 3)
    >>> y.to_list()
    [[0.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 2.0]]
    >>> y.dispose()
    """
    xt = to_tensor(x, "x", "dropout")
    if xt.dtype not in ("float32", "float64", "float16"):  # TF.js: float32 only
        raise TypeError(f"'dropout': x has to be a floating point tensor since it's going to "
                        f"be scaled, but got a {xt.dtype} tensor instead")
    r = _float_arg(rate, "rate", "dropout")
    if not 0 <= r < 1:
        raise ValueError(f"'dropout': rate must be a float in the range [0, 1), but got {rate}")
    if r == 0:
        from .creation import clone
        return clone(xt)
    ns = _noise_shape(xt.shape, noise_shape)
    shape = _shape(ns, "dropout", "noise_shape")
    from .arithmetic import add, div, mul
    from .basic_math import floor
    from .random import random_uniform
    keep = 1 - r
    u = random_uniform(list(shape), 0, 1, "float32", seed)
    multiplier = div(floor(add(u, keep)), keep)
    return mul(xt, multiplier)


@op("Multinomial", tf_ops=("Multinomial",), method=False, differentiable=False, dtype="int32")
def multinomial(logits: Any, num_samples: int, seed: int | float | str | None = None,
                normalized: bool = False) -> Tensor:
    """Draws ``num_samples`` category indices from each row of a multinomial distribution.

    Args:
        logits: a 1-D ``[num_outcomes]`` or 2-D ``[batch, num_outcomes]`` tensor of
            unnormalised log-probabilities (or probabilities, with ``normalized``); at least 2
            values.
        num_samples: the number of samples per row.
        seed: a number or str; the same seed gives TF.js's samples (each row draws the same
            uniform sequence, as in TF.js's cpu kernel). A falsy seed draws a fresh one.
        normalized: whether ``logits`` already holds probabilities.

    Returns an int32 tensor of shape ``[num_samples]`` or ``[batch, num_samples]``.

    >>> import pytfjs as tf
    >>> tf.multinomial([0.2, 0.3, 0.5], 6, 3, True).to_list()
    [1, 1, 0, 2, 0, 1]
    >>> tf.multinomial([[0.1, 0.5, 2.0], [1.0, 1.0, -1.0]], 5, 42).shape
    (2, 5)
    """
    lt = to_tensor(logits, "logits", "multinomial", numeric=True)
    if lt.dtype == "complex64":
        raise TypeError("'multinomial' does not support complex64 logits")
    if lt.size < 2:
        raise ValueError(f"'multinomial': you need at least 2 outcomes, but got {lt.size}")
    if lt.rank > 2:
        raise ShapeError(f"'multinomial': the rank of logits must be 1 or 2, but is {lt.rank}")
    n = _int_arg(num_samples, "num_samples", "multinomial", 0)
    s = _seed_string(seed, "multinomial")
    from ._util import cast_to
    from .transformation import reshape
    l2 = cast_to(reshape(lt, [1, lt.size]) if lt.rank == 1 else lt, "float32")
    res = run("Multinomial", l2, num_samples=n, seed=s, normalized=bool(normalized))
    return reshape(res, [res.size]) if lt.rank == 1 else res


class _Gauss:
    """TF.js ``MPRandGauss(0, 1, dtype, truncated=false, seed)`` as a stateful sampler."""

    __slots__ = ("rng", "integer", "next_val")

    def __init__(self, seed: float, integer: bool) -> None:
        self.rng = _rand.Alea(_rand.js_number_to_string(seed) if seed
                              else _rand.random_seed()).next
        self.integer = integer
        self.next_val: float | None = None

    def next(self) -> float:
        if self.next_val is not None:
            v, self.next_val = self.next_val, None
            return v
        rng = self.rng
        while True:
            v1 = 2 * rng() - 1
            v2 = 2 * rng() - 1
            s = v1 * v1 + v2 * v2
            if not (s >= 1 or s == 0):
                break
        m = math.sqrt(-2.0 * math.log(s) / s)
        x, y = v1 * m, v2 * m
        if self.integer:
            x, y = _rand.js_round(x), _rand.js_round(y)
        self.next_val = y
        return x


def gamma_values(n: int, alpha: float, beta: float, seed: str, integer: bool) -> list[float]:
    """TF.js ``RandGamma(alpha, beta, dtype, seed)``: ``n`` draws (doubles)."""
    randu = _rand.Alea(seed).next
    randn = _Gauss(randu(), integer)
    scale = 1 / beta  # TF.js converts the rate to a scale, then multiplies by 1 / scale
    d = alpha + 2 / 3 if alpha < 1 else alpha - 1 / 3
    c = 1 / math.sqrt(9 * d)
    log = math.log
    out = [0.0] * n
    for i in range(n):
        while True:
            while True:
                x = randn.next()
                v = 1 + c * x
                if not v <= 0:
                    break
            v *= v * v
            x2 = x * x
            v0 = 1 - 0.331 * x2 * x2
            v1 = 0.5 * x2 + d * (1 - v + log(v))
            u = randu()
            if u < v0 or u == 0 or log(u) < v1:  # JS: log(0) is -Infinity
                break
        v = (1 / scale) * d * v
        if alpha < 1:
            v *= randu() ** (1 / alpha)
        out[i] = _rand.js_round(v) if integer else v
    return out


@op(None, method=False, differentiable=False, dtype="given (float32 by default)")
def random_gamma(shape: Any, alpha: float, beta: float = 1, dtype: str = "float32",
                 seed: int | float | str | None = None) -> Tensor:
    """Creates a tensor of samples from a gamma distribution (Marsaglia and Tsang's method,
    exactly as TF.js draws them: the same seed gives the same values).

    Args:
        shape: the output shape (a list of non-negative ints).
        alpha: the shape parameter (> 0).
        beta: the scale multiplier applied to each draw (default 1; TF.js calls it the
            "inverse scale" but multiplies by it, and so does this op).
        dtype: float32 (default) or int32 (draws rounded half up).
        seed: a number or str; a falsy seed draws a fresh one.

    >>> import pytfjs as tf
    >>> tf.random_gamma([3], 2.5, 1.5, "float32", 7).to_list()  # doctest: +ELLIPSIS
    [5.10245752..., 0.74654710..., 2.54756164...]
    >>> tf.random_gamma([2, 2], 1.0).shape
    (2, 2)
    """
    shp = _shape(shape, "random_gamma")
    a = _float_arg(alpha, "alpha", "random_gamma")
    b = 1.0 if beta is None else _float_arg(beta, "beta", "random_gamma")
    dtype = "float32" if dtype is None else dtype
    if dtype not in ("float32", "int32"):
        raise TypeError(f"'random_gamma': unsupported data type {dtype} (float32 or int32)")
    if not a > 0:
        raise ValueError(f"'random_gamma': alpha must be positive, got {alpha}")
    s = _seed_string(seed, "random_gamma")
    return _host_tensor(gamma_values(_prod(shp), a, b, s, dtype == "int32"), shp, dtype)


@op(None, method=False, differentiable=False, dtype="given (float32 by default)")
def rand(shape: Any, rand_function: Callable[[], Any], dtype: str | None = None) -> Tensor:
    """Creates a tensor whose values are the results of calling ``rand_function()`` once per
    element (stored as TF.js's typed arrays store them: float32 rounds, int32 truncates, bool
    keeps the low byte of the truncation).

    Args:
        shape: the output shape (a list of non-negative ints).
        rand_function: a callable taking no arguments and returning a number.
        dtype: float32 (default), int32 or bool.

    >>> import pytfjs as tf
    >>> tf.rand([2], lambda: 1.5, "int32").to_list()
    [1, 1]
    >>> import random
    >>> tf.rand([2, 3], random.random).shape
    (2, 3)
    """
    shp = _shape(shape, "rand")
    if not callable(rand_function):
        raise TypeError(f"'rand': rand_function must be callable, got "
                        f"{type(rand_function).__name__}")
    dtype = "float32" if dtype is None else dtype
    if dtype not in ("float32", "int32", "bool"):
        raise TypeError(f"'rand': unknown data type {dtype} (float32, int32 or bool)")
    values = []
    for _ in range(_prod(shp)):
        v = rand_function()
        if isinstance(v, Tensor):
            v = v.item()
        values.append(float(v))
    return _host_tensor(values, shp, dtype)


# ===================================================================== recurrent cells
@op(None, method=False, dtype="float32")
def basic_lstm_cell(forget_bias: Any, lstm_kernel: Any, lstm_bias: Any, data: Any, c: Any,
                    h: Any) -> list[Tensor]:
    """Computes one step of a basic LSTM cell; returns ``[new_c, new_h]``.

    ``res = concat([data, h], 1) @ lstm_kernel + lstm_bias`` is split into four column blocks
    ``i, j, f, o``; ``new_c = sigmoid(i) * tanh(j) + c * sigmoid(forget_bias + f)`` and
    ``new_h = tanh(new_c) * sigmoid(o)``.

    Args:
        forget_bias: a scalar added to the forget gate.
        lstm_kernel: ``[input_size + units, 4 * units]`` weights.
        lstm_bias: ``[4 * units]`` biases.
        data: ``[batch, input_size]`` inputs.
        c: ``[batch, units]`` previous cell state.
        h: ``[batch, units]`` previous output.

    >>> import pytfjs as tf
    >>> c, h = tf.basic_lstm_cell(1.0, tf.ones([3, 8]), tf.zeros([8]), [[0.5]], [[0.0, 0.0]],
    ...                           [[0.0, 0.0]])
    >>> c.shape, h.shape
    ((1, 2), (1, 2))
    >>> [round(v, 4) for v in h.to_list()[0]]
    [0.1743, 0.1743]
    >>> tf.dispose([c, h])
    """
    name = "basic_lstm_cell"
    fb = to_tensor(forget_bias, "forget_bias", name, numeric=True)
    kernel = to_tensor(lstm_kernel, "lstm_kernel", name, numeric=True)
    bias = to_tensor(lstm_bias, "lstm_bias", name, numeric=True)
    x = to_tensor(data, "data", name, numeric=True)
    ct = to_tensor(c, "c", name, numeric=True)
    ht = to_tensor(h, "h", name, numeric=True)
    for t, arg in ((x, "data"), (ht, "h"), (kernel, "lstm_kernel")):
        if t.rank != 2:
            raise ShapeError(f"'{name}': {arg} must be rank 2, got shape {list(t.shape)}")
    if kernel.shape[1] % 4:
        raise ShapeError(f"'{name}': lstm_kernel's second dimension ({kernel.shape[1]}) must "
                         f"be a multiple of 4")
    from .arithmetic import add, mul
    from .basic_math import sigmoid, tanh
    from .matrices import mat_mul
    from .slice_join import concat, slice
    res = add(mat_mul(concat([x, ht], 1), kernel), bias)
    batch, cols = res.shape[0], res.shape[1] // 4
    size = [batch, cols]
    i = slice(res, [0, 0], size)
    j = slice(res, [0, cols], size)
    f = slice(res, [0, 2 * cols], size)
    o = slice(res, [0, 3 * cols], size)
    new_c = add(mul(sigmoid(i), tanh(j)), mul(ct, sigmoid(add(fb, f))))
    new_h = mul(tanh(new_c), sigmoid(o))
    return [new_c, new_h]


@op(None, method=False, dtype="the cells'")
def multi_rnn_cell(lstm_cells: Sequence[Callable[..., Any]], data: Any, c: Sequence[Any],
                   h: Sequence[Any]) -> list[list[Tensor]]:
    """Runs a stack of LSTM cells for one step; returns ``[new_c_list, new_h_list]``.

    Cell ``k`` is called as ``lstm_cells[k](input, c[k], h[k])`` and returns ``[c, h]``; its
    ``h`` is the next cell's input.

    Args:
        lstm_cells: callables ``(data, c, h) -> [new_c, new_h]``, e.g.
            ``lambda d, c, h: tf.basic_lstm_cell(forget_bias, kernel, bias, d, c, h)``.
        data: the input of the first cell.
        c: one previous cell state per cell.
        h: one previous output per cell.

    >>> import pytfjs as tf
    >>> cell = lambda d, c, h: tf.basic_lstm_cell(1.0, tf.ones([3, 8]), tf.zeros([8]), d, c, h)
    >>> z = tf.zeros([1, 2])
    >>> cs, hs = tf.multi_rnn_cell([cell, lambda d, c, h: cell(d[:, :1], c, h)], [[0.5]],
    ...                            [z, z], [z, z])
    >>> len(cs), hs[1].shape
    (2, (1, 2))
    >>> tf.dispose(cs + hs + [z])
    """
    name = "multi_rnn_cell"
    if isinstance(lstm_cells, Tensor) or not isinstance(lstm_cells, (list, tuple)):
        raise TypeError(f"'{name}': lstm_cells must be a list of callables, got "
                        f"{type(lstm_cells).__name__}")
    for k, cell in enumerate(lstm_cells):
        if not callable(cell):
            raise TypeError(f"'{name}': lstm_cells[{k}] must be callable, got "
                            f"{type(cell).__name__}")
    x = to_tensor(data, "data", name)
    cs = to_tensors(c, "c", name)
    hs = to_tensors(h, "h", name)
    if len(cs) < len(lstm_cells) or len(hs) < len(lstm_cells):
        raise ValueError(f"'{name}': c and h need one state per cell ({len(lstm_cells)}), got "
                         f"{len(cs)} and {len(hs)}")
    new_c: list[Tensor] = []
    new_h: list[Tensor] = []
    inp = x
    for k, cell in enumerate(lstm_cells):
        out = cell(inp, cs[k], hs[k])
        new_c.append(out[0])
        new_h.append(out[1])
        inp = out[1]
    return [new_c, new_h]


# ===================================================================== scatter
def _scatter_checks(updates: Tensor, indices: Tensor, shape: Sequence[int], op_name: str) -> None:
    """TF.js ``scatter_nd_util.validateInput``."""
    assert_dtypes(indices, ("int32",), "indices", op_name)
    if indices.rank < 1:
        raise ShapeError(f"'{op_name}': indices must be rank 1 or higher, but the rank was "
                         f"{indices.rank}")
    if updates.rank < 1:
        raise ShapeError(f"'{op_name}': updates must be rank 1 or higher, but the rank was "
                         f"{updates.rank}")
    if len(shape) < 1:
        raise ShapeError(f"'{op_name}': the output rank must be >= 1, but got shape "
                         f"{list(shape)}")
    slice_dim = indices.shape[-1] if indices.rank > 1 else 1
    batch_dim = indices.rank - 1 if indices.rank > 1 else 1
    expected = list(indices.shape[:batch_dim]) + list(shape[slice_dim:])
    if slice_dim > len(shape) or list(updates.shape) != expected:
        raise ShapeError(f"'{op_name}': updates.shape must be indices.shape[:{batch_dim}] + "
                         f"shape[{slice_dim}:] = {expected}, got updates.shape "
                         f"{list(updates.shape)} (indices.shape {list(indices.shape)}, shape "
                         f"{list(shape)})")


def _index_rows(indices: Tensor) -> Tensor:
    """TF.js reads 1-D indices as one scalar index per update: as [n, 1] for gather_nd."""
    if indices.rank == 1:
        from .transformation import reshape
        return reshape(indices, [indices.size, 1])
    return indices


@op("ScatterNd", tf_ops=("ScatterNd",), method=False, dtype="same as updates")
def scatter_nd(indices: Any, updates: Any, shape: Sequence[int]) -> Tensor:
    """Creates a tensor of ``shape`` filled with zeros and adds each slice of ``updates`` at
    the position given by the matching row of ``indices`` (repeated indices are summed).

    Args:
        indices: int32 indices. Of rank 1: one scalar index per update; of rank >= 2: the last
            dimension indexes the leading ``indices.shape[-1]`` dimensions of the output.
        updates: the values, of shape ``indices.shape[:-1] + shape[indices.shape[-1]:]``
            (``[n] + shape[1:]`` for 1-D indices).
        shape: the output shape (rank >= 1).

    >>> import pytfjs as tf
    >>> tf.scatter_nd([[1], [3], [1]], [9.0, 10.0, 11.0], [5]).to_list()
    [0.0, 20.0, 0.0, 10.0, 0.0]
    >>> tf.scatter_nd([[0, 1], [1, 0]], [5, 6], [2, 2]).to_list()
    [[0, 5], [6, 0]]
    """
    shp = _shape(shape, "scatter_nd")
    idx = to_tensor(indices, "indices", "scatter_nd", dtype=_raw(indices, "int32"))
    upd = to_tensor(updates, "updates", "scatter_nd", numeric=True)
    if upd.dtype == "complex64":
        raise TypeError("'scatter_nd' does not support complex64 updates")
    _scatter_checks(upd, idx, shp, "scatter_nd")
    return run("ScatterNd", idx, upd, shape=shp)


@scatter_nd.gradient(save_inputs=True)
def _scatter_nd_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    idx, upd = inputs
    from .slice_join import gather_nd
    from .transformation import reshape
    if upd.size == 0 or dy.size == 0:
        from .creation import zeros
        return None, zeros(list(upd.shape), dy.dtype)
    return None, reshape(gather_nd(dy, _index_rows(idx)), list(upd.shape))


@op("TensorScatterUpdate", tf_ops=("TensorScatterUpdate",), method=False, dtype="same as tensor")
def tensor_scatter_update(tensor: Any, indices: Any, updates: Any) -> Tensor:
    """Returns a copy of ``tensor`` with the slices at ``indices`` replaced by ``updates``
    (for repeated indices the last update wins).

    Args:
        tensor: the tensor to update (rank >= 1).
        indices: int32 indices (see :func:`scatter_nd`).
        updates: the new slices, of ``tensor``'s dtype and shape
            ``indices.shape[:-1] + tensor.shape[indices.shape[-1]:]``.

    >>> import pytfjs as tf
    >>> tf.tensor_scatter_update([1.0, 2.0, 3.0, 4.0], [[1], [3]], [9.0, 10.0]).to_list()
    [1.0, 9.0, 3.0, 10.0]
    """
    name = "tensor_scatter_update"
    t = to_tensor(tensor, "tensor", name)
    idx = to_tensor(indices, "indices", name, dtype=_raw(indices, "int32"))
    upd = to_tensor(updates, "updates", name,
                    dtype=_raw(updates, t.dtype if t.dtype != "string" else None))
    _scatter_checks(upd, idx, t.shape, name)
    if t.dtype != upd.dtype:
        raise TypeError(f"'{name}': tensor and updates must have the same dtype, instead they "
                        f"are {t.dtype} and {upd.dtype}")
    return run("TensorScatterUpdate", t, idx, upd)


@tensor_scatter_update.gradient(save_inputs=True)
def _tensor_scatter_update_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    t, idx, upd = inputs
    from .creation import zeros
    from .slice_join import gather_nd
    from .transformation import reshape
    if upd.size == 0 or dy.size == 0:
        return dy, None, zeros(list(upd.shape), dy.dtype)
    g_t = tensor_scatter_update(dy, idx, zeros(list(upd.shape), dy.dtype))
    return g_t, None, reshape(gather_nd(dy, _index_rows(idx)), list(upd.shape))


@op("SparseToDense", tf_ops=("SparseToDense",), method=False, dtype="same as sparse_values")
def sparse_to_dense(sparse_indices: Any, sparse_values: Any, output_shape: Sequence[int],
                    default_value: Any = 0) -> Tensor:
    """Converts a sparse representation into a dense tensor: ``out[sparse_indices[i]] =
    sparse_values[i]``, ``default_value`` elsewhere (for repeated indices the last one wins).

    Args:
        sparse_indices: int32: a scalar or 1-D (indices into a 1-D output) or ``[n, rank]``.
        sparse_values: a scalar (used for every index) or one value per index; numeric, bool
            or string.
        output_shape: the dense shape.
        default_value: the value of the other elements (same dtype as ``sparse_values``).

    >>> import pytfjs as tf
    >>> tf.sparse_to_dense([[0, 1], [1, 2]], [5.0, 6.0], [2, 3], -1.0).to_list()
    [[-1.0, 5.0, -1.0], [-1.0, -1.0, 6.0]]
    >>> tf.sparse_to_dense([0, 2], 5, [4]).to_list()
    [5, 0, 5, 0]
    """
    name = "sparse_to_dense"
    shp = _shape(output_shape, name, "output_shape")
    idx = to_tensor(sparse_indices, "sparse_indices", name, dtype=_raw(sparse_indices, "int32"))
    vals = to_tensor(sparse_values, "sparse_values", name)
    if vals.dtype == "complex64":
        raise TypeError(f"'{name}' does not support complex64 values")
    dv = to_tensor(default_value, "default_value", name,
                   dtype=vals.dtype if vals.dtype != "string" else None)
    assert_dtypes(idx, ("int32",), "sparse_indices", name)
    if idx.rank > 2:
        raise ShapeError(f"'{name}': sparse_indices should be a scalar, vector, or matrix, but "
                         f"got shape {list(idx.shape)}")
    n_elems = idx.shape[0] if idx.rank > 0 else 1
    n_dims = idx.shape[1] if idx.rank > 1 else 1
    if len(shp) != n_dims:
        raise ShapeError(f"'{name}': output_shape has {len(shp)} elements, should be {n_dims}")
    if not (vals.rank == 0 or (vals.rank == 1 and vals.size == n_elems)):
        raise ShapeError(f"'{name}': sparse_values has incorrect shape {list(vals.shape)}, "
                         f"should be [] or [{n_elems}]")
    if dv.size != 1:
        raise ShapeError(f"'{name}': default_value must be a scalar, got shape "
                         f"{list(dv.shape)}")
    if vals.dtype != dv.dtype:
        raise TypeError(f"'{name}': sparse_values.dtype ({vals.dtype}) must match "
                        f"default_value.dtype ({dv.dtype})")
    return run("SparseToDense", idx, vals, dv, output_shape=shp)


@sparse_to_dense.gradient(save_inputs=True)
def _sparse_to_dense_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    # TensorFlow: values get dy gathered at the indices; the default value gets the rest.
    idx, vals, dv = inputs
    from .arithmetic import sub
    from .reduction import sum as _sum
    from .slice_join import gather_nd
    from .transformation import reshape
    n = idx.shape[0] if idx.rank > 0 else 1
    k = idx.shape[1] if idx.rank > 1 else 1
    if dy.size == 0 or n == 0:
        from .creation import zeros
        return None, zeros(list(vals.shape), dy.dtype), reshape(_sum(dy), list(dv.shape))
    g = gather_nd(dy, reshape(idx, [n, k]))
    g_vals = _sum(g) if vals.rank == 0 else g
    return None, g_vals, reshape(sub(_sum(dy), _sum(g)), list(dv.shape))


# ===================================================================== bitwise, shapes
@op("BitwiseAnd", tf_ops=("BitwiseAnd",), method=False, differentiable=False, dtype="int32")
def bitwise_and(x: Any, y: Any) -> Tensor:
    """Bitwise AND of two int32 tensors of the same shape.

    Args:
        x: an int32 tensor.
        y: an int32 tensor of ``x``'s shape.

    >>> import pytfjs as tf
    >>> tf.bitwise_and(tf.tensor([5, -1, 12]), tf.tensor([3, 7, 10])).to_list()
    [1, 7, 8]
    """
    xt = to_tensor(x, "x", "bitwise_and")
    yt = to_tensor(y, "y", "bitwise_and")
    if xt.shape != yt.shape:
        raise ShapeError(f"'bitwise_and': tensors must have the same shape; x: "
                         f"{list(xt.shape)}, y: {list(yt.shape)}")
    if xt.dtype != "int32" or yt.dtype != "int32":
        raise TypeError(f"'bitwise_and': only int32 tensors are supported, got x: {xt.dtype} "
                        f"and y: {yt.dtype}")
    return run("BitwiseAnd", xt, yt)


@op("BroadcastArgs", tf_ops=("BroadcastArgs",), method=False, differentiable=False,
    dtype="int32")
def broadcast_args(s0: Any, s1: Any) -> Tensor:
    """Returns the broadcast shape of the shapes ``s0`` and ``s1`` (1-D int32 tensors).

    Args:
        s0: the first shape, a 1-D int32 tensor (or list of ints).
        s1: the second shape.

    >>> import pytfjs as tf
    >>> tf.broadcast_args([2, 1, 3], [4, 1]).to_list()
    [2, 4, 3]
    """
    a = to_tensor(s0, "s0", "broadcast_args", dtype=_raw(s0, "int32"))
    b = to_tensor(s1, "s1", "broadcast_args", dtype=_raw(s1, "int32"))
    for t, arg, which in ((a, "s0", "first"), (b, "s1", "second")):
        assert_dtypes(t, ("int32",), arg, "broadcast_args")
        if t.rank != 1:
            raise ShapeError(f"'broadcast_args': the {which} input ({arg}) must be a vector "
                             f"(rank 1), got rank {t.rank}")
    return run("BroadcastArgs", a, b)


@op(None, tf_ops=("EnsureShape",), method=False, dtype="same")
def ensure_shape(x: Any, shape: Sequence[int | None]) -> Tensor:
    """Checks that ``x`` has the given shape and returns it unchanged (the same tensor).

    Args:
        x: a tensor.
        shape: the expected shape; a None entry matches any dimension.

    >>> import pytfjs as tf
    >>> x = tf.ones([2, 3])
    >>> tf.ensure_shape(x, [2, None]) is x
    True
    >>> x.dispose()
    """
    xt = to_tensor(x, "x", "ensure_shape")
    if isinstance(shape, Tensor):
        shape = shape.to_list()
    if not isinstance(shape, (list, tuple)):
        raise TypeError(f"'ensure_shape': shape must be a list of ints or None, got "
                        f"{type(shape).__name__}")
    ok = len(shape) == xt.rank and all(
        e is None or (not isinstance(e, bool) and isinstance(e, (int, float)) and e == d)
        for e, d in zip(shape, xt.shape))
    if not ok:
        raise ShapeError(f"'ensure_shape': the shape of the tensor {list(xt.shape)} is not "
                         f"compatible with the expected shape {list(shape)}")
    return xt


@op(None, method=False, differentiable=False, dtype="-")
def print(x: Any, verbose: bool = False) -> None:  # noqa: A001 - TF.js's name
    """Prints ``x`` as TF.js's ``tf.print`` does (``verbose`` adds dtype, rank and shape).

    Args:
        x: a tensor.
        verbose: whether to print the dtype, rank and shape too.

    >>> import pytfjs as tf
    >>> tf.print(tf.tensor([1, 2]))
    Tensor
        [1, 2]
    """
    xt = to_tensor(x, "x", "print")
    builtins.print(xt.to_string(bool(verbose)))


# ===================================================================== rank wrappers
def _check_rank(x: Tensor, rank: int, op_name: str) -> None:
    if x.rank != rank:
        raise ShapeError(f"'{op_name}': expects a rank-{rank} tensor, but got a rank-{x.rank} "
                         f"tensor")


def _concat_nd(rank: int) -> Callable:
    def concat_nd(tensors: Sequence[Any], axis: int = 0) -> Tensor:
        from .slice_join import concat
        return concat(tensors, axis if rank > 1 else 0)
    return concat_nd


def _slice_nd(rank: int) -> Callable:
    def slice_nd(x: Any, begin: Any, size: Any) -> Tensor:
        name = f"slice{rank}d"
        xt = to_tensor(x, "x", name)
        _check_rank(xt, rank, name)
        from .slice_join import slice
        if rank == 1:
            return slice(xt, [_int_arg(begin, "begin", name)], [_int_arg(size, "size", name)])
        return slice(xt, begin, size)
    return slice_nd


def _reverse_nd(rank: int) -> Callable:
    def reverse_nd(x: Any, axis: Any = None) -> Tensor:
        name = f"reverse{rank}d"
        xt = to_tensor(x, "x", name)
        _check_rank(xt, rank, name)
        from .slice_join import reverse
        return reverse(xt, 0 if rank == 1 else axis)
    return reverse_nd


def _pad_nd(rank: int) -> Callable:
    def pad_nd(x: Any, paddings: Any, constant_value: float = 0) -> Tensor:
        name = f"pad{rank}d"
        from .transformation import pad
        p = paddings.to_list() if isinstance(paddings, Tensor) else paddings
        if rank == 1:
            if not isinstance(p, (list, tuple)) or len(p) != 2:
                raise ValueError(f"'{name}': invalid number of paddings; must be a pair "
                                 f"[before, after], got {paddings!r}")
            return pad(x, [list(p)], constant_value)
        if not isinstance(p, (list, tuple)) or len(p) != rank or any(
                not isinstance(q, (list, tuple)) or len(q) != 2 for q in p):
            raise ValueError(f"'{name}': invalid number of paddings; must be {rank} pairs "
                             f"[before, after], got {paddings!r}")
        return pad(x, [list(q) for q in p], constant_value)
    return pad_nd


def _declare(factory: Callable, rank: int, name: str, doc: str, tf_name: str) -> Callable:
    fn = factory(rank)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    fn.__module__ = __name__
    return op(None, method=False, dtype="same")(fn)


_EX = {
    "concat": ("tensors: a list of tensors of rank {r}.\n        axis: the axis to join along "
               "(rank 1: always 0).",
               ">>> tf.{n}([tf.ones([{s}]), tf.zeros([{s}])]).shape\n    {o}"),
    "slice": ("x: a rank-{r} tensor.\n        begin: the start per axis (an int for rank 1).\n"
              "        size: the extent per axis; -1 means to the end.",
              ">>> tf.{n}(tf.ones([{s}]), {b}, {z}).shape\n    {so}"),
    "reverse": ("x: a rank-{r} tensor.\n        axis: the axes to reverse (rank 1: always "
                "axis 0; otherwise None means all).",
                ">>> tf.{n}(tf.range(0, {c}).reshape([{s}])).to_list()\n    {ro}"),
    "pad": ("x: a rank-{r} tensor.\n        paddings: {r} pair(s) [before, after] ({pk}).\n"
            "        constant_value: the padding value (default 0).",
            ">>> tf.{n}(tf.ones([{s}]), {pp}).shape\n    {po}"),
}
_SHAPES = {1: ("2", "(4,)", "[1]", "[1]", "(1,)", "2", "[1.0, 0.0]", "[1, 2]", "(5,)"),
           2: ("2, 2", "(4, 2)", "[0, 1]", "[2, 1]", "(2, 1)", "4", "[[3.0, 2.0], [1.0, 0.0]]",
               "[[1, 0], [0, 1]]", "(3, 3)"),
           3: ("1, 1, 2", "(2, 1, 2)", "[0, 0, 1]", "[1, 1, 1]", "(1, 1, 1)", "2",
               "[[[1.0, 0.0]]]", "[[0, 0], [0, 0], [1, 1]]", "(1, 1, 4)"),
           4: ("1, 1, 1, 2", "(2, 1, 1, 2)", "[0, 0, 0, 1]", "[1, 1, 1, 1]", "(1, 1, 1, 1)",
               "2", "[[[[1.0, 0.0]]]]", "[[0, 0], [0, 0], [0, 0], [1, 1]]", "(1, 1, 1, 4)")}
_SUMMARY = {"concat": "Concatenates rank-{r} tensors along an axis (``concat(tensors, axis)``).",
            "slice": "Slices a rank-{r} tensor (``slice(x, begin, size)``, rank checked).",
            "reverse": "Reverses a rank-{r} tensor along the given axes (rank checked).",
            "pad": "Pads a rank-{r} tensor with a constant (``pad(x, paddings, value)``)."}
_FACTORIES = {"concat": _concat_nd, "slice": _slice_nd, "reverse": _reverse_nd, "pad": _pad_nd}

for _kind, _factory in _FACTORIES.items():
    for _r in (1, 2, 3, 4):
        _s, _o, _b, _z, _so, _c, _ro, _pp, _po = _SHAPES[_r]
        _n = f"{_kind}{_r}d"
        _args, _ex = _EX[_kind]
        _fmt = dict(r=_r, n=_n, s=_s, o=_o, b=_b if _r > 1 else "1", z=_z if _r > 1 else "1",
                    so=_so, c=_c, ro=_ro, pp=_pp, po=_po,
                    pk="a [before, after] pair" if _r == 1 else "a list of pairs")
        _doc = (_SUMMARY[_kind].format(**_fmt) + "\n\n    Args:\n        "
                + _args.format(**_fmt) + "\n\n    >>> import pytfjs as tf\n    "
                + _ex.format(**_fmt) + "\n    ")
        globals()[_n] = _declare(_factory, _r, _n, _doc, _n)
del _kind, _factory, _r, _s, _o, _b, _z, _so, _c, _ro, _pp, _po, _n, _args, _ex, _fmt, _doc
