"""Per-op dispatch overhead of pytfjs against raw NumPy, on tiny and medium tensors.

Not a test: prints a table of medians and ratios. Run: ``.venv/bin/python bench/op_overhead.py``
(to compare GEMM-bound figures fairly, unset OPENBLAS_CORETYPE for this command only).
"""
from __future__ import annotations

import statistics
import time

import numpy as np

import pytfjs as tf


def bench(fn, repeat: int = 30, number: int = 200) -> float:
    for _ in range(number):
        fn()
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - t0) / number * 1e6)
    return statistics.median(runs)


def main() -> None:
    print(f"backend: {tf.get_backend()}  (microseconds per call, median of 30)")
    print(f"{'workload':<28}{'numpy':>10}{'pytfjs':>10}{'ratio':>8}")
    for n in (4, 256 * 256):
        a_np = np.random.default_rng(0).standard_normal(n).astype(np.float32)
        a = tf.tensor(a_np)
        rows = [
            (f"add n={n}", lambda: a_np + a_np, lambda: tf.tidy(lambda: a + a)),
            (f"add+mul+exp n={n}", lambda: np.exp((a_np + a_np) * a_np),
             lambda: tf.tidy(lambda: tf.exp((a + a) * a))),
        ]
        for name, ref, ours in rows:
            r, o = bench(ref), bench(ours)
            print(f"{name:<28}{r:>10.2f}{o:>10.2f}{o / r:>8.1f}x")
        a.dispose()


if __name__ == "__main__":
    main()
