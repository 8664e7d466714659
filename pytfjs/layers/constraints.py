"""Weight constraints (MaxNorm, UnitNorm, NonNeg, MinMaxNorm), applied after each update."""
from __future__ import annotations

from typing import Any

from ..core.tensor import Tensor

EPS = 1e-7


def _tf() -> Any:
    import pytfjs
    return pytfjs


class Constraint:
    class_name = "Constraint"

    def __call__(self, w: Tensor) -> Tensor:
        return w

    def get_config(self) -> dict[str, Any]:
        return {}


class MaxNorm(Constraint):
    class_name = "MaxNorm"

    def __init__(self, max_value: float = 2.0, axis: int = 0) -> None:
        self.max_value, self.axis = max_value, axis

    def __call__(self, w: Tensor) -> Tensor:
        tf = _tf()
        norms = tf.sqrt(tf.sum(tf.square(w), self.axis, True))
        desired = tf.clip_by_value(norms, 0, self.max_value)
        return tf.mul(w, tf.div(desired, tf.add(norms, EPS)))

    def get_config(self) -> dict[str, Any]:
        return {"max_value": self.max_value, "axis": self.axis}


class UnitNorm(Constraint):
    class_name = "UnitNorm"

    def __init__(self, axis: int = 0) -> None:
        self.axis = axis

    def __call__(self, w: Tensor) -> Tensor:
        tf = _tf()
        return tf.div(w, tf.add(tf.sqrt(tf.sum(tf.square(w), self.axis, True)), EPS))

    def get_config(self) -> dict[str, Any]:
        return {"axis": self.axis}


class NonNeg(Constraint):
    class_name = "NonNeg"

    def __call__(self, w: Tensor) -> Tensor:
        return _tf().relu(w)


class MinMaxNorm(Constraint):
    class_name = "MinMaxNorm"

    def __init__(self, min_value: float = 0.0, max_value: float = 1.0, rate: float = 1.0,
                 axis: int = 0) -> None:
        self.min_value, self.max_value, self.rate, self.axis = min_value, max_value, rate, axis

    def __call__(self, w: Tensor) -> Tensor:
        tf = _tf()
        norms = tf.sqrt(tf.sum(tf.square(w), self.axis, True))
        desired = tf.add(tf.mul(tf.clip_by_value(norms, self.min_value, self.max_value), self.rate),
                         tf.mul(norms, 1 - self.rate))
        return tf.mul(w, tf.div(desired, tf.add(norms, EPS)))

    def get_config(self) -> dict[str, Any]:
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate,
                "axis": self.axis}


CONSTRAINTS = {c.class_name: c for c in (MaxNorm, UnitNorm, NonNeg, MinMaxNorm)}
_ALIASES = {"maxNorm": "MaxNorm", "max_norm": "MaxNorm", "unitNorm": "UnitNorm",
            "unit_norm": "UnitNorm", "nonNeg": "NonNeg", "non_neg": "NonNeg",
            "minMaxNorm": "MinMaxNorm", "min_max_norm": "MinMaxNorm"}


def get(identifier: Any) -> Constraint:
    if isinstance(identifier, Constraint) or callable(identifier):
        return identifier
    if isinstance(identifier, str):
        name = _ALIASES.get(identifier, identifier)
        if name not in CONSTRAINTS:
            raise ValueError(f"Unknown constraint {identifier!r}")
        return CONSTRAINTS[name]()
    if isinstance(identifier, dict):
        name = identifier.get("class_name", identifier.get("className"))
        cls = CONSTRAINTS.get(_ALIASES.get(name, name))
        if cls is None:
            raise ValueError(f"Unknown constraint class {name!r}")
        return cls(**identifier.get("config", {}))
    raise TypeError(f"Cannot interpret {identifier!r} as a constraint")


def serialize(c: Any) -> Any:
    if c is None:
        return None
    return {"class_name": c.class_name, "config": c.get_config()}
