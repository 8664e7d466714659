"""``OrtModel`` / ``compile``: a pytfjs model run by ONNX Runtime."""
from __future__ import annotations

import os
from typing import Any

from ..core.tensor import Tensor
from ._export import as_input_list, require_onnx, resolve, to_onnx, trace_model

# TF.js dtype of a numpy array, as ``tf.tensor`` makes it (float64 -> float32, int64 -> int32)
_NP_TO_TF = {"float32": "float32", "float64": "float32", "float16": "float16",
             "int32": "int32", "int64": "int32", "int16": "int32", "int8": "int32",
             "uint8": "int32", "uint16": "int32", "bool": "bool"}


class ExportMismatchError(AssertionError):
    """ONNX Runtime's outputs on the example inputs differ from pytfjs's (the check in
    :func:`compile`)."""


def _threads() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


class _Compiled:
    __slots__ = (
        "input_dtypes",
        "input_names",
        "max_abs_diff",
        "output_names",
        "proto",
        "session",
        "structure",
    )


class OrtModel:
    """A model (or function of tensors) traced once per input signature and run in an
    ``onnxruntime.InferenceSession`` (graph optimisation level ALL, one intra-op thread per
    core). Shapes are fixed per trace: a call with new input shapes or dtypes traces and
    compiles again (each signature's session is cached).

    ``predict(x)`` / ``model(x)``: ``x`` a tensor or array, or a list in input order; returns
    pytfjs tensors (numpy arrays with ``numpy=True``) in the structure the model returns.

    >>> import pytfjs as tf
    >>> model = tf.sequential([tf.layers.dense(units=3, input_shape=[4], activation="softmax")])
    >>> fast = tf.onnx.compile(model, tf.ones([2, 4]))
    >>> y = fast.predict(tf.ones([2, 4]))
    >>> y.shape, round(float(tf.sum(y).numpy()), 4)
    ((2, 3), 2.0)
    >>> fast.predict(tf.ones([5, 4]), numpy=True).shape   # a new batch size: traced again
    (5, 3)
    >>> len(fast.signatures)
    2
    >>> y.dispose(); model.dispose()
    """

    def __init__(self, model_or_fn: Any, example_inputs: Any = None, *,
                 intra_op_threads: int | None = None, providers: list | None = None,
                 numpy: bool = False, check: bool = True, tolerance: float = 1e-3) -> None:
        require_onnx(runtime=True)
        resolve(model_or_fn)  # type check now, not at the first call
        self.model = model_or_fn
        self.numpy = numpy
        self.check = check
        self.tolerance = tolerance
        self.intra_op_threads = intra_op_threads or _threads()
        self.providers = providers or ["CPUExecutionProvider"]
        self._compiled: dict[tuple, _Compiled] = {}
        if example_inputs is not None:
            self._compile(as_input_list(example_inputs))

    @property
    def signatures(self) -> list[tuple]:
        """The ``((shape, dtype), ...)`` input signatures compiled so far."""
        return list(self._compiled)

    def onnx_model(self, example_inputs: Any = None) -> Any:
        """The ONNX model of a compiled signature (the only one, or the example's)."""
        if example_inputs is None:
            if len(self._compiled) != 1:
                raise ValueError(f"{len(self._compiled)} signatures are compiled: pass example "
                                 f"inputs to pick one")
            return next(iter(self._compiled.values())).proto
        return self._get(as_input_list(example_inputs)).proto

    # ------------------------------------------------------------------ compiling
    @staticmethod
    def _key(xs: list) -> tuple:
        key = []
        for x in xs:
            if isinstance(x, Tensor):
                key.append((tuple(x.shape), x.dtype))
            else:
                import numpy as np
                a = np.asarray(x)
                dt = _NP_TO_TF.get(a.dtype.name)
                if dt is None:
                    raise TypeError(f"input dtype {a.dtype} is not supported")
                key.append((tuple(a.shape), dt))
        return tuple(key)

    def _compile(self, xs: list) -> _Compiled:
        import numpy as np
        _, ort = require_onnx(runtime=True)
        tr, out_names = trace_model(self.model, xs)
        proto = to_onnx(tr, out_names)
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.intra_op_num_threads = self.intra_op_threads
        sess = ort.InferenceSession(proto.SerializeToString(), opts, providers=self.providers)
        c = _Compiled()
        c.session, c.proto = sess, proto
        c.input_names = [n for n, _, _ in tr.inputs]
        c.input_dtypes = [np.dtype("bool" if d == "bool" else d) for _, _, d in tr.inputs]
        c.output_names = [o.name for o in proto.graph.output]
        c.structure = tr.output_structure
        c.max_abs_diff = None
        if self.check:
            feeds = {n: _host(x, dt) for n, x, dt in zip(c.input_names, xs, c.input_dtypes)}
            got = sess.run(c.output_names, feeds)
            worst = 0.0
            for i, (g, ref) in enumerate(zip(got, tr.reference)):
                if g.shape != ref.shape:
                    raise ExportMismatchError(f"output {i}: ONNX Runtime shape {g.shape}, "
                                              f"pytfjs {ref.shape}")
                if ref.size:
                    d = np.abs(g.astype(np.float64) - ref.astype(np.float64))
                    both_nan = np.isnan(d) & np.isnan(ref.astype(np.float64))
                    d = np.where(both_nan, 0.0, d)
                    scale = 1.0 + float(np.nanmax(np.abs(ref.astype(np.float64)), initial=0.0))
                    err = float(np.max(d))
                    if not err <= self.tolerance * scale:
                        raise ExportMismatchError(
                            f"output {i}: ONNX Runtime differs from pytfjs by {err:.3g} (limit "
                            f"{self.tolerance * scale:.3g}); please report this as a bug")
                    worst = max(worst, err)
            c.max_abs_diff = worst
        self._compiled[self._key(xs)] = c
        return c

    def _get(self, xs: list) -> _Compiled:
        c = self._compiled.get(self._key(xs))
        return c if c is not None else self._compile(xs)

    # ------------------------------------------------------------------ running
    def predict(self, x: Any, numpy: bool | None = None) -> Any:
        """Runs the model on ``x`` (tensor/array or a list in input order)."""
        xs = as_input_list(x)
        c = self._get(xs)
        feeds = {n: _host(v, dt) for n, v, dt in zip(c.input_names, xs, c.input_dtypes)}
        outs = c.session.run(c.output_names, feeds)
        if not (self.numpy if numpy is None else numpy):
            from ..ops.creation import tensor
            outs = [tensor(o) for o in outs]
        if c.structure == "tensor":
            return outs[0]
        if c.structure == "list":
            return outs
        return dict(zip(c.structure[1], outs))

    __call__ = predict

    def __repr__(self) -> str:
        return f"OrtModel({type(self.model).__name__}, {len(self._compiled)} signature(s))"


def _host(x: Any, dtype: Any) -> Any:
    import numpy as np
    a = np.asarray(x)  # a pytfjs tensor: its array (no copy on the numpy backend)
    if a.dtype != dtype:
        a = a.astype(dtype)
    return a


def compile(model_or_fn: Any, example_inputs: Any = None, **options: Any) -> OrtModel:
    """``OrtModel(model_or_fn, example_inputs, **options)``: see :class:`OrtModel`. Without
    example inputs the first call traces."""
    return OrtModel(model_or_fn, example_inputs, **options)
