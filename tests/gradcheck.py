"""Numerical gradient checks (central differences) for the tape's analytic gradients.

``check_grads(tf, f, xs)`` compares ``tf.grads(f)(xs, dy)`` with central differences of
``sum(f(*xs) * dy)`` for a fixed random ``dy``. It computes in float64 where the backend can
(``capabilities.float64``), otherwise in float32 with a larger step and tolerance.
"""
from __future__ import annotations

import random
from typing import Any, Callable


def check_grads(tf: Any, f: Callable[..., Any], xs: list[Any], *, seed: int = 0,
                rtol: float | None = None, atol: float | None = None,
                eps: float | None = None) -> None:
    f64 = tf.backend().capabilities.float64
    dtype = "float64" if f64 else "float32"
    eps = eps or (1e-6 if f64 else 1e-2)
    rtol = rtol if rtol is not None else (1e-5 if f64 else 5e-2)
    atol = atol if atol is not None else (1e-7 if f64 else 5e-2)
    values = [x.to_list() if hasattr(x, "to_list") else x for x in xs]
    shapes = [tuple(x.shape) if hasattr(x, "shape") else () for x in xs]
    with tf.tidy():
        ts = [tf.tensor(v, s or None, dtype) if s else tf.scalar(v, dtype) for v, s in zip(values, shapes)]
        y = f(*ts)
        rng = random.Random(seed)
        dy_flat = [rng.uniform(0.5, 1.5) * rng.choice((-1, 1)) for _ in range(max(y.size, 1))]
        dy = tf.tensor(dy_flat[: y.size] if y.shape else dy_flat[0], y.shape or None, dtype) \
            if y.shape else tf.scalar(dy_flat[0], dtype)
        analytic = tf.grads(f)(ts, dy)

        def objective(args: list) -> float:
            return float(tf.sum(tf.mul(f(*args), dy)).item())

        for i, (t, s) in enumerate(zip(ts, shapes)):
            flat = t.data_sync().tolist()
            got = analytic[i].data_sync().tolist()
            assert len(got) == len(flat), f"gradient {i} has {len(got)} values, expected {len(flat)}"
            for j in range(len(flat)):
                plus, minus = list(flat), list(flat)
                plus[j] += eps
                minus[j] -= eps
                args_p = list(ts)
                args_m = list(ts)
                args_p[i] = tf.tensor(plus, s or None, dtype) if s else tf.scalar(plus[0], dtype)
                args_m[i] = tf.tensor(minus, s or None, dtype) if s else tf.scalar(minus[0], dtype)
                numeric = (objective(args_p) - objective(args_m)) / (2 * eps)
                assert abs(got[j] - numeric) <= atol + rtol * abs(numeric), (
                    f"d/dx{i}[{j}]: analytic {got[j]:.8g} != numeric {numeric:.8g}")
