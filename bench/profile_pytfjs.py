"""Where pytfjs' time goes on the benchmark workloads (tf.profile per kernel, plus wall time).

    bench/.venv/bin/python bench/profile_pytfjs.py [--runs 10] [--pyspy]

For each workload: wall ms per call (no profiler), the sum of kernel_ms that tf.profile reports,
the difference (Python/engine overhead) and its per-kernel-call share, then the kernels grouped by
name and filter shape with their GFLOP/s. --pyspy also samples one workload with py-spy and lists
the functions with the most self time. Run it with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset (as
run.sh does for run.py).
"""
from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import runtimes as R
import specs


def flops(k: Any) -> float:
    """Multiply-adds x 2 for the conv / matmul kernels, from the profiled shapes."""
    n = k.name
    try:
        out = 1
        for d in k.output_shapes[0]:
            out *= d
        if "Depthwise" in n and "Backprop" not in n:
            kh, kw, _, _ = k.input_shapes[1]
            return 2.0 * out * kh * kw
        if "Conv2D" in n and "Backprop" not in n:
            kh, kw, cin, _ = k.input_shapes[1]
            return 2.0 * out * kh * kw * cin
        if "Depthwise" in n and "Backprop" not in n:
            kh, kw, _, _ = k.input_shapes[1]
            return 2.0 * out * kh * kw
        if "MatMul" in n:
            a = k.input_shapes[0]
            return 2.0 * out * a[-1]
    except (IndexError, TypeError, ValueError):
        pass
    return 0.0


def group(k: Any) -> str:
    if k.name in ("Conv2D", "FusedConv2D") and len(k.input_shapes) > 1:
        kh, kw = k.input_shapes[1][:2]
        stride = "s2" if k.output_shapes[0][1] * 2 <= k.input_shapes[0][1] else "s1"
        return f"{k.name} {kh}x{kw} {stride}"
    if "Depthwise" in k.name and "Backprop" not in k.name:
        stride = "s2" if k.output_shapes[0][1] * 2 <= k.input_shapes[0][1] else "s1"
        return f"{k.name} {stride}"
    return k.name


def analyse(name: str, fn: Any, profiled: Any, runs: int) -> None:
    import pytfjs as tf

    for _ in range(3):
        fn()
    walls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        walls.append((time.perf_counter() - t0) * 1e3)
    wall = statistics.median(walls)
    infos = []
    for _ in range(min(runs, 5)):
        info = tf.profile(profiled)
        tf.dispose(info.result)
        infos.append(info)
    info = min(infos, key=lambda i: sum(k.kernel_ms for k in i.kernels))
    kms = sum(k.kernel_ms for k in info.kernels)
    nk = len(info.kernels)
    print(f"\n### {name}\n")
    print(f"wall {wall:.1f} ms (median of {runs}, min {min(walls):.1f}); kernels {kms:.1f} ms in {nk} kernel calls; "
          f"outside kernels {wall - kms:.1f} ms = {(wall - kms) / max(nk, 1) * 1e3:.0f} us per kernel call\n")
    agg: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0, 0.0])
    for k in info.kernels:
        g = agg[group(k)]
        g[0] += 1
        g[1] += k.kernel_ms
        g[2] += flops(k)
    print("| kernel (group) | calls | ms | % of wall | GFLOP/s |\n|---|---:|---:|---:|---:|")
    for g, (c, ms, fl) in sorted(agg.items(), key=lambda kv: -kv[1][1]):
        if ms < 0.005 * wall:
            continue
        gf = f"{fl / ms / 1e6:.1f}" if fl and ms else ""
        print(f"| {g} | {c} | {ms:.1f} | {100 * ms / wall:.0f}% | {gf} |")


def workloads(names: list[str]) -> dict[str, tuple[Any, Any]]:
    import pytfjs as tf

    out = {}
    x1 = specs.image_batch(1)
    for model in ("mobilenet_v1", "mobilenet_v2"):
        for folded in (False, True):
            key = f"{model}_b1{' folded' if folded else ''}"
            if model + "_b1" not in names:
                continue
            run = R.pytfjs_infer(specs.MODELS[model](), x1, folded=folded)
            out[key] = (run, lambda run=run: tf.tidy(lambda: tf.keep(run.forward())))
    if "cnn_train" in names:
        x, y = specs.cnn_batch()
        step = R.pytfjs_train(specs.small_cnn(), x, y)
        out["cnn_train"] = (step, step)
    return out


def pyspy(target: str, seconds: int) -> None:
    exe = os.path.join(os.path.dirname(sys.executable), "py-spy")
    raw = "/tmp/pytfjs_pyspy.txt"
    cmd = [exe, "record", "-r", "250", "-f", "raw", "-o", raw, "--nonblocking", "--",
           sys.executable, __file__, "--spin", target, "--seconds", str(seconds)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0 or not os.path.exists(raw):
        print("py-spy failed:", p.stderr[-500:])
        return
    self_t: collections.Counter = collections.Counter()
    incl: collections.Counter = collections.Counter()
    total = 0
    for ln in open(raw):
        stack, _, n = ln.rstrip().rpartition(" ")
        c = int(n)
        total += c
        frames = stack.split(";")
        self_t[frames[-1]] += c
        for f in set(frames):
            incl[f] += c
    print(f"\n### py-spy: {target} ({total} samples, functions by self time)\n")
    print("| function (file:line) | self % |\n|---|---:|")
    for f, c in self_t.most_common(15):
        print(f"| `{f[:110]}` | {100 * c / total:.1f} |")
    print("\n| function (inclusive, pytfjs only) | incl % |\n|---|---:|")
    shown = 0
    for f, c in incl.most_common(200):
        if "pytfjs" in f and shown < 15:
            print(f"| `{f[:110]}` | {100 * c / total:.1f} |")
            shown += 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--only", default="mobilenet_v1_b1,mobilenet_v2_b1,cnn_train")
    ap.add_argument("--pyspy", default="", help="workload to sample with py-spy, e.g. 'mobilenet_v1_b1 folded'")
    ap.add_argument("--spin", default="", help=argparse.SUPPRESS)
    ap.add_argument("--seconds", type=int, default=15)
    a = ap.parse_args()
    if a.spin:
        fn, _ = workloads([a.spin.split()[0], a.spin])[a.spin]
        end = time.time() + a.seconds
        while time.time() < end:
            fn()
        return
    for name, (fn, profiled) in workloads(a.only.split(",")).items():
        analyse(name, fn, profiled, a.runs)
    if a.pyspy:
        pyspy(a.pyspy, a.seconds)


if __name__ == "__main__":
    main()
