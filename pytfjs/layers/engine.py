"""The Layers engine (behaviour of tfjs-layers ``engine/topology.ts`` and ``container.ts``):
``Layer`` with weights and nodes, symbolic tensors, ``tf.input``, and graph models
(``LayersModel``: functional, nested, shared layers, multiple inputs/outputs, masking).
Training lives in ``training.py``; ``Sequential`` in ``sequential.py``.
"""
from __future__ import annotations

import inspect
import itertools
from typing import Any, Callable, Iterable

from ..core.engine import ENGINE
from ..core.tensor import Tensor, Variable
from . import initializers as _init
from .naming import layer_name, unique

Shape = tuple  # of int | None

_sym_ids = itertools.count()


def _tf() -> Any:
    import pytfjs
    return pytfjs


class LayerError(ValueError):
    """Bad layer configuration, shapes or graph wiring."""


# ------------------------------------------------------------------------------ weights
class LayerWeight:
    """A layer's weight: a trainable-or-not engine ``Variable`` plus the layer-scoped name TF.js
    writes in weight manifests (``dense_Dense1/kernel``)."""

    def __init__(self, name: str, value: Tensor, trainable: bool = True,
                 constraint: Callable[[Tensor], Tensor] | None = None) -> None:
        self.original_name = name
        engine_name = name
        k = 1
        while engine_name in ENGINE.registered_variables:
            k += 1
            engine_name = f"{name}_{k}"
        self.variable: Variable = ENGINE.tidy(lambda: _tf().variable(value, trainable, engine_name))
        self._trainable = trainable
        self.constraint = constraint

    name = property(lambda self: self.original_name)
    shape = property(lambda self: self.variable.shape)
    dtype = property(lambda self: self.variable.dtype)

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        self._trainable = value
        self.variable.trainable = value

    def read(self) -> Variable:
        return self.variable

    def write(self, value: Any) -> None:
        tf = _tf()
        value = value if isinstance(value, Tensor) else tf.tensor(value, None, self.dtype)
        if tuple(value.shape) != tuple(self.shape):
            raise LayerError(f"Shape mismatch for weight '{self.name}': expected "
                             f"{list(self.shape)}, got {list(value.shape)}")
        ENGINE.tidy(lambda: self.variable.assign(tf.cast(value, self.dtype)))

    def apply_constraint(self) -> None:
        if self.constraint is not None:
            ENGINE.tidy(lambda: self.variable.assign(self.constraint(self.variable)))

    def dispose(self) -> None:
        self.variable.dispose()

    def __repr__(self) -> str:
        return f"<LayerWeight '{self.name}' shape={self.shape} trainable={self.trainable}>"


# ------------------------------------------------------------------------------ symbolic graph
class SymbolicTensor:
    """A placeholder in a layer graph: shape (``None`` for unknown dims), dtype and the layer
    output it stands for."""

    def __init__(self, dtype: str, shape: Shape, source_layer: "Layer", node_index: int,
                 tensor_index: int, name: str | None = None) -> None:
        self.dtype = dtype
        self.shape = tuple(shape)
        self.source_layer = source_layer
        self.node_index = node_index
        self.tensor_index = tensor_index
        self.id = next(_sym_ids)
        self.name = name or f"{source_layer.name}/out{tensor_index}"

    @property
    def rank(self) -> int:
        return len(self.shape)

    def __repr__(self) -> str:
        return f"SymbolicTensor(name={self.name!r}, shape={list(self.shape)}, dtype={self.dtype})"


class Node:
    """One call of a layer inside a graph: which symbolic tensors went in and came out."""

    def __init__(self, layer: "Layer", inputs: list[SymbolicTensor], outputs: list[SymbolicTensor],
                 call_kwargs: dict[str, Any], inputs_were_list: bool, outputs_were_list: bool) -> None:
        self.layer = layer
        self.input_tensors = inputs
        self.output_tensors = outputs
        self.call_kwargs = call_kwargs
        self.inputs_were_list = inputs_were_list
        self.outputs_were_list = outputs_were_list

    @property
    def inbound_layers(self) -> list["Layer"]:
        return [t.source_layer for t in self.input_tensors]

    def serialize(self) -> list:
        kw = {k: v for k, v in self.call_kwargs.items() if isinstance(v, (bool, int, float, str))}
        return [[t.source_layer.name, t.node_index, t.tensor_index, kw] for t in self.input_tensors]


def _flatten(x: Any) -> list:
    if isinstance(x, (list, tuple)):
        return [y for item in x for y in _flatten(item)]
    return [x]


def _shape_of(x: Any) -> Shape:
    return tuple(x.shape)


# ------------------------------------------------------------------------------ Layer
class Layer:
    """Base class of every layer. Subclasses override ``build``, ``call``,
    ``compute_output_shape`` and ``get_config``.

    >>> import pytfjs as tf
    >>> layer = tf.layers.dense(units=2, kernel_initializer="ones", input_shape=[3])
    >>> layer.apply(tf.ones([1, 3])).to_list()
    [[3.0, 3.0]]
    """

    _BASE_KWARGS = ("name", "trainable", "dtype", "input_shape", "batch_input_shape",
                    "batch_size", "weights", "input_dtype")

    def __init__(self, name: str | None = None, trainable: bool = True, dtype: str | None = None,
                 input_shape: Iterable[int | None] | None = None,
                 batch_input_shape: Iterable[int | None] | None = None,
                 batch_size: int | None = None, weights: list | None = None,
                 input_dtype: str | None = None, **kwargs: Any) -> None:
        lenient = kwargs.pop("_lenient", False)
        if kwargs:
            msg = f"{self.class_name}: unknown argument(s) {', '.join(sorted(kwargs))}"
            if not lenient:
                raise TypeError(msg)
            import warnings  # a file from a newer Keras: ignore keys we do not know, loudly
            warnings.warn(msg + " (ignored while loading the config)", stacklevel=3)
        self._dtype_given = dtype is not None or input_dtype is not None
        self.name = name or layer_name(self.class_name)
        self._trainable = trainable
        self.dtype = dtype or input_dtype or "float32"
        if batch_input_shape is not None:
            self.batch_input_shape: Shape | None = tuple(batch_input_shape)
        elif input_shape is not None:
            self.batch_input_shape = (batch_size, *input_shape)
        else:
            self.batch_input_shape = None
        self.built = False
        self._weights: list[LayerWeight] = []
        self._initial_weights = weights
        self.inbound_nodes: list[Node] = []
        self.outbound_nodes: list[Node] = []
        self.supports_masking = False
        self._losses: list[Callable[[], Tensor]] = []
        self.activity_regularizer = None
        self._call_accepts = None

    # -------------------------------------------------------------- naming / config
    @property
    def class_name(self) -> str:
        return getattr(type(self), "CLASS_NAME", type(self).__name__)

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"name": self.name, "trainable": self.trainable}
        if self.batch_input_shape is not None:
            config["batch_input_shape"] = list(self.batch_input_shape)
        # TF.js writes dtype only when it was given or the layer has an input shape.
        if self._dtype_given or self.batch_input_shape is not None:
            config["dtype"] = self.dtype
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any], custom_objects: dict | None = None) -> "Layer":
        """Builds the layer from its config; keys this version does not know are ignored with a
        warning (files written by newer Keras versions)."""
        try:
            return cls(**config, _lenient=True)
        except TypeError as e:
            if "_lenient" not in str(e):
                raise
            return cls(**config)

    # -------------------------------------------------------------- weights
    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        self._trainable = value
        for w in self._weights:
            w.trainable = value

    @property
    def weights(self) -> list[LayerWeight]:
        return list(self._weights)

    @property
    def trainable_weights(self) -> list[LayerWeight]:
        return [w for w in self._weights if w.trainable] if self.trainable else []

    @property
    def non_trainable_weights(self) -> list[LayerWeight]:
        if not self.trainable:
            return list(self._weights)
        return [w for w in self._weights if not w.trainable]

    def add_weight(self, name: str, shape: Iterable[int], dtype: str | None = None,
                   initializer: Any = None, regularizer: Any = None, trainable: bool = True,
                   constraint: Any = None) -> LayerWeight:
        """Creates a weight named ``<layer name>/<name>`` initialised by ``initializer``."""
        shape = tuple(int(d) for d in shape)
        if any(d is None or d < 0 for d in shape):
            raise LayerError(f"{self.name}: weight '{name}' needs a fully known shape, got {list(shape)}")
        init = _init.get(initializer if initializer is not None else "glorot_uniform")
        dtype = dtype or self.dtype
        value = ENGINE.tidy(lambda: init(shape, dtype))
        w = LayerWeight(f"{self.name}/{name}", value, trainable and self.trainable, _constraint(constraint))
        value.dispose()
        self._weights.append(w)
        if regularizer is not None:
            from . import regularizers
            reg = regularizers.get(regularizer)
            self._losses.append(lambda: reg(w.read()))
        return w

    def get_weights(self) -> list[Tensor]:
        """The current values (the variables themselves, as TF.js's ``getWeights``)."""
        return [w.read() for w in self._weights]

    def set_weights(self, weights: list[Any]) -> None:
        if len(weights) != len(self._weights):
            raise LayerError(f"{self.name}: set_weights got {len(weights)} arrays for "
                             f"{len(self._weights)} weights")
        for w, v in zip(self._weights, weights):
            w.write(v)

    def count_params(self) -> int:
        n = 0
        for w in self._weights:
            size = 1
            for d in w.shape:
                size *= d
            n += size
        return n

    @property
    def losses(self) -> list[Tensor]:
        """Regularisation losses of this layer's weights (fresh tensors each time)."""
        return [f() for f in self._losses]

    def dispose(self) -> None:
        for w in self._weights:
            w.dispose()
        self._weights = []
        self.built = False

    # -------------------------------------------------------------- to override
    def build(self, input_shape: Any) -> None:
        self.built = True

    def call(self, inputs: Any, **kwargs: Any) -> Any:
        return inputs

    def compute_output_shape(self, input_shape: Any) -> Any:
        return input_shape

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        return mask if self.supports_masking else None

    # -------------------------------------------------------------- calling
    def __call__(self, inputs: Any, **kwargs: Any) -> Any:
        return self.apply(inputs, **kwargs)

    def _accepts(self, arg: str) -> bool:
        if self._call_accepts is None:
            params = inspect.signature(self.call).parameters
            var_kw = any(p.kind is p.VAR_KEYWORD for p in params.values())
            self._call_accepts = (set(params), var_kw)
        names, var_kw = self._call_accepts
        return arg in names or var_kw

    def _maybe_build(self, input_shapes: Any) -> None:
        if not self.built:
            self.build(input_shapes)
            self.built = True
            if self._initial_weights is not None:
                self.set_weights(self._initial_weights)
                self._initial_weights = None

    def apply(self, inputs: Any, **kwargs: Any) -> Any:
        """Calls the layer on tensors (eager) or symbolic tensors (adds a node to the graph)."""
        flat = _flatten(inputs)
        if any(isinstance(x, SymbolicTensor) for x in flat):
            if not all(isinstance(x, SymbolicTensor) for x in flat):
                raise LayerError(f"{self.name}: a layer cannot mix symbolic and concrete inputs")
            return self._apply_symbolic(inputs, flat, kwargs)
        tf = _tf()
        if isinstance(inputs, (list, tuple)):
            inputs = [x if isinstance(x, Tensor) else tf.tensor(x, None, self.dtype) for x in inputs]
            shapes: Any = [tuple(x.shape) for x in inputs]
        else:
            inputs = inputs if isinstance(inputs, Tensor) else tf.tensor(inputs, None, self.dtype)
            shapes = tuple(inputs.shape)
        self._check_input_rank(shapes)
        self._maybe_build(shapes)
        kw = {k: v for k, v in kwargs.items() if self._accepts(k)}
        # As TF.js's layers: a call's temporaries are freed when it returns.
        out = ENGINE.tidy(lambda: self.call(inputs, **kw))
        record_activity(self, out)
        return out

    def _check_input_rank(self, shapes: Any) -> None:
        if self.batch_input_shape is not None and not isinstance(shapes, list):
            want = len(self.batch_input_shape)
            if len(shapes) != want:
                raise LayerError(f"Input 0 of layer {self.name} expects rank {want} "
                                 f"(shape {list(self.batch_input_shape)}), got shape {list(shapes)}")

    def _apply_symbolic(self, inputs: Any, flat: list, kwargs: dict) -> Any:
        was_list = isinstance(inputs, (list, tuple))
        shapes: Any = [x.shape for x in flat] if was_list else flat[0].shape
        self._maybe_build(shapes)
        out_shape = self.compute_output_shape(shapes)
        multi = isinstance(out_shape, list)
        out_shapes = out_shape if multi else [out_shape]
        node_index = len(self.inbound_nodes)
        dtype = self._output_dtype(flat)
        outputs = [SymbolicTensor(dtype, s, self, node_index, i,
                                  f"{self.name}/{self.name}" if len(out_shapes) == 1 else None)
                   for i, s in enumerate(out_shapes)]
        node = Node(self, list(flat), outputs, dict(kwargs), was_list, multi)
        self.inbound_nodes.append(node)
        for x in flat:
            x.source_layer.outbound_nodes.append(node)
        return outputs if multi else outputs[0]

    def _output_dtype(self, inputs: list) -> str:
        return self.dtype

    # -------------------------------------------------------------- graph properties
    def _node_attr(self, attr: str) -> Any:
        if not self.inbound_nodes:
            raise AttributeError(f"Layer {self.name} is not connected, no {attr}")
        if len(self.inbound_nodes) > 1:
            raise AttributeError(f"Layer {self.name} has multiple inbound nodes; {attr} is ambiguous")
        node = self.inbound_nodes[0]
        ts = node.input_tensors if attr.startswith("input") else node.output_tensors
        return ts if len(ts) > 1 else ts[0]

    @property
    def input(self) -> Any:
        return self._node_attr("input")

    @property
    def output(self) -> Any:
        return self._node_attr("output")

    @property
    def output_shape(self) -> Any:
        out = self._node_attr("output")
        return [o.shape for o in out] if isinstance(out, list) else out.shape

    @property
    def input_shape(self) -> Any:
        inp = self._node_attr("input")
        return [i.shape for i in inp] if isinstance(inp, list) else inp.shape

    def __repr__(self) -> str:
        return f"<{self.class_name} '{self.name}'>"


#: Activity-regularisation losses of the forward pass being trained (Keras semantics: the
#: regulariser of a layer's output, divided by the batch size). The training loop collects and
#: clears them; outside training nothing is recorded.
ACTIVITY_LOSSES: list | None = None


def record_activity(layer: "Layer", out: Any) -> None:
    reg = layer.activity_regularizer
    if reg is None or ACTIVITY_LOSSES is None:
        return
    tf = _tf()
    for o in _flatten(out):
        if isinstance(o, Tensor) and o.rank > 0:
            ACTIVITY_LOSSES.append(tf.div(reg(o), float(o.shape[0] or 1)))


def _constraint(identifier: Any) -> Callable[[Tensor], Tensor] | None:
    if identifier is None:
        return None
    from . import constraints
    return constraints.get(identifier)


# ------------------------------------------------------------------------------ inputs
class InputLayer(Layer):
    """The layer behind ``tf.input``: holds the graph's input placeholder."""

    CLASS_NAME = "InputLayer"

    def __init__(self, input_shape: Iterable | None = None, batch_size: int | None = None,
                 batch_input_shape: Iterable | None = None, dtype: str | None = None,
                 sparse: bool = False, name: str | None = None, **kwargs: Any) -> None:
        if input_shape is None and batch_input_shape is None:
            raise LayerError("InputLayer needs input_shape or batch_input_shape")
        super().__init__(name=name or unique("input"), dtype=dtype, input_shape=input_shape, batch_input_shape=batch_input_shape,
                         batch_size=batch_size, **kwargs)
        self.sparse = sparse
        self.built = True
        tensor = SymbolicTensor(self.dtype, self.batch_input_shape, self, 0, 0, self.name)
        self.inbound_nodes.append(Node(self, [], [tensor], {}, False, False))

    def get_config(self) -> dict[str, Any]:
        return {"batch_input_shape": list(self.batch_input_shape), "dtype": self.dtype,
                "sparse": self.sparse, "name": self.name}


def input(shape: Iterable[int | None] | None = None, batch_shape: Iterable | None = None,
          name: str | None = None, dtype: str = "float32", sparse: bool = False,
          batch_size: int | None = None) -> SymbolicTensor:
    """A symbolic input for a functional model (``tf.input(shape=[784])``).

    >>> import pytfjs as tf
    >>> x = tf.input(shape=[3])
    >>> x.shape
    (None, 3)
    """
    if shape is None and batch_shape is None:
        raise LayerError("tf.input needs shape or batch_shape")
    layer = InputLayer(input_shape=shape, batch_input_shape=batch_shape, batch_size=batch_size,
                       dtype=dtype, sparse=sparse, name=name)
    return layer.inbound_nodes[0].output_tensors[0]
