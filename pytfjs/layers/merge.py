"""Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot
(tfjs-layers ``layers/merge.ts`` semantics).

Every factory also works as TF.js's functional helper: given a list of tensors (symbolic or
concrete) instead of a config it builds the layer and applies it,
``tf.layers.add([a, b])`` == ``tf.layers.add().apply([a, b])``.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.tensor import Tensor
from .engine import Layer, LayerError
from .serialization import FACTORIES, register_layer


def _tf() -> Any:
    import pytfjs
    return pytfjs


def _broadcast_shapes(s1: tuple | None, s2: tuple | None) -> tuple | None:
    """Output shape of an elementwise op on two shapes without the batch (right-aligned)."""
    if s1 is None or s2 is None:
        return None
    if len(s1) < len(s2):
        s1, s2 = s2, s1
    if not s2:
        return tuple(s1)
    out = list(s1[:len(s1) - len(s2)])
    for i, j in zip(s1[len(s1) - len(s2):], s2):
        if i is None or j is None or i < 0 or j < 0:
            out.append(None)
        elif i == 1:
            out.append(j)
        elif j == 1 or i == j:
            out.append(i)
        else:
            raise LayerError(f"Operands could not be broadcast together with shapes {list(s1)} {list(s2)}")
    return tuple(out)


def _check_list(input_shape: Any, layer: str) -> list:
    if not isinstance(input_shape, list) or not all(isinstance(s, tuple) for s in input_shape):
        raise LayerError(f"A merge layer should be called on an Array of at least 2 inputs. "
                         f"Got 1 input(s). ({layer})")
    return input_shape


class _Merge(Layer):
    """Base of the elementwise merge layers: inputs of different ranks are expanded at axis 1
    (after the batch) until they match, then broadcast."""

    _min_inputs = 2
    _max_inputs: int | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True

    def _merge(self, inputs: list[Tensor]) -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must implement _merge (abstract merge layer)")

    def _check_count(self, n: int) -> None:
        if n < self._min_inputs:
            raise LayerError(f"A merge layer should be called on an Array of at least "
                             f"{self._min_inputs} inputs. Got {n} input(s).")
        if self._max_inputs is not None and n > self._max_inputs:
            raise LayerError(f"A `{self.class_name}` layer should be called on exactly "
                             f"{self._max_inputs} inputs, got {n}.")

    def build(self, input_shape: Any) -> None:
        shapes = _check_list(input_shape, self.name)
        self._check_count(len(shapes))
        batch = {s[0] for s in shapes if s and s[0] is not None}
        if len(batch) > 1:
            raise LayerError(f"Can not merge tensors with different batch sizes. Got tensors with "
                             f"shapes: {[list(s) for s in shapes]}.")
        out = shapes[0][1:]
        for s in shapes[1:]:
            out = _broadcast_shapes(out, s[1:])
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        shapes = _check_list(input_shape, self.name)
        out = shapes[0][1:]
        for s in shapes[1:]:
            out = _broadcast_shapes(out, s[1:])
        batch = {s[0] for s in shapes if s and s[0] is not None}
        return ((batch.pop() if len(batch) == 1 else None),) + tuple(out)

    def call(self, inputs: Any, **kwargs: Any) -> Tensor:
        if not isinstance(inputs, (list, tuple)):
            raise LayerError(f"{self.name}: a merge layer must be called on a list of tensors")
        inputs = list(inputs)
        self._check_count(len(inputs))
        tf = _tf()
        top = max(x.rank for x in inputs)
        xs = []
        for x in inputs:
            if x.rank < top:
                x = tf.reshape(x, [x.shape[0]] + [1] * (top - x.rank) + list(x.shape[1:]))
            xs.append(x)
        return self._merge(xs)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        # Keras semantics: a step is kept if every input keeps it. (TF.js skips the last mask.)
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)):
            raise LayerError("`mask` should be an Array")
        if isinstance(inputs, (list, tuple)) and len(mask) != len(inputs):
            raise LayerError(f"The Array 'inputs' and 'mask' are expected to have the same length, "
                             f"but have different lengths ({len(inputs)} vs {len(mask)})")
        masks = [m for m in mask if m is not None]
        if not masks:
            return None
        tf = _tf()
        out = masks[0]
        for m in masks[1:]:
            out = tf.logical_and(out, m)
        return out


def _functional(cls: type, factory: str) -> Callable[..., Any]:
    def make(*args: Any, **kwargs: Any) -> Any:
        if len(args) == 1 and isinstance(args[0], (list, tuple)):
            return cls(**kwargs).apply(list(args[0]))
        if len(args) == 1 and isinstance(args[0], dict):
            return cls(**args[0], **kwargs)
        if args:
            raise TypeError(f"tf.layers.{factory}: pass a list of tensors or keyword arguments")
        return cls(**kwargs)
    make.__name__ = make.__qualname__ = factory
    make.__doc__ = (f"``tf.layers.{factory}(**config)`` creates a :class:`{cls.__name__}` layer; "
                    f"``tf.layers.{factory}([a, b, ...], **config)`` also applies it.\n\n" + (cls.__doc__ or ""))
    FACTORIES[factory] = make
    return make


@register_layer(class_name="Add")
class Add(_Merge):
    """Elementwise sum of its inputs.

    >>> import pytfjs as tf
    >>> tf.layers.add([tf.tensor([[1.0, 2.0]]), tf.tensor([[10.0, 20.0]])]).to_list()
    [[11.0, 22.0]]
    """

    def _merge(self, inputs: list[Tensor]) -> Tensor:
        tf = _tf()
        if len(inputs) > 2 and all(x.shape == inputs[0].shape for x in inputs):
            return tf.add_n(inputs)
        out = inputs[0]
        for x in inputs[1:]:
            out = tf.add(out, x)
        return out


@register_layer(class_name="Subtract")
class Subtract(_Merge):
    """``inputs[0] - inputs[1]`` (exactly two inputs). Keras has it; TF.js 4.22 does not.

    >>> import pytfjs as tf
    >>> tf.layers.subtract([tf.tensor([[5.0]]), tf.tensor([[2.0]])]).to_list()
    [[3.0]]
    """

    _max_inputs = 2

    def _merge(self, inputs: list[Tensor]) -> Tensor:
        return _tf().sub(inputs[0], inputs[1])


@register_layer(class_name="Multiply")
class Multiply(_Merge):
    """Elementwise product of its inputs.

    >>> import pytfjs as tf
    >>> tf.layers.multiply([tf.tensor([[2.0, 3.0]]), tf.tensor([[4.0, 5.0]])]).to_list()
    [[8.0, 15.0]]
    """

    def _merge(self, inputs: list[Tensor]) -> Tensor:
        tf = _tf()
        out = inputs[0]
        for x in inputs[1:]:
            out = tf.mul(out, x)
        return out


@register_layer(class_name="Average")
class Average(_Merge):
    """Elementwise mean of its inputs.

    >>> import pytfjs as tf
    >>> tf.layers.average([tf.tensor([[2.0]]), tf.tensor([[4.0]])]).to_list()
    [[3.0]]
    """

    def _merge(self, inputs: list[Tensor]) -> Tensor:
        tf = _tf()
        out = inputs[0]
        for x in inputs[1:]:
            out = tf.add(out, x)
        return tf.mul(out, 1.0 / len(inputs))


@register_layer(class_name="Maximum")
class Maximum(_Merge):
    """Elementwise maximum of its inputs.

    >>> import pytfjs as tf
    >>> tf.layers.maximum([tf.tensor([[1.0, 5.0]]), tf.tensor([[3.0, 2.0]])]).to_list()
    [[3.0, 5.0]]
    """

    def _merge(self, inputs: list[Tensor]) -> Tensor:
        tf = _tf()
        out = inputs[0]
        for x in inputs[1:]:
            out = tf.maximum(out, x)
        return out


@register_layer(class_name="Minimum")
class Minimum(_Merge):
    """Elementwise minimum of its inputs.

    >>> import pytfjs as tf
    >>> tf.layers.minimum([tf.tensor([[1.0, 5.0]]), tf.tensor([[3.0, 2.0]])]).to_list()
    [[1.0, 2.0]]
    """

    def _merge(self, inputs: list[Tensor]) -> Tensor:
        tf = _tf()
        out = inputs[0]
        for x in inputs[1:]:
            out = tf.minimum(out, x)
        return out


@register_layer(class_name="Concatenate")
class Concatenate(_Merge):
    """Concatenates its inputs along ``axis`` (default -1); the other dimensions must match.

    >>> import pytfjs as tf
    >>> tf.layers.concatenate([tf.tensor([[1.0]]), tf.tensor([[2.0, 3.0]])]).to_list()
    [[1.0, 2.0, 3.0]]
    """

    def __init__(self, axis: int = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape: Any) -> None:
        shapes = _check_list(input_shape, self.name)
        if len(shapes) < 2:
            raise LayerError("A `Concatenate` layer should be called on a list of at least 2 inputs")
        rank = len(shapes[0])
        if any(len(s) != rank for s in shapes):
            raise LayerError(f"A `Concatenate` layer requires inputs with matching shapes except for "
                             f"the concat axis. Got input shapes: {[list(s) for s in shapes]}")
        axis = self.axis + rank if self.axis < 0 else self.axis
        for dims in zip(*[tuple(d for i, d in enumerate(s) if i != axis) for s in shapes]):
            known = {d for d in dims if d is not None}
            if len(known) > 1:
                raise LayerError(f"A `Concatenate` layer requires inputs with matching shapes except "
                                 f"for the concat axis. Got input shapes: {[list(s) for s in shapes]}")
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        shapes = _check_list(input_shape, self.name)
        out = list(shapes[0])
        axis = self.axis + len(out) if self.axis < 0 else self.axis
        for s in shapes[1:]:
            if out[axis] is None or s[axis] is None:
                out[axis] = None
                break
            out[axis] += s[axis]
        # fill dimensions the first input leaves unknown from the others
        for i in range(len(out)):
            if i != axis and out[i] is None:
                out[i] = next((s[i] for s in shapes if s[i] is not None), None)
        return tuple(out)

    def call(self, inputs: Any, **kwargs: Any) -> Tensor:
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
            raise LayerError("A `Concatenate` layer should be called on a list of at least 2 inputs")
        return _tf().concat(list(inputs), self.axis)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)):
            raise LayerError("`mask` should be an array for Concatenate")
        if not isinstance(inputs, (list, tuple)):
            raise LayerError("`inputs` should be an array for Concatenate")
        if len(mask) != len(inputs):
            raise LayerError(f"Mismatch in the length of mask ({len(mask)}) and the length of "
                             f"inputs ({len(inputs)})")
        if all(m is None for m in mask):
            return None
        tf = _tf()
        parts = []
        for x, m in zip(inputs, mask):
            if m is None:
                parts.append(tf.cast(tf.ones_like(x), "bool"))
            elif m.rank < x.rank:
                parts.append(tf.expand_dims(m, -1))
            else:
                parts.append(m)
        return tf.all(tf.concat(parts, self.axis), -1)

    def get_config(self) -> dict[str, Any]:
        return {"axis": self.axis, **super().get_config()}


def _l2_normalize(x: Tensor, axis: int) -> Tensor:
    tf = _tf()
    square_sum = tf.sum(tf.square(x), axis, True)
    return tf.div(x, tf.sqrt(tf.maximum(square_sum, 1e-7)))


@register_layer(class_name="Dot")
class Dot(_Merge):
    """Dot product of two inputs along ``axes`` (an int, or one axis per input; batch is axis
    0). ``normalize=True`` L2-normalizes both first (cosine similarity). Inputs of rank 2 or 3,
    as in TF.js.

    >>> import pytfjs as tf
    >>> tf.layers.dot([tf.tensor([[1.0, 2.0]]), tf.tensor([[3.0, 4.0]])], axes=1).to_list()
    [[11.0]]
    """

    def __init__(self, axes: int | list, normalize: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(axes, (list, tuple)):
            if len(axes) != 2:
                raise LayerError(f"Dot: axes must be an int or a list of 2 ints, got {list(axes)}")
            self.axes: int | list = [int(a) for a in axes]
        elif isinstance(axes, int):
            self.axes = axes
        else:
            raise LayerError(f"Dot: axes must be an int or a list of 2 ints, got {axes!r}")
        self.normalize = bool(normalize)
        self.supports_masking = True

    def _resolved(self, r1: int, r2: int) -> list[int]:
        a = [self.axes, self.axes] if isinstance(self.axes, int) else list(self.axes)
        return [a[0] % r1 if a[0] < 0 else a[0], a[1] % r2 if a[1] < 0 else a[1]]

    def _check_shapes(self, input_shape: Any) -> tuple:
        shapes = _check_list(input_shape, self.name)
        if len(shapes) != 2:
            raise LayerError("A `Dot` layer should be called on a list of exactly 2 inputs.")
        s1, s2 = shapes
        if len(s1) > 3 or len(s2) > 3:
            raise LayerError("Dot layer does not support tensors of 4D or higher rank yet.")
        if len(s1) < 2 or len(s2) < 2:
            raise LayerError("Dot layer needs inputs of rank 2 or 3 (batch included).")
        return s1, s2, self._resolved(len(s1), len(s2))

    def build(self, input_shape: Any) -> None:
        s1, s2, axes = self._check_shapes(input_shape)
        if 0 in axes:
            raise LayerError("Dot: cannot take the dot product along the batch axis")
        if s1[axes[0]] is not None and s2[axes[1]] is not None and s1[axes[0]] != s2[axes[1]]:
            raise LayerError(f"Dimension incompatibility: {s1[axes[0]]} !== {s2[axes[1]]}")
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        s1, s2, axes = self._check_shapes(input_shape)
        a = [d for i, d in enumerate(s1) if i != axes[0]]
        b = [d for i, d in enumerate(s2) if i != axes[1]][1:]
        out = a + b
        if len(out) == 1:
            out.append(1)
        return tuple(out)

    def call(self, inputs: Any, **kwargs: Any) -> Tensor:
        if not isinstance(inputs, (list, tuple)) or len(inputs) != 2:
            raise LayerError("A `Dot` layer must be called on exactly 2 inputs.")
        tf = _tf()
        x, y = inputs
        axes = self._resolved(x.rank, y.rank)
        if self.normalize:
            x, y = _l2_normalize(x, axes[0]), _l2_normalize(y, axes[1])
        return _batch_dot(tf, x, y, axes)

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        return None

    def get_config(self) -> dict[str, Any]:
        return {"axes": list(self.axes) if isinstance(self.axes, list) else self.axes,
                "normalize": self.normalize, **super().get_config()}


def _batch_dot(tf: Any, x: Tensor, y: Tensor, axes: list[int]) -> Tensor:
    """Batched dot product of rank-2/3 tensors (Keras ``batch_dot``) with one matmul."""
    xr, yr = x.rank, y.rank
    diff = abs(xr - yr)
    if xr > yr:
        y = tf.reshape(y, list(y.shape) + [1] * diff)
    elif yr > xr:
        x = tf.reshape(x, list(x.shape) + [1] * diff)
    if x.rank == 2:
        out = tf.sum(tf.mul(x, y), axes[0], True) if axes[0] == axes[1] else \
            tf.sum(tf.mul(tf.transpose(x, [1, 0]), y), axes[1], True)
        return out
    out = tf.mat_mul(x, y, axes[0] != x.rank - 1, axes[1] == y.rank - 1)
    if diff:
        start = xr + yr - 3 if xr > yr else xr - 1
        out = tf.squeeze(out, list(range(start, start + diff)))
    if out.rank == 1:
        out = tf.expand_dims(out, 1)
    return out


for _cls, _factory in ((Add, "add"), (Subtract, "subtract"), (Multiply, "multiply"),
                       (Average, "average"), (Maximum, "maximum"), (Minimum, "minimum"),
                       (Concatenate, "concatenate"), (Dot, "dot")):
    _functional(_cls, _factory)
