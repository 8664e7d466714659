"""TF.js models to ONNX, and ONNX Runtime as an execution path (``tf.onnx``).

* :func:`trace` runs a function (a LayersModel, ``model.optimize_for_inference()``, a GraphModel,
  or any function of tensors) once and records the TF kernels that computed its outputs;
* :func:`export` turns that trace into an ``onnx.ModelProto`` (opset 17; one converter per
  kernel name, :func:`supported_kernels`), written atomically when a path is given;
* :func:`compile` / :class:`OrtModel` run the exported graph in ONNX Runtime, re-tracing once per
  new input signature (shapes are fixed per trace).

Needs the optional packages onnx and onnxruntime (``pip install 'pytfjs[onnx]'``); they are
imported when first used, never by ``import pytfjs``. See docs/onnx.md.

>>> import pytfjs as tf
>>> model = tf.sequential([tf.layers.conv2d(filters=4, kernel_size=3, input_shape=[8, 8, 1],
...                                         activation="relu"),
...                        tf.layers.flatten(), tf.layers.dense(units=2)])
>>> x = tf.random_normal([1, 8, 8, 1], seed=1)
>>> fast = tf.onnx.compile(model, x)
>>> bool(abs(fast.predict(x, numpy=True) - model.predict(x).numpy()).max() < 1e-5)
True
>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "model.onnx")
>>> proto = tf.onnx.export(model, x, path)      # written atomically
>>> [n.op_type for n in proto.graph.node][:4], os.path.exists(path)
(['Transpose', 'Conv', 'Relu', 'Transpose'], True)
>>> tf.dispose([x]); model.dispose()
"""
from __future__ import annotations

from ._trace import SHAPE_ONLY, Trace, TracedKernel, TraceError, trace

__all__ = [
    "SHAPE_ONLY",
    "ExportMismatchError",
    "OrtModel",
    "Trace",
    "TraceError",
    "TracedKernel",
    "compile",
    "export",
    "supported_kernels",
    "to_onnx",
    "trace",
]


def __getattr__(name: str):
    if name in ("export", "to_onnx"):
        from . import _export
        return getattr(_export, name)
    if name in ("compile", "OrtModel", "ExportMismatchError"):
        from . import _runtime
        return getattr(_runtime, name)
    if name == "supported_kernels":
        from ._convert import supported_kernels
        return supported_kernels
    raise AttributeError(f"module 'pytfjs.onnx' has no attribute {name!r}")
