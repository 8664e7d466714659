"""Strided-slice specifications (TensorFlow's ``StridedSlice`` semantics), standard library only.

TensorFlow describes a strided slice with a *sparse* spec: ``begin``, ``end`` and ``strides``
lists (one entry per spec position, not per input dimension) and five bit masks:

- ``begin_mask`` / ``end_mask``: bit ``i`` set ignores ``begin[i]`` / ``end[i]`` and uses the
  widest range in the stride's direction;
- ``ellipsis_mask``: bit ``i`` marks an ellipsis (at most one) covering as many input dimensions
  as the other positions leave over;
- ``new_axis_mask``: bit ``i`` inserts a new dimension of size 1 (consumes no input dimension);
- ``shrink_axis_mask``: bit ``i`` takes the single element ``begin[i]`` and drops the dimension.

A spec with no ellipsis behaves as if one followed its last position, so dimensions the spec
does not mention are kept whole. :func:`strided_slice_spec` resolves all of that into a *dense*
spec, one ``(begin, end, stride)`` per input dimension with indices already wrapped and clamped,
plus the final shape. Every backend's kernel then only needs: for input dimension ``d``, output
element ``k`` reads input index ``begin[d] + k * strides[d]`` for ``k < size[d]``; finally the
result is reshaped to ``shape`` (new axes added, shrunk axes dropped).

The dense ``end`` is exclusive and tight (``begin + size * stride``); with a negative stride it
may be ``-1``, meaning "through index 0" (so a Python/NumPy ``slice`` must use ``None`` there).
Empty dimensions are normalised to ``(0, 0, 1)``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from .shapes import ShapeError

_NEW_AXIS = -1
_SHRINK_AXIS = -2


class SliceIndexError(IndexError, ValueError):
    """A single index (shrink axis / integer index) lies outside its dimension.

    It is both an ``IndexError`` (as NumPy indexing raises) and a ``ValueError`` (as TF's
    ``InvalidArgumentError`` is for ``tf.strided_slice``)."""


@dataclass(frozen=True)
class SliceSpec:
    """A dense strided slice: per input dimension ``begin``/``end``/``strides``/``sizes``; the
    final ``shape`` after inserting new axes and dropping shrunk ones."""
    begin: tuple[int, ...]
    end: tuple[int, ...]
    strides: tuple[int, ...]
    sizes: tuple[int, ...]
    shape: tuple[int, ...]

    def is_identity(self, in_shape: Sequence[int]) -> bool:
        """True when the slice selects every element in order (only a reshape remains)."""
        return all(s == 1 and b == 0 and n == d
                   for b, s, n, d in zip(self.begin, self.strides, self.sizes, in_shape))


def _as_int_list(v: Any, name: str, op: str) -> list[int]:
    if isinstance(v, bool):
        raise TypeError(f"'{op}': {name} must be a list of ints, got bool")
    if isinstance(v, int):
        return [v]
    if hasattr(v, "to_list") and not isinstance(v, (list, tuple)):  # a Tensor
        v = v.to_list()
        if isinstance(v, int):
            return [v]
    if not isinstance(v, (list, tuple)):
        raise TypeError(f"'{op}': {name} must be a list of ints, got {type(v).__name__}")
    out = []
    for i, x in enumerate(v):
        if isinstance(x, bool) or not isinstance(x, int):
            try:
                ix = int(x.__index__())  # NumPy integers
            except (AttributeError, TypeError):
                raise TypeError(f"'{op}': {name}[{i}] must be an int, got {x!r}") from None
            x = ix
        out.append(int(x))
    return out


def _mask(v: Any, name: str, op: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise TypeError(f"'{op}': {name} must be a non-negative int bit mask, got {v!r}")
    return v


def _bit(mask: int, i: int) -> bool:
    return bool((mask >> i) & 1)


def strided_slice_spec(shape: Sequence[int], begin: Any, end: Any, strides: Any = None,
                       begin_mask: int = 0, end_mask: int = 0, ellipsis_mask: int = 0,
                       new_axis_mask: int = 0, shrink_axis_mask: int = 0,
                       op: str = "strided_slice") -> SliceSpec:
    """Resolves a TensorFlow strided-slice spec against an input ``shape``.

    Raises ``ValueError``/``ShapeError`` for malformed specs and :class:`SliceIndexError` for a
    shrunk index outside its dimension.

    >>> from pytfjs.core.slicing import strided_slice_spec
    >>> s = strided_slice_spec((5,), [-1], [0], [-2])
    >>> s.begin, s.end, s.strides, s.shape
    ((4,), (0,), (-2,), (2,))
    """
    begin = _as_int_list(begin, "begin", op)
    end = _as_int_list(end, "end", op)
    strides = [1] * len(begin) if strides is None else _as_int_list(strides, "strides", op)
    if not len(begin) == len(end) == len(strides):
        raise ValueError(f"'{op}': begin, end and strides must have the same length, got "
                         f"{len(begin)}, {len(end)} and {len(strides)}")
    begin_mask = _mask(begin_mask, "begin_mask", op)
    end_mask = _mask(end_mask, "end_mask", op)
    ellipsis_mask = _mask(ellipsis_mask, "ellipsis_mask", op)
    new_axis_mask = _mask(new_axis_mask, "new_axis_mask", op)
    shrink_axis_mask = _mask(shrink_axis_mask, "shrink_axis_mask", op)
    for i, s in enumerate(strides):
        if s == 0:
            raise ValueError(f"'{op}': strides[{i}] must be non-zero")
    rank = len(shape)
    m = len(begin)
    within = (1 << m) - 1
    ell = ellipsis_mask & within
    if ell & (ell - 1):
        raise ValueError(f"'{op}': multiple ellipses in a slice are not allowed "
                         f"(ellipsis_mask={ellipsis_mask})")
    if not ell:  # an implicit ellipsis after the last position keeps the remaining dims whole
        ell = 1 << m
        m += 1

    # Sparse -> dense. For each input dim: (begin, end, stride, begin masked, end masked, shrink)
    dense: list[tuple[int, int, int, bool, bool, bool]] = []
    gather: list[int] = []  # final shape: a dense dim index, _NEW_AXIS or _SHRINK_AXIS
    for i in range(m):
        if _bit(ell, i):
            new_after = sum(1 for j in range(i + 1, m) if _bit(new_axis_mask, j)
                            and not _bit(ell, j))
            # dims consumed by the positions after the ellipsis
            after = (m - 1 - i) - new_after
            stop = rank - after
            if stop < len(dense):
                raise ShapeError(f"'{op}': the slice has {len(dense) + after} indexed "
                                 f"dimensions but the input has rank {rank}")
            while len(dense) < stop:
                gather.append(len(dense))
                dense.append((0, 0, 1, True, True, False))
        elif _bit(new_axis_mask, i):
            gather.append(_NEW_AXIS)
        else:
            d = len(dense)
            if d >= rank:
                raise ShapeError(f"'{op}': index out of range using input dim {d}; the input "
                                 f"has only {rank} dims (shape {list(shape)})")
            shrink = _bit(shrink_axis_mask, i)
            gather.append(_SHRINK_AXIS if shrink else d)
            dense.append((begin[i], end[i], strides[i], _bit(begin_mask, i), _bit(end_mask, i),
                          shrink))

    out_begin, out_end, out_strides, sizes = [], [], [], []
    for d, (b, e, s, bm, em, shrink) in enumerate(dense):
        dim = int(shape[d])
        if shrink:
            if s < 0:
                raise ValueError(f"'{op}': only a positive stride is allowed on an index "
                                 f"(shrink axis) in dimension {d}, got stride {s}")
            x = b + dim if b < 0 else b
            if x < 0 or x >= dim:
                raise SliceIndexError(f"'{op}': index {b} is out of bounds for axis {d} with "
                                      f"size {dim}")
            b, e, s, n = x, x + 1, 1, 1
        else:
            lo, hi = (0, dim) if s > 0 else (-1, dim - 1)
            if bm:
                b = lo if s > 0 else hi
            else:
                b = b + dim if b < 0 else b
                b = lo if b < lo else hi if b > hi else b
            if em:
                e = hi if s > 0 else lo
            else:
                e = e + dim if e < 0 else e
                e = lo if e < lo else hi if e > hi else e
            span = e - b if s > 0 else b - e
            step = s if s > 0 else -s
            n = (span + step - 1) // step if span > 0 else 0
        if n == 0:
            b, e, s = 0, 0, 1
        else:
            e = b + n * s
            if s < 0 and e < -1:
                e = -1
        out_begin.append(b)
        out_end.append(e)
        out_strides.append(s)
        sizes.append(n)

    final = []
    for g in gather:
        if g == _NEW_AXIS:
            final.append(1)
        elif g >= 0:
            final.append(sizes[g])
    return SliceSpec(tuple(out_begin), tuple(out_end), tuple(out_strides), tuple(sizes),
                     tuple(final))


def _is_int_index(k: Any) -> bool:
    if isinstance(k, bool):
        return False
    if isinstance(k, int):
        return True
    idx = getattr(k, "__index__", None)
    if idx is None or isinstance(k, (list, tuple, slice)) or k is Ellipsis or k is None:
        return False
    shape = getattr(k, "shape", ())
    return tuple(shape) == ()


def _slice_part(v: Any, what: str) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool) or not hasattr(v, "__index__"):
        raise TypeError(f"slice {what} must be an int or None, got {v!r}")
    return int(v.__index__())


def getitem_spec(key: Any, shape: Sequence[int]) -> dict:
    """Translates a NumPy-style basic index (ints, slices, ``None``, ``...`` and tuples of
    these) into :func:`strided_slice_spec` arguments. Integer indices are bounds-checked here
    so the error names the tensor's axis as NumPy does.

    >>> from pytfjs.core.slicing import getitem_spec
    >>> getitem_spec((0, slice(None, None, -1)), (2, 3))["shrink_axis_mask"]
    1
    """
    if not isinstance(key, tuple):
        key = (key,)
    n_ell = sum(1 for k in key if k is Ellipsis)
    if n_ell > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    consumed = sum(1 for k in key if k is not None and k is not Ellipsis)
    rank = len(shape)
    if consumed > rank:
        raise IndexError(f"too many indices for tensor: tensor is {rank}-dimensional, but "
                         f"{consumed} were indexed")
    begin, end, strides = [], [], []
    bm = em = elm = nam = sam = 0
    axis = 0
    for i, k in enumerate(key):
        bit = 1 << i
        if k is Ellipsis:
            elm |= bit
            begin.append(0), end.append(0), strides.append(1)
            axis += rank - consumed
        elif k is None:
            nam |= bit
            begin.append(0), end.append(0), strides.append(1)
        elif isinstance(k, slice):
            start = _slice_part(k.start, "start")
            stop = _slice_part(k.stop, "stop")
            step = _slice_part(k.step, "step")
            step = 1 if step is None else step
            if step == 0:
                raise ValueError("slice step cannot be zero")
            if start is None:
                bm |= bit
            if stop is None:
                em |= bit
            begin.append(0 if start is None else start)
            end.append(0 if stop is None else stop)
            strides.append(step)
            axis += 1
        elif _is_int_index(k):
            v = int(k.__index__())
            dim = shape[axis]
            if v < -dim or v >= dim:
                raise SliceIndexError(f"index {v} is out of bounds for axis {axis} with size "
                                      f"{dim}")
            sam |= bit
            begin.append(v), end.append(v + 1), strides.append(1)
            axis += 1
        else:
            raise TypeError(f"only integers, slices (`:`), ellipsis (`...`), None (newaxis) "
                            f"and integer lists/tensors are valid indices, got "
                            f"{type(k).__name__}")
    return {"begin": begin, "end": end, "strides": strides, "begin_mask": bm, "end_mask": em,
            "ellipsis_mask": elm, "new_axis_mask": nam, "shrink_axis_mask": sam}
