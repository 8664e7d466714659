"""Training plots (a small ``tfjs-vis``-like module). Needs matplotlib, imported lazily so that
``import pytfjs`` never pulls it in; without it, the plotting functions raise a clear error.

>>> from pytfjs.vis import plot_history                     # doctest: +SKIP
>>> plot_history(model.fit(x, y, epochs=5), "out/training.png")  # doctest: +SKIP
"""
from __future__ import annotations

from .history import MissingMatplotlibError, plot_history

__all__ = ["plot_history", "MissingMatplotlibError"]
