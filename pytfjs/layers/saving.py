"""TF.js layers-model files for pytfjs models: ``model.save(url)`` and
``tf.load_layers_model(url)``, bit-compatible with TensorFlow.js both ways.

What is written is what ``LayersModel.save`` of tfjs-layers 4.x writes (``engine/training.ts``):

* ``model.json`` = ``{"modelTopology", "format": "layers-model", "generatedBy", "convertedBy",
  "weightsManifest"[, "trainingConfig"][, "userDefinedMetadata"][, "signature"]}``;
* ``modelTopology`` = ``{"class_name", "config", "keras_version", "backend"}`` (TF.js writes
  ``backend: "tensor_flow.js"``, the snake_case of "TensorFlow.js"; we keep that quirk so tools that
  compare the field see a TF.js file);
* weights in TF.js's order: every *trainable* weight of every layer, then every non-trainable one
  (``Container.weights``), named by the weight's scoped original name (``dense_Dense1/kernel``);
* with ``include_optimizer`` and a compiled model: ``trainingConfig`` (``loss``, ``metrics``,
  ``optimizer_config`` with TF.js's camelCase optimizer config) and the optimizer's weights
  (``iter`` then every slot) appended with ``"group": "optimizer"``.

Loading follows ``loadLayersModelFromIOHandler``: ``modelTopology.model_config`` (Keras files)
or ``modelTopology`` itself is deserialised, ``trainingConfig`` compiles the model, the weights
are matched to the layers' weights by name (also TF 2.2's ``layer/cell/weight`` names, shortened
to ``layer/weight`` as TF.js does), and the optimizer weights restore the optimizer's slots by
position (TF.js matches optimizer slots by index, not by name).

Standard library only: no numpy.
"""
from __future__ import annotations

import json
import os
import warnings
from collections.abc import Callable
from typing import Any

from .. import io as _io
from ..io.types import ModelArtifacts

FORMAT = "layers-model"
#: TF.js writes ``backend: "tensor_flow.js"`` (``toSnakeCase("TensorFlow.js")``).
BACKEND = "tensor_flow.js"
DEFAULT_SHARD_SIZE = 4 * 1024 * 1024
OPTIMIZER_GROUP = "optimizer"


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("pytfjs")
    except Exception:  # noqa: BLE001 - not installed (Pyodide, a source tree)
        return "0.1.0"


def generated_by() -> str:
    return f"pytfjs {_version()}"


# ------------------------------------------------------------------------------ topology

def model_topology(model: Any) -> dict:
    """The Keras-JSON topology TF.js writes for ``model`` (``model.toJSON(null, false)``)."""
    return {"class_name": model.class_name, "config": model.get_config(),
            "keras_version": f"pytfjs {_version()}", "backend": BACKEND}


def to_json(model: Any) -> str:
    """``model.toJSON()``: the topology as a JSON string."""
    return json.dumps(model_topology(model), separators=(",", ":"))


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i > 0 and (name[i - 1].islower() or name[i - 1].isdigit()):
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def training_config(model: Any) -> dict:
    """TF.js's ``getTrainingConfig()``: loss and metric identifiers (snake_case) and the
    optimizer's class name and config."""
    names = list(getattr(model, "_loss_names", []) or [])
    loss: Any = [_snake(n) for n in names]
    if len(loss) == 1:
        loss = loss[0]
    metrics: list[str] = []
    per_output = getattr(model, "_metric_objects", []) or []
    n_out = len(per_output)
    for objs in per_output[:1] if n_out else []:
        for full, _ in objs:
            label = full
            if n_out > 1:
                prefix = f"{model.output_names[0]}_"
                label = full[len(prefix):] if full.startswith(prefix) else full
            metrics.append(_snake(label))
    opt = model.optimizer
    return {"loss": loss, "metrics": metrics,
            "optimizer_config": {"class_name": opt.class_name, "config": opt.get_config()}}


# ------------------------------------------------------------------------------ weights

def named_weights(model: Any, trainable_only: bool = False) -> list[tuple[str, Any]]:
    """``(original name, variable)`` in TF.js's order: trainable weights, then the others."""
    trainable = list(model.trainable_weights)
    ids = set(map(id, trainable))
    rest = [] if trainable_only else [w for w in model.weights if id(w) not in ids]
    return [(w.original_name, w.read()) for w in trainable + rest]


def _encode_model_weights(model: Any, quantization: Any, include_optimizer: bool,
                          trainable_only: bool = False) -> tuple[bytes, list[dict]]:
    data, specs = _io.encode_weights(named_weights(model, trainable_only), quantization)
    if include_optimizer and getattr(model, "optimizer", None) is not None:
        opt_weights = model.optimizer.get_weights()
        try:
            odata, ospecs = _io.encode_weights([(n, t) for n, t in opt_weights],
                                               group=OPTIMIZER_GROUP)
        finally:
            opt_weights[0].tensor.dispose()  # ``iter`` is a fresh scalar; slots are live variables
        data, specs = data + odata, specs + ospecs
    return data, specs


def model_artifacts(model: Any, include_optimizer: bool = False, quantization: Any = None,
                    user_defined_metadata: dict | None = None, signature: dict | None = None,
                    trainable_only: bool = False) -> ModelArtifacts:
    """The artifacts ``model.save`` hands to an IO handler."""
    include_optimizer = include_optimizer and getattr(model, "optimizer", None) is not None
    data, specs = _encode_model_weights(model, quantization, include_optimizer, trainable_only)
    meta = user_defined_metadata
    if meta is None:
        meta = getattr(model, "user_defined_metadata", None)
    if meta is not None:
        _check_metadata(meta, model.name)
    return ModelArtifacts(
        model_topology=model_topology(model), format=FORMAT, generated_by=generated_by(),
        converted_by=None, weight_specs=specs, weight_data=data,
        training_config=training_config(model) if include_optimizer else None,
        user_defined_metadata=meta, signature=signature)


def _check_metadata(meta: Any, model_name: str) -> None:
    if not isinstance(meta, dict):
        raise TypeError(f"User-defined metadata of model {model_name!r} must be a dict, got "
                        f"{type(meta).__name__}")
    try:
        text = json.dumps(meta, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise ValueError(f"User-defined metadata of model {model_name!r} is not JSON: {e}") from None
    if len(text) > 1024 * 1024:  # TF.js warns above 1 MB
        warnings.warn(f"User-defined metadata of model {model_name!r} is {len(text)} bytes "
                      f"(more than 1 MB) when serialised.", stacklevel=3)


def _save_target(url: Any, shard_size_bytes: int | None, request_init: dict | None) -> Any:
    if isinstance(url, os.PathLike):
        url = os.fspath(url)
    if hasattr(url, "save"):
        return url
    if isinstance(url, str) and _io.file_handler.is_file_url(url):
        return _io.FileSystemHandler(url, shard_size=shard_size_bytes)
    return _io.save_handler(url, _io.LoadOptions(request_init=request_init))


def save_model(model: Any, url: Any, include_optimizer: bool = False,
               shard_size_bytes: int | None = DEFAULT_SHARD_SIZE, quantization: Any = None,
               user_defined_metadata: dict | None = None, signature: dict | None = None,
               trainable_only: bool = False, request_init: dict | None = None) -> Any:
    """``model.save(url)``; returns the handler's :class:`~pytfjs.io.SaveResult`."""
    artifacts = model_artifacts(model, include_optimizer, quantization, user_defined_metadata,
                                signature, trainable_only)
    return _save_target(url, shard_size_bytes, request_init).save(artifacts)


def save_weights(model: Any, url: Any, shard_size_bytes: int | None = DEFAULT_SHARD_SIZE,
                 quantization: Any = None, request_init: dict | None = None) -> Any:
    """Weights only: a model.json with just ``format`` and ``weightsManifest``, plus shards."""
    data, specs = _encode_model_weights(model, quantization, False)
    artifacts = ModelArtifacts(format=FORMAT, generated_by=generated_by(), weight_specs=specs,
                               weight_data=data)
    return _save_target(url, shard_size_bytes, request_init).save(artifacts)


# ------------------------------------------------------------------------------ loading

def _normalize_topology(obj: Any) -> Any:
    """Rewrites Keras 2.x / 3.x spellings into what pytfjs's layers take: DTypePolicy dicts to
    their dtype name, InputLayer ``batch_shape`` to ``batch_input_shape``; drops Keras 3's
    ``module`` / ``registered_name`` / ``build_config`` / ``shared_object_id`` bookkeeping."""
    if isinstance(obj, list):
        return [_normalize_topology(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    if obj.get("class_name") in ("DTypePolicy", "Policy", "FloatDTypePolicy") and \
            isinstance(obj.get("config"), dict) and "name" in obj["config"]:
        name = obj["config"]["name"]
        return name.split("_")[-1] if name.startswith("mixed_") else name
    out = {k: _normalize_topology(v) for k, v in obj.items()
           if k not in ("module", "registered_name", "build_config", "shared_object_id",
                        "compile_config")
           # Keras >= 3.10 initializer configs carry these, null by default
           and not (k in ("input_axes", "output_axes") and v is None)}
    if out.get("class_name") == "InputLayer" and isinstance(out.get("config"), dict):
        cfg = out["config"]
        if "batch_shape" in cfg and "batch_input_shape" not in cfg:
            cfg["batch_input_shape"] = cfg.pop("batch_shape")
        cfg.pop("ragged", None)
    return out


def model_from_topology(topology: dict, custom_objects: dict | None = None) -> Any:
    """Builds a model from a ``modelTopology`` (TF.js or Keras, with or without
    ``model_config``)."""
    from .serialization import deserialize_layer
    if not isinstance(topology, dict):
        raise _io.ModelFormatError(f"modelTopology must be an object, got {type(topology).__name__}")
    if topology.get("model_config") is not None:
        topology = topology["model_config"]
    if "class_name" not in topology:
        raise _io.ModelFormatError("modelTopology has no 'class_name' (is this a graph model? use "
                                   "tf.load_graph_model)")
    return deserialize_layer(_normalize_topology(topology), custom_objects)


def _model_weight_map(model: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for w in model.weights:
        if w.original_name in out:
            raise ValueError(f"Duplicate weight name: {w.original_name}")
        out[w.original_name] = w
    return out


def _resolve_name(name: str, targets: dict[str, Any]) -> str | None:
    if name in targets:
        return name
    tokens = name.split("/")
    if len(tokens) >= 3:  # TF 2.2+: layer/cell/weight -> layer/weight
        short = "/".join(tokens[:-2] + tokens[-1:])
        if short in targets:
            return short
    if name.endswith(":0") and name[:-2] in targets:  # old Keras h5 conversions
        return name[:-2]
    return None


def assign_weights(model: Any, weights: dict[str, Any], strict: bool = True) -> None:
    """Sets the model's weights from ``{name: Tensor}`` (TF.js ``Container.loadWeights``):
    strict requires every weight present and none extra; otherwise both are skipped with a
    warning. Shapes must match in both modes. Nothing is written before every check passed."""
    targets = _model_weight_map(model)
    total = len(targets)
    pairs: list[tuple[Any, Any]] = []
    extra: list[str] = []
    for name, tensor in weights.items():
        key = _resolve_name(name, targets)
        if key is None:
            extra.append(name)
            continue
        w = targets.pop(key)
        if tuple(tensor.shape) != tuple(w.shape):
            raise ValueError(f"Shape mismatch for weight '{name}': the model has "
                             f"{list(w.shape)}, the file {list(tensor.shape)}")
        pairs.append((w, tensor))
    if strict and extra:
        raise ValueError(f"Provided weight data has no target variable: {extra[0]}"
                         + (f" (and {len(extra) - 1} more)" if len(extra) > 1 else ""))
    if strict and targets:
        raise ValueError(f"{len(targets)} of {total} weights are not set: {', '.join(targets)}")
    if extra:
        warnings.warn(f"Ignoring {len(extra)} weight(s) with no target in the model: "
                      f"{', '.join(extra[:5])}{' ...' if len(extra) > 5 else ''}", stacklevel=3)
    if targets:
        warnings.warn(f"{len(targets)} of {total} weights were not in the file and keep their "
                      f"initial values: {', '.join(list(targets)[:5])}"
                      f"{' ...' if len(targets) > 5 else ''}", stacklevel=3)
    for w, t in pairs:
        w.write(t)


def _split_weights(artifacts: ModelArtifacts) -> tuple[dict, list]:
    specs = artifacts.weight_specs or []
    decoded = _io.decode_weights(artifacts.weight_data or b"", specs)
    model_w: dict = {}
    opt_w: list = []
    for spec in specs:
        t = decoded[spec["name"]]
        if spec.get("group") == OPTIMIZER_GROUP:
            opt_w.append((spec["name"], t))
        else:
            model_w[spec["name"]] = t
    return model_w, opt_w


def _restore_optimizer(model: Any, opt_weights: list) -> None:
    """TF.js restores slots by position: entry i of each slot belongs to the i-th trainable
    variable. Rename them to this model's variables so pytfjs's name-keyed optimizer follows."""
    from ..train.optimizers import NamedTensor
    opt = model.optimizer
    slots = getattr(opt, "_slots", ())
    entries = [NamedTensor(n, t) for n, t in opt_weights]
    rest = entries[1:]
    trainable = model.trainable_weights
    if slots and rest and len(rest) == len(slots) * len(trainable):
        k = len(trainable)
        renamed = [entries[0]]
        for si, suffix in enumerate(slots):
            for i, w in enumerate(trainable):
                renamed.append(NamedTensor(f"{w.variable.name}/{suffix}", rest[si * k + i].tensor))
        entries = renamed
    opt.set_weights(entries)


def _compile_from_training_config(model: Any, config: dict) -> None:
    from ..train import optimizer_from_config
    for key in ("weighted_metrics", "loss_weights", "sample_weight_mode"):
        if config.get(key) is not None:
            raise ValueError(f"Loading {key} is not supported yet.")
    opt_cfg = dict(config.get("optimizer_config") or {})
    inner = opt_cfg.get("config") or {}
    # Keras writes snake_case optimizer configs; TF.js's optimizers take camelCase.
    opt_cfg["config"] = {(_camel(k) if "_" in k and k not in ("clipnorm", "clipvalue",
                                                               "global_clipnorm") else k): v
                         for k, v in inner.items()}
    optimizer = optimizer_from_config(opt_cfg)
    loss = config.get("loss")
    metrics = config.get("metrics")
    if isinstance(metrics, list) and not metrics:
        metrics = None
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics)


def model_from_artifacts(artifacts: ModelArtifacts, strict: bool = True,
                         custom_objects: dict | None = None) -> Any:
    """TF.js's ``loadLayersModelFromIOHandler`` after ``handler.load()``."""
    if artifacts.model_topology is None:
        raise _io.ModelFormatError("The model artifacts have no modelTopology (a weights-only file? "
                                   "use model.load_weights)")
    if artifacts.format not in (None, FORMAT):
        raise _io.ModelFormatError(f"Expected a '{FORMAT}' model, got format "
                                   f"{artifacts.format!r} (use tf.load_graph_model)")
    model = model_from_topology(artifacts.model_topology, custom_objects)
    try:
        if artifacts.training_config is not None:
            try:
                _compile_from_training_config(model, artifacts.training_config)
            except (ValueError, KeyError, TypeError) as e:
                warnings.warn(f"The model's trainingConfig was not restored ({e}); the model is "
                              f"loaded uncompiled.", stacklevel=3)
        if artifacts.user_defined_metadata is not None:
            model.user_defined_metadata = artifacts.user_defined_metadata
        if artifacts.weight_data is not None:
            if artifacts.weight_specs is None:
                raise _io.ModelFormatError("LayersModel artifacts contain weight data, but not "
                                           "weight specs; the weights cannot be loaded.")
            model_w, opt_w = _split_weights(artifacts)
            try:
                assign_weights(model, model_w, strict)
                if getattr(model, "optimizer", None) is not None and opt_w:
                    _restore_optimizer(model, opt_w)
            finally:
                for t in list(model_w.values()) + [t for _, t in opt_w]:
                    t.dispose()
    except BaseException:
        model.dispose()
        raise
    return model


def load_layers_model(url: Any, strict: bool = True,
                      on_progress: Callable[[float], Any] | None = None,
                      request_init: dict | None = None,
                      weight_url_converter: Callable[[str], str] | None = None,
                      custom_objects: dict | None = None, **io_options: Any) -> Any:
    """``tf.load_layers_model(url)``: a model saved by TF.js (``model.save``), the TF.js
    converter (Keras 2/3 topologies) or pytfjs, from a directory, a model.json path,
    ``file://``, ``http(s)://`` or an IO handler.

    ``strict=False`` skips missing and extra weights with a warning instead of failing.
    ``on_progress``, ``request_init``, ``weight_url_converter`` and other ``io_options``
    (``fetch_func``, ``max_weight_bytes``, ...) go to :func:`pytfjs.io.load_artifacts`.

    >>> import pytfjs as tf, tempfile, os
    >>> m = tf.sequential([tf.layers.dense(units=2, input_shape=[3], name="d")])
    >>> d = os.path.join(tempfile.mkdtemp(), "m")
    >>> _ = m.save(d)
    >>> m2 = tf.layers.saving.load_layers_model(d)
    >>> [w.name for w in m2.weights]
    ['d/kernel', 'd/bias']
    >>> m.dispose(); m2.dispose()
    """
    artifacts = _io.load_artifacts(url, on_progress=on_progress, request_init=request_init,
                                   weight_url_converter=weight_url_converter, strict=strict,
                                   **io_options)
    return model_from_artifacts(artifacts, strict, custom_objects)


def load_weights(model: Any, url: Any, strict: bool = True, **io_options: Any) -> None:
    """Loads weights (of a weights-only file or a full model file) into ``model`` by name."""
    artifacts = _io.load_artifacts(url, strict=strict, **io_options)
    model_w, opt_w = _split_weights(artifacts)
    try:
        assign_weights(model, model_w, strict)
    finally:
        for t in list(model_w.values()) + [t for _, t in opt_w]:
            t.dispose()
