"""Micro-benchmark of the numpy backend's convolution and pooling kernels, called directly (no
engine, no tape) on the MobileNet v1 / v2 and small-CNN training shapes.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python bench/kernels.py \
        [--baseline HEAD] [--only depthwise,pool] [--repeat 20] [--batch 1]

Each case prints the min and median ms of ``--repeat`` calls (after one warm-up). With
``--baseline REV`` the kernels of ``pytfjs/backends/xp/{convolution,pooling}.py`` and
``backends/numpy/overrides.py`` at git revision REV are loaded next to the work tree's and timed
interleaved with them on the same inputs (fair on a shared machine), and the max abs / relative
difference of the outputs is printed (0 = bit-identical). Not collected by pytest.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from pytfjs.backends.numpy import overrides  # noqa: E402
from pytfjs.backends.xp import make_kernels  # noqa: E402
from pytfjs.ops.convolution import _conv_pads  # noqa: E402

_FILES = {"convolution": "pytfjs/backends/xp/convolution.py",
          "pooling": "pytfjs/backends/xp/pooling.py",
          "overrides": "pytfjs/backends/numpy/overrides.py"}


def current_table() -> dict[str, Callable[..., Any]]:
    table = make_kernels(np)
    table.update(overrides.make_kernels())
    return table


def baseline_table(rev: str) -> dict[str, Callable[..., Any]]:
    """The kernel table with the three kernel files taken from git revision ``rev``."""
    tmp = tempfile.mkdtemp(prefix="pytfjs_kernels_")
    mods = {}
    for name, path in _FILES.items():
        src = subprocess.run(["git", "-C", ROOT, "show", f"{rev}:{path}"], check=True,
                             capture_output=True, text=True).stdout
        fn = os.path.join(tmp, f"_baseline_{name}.py")
        with open(fn, "w") as fh:
            fh.write(src)
        pkg = "pytfjs.backends.numpy" if name == "overrides" else "pytfjs.backends.xp"
        spec = importlib.util.spec_from_file_location(f"{pkg}._baseline_{name}", fn)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod
        spec.loader.exec_module(mod)
        mods[name] = mod
    table = make_kernels(np)
    table.update(mods["convolution"].kernels(np))
    table.update(mods["pooling"].kernels(np))
    table.update(mods["overrides"].make_kernels())
    return table


def conv_attrs(x_shape: tuple, k_sp: tuple, stride: int, pad: str) -> dict:
    pads, _ = _conv_pads(pad, x_shape[1:3], k_sp, (stride, stride), (1, 1), None, "bench")
    return {"strides": (stride, stride), "pad": pads, "dilations": (1, 1)}


def pool_attrs(f: int, s: int, pad: str) -> dict:
    return {"filter_size": (f, f), "strides": (s, s), "pad": pad, "dim_rounding_mode": None}


def cases(batch: int, rng: np.random.Generator) -> list[tuple[str, str, str, tuple, dict]]:
    """(group, label, kernel, inputs, attrs)."""
    r = lambda *s: rng.standard_normal(s).astype(np.float32)  # noqa: E731
    out: list = []
    b = batch
    # MobileNet v1 depthwise layers (folded: bias + relu6), v2's largest ones
    for hw, c, s in [(112, 32, 1), (112, 64, 2), (56, 128, 1), (56, 128, 2), (28, 256, 1),
                     (28, 256, 2), (14, 512, 1), (14, 512, 2), (7, 1024, 1), (112, 96, 2),
                     (56, 144, 1)]:
        x, w, bias = r(b, hw, hw, c), r(3, 3, c, 1), r(c)
        a = conv_attrs(x.shape, (3, 3), s, "same")
        out.append(("depthwise", f"dw {b}x{hw}x{hw}x{c} s{s}", "DepthwiseConv2dNative",
                    (x, w), a))
        out.append(("depthwise", f"fused dw {b}x{hw}x{hw}x{c} s{s} +b relu6",
                    "FusedDepthwiseConv2D", (x, w, bias),
                    {**a, "activation": "relu6", "leakyrelu_alpha": 0.2, "has_bias": True,
                     "has_prelu": False}))
    for hw, c, s in [(112, 32, 1), (56, 128, 2), (14, 512, 1)]:
        x, w = r(b, hw, hw, c), r(3, 3, c, 1)
        a = conv_attrs(x.shape, (3, 3), s, "same")
        oh = -(-hw // s)
        dy = r(b, oh, oh, c)
        out.append(("depthwise_bp", f"dw bp-input {b}x{hw}x{hw}x{c} s{s}",
                    "DepthwiseConv2dNativeBackpropInput", (dy, w),
                    {**a, "input_shape": x.shape}))
        out.append(("depthwise_bp", f"dw bp-filter {b}x{hw}x{hw}x{c} s{s}",
                    "DepthwiseConv2dNativeBackpropFilter", (x, dy),
                    {**a, "filter_shape": w.shape}))
    # regular convs: MobileNet stem and 1x1 layers (fused bias + relu6)
    for hw, cin, cout, k, s in [(224, 3, 32, 3, 2), (112, 32, 64, 1, 1), (56, 128, 128, 1, 1),
                                (14, 512, 512, 1, 1), (7, 1024, 1024, 1, 1)]:
        x, w, bias = r(b, hw, hw, cin), r(k, k, cin, cout), r(cout)
        a = conv_attrs(x.shape, (k, k), s, "same")
        out.append(("conv", f"fused conv {k}x{k}/{s} {b}x{hw}x{hw}x{cin}->{cout} +b relu6",
                    "FusedConv2D", (x, w, bias),
                    {**a, "activation": "relu6", "leakyrelu_alpha": 0.2, "has_bias": True,
                     "has_prelu": False}))
    # small-CNN training step (batch 64): conv forward / backprops, max pool + grad
    x1, w1 = r(64, 28, 28, 1), r(3, 3, 1, 32)
    x2, w2 = r(64, 13, 13, 32), r(3, 3, 32, 64)
    for tag, x, w in [("c1", x1, w1), ("c2", x2, w2)]:
        a = conv_attrs(x.shape, (3, 3), 1, "valid")
        oh = x.shape[1] - 2
        dy = r(64, oh, oh, w.shape[3])
        label = f"{tag} fused conv 3x3 64x{x.shape[1]}^2x{x.shape[3]}->{w.shape[3]} relu"
        out.append(("cnn", label, "FusedConv2D", (x, w, r(w.shape[3])),
                    {**a, "activation": "relu", "leakyrelu_alpha": 0.2, "has_bias": True,
                     "has_prelu": False}))
        if tag == "c2":
            out.append(("cnn", f"{tag} Conv2DBackpropInput", "Conv2DBackpropInput", (dy, w),
                        {**a, "input_shape": x.shape}))
        out.append(("cnn", f"{tag} Conv2DBackpropFilter", "Conv2DBackpropFilter", (x, dy),
                    {**a, "filter_shape": w.shape}))
    for shape in [(64, 26, 26, 32), (64, 11, 11, 64)]:
        x = np.maximum(r(*shape), 0)  # post-relu: many ties at 0
        a = pool_attrs(2, 2, "valid")
        oh = (shape[1] - 2) // 2 + 1
        dy = r(shape[0], oh, oh, shape[3])
        out.append(("pool", f"MaxPool 2x2/2 {'x'.join(map(str, shape))}", "MaxPool", (x,), a))
        out.append(("pool", f"MaxPoolGrad 2x2/2 {'x'.join(map(str, shape))}", "MaxPoolGrad",
                    (dy, x, None), a))
        out.append(("pool", f"AvgPool 2x2/2 {'x'.join(map(str, shape))}", "AvgPool", (x,), a))
        out.append(("pool", f"AvgPoolGrad 2x2/2 {'x'.join(map(str, shape))}", "AvgPoolGrad",
                    (dy, x), a))
    x = r(8, 56, 56, 64)
    a = pool_attrs(3, 2, "same")
    dy = r(8, 28, 28, 64)
    out.append(("pool", "MaxPool 3x3/2 same 8x56x56x64", "MaxPool", (x,), a))
    out.append(("pool", "MaxPoolGrad 3x3/2 same 8x56x56x64", "MaxPoolGrad", (dy, x, None), a))
    out.append(("pool", "AvgPool 3x3/2 same 8x56x56x64", "AvgPool", (x,), a))
    out.append(("pool", "AvgPoolGrad 3x3/2 same 8x56x56x64", "AvgPoolGrad", (dy, x), a))
    return out


def timeit(fn: Callable[[], Any], repeat: int) -> list[float]:
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1e3)
    return ts


def diff(a: Any, b: Any) -> str:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return f"SHAPE {a.shape} vs {b.shape}"
    if a.size == 0:
        return "0"
    d = np.abs(a - b)
    same_nan = np.isnan(a) == np.isnan(b)
    if not same_nan.all():
        return "NaN MISMATCH"
    d = np.where(np.isnan(d), 0, d)
    m = float(d.max())
    if m == 0:
        return "0"
    rel = m / max(float(np.abs(b[np.isfinite(b)]).max()), 1e-30)
    return f"{m:.1e} (rel {rel:.1e})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--baseline", help="git revision to compare against (e.g. HEAD)")
    ap.add_argument("--only",
                    help="comma-separated groups: depthwise, depthwise_bp, conv, cnn, pool")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--batch", type=int, default=1, help="batch of the MobileNet shapes")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    new = current_table()
    old = baseline_table(args.baseline) if args.baseline else None
    groups = set(args.only.split(",")) if args.only else None
    try:
        from threadpoolctl import threadpool_info
        blas = ", ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} "
                         f"threads={i.get('num_threads')}" for i in threadpool_info())
    except ImportError:
        blas = "?"
    print(f"numpy {np.__version__}; {blas}; "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}")
    hdr = f"{'case':<58} {'min ms':>8} {'med ms':>8}"
    if old:
        hdr += f" {'base min':>9} {'base med':>9} {'speedup':>8}  max|diff|"
    print(hdr)
    totals = [0.0, 0.0]
    for group, label, kname, inputs, attrs in cases(args.batch, rng):
        if groups and group not in groups:
            continue
        fn_new = lambda: new[kname](*inputs, **attrs)  # noqa: E731
        y_new = fn_new()
        line = ""
        if old:
            fn_old = lambda: old[kname](*inputs, **attrs)  # noqa: E731
            y_old = fn_old()
            tn: list[float] = []
            to: list[float] = []
            for _ in range(args.repeat):  # interleaved
                tn += timeit(fn_new, 1)
                to += timeit(fn_old, 1)
            line = (f" {min(to):9.2f} {statistics.median(to):9.2f} {min(to) / min(tn):7.1f}x"
                    f"  {diff(y_new, y_old)}")
            totals[1] += min(to)
        else:
            tn = timeit(fn_new, args.repeat)
        totals[0] += min(tn)
        print(f"{label:<58} {min(tn):8.2f} {statistics.median(tn):8.2f}{line}", flush=True)
    print(f"{'sum of mins':<58} {totals[0]:8.2f} {'':8}" +
          (f" {totals[1]:9.2f} {'':9} {totals[1] / totals[0]:7.1f}x" if old else ""))


if __name__ == "__main__":
    main()
