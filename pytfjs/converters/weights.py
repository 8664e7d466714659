"""Where each pytfjs weight lives in a Keras file, for both layouts:

* Keras 3 (``model.weights.h5`` in a ``.keras`` archive, and ``.weights.h5``): the groups follow
  the Python object tree, named by the snake-cased *class* name with a counter
  (``layers/dense_1/vars/0``; ``layers/lstm/cell/vars/0``; ``layers/bidirectional/
  forward_layer/cell/vars/0``; ``layers/time_distributed/layer/vars/0``;
  ``layers/functional/layers/dense/vars/0``).
* Keras 2 / legacy HDF5 (``.h5``): ``model_weights`` (or the file root for weights-only files)
  has ``layer_names``; each layer group lists its weights in ``weight_names``, in order.

Per layer, Keras's weight order equals pytfjs's (kernel, recurrent_kernel, bias; gamma, beta,
moving_mean, moving_variance; forward then backward; LSTM/GRU gates i,f,c,o / z,r,h in both).
"""
from __future__ import annotations

from typing import Any

from ._common import KerasFileError, snake_case

_RNN = ("LSTM", "GRU", "SimpleRNN", "ConvLSTM2D", "ConvLSTM1D", "ConvLSTM3D")
_MODELS = ("Functional", "Model", "Sequential", "LayersModel")


def _keras_class(layer: Any) -> str:
    from ..layers.sequential import Sequential
    from ..layers.functional import LayersModel
    if isinstance(layer, Sequential):
        return "Sequential"
    if isinstance(layer, LayersModel):
        return "Functional"
    name = layer.class_name
    return "Lambda" if name == "KerasLambda" else name


def _model_layers(model: Any, spec: dict | None) -> list[tuple[Any, dict | None, str]]:
    """``(pytfjs layer, its Keras spec or None, Keras class name)`` in Keras's ``model.layers``
    order: the config's order when there is a config, else pytfjs's."""
    from ..layers.engine import InputLayer
    from ..layers.sequential import Sequential
    seq = isinstance(model, Sequential)
    out = []
    if spec is not None and isinstance(spec.get("config"), dict) and "layers" in spec["config"]:
        by_name = {layer.name: layer for layer in model.layers}
        for sub in spec["config"]["layers"]:
            if sub.get("class_name") == "InputLayer":
                if not seq:
                    out.append((None, sub, "InputLayer"))
                continue
            name = sub.get("config", {}).get("name", sub.get("name"))
            out.append((by_name[name], sub, sub["class_name"]))
        return out
    layers = list(model.layers)
    if not seq:
        layers = [t.source_layer for t in model.inputs if t.source_layer not in layers] + layers
    for layer in layers:
        if isinstance(layer, InputLayer):
            if not seq:
                out.append((None, None, "InputLayer"))
            continue
        out.append((layer, None, _keras_class(layer)))
    return out


def keras3_weight_paths(model: Any, spec: dict | None = None,
                        prefix: str = "layers") -> list[tuple[str, list]]:
    """``[(group path, [LayerWeight, ...]), ...]``: each group's ``vars/0..n-1`` in order."""
    out: list[tuple[str, list]] = []
    used: dict[str, int] = {}
    for layer, sub, cls in _model_layers(model, spec):
        base = snake_case(cls)
        if base in used:
            used[base] += 1
            base = f"{base}_{used[base]}"
        else:
            used[base] = 0
        if layer is not None:
            out += _layer_paths(layer, sub, cls, f"{prefix}/{base}")
    return out


def _layer_paths(layer: Any, spec: dict | None, cls: str, path: str) -> list[tuple[str, list]]:
    inner = (spec or {}).get("config", {})
    if cls in _MODELS:
        return keras3_weight_paths(layer, spec, f"{path}/layers")
    if cls == "Bidirectional":
        sub = inner.get("layer")
        return (_layer_paths(layer.forward_layer, sub, layer.forward_layer.class_name, f"{path}/forward_layer")
                + _layer_paths(layer.backward_layer, sub, layer.backward_layer.class_name,
                               f"{path}/backward_layer"))
    if cls == "TimeDistributed":
        return _layer_paths(layer.layer, inner.get("layer"), _keras_class(layer.layer), f"{path}/layer")
    if cls in _RNN:
        return [(f"{path}/cell/vars", list(layer.weights))]
    if cls == "RNN":
        cells = getattr(layer.cell, "cells", None)
        if cells is None:
            return [(f"{path}/cell/vars", list(layer.weights))]
        # A list of cells (StackedRNNCells): Keras 3 keeps each under cell/cells/<snake>[_n].
        out, used = [], {}
        for cell in cells:
            base = snake_case(_keras_class(cell))
            used[base] = used.get(base, -1) + 1
            name = base if used[base] == 0 else f"{base}_{used[base]}"
            if cell.weights:
                out.append((f"{path}/cell/cells/{name}/vars", list(cell.weights)))
        return out
    return [(f"{path}/vars", list(layer.weights))] if layer.weights else []


def read_keras3_weights(h5: Any, model: Any, spec: dict | None, source: str) -> list:
    """``[(LayerWeight, ndarray)]`` read from a Keras 3 weights file, every count checked."""
    pairs = []
    for path, ws in keras3_weight_paths(model, spec):
        if path not in h5:
            raise KerasFileError(f"{source}: the weights file has no group '{path}' (needed for "
                                 f"{', '.join(w.name for w in ws)})")
        group = h5[path]
        if len(group) != len(ws):
            raise KerasFileError(f"{source}: group '{path}' holds {len(group)} weights, the "
                                 f"model's layer has {len(ws)}")
        for i, w in enumerate(ws):
            pairs.append((w, group[str(i)][()]))
    return pairs


def keras_layer_weights(model: Any) -> list[tuple[Any, list]]:
    """``[(layer, [LayerWeight...])]`` in Keras's ``model.layers`` order, for legacy HDF5."""
    return [(layer, list(layer.weights)) for layer, _, _ in _model_layers(model, None)
            if layer is not None]


def read_legacy_weights(group: Any, model: Any, source: str) -> list:
    """Legacy HDF5: layers matched by name (Keras's by-name order check falls back to
    position when the names differ, as ``load_weights(by_name=False)`` does)."""
    from ._common import require_h5py
    _, np = require_h5py()
    if "layer_names" not in group.attrs:
        raise KerasFileError(f"{source}: no 'layer_names' attribute in the weights group")
    names = [_s(n) for n in group.attrs["layer_names"]]
    saved = []
    for n in names:
        if n not in group:
            raise KerasFileError(f"{source}: layer group '{n}' listed in layer_names is missing")
        wn = [_s(x) for x in group[n].attrs.get("weight_names", [])]
        if wn:
            saved.append((n, wn))
    targets = [(layer, ws) for layer, ws in keras_layer_weights(model) if ws]
    if len(saved) != len(targets):
        raise KerasFileError(f"{source}: the file has weights for {len(saved)} layer(s), the model "
                             f"has {len(targets)} layer(s) with weights")
    by_name = dict(saved)
    pairs = []
    for i, (layer, ws) in enumerate(targets):
        n, wn = (layer.name, by_name[layer.name]) if layer.name in by_name else saved[i]
        if len(wn) != len(ws):
            raise KerasFileError(f"{source}: layer '{n}' has {len(wn)} weights in the file, "
                                 f"{len(ws)} in the model")
        for w, name in zip(ws, wn):
            if name not in group[n]:
                raise KerasFileError(f"{source}: weight '{name}' of layer '{n}' is missing")
            pairs.append((w, np.asarray(group[n][name][()])))
    return pairs


def assign(pairs: list, source: str) -> None:
    """Writes every value after checking every shape (nothing is written on a mismatch)."""
    for w, v in pairs:
        if tuple(v.shape) != tuple(w.shape):
            raise KerasFileError(f"{source}: weight '{w.name}' has shape {list(v.shape)} in the "
                                 f"file, {list(w.shape)} in the model")
    import pytfjs as tf
    for w, v in pairs:
        t = tf.tensor(v.astype("float32") if v.dtype.kind == "f" else v, list(v.shape), w.dtype)
        try:
            w.write(t)
        finally:
            t.dispose()


def _s(x: Any) -> str:
    return x.decode("utf8") if isinstance(x, bytes) else str(x)
