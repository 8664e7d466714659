"""Graph parsing and execution.

A :class:`Graph` is parsed once from a GraphDef JSON (``modelTopology`` or a library function).
:meth:`Graph.plan` computes, once per (feeds, outputs) signature, the nodes needed and a
topological order plus each node's consumer count; :func:`run` walks it and disposes every
intermediate as soon as its last consumer ran. Everything is synchronous, so dynamic ops
(Where, NonMaxSuppression, Unique, ...) run in the same pass: there is no separate async path.

TF1 control flow: ``Switch`` sends its input to one output; the other is *dead* (``None``) and
deadness propagates to every node downstream until a ``Merge``. Graphs with loops
(``Enter``/``NextIteration``/``Exit``) cannot be put in one topological order; they run in the
frame-aware dataflow scheduler :func:`_run_frames` (values keyed by node and frame/iteration,
as TensorFlow's executor does). TF2 control flow (If/While) calls library functions, which are
graphs of their own.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Callable

from ..core.engine import ENGINE
from ..core.flags import ENV
from ..core.tensor import Tensor
from . import attrs as _attrs
from . import control
from .op_table import TABLE, UNSUPPORTED, make_mapper

#: Output-argument names of ops with several output arguments (function bodies address
#: outputs as ``node:arg:index``).
OUTPUT_ARGS = {
    "Switch": ["output_false", "output_true"], "Merge": ["output", "value_index"],
    "Unique": ["y", "idx"], "UniqueV2": ["y", "idx"], "TopKV2": ["values", "indices"],
    "ListDiff": ["out", "idx"], "NonMaxSuppressionV4": ["selected_indices", "valid_outputs"],
    "NonMaxSuppressionV5": ["selected_indices", "selected_scores", "valid_outputs"],
    "TensorArrayV3": ["handle", "flow"], "TensorArrayConcatV3": ["value", "lengths"],
    "TensorListPopBack": ["output_handle", "tensor"], "TensorListConcat": ["tensor", "lengths"],
    "TensorListConcatV2": ["tensor", "lengths"], "MaxPoolWithArgmax": ["output", "argmax"],
    "SparseFillEmptyRows": ["output_indices", "output_values", "empty_row_indicator", "reverse_index_map"],
    "SparseReshape": ["output_indices", "output_shape"], "StringSplit": ["indices", "values", "shape"],
    "StringNGrams": ["ngrams", "ngrams_splits"], "RaggedRange": ["rt_nested_splits", "rt_dense_values"],
    "FusedBatchNorm": ["y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2"],
    "FusedBatchNormV2": ["y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2"],
    "FusedBatchNormV3": ["y", "batch_mean", "batch_variance", "reserve_space_1", "reserve_space_2",
                         "reserve_space_3"],
}
_SOURCES = ("Const", "Placeholder")
_LOOP_OPS = ("Enter", "Exit", "NextIteration")

#: Custom ops registered with :func:`register_op`: ``fn(node) -> Tensor | list``.
CUSTOM_OPS: dict[str, Callable[..., Any]] = {}
_MAPPERS: dict[str, Callable] = {}


class UnsupportedOpError(NotImplementedError):
    """A graph node whose op pytfjs cannot run."""


class Node:
    __slots__ = ("name", "op", "inputs", "controls", "attrs", "raw", "consumers")

    def __init__(self, name: str, op: str, attrs: dict, raw: dict) -> None:
        self.name, self.op, self.attrs, self.raw = name, op, attrs, raw
        self.inputs: list[tuple[str, int]] = []
        self.controls: list[str] = []
        self.consumers: list[Node] = []

    def __repr__(self) -> str:
        return f"Node({self.name!r}, {self.op})"


class CustomOpNode:
    """What a custom op function receives (TF.js ``GraphNode``): ``inputs``, ``attrs``, ``op``,
    ``name``; ``get_attr(name, default)``."""

    def __init__(self, node: Node, inputs: list) -> None:
        self.inputs, self.attrs, self.op, self.name = inputs, node.attrs, node.op, node.name

    def get_attr(self, name: str, default: Any = None) -> Any:
        return self.attrs.get(name, default)


def parse_input(name: str, function: bool) -> tuple[str, int] | None:
    if name.startswith("^"):
        return None
    parts = name.split(":")
    if len(parts) == 1:
        return parts[0], 0
    if len(parts) == 2:
        return parts[0], int(parts[1])
    return parts[0], int(parts[2]), parts[1]  # type: ignore[return-value]


class Graph:
    """A parsed GraphDef (``{"node": [...]}``) or FunctionDef."""

    def __init__(self, nodes: list[dict], functions: dict | None = None,
                 arg_names: list[str] | None = None) -> None:
        self.functions = functions if functions is not None else {}
        self.nodes: dict[str, Node] = {}
        for nd in nodes:
            n = Node(nd["name"], nd["op"], _attrs.decode_all(nd.get("attr")), nd)
            self.nodes[n.name] = n
        for name in arg_names or []:
            self.nodes.setdefault(name, Node(name, "Placeholder", {}, {"name": name, "op": "Placeholder"}))
        function = arg_names is not None
        for n in self.nodes.values():
            for raw in n.raw.get("input", []) or []:
                if raw.startswith("^"):
                    src = raw[1:]
                    if src in self.nodes:
                        n.controls.append(src)
                    continue
                p = parse_input(raw, function)
                if len(p) == 3:  # node:out_arg:index
                    src, idx, arg = p  # type: ignore[misc]
                    args = OUTPUT_ARGS.get(self.nodes[src].op) if src in self.nodes else None
                    if args and arg in args:
                        idx += args.index(arg)
                    p = (src, idx)
                if p[0] not in self.nodes:
                    raise ValueError(f"node '{n.name}' reads '{raw}', which is not in the graph")
                n.inputs.append(p)  # type: ignore[arg-type]
        for n in self.nodes.values():
            for src, _ in n.inputs:
                self.nodes[src].consumers.append(n)
            for src in n.controls:
                self.nodes[src].consumers.append(n)
        self.has_loops = any(n.op in _LOOP_OPS for n in self.nodes.values())
        self.placeholders = [n for n in self.nodes.values() if n.op == "Placeholder"]
        self._plans: dict[tuple, Plan] = {}

    def plan(self, feeds: frozenset, outputs: tuple[str, ...], weights: Any) -> "Plan":
        key = (feeds, outputs)
        p = self._plans.get(key)
        if p is None:
            p = self._plans[key] = Plan(self, feeds, outputs, weights)
        return p


class Plan:
    """The nodes needed for some outputs given some feeds, in topological order, and how many
    times each node's outputs are read (to dispose them after the last read)."""

    def __init__(self, graph: Graph, feeds: frozenset, outputs: tuple[str, ...], weights: Any) -> None:
        need: set[str] = set()
        stack = list(outputs)
        missing: list[str] = []
        while stack:
            name = stack.pop()
            if name in need:
                continue
            need.add(name)
            node = graph.nodes[name]
            if name in feeds or name in weights:
                continue
            if node.op == "Placeholder":
                missing.append(name)
                continue
            stack.extend(src for src, _ in node.inputs)
            stack.extend(node.controls)
        self.missing = missing
        self.loops = graph.has_loops and any(graph.nodes[n].op in _LOOP_OPS for n in need)
        order: list[Node] = []
        state: dict[str, int] = {}
        for root in outputs:  # iterative DFS post-order (graphs have thousands of nodes)
            if state.get(root):
                continue
            work = [(root, False)]
            while work:
                name, done = work.pop()
                if done:
                    if state.get(name) != 2:
                        state[name] = 2
                        order.append(graph.nodes[name])
                    continue
                if state.get(name):
                    continue
                state[name] = 1
                work.append((name, True))
                node = graph.nodes[name]
                if name in feeds or name in weights:
                    continue
                for src in [s for s, _ in node.inputs] + node.controls:
                    if src in need and not state.get(src):
                        work.append((src, False))
        self.order = order
        self.need = need
        uses: dict[str, int] = {}
        for node in order:
            if node.name in feeds or node.name in weights:
                continue
            for src, _ in node.inputs:
                uses[src] = uses.get(src, 0) + 1
            for src in node.controls:
                uses[src] = uses.get(src, 0) + 1
        self.uses = uses


def _mapper(op: str) -> Callable:
    m = _MAPPERS.get(op)
    if m is None:
        row = TABLE.get(op)
        if row is None:
            return None  # type: ignore[return-value]
        m = _MAPPERS[op] = make_mapper(row)
    return m


def run_node(node: Node, inputs: list, ex: "Execution") -> list:
    """Runs one node: a custom op, a hand-written handler or a table row."""
    fn = CUSTOM_OPS.get(node.op)
    try:
        if fn is not None:
            out = fn(CustomOpNode(node, inputs))
        else:
            h = control.HANDLERS.get(node.op)
            if h is not None:
                return h(node, inputs, ex)
            m = _mapper(node.op)
            if m is None:
                why = UNSUPPORTED.get(node.op, "no mapping for this TF op")
                raise UnsupportedOpError(f"op '{node.op}' (node '{node.name}') is not supported: {why}. "
                                         f"Register an implementation with tf.register_op('{node.op}', fn).")
            out = m(node, inputs)
    except UnsupportedOpError:
        raise
    except Exception as e:
        if getattr(e, "_graph_node", None):
            raise
        msg = f"{type(e).__name__} in node '{node.name}' (op {node.op}): {e}"
        err = type(e)(msg) if _reconstructible(e) else RuntimeError(msg)
        err._graph_node = node.name  # type: ignore[attr-defined]
        raise err from e
    if isinstance(out, Tensor) or not isinstance(out, (list, tuple)):
        return [out]
    return list(out)


def _reconstructible(e: Exception) -> bool:
    try:
        type(e)("x")
        return True
    except Exception:
        return False


class Execution:
    """State of one execute call: the model's long-lived resources (hash tables), per-call
    resources (TensorArrays/TensorLists, disposed at the end) and the function library."""

    def __init__(self, model_resources: dict, functions: dict, weights: dict) -> None:
        self.model_resources = model_resources
        self.functions = functions
        self.weights = weights
        self.resources: list = []
        self.keep_intermediates: dict | None = None

    def call_function(self, name: str, args: list) -> list:
        fg = self.functions.get(name)
        if fg is None:
            raise ValueError(f"function '{name}' is not in the graph's function library")
        graph, arg_names, outs = fg
        feeds = dict(zip(arg_names, args))
        return run_graph(graph, feeds, outs, self, inner=True)


def _dead(v: list, i: int) -> Any:
    return v[i] if i < len(v) else None


def _protect_ids(feeds: dict, weights: dict) -> set[int]:
    ids = {id(t) for t in feeds.values() if isinstance(t, Tensor)}
    return ids


def run_graph(graph: Graph, feeds: dict, outputs: list[tuple[str, int]], ex: Execution,
              inner: bool = False, side_effects: bool = False) -> list:
    """Computes ``outputs`` (node, index) given ``feeds`` (node name -> value)."""
    out_nodes = tuple(dict.fromkeys(n for n, _ in outputs))
    weights = ex.weights
    plan = graph.plan(frozenset(feeds), out_nodes, weights)
    if plan.missing:
        raise ValueError(f"the graph needs the input(s) {sorted(plan.missing)} to compute "
                         f"{list(out_nodes)}; feed them")
    ENGINE.start_scope("graph.execute")
    result: list = []
    try:
        if plan.loops:
            values = _run_frames(graph, plan, feeds, weights, ex)
            result = [_dead(values.get(n, []), i) for n, i in outputs]
        else:
            result = _run_static(graph, plan, feeds, weights, ex, outputs)
        for (n, i), r in zip(outputs, result):
            if r is None and not side_effects:
                raise ValueError(f"output '{n}:{i}' was not computed (it is on a dead branch of a cond)")
        if not inner:
            for r in ex.resources:
                if not any(r is x for x in result):
                    r.dispose()
        # an output that is a feed or a weight is returned as a handle of its own
        protect = {id(v) for v in list(feeds.values()) + list(weights.values())}
        result = [control._keep(r) if id(r) in protect and not inner else r for r in result]
    finally:
        ENGINE.end_scope([r for r in result if isinstance(r, Tensor)] +
                         [t for t in (ex.keep_intermediates or {}).values() if isinstance(t, Tensor)])
    return result


def _weight_or_feed(name: str, feeds: dict, weights: dict) -> list | None:
    if name in feeds:
        return [feeds[name]]
    w = weights.get(name)
    if w is not None:
        return [w]
    return None


def _run_static(graph: Graph, plan: Plan, feeds: dict, weights: dict, ex: Execution,
                outputs: list[tuple[str, int]]) -> list:
    values: dict[str, list] = {}
    left = dict(plan.uses)
    pinned = {n for n, _ in outputs}
    keep = ex.keep_intermediates
    protect = {id(v) for v in feeds.values()} | {id(v) for v in weights.values()}
    dead_nodes: set[str] = set()
    for node in plan.order:
        name = node.name
        src = _weight_or_feed(name, feeds, weights)
        if src is not None:
            values[name] = src
            continue
        ins = [_dead(values[s], i) for s, i in node.inputs]
        if node.op == "Merge":
            live = [(k, x) for k, x in enumerate(ins) if x is not None]
            if live:
                k, x = live[0]
                outs: list = [control._keep(x), ENGINE_scalar(k)]
            else:
                outs = []
                dead_nodes.add(name)
        elif any(x is None for x in ins) or any(c in dead_nodes for c in node.controls):
            outs = []
            dead_nodes.add(name)
        else:
            outs = run_node(node, ins, ex)
            outs = [control._keep(o) if isinstance(o, Tensor) and (id(o) in protect or
                                                                    any(o is x for x in ins)) else o
                    for o in outs]
        values[name] = outs
        if keep is not None:
            for i, o in enumerate(outs):
                if isinstance(o, Tensor):
                    keep[f"{name}:{i}" if i else name] = o
            continue
        for s in [s for s, _ in node.inputs] + node.controls:
            left[s] -= 1
            if left[s] == 0 and s not in pinned:
                for o in values.get(s, []):
                    if isinstance(o, Tensor) and id(o) not in protect:
                        o.dispose()
                values[s] = []
    return [_dead(values[n], i) for n, i in outputs]


def ENGINE_scalar(k: int) -> Tensor:
    from ..core.opdef import OPS
    return OPS["scalar"].fn(k, "int32")


# ------------------------------------------------------------------ TF1 loops
def _run_frames(graph: Graph, plan: Plan, feeds: dict, weights: dict, ex: Execution) -> dict:
    """Dataflow execution with frames: a value is stored under (node, ctx), ctx being a tuple of
    (frame name, iteration) pairs. ``Enter`` moves a value into iteration 0 of a child frame (a
    constant Enter into every iteration), ``NextIteration`` into the next iteration, ``Exit`` back
    to the parent frame. A node runs when all its inputs (and control inputs) exist in its
    context; ``Merge`` runs on its first live input. Intermediates are released when the call
    ends (the scope), since loop bodies re-read values across iterations."""
    store: dict[tuple, list] = {}
    done: set[tuple] = set()
    need = plan.need
    ready: deque = deque()

    def lookup(name: str, ctx: tuple) -> list | None:
        c = ctx
        while True:
            v = store.get((name, c))
            if v is not None:
                return v
            if not c:
                return None
            v = store.get((name, c[:-1] + ((c[-1][0], "*"),)))
            if v is not None:
                return v
            c = c[:-1]

    def available(node: Node, ctx: tuple) -> bool:
        if node.op == "Merge":
            return any((v := lookup(s, ctx)) is not None and _dead(v, i) is not None
                       for s, i in node.inputs)
        for s, i in node.inputs:
            v = lookup(s, ctx)
            if v is None or _dead(v, i) is None:
                return False
        return all(lookup(c, ctx) is not None for c in node.controls)

    def emit(node: Node, ctx: tuple, outs: list, notify: tuple | None = None) -> None:
        store[(node.name, ctx)] = outs
        ctx = ctx if notify is None else notify
        for c in node.consumers:
            if c.name in need and c.name not in sources and (c.name, ctx) not in done \
                    and available(c, ctx):
                done.add((c.name, ctx))
                ready.append((c, ctx))

    root = ()
    sources = {n for n in need if n in feeds or weights.get(n) is not None}
    for node in plan.order:
        src = _weight_or_feed(node.name, feeds, weights)
        if src is not None:
            store[(node.name, root)] = src
            done.add((node.name, root))
    for node in plan.order:
        if (node.name, root) in store:
            continue
        if available(node, root):
            done.add((node.name, root))
            ready.append((node, root))
    for node in plan.order:  # consumers of sources
        if (node.name, root) in store:
            for c in node.consumers:
                if c.name in need and (c.name, root) not in done and available(c, root):
                    done.add((c.name, root))
                    ready.append((c, root))
    while ready:
        node, ctx = ready.popleft()
        if node.op == "Merge":
            for k, (s, i) in enumerate(node.inputs):
                v = lookup(s, ctx)
                if v is not None and _dead(v, i) is not None:
                    emit(node, ctx, [control._keep(v[i]), ENGINE_scalar(k)])
                    break
            continue
        ins = [lookup(s, ctx)[i] for s, i in node.inputs]  # type: ignore[index]
        outs = run_node(node, ins, ex)
        if node.op == "Enter":
            frame = node.attrs.get("frame_name", "")
            it = "*" if node.attrs.get("is_constant") else 0
            emit(node, ctx + ((frame, it),), outs, ctx + ((frame, 0),))
        elif node.op == "NextIteration":
            f, i = ctx[-1]
            emit(node, ctx[:-1] + ((f, i + 1),), outs)
        elif node.op == "Exit":
            emit(node, ctx[:-1], outs)
        else:
            emit(node, ctx, outs)
    return {name: v for (name, c), v in store.items() if c == ()}
