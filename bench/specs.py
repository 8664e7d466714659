"""Framework-neutral workload definitions: one layer list, one set of seeded random weights.

Every runtime (pytfjs, PyTorch, ONNX Runtime, TF.js) builds its model from the SAME list
returned here, so architectures and weights are identical and the logits can be compared
across runtimes (run.py reports the max abs difference against PyTorch eager).

Layouts are TensorFlow's: conv filters HWIO, depthwise filters ``[kh, kw, C, 1]``, dense
``[in, out]``, activations NHWC; padding is TF ``'same'`` (asymmetric ``(0, 1)`` for the
stride-2 3x3 convolutions on even sizes -- the PyTorch builder pads explicitly to match).
BN is ``(gamma, beta, mean, var)`` with epsilon 1e-3 (TF's default).

Layer dicts:
  {"type": "conv", "w": HWIO, "stride": s, "bn": (g, b, m, v) | None, "bias": vec | None,
   "act": "relu6" | "relu" | "linear"}
  {"type": "dw", ... same keys, "w": [kh, kw, C, 1]}
  {"type": "res_begin"} / {"type": "res_end"}   (x = x + saved)
  {"type": "gap"}                               (global average pool -> [N, C])
  {"type": "dense", "w": [in, out], "b": [out], "act": ...}
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

BN_EPS = 1e-3
IMAGE = 224
NUM_CLASSES = 1000


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _he(rng: np.random.Generator, shape: tuple[int, ...], fan_in: int) -> np.ndarray:
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)


def _bn(rng: np.random.Generator, c: int) -> tuple[np.ndarray, ...]:
    return (rng.uniform(0.5, 1.5, c).astype(np.float32), (rng.standard_normal(c) * 0.1).astype(np.float32),
            (rng.standard_normal(c) * 0.1).astype(np.float32), rng.uniform(0.5, 1.5, c).astype(np.float32))


def _conv(rng: np.random.Generator, k: int, cin: int, cout: int, stride: int, act: str) -> dict:
    return {"type": "conv", "w": _he(rng, (k, k, cin, cout), k * k * cin), "stride": stride,
            "bn": _bn(rng, cout), "bias": None, "act": act}


def _dw(rng: np.random.Generator, c: int, stride: int, act: str) -> dict:
    return {"type": "dw", "w": _he(rng, (3, 3, c, 1), 9), "stride": stride, "bn": _bn(rng, c),
            "bias": None, "act": act}


def _head(rng: np.random.Generator, cin: int) -> list[dict]:
    return [{"type": "gap"},
            {"type": "dense", "w": (rng.standard_normal((cin, NUM_CLASSES)) * np.sqrt(1.0 / cin)).astype(np.float32),
             "b": np.zeros(NUM_CLASSES, np.float32), "act": "linear"}]


def mobilenet_v1(alpha: float = 1.0, seed: int = 1) -> list[dict]:
    """MobileNet v1 (Howard et al. 2017), Keras' layout: conv 3x3/2, 13 depthwise-separable blocks."""
    rng = _rng(seed)
    ch = lambda c: int(c * alpha)
    layers = [_conv(rng, 3, 3, ch(32), 2, "relu6")]
    cin = ch(32)
    for cout, s in [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1),
                    (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)]:
        layers.append(_dw(rng, cin, s, "relu6"))
        layers.append(_conv(rng, 1, cin, ch(cout), 1, "relu6"))
        cin = ch(cout)
    return layers + _head(rng, cin)


def mobilenet_v2(alpha: float = 1.0, seed: int = 2) -> list[dict]:
    """MobileNet v2 (Sandler et al. 2018): inverted residual blocks (t, c, n, s)."""
    rng = _rng(seed)
    ch = lambda c: int(c * alpha)
    layers = [_conv(rng, 3, 3, ch(32), 2, "relu6")]
    cin = ch(32)
    for t, c, n, s in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
                       (6, 160, 3, 2), (6, 320, 1, 1)]:
        for i in range(n):
            stride = s if i == 0 else 1
            cout = ch(c)
            residual = stride == 1 and cin == cout
            if residual:
                layers.append({"type": "res_begin"})
            hidden = cin * t
            if t != 1:
                layers.append(_conv(rng, 1, cin, hidden, 1, "relu6"))
            layers.append(_dw(rng, hidden, stride, "relu6"))
            layers.append(_conv(rng, 1, hidden, cout, 1, "linear"))
            if residual:
                layers.append({"type": "res_end"})
            cin = cout
    layers.append(_conv(rng, 1, cin, 1280, 1, "relu6"))
    return layers + _head(rng, 1280)


def fold_bn(layers: list[dict]) -> list[dict]:
    """BN folded into the conv weights and a bias (what TF.js' converter and TorchScript freeze do)."""
    out = []
    for lay in layers:
        if lay["type"] in ("conv", "dw") and lay["bn"] is not None:
            g, b, m, v = lay["bn"]
            k = g / np.sqrt(v + BN_EPS)
            # conv: out channel is the last axis; depthwise [kh, kw, C, 1]: channel axis 2
            w = lay["w"] * (k if lay["type"] == "conv" else k[:, None])
            lay = {**lay, "w": w.astype(np.float32), "bn": None, "bias": (b - m * k).astype(np.float32)}
        out.append(lay)
    return out


def small_cnn(seed: int = 3) -> dict[str, np.ndarray]:
    """28x28x1 -> Conv(32,3)+relu -> MaxPool2 -> Conv(64,3)+relu -> MaxPool2 -> Flatten (NHWC order)
    -> Dense(128)+relu -> Dense(10); softmax cross-entropy, Adam(1e-3), batch 64."""
    rng = _rng(seed)
    return {"c1w": _he(rng, (3, 3, 1, 32), 9), "c1b": np.zeros(32, np.float32),
            "c2w": _he(rng, (3, 3, 32, 64), 288), "c2b": np.zeros(64, np.float32),
            "d1w": _he(rng, (1600, 128), 1600), "d1b": np.zeros(128, np.float32),
            "d2w": _he(rng, (128, 10), 128), "d2b": np.zeros(10, np.float32)}


def cnn_batch(batch: int = 64, seed: int = 4) -> tuple[np.ndarray, np.ndarray]:
    rng = _rng(seed)
    x = rng.standard_normal((batch, 28, 28, 1)).astype(np.float32)
    y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, batch)]
    return x, y


def image_batch(batch: int, seed: int = 5) -> np.ndarray:
    return _rng(seed).standard_normal((batch, IMAGE, IMAGE, 3)).astype(np.float32)


MODELS = {"mobilenet_v1": mobilenet_v1, "mobilenet_v2": mobilenet_v2}


def export_for_node(layers: list[dict], path: Path) -> None:
    """Writes ``path``.json (the layer list, arrays replaced by offsets) and ``path``.bin
    (float32 little-endian) for bench/node/bench.js."""
    blobs: list[bytes] = []
    offset = 0

    def put(a: np.ndarray) -> dict:
        nonlocal offset
        a = np.ascontiguousarray(a, dtype="<f4")
        blobs.append(a.tobytes())
        ref = {"offset": offset, "shape": list(a.shape)}
        offset += a.nbytes
        return ref

    out: list[dict[str, Any]] = []
    for lay in layers:
        d: dict[str, Any] = {}
        for k, v in lay.items():
            if isinstance(v, np.ndarray):
                d[k] = put(v)
            elif isinstance(v, tuple):
                d[k] = [put(a) for a in v]
            else:
                d[k] = v
        out.append(d)
    path.with_suffix(".json").write_text(json.dumps(out))
    path.with_suffix(".bin").write_bytes(b"".join(blobs))


def export_cnn_for_node(params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray, path: Path) -> None:
    layers = [{"name": k, "w": v} for k, v in params.items()] + [{"name": "x", "w": x}, {"name": "y", "w": y}]
    export_for_node(layers, path)


# ----------------------------------------------------------------------------- fixture models
# The real TF.js models of ../shared/fixtures/tfjs_models (relative to the repository): each runs
# on its case-0 inputs, and each runtime's outputs are compared with the fixture's reference
# outputs (TF.js 4.22.0, cpu backend), not with PyTorch: there is no PyTorch version of them.

FIXTURE_ROOT = Path(__file__).resolve().parent.parent / ".." / "shared" / "fixtures" / "tfjs_models"
FIXTURE_ROOT_SHOWN = "../shared/fixtures/tfjs_models"
FIXTURES = {"esrgan_x2": "upscaler_esrgan_slim_x2", "synthetic_cnn": "synthetic_cnn",
            "text_rnn": "synthetic_text_rnn", "rvm": "human_rvm", "faceboxes": "human_faceboxes"}


def fixture_missing(workload: str) -> str | None:
    """Why the fixture row cannot run (its folder is absent), else None."""
    d = FIXTURE_ROOT / FIXTURES[workload]
    if not (d / "meta.json").is_file() or not (d / "model.json").is_file():
        return f"skipped: {FIXTURE_ROOT_SHOWN}/{FIXTURES[workload]} is absent"
    return None


def load_fixture(workload: str, case: int = 0) -> dict[str, Any]:
    """The fixture's model path, format, TF.js call, inputs (in the manifest's order, cast to the
    feed dtype it gives) and reference outputs (TF.js output order) for one case."""
    d = FIXTURE_ROOT / FIXTURES[workload]
    meta = json.loads((d / "meta.json").read_text())
    c = meta["cases"][case]
    feed = {i["name"]: i.get("feed_dtype", i["dtype"]) for i in meta["inputs"]}
    inputs = [(i["name"], np.load(d / i["file"]).astype(feed.get(i["name"], i["dtype"]), copy=False))
              for i in c["inputs"]]
    tol = meta.get("tolerance", {})
    outputs = []
    for j, o in enumerate(c["outputs"]):
        declared = meta["outputs"][j] if j < len(meta["outputs"]) else {}
        outputs.append({"name": o["name"], "ref": np.load(d / o["file"]),
                        "compare": o.get("compare", declared.get("compare", "allclose")),
                        "rtol": tol.get("rtol", 1e-3),
                        "atol": (tol.get("per_output_atol") or [tol.get("atol", 1e-4)] * len(c["outputs"]))[j]})
    return {"name": meta["name"], "format": meta["format"], "call": meta["tfjs_call"],
            "model_json": str(d / meta.get("model_json", "model.json")), "inputs": inputs, "outputs": outputs}


def _matched_diff(a: np.ndarray, e: np.ndarray) -> float:
    """Order-insensitive along axis 1 (detections after non-max suppression may swap on near-tied
    scores): for every reference entry the closest entry of ``a``; the worst of those."""
    a = a.astype(np.float64).reshape(a.shape[0], a.shape[1], -1)
    e = e.astype(np.float64).reshape(e.shape[0], e.shape[1], -1)
    d = np.abs(a[:, None, :, :] - e[:, :, None, :]).max(axis=3)  # [B, ref entry, actual entry]
    return float(d.min(axis=2).max()) if d.size else 0.0


def fixture_diff(workload: str, outs: list[np.ndarray], fx: dict[str, Any] | None = None) -> dict[str, Any]:
    """Max abs difference of ``outs`` (TF.js output order) against the fixture's reference
    outputs, whether every output is within the manifest's tolerance, and a short summary."""
    fx = fx or load_fixture(workload)
    if len(outs) != len(fx["outputs"]):
        return {"max_abs_diff_vs_ref": f"{len(outs)} outputs, want {len(fx['outputs'])}", "within_tol": False}
    worst, ok, summary = 0.0, True, []
    for o, want in zip(outs, fx["outputs"]):
        o, e = np.asarray(o), want["ref"]
        summary.append({"name": want["name"], "shape": list(o.shape), "dtype": str(o.dtype),
                        "mean": float(o.mean()) if o.size else None})
        if o.shape != e.shape:
            return {"max_abs_diff_vs_ref": f"shape {list(o.shape)} != {list(e.shape)}", "within_tol": False,
                    "outputs": summary}
        d = float(np.abs(o.astype(np.float64) - e).max()) if o.size else 0.0
        close = bool(np.allclose(o, e, rtol=want["rtol"], atol=want["atol"]))
        if not close and want["compare"] == "order_insensitive_axis1" and o.ndim >= 2:
            d = min(d, _matched_diff(o, e))
            close = d <= want["atol"] + want["rtol"] * float(np.abs(e).max())
        worst, ok = max(worst, d), ok and close
    return {"max_abs_diff_vs_ref": f"{worst:.1e}" + ("" if ok else " (outside tolerance)"), "within_tol": ok,
            "outputs": summary}


def export_fixture_for_node(workload: str, path: Path) -> None:
    """``path``.json (model.json path, format, call, inputs with offsets) and ``path``.bin (the
    case-0 inputs, little-endian, in their feed dtype) for bench/node/bench.js."""
    fx = load_fixture(workload)
    blobs, ins, offset = [], [], 0
    for name, a in fx["inputs"]:
        a = np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("<"))
        if a.dtype.kind not in "fi" or a.dtype.itemsize != 4:
            raise ValueError(f"{workload}: input {name} has dtype {a.dtype}; bench.js reads float32/int32")
        ins.append({"name": name, "shape": list(a.shape), "dtype": "float32" if a.dtype.kind == "f" else "int32",
                    "offset": offset})
        blobs.append(a.tobytes())
        offset += a.nbytes
    path.with_suffix(".json").write_text(json.dumps(
        {"model_json": fx["model_json"], "format": fx["format"], "call": fx["call"], "inputs": ins,
         "outputs": [o["name"] for o in fx["outputs"]]}))
    path.with_suffix(".bin").write_bytes(b"".join(blobs))
