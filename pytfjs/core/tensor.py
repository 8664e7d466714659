"""Tensor and Variable: immutable handles to data that a backend owns.

Methods for ops (``t.add(u)``, ``t.reshape(...)``) are attached by the op declarations in
``pytfjs.ops`` (``@op(..., method=True)``), one per op, so each op is declared once.
"""
from __future__ import annotations

import array as _array
import itertools
import math
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .shapes import size_of

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Engine

#: Set by engine.py when it is imported (avoids an import cycle).
ENGINE: "Engine" = None  # type: ignore[assignment]
#: Public ops by name, filled by ``core.opdef``; used by operators such as ``__radd__``.
OPS: dict[str, Callable[..., Any]] = {}

_ids = itertools.count()
_next_id = _ids.__next__
_prod = math.prod  # size_of in C (the product of () is 1, as for a scalar)


class DisposedTensorError(RuntimeError):
    """A tensor was used after ``dispose()``."""


_ARRAY_CODES = {"float32": "f", "int32": "i", "bool": "B", "complex64": "f", "float64": "d",
                "float16": "f", "int8": "b", "uint8": "B", "int16": "h", "uint16": "H", "int64": "q"}


class Tensor:
    """An immutable multidimensional array whose data lives on a backend.

    >>> import pytfjs as tf
    >>> t = tf.tensor([[1, 2], [3, 4]])
    >>> t.shape, t.dtype, t.rank, t.size
    ((2, 2), 'int32', 2, 4)
    >>> (t * 2 + 1).to_list()
    [[3, 5], [7, 9]]
    """

    __slots__ = ("data_id", "shape", "dtype", "size", "id", "kept", "_disposed", "__weakref__")
    # ``x == y`` is elementwise; identity hashing keeps tensors usable as dict keys.
    __hash__ = object.__hash__
    # Let NumPy defer to our reflected operators (``ndarray + Tensor`` -> Tensor).
    __array_priority__ = 1000

    def __init__(self, shape: tuple[int, ...], dtype: str, data_id: Any, tensor_id: int | None = None):
        self.shape = shape
        self.dtype = dtype
        self.data_id = data_id
        self.size = _prod(shape)
        self.id = _next_id() if tensor_id is None else tensor_id
        self.kept = False
        self._disposed = False

    # ----------------------------------------------------------------- properties
    @property
    def rank(self) -> int:
        return len(self.shape)

    @property
    def is_disposed(self) -> bool:
        return self._disposed

    @property
    def backend(self) -> str:
        """Name of the backend that holds this tensor's data."""
        self._check()
        return ENGINE.backend_of(self).name

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def _check(self) -> None:
        if self._disposed:
            raise DisposedTensorError(f"Tensor is disposed (id {self.id}, shape {list(self.shape)}, "
                                      f"dtype {self.dtype}).")

    # ----------------------------------------------------------------- reading
    def data_sync(self) -> Any:
        """The values as a flat typed sequence, like TF.js's TypedArray: ``array.array``
        ('f' float32, 'i' int32, 'B' bool as 0/1, interleaved 'f' for complex64) or a list of
        ``str`` for string tensors."""
        self._check()
        return _to_typed(ENGINE.read_sync(self), self.dtype)

    async def data(self) -> Any:
        """Async form of :meth:`data_sync`; GPU backends do not block the event loop."""
        self._check()
        return _to_typed(await ENGINE.read(self), self.dtype)

    def array_sync(self) -> Any:
        """The values as nested Python lists (scalars for rank 0)."""
        return self.to_list()

    async def array(self) -> Any:
        self._check()
        return _nest(_python_values(await ENGINE.read(self), self.dtype), self.shape)

    def to_list(self) -> Any:
        """Nested Python lists of ``float``/``int``/``bool``/``complex``/``str``."""
        self._check()
        return _nest(_python_values(ENGINE.read_sync(self), self.dtype), self.shape)

    def numpy(self) -> Any:
        """A writable NumPy copy of the values (imports NumPy)."""
        self._check()
        return ENGINE.backend_of(self).to_numpy(self, copy=True)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Any:
        self._check()
        arr = ENGINE.backend_of(self).to_numpy(self, copy=bool(copy))
        if dtype is not None and arr.dtype != dtype:
            arr = arr.astype(dtype)
        return arr

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        """NumPy functions (``np.sum(t)``, ``np.mean(t)``, ``np.concatenate([t, ...])``) run on
        the values: every Tensor argument becomes its array."""
        def conv(x: Any) -> Any:
            if isinstance(x, Tensor):
                return x.__array__()
            if isinstance(x, (list, tuple)):
                return type(x)(conv(v) for v in x)
            if isinstance(x, dict):
                return {k: conv(v) for k, v in x.items()}
            return x
        return func(*conv(args), **conv(kwargs))

    def item(self) -> Any:
        if self.size != 1:
            raise ValueError(f"item() needs a tensor with one element, got shape {list(self.shape)}")
        return _python_values(ENGINE.read_sync(self), self.dtype)[0]

    def __bool__(self) -> bool:
        if self.size != 1:
            raise ValueError(f"The truth value of a tensor with shape {list(self.shape)} is ambiguous; "
                             f"use tf.any or tf.all.")
        return bool(self.item())

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __index__(self) -> int:
        if self.dtype not in ("int32", "int64", "int16", "int8", "uint8", "uint16"):
            raise TypeError(f"Only integer scalar tensors can be used as an index, not {self.dtype}")
        return int(self.item())

    def __len__(self) -> int:
        if not self.shape:
            raise TypeError("len() of a scalar tensor")
        return self.shape[0]

    def __iter__(self) -> Iterator["Tensor"]:
        if not self.shape:
            raise TypeError("iteration over a scalar tensor")
        return iter(OPS["unstack"](self))

    # ----------------------------------------------------------------- lifetime
    def dispose(self) -> None:
        """Frees this tensor's reference to its data (idempotent)."""
        if not self._disposed:
            ENGINE.dispose_tensor(self)

    def clone(self) -> "Tensor":
        return OPS["clone"](self)

    def print(self, verbose: bool = False) -> None:
        """Prints the tensor as TF.js's ``t.print()`` does."""
        print(self.to_string(verbose))

    def to_string(self, verbose: bool = False) -> str:
        self._check()
        body = _format(self)
        head = "Tensor"
        if verbose:
            head += f"\n  dtype: {self.dtype}\n  rank: {self.rank}\n  shape: {list(self.shape)}\n  values:"
        return head + "\n" + "\n".join("    " + line for line in body.split("\n"))

    def __repr__(self) -> str:
        if self._disposed:
            return f"<tf.Tensor (disposed) shape={self.shape} dtype={self.dtype}>"
        return f"tf.Tensor({_format(self, indent=10)}, shape={self.shape}, dtype={self.dtype})"

    __str__ = __repr__

    # ----------------------------------------------------------------- operators
    def __add__(self, o: Any) -> "Tensor": return OPS["add"](self, o)
    def __radd__(self, o: Any) -> "Tensor": return OPS["add"](o, self)
    def __sub__(self, o: Any) -> "Tensor": return OPS["sub"](self, o)
    def __rsub__(self, o: Any) -> "Tensor": return OPS["sub"](o, self)
    def __mul__(self, o: Any) -> "Tensor": return OPS["mul"](self, o)
    def __rmul__(self, o: Any) -> "Tensor": return OPS["mul"](o, self)
    def __truediv__(self, o: Any) -> "Tensor": return OPS["div"](self, o)
    def __rtruediv__(self, o: Any) -> "Tensor": return OPS["div"](o, self)
    def __floordiv__(self, o: Any) -> "Tensor": return OPS["floor_div"](self, o)
    def __rfloordiv__(self, o: Any) -> "Tensor": return OPS["floor_div"](o, self)
    def __mod__(self, o: Any) -> "Tensor": return OPS["mod"](self, o)
    def __rmod__(self, o: Any) -> "Tensor": return OPS["mod"](o, self)
    def __pow__(self, o: Any) -> "Tensor": return OPS["pow"](self, o)
    def __rpow__(self, o: Any) -> "Tensor": return OPS["pow"](o, self)
    def __matmul__(self, o: Any) -> "Tensor": return OPS["mat_mul"](self, o)
    def __rmatmul__(self, o: Any) -> "Tensor": return OPS["mat_mul"](o, self)
    def __neg__(self) -> "Tensor": return OPS["neg"](self)
    def __pos__(self) -> "Tensor": return self
    def __abs__(self) -> "Tensor": return OPS["abs"](self)
    def __invert__(self) -> "Tensor": return OPS["logical_not"](self)
    def __and__(self, o: Any) -> "Tensor": return OPS["logical_and"](self, o)
    def __rand__(self, o: Any) -> "Tensor": return OPS["logical_and"](o, self)
    def __or__(self, o: Any) -> "Tensor": return OPS["logical_or"](self, o)
    def __ror__(self, o: Any) -> "Tensor": return OPS["logical_or"](o, self)
    def __xor__(self, o: Any) -> "Tensor": return OPS["logical_xor"](self, o)
    def __rxor__(self, o: Any) -> "Tensor": return OPS["logical_xor"](o, self)
    def __lt__(self, o: Any) -> "Tensor": return OPS["less"](self, o)
    def __le__(self, o: Any) -> "Tensor": return OPS["less_equal"](self, o)
    def __gt__(self, o: Any) -> "Tensor": return OPS["greater"](self, o)
    def __ge__(self, o: Any) -> "Tensor": return OPS["greater_equal"](self, o)
    def __eq__(self, o: Any) -> "Tensor": return OPS["equal"](self, o)  # type: ignore[override]
    def __ne__(self, o: Any) -> "Tensor": return OPS["not_equal"](self, o)  # type: ignore[override]

    def __getitem__(self, key: Any) -> "Tensor":
        return OPS["_getitem"](self, key)


class Variable(Tensor):
    """A mutable tensor (TF.js ``tf.variable``): ``assign`` swaps in new data of the same
    shape and dtype. Variables are not disposed by ``tidy``.

    >>> import pytfjs as tf
    >>> v = tf.variable(tf.zeros([2]), name="v_doc")
    >>> v.assign(tf.tensor([1.0, 2.0]))
    >>> v.to_list()
    [1.0, 2.0]
    >>> v.dispose()
    """

    __slots__ = ("name", "trainable")

    def __init__(self, initial: Tensor, trainable: bool = True, name: str | None = None,
                 dtype: str | None = None):
        super().__init__(initial.shape, initial.dtype, initial.data_id)
        self.trainable = trainable
        self.name = name

    def assign(self, new_value: Tensor) -> None:
        """Replaces the value; ``new_value`` must have this variable's shape and dtype."""
        self._check()
        new_value = OPS["_to_tensor"](new_value, "new_value", "assign", self.dtype)
        if new_value.dtype != self.dtype:
            raise TypeError(f"dtype of the new value ({new_value.dtype}) and previous value "
                            f"({self.dtype}) must match (variable '{self.name}')")
        if new_value.shape != self.shape:
            raise ValueError(f"shape of the new value {list(new_value.shape)} and previous value "
                             f"{list(self.shape)} must match (variable '{self.name}')")
        ENGINE.assign_variable(self, new_value)

    def __repr__(self) -> str:
        return f"<tf.Variable '{self.name}' shape={self.shape} dtype={self.dtype}>"

    __str__ = __repr__


# --------------------------------------------------------------------- helpers
def _to_typed(values: Any, dtype: str) -> Any:
    if dtype == "string":
        return list(values)
    code = _ARRAY_CODES[dtype]
    out = _array.array(code)
    if isinstance(values, list):
        if dtype == "complex64":
            out.extend(x for c in values for x in (c.real, c.imag))
        else:
            out.extend(values)
        return out
    mv = memoryview(values)
    if dtype == "complex64":
        out.frombytes(mv.cast("B"))  # interleaved float32
        return out
    if mv.format.lstrip("<=@") in (code, "?" if dtype == "bool" else code):
        out.frombytes(mv.cast("B"))
        return out
    out.extend(mv.tolist())
    return out


def _python_values(values: Any, dtype: str) -> list:
    """Flat list of Python scalars from a backend's host values."""
    if isinstance(values, list):
        flat = values
    elif hasattr(values, "tolist"):
        flat = values.tolist()
    else:
        flat = memoryview(values).tolist()
    if dtype == "bool":
        return [bool(v) for v in flat]
    if dtype == "complex64" and flat and not isinstance(flat[0], complex):
        return [complex(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]
    return list(flat)


def _nest(flat: list, shape: tuple[int, ...]) -> Any:
    if not shape:
        return flat[0]
    if len(shape) == 1:
        return list(flat)
    step = size_of(shape[1:])
    return [_nest(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


_MAX_EDGE = 3   # values shown at each end of a long dimension
_MAX_FULL = 20  # dimensions up to this length are shown in full


def _fmt_scalar(v: Any, dtype: str) -> str:
    if dtype == "string":
        return repr(v)
    if dtype == "bool":
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if v == v and abs(v) not in (float("inf"),) and \
            (v == 0 or 1e-4 <= abs(v) < 1e7) else f"{v:g}"
    if isinstance(v, complex):
        return f"{v.real:g}{v.imag:+g}j"
    return str(v)


def _format(t: Tensor, indent: int = 0) -> str:
    flat = _python_values(ENGINE.read_sync(t), t.dtype)
    if not t.shape:
        return _fmt_scalar(flat[0], t.dtype)

    def rec(offset: int, dims: tuple[int, ...], depth: int) -> str:
        n = dims[0]
        step = size_of(dims[1:])
        idx = list(range(n)) if n <= _MAX_FULL else \
            list(range(_MAX_EDGE)) + [None] + list(range(n - _MAX_EDGE, n))
        parts = []
        for i in idx:
            if i is None:
                parts.append("...")
            elif len(dims) == 1:
                parts.append(_fmt_scalar(flat[offset + i], t.dtype))
            else:
                parts.append(rec(offset + i * step, dims[1:], depth + 1))
        if len(dims) == 1:
            return "[" + ", ".join(parts) + "]"
        sep = "," + "\n" * (len(dims) - 1) + " " * (indent + depth + 1)
        return "[" + sep.join(parts) + "]"

    return rec(0, t.shape, 0)
