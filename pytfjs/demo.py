"""The main job (``make demo``): pytfjs's engine and ops on the embedded Iris data set.

1. standardises the features with tensor ops;
2. trains a softmax-regression classifier with autodiff and ``tf.train.adam``
   (``optimizer.minimize``: every step frees its temporaries);
3. clusters the flowers with k-means;
4. shows that memory stays flat (``tf.memory``) and where time goes (``tf.profile``).

Runs in a second or two on a laptop CPU, on whichever backend is active
(``python -m pytfjs.demo --backend python`` runs the pure-Python reference backend).
"""
from __future__ import annotations

import argparse
import random
import sys
import time

import pytfjs as tf
from pytfjs.data.iris import CLASSES, load_iris

_SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    return "".join(_SPARK[int((v - lo) / span * (len(_SPARK) - 1))] for v in values)


def standardise(x: tf.Tensor) -> tf.Tensor:
    return tf.tidy(lambda: (x - tf.mean(x, 0)) / tf.sqrt(tf.mean(tf.square(x - tf.mean(x, 0)), 0)))


def train_softmax_regression(x: tf.Tensor, y: tf.Tensor, steps: int, lr: float,
                             log_every: int) -> tuple[tf.Variable, tf.Variable, list[float]]:
    """Softmax regression trained with autodiff (``optimizer.minimize``) and Adam."""
    n, d = x.shape
    k = len(CLASSES)
    # Variables survive tidy; their zero initial values do not need to.
    w = tf.tidy(lambda: tf.variable(tf.zeros([d, k]), name="demo_w"))
    b = tf.tidy(lambda: tf.variable(tf.zeros([k]), name="demo_b"))
    onehot = tf.tidy(lambda: tf.cast(tf.one_hot(y, k), "float32"))
    optimizer = tf.train.adam(lr)
    losses = []

    def loss() -> tf.Tensor:
        logits = tf.add(tf.mat_mul(x, w), b)
        return tf.neg(tf.mean(tf.sum(tf.mul(onehot, tf.log_softmax(logits)), 1)))

    for i in range(steps):
        cost = optimizer.minimize(loss, return_cost=True)
        losses.append(cost.item())
        cost.dispose()
        if (i + 1) % log_every == 0:
            print(f"  step {i + 1:4d}  loss {losses[-1]:.4f}")
    optimizer.dispose()
    tf.dispose(onehot)
    return w, b, losses


def accuracy(x: tf.Tensor, y: tf.Tensor, w: tf.Tensor, b: tf.Tensor) -> float:
    return tf.tidy(lambda: tf.mean(tf.cast(tf.equal(
        tf.arg_max(tf.add(tf.mat_mul(x, w), b), 1), y), "float32")).item())


def kmeans(x: tf.Tensor, k: int, iters: int, seed: int) -> tf.Tensor:
    rng = random.Random(seed)
    centroids = tf.gather(x, rng.sample(range(x.shape[0]), k))
    for _ in range(iters):
        def update(c: tf.Tensor = centroids) -> tf.Tensor:
            dist = tf.sum(tf.square(tf.sub(tf.expand_dims(x, 1), tf.expand_dims(c, 0))), 2)
            assign = tf.one_hot(tf.arg_min(dist, 1), k)
            member = tf.cast(assign, "float32")
            counts = tf.maximum(tf.sum(member, 0), 1.0)
            return tf.div(tf.mat_mul(member, x, True, False), tf.expand_dims(counts, 1))
        new = tf.tidy(update)
        centroids.dispose()
        centroids = new
    labels = tf.tidy(lambda: tf.arg_min(tf.sum(tf.square(
        tf.sub(tf.expand_dims(x, 1), tf.expand_dims(centroids, 0))), 2), 1))
    centroids.dispose()
    return labels


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--backend", default=None, help="numpy (default) or python")
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--seed", type=int, default=0)
    opts = p.parse_args(argv)
    if opts.backend and not tf.set_backend(opts.backend):
        print(f"backend {opts.backend!r} is not available: {tf.engine().init_error(opts.backend)}")
        return 2
    start = time.perf_counter()
    print(f"pytfjs {tf.__version__} on the '{tf.get_backend()}' backend")

    feats, labels = load_iris()
    order = list(range(len(labels)))
    random.Random(opts.seed).shuffle(order)
    train_idx, test_idx = order[:120], order[120:]
    mem0 = tf.memory()

    raw = tf.tensor(feats)
    x_all = standardise(raw)
    y_all = tf.tensor(labels)
    x_train, x_test = tf.gather(x_all, train_idx), tf.gather(x_all, test_idx)
    y_train, y_test = tf.gather(y_all, train_idx), tf.gather(y_all, test_idx)
    print(f"Iris: {x_train.shape[0]} training and {x_test.shape[0]} test flowers, "
          f"{x_train.shape[1]} features, {len(CLASSES)} species")

    print(f"Softmax regression, {opts.steps} Adam steps (autodiff):")
    w, b, losses = train_softmax_regression(x_train, y_train, opts.steps, 0.05, opts.steps // 4 or 1)
    stride = max(1, len(losses) // 40)
    print(f"  loss curve {sparkline(losses[::stride])}")
    train_acc, test_acc = accuracy(x_train, y_train, w, b), accuracy(x_test, y_test, w, b)
    print(f"  accuracy: train {train_acc:.1%}, test {test_acc:.1%}")

    prof = tf.profile(lambda: tf.tidy(lambda: tf.softmax(tf.add(tf.mat_mul(x_train, w), b))))
    print("Profile of one forward pass:")
    print("  " + prof.summary().replace("\n", "\n  "))
    tf.dispose(prof.result)

    clusters = kmeans(x_all, 3, 10, opts.seed)
    found = clusters.to_list()
    purity = sum(max(sum(1 for c, y in zip(found, labels) if c == j and y == s)
                     for s in range(3)) for j in range(3)) / len(labels)
    print(f"k-means with 3 clusters: purity {purity:.1%} against the true species")

    tf.dispose([raw, x_all, y_all, x_train, x_test, y_train, y_test, clusters])
    tf.dispose_variables()
    mem1 = tf.memory()
    print(f"Memory: {mem1.num_tensors - mem0.num_tensors} tensors and "
          f"{mem1.num_bytes - mem0.num_bytes} bytes left after the run "
          f"({mem1.num_tensors} live in total)")
    print(f"Done in {time.perf_counter() - start:.2f} s")
    ok = test_acc >= 0.9 and mem1.num_tensors == mem0.num_tensors
    if not ok:
        print("demo check FAILED: expected test accuracy >= 90% and no leaked tensors")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
