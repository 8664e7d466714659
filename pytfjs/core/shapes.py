"""Shape utilities shared by ops and backends (standard library only)."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

Shape = tuple[int, ...]


class ShapeError(ValueError):
    """Incompatible or invalid shapes."""


def size_of(shape: Sequence[int]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def broadcast_shapes(a: Sequence[int], b: Sequence[int], op: str = "") -> Shape:
    """NumPy/TF broadcasting of two shapes; raises ShapeError naming both shapes."""
    if tuple(a) == tuple(b):
        return tuple(a)
    n = max(len(a), len(b))
    out = []
    for i in range(n):
        da = a[len(a) - n + i] if i >= n - len(a) else 1
        db = b[len(b) - n + i] if i >= n - len(b) else 1
        if da == db or db == 1:
            out.append(da)
        elif da == 1:
            out.append(db)
        else:
            where = f" in '{op}'" if op else ""
            raise ShapeError(f"Operands could not be broadcast together with shapes "
                             f"{list(a)} and {list(b)}{where}.")
    return tuple(out)


def reduction_axes(in_shape: Sequence[int], out_shape: Sequence[int]) -> list[int]:
    """Axes of ``out_shape`` (the broadcast shape) that were broadcast from ``in_shape``;
    summing a gradient over them gives a gradient of ``in_shape`` (after a reshape)."""
    axes = []
    offset = len(out_shape) - len(in_shape)
    for i in range(len(out_shape)):
        j = i - offset
        if j < 0 or (in_shape[j] == 1 and out_shape[i] != 1):
            axes.append(i)
    return axes


def _as_index(x: Any) -> Any:
    """A NumPy integer (anything with ``__index__`` but not bool) as a Python int."""
    if not isinstance(x, (int, bool)) and hasattr(x, "__index__") and \
            type(x).__name__ not in ("bool_", "bool"):
        return x.__index__()
    return x


def normalize_axis(axis: int, rank: int, op: str = "", arg: str = "axis") -> int:
    axis = _as_index(axis)
    if not isinstance(axis, int) or isinstance(axis, bool):
        raise TypeError(f"'{op}': {arg} must be an int, got {type(axis).__name__}")
    lo = -rank if rank else -1
    hi = rank - 1 if rank else 0
    if axis < lo or axis > hi:
        raise ShapeError(f"'{op}': {arg} {axis} is out of range for a tensor of rank {rank} "
                         f"(expected {lo} <= {arg} <= {hi}).")
    return axis + rank if axis < 0 else axis


def parse_axes(axis: int | Iterable[int] | None, rank: int, op: str = "") -> list[int]:
    """TF.js ``parseAxisParam``: None -> all axes; negatives wrap; out of range raises."""
    if axis is None:
        return list(range(rank))
    axis = _as_index(axis)
    axes = [axis] if isinstance(axis, int) else [_as_index(a) for a in axis]
    out = []
    for a in axes:
        if not isinstance(a, int) or isinstance(a, bool):
            raise TypeError(f"'{op}': axis must be int or a list of int, got {axis!r}")
        if a < -rank or a >= max(rank, 1) and not (rank == 0 and a in (0, -1)):
            raise ShapeError(f"'{op}': axis {a} is out of range for a tensor of rank {rank} "
                             f"(expected -{rank} <= axis < {rank}).")
        out.append(a + rank if a < 0 else a)
    if rank == 0:
        return []
    return out


def reduced_shape(shape: Sequence[int], axes: Sequence[int], keep_dims: bool) -> Shape:
    if keep_dims:
        return tuple(1 if i in axes else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in axes)


def infer_reshape(shape: Sequence[int], size: int, op: str = "reshape") -> Shape:
    """Resolves a single -1 in ``shape`` and checks the element count."""
    shape = [int(d) for d in shape]
    unknown = [i for i, d in enumerate(shape) if d == -1]
    if len(unknown) > 1:
        raise ShapeError(f"'{op}': shape {shape} has more than one unknown dimension (-1).")
    if any(d < -1 for d in shape):
        raise ShapeError(f"'{op}': shape {shape} has a negative dimension.")
    if unknown:
        known = size_of([d for d in shape if d != -1])
        if known == 0 or size % known:
            raise ShapeError(f"'{op}': the input of {size} elements cannot be reshaped to {shape}.")
        shape[unknown[0]] = size // known
    if size_of(shape) != size:
        raise ShapeError(f"'{op}': the input of {size} elements cannot be reshaped to "
                         f"{shape} ({size_of(shape)} elements).")
    return tuple(shape)
