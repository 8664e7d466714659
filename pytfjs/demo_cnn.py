"""The main job: a small convolutional network learns hand-written digits.

``python -m pytfjs.demo_cnn`` (``--epochs``, ``--batch-size``, ``--seed``, ``--plot PATH``,
``--backend``):

1. loads the embedded scikit-learn "digits" data (1,797 8x8 grey images, ``pytfjs.data.digits``)
   and holds out a stratified 20% test split;
2. builds ``conv2d -> max_pooling2d -> conv2d -> max_pooling2d -> flatten -> dense -> dense`` with
   ``tf.sequential`` and prints ``model.summary()``;
3. trains with ``model.fit`` (Adam, categorical cross-entropy, 10% validation split) showing the
   Keras-style progress bar;
4. reports the test loss and accuracy (>= 95%), and that memory stayed flat;
5. writes loss/accuracy curves to ``out/digits_training.png`` with ``pytfjs.vis.plot_history``
   (needs matplotlib: ``.venv/bin/python -m pip install matplotlib``);
6. saves the model in the TF.js layers-model format (``out/digits_model/model.json`` + weight
   shards, loadable by ``tf.loadLayersModel`` in TensorFlow.js), reloads it with
   ``tf.load_layers_model`` and checks that the reloaded model predicts the same.

Runs in a few seconds on a 2-core laptop CPU with the numpy backend.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from typing import Any

import pytfjs as tf
from pytfjs.data.digits import IMAGE_SHAPE, N_CLASSES, load_digits

PLOT_PATH = "out/digits_training.png"
MODEL_DIR = "out/digits_model"


def split_digits(test_fraction: float = 0.2, seed: int = 0) -> tuple[list, list, list, list]:
    """A stratified train/test split of the digits (same class balance in both parts):
    ``(train_images, train_labels, test_images, test_labels)``, pixels scaled to [0, 1]."""
    images, labels = load_digits(normalize=True)
    rng = random.Random(seed)
    by_class: dict[int, list[int]] = {}
    for i, c in enumerate(labels):
        by_class.setdefault(c, []).append(i)
    train_idx: list[int] = []
    test_idx: list[int] = []
    for c in sorted(by_class):
        idx = by_class[c]
        rng.shuffle(idx)
        k = round(len(idx) * test_fraction)
        test_idx += idx[:k]
        train_idx += idx[k:]
    rng.shuffle(train_idx)
    rng.shuffle(test_idx)
    return ([images[i] for i in train_idx], [labels[i] for i in train_idx],
            [images[i] for i in test_idx], [labels[i] for i in test_idx])


def build_model(seed: int = 0) -> tf.layers.Sequential:
    """The CNN: two conv/pool stages (16 and 32 3x3 filters, 'same' padding) and a dense head."""
    def init(k: int) -> dict:
        return {"class_name": "GlorotUniform", "config": {"seed": seed * 100 + k}}
    h, w = IMAGE_SHAPE
    return tf.sequential([
        tf.layers.conv2d(filters=16, kernel_size=3, padding="same", activation="relu",
                         input_shape=[h, w, 1], kernel_initializer=init(1), name="conv1"),
        tf.layers.max_pooling2d(pool_size=2, name="pool1"),
        tf.layers.conv2d(filters=32, kernel_size=3, padding="same", activation="relu",
                         kernel_initializer=init(2), name="conv2"),
        tf.layers.max_pooling2d(pool_size=2, name="pool2"),
        tf.layers.flatten(name="flatten"),
        tf.layers.dense(units=64, activation="relu", kernel_initializer=init(3), name="hidden"),
        tf.layers.dense(units=N_CLASSES, activation="softmax", kernel_initializer=init(4),
                        name="digit"),
    ], name="digits_cnn")


def _images(rows: list[list[float]]) -> tf.Tensor:
    h, w = IMAGE_SHAPE
    return tf.tensor(rows, [len(rows), h, w, 1], "float32")


def _one_hot(labels: list[int]) -> tf.Tensor:
    return tf.tidy(lambda: tf.cast(tf.one_hot(tf.tensor(labels, None, "int32"), N_CLASSES), "float32"))


def train_digits_cnn(epochs: int = 12, batch_size: int = 32, learning_rate: float = 0.005,
                     seed: int = 0, verbose: int = 1, save_dir: str | None = None) -> dict[str, Any]:
    """Trains the CNN and evaluates it on the held-out test split. Frees every tensor it makes
    and returns plain Python values: ``history`` (the ``History``), ``test_loss``,
    ``test_accuracy``, ``train_seconds``, ``params``, ``tensors_per_epoch`` (live tensors
    at the end of each epoch: the same number every epoch shows that memory stays flat).
    With ``save_dir`` the trained model is saved there in the TF.js format and reloaded, and
    ``reload`` reports the largest prediction difference on the test images."""
    train_x, train_y, test_x, test_y = split_digits(seed=seed)
    x_train, y_train = _images(train_x), _one_hot(train_y)
    x_test, y_test = _images(test_x), _one_hot(test_y)
    model = build_model(seed)
    try:
        if verbose:
            print(f"digits: {len(train_y)} training and {len(test_y)} test images of "
                  f"{IMAGE_SHAPE[0]}x{IMAGE_SHAPE[1]} pixels, {N_CLASSES} classes "
                  f"(backend: {tf.get_backend()})\n")
            model.summary()
            print()
        model.compile(optimizer=tf.train.adam(learning_rate), loss="categorical_crossentropy",
                      metrics=["accuracy"])
        per_epoch: list[int] = []  # live tensors at each epoch end: flat when nothing leaks
        track = tf.callbacks.LambdaCallback(
            on_epoch_end=lambda epoch, logs: per_epoch.append(tf.memory()["num_tensors"]))
        start = time.perf_counter()
        history = model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size,
                            validation_split=0.1, shuffle=True, seed=seed, verbose=verbose,
                            callbacks=[track])
        seconds = time.perf_counter() - start
        loss, acc = model.evaluate(x_test, y_test, batch_size=256)
        result = {"history": history, "test_loss": loss.item(), "test_accuracy": acc.item(),
                  "train_seconds": seconds, "params": sum(layer.count_params() for layer in model.layers),
                  "tensors_per_epoch": per_epoch,
                  "n_train": len(train_y), "n_test": len(test_y)}
        tf.dispose([loss, acc])
        if save_dir is not None:
            result["reload"] = save_and_reload(model, x_test, save_dir)
        return result
    finally:
        if model.optimizer is not None:
            model.optimizer.dispose()
        model.dispose()
        tf.dispose([x_train, y_train, x_test, y_test])


def save_and_reload(model: Any, x: tf.Tensor, save_dir: str) -> dict[str, Any]:
    """Saves ``model`` in TF.js's layers-model format, loads it back with
    ``tf.load_layers_model`` and compares the two models' predictions on ``x``."""
    from pytfjs.layers.saving import load_layers_model
    load = getattr(tf, "load_layers_model", load_layers_model)
    info = model.save(save_dir).model_artifacts_info
    reloaded = load(save_dir)
    try:
        def diff() -> float:
            return tf.max(tf.abs(tf.sub(model.predict(x, batch_size=256),
                                        reloaded.predict(x, batch_size=256)))).item()
        max_diff = tf.tidy(diff)
    finally:
        reloaded.dispose()
    return {"path": save_dir, "weight_bytes": info["weight_data_bytes"], "max_abs_diff": max_diff}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plot", default=PLOT_PATH, help="where to write the training curves")
    parser.add_argument("--save-dir", default=MODEL_DIR,
                        help="where to save the trained model (TF.js layers-model format)")
    parser.add_argument("--backend", default=None, help="numpy (default) or python")
    args = parser.parse_args(argv)
    if args.backend:
        tf.set_backend(args.backend)
    wall = time.perf_counter()
    print("== pytfjs demo: a CNN learns hand-written digits ==\n")
    r = train_digits_cnn(epochs=args.epochs, batch_size=args.batch_size, seed=args.seed,
                         save_dir=args.save_dir)
    print(f"\ntest accuracy: {r['test_accuracy']:.2%} (loss {r['test_loss']:.4f}) on "
          f"{r['n_test']} held-out images; trained in {r['train_seconds']:.1f}s")
    counts = r["tensors_per_epoch"]
    flat = "flat" if len(set(counts)) == 1 else "NOT flat"
    print(f"memory: {counts[0]} live tensors after epoch 1, {counts[-1]} after epoch {len(counts)} "
          f"({flat}: every batch frees its temporaries)")
    try:
        from pytfjs.vis import MissingMatplotlibError, plot_history
        path = plot_history(r["history"], args.plot, metrics=["loss", "accuracy"],
                            title="digits CNN (pytfjs)")
        print(f"plot: training curves written to {path}")
    except MissingMatplotlibError as e:
        print(f"plot: skipped. {e}")
    rl = r["reload"]
    same = rl["max_abs_diff"] <= 1e-6
    print(f"save/reload: saved to {rl['path']}/ in the TF.js layers-model format "
          f"({rl['weight_bytes']:,} weight bytes), reloaded with tf.load_layers_model: "
          f"predictions {'match' if same else 'DIFFER'} (max abs diff {rl['max_abs_diff']:.2g})")
    print(f"\ndone in {time.perf_counter() - wall:.1f}s")
    if not same:
        print("FAILED: the reloaded model predicts differently", file=sys.stderr)
        return 1
    if r["test_accuracy"] < 0.95:
        print("FAILED: test accuracy is below 95%", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
