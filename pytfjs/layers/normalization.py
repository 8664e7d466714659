"""Normalization layers: BatchNormalization and LayerNormalization (tfjs-layers
``layers/normalization.ts`` semantics, Keras-JSON configs)."""
from __future__ import annotations

from typing import Any

from ..core.tensor import Tensor
from . import constraints as _con
from . import initializers as _init
from . import regularizers as _reg
from .engine import Layer, LayerError
from .serialization import register_layer


def _tf() -> Any:
    import pytfjs
    return pytfjs


def _axis_index(axis: int, ndim: int, layer: str) -> int:
    a = axis + ndim if axis < 0 else axis
    if not 0 <= a < ndim:
        raise LayerError(f"{layer}: axis {axis} is out of range for an input of rank {ndim}")
    return a


@register_layer("batch_normalization")
class BatchNormalization(Layer):
    """Normalizes each feature along ``axis`` to zero mean and unit variance, then scales by
    ``gamma`` and shifts by ``beta``.

    In training (``training=True``, as ``fit`` calls it) the batch's mean and (biased) variance
    are used and the non-trainable ``moving_mean`` / ``moving_variance`` are updated in place:
    ``moving = moving - (moving - batch) * (1 - momentum)``. At inference the moving statistics
    are used. Weights, in TF.js order: ``gamma`` (if ``scale``), ``beta`` (if ``center``),
    ``moving_mean``, ``moving_variance``. Defaults as TF.js: ``axis=-1, momentum=0.99,
    epsilon=1e-3``. Unlike TF.js (whose rank-2..4 limit and crash when ``center`` or ``scale``
    is false in training are bugs), any input rank and both flags work in training too.

    >>> import pytfjs as tf
    >>> bn = tf.layers.batch_normalization(epsilon=0.0)
    >>> bn.apply(tf.tensor([[1.0, 2.0], [3.0, 6.0]]), training=True).to_list()
    [[-1.0, -1.0], [1.0, 1.0]]
    >>> [round(v, 4) for v in bn.get_weights()[2].to_list()]   # moving mean moved 1% of the way
    [0.02, 0.04]
    >>> bn.dispose()
    """

    CLASS_NAME = "BatchNormalization"

    def __init__(self, axis: int = -1, momentum: float = 0.99, epsilon: float = 1e-3,
                 center: bool = True, scale: bool = True, beta_initializer: Any = "zeros",
                 gamma_initializer: Any = "ones", moving_mean_initializer: Any = "zeros",
                 moving_variance_initializer: Any = "ones", beta_regularizer: Any = None,
                 gamma_regularizer: Any = None, beta_constraint: Any = None,
                 gamma_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            if len(axis) != 1:
                raise LayerError(f"BatchNormalization: only a single axis is supported, got {axis}")
            axis = axis[0]
        self.axis = int(axis)
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = _init.get(beta_initializer or "zeros")
        self.gamma_initializer = _init.get(gamma_initializer or "ones")
        self.moving_mean_initializer = _init.get(moving_mean_initializer or "zeros")
        self.moving_variance_initializer = _init.get(moving_variance_initializer or "ones")
        self.beta_regularizer = None if beta_regularizer is None else _reg.get(beta_regularizer)
        self.gamma_regularizer = None if gamma_regularizer is None else _reg.get(gamma_regularizer)
        self.beta_constraint = None if beta_constraint is None else _con.get(beta_constraint)
        self.gamma_constraint = None if gamma_constraint is None else _con.get(gamma_constraint)
        self.supports_masking = True
        self.gamma = self.beta = self.moving_mean = self.moving_variance = None

    def build(self, input_shape: Any) -> None:
        axis = _axis_index(self.axis, len(input_shape), self.name)
        dim = input_shape[axis]
        if dim is None:
            raise LayerError(f"Axis {axis} of input tensor should have a defined dimension but the "
                             f"layer received an input with shape {list(input_shape)}.")
        shape = [dim]
        if self.scale:
            self.gamma = self.add_weight("gamma", shape, None, self.gamma_initializer,
                                         self.gamma_regularizer, True, self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight("beta", shape, None, self.beta_initializer,
                                        self.beta_regularizer, True, self.beta_constraint)
        self.moving_mean = self.add_weight("moving_mean", shape, None, self.moving_mean_initializer,
                                           None, False)
        self.moving_variance = self.add_weight("moving_variance", shape, None,
                                               self.moving_variance_initializer, None, False)
        self.built = True

    def call(self, inputs: Tensor, training: bool | None = None, **kwargs: Any) -> Tensor:
        tf = _tf()
        ndim = inputs.rank
        axis = _axis_index(self.axis, ndim, self.name)
        reduction = [i for i in range(ndim) if i != axis]
        bshape = [1] * ndim
        bshape[axis] = inputs.shape[axis]
        needs_bcast = axis != ndim - 1

        def b(t: Tensor | None) -> Tensor | None:
            return None if t is None else (tf.reshape(t, bshape) if needs_bcast else t)

        gamma = self.gamma.read() if self.gamma is not None else None
        beta = self.beta.read() if self.beta is not None else None
        if not training:
            return tf.batch_norm(inputs, b(self.moving_mean.read()), b(self.moving_variance.read()),
                                 b(beta), b(gamma), self.epsilon)
        mean, variance = tf.moments(inputs, reduction)
        out = tf.batch_norm(inputs, b(mean), b(variance), b(beta), b(gamma), self.epsilon)
        decay = 1.0 - self.momentum
        for weight, value in ((self.moving_mean, mean), (self.moving_variance, variance)):
            var = weight.variable
            # An in-place update: never differentiated (moving statistics are not trainable).
            tf.tidy(lambda var=var, value=value: var.assign(
                tf.sub(var, tf.mul(tf.sub(var, tf.cast(value, var.dtype)), decay))))
        return out

    def get_config(self) -> dict[str, Any]:
        return {
            "axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon,
            "center": self.center, "scale": self.scale,
            "beta_initializer": _init.serialize(self.beta_initializer),
            "gamma_initializer": _init.serialize(self.gamma_initializer),
            "moving_mean_initializer": _init.serialize(self.moving_mean_initializer),
            "moving_variance_initializer": _init.serialize(self.moving_variance_initializer),
            "beta_regularizer": _reg.serialize(self.beta_regularizer),
            "gamma_regularizer": _reg.serialize(self.gamma_regularizer),
            "beta_constraint": _con.serialize(self.beta_constraint),
            "gamma_constraint": _con.serialize(self.gamma_constraint),
            **super().get_config(),
        }


@register_layer("layer_normalization")
class LayerNormalization(Layer):
    """Normalizes each sample over ``axis`` (default the last; an int or a list) to zero mean
    and unit variance, then applies a per-feature ``gamma`` and ``beta``. Same at training and
    inference. After the layer is built ``axis`` is the list of resolved non-negative axes,
    which is what TF.js and Keras write in ``model.json``.

    >>> import pytfjs as tf
    >>> ln = tf.layers.layer_normalization(epsilon=0.0)
    >>> ln.apply(tf.tensor([[1.0, 3.0], [2.0, 6.0]])).to_list()
    [[-1.0, 1.0], [-1.0, 1.0]]
    >>> ln.get_config()["axis"]
    [1]
    >>> ln.dispose()
    """

    CLASS_NAME = "LayerNormalization"

    def __init__(self, axis: int | list = -1, epsilon: float = 1e-3, center: bool = True,
                 scale: bool = True, beta_initializer: Any = "zeros", gamma_initializer: Any = "ones",
                 beta_regularizer: Any = None, gamma_regularizer: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            if not all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
                raise LayerError(f"Expected axis to be an array of integers, but received {list(axis)}")
            self.axis: int | list = list(axis)
        elif isinstance(axis, int) and not isinstance(axis, bool):
            self.axis = axis
        else:
            raise LayerError(f"Expected axis to be an integer or an array of integers, but received {axis!r}")
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = _init.get(beta_initializer or "zeros")
        self.gamma_initializer = _init.get(gamma_initializer or "ones")
        self.beta_regularizer = None if beta_regularizer is None else _reg.get(beta_regularizer)
        self.gamma_regularizer = None if gamma_regularizer is None else _reg.get(gamma_regularizer)
        self.supports_masking = True
        self.gamma = self.beta = None

    def build(self, input_shape: Any) -> None:
        ndim = len(input_shape)
        axes = [self.axis] if isinstance(self.axis, int) else list(self.axis)
        axes = [_axis_index(a, ndim, self.name) for a in axes]
        if len(set(axes)) != len(axes):
            raise LayerError(f"Found duplicate axes in: {axes}")
        self.axis = axes
        param_shape = [input_shape[a] for a in axes]
        if any(d is None for d in param_shape):
            raise LayerError(f"{self.name}: the normalized axes {axes} of input shape "
                             f"{list(input_shape)} must be known")
        if self.scale:
            self.gamma = self.add_weight("gamma", param_shape, "float32", self.gamma_initializer,
                                         self.gamma_regularizer, True)
        if self.center:
            self.beta = self.add_weight("beta", param_shape, "float32", self.beta_initializer,
                                        self.beta_regularizer, True)
        self.built = True

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        ndim = inputs.rank
        axes = self.axis if isinstance(self.axis, list) else [_axis_index(self.axis, ndim, self.name)]
        mean, variance = tf.moments(inputs, axes, True)
        bshape = [1] * ndim
        for a in axes:
            bshape[a] = inputs.shape[a]
        sorted_axes = sorted(axes)

        def b(w: Any) -> Tensor | None:
            if w is None:
                return None
            t = w.read()
            if axes != sorted_axes:  # weights are laid out in ``axis`` order
                t = tf.transpose(t, [axes.index(a) for a in sorted_axes])
            return tf.reshape(t, bshape)

        return tf.batch_norm(inputs, mean, variance, b(self.beta), b(self.gamma), self.epsilon)

    def get_config(self) -> dict[str, Any]:
        return {
            "axis": list(self.axis) if isinstance(self.axis, list) else self.axis,
            "epsilon": self.epsilon, "center": self.center, "scale": self.scale,
            "beta_initializer": _init.serialize(self.beta_initializer),
            "gamma_initializer": _init.serialize(self.gamma_initializer),
            "beta_regularizer": _reg.serialize(self.beta_regularizer),
            "gamma_regularizer": _reg.serialize(self.gamma_regularizer),
            **super().get_config(),
        }
