"""The NumPy backend (CPU, the default on CPython)."""
from .backend import NumpyBackend, create

__all__ = ["NumpyBackend", "create"]
