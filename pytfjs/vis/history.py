"""``plot_history``: loss and metric curves of a ``fit`` run, written to a PNG (the role of
tfjs-vis ``show.history``)."""
from __future__ import annotations

import os
from typing import Any


class MissingMatplotlibError(ImportError):
    """Plotting needs matplotlib, which is an optional dependency of pytfjs."""


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as e:
        raise MissingMatplotlibError(
            "pytfjs.vis needs matplotlib to draw plots, and it is not installed. Install it with "
            "`python -m pip install matplotlib` (in this repo: `.venv/bin/python -m pip install "
            "matplotlib`).") from e
    matplotlib.use("Agg")  # files only, no display needed
    import matplotlib.pyplot as plt
    return plt


def _series(history: Any) -> dict[str, list[float]]:
    data = getattr(history, "history", history)
    if not isinstance(data, dict) or not data:
        raise ValueError("plot_history expects a History (the value fit returns) or a dict of "
                         "metric name -> per-epoch values, and got an empty one")
    return {k: [float(v) for v in vs] for k, vs in data.items() if k != "lr"}


def plot_history(history: Any, path: str, metrics: list[str] | None = None,
                 title: str | None = None) -> str:
    """Draws one panel per metric (``loss``, ``accuracy``, ...), each with its ``val_`` twin when
    present, over the epochs of ``history``; writes a PNG to ``path`` (folders are created) and
    returns ``path``. ``metrics`` picks the panels (default: every non-``val_`` key)."""
    series = _series(history)
    names = metrics or [k for k in series if not k.startswith("val_")]
    missing = [m for m in names if m not in series]
    if missing:
        raise KeyError(f"plot_history: no metric(s) {missing} in the history "
                       f"(available: {sorted(series)})")
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(names), figsize=(5 * len(names), 3.6), squeeze=False)
    for ax, name in zip(axes[0], names):
        epochs = list(range(1, len(series[name]) + 1))
        ax.plot(epochs, series[name], marker="o", markersize=3, label=f"train {name}")
        if f"val_{name}" in series:
            ax.plot(epochs, series[f"val_{name}"], marker="o", markersize=3, label=f"validation {name}")
        ax.set_xlabel("epoch")
        ax.set_title(name)
        ax.grid(True, alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
