"""Layer wrappers (behaviour of tfjs-layers ``layers/wrappers.ts``): ``TimeDistributed`` and
``Bidirectional``.

Weights of the wrapped layers are named under the wrapper, as TF.js names them:
``time_distributed_TimeDistributed1/kernel``,
``bidirectional_Bidirectional1/forward_lstm_LSTM1/kernel``.
"""
from __future__ import annotations

from typing import Any

from ..core.tensor import Tensor
from .engine import Layer, LayerError
from .recurrent import _build_sublayer, _Container, _first_shape, _snake_spec
from .serialization import deserialize_layer, register_layer


def _tf() -> Any:
    import pytfjs
    return pytfjs


def _layer_arg(layer: Any, custom_objects: dict | None = None) -> Layer:
    if isinstance(layer, dict):
        return deserialize_layer(_snake_spec(layer), custom_objects)
    if not isinstance(layer, Layer):
        raise LayerError(f"A wrapper needs a Layer, got {type(layer).__name__}")
    return layer


class Wrapper(_Container, Layer):
    """Base of the wrappers: holds ``layer``; weights, losses and ``trainable`` are the wrapped
    layer's. Config: ``{"layer": {"class_name", "config"}, ...base keys}``."""

    def __init__(self, layer: Any = None, **kwargs: Any) -> None:
        if layer is None:
            raise LayerError(f"{type(self).__name__} needs a layer")
        super().__init__(**kwargs)
        self.layer = _layer_arg(layer)

    def _sublayers(self) -> list[Layer]:
        return [self.__dict__["layer"]] if "layer" in self.__dict__ else []

    def get_config(self) -> dict[str, Any]:
        return {"layer": {"class_name": self.layer.class_name, "config": self.layer.get_config()},
                **Layer.get_config(self)}

    @classmethod
    def from_config(cls, config: dict[str, Any], custom_objects: dict | None = None) -> "Wrapper":
        config = dict(config)
        layer = _layer_arg(config.pop("layer"), custom_objects)
        return cls(layer=layer, **config)

    def dispose(self) -> None:
        self._dispose_sublayers()
        self.built = False


@register_layer("time_distributed")
class TimeDistributed(Wrapper):
    """Applies ``layer`` to every time step of ``[batch, time, ...]`` inputs (the same weights at
    each step). Runs the wrapped layer once on ``[batch * time, ...]`` (Keras's approach; TF.js
    loops over the steps — the results are the same for layers without cross-batch statistics).

    >>> import pytfjs as tf
    >>> td = tf.layers.time_distributed(layer=tf.layers.dense(units=2))
    >>> td.apply(tf.ones([3, 4, 5])).shape
    (3, 4, 2)
    """

    CLASS_NAME = "TimeDistributed"

    def __init__(self, layer: Any = None, **kwargs: Any) -> None:
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    @staticmethod
    def _child_shape(shape: tuple) -> tuple:
        return (shape[0], *shape[2:])

    def build(self, input_shape: Any) -> None:
        shape = _first_shape(input_shape)
        if len(shape) < 3:
            raise LayerError(f"TimeDistributed layer expects an input shape >= 3D, but received "
                             f"input shape {list(shape)}")
        _build_sublayer(self.layer, self._child_shape(shape), self.name)
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        shape = _first_shape(input_shape)
        child = self.layer.compute_output_shape(self._child_shape(shape))
        if isinstance(child, list):
            raise LayerError("TimeDistributed does not support layers with several outputs")
        return (child[0], shape[1], *child[1:])

    def call(self, inputs: Any, training: bool | None = None, **kwargs: Any) -> Tensor:
        tf = _tf()
        x = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
        b, t = x.shape[0], x.shape[1]
        flat = tf.reshape(x, [b * t, *x.shape[2:]])
        kw = {"training": training} if training is not None and self.layer._accepts("training") else {}
        y = self.layer.call(flat, **kw)
        if isinstance(y, (list, tuple)):
            y = y[0]
        return tf.reshape(y, [b, t, *y.shape[1:]])


_MERGE_MODES = ("concat", "sum", "mul", "ave", None)


@register_layer("bidirectional")
class Bidirectional(Wrapper):
    """Runs a recurrent ``layer`` forwards and a copy of it backwards over the sequence and
    merges the two outputs: ``merge_mode`` ``"concat"`` (default), ``"sum"``, ``"mul"``,
    ``"ave"`` or ``None`` (a list ``[forward, backward]``). The backward output sequence is
    reversed back to the input's time order. With ``return_state`` the output is
    ``[merged, *forward_states, *backward_states]``. Weights: the forward layer's then the
    backward layer's (``forward_<name>`` / ``backward_<name>``).

    >>> import pytfjs as tf
    >>> bi = tf.layers.bidirectional(layer=tf.layers.lstm(units=3, return_sequences=True))
    >>> bi.apply(tf.ones([2, 5, 4])).shape
    (2, 5, 6)
    """

    CLASS_NAME = "Bidirectional"

    def __init__(self, layer: Any = None, merge_mode: str | None = "concat", **kwargs: Any) -> None:
        if kwargs.get("weights") is not None:
            raise LayerError("weights support is not implemented for Bidirectional layer yet.")
        super().__init__(layer, **kwargs)
        if merge_mode not in _MERGE_MODES:
            raise LayerError(f"Invalid merge_mode {merge_mode!r}; expected one of {list(_MERGE_MODES)}")
        self.merge_mode = merge_mode
        spec = {"class_name": self.layer.class_name, "config": self.layer.get_config()}
        self.forward_layer = deserialize_layer(spec)
        back_cfg = dict(spec["config"])
        back_cfg["go_backwards"] = not back_cfg.get("go_backwards", False)
        self.backward_layer = deserialize_layer({"class_name": spec["class_name"], "config": back_cfg})
        self.forward_layer.name = "forward_" + self.forward_layer.name
        self.backward_layer.name = "backward_" + self.backward_layer.name
        self.return_sequences = getattr(self.layer, "return_sequences", False)
        self.return_state = getattr(self.layer, "return_state", False)
        self.stateful = getattr(self.layer, "stateful", False)
        self.supports_masking = True

    def _sublayers(self) -> list[Layer]:
        d = self.__dict__
        return [d[k] for k in ("forward_layer", "backward_layer") if k in d]

    def set_weights(self, weights: list[Any]) -> None:
        half = len(weights) // 2
        self.forward_layer.set_weights(weights[:half])
        self.backward_layer.set_weights(weights[half:])

    def build(self, input_shape: Any) -> None:
        for sub in (self.forward_layer, self.backward_layer):
            _build_sublayer(sub, input_shape, f"{self.name}/{sub.name}")
        self.built = True

    def compute_output_shape(self, input_shape: Any) -> Any:
        shapes = self.forward_layer.compute_output_shape(input_shape)
        shapes = shapes if isinstance(shapes, list) else [shapes]
        out, states = tuple(shapes[0]), [tuple(s) for s in shapes[1:]]
        if self.merge_mode == "concat":
            outs = [out[:-1] + (None if out[-1] is None else 2 * out[-1],)]
        elif self.merge_mode is None:
            outs = [out, out]
        else:
            outs = [out]
        if self.return_state:
            return outs + states + states
        return outs[0] if len(outs) == 1 else outs

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        out_mask = mask if self.return_sequences else None
        masks = [out_mask, out_mask] if self.merge_mode is None else [out_mask]
        if self.return_state:
            n = len(self.forward_layer.states)
            return masks + [None] * (2 * n)
        return masks[0] if len(masks) == 1 else masks

    def apply(self, inputs: Any, **kwargs: Any) -> Any:
        initial_state = kwargs.pop("initial_state", None)
        if initial_state is not None:
            states = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
            if len(states) % 2:
                raise LayerError("When passing initial_state to a Bidirectional RNN, the state should "
                                 "be a list containing the states of the underlying RNNs.")
            inputs = [inputs, *states]
        return super().apply(inputs, **kwargs)

    def call(self, inputs: Any, mask: Any = None, training: bool | None = None,
             initial_state: Any = None, **kwargs: Any) -> Any:
        tf = _tf()
        if isinstance(inputs, (list, tuple)):
            if len(inputs) > 1:
                initial_state = list(inputs[1:])
            inputs = inputs[0]
        kw: dict = {"mask": mask, "training": training}
        if initial_state:
            half = len(initial_state) // 2
            y = self.forward_layer.call(inputs, initial_state=initial_state[:half], **kw)
            y_rev = self.backward_layer.call(inputs, initial_state=initial_state[half:], **kw)
        else:
            y = self.forward_layer.call(inputs, **kw)
            y_rev = self.backward_layer.call(inputs, **kw)
        states: list = []
        if self.return_state:
            states = list(y[1:]) + list(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = tf.reverse(y_rev, 1)
        if self.merge_mode == "concat":
            out: Any = tf.concat([y, y_rev], -1)
        elif self.merge_mode == "sum":
            out = tf.add(y, y_rev)
        elif self.merge_mode == "ave":
            out = tf.mul(tf.add(y, y_rev), 0.5)
        elif self.merge_mode == "mul":
            out = tf.mul(y, y_rev)
        else:
            out = [y, y_rev]
        if self.return_state:
            return (out if isinstance(out, list) else [out]) + states
        return out

    def reset_states(self, states: Any = None) -> None:
        self.forward_layer.reset_states()
        self.backward_layer.reset_states()

    def get_config(self) -> dict[str, Any]:
        return {"merge_mode": self.merge_mode, **super().get_config()}

    def dispose(self) -> None:
        self.forward_layer.dispose()
        self.backward_layer.dispose()
        self.layer.dispose()
        self.built = False
