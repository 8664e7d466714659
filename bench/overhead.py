"""Per-op engine overhead of pytfjs on tiny tensors, and the small-CNN optimizer step.

Not a test. Extends ``op_overhead.py`` with the cases the engine's fast paths target: a binary
op on two tensors, a Python scalar operand, a unary op, ``tf.tidy`` of 10 ops, a chained
expression, and an Adam ``apply_gradients`` on the small CNN's 8 variables (kernel calls and µs).

    .venv/bin/python bench/overhead.py [--repeat 30] [--profile CASE]

Prints the median and min of ``repeat`` runs, in microseconds per call. ``--profile CASE`` runs
cProfile on one case and prints the top functions by internal time.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time

import numpy as np

import pytfjs as tf


def bench(fn, repeat: int = 30, number: int = 300) -> tuple[float, float]:
    for _ in range(number):
        fn()
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - t0) / number * 1e6)
    return statistics.median(runs), min(runs)


def _cnn_vars() -> list:
    """The small CNN's variables (``specs.small_cnn``: 2 conv + 2 dense layers with biases)."""
    import specs  # bench/specs.py (this script's directory is on sys.path)
    return [tf.variable(tf.tensor(a), name=f"ovh_{k}") for k, a in specs.small_cnn().items()]


def cases() -> dict:
    rng = np.random.default_rng(0)
    a = tf.tensor(rng.standard_normal(4).astype(np.float32))
    b = tf.tensor(rng.standard_normal(4).astype(np.float32))
    tf.keep(a), tf.keep(b)
    a_np, b_np = a.numpy(), b.numpy()

    def ten_ops():
        x = a + b
        x = x * a
        x = x - b
        x = tf.exp(x)
        x = x / a
        x = tf.sqrt(tf.abs(x))
        x = x + 1.0
        x = tf.neg(x)
        x = tf.square(x)
        return tf.maximum(x, b)

    def add_dispose():
        tf.add(a, b).dispose()

    def add_scalar_dispose():
        tf.add(a, 2.0).dispose()

    def exp_dispose():
        tf.exp(a).dispose()

    vars_ = _cnn_vars()
    grads = {v.name: tf.keep(tf.tensor(rng.standard_normal(v.shape).astype(np.float32) * 0.01))
             for v in vars_}
    opt = tf.train.adam(1e-3)
    opt.apply_gradients(grads)  # creates the slots

    def adam_step():
        opt.apply_gradients(grads)

    return {
        "numpy add n=4": lambda: a_np + b_np,
        "add(a, b) n=4": add_dispose,
        "add(a, 2.0) n=4": add_scalar_dispose,
        "exp(a) n=4": exp_dispose,
        "a + b (operator)": lambda: (a + b).dispose(),
        "tidy(10 ops) n=4": lambda: tf.tidy(ten_ops).dispose(),
        "adam step (8 vars, CNN)": adam_step,
    }


def count_kernels(fn) -> int:
    return len(tf.profile(fn).kernels)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--profile", default=None, help="cProfile one case (name prefix)")
    args = ap.parse_args()
    tf.set_backend("numpy")
    cs = cases()
    if args.profile:
        name = next(n for n in cs if n.startswith(args.profile))
        fn = cs[name]
        for _ in range(200):
            fn()
        pr = cProfile.Profile()
        pr.enable()
        for _ in range(3000 if "adam" not in name else 100):
            fn()
        pr.disable()
        pstats.Stats(pr).sort_stats("tottime").print_stats(25)
        return
    print(f"backend: {tf.get_backend()}  (microseconds per call; median / min of {args.repeat})")
    print(f"{'case':<28}{'median':>10}{'min':>10}{'kernels':>9}")
    mem0 = tf.memory().num_tensors
    for name, fn in cs.items():
        number = 20 if "adam" in name else 300
        med, mn = bench(fn, args.repeat, number)
        k = "" if name.startswith("numpy") else str(count_kernels(fn))
        print(f"{name:<28}{med:>10.2f}{mn:>10.2f}{k:>9}")
    assert tf.memory().num_tensors == mem0, "a case leaked tensors"


if __name__ == "__main__":
    main()
