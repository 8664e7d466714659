"""Tests for pytfjs/ops/misc.py (values checked against TF.js 4.22 where noted)."""
from __future__ import annotations

import math

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close


# ----------------------------------------------------------------------------- meshgrid
def test_meshgrid_xy_ij(tf) -> None:
    x, y = tf.tensor([1, 2, 3]), tf.tensor([4, 5])
    X, Y = tf.meshgrid(x, y)
    assert_close(X, [[1, 2, 3], [1, 2, 3]], dtype="int32")
    assert_close(Y, [[4, 4, 4], [5, 5, 5]], dtype="int32")
    I, J = tf.meshgrid(x, y, indexing="ij")
    assert_close(I, [[1, 1], [2, 2], [3, 3]])
    assert_close(J, [[4, 5], [4, 5], [4, 5]])
    assert tf.meshgrid() == []
    (only,) = tf.meshgrid(x)
    assert only is x
    tf.dispose([x, y, X, Y, I, J])


def test_meshgrid_raw_lists_are_float32(tf) -> None:
    X, Y = tf.meshgrid([1, 2], [3])
    assert X.dtype == Y.dtype == "float32" and X.shape == (1, 2)
    tf.dispose([X, Y])
    with pytest.raises(TypeError, match="meshgrid"):
        tf.meshgrid([1], [2], indexing="yx")


def test_meshgrid_grad(tf) -> None:
    y = tf.tensor([0.5, -1.0])
    check_grads(tf, lambda x: tf.meshgrid(x, y)[0], [tf.tensor([1.0, 2.0, 3.0])])
    x = tf.tensor([0.5, -1.0, 2.0])
    check_grads(tf, lambda yy: tf.meshgrid(x, yy, indexing="ij")[1], [tf.tensor([1.0, 2.0])])
    tf.dispose([x, y])


# ----------------------------------------------------------------------------- moving_average
def test_moving_average(tf) -> None:
    # TF.js: movingAverage([1, 2], [3, 5], 0.9, 2) = [2.0526314, 3.5789473]
    r = tf.moving_average([1.0, 2.0], [3.0, 5.0], 0.9, 2)
    assert_close(r, [2.052631378, 3.578947306], dtype="float32")
    r2 = tf.moving_average([1.0, 2.0], [3.0, 5.0], 0.9, None, False)
    assert_close(r2, [1.2, 2.3])
    tf.dispose([r, r2])
    with pytest.raises(ValueError, match="step is required"):
        tf.moving_average([1.0], [2.0], 0.5)
    with pytest.raises(Exception, match="shape mismatch"):
        tf.moving_average([1.0], [2.0, 3.0], 0.5, 1)


def test_moving_average_grad(tf) -> None:
    check_grads(tf, lambda v, x: tf.moving_average(v, x, 0.75, 2),
                [tf.tensor([1.0, -2.0]), tf.tensor([0.5, 3.0])])
    v, x = tf.tensor([1.0, -2.0]), tf.tensor([0.5, 3.0])
    check_grads(tf, lambda d: tf.moving_average(v, x, d, 3), [tf.scalar(0.5)])
    tf.dispose([v, x])


# ----------------------------------------------------------------------------- random
def test_dropout_seeded_matches_tfjs(tf) -> None:
    y = tf.dropout(tf.ones([2, 4]), 0.5, None, 3)
    assert_close(y, [[0, 0, 0, 2], [0, 0, 0, 2]], dtype="float32")  # TF.js values
    z = tf.dropout(tf.ones([2, 4]), 0.5, [1, 4], 3)
    assert_close(z, [[0, 0, 0, 2], [0, 0, 0, 2]])
    tf.dispose([y, z])


def test_dropout_rules(tf) -> None:
    x = tf.tensor([1.0, 2.0, 3.0])
    y = tf.dropout(x, 0)
    assert y is not x and y.to_list() == [1.0, 2.0, 3.0]
    u = tf.dropout(tf.ones([200]), 0.25)
    vals = set(u.to_list())
    assert all(v == 0.0 or abs(v - 4 / 3) < 1e-6 for v in vals)
    n = tf.dropout(tf.ones([2, 3]), 0.5, [None, 3], 1)
    assert n.shape == (2, 3)
    tf.dispose([x, y, u, n])
    with pytest.raises(TypeError, match="floating point"):
        tf.dropout(tf.tensor([1, 2]), 0.5)
    with pytest.raises(ValueError, match="rate"):
        tf.dropout(tf.ones([2]), 1.0)


def test_dropout_grad(tf) -> None:
    check_grads(tf, lambda x: tf.dropout(x, 0.5, None, 3), [tf.tensor([[1.0, 2.0], [3.0, 4.0]])])


def test_multinomial_matches_tfjs(tf) -> None:
    r = tf.multinomial(tf.tensor([[0.1, 0.5, 2.0], [1.0, 1.0, -1.0]]), 5, 42)
    assert_close(r, [[2, 2, 2, 1, 2], [1, 1, 1, 0, 1]], dtype="int32")
    r1 = tf.multinomial([0.2, 0.3, 0.5], 6, 3, True)
    assert r1.to_list() == [1, 1, 0, 2, 0, 1]
    r2 = tf.multinomial(tf.tensor([1, 2, 3]), 4, 3)
    assert r2.to_list() == [2, 2, 0, 2]
    u = tf.multinomial(tf.zeros([3, 4]), 50)
    assert u.shape == (3, 50) and all(0 <= v < 4 for row in u.to_list() for v in row)
    tf.dispose([r, r1, r2, u])
    with pytest.raises(ValueError, match="at least 2 outcomes"):
        tf.multinomial([1.0], 3)
    with pytest.raises(Exception, match="rank"):
        tf.multinomial(tf.zeros([1, 2, 2]), 3)


def test_multinomial_negative_probabilities(tf) -> None:
    # normalized with a non-monotone CDF: the first event with r < cdf (TF.js's linear scan)
    r = tf.multinomial([0.9, -0.8, 0.9], 20, 5, True)
    assert set(r.to_list()) <= {0, 2}
    r.dispose()


def test_random_gamma_matches_tfjs(tf) -> None:
    g = tf.random_gamma([6], 2.5, 1.5, "float32", 7)
    assert_close(g, [5.102457523, 0.746547103, 2.547561645, 1.160780311, 3.187159538,
                     0.588944316], dtype="float32")
    s = tf.random_gamma([5], 0.4, 2, "float32", 3)
    assert_close(s, [0.00026239609, 0.083048277, 0.030950475, 0.044438582, 0.011553915])
    i = tf.random_gamma([6], 3, 1, "int32", 7)
    assert_close(i, [5, 1, 3, 1, 3, 1], dtype="int32")
    u = tf.random_gamma([100], 2.0)
    assert all(v >= 0 for v in u.to_list())
    tf.dispose([g, s, i, u])
    with pytest.raises(TypeError, match="data type"):
        tf.random_gamma([2], 1, 1, "bool")


def test_rand(tf) -> None:
    a = tf.rand([2, 2], lambda: 1.7)
    assert_close(a, [[1.7, 1.7], [1.7, 1.7]], dtype="float32")
    b = tf.rand([3], lambda: -1.7, "int32")
    assert b.to_list() == [-1, -1, -1]
    c = tf.rand([3], lambda: 0.5, "bool")
    assert c.to_list() == [False, False, False]
    tf.dispose([a, b, c])
    with pytest.raises(TypeError, match="data type"):
        tf.rand([2], lambda: 1, "complex64")


# ----------------------------------------------------------------------------- LSTM
def _lstm_ref(fb, kernel, bias, data, c, h):
    def sig(v):
        return 1 / (1 + math.exp(-v))
    combined = [d + hh for d, hh in zip(data, h)]
    res = [[sum(row[k] * kernel[k][j] for k in range(len(row))) + bias[j]
            for j in range(len(bias))] for row in combined]
    n = len(bias) // 4
    new_c, new_h = [], []
    for b, row in enumerate(res):
        i, j, f, o = row[:n], row[n:2 * n], row[2 * n:3 * n], row[3 * n:]
        cc = [sig(i[u]) * math.tanh(j[u]) + c[b][u] * sig(fb + f[u]) for u in range(n)]
        new_c.append(cc)
        new_h.append([math.tanh(cc[u]) * sig(o[u]) for u in range(n)])
    return new_c, new_h


def test_basic_lstm_cell(tf) -> None:
    kernel = [[(i * 8 + j) % 7 / 7 - 0.4 for j in range(8)] for i in range(3)]
    bias = [0.1 * j - 0.3 for j in range(8)]
    data, c, h = [[0.5], [-1.0]], [[0.2, -0.1], [0.0, 0.3]], [[0.1, 0.4], [-0.2, 0.0]]
    nc, nh = tf.basic_lstm_cell(1.0, kernel, bias, data, c, h)
    ec, eh = _lstm_ref(1.0, kernel, bias, data, c, h)
    assert_close(nc, ec, rtol=1e-5, atol=1e-6)
    assert_close(nh, eh, rtol=1e-5, atol=1e-6)
    tf.dispose([nc, nh])
    with pytest.raises(Exception, match="multiple of 4"):
        tf.basic_lstm_cell(1.0, tf.ones([3, 6]), tf.zeros([6]), data, c, h)


def test_basic_lstm_cell_grad(tf) -> None:
    kernel = tf.tensor([[(i * 8 + j) % 7 / 7 - 0.4 for j in range(8)] for i in range(3)])
    bias = tf.tensor([0.1 * j - 0.3 for j in range(8)])
    data, c, h = tf.tensor([[0.5]]), tf.tensor([[0.2, -0.1]]), tf.tensor([[0.1, 0.4]])
    check_grads(tf, lambda k, b, d, cc, hh: tf.basic_lstm_cell(1.0, k, b, d, cc, hh)[1],
                [kernel, bias, data, c, h])
    check_grads(tf, lambda fb, cc: tf.basic_lstm_cell(fb, kernel, bias, data, cc, h)[0],
                [tf.scalar(1.0), c])
    tf.dispose([kernel, bias, data, c, h])


def test_multi_rnn_cell(tf) -> None:
    k1, b1 = tf.ones([3, 8]), tf.zeros([8])
    k2, b2 = tf.fill([4, 8], 0.5), tf.fill([8], 0.1)
    z = tf.zeros([1, 2])
    cells = [lambda d, c, h: tf.basic_lstm_cell(1.0, k1, b1, d, c, h),
             lambda d, c, h: tf.basic_lstm_cell(0.5, k2, b2, d, c, h)]
    cs, hs = tf.multi_rnn_cell(cells, [[0.5]], [z, z], [z, z])
    c0, h0 = tf.basic_lstm_cell(1.0, k1, b1, [[0.5]], z, z)
    c1, h1 = tf.basic_lstm_cell(0.5, k2, b2, h0, z, z)
    assert len(cs) == len(hs) == 2
    assert_close(cs[0], c0.to_list())
    assert_close(hs[1], h1.to_list())
    assert_close(cs[1], c1.to_list())
    tf.dispose([k1, b1, k2, b2, z, c0, h0, c1, h1] + cs + hs)


# ----------------------------------------------------------------------------- scatter
def test_scatter_nd(tf) -> None:
    a = tf.scatter_nd([[1], [3], [1]], [9.0, 10.0, 11.0], [5])
    assert_close(a, [0, 20, 0, 10, 0], dtype="float32")
    b = tf.scatter_nd([1, 3], [9.0, 10.0], [5])  # 1-D indices: one scalar index per update
    assert_close(b, [0, 9, 0, 10, 0])
    c = tf.scatter_nd([[2], [0]], [[1, 2], [3, 4]], [3, 2])
    assert_close(c, [[3, 4], [0, 0], [1, 2]], dtype="int32")
    d = tf.scatter_nd([[0, 1], [1, 0]], [True, True], [2, 2])
    assert d.to_list() == [[False, True], [True, False]]
    e = tf.scatter_nd(tf.zeros([0, 1], "int32"), tf.zeros([0, 2]), [3, 2])
    assert_close(e, [[0, 0]] * 3)
    f = tf.scatter_nd([[0], [0]], [float("inf"), float("-inf")], [1])
    assert math.isnan(f.to_list()[0])
    tf.dispose([a, b, c, d, e, f])
    with pytest.raises(IndexError, match="Invalid indices"):
        tf.scatter_nd([[5]], [1.0], [3])
    with pytest.raises(IndexError, match="Invalid indices"):
        tf.scatter_nd([[0, 5]], [1.0], [3, 3])  # TF.js writes element [1, 2]; TensorFlow raises
    with pytest.raises(Exception, match="updates.shape"):
        tf.scatter_nd([[0], [1]], [1.0, 2.0, 3.0], [4])
    with pytest.raises(TypeError, match="int32"):
        tf.scatter_nd(tf.tensor([[0.0]]), [1.0], [3])


def test_scatter_nd_grad(tf) -> None:
    idx = tf.tensor([[1], [3], [1]])
    check_grads(tf, lambda u: tf.scatter_nd(idx, u, [5, 2]),
                [tf.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])])
    flat = tf.tensor([2, 0])
    check_grads(tf, lambda u: tf.scatter_nd(flat, u, [3]), [tf.tensor([1.0, 2.0])])
    tf.dispose([idx, flat])


def test_tensor_scatter_update(tf) -> None:
    a = tf.tensor_scatter_update([1.0, 2.0, 3.0, 4.0], [[1], [1], [2]], [7.0, 8.0, 9.0])
    assert_close(a, [1, 8, 9, 4], dtype="float32")
    t = tf.tensor(["a", "b", "c"])
    s = tf.tensor_scatter_update(t, [[2]], tf.tensor(["z"]))
    assert s.to_list() == ["a", "b", "z"] and t.to_list() == ["a", "b", "c"]
    tf.dispose([a, t, s])
    with pytest.raises(TypeError, match="same dtype"):
        tf.tensor_scatter_update(tf.tensor([1, 2]), [[0]], tf.tensor([1.5]))


def test_tensor_scatter_update_grad(tf) -> None:
    idx = tf.tensor([[2, 0], [0, 1]])
    check_grads(tf, lambda t, u: tf.tensor_scatter_update(t, idx, u),
                [tf.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), tf.tensor([7.0, 8.0])])
    idx.dispose()


def test_sparse_to_dense(tf) -> None:
    a = tf.sparse_to_dense([[0, 1], [1, 2]], [5.0, 6.0], [2, 3], -1.0)
    assert_close(a, [[-1, 5, -1], [-1, -1, 6]], dtype="float32")
    b = tf.sparse_to_dense([0, 2], 5, [4])
    assert_close(b, [5, 0, 5, 0], dtype="int32")
    c = tf.sparse_to_dense(2, 5.0, [4])
    assert_close(c, [0, 0, 5, 0])
    d = tf.sparse_to_dense([0, 2], tf.tensor(["a", "b"]), [3], "z")
    assert d.to_list() == ["a", "z", "b"]
    e = tf.sparse_to_dense([0, 0], [3.0, 4.0], [4])
    assert_close(e, [4, 0, 0, 0])
    tf.dispose([a, b, c, d, e])
    with pytest.raises(Exception, match="incorrect shape"):
        tf.sparse_to_dense([0, 2], [1.0, 2.0, 3.0], [4])
    with pytest.raises(Exception, match="output_shape"):
        tf.sparse_to_dense([[0, 2], [1, 1]], [1.0, 2.0], [4])


def test_sparse_to_dense_grad(tf) -> None:
    idx = tf.tensor([[0, 1], [1, 2]])
    check_grads(tf, lambda v, d: tf.sparse_to_dense(idx, v, [2, 3], d),
                [tf.tensor([5.0, 6.0]), tf.scalar(-1.0)])
    idx.dispose()


# ----------------------------------------------------------------------------- small ops
def test_bitwise_and(tf) -> None:
    r = tf.bitwise_and(tf.tensor([5, -1, 12, 2147483647]), tf.tensor([3, 7, 10, -2147483648]))
    assert_close(r, [1, 7, 8, 0], dtype="int32")
    r.dispose()
    with pytest.raises(Exception, match="same shape"):
        tf.bitwise_and(tf.tensor([1, 2]), tf.tensor([1]))
    with pytest.raises(TypeError, match="int32"):
        tf.bitwise_and(tf.tensor([1.0]), tf.tensor([1.0]))


def test_broadcast_args(tf) -> None:
    r = tf.broadcast_args([2, 1, 3], [4, 1])
    assert_close(r, [2, 4, 3], dtype="int32")
    e = tf.broadcast_args(tf.zeros([0], "int32"), [4])
    assert e.to_list() == [4]
    tf.dispose([r, e])
    with pytest.raises(ValueError, match="broadcast"):
        tf.broadcast_args([2, 3], [4])
    with pytest.raises(Exception, match="rank 1"):
        tf.broadcast_args([[2]], [4])


def test_ensure_shape(tf) -> None:
    x = tf.ones([2, 3])
    assert tf.ensure_shape(x, [2, 3]) is x
    assert tf.ensure_shape(x, [None, 3]) is x
    with pytest.raises(Exception, match="not compatible"):
        tf.ensure_shape(x, [3, 2])
    x.dispose()


def test_print(tf, capsys) -> None:
    x = tf.tensor([1, 2])
    assert tf.print(x, True) is None
    out = capsys.readouterr().out
    assert "dtype: int32" in out and "[1, 2]" in out
    x.dispose()


# ----------------------------------------------------------------------------- rank wrappers
def test_rank_wrappers(tf) -> None:
    a = tf.concat1d([tf.tensor([1, 2]), tf.tensor([3])])
    assert a.to_list() == [1, 2, 3]
    b = tf.concat2d([tf.ones([2, 1]), tf.zeros([2, 2])], 1)
    assert b.shape == (2, 3)
    s = tf.slice1d(tf.tensor([1, 2, 3, 4]), 1, 2)
    assert s.to_list() == [2, 3]
    s2 = tf.slice2d(tf.tensor([[1, 2], [3, 4]]), [0, 1], [2, 1])
    assert s2.to_list() == [[2], [4]]
    r = tf.reverse1d([1, 2, 3])
    assert r.to_list() == [3, 2, 1]
    r2 = tf.reverse2d(tf.tensor([[1, 2], [3, 4]]), 1)
    assert r2.to_list() == [[2, 1], [4, 3]]
    p = tf.pad1d(tf.tensor([1.0, 2.0]), [1, 2], 9.0)
    assert p.to_list() == [9.0, 1.0, 2.0, 9.0, 9.0]
    p4 = tf.pad4d(tf.ones([1, 1, 1, 1]), [[0, 0], [1, 1], [0, 0], [0, 1]])
    assert p4.shape == (1, 3, 1, 2)
    tf.dispose([a, b, s, s2, r, r2, p, p4])
    with pytest.raises(Exception, match="rank-1"):
        tf.slice1d(tf.ones([2, 2]), 0, 1)
    with pytest.raises(Exception, match="rank-3"):
        tf.reverse3d(tf.ones([2, 2]))
    with pytest.raises(ValueError, match="paddings"):
        tf.pad2d(tf.ones([2, 2]), [[1, 0]])
