"""Traced kernels -> ONNX nodes: one converter per TF kernel name (``CONVERTERS``).

Layout: tensors stay NHWC as in pytfjs. Convolutions and pooling are NCHW in ONNX, so each gets
a Transpose in front and one behind; ONNX Runtime's transpose optimiser (level ALL) cancels the
pairs between consecutive convolutions and pushes the rest through elementwise ops, so the
session runs NCHW throughout (measured: the same latency as a model exported NCHW natively).

Every converter checks what it relies on (dtypes, attrs) and raises ``NotImplementedError``
naming the kernel and the case otherwise: a graph is exported exactly or not at all.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ._trace import TracedKernel

OPSET = 17
_FLOATS = ("float32", "float64", "float16")
NCHW = (0, 3, 1, 2)   # NHWC -> NCHW
NHWC = (0, 2, 3, 1)   # NCHW -> NHWC


class Ctx:
    """What a converter writes into: nodes, initializers and fresh names."""

    def __init__(self, constants: dict) -> None:
        from onnx import helper, numpy_helper
        self._helper, self._nh = helper, numpy_helper
        self.nodes: list = []
        self.constants = constants  # name -> numpy array (becomes an initializer when used)
        self._n = 0

    def fresh(self, hint: str) -> str:
        self._n += 1
        return f"{hint}__{self._n}"

    def node(self, op: str, inputs: list, outputs: Any = None, n_out: int = 1,
             **attrs: Any) -> list:
        """Adds ``op``; returns its output names (fresh ones unless ``outputs`` is given)."""
        if outputs is None:
            outputs = [self.fresh(op) for _ in range(n_out)]
        elif isinstance(outputs, str):
            outputs = [outputs]
        attrs = {k: v for k, v in attrs.items() if v is not None}
        self.nodes.append(self._helper.make_node(op, list(inputs), list(outputs),
                                                 name=self.fresh("n_" + op), **attrs))
        return outputs

    def const(self, value: Any, dtype: Any = None, hint: str = "c") -> str:
        arr = np.asarray(value, dtype=dtype)
        name = self.fresh(hint)
        self.constants[name] = arr
        return name

    def ints(self, values: Any) -> str:
        return self.const(np.asarray(list(values), dtype=np.int64), hint="i64")

    def value(self, name: str) -> np.ndarray | None:
        """The value of ``name`` when it is a constant (weights, folded values), else None."""
        return self.constants.get(name)


Converter = Callable[[Ctx, TracedKernel], None]
CONVERTERS: dict[str, Converter] = {}


def converter(*names: str) -> Callable[[Converter], Converter]:
    def deco(fn: Converter) -> Converter:
        for n in names:
            CONVERTERS[n] = fn
        return fn
    return deco


def unsupported(k: TracedKernel, why: str) -> NotImplementedError:
    return NotImplementedError(f"Kernel '{k.name}' cannot be exported to ONNX: {why}")


def _np_dtype(dtype: str) -> Any:
    return np.dtype("bool" if dtype == "bool" else dtype)


def _float_in(k: TracedKernel, *idx: int) -> None:
    for i in idx or range(len(k.in_dtypes)):
        if k.in_dtypes[i] not in _FLOATS:
            raise unsupported(k, f"input {i} is {k.in_dtypes[i]}; only float inputs are "
                                 f"exported (integer inputs follow TF.js's int rounding rules)")


def _out(k: TracedKernel, i: int = 0) -> str:
    return k.outputs[i]


# ============================================================================ elementwise
_UNARY = {"Abs": "Abs", "Neg": "Neg", "Exp": "Exp", "Log": "Log", "Sqrt": "Sqrt",
          "Reciprocal": "Reciprocal", "Floor": "Floor", "Ceil": "Ceil", "Round": "Round",
          "Sin": "Sin", "Cos": "Cos", "Tan": "Tan", "Asin": "Asin", "Acos": "Acos",
          "Atan": "Atan", "Sinh": "Sinh", "Cosh": "Cosh", "Tanh": "Tanh", "Asinh": "Asinh",
          "Acosh": "Acosh", "Atanh": "Atanh", "Erf": "Erf", "Sigmoid": "Sigmoid",
          "Softplus": "Softplus", "Relu": "Relu", "Elu": "Elu", "Selu": "Selu", "Sign": "Sign",
          "Identity": "Identity", "IsNan": "IsNaN", "IsInf": "IsInf"}
_INT_OK_UNARY = {"Abs", "Neg", "Sign"}  # exact on integers, as numpy computes them


@converter(*_UNARY)
def _unary(ctx: Ctx, k: TracedKernel) -> None:
    if k.name in _INT_OK_UNARY:
        if k.in_dtypes[0] == "bool":
            raise unsupported(k, "bool input")
    elif k.name != "Identity":
        _float_in(k)
    ctx.node(_UNARY[k.name], k.inputs, _out(k))


@converter("Relu6")
def _relu6(ctx: Ctx, k: TracedKernel) -> None:
    dt = _np_dtype(k.in_dtypes[0])
    if k.in_dtypes[0] == "bool":
        raise unsupported(k, "bool input")
    ctx.node("Clip", [k.inputs[0], ctx.const(0, dt), ctx.const(6, dt)], _out(k))


@converter("IsFinite")
def _is_finite(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    bad = ctx.node("Or", [ctx.node("IsNaN", k.inputs)[0], ctx.node("IsInf", k.inputs)[0]])
    ctx.node("Not", bad, _out(k))


@converter("Square")
def _square(ctx: Ctx, k: TracedKernel) -> None:
    if k.in_dtypes[0] == "bool":
        raise unsupported(k, "bool input")
    ctx.node("Mul", [k.inputs[0], k.inputs[0]], _out(k))


@converter("Rsqrt")
def _rsqrt(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    ctx.node("Reciprocal", ctx.node("Sqrt", k.inputs), _out(k))


@converter("Expm1", "Log1p")
def _expm1_log1p(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    one = ctx.const(1, _np_dtype(k.in_dtypes[0]))
    if k.name == "Expm1":
        ctx.node("Sub", [ctx.node("Exp", k.inputs)[0], one], _out(k))
    else:
        ctx.node("Log", ctx.node("Add", [k.inputs[0], one]), _out(k))


@converter("LeakyRelu")
def _leaky_relu(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    ctx.node("LeakyRelu", k.inputs, _out(k), alpha=float(k.attrs.get("alpha", 0.2)))


@converter("Prelu")
def _prelu(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    ctx.node("PRelu", k.inputs, _out(k))


@converter("Step")
def _step(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    dt = _np_dtype(k.in_dtypes[0])
    x = k.inputs[0]
    pos = ctx.node("Greater", [x, ctx.const(0, dt)])[0]
    y = ctx.node("Where", [pos, ctx.const(1, dt), ctx.const(float(k.attrs.get("alpha", 0.0)), dt)])
    ctx.node("Where", [ctx.node("IsNaN", [x])[0], x, y[0]], _out(k))


@converter("ClipByValue")
def _clip(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    dt = _np_dtype(k.in_dtypes[0])
    ctx.node("Clip", [k.inputs[0], ctx.const(k.attrs["clip_value_min"], dt),
                      ctx.const(k.attrs["clip_value_max"], dt)], _out(k))


# binary: kernel -> (ONNX op, op for bool inputs or None, integer inputs exact)
_BINARY = {"Add": ("Add", "Or", True), "Sub": ("Sub", "Xor", True),
           "Multiply": ("Mul", "And", True), "RealDiv": ("Div", None, False),
           "Maximum": ("Max", "Or", True), "Minimum": ("Min", "And", True),
           "Pow": ("Pow", None, False)}


@converter(*_BINARY)
def _binary(ctx: Ctx, k: TracedKernel) -> None:
    op, bool_op, ints = _BINARY[k.name]
    dt = k.in_dtypes[0]
    if dt == "bool":
        if bool_op is None:
            raise unsupported(k, "bool inputs")
        op = bool_op
    elif dt not in _FLOATS and not ints:
        _float_in(k)
    ctx.node(op, k.inputs, _out(k))


@converter("AddN")
def _add_n(ctx: Ctx, k: TracedKernel) -> None:
    if k.in_dtypes[0] == "bool":
        raise unsupported(k, "bool inputs")
    ctx.node("Sum", k.inputs, _out(k))


@converter("SquaredDifference")
def _squared_difference(ctx: Ctx, k: TracedKernel) -> None:
    if k.in_dtypes[0] == "bool":
        raise unsupported(k, "bool inputs")
    d = ctx.node("Sub", k.inputs)[0]
    ctx.node("Mul", [d, d], _out(k))


@converter("FloorDiv")
def _floor_div(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    q = ctx.node("Floor", ctx.node("Div", k.inputs))
    ctx.node("Cast", q, _out(k), to=_onnx_type("int32"))


@converter("Mod")
def _mod(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    a, b = k.inputs
    q = ctx.node("Floor", ctx.node("Div", [a, b]))[0]
    ctx.node("Sub", [a, ctx.node("Mul", [q, b])[0]], _out(k))


@converter("DivNoNan")
def _div_no_nan(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    a, b = k.inputs
    zero = ctx.const(0, _np_dtype(k.in_dtypes[0]))
    ctx.node("Where", [ctx.node("Equal", [b, zero])[0], zero, ctx.node("Div", [a, b])[0]],
             _out(k))


_COMPARE = {"Equal": "Equal", "Greater": "Greater", "GreaterEqual": "GreaterOrEqual",
            "Less": "Less", "LessEqual": "LessOrEqual"}


@converter(*_COMPARE)
def _compare(ctx: Ctx, k: TracedKernel) -> None:
    ctx.node(_COMPARE[k.name], k.inputs, _out(k))


@converter("NotEqual")
def _not_equal(ctx: Ctx, k: TracedKernel) -> None:
    ctx.node("Not", ctx.node("Equal", k.inputs), _out(k))


@converter("LogicalAnd", "LogicalOr", "LogicalNot", "LogicalXor")
def _logical(ctx: Ctx, k: TracedKernel) -> None:
    ins = list(k.inputs)
    for i, dt in enumerate(k.in_dtypes):
        if dt != "bool":
            ins[i] = ctx.node("Cast", [ins[i]], to=_onnx_type("bool"))[0]
    ctx.node(k.name[len("Logical"):], ins, _out(k))


@converter("Select")
def _select(ctx: Ctx, k: TracedKernel) -> None:
    cond = k.inputs[0]
    if k.in_dtypes[0] != "bool":
        cond = ctx.node("Cast", [cond], to=_onnx_type("bool"))[0]
    ctx.node("Where", [cond, k.inputs[1], k.inputs[2]], _out(k))


@converter("Cast")
def _cast(ctx: Ctx, k: TracedKernel) -> None:
    # float -> int truncates toward zero in both; NaN/Inf (0 in TF.js) are undefined in ONNX
    to = k.attrs["dtype"]
    ctx.node("Cast", k.inputs, _out(k), to=_onnx_type(to))


# ============================================================================ matmul
_ACT = {"relu": "Relu", "elu": "Elu", "sigmoid": "Sigmoid"}


def _activation(ctx: Ctx, k: TracedKernel, y: str, out: str, prelu: str | None,
                dtype: str) -> None:
    """The fused kernels' activation applied to ``y``, written to ``out``."""
    act = k.attrs.get("activation", "linear") or "linear"
    if act == "linear":
        ctx.node("Identity", [y], out)
    elif act in _ACT:
        ctx.node(_ACT[act], [y], out)
    elif act == "relu6":
        dt = _np_dtype(dtype)
        ctx.node("Clip", [y, ctx.const(0, dt), ctx.const(6, dt)], out)
    elif act == "leakyrelu":
        ctx.node("LeakyRelu", [y], out, alpha=float(k.attrs.get("leakyrelu_alpha", 0.2)))
    elif act == "prelu":
        if prelu is None:
            raise unsupported(k, "activation 'prelu' without prelu weights")
        ctx.node("PRelu", [y, prelu], out)
    else:
        raise unsupported(k, f"fused activation {act!r}")


def _fused_extra(k: TracedKernel, first: int) -> tuple[str | None, str | None]:
    rest = list(k.inputs[first:])
    bias = rest.pop(0) if k.attrs.get("has_bias") else None
    prelu = rest.pop(0) if k.attrs.get("has_prelu") else None
    return bias, prelu


def _matmul(ctx: Ctx, k: TracedKernel, a: str, b: str) -> str:
    ta, tb = k.attrs.get("transpose_a", False), k.attrs.get("transpose_b", False)
    ra, rb = len(k.in_shapes[0]), len(k.in_shapes[1])
    if ta:
        a = ctx.node("Transpose", [a], perm=[*range(ra - 2), ra - 1, ra - 2])[0]
    if tb:
        bv = ctx.value(b)
        if bv is not None:
            b = ctx.const(np.ascontiguousarray(np.swapaxes(bv, -1, -2)), hint="wT")
        else:
            b = ctx.node("Transpose", [b], perm=[*range(rb - 2), rb - 1, rb - 2])[0]
    return ctx.node("MatMul", [a, b])[0]


@converter("BatchMatMul")
def _batch_mat_mul(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    y = _matmul(ctx, k, k.inputs[0], k.inputs[1])
    ctx.node("Identity", [y], _out(k))


@converter("_FusedMatMul")
def _fused_mat_mul(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k, 0, 1)
    bias, prelu = _fused_extra(k, 2)
    y = _matmul(ctx, k, k.inputs[0], k.inputs[1])
    if bias is not None:
        y = ctx.node("Add", [y, bias])[0]
    _activation(ctx, k, y, _out(k), prelu, k.in_dtypes[0])


# ============================================================================ convolution
def _pads(k: TracedKernel, in_sp: tuple, k_sp: tuple, out_sp: tuple) -> list[int]:
    """ONNX pads (begins then ends) from the kernel's explicit ``pad`` pairs; a negative end
    (rows the windows never read) becomes 0, checked against the traced output size."""
    pad, strides = k.attrs["pad"], k.attrs["strides"]
    dil = k.attrs.get("dilations") or [1] * len(in_sp)
    if isinstance(pad, str):
        raise unsupported(k, f"pad {pad!r} (the op normalizes it to explicit pairs)")
    befores, afters = [], []
    for n, kk, s, d, (b, a), o in zip(in_sp, k_sp, strides, dil, pad, out_sp):
        if b < 0:
            raise unsupported(k, f"negative leading padding {b}")
        a = max(a, 0)
        if (n + b + a - (kk - 1) * d - 1) // s + 1 != o:
            raise unsupported(k, f"padding {pad} does not give the traced output size {out_sp}")
        befores.append(int(b))
        afters.append(int(a))
    return befores + afters


def _conv_weight(ctx: Ctx, f: str, depthwise: bool, shape: tuple) -> str:
    """HWIO (or depthwise ``[kh, kw, C, M]``) -> ONNX OIHW (depthwise: ``[C*M, 1, kh, kw]``)."""
    kh, kw, c, m = shape
    fv = ctx.value(f)
    if fv is not None:
        w = fv.transpose(3, 2, 0, 1) if not depthwise else \
            fv.transpose(2, 3, 0, 1).reshape(c * m, 1, kh, kw)
        return ctx.const(np.ascontiguousarray(w), hint="w")
    if not depthwise:
        return ctx.node("Transpose", [f], perm=[3, 2, 0, 1])[0]
    t = ctx.node("Transpose", [f], perm=[2, 3, 0, 1])[0]
    return ctx.node("Reshape", [t, ctx.ints([c * m, 1, kh, kw])])[0]


def _conv_core(ctx: Ctx, k: TracedKernel, depthwise: bool) -> tuple[str, str | None, str | None]:
    """The NCHW Conv (bias folded in when it is a per-channel constant); returns
    ``(nchw_output, bias_left_for_nhwc, prelu)``."""
    if len(k.in_shapes[0]) != 4:
        raise unsupported(k, f"input of rank {len(k.in_shapes[0])} (only 2-D convolutions)")
    _float_in(k, 0, 1)
    x, f = k.inputs[0], k.inputs[1]
    fshape = tuple(k.in_shapes[1])
    bias, prelu = _fused_extra(k, 2) if k.name.startswith("Fused") else (None, None)
    out_shape = k.out_shapes[0]
    pads = _pads(k, tuple(k.in_shapes[0][1:3]), fshape[:2], tuple(out_shape[1:3]))
    w = _conv_weight(ctx, f, depthwise, fshape)
    ins = [ctx.node("Transpose", [x], perm=list(NCHW))[0], w]
    cout = out_shape[3]
    if bias is not None:
        bv = ctx.value(bias)
        if bv is not None and bv.size == cout and bv.shape[-1:] == (cout,):
            ins.append(ctx.const(bv.reshape(cout).astype(_np_dtype(k.in_dtypes[0])), hint="b"))
            bias = None
    y = ctx.node("Conv", ins, kernel_shape=list(fshape[:2]), strides=list(k.attrs["strides"]),
                 dilations=list(k.attrs.get("dilations") or [1, 1]), pads=pads,
                 group=fshape[2] if depthwise else 1)[0]
    return y, bias, prelu


@converter("Conv2D", "DepthwiseConv2dNative", "FusedConv2D", "FusedDepthwiseConv2D")
def _conv2d(ctx: Ctx, k: TracedKernel) -> None:
    depthwise = "Depthwise" in k.name
    y, bias, prelu = _conv_core(ctx, k, depthwise)
    act = k.attrs.get("activation", "linear") or "linear"
    if bias is None and act not in ("prelu", "linear"):
        # elementwise activation in NCHW, before the transpose back
        a = ctx.fresh("act")
        _activation(ctx, k, y, a, None, k.in_dtypes[0])
        ctx.node("Transpose", [a], _out(k), perm=list(NHWC))
        return
    y = ctx.node("Transpose", [y], perm=list(NHWC))[0]
    if bias is not None:
        y = ctx.node("Add", [y, bias])[0]
    _activation(ctx, k, y, _out(k), prelu, k.in_dtypes[0])


@converter("Conv2DBackpropInput")
def _conv_transpose(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    dy, f = k.inputs
    kh, kw = k.in_shapes[1][:2]
    in_shape = tuple(k.attrs["input_shape"])
    strides, dil = k.attrs["strides"], k.attrs.get("dilations") or [1, 1]
    pad = k.attrs["pad"]
    if isinstance(pad, str) or len(in_shape) != 4:
        raise unsupported(k, f"pad {pad!r} / input shape {in_shape}")
    befores, afters, outpad = [], [], []
    for i in range(2):
        n, o, kk, s, d = in_shape[1 + i], k.in_shapes[0][1 + i], (kh, kw)[i], strides[i], dil[i]
        b = pad[i][0]
        full = s * (o - 1) + (kk - 1) * d + 1
        a = full - b - n
        op = 0
        if a < 0:
            op, a = -a, 0
        if b < 0:
            raise unsupported(k, f"negative padding {pad}")
        befores.append(int(b))
        afters.append(int(a))
        outpad.append(int(op))
    fv = ctx.value(f)
    w = ctx.const(np.ascontiguousarray(fv.transpose(3, 2, 0, 1)), hint="w") if fv is not None \
        else ctx.node("Transpose", [f], perm=[3, 2, 0, 1])[0]
    x = ctx.node("Transpose", [dy], perm=list(NCHW))[0]
    y = ctx.node("ConvTranspose", [x, w], kernel_shape=[kh, kw], strides=list(strides),
                 dilations=list(dil), pads=befores + afters,
                 output_padding=outpad if any(outpad) else None)[0]
    ctx.node("Transpose", [y], _out(k), perm=list(NHWC))


# ============================================================================ pooling
def _pool(ctx: Ctx, k: TracedKernel, op: str) -> None:
    from ..ops.pooling import pool_geometry
    if len(k.in_shapes[0]) != 4:
        raise unsupported(k, "only 2-D pooling")
    if k.attrs.get("dim_rounding_mode") not in (None, "floor"):
        raise unsupported(k, f"dim_rounding_mode {k.attrs['dim_rounding_mode']!r}")
    _float_in(k)
    in_sp = tuple(k.in_shapes[0][1:3])
    fs, st = list(k.attrs["filter_size"]), list(k.attrs["strides"])
    outs, befores = pool_geometry(in_sp, fs, st, k.attrs["pad"], k.attrs.get("dim_rounding_mode"))
    if tuple(outs) != tuple(k.out_shapes[0][1:3]):
        raise unsupported(k, f"pool geometry {outs} != traced output {k.out_shapes[0]}")
    afters = []
    for n, f, s, b, o in zip(in_sp, fs, st, befores, outs):
        a = max((o - 1) * s + f - n - b, 0)
        if (n + b + a - f) // s + 1 != o:
            raise unsupported(k, f"padding of the pooling window (out {o})")
        afters.append(int(a))
    x = ctx.node("Transpose", [k.inputs[0]], perm=list(NCHW))[0]
    extra = {"count_include_pad": 0} if op == "AveragePool" else {}
    y = ctx.node(op, [x], kernel_shape=fs, strides=st, pads=[*map(int, befores), *afters],
                 **extra)[0]
    ctx.node("Transpose", [y], _out(k), perm=list(NHWC))


@converter("MaxPool")
def _max_pool(ctx: Ctx, k: TracedKernel) -> None:
    _pool(ctx, k, "MaxPool")


@converter("AvgPool")
def _avg_pool(ctx: Ctx, k: TracedKernel) -> None:
    _pool(ctx, k, "AveragePool")


@converter("LRN")
def _lrn(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    if len(k.in_shapes[0]) != 4:
        raise unsupported(k, "only rank-4 inputs")
    r = int(k.attrs.get("depth_radius", 5))
    size = 2 * r + 1
    x = ctx.node("Transpose", k.inputs, perm=list(NCHW))[0]
    y = ctx.node("LRN", [x], size=size, alpha=float(k.attrs.get("alpha", 1.0)) * size,
                 beta=float(k.attrs.get("beta", 0.5)), bias=float(k.attrs.get("bias", 1.0)))[0]
    ctx.node("Transpose", [y], _out(k), perm=list(NHWC))


# ============================================================================ normalization
@converter("FusedBatchNorm")
def _batch_norm(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    x, mean, var, *rest = k.inputs
    it = iter(rest)
    offset = next(it) if k.attrs.get("has_offset") else None
    scale = next(it) if k.attrs.get("has_scale") else None
    eps = float(k.attrs.get("variance_epsilon", 0.001))
    dt = _np_dtype(k.in_dtypes[0])
    vals = [ctx.value(n) if n is not None else None for n in (mean, var, offset, scale)]
    if all(v is not None or n is None for v, n in zip(vals, (mean, var, offset, scale))):
        m, v, o, s = vals
        inv = 1.0 / np.sqrt(v.astype(np.float64) + eps)
        if s is not None:
            inv = inv * s.astype(np.float64)
        t = -m.astype(np.float64) * inv
        if o is not None:
            t = t + o.astype(np.float64)
        y = ctx.node("Mul", [x, ctx.const(inv.astype(dt), hint="bn_s")])[0]
        ctx.node("Add", [y, ctx.const(t.astype(dt), hint="bn_t")], _out(k))
        return
    d = ctx.node("Sub", [x, mean])[0]
    den = ctx.node("Sqrt", [ctx.node("Add", [var, ctx.const(eps, dt)])[0]])[0]
    y = ctx.node("Div", [d, den])[0]
    if scale is not None:
        y = ctx.node("Mul", [y, scale])[0]
    if offset is not None:
        y = ctx.node("Add", [y, offset])[0]
    ctx.node("Identity", [y], _out(k))


@converter("Softmax")
def _softmax(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    ctx.node("Softmax", k.inputs, _out(k), axis=int(k.attrs["dim"]))


@converter("LogSoftmax")
def _log_softmax(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    ctx.node("LogSoftmax", k.inputs, _out(k), axis=int(k.attrs["axis"]))


# ============================================================================ reductions
_REDUCE = {"Sum": "ReduceSum", "Mean": "ReduceMean", "Max": "ReduceMax", "Min": "ReduceMin",
           "Prod": "ReduceProd"}


@converter(*_REDUCE)
def _reduce(ctx: Ctx, k: TracedKernel) -> None:
    dt = k.in_dtypes[0]
    if dt == "bool" or (k.name in ("Mean", "Sum", "Prod") and dt not in _FLOATS):
        raise unsupported(k, f"{dt} input")
    axes = [int(a) for a in k.attrs["axis"]]
    keep = 1 if k.attrs.get("keep_dims") else 0
    if not axes:
        ctx.node("Identity", k.inputs, _out(k))
    elif k.name == "Sum":  # opset 13+: axes is an input
        ctx.node("ReduceSum", [k.inputs[0], ctx.ints(axes)], _out(k), keepdims=keep)
    else:
        ctx.node(_REDUCE[k.name], k.inputs, _out(k), axes=axes, keepdims=keep)


@converter("ArgMax", "ArgMin")
def _arg(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    y = ctx.node(k.name, k.inputs, axis=int(k.attrs["axis"]), keepdims=0)
    ctx.node("Cast", y, _out(k), to=_onnx_type(k.out_dtypes[0]))


@converter("Cumsum")
def _cumsum(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    ctx.node("CumSum", [k.inputs[0], ctx.const(int(k.attrs["axis"]), np.int64)], _out(k),
             exclusive=int(bool(k.attrs.get("exclusive"))),
             reverse=int(bool(k.attrs.get("reverse"))))


@converter("TopK")
def _top_k(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    vals, idx = ctx.node("TopK", [k.inputs[0], ctx.ints([int(k.attrs["k"])])], n_out=2,
                         axis=-1, largest=1, sorted=1)
    ctx.node("Identity", [vals], k.outputs[0])
    ctx.node("Cast", [idx], k.outputs[1], to=_onnx_type(k.out_dtypes[1]))


@converter("Einsum")
def _einsum(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    ctx.node("Einsum", k.inputs, _out(k), equation=k.attrs["equation"])


# ============================================================================ shapes
@converter("Reshape")
def _reshape(ctx: Ctx, k: TracedKernel) -> None:
    ctx.node("Reshape", [k.inputs[0], ctx.ints(k.out_shapes[0])], _out(k))


@converter("ExpandDims", "Squeeze")
def _expand_squeeze(ctx: Ctx, k: TracedKernel) -> None:
    ctx.node("Reshape", [k.inputs[0], ctx.ints(k.out_shapes[0])], _out(k))


@converter("Transpose")
def _transpose(ctx: Ctx, k: TracedKernel) -> None:
    ctx.node("Transpose", k.inputs, _out(k), perm=[int(p) for p in k.attrs["perm"]])


@converter("Concat", "ConcatV2")
def _concat(ctx: Ctx, k: TracedKernel) -> None:
    axis = int(k.attrs["axis"])
    if len(k.inputs) == 1:
        ctx.node("Identity", k.inputs, _out(k))
    else:
        ctx.node("Concat", k.inputs, _out(k), axis=axis)


@converter("Pack")
def _pack(ctx: Ctx, k: TracedKernel) -> None:
    axis = int(k.attrs["axis"])
    ax = ctx.ints([axis])
    parts = [ctx.node("Unsqueeze", [x, ax])[0] for x in k.inputs]
    ctx.node("Concat", parts, _out(k), axis=axis)


@converter("Unpack")
def _unpack(ctx: Ctx, k: TracedKernel) -> None:
    axis = int(k.attrs["axis"])
    n = len(k.outputs)
    ax = ctx.ints([axis])
    parts = ctx.node("Split", [k.inputs[0], ctx.ints([1] * n)], n_out=n, axis=axis) if n > 1 \
        else [k.inputs[0]]
    for p, o in zip(parts, k.outputs):
        ctx.node("Squeeze", [p, ax], o)


@converter("SplitV")
def _split(ctx: Ctx, k: TracedKernel) -> None:
    sizes = [int(s) for s in k.attrs["size_splits"]]
    if len(sizes) == 1:
        ctx.node("Identity", k.inputs, k.outputs[0])
        return
    ctx.node("Split", [k.inputs[0], ctx.ints(sizes)], k.outputs, axis=int(k.attrs["axis"]))


@converter("Slice")
def _slice(ctx: Ctx, k: TracedKernel) -> None:
    begin = [int(b) for b in k.attrs["begin"]]
    ends = [b + int(s) for b, s in zip(begin, k.out_shapes[0])]
    ctx.node("Slice", [k.inputs[0], ctx.ints(begin), ctx.ints(ends),
                       ctx.ints(range(len(begin)))], _out(k))


@converter("StridedSlice")
def _strided_slice(ctx: Ctx, k: TracedKernel) -> None:
    begin, end, strides = k.attrs["begin"], k.attrs["end"], k.attrs["strides"]
    ends = [int(e) if e >= 0 else -(2 ** 62) for e in end]  # -1 with a negative stride: to 0
    y = ctx.node("Slice", [k.inputs[0], ctx.ints(begin), ctx.ints(ends),
                           ctx.ints(range(len(begin))), ctx.ints(strides)])[0]
    ctx.node("Reshape", [y, ctx.ints(k.out_shapes[0])], _out(k))


@converter("Reverse")
def _reverse(ctx: Ctx, k: TracedKernel) -> None:
    axes = [int(a) for a in k.attrs["axis"]]
    if not axes:
        ctx.node("Identity", k.inputs, _out(k))
        return
    ctx.node("Slice", [k.inputs[0], ctx.ints([-1] * len(axes)), ctx.ints([-(2 ** 62)] * len(axes)),
                       ctx.ints(axes), ctx.ints([-1] * len(axes))], _out(k))


@converter("Tile")
def _tile(ctx: Ctx, k: TracedKernel) -> None:
    ctx.node("Tile", [k.inputs[0], ctx.ints(k.attrs["reps"])], _out(k))


@converter("BroadcastTo")
def _broadcast_to(ctx: Ctx, k: TracedKernel) -> None:
    ctx.node("Expand", [k.inputs[0], ctx.ints(k.out_shapes[0])], _out(k))


@converter("GatherV2")
def _gather(ctx: Ctx, k: TracedKernel) -> None:
    if int(k.attrs.get("batch_dims", 0)) != 0:
        raise unsupported(k, "batch_dims != 0")
    ctx.node("Gather", k.inputs, _out(k), axis=int(k.attrs["axis"]))


@converter("GatherNd")
def _gather_nd(ctx: Ctx, k: TracedKernel) -> None:
    idx = ctx.node("Cast", [k.inputs[1]], to=_onnx_type("int64"))[0]
    ctx.node("GatherND", [k.inputs[0], idx], _out(k))


@converter("PadV2", "Pad")
def _pad(ctx: Ctx, k: TracedKernel) -> None:
    pairs = [(int(a), int(b)) for a, b in k.attrs["paddings"]]
    if any(a < 0 or b < 0 for a, b in pairs):
        raise unsupported(k, f"negative paddings {pairs}")
    value = ctx.const(k.attrs.get("constant_value", 0), _np_dtype(k.in_dtypes[0]))
    ctx.node("Pad", [k.inputs[0], ctx.ints([a for a, _ in pairs] + [b for _, b in pairs]), value],
             _out(k), mode="constant")


@converter("MirrorPad")
def _mirror_pad(ctx: Ctx, k: TracedKernel) -> None:
    mode = str(k.attrs["mode"]).lower()
    if mode != "reflect":
        raise unsupported(k, f"mode {mode!r} (ONNX opset 17 Pad has reflect only)")
    pairs = [(int(a), int(b)) for a, b in k.attrs["paddings"]]
    ctx.node("Pad", [k.inputs[0], ctx.ints([a for a, _ in pairs] + [b for _, b in pairs])],
             _out(k), mode="reflect")


@converter("DepthToSpace")
def _depth_to_space(ctx: Ctx, k: TracedKernel) -> None:
    if k.attrs.get("data_format", "NHWC") != "NHWC":
        raise unsupported(k, "data_format NCHW")
    x = ctx.node("Transpose", k.inputs, perm=list(NCHW))[0]
    y = ctx.node("DepthToSpace", [x], blocksize=int(k.attrs["block_size"]), mode="DCR")[0]
    ctx.node("Transpose", [y], _out(k), perm=list(NHWC))


@converter("ResizeBilinear", "ResizeNearestNeighbor")
def _resize(ctx: Ctx, k: TracedKernel) -> None:
    _float_in(k)
    ac, hp = bool(k.attrs.get("align_corners")), bool(k.attrs.get("half_pixel_centers"))
    if ac and hp:
        raise unsupported(k, "align_corners and half_pixel_centers together")
    nearest = k.name == "ResizeNearestNeighbor"
    if ac:
        mode = "align_corners"
    elif hp:
        mode = "tf_half_pixel_for_nn" if nearest else "half_pixel"
    else:
        mode = "asymmetric"
    extra = {"nearest_mode": "round_prefer_ceil" if ac else "floor"} if nearest else {}
    x = ctx.node("Transpose", k.inputs, perm=list(NCHW))[0]
    n, h, w, c = k.out_shapes[0]
    y = ctx.node("Resize", [x, "", "", ctx.ints([n, c, h, w])], mode="nearest" if nearest
                 else "linear", coordinate_transformation_mode=mode, **extra)[0]
    ctx.node("Transpose", [y], _out(k), perm=list(NHWC))


# ============================================================================ dtypes
def _onnx_type(dtype: str) -> int:
    from onnx import TensorProto
    table = {"float32": TensorProto.FLOAT, "float64": TensorProto.DOUBLE,
             "float16": TensorProto.FLOAT16, "int32": TensorProto.INT32,
             "int64": TensorProto.INT64, "int16": TensorProto.INT16, "int8": TensorProto.INT8,
             "uint8": TensorProto.UINT8, "uint16": TensorProto.UINT16, "bool": TensorProto.BOOL}
    try:
        return table[dtype]
    except KeyError:
        raise NotImplementedError(f"dtype {dtype} has no ONNX export") from None


def supported_kernels() -> list[str]:
    """The TF kernel names that export to ONNX (some only for some dtypes or attrs)."""
    return sorted(CONVERTERS)
