"""Turning user values (nested lists, scalars, buffers, array-interface objects) into host
values a backend can ``write``, inferring shape and dtype as TF.js does. Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import dtypes as _dt
from .shapes import ShapeError, size_of


@dataclass(frozen=True)
class HostValues:
    """Values on the host, ready for ``Backend.write``.

    ``kind`` is ``"list"`` (``payload`` a flat list of Python scalars), ``"array"`` (an object
    with ``__array_interface__``; NumPy arrays), ``"buffer"`` (a buffer-protocol object such as
    ``array.array``) or ``"cuda"`` (an object with ``__cuda_array_interface__``).
    ``host_dtype`` is the element type of ``payload`` when it is not a list.
    """

    kind: str
    payload: Any
    shape: tuple[int, ...]
    dtype: str
    host_dtype: str | None = None


class TensorLikeError(TypeError):
    """A value that cannot become a tensor."""


_SCALARS = (bool, int, float, complex, str, bytes)


def _infer_list(values: Any, op: str, arg: str) -> tuple[list, tuple[int, ...], str | None]:
    """Flattens a nested list, checking it is rectangular; returns (flat, shape, dtype)."""
    flat: list = []
    kinds: set[str] = set()
    shape: list[int] = []
    probe = values
    while isinstance(probe, (list, tuple)):
        shape.append(len(probe))
        if not probe:
            break
        probe = probe[0]
    depth = len(shape)

    def walk(v: Any, level: int, path: str) -> None:
        if level == depth:
            if isinstance(v, (list, tuple)):
                raise ShapeError(f"Argument '{arg}' passed to '{op}': element {path} should be a "
                                 f"scalar but is a sequence of {len(v)} elements.")
            if not isinstance(v, _SCALARS):
                if hasattr(v, "data_id") and hasattr(v, "shape"):
                    raise TensorLikeError(f"Argument '{arg}' passed to '{op}': a nested list may not "
                                          f"contain Tensors (found one at {path}); use tf.stack.")
                elif hasattr(v, "shape") and tuple(getattr(v, "shape")) == () and hasattr(v, "item"):
                    v = v.item()  # NumPy 0-d arrays and scalars
                else:
                    raise TensorLikeError(f"Argument '{arg}' passed to '{op}' must be a Tensor or "
                                          f"TensorLike, but element {path} is {type(v).__name__}.")
            kinds.add(_dt.scalar_dtype(v))
            flat.append(v)
            return
        if not isinstance(v, (list, tuple)):
            raise ShapeError(f"Argument '{arg}' passed to '{op}': element {path} should have "
                             f"{shape[level]} elements, but is a scalar.")
        if len(v) != shape[level]:
            raise ShapeError(f"Argument '{arg}' passed to '{op}': element {path} should have "
                             f"{shape[level]} elements, but has {len(v)} elements.")
        for i, item in enumerate(v):
            walk(item, level + 1, f"{path}[{i}]")

    walk(values, 0, arg)
    if not kinds:
        dtype = None
    elif "string" in kinds:
        if len(kinds) > 1:
            raise TensorLikeError(f"Argument '{arg}' passed to '{op}' mixes strings and numbers.")
        dtype = "string"
    elif "complex64" in kinds:
        dtype = "complex64"
    elif "float32" in kinds:
        dtype = "float32"
    elif "int32" in kinds:
        dtype = "int32"
    else:
        dtype = "bool"
    return flat, tuple(shape), dtype


def host_values(values: Any, shape: Any = None, dtype: str | None = None,
                op: str = "tensor", arg: str = "values") -> HostValues:
    """Describes ``values`` as host data with a shape and a dtype.

    Python ints infer ``int32`` and floats ``float32`` (TF.js, where every JS number is a
    float, would give ``float32`` for both; see docs/differences.md). Host arrays keep their
    dtype when a backend supports it; float64/int64 arrays become float32/int32, as in TF.js.
    """
    if dtype is not None:
        dtype = _dt.check_dtype(dtype)
    if hasattr(values, "__cuda_array_interface__"):
        cai = values.__cuda_array_interface__
        host = _dt.host_dtype(values) or _dt.default_tfjs_dtype("float32")
        out = HostValues("cuda", values, tuple(cai["shape"]), dtype or _dt.default_tfjs_dtype(host), host)
    elif isinstance(values, _SCALARS):
        inferred = _dt.scalar_dtype(values)
        out = HostValues("list", [values], (), dtype or inferred)
    elif isinstance(values, (list, tuple)):
        flat, inferred_shape, inferred = _infer_list(values, op, arg)
        out = HostValues("list", flat, inferred_shape, dtype or inferred or "float32")
    elif hasattr(values, "__array_interface__"):
        host = _dt.host_dtype(values)
        ashape = tuple(values.__array_interface__["shape"])
        out = HostValues("array", values, ashape, dtype or _dt.default_tfjs_dtype(host), host)
    else:
        try:
            mv = memoryview(values)
        except TypeError:
            raise TensorLikeError(f"Argument '{arg}' passed to '{op}' must be a Tensor or TensorLike, "
                                  f"but got '{type(values).__name__}'") from None
        host = _dt.format_dtype(mv.format)
        out = HostValues("buffer", mv, tuple(mv.shape or ()), dtype or _dt.default_tfjs_dtype(host), host)
    if out.dtype == "string" and out.host_dtype not in (None, "string"):
        raise TensorLikeError(f"Argument '{arg}' passed to '{op}': cannot make a string tensor "
                              f"from {out.host_dtype} data.")
    if out.dtype != "string" and (out.host_dtype == "string" or
                                  (out.kind == "list" and out.payload and
                                   isinstance(out.payload[0], (str, bytes)))):
        raise TensorLikeError(f"Argument '{arg}' passed to '{op}': cannot make a {out.dtype} "
                              f"tensor from strings.")
    if shape is not None:
        if isinstance(shape, int):
            shape = (shape,)
        try:
            shape = tuple(int(d) for d in shape)
        except TypeError:
            raise TypeError(f"'{op}': shape must be a sequence of ints, got {shape!r}") from None
        if any(d < 0 for d in shape):
            raise ShapeError(f"'{op}': shape {list(shape)} has a negative dimension.")
        nonzero = 1
        for d in shape:
            nonzero *= d or 1
        if nonzero >= 2**62:  # even with a zero dimension, no array can have this shape
            raise ShapeError(f"'{op}': shape {list(shape)} is too large for any array.")
        n, want = size_of(out.shape), size_of(shape)
        if n != want:
            if out.shape == () and out.kind == "list":
                raise ShapeError(f"'{op}': based on the provided shape, {list(shape)}, the tensor "
                                 f"should have {want} values but has 1. Use tf.fill to repeat a value.")
            raise ShapeError(f"'{op}': based on the provided shape, {list(shape)}, the tensor should "
                             f"have {want} values but has {n}.")
        out = HostValues(out.kind, out.payload, shape, out.dtype, out.host_dtype)
    return out
