"""Weight regularizers (L1, L2, L1L2), serialisable by name."""
from __future__ import annotations

from typing import Any

from ..core.tensor import Tensor


class Regularizer:
    class_name = "Regularizer"

    def __call__(self, x: Tensor) -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must implement __call__")

    def get_config(self) -> dict[str, Any]:
        return {}


class L1L2(Regularizer):
    """``l1 * sum(|x|) + l2 * sum(x²)``."""

    class_name = "L1L2"

    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        self.l1, self.l2 = float(l1), float(l2)

    def __call__(self, x: Tensor) -> Tensor:
        import pytfjs as tf
        total = tf.zeros([])
        if self.l1:
            total = tf.add(total, tf.mul(tf.sum(tf.abs(x)), self.l1))
        if self.l2:
            total = tf.add(total, tf.mul(tf.sum(tf.square(x)), self.l2))
        return total

    def get_config(self) -> dict[str, Any]:
        return {"l1": self.l1, "l2": self.l2}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "L1L2":
        return cls(config.get("l1", 0.0), config.get("l2", 0.0))


def l1(l1: float = 0.01) -> L1L2:
    return L1L2(l1=l1)


def l2(l2: float = 0.01) -> L1L2:
    return L1L2(l2=l2)


def l1l2(l1: float = 0.01, l2: float = 0.01) -> L1L2:
    return L1L2(l1, l2)


def get(identifier: Any) -> Regularizer:
    if isinstance(identifier, Regularizer):
        return identifier
    if isinstance(identifier, str):
        return {"l1": l1, "l2": l2, "l1l2": l1l2, "l1_l2": l1l2}[identifier]()
    if isinstance(identifier, dict):
        name = identifier.get("class_name", identifier.get("className"))
        if name not in ("L1L2", "L1", "L2"):
            raise ValueError(f"Unknown regularizer class {name!r}")
        return L1L2.from_config(identifier.get("config", {}))
    raise TypeError(f"Cannot interpret {identifier!r} as a regularizer")


def serialize(reg: Regularizer | None) -> Any:
    return None if reg is None else {"class_name": reg.class_name, "config": reg.get_config()}
