"""Inference-time graph rewrites (pytfjs.inference.graph_rewrite): same outputs as the graph as loaded
(float32 rounding, 1e-5 relative) on hand-written graphs and on every graph fixture."""
from __future__ import annotations

import base64
import json
import os

import numpy as np
import pytest

import pytfjs as tf
from pytfjs.graph import GraphModel
from pytfjs.io import ModelArtifacts

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURE_ROOTS = [os.path.join(ROOT, "..", "shared", "fixtures", "tfjs_models"),
                 os.path.join(ROOT, "tests", "fixtures", "graph_models")]


def _s(v: str) -> dict:
    return {"s": base64.b64encode(v.encode()).decode()}


def _ints(*v: int) -> dict:
    return {"list": {"i": [str(i) for i in v]}}


def node(name, op, inputs=(), **attr):
    return {"name": name, "op": op, "input": list(inputs), "attr": attr}


def ph(name):
    return {"name": name, "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"}}}


CONV = {"strides": _ints(1, 1, 1, 1), "padding": _s("SAME"), "data_format": _s("NHWC"),
        "dilations": _ints(1, 1, 1, 1), "T": {"type": "DT_FLOAT"}}


def _models(nodes, weights, outputs=None):
    out = []
    for opt in (False, True):
        a = ModelArtifacts(model_topology={"node": nodes}, format="graph-model")
        m = GraphModel(a, weights={k: tf.tensor(np.asarray(v, np.int32 if k == "axes" else np.float32))
                                   for k, v in weights.items()}, optimize=opt)
        out.append(m)
    return out


def _close(a, b, rtol=1e-5):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    scale = max(float(np.abs(a).max()), 1e-6)
    assert float(np.abs(a - b).max()) <= rtol * scale, float(np.abs(a - b).max()) / scale


def _run_both(ms, x, outputs=None):
    res = []
    for m in ms:
        r = m.execute(x, outputs)
        r = r if isinstance(r, list) else [r]
        res.append([t.numpy() for t in r])
        tf.dispose(r)
    for a, b in zip(*res):
        _close(a, b)
    return res


def test_conv_bn_relu6_mul_add_chain_folds():
    rng = np.random.default_rng(0)
    c = 8
    w = {"f": rng.standard_normal((3, 3, 4, c)), "scale": rng.uniform(0.5, 1.5, c),
         "offset": rng.standard_normal(c), "mean": rng.standard_normal(c) * 0.1,
         "var": rng.uniform(0.5, 1.5, c), "k": rng.uniform(0.5, 2, (1, 1, 1, c)),
         "b": rng.standard_normal(c), "df": rng.standard_normal((3, 3, c, 1)),
         "db": rng.standard_normal(c), "mm": rng.standard_normal((c, 5)), "mb": rng.standard_normal(5),
         "s1": [2.0], "s2": [3.0]}
    nodes = [ph("x")] + [node(k, "Const") for k in w] + [
        node("conv", "Conv2D", ["x", "f"], **CONV),
        node("bn", "FusedBatchNormV3", ["conv", "scale", "offset", "mean", "var"],
             epsilon={"f": 0.001}, data_format=_s("NHWC"), T={"type": "DT_FLOAT"}),
        node("mul", "Mul", ["bn", "k"], T={"type": "DT_FLOAT"}),
        node("add", "AddV2", ["mul", "b"], T={"type": "DT_FLOAT"}),
        node("act", "Relu6", ["add"], T={"type": "DT_FLOAT"}),
        node("id", "Identity", ["act"], T={"type": "DT_FLOAT"}),
        node("dw", "DepthwiseConv2dNative", ["id", "df"], **CONV),
        node("dwb", "BiasAdd", ["dw", "db"], data_format=_s("NHWC"), T={"type": "DT_FLOAT"}),
        node("lrelu", "LeakyRelu", ["dwb"], alpha={"f": 0.1}, T={"type": "DT_FLOAT"}),
        node("mean_", "Mean", ["lrelu", "axes"], keep_dims={"b": False}),
        node("axes", "Const"),
        node("s", "Mul", ["s1", "s2"], T={"type": "DT_FLOAT"}),  # constant-folded
        node("mm_", "MatMul", ["mean_", "mm"], transpose_a={"b": False}, transpose_b={"b": False},
             T={"type": "DT_FLOAT"}),
        node("mmb", "BiasAdd", ["mm_", "mb"], T={"type": "DT_FLOAT"}),
        node("scaled", "Mul", ["mmb", "s"], T={"type": "DT_FLOAT"}),
        node("out", "Sigmoid", ["scaled"], T={"type": "DT_FLOAT"}),
    ]
    w["axes"] = [1, 2]
    ms = _models(nodes, w)
    x = tf.tensor(rng.standard_normal((2, 9, 9, 4)).astype(np.float32))
    _run_both(ms, x)
    st = ms[1].optimization_stats
    assert st == {"identity": 1, "constant_fold": 1, "batch_norm": 1, "scale": 2, "bias_add": 3,
                  "activation": 3}, st
    g = ms[1]._opt[0]
    ops = sorted(n.op for n in g.nodes.values() if n.op not in ("Const", "Placeholder"))
    assert ops == ["FusedDepthwiseConv2dNative", "Mean", "_FusedConv2D", "_FusedMatMul"], ops
    # an output that the rewrite removed (the raw conv) still works: the original graph runs
    _run_both(ms, x, ["conv", "out"])
    assert ms[0].optimization_stats == {}
    tf.dispose(x)
    for m in ms:
        m.dispose()


def test_no_fold_when_conv_output_is_shared_or_an_output():
    rng = np.random.default_rng(1)
    w = {"f": rng.standard_normal((1, 1, 3, 4)), "b": rng.standard_normal(4)}
    nodes = [ph("x"), node("f", "Const"), node("b", "Const"),
             node("conv", "Conv2D", ["x", "f"], **CONV),
             node("add", "Add", ["conv", "b"], T={"type": "DT_FLOAT"}),
             node("relu", "Relu", ["conv"], T={"type": "DT_FLOAT"})]
    ms = _models(nodes, w)
    x = tf.tensor(rng.standard_normal((1, 4, 4, 3)).astype(np.float32))
    _run_both(ms, x, ["add", "relu"])
    assert ms[1].optimization_stats == {}
    tf.dispose(x)
    for m in ms:
        m.dispose()


def _graph_fixtures():
    out = []
    for root in FIXTURE_ROOTS:
        path = os.path.join(root, "manifest.json")
        if not os.path.exists(path):
            continue
        with open(path) as f:
            for e in json.load(f)["models"]:
                if e["format"] == "graph":
                    out.append(pytest.param(root, e, id=e["name"]))
    return out


@pytest.mark.parametrize("root,entry", _graph_fixtures())
def test_fixture_models_same_outputs(root, entry):
    d = os.path.join(root, entry["dir"])
    url = "file://" + os.path.join(d, entry["model_json"])
    ms = [tf.load_graph_model(url, optimize=False), tf.load_graph_model(url)]
    cases = sorted({f.split("_")[0] for f in os.listdir(os.path.join(d, "inputs"))})
    try:
        for c in cases:
            feeds = {m["name"]: np.load(os.path.join(d, "inputs", f"{c}_in{i}.npy"))
                     for i, m in enumerate(entry["inputs"])}
            res = []
            for m in ms:
                r = m.execute(dict(feeds))
                r = r if isinstance(r, list) else [r]
                res.append([t.numpy() for t in r])
                tf.dispose(r)
            for a, b in zip(*res):
                if a.dtype.kind == "f":
                    _close(a, b)
                else:
                    np.testing.assert_array_equal(a, b)
        assert ms[1]._opt is not False  # the rewrite ran without error
    finally:
        for m in ms:
            m.dispose()
