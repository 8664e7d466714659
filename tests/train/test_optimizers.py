"""Optimizers: TF.js trajectories (goldens from tools/oracle/optimizers.js), state round trips,
configs, clipping, schedules, and memory."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

GOLDEN = json.loads((Path(__file__).resolve().parents[1] / "goldens" / "optimizers.json").read_text())


def _problem(tf):
    x = tf.tensor(GOLDEN["x"])
    y = tf.tensor(GOLDEN["y"])
    w = tf.variable(tf.tensor(GOLDEN["w0"]))
    b = tf.variable(tf.tensor(GOLDEN["b0"]))
    loss = lambda: tf.mean(tf.square(tf.sub(tf.add(tf.mat_mul(x, w), b), y)))  # noqa: E731
    return x, y, w, b, loss


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=lambda c: f"{c['optimizer']}{c['args']}")
def test_matches_tfjs_trajectory(tf, case):
    x, y, w, b, loss = _problem(tf)
    args = [a for a in case["args"]]
    opt = getattr(tf.train, case["optimizer"])(*args)
    try:
        for step, (want_w, want_b) in enumerate(case["trajectory"]):
            cost = opt.minimize(loss, True)
            assert abs(cost.item() - case["losses"][step]) <= 1e-5 + 1e-5 * abs(case["losses"][step])
            cost.dispose()
            got = [v for row in w.to_list() for v in row] + b.to_list()
            want = want_w + want_b
            for g, e in zip(got, want):
                assert abs(g - e) <= 1e-5 + 1e-5 * abs(e), f"step {step}: {got} != {want}"
        assert opt.iterations == len(case["trajectory"])
        assert opt.get_config() == {k: v for k, v in case["config"].items()}
    finally:
        opt.dispose()
        tf.dispose([x, y, w, b])


def test_no_tensor_leak_per_step(tf):
    x, y, w, b, loss = _problem(tf)
    opt = tf.train.adam(0.01)
    try:
        opt.minimize(loss)  # creates the slot variables once
        n0 = tf.memory().num_tensors
        steps = 10_000 if tf.get_backend() == "numpy" else 200
        for _ in range(steps):
            opt.minimize(loss)
        assert tf.memory().num_tensors == n0
    finally:
        opt.dispose()
        tf.dispose([x, y, w, b])


@pytest.mark.parametrize("name,args", [("sgd", [0.1]), ("momentum", [0.05, 0.9]),
                                       ("rmsprop", [0.01, 0.9, 0.3, None, True]), ("adam", [0.05]),
                                       ("adamax", [0.05]), ("adadelta", [0.1]), ("adagrad", [0.1]),
                                       ("adamw", [0.05]), ("nadam", [0.05])])
def test_weights_round_trip_resumes_training(tf, name, args):
    x, y, w, b, loss = _problem(tf)
    make = lambda: getattr(tf.train, name)(*args)  # noqa: E731
    a = make()
    try:
        for _ in range(5):
            a.minimize(loss)
        saved_vars = [tf.keep(tf.clone(w)), tf.keep(tf.clone(b))]
        weights = a.get_weights()
        assert weights[0].name == "iter" and weights[0].tensor.item() == 5
        copies = [(n, tf.keep(tf.clone(t))) for n, t in weights]
        weights[0].tensor.dispose()
        for _ in range(5):
            a.minimize(loss)
        uninterrupted = w.to_list() + [b.to_list()]
        # restore the variables and a fresh optimizer from the saved state
        w.assign(saved_vars[0])
        b.assign(saved_vars[1])
        c = type(a).from_config(a.get_config())
        c.set_weights(copies)
        assert c.iterations == 5
        for _ in range(5):
            c.minimize(loss)
        resumed = w.to_list() + [b.to_list()]
        flat = lambda v: [z for r in v for z in (r if isinstance(r, list) else [r])]  # noqa: E731
        for g, e in zip(flat(resumed), flat(uninterrupted)):
            assert abs(g - e) <= 1e-6 + 1e-6 * abs(e)
        c.dispose()
        tf.dispose([t for _, t in copies] + saved_vars)
    finally:
        a.dispose()
        tf.dispose([x, y, w, b])


def test_apply_gradients_forms_and_errors(tf):
    w = tf.variable(tf.tensor([1.0, 2.0]), name="ag_w")
    opt = tf.train.sgd(0.5)
    try:
        g = tf.tensor([1.0, 1.0])
        opt.apply_gradients({"ag_w": g})
        opt.apply_gradients([("ag_w", g)])
        opt.apply_gradients([{"name": "ag_w", "tensor": g}])
        opt.apply_gradients({"ag_w": None})  # skipped
        assert w.to_list() == [-0.5, 0.5]
        with pytest.raises(KeyError, match="no registered variable named 'nope'"):
            opt.apply_gradients({"nope": g})
        with pytest.raises(ValueError, match="expected \\[2\\]"):
            opt.apply_gradients({"ag_w": tf.tensor([1.0])})
        with pytest.raises(ValueError, match="must be defined"):
            tf.train.sgd(None)
        with pytest.raises(ValueError, match="Only one of"):
            tf.train.sgd(0.1, clipnorm=1.0, clipvalue=1.0)
    finally:
        opt.dispose()
        w.dispose()


def test_minimize_with_var_list_updates_only_those(tf):
    a = tf.variable(tf.tensor([1.0]), name="vl_a")
    b = tf.variable(tf.tensor([1.0]), name="vl_b")
    opt = tf.train.sgd(0.1)
    try:
        opt.minimize(lambda: tf.sum(tf.mul(a, b)), False, [a])
        assert a.to_list() == [0.9] or abs(a.item() - 0.9) < 1e-7
        assert b.item() == 1.0
    finally:
        opt.dispose()
        tf.dispose([a, b])


def test_clipping(tf):
    w = tf.variable(tf.tensor([0.0, 0.0]), name="clip_w")
    try:
        g = {"clip_w": tf.tensor([3.0, 4.0])}
        tf.train.sgd(1.0, clipvalue=1.0).apply_gradients(g)
        assert w.to_list() == [-1.0, -1.0]
        w.assign(tf.tensor([0.0, 0.0]))
        tf.train.sgd(1.0, clipnorm=1.0).apply_gradients(g)
        assert [round(v, 6) for v in w.to_list()] == [-0.6, -0.8]
        w.assign(tf.tensor([0.0, 0.0]))
        tf.train.sgd(1.0, global_clipnorm=10.0).apply_gradients(g)  # norm 5 < 10: unchanged
        assert w.to_list() == [-3.0, -4.0]
    finally:
        w.dispose()


def test_learning_rate_schedule(tf):
    w = tf.variable(tf.tensor([0.0]), name="sched_w")
    sched = tf.train.PiecewiseConstantDecay([0], [1.0, 0.5])
    opt = tf.train.sgd(sched)
    try:
        g = {"sched_w": tf.tensor([1.0])}
        opt.apply_gradients(g)  # step 0: lr 1.0
        opt.apply_gradients(g)  # step 1: lr 0.5
        assert w.to_list() == [-1.5]
        cfg = opt.get_config()
        assert cfg["learningRate"]["class_name"] == "PiecewiseConstantDecay"
        again = tf.train.SGDOptimizer.from_config(cfg)
        assert again.current_learning_rate() == 1.0
    finally:
        opt.dispose()
        w.dispose()


def _adam_reference(ws, grad_fn, steps, lr, b1, b2, eps, wd=0.0, nadam=False):
    m = [0.0] * len(ws)
    v = [0.0] * len(ws)
    prod = 1.0
    mu = lambda t: b1 * (1 - 0.5 * 0.96 ** (0.004 * t))  # noqa: E731
    for t in range(1, steps + 1):
        g = grad_fn(ws)
        if wd:
            ws = [w - lr * wd * w for w in ws]
        m = [b1 * mi + (1 - b1) * gi for mi, gi in zip(m, g)]
        v = [b2 * vi + (1 - b2) * gi * gi for vi, gi in zip(v, g)]
        if nadam:
            u_t, u_t1 = mu(t), mu(t + 1)
            p_t, p_t1 = prod * u_t, prod * u_t * u_t1
            prod = p_t
            mh = [u_t1 * mi / (1 - p_t1) + (1 - u_t) * gi / (1 - p_t) for mi, gi in zip(m, g)]
        else:
            mh = [mi / (1 - b1 ** t) for mi in m]
        vh = [vi / (1 - b2 ** t) for vi in v]
        ws = [w - lr * a / (math.sqrt(c) + eps) for w, a, c in zip(ws, mh, vh)]
    return ws


@pytest.mark.parametrize("name", ["adamw", "nadam"])
def test_adamw_and_nadam_against_a_float64_reference(tf, name):
    w = tf.variable(tf.tensor([3.0, -2.0]), name=f"ref_{name}")
    opt = tf.train.adamw(0.1, weight_decay=0.01) if name == "adamw" else tf.train.nadam(0.1)
    try:
        for _ in range(20):
            opt.minimize(lambda: tf.sum(tf.square(w)))
        want = _adam_reference([3.0, -2.0], lambda ws: [2 * x for x in ws], 20, 0.1, 0.9, 0.999,
                               1e-7, wd=0.01 if name == "adamw" else 0.0, nadam=name == "nadam")
        for g, e in zip(w.to_list(), want):
            assert abs(g - e) <= 1e-4 + 1e-4 * abs(e)
    finally:
        opt.dispose()
        w.dispose()


def test_optimizer_from_config_and_names(tf):
    from pytfjs.train import optimizer_from_config
    opt = optimizer_from_config({"className": "Adam", "config": {"learningRate": 0.01, "beta1": 0.8,
                                                                  "beta2": 0.99, "epsilon": 1e-6}})
    assert (opt.learning_rate, opt.beta1, opt.beta2, opt.epsilon) == (0.01, 0.8, 0.99, 1e-6)
    assert optimizer_from_config("adam").learning_rate == 0.001
    assert optimizer_from_config("sgd").learning_rate == 0.01
    with pytest.raises(ValueError, match="Unknown optimizer"):
        optimizer_from_config("adamzz")
    with pytest.raises(ValueError, match="unknown key"):
        tf.train.AdamOptimizer.from_config({"learningRate": 0.1, "bogus": 1})
