"""Gradient cases for every differentiable op (``tests/test_gradient_sweep.py`` checks them).

One or more small calls per op in ``OPS`` that is declared differentiable, kernel ops and
composite ops alike. Each case is a function ``fn(tf, *xs) -> Tensor`` of float tensors ``xs``
(only those are differentiated; integer, bool and index arguments are fixed inside ``fn``) plus
the float64 values of ``xs``. The sweep compares ``tf.grads`` with central differences
(``tests/gradcheck.py``).

Two sources:

- **golden**: every ``kind: "grad"`` case in ``tests/goldens/*.jsonl`` (recorded from TF.js),
  decoded with the conformance checker's decoder; float tensors in the arguments that are not
  differentiated are promoted to float64 with the inputs. The golden ``dy`` is not used
  (``check_grads`` draws its own). Cases whose inputs sit on a kink or a singularity on purpose
  (they pin TF.js's convention there, which ``tests/test_goldens.py`` already checks) are left
  out in :data:`GOLDEN_EXCLUDED`, with the reason.
- **hand**: written below, for the ops without (usable) golden gradient cases; arguments as in
  the ops' docstrings and tests.

A case may carry its own tolerances (always with a ``tol_reason``) and may be a strict xfail:
``xfail`` holds the reason, beginning ``"deliberate:"`` for a documented divergence from the true
derivative and ``"bug:"`` for a defect reported to the lead.

:data:`MISDECLARED` lists ops declared ``differentiable=True`` that have nothing to
differentiate; the audit test counts them as covered and checks they are still declared so.
"""
from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDENS = os.path.join(ROOT, "tests", "goldens")


@dataclass(frozen=True)
class GradCase:
    op: str                                  # public op name (a key of OPS)
    label: str                               # unique within the op
    fn: Callable[..., Any]                   # fn(tf, *xs) -> Tensor
    xs: tuple                                # float64 numpy arrays, the differentiated inputs
    rtol: float | None = None
    atol: float | None = None
    eps: float | None = None
    tol_reason: str | None = None            # required when rtol/atol/eps are set
    xfail: str | None = None                 # strict xfail reason ("deliberate: ..." / "bug: ...")
    raises: type = AssertionError            # what the xfail must fail with
    source: str = "hand"

    @property
    def id(self) -> str:
        return f"{self.op}:{self.label}"


#: Ops declared ``differentiable=True`` that take no float tensor at all (report for the lead).
MISDECLARED: dict[str, str] = {}

_TIES = "a window/reduction holds tied maxima (the split of dy between ties is TF.js's " \
        "convention, checked against TF.js by test_goldens; the derivative does not exist)"
_KINK = "an input sits exactly on a kink or jump on purpose (TF.js's convention there is " \
        "checked by test_goldens; the derivative does not exist)"
_XENT = "labels that do not sum to 1 (or differentiated labels): TF.js's custom gradient " \
        "dy*(softmax - labels) / dy*(labels - softmax) is the derivative only for labels " \
        "summing to 1, and never for the labels; covered by the hand cases and the deliberate " \
        "xfail case losses.softmax_cross_entropy:labels_grad"

#: Golden gradient case id -> why it is not a numerical check.
GOLDEN_EXCLUDED: dict[str, str] = {
    "grad/maximum/ties": _TIES, "grad/minimum/ties": _TIES,
    "grad/max/ties": _TIES, "grad/min/ties": _TIES,
    "grad/maxPool/f3_s1_same": _TIES, "grad/maxPool/f3_s2_same": _TIES,
    "grad/maxPool3d/f2_s1_valid": _TIES,
    "grad/relu/at_zero": _KINK, "grad/abs/at_zero": _KINK, "grad/relu6/at_bounds": _KINK,
    "grad/clipByValue/at_bounds": _KINK,
    "grad/relu/no_dy": "x[0] == 0 is relu's kink",
    "grad/clipByValue/main": "x[8] == 1.5 is the upper clip bound",
    "grad/ceil/no_dy": "x[2] == 2 is an integer, where ceil jumps",
    "grad/mod/scalar_rhs_no_dy": "x[4] == b, where mod jumps",
    "grad/pow/zero_base": "base 0 with a fractional exponent: the derivative is infinite and "
                          "x - eps is outside the domain",
    "grad/losses.softmaxCrossEntropy/preds": _XENT,
    "grad/losses.softmaxCrossEntropy/labels_preds_w": _XENT,
    "grad/losses.softmaxCrossEntropy/none": _XENT,
    "grad/losses.softmaxCrossEntropy/smoothing": _XENT,
}

_FLOORDIV = "deliberate: floor_div's gradient is div's, for TF.js compatibility " \
            "(docs/differences.md); the true derivative of a floor is 0"
_CAST32 = "the float32 output rounds at ~6e-8 relative, so a 1e-6 step would measure noise; " \
          "cast is linear, so a large step is exact"
_ERF = "the Erf kernel is TF.js's Abramowitz-Stegun 7.1.26 approximation (|error| < 1.5e-7), " \
       "whose own slope differs from 2/sqrt(pi)*exp(-x^2) by ~1e-7"

#: Golden case id -> overrides (tolerances with their reason, or a strict xfail).
GOLDEN_OVERRIDES: dict[str, dict[str, Any]] = {
    "grad/floorDiv/same": {"xfail": _FLOORDIV},
    "grad/floorDiv/bcast": {"xfail": _FLOORDIV},
    "grad/floorDiv/scalar_rhs_no_dy": {"xfail": _FLOORDIV},
    "grad/cast/float_to_float": {"eps": 1e-2, "rtol": 1e-4, "tol_reason": _CAST32},
    "grad/erf/main": {"atol": 1e-6, "tol_reason": _ERF},
}


# --------------------------------------------------------------------------- golden cases
def _promote(v: Any) -> Any:
    """Float arrays among a golden's fixed arguments join the float64 inputs."""
    if isinstance(v, np.ndarray) and v.dtype.kind == "f":
        return v.astype(np.float64)
    if isinstance(v, list):
        return [_promote(x) for x in v]
    if isinstance(v, dict):
        return {k: _promote(x) for k, x in v.items()}
    return v


def _golden_fn(case: dict) -> Callable[..., Any]:
    from tests.conformance.check_ops import decode_arg, resolve_op, select_output

    def fn(tf: Any, *xs: Any) -> Any:
        op = resolve_op(tf, case["py_name"], case.get("py_aliases"))
        args = _promote(decode_arg(case["args"], tf, xs=xs))
        kwargs = _promote(decode_arg(case.get("kwargs") or {}, tf, xs=xs))
        return select_output(op(*args, **kwargs), case["grad"].get("select"))
    return fn


def golden_cases() -> list[GradCase]:
    from tests.conformance.check_ops import decode_tensor
    out = []
    for path in sorted(glob.glob(os.path.join(GOLDENS, "*.jsonl"))):
        with open(path) as fh:
            for line in fh:
                case = json.loads(line)
                if case.get("kind") != "grad" or case["id"] in GOLDEN_EXCLUDED:
                    continue
                g = case["grad"]
                xs = [decode_tensor(x).astype(np.float64) for x in g["xs"]]
                if g["mode"] == "grad":
                    xs = xs[:1]
                label = "golden/" + case["id"].split("/", 2)[-1]
                out.append(GradCase(case["py_name"], label, _golden_fn(case), tuple(xs),
                                    source="golden", **GOLDEN_OVERRIDES.get(case["id"], {})))
    return out


# --------------------------------------------------------------------------- hand cases
_RNG = np.random.default_rng(20240601)


def r(*shape: int, lo: float = -1.0, hi: float = 1.0) -> np.ndarray:
    """Distinct float64 values in ``[lo, hi)`` (distinct: no ties for max-like ops)."""
    n = int(np.prod(shape)) if shape else 1
    v = lo + (hi - lo) * (np.arange(n) + _RNG.uniform(0.2, 0.8, n)) / n
    return _RNG.permutation(v).reshape(shape)


def a(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


_CPLX = "complex64 is the only complex dtype, so the forward pass rounds to float32 (~6e-8 " \
        "relative): a 1e-3 step and 1e-3 tolerances"
_C = {"eps": 1e-3, "rtol": 1e-3, "atol": 1e-4, "tol_reason": _CPLX}


def _ri(tf: Any, z: Any) -> Any:
    """A complex tensor as one real tensor: its real and imaginary parts side by side."""
    return tf.concat([tf.real(z), tf.imag(z)], -1)


def _lstm(tf: Any, kernel: Any, bias: Any) -> Callable[..., Any]:
    return lambda d, c, h: tf.basic_lstm_cell(1.0, kernel, bias, d, c, h)


def _i32(tf: Any, v: Any) -> Any:
    return tf.tensor(v, None, "int32")


HAND: list[GradCase] = [
    # ---- complex numbers (complex64 only)
    GradCase("complex", "sum", lambda tf, x, y: _ri(tf, tf.add(tf.complex(x, y),
                                                               tf.complex(y, x))),
             (r(2, 3), r(2, 3)), **_C),
    GradCase("real", "of_fft", lambda tf, x, y: tf.real(tf.fft(tf.complex(x, y))),
             (r(4), r(4)), **_C),
    GradCase("real", "of_real", lambda tf, x: tf.real(x), (r(2, 2),)),
    GradCase("imag", "of_fft", lambda tf, x, y: tf.imag(tf.fft(tf.complex(x, y))),
             (r(4), r(4)), **_C),
    GradCase("imag", "of_real_is_zero", lambda tf, x: tf.add(tf.imag(x), x), (r(3),)),
    # Complex gradients of the arithmetic ops (bugs, reported to the lead).
    GradCase("mul", "complex64", lambda tf, x, y: _ri(tf, tf.mul(tf.complex(x, y),
                                                                 tf.complex(y, x))),
             (r(3), r(3)), **_C),
    GradCase("mat_mul", "complex64",
             lambda tf, x, y: _ri(tf, tf.mat_mul(tf.reshape(tf.complex(x, y), [1, 3]),
                                                 tf.reshape(tf.complex(y, x), [3, 1]))),
             (r(3), r(3)), **_C),
    GradCase("sub", "complex64", lambda tf, x, y: _ri(tf, tf.sub(tf.complex(x, y),
                                                                 tf.complex(y, x))),
             (r(3), r(3)), **_C),
    GradCase("abs", "complex64", lambda tf, x, y: tf.abs(tf.complex(x, y)),
             (r(3), r(3)), **_C),
    GradCase("fft", "1d", lambda tf, x, y: _ri(tf, tf.fft(tf.complex(x, y))),
             (r(2, 4), r(2, 4)), **_C),
    GradCase("ifft", "1d", lambda tf, x, y: _ri(tf, tf.ifft(tf.complex(x, y))),
             (r(2, 4), r(2, 4)), **_C),
    GradCase("rfft", "even", lambda tf, x: _ri(tf, tf.rfft(x)), (r(2, 4),), **_C),
    GradCase("rfft", "odd_fft_length", lambda tf, x: _ri(tf, tf.rfft(x, 5)), (r(2, 4),), **_C),
    GradCase("irfft", "from_3", lambda tf, x, y: tf.irfft(tf.complex(x, y)),
             (r(2, 3), r(2, 3)), **_C),
    GradCase("signal.stft", "frames", lambda tf, x: _ri(tf, tf.signal.stft(x, 4, 2)),
             (r(8),), **_C),
    # ---- transformations
    GradCase("mirror_pad", "reflect", lambda tf, x: tf.mirror_pad(x, [[1, 1], [2, 1]], "reflect"),
             (r(3, 4),)),
    GradCase("mirror_pad", "symmetric",
             lambda tf, x: tf.mirror_pad(x, [[2, 1], [0, 2]], "symmetric"), (r(3, 4),)),
    GradCase("depth_to_space", "nhwc", lambda tf, x: tf.depth_to_space(x, 2), (r(1, 2, 2, 8),)),
    GradCase("depth_to_space", "nchw", lambda tf, x: tf.depth_to_space(x, 2, "NCHW"),
             (r(1, 8, 2, 2),)),
    GradCase("cumprod", "axis1", lambda tf, x: tf.cumprod(x, 1), (r(2, 4, lo=0.5, hi=1.5),)),
    GradCase("cumprod", "exclusive_reverse",
             lambda tf, x: tf.cumprod(x, 0, exclusive=True, reverse=True),
             (r(3, 2, lo=-1.5, hi=-0.5),)),
    GradCase("strided_slice", "stride2", lambda tf, x: tf.strided_slice(x, [0, 1], [3, 4], [2, 1]),
             (r(3, 4),)),
    GradCase("strided_slice", "negative_stride_shrink",
             lambda tf, x: tf.strided_slice(x, [2, -1], [0, 0], [-1, -2], shrink_axis_mask=0,
                                            end_mask=1), (r(3, 4),)),
    GradCase("gather_nd", "repeated", lambda tf, x: tf.gather_nd(x, _i32(tf, [[0, 1], [2, 0],
                                                                             [0, 1]])),
             (r(3, 2),)),
    GradCase("gather_nd", "slices", lambda tf, x: tf.gather_nd(x, _i32(tf, [[1], [0], [1]])),
             (r(2, 3),)),
    GradCase("topk", "values", lambda tf, x: tf.topk(x, 2).values, (r(2, 5),)),
    GradCase("boolean_mask", "axis0",
             lambda tf, x: tf.boolean_mask(x, tf.tensor([True, False, True, True])), (r(4, 2),)),
    GradCase("boolean_mask", "axis1",
             lambda tf, x: tf.boolean_mask(x, tf.tensor([False, True, True]), 1), (r(2, 3, 2),)),
    # ensure_shape returns its input itself (as TF.js), so it adds no tape node: tf.grad of
    # ``x -> ensure_shape(x)`` alone raises "Cannot compute gradient" (as in TF.js).
    GradCase("ensure_shape", "partial",
             lambda tf, x: tf.ensure_shape(tf.mul(x, 1.5), [2, None]), (r(2, 3),)),
    GradCase("diag", "vector", lambda tf, x: tf.diag(x), (r(3),)),
    GradCase("diag", "matrix", lambda tf, x: tf.diag(x), (r(2, 2),)),
    GradCase("einsum", "matmul", lambda tf, x, y: tf.einsum("ij,jk->ik", x, y),
             (r(2, 3), r(3, 2))),
    GradCase("einsum", "batch_outer_sum", lambda tf, x, y: tf.einsum("bi,bj->ij", x, y),
             (r(2, 3), r(2, 2))),
    # ---- slicing/joining by rank
    GradCase("concat1d", "two", lambda tf, x, y: tf.concat1d([x, y]), (r(2), r(3))),
    GradCase("concat3d", "axis2", lambda tf, x, y: tf.concat3d([x, y], 2), (r(1, 2, 2),
                                                                             r(1, 2, 1))),
    GradCase("concat4d", "axis1", lambda tf, x, y: tf.concat4d([x, y], 1), (r(1, 1, 2, 2),
                                                                             r(1, 2, 2, 2))),
    GradCase("slice1d", "middle", lambda tf, x: tf.slice1d(x, 1, 3), (r(5),)),
    GradCase("slice3d", "box", lambda tf, x: tf.slice3d(x, [0, 1, 1], [2, 1, 2]), (r(2, 3, 3),)),
    GradCase("slice4d", "box", lambda tf, x: tf.slice4d(x, [0, 1, 0, 1], [1, 1, 2, 1]),
             (r(1, 2, 2, 2),)),
    GradCase("reverse1d", "all", lambda tf, x: tf.reverse1d(x), (r(4),)),
    GradCase("reverse3d", "axes", lambda tf, x: tf.reverse3d(x, [0, 2]), (r(2, 2, 3),)),
    GradCase("reverse4d", "axis", lambda tf, x: tf.reverse4d(x, 3), (r(1, 2, 2, 2),)),
    GradCase("pad1d", "const", lambda tf, x: tf.pad1d(x, [1, 2], 0.5), (r(3),)),
    GradCase("pad3d", "zeros", lambda tf, x: tf.pad3d(x, [[0, 1], [1, 0], [1, 1]]), (r(1, 2, 2),)),
    GradCase("pad4d", "zeros", lambda tf, x: tf.pad4d(x, [[0, 0], [1, 0], [0, 1], [0, 0]]),
             (r(1, 2, 2, 1),)),
    # ---- scatter / sparse
    GradCase("scatter_nd", "duplicates",
             lambda tf, u: tf.scatter_nd(_i32(tf, [[0], [2], [0]]), u, [4, 3]), (r(3, 3),)),
    GradCase("tensor_scatter_update", "rows",
             lambda tf, t, u: tf.tensor_scatter_update(t, _i32(tf, [[1], [3]]), u),
             (r(4, 2), r(2, 2))),
    GradCase("sparse_to_dense", "vector",
             lambda tf, v: tf.sparse_to_dense(_i32(tf, [0, 2, 3]), v, [5]), (r(3),)),
    GradCase("sparse.sparse_segment_sum", "rows",
             lambda tf, x: tf.sparse.sparse_segment_sum(x, _i32(tf, [0, 1, 3, 1]),
                                                        _i32(tf, [0, 0, 1, 2])), (r(4, 2),)),
    GradCase("sparse.sparse_segment_mean", "rows",
             lambda tf, x: tf.sparse.sparse_segment_mean(x, _i32(tf, [0, 1, 3, 1]),
                                                         _i32(tf, [0, 0, 1, 2])), (r(4, 2),)),
    # ---- convolution / pooling / image
    GradCase("conv3d_transpose", "valid",
             lambda tf, x, w: tf.conv3d_transpose(x, w, [1, 3, 3, 3, 2], 1, "valid"),
             (r(1, 2, 2, 2, 2), r(2, 2, 2, 2, 2))),
    GradCase("conv3d_transpose", "same_stride2",
             lambda tf, x, w: tf.conv3d_transpose(x, w, [1, 4, 4, 2, 1], 2, "same"),
             (r(1, 2, 2, 1, 2), r(2, 2, 2, 1, 2))),
    GradCase("max_pool_with_argmax", "valid",
             lambda tf, x: tf.max_pool_with_argmax(x, 2, 2, "valid").result, (r(1, 4, 4, 2),)),
    GradCase("max_pool_with_argmax", "same_batch2",
             lambda tf, x: tf.max_pool_with_argmax(x, 3, 2, "same", True).result,
             (r(2, 3, 3, 1),)),
    GradCase("image.crop_and_resize", "bilinear",
             lambda tf, x: tf.image.crop_and_resize(x, tf.tensor([[0.1, 0.15, 0.8, 0.9],
                                                                  [0.3, 0.0, 0.95, 0.6]]),
                                                    _i32(tf, [0, 1]), [3, 2]),
             (r(2, 4, 4, 1),)),
    GradCase("image.crop_and_resize", "nearest",
             lambda tf, x: tf.image.crop_and_resize(x, tf.tensor([[0.1, 0.15, 0.8, 0.9]]),
                                                    _i32(tf, [0]), [3, 3], "nearest"),
             (r(1, 4, 4, 2),)),
    GradCase("image.flip_left_right", "batch", lambda tf, x: tf.image.flip_left_right(x),
             (r(2, 2, 3, 1),)),
    GradCase("image.grayscale_to_rgb", "hw1", lambda tf, x: tf.image.grayscale_to_rgb(x),
             (r(2, 2, 1),)),
    GradCase("image.rgb_to_grayscale", "hw3", lambda tf, x: tf.image.rgb_to_grayscale(x),
             (r(1, 2, 2, 3),)),
    # ---- RNN
    GradCase("multi_rnn_cell", "two_cells",
             lambda tf, d, c0, h0, k0, k1: tf.multi_rnn_cell(
                 [_lstm(tf, k0, tf.zeros([8], "float64")), _lstm(tf, k1, tf.zeros([8], "float64"))],
                 d, [c0, c0], [h0, h0])[1][1],
             (r(1, 2), r(1, 2), r(1, 2), r(4, 8), r(4, 8))),
    # ---- replacements for golden cases left out (kinks, ties, label conventions)
    GradCase("losses.softmax_cross_entropy", "onehot",
             lambda tf, x: tf.losses.softmax_cross_entropy(
                 tf.tensor([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]], None, "float64"), x),
             (r(2, 3, lo=-2, hi=2),)),
    GradCase("losses.softmax_cross_entropy", "soft_labels_smoothing_none",
             lambda tf, x: tf.losses.softmax_cross_entropy(
                 tf.tensor([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]], None, "float64"), x, None, 0.1,
                 tf.Reduction.NONE),
             (r(2, 3, lo=-2, hi=2),)),
    GradCase("losses.softmax_cross_entropy", "labels_grad",
             lambda tf, y, x: tf.losses.softmax_cross_entropy(y, x),
             (a([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]]), r(2, 3, lo=-2, hi=2)),
             xfail="deliberate: TF.js's custom gradient gives dy*(labels - softmax) for the "
                   "labels; the derivative is -dy*log_softmax(logits) (pytfjs keeps TF.js's, "
                   "see pytfjs/ops/losses.py)"),
    GradCase("floor_div", "off_jumps", lambda tf, x, y: tf.floor_div(x, y),
             (a([0.7, 2.3, -1.4]), a([1.5, 1.1, 0.9])), xfail=_FLOORDIV),
    GradCase("clip_by_value", "inside_and_outside", lambda tf, x: tf.clip_by_value(x, -0.5, 0.6),
             (a([-0.9, -0.45, 0.1, 0.55, 0.8, -0.2]),)),
    GradCase("max_pool", "distinct_same", lambda tf, x: tf.max_pool(x, 3, 2, "same"),
             (r(1, 5, 5, 2),)),
    GradCase("max_pool3d", "distinct_valid", lambda tf, x: tf.max_pool3d(x, 2, 1, "valid"),
             (r(1, 3, 3, 3, 1),)),
]


def all_cases() -> list[GradCase]:
    return golden_cases() + HAND
