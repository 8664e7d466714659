"""Ops: random (random_uniform, random_normal, truncated_normal, random_standard_normal,
random_uniform_int).

With a ``seed`` the values are exactly TF.js's: the samplers of ``core/random.py`` (seedrandom's
Alea, TF.js's UniformRandom and MPRandGauss) run on the host and the tensor is made from their
output, on any backend. Without a seed the backend's fast generator runs (kernels
``RandomUniform``, ``RandomStandardNormal``, ``TruncatedNormal``); a backend without those
kernels falls back to the host samplers with a fresh seed.

TF.js's seed rules are kept: ``random_uniform`` treats any non-None seed (0 included) as a
seed, while the normal samplers treat a falsy seed (0, ``""``) as "no seed".
"""
from __future__ import annotations

import array as _array
import math
from typing import Any

from ..core import random as _rand
from ..core.convert import host_values
from ..core.engine import ENGINE
from ..core.opdef import op, run
from ..core.tensor import Tensor
from ._util import as_int
from .creation import _dtype_arg, _number_arg, _shape_arg

__all__ = ["random_uniform", "random_normal", "truncated_normal", "random_standard_normal",
           "random_uniform_int"]


def _seed_arg(seed: Any, op_name: str) -> str | int | float | None:
    if seed is None or isinstance(seed, str):
        return seed
    seed = as_int(seed)
    if isinstance(seed, bool) or not isinstance(seed, (int, float)):
        raise TypeError(f"'{op_name}': seed must be a number or str, got {type(seed).__name__}")
    return seed


def _host_tensor(values: list[float], shape: tuple[int, ...], dtype: str) -> Tensor:
    """A tensor holding doubles ``values`` stored as TF.js's typed arrays store them."""
    if dtype == "float32":
        buf = _array.array("f", values)  # rounds each double to the nearest float32
    elif dtype == "int32":
        buf = _array.array("i", [_rand.to_int32(v) for v in values])
    else:  # bool: Uint8Array keeps the low byte of the truncation
        buf = _array.array("B", [(_rand.to_int32(v) & 0xFF) != 0 for v in values])
    return ENGINE.make_tensor(host_values(buf, shape, dtype))


def _size(shape: tuple[int, ...]) -> int:
    return math.prod(shape)


@op("RandomUniform", tf_ops=("RandomUniform",), method=False, differentiable=False,
    dtype="given (float32 by default)")
def random_uniform(shape: Any, minval: float = 0, maxval: float = 1, dtype: str = "float32",
                   seed: int | float | str | None = None) -> Tensor:
    """Creates a tensor of values drawn from a uniform distribution over [minval, maxval).

    As in TF.js, each value is ``minval + (maxval - minval) * u`` stored in the output dtype:
    int32 truncates toward zero (so with a negative ``minval`` the value 0 is twice as likely
    and ``minval`` itself almost never appears, exactly as in TF.js), bool is true where the
    truncation is nonzero.

    Args:
        shape: the output shape (a list of non-negative ints).
        minval: the lower bound (inclusive).
        maxval: the upper bound (exclusive).
        dtype: float32 (default), int32 or bool.
        seed: a number or str; the same seed gives the same values as TF.js.

    >>> import pytfjs as tf
    >>> tf.random_uniform([3], 0, 1, "float32", 42).to_list()  # doctest: +ELLIPSIS
    [0.684863507..., 0.546324491..., 0.845593333...]
    >>> tf.random_uniform([2, 2], -1, 1).shape
    (2, 2)
    """
    shape = _shape_arg(shape, "random_uniform")
    minval = _number_arg(minval, "random_uniform", "minval")
    maxval = _number_arg(maxval, "random_uniform", "maxval")
    dtype = _dtype_arg(dtype, "random_uniform", ("float32", "int32", "bool"))
    seed = _seed_arg(seed, "random_uniform")
    if seed is not None:
        values = _rand.uniform_values(_size(shape), minval, maxval, _rand.seed_string(seed))
        return _host_tensor(values, shape, dtype)
    return run("RandomUniform", shape=shape, minval=minval, maxval=maxval, dtype=dtype)


@random_uniform.fallback
def _random_uniform_fallback(*, shape: tuple, minval: float, maxval: float,
                             dtype: str) -> Tensor:
    values = _rand.uniform_values(_size(shape), minval, maxval, _rand.random_seed())
    return _host_tensor(values, shape, dtype)


def _normal(op_name: str, kernel: str, shape: Any, mean: Any, std_dev: Any, dtype: Any,
            seed: Any, truncated: bool) -> Tensor:
    shape = _shape_arg(shape, op_name)
    mean = _number_arg(mean, op_name, "mean")
    std_dev = _number_arg(std_dev, op_name, "std_dev")
    if dtype == "bool":
        raise TypeError(f"'{op_name}': unsupported data type bool")
    dtype = _dtype_arg(dtype, op_name, ("float32", "int32"))
    if truncated and std_dev < 0:
        raise ValueError(f"'{op_name}': std_dev must be >= 0, got {std_dev}")
    seed = _seed_arg(seed, op_name)
    if seed:  # MPRandGauss: a falsy seed means "no seed"
        values = _rand.normal_values(_size(shape), mean, std_dev, _rand.seed_string(seed),
                                     truncated=truncated, integer=dtype == "int32")
        return _host_tensor(values, shape, dtype)
    return run(kernel, shape=shape, mean=mean, std_dev=std_dev, dtype=dtype)


@op("RandomStandardNormal", method=False, differentiable=False,
    dtype="given (float32 by default)")
def random_normal(shape: Any, mean: float = 0, std_dev: float = 1, dtype: str = "float32",
                  seed: int | float | str | None = None) -> Tensor:
    """Creates a tensor of values drawn from a normal distribution.

    Args:
        shape: the output shape (a list of non-negative ints).
        mean: the mean.
        std_dev: the standard deviation.
        dtype: float32 (default) or int32 (values rounded half up, as ``Math.round``).
        seed: a number or str; the same (truthy) seed gives the same values as TF.js.

    >>> import pytfjs as tf
    >>> tf.random_normal([2], 0, 1, "float32", 42).to_list()  # doctest: +ELLIPSIS
    [1.905309319..., 0.477446556...]
    """
    return _normal("random_normal", "RandomStandardNormal", shape, mean, std_dev, dtype, seed,
                   False)


@random_normal.fallback
def _random_normal_fallback(*, shape: tuple, mean: float, std_dev: float, dtype: str) -> Tensor:
    values = _rand.normal_values(_size(shape), mean, std_dev, _rand.random_seed(),
                                 integer=dtype == "int32")
    return _host_tensor(values, shape, dtype)


@op("TruncatedNormal", tf_ops=("TruncatedNormal",), method=False, differentiable=False,
    dtype="given (float32 by default)")
def truncated_normal(shape: Any, mean: float = 0, std_dev: float = 1, dtype: str = "float32",
                     seed: int | float | str | None = None) -> Tensor:
    """Creates a tensor of values drawn from a normal distribution truncated to
    ``mean +/- 2 * std_dev`` (values outside are redrawn).

    Args:
        shape: the output shape (a list of non-negative ints).
        mean: the mean.
        std_dev: the standard deviation of the normal before truncation (>= 0).
        dtype: float32 (default) or int32 (values rounded half up).
        seed: a number or str; the same (truthy) seed gives the same values as TF.js.

    >>> import pytfjs as tf
    >>> values = tf.truncated_normal([100], 1, 0.5).to_list()
    >>> all(0 <= v <= 2 for v in values)
    True
    >>> tf.truncated_normal([2], 1, 2, "float32", 7).to_list()  # doctest: +ELLIPSIS
    [-1.742105603..., 1.058573484...]
    """
    return _normal("truncated_normal", "TruncatedNormal", shape, mean, std_dev, dtype, seed,
                   True)


@truncated_normal.fallback
def _truncated_normal_fallback(*, shape: tuple, mean: float, std_dev: float,
                               dtype: str) -> Tensor:
    values = _rand.normal_values(_size(shape), mean, std_dev, _rand.random_seed(),
                                 truncated=True, integer=dtype == "int32")
    return _host_tensor(values, shape, dtype)


@op(None, tf_ops=("RandomStandardNormal",), method=False, differentiable=False,
    dtype="given (float32 by default)")
def random_standard_normal(shape: Any, dtype: str = "float32",
                           seed: int | float | str | None = None) -> Tensor:
    """Creates a tensor of values drawn from the standard normal distribution (mean 0,
    standard deviation 1): ``random_normal(shape, 0, 1, dtype, seed)``.

    Args:
        shape: the output shape (a list of non-negative ints).
        dtype: float32 (default) or int32.
        seed: a number or str; the same (truthy) seed gives the same values as TF.js.

    >>> import pytfjs as tf
    >>> tf.random_standard_normal([2, 3]).shape
    (2, 3)
    """
    if dtype is None:
        dtype = "float32"
    return _normal("random_standard_normal", "RandomStandardNormal", shape, 0, 1, dtype, seed,
                   False)


@op(None, tf_ops=("RandomUniformInt",), method=False, differentiable=False, dtype="int32")
def random_uniform_int(shape: Any, minval: int, maxval: int,
                       seed: int | float | str | None = None) -> Tensor:
    """Creates an int32 tensor of integers drawn uniformly from [minval, maxval):
    ``random_uniform(shape, minval, maxval, "int32", seed)``, TF.js's own definition (values
    truncate toward zero, so for a negative ``minval`` see :func:`random_uniform`).

    Args:
        shape: the output shape (a list of non-negative ints).
        minval: the lower bound (inclusive).
        maxval: the upper bound (exclusive).
        seed: a number or str; the same seed gives the same values as TF.js.

    >>> import pytfjs as tf
    >>> tf.random_uniform_int([4], 0, 10, 3).dtype
    'int32'
    """
    return random_uniform(shape, minval, maxval, "int32", seed)
