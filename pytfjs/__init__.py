"""pytfjs: TensorFlow.js's design in Python.

>>> import pytfjs as tf
>>> a = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
>>> (a + 1).to_list()
[[2.0, 3.0], [4.0, 5.0]]
>>> a.dispose()
"""
from __future__ import annotations

from .core.api import (backend, dispose, dispose_variables, engine, find_backend, get_backend,
                       keep, memory, profile, ready, register_backend, remove_backend,
                       set_backend, tidy, time)
from .core.convert import TensorLikeError
from .core.dtypes import DTypeError
from .core.engine import BackendError, KernelNotFoundError
from .core.flags import env
from .core.gradients import (custom_grad, grad, grads, value_and_grad, value_and_grads,
                             variable_grads)
from .core.kernel_registry import get_kernel, get_kernels_for_backend, register_kernel
from .core.shapes import ShapeError
from .core.tensor import DisposedTensorError, Tensor, Variable

from .ops.arithmetic import *  # noqa: E402,F401,F403
from .ops.basic_math import *  # noqa: E402,F401,F403
from .ops.convolution import *  # noqa: E402,F401,F403
from .ops.creation import *  # noqa: E402,F401,F403
from .ops.evaluation import *  # noqa: E402,F401,F403
from .ops.image import *  # noqa: E402,F401,F403
from .ops.linalg import *  # noqa: E402,F401,F403
from .ops.logical import *  # noqa: E402,F401,F403
from .ops.losses import *  # noqa: E402,F401,F403
from .ops.matrices import *  # noqa: E402,F401,F403
from .ops.misc import *  # noqa: E402,F401,F403
from .ops.normalization import *  # noqa: E402,F401,F403
from .ops.pooling import *  # noqa: E402,F401,F403
from .ops.random import *  # noqa: E402,F401,F403
from .ops.ragged import *  # noqa: E402,F401,F403
from .ops.reduction import *  # noqa: E402,F401,F403
from .ops.slice_join import *  # noqa: E402,F401,F403
from .ops.sparse import *  # noqa: E402,F401,F403
from .ops.spectral import *  # noqa: E402,F401,F403
from .ops.string import *  # noqa: E402,F401,F403
from .ops.transformation import *  # noqa: E402,F401,F403
from .ops import build_namespaces as _build_namespaces  # noqa: E402

_NS = _build_namespaces()
image = _NS["image"]
linalg = _NS["linalg"]
losses = _NS["losses"]
signal = _NS["signal"]
spectral = _NS["spectral"]
sparse = _NS["sparse"]
string = _NS["string"]
fused = _NS["fused"]
math = _NS["math"]
del _NS

# The Layers API, training, io and graph models load on first use (PEP 562), so that
# ``import pytfjs`` stays fast: ``tf.layers``, ``tf.sequential``, ``tf.load_graph_model``, ...
_LAZY: dict[str, tuple[str, str | None]] = {
    "io": ("pytfjs.io", None), "train": ("pytfjs.train", None),
    "layers": ("pytfjs.layers", None), "graph": ("pytfjs.graph", None),
    "LayersModel": ("pytfjs.layers", "LayersModel"), "Sequential": ("pytfjs.layers", "Sequential"),
    "SymbolicTensor": ("pytfjs.layers", "SymbolicTensor"), "input": ("pytfjs.layers", "input"),
    "model": ("pytfjs.layers", "model"), "sequential": ("pytfjs.layers", "sequential"),
    "callbacks": ("pytfjs.layers.callbacks", None), "constraints": ("pytfjs.layers.constraints", None),
    "initializers": ("pytfjs.layers.initializers", None), "metrics": ("pytfjs.layers.metrics", None),
    "regularizers": ("pytfjs.layers.regularizers", None),
    "serialization": ("pytfjs.layers.serialization", None),
    "GraphModel": ("pytfjs.graph", "GraphModel"), "load_graph_model": ("pytfjs.graph", "load_graph_model"),
    "register_op": ("pytfjs.graph", "register_op"), "deregister_op": ("pytfjs.graph", "deregister_op"),
    "load_layers_model": ("pytfjs.layers.saving", "load_layers_model"),
    "converters": ("pytfjs.converters", None),
    "onnx": ("pytfjs.onnx", None),
}


def __getattr__(name: str):  # noqa: ANN202 - PEP 562 module attribute hook
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'pytfjs' has no attribute {name!r}") from None
    import importlib
    value = importlib.import_module(module_name)
    if attr is not None:
        value = getattr(value, attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


from .backends import register_default_backends as _register_default_backends

_register_default_backends()

__version__ = "0.1.0"
