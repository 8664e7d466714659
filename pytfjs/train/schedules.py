"""Learning-rate schedules (beyond TF.js; Keras semantics). A schedule is called with the
optimizer's iteration count (0 for the first step) and returns the learning rate."""
from __future__ import annotations

import math
from typing import Any


class LearningRateSchedule:
    """Base class: ``schedule(step) -> float``; serialisable with ``get_config``."""

    class_name = "LearningRateSchedule"

    def __call__(self, step: int) -> float:
        raise NotImplementedError(f"{type(self).__name__} must implement __call__(step)")

    def get_config(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "LearningRateSchedule":
        return cls(**config)


class ExponentialDecay(LearningRateSchedule):
    """``initial * decay_rate ** (step / decay_steps)`` (floored exponent when ``staircase``).

    >>> from pytfjs.train import ExponentialDecay
    >>> s = ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    >>> round(s(0), 6), round(s(10), 6), round(s(20), 6)
    (0.1, 0.05, 0.025)
    """

    class_name = "ExponentialDecay"

    def __init__(self, initial_learning_rate: float, decay_steps: int, decay_rate: float,
                 staircase: bool = False) -> None:
        if decay_steps <= 0:
            raise ValueError(f"ExponentialDecay: decay_steps must be positive, got {decay_steps}")
        self.initial_learning_rate = float(initial_learning_rate)
        self.decay_steps = decay_steps
        self.decay_rate = float(decay_rate)
        self.staircase = staircase

    def __call__(self, step: int) -> float:
        p = step / self.decay_steps
        if self.staircase:
            p = math.floor(p)
        return self.initial_learning_rate * self.decay_rate ** p

    def get_config(self) -> dict[str, Any]:
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase}


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[i]`` while ``step <= boundaries[i]`` (and ``values[-1]`` after the last one).

    >>> from pytfjs.train import PiecewiseConstantDecay
    >>> s = PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])
    >>> s(0), s(10), s(11), s(25)
    (1.0, 1.0, 0.5, 0.1)
    """

    class_name = "PiecewiseConstantDecay"

    def __init__(self, boundaries: list[int], values: list[float]) -> None:
        if len(values) != len(boundaries) + 1:
            raise ValueError(f"PiecewiseConstantDecay: expected {len(boundaries) + 1} values for "
                             f"{len(boundaries)} boundaries, got {len(values)}")
        if list(boundaries) != sorted(boundaries):
            raise ValueError("PiecewiseConstantDecay: boundaries must be increasing")
        self.boundaries = list(boundaries)
        self.values = [float(v) for v in values]

    def __call__(self, step: int) -> float:
        for b, v in zip(self.boundaries, self.values):
            if step <= b:
                return v
        return self.values[-1]

    def get_config(self) -> dict[str, Any]:
        return {"boundaries": self.boundaries, "values": self.values}


class CosineDecay(LearningRateSchedule):
    """Cosine decay from ``initial_learning_rate`` to ``alpha * initial`` over ``decay_steps``,
    optionally after a linear warm-up of ``warmup_steps`` to ``warmup_target`` (Keras 3).

    >>> from pytfjs.train import CosineDecay
    >>> s = CosineDecay(1.0, decay_steps=10)
    >>> s(0), round(s(5), 6), s(10)
    (1.0, 0.5, 0.0)
    >>> w = CosineDecay(0.0, decay_steps=10, warmup_target=1.0, warmup_steps=4)
    >>> w(2), w(4)
    (0.5, 1.0)
    """

    class_name = "CosineDecay"

    def __init__(self, initial_learning_rate: float, decay_steps: int, alpha: float = 0.0,
                 warmup_target: float | None = None, warmup_steps: int = 0) -> None:
        if decay_steps <= 0:
            raise ValueError(f"CosineDecay: decay_steps must be positive, got {decay_steps}")
        self.initial_learning_rate = float(initial_learning_rate)
        self.decay_steps = decay_steps
        self.alpha = float(alpha)
        self.warmup_target = warmup_target
        self.warmup_steps = warmup_steps

    def __call__(self, step: int) -> float:
        if self.warmup_target is not None and step < self.warmup_steps:
            frac = step / self.warmup_steps
            return self.initial_learning_rate + frac * (self.warmup_target - self.initial_learning_rate)
        peak = self.warmup_target if self.warmup_target is not None else self.initial_learning_rate
        t = min(step - (self.warmup_steps if self.warmup_target is not None else 0), self.decay_steps)
        cosine = 0.5 * (1 + math.cos(math.pi * t / self.decay_steps))
        return peak * ((1 - self.alpha) * cosine + self.alpha)

    def get_config(self) -> dict[str, Any]:
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha,
                "warmup_target": self.warmup_target, "warmup_steps": self.warmup_steps}


SCHEDULES = {c.class_name: c for c in (ExponentialDecay, PiecewiseConstantDecay, CosineDecay)}
