"""Before/after of the inference-time graph optimisations (not a test; nothing asserts a time).

* ``GraphModel.execute`` on every graph fixture (``../shared/fixtures/tfjs_models`` and
  ``tests/fixtures/graph_models``), loaded with ``optimize=False`` and ``optimize=True``;
* ``LayersModel.predict`` vs ``optimize_for_inference(model).predict`` on MobileNet v1 (alpha 1,
  224x224, the seeded weights of ``bench/specs.py``: conv + BatchNormalization + ReLU(6) layers)
  built with ``tf.layers``.

Each row: min and median ms over ``--runs`` timed calls after 2 warm-ups (a call includes
``.numpy()`` of every output), and the max |Δ| between the two paths relative to max |output|.
Run as the bench does::

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE bench/.venv/bin/python bench/inference.py [--runs 20] [--b32]

ONNX Runtime on the same MobileNet v1 (bench/results/2026-11-27.md, same machine): b1 min 3.2 ms,
b32 min 259 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)

import pytfjs as tf  # noqa: E402
from pytfjs.inference.layers_fold import optimize_for_inference  # noqa: E402

FIXTURE_ROOTS = [os.path.join(ROOT, "..", "shared", "fixtures", "tfjs_models"),
                 os.path.join(ROOT, "tests", "fixtures", "graph_models")]


def _time(fn, runs: int, warm: int = 2) -> tuple[float, float, list]:
    out = None
    for _ in range(warm):
        out = fn()
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        ts.append((time.perf_counter() - t0) * 1e3)
    return min(ts), statistics.median(ts), out


def _time2(fa, fb, runs: int, warm: int = 2) -> tuple[tuple, tuple]:
    """Interleaved timing of two callables (a shared, noisy machine hits both alike)."""
    oa = ob = None
    for _ in range(warm):
        oa, ob = fa(), fb()
    ta, tb = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        oa = fa()
        t1 = time.perf_counter()
        ob = fb()
        t2 = time.perf_counter()
        ta.append((t1 - t0) * 1e3)
        tb.append((t2 - t1) * 1e3)
    return (min(ta), statistics.median(ta), oa), (min(tb), statistics.median(tb), ob)


def _rel(a: list, b: list) -> float:
    worst = 0.0
    for x, y in zip(a, b):
        if x.dtype.kind != "f" or not x.size:
            worst = max(worst, 0.0 if np.array_equal(x, y) else 1.0)
            continue
        worst = max(worst, float(np.abs(x - y).max() / max(np.abs(x).max(), 1e-12)))
    return worst


def graph_rows(runs: int, only: list[str]) -> list[dict]:
    rows = []
    for root in FIXTURE_ROOTS:
        with open(os.path.join(root, "manifest.json")) as f:
            man = json.load(f)
        for e in man["models"]:
            if e["format"] != "graph" or (only and e["name"] not in only):
                continue
            d = os.path.join(root, e["dir"])
            feeds = {m["name"]: np.load(os.path.join(d, "inputs", f"case0_in{i}.npy"))
                     for i, m in enumerate(e["inputs"])}
            models, calls = {}, {}
            for opt in (False, True):
                model = models[opt] = tf.load_graph_model("file://" + os.path.join(d, e["model_json"]),
                                                          optimize=opt)

                def call(model=model) -> list:
                    r = model.execute(dict(feeds))
                    r = r if isinstance(r, list) else [r]
                    out = [t.numpy() for t in r]
                    tf.dispose(r)
                    return out
                calls[opt] = call
            res = dict(zip((False, True), _time2(calls[False], calls[True], runs)))
            stats = models[True].optimization_stats
            for model in models.values():
                model.dispose()
            rows.append({"workload": e["name"], "before_min": res[False][0], "before_med": res[False][1],
                         "after_min": res[True][0], "after_med": res[True][1],
                         "rel_diff": _rel(res[False][2], res[True][2]), "rewrites": stats})
    return rows


def mobilenet_v1_layers(seed: int = 1) -> object:
    """MobileNet v1 as tf.layers: Conv2D/DepthwiseConv2D (no bias) + BatchNormalization + ReLU(6)."""
    import specs
    spec = specs.mobilenet_v1(seed=seed)
    x = inp = tf.input(shape=[specs.IMAGE, specs.IMAGE, 3])
    weights = []
    for i, L in enumerate(spec):
        if L["type"] in ("conv", "dw"):
            k = L["w"].shape[0]
            pad = "same"  # TF 'same': on even sizes with stride 2, pad (0, 1), as specs/ORT use
            if L["type"] == "conv":
                layer = tf.layers.conv2d(filters=L["w"].shape[3], kernel_size=k, strides=L["stride"],
                                         padding=pad, use_bias=False, name=f"conv{i}")
            else:
                layer = tf.layers.depthwise_conv2d(kernel_size=k, strides=L["stride"], padding=pad,
                                                   use_bias=False, name=f"dw{i}")
            x = layer.apply(x)
            weights.append((layer, [L["w"]]))
            bn = tf.layers.batch_normalization(epsilon=specs.BN_EPS, name=f"bn{i}")
            x = bn.apply(x)
            g, b, m, v = L["bn"]
            weights.append((bn, [g, b, m, v]))
            x = tf.layers.relu(max_value=6, name=f"relu{i}").apply(x)
        elif L["type"] == "gap":
            x = tf.layers.global_average_pooling2d().apply(x)
        elif L["type"] == "dense":
            layer = tf.layers.dense(units=L["w"].shape[1], name="logits")
            x = layer.apply(x)
            weights.append((layer, [L["w"], L["b"]]))
    model = tf.model(inputs=inp, outputs=x)
    for layer, ws in weights:
        layer.set_weights([tf.tensor(w) for w in ws])
    return model


def layers_rows(runs: int, batches: list[int]) -> list[dict]:
    import specs
    model = mobilenet_v1_layers()
    fast = optimize_for_inference(model)
    rows = []
    for b in batches:
        x = tf.tensor(specs.image_batch(b))
        r = runs if b == 1 else max(3, runs // 4)

        def before() -> list:
            y = model.predict(x, batch_size=max(b, 32))
            out = [y.numpy()]
            y.dispose()
            return out

        def after() -> list:
            y = fast.predict(x, batch_size=max(b, 32))
            out = [y.numpy()]
            y.dispose()
            return out
        a, o = _time2(before, after, r, 1 if b > 1 else 2)
        rows.append({"workload": f"mobilenet_v1_b{b} (tf.layers predict)", "before_min": a[0],
                     "before_med": a[1], "after_min": o[0], "after_med": o[1],
                     "rel_diff": _rel(a[2], o[2]), "rewrites": fast.stats})
        x.dispose()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--b32", action="store_true", help="also MobileNet v1 at batch 32")
    ap.add_argument("--only", nargs="*", default=[], help="graph fixtures by name")
    ap.add_argument("--no-graph", action="store_true")
    ap.add_argument("--no-layers", action="store_true")
    a = ap.parse_args()
    tf.set_backend("numpy")
    rows = []
    if not a.no_graph:
        rows += graph_rows(a.runs, a.only)
    if not a.no_layers:
        rows += layers_rows(a.runs, [1, 32] if a.b32 else [1])
    print(f"| workload | before min ms (median) | after min ms (median) | speedup (min) | max rel Δ | rewrites |")
    print("|---|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['workload']} | {r['before_min']:.1f} ({r['before_med']:.1f}) | "
              f"{r['after_min']:.1f} ({r['after_med']:.1f}) | {r['before_min'] / r['after_min']:.2f}x | "
              f"{r['rel_diff']:.1e} | {r['rewrites']} |")


if __name__ == "__main__":
    main()
