"""The interop model zoo: one small model per registered layer class (``pytfjs.layers.LAYER_CLASSES``),
defined once in ``tests/fixtures/zoo/spec.json`` and built by pytfjs (here) and by real TF.js 4.22
(``tools/oracle/zoo.js``).

* pytfjs -> pytfjs: ``model.save`` then ``load_layers_model`` predicts exactly what the model did.
* pytfjs -> TF.js (node + ``tools/oracle/node_modules`` only): TF.js loads the files pytfjs wrote
  (``zoo.js predict``) and predicts what pytfjs predicted, within 1e-6 (abs + rel).
* TF.js -> pytfjs: models built and saved by TF.js (``tests/fixtures/zoo/tfjs/``, committed output
  of ``node tools/oracle/zoo.js build``; no node needed) load in pytfjs and predict what TF.js did.
* Keras: pytfjs saves every zoo model whose layers Keras 3 also has as ``.keras`` and ``.h5``
  (``pytfjs.converters.save_keras_model``) and loads them back exactly. With
  ``PYTFJS_KERAS_PYTHON=/path/to/python`` (a Keras 3 venv, see ``tools/keras_fixtures/README.md``)
  the files are also loaded by Keras and its predictions compared.
* An audit fails naming any registered layer class that no zoo model covers.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import textwrap

import pytest

from pytfjs.layers.saving import load_layers_model
from tests.helpers import NODE, ORACLE, flat_floats as _flat, needs_node

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
ZOO = os.path.join(ROOT, "tests", "fixtures", "zoo")
TFJS_SAVED = os.path.join(ZOO, "tfjs")
TOL = 1e-6
#: Looser tolerances, with the reason. Stacked recurrent layers accumulate float32 rounding over
#: the time steps (TF.js's tanh/sigmoid kernels and matMul summation order differ from numpy's).
TOL_FOR: dict[str, tuple[float, str]] = {}

with open(os.path.join(ZOO, "spec.json"), encoding="utf-8") as _f:
    SPEC = json.load(_f)
MODELS = {m["name"]: m for m in SPEC["models"]}
TFJS_MODELS = [n for n, m in MODELS.items() if m.get("tfjs", True)]

#: Registered classes that cannot be a zoo layer, with the reason.
NOT_A_LAYER = {
    "KerasLambda": "registered by pytfjs.converters for Keras Lambda layers (Python bytecode) only",
    "RNNCell": "abstract base class of the cells (TF.js exports it, it has no call)",
    "ConvLSTM2DCell": "only runs inside ConvLSTM2D, which does not serialise it; a generic RNN "
                      "cannot take it (TF.js: 'expected ndim=3, found ndim=5', pytfjs: rank-2 "
                      "initial states)",
}
#: Registered classes TF.js 4.22 does not have (pytfjs-only zoo models, marked "tfjs": false).
NOT_IN_TFJS = {"Subtract": "no tf.layers.subtract in TF.js", "RandomHeight": "not in TF.js 4.22"}
#: Classes TF.js has but cannot run in a saved model, so they are only in pytfjs-only models.
TFJS_CANNOT = {
    "Resizing": "TF.js 4.22's call hands the input list to resizeBilinear ('x must be rank 3 or 4, "
                "but got rank 1') and passes !crop_to_aspect_ratio as align_corners",
    "RandomWidth": "TF.js 4.22's call hands the input list to resizeBilinear, its output shape has "
                   "a -1 that Sequential.add refuses, and it resizes randomly even in predict()",
}
#: Zoo models Keras 3 cannot take, with the reason (see tools/keras_fixtures/README.md).
KERAS_SKIP: dict[str, str] = {}
#: Zoo models whose pytfjs-written .keras/.h5 Keras 3.15 does not load (or predicts
#: differently), with the reason; test_keras_loads_pytfjs_zoo checks every other one.
KERAS_KNOWN: dict[str, str] = {
    "activations": "Keras 3 has no ThresholdedReLU",
    "resize": "Keras 3.15 will not deserialize keras.layers.RandomHeight ('not a KerasSaveable "
              "subclass')",
    "wrappers": "Keras's Bidirectional zeroes the outputs at masked steps (zero_output_for_mask); "
                "TF.js and pytfjs repeat the previous output, so masked rows differ",
}


# ------------------------------------------------------------------------------ building

def _layer(tf, spec: dict):
    cfg = {k: _value(tf, v) for k, v in spec.get("c", {}).items()}
    return getattr(tf.layers, spec["l"])(**cfg)


def _value(tf, v):
    if isinstance(v, dict) and "l" in v:
        return _layer(tf, v)
    if isinstance(v, list) and v and all(isinstance(e, dict) and "l" in e for e in v):
        return [_layer(tf, e) for e in v]
    return v


def build(tf, spec: dict):
    """The pytfjs model for one zoo entry (weights still from the initializers)."""
    if spec.get("seq"):
        return tf.sequential([_layer(tf, s) for s in spec["layers"]], name=spec["name"])
    env: dict = {}
    layers: dict = {}
    inputs = [tf.input(shape=i["shape"], name=i["name"]) for i in spec["inputs"]]
    for i, t in zip(spec["inputs"], inputs):
        env[i["name"]] = t
    for node in spec["nodes"]:
        if "sub" in node:
            layer = build(tf, node["sub"])
        elif "reuse" in node:
            layer = layers[node["reuse"]]
        else:
            layer = _layer(tf, {"l": node["l"], "c": {**node.get("c", {}), "name": node["n"]}})
        layers[node["n"]] = layer
        src = node["in"]
        env[node["n"]] = layer.apply([env[s] for s in src] if isinstance(src, list) else env[src])
    outs = [env[o] for o in spec["outputs"]]
    return tf.model(inputs=inputs if len(inputs) > 1 else inputs[0],
                    outputs=outs if len(outs) > 1 else outs[0], name=spec["name"])


def seed_weights(tf, model, seed: int) -> None:
    rng = random.Random(seed)
    for w in model.weights:
        n = 1
        for s in w.shape:
            n *= s
        lo, hi = (0.5, 1.5) if "variance" in w.name else (-0.6, 0.6)
        w.write(tf.tensor([rng.uniform(lo, hi) for _ in range(n)], list(w.shape), w.dtype))


def make_inputs(spec: dict, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for d in spec["data"]:
        shape = d["shape"]
        n = 1
        for s in shape:
            n *= s
        if d.get("tokens"):
            vals = [float(rng.randrange(1, d["tokens"])) for _ in range(n)]
        else:
            vals = [rng.uniform(-1, 1) for _ in range(n)]
        if d.get("zeros_tail"):  # row r: its last r time steps are padding (all zeros)
            t = shape[1]
            per_step = n // (shape[0] * t)
            for r in range(1, shape[0]):
                for k in range(min(r, t - 1)):
                    step = t - 1 - k
                    base = (r * t + step) * per_step
                    vals[base:base + per_step] = [0.0] * per_step
        out.append({"shape": shape, "values": vals})
    return out


# ------------------------------------------------------------------------------ helpers

def _predict(tf, model, inputs):
    xs = [tf.tensor(i["values"], i["shape"], "float32") for i in inputs]
    ys = model.predict(xs[0] if len(xs) == 1 else xs)
    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    out = [(list(y.shape), _flat(y)) for y in ys]
    tf.dispose(xs + ys)
    return out


def _assert_close(got, want, tol, what):
    assert len(got) == len(want), f"{what}: {len(got)} outputs, expected {len(want)}"
    for i, ((gs, gv), (ws, wv)) in enumerate(zip(got, want)):
        assert list(gs) == list(ws), f"{what} output {i}: shape {gs}, expected {ws}"
        worst = max((abs(a - b) - tol * abs(b) for a, b in zip(gv, wv)), default=0.0)
        assert worst <= tol, f"{what} output {i}: max error {worst} > {tol}"


def _tol(name: str) -> float:
    return TOL_FOR.get(name, (TOL, ""))[0]


def _read(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _classes(obj, found: set) -> set:
    """Every layer class name in a saved topology (layers, wrapped layers, cells)."""
    from pytfjs.layers import LAYER_CLASSES
    if isinstance(obj, list):
        for v in obj:
            _classes(v, found)
    elif isinstance(obj, dict):
        if obj.get("class_name") in LAYER_CLASSES:
            found.add(obj["class_name"])
        for v in obj.values():
            _classes(v, found)
    return found


def _built(tf, name: str):
    spec = MODELS[name]
    i = list(MODELS).index(name)
    model = build(tf, spec)
    seed_weights(tf, model, 100 + i)
    return model, make_inputs(spec, 200 + i)


# ------------------------------------------------------------------------------ pytfjs <-> pytfjs

@pytest.mark.parametrize("name", list(MODELS))
def test_pytfjs_round_trip(tf, tmp_path, name: str) -> None:
    model, inputs = _built(tf, name)
    d = str(tmp_path / name)
    try:
        want = _predict(tf, model, inputs)
        model.save(d)
        back = load_layers_model(d)
        try:
            _assert_close(_predict(tf, back, inputs), want, 0.0, f"{name} reloaded")
            assert [w.name for w in back.weights] == [w.name for w in model.weights]
        finally:
            back.dispose()
    finally:
        model.dispose()


def test_zoo_covers_every_layer_class(tf, tmp_path) -> None:
    """Every registered layer class appears in some zoo model's saved topology."""
    from pytfjs.layers import LAYER_CLASSES
    covered: set = set()
    for spec in MODELS.values():
        model = build(tf, spec)
        try:
            covered |= _classes(json.loads(model.to_json()), set())
        finally:
            model.dispose()
    missing = sorted(set(LAYER_CLASSES) - covered - set(NOT_A_LAYER))
    assert not missing, f"layer classes no zoo model covers: {missing}"


def test_tfjs_zoo_covers_every_tfjs_layer_class(tf) -> None:
    """The zoo models TF.js builds cover every registered class TF.js has (bar the listed ones)."""
    from pytfjs.layers import LAYER_CLASSES
    covered: set = set()
    for name in TFJS_MODELS:
        model = build(tf, MODELS[name])
        try:
            covered |= _classes(json.loads(model.to_json()), set())
        finally:
            model.dispose()
    missing = sorted(set(LAYER_CLASSES) - covered - set(NOT_A_LAYER) - set(NOT_IN_TFJS)
                     - set(TFJS_CANNOT))
    assert not missing, f"layer classes no TF.js zoo model covers: {missing}"
    assert not covered & set(NOT_IN_TFJS)


# ------------------------------------------------------------------------------ TF.js -> pytfjs

def _tfjs_saved() -> list[str]:
    if not os.path.isdir(TFJS_SAVED):
        return []
    return sorted(n for n in os.listdir(TFJS_SAVED)
                  if os.path.isfile(os.path.join(TFJS_SAVED, n, "io.json")))


def test_tfjs_fixtures_cover_the_zoo() -> None:
    assert _tfjs_saved() == sorted(TFJS_MODELS), "regenerate: node tools/oracle/zoo.js build " \
        "tests/fixtures/zoo/tfjs"


def _check_tfjs_saved(tf, d: str, name: str) -> None:
    io = _read(os.path.join(d, "io.json"))
    model = load_layers_model(d)
    try:
        want = [(o["shape"], o["values"]) for o in io["outputs"]]
        _assert_close(_predict(tf, model, io["inputs"]), want, _tol(name), f"TF.js {name}")
    finally:
        model.dispose()


@pytest.mark.parametrize("name", _tfjs_saved())
def test_tfjs_built_zoo_loads_in_pytfjs(tf, name: str) -> None:
    _check_tfjs_saved(tf, os.path.join(TFJS_SAVED, name), name)


def _node(*args: str) -> str:
    r = subprocess.run([NODE, os.path.join(ORACLE, "zoo.js"), *args], cwd=ORACLE,
                       check=False, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


@needs_node
def test_tfjs_fresh_build_loads_in_pytfjs(tf, tmp_path) -> None:
    out = str(tmp_path / "built")
    _node("build", out)
    assert sorted(os.listdir(out)) == sorted(TFJS_MODELS)
    for n in sorted(TFJS_MODELS):
        _check_tfjs_saved(tf, os.path.join(out, n), n)


# ------------------------------------------------------------------------------ pytfjs -> TF.js

@needs_node
def test_pytfjs_zoo_runs_in_tfjs(tf, tmp_path) -> None:
    root = str(tmp_path / "py")
    expected = {}
    for name in TFJS_MODELS:
        model, inputs = _built(tf, name)
        try:
            expected[name] = _predict(tf, model, inputs)
            d = os.path.join(root, name)
            model.save(d)
        finally:
            model.dispose()
        with open(os.path.join(d, "io.json"), "w", encoding="utf-8") as f:
            json.dump({"inputs": inputs}, f)
    _node("predict", root)
    failures = []
    for name, want in expected.items():
        got = _read(os.path.join(root, name, "tfjs_outputs.json"))
        if "error" in got:
            failures.append(f"{name}: TF.js failed: {got['error'].splitlines()[0]}")
            continue
        try:
            _assert_close([(o["shape"], o["values"]) for o in got["outputs"]], want, _tol(name),
                          f"{name} in TF.js")
        except AssertionError as e:
            failures.append(str(e))
    assert not failures, "\n".join(failures)


# ------------------------------------------------------------------------------ Keras

KERAS_MODELS = [n for n in MODELS if n not in KERAS_SKIP]

_KERAS_CHECK = textwrap.dedent("""
    import json, os, sys
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import numpy as np, keras
    root = sys.argv[1]
    report = {}
    for name in sorted(os.listdir(root)):
        io = json.load(open(os.path.join(root, name, "io.json")))
        xs = [np.asarray(i["values"], "float32").reshape(i["shape"]) for i in io["inputs"]]
        for ext in (".keras", ".h5"):
            try:
                m = keras.models.load_model(os.path.join(root, name, "m" + ext), compile=False)
                ys = m.predict(xs if len(xs) > 1 else xs[0], verbose=0)
                ys = ys if isinstance(ys, (list, tuple)) else [ys]
                diff = max(float(np.max(np.abs(np.asarray(y) - np.asarray(o["values"], "float32")
                                               .reshape(o["shape"])))) if np.asarray(y).size else 0.0
                           for y, o in zip(ys, io["outputs"]))
                shapes = [list(np.asarray(y).shape) for y in ys] == [o["shape"] for o in io["outputs"]]
                report[name + ext] = {"max_abs_diff": diff, "shapes_equal": shapes, "n": len(ys)}
            except Exception as e:  # noqa: BLE001
                report[name + ext] = {"error": f"{type(e).__name__}: {e}"[:400]}
    json.dump(report, sys.stdout, indent=1)
""")


@pytest.mark.parametrize("name", KERAS_MODELS)
@pytest.mark.parametrize("ext", [".keras", ".h5"])
def test_keras_round_trip(tf, tmp_path, name: str, ext: str) -> None:
    pytest.importorskip("h5py", reason="h5py is missing (pip install 'pytfjs[keras]')")
    from pytfjs import converters
    model, inputs = _built(tf, name)
    path = str(tmp_path / ("m" + ext))
    try:
        want = _predict(tf, model, inputs)
        converters.save_keras_model(model, path)
    finally:
        model.dispose()
    back = converters.load_keras_model(path)
    try:
        _assert_close(_predict(tf, back, inputs), want, 0.0, f"{name}{ext} reloaded")
    finally:
        back.dispose()


@pytest.mark.skipif(not os.environ.get("PYTFJS_KERAS_PYTHON"),
                    reason="set PYTFJS_KERAS_PYTHON to a Python with Keras 3 (dev only)")
def test_keras_loads_pytfjs_zoo(tf, tmp_path) -> None:
    pytest.importorskip("h5py")
    from pytfjs import converters
    root = tmp_path / "keras"
    for name in KERAS_MODELS:
        model, inputs = _built(tf, name)
        d = root / name
        d.mkdir(parents=True)
        try:
            outs = _predict(tf, model, inputs)
            for ext in (".keras", ".h5"):
                converters.save_keras_model(model, str(d / ("m" + ext)))
        finally:
            model.dispose()
        with open(d / "io.json", "w", encoding="utf-8") as f:
            json.dump({"inputs": inputs, "outputs": [{"shape": s, "values": v} for s, v in outs]}, f)
    r = subprocess.run([os.environ["PYTFJS_KERAS_PYTHON"], "-c", _KERAS_CHECK, str(root)],
                       check=False, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    report = json.loads(r.stdout)
    out = os.environ.get("PYTFJS_KERAS_REPORT")
    if out:
        with open(out, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1, sort_keys=True)
    bad = {k: v for k, v in report.items() if k.rsplit(".", 1)[0] not in KERAS_KNOWN and (
           "error" in v or not v["shapes_equal"] or v["max_abs_diff"] > 1e-6)}
    assert not bad, json.dumps(bad, indent=1)
