"""Evaluation ops. Expected values were checked with TF.js 4.22 (cpu backend), except where a
test says it covers a deliberate difference (see ``pytfjs/ops/evaluation.py``)."""
from __future__ import annotations

import asyncio
import math

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close

NAN, INF = math.nan, math.inf


# ===================================================================== topk
def test_topk_basic(tf):
    r = tf.topk(tf.tensor([[1.0, 5.0, 3.0], [4.0, 4.0, 2.0]]), 2)
    assert_close(r.values, [[5, 3], [4, 4]], dtype="float32", shape=(2, 2))
    assert_close(r.indices, [[1, 2], [0, 1]], dtype="int32")
    d = tf.topk(tf.tensor([3, 9, 1]))
    assert d.values.to_list() == [9] and d.indices.to_list() == [1] and d.values.dtype == "int32"
    assert tf.tensor([1.0, 2.0]).topk().indices.to_list() == [1]


def test_topk_tfjs_orders(tf):
    x = tf.tensor([1.0, 2.0, 3.0, 2.0, 2.0, 0.0, 5.0, 1.0])
    r = tf.topk(x, 4)
    assert r.values.to_list() == [5, 3, 2, 2] and r.indices.to_list() == [6, 2, 1, 3]
    u = tf.topk(x, 4, False)  # the order TF.js's selection leaves
    assert u.values.to_list() == [5, 2, 3, 2] and u.indices.to_list() == [6, 1, 2, 3]
    n = tf.topk(tf.tensor([1.0, NAN, 3.0, NAN, 2.0]), 3)
    assert n.values.to_list() == [3, 2, 1] and n.indices.to_list() == [2, 4, 0]
    full = tf.topk(tf.tensor([[3, 1, 2]]), 3, False)
    assert full.indices.to_list() == [[0, 1, 2]]


def test_topk_dtypes_and_empty(tf):
    b = tf.topk(tf.tensor([True, False, True]), 2)
    assert b.values.dtype == "bool" and b.values.to_list() == [True, True]
    assert b.indices.to_list() == [0, 2]
    e = tf.topk(tf.zeros([0, 3]), 2)
    assert e.values.shape == (0, 2) and e.indices.shape == (0, 2)
    z = tf.topk(tf.ones([2, 3]), 0)
    assert z.values.shape == (2, 0) and z.indices.dtype == "int32"


def test_topk_large_matches_selection(tf):
    vals = [((i * 7919) % 1009) / 8.0 - 60 for i in range(1500)]
    x = tf.tensor(vals)
    r = tf.topk(x, 20)
    want = sorted(range(1500), key=lambda i: (-vals[i], i))[:20]
    assert r.indices.to_list() == want
    u = tf.topk(x, 20, False)
    assert sorted(u.indices.to_list()) == sorted(want)


def test_topk_errors(tf):
    with pytest.raises(ValueError, match="rank 1"):
        tf.topk(tf.scalar(1.0))
    with pytest.raises(ValueError, match="<= the last dimension"):
        tf.topk(tf.tensor([1.0, 2.0]), 3)
    with pytest.raises(ValueError, match=">= 0"):
        tf.topk(tf.tensor([1.0, 2.0]), -1)
    with pytest.raises(TypeError, match="string"):
        tf.topk(tf.tensor(["a"]))


def test_topk_grad(tf):
    # beyond TF.js 4.22 (no TopK gradient there): dy goes to the chosen positions
    x = tf.tensor([[1.0, 4.0, 2.0, 3.0], [8.0, 5.0, 7.0, 6.0]])
    g = tf.grad(lambda t: tf.topk(t, 2).values)(x)
    assert_close(g, [[0, 1, 0, 1], [1, 0, 1, 0]])
    check_grads(tf, lambda t: tf.topk(t, 2).values, [x])


# ===================================================================== unique
def test_unique(tf):
    r = tf.unique(tf.tensor([1, 1, 2, 4, 4, 4, 7, 8, 8]))
    assert r.values.to_list() == [1, 2, 4, 7, 8] and r.values.dtype == "int32"
    assert r.indices.to_list() == [0, 0, 1, 2, 2, 2, 3, 4, 4]
    s = tf.unique(tf.tensor(["b", "a", "b", "", "a"]))
    assert s.values.to_list() == ["b", "a", ""] and s.indices.to_list() == [0, 1, 0, 2, 1]
    b = tf.unique(tf.tensor([True, True, False]))
    assert b.values.to_list() == [True, False]


def test_unique_special_values(tf):
    r = tf.unique(tf.tensor([0.0, -0.0, NAN, NAN, 1.0, INF, INF]))
    assert_close(r.values, [0, NAN, 1, INF])
    assert r.indices.to_list() == [0, 0, 1, 1, 2, 3, 3]


def test_unique_axis(tf):
    x = tf.tensor([[1, 2, 1, 2], [3, 4, 3, 5]])
    r = tf.unique(x, 1)
    assert r.values.to_list() == [[1, 2, 2], [3, 4, 5]] and r.indices.to_list() == [0, 1, 0, 2]
    r = tf.unique(tf.tensor([[1, 2], [3, 4], [1, 2]]), -2)
    assert r.values.to_list() == [[1, 2], [3, 4]] and r.indices.to_list() == [0, 1, 0]
    m = tf.unique(tf.tensor([[[1, 1], [2, 2], [1, 1]], [[0, 0], [3, 3], [0, 0]]]), 1)
    assert m.values.shape == (2, 2, 2) and m.indices.to_list() == [0, 1, 0]
    n = tf.unique(tf.tensor([[NAN, 1.0], [NAN, 1.0], [0.0, 1.0]]))
    assert n.indices.to_list() == [0, 0, 1]
    s = tf.unique(tf.tensor([["a", "b"], ["a", "b"], ["a", "c"]]))
    assert s.values.to_list() == [["a", "b"], ["a", "c"]]
    e = tf.unique(tf.zeros([0]))
    assert e.values.shape == (0,) and e.indices.shape == (0,)


def test_unique_errors(tf):
    with pytest.raises(ValueError, match="at least 1D"):
        tf.unique(tf.scalar(1.0))
    with pytest.raises(ValueError, match="out of range"):
        tf.unique(tf.tensor([1, 2]), 1)


# ===================================================================== in_top_k
def test_in_top_k(tf):
    p = tf.tensor([[20.0, 10.0, 40.0, 30.0], [30.0, 50.0, -20.0, 10.0]])
    assert tf.in_top_k(p, tf.tensor([2, 0]), 2).to_list() == [True, True]
    assert tf.in_top_k(p, tf.tensor([3, 0])).to_list() == [False, False]
    ties = tf.tensor([[1.0, 1.0, 1.0, 1.0], [2.0, 1.0, 2.0, 0.0]])
    assert tf.in_top_k(ties, tf.tensor([2, 2]), 2).to_list() == [False, True]
    assert tf.in_top_k(ties, tf.tensor([4, -1]), 4).to_list() == [False, False]
    r = asyncio.run(tf.in_top_k_async(p, tf.tensor([1, 1]), 1))
    assert r.to_list() == [False, True] and r.dtype == "bool"
    with pytest.raises(ValueError, match="'k'"):
        tf.in_top_k(p, tf.tensor([0, 1]), 0)
    with pytest.raises(ValueError, match="rank"):
        tf.in_top_k(tf.tensor([1.0, 2.0]), tf.tensor(0))


# ===================================================================== setdiff1d
def test_setdiff1d(tf):
    out, idx = tf.setdiff1d(tf.tensor([4, 1, 4, 2, 1, 7]), tf.tensor([1, 9]))
    assert out.to_list() == [4, 4, 2, 7] and idx.to_list() == [0, 2, 3, 5]
    out, idx = asyncio.run(tf.setdiff1d_async(tf.tensor([1.5, NAN, 0.0, 2.0, -0.0]),
                                              tf.tensor([NAN, 0.0, 7.0])))
    assert out.to_list() == [1.5, 2.0] and idx.to_list() == [0, 3]
    out, idx = tf.setdiff1d(tf.tensor([1, 1]), tf.tensor([1]))
    assert out.shape == (0,) and idx.dtype == "int32"
    with pytest.raises(TypeError, match="same dtype"):
        tf.setdiff1d(tf.tensor([1]), tf.tensor([1.0]))
    with pytest.raises(ValueError, match="1D"):
        tf.setdiff1d(tf.tensor([[1]]), tf.tensor([1]))


# ===================================================================== confusion_matrix
def test_confusion_matrix(tf):
    cm = tf.math.confusion_matrix(tf.tensor([0, 1, 2, 1, 0]), tf.tensor([0, 2, 2, 1, 0]), 3)
    assert cm.to_list() == [[2, 0, 0], [0, 1, 1], [0, 0, 1]] and cm.dtype == "int32"
    oor = tf.math.confusion_matrix([0, 5, 1, -1], [1, 1, 3, 0], 2)
    assert oor.to_list() == [[0, 1], [0, 0]]
    assert tf.math.confusion_matrix(tf.zeros([0], "int32"), tf.zeros([0], "int32"),
                                    2).to_list() == [[0, 0], [0, 0]]
    with pytest.raises(ValueError, match="number of examples"):
        tf.math.confusion_matrix([0, 1], [0, 1, 1], 2)
    with pytest.raises(ValueError, match="positive integer"):
        tf.math.confusion_matrix([0], [0], 0)


# ===================================================================== search_sorted
def test_search_sorted(tf):
    seq = tf.tensor([[0.0, 3.0, 9.0, 10.0, 10.0], [1.0, 2.0, 3.0, 4.0, 5.0]])
    vals = tf.tensor([[2.0, 4.0, 10.0], [0.0, 2.0, 6.0]])
    assert tf.search_sorted(seq, vals).to_list() == [[1, 2, 3], [0, 1, 5]]
    assert tf.search_sorted(seq, vals, "right").to_list() == [[1, 2, 5], [0, 2, 5]]
    assert tf.lower_bound(seq, vals).to_list() == [[1, 2, 3], [0, 1, 5]]
    assert tf.upper_bound(seq, vals).dtype == "int32"
    sp = tf.search_sorted(tf.tensor([[-INF, 0.0, 1.0, INF]]), tf.tensor([[NAN, -INF, INF, 0.5]]))
    assert sp.to_list() == [[0, 0, 3, 2]]
    sp = tf.upper_bound(tf.tensor([[-INF, 0.0, 1.0, INF]]), tf.tensor([[NAN, -INF, INF, 0.5]]))
    assert sp.to_list() == [[0, 1, 4, 2]]


def test_search_sorted_shapes(tf):
    # Deliberate difference: TF.js returns [1, 4] here (values reshaped to 2-D); TF and its
    # docs give values' shape.
    r = tf.search_sorted(tf.linspace(0, 5, 6), tf.tensor([-1.0, 0.1, 2.5, 5.5]))
    assert r.shape == (4,) and r.to_list() == [0, 1, 3, 6]
    r = tf.search_sorted(tf.tensor([[1, 2], [3, 4]]), tf.tensor([[[1, 3]], [[4, 0]]]))
    assert r.shape == (2, 1, 2) and r.to_list() == [[[0, 2]], [[1, 0]]]
    assert tf.search_sorted(tf.zeros([2, 0]), tf.ones([2, 2])).to_list() == [[0, 0], [0, 0]]
    with pytest.raises(ValueError, match="leading dimensions"):
        tf.search_sorted(tf.zeros([2, 3]), tf.zeros([3, 1]))
    with pytest.raises(ValueError, match="side"):
        tf.search_sorted(tf.zeros([3]), tf.zeros([1]), "middle")


# ===================================================================== bincount
def test_bincount(tf):
    x = tf.tensor([1, 1, 3, 7, 0, 3])
    r = tf.bincount(x, tf.tensor([]), 5)
    assert r.to_list() == [1, 2, 0, 2, 0] and r.dtype == "float32"
    r = tf.bincount(tf.tensor([1, 1, 2, 0]), tf.tensor([5, -2, 3, 1]), 3)
    assert r.to_list() == [1, 3, 3] and r.dtype == "int32"
    w = tf.bincount(tf.tensor([0, 2, 0]), tf.tensor([0.5, 1.25, 2.0]), 3)
    assert_close(w, [2.5, 0, 1.25], dtype="float32")
    assert tf.bincount(x, tf.tensor([]), 0).shape == (0,)
    with pytest.raises(ValueError, match="non-negative"):
        tf.bincount(tf.tensor([1, -1]), tf.tensor([]), 3)
    with pytest.raises(TypeError, match="int32"):
        tf.bincount(tf.tensor([1.0]), tf.tensor([]), 3)
    with pytest.raises(ValueError, match="0-length"):
        tf.bincount(tf.tensor([1, 2]), tf.tensor([1.0]), 3)


def test_dense_bincount(tf):
    x = tf.tensor([[1, 1, 2], [0, 3, 3]])
    r = tf.dense_bincount(x, tf.tensor([], None, "int32"), 4)
    assert r.to_list() == [[0, 2, 1, 0], [1, 0, 0, 2]] and r.dtype == "int32"
    w = tf.dense_bincount(x, tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), 3)
    assert_close(w, [[0, 3, 3], [4, 0, 0]])
    b = tf.dense_bincount(x, tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), 4, True)
    assert_close(b, [[0, 1, 1, 0], [1, 0, 0, 1]], dtype="float32")
    # Deliberate difference: TF.js ignores binary_output for rank-1 x.
    assert tf.dense_bincount(tf.tensor([1, 1, 2]), tf.tensor([]), 4, True).to_list() == \
        [0, 1, 1, 0]
    with pytest.raises(ValueError, match="rank 1 or 2"):
        tf.dense_bincount(tf.zeros([1, 1, 1], "int32"), tf.tensor([]), 2)


# ===================================================================== where / boolean_mask
def test_where_indices(tf):
    c = tf.tensor([[True, False], [True, True]])
    r = tf.where_indices(c)
    assert r.to_list() == [[0, 0], [1, 0], [1, 1]] and r.dtype == "int32"
    assert asyncio.run(tf.where_async(c)).shape == (3, 2)
    assert tf.where_indices(tf.tensor([False, False])).shape == (0, 1)
    assert tf.where_indices(tf.tensor(True)).shape == (1, 0)
    assert tf.where_indices(tf.zeros([0, 3], "bool")).shape == (0, 2)
    assert tf.where_indices([True, False, True]).to_list() == [[0], [2]]
    with pytest.raises(TypeError, match="bool"):
        tf.where_indices(tf.tensor([1.0, 0.0]))


def test_boolean_mask(tf):
    t = tf.tensor([[1, 2], [3, 4], [5, 6]])
    assert tf.boolean_mask(t, tf.tensor([True, False, True])).to_list() == [[1, 2], [5, 6]]
    m2 = tf.boolean_mask(t, tf.tensor([[True, False], [False, True], [True, True]]))
    assert m2.to_list() == [1, 4, 5, 6]
    ax = tf.boolean_mask(tf.reshape(tf.range(0, 8, 1, "int32"), [2, 2, 2]),
                         tf.tensor([False, True]), 1)
    assert ax.to_list() == [[[2, 3]], [[6, 7]]]
    neg = tf.boolean_mask(t, tf.tensor([False, True]), -1)
    assert neg.to_list() == [[2], [4], [6]]
    r = asyncio.run(tf.boolean_mask_async(t, [False, False, False]))
    assert r.shape == (0, 2) and r.dtype == "int32"
    with pytest.raises(ValueError, match="scalar"):
        tf.boolean_mask(t, tf.tensor(True))
    with pytest.raises(ValueError, match="must match"):
        tf.boolean_mask(t, tf.tensor([True, False]))
    with pytest.raises(TypeError, match="bool"):
        tf.boolean_mask(t, tf.tensor([1.0, 0.0, 1.0]))


def test_boolean_mask_grad(tf):
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    mask = tf.tensor([True, False, True])
    g = tf.grad(lambda t: tf.boolean_mask(t, mask))(x)
    assert_close(g, [[1, 1], [0, 0], [1, 1]])
    check_grads(tf, lambda t: tf.boolean_mask(t, mask), [x])
