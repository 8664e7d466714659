"""Core layers: Dense, Activation, Dropout, SpatialDropout1D, Flatten, Reshape, Permute,
RepeatVector, Masking, Embedding."""
from __future__ import annotations

from typing import Any

from ..core.tensor import Tensor
from . import activations as _act
from . import constraints as _con
from . import initializers as _init
from . import regularizers as _reg
from .engine import Layer, LayerError
from .serialization import register_layer


def _tf() -> Any:
    import pytfjs
    return pytfjs


@register_layer("dense")
class Dense(Layer):
    """``activation(inputs · kernel + bias)``. TF.js's default kernel initializer is
    ``VarianceScaling(1, fan_avg, normal)`` (glorot normal); Keras uses glorot uniform."""

    def __init__(self, units: int, activation: Any = None, use_bias: bool = True,
                 kernel_initializer: Any = None, bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None,
                 bias_constraint: Any = None, input_dim: int | None = None, **kwargs: Any) -> None:
        if input_dim is not None and "input_shape" not in kwargs and "batch_input_shape" not in kwargs:
            kwargs["input_shape"] = [input_dim]
        super().__init__(**kwargs)
        if not isinstance(units, int) or units <= 0:
            raise LayerError(f"Dense: units must be a positive integer, got {units!r}")
        self.units = units
        self.activation = _act.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = _init.get(kernel_initializer if kernel_initializer is not None else
                                            _init.VarianceScaling(1.0, "fan_avg", "normal"))
        self.bias_initializer = _init.get(bias_initializer)
        self.kernel_regularizer = None if kernel_regularizer is None else _reg.get(kernel_regularizer)
        self.bias_regularizer = None if bias_regularizer is None else _reg.get(bias_regularizer)
        self.activity_regularizer = None if activity_regularizer is None else _reg.get(activity_regularizer)
        self.kernel_constraint = None if kernel_constraint is None else _con.get(kernel_constraint)
        self.bias_constraint = None if bias_constraint is None else _con.get(bias_constraint)
        self.supports_masking = True

    def build(self, input_shape: Any) -> None:
        last = input_shape[-1]
        if last is None:
            raise LayerError(f"{self.name}: the last dimension of the input must be known")
        self.kernel = self.add_weight("kernel", [last, self.units], None, self.kernel_initializer,
                                      self.kernel_regularizer, True, self.kernel_constraint)
        self.bias = self.add_weight("bias", [self.units], None, self.bias_initializer,
                                    self.bias_regularizer, True, self.bias_constraint) \
            if self.use_bias else None
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        return tuple(input_shape[:-1]) + (self.units,)

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        act = self.activation
        fused = {_act.linear: "linear", _act.relu: "relu", _act.relu6: "relu6",
                 _act.sigmoid: "sigmoid"}.get(act) if hasattr(tf, "fused") and \
            hasattr(tf.fused, "mat_mul") and inputs.rank == 2 else None
        if fused is not None:
            return tf.fused.mat_mul(a=inputs, b=self.kernel.read(),
                                    bias=self.bias.read() if self.bias is not None else None,
                                    activation=fused)
        if inputs.rank == 2:
            out = tf.mat_mul(inputs, self.kernel.read())
        else:
            flat = tf.reshape(inputs, [-1, inputs.shape[-1]])
            out = tf.reshape(tf.mat_mul(flat, self.kernel.read()),
                             list(inputs.shape[:-1]) + [self.units])
        if self.bias is not None:
            out = tf.add(out, self.bias.read())
        return act(out)

    def get_config(self) -> dict[str, Any]:
        config = {
            "units": self.units, "activation": _act.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": _init.serialize(self.kernel_initializer),
            "bias_initializer": _init.serialize(self.bias_initializer),
            "kernel_regularizer": _reg.serialize(self.kernel_regularizer),
            "bias_regularizer": _reg.serialize(self.bias_regularizer),
            "activity_regularizer": _reg.serialize(self.activity_regularizer),
            "kernel_constraint": _con.serialize(self.kernel_constraint),
            "bias_constraint": _con.serialize(self.bias_constraint),
        }
        config.update(super().get_config())
        return config


@register_layer("activation")
class Activation(Layer):
    """Applies an activation function by name."""

    def __init__(self, activation: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.activation = _act.get(activation)
        self.supports_masking = True

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        return self.activation(inputs)

    def get_config(self) -> dict[str, Any]:
        return {"activation": _act.serialize(self.activation), **super().get_config()}


@register_layer("dropout")
class Dropout(Layer):
    """Zeroes a fraction ``rate`` of inputs during training (scaling the rest by
    ``1 / (1 - rate)``); the identity at inference."""

    def __init__(self, rate: float, noise_shape: Any = None, seed: int | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0 <= rate < 1:
            raise LayerError(f"Dropout: rate must be in [0, 1), got {rate}")
        self.rate, self.noise_shape, self.seed = float(rate), noise_shape, seed
        self.supports_masking = True

    def _noise_shape(self, inputs: Tensor) -> Any:
        if self.noise_shape is None:
            return None
        return [d if d is not None else s for d, s in zip(self.noise_shape, inputs.shape)]

    def call(self, inputs: Tensor, training: bool | None = None, **kwargs: Any) -> Tensor:
        if not training or self.rate == 0:
            return inputs
        tf = _tf()
        shape = self._noise_shape(inputs) or list(inputs.shape)
        keep = tf.cast(tf.greater_equal(tf.random_uniform(shape, 0, 1, "float32", self.seed),
                                        self.rate), inputs.dtype)
        return tf.mul(tf.mul(inputs, keep), 1.0 / (1.0 - self.rate))

    def get_config(self) -> dict[str, Any]:
        return {"rate": self.rate, "noise_shape": self.noise_shape, "seed": self.seed,
                **super().get_config()}


@register_layer("spatial_dropout1d")
class SpatialDropout1D(Dropout):
    """Drops whole channels of ``[batch, steps, channels]`` inputs."""

    CLASS_NAME = "SpatialDropout1D"

    def _noise_shape(self, inputs: Tensor) -> Any:
        return [inputs.shape[0], 1, inputs.shape[2]]

    def call(self, inputs: Tensor, training: bool | None = None, **kwargs: Any) -> Tensor:
        if inputs.rank != 3:
            raise LayerError(f"{self.name}: SpatialDropout1D expects rank-3 input, got {list(inputs.shape)}")
        return super().call(inputs, training=training)


@register_layer("flatten")
class Flatten(Layer):
    """Flattens every dimension but the batch."""

    def __init__(self, data_format: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = data_format or "channels_last"

    def compute_output_shape(self, input_shape: Any) -> Any:
        if len(input_shape) < 2:
            raise LayerError(f"{self.name}: Flatten expects a rank >= 2 input, got {list(input_shape)}")
        rest = input_shape[1:]
        n = None if any(d is None for d in rest) else _prod(rest)
        return (input_shape[0], n)

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        x = inputs
        if self.data_format == "channels_first" and x.rank > 2:
            x = tf.transpose(x, [0] + list(range(2, x.rank)) + [1])
        return tf.reshape(x, [x.shape[0], -1] if x.shape[0] else [0, _prod(x.shape[1:])])

    def get_config(self) -> dict[str, Any]:
        return {"data_format": self.data_format, **super().get_config()}


def _prod(xs: Any) -> int:
    n = 1
    for d in xs:
        n *= d
    return n


@register_layer("reshape")
class Reshape(Layer):
    """Reshapes to ``target_shape`` (batch kept; one dimension may be -1)."""

    def __init__(self, target_shape: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)
        if sum(1 for d in self.target_shape if d == -1 or d is None) > 1:
            raise LayerError(f"Reshape: at most one dimension may be -1, got {list(target_shape)}")

    def _resolve(self, rest: Any) -> tuple:
        if any(d is None for d in rest):
            return tuple(None if d in (-1, None) else d for d in self.target_shape)
        total = _prod(rest)
        known = _prod([d for d in self.target_shape if d not in (-1, None)])
        out = []
        for d in self.target_shape:
            if d in (-1, None):
                if known == 0 or total % known:
                    raise LayerError(f"{self.name}: cannot reshape {list(rest)} to {list(self.target_shape)}")
                out.append(total // known)
            else:
                out.append(d)
        if _prod(out) != total:
            raise LayerError(f"{self.name}: total size of new array must be unchanged: input "
                             f"{list(rest)} ({total}), target {list(self.target_shape)}")
        return tuple(out)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return (input_shape[0],) + self._resolve(input_shape[1:])

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        return _tf().reshape(inputs, [inputs.shape[0]] + list(self._resolve(inputs.shape[1:])))

    def get_config(self) -> dict[str, Any]:
        return {"target_shape": list(self.target_shape), **super().get_config()}


@register_layer("permute")
class Permute(Layer):
    """Permutes non-batch dimensions (``dims`` is 1-based, as in Keras)."""

    def __init__(self, dims: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise LayerError(f"Permute: dims must be a permutation of 1..{len(self.dims)}, got {list(dims)}")

    def compute_output_shape(self, input_shape: Any) -> Any:
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        return _tf().transpose(inputs, [0] + list(self.dims))

    def get_config(self) -> dict[str, Any]:
        return {"dims": list(self.dims), **super().get_config()}


@register_layer("repeat_vector")
class RepeatVector(Layer):
    """``[batch, features] -> [batch, n, features]``."""

    def __init__(self, n: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.n = n

    def compute_output_shape(self, input_shape: Any) -> Any:
        return (input_shape[0], self.n, input_shape[1])

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        return tf.tile(tf.expand_dims(inputs, 1), [1, self.n, 1])

    def get_config(self) -> dict[str, Any]:
        return {"n": self.n, **super().get_config()}


@register_layer("masking")
class Masking(Layer):
    """Masks timesteps whose features all equal ``mask_value`` (for recurrent layers)."""

    def __init__(self, mask_value: float = 0.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mask_value = mask_value
        self.supports_masking = True

    def compute_mask(self, inputs: Tensor, mask: Any = None) -> Tensor:
        tf = _tf()
        return tf.any(tf.not_equal(inputs, self.mask_value), -1)

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        keep = tf.any(tf.not_equal(inputs, self.mask_value), -1, True)
        return tf.mul(inputs, tf.cast(keep, inputs.dtype))

    def get_config(self) -> dict[str, Any]:
        return {"mask_value": self.mask_value, **super().get_config()}


@register_layer("embedding")
class Embedding(Layer):
    """Maps integer ids to dense vectors (``input_dim`` rows of ``output_dim``)."""

    def __init__(self, input_dim: int, output_dim: int, embeddings_initializer: Any = "random_uniform",
                 embeddings_regularizer: Any = None, activity_regularizer: Any = None,
                 embeddings_constraint: Any = None, mask_zero: bool = False,
                 input_length: Any = None, **kwargs: Any) -> None:
        if input_length is not None and "input_shape" not in kwargs and "batch_input_shape" not in kwargs:
            kwargs["input_shape"] = list(input_length) if isinstance(input_length, (list, tuple)) \
                else [input_length]
        super().__init__(**kwargs)
        self.input_dim, self.output_dim = input_dim, output_dim
        self.embeddings_initializer = _init.get(embeddings_initializer)
        self.embeddings_regularizer = None if embeddings_regularizer is None else _reg.get(embeddings_regularizer)
        self.embeddings_constraint = None if embeddings_constraint is None else _con.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.input_length = input_length
        self.supports_masking = mask_zero

    def build(self, input_shape: Any) -> None:
        self.embeddings = self.add_weight("embeddings", [self.input_dim, self.output_dim], None,
                                          self.embeddings_initializer, self.embeddings_regularizer,
                                          True, self.embeddings_constraint)
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        return tuple(input_shape) + (self.output_dim,)

    def compute_mask(self, inputs: Tensor, mask: Any = None) -> Any:
        return _tf().not_equal(inputs, 0) if self.mask_zero else None

    def call(self, inputs: Tensor, **kwargs: Any) -> Tensor:
        tf = _tf()
        ids = tf.cast(inputs, "int32")
        flat = tf.gather(self.embeddings.read(), tf.reshape(ids, [-1]))
        return tf.reshape(flat, list(inputs.shape) + [self.output_dim])

    def get_config(self) -> dict[str, Any]:
        return {"input_dim": self.input_dim, "output_dim": self.output_dim,
                "embeddings_initializer": _init.serialize(self.embeddings_initializer),
                "embeddings_regularizer": _reg.serialize(self.embeddings_regularizer),
                "activity_regularizer": None,
                "embeddings_constraint": _con.serialize(self.embeddings_constraint),
                "mask_zero": self.mask_zero, "input_length": self.input_length,
                **super().get_config()}

    def _output_dtype(self, inputs: list) -> str:
        return "float32"
