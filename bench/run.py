"""pytfjs against its peers, all measured in this run on this machine. Not a test.

    bash bench/run.sh                      # full run (~10-15 min on 2 cores)
    bash bench/run.sh --quick              # 5 timed runs, batch-1 and training rows only (~2 min)
    bash bench/run.sh --only pytfjs,torch,mobilenet_v1_b1   # filter runtimes and/or workloads

Every (workload, runtime) cell runs in its own process (bench/worker.py for Python runtimes,
bench/node/bench.js for TF.js) on the same seeded weights (bench/specs.py): warm-up, then >= 30
timed runs (a cell whose runs exceed --budget seconds stops after --min-runs; the table shows n).
The real TF.js models of ../shared/fixtures/tfjs_models (esrgan_x2, synthetic_cnn, text_rnn, rvm,
faceboxes) run on their case-0 inputs and are compared with the fixtures' TF.js reference outputs.
OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are removed from the environment of the measured processes
(this machine sets them for old OpenBLAS builds; they halve a current numpy's GEMM speed), and the
BLAS kernel that then runs is reported. Writes bench/results/<date>.md, .json and .png.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import numpy as np
import specs

SPEC_WORKLOADS = ["mobilenet_v1_b1", "mobilenet_v1_b32", "mobilenet_v2_b1", "mobilenet_v2_b32", "cnn_train"]
# the real TF.js models of ../shared/fixtures/tfjs_models (specs.FIXTURES), on their case-0 inputs
FIXTURE_WORKLOADS = list(specs.FIXTURES)
WORKLOADS = SPEC_WORKLOADS + FIXTURE_WORKLOADS
RUNTIMES = ["pytfjs", "pytfjs-folded", "pytfjs-np", "pytfjs-folded-np", "pytfjs-layers", "pytfjs-layers-opt",
            "pytfjs-ort", "torch", "torch-script", "ort", "tfjs-cpu", "tfjs-wasm"]
LABELS = {"pytfjs": "pytfjs numpy + Numba kernels (eager ops; BN as an op)",
          "pytfjs-folded": "pytfjs numpy + Numba kernels (folded BN, fused ops)",
          "pytfjs-np": "pytfjs numpy, NumPy kernels only (eager ops; BN as an op)",
          "pytfjs-folded-np": "pytfjs numpy, NumPy kernels only (folded BN, fused ops)",
          "pytfjs-layers": "pytfjs + Numba, Layers API model.predict (Conv2D/BatchNormalization/ReLU layers)",
          "pytfjs-layers-opt": "pytfjs + Numba, Layers API model.optimize_for_inference().predict",
          "pytfjs-ort": "pytfjs -> ONNX Runtime (tf.onnx.compile of the folded model)",
          "torch": "PyTorch CPU eager", "torch-script": "PyTorch TorchScript (frozen)",
          "ort": "ONNX Runtime (from torch)", "tfjs-cpu": "TF.js Node cpu", "tfjs-wasm": "TF.js Node wasm"}
# the same runtimes on the fixture models, which they load from model.json instead of building
FIXTURE_LABELS = {**LABELS,
                  "pytfjs": "pytfjs numpy + Numba kernels (model.predict / execute)",
                  "pytfjs-folded": "pytfjs numpy + Numba kernels (model.optimize_for_inference())",
                  "pytfjs-np": "pytfjs numpy, NumPy kernels only (model.predict / execute)",
                  "pytfjs-folded-np": "pytfjs numpy, NumPy kernels only (model.optimize_for_inference())",
                  "pytfjs-ort": "pytfjs -> ONNX Runtime (tf.onnx.compile(model))"}


def label(w: str, rt: str) -> str:
    return (FIXTURE_LABELS if w in specs.FIXTURES else LABELS)[rt]


def legend(rt: str, ws: list[str]) -> str:
    """The chart's legend entry for ``rt``: both descriptions when the chart has both kinds of rows."""
    kinds = {w in specs.FIXTURES for w in ws}
    a, b = LABELS[rt], FIXTURE_LABELS[rt]
    if len(kinds) == 1 or a == b:
        return b if True in kinds else a
    head = a.split(" (")[0]
    return f"{head} ({a[len(head) + 2:-1]};\nfixture models: {b[len(head) + 2:-1]})"


OURS = ("pytfjs", "pytfjs-folded", "pytfjs-np", "pytfjs-folded-np", "pytfjs-layers", "pytfjs-layers-opt",
        "pytfjs-ort")
EAGER = ("pytfjs", "pytfjs-np")          # the "eager numpy backend" rows (3x ORT)
MODEL_INFERENCE = ("pytfjs-folded", "pytfjs-folded-np", "pytfjs-layers", "pytfjs-layers-opt",
                   "pytfjs-ort")   # 1.2x ORT
# rows a runtime does not have, with the reason shown in the table
NOT_APPLICABLE = {("cnn_train", "pytfjs-folded"): "BN-free model: same as pytfjs",
                  ("cnn_train", "pytfjs-folded-np"): "BN-free model: same as pytfjs",
                  ("cnn_train", "pytfjs-ort"): "inference only",
                  ("cnn_train", "torch-script"): "inference only", ("cnn_train", "ort"): "inference only",
                  ("cnn_train", "tfjs-wasm"): "wasm has no Conv2DBackpropFilter kernel"}
NOT_APPLICABLE.update({(w, rt): "no PyTorch version of this model" for w in FIXTURE_WORKLOADS
                       for rt in ("torch", "torch-script", "ort")})
NOT_APPLICABLE.update({(w, rt): "the model is loaded as a LayersModel / GraphModel already: the pytfjs rows"
                       for w in FIXTURE_WORKLOADS for rt in ("pytfjs-layers", "pytfjs-layers-opt")})
NOT_APPLICABLE.update({("cnn_train", rt): "training is the pytfjs row" for rt in ("pytfjs-layers", "pytfjs-layers-opt")})
# (pytfjs-folded on the graph models and pytfjs-ort where tf.onnx.compile refuses the model are
# reported n/a by the worker itself, with its reason)
# TF.js' pure-JS cpu backend: ~35 s a MobileNet batch-32 run, ~20 s a training step; --slow runs them
SLOW = {("mobilenet_v1_b32", "tfjs-cpu"), ("mobilenet_v2_b32", "tfjs-cpu"), ("cnn_train", "tfjs-cpu")}
NODE = ["node", str(HERE / "node" / "bench.js")]


def bench_env(pythonpath: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pythonpath, str(ROOT)) if p)
    return env


def sh(cmd: list[str], env: dict[str, str], timeout: float = 1800) -> dict[str, Any]:
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=HERE)
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        err = (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])
        msg = next((ln for ln in reversed(err) if "Error" in ln), err[-1])
        return {"error": msg.strip()[:160]}
    return json.loads(lines[-1])


def peak_rss(cmd: list[str], env: dict[str, str]) -> tuple[float, dict]:
    """Peak RSS (MiB) of one child, from os.wait4 (per-process, unlike RUSAGE_CHILDREN)."""
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=HERE)
    out = p.stdout.read().decode() if p.stdout else ""
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    return ru.ru_maxrss / 1024, (json.loads(lines[-1]) if lines and p.returncode == 0 else {"error": "failed"})


def machine(env: dict[str, str]) -> dict[str, Any]:
    cpu = platform.processor()
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
        flags = next(ln for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("flags"))
        isa = [f for f in ("avx2", "avx512f", "avx512_bf16", "amx_tile") if f" {f}" in flags]
    except (OSError, StopIteration):
        isa = []
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    probe = ("import json, numpy, threadpoolctl, torch, onnxruntime, onnx\n"
             "print(json.dumps({'blas': threadpoolctl.threadpool_info(), 'numpy': numpy.__version__,"
             " 'torch': torch.__version__, 'torch_threads': torch.get_num_threads(),"
             " 'onnxruntime': onnxruntime.__version__, 'onnx': onnx.__version__}))")
    info = sh([sys.executable, "-c", probe], env)
    try:
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        node = "missing"
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "pytfjs"], capture_output=True, text=True,
                           cwd=ROOT).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "loadavg_start": os.getloadavg(), "isa": isa, "mem_gib": round(mem, 1),
            "python": platform.python_version(), "node": node, "pytfjs_rev": rev + ("+dirty" if dirty else ""),
            "env_removed": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}, **info}


def export_specs(d: Path) -> None:
    for name, fn in specs.MODELS.items():
        specs.export_for_node(specs.fold_bn(fn()), d / name)
    for b in (1, 32):
        specs.export_for_node([{"type": "image", "w": specs.image_batch(b)}], d / f"image_b{b}")
    x, y = specs.cnn_batch()
    specs.export_cnn_for_node(specs.small_cnn(), x, y, d / "cnn")
    for w in FIXTURE_WORKLOADS:
        if not specs.fixture_missing(w):
            specs.export_fixture_for_node(w, d / f"fx_{w}")


def node_fixture_diff(workload: str, r: dict) -> None:
    """Compares a TF.js fixture cell's outputs (raw file written by bench.js) with the fixture's
    reference outputs, as worker.py does for the Python rows; drops the raw file."""
    raw, meta = r.pop("outputs_file", None), r.pop("outputs_raw", None)
    if not raw or meta is None:
        return
    data = Path(raw).read_bytes()
    outs = []
    for m in meta:
        dt = np.dtype("<i4" if m["dtype"] == "int32" else "<f4")
        n = int(np.prod(m["shape"], dtype=np.int64))
        outs.append(np.frombuffer(data, dt, n, m["offset"]).reshape(m["shape"]))
    r.update(specs.fixture_diff(workload, outs))
    Path(raw).unlink()


def cell_cmd(workload: str, runtime: str, a: argparse.Namespace, spec_dir: Path, mode: str = "time") -> list[str]:
    big = workload.endswith("_b32")
    warm = 1 if (a.quick or big) else a.warmup
    common = ["--mode", mode, "--runs", str(a.runs), "--warmup", str(warm), "--budget", str(a.budget),
              "--min-runs", str(min(a.min_runs, a.runs))]
    if runtime.startswith("tfjs-"):
        if (workload, runtime) in SLOW:
            common[common.index("--min-runs") + 1] = "3"
        return NODE + ["--backend", runtime[5:], "--workload", workload, "--spec", str(spec_dir)] + common
    return [sys.executable, str(HERE / "worker.py"), runtime, workload, "--onnx-dir", str(spec_dir)] + common


def import_times(env: dict[str, str], n: int) -> dict[str, dict]:
    code = "import time; t = time.perf_counter(); import {m}; print('{{\"import_ms\": %f}}' % ((time.perf_counter() - t) * 1e3))"
    cmds = {"pytfjs": [sys.executable, "-c", code.format(m="pytfjs")],
            "pytfjs (+ numpy backend ready)": [sys.executable, "-c", code.format(m="pytfjs") +
                                               "; import pytfjs as tf; t = time.perf_counter(); tf.ready(); tf.tensor([1.0]).numpy(); print('{\"import_ms\": %f}' % ((time.perf_counter() - t) * 1e3))"],
            "torch": [sys.executable, "-c", code.format(m="torch")],
            "onnxruntime": [sys.executable, "-c", code.format(m="onnxruntime")],
            "numpy": [sys.executable, "-c", code.format(m="numpy")],
            "@tensorflow/tfjs (node)": NODE + ["--import"]}
    res = {}
    for name, cmd in cmds.items():
        ts = []
        for _ in range(n):
            p = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=HERE)
            lines = [json.loads(ln)["import_ms"] for ln in p.stdout.splitlines() if ln.startswith("{")]
            if not lines:
                ts = []
                break
            ts.append(sum(lines))  # the "+ ready" row adds backend init to the import
        res[name] = {"median_ms": statistics.median(ts), "min_ms": min(ts), "n": len(ts)} if ts else {"error": "failed"}
    return res


def select(items: list[str], only: set[str], universe: list[str]) -> list[str]:
    picked = only & set(universe)
    return [i for i in items if not picked or i in picked]


def fmt(v: float) -> str:
    return f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def compare(out: Any, ref: Any) -> str:
    if out is None or ref is None:
        return ""
    d = float(np.max(np.abs(np.asarray(out, float) - np.asarray(ref, float))))
    return f"{d:.1e}"


def report(results: dict, imports: dict, mem: dict, info: dict, a: argparse.Namespace, started: str,
           wall_s: float) -> str:
    L = [f"# pytfjs benchmark — {started}", ""]
    blas = info.get("blas") or [{}]
    blas_s = ", ".join(f"{b.get('internal_api')} {b.get('version')} kernel={b.get('architecture')} "
                       f"threads={b.get('num_threads')}" for b in blas)
    L += ["## Machine", "",
          f"- CPU: {info['cpu']}, {info['cores']} cores ({', '.join(info['isa'])}), {info['mem_gib']} GiB",
          f"- numpy BLAS: {blas_s} (measured processes run without "
          f"OPENBLAS_CORETYPE={info['env_removed']['OPENBLAS_CORETYPE']}, "
          f"OPENBLAS_L2_SIZE={info['env_removed']['OPENBLAS_L2_SIZE']})",
          f"- Python {info['python']}, numpy {info.get('numpy')}, torch {info.get('torch')} "
          f"({info.get('torch_threads')} threads), onnxruntime {info.get('onnxruntime')}, onnx {info.get('onnx')}, "
          f"Node {info['node']}, @tensorflow/tfjs 4.22.0 (+ tfjs-backend-wasm 4.22.0)",
          f"- pytfjs at {info['pytfjs_rev']}{' (' + a.pytfjs_note + ')' if a.pytfjs_note else ''}",
          f"- settings: runs={a.runs}, warm-up={a.warmup} (1 at batch 32), per-cell budget {a.budget:.0f} s "
          f"then stop after >= {a.min_runs} runs; whole run {wall_s / 60:.1f} min",
          f"- load average at start / end: {info['loadavg_start'][0]:.2f} / {info.get('loadavg_end', os.getloadavg())[0]:.2f} "
          f"(other processes on this machine widen median vs min; compare mins when it is high)", ""]
    L += ["![median ms per workload and runtime](CHART)", "",
          "## Latency (ms per call, including reading the result back)", "",
          "× best peer = this median / the fastest non-pytfjs median for the workload. "
          "max|Δ| vs ref = max abs difference of the logits (first row) or of the first two losses against "
          f"PyTorch eager; for the TF.js models of {specs.FIXTURE_ROOT_SHOWN} ({', '.join(FIXTURE_WORKLOADS)}: "
          "case-0 inputs, no PyTorch version) of all outputs against the fixture's reference outputs (TF.js "
          "4.22.0 cpu backend), detections matched order-insensitively where the manifest says so; "
          "\"outside tolerance\" marks a cell not within the manifest's rtol/atol.",
          "× best (min) is the same on the min columns: the steadier figure when the machine is loaded.",
          "", "| workload | runtime | median ms | min ms | n | × best peer | × best (min) | max|Δ| vs ref |",
          "|---|---|---:|---:|---:|---:|---:|---:|"]
    for w, row in results.items():
        peers = [r["median_ms"] for rt, r in row.items() if rt not in OURS and "median_ms" in r]
        best = min(peers) if peers else None
        best_min = min([r["min_ms"] for rt, r in row.items() if rt not in OURS and "min_ms" in r] or [0]) or None
        ref = row.get("torch", {}).get("out")
        for rt, r in row.items():
            if "median_ms" in r:
                ratio = f"{r['median_ms'] / best:.2f}" if best else ""
                name = f"**{label(w, rt)}**" if rt in OURS else label(w, rt)
                n = f"{r['n']}" + ("†" if r["n"] < 30 else "")
                ratio_min = f"{r['min_ms'] / best_min:.2f}" if best_min else ""
                diff = (r.get("max_abs_diff_vs_ref") or r.get("max_abs_diff_vs_torch") or compare(r.get("out"), ref)
                        if rt != "torch" else "—")
                L.append(f"| {w} | {name} | {fmt(r['median_ms'])} | {fmt(r['min_ms'])} | {n} | {ratio} | {ratio_min} | "
                         f"{diff} |")
            else:
                L.append(f"| {w} | {label(w, rt)} | — | — | — | — | — | {r.get('error') or r.get('skip')} |")
    L += ["", "† fewer than 30 runs: the cell ran past its time budget (see settings).", ""]
    if imports:
        L += ["## Import time (fresh process, ms)", "", "| module | median | min | n |", "|---|---:|---:|---:|"]
        for k, r in imports.items():
            L.append(f"| {k} | {fmt(r['median_ms'])} | {fmt(r['min_ms'])} | {r['n']} |" if "median_ms" in r
                     else f"| {k} | — | — | {r['error']} |")
        L.append("")
    if mem:
        L += ["## Peak memory: MobileNet v1 inference (MiB)", "",
              "process = the process's max RSS over its life (build + 3 inferences); baseline = its RSS once the "
              "runtime's library is loaded and ready, before any model (Python, NumPy, torch, ONNX Runtime, "
              "Numba ...); inference = the max RSS during the 3 inferences (VmHWM reset after the build, which "
              "drops the bench's own NumPy copies of weights and input); model = inference - baseline. For "
              "pytfjs, tensors = the engine's peak bytes during one inference (weights + the largest set of live "
              "activations); the issue's target is model <= 1.5 x tensors.", ""]
        for b in ("b1", "b32"):
            L += [f"| {b}: runtime | process | baseline | inference | model | tensors | model / tensors |",
                  "|---|---:|---:|---:|---:|---:|---|"]
            for rt, r in mem.items():
                v = r.get(b)
                if isinstance(v, (int, float)):
                    v = {"peak": v}
                v = v or {}
                peak, base, inf, eng = (v.get(k) for k in ("peak", "baseline", "inference_peak", "engine_peak"))
                model = inf - base if inf and base else None
                verdict = f"{model / eng:.2f}x ({'met' if model <= 1.5 * eng else 'not met'})" if model and eng else "—"
                L.append(f"| {LABELS[rt]} | " + " | ".join(fmt(x) if x else "—" for x in (peak, base, inf, model, eng))
                         + f" | {verdict} |")
            L.append("")
    L += targets(results)
    return "\n".join(L) + "\n"


def slim(results: dict) -> None:
    """Replaces the logits kept for the comparison by the comparison itself (small .json)."""
    for row in results.values():
        ref = row.get("torch", {}).get("out")
        for rt, r in row.items():
            if "out" in r:
                if rt != "torch":
                    r["max_abs_diff_vs_torch"] = compare(r["out"], ref)
                if not isinstance(r["out"], list) or len(r["out"]) > 2:
                    r.pop("out")


def targets(results: dict) -> list[str]:
    def med(w: str, rt: str, key: str = "median_ms") -> float | None:
        return results.get(w, {}).get(rt, {}).get(key)

    def both(w: str, ours: str, peer: str) -> tuple[str, float] | None:
        a, b = med(w, ours), med(w, peer)
        am, bm = med(w, ours, "min_ms"), med(w, peer, "min_ms")
        if not (a and b):
            return None
        return f"{a / b:.2f}x (mins: {am / bm:.2f}x)", a / b

    L = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for rt in OURS:
        limit = 3.0 if rt in EAGER else 1.2
        what = "eager" if rt in EAGER else "model inference"
        for w in ("mobilenet_v1_b1", "mobilenet_v1_b32"):
            r = both(w, rt, "ort")
            if r:
                L.append(f"| {LABELS[rt]}: {w} ({what}) within {limit:g}x of ONNX Runtime | {r[0]} | "
                         f"{'yes' if r[1] <= limit else 'no'} |")
    for rt in EAGER:
        r = both("cnn_train", rt, "torch")
        if r:
            L.append(f"| {LABELS[rt]}: training step within 1.5x of PyTorch | {r[0]} | "
                     f"{'yes' if r[1] <= 1.5 else 'no'} |")
    for w in SPEC_WORKLOADS:
        for rt in EAGER:
            r = both(w, "tfjs-wasm", rt)
            if r:
                L.append(f"| {w}: {LABELS[rt]} >= 10x faster than TF.js wasm | {r[0]} faster | "
                         f"{'yes' if r[1] >= 10 else 'no'} |")
    return L + [""]


def chart(results: dict, path: Path, title: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ws = [w for w in results if any("median_ms" in r for r in results[w].values())]
    rts = [rt for rt in RUNTIMES if any("median_ms" in results[w].get(rt, {}) for w in ws)]
    if not ws:
        return
    fig, ax = plt.subplots(figsize=(13, 0.9 + 1.1 * len(ws)))
    h = 0.8 / max(len(rts), 1)
    colors = plt.get_cmap("tab10")
    for i, rt in enumerate(rts):
        ys, xs = [], []
        for j, w in enumerate(ws):
            r = results[w].get(rt, {})
            if "median_ms" in r:
                ys.append(j + i * h)
                xs.append(r["median_ms"])
        ax.barh(ys, xs, height=h, label=legend(rt, ws), color=colors(i),
                edgecolor="black" if rt in OURS else None, linewidth=1.2 if rt in OURS else 0)
        for y, x in zip(ys, xs):
            ax.text(x * 1.05, y, fmt(x), va="center", fontsize=7)
    ax.set_yticks([j + h * (len(rts) - 1) / 2 for j in range(len(ws))], ws)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("median ms per call (log scale; lower is better)")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="5 runs, batch-1 + training rows, no memory/import loops")
    ap.add_argument("--only", default="", help="comma list of workloads and/or runtimes: " + ",".join(WORKLOADS + RUNTIMES))
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--budget", type=float, default=30.0, help="seconds of timed runs per cell before it may stop early")
    ap.add_argument("--min-runs", type=int, default=10)
    ap.add_argument("--slow", action="store_true", help="also TF.js cpu at batch 32 (~35 s a run)")
    ap.add_argument("--at", default=None, metavar="REV",
                    help="measure pytfjs as committed at REV (git archive into a temp dir), not the work tree")
    ap.add_argument("--pytfjs-src", default=None,
                    help="directory put first on PYTHONPATH for pytfjs (e.g. a `git archive` export)")
    ap.add_argument("--pytfjs-note", default="", help="text recorded next to the pytfjs revision")
    ap.add_argument("--out", default=str(HERE / "results"))
    ap.add_argument("--render", default=None, metavar="JSON",
                    help="re-write the .md and .png from a results .json, measuring nothing")
    a = ap.parse_args()
    if a.render:
        data = json.loads(Path(a.render).read_text())
        a.__dict__.update(data.get("settings", {}))
        stamp = Path(a.render).stem
        if data.get("loadavg_end"):
            data["machine"]["loadavg_end"] = data["loadavg_end"]
        slim(data["results"])
        Path(a.render).write_text(json.dumps(data, indent=1))
        md = report(data["results"], data["imports"], data["peak_rss_mib"], data["machine"], a,
                    data.get("started", stamp), data.get("wall_s", 0))
        Path(a.render).with_suffix(".md").write_text(md.replace("](CHART)", f"]({stamp}.png)"))
        chart(data["results"], Path(a.render).with_suffix(".png"),
              f"pytfjs vs peers — {data['machine']['cpu']}, {data['machine']['cores']} cores, {data.get('started', stamp)}")
        print(md)
        return
    if a.quick:
        a.runs, a.min_runs = 5, 5
    only = {s for s in a.only.split(",") if s}
    unknown = only - set(WORKLOADS) - set(RUNTIMES)
    if unknown:
        ap.error(f"unknown --only names: {sorted(unknown)}")
    workloads = select([w for w in WORKLOADS if not (a.quick and w.endswith("_b32"))], only, WORKLOADS)
    runtimes = select(RUNTIMES, only, RUNTIMES)

    tmp_src = None
    if a.at:
        tmp_src = tempfile.TemporaryDirectory()
        rev = subprocess.run(["git", "rev-parse", "--short", a.at], capture_output=True, text=True, cwd=ROOT,
                             check=True).stdout.strip()
        arch = subprocess.run(["git", "archive", rev, "pytfjs"], capture_output=True, cwd=ROOT, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp_src.name], input=arch, check=True)
        a.pytfjs_src, a.pytfjs_note = tmp_src.name, "the committed tree (--at), not the work tree"
        a.pytfjs_rev = rev
    env = bench_env(a.pytfjs_src)
    started = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    t_start = time.perf_counter()
    info = machine(env)
    if a.at:
        info["pytfjs_rev"] = a.pytfjs_rev
    print(f"machine: {info['cpu']}, {info['cores']} cores; BLAS "
          f"{[(b.get('internal_api'), b.get('architecture')) for b in info.get('blas') or []]}", flush=True)
    results: dict[str, dict[str, dict]] = {}
    mem: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        spec_dir = Path(tmp)
        export_specs(spec_dir)
        mem_rows = not a.quick and (not only or "mobilenet_v1_b1" in only)
        if "ort" in runtimes:  # export once, outside the measured ORT processes
            for w in {*[w for w in workloads if w in SPEC_WORKLOADS and w != "cnn_train"],
                      *(("mobilenet_v1_b1", "mobilenet_v1_b32") if mem_rows else ())}:
                r = sh([sys.executable, str(HERE / "worker.py"), "ort", w, "--mode", "export",
                        "--onnx-dir", str(spec_dir)], env)
                if "error" in r:
                    print(f"  onnx export {w}: {r['error']}")
        for w in workloads:
            results[w] = {}
            missing = specs.fixture_missing(w) if w in specs.FIXTURES else None
            if missing:
                print(f"  {w:<18} {missing}", flush=True)
            for rt in runtimes:
                if missing:
                    results[w][rt] = {"skip": missing}
                    continue
                if (w, rt) in NOT_APPLICABLE:
                    results[w][rt] = {"skip": "n/a: " + NOT_APPLICABLE[(w, rt)]}
                    continue
                if (w, rt) in SLOW and not a.slow:
                    results[w][rt] = {"skip": "skipped (20-35 s a run; --slow runs it)"}
                    continue
                t0 = time.perf_counter()
                r = sh(cell_cmd(w, rt, a, spec_dir), env)
                if w in specs.FIXTURES and rt.startswith("tfjs-"):
                    node_fixture_diff(w, r)
                results[w][rt] = r
                msg = (f"median {fmt(r['median_ms'])} ms, min {fmt(r['min_ms'])} ms, n={r['n']}"
                       if "median_ms" in r else r.get("error") or r.get("skip"))
                if "max_abs_diff_vs_ref" in r:
                    msg += f", max|Δ| vs TF.js reference {r['max_abs_diff_vs_ref']}"
                print(f"  {w:<18} {rt:<14} {msg}  [{time.perf_counter() - t0:.0f} s]", flush=True)
        imports = {} if a.quick else import_times(env, 10)
        if mem_rows:
            for rt in runtimes:
                for b in ("b1", "b32"):
                    if (f"mobilenet_v1_{b}", rt) in SLOW and not a.slow:
                        continue
                    rss, r = peak_rss(cell_cmd(f"mobilenet_v1_{b}", rt, a, spec_dir, mode="mem"), env)
                    mem.setdefault(rt, {})[b] = None if "error" in r else {
                        "peak": rss, "baseline": r.get("baseline_mib"), "inference_peak": r.get("inference_peak_mib"),
                        "engine_peak": r.get("engine_peak_mib")}
            print("peak RSS (MiB):", {k: {b: round(v["peak"]) for b, v in d.items() if v} for k, d in mem.items()})
    wall = time.perf_counter() - t_start
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d") + ("-quick" if a.quick else "")
    info["loadavg_end"] = os.getloadavg()
    md = report(results, imports, mem, info, a, started, wall)
    (out / f"{stamp}.md").write_text(md.replace("](CHART)", f"]({stamp}.png)"))
    for w in results.values():
        for r in w.values():
            r.pop("times_ms", None) if a.quick else None
    slim(results)
    settings = {k: getattr(a, k) for k in ("runs", "warmup", "budget", "min_runs", "quick", "pytfjs_note")}
    (out / f"{stamp}.json").write_text(json.dumps({"machine": info, "results": results, "imports": imports,
                                                   "peak_rss_mib": mem, "settings": settings, "started": started,
                                                   "wall_s": wall, "loadavg_end": os.getloadavg()}, indent=1))
    try:
        chart(results, out / f"{stamp}.png", f"pytfjs vs peers — {info['cpu']}, {info['cores']} cores, {started}")
    except ImportError as e:
        print("no chart:", e)
    print()
    print(md)
    print(f"wrote {out / (stamp + '.md')} (+ .json, .png)")


if __name__ == "__main__":
    main()
