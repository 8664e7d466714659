"""The TF op set of the graph executor, as data.

Each row maps a TF graph op to a pytfjs op and says where each argument comes from::

    "Conv2D": "conv2d x=0 filter=1 strides=@strides|hw pad=@padding|pad data_format=@data_format ..."

Argument sources: ``N`` node input N (a Tensor); ``N:`` inputs N.. as a list; ``N:-K`` inputs
N..len-K; ``@attr`` a node attribute (decoded from the AttrValue JSON by :mod:`.attrs`); ``#json``
a literal. A ``|conv`` suffix converts the value (``ints``: a tensor to a list of ints; ``num``:
scalar; ``hw``: an NHWC 4-list to [h, w]; ``pad``: TF padding + explicit_paddings; ...). An
argument whose attribute is absent is left out, so the pytfjs default applies.

:func:`make_mapper` turns a row into a callable once per op; the executor calls it with the
node and its input values. Control flow, tensor arrays/lists, hash tables and the fused ops are
written by hand in :mod:`.control`. An op without a row raises an error naming op and node.
"""
from __future__ import annotations

import inspect
import json
from typing import Any, Callable

from ..core.opdef import OPS
from ..core.tensor import Tensor

# --------------------------------------------------------------------------- the table
_UNARY = {
    "Abs": "abs", "ComplexAbs": "abs", "Acos": "acos", "Asin": "asin", "Atan": "atan", "Ceil": "ceil",
    "Cos": "cos", "Cosh": "cosh", "Elu": "elu", "Exp": "exp", "Floor": "floor", "Log": "log",
    "Imag": "imag", "Neg": "neg", "Real": "real", "Relu": "relu", "Relu6": "relu6", "Selu": "selu",
    "Sigmoid": "sigmoid", "Sin": "sin", "Sinh": "sinh", "Sqrt": "sqrt", "Rsqrt": "rsqrt",
    "Square": "square", "Tan": "tan", "Tanh": "tanh", "Sign": "sign", "Round": "round",
    "Expm1": "expm1", "Log1p": "log1p", "Reciprocal": "reciprocal", "Softplus": "softplus",
    "Asinh": "asinh", "Acosh": "acosh", "Atanh": "atanh", "Erf": "erf", "IsNan": "is_nan",
    "IsFinite": "is_finite", "IsInf": "is_inf", "LogicalNot": "logical_not", "ZerosLike": "zeros_like",
    "OnesLike": "ones_like", "FFT": "fft", "IFFT": "ifft", "IRFFT": "irfft", "Diag": "diag",
    "Identity": "clone", "Snapshot": "clone", "StopGradient": "clone",
}
_BINARY = {
    "Add": "add", "AddV2": "add", "BiasAdd": "add", "Sub": "sub", "RealDiv": "div", "Div": "div",
    "DivNoNan": "div_no_nan", "FloorDiv": "floor_div", "Mul": "mul", "Maximum": "maximum",
    "Minimum": "minimum", "Pow": "pow", "SquaredDifference": "squared_difference", "Mod": "mod",
    "FloorMod": "mod", "Atan2": "atan2", "Complex": "complex", "Prelu": "prelu", "Equal": "equal",
    "NotEqual": "not_equal", "Greater": "greater", "GreaterEqual": "greater_equal", "Less": "less",
    "LessEqual": "less_equal", "LogicalAnd": "logical_and", "LogicalOr": "logical_or",
    "BitwiseAnd": "bitwise_and", "BroadcastArgs": "broadcast_args", "LowerBound": "lower_bound",
    "UpperBound": "upper_bound", "GatherNd": "gather_nd", "ListDiff": "setdiff1d",
}
_RED = "x=0 axis=1|ints keep_dims=@keep_dims"
_POOL = "x=0 filter_size=@ksize|hw strides=@strides|hw pad=@padding|pad"
_POOL3 = "x=0 filter_size=@ksize|dhw strides=@strides|dhw pad=@padding|pad"
_CONV = "x=0 filter=1 strides=@strides|hw pad=@padding|pad data_format=@data_format dilations=@dilations|hw"
_BN = "batch_norm x=0 scale=1 offset=2 mean=3 variance=4 variance_epsilon=@epsilon"
_NMS = "boxes=0 scores=1 max_output_size=2|int iou_threshold=3|num score_threshold=4|num"

TABLE: dict[str, str] = {
    **{k: f"{v} _x=0" for k, v in _UNARY.items()},
    "LeakyRelu": "leaky_relu x=0 alpha=@alpha",
    "ClipByValue": "clip_by_value x=0 clip_value_min=1|num clip_value_max=2|num",
    "AddN": "add_n tensors=0:",
    "Select": "where condition=0 a=1 b=2", "SelectV2": "where condition=0 a=1 b=2",
    "Cast": "cast x=0 dtype=@DstT",
    "ExpandDims": "expand_dims x=0 axis=1|int",
    "Squeeze": "squeeze x=0 axis=@squeeze_dims|ints_or_none",
    "Reshape": "reshape x=0 shape=1|ints",
    "Pad": "pad x=0 paddings=1|ints", "PadV2": "pad x=0 paddings=1|ints constant_value=2|num",
    "MirrorPad": "mirror_pad x=0 paddings=1|ints mode=@mode|lower",
    "SpaceToBatchND": "space_to_batch_nd x=0 block_shape=1|ints paddings=2|ints",
    "BatchToSpaceND": "batch_to_space_nd x=0 block_shape=1|ints crops=2|ints",
    "DepthToSpace": "depth_to_space x=0 block_size=@block_size data_format=@data_format",
    "BroadcastTo": "broadcast_to x=0 shape=1|ints",
    "EnsureShape": "ensure_shape x=0 shape=@shape",
    # matrices
    "MatMul": "mat_mul a=0 b=1 transpose_a=@transpose_a transpose_b=@transpose_b",
    "BatchMatMul": "mat_mul a=0 b=1 transpose_a=@adj_x transpose_b=@adj_y",
    "BatchMatMulV2": "mat_mul a=0 b=1 transpose_a=@adj_x transpose_b=@adj_y",
    "BatchMatMulV3": "mat_mul a=0 b=1 transpose_a=@adj_x transpose_b=@adj_y",
    "Transpose": "transpose x=0 perm=1|ints",
    "Einsum": "einsum equation=@equation *=0:",
    "MatrixBandPart": "linalg.band_part a=0 num_lower=1|int num_upper=2|int",
    # reduction
    "Sum": "sum " + _RED, "Mean": "mean " + _RED, "Max": "max " + _RED, "Min": "min " + _RED,
    "Prod": "prod " + _RED, "Any": "any " + _RED, "All": "all " + _RED,
    "EuclideanNorm": "euclidean_norm " + _RED,
    "ArgMax": "arg_max x=0 axis=1|int", "ArgMin": "arg_min x=0 axis=1|int",
    "Cumsum": "cumsum x=0 axis=1|int exclusive=@exclusive reverse=@reverse",
    "Cumprod": "cumprod x=0 axis=1|int exclusive=@exclusive reverse=@reverse",
    "Bincount": "bincount x=0 size=1|int weights=2",
    "DenseBincount": "dense_bincount x=0 size=1|int weights=2 binary_output=@binary_output",
    # convolution / pooling
    "Conv1D": "conv1d x=0 filter=1 stride=@stride pad=@padding|pad data_format=@data_format dilation=@dilation",
    "Conv2D": "conv2d " + _CONV,
    "DepthwiseConv2d": "depthwise_conv2d " + _CONV,
    "DepthwiseConv2dNative": "depthwise_conv2d " + _CONV,
    "Conv2DBackpropInput": "conv2d_transpose x=2 filter=1 output_shape=0|ints strides=@strides|hw pad=@padding|pad",
    "Conv3D": "conv3d x=0 filter=1 strides=@strides|dhw pad=@padding|lower dilations=@dilations|dhw",
    "Dilation2D": "dilation2d x=0 filter=1 strides=@strides|hw pad=@padding|lower dilations=@rates|hw",
    "AvgPool": "avg_pool " + _POOL, "MaxPool": "max_pool " + _POOL,
    "AvgPool3D": "avg_pool3d " + _POOL3, "MaxPool3D": "max_pool3d " + _POOL3,
    "MaxPoolWithArgmax": "max_pool_with_argmax " + _POOL + " include_batch_in_index=@include_batch_in_index",
    # creation
    "Fill": "fill shape=0|ints value=1|num dtype=@T",
    "LinSpace": "linspace start=0|num stop=1|num num=2|int",
    "OneHot": "one_hot indices=0 depth=1|int on_value=2|num off_value=3|num dtype=@T",
    "Ones": "ones shape=0|ints dtype=@T", "Zeros": "zeros shape=0|ints dtype=@T",
    "Range": "range start=0|num stop=1|num step=2|num dtype=@Tidx",
    "RandomUniform": "random_uniform shape=0|ints dtype=@dtype seed=@seed|seed",
    "RandomStandardNormal": "random_standard_normal shape=0|ints dtype=@dtype seed=@seed|seed",
    "RandomUniformInt": "random_uniform_int shape=0|ints minval=1|int maxval=2|int seed=@seed|seed",
    "TruncatedNormal": "truncated_normal shape=0|ints dtype=@dtype seed=@seed|seed",
    "Multinomial": "multinomial logits=0 num_samples=1|int seed=@seed|seed",
    # slice/join
    "ConcatV2": "concat tensors=0:-1 axis=-1|int", "Concat": "concat tensors=1: axis=0|int",
    "Pack": "stack tensors=0: axis=@axis", "Unpack": "unstack x=0 axis=@axis",
    "GatherV2": "gather x=0 indices=1 axis=2|int batch_dims=@batch_dims",
    "Gather": "gather x=0 indices=1",
    "Reverse": "reverse x=0 axis=1|bool_axes", "ReverseV2": "reverse x=0 axis=1|ints",
    "Slice": "slice x=0 begin=1|ints size=2|ints",
    "StridedSlice": ("strided_slice x=0 begin=1|ints end=2|ints strides=3|ints begin_mask=@begin_mask "
                     "end_mask=@end_mask ellipsis_mask=@ellipsis_mask new_axis_mask=@new_axis_mask "
                     "shrink_axis_mask=@shrink_axis_mask"),
    "Tile": "tile x=0 reps=1|ints",
    "Split": "split x=1 num_or_size_splits=@num_split axis=0|int",
    "SplitV": "split x=0 num_or_size_splits=1|ints axis=2|int",
    "ScatterNd": "scatter_nd indices=0 updates=1 shape=2|ints",
    "SparseToDense": "sparse_to_dense sparse_indices=0 output_shape=1|ints sparse_values=2 default_value=3",
    "TensorScatterUpdate": "tensor_scatter_update tensor=0 indices=1 updates=2",
    # evaluation / dynamic
    "TopKV2": "topk x=0 k=1|int sorted=@sorted",
    "Unique": "unique x=0", "UniqueV2": "unique x=0 axis=1|int",
    "Where": "where_indices condition=0|bool_t",
    "NonMaxSuppressionV2": "image.non_max_suppression boxes=0 scores=1 max_output_size=2|int iou_threshold=3|num",
    "NonMaxSuppressionV3": "image.non_max_suppression " + _NMS,
    "NonMaxSuppressionV4": "image.non_max_suppression_padded " + _NMS + " pad_to_max_output_size=@pad_to_max_output_size",
    "NonMaxSuppressionV5": "image.non_max_suppression_with_score " + _NMS + " soft_nms_sigma=5|num",
    # image
    "ResizeBilinear": "image.resize_bilinear images=0 size=1|ints align_corners=@align_corners half_pixel_centers=@half_pixel_centers",
    "ResizeNearestNeighbor": "image.resize_nearest_neighbor images=0 size=1|ints align_corners=@align_corners half_pixel_centers=@half_pixel_centers",
    "CropAndResize": "image.crop_and_resize image=0 boxes=1 box_ind=2 crop_size=3|ints method=@method extrapolation_value=@extrapolation_value",
    "ImageProjectiveTransformV3": "image.transform image=0 transforms=1 output_shape=2|ints fill_value=3|num interpolation=@interpolation|lower fill_mode=@fill_mode|lower",
    # normalization
    "FusedBatchNorm": _BN, "FusedBatchNormV2": _BN, "FusedBatchNormV3": _BN,
    "LRN": "local_response_normalization x=0 depth_radius=@depth_radius bias=@bias alpha=@alpha beta=@beta",
    "Softmax": "softmax logits=0", "LogSoftmax": "log_softmax logits=0",
    # spectral
    "RFFT": "rfft input=0",
    # ragged / sparse / string
    "RaggedGather": "ragged_gather params_nested_splits=0:-2 params_dense_values=-2 indices=-1 output_ragged_rank=@OUTPUT_RAGGED_RANK",
    "RaggedRange": "ragged_range starts=0 limits=1 deltas=2",
    "RaggedTensorToTensor": "ragged_tensor_to_tensor shape=0 values=1 default_value=2 row_partition_tensors=3: row_partition_types=@row_partition_types",
    "SparseFillEmptyRows": "sparse.sparse_fill_empty_rows indices=0 values=1 dense_shape=2 default_value=3",
    "SparseReshape": "sparse.sparse_reshape input_indices=0 input_shape=1 new_shape=2",
    "SparseSegmentSum": "sparse.sparse_segment_sum data=0 indices=1 segment_ids=2",
    "SparseSegmentMean": "sparse.sparse_segment_mean data=0 indices=1 segment_ids=2",
    "StringNGrams": ("string.string_n_grams data=0 data_splits=1 separator=@separator n_gram_widths=@ngram_widths "
                     "left_pad=@left_pad right_pad=@right_pad pad_width=@pad_width "
                     "preserve_short_sequences=@preserve_short_sequences"),
    "StringSplit": "string.string_split input=0 delimiter=1 skip_empty=@skip_empty",
    "StringToHashBucketFast": "string.string_to_hash_bucket_fast input=0 num_buckets=@num_buckets",
    "StaticRegexReplace": "string.static_regex_replace input=0 pattern=@pattern rewrite=@rewrite replace_global=@replace_global",
}
TABLE.update({k: f"{v} _a=0 _b=1" for k, v in _BINARY.items()})
# pytfjs names of the binary ops' second argument differ for a few ops
TABLE.update({
    "Prelu": "prelu x=0 alpha=1", "Complex": "complex real=0 imag=1",
    "LowerBound": "lower_bound sorted_sequence=0 values=1", "UpperBound": "upper_bound sorted_sequence=0 values=1",
    "GatherNd": "gather_nd x=0 indices=1", "BroadcastArgs": "broadcast_args s0=0 s1=1",
})

#: Ops the TF.js converter lists that pytfjs does not run, with the reason.
UNSUPPORTED: dict[str, str] = {
    "SimpleMLCreateModelResource": "TensorFlow Decision Forests ops need the TF-DF WebAssembly runtime (tfjs-tfdf), not part of pytfjs",
    "SimpleMLLoadModelFromPathWithHandle": "TensorFlow Decision Forests ops need the TF-DF WebAssembly runtime (tfjs-tfdf), not part of pytfjs",
    "SimpleMLInferenceOpWithHandle": "TensorFlow Decision Forests ops need the TF-DF WebAssembly runtime (tfjs-tfdf), not part of pytfjs",
}


# --------------------------------------------------------------------------- the mapper
def _host(v: Any) -> Any:
    return v.to_list() if isinstance(v, Tensor) else v


def _ints(v: Any, node: Any) -> Any:
    v = _host(v)
    if isinstance(v, list):
        return [[int(y) for y in x] if isinstance(x, list) else int(x) for x in v]
    return [int(v)] if v is not None else None


def _num(v: Any, node: Any) -> Any:
    v = _host(v)
    while isinstance(v, list):
        v = v[0]
    return v


def _spatial(n: int) -> Callable[[Any, Any], Any]:
    def conv(v: Any, node: Any) -> Any:
        if v is None or len(v) != n + 2:
            return v
        fmt = node.attrs.get("data_format") or ""
        return list(v[2:]) if fmt.startswith("NC") else list(v[1:-1])
    return conv


def _pad(v: Any, node: Any) -> Any:
    v = (v or "VALID").lower()
    if v == "explicit":
        p = node.attrs.get("explicit_paddings") or []
        return [[p[i], p[i + 1]] for i in range(0, len(p), 2)]
    return v


def _bool_axes(v: Any, node: Any) -> list[int]:
    return [i for i, b in enumerate(_host(v)) if b]


CONVERTERS: dict[str, Callable[[Any, Any], Any]] = {
    "ints": _ints, "num": _num, "int": lambda v, n: int(_num(v, n)),
    "lower": lambda v, n: v.lower() if isinstance(v, str) else v,
    "hw": _spatial(2), "dhw": _spatial(3), "pad": _pad, "bool_axes": _bool_axes,
    "ints_or_none": lambda v, n: v if v else None,
    "seed": lambda v, n: v if v else None,
    "bool_t": lambda v, n: v if v.dtype == "bool" else OPS["cast"].fn(v, "bool"),
}


def _source(src: str) -> Callable[[Any, list], tuple[bool, Any]]:
    """A getter ``(node, inputs) -> (present, value)`` for one argument source."""
    if src.startswith("@"):
        key = src[1:]
        return lambda node, ins: (key in node.attrs, node.attrs.get(key))
    if src.startswith("#"):
        lit = json.loads(src[1:])
        return lambda node, ins: (True, lit)
    if ":" in src:
        a, b = src.split(":")
        lo, hi = int(a), (int(b) if b else None)
        return lambda node, ins: (True, list(ins[lo:hi]))
    i = int(src)
    return lambda node, ins: ((i < len(ins)) if i >= 0 else (len(ins) >= -i), ins[i] if -len(ins) <= i < len(ins) else None)


def parse_row(row: str) -> tuple[str, list[tuple[str, Callable, Callable | None]]]:
    op_name, *args = row.split()
    out = []
    for a in args:
        key, src = a.split("=", 1)
        conv = None
        if "|" in src:
            src, cname = src.split("|")
            conv = CONVERTERS[cname]
        out.append((key, _source(src), conv))
    return op_name, out


def resolve_op(op_name: str) -> Callable[..., Any]:
    od = OPS.get(op_name)
    if od is None:
        raise KeyError(f"pytfjs has no op '{op_name}'")
    return od.fn


def make_mapper(row: str) -> Callable[[Any, list], Any]:
    """One generic mapper per table row: collects arguments, converts them, calls the op."""
    op_name, args = parse_row(row)
    fn = resolve_op(op_name)
    params = inspect.signature(fn).parameters
    var_kw = any(p.kind is p.VAR_KEYWORD for p in params.values())
    for key, _, _ in args:
        if key not in ("*",) and key[0] != "_" and key not in params and not var_kw:
            raise TypeError(f"table row for '{op_name}': {op_name}() has no argument '{key}'")

    def run(node: Any, inputs: list) -> Any:
        kwargs: dict[str, Any] = {}
        star: list = []
        pos: list = []
        for key, get, conv in args:
            present, value = get(node, inputs)
            if not present:
                continue
            if conv is not None:
                value = conv(value, node)
            if key == "*":
                star = value
            elif key[0] == "_":
                pos.append(value)
            else:
                kwargs[key] = value
        return fn(*pos, *star, **kwargs)
    run.op_name = op_name  # type: ignore[attr-defined]
    return run


def table_op_name(tf_op: str) -> str | None:
    row = TABLE.get(tf_op)
    return row.split()[0] if row else None
