"""A :class:`Trace` -> ``onnx.ModelProto``, and ``export(model_or_fn, example_inputs, path)``."""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from typing import Any

from ..core.engine import ENGINE
from ..core.tensor import Tensor
from ._trace import Trace, trace

EXTRA_HINT = "pip install 'pytfjs[onnx]'"


def require_onnx(runtime: bool = False) -> tuple[Any, Any]:
    """``(onnx, onnxruntime or None)``, imported on first use (``import pytfjs`` never does)."""
    try:
        import numpy  # noqa: F401
        import onnx
        ort = None
        if runtime:
            import onnxruntime as ort
    except ImportError as e:
        raise ImportError(f"ONNX export and ONNX Runtime execution need the optional packages "
                          f"onnx and onnxruntime ({e.name} is missing): {EXTRA_HINT}") from None
    return onnx, ort


def _clean(name: str, used: set) -> str:
    base = re.sub(r"[^A-Za-z0-9_.:/-]", "_", str(name)) or "t"
    name, i = base, 1
    while name in used:
        i += 1
        name = f"{base}_{i}"
    used.add(name)
    return name


def resolve(model_or_fn: Any) -> tuple[Callable[..., Any], list | None, list | None]:
    """``(fn(*tensors), input_names, output_names)`` for a LayersModel, the result of
    ``optimize_for_inference()``, a GraphModel, or any callable of tensors."""
    from ..graph.model import GraphModel
    if isinstance(model_or_fn, GraphModel):
        m = model_or_fn
        ins = [i["name"].split(":")[0] for i in m.inputs]
        outs = [o["name"] for o in m.outputs]
        return (lambda *xs: m.predict(list(xs) if len(xs) != 1 else xs[0])), ins, outs
    inner = getattr(model_or_fn, "model", None)
    if inner is not None and hasattr(inner, "input_names") and hasattr(model_or_fn, "steps"):
        m = model_or_fn  # pytfjs.inference.layers_fold.InferenceModel

        def run_folded(*xs: Tensor) -> Any:
            return m.predict(list(xs) if len(xs) != 1 else xs[0], batch_size=xs[0].shape[0] or 1)
        return run_folded, list(inner.input_names), list(inner.output_names)
    if hasattr(model_or_fn, "predict_on_batch") and hasattr(model_or_fn, "input_names"):
        m = model_or_fn
        return ((lambda *xs: m.predict_on_batch(list(xs) if len(xs) != 1 else xs[0])),
                list(m.input_names), list(m.output_names))
    if callable(model_or_fn):
        return model_or_fn, None, None
    raise TypeError(f"Cannot export a {type(model_or_fn).__name__}: pass a LayersModel, a "
                    f"GraphModel, model.optimize_for_inference() or a function of tensors")


def as_input_list(example_inputs: Any) -> list:
    if isinstance(example_inputs, dict):
        raise TypeError("pass the example inputs as a tensor or a list in the model's input order")
    if isinstance(example_inputs, (list, tuple)):
        return list(example_inputs)
    return [example_inputs]


def to_tensors(values: list) -> tuple[list, list]:
    """Tensors for ``values`` (numpy arrays, nested lists) and the ones created here."""
    from ..ops.creation import tensor as tensor_from
    out, created = [], []
    for v in values:
        if isinstance(v, Tensor):
            out.append(v)
        else:
            t = tensor_from(v)
            out.append(t)
            created.append(t)
    return out, created


def trace_model(model_or_fn: Any, example_inputs: Any) -> tuple[Trace, list | None]:
    fn, in_names, out_names = resolve(model_or_fn)
    xs, created = to_tensors(as_input_list(example_inputs))
    try:
        if in_names is not None and len(in_names) != len(xs):
            raise ValueError(f"the model has {len(in_names)} inputs ({in_names}), got "
                             f"{len(xs)} example inputs")
        used: set = set()
        names = [_clean(n, used) for n in in_names] if in_names else None
        tr = trace(fn, xs, names)
    finally:
        ENGINE.dispose(created)
    return tr, out_names


def to_onnx(tr: Trace, output_names: list | None = None, name: str = "pytfjs") -> Any:
    """The ``onnx.ModelProto`` of a trace (opset 17). Raises ``NotImplementedError`` listing
    every kernel of the trace that has no converter."""
    onnx, _ = require_onnx()
    from onnx import helper, numpy_helper

    from ._convert import CONVERTERS, OPSET, Ctx, _onnx_type
    missing = sorted({k.name for k in tr.kernels if k.name not in CONVERTERS})
    if missing:
        raise NotImplementedError(
            f"No ONNX converter for kernel(s) {', '.join(missing)}. Supported kernels: "
            f"{', '.join(sorted(CONVERTERS))}")
    if tr.kernels == [] and all(o[0] in tr.constants for o in tr.outputs):
        raise ValueError("The traced outputs do not depend on the inputs (does the function "
                         "use its arguments?); nothing to export")
    constants = dict(tr.constants)
    ctx = Ctx(constants)
    for k in tr.kernels:
        CONVERTERS[k.name](ctx, k)
    used: set = {n for n, _, _ in tr.inputs}
    outputs = []
    for i, (value, shape, dtype) in enumerate(tr.outputs):
        hint = output_names[i] if output_names and i < len(output_names) else f"output_{i}"
        oname = _clean(hint, used)
        ctx.node("Identity", [value], oname)
        outputs.append(helper.make_tensor_value_info(oname, _onnx_type(dtype), list(shape)))
    inputs = [helper.make_tensor_value_info(n, _onnx_type(dt), list(shape))
              for n, shape, dt in tr.inputs]
    referenced = {i for node in ctx.nodes for i in node.input}
    inits = []
    for cname, arr in constants.items():
        if cname in referenced:
            if arr.dtype.kind in "OUS":
                raise NotImplementedError("string tensors have no ONNX export")
            inits.append(numpy_helper.from_array(arr, cname))
    graph = helper.make_graph(ctx.nodes, name, inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="pytfjs")
    model.ir_version = min(model.ir_version, 8)  # readable by onnxruntime >= 1.14
    onnx.checker.check_model(model)
    return model


def save_atomic(model: Any, path: str | os.PathLike) -> None:
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".onnx", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(model.SerializeToString())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def export(model_or_fn: Any, example_inputs: Any, path: str | os.PathLike | None = None) -> Any:
    """Traces ``model_or_fn`` on ``example_inputs`` and returns the ONNX model (opset 17);
    writes it to ``path`` atomically when given.

    ``model_or_fn``: a LayersModel, ``model.optimize_for_inference()``, a GraphModel, or a
    function of tensors returning a tensor, a list or a dict of tensors. ``example_inputs``: a
    tensor (or array) or a list in input order. Shapes are fixed to the example's.

    >>> import pytfjs as tf
    >>> from pytfjs.onnx import export
    >>> model = tf.sequential([tf.layers.dense(units=2, input_shape=[3], activation="relu")])
    >>> proto = export(model, tf.zeros([1, 3]))
    >>> [n.op_type for n in proto.graph.node]
    ['MatMul', 'Add', 'Relu', 'Identity']
    >>> model.dispose()
    """
    tr, out_names = trace_model(model_or_fn, example_inputs)
    model = to_onnx(tr, out_names)
    if path is not None:
        save_atomic(model, path)
    return model
