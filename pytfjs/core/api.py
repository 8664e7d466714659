"""Public engine functions: backends, memory (tidy/keep/dispose/memory), profiling."""
from __future__ import annotations

from typing import Any, Callable, Generator

from .engine import ENGINE, MemoryInfo, ProfileInfo, Scope, TimingInfo


class _Done:
    """An already-finished awaitable: ``await tf.ready()`` works, and so does ``tf.ready()``."""

    def __init__(self, value: Any = None) -> None:
        self.value = value

    def __await__(self) -> Generator[Any, None, Any]:
        return self.value
        yield  # pragma: no cover - makes this a generator


def set_backend(name: str) -> bool:
    """Makes ``name`` the active backend; returns False if it could not initialise.

    >>> import pytfjs as tf
    >>> tf.set_backend("numpy")
    True
    """
    return ENGINE.set_backend(name)


def get_backend() -> str:
    """The name of the active backend (initialising the best available one if needed).

    >>> import pytfjs as tf
    >>> tf.get_backend() in tf.engine().backend_names()
    True
    """
    return ENGINE.get_backend()


def backend() -> Any:
    """The active backend object."""
    return ENGINE.backend


def find_backend(name: str) -> Any:
    """The backend object registered as ``name`` (initialised on demand), or None."""
    return ENGINE.find_backend(name)


def register_backend(name: str, factory: Callable[[], Any], priority: int = 1) -> bool:
    """Registers a backend factory; the highest-priority backend that initialises is the default."""
    return ENGINE.register_backend(name, factory, priority)


def remove_backend(name: str) -> None:
    """Unregisters a backend and disposes it."""
    ENGINE.remove_backend(name)


def ready() -> _Done:
    """Initialises the active backend. ``await tf.ready()`` as in TF.js (a plain call works too)."""
    ENGINE.backend  # noqa: B018
    return _Done()


def engine() -> Any:
    """The engine singleton."""
    return ENGINE


class _TidyContext:
    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> Scope:
        return ENGINE.start_scope(self.name)

    def __exit__(self, *exc: Any) -> None:
        ENGINE.end_scope(None)


def tidy(name_or_fn: Any = None, fn: Callable[[], Any] | None = None) -> Any:
    """Runs ``fn`` and disposes every tensor it created except those it returns (or kept).

    Forms: ``tf.tidy(fn)``, ``tf.tidy("name", fn)``, and the context manager
    ``with tf.tidy() as scope: ... scope.keep(t)`` (keeps only what ``scope.keep`` marks).

    >>> import pytfjs as tf
    >>> before = tf.memory().num_tensors
    >>> y = tf.tidy(lambda: tf.tensor([1.0, 2.0]) * 2 + 1)
    >>> tf.memory().num_tensors - before
    1
    >>> with tf.tidy() as scope:
    ...     z = scope.keep(y * 3)
    ...     _ = y + 1
    >>> tf.memory().num_tensors - before
    2
    >>> tf.dispose([y, z])
    """
    if callable(name_or_fn):
        return ENGINE.tidy(name_or_fn)
    if fn is not None:
        if not callable(fn):
            raise TypeError("tidy(name, fn): fn must be callable")
        return ENGINE.tidy(fn, name_or_fn or "unnamed scope")
    if name_or_fn is not None and not isinstance(name_or_fn, str):
        raise TypeError(f"tidy expects a function or a name, got {type(name_or_fn).__name__}")
    return _TidyContext(name_or_fn or "unnamed scope")


def keep(result: Any) -> Any:
    """Keeps a tensor (or nested lists/dicts of them) from being disposed by any ``tidy``."""
    return ENGINE.keep(result)


def dispose(container: Any) -> None:
    """Disposes every tensor in ``container`` (a tensor, list, tuple, dict or nested mix)."""
    ENGINE.dispose(container)


def dispose_variables() -> None:
    """Disposes every registered variable."""
    ENGINE.dispose_variables()


def memory() -> MemoryInfo:
    """Live tensors, data buffers and bytes (``num_tensors``, ``num_data_buffers``,
    ``num_bytes``, ``unreliable``, ``reasons``, and backend extras in ``backend``).

    >>> import pytfjs as tf
    >>> m = tf.memory()
    >>> m.num_tensors >= 0 and m["num_bytes"] >= 0
    True
    """
    return ENGINE.memory()


def profile(fn: Callable[[], Any]) -> ProfileInfo:
    """Runs ``fn`` and reports new_bytes, new_tensors, peak_bytes and every kernel it ran
    (name, input/output shapes, bytes_added, kernel_ms); ``result`` holds fn's return value.

    >>> import pytfjs as tf
    >>> info = tf.profile(lambda: tf.tidy(lambda: tf.tensor([1.0, 2.0]) + 1))
    >>> info.kernel_names, info.new_tensors
    (['Add'], 1)
    >>> tf.dispose(info.result)
    """
    return ENGINE.profile(fn)


def time(fn: Callable[[], Any]) -> TimingInfo:
    """Runs ``fn`` and returns ``kernel_ms`` (time inside kernels) and ``wall_ms``."""
    return ENGINE.time(fn)
