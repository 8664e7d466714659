"""GraphModel tests: hand-written graphs (v1/v2 control flow, hash tables, dynamic ops, custom
ops, memory), the op-table audit, and the real TF.js models of ../shared."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import pytfjs as tf
from pytfjs.graph import GraphModel, UnsupportedOpError, deregister_op, register_op
from pytfjs.graph.control import HANDLERS
from pytfjs.graph.op_table import TABLE, UNSUPPORTED, make_mapper
from pytfjs.io import ModelArtifacts

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(ROOT, "..", "shared", "fixtures", "tfjs_models")


@pytest.fixture(autouse=True)
def _scoped_models(monkeypatch: pytest.MonkeyPatch):
    """Each test runs in a scope; the GraphModels it built are disposed afterwards. The global
    leak check (tests/conftest.py) then proves GraphModel.dispose frees everything it holds."""
    from pytfjs.core.engine import ENGINE
    made: list = []
    original = GraphModel.__init__

    def tracking_init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        made.append(self)
    monkeypatch.setattr(GraphModel, "__init__", tracking_init)
    ENGINE.start_scope("graph test")
    try:
        yield
    finally:
        for m in made:
            m.dispose()
        ENGINE.end_scope(None)


def _dt(d):
    return {"type": d}


def ph(name, dtype="DT_FLOAT"):
    return {"name": name, "op": "Placeholder", "attr": {"dtype": _dt(dtype)}}


def node(name, op, inputs=(), **attr):
    return {"name": name, "op": op, "input": list(inputs), "attr": attr}


def model(nodes, weights=None, signature=None, library=None, initializer=None, udm=None):
    topo = {"node": nodes}
    if library:
        topo["library"] = {"function": library}
    a = ModelArtifacts(model_topology=topo, format="graph-model", signature=signature,
                       model_initializer=initializer, user_defined_metadata=udm)
    return GraphModel(a, weights={k: tf.tensor(v) if not hasattr(v, "shape") else v
                                  for k, v in (weights or {}).items()})


def test_table_rows_resolve_and_audit():
    for op, row in TABLE.items():
        make_mapper(row)  # every row names a pytfjs op and its real argument names
    with open(os.path.join(ROOT, "tests", "fixtures", "graph", "tfjs_op_list.json")) as f:
        ops = [o for v in json.load(f)["categories"].values() for o in v]
    special = {"Const", "Placeholder", "Merge"}
    missing = [o for o in ops if o not in TABLE and o not in HANDLERS and o not in special
               and o not in UNSUPPORTED]
    assert not missing, missing


def test_simple_graph_predict_and_metadata():
    m = model([ph("x"), node("w", "Const"), node("mm", "MatMul", ["x", "w"]),
               node("out", "Relu", ["mm"])], weights={"w": [[1.0, -1.0], [2.0, 0.5]]},
              signature={"inputs": {"x:0": {"name": "x:0", "dtype": "DT_FLOAT"}},
                         "outputs": {"y": {"name": "out:0", "dtype": "DT_FLOAT"}}})
    assert [i["name"] for i in m.inputs] == ["x"]
    assert m.outputs[0]["signature_key"] == "y"
    for feed in ([[[1.0, 2.0]]], {"x": [[1.0, 2.0]]}, {"x:0": [[1.0, 2.0]]}):
        before = tf.memory().num_tensors
        r = m.predict(feed)
        assert r.to_list() == [[5.0, 0.0]]
        r.dispose()
        assert tf.memory().num_tensors == before
    r = m.execute({"x": [[1.0, 2.0]]}, ["mm", "out"])
    assert [t.to_list() for t in r] == [[[5.0, 0.0]], [[5.0, 0.0]]]
    tf.dispose(r)
    m.dispose()


def test_fused_conv_and_matmul_prelu():
    x = tf.ones([1, 3, 3, 1])
    m = model([ph("x"), node("f", "Const"), node("b", "Const"), node("a", "Const"),
               node("c", "_FusedConv2D", ["x", "f", "b", "a"],
                    strides={"list": {"i": ["1", "1", "1", "1"]}}, padding={"s": "U0FNRQ=="},
                    fused_ops={"list": {"s": ["Qmlhc0FkZA==", "UHJlbHU="]}}, num_args={"i": "2"})],
              weights={"f": tf.ones([1, 1, 1, 1]) * -1, "b": tf.tensor([0.5]), "a": tf.tensor([0.1])})
    r = m.predict(x)
    assert r.shape == (1, 3, 3, 1)
    assert abs(r.to_list()[0][0][0][0] - (-0.05)) < 1e-6
    tf.dispose([r, x])
    m.dispose()


def test_v1_cond_and_while_loop():
    # y = x > 0 ? x * 2 : -x   (Switch/Merge)
    b64 = lambda s: __import__("base64").b64encode(s.encode()).decode()  # noqa: E731
    nodes = [ph("x"), node("zero", "Const"), node("p", "Greater", ["x", "zero"]),
             node("sw", "Switch", ["x", "p"]), node("t", "Mul", ["sw:1", "two"]),
             node("two", "Const"), node("f", "Neg", ["sw"]), node("m", "Merge", ["f", "t"])]
    m = model(nodes, weights={"zero": 0.0, "two": 2.0})
    assert m.execute({"x": 3.0}, "m").to_list() == 6.0
    assert m.execute({"x": -3.0}, "m").to_list() == 3.0
    # i = 0; while i < n: i += 1   (Enter/Merge/LoopCond/Switch/NextIteration/Exit)
    loop = [ph("n", "DT_INT32"), node("i0", "Const"), node("one", "Const"),
            node("enter", "Enter", ["i0"], frame_name={"s": b64("L")}),
            node("n_in", "Enter", ["n"], frame_name={"s": b64("L")}, is_constant={"b": True}),
            node("merge", "Merge", ["enter", "next"]), node("less", "Less", ["merge", "n_in"]),
            node("cond", "LoopCond", ["less"]), node("sw", "Switch", ["merge", "cond"]),
            node("ident", "Identity", ["sw:1"]), node("add", "AddV2", ["ident", "one_in"]),
            node("one_in", "Enter", ["one"], frame_name={"s": b64("L")}, is_constant={"b": True}),
            node("next", "NextIteration", ["add"]), node("exit", "Exit", ["sw"])]
    m2 = model(loop, weights={"i0": tf.scalar(0, "int32"), "one": tf.scalar(1, "int32")})
    n = tf.scalar(5, "int32")
    before = tf.memory().num_tensors
    r = m2.execute({"n": n}, "exit")
    assert r.to_list() == 5
    r.dispose()
    assert tf.memory().num_tensors == before


def _fn(name, args, outs, nodes, ret):
    return {"signature": {"name": name, "inputArg": [{"name": a} for a in args],
                          "outputArg": [{"name": o} for o in outs]},
            "nodeDef": nodes, "ret": ret}


def test_v2_while_and_if():
    lib = [
        _fn("cond", ["i", "acc"], ["out"], [node("c", "Const", attr=None) if False else
                                            {"name": "lim", "op": "Const", "attr": {"value": {"tensor": {"dtype": "DT_INT32", "tensorShape": {}, "intVal": [4]}}}},
                                            node("lt", "Less", ["i", "lim:output:0"])], {"out": "lt:z:0"}),
        _fn("body", ["i", "acc"], ["i2", "acc2"],
            [{"name": "one", "op": "Const", "attr": {"value": {"tensor": {"dtype": "DT_INT32", "tensorShape": {}, "intVal": [1]}}}},
             node("ip", "AddV2", ["i", "one:output:0"]), node("ci", "Cast", ["i"], DstT=_dt("DT_FLOAT")),
             node("ap", "AddV2", ["acc", "ci:y:0"])], {"i2": "ip:z:0", "acc2": "ap:z:0"}),
        _fn("then", ["v"], ["o"], [node("d", "Mul", ["v", "v"])], {"o": "d:z:0"}),
        _fn("else", ["v"], ["o"], [node("d", "Neg", ["v"])], {"o": "d:y:0"}),
    ]
    nodes = [ph("i", "DT_INT32"), ph("acc"),
             node("w", "StatelessWhile", ["i", "acc"], cond={"func": {"name": "cond"}},
                  body={"func": {"name": "body"}}),
             node("p", "Greater", ["w:1", "acc"]),
             node("if", "StatelessIf", ["p", "w:1"], then_branch={"func": {"name": "then"}},
                  else_branch={"func": {"name": "else"}})]
    m = model(nodes, library=lib)
    before = tf.memory().num_tensors
    i, acc = tf.scalar(0, "int32"), tf.scalar(0.5)
    r = m.execute({"i": i, "acc": acc}, ["w:0", "w:1", "if"])
    assert [t.to_list() for t in r] == [4, 6.5, 42.25]
    tf.dispose(r + [i, acc])
    assert tf.memory().num_tensors == before


def test_hash_table_with_initializer():
    b64 = lambda s: __import__("base64").b64encode(s.encode()).decode()  # noqa: E731
    init = {"node": [node("table", "HashTableV2", key_dtype=_dt("DT_STRING"), value_dtype=_dt("DT_INT32")),
                     {"name": "k", "op": "Const", "attr": {"value": {"tensor": {
                         "dtype": "DT_STRING", "tensorShape": {"dim": [{"size": "2"}]},
                         "stringVal": [b64("a"), b64("b")]}}}},
                     {"name": "v", "op": "Const", "attr": {"value": {"tensor": {
                         "dtype": "DT_INT32", "tensorShape": {"dim": [{"size": "2"}]}, "intVal": [7, 9]}}}},
                     node("imp", "LookupTableImportV2", ["table", "k", "v"])]}
    nodes = [ph("q", "DT_STRING"), node("table", "HashTableV2"), node("d", "Const"),
             node("find", "LookupTableFindV2", ["table", "q", "d"]), node("size", "LookupTableSizeV2", ["table"])]
    a = ModelArtifacts(model_topology={"node": nodes}, format="graph-model", model_initializer=init)
    m = GraphModel(a, weights={"d": tf.scalar(-1, "int32")})
    r = m.execute({"q": tf.tensor(["b", "z", "a"])}, ["find", "size"])
    assert [t.to_list() for t in r] == [[9, -1, 7], 2]


def test_dynamic_ops_in_execute():
    m = model([ph("x"), node("w", "Where", ["x"]), node("u", "Unique", ["x"])])
    r = m.execute({"x": [0.0, 2.0, 0.0, 3.0]}, ["w", "u:1"])
    assert r[0].to_list() == [[1], [3]] and r[1].to_list() == [0, 1, 0, 2]


def test_unsupported_and_custom_ops():
    m = model([ph("x"), node("y", "MyCustomOp", ["x"], scale={"f": 3.0})])
    with pytest.raises(UnsupportedOpError, match="MyCustomOp.*node 'y'"):
        m.predict([[1.0]])
    register_op("MyCustomOp", lambda n: tf.mul(n.inputs[0], n.attrs["scale"]))
    try:
        assert m.predict([[1.0]]).to_list() == [3.0]
    finally:
        deregister_op("MyCustomOp")


def test_keep_intermediate_tensors():
    m = model([ph("x"), node("a", "Exp", ["x"]), node("b", "Neg", ["a"])])
    tf.env().set("KEEP_INTERMEDIATE_TENSORS", True)
    try:
        m.predict([[0.0]])
        inter = m.get_intermediate_tensors()
        assert inter["a"].to_list() == [1.0]
        m.dispose_intermediate_tensors()
        assert m.get_intermediate_tensors() == {}
    finally:
        tf.env().set("KEEP_INTERMEDIATE_TENSORS", False)


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="../shared fixtures are absent")
def test_real_graph_models_checker():
    code = ("import sys, pytfjs, pytfjs.graph as g\n"
            "pytfjs.load_graph_model = getattr(pytfjs, 'load_graph_model', g.load_graph_model)\n"
            f"sys.argv = ['check', '--only', 'human_rvm,human_faceboxes', '--runs', '1']\n"
            f"sys.path.insert(0, {SHARED!r})\nimport check_models\nsys.exit(check_models.main())\n")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "2 passed, 0 failed" in p.stdout
