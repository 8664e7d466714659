"""Weight initializers (TF.js ``tf.initializers``), serialisable under their Keras names."""
from __future__ import annotations

import math
from typing import Any

from .. import ops as _ops  # noqa: F401  (ops are registered on import)
from ..core.tensor import Tensor


def _tf() -> Any:
    import pytfjs
    return pytfjs


class Initializer:
    class_name = "Initializer"

    def __call__(self, shape: tuple[int, ...], dtype: str = "float32") -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must implement __call__")

    def get_config(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "Initializer":
        return cls(**config)


class Zeros(Initializer):
    class_name = "Zeros"

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        return _tf().zeros(shape, dtype)


class Ones(Initializer):
    class_name = "Ones"

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        return _tf().ones(shape, dtype)


class Constant(Initializer):
    class_name = "Constant"

    def __init__(self, value: float = 0.0) -> None:
        self.value = value

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        return _tf().fill(shape, float(self.value), dtype)

    def get_config(self) -> dict[str, Any]:
        return {"value": self.value}


class RandomUniform(Initializer):
    class_name = "RandomUniform"

    def __init__(self, minval: float = -0.05, maxval: float = 0.05, seed: int | None = None) -> None:
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        return _tf().random_uniform(shape, self.minval, self.maxval, dtype, self.seed)

    def get_config(self) -> dict[str, Any]:
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class RandomNormal(Initializer):
    class_name = "RandomNormal"

    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: int | None = None) -> None:
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        return _tf().random_normal(shape, self.mean, self.stddev, dtype, self.seed)

    def get_config(self) -> dict[str, Any]:
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class TruncatedNormal(RandomNormal):
    class_name = "TruncatedNormal"

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        return _tf().truncated_normal(shape, self.mean, self.stddev, dtype, self.seed)


def _fans(shape: tuple[int, ...], data_format: str = "channelsLast") -> tuple[float, float]:
    if len(shape) < 1:
        return 1.0, 1.0
    if len(shape) == 1:
        return float(shape[0]), float(shape[0])
    if len(shape) == 2:
        return float(shape[0]), float(shape[1])
    receptive = 1
    for d in shape[:-2]:
        receptive *= d
    return float(shape[-2] * receptive), float(shape[-1] * receptive)


class VarianceScaling(Initializer):
    """Samples with variance ``scale / n`` (n: fan_in, fan_out or their average)."""

    class_name = "VarianceScaling"

    def __init__(self, scale: float = 1.0, mode: str = "fan_in", distribution: str = "normal",
                 seed: int | None = None) -> None:
        if scale <= 0:
            raise ValueError(f"VarianceScaling: scale must be positive, got {scale}")
        mode = {"fanIn": "fan_in", "fanOut": "fan_out", "fanAvg": "fan_avg"}.get(mode, mode)
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(f"VarianceScaling: invalid mode {mode!r}")
        if distribution not in ("normal", "uniform", "truncated_normal", "untruncated_normal"):
            raise ValueError(f"VarianceScaling: invalid distribution {distribution!r}")
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        fan_in, fan_out = _fans(tuple(shape))
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        scale = self.scale / max(1.0, n)
        tf = _tf()
        if self.distribution == "normal":
            # TF.js: a truncated normal with stddev sqrt(scale), without Keras's 0.8796 correction.
            return tf.truncated_normal(shape, 0.0, math.sqrt(scale), dtype, self.seed)
        if self.distribution == "truncated_normal":  # Keras 2.x+: corrected stddev
            return tf.truncated_normal(shape, 0.0, math.sqrt(scale) / 0.87962566103423978,
                                       dtype, self.seed)
        if self.distribution == "untruncated_normal":
            return tf.random_normal(shape, 0.0, math.sqrt(scale), dtype, self.seed)
        limit = math.sqrt(3.0 * scale)
        return tf.random_uniform(shape, -limit, limit, dtype, self.seed)

    def get_config(self) -> dict[str, Any]:
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "seed": self.seed}


def _preset(name: str, scale: float, mode: str, distribution: str) -> type:
    def __init__(self: Any, seed: int | None = None) -> None:
        VarianceScaling.__init__(self, scale, mode, distribution, seed)

    def get_config(self: Any) -> dict[str, Any]:
        return {"seed": self.seed}

    return type(name, (VarianceScaling,), {"class_name": name, "__init__": __init__,
                                           "get_config": get_config,
                                           "__doc__": f"VarianceScaling({scale}, {mode}, {distribution})."})


GlorotUniform = _preset("GlorotUniform", 1.0, "fan_avg", "uniform")
GlorotNormal = _preset("GlorotNormal", 1.0, "fan_avg", "normal")
HeUniform = _preset("HeUniform", 2.0, "fan_in", "uniform")
HeNormal = _preset("HeNormal", 2.0, "fan_in", "normal")
LeCunUniform = _preset("LeCunUniform", 1.0, "fan_in", "uniform")
LeCunNormal = _preset("LeCunNormal", 1.0, "fan_in", "normal")


class Identity(Initializer):
    class_name = "Identity"

    def __init__(self, gain: float = 1.0) -> None:
        self.gain = gain

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        if len(shape) != 2 or shape[0] != shape[1]:
            raise ValueError(f"Identity initializer needs a square 2-D shape, got {list(shape)}")
        tf = _tf()
        return tf.tidy(lambda: tf.mul(tf.eye(shape[0], None, None, dtype), self.gain))

    def get_config(self) -> dict[str, Any]:
        return {"gain": self.gain}


class Orthogonal(Initializer):
    class_name = "Orthogonal"

    def __init__(self, gain: float = 1.0, seed: int | None = None) -> None:
        self.gain, self.seed = gain, seed

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        tf = _tf()
        if len(shape) < 2:
            raise ValueError(f"Orthogonal initializer needs a shape of rank >= 2, got {list(shape)}")
        rows = 1
        for d in shape[:-1]:
            rows *= d
        cols = shape[-1]

        def make() -> Tensor:
            a = tf.random_normal([max(rows, cols), min(rows, cols)], 0.0, 1.0, "float32", self.seed)
            q, r = tf.linalg.qr(a)
            d = tf.sign(tf.linalg.band_part(r, 0, 0))
            q = tf.mul(q, tf.sum(d, 0))
            if rows < cols:
                q = tf.transpose(q)
            return tf.reshape(tf.mul(q, self.gain), list(shape))
        return tf.tidy(make)

    def get_config(self) -> dict[str, Any]:
        return {"gain": self.gain, "seed": self.seed}


INITIALIZERS: dict[str, type] = {c.class_name: c for c in (
    Zeros, Ones, Constant, RandomUniform, RandomNormal, TruncatedNormal, VarianceScaling,
    GlorotUniform, GlorotNormal, HeUniform, HeNormal, LeCunUniform, LeCunNormal, Identity,
    Orthogonal)}
_ALIASES = {"zeros": "Zeros", "ones": "Ones", "constant": "Constant",
            "randomUniform": "RandomUniform", "random_uniform": "RandomUniform",
            "randomNormal": "RandomNormal", "random_normal": "RandomNormal",
            "truncatedNormal": "TruncatedNormal", "truncated_normal": "TruncatedNormal",
            "varianceScaling": "VarianceScaling", "variance_scaling": "VarianceScaling",
            "glorotUniform": "GlorotUniform", "glorot_uniform": "GlorotUniform",
            "glorotNormal": "GlorotNormal", "glorot_normal": "GlorotNormal",
            "heUniform": "HeUniform", "he_uniform": "HeUniform", "heNormal": "HeNormal",
            "he_normal": "HeNormal", "leCunUniform": "LeCunUniform", "lecun_uniform": "LeCunUniform",
            "leCunNormal": "LeCunNormal", "lecun_normal": "LeCunNormal", "identity": "Identity",
            "orthogonal": "Orthogonal"}


def get(identifier: Any) -> Initializer:
    """An initializer from an instance, a name (``"glorot_uniform"``, ``"glorotUniform"``) or a
    config dict (``{"class_name": "VarianceScaling", "config": {...}}``)."""
    if isinstance(identifier, Initializer):
        return identifier
    if isinstance(identifier, str):
        name = _ALIASES.get(identifier, identifier)
        if name not in INITIALIZERS:
            raise ValueError(f"Unknown initializer: {identifier!r}")
        return INITIALIZERS[name]()
    if isinstance(identifier, dict):
        name = identifier.get("class_name", identifier.get("className"))
        cls = INITIALIZERS.get(_ALIASES.get(name, name))
        if cls is None:
            raise ValueError(f"Unknown initializer class: {name!r}")
        return cls.from_config(dict(identifier.get("config", {})))
    raise TypeError(f"Cannot interpret {identifier!r} as an initializer")


def serialize(init: Initializer) -> dict[str, Any]:
    return {"class_name": init.class_name, "config": init.get_config()}
