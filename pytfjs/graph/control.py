"""Hand-written graph ops: graph plumbing, control flow (v1 frames are in the executor; v2
If/While run function bodies), fused ops, TensorArray / TensorList, hash tables.

Every handler is ``fn(node, inputs, ctx) -> list`` of output values, where ``ctx`` is the running
:class:`~pytfjs.graph.executor.Execution`. Values are Tensors, or Python objects for resources
(TensorArray, TensorList, HashTable)."""
from __future__ import annotations

from typing import Any, Callable

from ..core.engine import ENGINE
from ..core.opdef import OPS
from ..core.tensor import Tensor

HANDLERS: dict[str, Callable[[Any, list, Any], list]] = {}


def _op(name: str) -> Callable[..., Any]:
    return OPS[name].fn


def handler(*names: str) -> Callable:
    def deco(fn: Callable) -> Callable:
        for n in names:
            HANDLERS[n] = fn
        return fn
    return deco


def _keep(t: Any) -> Any:
    """A handle of its own for a tensor stored in a resource (shares the data)."""
    return _op("clone")(t) if isinstance(t, Tensor) else t


def _scalar(v: Any) -> Any:
    v = v.to_list() if isinstance(v, Tensor) else v
    while isinstance(v, list):
        v = v[0]
    return v


# ------------------------------------------------------------------ graph plumbing
@handler("NoOp")
def _noop(node: Any, ins: list, ctx: Any) -> list:
    return []


@handler("IdentityN")
def _identity_n(node: Any, ins: list, ctx: Any) -> list:
    return [_op("clone")(x) if isinstance(x, Tensor) else x for x in ins]


@handler("PlaceholderWithDefault")
def _pwd(node: Any, ins: list, ctx: Any) -> list:
    return [_op("clone")(ins[0])]


@handler("Shape")
def _shape(node: Any, ins: list, ctx: Any) -> list:
    return [_op("tensor1d")(list(ins[0].shape), "int32")]


@handler("ShapeN")
def _shape_n(node: Any, ins: list, ctx: Any) -> list:
    return [_op("tensor1d")(list(x.shape), "int32") for x in ins]


@handler("Size")
def _size(node: Any, ins: list, ctx: Any) -> list:
    n = 1
    for s in ins[0].shape:
        n *= s
    return [_op("scalar")(n, "int32")]


@handler("Rank")
def _rank(node: Any, ins: list, ctx: Any) -> list:
    return [_op("scalar")(len(ins[0].shape), "int32")]


@handler("Print")
def _print(node: Any, ins: list, ctx: Any) -> list:
    msg = node.attrs.get("message", "")
    print(msg, *[x.to_list() for x in ins[1:] if isinstance(x, Tensor)])
    return [_op("clone")(ins[0])]


@handler("FakeQuantWithMinMaxVars")
def _fake_quant(node: Any, ins: list, ctx: Any) -> list:
    x, lo, hi = ins[0], float(_scalar(ins[1])), float(_scalar(ins[2]))
    bits = node.attrs.get("num_bits", 8)
    qmin = 1 if node.attrs.get("narrow_range") else 0
    qmax = (1 << bits) - 1
    scale = (hi - lo) / (qmax - qmin)
    zero = qmin - lo / scale
    nz = float(min(max(round(zero), qmin), qmax))
    nlo, nhi = (qmin - nz) * scale, (qmax - nz) * scale
    t = _op("clip_by_value")(x, nlo, nhi)
    t = _op("sub")(t, nlo)
    t = _op("floor")(_op("add")(_op("div")(t, scale), 0.5))
    return [_op("add")(_op("mul")(t, scale), nlo)]


# ------------------------------------------------------------------ fused ops
def _fused_args(node: Any, ins: list, n_main: int) -> dict:
    ops_ = [s.lower() for s in (node.attrs.get("fused_ops") or [])]
    extra = ins[n_main:]
    kw: dict[str, Any] = {}
    if "fusedbatchnorm" in ops_:
        raise NotImplementedError(f"{node.op} with FusedBatchNorm is not supported "
                                  f"(node '{node.name}'); TF.js does not run it either")
    if ops_ and ops_[0] == "biasadd":
        kw["bias"] = extra[0] if extra else None
        act = ops_[1] if len(ops_) > 1 else "linear"
        if act == "prelu":
            kw["prelu_activation_weights"] = extra[1]
        if act == "leakyrelu":
            kw["leakyrelu_alpha"] = node.attrs.get("leakyrelu_alpha", 0.2)
        kw["activation"] = act
    elif ops_:
        raise NotImplementedError(f"{node.op} fused ops {ops_} are not supported (node '{node.name}')")
    return kw


def _spatial(v: Any, fmt: str) -> Any:
    if v is None or len(v) != 4:
        return v
    return list(v[2:]) if fmt.startswith("NC") else list(v[1:3])


def _conv_pad(node: Any) -> Any:
    p = (node.attrs.get("padding") or "VALID").lower()
    if p == "explicit":
        e = node.attrs.get("explicit_paddings") or []
        return [[e[i], e[i + 1]] for i in range(0, len(e), 2)]
    return p


@handler("_FusedConv2D", "FusedDepthwiseConv2dNative")
def _fused_conv(node: Any, ins: list, ctx: Any) -> list:
    fmt = node.attrs.get("data_format") or "NHWC"
    kw = _fused_args(node, ins, 2)
    fn = _op("fused.conv2d" if node.op == "_FusedConv2D" else "fused.depthwise_conv2d")
    return [fn(x=ins[0], filter=ins[1], strides=_spatial(node.attrs.get("strides"), fmt),
               pad=_conv_pad(node), data_format=fmt,
               dilations=_spatial(node.attrs.get("dilations"), fmt) or (1, 1), **kw)]


@handler("_FusedMatMul")
def _fused_matmul(node: Any, ins: list, ctx: Any) -> list:
    kw = _fused_args(node, ins, 2)
    return [_op("fused.mat_mul")(a=ins[0], b=ins[1], transpose_a=bool(node.attrs.get("transpose_a")),
                                 transpose_b=bool(node.attrs.get("transpose_b")), **kw)]


# ------------------------------------------------------------------ control flow v1 (no frames)
@handler("Switch")
def _switch(node: Any, ins: list, ctx: Any) -> list:
    data, pred = ins[0], bool(_scalar(ins[1]))
    out = _op("clone")(data) if isinstance(data, Tensor) else data
    return [None, out] if pred else [out, None]


@handler("LoopCond")
def _loop_cond(node: Any, ins: list, ctx: Any) -> list:
    return [_op("clone")(ins[0])]


@handler("Enter", "Exit", "NextIteration")
def _pass(node: Any, ins: list, ctx: Any) -> list:
    return [_op("clone")(ins[0]) if isinstance(ins[0], Tensor) else ins[0]]


# ------------------------------------------------------------------ control flow v2
@handler("If", "StatelessIf")
def _if(node: Any, ins: list, ctx: Any) -> list:
    cond = ins[0]
    c = bool(_scalar(cond)) if not cond.shape or cond.dtype == "bool" else bool(cond.shape and
                                                                                  _scalar(cond))
    fname = node.attrs["then_branch" if c else "else_branch"]
    return ctx.call_function(fname, ins[1:])


@handler("While", "StatelessWhile")
def _while(node: Any, ins: list, ctx: Any) -> list:
    cond_f, body_f = node.attrs["cond"], node.attrs["body"]
    vals = list(ins)
    owned: list = []
    while True:
        c = ctx.call_function(cond_f, vals)
        ok = bool(_scalar(c[0]))
        ENGINE.dispose([x for x in c if isinstance(x, Tensor) and not any(x is v for v in vals)])
        if not ok:
            break
        new = ctx.call_function(body_f, vals)
        # the previous iteration's values are no longer needed (unless they pass through)
        ENGINE.dispose([v for v in owned if isinstance(v, Tensor) and not any(v is n for n in new)])
        vals = new
        owned = list(new)
    return [_op("clone")(v) if isinstance(v, Tensor) and any(v is i for i in ins) else v
            for v in vals]


# ------------------------------------------------------------------ TensorArray (v1)
class TensorArray:
    """TF TensorArrayV3: a list of tensors written once each."""

    def __init__(self, name: str, dtype: str | None, size: int, element_shape: Any,
                 dynamic_size: bool, clear_after_read: bool, identical_shapes: bool) -> None:
        self.name, self.dtype, self.dynamic_size = name, dtype, dynamic_size
        self.clear_after_read, self.identical_shapes = clear_after_read, identical_shapes
        self.element_shape = element_shape
        self.items: list[Any] = [None] * size
        self.closed = False

    def size(self) -> int:
        return len(self.items)

    def read(self, i: int) -> Tensor:
        if i < 0 or i >= len(self.items) or self.items[i] is None:
            raise IndexError(f"TensorArray {self.name}: reading index {i} that was not written "
                             f"(size {len(self.items)})")
        t = self.items[i]
        if self.clear_after_read:
            self.items[i] = None
            return t
        return _op("clone")(t)

    def write(self, i: int, t: Tensor) -> None:
        if i >= len(self.items):
            if not self.dynamic_size:
                raise IndexError(f"TensorArray {self.name}: index {i} out of range "
                                 f"(size {len(self.items)}, not dynamic)")
            self.items.extend([None] * (i + 1 - len(self.items)))
        if self.items[i] is not None:
            raise ValueError(f"TensorArray {self.name}: index {i} was already written")
        self.items[i] = _keep(t)

    def gather(self, idx: list[int]) -> Tensor:
        parts = [self.items[i] for i in idx]
        if not parts:
            shape = [0] + [max(d, 0) for d in (self.element_shape or [])]
            return _op("zeros")(shape, self.dtype or "float32")
        return _op("stack")(parts, 0)

    def dispose(self) -> None:
        ENGINE.dispose([t for t in self.items if t is not None])
        self.items = []


def _ta(x: Any) -> TensorArray:
    if not isinstance(x, TensorArray):
        raise TypeError(f"expected a TensorArray handle, got {type(x).__name__}")
    return x


def _flow() -> Tensor:
    return _op("scalar")(0.0)


@handler("TensorArrayV3")
def _ta_new(node: Any, ins: list, ctx: Any) -> list:
    a = node.attrs
    ta = TensorArray(a.get("tensor_array_name") or node.name, a.get("dtype"), int(_scalar(ins[0])),
                     a.get("element_shape"), bool(a.get("dynamic_size")),
                     bool(a.get("clear_after_read", True)), bool(a.get("identical_element_shapes")))
    ctx.resources.append(ta)
    return [ta, _flow()]


@handler("TensorArrayWriteV3")
def _ta_write(node: Any, ins: list, ctx: Any) -> list:
    _ta(ins[0]).write(int(_scalar(ins[1])), ins[2])
    return [_flow()]


@handler("TensorArrayReadV3")
def _ta_read(node: Any, ins: list, ctx: Any) -> list:
    return [_ta(ins[0]).read(int(_scalar(ins[1])))]


@handler("TensorArrayGatherV3")
def _ta_gather(node: Any, ins: list, ctx: Any) -> list:
    return [_ta(ins[0]).gather([int(i) for i in ins[1].to_list()])]


@handler("TensorArrayScatterV3")
def _ta_scatter(node: Any, ins: list, ctx: Any) -> list:
    ta, idx = _ta(ins[0]), [int(i) for i in ins[1].to_list()]
    parts = _op("unstack")(ins[2], 0)
    for i, p in zip(idx, parts):
        ta.write(i, p)
    ENGINE.dispose(parts)
    return [_flow()]


@handler("TensorArrayConcatV3")
def _ta_concat(node: Any, ins: list, ctx: Any) -> list:
    ta = _ta(ins[0])
    items = [t for t in ta.items if t is not None]
    lengths = _op("tensor1d")([t.shape[0] if t.shape else 1 for t in items], "int32")
    return [_op("concat")(items, 0), lengths]


@handler("TensorArraySplitV3")
def _ta_split(node: Any, ins: list, ctx: Any) -> list:
    ta, lengths = _ta(ins[0]), [int(v) for v in ins[2].to_list()]
    parts = _op("split")(ins[1], lengths, 0)
    for i, p in enumerate(parts):
        ta.write(i, p)
    ENGINE.dispose(parts)
    return [_flow()]


@handler("TensorArraySizeV3")
def _ta_size(node: Any, ins: list, ctx: Any) -> list:
    return [_op("scalar")(_ta(ins[0]).size(), "int32")]


@handler("TensorArrayCloseV3")
def _ta_close(node: Any, ins: list, ctx: Any) -> list:
    _ta(ins[0]).closed = True
    return []


# ------------------------------------------------------------------ TensorList (v2)
class TensorList:
    """TF TensorList (a variant value): immutable here: every update returns a new list that
    shares the tensors (each list holds its own handles)."""

    def __init__(self, items: list, element_shape: Any, dtype: str | None, max_elements: int = -1):
        self.items = [(_keep(t) if t is not None else None) for t in items]
        self.element_shape, self.dtype, self.max_elements = element_shape, dtype, max_elements

    def copy(self, items: list | None = None) -> "TensorList":
        return TensorList(self.items if items is None else items, self.element_shape, self.dtype,
                          self.max_elements)

    def _zeros(self, shape: Any = None) -> Tensor:
        es = shape if shape is not None else self.element_shape
        if es is None or any(d < 0 for d in es):
            raise ValueError("TensorList: element shape is not fully defined for an unset item")
        return _op("zeros")(list(es), self.dtype or "float32")

    def get(self, i: int) -> Tensor:
        if i < 0 or i >= len(self.items):
            raise IndexError(f"TensorList index {i} out of range (length {len(self.items)})")
        t = self.items[i]
        return self._zeros() if t is None else _op("clone")(t)

    def stack(self, element_shape: Any = None) -> Tensor:
        if not self.items:
            es = element_shape if element_shape is not None else self.element_shape
            return _op("zeros")([0] + [max(d, 0) for d in (es or [])], self.dtype or "float32")
        parts = [t if t is not None else self._zeros(element_shape) for t in self.items]
        return _op("stack")(parts, 0)

    def dispose(self) -> None:
        ENGINE.dispose([t for t in self.items if t is not None])
        self.items = []


def _tl(x: Any) -> TensorList:
    if not isinstance(x, TensorList):
        raise TypeError(f"expected a TensorList, got {type(x).__name__}")
    return x


def _eshape(v: Any) -> Any:
    if isinstance(v, Tensor):
        v = v.to_list()
    if isinstance(v, list):
        return [int(d) for d in v]
    return None if v is None or int(v) == -1 else [int(v)]


def _new_list(ctx: Any, lst: TensorList) -> list:
    ctx.resources.append(lst)
    return [lst]


@handler("EmptyTensorList")
def _tl_empty(node: Any, ins: list, ctx: Any) -> list:
    return _new_list(ctx, TensorList([], _eshape(ins[0]), node.attrs.get("element_dtype"),
                                     int(_scalar(ins[1]))))


@handler("TensorListReserve")
def _tl_reserve(node: Any, ins: list, ctx: Any) -> list:
    n = int(_scalar(ins[1]))
    return _new_list(ctx, TensorList([None] * n, _eshape(ins[0]), node.attrs.get("element_dtype"), n))


@handler("TensorListFromTensor")
def _tl_from(node: Any, ins: list, ctx: Any) -> list:
    parts = _op("unstack")(ins[0], 0)
    lst = TensorList(parts, _eshape(ins[1]) or list(ins[0].shape[1:]), ins[0].dtype)
    ENGINE.dispose(parts)
    return _new_list(ctx, lst)


@handler("TensorListSetItem")
def _tl_set(node: Any, ins: list, ctx: Any) -> list:
    lst, i = _tl(ins[0]), int(_scalar(ins[1]))
    items = list(lst.items)
    if i >= len(items):
        raise IndexError(f"TensorListSetItem: index {i} out of range (length {len(items)}) in '{node.name}'")
    items[i] = ins[2]
    return _new_list(ctx, lst.copy(items))


@handler("TensorListGetItem")
def _tl_get(node: Any, ins: list, ctx: Any) -> list:
    return [_tl(ins[0]).get(int(_scalar(ins[1])))]


@handler("TensorListStack")
def _tl_stack(node: Any, ins: list, ctx: Any) -> list:
    return [_tl(ins[0]).stack(_eshape(ins[1]))]


@handler("TensorListGather")
def _tl_gather(node: Any, ins: list, ctx: Any) -> list:
    lst = _tl(ins[0])
    idx = [int(i) for i in ins[1].to_list()]
    return [lst.copy([lst.items[i] for i in idx]).stack(_eshape(ins[2]))]


@handler("TensorListScatter", "TensorListScatterV2")
def _tl_scatter(node: Any, ins: list, ctx: Any) -> list:
    idx = [int(i) for i in ins[1].to_list()]
    n = int(_scalar(ins[3])) if node.op == "TensorListScatterV2" and len(ins) > 3 else -1
    size = max(max(idx) + 1 if idx else 0, n)
    parts = _op("unstack")(ins[0], 0)
    items: list = [None] * size
    for i, p in zip(idx, parts):
        items[i] = p
    lst = TensorList(items, _eshape(ins[2]), ins[0].dtype)
    ENGINE.dispose(parts)
    return _new_list(ctx, lst)


@handler("TensorListSplit")
def _tl_split(node: Any, ins: list, ctx: Any) -> list:
    lengths = [int(v) for v in ins[2].to_list()]
    parts = _op("split")(ins[0], lengths, 0)
    lst = TensorList(parts, _eshape(ins[1]), ins[0].dtype)
    ENGINE.dispose(parts)
    return _new_list(ctx, lst)


@handler("TensorListConcat", "TensorListConcatV2")
def _tl_concat(node: Any, ins: list, ctx: Any) -> list:
    lst = _tl(ins[0])
    items = [t if t is not None else lst._zeros() for t in lst.items]
    return [_op("concat")(items, 0), _op("tensor1d")([t.shape[0] for t in items], "int32")]


@handler("TensorListLength")
def _tl_len(node: Any, ins: list, ctx: Any) -> list:
    return [_op("scalar")(len(_tl(ins[0]).items), "int32")]


@handler("TensorListPushBack")
def _tl_push(node: Any, ins: list, ctx: Any) -> list:
    lst = _tl(ins[0])
    if lst.max_elements >= 0 and len(lst.items) >= lst.max_elements and lst.max_elements != 0:
        raise ValueError(f"TensorListPushBack: list is full ({lst.max_elements}) in '{node.name}'")
    return _new_list(ctx, lst.copy(list(lst.items) + [ins[1]]))


@handler("TensorListPopBack")
def _tl_pop(node: Any, ins: list, ctx: Any) -> list:
    lst = _tl(ins[0])
    if not lst.items:
        raise ValueError(f"TensorListPopBack: empty list in '{node.name}'")
    last = lst.get(len(lst.items) - 1)
    return _new_list(ctx, lst.copy(lst.items[:-1])) + [last]


@handler("TensorListResize")
def _tl_resize(node: Any, ins: list, ctx: Any) -> list:
    lst, n = _tl(ins[0]), int(_scalar(ins[1]))
    items = list(lst.items[:n]) + [None] * max(0, n - len(lst.items))
    return _new_list(ctx, lst.copy(items))


# ------------------------------------------------------------------ hash tables
class HashTable:
    """TF HashTableV2: a key -> value map filled by LookupTableImportV2 / InitializeTableV2
    (usually in the model's ``modelInitializer`` graph) and shared by node name."""

    def __init__(self, name: str, key_dtype: str | None, value_dtype: str | None) -> None:
        self.name, self.key_dtype, self.value_dtype = name, key_dtype, value_dtype
        self.table: dict[Any, Any] = {}

    def import_(self, keys: Tensor, values: Tensor) -> None:
        self.table = dict(zip(_flat(keys), _flat(values)))
        self.value_dtype = values.dtype

    def find(self, keys: Tensor, default: Tensor) -> Tensor:
        d = _scalar(default)
        vals = [self.table.get(k, d) for k in _flat(keys)]
        return _op("tensor")(vals, list(keys.shape), self.value_dtype or default.dtype)


def _flat(t: Tensor) -> list:
    v = t.to_list()
    out: list = []

    def walk(x: Any) -> None:
        if isinstance(x, list):
            for y in x:
                walk(y)
        else:
            out.append(x)
    walk(v)
    return out


@handler("HashTable", "HashTableV2")
def _table(node: Any, ins: list, ctx: Any) -> list:
    tables = ctx.model_resources
    if node.name not in tables:
        tables[node.name] = HashTable(node.name, node.attrs.get("key_dtype"), node.attrs.get("value_dtype"))
    return [tables[node.name]]


@handler("LookupTableImport", "LookupTableImportV2", "InitializeTable", "InitializeTableV2")
def _table_import(node: Any, ins: list, ctx: Any) -> list:
    ins[0].import_(ins[1], ins[2])
    return []


@handler("LookupTableFind", "LookupTableFindV2")
def _table_find(node: Any, ins: list, ctx: Any) -> list:
    return [ins[0].find(ins[1], ins[2])]


@handler("LookupTableSize", "LookupTableSizeV2")
def _table_size(node: Any, ins: list, ctx: Any) -> list:
    return [_op("scalar")(len(ins[0].table), "int32")]


@handler("Const")
def _const(node: Any, ins: list, ctx: Any) -> list:
    v = node.attrs.get("value")
    if not isinstance(v, dict):
        raise ValueError(f"Const node '{node.name}' has no value: it is not in the weights either")
    return [_op("tensor")(v["values"], v["shape"], v["dtype"])]
