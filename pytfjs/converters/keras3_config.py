"""pytfjs model -> a Keras 3 ``config.json`` (``module``/``registered_name``, ``batch_shape``,
``inbound_nodes`` as ``args`` of ``__keras_tensor__`` with ``keras_history``)."""
from __future__ import annotations

from typing import Any


def keras_class_name(layer: Any) -> str:
    from .weights import _keras_class
    return _keras_class(layer)


def _k3(obj: Any, key: str = "") -> Any:
    """Adds Keras 3's ``module`` to nested ``{"class_name", "config"}`` objects."""
    if isinstance(obj, list):
        return [_k3(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    out = {k: _k3(v, k) for k, v in obj.items()}
    if "class_name" in out and "config" in out and "module" not in out:
        mod = {"kernel_initializer": "keras.initializers", "bias_initializer": "keras.initializers"}
        m = "keras.initializers" if key.endswith("_initializer") else \
            "keras.regularizers" if key.endswith("_regularizer") else \
            "keras.constraints" if key.endswith("_constraint") else mod.get(key, "keras.layers")
        out = {"module": m, **out, "registered_name": None}
    return out


def _layer_spec(layer: Any) -> dict:
    from ..layers.engine import InputLayer
    if isinstance(layer, InputLayer):
        return {"module": "keras.layers", "class_name": "InputLayer",
                "config": {"batch_shape": list(layer.batch_input_shape), "dtype": layer.dtype,
                           "sparse": False, "name": layer.name}, "registered_name": None}
    from ..layers.functional import LayersModel
    if isinstance(layer, LayersModel):
        return to_keras3_config(layer)
    cfg = _k3(layer.get_config())
    cfg.pop("batch_input_shape", None)
    class_name = keras_class_name(layer)
    for key in _KERAS3_REJECTS.get(class_name, ()):
        cfg.pop(key, None)
    if class_name == "RNN" and isinstance(cfg.get("cell"), dict):
        # TF.js copies the cell's settings into the RNN's own config; Keras keeps them in `cell`.
        keep = {"name", "trainable", "dtype", "cell", "return_sequences", "return_state",
                "go_backwards", "stateful", "unroll", "zero_output_for_mask"}
        cfg = {k: v for k, v in cfg.items() if k in keep}
    return {"module": "keras.layers", "class_name": class_name, "config": cfg,
            "registered_name": None}


#: Keys TF.js writes that Keras 3's constructors reject.
_KERAS3_REJECTS: dict[str, tuple[str, ...]] = {
    "ConvLSTM2D": ("implementation",),
    "SpatialDropout1D": ("noise_shape", "trainable"),  # Keras 3's __init__ takes neither
    "SpatialDropout2D": ("noise_shape", "trainable"),
}


def _tensor(t: Any) -> dict:
    return {"class_name": "__keras_tensor__",
            "config": {"shape": list(t.shape), "dtype": t.dtype,
                       "keras_history": [t.source_layer.name, t.node_index, t.tensor_index]}}


def to_keras3_config(model: Any) -> dict:
    from ..layers.engine import InputLayer
    from ..layers.sequential import Sequential
    if isinstance(model, Sequential):
        layers = []
        if model._input_layer is not None:
            layers.append(_layer_spec(model._input_layer))
        layers += [_layer_spec(layer) for layer in model._stack]
        return {"module": "keras", "class_name": "Sequential",
                "config": {"name": model.name, "trainable": model.trainable, "layers": layers},
                "registered_name": None}
    layers = []
    for layer in model.layers:
        spec = _layer_spec(layer)
        spec["name"] = layer.name
        nodes = []
        for node in layer.inbound_nodes:
            if node not in model._nodes or not node.input_tensors:
                continue
            args = [_tensor(t) for t in node.input_tensors]
            nodes.append({"args": [args] if node.inputs_were_list else args, "kwargs": {}})
        spec["inbound_nodes"] = nodes
        layers.append(spec)
    for t in model.inputs:  # pytfjs leaves InputLayers out of .layers in some graphs
        if not any(s["name"] == t.source_layer.name for s in layers):
            spec = _layer_spec(t.source_layer)
            spec["name"] = t.source_layer.name
            spec["inbound_nodes"] = []
            layers.insert(0, spec)

    def refs(ts: list, was_list: bool) -> Any:
        r = [[t.source_layer.name, t.node_index, t.tensor_index] for t in ts]
        return r if was_list or len(r) > 1 else r[0]
    assert all(isinstance(t.source_layer, InputLayer) for t in model.inputs)
    return {"module": "keras.src.models.functional", "class_name": "Functional",
            "config": {"name": model.name, "trainable": model.trainable, "layers": layers,
                       "input_layers": refs(model.inputs, model._inputs_were_list),
                       "output_layers": refs(model.outputs, model._outputs_were_list)},
            "registered_name": None}
