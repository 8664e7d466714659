"""Shared parts of the Keras converters: optional dependencies, errors, Keras-config
normalisation (Keras 2 and Keras 3 spellings -> pytfjs layers), Lambda handling."""
from __future__ import annotations

import re
import warnings
from typing import Any

from ..io.errors import ModelFormatError
from ..layers.serialization import LAYER_CLASSES, UnknownLayerError

EXTRA_HINT = ('install the "keras" extra: pip install "pytfjs[keras]" (it adds h5py and numpy; '
              "TensorFlow is not needed)")


def require_h5py() -> tuple[Any, Any]:
    """``(h5py, numpy)``, imported on first use only: the core stays standard-library only."""
    try:
        import h5py
        import numpy
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(f"Reading and writing Keras .h5/.keras files needs h5py and numpy "
                          f"({e.name} is missing): {EXTRA_HINT}") from None
    return h5py, numpy


class KerasFileError(ModelFormatError):
    """A Keras file that cannot be read: not HDF5/zip, truncated, or missing a group or entry."""


class UnsafeLambdaError(ValueError):
    """The file holds a ``Lambda`` layer with Python bytecode and ``safe_mode`` is on."""


class UnsupportedLayersError(UnknownLayerError):
    """Layer classes in the file that pytfjs does not have (every one is named)."""

    def __init__(self, names: list[tuple[str, str]]) -> None:
        self.layers = names
        listed = ", ".join(f"{n!r} ({c})" for n, c in names)
        super().__init__(f"Unsupported Keras layer(s): {listed}. pytfjs has no such layer class; "
                         f"pass custom_objects={{'<ClassName>': YourLayer}} or register it with "
                         f"tf.serialization.register_class.")


def snake_case(name: str) -> str:
    """Keras 3's ``to_snake_case`` (names the groups of ``model.weights.h5``)."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


# Keras 3 config keys pytfjs has no parameter for, with the values that change nothing.
_HARMLESS = {
    "quantization_config": (None,), "lora_rank": (None,), "lora_alpha": (None,),
    "optional": (False,), "ragged": (False,), "synchronized": (False,), "rms_scaling": (False,),
    "use_cudnn": ("auto", True, False), "unroll": (False,),
    "seed": None,  # any value: seeds only change random draws (dropout at training time)
    "input_axes": (None,), "output_axes": (None,),
}
_ACTIVATION_ALIASES = {"silu": "swish"}
_MODEL_CLASSES = ("Functional", "Model", "Sequential", "LayersModel")
_LAYER_KEYS = ("layers", "layer", "cell", "cells", "backward_layer", "forward_layer")


def _drop_harmless(cfg: dict) -> None:
    for key, ok in _HARMLESS.items():
        if key in cfg and (ok is None or cfg[key] in ok):
            del cfg[key]


def prepare_config(spec: dict, keras3: bool, safe_mode: bool = True,
                   custom_objects: dict | None = None) -> dict:
    """Checks and rewrites a Keras model config in place-free fashion (returns a copy):
    reports every unknown layer class by name, refuses Lambda bytecode in safe mode, drops
    Keras 3 keys that change nothing, and rejects Keras 3 semantics pytfjs would get wrong."""
    unknown: list[tuple[str, str]] = []
    custom = custom_objects or {}

    def walk(obj: Any, is_layer: bool) -> Any:
        if isinstance(obj, list):
            return [walk(v, is_layer) for v in obj]
        if not isinstance(obj, dict):
            return obj
        out = dict(obj)
        cls = out.get("class_name")
        cfg = out.get("config")
        if is_layer and isinstance(cls, str) and isinstance(cfg, dict):
            lname = cfg.get("name", out.get("name", "?"))
            if cls == "Lambda":
                out["class_name"] = cls = "KerasLambda"
                check_lambda(cfg, lname, safe_mode, custom)
            elif cls not in custom and cls not in LAYER_CLASSES and cls not in _MODEL_CLASSES:
                unknown.append((lname, cls))
            if cls == "Bidirectional":
                cfg = dict(cfg)  # pytfjs derives the backward layer from the forward one
                cfg.pop("backward_layer", None)
                out["config"] = cfg
            for key in ("activation", "recurrent_activation"):
                if cfg.get(key) in _ACTIVATION_ALIASES:
                    cfg = dict(cfg)
                    cfg[key] = _ACTIVATION_ALIASES[cfg[key]]
                    out["config"] = cfg
            if keras3:
                for key in ("activation", "recurrent_activation"):
                    if cfg.get(key) == "hard_sigmoid":
                        raise ValueError(
                            f"Layer {lname!r}: Keras 3's hard_sigmoid is relu6(x + 3) / 6, TF.js's "
                            f"and Keras 2's is clip(0.2 x + 0.5, 0, 1); pytfjs only has the latter, "
                            f"so this Keras 3 model would give different results.")
        for k, v in list(out.items()):
            if k == "config" and isinstance(v, dict):
                v = dict(v)
                _drop_harmless(v)
                out[k] = {ck: walk(cv, ck in _LAYER_KEYS) for ck, cv in v.items()}
            elif isinstance(v, (dict, list)):
                out[k] = walk(v, k in _LAYER_KEYS)
        return out

    result = walk(spec, True)
    if unknown:
        raise UnsupportedLayersError(unknown)
    return result


def check_lambda(cfg: dict, name: str, safe_mode: bool, custom: dict) -> None:
    fn = cfg.get("function")
    if isinstance(fn, str) and fn in custom:
        return
    if safe_mode:
        raise UnsafeLambdaError(
            f"Layer {name!r} is a Lambda layer whose function is stored as Python bytecode. "
            f"Loading it would run code from the file, which safe_mode=True refuses. If you trust "
            f"the file, pass safe_mode=False (this only works for functions defined in Python, "
            f"saved by the same Python version, that use operations pytfjs tensors support), or "
            f"pass the function in custom_objects under its name.")


def load_python_function(spec: Any, custom: dict) -> Any:
    """The function of a Lambda config (``safe_mode=False`` only): from ``custom_objects`` by
    name, or rebuilt from Keras's marshal-ed bytecode (same Python version only)."""
    import codecs
    import marshal
    import types
    if isinstance(spec, str):
        if spec in custom:
            return custom[spec]
        raise ValueError(f"Lambda function {spec!r} is not in custom_objects")
    if isinstance(spec, dict) and spec.get("class_name") == "__lambda__":
        spec = spec["config"]
    if isinstance(spec, dict) and "code" in spec:
        code_s, defaults, closure = spec["code"], spec.get("defaults"), spec.get("closure")
    elif isinstance(spec, (list, tuple)):  # Keras 2: [code, defaults, closure]
        code_s, defaults, closure = (list(spec) + [None, None])[:3]
    else:
        raise ValueError(f"Cannot read the Lambda function {spec!r}")
    try:
        code = marshal.loads(codecs.decode(code_s.encode("ascii"), "base64"))
    except Exception as e:
        raise ValueError(f"The Lambda bytecode cannot be loaded by this Python ({e}); it only "
                         f"loads in the Python version that saved it.") from None
    cells = tuple(types.CellType(c) for c in closure) if closure else None
    return types.FunctionType(code, {"__builtins__": __builtins__}, code.co_name,
                              tuple(defaults) if defaults else None, cells)


def _register_lambda() -> None:
    from ..layers.engine import Layer

    class KerasLambda(Layer):
        """A Keras ``Lambda`` layer loaded with ``safe_mode=False``: calls the Python function
        on pytfjs tensors. Keras functions written with ``keras.ops`` will not work."""

        CLASS_NAME = "KerasLambda"

        def __init__(self, function: Any = None, output_shape: Any = None, arguments: Any = None,
                     mask: Any = None, _custom: dict | None = None, **kwargs: Any) -> None:
            for k in ("module", "function_type", "output_shape_type", "output_shape_module"):
                kwargs.pop(k, None)
            super().__init__(**kwargs)
            self.fn = function if callable(function) else load_python_function(function, _custom or {})
            self.arguments = arguments or {}
            self._out_shape = output_shape

        def call(self, inputs: Any, **kwargs: Any) -> Any:
            return self.fn(inputs, **self.arguments)

        def compute_output_shape(self, input_shape: Any) -> Any:
            if isinstance(self._out_shape, (list, tuple)) and self._out_shape:
                return (input_shape[0] if not isinstance(input_shape, list) else input_shape[0][0],
                        *self._out_shape)
            return input_shape

        @classmethod
        def from_config(cls, config: dict, custom_objects: dict | None = None) -> Any:
            return cls(**config, _custom=custom_objects)

    LAYER_CLASSES.setdefault("KerasLambda", KerasLambda)


_register_lambda()


def build_model(spec: dict, keras3: bool, safe_mode: bool, custom_objects: dict | None) -> Any:
    """The pytfjs model for a Keras model config (``{"class_name", "config"}``)."""
    from ..layers.saving import model_from_topology
    if not isinstance(spec, dict) or "class_name" not in spec:
        raise KerasFileError("The Keras model config has no 'class_name'")
    prepared = prepare_config(spec, keras3, safe_mode, custom_objects)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*unknown argument.*ignored while loading")
        return model_from_topology(prepared, custom_objects)
