"""Gradients of the slicing/joining ops and unsorted_segment_sum.

Every gradient is checked numerically (``tests/gradcheck.py``: central differences at float64);
literal expectations come from TF.js 4.22 (``tf.grad`` on the cpu backend), except for
StridedSlice and GatherNd (TF.js has no gradient for them; the values follow TensorFlow's
``StridedSliceGrad``/``scatter_nd``) and for out-of-range segment ids (TF.js throws).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close, skip_if_grad_missing

MINE = {"Concat", "Pack", "Unpack", "SplitV", "Slice", "StridedSlice", "GatherV2", "GatherNd",
        "Tile", "Reverse", "UnsortedSegmentSum", "Identity", "Cast", "Add"}


def _i(tf, values):
    return tf.tensor(values, dtype="int32")


def _second_order(fn):
    """Runs a gradient-of-gradient check; skips while a kernel owned elsewhere (Reshape, PadV2,
    Transpose, ...) has no gradient yet."""
    return skip_if_grad_missing(fn, MINE)


def _adjoint_check(tf, op, x, dy, w):
    """The gradient is linear in dy, so d/d(dy) of sum(grad_x(op)(x, dy) * w) is op(w): a
    gradient of the gradient, which exercises the gradient's own gradients."""
    got = _second_order(lambda: tf.grad(lambda d: tf.grad(op)(x, d))(dy, w))
    want = op(w)
    assert got.shape == want.shape
    assert_close(got, want.to_list())


# ===================================================================== concat
def test_concat_grad_literals(tf):
    a, b, c = tf.ones([2, 1]), tf.ones([2, 2]), tf.ones([2, 1])
    dy = tf.tensor([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]])
    ga, gb, gc = tf.grads(lambda a, b, c: tf.concat([a, b, c], -1))([a, b, c], dy)
    assert_close(ga, [[1], [5]], dtype="float32", shape=(2, 1))
    assert_close(gb, [[2, 3], [6, 7]], shape=(2, 2))
    assert_close(gc, [[4], [8]], shape=(2, 1))


def test_concat_grad_numeric(tf):
    a = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    b = tf.tensor([[5.0], [6.0]])
    check_grads(tf, lambda a, b: tf.concat([a, b], 1), [a, b])
    check_grads(tf, lambda a, b: tf.concat([a, a, b], -1), [a, b])
    check_grads(tf, lambda a: tf.concat([a, a], 0), [a])
    check_grads(tf, lambda a: tf.concat([a], 1), [a])  # a single tensor: Identity


def test_concat_grad_empty_and_mixed(tf):
    e, b = tf.zeros([2, 0]), tf.ones([2, 2])
    dy = tf.tensor([[5.0, 6.0], [7.0, 8.0]])
    ge, gb = tf.grads(lambda e, b: tf.concat([e, b], 1))([e, b], dy)
    assert ge.shape == (2, 0) and ge.dtype == "float32"
    assert_close(gb, [[5, 6], [7, 8]])
    # an int32 input is cast to float32 first; the float input gets its slice of dy
    g = tf.grad(lambda a: tf.concat([tf.tensor([1, 2]), a]))(tf.tensor([3.0]),
                                                            tf.tensor([5.0, 6.0, 7.0]))
    assert_close(g, [7], dtype="float32")


# ===================================================================== stack / unstack
def test_stack_grad(tf):
    xs = [tf.tensor([1.0, 2.0]), tf.tensor([3.0, 4.0]), tf.tensor([5.0, 6.0])]
    gs = tf.grads(lambda a, b, c: tf.stack([a, b, c], -1))(
        xs, tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    for g, want in zip(gs, ([1, 4], [2, 5], [3, 6])):
        assert_close(g, want, dtype="float32", shape=(2,))
    check_grads(tf, lambda a, b: tf.stack([a, b]), xs[:2])
    check_grads(tf, lambda a, b: tf.stack([a, b, a], 1), [tf.ones([2, 3]), tf.zeros([2, 3])])
    check_grads(tf, lambda a: tf.stack([a]), [tf.scalar(2.0)])


def test_unstack_grad(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    g = tf.grad(lambda x: tf.unstack(x, 1)[1])(x, tf.tensor([7.0, 8.0]))
    assert_close(g, [[0, 7, 0], [0, 8, 0]], dtype="float32", shape=(2, 3))
    g = tf.grad(lambda x: tf.unstack(x)[0])(x)
    assert_close(g, [[1, 1, 1], [0, 0, 0]])
    check_grads(tf, lambda x: tf.stack(tf.unstack(x, -1)[::-1], 0), [x])
    check_grads(tf, lambda x: tf.unstack(x, 1)[2], [tf.ones([2, 3, 2])])


# ===================================================================== split
def test_split_grad(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    g = tf.grad(lambda x: tf.split(x, [1, 2], 1)[0])(x, tf.tensor([[7.0], [8.0]]))
    assert_close(g, [[7, 0, 0], [8, 0, 0]], dtype="float32", shape=(2, 3))
    g = tf.grad(lambda x: tf.split(x, [1, -1], -1)[1])(x)
    assert_close(g, [[0, 1, 1], [0, 1, 1]])
    check_grads(tf, lambda x: tf.concat(tf.split(x, 3, 1)[::-1], 0), [x])
    check_grads(tf, lambda x: tf.split(x, [2, 0, 1], 1)[2], [x])
    check_grads(tf, lambda x: tf.split(x, 1)[0], [x])


# ===================================================================== slice
def test_slice_grad_literals(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    g = tf.grad(lambda x: tf.slice(x, [0, 1], [2, 1]))(x, tf.tensor([[10.0], [20.0]]))
    assert_close(g, [[0, 10, 0], [0, 20, 0]], dtype="float32", shape=(2, 3))
    g = tf.grad(lambda x: tf.slice(x, [1, 0, 1], [1, 2, -1]))(
        tf.ones([2, 2, 3]), tf.tensor([[[1.0, 2.0], [3.0, 4.0]]]))
    assert_close(g, [[[0, 0, 0], [0, 0, 0]], [[0, 1, 2], [0, 3, 4]]], shape=(2, 2, 3))


def test_slice_grad_numeric_and_edges(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    check_grads(tf, lambda x: tf.slice(x, [1, 1]), [x])
    check_grads(tf, lambda x: tf.slice(x, 0), [x])  # the whole tensor
    g = tf.grad(lambda x: tf.slice(x, [0, 2], [2, 0]))(x)  # an empty slice
    assert_close(g, [[0, 0, 0], [0, 0, 0]], shape=(2, 3))


# ===================================================================== strided_slice
STRIDED_CASES = [
    # (begin, end, strides, masks)
    ([0, 2], [2, 0], [1, -2], {}),
    ([0, -1], [2, 0], [1, -2], {}),
    ([1], [2], None, {"shrink_axis_mask": 1}),
    ([0, 0], [3, 4], [2, 3], {}),
    ([-1, 0], [0, 4], [-1, 2], {"end_mask": 1}),
    ([0, 1], [0, 3], [1, 1], {"ellipsis_mask": 1}),
    ([0, 0, 1], [1, 0, 3], [1, 1, 1], {"new_axis_mask": 2, "shrink_axis_mask": 1}),
    ([5, 0], [0, 4], [-2, 1], {}),
]


@pytest.mark.parametrize("begin,end,strides,masks", STRIDED_CASES)
def test_strided_slice_grad_numeric(tf, begin, end, strides, masks):
    x = tf.tensor([float(v) for v in range(12)], [3, 4])
    check_grads(tf, lambda x: tf.strided_slice(x, begin, end, strides, **masks), [x])


def test_strided_slice_grad_literals(tf):
    # TensorFlow's StridedSliceGrad (TF.js has no gradient for StridedSlice).
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    g = tf.grad(lambda x: tf.strided_slice(x, [0, 2], [2, 0], [1, -2]))(
        x, tf.tensor([[1.0], [3.0]]))
    assert_close(g, [[0, 0, 1], [0, 0, 3]], dtype="float32", shape=(2, 3))
    x5 = tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
    g = tf.grad(lambda x: tf.strided_slice(x, [5], [0], [-2]))(x5, tf.tensor([1.0, 2.0, 3.0]))
    assert_close(g, [0, 3, 0, 2, 0, 1, 0])
    g = tf.grad(lambda x: tf.strided_slice(x, [1], [7], [3]))(x5, tf.tensor([1.0, 2.0]))
    assert_close(g, [0, 1, 0, 0, 2, 0, 0])
    g = tf.grad(lambda x: tf.strided_slice(x, [4], [2]))(x5)  # begin > end: empty
    assert_close(g, [0] * 7)


def test_getitem_grad(tf):
    x = tf.tensor([float(v) for v in range(24)], [2, 3, 4])
    check_grads(tf, lambda x: x[1, ::-2, 1:], [x])
    check_grads(tf, lambda x: x[..., None, 2], [x])
    check_grads(tf, lambda x: x[:, [2, 0, 2]], [x])
    g = tf.grad(lambda x: x[0, 1])(x)
    assert_close(g, [[[0] * 4, [1] * 4, [0] * 4], [[0] * 4] * 3])


# ===================================================================== gather
def test_gather_grad_literals(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    dy = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    g = tf.grad(lambda x: tf.gather(x, _i(tf, [2, 2, 0]), -1))(x, dy)
    assert_close(g, [[3, 0, 3], [6, 0, 9]], dtype="float32", shape=(2, 3))
    g = tf.grad(lambda x: tf.gather(x, _i(tf, [[0, 2], [2, 1]]), 1))(
        x, tf.tensor([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]))
    assert_close(g, [[1, 4, 5], [5, 8, 13]])
    g = tf.grad(lambda x: tf.gather(x, tf.scalar(1, "int32"), 0))(x, tf.tensor([7.0, 8.0, 9.0]))
    assert_close(g, [[0, 0, 0], [7, 8, 9]])


def test_gather_grad_batch_dims_literals(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    g = tf.grad(lambda x: tf.gather(x, _i(tf, [[0, 2, 2], [1, 1, 0]]), 1, 1))(x, x)
    assert_close(g, [[1, 0, 5], [6, 9, 0]], shape=(2, 3))
    dy = tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], [2, 2, 2])
    g = tf.grad(lambda x: tf.gather(x, _i(tf, [[1, 0], [0, 0]]), 2, 1))(tf.ones([2, 2, 3]), dy)
    assert_close(g, [[[2, 1, 0], [4, 3, 0]], [[11, 0, 0], [15, 0, 0]]], shape=(2, 2, 3))


def test_gather_grad_numeric(tf):
    x = tf.tensor([float(v) / 4 for v in range(30)], [2, 5, 3])
    idx = _i(tf, [4, 0, 4, 1])
    check_grads(tf, lambda x: tf.gather(x, idx, 1), [x])
    check_grads(tf, lambda x: tf.gather(x, _i(tf, [1, 0, 1]), 0), [x])
    check_grads(tf, lambda x: tf.gather(x, _i(tf, [[2, 2], [0, 1]]), -1), [x])
    check_grads(tf, lambda x: tf.gather(x, _i(tf, [[0, 4, 4], [1, 1, 2]]), 1, 1), [x])
    check_grads(tf, lambda x: tf.gather(x, _i(tf, [[2, 0], [1, 1]]), 2, 1), [x])
    idx2 = _i(tf, [[[2, 0], [1, 1], [0, 0], [2, 2], [1, 0]]] * 2)  # batch_dims 2: [2, 5, 2]
    check_grads(tf, lambda x: tf.gather(x, idx2, 2, 2), [x])


def test_gather_grad_empty_and_repeats(tf):
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    g = tf.grad(lambda x: tf.gather(x, tf.tensor([], dtype="int32")))(x)
    assert_close(g, [[0, 0], [0, 0], [0, 0]], dtype="float32", shape=(3, 2))
    g = tf.grad(lambda x: tf.gather(x, [0, 0, 0, 2]))(x)
    assert_close(g, [[3, 3], [0, 0], [1, 1]])


# ===================================================================== gather_nd
def test_gather_nd_grad(tf):
    # TensorFlow: scatter_nd of dy, repeated indices summed (TF.js has no GatherNd gradient).
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    g = tf.grad(lambda x: tf.gather_nd(x, [[1, 0], [1, 0], [0, 2]]))(
        x, tf.tensor([1.0, 2.0, 3.0]))
    assert_close(g, [[0, 0, 3], [3, 0, 0]], dtype="float32", shape=(2, 3))
    g = tf.grad(lambda x: tf.gather_nd(x, [[1], [1]]))(x)
    assert_close(g, [[0, 0, 0], [2, 2, 2]])
    g = tf.grad(lambda x: tf.gather_nd(x, tf.zeros([2, 0], "int32")))(x)  # k = 0
    assert_close(g, [[2, 2, 2], [2, 2, 2]])


def test_gather_nd_grad_numeric(tf):
    x = tf.tensor([float(v) / 2 for v in range(24)], [2, 3, 4])
    check_grads(tf, lambda x: tf.gather_nd(x, [[1, 2, 3], [0, 0, 0], [1, 2, 3]]), [x])
    check_grads(tf, lambda x: tf.gather_nd(x, [[[1, 2]], [[0, 1]]]), [x])
    check_grads(tf, lambda x: tf.gather_nd(x, [[1], [0], [1]]), [x])
    check_grads(tf, lambda x: tf.gather_nd(x, tf.zeros([3, 0], "int32")), [x])


# ===================================================================== tile
def test_tile_grad(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    dy = tf.tensor([float(v) for v in range(36)], [4, 9])
    assert_close(tf.grad(lambda x: tf.tile(x, [2, 3]))(x, dy),
                 [[72, 78, 84], [126, 132, 138]], dtype="float32", shape=(2, 3))
    assert_close(tf.grad(lambda x: tf.tile(x, [0, 3]))(x), [[0, 0, 0], [0, 0, 0]])
    assert_close(tf.grad(lambda x: tf.tile(x, [3]))(tf.tensor([1.0, 2.0]),
                                                    tf.tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])),
                 [9, 12])
    check_grads(tf, lambda x: tf.tile(x, [3, 2]), [x])
    check_grads(tf, lambda x: tf.tile(x, [1, 2]), [x])
    check_grads(tf, lambda x: tf.tile(x, [1, 1]), [x])
    check_grads(tf, lambda x: tf.tile(x, [2, 1, 2]), [tf.ones([1, 2, 2])])
    check_grads(tf, lambda x: tf.tile(x, []), [tf.scalar(3.0)])


# ===================================================================== reverse
def test_reverse_grad(tf):
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    dy = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert_close(tf.grad(lambda x: tf.reverse(x, 1))(x, dy), [[3, 2, 1], [6, 5, 4]],
                 dtype="float32")
    assert_close(tf.grad(lambda x: tf.reverse(x))(x, dy), [[6, 5, 4], [3, 2, 1]])
    assert_close(tf.grad(lambda x: tf.reverse(x, [0, 0]))(x, dy), [[1, 2, 3], [4, 5, 6]])
    check_grads(tf, lambda x: tf.reverse(x, -1), [x])
    check_grads(tf, lambda x: tf.reverse(x, [0, 1]), [x])


# ===================================================================== unsorted_segment_sum
def test_unsorted_segment_sum_grad(tf):
    g = tf.grad(lambda x: tf.unsorted_segment_sum(x, _i(tf, [0, -1, 1, 0]), 2))(
        tf.tensor([1.0, 2.0, 3.0, 4.0]), tf.tensor([5.0, 6.0]))
    assert_close(g, [5, 0, 6, 5], dtype="float32", shape=(4,))
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    g = tf.grad(lambda x: tf.unsorted_segment_sum(x, _i(tf, [2, 0, 2]), 3))(
        x, tf.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
    assert_close(g, [[5, 6], [1, 2], [5, 6]], shape=(3, 2))
    # ids >= num_segments contribute nothing, so their gradient is 0 (TF.js throws here)
    g = tf.grad(lambda x: tf.unsorted_segment_sum(x, _i(tf, [0, 3, 1, 0]), 2))(
        tf.tensor([1.0, 2.0, 3.0, 4.0]), tf.tensor([5.0, 6.0]))
    assert_close(g, [5, 0, 6, 5])


def test_unsorted_segment_sum_grad_numeric(tf):
    x = tf.tensor([float(v) / 3 for v in range(12)], [4, 3])
    check_grads(tf, lambda x: tf.unsorted_segment_sum(x, _i(tf, [1, 0, 1, 5]), 3), [x])
    check_grads(tf, lambda x: tf.unsorted_segment_sum(x, _i(tf, [[0, 1, 0]] * 4), 2), [x])
    g = tf.grad(lambda x: tf.unsorted_segment_sum(x, _i(tf, [0, 1, 0, 1]), 0))(x)
    assert_close(g, [[0, 0, 0]] * 4)


# ===================================================================== second order
SECOND_ORDER = {
    "reverse": (lambda tf, t: tf.reverse(t, 1), [2, 3]),
    "concat": (lambda tf, t: tf.concat([t, t], 1), [2, 6]),
    "stack": (lambda tf, t: tf.stack([t, t]), [2, 2, 3]),
    "split": (lambda tf, t: tf.split(t, [1, 2], 1)[1], [2, 2]),
    "unstack": (lambda tf, t: tf.unstack(t)[1], [3]),
    "slice": (lambda tf, t: tf.slice(t, [0, 1], [2, 2]), [2, 2]),
    "tile": (lambda tf, t: tf.tile(t, [2, 1]), [4, 3]),
    "gather": (lambda tf, t: tf.gather(t, [2, 0, 2], 1), [2, 3]),
    "gather_axis0": (lambda tf, t: tf.gather(t, [1, 1, 0]), [3, 3]),
    "gather_nd": (lambda tf, t: tf.gather_nd(t, [[1, 2], [0, 0]]), [2]),
    "strided_slice": (lambda tf, t: tf.strided_slice(t, [0, 2], [2, 0], [1, -2]), [2, 1]),
    "unsorted_segment_sum": (lambda tf, t: tf.unsorted_segment_sum(t, [1, 1], 3), [3, 3]),
}


@pytest.mark.parametrize("name", sorted(SECOND_ORDER))
def test_gradients_of_gradients(tf, name):
    fn, dy_shape = SECOND_ORDER[name]
    x = tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    w = tf.tensor([[0.5, -1.0, 2.0], [1.5, 3.0, -2.0]])
    _adjoint_check(tf, lambda t: fn(tf, t), x, tf.ones(dy_shape), w)


# ===================================================================== conformance
CHECKER = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "check_ops.py"


@pytest.mark.skipif(not CHECKER.exists(), reason=f"{CHECKER} is absent")
def test_conformance_sample_forward_and_grad_cases():
    ops = ["concat", "split", "gather", "unsorted_segment_sum", "stack", "unstack", "slice",
           "strided_slice", "tile", "reverse", "gather_nd"]
    root = Path(__file__).resolve().parents[2]
    args = [sys.executable, str(CHECKER), "--pythonpath", str(root)]
    for name in ops:
        args += ["--op", name]
    res = subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    assert " 0 failed" in res.stdout
