"""``tf.sequential()``: a linear stack of layers (TF.js ``Sequential``)."""
from __future__ import annotations

from typing import Any

from .engine import InputLayer, Layer, LayerError, input as _input
from .functional import LayersModel
from .naming import unique


class Sequential(LayersModel):
    """Layers applied one after another. The first layer needs ``input_shape`` (or the model
    is built on the first call, from the data's shape).

    >>> import pytfjs as tf
    >>> model = tf.sequential([tf.layers.dense(units=4, input_shape=[2], activation="relu"),
    ...                        tf.layers.dense(units=1)])
    >>> model.predict(tf.zeros([5, 2])).shape
    (5, 1)
    """

    CLASS_NAME = "Sequential"

    def __init__(self, layers: list[Layer] | None = None, name: str | None = None) -> None:
        super().__init__(name=name or f"sequential_{unique('sequential_')[11:]}")
        self._stack: list[Layer] = []
        self._input_layer: InputLayer | None = None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer: Layer) -> None:
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential.add expects a Layer, got {type(layer).__name__}")
        if isinstance(layer, InputLayer):
            if self._stack or self._input_layer is not None:
                raise LayerError("An InputLayer can only be the first layer of a Sequential model")
            self._input_layer = layer
            self._rebuild()
            return
        if isinstance(layer, LayersModel) and not layer.outputs:
            raise LayerError(f"Cannot add model {layer.name}: it has no outputs yet")
        self._stack.append(layer)
        if self._input_layer is None and len(self._stack) == 1:
            if layer.batch_input_shape is not None:
                self._input_layer = _input(batch_shape=layer.batch_input_shape,
                                           dtype=layer.dtype).source_layer
            elif isinstance(layer, LayersModel) and len(layer.inputs) == 1:
                # a built model as the first layer: its input is the stack's input (TF.js)
                sym = layer.inputs[0]
                self._input_layer = _input(batch_shape=sym.shape, dtype=sym.dtype).source_layer
        self._rebuild()

    def pop(self) -> None:
        if not self._stack:
            raise LayerError("There are no layers in the model.")
        self._stack.pop()
        for layer in self._stack:
            layer.inbound_nodes = [n for n in layer.inbound_nodes if n.layer is layer][:0] or []
        self._rebuild(fresh=True)

    def _rebuild(self, fresh: bool = False) -> None:
        if self._input_layer is None:
            self.layers = list(self._stack)
            self.built = False
            return
        if fresh:
            for layer in self._stack:
                layer.inbound_nodes = []
                layer.outbound_nodes = []
        x = self._input_layer.inbound_nodes[0].output_tensors[0]
        inp = x
        for layer in self._stack:
            node = next((n for n in layer.inbound_nodes if n.input_tensors and
                         n.input_tensors[0] is x), None)
            x = node.output_tensors[0] if node is not None else layer.apply(x)
        if self._stack:
            self._init_graph(inp, x)
        else:
            self.layers = [self._input_layer]
        self.layers = [layer for layer in self.layers if not isinstance(layer, InputLayer)]

    def build(self, input_shape: Any = None) -> None:
        if self._input_layer is None:
            if input_shape is None:
                raise LayerError("The first layer in a Sequential model must get an input_shape "
                                 "or batch_input_shape argument (or call build(input_shape)).")
            self._input_layer = _input(batch_shape=(None, *tuple(input_shape)[1:])).source_layer
            self._rebuild()
        self.built = True

    def call(self, inputs: Any, training: bool | None = None, mask: Any = None, **kwargs: Any) -> Any:
        if self._input_layer is None:
            self.build(tuple(inputs.shape))
        return super().call(inputs, training=training, mask=mask)

    def _to_tensors(self, data: Any, names: list[str], what: str,
                    created: list | None = None) -> list:
        if what == "input" and self._input_layer is None:
            shape = getattr(data, "shape", None)
            if shape is None:
                from .training import _tf
                probe = _tf().tensor(data)
                shape = probe.shape
                probe.dispose()
            self.build(tuple(shape))
        return super()._to_tensors(data, names, what, created)

    @property
    def input_names(self) -> list[str]:
        return [t.source_layer.name for t in self.inputs] if self.inputs else ["input"]

    @property
    def output_names(self) -> list[str]:
        if not self.outputs:
            return [self._stack[-1].name] if self._stack else ["output"]
        return [t.source_layer.name for t in self.outputs]

    def get_config(self) -> dict[str, Any]:
        from .serialization import serialize_layer
        layers = [serialize_layer(layer) for layer in self._stack]
        if self._input_layer is not None and (not self._stack or
                                              self._stack[0].batch_input_shape is None):
            # An explicit InputLayer carries the input shape (as Keras 2.4+ writes it).
            layers.insert(0, {"class_name": "InputLayer", "config": self._input_layer.get_config()})
        return {"name": self.name, "layers": layers}

    @classmethod
    def from_config(cls, config: Any, custom_objects: dict | None = None) -> "Sequential":
        from .serialization import deserialize_layer
        if isinstance(config, list):  # Keras 1 style: a bare list of layers
            config = {"layers": config}
        model = cls(name=config.get("name"))
        for spec in config["layers"]:
            if spec.get("class_name") == "InputLayer":
                c = spec["config"]
                model.add(InputLayer(batch_input_shape=c.get("batch_input_shape", c.get("batch_shape")),
                                     dtype=c.get("dtype"), name=c.get("name")))
            else:
                model.add(deserialize_layer(spec, custom_objects))
        return model


def sequential(layers: list[Layer] | None = None, name: str | None = None) -> Sequential:
    """``tf.sequential([...])``."""
    return Sequential(layers, name)
