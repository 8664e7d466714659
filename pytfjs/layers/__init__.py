"""The Layers API (``tf.layers.*`` factories, ``tf.sequential``, ``tf.model``, ``tf.input``).

Layer modules register their classes with ``@register_layer("factory_name")``; every factory
is available here as ``tf.layers.<factory_name>(**config)``.
"""
from __future__ import annotations

from . import core  # noqa: F401  (registers layers)
from .engine import InputLayer, Layer, LayerError, LayerWeight, SymbolicTensor, input
from .functional import LayersModel, model
from .sequential import Sequential, sequential
from .serialization import FACTORIES, LAYER_CLASSES, UnknownLayerError, register_class

for _name in ("convolutional", "pooling", "recurrent", "normalization", "merge",
              "advanced_activations", "noise", "preprocessing", "wrappers"):
    try:  # layer families are added one module at a time
        __import__(f"{__name__}.{_name}")
    except ModuleNotFoundError as _e:
        if _e.name != f"{__name__}.{_name}":
            raise

globals().update(FACTORIES)
LAYER_CLASSES.setdefault("Model", LayersModel)
LAYER_CLASSES.setdefault("Sequential", Sequential)
LAYER_CLASSES.setdefault("InputLayer", InputLayer)

__all__ = ["Layer", "LayerWeight", "LayerError", "InputLayer", "SymbolicTensor", "LayersModel",
           "Sequential", "input", "model", "sequential", "register_class", "UnknownLayerError",
           *FACTORIES]
