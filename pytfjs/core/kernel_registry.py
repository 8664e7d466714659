"""Kernels keyed by TensorFlow kernel name and backend name (tfjs-core ``kernel_registry.ts``).

A kernel is ``fn(*native_inputs, **attrs)`` returning one native array or a tuple/list of
them; "native" is whatever the backend stores (``numpy.ndarray`` for numpy, ``cupy.ndarray``
for cuda, a flat-list array for python).
"""
from __future__ import annotations

from typing import Any, Callable

KernelFunc = Callable[..., Any]

_KERNELS: dict[str, dict[str, KernelFunc]] = {}


def register_kernel(kernel_name: str, backend_name: str, fn: KernelFunc) -> None:
    table = _KERNELS.setdefault(backend_name, {})
    if kernel_name in table and table[kernel_name] is not fn:
        import warnings
        warnings.warn(f"The kernel '{kernel_name}' for backend '{backend_name}' is already "
                      f"registered; replacing it.", stacklevel=2)
    table[kernel_name] = fn


def register_kernels(backend_name: str, kernels: dict[str, KernelFunc]) -> None:
    _KERNELS.setdefault(backend_name, {}).update(kernels)


def unregister_kernel(kernel_name: str, backend_name: str) -> None:
    table = _KERNELS.get(backend_name, {})
    if kernel_name not in table:
        raise KeyError(f"The kernel '{kernel_name}' for backend '{backend_name}' is not registered")
    del table[kernel_name]


def get_kernel(kernel_name: str, backend_name: str) -> KernelFunc | None:
    return _KERNELS.get(backend_name, {}).get(kernel_name)


def get_kernels_for_backend(backend_name: str) -> dict[str, KernelFunc]:
    """The live kernel table of a backend (the engine looks kernels up here)."""
    return _KERNELS.setdefault(backend_name, {})
