"""xp kernels: random (unseeded draws; seeded ops reproduce TF.js in ``core/random.py``).

The kernels follow TF.js's value rules with the array module's fast generator:
``RandomUniform`` computes ``minval + (maxval - minval) * u`` in double and stores it as TF.js's
typed arrays would (float32 rounds; int32 truncates toward zero; bool is nonzero after
truncation). ``RandomStandardNormal``/``TruncatedNormal`` scale standard normals by
``std_dev`` and shift by ``mean``; int32 results are rounded half up (``Math.round``);
truncated values lie within ``mean +/- 2 * std_dev`` (redrawn until they do).
"""
from __future__ import annotations

from typing import Any, Callable


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    state: dict[str, Any] = {}

    def rng() -> Any:
        g = state.get("rng")
        if g is None:
            g = state["rng"] = xp.random.default_rng()
        return g

    def store(values: Any, dtype: str) -> Any:
        """float64 values -> the output dtype, as a JS typed array stores them."""
        if dtype == "float32":
            return values.astype(xp.float32)
        t = xp.trunc(values)
        if dtype == "bool":
            return xp.remainder(t, 256) != 0  # Uint8Array keeps the low byte
        return t.astype(xp.int64).astype(xp.int32)

    def random_uniform(*, shape: tuple, minval: float, maxval: float, dtype: str) -> Any:
        span = maxval - minval
        if dtype == "float32" and abs(minval) < 3e38 and abs(span) < 3e38:
            # float32 draws are twice as fast; the result keeps float32's resolution.
            u = rng().random(shape, dtype=xp.float32)
            return (u * xp.float32(span) + xp.float32(minval)).astype(xp.float32, copy=False)
        return store(minval + span * rng().random(shape), dtype)

    def normal(shape: tuple, mean: float, std_dev: float, dtype: str, truncated: bool) -> Any:
        z = rng().standard_normal(shape, dtype=xp.float32 if dtype == "float32" else xp.float64)
        if truncated:
            bad = xp.abs(z) > 2
            while bool(bad.any()):  # rounds, not elements: about 4.6% are redrawn each time
                z[bad] = rng().standard_normal(int(bad.sum()), dtype=z.dtype)
                bad = xp.abs(z) > 2
        if dtype == "float32":
            return (z * xp.float32(std_dev) + xp.float32(mean)).astype(xp.float32, copy=False)
        v = z * std_dev + mean
        return xp.floor(v + 0.5).astype(xp.int64).astype(xp.int32)  # Math.round

    def random_normal(*, shape: tuple, mean: float, std_dev: float, dtype: str) -> Any:
        return normal(shape, mean, std_dev, dtype, False)

    def truncated_normal(*, shape: tuple, mean: float, std_dev: float, dtype: str) -> Any:
        return normal(shape, mean, std_dev, dtype, True)

    return {"RandomUniform": random_uniform, "RandomStandardNormal": random_normal,
            "TruncatedNormal": truncated_normal}
