"""Inference-time rewrites of a loaded graph (what TF's grappler / the TF.js converter do offline).

:func:`optimize_graph` takes a parsed :class:`~pytfjs.graph.executor.Graph` (a private copy: it is
rewritten in place) and the weights by node name, and applies, to a fixpoint:

1. **Identity removal**: ``Identity``/``Snapshot``/``StopGradient`` nodes without control edges are
   bypassed (their consumers read the input directly).
2. **Constant folding**: a node whose inputs are all control-free constants, and whose op is
   deterministic and side-effect free, is run once here and becomes a ``Const`` (a new weight).
   Shape/size-growing ops are folded only while the result stays small.
3. **Folding into convolutions / matmuls**: a ``Conv2D`` / ``DepthwiseConv2dNative`` / ``MatMul``
   (or their linear ``_Fused*`` forms with a ``BiasAdd``) with constant weights, read by exactly
   one node, absorbs that node when it is

   * ``Add``/``AddV2``/``BiasAdd``/``Sub`` of a per-channel constant (into the bias),
   * ``Mul``/``RealDiv`` by a per-channel constant (into filter and bias),
   * ``FusedBatchNorm``/``V2``/``V3`` with constant statistics (only output 0 read; into both),
   * ``Relu``/``Relu6``/``Elu``/``Sigmoid``/``LeakyRelu``/``Prelu`` (const alpha) (the fused
     activation; a zero bias is added where there was none, as the fused kernels need one).

   The absorbing node keeps its name (so its consumers and any output by that name stay valid) and
   becomes a ``_FusedConv2D`` / ``FusedDepthwiseConv2dNative`` / ``_FusedMatMul``; the
   convolution node disappears. New filters/biases are computed in float64 and stored as float32.

Everything runs the same kernels as the unoptimized graph, so outputs differ only by float32
rounding of the folded weights (~1e-6 relative). The rewrite records every node it removed or whose
inputs it absorbed (:attr:`OptimizeResult.removed`, :attr:`OptimizeResult.absorbed`) so the caller
can fall back to the original graph when a request names one of them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.engine import ENGINE
from ..core.opdef import OPS
from ..core.tensor import Tensor

_IDENTITY_OPS = frozenset({"Identity", "Snapshot", "StopGradient"})

#: Ops never constant-folded: sources, control flow, state, randomness, resources, calls.
_NO_FOLD = frozenset({
    "Const", "Placeholder", "PlaceholderWithDefault", "NoOp", "Print", "PrintV2", "Assert",
    "Enter", "Exit", "NextIteration", "Switch", "Merge", "LoopCond", "ControlTrigger",
    "If", "StatelessIf", "While", "StatelessWhile", "PartitionedCall", "StatefulPartitionedCall",
    "RandomUniform", "RandomStandardNormal", "RandomUniformInt", "TruncatedNormal", "Multinomial",
    "RandomShuffle", "StatelessRandomUniform", "StatelessRandomNormal",
    "HashTable", "HashTableV2", "MutableHashTable", "MutableHashTableV2",
    "LookupTableImport", "LookupTableImportV2", "LookupTableFind", "LookupTableFindV2",
    "LookupTableSize", "LookupTableSizeV2", "InitializeTable", "InitializeTableV2",
    "FakeQuantWithMinMaxVars",
})
_NO_FOLD_PREFIXES = ("TensorArray", "TensorList", "Random", "Stateful", "Stateless", "Var", "Assign",
                     "ReadVariable", "Resource")

#: Size limit (elements) for a folded value beyond the size of its inputs (Fill/Tile/BroadcastTo).
FOLD_GROW_LIMIT = 1 << 16

_CONV_OPS = ("Conv2D", "DepthwiseConv2dNative", "DepthwiseConv2d", "MatMul",
             "_FusedConv2D", "FusedDepthwiseConv2dNative", "_FusedMatMul")
_FUSED_OP = {"conv": "_FusedConv2D", "dw": "FusedDepthwiseConv2dNative", "mm": "_FusedMatMul"}
_ACTS = {"Relu": "Relu", "Relu6": "Relu6", "Elu": "Elu", "Sigmoid": "Sigmoid",
         "LeakyRelu": "LeakyRelu", "Prelu": "Prelu"}
_BN_OPS = ("FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3")


@dataclass
class OptimizeResult:
    """What :func:`optimize_graph` did."""
    removed: set = field(default_factory=set)      #: node names no longer in the graph
    absorbed: set = field(default_factory=set)     #: nodes whose values were folded into others
    new_weights: dict = field(default_factory=dict)  #: name -> Tensor created by the rewrite
    counts: dict = field(default_factory=dict)     #: rewrite kind -> how many times
    custom_ops: frozenset = frozenset()            #: custom ops registered when it ran

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1


class _Rewriter:
    def __init__(self, graph: Any, weights: dict, keep: set, custom_ops: Any) -> None:
        self.g = graph
        self.w = weights  # the optimized graph's own weights dict (new entries added here)
        self.keep = set(keep)
        self.custom = custom_ops
        self.res = OptimizeResult()
        self._np_cache: dict[str, np.ndarray] = {}
        self._rebuild()

    # ------------------------------------------------------------------ graph bookkeeping
    def _rebuild(self) -> None:
        uses: dict[str, int] = {}
        cuses: dict[str, int] = {}
        readers: dict[str, list] = {}
        for n in self.g.nodes.values():
            n.consumers = []
        for n in self.g.nodes.values():
            for s, _ in n.inputs:
                uses[s] = uses.get(s, 0) + 1
                readers.setdefault(s, []).append(n)
            for s in n.controls:
                cuses[s] = cuses.get(s, 0) + 1
        for n in self.g.nodes.values():
            seen: set = set()
            for s, _ in n.inputs:
                if s not in seen:
                    self.g.nodes[s].consumers.append(n)
                    seen.add(s)
            for s in n.controls:
                if s not in seen:
                    self.g.nodes[s].consumers.append(n)
                    seen.add(s)
        self.uses, self.cuses, self.readers = uses, cuses, readers

    def _finish(self) -> None:
        self._rebuild()
        from ..graph.executor import _LOOP_OPS
        self.g.has_loops = any(n.op in _LOOP_OPS for n in self.g.nodes.values())
        self.g.placeholders = [n for n in self.g.nodes.values() if n.op == "Placeholder"]
        self.g._plans = {}

    def _unique(self, base: str) -> str:
        name, k = base, 1
        while name in self.g.nodes or name in self.w:
            k += 1
            name = f"{base}_{k}"
        return name

    def _new_const(self, base: str, value: np.ndarray | Tensor) -> str:
        from ..graph.executor import Node
        name = self._unique(base)
        t = value if isinstance(value, Tensor) else OPS["tensor"].fn(value)
        ENGINE.keep(t)
        self.w[name] = t
        self.res.new_weights[name] = t
        node = Node(name, "Const", {"dtype": t.dtype}, {"name": name, "op": "Const"})
        self.g.nodes[name] = node
        return name

    # ------------------------------------------------------------------ constants
    def is_const(self, name: str) -> bool:
        n = self.g.nodes.get(name)
        return (n is not None and n.op == "Const" and not n.controls and
                name not in self.keep and isinstance(self.w.get(name), Tensor))

    def const_np(self, name: str) -> np.ndarray:
        a = self._np_cache.get(name)
        if a is None:
            a = self._np_cache[name] = np.asarray(self.w[name].numpy())
        return a

    # ------------------------------------------------------------------ 1. Identity
    def remove_identities(self) -> None:
        for n in list(self.g.nodes.values()):
            if (n.op not in _IDENTITY_OPS or n.name in self.keep or n.controls or
                    self.cuses.get(n.name) or len(n.inputs) != 1 or n.op in self.custom):
                continue
            src = n.inputs[0]
            for r in self.readers.get(n.name, []):
                r.inputs = [src if s == n.name else (s, i) for s, i in r.inputs]
            del self.g.nodes[n.name]
            self.res.removed.add(n.name)
            self.res.count("identity")
            self._rebuild()

    # ------------------------------------------------------------------ 2. constant folding
    def _foldable(self, n: Any) -> bool:
        if (n.op in _NO_FOLD or n.op.startswith(_NO_FOLD_PREFIXES) or n.op in self.custom or
                n.controls or not n.inputs or n.name in self.keep):
            return False
        return all(self.is_const(s) for s, _ in n.inputs)

    def fold_constants(self) -> bool:
        from ..graph.executor import Execution, run_node
        changed = False
        for n in self._topo():
            if n.name not in self.g.nodes or not self._foldable(n):
                continue
            ins = [self.w[s] for s, _ in n.inputs]
            if any(i != 0 for _, i in n.inputs):
                continue
            in_size = sum(t.size for t in ins)
            ENGINE.start_scope("graph.optimize.fold")
            outs: list = []
            try:
                outs = run_node(n, ins, Execution({}, self.g.functions, self.w))
                ok = (len(outs) >= 1 and all(isinstance(o, Tensor) for o in outs) and
                      sum(o.size for o in outs) <= max(in_size, FOLD_GROW_LIMIT))
            except Exception:
                ok = False
            finally:
                ENGINE.end_scope([o for o in outs if isinstance(o, Tensor)])
            if not ok:
                for o in outs:
                    if isinstance(o, Tensor) and not o.is_disposed and \
                            not any(o is t for t in ins):
                        o.dispose()
                continue
            outs = [OPS["clone"].fn(o) if any(o is t for t in ins) else o for o in outs]
            readers = self.readers.get(n.name, [])
            used = {i for r in readers for s, i in r.inputs if s == n.name}
            self.res.absorbed.update(s for s, _ in n.inputs)
            if len(outs) == 1 and used <= {0}:
                # the node itself becomes a Const holding the value
                ENGINE.keep(outs[0])
                self.w[n.name] = outs[0]
                self.res.new_weights[n.name] = outs[0]
                n.op, n.inputs, n.attrs = "Const", [], {"dtype": outs[0].dtype}
                n.raw = {"name": n.name, "op": "Const"}
            else:
                if not used <= set(range(len(outs))) or self.cuses.get(n.name):
                    for o in outs:
                        o.dispose()
                    continue
                names = {}
                for i in sorted(used):
                    names[i] = self._new_const(f"{n.name}/_folded_{i}", outs[i])
                for i, o in enumerate(outs):
                    if i not in used:
                        o.dispose()
                for r in readers:
                    r.inputs = [(names[i], 0) if s == n.name else (s, i) for s, i in r.inputs]
                del self.g.nodes[n.name]
                self.res.removed.add(n.name)
            self.res.count("constant_fold")
            changed = True
            self._rebuild()
        return changed

    def _topo(self) -> list:
        order: list = []
        state: dict[str, int] = {}
        for root in list(self.g.nodes):
            if state.get(root):
                continue
            work = [(root, False)]
            while work:
                name, done = work.pop()
                if done:
                    if state.get(name) != 2:
                        state[name] = 2
                        order.append(self.g.nodes[name])
                    continue
                if state.get(name):
                    continue
                state[name] = 1
                work.append((name, True))
                node = self.g.nodes[name]
                for s in [s for s, _ in node.inputs] + node.controls:
                    if not state.get(s):
                        work.append((s, False))
        return order

    # ------------------------------------------------------------------ 3. conv / matmul folding
    def _conv_info(self, c: Any) -> dict | None:
        """The foldable description of a conv/matmul node, or None."""
        if c.op not in _CONV_OPS or c.op in self.custom or c.name in self.keep or c.controls:
            return None
        if (c.attrs.get("T") or "float32") != "float32":
            return None
        if self.uses.get(c.name) != 1 or self.cuses.get(c.name):
            return None
        if any(i != 0 for r in self.readers.get(c.name, []) for s, i in r.inputs if s == c.name):
            return None
        if c.op in ("MatMul", "_FusedMatMul"):
            kind = "mm"
        elif c.op in ("Conv2D", "_FusedConv2D"):
            kind = "conv"
        else:
            kind = "dw"
        if kind != "mm" and (c.attrs.get("data_format") or "NHWC") != "NHWC":
            return None
        if len(c.inputs) < 2 or not self.is_const(c.inputs[1][0]) or c.inputs[1][1] != 0:
            return None
        f = self.const_np(c.inputs[1][0])
        if f.dtype != np.float32:
            return None
        bias = None
        fused = [s.lower() for s in (c.attrs.get("fused_ops") or [])]
        if c.op.startswith(("_Fused", "Fused")):
            if fused != ["biasadd"] or len(c.inputs) != 3 or not self.is_const(c.inputs[2][0]):
                return None
            bias = self.const_np(c.inputs[2][0])
        if kind == "mm":
            if f.ndim != 2:
                return None
            cout = f.shape[0] if c.attrs.get("transpose_b") else f.shape[1]
            rank = 2
        else:
            if f.ndim != 4:
                return None
            cout = f.shape[3] * (f.shape[2] if kind == "dw" else 1)
            rank = 4
        if bias is not None:
            if bias.size not in (1, cout) or bias.ndim > 1 or bias.dtype != np.float32:
                return None
            bias = np.broadcast_to(bias.reshape(-1).astype(np.float64), (cout,)).copy()
        return {"kind": kind, "x": c.inputs[0], "filter": f.astype(np.float64), "bias": bias,
                "cout": cout, "rank": rank, "node": c}

    def _channel_vec(self, name: str, info: dict) -> np.ndarray | None:
        """A constant that broadcasts along the output channels only, as a [cout] vector."""
        if not self.is_const(name):
            return None
        a = self.const_np(name)
        if a.dtype != np.float32 or a.ndim > info["rank"]:
            return None
        if a.ndim and (any(d != 1 for d in a.shape[:-1]) or a.shape[-1] not in (1, info["cout"])):
            return None
        return np.broadcast_to(a.reshape(-1).astype(np.float64), (info["cout"],)).copy()

    def _scale_filter(self, info: dict, k: np.ndarray) -> np.ndarray:
        f = info["filter"]
        if info["kind"] == "conv":
            return f * k
        if info["kind"] == "dw":
            return f * k.reshape(f.shape[2], f.shape[3])
        return f * (k[:, None] if info["node"].attrs.get("transpose_b") else k[None, :])

    def _emit(self, a: Any, info: dict, filt: np.ndarray, bias: np.ndarray, act: str | None,
              extra_inputs: list, extra_attrs: dict) -> None:
        """Turns node ``a`` into the fused conv/matmul that computes the same value."""
        c = info["node"]
        fname = self._new_const(f"{a.name}/_opt_filter", filt.astype(np.float32))
        bname = self._new_const(f"{a.name}/_opt_bias", bias.astype(np.float32))
        attrs = {k: v for k, v in c.attrs.items()
                 if k not in ("fused_ops", "num_args", "epsilon", "leakyrelu_alpha")}
        attrs["fused_ops"] = ["BiasAdd"] + ([act] if act else [])
        attrs["num_args"] = 1 + len(extra_inputs)
        attrs.update(extra_attrs)
        self.res.absorbed.update(s for s, _ in c.inputs[1:])
        self.res.absorbed.update(s for s, _ in a.inputs if s != c.name)
        a.op = _FUSED_OP[info["kind"]]
        a.inputs = [info["x"], (fname, 0), (bname, 0)] + extra_inputs
        a.attrs = attrs
        a.raw = {"name": a.name, "op": a.op}
        a.controls = list(dict.fromkeys(a.controls + c.controls))
        del self.g.nodes[c.name]
        self.res.removed.add(c.name)

    def fold_convs(self) -> bool:
        changed = False
        for c in self._topo():
            if c.name not in self.g.nodes:
                continue
            info = self._conv_info(c)
            if info is None:
                continue
            a = self.readers[c.name][0]
            if a.name not in self.g.nodes or a.op in self.custom or a.controls:
                continue
            if (a.attrs.get("T") or "float32") != "float32":
                continue
            bias = info["bias"] if info["bias"] is not None else np.zeros(info["cout"])
            filt = info["filter"]
            done = None
            ins = [s for s, _ in a.inputs]
            other = [s for s in ins if s != c.name]
            if a.op in ("Add", "AddV2", "BiasAdd", "Sub") and len(ins) == 2 and len(other) == 1:
                if a.op == "Sub" and ins[0] != c.name:
                    continue
                if a.op == "BiasAdd" and (ins[0] != c.name or
                                          (a.attrs.get("data_format") or "NHWC") != "NHWC"):
                    continue
                v = self._channel_vec(other[0], info)
                if v is None:
                    continue
                bias = bias - v if a.op == "Sub" else bias + v
                done = ("bias_add", None, [], {})
            elif a.op in ("Mul", "RealDiv") and len(ins) == 2 and len(other) == 1:
                if a.op == "RealDiv" and ins[0] != c.name:
                    continue
                v = self._channel_vec(other[0], info)
                if v is None:
                    continue
                if a.op == "RealDiv":
                    if np.any(v == 0):
                        continue
                    v = 1.0 / v
                filt, bias = self._scale_filter(info, v), bias * v
                done = ("scale", None, [], {})
            elif a.op in _BN_OPS and len(ins) == 5 and ins[0] == c.name and info["kind"] != "mm":
                if (a.attrs.get("data_format") or "NHWC") != "NHWC":
                    continue
                if any(i != 0 for r in self.readers.get(a.name, []) for s, i in r.inputs
                       if s == a.name):
                    continue
                vs = [self._channel_vec(s, info) for s in ins[1:]]
                if any(v is None for v in vs) or any(a.inputs[j][1] for j in range(1, 5)):
                    continue
                scale, offset, mean, var = vs
                eps = a.attrs.get("epsilon")
                eps = 1e-3 if eps is None else float(eps)
                k = scale / np.sqrt(var + eps)
                filt, bias = self._scale_filter(info, k), (bias - mean) * k + offset
                done = ("batch_norm", None, [], {})
            elif a.op in _ACTS and ins[0] == c.name:
                act = _ACTS[a.op]
                extra: list = []
                extra_attrs: dict = {}
                if act == "Prelu":
                    if len(ins) != 2 or not self.is_const(ins[1]):
                        continue
                    alpha = self.const_np(ins[1])
                    if alpha.dtype != np.float32 or alpha.ndim > info["rank"]:
                        continue
                    extra = [a.inputs[1]]
                elif len(ins) != 1:
                    continue
                if act == "LeakyRelu":
                    al = a.attrs.get("alpha")
                    extra_attrs["leakyrelu_alpha"] = 0.2 if al is None else float(al)
                done = ("activation", act, extra, extra_attrs)
            if done is None:
                continue
            kind, act, extra, extra_attrs = done
            self._emit(a, info, filt, bias, act, extra, extra_attrs)
            self.res.count(kind)
            changed = True
            self._rebuild()
        return changed


def optimize_graph(graph: Any, weights: dict, keep: Any = (), custom_ops: Any = ()) -> OptimizeResult:
    """Rewrites ``graph`` in place (see the module doc). ``weights``: node name -> Tensor, the
    dict the optimized graph will run with (new constants are added to it); ``keep``: node names
    that must stay as they are (inputs, outputs); ``custom_ops``: op names registered by the user,
    left untouched."""
    rw = _Rewriter(graph, weights, set(keep), set(custom_ops))
    rw.res.custom_ops = frozenset(custom_ops)
    rw.remove_identities()
    for _ in range(8):
        a = rw.fold_constants()
        b = rw.fold_convs()
        if not (a or b):
            break
    rw._finish()
    return rw.res
