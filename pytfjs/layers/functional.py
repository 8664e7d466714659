"""Graph models (``tf.model({inputs, outputs})``, TF.js ``LayersModel``): execution of the layer
graph, nesting, summary and Keras-JSON config round trips."""
from __future__ import annotations

from typing import Any, Callable

from ..core.engine import ENGINE
from ..core.tensor import Tensor, Variable
from .engine import (InputLayer, Layer, LayerError, LayerWeight, Node, SymbolicTensor, _flatten,
                     record_activity)
from .naming import unique
from .training import TrainingMixin


def _as_list(x: Any) -> list:
    return list(x) if isinstance(x, (list, tuple)) else [x]


class LayersModel(TrainingMixin, Layer):
    """A model defined by its symbolic inputs and outputs.

    >>> import pytfjs as tf
    >>> x = tf.input(shape=[4])
    >>> h = tf.layers.dense(units=8, activation="relu").apply(x)
    >>> y = tf.layers.dense(units=2, activation="softmax").apply(h)
    >>> model = tf.model(inputs=x, outputs=y)
    >>> model.predict(tf.ones([3, 4])).shape
    (3, 2)
    """

    CLASS_NAME = "Model"

    def __init__(self, inputs: Any = None, outputs: Any = None, name: str | None = None,
                 **kwargs: Any) -> None:
        Layer.__init__(self, name=name or f"model_{unique('model_')[6:]}", **kwargs)
        TrainingMixin.__init__(self)
        self.layers: list[Layer] = []
        self.inputs: list[SymbolicTensor] = []
        self.outputs: list[SymbolicTensor] = []
        self._nodes: list[Node] = []
        self.supports_masking = True
        if inputs is not None or outputs is not None:
            self._init_graph(inputs, outputs)

    # -------------------------------------------------------------- graph
    def _init_graph(self, inputs: Any, outputs: Any) -> None:
        self._inputs_were_list = isinstance(inputs, (list, tuple))
        self._outputs_were_list = isinstance(outputs, (list, tuple))
        self.inputs = _as_list(inputs)
        self.outputs = _as_list(outputs)
        for t in self.inputs + self.outputs:
            if not isinstance(t, SymbolicTensor):
                raise LayerError(f"Model {self.name}: inputs and outputs must be symbolic tensors "
                                 f"(from tf.input / layer.apply), got {type(t).__name__}")
        for t in self.inputs:
            if not isinstance(t.source_layer, InputLayer):
                raise LayerError(f"Model {self.name}: input {t.name} is not from tf.input")
        order: list[Node] = []
        seen: set[int] = set()
        input_ids = {t.id for t in self.inputs}

        def visit(t: SymbolicTensor, path: tuple) -> None:
            node = t.source_layer.inbound_nodes[t.node_index]
            if id(node) in seen:
                return
            if id(node) in path:
                raise LayerError(f"Model {self.name}: the graph has a cycle at {t.name}")
            if isinstance(node.layer, InputLayer) and t.id not in input_ids:
                raise LayerError(f"Graph disconnected: cannot obtain value for tensor {t.name}; "
                                 f"its input layer {node.layer.name} is not among the model inputs")
            for x in node.input_tensors:
                visit(x, path + (id(node),))
            seen.add(id(node))
            order.append(node)

        for t in self.outputs:
            visit(t, ())
        self._nodes = order
        # Keras/TF.js order: by depth (distance from the outputs), deepest first; ties in the
        # order the traversal met them.
        depth: dict[int, int] = {id(n): 0 for n in order}
        for node in reversed(order):
            for x in node.input_tensors:
                src = x.source_layer.inbound_nodes[x.node_index]
                depth[id(src)] = max(depth.get(id(src), 0), depth[id(node)] + 1)
        self._node_depth = depth
        first: dict[int, int] = {}
        layer_depth: dict[int, int] = {}
        for i, node in enumerate(order):
            first.setdefault(id(node.layer), i)
            layer_depth[id(node.layer)] = max(layer_depth.get(id(node.layer), 0), depth[id(node)])
        layers: list[Layer] = []
        for node in order:
            if node.layer not in layers:
                layers.append(node.layer)
        layers.sort(key=lambda layer: (-layer_depth[id(layer)], first[id(layer)]))
        self.layers = layers
        self.input_layers = [t.source_layer for t in self.inputs]
        self.output_layers = [t.source_layer for t in self.outputs]
        self.built = True

    def get_layer(self, name: str | None = None, index: int | None = None) -> Layer:
        if index is not None:
            if not 0 <= index < len(self.layers):
                raise LayerError(f"Was asked to retrieve layer at index {index} but model only has "
                                 f"{len(self.layers)} layer(s).")
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise LayerError(f"No such layer: {name}")

    @property
    def weights(self) -> list[LayerWeight]:
        out: list[LayerWeight] = []
        for layer in self.layers:
            for w in layer.weights:
                if w not in out:
                    out.append(w)
        return out

    def get_weights(self) -> list[Tensor]:
        return [w.read() for w in self.weights]

    def set_weights(self, weights: list[Any]) -> None:
        ws = self.weights
        if len(weights) != len(ws):
            raise LayerError(f"Model {self.name}: set_weights got {len(weights)} arrays for "
                             f"{len(ws)} weights")
        for w, v in zip(ws, weights):
            w.write(v)

    def count_params(self) -> int:
        return sum(_size(w.shape) for w in self.weights)

    @property
    def trainable_weights(self) -> list[LayerWeight]:
        if not self.trainable:
            return []
        out: list[LayerWeight] = []
        for layer in self.layers:
            for w in layer.trainable_weights:
                if w not in out:
                    out.append(w)
        return out

    @property
    def non_trainable_weights(self) -> list[LayerWeight]:
        trainable = set(map(id, self.trainable_weights))
        return [w for w in self.weights if id(w) not in trainable]

    @property
    def losses(self) -> list[Tensor]:
        return [t for layer in self.layers for t in layer.losses]

    @property
    def input_names(self) -> list[str]:
        return [t.source_layer.name for t in self.inputs]

    @property
    def output_names(self) -> list[str]:
        return [t.source_layer.name for t in self.outputs]

    def compute_output_shape(self, input_shape: Any) -> Any:
        shapes = [o.shape for o in self.outputs]
        return shapes if self._outputs_were_list else shapes[0]

    def build(self, input_shape: Any) -> None:
        self.built = True

    # -------------------------------------------------------------- execution
    def call(self, inputs: Any, training: bool | None = None, mask: Any = None, **kwargs: Any) -> Any:
        xs = _as_list(inputs)
        if len(xs) != len(self.inputs):
            raise LayerError(f"Model {self.name} expects {len(self.inputs)} input(s), got {len(xs)}")
        values: dict[int, Any] = {}
        masks: dict[int, Any] = {}
        masks_in = _as_list(mask) if mask is not None else [None] * len(xs)
        for sym, x, m in zip(self.inputs, xs, masks_in):
            self._check_input(sym, x)
            values[sym.id] = x
            masks[sym.id] = m
        # Without a gradient tape, an intermediate is disposed as soon as its last reader ran
        # (as TF.js's executor does): the live set is a few layers' activations instead of all
        # of them. A tensor object reached under several symbolic ids (identity layers pass
        # their input through) is disposed when the last of them is done.
        free = ENGINE.active_tape is None
        if free:
            uses = dict(self._reader_counts())
            keep = {id(v) for v in values.values()}
            refs: dict[int, int] = {}
        for node in self._nodes:
            layer = node.layer
            if isinstance(layer, InputLayer):
                continue
            args = [values[t.id] for t in node.input_tensors]
            in_masks = [masks.get(t.id) for t in node.input_tensors]
            arg: Any = args if node.inputs_were_list else args[0]
            m_arg: Any = in_masks if node.inputs_were_list else in_masks[0]
            kw = dict(node.call_kwargs)
            if training is not None and layer._accepts("training"):
                kw["training"] = training
            if layer._accepts("mask") and any(m is not None for m in in_masks):
                kw["mask"] = m_arg
            kw = {k: v for k, v in kw.items() if layer._accepts(k)}
            shapes = [tuple(a.shape) for a in args]
            layer._maybe_build(shapes if node.inputs_were_list else shapes[0])
            out = layer.call(arg, **kw)
            record_activity(layer, out)
            out_mask = layer.compute_mask(arg, m_arg)
            outs = _as_list(out)
            out_masks = _as_list(out_mask) if isinstance(out_mask, (list, tuple)) else [out_mask] * len(outs)
            for t, o, om in zip(node.output_tensors, outs, out_masks):
                values[t.id] = o
                masks[t.id] = om
                if free:
                    if isinstance(o, Tensor) and not isinstance(o, Variable):
                        refs[id(o)] = refs.get(id(o), 0) + 1
                    if isinstance(om, Tensor):
                        keep.add(id(om))      # a mask that is also a value stays
            if free:
                for t in node.input_tensors:
                    uses[t.id] -= 1
                    v = values.get(t.id)
                    if uses[t.id] == 0 and isinstance(v, Tensor) and id(v) in refs:
                        refs[id(v)] -= 1
                        if refs[id(v)] == 0 and id(v) not in keep and not v.kept:
                            v.dispose()
        results = [values[t.id] for t in self.outputs]
        self._last_output_masks = [masks.get(t.id) for t in self.outputs]
        self._last_mask_inputs = [id(x) for x in xs]
        return results if self._outputs_were_list else results[0]

    def _reader_counts(self) -> dict[int, int]:
        """Symbolic tensor id -> how many node inputs read it (the model's outputs count as
        one more reader each, so they are never disposed). Cached: the graph is fixed."""
        counts = getattr(self, "_readers_cache", None)
        if counts is None:
            counts = {}
            for node in self._nodes:
                if isinstance(node.layer, InputLayer):
                    continue
                for t in node.input_tensors:
                    counts[t.id] = counts.get(t.id, 0) + 1
            for t in self.outputs:
                counts[t.id] = counts.get(t.id, 0) + 1
            self._readers_cache = counts
        return counts

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        """The output masks for ``inputs``: those of the call that just ran on them (a nested
        model inside a graph), or computed by running the graph again."""
        xs = _as_list(inputs)
        masks = getattr(self, "_last_output_masks", None)
        fresh = masks is not None and getattr(self, "_last_mask_inputs", None) == [id(x) for x in xs] \
            and not any(isinstance(m, Tensor) and m.is_disposed for m in masks)
        if not fresh:
            def run() -> list:
                self.call(inputs, mask=mask)
                return self._last_output_masks
            masks = ENGINE.tidy(run)
        return masks if self._outputs_were_list else masks[0]

    def _check_input(self, sym: SymbolicTensor, x: Any) -> None:
        shape = tuple(x.shape)
        if len(shape) != len(sym.shape) or any(
                s is not None and s != d for s, d in zip(sym.shape, shape)):
            raise LayerError(f"Error when checking model input {sym.source_layer.name}: expected "
                             f"shape {list(sym.shape)}, but got array with shape {list(shape)}")

    # -------------------------------------------------------------- summary
    def summary(self, line_length: int | None = None, positions: list[float] | None = None,
                print_fn: Callable[[str], None] = print) -> None:
        """Prints a Keras-style table: layer (type), output shape, params, connections."""
        depths: dict[int, int] = {}
        for node in self._nodes:
            d = self._node_depth.get(id(node), 0)
            depths[d] = depths.get(d, 0) + 1
        sequential_like = all(c == 1 for c in depths.values()) and \
            all(len(n.input_tensors) <= 1 for n in self._nodes)
        line_length = line_length or (65 if sequential_like else 98)
        positions = positions or ([0.45, 0.85, 1.0] if sequential_like else [0.33, 0.55, 0.67, 1.0])
        cols = [int(line_length * p) if p <= 1 else int(p) for p in positions]
        headers = ["Layer (type)", "Output Shape", "Param #"] + ([] if sequential_like else ["Connected to"])

        def row(fields: list[str]) -> str:
            line = ""
            for i, f in enumerate(fields):
                line = (line + f)[: cols[i]]
                line += " " * (cols[i] - len(line))
            return line.rstrip()

        print_fn(f'Model: "{self.name}"')
        print_fn("_" * line_length)
        print_fn(row(headers))
        print_fn("=" * line_length)
        layers = self.layers
        for i, layer in enumerate(layers):
            try:
                shape = layer.output_shape
            except AttributeError:
                shape = "multiple"
            shape_s = _fmt_shape(shape)
            fields = [f"{layer.name} ({layer.class_name})", shape_s, str(layer.count_params())]
            if not sequential_like:
                conns = []
                for node in layer.inbound_nodes:
                    if node in self._nodes:
                        conns += [f"{t.source_layer.name}[{t.node_index}][{t.tensor_index}]"
                                  for t in node.input_tensors]
                fields.append(conns[0] if conns else "")
            print_fn(row(fields))
            if not sequential_like:
                for extra in conns[1:]:
                    print_fn(row(["", "", "", extra]))
            print_fn(("=" if i == len(layers) - 1 else "_") * line_length)
        trainable = sum(_size(w.shape) for w in self.trainable_weights)
        total = sum(_size(w.shape) for w in self.weights)
        print_fn(f"Total params: {total:,}")
        print_fn(f"Trainable params: {trainable:,}")
        print_fn(f"Non-trainable params: {total - trainable:,}")
        print_fn("_" * line_length)

    # -------------------------------------------------------------- config
    def get_config(self) -> dict[str, Any]:
        from .serialization import serialize_layer
        node_ids: dict[int, int] = {}
        for layer in self.layers:
            for i, node in enumerate(layer.inbound_nodes):
                node_ids[id(node)] = i
        layers_cfg = []
        for layer in self.layers:
            cfg = serialize_layer(layer)
            cfg["name"] = layer.name
            cfg["inbound_nodes"] = [[[e[0], _saved_node_index(t), *e[2:]]
                                     for e, t in zip(node.serialize(), node.input_tensors)]
                                    for node in layer.inbound_nodes
                                    if node in self._nodes and node.input_tensors]
            layers_cfg.append(cfg)
        return {
            "name": self.name,
            "layers": layers_cfg,
            "input_layers": [[t.source_layer.name, _saved_node_index(t), t.tensor_index]
                             for t in self.inputs],
            "output_layers": [[t.source_layer.name, _saved_node_index(t), t.tensor_index]
                              for t in self.outputs],
        }

    @classmethod
    def from_config(cls, config: dict[str, Any], custom_objects: dict | None = None) -> "LayersModel":
        from .serialization import deserialize_layer
        created: dict[str, Layer] = {}
        pending: list[tuple[Layer, list]] = []
        for spec in config["layers"]:
            layer = deserialize_layer(spec, custom_objects)
            created[spec.get("name", layer.name)] = layer
            pending.append((layer, spec.get("inbound_nodes", [])))
        # TF.js / Keras 2 count a nested model's own (internal) node as its node 0, so its first
        # call is node 1; pytfjs models have no internal node. Keras 3 (``args`` dict nodes)
        # writes the plain index. Files pytfjs wrote with index 0 still load.
        keras3 = any(isinstance(n, dict) for _, nodes in pending for n in nodes)

        def node_of(name: str, ni: int) -> Any:
            layer = created[name]
            if not keras3 and isinstance(layer, LayersModel) and ni >= 1:
                ni -= 1
            return layer.inbound_nodes[ni]

        # Re-run the calls in order until every node exists (handles any topological order).
        progress = True
        todo = [(layer, list(nodes)) for layer, nodes in pending]
        while progress and any(nodes for _, nodes in todo):
            progress = False
            for layer, nodes in todo:
                while nodes:
                    node = nodes[0]
                    entries = _node_entries(node)
                    if not entries:  # an InputLayer's empty node list (older writers)
                        nodes.pop(0)
                        continue
                    try:
                        args = [node_of(name, ni).output_tensors[ti]
                                for name, ni, ti, _ in entries]
                    except (KeyError, IndexError):
                        break
                    kwargs = entries[0][3] if entries and entries[0][3] else {}
                    layer.apply(args if len(args) > 1 else args[0], **kwargs)
                    nodes.pop(0)
                    progress = True
        if any(nodes for _, nodes in todo):
            stuck = [layer.name for layer, nodes in todo if nodes]
            raise LayerError(f"Cannot build model {config.get('name')}: unresolved inbound nodes "
                             f"for layer(s) {stuck}")

        def tensors(spec: list) -> Any:
            specs = spec if spec and isinstance(spec[0], list) else [spec]
            return [node_of(n, ni).output_tensors[ti] for n, ni, ti, *_ in specs]

        inputs = tensors(config["input_layers"])
        outputs = tensors(config["output_layers"])
        return cls(inputs=inputs if len(inputs) > 1 else inputs[0],
                   outputs=outputs if len(outputs) > 1 else outputs[0], name=config.get("name"))

    def optimize_for_inference(self) -> Any:
        """A snapshot of this model for fast inference: batch norms folded into the preceding
        convolutions/dense kernels, activations fused (see ``pytfjs.inference``; needs NumPy)."""
        from ..inference.layers_fold import optimize_for_inference
        return optimize_for_inference(self)

    def dispose(self) -> None:
        self._last_output_masks = None
        for layer in self.layers:
            layer.dispose()
        TrainingMixin.dispose_training(self)

    # -------------------------------------------------------------- model files (saving.py)
    user_defined_metadata: dict | None = None

    def save(self, url: Any, include_optimizer: bool = False,
             shard_size_bytes: int | None = 4 * 1024 * 1024, quantization: Any = None,
             **options: Any) -> Any:
        """Saves the model in TF.js's layers-model format (model.json + shards) to a directory,
        ``file://``/``http(s)://`` URL or IO handler; see :mod:`pytfjs.layers.saving`."""
        from .saving import save_model
        return save_model(self, url, include_optimizer, shard_size_bytes, quantization, **options)

    def save_weights(self, url: Any, **options: Any) -> Any:
        """Saves only the weights (a model.json with just the weights manifest, plus shards)."""
        from .saving import save_weights
        return save_weights(self, url, **options)

    def load_weights(self, url: Any, strict: bool = True, **options: Any) -> None:
        """Loads weights by name from a TF.js model or weights file."""
        from .saving import load_weights
        load_weights(self, url, strict, **options)

    def to_json(self) -> str:
        """The Keras-JSON topology as TF.js's ``model.toJSON()`` writes it."""
        from .saving import to_json
        return to_json(self)

    def set_user_defined_metadata(self, metadata: dict | None) -> None:
        self.user_defined_metadata = metadata

    def get_user_defined_metadata(self) -> dict | None:
        return self.user_defined_metadata


def _saved_node_index(t: SymbolicTensor) -> int:
    """The node index TF.js and Keras 2 write for ``t``: +1 for a nested model's outputs (their
    models own an internal node 0)."""
    return t.node_index + 1 if isinstance(t.source_layer, LayersModel) else t.node_index


def _node_entries(node: Any) -> list:
    """Keras 2 (``[[name, ni, ti, kwargs], ...]``) and Keras 3 style inbound node entries."""
    if isinstance(node, dict):  # Keras 3: {"args": [...], "kwargs": {...}}
        out = []
        for arg in _flatten_history(node.get("args", [])):
            out.append([arg[0], arg[1], arg[2], {}])
        return out
    return [list(e) + [{}] * (4 - len(e)) for e in node]


def _flatten_history(args: Any) -> list:
    out = []
    if isinstance(args, dict) and "keras_history" in args.get("config", {}):
        return [args["config"]["keras_history"]]
    if isinstance(args, (list, tuple)):
        for a in args:
            out += _flatten_history(a)
    return out


def _size(shape: tuple) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def _fmt_shape(shape: Any) -> str:
    if isinstance(shape, str):
        return shape
    if isinstance(shape, list):
        return ", ".join(_fmt_shape(s) for s in shape)
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + \
        ("," if len(shape) == 1 else "") + ")"


def model(inputs: Any = None, outputs: Any = None, name: str | None = None) -> LayersModel:
    """``tf.model(inputs=..., outputs=...)``: a functional model."""
    return LayersModel(inputs=inputs, outputs=outputs, name=name)
