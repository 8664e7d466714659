"""Builders: each turns a specs.py layer list into ``(run, output)`` for one Python runtime.

``make_infer(runtime, layers, x)`` returns a zero-argument callable that runs one inference on
the fixed input ``x`` (NHWC numpy) and returns the logits as numpy (so every row includes the
read-back, as a user would). ``make_train(runtime, params, x, y)`` returns a callable running one
training step (forward, backward, Adam update) and returning the loss as a float.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from specs import BN_EPS, fold_bn

# ----------------------------------------------------------------------------- pytfjs


def pytfjs_infer(layers: list[dict], x_np: np.ndarray, folded: bool) -> Callable[[], np.ndarray]:
    import pytfjs as tf

    if folded:
        layers = fold_bn(layers)
    t = lambda a: tf.keep(tf.tensor(a))
    ws = []
    for lay in layers:
        d = {k: (t(v) if isinstance(v, np.ndarray) else tuple(t(a) for a in v) if isinstance(v, tuple) else v)
             for k, v in lay.items()}
        ws.append(d)
    x = t(x_np)

    def forward(h: Any = None) -> Any:
        """The network on ``h`` (default: the bench input). Each intermediate is disposed as
        soon as the next layer has read it (as a model executor does), so the live set is one
        layer's input and output plus the residual being carried."""
        h = x if h is None else h
        start = h
        saved: list[Any] = []

        def step(new: Any) -> Any:
            nonlocal h
            if h is not start and not any(h is s for s in saved):
                h.dispose()
            h = new
            return h

        for lay in ws:
            kind = lay["type"]
            if kind in ("conv", "dw"):
                if folded:
                    fn = tf.fused.conv2d if kind == "conv" else tf.fused.depthwise_conv2d
                    step(fn(x=h, filter=lay["w"], strides=lay["stride"], pad="same", bias=lay["bias"],
                            activation=lay["act"]))
                else:
                    fn = tf.conv2d if kind == "conv" else tf.depthwise_conv2d
                    step(fn(h, lay["w"], lay["stride"], "same"))
                    g, b, m, v = lay["bn"]
                    step(tf.batch_norm(h, m, v, b, g, BN_EPS))
                    if lay["act"] == "relu6":
                        step(tf.relu6(h))
            elif kind == "res_begin":
                saved.append(h)
            elif kind == "res_end":
                r = saved.pop()
                step(tf.add(h, r))
                if r is not start and not any(r is s for s in saved):
                    r.dispose()
            elif kind == "gap":
                step(tf.mean(h, [1, 2]))
            elif kind == "dense":
                step(tf.fused.mat_mul(a=h, b=lay["w"], bias=lay["b"], activation=lay["act"]))
        return h

    def run() -> np.ndarray:
        with tf.tidy():
            return forward().numpy()

    run.forward = forward  # for tf.profile in profile.py (and forward(x) for tf.onnx.compile)
    return run


def pytfjs_layers_infer(layers: list[dict], x_np: np.ndarray, optimized: bool) -> Callable[[], np.ndarray]:
    """The same network as a Layers API functional model (Conv2D / DepthwiseConv2D without bias,
    BatchNormalization, ReLU(max_value=6), Add, GlobalAveragePooling2D, Dense) with the spec's
    weights set, run by ``model.predict`` — or by ``model.optimize_for_inference().predict``
    (BN folded into the convolutions, activations fused). What a user of ``tf.layers`` runs."""
    import pytfjs as tf

    L = tf.layers
    inp = tf.input(shape=list(x_np.shape[1:]))
    h = inp
    saved: list[Any] = []
    todo: list[tuple[Any, list[np.ndarray]]] = []

    def add(layer: Any, weights: list[np.ndarray] | None = None) -> None:
        nonlocal h
        h = layer.apply(h)
        if weights is not None:
            todo.append((layer, weights))

    for lay in layers:
        kind = lay["type"]
        if kind in ("conv", "dw"):
            w, bias = lay["w"], lay["bias"]
            ws = [w] + ([bias] if bias is not None else [])
            if kind == "conv":
                add(L.conv2d(filters=w.shape[3], kernel_size=list(w.shape[:2]), strides=lay["stride"],
                             padding="same", use_bias=bias is not None), ws)
            else:
                add(L.depthwise_conv2d(kernel_size=list(w.shape[:2]), strides=lay["stride"], padding="same",
                                       use_bias=bias is not None), ws)
            if lay["bn"] is not None:
                g, b, m, v = lay["bn"]
                add(L.batch_normalization(epsilon=BN_EPS), [g, b, m, v])
            if lay["act"] == "relu6":
                add(L.re_lu(max_value=6))
            elif lay["act"] == "relu":
                add(L.re_lu())
        elif kind == "res_begin":
            saved.append(h)
        elif kind == "res_end":
            h = L.add().apply([h, saved.pop()])
        elif kind == "gap":
            add(L.global_average_pooling2d())
        elif kind == "dense":
            add(L.dense(units=lay["w"].shape[1], activation=lay["act"]), [lay["w"], lay["b"]])
    model = tf.model(inputs=inp, outputs=h)
    for layer, ws in todo:
        layer.set_weights([tf.tensor(a) for a in ws])
    runner = model.optimize_for_inference() if optimized else model
    x = tf.keep(tf.tensor(x_np))
    batch = int(x_np.shape[0])

    def run() -> np.ndarray:
        y = runner.predict(x, batch_size=batch)
        out = y.numpy()
        y.dispose()
        return out

    return run


def pytfjs_onnx_infer(layers: list[dict], x_np: np.ndarray) -> Callable[[], np.ndarray]:
    """The folded pytfjs model traced once and run by ONNX Runtime (``tf.onnx.compile``)."""
    import pytfjs as tf

    forward = pytfjs_infer(layers, x_np, folded=True).forward
    x = tf.keep(tf.tensor(x_np))
    model = tf.onnx.compile(forward, [x])

    def run() -> np.ndarray:
        return model.predict(x, numpy=True)

    return run


def pytfjs_train(params: dict[str, np.ndarray], x_np: np.ndarray, y_np: np.ndarray) -> Callable[[], float]:
    import pytfjs as tf

    v = {k: tf.variable(tf.tensor(a), name=f"bench_cnn_{k}") for k, a in params.items()}
    var_list = list(v.values())
    x, y = tf.keep(tf.tensor(x_np)), tf.keep(tf.tensor(y_np))
    opt = tf.train.adam(1e-3)
    n = x_np.shape[0]

    def loss() -> Any:
        h = tf.fused.conv2d(x=x, filter=v["c1w"], strides=1, pad="valid", bias=v["c1b"], activation="relu")
        h = tf.max_pool(h, 2, 2, "valid")
        h = tf.fused.conv2d(x=h, filter=v["c2w"], strides=1, pad="valid", bias=v["c2b"], activation="relu")
        h = tf.max_pool(h, 2, 2, "valid")
        h = tf.reshape(h, [n, 1600])
        h = tf.fused.mat_mul(a=h, b=v["d1w"], bias=v["d1b"], activation="relu")
        logits = tf.fused.mat_mul(a=h, b=v["d2w"], bias=v["d2b"])
        return tf.losses.softmax_cross_entropy(y, logits)

    def step() -> float:
        with tf.tidy():
            cost = opt.minimize(loss, return_cost=True, var_list=var_list)
            return float(cost.numpy())

    step.loss = loss
    step.var_list = var_list
    step.opt = opt
    return step


# ----------------------------------------------------------------------------- fixture models


class NotApplicable(Exception):
    """The runtime has no version of this workload; the message is the table's reason."""


def _exporter_reason(e: Exception) -> str:
    """The exporter's error, shortened for a table cell."""
    import re

    msg = str(e)
    op = re.search(r"\(op (\w+)\)", msg)
    if "back to the host" in msg:
        return (f"tf.onnx.compile: {type(e).__name__}: {op.group(1) + ' ' if op else ''}reads a tensor value "
                f"back to the host (data-dependent control flow)")
    return f"tf.onnx.compile: {type(e).__name__}: {msg.split('. Supported')[0][:140]}"


def fixture_infer(runtime: str, workload: str) -> Callable[[], list[np.ndarray]]:
    """One of ../shared/fixtures/tfjs_models loaded with pytfjs (``tf.load_layers_model`` /
    ``tf.load_graph_model``) and called as TF.js calls it (``predict``; ``execute`` or
    ``execute_async`` for graph models) on its case-0 inputs, made tensors once. ``pytfjs-folded``:
    a layers model through ``model.optimize_for_inference()``; ``pytfjs-ort``: ``tf.onnx.compile``
    of the loaded model. Returns the outputs as numpy, in TF.js output order."""
    import specs

    if runtime in ("torch", "torch-script", "ort"):
        raise NotApplicable("no PyTorch version of this model")
    import pytfjs as tf

    fx = specs.load_fixture(workload)
    layers = fx["format"] == "layers"
    if runtime == "pytfjs-folded" and not layers:
        raise NotApplicable("graph model: load_graph_model already folds and fuses it (optimize=True), = the pytfjs row")
    model = tf.load_layers_model(fx["model_json"]) if layers else tf.load_graph_model(fx["model_json"])
    arrays = [a for _, a in fx["inputs"]]

    def as_list(out: Any) -> list:
        return list(out.values()) if isinstance(out, dict) else list(out) if isinstance(out, (list, tuple)) else [out]

    if runtime == "pytfjs-ort":
        from pytfjs.onnx import TraceError

        if not layers:  # a list in the graph model's input order (the manifest feeds by name)
            by_name = dict(fx["inputs"])
            order = [getattr(i, "name", i) for i in model.inputs]
            if set(order) == set(by_name):
                arrays = [by_name[n] for n in order]
        feed = arrays if len(arrays) > 1 else arrays[0]
        try:
            om = tf.onnx.compile(model, feed)
        except (TraceError, NotImplementedError) as e:
            raise NotApplicable(_exporter_reason(e)) from None
        return lambda: [np.asarray(o) for o in as_list(om.predict(feed, numpy=True))]

    xs = [tf.keep(tf.tensor(a)) for a in arrays]
    if layers:
        runner = model.optimize_for_inference() if runtime == "pytfjs-folded" else model
        x_in = xs if len(xs) > 1 else xs[0]
        call = lambda: runner.predict(x_in)
    else:
        feeds = {name: x for (name, _), x in zip(fx["inputs"], xs)}
        if fx["call"] == "executeAsync":
            import asyncio

            loop = asyncio.new_event_loop()  # one loop, reused: the await costs microseconds
            call = lambda: loop.run_until_complete(model.execute_async(feeds))
        else:
            call = lambda: model.execute(feeds)

    def run() -> list[np.ndarray]:
        with tf.tidy():
            return [o.numpy() for o in as_list(call())]

    return run


# ----------------------------------------------------------------------------- PyTorch


def _torch_module(layers: list[dict]) -> Any:
    import torch
    import torch.nn.functional as F
    from torch import nn

    def same_pads(n: int, k: int, s: int) -> tuple[int, int]:
        out = -(-n // s)
        total = max((out - 1) * s + k - n, 0)
        return total // 2, total - total // 2

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.mods = nn.ModuleList()
            self.plan: list[tuple] = []
            size = 224
            for lay in layers:
                kind = lay["type"]
                if kind in ("conv", "dw"):
                    w = lay["w"]
                    k = w.shape[0]
                    if kind == "conv":
                        cin, cout, groups = w.shape[2], w.shape[3], 1
                        wt = w.transpose(3, 2, 0, 1)
                    else:
                        cin = cout = groups = w.shape[2]
                        wt = w[:, :, :, 0].transpose(2, 0, 1)[:, None]
                    p0, p1 = same_pads(size, k, lay["stride"])
                    sym = p0 == p1
                    conv = nn.Conv2d(cin, cout, k, lay["stride"], padding=p0 if sym else 0, groups=groups,
                                     bias=False)
                    conv.weight.data = torch.from_numpy(np.ascontiguousarray(wt))
                    seq: list[nn.Module] = [] if sym else [nn.ZeroPad2d((p0, p1, p0, p1))]
                    seq.append(conv)
                    g, b, m, v = lay["bn"]
                    bn = nn.BatchNorm2d(cout, eps=BN_EPS)
                    bn.weight.data, bn.bias.data = torch.from_numpy(g), torch.from_numpy(b)
                    bn.running_mean.data, bn.running_var.data = torch.from_numpy(m), torch.from_numpy(v)
                    seq.append(bn)
                    if lay["act"] == "relu6":
                        seq.append(nn.ReLU6())
                    self.mods.append(nn.Sequential(*seq))
                    self.plan.append(("mod", len(self.mods) - 1))
                    size = -(-size // lay["stride"])
                elif kind == "dense":
                    lin = nn.Linear(*lay["w"].shape)
                    lin.weight.data = torch.from_numpy(np.ascontiguousarray(lay["w"].T))
                    lin.bias.data = torch.from_numpy(lay["b"])
                    self.mods.append(lin)
                    self.plan.append(("mod", len(self.mods) - 1))
                else:
                    self.plan.append((kind, -1))

        def forward(self, x: Any) -> Any:
            saved: list[Any] = []
            for kind, i in self.plan:
                if kind == "mod":
                    x = self.mods[i](x)
                elif kind == "res_begin":
                    saved.append(x)
                elif kind == "res_end":
                    x = x + saved.pop()
                elif kind == "gap":
                    x = F.adaptive_avg_pool2d(x, 1).flatten(1)
            return x

    return Net().eval()


def torch_infer(layers: list[dict], x_np: np.ndarray, mode: str) -> Callable[[], np.ndarray]:
    import torch

    net = _torch_module(layers)
    x = torch.from_numpy(np.ascontiguousarray(x_np.transpose(0, 3, 1, 2)))
    if mode == "script":
        with torch.no_grad():
            net = torch.jit.freeze(torch.jit.trace(net, (x,)))  # trace: the Python layer loop unrolls
            net = torch.jit.optimize_for_inference(net)

    def run() -> np.ndarray:
        with torch.inference_mode():
            return net(x).numpy()

    return run


def ort_export(layers: list[dict], batch: int, path: str) -> None:
    """The ONNX file, exported from the PyTorch eager model (TorchScript exporter, opset 17)."""
    import torch

    net = _torch_module(layers)
    x = torch.zeros(batch, 3, 224, 224)
    torch.onnx.export(net, (x,), path, input_names=["x"], output_names=["y"], opset_version=17, dynamo=False)


def ort_infer(layers: list[dict], x_np: np.ndarray, path: str) -> Callable[[], np.ndarray]:
    """Loads ``path`` (exported beforehand by run.py, so this process never imports torch and
    its peak RSS is ONNX Runtime's alone); exports it here when missing."""
    import os

    import onnxruntime as ort

    x = np.ascontiguousarray(x_np.transpose(0, 3, 1, 2))
    if not os.path.exists(path):
        ort_export(layers, x.shape[0], path)
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    sess = ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])

    def run() -> np.ndarray:
        return sess.run(None, {"x": x})[0]

    return run


def torch_train(params: dict[str, np.ndarray], x_np: np.ndarray, y_np: np.ndarray) -> Callable[[], float]:
    import torch
    import torch.nn.functional as F
    from torch import nn

    class CNN(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.c1, self.c2 = nn.Conv2d(1, 32, 3), nn.Conv2d(32, 64, 3)
            self.d1, self.d2 = nn.Linear(1600, 128), nn.Linear(128, 10)
            for conv, k in ((self.c1, "c1"), (self.c2, "c2")):
                conv.weight.data = torch.from_numpy(np.ascontiguousarray(params[k + "w"].transpose(3, 2, 0, 1)))
                conv.bias.data = torch.from_numpy(params[k + "b"].copy())
            for lin, k in ((self.d1, "d1"), (self.d2, "d2")):
                lin.weight.data = torch.from_numpy(np.ascontiguousarray(params[k + "w"].T))
                lin.bias.data = torch.from_numpy(params[k + "b"].copy())

        def forward(self, x: Any) -> Any:
            x = F.max_pool2d(F.relu(self.c1(x)), 2)
            x = F.max_pool2d(F.relu(self.c2(x)), 2)
            x = x.permute(0, 2, 3, 1).flatten(1)  # NHWC flatten order, as the TF-layout weights
            return self.d2(F.relu(self.d1(x)))

    net = CNN()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)  # TF.js' Adam epsilon
    x = torch.from_numpy(np.ascontiguousarray(x_np.transpose(0, 3, 1, 2)))
    y = torch.from_numpy(y_np.argmax(1))

    def step() -> float:
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        return float(loss.item())

    return step
