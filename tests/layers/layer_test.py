"""``run_layer_test``: the one helper every layer's test uses (Keras ``run_layer_test`` style).

It checks, for one layer configuration: eager build + call, the symbolic call and
``compute_output_shape``, the config → ``from_config`` → JSON round trip, the weights round trip
(same outputs), one training step through a model (loss finite; trainable weights move), and
that nothing leaks (the ``tf`` fixture's scope)."""
from __future__ import annotations

import json
import math
import random
from typing import Any

from pytfjs.layers.serialization import LAYER_CLASSES


def _random_input(tf: Any, shape: tuple, dtype: str, seed: int) -> Any:
    rng = random.Random(seed)
    n = 1
    for d in shape:
        n *= d
    if dtype == "int32":
        return tf.tensor([rng.randrange(0, 5) for _ in range(n)], list(shape), "int32")
    return tf.tensor([rng.uniform(-1, 1) for _ in range(n)], list(shape), dtype)


def _close(a: Any, b: Any, tol: float = 1e-5) -> bool:
    fa, fb = a.data_sync().tolist(), b.data_sync().tolist()
    return len(fa) == len(fb) and all(
        (math.isnan(x) and math.isnan(y)) or abs(x - y) <= tol + tol * abs(y) for x, y in zip(fa, fb))


def run_layer_test(tf: Any, factory: str, kwargs: dict, input_shape: tuple, *,
                   input_dtype: str = "float32", expected_output_shape: tuple | None = None,
                   trains: bool = True, deterministic: bool = True, seed: int = 0,
                   call_kwargs: dict | None = None) -> None:
    """``factory`` is the ``tf.layers`` name (``"dense"``); ``input_shape`` includes the batch."""
    make = getattr(tf.layers, factory)
    call_kwargs = call_kwargs or {}
    with tf.tidy():
        x = _random_input(tf, tuple(input_shape), input_dtype, seed)
        layer = make(**kwargs)
        y = layer.apply(x, **call_kwargs)
        ys = y if isinstance(y, list) else [y]
        shapes = layer.compute_output_shape(tuple(input_shape))
        shapes = shapes if isinstance(shapes, list) else [shapes]
        for out, s in zip(ys, shapes):
            assert tuple(out.shape) == tuple(s), f"{factory}: eager output {out.shape} != compute_output_shape {s}"
        if expected_output_shape is not None:
            assert tuple(ys[0].shape) == tuple(expected_output_shape), \
                f"{factory}: output shape {ys[0].shape} != expected {expected_output_shape}"

        # symbolic call
        inp = tf.input(batch_shape=[None, *input_shape[1:]], dtype=input_dtype)
        layer_s = make(**kwargs)
        sym = layer_s.apply(inp, **call_kwargs)
        syms = sym if isinstance(sym, list) else [sym]
        for s, out in zip(syms, ys):
            assert tuple(s.shape[1:]) == tuple(out.shape[1:]), \
                f"{factory}: symbolic shape {s.shape} vs eager {out.shape}"

        # config round trip through JSON
        config = layer.get_config()
        text = json.dumps({"class_name": layer.class_name, "config": config})
        spec = json.loads(text)
        assert spec["class_name"] in LAYER_CLASSES, f"{layer.class_name} is not registered"
        clone = LAYER_CLASSES[spec["class_name"]].from_config(dict(spec["config"]))
        assert clone.get_config() == config, f"{factory}: config changed in the round trip"

        # weights round trip: same outputs
        y2 = clone.apply(x, **call_kwargs)
        if layer.weights:
            clone.set_weights([tf.clone(w) for w in layer.get_weights()])
            y2 = clone.apply(x, **call_kwargs)
        if deterministic:
            for a, b in zip(ys, y2 if isinstance(y2, list) else [y2]):
                assert _close(a, b), f"{factory}: outputs differ after the config/weights round trip"

        # one training step
        if trains and not isinstance(sym, list) and sym.dtype == "float32" and layer_s.trainable_weights:
            model = tf.model(inputs=inp, outputs=sym)
            model.compile(optimizer=tf.train.sgd(0.1), loss="mean_squared_error")
            target = tf.zeros([input_shape[0], *[d for d in sym.shape[1:]]])
            before = [tf.clone(w.read()) for w in model.trainable_weights]
            loss = model.train_on_batch(x, target)
            loss = loss[0] if isinstance(loss, list) else loss
            assert math.isfinite(loss), f"{factory}: training loss is {loss}"
            if before:
                moved = any(not _close(b, w.read(), 0.0) for b, w in zip(before, model.trainable_weights))
                assert moved, f"{factory}: one SGD step left every trainable weight unchanged"
            model.optimizer.dispose()
        for lyr in (layer, layer_s, clone):
            lyr.dispose()
