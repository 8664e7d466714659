"""One (runtime, workload) measurement in its own process; prints one JSON line on stdout.

Run by bench/run.py (which prepares the environment); usable alone for debugging:
    bench/.venv/bin/python bench/worker.py pytfjs mobilenet_v1_b1 --runs 5 --warmup 1
    bench/.venv/bin/python bench/worker.py pytfjs-ort esrgan_x2 --runs 5   # a fixture model (specs.FIXTURES)
Modes: ``time`` (warm-up, then timed runs) and ``mem`` (build and run 3 inferences; the parent
reads the peak RSS of this process from os.wait4).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np
import specs

PY_RUNTIMES = ("pytfjs", "pytfjs-folded", "pytfjs-np", "pytfjs-folded-np", "pytfjs-layers", "pytfjs-layers-opt",
               "pytfjs-ort", "torch", "torch-script", "ort")


def build(runtime: str, workload: str, onnx_dir: str) -> Callable[[], Any]:
    import runtimes as R

    if runtime.endswith("-np"):
        # NumPy kernels only: pytfjs's optional Numba kernels off (read at their first use)
        os.environ["PYTFJS_JIT"] = "0"
        runtime = runtime[:-3]

    if workload in specs.FIXTURES:
        return R.fixture_infer(runtime, workload)
    if workload == "cnn_train":
        params = specs.small_cnn()
        x, y = specs.cnn_batch()
        if runtime == "pytfjs":
            return R.pytfjs_train(params, x, y)
        if runtime == "torch":
            return R.torch_train(params, x, y)
        raise SystemExit(f"no training row for {runtime}")
    model, batch = workload.rsplit("_b", 1)
    layers = specs.MODELS[model]()
    x = specs.image_batch(int(batch))
    if runtime in ("pytfjs", "pytfjs-folded"):
        return R.pytfjs_infer(layers, x, folded=runtime == "pytfjs-folded")
    if runtime == "pytfjs-ort":
        return R.pytfjs_onnx_infer(layers, x)
    if runtime in ("pytfjs-layers", "pytfjs-layers-opt"):
        return R.pytfjs_layers_infer(layers, x, optimized=runtime == "pytfjs-layers-opt")
    if runtime in ("torch", "torch-script"):
        return R.torch_infer(layers, x, mode="script" if runtime == "torch-script" else "eager")
    if runtime == "ort":
        return R.ort_infer(layers, x, f"{onnx_dir}/{workload}.onnx")
    raise SystemExit(f"unknown runtime {runtime}")


def measure(fn: Callable[[], Any], warmup: int, runs: int, budget_s: float, min_runs: int
            ) -> tuple[list[float], list[Any]]:
    outs = [fn() for _ in range(warmup)]
    gc.collect()
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < runs:
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
        if time.perf_counter() - start > budget_s and len(times) >= min_runs:
            break
    return times, outs


def summary(out: Any) -> Any:
    """What run.py compares across runtimes: the first logits row, or the warm-up losses."""
    if isinstance(out, np.ndarray):
        return out[0].astype(float).tolist()
    return out


def status_mib(field: str = "VmRSS") -> float:
    for ln in open("/proc/self/status"):
        if ln.startswith(field + ":"):
            return int(ln.split()[1]) / 1024
    return float("nan")


def trim_heap() -> None:
    try:
        import ctypes
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def reset_peak_rss() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def runtime_baseline(runtime: str) -> float:
    """RSS (MiB) once the runtime's library is loaded and ready, before any model exists: what
    the process costs whatever the model (Python, NumPy, torch, ONNX Runtime, Numba, ...)."""
    if runtime.startswith("pytfjs"):
        if runtime.endswith("-np"):
            os.environ["PYTFJS_JIT"] = "0"
        import pytfjs as tf
        tf.ready()
        with tf.tidy():
            # loads the backend's lazy parts: each kernel the models use once (the Numba kernels
            # where enabled, BLAS's per-thread work buffers) on small tensors
            x, c = tf.ones([1, 8, 8, 16]), tf.ones([16])
            tf.fused.depthwise_conv2d(x=x, filter=tf.ones([3, 3, 16, 1]), strides=1, pad="same",
                                      bias=c, activation="relu6").numpy()
            tf.fused.conv2d(x=x, filter=tf.ones([1, 1, 16, 16]), strides=1, pad="same", bias=c,
                            activation="relu6").numpy()
            y = tf.depthwise_conv2d(x, tf.ones([3, 3, 16, 1]), 1, "same")
            y = tf.conv2d(y, tf.ones([1, 1, 16, 16]), 1, "same")
            tf.relu6(tf.batch_norm(y, c, c, c, c, 1e-3)).numpy()
            tf.fused.mat_mul(a=tf.ones([2, 16]), b=tf.ones([16, 4]), bias=tf.ones([4])).numpy()
        if runtime == "pytfjs-ort":
            import onnxruntime  # noqa: F401
    elif runtime.startswith("torch"):
        import torch  # noqa: F401
    elif runtime == "ort":
        import onnxruntime  # noqa: F401
    return status_mib()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("runtime", choices=PY_RUNTIMES)
    ap.add_argument("workload")
    ap.add_argument("--mode", choices=("time", "mem", "export"), default="time")
    ap.add_argument("--onnx-dir", default=None, help="where run.py exported the ONNX files")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--min-runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--budget", type=float, default=60.0, help="stop after this many s once min-runs are done")
    a = ap.parse_args()
    if a.mode == "export":
        import runtimes as R

        model, batch = a.workload.rsplit("_b", 1)
        R.ort_export(specs.MODELS[model](), int(batch), f"{a.onnx_dir}/{a.workload}.onnx")
        print(json.dumps({"exported": a.workload}))
        return
    missing = specs.fixture_missing(a.workload) if a.workload in specs.FIXTURES else None
    if missing:
        print(json.dumps({"skip": missing}))
        return
    baseline_mib = runtime_baseline(a.runtime) if a.mode == "mem" else None
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        import runtimes as R

        try:
            fn = build(a.runtime, a.workload, a.onnx_dir or tmp)
        except R.NotApplicable as e:  # the table shows the reason instead of numbers
            print(json.dumps({"skip": f"n/a: {e}"}))
            return
        build_s = time.perf_counter() - t0
        if a.mode == "mem":
            # the peak during inference only: the bench's own NumPy copies of the weights and
            # input (spec generation in float64, BN folding) are freed once build() returned, and
            # their pages are handed back to the OS (malloc_trim; pytfjs's allocator tuning
            # otherwise keeps freed heap for reuse); Linux resets VmHWM (the peak RSS) on
            # writing 5 to clear_refs
            gc.collect()
            trim_heap()
            reset = reset_peak_rss()
            outs = [fn() for _ in range(3)]
            res = {"build_s": build_s, "out": summary(outs[0]), "baseline_mib": baseline_mib,
                   "inference_peak_mib": status_mib("VmHWM") if reset else None}
            if a.runtime.startswith("pytfjs") and a.runtime != "pytfjs-ort":
                import pytfjs as tf
                # weights + the largest set of live tensors during one inference (engine bytes)
                forward = getattr(fn, "forward", None)
                info = tf.profile(lambda: forward().dispose()) if forward else tf.profile(fn)
                res["engine_peak_mib"] = info.peak_bytes / 2**20
            print(json.dumps(res))
            return
        warm = max(a.warmup, 2) if a.workload == "cnn_train" else a.warmup
        times, outs = measure(fn, warm, a.runs, a.budget, a.min_runs)
    res: dict[str, Any] = {"n": len(times), "median_ms": statistics.median(times), "min_ms": min(times),
                           "build_s": build_s, "times_ms": times}
    if a.workload == "cnn_train":
        res["out"] = outs[:2]  # first two losses: same init -> same first loss, then Adam agrees
    elif a.workload in specs.FIXTURES:
        res.update(specs.fixture_diff(a.workload, outs[0]))  # against the TF.js reference outputs
    else:
        res["out"] = summary(outs[0])
    print(json.dumps(res))


if __name__ == "__main__":
    main()
