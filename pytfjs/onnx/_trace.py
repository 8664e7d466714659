"""The kernel tracer: runs a function once on example inputs and records the kernels that
computed its outputs from those inputs.

The engine calls ``Trace.record`` after every kernel while a trace is active (tracing takes the
engine's measured path, so untraced calls pay nothing) and ``Trace.on_read`` whenever a
tensor's values are read back to the host.

* A kernel with at least one input computed from the traced inputs is recorded as a node.
* A kernel that reads only weights and constants is not recorded: its output is a constant
  (constant folding for free). When a recorded kernel reads such a tensor (a weight, a
  constant, a folded value) its value is copied there and becomes an ONNX initializer.
* ``ZerosLike`` / ``OnesLike`` depend on their input's shape only, which a trace fixes, so they
  are constants too.
* Reading the values of a tensor computed from the inputs (data-dependent control flow, ops
  that compute on the host such as ``unique`` or ``NonMaxSuppression``) raises
  :class:`TraceError`: a static graph cannot express it, and freezing the example's branch would
  give wrong results for other inputs. Random kernels raise too (they would be frozen).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.engine import ENGINE
from ..core.tensor import Tensor


class TraceError(RuntimeError):
    """The function cannot be captured as a static graph (data-dependent, random, no tensors)."""


#: Kernels whose output depends on the input's shape only (fixed by a trace).
SHAPE_ONLY = frozenset({"ZerosLike", "OnesLike"})
#: Kernels drawing random numbers: a trace would freeze one draw.
RANDOM = frozenset({"RandomUniform", "RandomStandardNormal", "RandomNormal", "TruncatedNormal",
                    "Multinomial", "RandomGamma", "RandomUniformInt", "StatelessRandomUniform",
                    "StatelessRandomNormal", "RandomShuffle"})


@dataclass
class TracedKernel:
    """One recorded kernel: ``inputs`` are value names (graph values or initializers),
    ``outputs`` the names of its outputs, with their shapes and dtypes."""
    name: str
    inputs: list
    outputs: list
    out_shapes: list
    out_dtypes: list
    attrs: dict
    in_shapes: list = field(default_factory=list)
    in_dtypes: list = field(default_factory=list)


@dataclass
class Trace:
    """What :func:`trace` recorded. ``inputs``/``outputs``: ``(name, shape, dtype)``;
    ``constants``: initializer name -> numpy array; ``kernels``: the recorded kernels in run
    order; ``output_structure``: ``"tensor"``, ``"list"`` or the dict keys of the result;
    ``reference``: the outputs the function computed (numpy), for checks."""
    inputs: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    kernels: list = field(default_factory=list)
    constants: dict = field(default_factory=dict)
    output_structure: Any = "tensor"
    reference: list = field(default_factory=list)

    # ------------------------------------------------------------------ engine hooks
    def __post_init__(self) -> None:
        self._names: dict[int, str] = {}      # tensor id -> value name (input-dependent)
        self._producer: dict[int, str] = {}   # tensor id -> kernel that produced it
        self._const_names: dict[int, str] = {}
        self._n = 0

    def _fresh(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}_{self._n}"

    def constant_name(self, t: Tensor) -> str:
        """The initializer holding ``t``'s current value (copied once per tensor)."""
        name = self._const_names.get(t.id)
        if name is None:
            name = self._fresh("const")
            self.constants[name] = ENGINE.backend_of(t).to_numpy(t, copy=True)
            self._const_names[t.id] = name
        return name

    def record(self, name: str, inputs: Any, outputs: Any, attrs: dict) -> None:
        if name in RANDOM:
            raise TraceError(f"Kernel '{name}' draws random numbers: a traced graph would freeze "
                             f"one draw. Run the model in inference mode (training=False).")
        names = self._names
        if name in SHAPE_ONLY or not any(t.id in names for t in inputs):
            return  # weights/constants only: the output is a constant
        in_names = [names.get(t.id) or self.constant_name(t) for t in inputs]
        out_names = []
        for t in outputs:
            n = self._fresh(name)
            names[t.id] = n
            self._producer[t.id] = name
            out_names.append(n)
        self.kernels.append(TracedKernel(
            name, in_names, out_names, [tuple(t.shape) for t in outputs],
            [t.dtype for t in outputs], dict(attrs), [tuple(t.shape) for t in inputs],
            [t.dtype for t in inputs]))

    def on_read(self, t: Tensor) -> None:
        if t.id in self._names:
            what = (f"the output of kernel '{self._producer[t.id]}'" if t.id in self._producer
                    else "a traced input")
            raise TraceError(
                f"The traced function reads the values of {what} (shape {list(t.shape)}) back to "
                f"the host: its control flow or an op depends on the input data (e.g. tf.cond/"
                f"while loops, unique, where, non_max_suppression, boolean_mask), which a static "
                f"ONNX graph cannot capture.")


def _flatten_outputs(result: Any) -> tuple[list, Any]:
    if isinstance(result, Tensor):
        return [result], "tensor"
    if isinstance(result, dict):
        keys = list(result)
        vals = [result[k] for k in keys]
        structure: Any = ("dict", keys)
    elif isinstance(result, (list, tuple)):
        vals, structure = list(result), "list"
    else:
        raise TraceError(f"The traced function must return a Tensor, a list/tuple or a dict of "
                         f"Tensors, got {type(result).__name__}")
    for i, v in enumerate(vals):
        if not isinstance(v, Tensor):
            raise TraceError(f"Output {i} of the traced function is a {type(v).__name__}, "
                             f"not a Tensor")
    return vals, structure


def trace(fn: Callable[..., Any], example_inputs: list, input_names: list | None = None) -> Trace:
    """Runs ``fn(*example_inputs)`` once (tensors) and returns the :class:`Trace` of the kernels
    that computed its outputs. Every tensor ``fn`` creates is disposed before returning.

    >>> import pytfjs as tf
    >>> from pytfjs.onnx import trace
    >>> w = tf.tensor([[1.0], [2.0]])
    >>> x = tf.tensor([[3.0, 4.0]])
    >>> tr = trace(lambda x: tf.relu(tf.mat_mul(x, w)), [x])
    >>> [k.name for k in tr.kernels], tr.outputs[0][1], tr.reference[0].tolist()
    (['BatchMatMul', 'Relu'], (1, 1), [[11.0]])
    >>> tf.dispose([w, x])
    """
    if ENGINE.active_trace is not None:
        raise TraceError("A kernel trace is already running (traces do not nest)")
    for i, t in enumerate(example_inputs):
        if not isinstance(t, Tensor):
            raise TypeError(f"example input {i} is a {type(t).__name__}, not a Tensor")
        t._check()
    tr = Trace()
    names = input_names or [f"input_{i}" for i in range(len(example_inputs))]
    if len(names) != len(example_inputs):
        raise ValueError(f"{len(names)} input names for {len(example_inputs)} inputs")
    if len(set(names)) != len(names):
        raise ValueError(f"input names must be unique, got {names}")
    for n, t in zip(names, example_inputs):
        if t.id in tr._names:
            raise ValueError("the same tensor is passed as two inputs; pass distinct tensors")
        tr._names[t.id] = n
        tr.inputs.append((n, tuple(t.shape), t.dtype))
    ENGINE.active_trace = tr
    ENGINE.update_measuring()
    scope_started = False
    try:
        ENGINE.start_scope("onnx trace")
        scope_started = True
        result = fn(*example_inputs)
        outs, tr.output_structure = _flatten_outputs(result)
        ENGINE.active_trace = None
        ENGINE.update_measuring()
        for t in outs:
            value = tr._names.get(t.id) or tr.constant_name(t)
            tr.outputs.append((value, tuple(t.shape), t.dtype))
            tr.reference.append(ENGINE.backend_of(t).to_numpy(t, copy=True))
    finally:
        ENGINE.active_trace = None
        ENGINE.update_measuring()
        if scope_started:
            ENGINE.end_scope(None)  # disposes everything fn created (its outputs included)
    _prune(tr)
    return tr


def _prune(tr: Trace) -> None:
    """Drops recorded kernels (and constants) that no output needs."""
    needed = {name for name, _, _ in tr.outputs}
    kept = []
    for k in reversed(tr.kernels):
        if any(o in needed for o in k.outputs):
            kept.append(k)
            needed.update(k.inputs)
    tr.kernels = kept[::-1]
    tr.constants = {n: v for n, v in tr.constants.items() if n in needed}
