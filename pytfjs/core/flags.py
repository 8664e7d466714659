"""Environment flags (TF.js ``tf.env()``): registered with a default, overridable from the
process environment (``PYTFJS_<FLAG>``) or at run time with ``tf.env().set(name, value)``.
"""
from __future__ import annotations

import os
from typing import Any, Callable


class Environment:
    """Holds feature flags. ``get`` evaluates a flag's default lazily and caches it."""

    def __init__(self) -> None:
        self._defaults: dict[str, tuple[Callable[[], Any], Callable[[Any], None] | None]] = {}
        self._flags: dict[str, Any] = {}

    def register_flag(self, name: str, default: Callable[[], Any],
                      on_set: Callable[[Any], None] | None = None) -> None:
        self._defaults[name] = (default, on_set)

    def _from_process_env(self, name: str, default: Any) -> Any:
        raw = os.environ.get("PYTFJS_" + name)
        if raw is None:
            return default
        if isinstance(default, bool):
            return raw.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        return raw

    def get(self, name: str) -> Any:
        try:
            return self._flags[name]
        except KeyError:
            pass
        if name not in self._defaults:
            raise KeyError(f"Cannot evaluate flag '{name}': no evaluation function found.")
        value = self._from_process_env(name, self._defaults[name][0]())
        self._flags[name] = value
        return value

    def get_bool(self, name: str) -> bool:
        return bool(self.get(name))

    def get_number(self, name: str) -> float:
        return self.get(name)

    def set(self, name: str, value: Any) -> None:
        if name not in self._defaults:
            raise KeyError(f"Cannot set flag '{name}' as it has not been registered.")
        self._flags[name] = value
        on_set = self._defaults[name][1]
        if on_set is not None:
            on_set(value)

    def reset(self) -> None:
        """Forgets values set at run time; defaults are evaluated again on next use."""
        self._flags.clear()

    @property
    def features(self) -> dict[str, Any]:
        return {name: self.get(name) for name in self._defaults}

    def __repr__(self) -> str:
        return f"Environment({self.features!r})"


ENV = Environment()
ENV.register_flag("DEBUG", lambda: False)
ENV.register_flag("IS_TEST", lambda: False)
ENV.register_flag("PROD", lambda: False)
ENV.register_flag("IS_BROWSER", lambda: __import__("sys").platform == "emscripten")
ENV.register_flag("CHECK_COMPUTATION_FOR_ERRORS", lambda: True)
ENV.register_flag("TENSORLIKE_CHECK_SHAPE_CONSISTENCY", lambda: True)
ENV.register_flag("KEEP_INTERMEDIATE_TENSORS", lambda: False)


def env() -> Environment:
    """The global environment (TF.js ``tf.env()``).

    >>> import pytfjs as tf
    >>> tf.env().get("DEBUG")
    False
    """
    return ENV
