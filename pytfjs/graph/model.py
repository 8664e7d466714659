"""GraphModel: TF.js ``loadGraphModel`` — a frozen TF graph in model.json + weight shards."""
from __future__ import annotations

import copy
from typing import Any, Callable

from ..core.engine import ENGINE
from ..core.flags import ENV
from ..core.opdef import to_tensor
from ..core.tensor import Tensor
from . import attrs as _attrs
from .executor import CUSTOM_OPS, Execution, Graph, run_graph


def _io() -> Any:
    try:
        from .. import io as _io_mod
        _io_mod.load_artifacts  # noqa: B018
        _io_mod.decode_weights  # noqa: B018
    except (ImportError, AttributeError) as e:
        raise ImportError("pytfjs.graph needs pytfjs.io (load_artifacts, decode_weights), which is "
                          f"not available: {e}") from e
    return _io_mod


def register_op(name: str, fn: Callable[[Any], Any]) -> None:
    """Registers ``fn(node)`` as the implementation of TF op ``name`` in graph models (TF.js
    ``registerOp``). ``node.inputs`` are the input tensors, ``node.attrs`` the decoded attributes;
    return a Tensor or a list of Tensors. Overrides a built-in mapping."""
    CUSTOM_OPS[name] = fn


def deregister_op(name: str) -> None:
    """Removes a custom op registered with :func:`register_op`."""
    CUSTOM_OPS.pop(name, None)


def _tensor_name(name: str) -> tuple[str, int]:
    if ":" in name:
        n, i = name.rsplit(":", 1)
        if i.isdigit():
            return n, int(i)
    return name, 0


def _functions(topology: dict) -> dict:
    lib = (topology or {}).get("library") or {}
    fns: dict = {}
    for f in lib.get("function", []) or []:
        sig = f.get("signature", {})
        args = [a["name"] for a in sig.get("inputArg", []) or []]
        outs_names = [a["name"] for a in sig.get("outputArg", []) or []]
        fns[sig.get("name")] = (f, args, outs_names)
    built: dict = {}
    for fname, (f, args, outs_names) in fns.items():
        g = Graph(f.get("nodeDef", []) or [], built, arg_names=args)
        ret = f.get("ret", {}) or {}
        outs = []
        for o in outs_names:
            ref = ret.get(o, o).split(":")
            src = ref[0]
            idx = int(ref[-1]) if len(ref) > 1 else 0
            if len(ref) == 3:
                from .executor import OUTPUT_ARGS
                arg_list = OUTPUT_ARGS.get(g.nodes[src].op) if src in g.nodes else None
                if arg_list and ref[1] in arg_list:
                    idx += arg_list.index(ref[1])
            outs.append((src, idx))
        built[fname] = (g, args, outs)
    return built


class TensorInfo(dict):
    """Input/output metadata: ``name``, ``shape``, ``dtype`` (also as attributes)."""

    def __getattr__(self, k: str) -> Any:
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k) from None


class GraphModel:
    """A TF graph run by pytfjs: ``predict``/``execute`` with dict, list or single inputs."""

    def __init__(self, artifacts: Any, weights: dict[str, Tensor] | None = None,
                 optimize: bool = True) -> None:
        self.artifacts = artifacts
        #: run the inference-time rewrites of :mod:`pytfjs.inference.graph_rewrite` (built at load)
        self.optimize = optimize
        self._opt: Any = None  # (graph, weights, OptimizeResult) once built; False if it failed
        topo = artifacts.model_topology or {}
        self._functions = _functions(topo)
        self.graph = Graph(topo.get("node", []) or [], self._functions)
        self.signature = artifacts.signature or {}
        self.user_defined_metadata = artifacts.user_defined_metadata
        if weights is None:
            weights = _io().decode_weights(artifacts.weight_data or b"", artifacts.weight_specs or [])
        self.weights: dict[str, Tensor] = dict(weights)
        for t in self.weights.values():
            ENGINE.keep(t)
        self._resources: dict = {}
        self._intermediates: dict[str, Tensor] = {}
        self._disposed = False
        self._init_inputs_outputs()
        if self.optimize:
            self._optimized()  # at load, so execute never allocates weights
        init = getattr(artifacts, "model_initializer", None)
        if init:
            ig = Graph(init.get("node", []) or [], _functions(init))
            outs = [(n.name, 0) for n in ig.nodes.values() if not n.consumers]
            ex = Execution(self._resources, ig.functions, self.weights)
            res = run_graph(ig, {}, outs, ex, side_effects=True)
            ENGINE.dispose([r for r in res if isinstance(r, Tensor)])

    # ------------------------------------------------------------------ metadata
    def _init_inputs_outputs(self) -> None:
        sig_in = self.signature.get("inputs") or {}
        sig_out = self.signature.get("outputs") or {}
        self._sig_in = {k: _tensor_name(v.get("name", k))[0] for k, v in sig_in.items()}
        self._sig_out = {k: _tensor_name(v.get("name", k)) for k, v in sig_out.items()}
        if sig_in:
            self.input_nodes = [self._sig_in[k] for k in sig_in]
        else:
            self.input_nodes = [n.name for n in self.graph.placeholders if n.name not in self.weights]
        if sig_out:
            self.output_tensors = [self._sig_out[k] for k in sig_out]
        else:
            self.output_tensors = [(n.name, 0) for n in self.graph.nodes.values()
                                   if not n.consumers and n.op not in ("Const", "NoOp", "Placeholder")]
        self._out_key = {v: k for k, v in self._sig_out.items()}

    def _info(self, node_name: str, sig: dict | None, key: str | None) -> TensorInfo:
        node = self.graph.nodes.get(node_name)
        shape = node.attrs.get("shape") if node is not None else None
        dtype = node.attrs.get("dtype") if node is not None else None
        if node is not None and dtype is None:
            dtype = node.attrs.get("T")  # e.g. an Identity output (TF.js reports undefined here)
        if node is not None and shape is None:
            shapes = node.attrs.get("_output_shapes")
            if isinstance(shapes, list) and shapes:
                shape = shapes[0]
        if sig:
            dtype = _attrs.dtype_of(sig.get("dtype")) or dtype
            shape = _attrs.shape_of(sig.get("tensorShape")) if sig.get("tensorShape") else shape
        info = TensorInfo(name=node_name, shape=shape, dtype=dtype)
        if key is not None:
            info["signature_key"] = key
        return info

    @property
    def inputs(self) -> list[TensorInfo]:
        keys = {v: k for k, v in self._sig_in.items()}
        sig = self.signature.get("inputs") or {}
        return [self._info(n, sig.get(keys.get(n, "")), keys.get(n)) for n in self.input_nodes]

    @property
    def outputs(self) -> list[TensorInfo]:
        sig = self.signature.get("outputs") or {}
        out = []
        for n, i in self.output_tensors:
            k = self._out_key.get((n, i))
            info = self._info(n, sig.get(k or ""), k)
            info["name"] = n if i == 0 else f"{n}:{i}"
            out.append(info)
        return out

    @property
    def input_nodes_names(self) -> list[str]:
        return list(self.input_nodes)

    @property
    def output_nodes(self) -> list[str]:
        return [n if i == 0 else f"{n}:{i}" for n, i in self.output_tensors]

    @property
    def metadata(self) -> dict:
        a = self.artifacts
        return {"format": a.format, "generated_by": a.generated_by, "converted_by": a.converted_by,
                "signature": self.signature, "user_defined_metadata": self.user_defined_metadata}

    @property
    def model_version(self) -> str:
        v = (self.artifacts.model_topology or {}).get("versions") or {}
        return f"{v.get('producer', '')}.{v.get('minConsumer', '')}"

    # ------------------------------------------------------------------ inputs
    def _node_for_input(self, key: str) -> str:
        for k in (key, _tensor_name(key)[0]):
            if k in self._sig_in:
                return self._sig_in[k]
            if k in self.graph.nodes:
                return k
        if key + ":0" in self._sig_in:
            return self._sig_in[key + ":0"]
        raise ValueError(f"'{key}' is not an input of this model; inputs: "
                         f"{self.input_nodes} (signature keys {list(self._sig_in)})")

    def _feeds(self, inputs: Any) -> tuple[dict, list]:
        created: list = []

        def conv(x: Any, node: str) -> Tensor:
            if isinstance(x, Tensor):
                return x
            n = self.graph.nodes.get(node)
            dt = n.attrs.get("dtype") if n is not None else None
            t = to_tensor(x, node, "GraphModel.execute")
            if dt in ("float32", "int32", "bool") and t.dtype != dt and t.dtype != "string":
                c = t.cast(dt)
                t.dispose()
                t = c
            created.append(t)
            return t

        if isinstance(inputs, dict):
            feeds = {}
            for k, v in inputs.items():
                node = self._node_for_input(k)
                feeds[node] = conv(v, node)
            return feeds, created
        if isinstance(inputs, Tensor) or not isinstance(inputs, (list, tuple)):
            inputs = [inputs]
        if len(inputs) != len(self.input_nodes):
            raise ValueError(f"the model has {len(self.input_nodes)} inputs {self.input_nodes}, "
                             f"got {len(inputs)} values")
        return {n: conv(v, n) for n, v in zip(self.input_nodes, inputs)}, created

    def _outputs(self, outputs: Any) -> list[tuple[str, int]]:
        if outputs is None:
            return list(self.output_tensors)
        names = [outputs] if isinstance(outputs, str) else list(outputs)
        res = []
        for o in names:
            if o in self._sig_out:
                res.append(self._sig_out[o])
                continue
            n, i = _tensor_name(o)
            if n not in self.graph.nodes:
                raise ValueError(f"'{o}' is not a node of this model")
            res.append((n, i))
        return res

    # ------------------------------------------------------------------ optimization
    def _optimized(self) -> Any:
        """The rewritten graph (built on first use), or None when disabled or failed."""
        if not self.optimize or self._opt is False:
            return None
        if self._opt is None:
            try:
                from ..inference.graph_rewrite import optimize_graph
            except ImportError:  # no NumPy (e.g. Pyodide): run the graph as loaded
                self._opt = False
                return None
            topo = self.artifacts.model_topology or {}
            g = Graph(topo.get("node", []) or [], self._functions)
            w = dict(self.weights)
            keep = set(self.input_nodes) | {n for n, _ in self.output_tensors}
            keep |= {n for n, _ in self._sig_out.values()} | set(self._sig_in.values())
            try:
                res = optimize_graph(g, w, keep, CUSTOM_OPS)
            except Exception as e:  # never worse than unoptimized
                import warnings
                warnings.warn(f"GraphModel: graph optimization failed ({type(e).__name__}: {e}); "
                              "running the graph as loaded", RuntimeWarning, stacklevel=3)
                self._opt = False
                return None
            self._opt = (g, w, res)
        return self._opt

    @property
    def optimization_stats(self) -> dict:
        """What the inference-time rewrite did (rewrite kind -> count); {} with
        ``optimize=False``."""
        return dict(self._opt[2].counts) if self._opt else {}

    # ------------------------------------------------------------------ running
    def execute(self, inputs: Any, outputs: Any = None) -> Any:
        """Runs the graph. ``inputs``: a tensor, a list in ``inputs`` order, or a dict keyed by
        node name (``x`` or ``x:0``) or signature key. ``outputs``: node names (``n`` or ``n:1``)
        or signature keys; default the model's outputs. Returns a Tensor for one output, else a
        list. Dynamic ops (Where, NonMaxSuppression, TF1 loops) run here too: no async needed."""
        self._check()
        feeds, created = self._feeds(inputs)
        outs = self._outputs(outputs)
        keep = ENV.get_bool("KEEP_INTERMEDIATE_TENSORS")
        graph, weights = self.graph, self.weights
        opt = None if keep else self._optimized()
        if opt:
            g, w, r = opt
            names = set(feeds) | {n for n, _ in outs}
            if not (names & r.removed or set(feeds) & r.absorbed or
                    r.custom_ops != frozenset(CUSTOM_OPS)):
                graph, weights = g, w
        ex = Execution(self._resources, self._functions, weights)
        if keep:
            self.dispose_intermediate_tensors()
            ex.keep_intermediates = {}
        try:
            res = run_graph(graph, feeds, outs, ex)
        finally:
            ENGINE.dispose(created)
            if keep:
                self._intermediates = ex.keep_intermediates or {}
                for t in self._intermediates.values():
                    ENGINE.keep(t)
        return res[0] if len(res) == 1 and (outputs is None or isinstance(outputs, str)) else res

    async def execute_async(self, inputs: Any, outputs: Any = None) -> Any:
        """Same as :meth:`execute` (kept for TF.js parity: execution here never needs awaiting)."""
        return self.execute(inputs, outputs)

    def predict(self, inputs: Any, **config: Any) -> Any:
        """Runs the model's outputs. With ``structuredOutputKeys`` in the user-defined metadata
        the result is a dict by those keys (as TF.js)."""
        res = self.execute(inputs)
        keys = (self.user_defined_metadata or {}).get("structuredOutputKeys")
        if keys:
            lst = res if isinstance(res, list) else [res]
            return dict(zip(keys, lst))
        return res

    async def predict_async(self, inputs: Any, **config: Any) -> Any:
        return self.predict(inputs, **config)

    # ------------------------------------------------------------------ intermediates
    def get_intermediate_tensors(self) -> dict[str, Tensor]:
        """Tensors of the last execute (``tf.env().set('KEEP_INTERMEDIATE_TENSORS', True)``)."""
        return dict(self._intermediates)

    def dispose_intermediate_tensors(self) -> None:
        for t in self._intermediates.values():
            if isinstance(t, Tensor) and not t.is_disposed:
                t.dispose()
        self._intermediates = {}

    # ------------------------------------------------------------------ lifecycle
    def _check(self) -> None:
        if self._disposed:
            raise RuntimeError("this GraphModel was disposed")

    def dispose(self) -> None:
        """Frees the weights (and kept intermediates)."""
        if self._disposed:
            return
        self.dispose_intermediate_tensors()
        if self._opt:
            for t in self._opt[2].new_weights.values():
                if not t.is_disposed:
                    t.dispose()
            self._opt = None
        for t in self.weights.values():
            if not t.is_disposed:
                t.dispose()
        self._resources.clear()
        self._disposed = True

    def save(self, url: Any, **options: Any) -> Any:
        """Saves model.json + weights through ``pytfjs.io.save_artifacts`` (same topology, same
        weight specs and bytes as loaded)."""
        self._check()
        return _io().save_artifacts(url, copy.copy(self.artifacts), **options)


def load_graph_model(url: Any, **options: Any) -> GraphModel:
    """Loads a TF.js graph model (model.json + shards, any ``pytfjs.io`` handler or URL).

    ``from_tfhub=True`` appends ``model.json`` to a TF Hub URL, as TF.js does.
    ``optimize=False`` runs the graph exactly as loaded (no inference-time rewrites: BN / bias /
    activation folding into convolutions, constant folding, Identity removal)."""
    optimize = bool(options.pop("optimize", True))
    if options.pop("from_tfhub", False) and isinstance(url, str) and not url.endswith("model.json"):
        url = url.rstrip("/") + "/model.json?tfjs-format=file"
    artifacts = _io().load_artifacts(url, **options)
    if artifacts.model_topology is None:
        raise ValueError(f"{url!r} has no modelTopology: not a graph model")
    if isinstance(artifacts.model_topology, dict) and "node" not in artifacts.model_topology and \
            "class_name" in artifacts.model_topology:
        raise ValueError(f"{url!r} is a layers model; use tf.load_layers_model")
    return GraphModel(artifacts, optimize=optimize)
