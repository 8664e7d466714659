"""Inference-time optimisation of a LayersModel (what the TF.js converter does to a Keras model
before it ships: fold batch norm, fuse the activation).

``optimize_for_inference(model)`` returns an :class:`InferenceModel`: a callable that computes the
same outputs as ``model.predict`` (within float32 rounding) with fewer kernels:

* a ``BatchNormalization`` (channels-last) read only by the convolution before it is folded into
  that ``Conv2D`` / ``DepthwiseConv2D`` / ``Dense`` (rank-2) layer's kernel and bias
  (``k = gamma / sqrt(moving_variance + epsilon)``: ``W' = W * k``, ``b' = (b - mean) * k + beta``);
* a following activation layer (``Activation`` relu/relu6/elu/sigmoid, ``ReLU`` with no cap or a
  cap of 6, ``LeakyReLU``) becomes the fused kernel's activation;
* layers that are the identity at inference (``Dropout`` and the noise layers) are skipped;
* every intermediate is disposed as soon as its last reader ran.

The folded kernels are copies computed once (float64, stored float32): the model's weights and
training state are untouched, and the result is a snapshot — after training further, call
``optimize_for_inference`` again. Layers outside these patterns run their own ``call`` with
``training=False``, masks included (a chain whose input carries a mask runs unfused).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..core.engine import ENGINE
from ..core.tensor import Tensor
from ..layers import activations as _act
from ..layers.engine import InputLayer, record_activity

_IDENTITY_CLASSES = ("Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
                     "GaussianNoise", "GaussianDropout", "AlphaDropout")


def _tf() -> Any:
    import pytfjs
    return pytfjs


def _as_list(x: Any) -> list:
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _np(w: Any) -> np.ndarray:
    return np.asarray(w.read().numpy(), dtype=np.float64)


def _act_of_layer(layer: Any) -> tuple[str, float | None] | None:
    """The fused activation an activation layer is equivalent to, or None."""
    cls = type(layer).__name__
    if cls == "Activation":
        name = {_act.relu: "relu", _act.relu6: "relu6", _act.elu: "elu",
                _act.sigmoid: "sigmoid", _act.linear: "linear"}.get(layer.activation)
        return (name, None) if name else None
    if cls == "ReLU":
        if getattr(layer, "negative_slope", 0) or getattr(layer, "threshold", 0):
            return None
        mv = layer.max_value
        if mv is None:
            return ("relu", None)
        if mv == 6:
            return ("relu6", None)
        return None
    if cls == "LeakyReLU":
        return ("leakyrelu", float(layer.alpha))
    return None


class _Fused:
    """A conv/dense layer with folded BN and fused activation: one kernel call."""

    def __init__(self, layer: Any, kind: str) -> None:
        self.layer, self.kind = layer, kind
        self.chain: list = [layer]  # the original layers, to run unfused when a mask is present
        if kind == "dense":
            w = _np(layer.kernel)
        elif kind == "dw":
            w = _np(layer.depthwise_kernel)
        else:
            w = _np(layer.kernel)
        self.w = w
        self.cout = w.shape[-1] * (w.shape[-2] if kind == "dw" else 1)
        self.b = _np(layer.bias) if layer.bias is not None else np.zeros(self.cout)
        self.act, self.alpha = "linear", None
        self.t_w = self.t_b = None

    def fold_bn(self, bn: Any) -> None:
        c = self.cout
        gamma = _np(bn.gamma) if bn.gamma is not None else np.ones(c)
        beta = _np(bn.beta) if bn.beta is not None else np.zeros(c)
        mean, var = _np(bn.moving_mean), _np(bn.moving_variance)
        k = gamma / np.sqrt(var + float(bn.epsilon))
        if self.kind == "dw":
            self.w = self.w * k.reshape(self.w.shape[2], self.w.shape[3])
        else:
            self.w = self.w * k
        self.b = (self.b - mean) * k + beta
        self.chain.append(bn)

    def finalize(self) -> None:
        tf = _tf()
        self.t_w = ENGINE.keep(tf.tensor(self.w.astype(np.float32)))
        self.t_b = ENGINE.keep(tf.tensor(self.b.astype(np.float32)))
        self.w = self.b = None  # type: ignore[assignment]

    def __call__(self, x: Tensor) -> Tensor:
        tf = _tf()
        L = self.layer
        kw: dict = {"bias": self.t_b, "activation": self.act}
        if self.alpha is not None:
            kw["leakyrelu_alpha"] = self.alpha
        if self.kind == "dense":
            return tf.fused.mat_mul(a=x, b=self.t_w, **kw)
        fn = tf.fused.depthwise_conv2d if self.kind == "dw" else tf.fused.conv2d
        return fn(x=x, filter=self.t_w, strides=L.strides, pad=L.padding, data_format="NHWC",
                  dilations=L.dilation_rate, **kw)

    def dispose(self) -> None:
        for t in (self.t_w, self.t_b):
            if t is not None and not t.is_disposed:
                t.dispose()


class _Step:
    __slots__ = ("node", "fused", "layers", "ins", "outs", "inputs_were_list", "kwargs")

    def __init__(self, node: Any, fused: _Fused | None, ins: list, outs: list) -> None:
        self.node, self.fused, self.ins, self.outs = node, fused, ins, outs
        self.inputs_were_list = node.inputs_were_list
        self.kwargs = dict(node.call_kwargs)


class InferenceModel:
    """The optimised, inference-only form of a LayersModel (see :func:`optimize_for_inference`).
    ``predict(x, batch_size=32)`` and ``model(x)`` as ``LayersModel.predict``."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.steps: list[_Step] = []
        self.stats = {"layers": 0, "kernels": 0, "batch_norm_folded": 0, "activation_fused": 0,
                      "identity_skipped": 0}
        self._build()

    # -------------------------------------------------------------- planning
    def _build(self) -> None:
        m = self.model
        nodes = [n for n in m._nodes if not isinstance(n.layer, InputLayer)]
        readers: dict[int, list] = {}
        for n in nodes:
            for t in n.input_tensors:
                readers.setdefault(t.id, []).append(n)
        out_ids = {t.id for t in m.outputs}
        alias: dict[int, int] = {}  # skipped identity layers: output id -> input id
        absorbed: set[int] = set()

        def sole_reader(t: Any) -> Any:
            r = readers.get(t.id, [])
            if len(r) != 1 or t.id in out_ids:
                return None
            return r[0]

        def src(t: Any) -> int:
            i = t.id
            while i in alias:
                i = alias[i]
            return i

        for n in nodes:
            if id(n) in absorbed:
                continue
            layer = n.layer
            cls = type(layer).__name__
            self.stats["layers"] += 1
            if cls in _IDENTITY_CLASSES and len(n.input_tensors) == 1 and \
                    n.output_tensors[0].id not in out_ids and not n.call_kwargs:
                alias[n.output_tensors[0].id] = n.input_tensors[0].id
                self.stats["identity_skipped"] += 1
                continue
            fused = self._fusable(layer, n)
            out_t = n.output_tensors[0]
            if fused is not None:
                cur = n
                while True:
                    nxt = sole_reader(cur.output_tensors[0])
                    if nxt is None or len(nxt.input_tensors) != 1 or nxt.call_kwargs:
                        break
                    ncls = type(nxt.layer).__name__
                    if ncls in _IDENTITY_CLASSES:
                        fused.chain.append(nxt.layer)
                    elif (ncls == "BatchNormalization" and fused.act == "linear" and
                          nxt.layer.axis in (-1, len(cur.output_tensors[0].shape) - 1)):
                        fused.fold_bn(nxt.layer)
                        self.stats["batch_norm_folded"] += 1
                    elif fused.act == "linear" and _act_of_layer(nxt.layer) is not None:
                        fused.act, fused.alpha = _act_of_layer(nxt.layer)  # type: ignore[misc]
                        fused.chain.append(nxt.layer)
                        self.stats["activation_fused"] += 1
                    else:
                        break
                    absorbed.add(id(nxt))
                    self.stats["layers"] += 1
                    cur = nxt
                out_t = cur.output_tensors[0]
                fused.finalize()
            self.stats["kernels"] += 1
            self.steps.append(_Step(n, fused, [t for t in n.input_tensors],
                                    [out_t] if fused is not None else list(n.output_tensors)))
        self._alias = alias
        # how many steps read each value (by source id), to free it after the last
        uses: dict[int, int] = {}
        for s in self.steps:
            s.ins = [(t, src(t)) for t in s.ins]
            for _, i in s.ins:
                uses[i] = uses.get(i, 0) + 1
        self._uses = uses
        self._out_ids = [src(t) for t in m.outputs]

    def _fusable(self, layer: Any, node: Any) -> _Fused | None:
        cls = type(layer).__name__
        if len(node.input_tensors) != 1 or node.call_kwargs or len(node.output_tensors) != 1:
            return None
        if getattr(layer, "dtype", "float32") not in (None, "float32"):
            return None
        act = {_act.linear: "linear", _act.relu: "relu", _act.relu6: "relu6", _act.elu: "elu",
               _act.sigmoid: "sigmoid"}.get(getattr(layer, "activation", None))
        if act is None:
            return None
        if cls in ("Conv2D", "DepthwiseConv2D"):
            if layer.data_format != "channels_last":
                return None
            f = _Fused(layer, "conv" if cls == "Conv2D" else "dw")
        elif cls == "Dense":
            if len(node.input_tensors[0].shape) != 2:
                return None
            f = _Fused(layer, "dense")
        else:
            return None
        f.act = act
        return f

    # -------------------------------------------------------------- running
    def _run(self, xs: list) -> list:
        m = self.model
        if len(xs) != len(m.inputs):
            raise ValueError(f"Model {m.name} expects {len(m.inputs)} input(s), got {len(xs)}")
        values: dict[int, Any] = {}
        masks: dict[int, Any] = {}
        for sym, x in zip(m.inputs, xs):
            m._check_input(sym, x)
            values[sym.id] = x
        left = dict(self._uses)
        keep = {id(x) for x in xs}
        pinned = set(self._out_ids)
        for s in self.steps:
            args = [values[i] for _, i in s.ins]
            in_masks = [masks.get(i) for _, i in s.ins]
            if s.fused is not None and in_masks[0] is None:
                out = s.fused(args[0])
                values[s.outs[0].id] = out
            elif s.fused is not None:  # a mask: run the chain as written
                y, mk = args[0], in_masks[0]
                for layer in s.fused.chain:
                    kw = {"training": False} if layer._accepts("training") else {}
                    if layer._accepts("mask"):
                        kw["mask"] = mk
                    ny = layer.call(y, **kw)
                    mk = layer.compute_mask(y, mk)
                    y = ny
                values[s.outs[0].id] = y
                masks[s.outs[0].id] = mk
            else:
                layer = s.node.layer
                arg: Any = args if s.inputs_were_list else args[0]
                m_arg: Any = in_masks if s.inputs_were_list else in_masks[0]
                kw = dict(s.kwargs)
                if layer._accepts("training"):
                    kw["training"] = False
                if layer._accepts("mask") and any(x is not None for x in in_masks):
                    kw["mask"] = m_arg
                kw = {k: v for k, v in kw.items() if layer._accepts(k)}
                shapes = [tuple(a.shape) for a in args]
                layer._maybe_build(shapes if s.inputs_were_list else shapes[0])
                out = layer.call(arg, **kw)
                record_activity(layer, out)
                out_mask = layer.compute_mask(arg, m_arg)
                outs = _as_list(out)
                oms = _as_list(out_mask) if isinstance(out_mask, (list, tuple)) else \
                    [out_mask] * len(outs)
                for t, o, om in zip(s.outs, outs, oms):
                    values[t.id] = o
                    masks[t.id] = om
            for _, i in s.ins:
                left[i] -= 1
                if left[i] == 0 and i not in pinned:
                    v = values.pop(i, None)
                    if isinstance(v, Tensor) and id(v) not in keep and not v.is_disposed and \
                            not any(v is o for o in values.values()):
                        v.dispose()
        return [values[i] for i in self._out_ids]

    def __call__(self, x: Any) -> Any:
        return self.predict(x)

    def predict(self, x: Any, batch_size: int = 32, verbose: int = 0) -> Any:
        """``model.predict`` through the optimised plan: a tensor (a list for several outputs)."""
        tf = _tf()
        m = self.model
        created: list = []
        xs = m._to_tensors(x, m.input_names, "input", created)
        n = xs[0].shape[0]
        multi = len(m.outputs) > 1
        try:
            if n <= batch_size:
                outs = ENGINE.tidy(lambda: self._run(xs))
            else:
                chunks = []
                for start in range(0, n, batch_size):
                    size = min(n, start + batch_size) - start

                    def step(start: int = start, size: int = size) -> Any:
                        bx = [tf.slice(t, [start] + [0] * (t.rank - 1), [size] + [-1] * (t.rank - 1))
                              for t in xs]
                        return self._run(bx)
                    chunks.append(ENGINE.tidy(step))
                outs = [ENGINE.tidy(lambda i=i: tf.concat([c[i] for c in chunks], 0))
                        for i in range(len(chunks[0]))]
                tf.dispose(chunks)
            return outs if multi else outs[0]
        finally:
            tf.dispose(created)

    def dispose(self) -> None:
        """Frees the folded weights (the model's own weights are not touched)."""
        for s in self.steps:
            if s.fused is not None:
                s.fused.dispose()


def optimize_for_inference(model: Any) -> InferenceModel:
    """An inference-only callable computing ``model.predict``'s outputs with batch norm folded
    into the preceding convolutions and activations fused (see the module doc)."""
    from ..layers.functional import LayersModel
    if not isinstance(model, LayersModel):
        raise TypeError(f"optimize_for_inference needs a LayersModel, got {type(model).__name__}")
    if getattr(model, "_input_layer", 1) is None:
        raise ValueError("build the Sequential model (give an input shape) before optimizing it")
    return InferenceModel(model)
