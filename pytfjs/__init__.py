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

from . import io  # noqa: E402
from . import train  # noqa: E402
from . import layers  # noqa: E402
from .layers import (LayersModel, Sequential, SymbolicTensor, input, model,  # noqa: E402
                     sequential)
from .layers import callbacks, constraints, initializers, metrics, regularizers  # noqa: E402
from .layers import serialization  # noqa: E402
from .graph import GraphModel, deregister_op, load_graph_model, register_op  # noqa: E402
from .backends import register_default_backends as _register_default_backends

_register_default_backends()

__version__ = "0.1.0"
