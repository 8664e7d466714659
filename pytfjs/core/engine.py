"""The engine (behaviour of tfjs-core ``engine.ts``): backend registry with priorities and lazy
initialisation, kernel dispatch, tensor bookkeeping, scopes for ``tidy``, memory accounting,
moving data between backends, the gradient tape hook and the profiler.
"""
from __future__ import annotations

import logging
import os
import types
import time as _time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from . import tensor as _tensor_mod
from .convert import HostValues, host_values
from .dtypes import BYTES_PER_ELEMENT as _BYTES_PER_ELEMENT, bytes_per_element
from .flags import ENV
from .kernel_registry import get_kernels_for_backend
from .tensor import Tensor, Variable

log = logging.getLogger("pytfjs")


class BackendError(RuntimeError):
    """No backend could be initialised, or a named backend is unknown."""


class KernelNotFoundError(NotImplementedError):
    """The active backend has no kernel (and the op no fallback) for a kernel name."""


class _DataInfo:
    """Bookkeeping of one data buffer (a plain slotted class: created once per kernel output)."""

    __slots__ = ("backend", "bytes", "dtype", "ref_count", "size")

    def __init__(self, backend: Any, dtype: str, size: int, bytes: int,
                 ref_count: int = 1) -> None:
        self.backend = backend
        self.dtype = dtype
        self.size = size
        self.bytes = bytes
        self.ref_count = ref_count

    def __repr__(self) -> str:
        return (f"_DataInfo(backend={self.backend!r}, dtype={self.dtype!r}, size={self.size}, "
                f"bytes={self.bytes}, ref_count={self.ref_count})")


class Scope:
    """A ``tidy`` scope: tensors created inside are disposed at its end unless returned or kept."""

    __slots__ = ("name", "tracked", "returned")

    def __init__(self, name: str) -> None:
        self.name = name
        self.tracked: list = []
        self.returned: list = []

    def __repr__(self) -> str:
        return f"Scope({self.name!r}, {len(self.tracked)} tracked)"

    def keep(self, *tensors: Any) -> Any:
        """Marks tensors (or nested lists/dicts of them) to survive this scope; they move to the
        enclosing scope. Returns its argument."""
        for t in _flatten_tensors(tensors):
            self.returned.append(t)
        return tensors[0] if len(tensors) == 1 else tensors


@dataclass
class TapeNode:
    kernel_name: str
    inputs: tuple          # the input tensors (used for their ids only)
    outputs: tuple         # the output tensors (ids only)
    attrs: dict
    saved_inputs: tuple    # kept copies (sharing data) that the gradient may read
    saved_outputs: tuple
    grad: Any              # core.opdef.GradConfig
    multi_output: bool = False  # the kernel returned a list: its gradient gets a list of dys


@dataclass
class MemoryInfo:
    """``tf.memory()``: counts of live tensors, data buffers and bytes."""
    num_tensors: int
    num_data_buffers: int
    num_bytes: int
    unreliable: bool = False
    reasons: list = field(default_factory=list)
    backend: dict = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


@dataclass
class KernelProfile:
    name: str
    input_shapes: list
    output_shapes: list
    bytes_added: int
    total_bytes_snapshot: int
    tensors_added: int
    total_tensors_snapshot: int
    kernel_ms: float
    extra_info: str = ""

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


@dataclass
class ProfileInfo:
    """``tf.profile(fn)``: what ``fn`` allocated and every kernel it ran."""
    new_bytes: int = 0
    new_tensors: int = 0
    peak_bytes: int = 0
    kernels: list = field(default_factory=list)
    result: Any = None

    @property
    def kernel_names(self) -> list:
        return sorted({k.name for k in self.kernels})

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def summary(self) -> str:
        """A table of kernels by total time."""
        agg: dict[str, list] = {}
        for k in self.kernels:
            a = agg.setdefault(k.name, [0, 0.0, 0])
            a[0] += 1
            a[1] += k.kernel_ms
            a[2] += k.bytes_added
        rows = sorted(agg.items(), key=lambda kv: -kv[1][1])
        lines = [f"{'kernel':<24}{'calls':>8}{'total ms':>12}{'bytes added':>14}"]
        lines += [f"{n:<24}{c:>8}{ms:>12.3f}{b:>14}" for n, (c, ms, b) in rows]
        lines.append(f"new_bytes={self.new_bytes} new_tensors={self.new_tensors} "
                     f"peak_bytes={self.peak_bytes}")
        return "\n".join(lines)


@dataclass
class TimingInfo:
    """``tf.time(fn)``: time spent in kernels and on the wall clock, in milliseconds."""
    kernel_ms: float
    wall_ms: float

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


def _flatten_tensors(obj: Any, out: list | None = None) -> list:
    """Tensors found in nested lists, tuples, dicts (values) and objects' tensor attributes."""
    if out is None:
        out = []
    if isinstance(obj, Tensor):
        out.append(obj)
    elif isinstance(obj, (list, tuple, set)):
        for o in obj:
            _flatten_tensors(o, out)
    elif isinstance(obj, dict):
        for o in obj.values():
            _flatten_tensors(o, out)
    elif hasattr(obj, "__dataclass_fields__") or hasattr(obj, "_fields"):
        for name in getattr(obj, "_fields", None) or obj.__dataclass_fields__:
            _flatten_tensors(getattr(obj, name), out)
    return out


class Engine:
    def __init__(self) -> None:
        self._factories: dict[str, tuple[Callable[[], Any], int]] = {}
        self._registry: dict[str, Any] = {}
        self._init_errors: dict[str, str] = {}
        self._backend: Any = None
        self._kernels: dict[str, Callable] = {}
        self.backend_name: str | None = None
        self.reset_state()

    def reset_state(self) -> None:
        self.num_tensors = 0
        self.num_string_tensors = 0
        self.num_data_buffers = 0
        self.num_bytes = 0
        self.tensor_info: dict[Any, _DataInfo] = {}
        self.scope_stack: list[Scope] = []
        self.active_scope: Scope | None = None
        self.registered_variables: dict[str, Variable] = {}
        self.next_variable_id = 0
        self.active_tape: list[TapeNode] | None = None
        self.gradient_depth = 0
        self.active_profile: ProfileInfo | None = None
        # A kernel tracer (``pytfjs.onnx``): ``record(name, inputs, outputs, attrs)`` per kernel
        # and ``on_read(tensor)`` per read. Tracing takes the measured path, so the fast path
        # of ``run_kernel`` pays nothing for it.
        self.active_trace: Any = None
        self._timers: list[list[float]] = []
        self._measure = False

    # ================================================================ backends
    def register_backend(self, name: str, factory: Callable[[], Any], priority: int = 1) -> bool:
        if name in self._factories:
            log.warning("%s backend was already registered. Reusing existing backend factory.", name)
            return False
        self._factories[name] = (factory, priority)
        return True

    def remove_backend(self, name: str) -> None:
        if name not in self._factories:
            raise BackendError(f"{name} backend not found in registry")
        if self.backend_name == name and self._backend is not None:
            self._backend = None
            self.backend_name = None
            self._kernels = {}
        backend = self._registry.pop(name, None)
        if backend is not None:
            backend.dispose()
        del self._factories[name]

    def _initialize(self, name: str) -> Any:
        if name in self._registry:
            return self._registry[name]
        if name not in self._factories:
            raise BackendError(f"Backend name '{name}' not found in registry "
                               f"(registered: {', '.join(self._factories) or 'none'})")
        factory, _ = self._factories[name]
        try:
            backend = factory()
        except Exception as e:  # an optional dependency missing, no device, ...
            self._init_errors[name] = f"{type(e).__name__}: {e}"
            log.debug("Initialization of backend %s failed: %s", name, e)
            return None
        if backend is None:
            self._init_errors[name] = "the factory returned None"
            return None
        backend.name = name
        self._registry[name] = backend
        return backend

    def set_backend(self, name: str) -> bool:
        """Makes ``name`` the active backend; returns False if it cannot initialise."""
        backend = self._initialize(name)
        if backend is None:
            return False
        self._backend = backend
        self.backend_name = name
        self._kernels = get_kernels_for_backend(name)
        self.update_measuring()
        return True

    def sorted_backends(self) -> list[str]:
        return sorted(self._factories, key=lambda n: -self._factories[n][1])

    @property
    def backend(self) -> Any:
        if self._backend is None:
            wanted = os.environ.get("PYTFJS_BACKEND")
            if wanted:
                if not self.set_backend(wanted):
                    raise BackendError(f"PYTFJS_BACKEND={wanted}: the backend could not be "
                                       f"initialised: {self._init_errors.get(wanted)}")
                return self._backend
            for name in self.sorted_backends():
                if self.set_backend(name):
                    break
            else:
                raise BackendError("Could not initialize any backends: " + "; ".join(
                    f"{n}: {self._init_errors.get(n, '?')}" for n in self._factories))
        return self._backend

    def get_backend(self) -> str:
        self.backend  # noqa: B018 - initialise lazily
        return self.backend_name  # type: ignore[return-value]

    def find_backend(self, name: str) -> Any:
        return self._initialize(name) if name in self._factories else None

    def backend_names(self) -> list[str]:
        return list(self._factories)

    def init_error(self, name: str) -> str | None:
        return self._init_errors.get(name)

    def backend_of(self, t: Tensor) -> Any:
        try:
            return self.tensor_info[t.data_id].backend
        except KeyError:
            t._check()
            raise

    # ================================================================ tensors
    def _register(self, t: Tensor, backend: Any) -> None:
        self.num_tensors += 1
        dtype = t.dtype
        if dtype == "string":
            self.num_string_tensors += 1
        data_id = t.data_id
        tensor_info = self.tensor_info
        info = tensor_info.get(data_id)
        if info is None:
            if dtype == "string":
                nbytes = backend.string_bytes(data_id)
            else:
                bpe = _BYTES_PER_ELEMENT.get(dtype)
                nbytes = t.size * (bpe if bpe is not None else bytes_per_element(dtype))
            tensor_info[data_id] = _DataInfo(backend, dtype, t.size, nbytes)
            self.num_data_buffers += 1
            self.num_bytes += nbytes
            prof = self.active_profile
            if prof is not None and self.num_bytes > prof.peak_bytes:
                prof.peak_bytes = self.num_bytes
        else:
            info.ref_count += 1
        scope = self.active_scope
        if scope is not None and (type(t) is Tensor or not isinstance(t, Variable)):
            scope.tracked.append(t)

    def make_tensor(self, host: HostValues, backend: Any = None) -> Tensor:
        """A new tensor holding ``host`` values on ``backend`` (the active one by default)."""
        backend = backend or self.backend
        self._check_dtype_supported(backend, host.dtype)
        data_id = backend.write(host)
        t = Tensor(host.shape, host.dtype, data_id)
        self._register(t, backend)
        return t

    def share(self, t: Tensor, shape: tuple[int, ...] | None = None) -> Tensor:
        """A new tensor over the same data (no copy), for backends and tests. It is not recorded on
        the gradient tape: ops must use ``reshape`` / ``clone`` instead."""
        t._check()
        out = Tensor(t.shape if shape is None else shape, t.dtype, t.data_id)
        self._register(out, self.tensor_info[t.data_id].backend)
        return out

    def _check_dtype_supported(self, backend: Any, dtype: str) -> None:
        if dtype not in backend.capabilities.dtypes:
            raise TypeError(f"The {backend.name} backend does not support dtype {dtype} "
                            f"(supported: {', '.join(sorted(backend.capabilities.dtypes))})")

    def dispose_tensor(self, t: Tensor) -> None:
        if t._disposed:
            return
        info = self.tensor_info.get(t.data_id)
        t._disposed = True
        self.num_tensors -= 1
        if t.dtype == "string":
            self.num_string_tensors -= 1
        if type(t) is not Tensor and isinstance(t, Variable) and \
                self.registered_variables.get(t.name) is t:
            del self.registered_variables[t.name]
        if info is None:
            return
        info.ref_count -= 1
        if info.ref_count <= 0:
            # _free, inlined
            data_id = t.data_id
            info.backend.dispose_data(data_id)
            del self.tensor_info[data_id]
            self.num_data_buffers -= 1
            self.num_bytes -= info.bytes

    def _free(self, data_id: Any, info: _DataInfo) -> None:
        info.backend.dispose_data(data_id)
        del self.tensor_info[data_id]
        self.num_data_buffers -= 1
        self.num_bytes -= info.bytes

    def dispose(self, container: Any) -> None:
        for t in _flatten_tensors(container):
            t.dispose()

    def keep(self, t: Any) -> Any:
        for x in _flatten_tensors(t):
            x.kept = True
        return t

    # ================================================================ variables
    def make_variable(self, initial: Tensor, trainable: bool = True, name: str | None = None,
                      dtype: str | None = None) -> Variable:
        if dtype is not None and dtype != initial.dtype:
            initial = _tensor_mod.OPS["cast"](initial, dtype)
        if name is None:
            name = str(self.next_variable_id)
            self.next_variable_id += 1
        if name in self.registered_variables:
            raise ValueError(f"Variable with name {name} was already registered")
        initial._check()
        v = Variable(initial, trainable, name)
        self._register(v, self.tensor_info[initial.data_id].backend)
        self.registered_variables[name] = v
        return v

    def assign_variable(self, v: Variable, new_value: Tensor) -> None:
        new_info = self.tensor_info[new_value.data_id]
        new_info.ref_count += 1
        old_id = v.data_id
        old = self.tensor_info.get(old_id)
        v.data_id = new_value.data_id
        if old is not None:
            old.ref_count -= 1
            if old.ref_count <= 0:
                self._free(old_id, old)

    def dispose_variables(self) -> None:
        for v in list(self.registered_variables.values()):
            v.dispose()

    # ================================================================ reading / moving
    def read_sync(self, t: Tensor) -> Any:
        t._check()
        if self.active_trace is not None:
            self.active_trace.on_read(t)
        return self.tensor_info[t.data_id].backend.read_sync(t.data_id, t.dtype)

    async def read(self, t: Tensor) -> Any:
        t._check()
        if self.active_trace is not None:
            self.active_trace.on_read(t)
        return await self.tensor_info[t.data_id].backend.read(t.data_id, t.dtype)

    def move_data(self, dest: Any, data_id: Any) -> None:
        """Moves a data buffer to ``dest`` (reading it from its current backend)."""
        info = self.tensor_info[data_id]
        src = info.backend
        if src is dest:
            return
        self._check_dtype_supported(dest, info.dtype)
        values = src.read_sync(data_id, info.dtype)
        host = host_values(values, (info.size,), info.dtype, op="move_data")
        dest.write(host, data_id=data_id)
        src.dispose_data(data_id)
        info.backend = dest

    # ================================================================ scopes
    def start_scope(self, name: str = "unnamed scope") -> Scope:
        scope = Scope(name)
        self.scope_stack.append(scope)
        self.active_scope = scope
        return scope

    def end_scope(self, result: Any = None) -> None:
        stack = self.scope_stack
        scope = stack.pop()
        parent = self.active_scope = stack[-1] if stack else None
        tracked = scope.tracked
        if type(result) is Tensor:  # the common case, without walking containers
            if len(tracked) == 1 and tracked[0] is result and not scope.returned:
                # An op that ran one kernel: its output is the only tracked tensor.
                if parent is not None and not result._disposed and not result.kept:
                    parent.tracked.append(result)
                return
            survivors = {id(result)}
        else:
            survivors = {id(t) for t in _flatten_tensors(result)}
        if scope.returned:
            survivors.update(id(t) for t in scope.returned)
        for t in tracked:
            if t._disposed:
                continue
            if id(t) in survivors:
                if parent is not None and not t.kept:
                    parent.tracked.append(t)
            elif not t.kept:
                self.dispose_tensor(t)

    def tidy(self, fn: Callable[[], Any], name: str = "unnamed scope") -> Any:
        self.start_scope(name)
        result = None
        try:
            result = fn()
            if isinstance(result, types.CoroutineType):
                result.close()
                raise TypeError("Cannot return a coroutine from tidy; await it outside tidy.")
        finally:
            self.end_scope(result)
        return result

    # ================================================================ kernels
    def run_kernel(self, name: str, inputs: tuple | list, attrs: dict | None = None) -> Any:
        """Runs kernel ``name`` on the active backend; returns a Tensor or a list of Tensors.

        Inputs on other backends are moved first. Where the backend has no such kernel, the op's
        declared fallback (composed of other ops) runs instead.
        """
        backend = self._backend
        if backend is None:
            backend = self.backend
        if attrs is None:
            attrs = {}
        fn = self._kernels.get(name)
        if fn is None:
            from .opdef import FALLBACKS
            fallback = FALLBACKS.get(name)
            if fallback is None:
                raise KernelNotFoundError(f"Kernel '{name}' not registered for backend "
                                          f"'{self.backend_name}' and the op has no fallback.")
            return fallback(*inputs, **attrs)
        info = self.tensor_info
        native = backend.native
        natives = []
        for t in inputs:
            if t._disposed:
                raise _tensor_mod.DisposedTensorError(
                    f"Tensor is disposed (used as an input to kernel '{name}').")
            if info[t.data_id].backend is not backend:
                self.move_data(backend, t.data_id)
            natives.append(native(t))
        if self._measure:
            return self._run_measured(name, fn, backend, inputs, natives, attrs)
        out = fn(*natives, **attrs)
        if type(out) is tuple or type(out) is list:
            outs = [self._adopt(backend, o) for o in out]
            if self.active_tape is not None:
                self._record(name, inputs, outs, attrs, True)
            return outs
        data_id, shape, dtype = backend.adopt(out)
        t = Tensor(shape, dtype, data_id)
        bpe = _BYTES_PER_ELEMENT.get(dtype)
        if bpe is not None and data_id not in info:
            # _register inlined for a new numeric buffer (no profile is active here: profiling
            # takes the measured path above).
            nbytes = t.size * bpe
            info[data_id] = _DataInfo(backend, dtype, t.size, nbytes)
            self.num_tensors += 1
            self.num_data_buffers += 1
            self.num_bytes += nbytes
            scope = self.active_scope
            if scope is not None:
                scope.tracked.append(t)
        else:
            self._register(t, backend)
        if self.active_tape is not None:
            self._record(name, inputs, (t,), attrs)
        return t

    def _adopt(self, backend: Any, native: Any) -> Tensor:
        data_id, shape, dtype = backend.adopt(native)
        t = Tensor(shape, dtype, data_id)
        self._register(t, backend)
        return t

    def _run_measured(self, name: str, fn: Callable, backend: Any, inputs: Any, natives: list,
                      attrs: dict) -> Any:
        bytes0, tensors0 = self.num_bytes, self.num_tensors
        start = _time.perf_counter()
        out = fn(*natives, **attrs)
        backend.sync(out)
        ms = (_time.perf_counter() - start) * 1000.0
        multi = type(out) is tuple or type(out) is list
        outs = [self._adopt(backend, o) for o in (out if multi else (out,))]
        for timer in self._timers:
            timer[0] += ms
        prof = self.active_profile
        if prof is not None:
            prof.kernels.append(KernelProfile(
                name, [list(t.shape) for t in inputs], [list(t.shape) for t in outs],
                self.num_bytes - bytes0, self.num_bytes, self.num_tensors - tensors0,
                self.num_tensors, ms))
        if ENV.get("DEBUG"):
            self._debug_check(name, backend, outs, ms)
        if self.active_tape is not None:
            self._record(name, inputs, outs, attrs, multi)
        if self.active_trace is not None:
            self.active_trace.record(name, inputs, outs, attrs)
        return outs if multi else outs[0]

    def _debug_check(self, name: str, backend: Any, outs: list, ms: float) -> None:
        log.info("%-20s %8.3f ms  %s", name, ms, [list(t.shape) for t in outs])
        if ENV.get("CHECK_COMPUTATION_FOR_ERRORS"):
            for t in outs:
                if t.dtype in ("float32", "float16", "float64", "complex64") and \
                        backend.has_nan(backend.native(t)):
                    raise FloatingPointError(f"The result of the '{name}' kernel has NaN values.")

    def update_measuring(self) -> None:
        self._measure = bool(self._timers) or self.active_profile is not None or \
            self.active_trace is not None or bool(ENV.get("DEBUG"))

    # ================================================================ tape
    def _record(self, name: str, inputs: Any, outputs: Any, attrs: dict,
                multi_output: bool = False) -> None:
        from .opdef import GRADIENTS
        grad = GRADIENTS.get(name)
        saved_in: tuple = ()
        saved_out: tuple = ()
        if grad is not None:
            if grad.save_inputs:
                saved_in = tuple(self._save(t) for t in inputs)
            if grad.save_outputs:
                saved_out = tuple(self._save(t) for t in outputs)
        self.active_tape.append(TapeNode(name, tuple(inputs), tuple(outputs), dict(attrs),
                                         saved_in, saved_out, grad, multi_output))

    def _save(self, t: Tensor) -> Tensor:
        """A kept alias of ``t`` for a gradient function: same data and the same tensor id, so
        ops that the gradient applies to it are on the tape's path from ``t`` (a gradient of a
        gradient flows through saved tensors), yet ``tidy`` disposing ``t`` does not free it."""
        t._check()
        s = Tensor(t.shape, t.dtype, t.data_id, tensor_id=t.id)
        self._register(s, self.tensor_info[t.data_id].backend)
        s.kept = True
        return s

    # ================================================================ memory / profiling
    def memory(self) -> MemoryInfo:
        backend = self.backend
        info = MemoryInfo(self.num_tensors, self.num_data_buffers, self.num_bytes)
        if self.num_string_tensors > 0:
            info.unreliable = True
            info.reasons.append("Memory usage by string tensors is approximate (bytes of the "
                                "UTF-8 encoded strings, without per-string overhead)")
        extra = backend.memory()
        info.backend = extra
        if extra.get("unreliable"):
            info.unreliable = True
            info.reasons.extend(extra.get("reasons", []))
        return info

    def profile(self, fn: Callable[[], Any]) -> ProfileInfo:
        outer = self.active_profile
        prof = ProfileInfo(peak_bytes=self.num_bytes)
        bytes0, tensors0 = self.num_bytes, self.num_tensors
        self.active_profile = prof
        self.update_measuring()
        try:
            prof.result = fn()
        finally:
            self.active_profile = outer
            self.update_measuring()
        prof.new_bytes = self.num_bytes - bytes0
        prof.new_tensors = self.num_tensors - tensors0
        if outer is not None:
            outer.kernels.extend(prof.kernels)
            outer.peak_bytes = max(outer.peak_bytes, prof.peak_bytes)
        return prof

    def time(self, fn: Callable[[], Any]) -> TimingInfo:
        timer = [0.0]
        self._timers.append(timer)
        self.update_measuring()
        start = _time.perf_counter()
        try:
            result = fn()
            self.backend.sync(None)
        finally:
            self._timers.remove(timer)
            self.update_measuring()
        wall = (_time.perf_counter() - start) * 1000.0
        del result
        return TimingInfo(timer[0], wall)


ENGINE = Engine()
_tensor_mod.ENGINE = ENGINE
ENV.register_flag("DEBUG", lambda: False, on_set=lambda v: ENGINE.update_measuring())


# ==================================================================== gradients (tape.ts)
def _start_tape() -> None:
    ENGINE.gradient_depth += 1
    if ENGINE.gradient_depth == 1:
        ENGINE.active_tape = []


def _end_tape() -> None:
    ENGINE.gradient_depth -= 1


def _release_tape() -> None:
    if ENGINE.gradient_depth == 0 and ENGINE.active_tape is not None:
        for node in ENGINE.active_tape:
            for t in node.saved_inputs + node.saved_outputs:
                t.kept = False
                t.dispose()
        ENGINE.active_tape = None


def gradients(f: Callable[[], Any], xs: list, dy: Any = None,
              allow_no_gradients: bool = False) -> tuple[Tensor, list]:
    """Runs ``f`` on a tape and returns ``(y, [dy/dx for x in xs])``; a gradient is None for an
    x not on the path to y when ``allow_no_gradients``."""
    from . import tape as _tape
    from .opdef import OPS as _OPS
    ops = _tensor_mod.OPS
    _start_tape()
    try:
        y = ENGINE.tidy(f, "forward")
    except BaseException:
        _end_tape()
        _release_tape()
        raise
    _end_tape()
    try:
        if not isinstance(y, Tensor):
            raise TypeError("The result y returned by f() must be a tensor.")
        filtered = _tape.filter_tape(ENGINE.active_tape or [], xs, y)
        if not allow_no_gradients and not filtered and xs:
            raise ValueError("Cannot compute gradient of y=f(x) with respect to x. Make sure that "
                             "the f you passed encloses all operations that lead from x to y.")

        def backward() -> list:
            seed = dy
            if seed is None:
                seed = ops["ones_like"](y) if "ones_like" in ops else _OPS["ones"].fn(y.shape, y.dtype)
            elif seed.shape != y.shape:
                raise ValueError(f"The shape of dy {list(seed.shape)} must match the shape of "
                                 f"y {list(y.shape)}.")
            acc: dict[int, Tensor] = {y.id: seed}
            _tape.backpropagate(acc, filtered,
                                lambda shape, dtype: _OPS["zeros"].fn(shape, dtype),
                                ops["add"])
            return [acc.get(x.id) for x in xs]

        grads = ENGINE.tidy(backward, "backward")
    finally:
        _release_tape()
    return y, grads
