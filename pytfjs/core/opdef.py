"""Declaring an op once (DESIGN.md §2).

An op is a plain Python function decorated with :func:`op`. The decorator records, in one
place, the public name, the TF kernel it dispatches to, the TF graph op names it serves, its
dtype rule (for the docs), whether it is differentiable, and attaches a chained
``Tensor`` method. The gradient and an optional fallback are declared right beneath it::

    @op("Square", tf_ops=("Square",), dtype="same")
    def square(x):
        '''Computes x * x elementwise.

        (a runnable doctest example goes here)
        '''
        x = to_tensor(x, "x", "square")
        return run("Square", x)

    @square.gradient(save_inputs=True)
    def _square_grad(dy, inputs, outputs, attrs):
        (x,) = inputs
        return (mul(dy, mul(x, 2.0)),)

    @square.fallback
    def _square_fallback(x):
        return mul(x, x)

A gradient function gets ``dy`` (a Tensor, or a list for multi-output kernels), the saved
inputs and outputs (as declared), and the kernel attrs; it returns one gradient per kernel input
(``None`` where an input has no gradient). A fallback gets the kernel inputs and attrs and
composes other ops; the engine runs it when the active backend lacks the kernel.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable

from . import engine as _engine_mod
from . import tensor as _tensor_mod
from .convert import HostValues, host_values
from .dtypes import BYTES_PER_ELEMENT as _NUMERIC_DTYPES
from .engine import ENGINE
from .tensor import Tensor


@dataclass
class GradConfig:
    fn: Callable[..., Any]
    save_inputs: bool = False
    save_outputs: bool = False
    kernel: str = ""


@dataclass
class OpDef:
    name: str                      # public name; dotted inside a namespace ("image.resize_bilinear")
    fn: Callable[..., Any]
    kernel: str | None             # TF kernel name (None for ops composed of other ops)
    tf_ops: tuple[str, ...]        # TF graph op names this op can execute
    category: str                  # the ops/<category>.py module
    dtype_rule: str                # human-readable dtype rule, for docs/supported_ops.md
    differentiable: bool
    method: str | None             # name of the chained Tensor method, if any
    extra_kernels: tuple[str, ...] = field(default_factory=tuple)
    aliases: tuple[str, ...] = field(default_factory=tuple)  # other public names ("spectral.fft")


#: Every declared op by public name.
OPS: dict[str, OpDef] = {}
#: Fallbacks by kernel name: ``fn(*inputs, **attrs)`` composed of other ops.
FALLBACKS: dict[str, Callable[..., Any]] = {}
#: Gradients by kernel name.
GRADIENTS: dict[str, GradConfig] = {}


def op(kernel: str | None = None, *, tf_ops: tuple[str, ...] = (), namespace: str | None = None,
       name: str | None = None, dtype: str = "", differentiable: bool = True,
       method: bool | str = True, kernels: tuple[str, ...] = (),
       aliases: tuple[str, ...] = ()) -> Callable:
    """Declares a public op (see the module docstring).

    ``kernel``: the TF kernel the op runs (None for a composite op). ``kernels``: further kernels
    it may run (e.g. ``BatchMatMul`` beside ``MatMul``). ``method``: attach ``Tensor.<name>``
    (or the given method name). ``aliases``: further public names, e.g. ``("spectral.fft",)`` for
    an op that TF.js exposes both as ``tf.fft`` and ``tf.spectral.fft``.
    """
    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        short = name or fn.__name__
        full = f"{namespace}.{short}" if namespace else short
        if full in OPS:
            raise ValueError(f"op '{full}' is declared twice")
        meth = None
        if method:
            meth = method if isinstance(method, str) else short
        category = fn.__module__.rsplit(".", 1)[-1]
        od = OpDef(full, fn, kernel, tuple(tf_ops), category, dtype, differentiable, meth,
                   tuple(kernels), tuple(aliases))
        OPS[full] = od
        impl = fn
        fn = _scoped(impl, full)
        od.fn = fn
        if not namespace:
            _tensor_mod.OPS[short] = fn
        if meth and not hasattr(Tensor, meth):
            def chained(self: Tensor, *args: Any, _fn: Callable = fn, **kwargs: Any) -> Any:
                return _fn(self, *args, **kwargs)
            chained.__name__ = meth
            chained.__qualname__ = f"Tensor.{meth}"
            chained.__doc__ = f"Chained form of :func:`pytfjs.{full}` (``tf.{full}(self, ...)``)."
            setattr(Tensor, meth, chained)
        fn.op_def = od  # type: ignore[attr-defined]

        def gradient(save_inputs: bool = False, save_outputs: bool = False,
                     kernel_name: str | None = None) -> Callable:
            k = kernel_name or kernel
            if k is None:
                raise ValueError(f"op '{full}' has no kernel; its gradient comes from its parts")

            def reg(gfn: Callable[..., Any]) -> Callable[..., Any]:
                GRADIENTS[k] = GradConfig(gfn, save_inputs, save_outputs, k)
                return gfn
            return reg

        def fallback(ffn: Callable[..., Any] | None = None, *, kernel_name: str | None = None) -> Any:
            def reg(f: Callable[..., Any]) -> Callable[..., Any]:
                k = kernel_name or kernel
                if k is None:
                    raise ValueError(f"op '{full}' has no kernel to fall back from")
                FALLBACKS[k] = f
                return f
            return reg(ffn) if ffn is not None else reg

        fn.gradient = gradient  # type: ignore[attr-defined]
        fn.fallback = fallback  # type: ignore[attr-defined]
        return fn
    return deco


def _scoped(impl: Callable[..., Any], name: str) -> Callable[..., Any]:
    """Runs an op in its own scope, as TF.js's ``op()`` does: intermediate tensors (converted
    Python scalars, casts, partial results) are disposed when the op returns."""
    engine = ENGINE
    end = engine.end_scope

    @functools.wraps(impl)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # ENGINE.start_scope(name), inlined: this runs once per op call.
        scope = _engine_mod.Scope(name)  # looked up per call: tests substitute the class
        engine.scope_stack.append(scope)
        engine.active_scope = scope
        try:
            result = impl(*args, **kwargs)
        except BaseException:
            end(None)
            raise
        tracked = scope.tracked
        if type(result) is Tensor and len(tracked) == 1 and tracked[0] is result and \
                not scope.returned:
            # ENGINE.end_scope's fast path, inlined: the op ran one kernel and returns its output.
            stack = engine.scope_stack
            stack.pop()
            parent = engine.active_scope = stack[-1] if stack else None
            if parent is not None and not result._disposed and not result.kept:
                parent.tracked.append(result)
        else:
            end(result)
        return result
    wrapper.__wrapped__ = impl  # type: ignore[attr-defined]
    return wrapper


def run(kernel_name: str, *inputs: Tensor, **attrs: Any) -> Any:
    """Runs a kernel on the active backend (``ENGINE.run_kernel``)."""
    return _run_kernel(kernel_name, inputs, attrs)


_run_kernel = ENGINE.run_kernel


#: Exact Python scalar types and the dtype each infers (``dtypes.scalar_dtype``).
_PY_SCALAR_DTYPES = {bool: "bool", int: "int32", float: "float32"}


def to_tensor(x: Any, arg: str = "x", op_name: str = "", dtype: str | None = None,
              numeric: bool = False) -> Tensor:
    """TF.js ``convertToTensor``: a Tensor passes through; TensorLike values (nested lists,
    scalars, buffers, NumPy arrays) become a new tensor, parsed as ``dtype`` when given.

    ``numeric=True`` rejects string tensors with an error naming the argument and the op.
    """
    if isinstance(x, Tensor):
        if x._disposed:
            x._check()
        if numeric and x.dtype == "string":
            raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be numeric tensor, "
                            f"but got string tensor")
        return x
    kind = _PY_SCALAR_DTYPES.get(type(x))
    if kind is not None and (dtype is None or (type(dtype) is str and dtype in _NUMERIC_DTYPES)):
        # A Python bool/int/float: what host_values would give, without its general checks.
        return ENGINE.make_tensor(HostValues("list", [x], (), dtype or kind))
    if x is None:
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be a Tensor or TensorLike, "
                        f"but got 'None'")
    host = host_values(x, None, None, op=op_name or "tensor", arg=arg)
    # Python scalars and lists are parsed as ``dtype``; arrays (NumPy, buffers) are tensors of
    # their own dtype, so a float32 array where a bool tensor is required is an error, as a
    # float32 tensor would be.
    if dtype is not None and host.kind == "list" and host.dtype != "string" and host.dtype != dtype:
        host = host_values(x, None, dtype, op=op_name or "tensor", arg=arg)
    if numeric and host.dtype == "string":
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be numeric tensor, "
                        f"but got string tensor")
    return ENGINE.make_tensor(host)


def to_tensors(xs: Any, arg: str, op_name: str, numeric: bool = False) -> list[Tensor]:
    """Converts a list of TensorLikes (TF.js ``convertToTensorArray``)."""
    if isinstance(xs, Tensor) or not isinstance(xs, (list, tuple)):
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be a list of Tensors or "
                        f"TensorLikes, got {type(xs).__name__}")
    return [to_tensor(x, f"{arg}[{i}]", op_name, numeric=numeric) for i, x in enumerate(xs)]


_tensor_mod.OPS["_to_tensor"] = to_tensor
