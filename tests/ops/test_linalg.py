"""Linear-algebra ops: einsum, diag, euclidean_norm, linalg.band_part, linalg.gram_schmidt,
linalg.qr. Literal expectations come from TF.js 4.22 (cpu backend); gradients are checked
numerically (``tests/gradcheck.py``)."""
from __future__ import annotations

import math

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close

NAN = math.nan


def test_einsum_forward(tf):  # noqa: ANN001
    a = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    b = tf.tensor([1.0, 10.0, 100.0])
    assert_close(tf.einsum("ij,jk->ik", a, a), [[7, 10], [15, 22]], dtype="float32")
    assert_close(tf.einsum(" i j -> j i ", a), [[1, 3], [2, 4]])
    assert_close(tf.einsum("iJ->Ji", a), [[1, 3], [2, 4]])
    assert_close(tf.einsum("ij->", a), 10)
    assert_close(tf.einsum("ij->i", a), [3, 7])
    assert_close(tf.einsum("i->", b), 111)
    assert_close(tf.einsum("ij,ij->ij", a, a), [[1, 4], [9, 16]])
    assert_close(tf.einsum("ij,ji->", a, a), 29)
    assert_close(tf.einsum("i,j->ji", b, tf.tensor([1.0, 2.0])), [[1, 10, 100], [2, 20, 200]])
    assert_close(tf.einsum("ij,jk->ki", a, tf.tensor([[1.0, 2, 3], [4, 5, 6]])),
                 [[9, 19], [12, 26], [15, 33]])
    assert_close(tf.einsum(",->", tf.scalar(2.0), tf.scalar(3.0)), 6)
    assert_close(tf.einsum("i,->i", b, tf.scalar(3.0)), [3, 30, 300])
    assert_close(tf.einsum("bij,bjk->bik", tf.ones([2, 2, 3]), tf.ones([2, 3, 2])),
                 [[[3, 3], [3, 3]]] * 2)
    assert_close(tf.einsum("ij,jk->ik", tf.zeros([2, 0]), tf.zeros([0, 3])), [[0] * 3] * 2)
    # TF semantics where TF.js drops the first operand ([1, 1, 3] there)
    assert_close(tf.einsum("ij,kl->ijk", a, tf.tensor([[1.0, 2], [3, 4], [5, 6]])),
                 [[[3, 7, 11], [6, 14, 22]], [[9, 21, 33], [12, 28, 44]]])


def test_einsum_dtypes(tf):  # noqa: ANN001
    i = tf.tensor([[1, 2], [3, 4]])
    f = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    bo = tf.tensor([[True, False], [True, True]])
    assert_close(tf.einsum("ij,jk->ik", i, i), [[7, 10], [15, 22]], dtype="int32")
    assert_close(tf.einsum("ij,jk->ik", i, f), [[7, 10], [15, 22]], dtype="float32")
    assert_close(tf.einsum("ij,jk->ik", f, i), [[7, 10], [15, 22]], dtype="float32")
    assert_close(tf.einsum("ij->ji", bo), [[True, True], [False, True]], dtype="bool")
    assert_close(tf.einsum("ij,jk->ik", bo, bo), [[1, 0], [2, 1]], dtype="int32")
    assert_close(tf.einsum("ij->i", bo), [1, 2], dtype="int32")
    z = tf.complex([1.0, 2.0], [3.0, 4.0])
    assert_close(tf.einsum("i,i->i", z, z), [complex(-8, 6), complex(-12, 16)],
                 dtype="complex64")


def test_einsum_errors(tf):  # noqa: ANN001
    a = tf.ones([2, 2])
    v = tf.ones([3])
    for eq, args, exc, msg in [
        ("ij", [a], ValueError, "without an arrow"),
        ("ij->->ij", [a], ValueError, "exactly one arrow"),
        ("...ij->...ji", [a], ValueError, "ellipsis"),
        ("ii->i", [a], ValueError, "duplicate axes"),
        ("i,i,i->", [v, v, v], ValueError, "more than 2"),
        ("ij->iij", [a], ValueError, "repeat"),
        ("ij->k", [a], ValueError, "label k not present"),
        ("ij,jk->ik", [a, tf.ones([3, 2])], ValueError, "expected dimension 2"),
        ("ij,jk->ik", [a, tf.ones([1, 2])], ValueError, "expected dimension 2"),
        ("ij,jk->ik", [a], ValueError, "2 input terms but 1"),
        ("ijk->i", [a], ValueError, "rank 2"),
    ]:
        with pytest.raises(exc, match=msg):
            tf.einsum(eq, *args)


@pytest.mark.parametrize("eq,shapes", [
    ("ij,jk->ik", [(2, 3), (3, 2)]),
    ("ij->ji", [(2, 3)]),
    ("ij->", [(2, 3)]),
    ("ij,kl->ijk", [(2, 2), (3, 2)]),
    ("bij,bjk->bik", [(2, 2, 3), (2, 3, 2)]),
    ("i,j->ij", [(3,), (2,)]),
    ("ij,ij->i", [(2, 3), (2, 3)]),
    ("i,->i", [(3,), ()]),
])
def test_einsum_gradients(tf, eq, shapes):  # noqa: ANN001
    xs = []
    for k, shape in enumerate(shapes):
        n = 1
        for d in shape:
            n *= d
        vals = [0.3 * (k + 1) + 0.17 * i * (-1) ** i for i in range(n)]
        xs.append(tf.tensor(vals, shape) if shape else tf.scalar(vals[0]))
    check_grads(tf, lambda *ts: tf.einsum(eq, *ts), xs)
    tf.dispose(xs)


def test_einsum_second_order(tf):  # noqa: ANN001
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    g = tf.grad(lambda t: tf.grad(lambda u: tf.sum(tf.einsum("ij,jk->ik", u, u)))(t))(x)
    assert_close(g, [[4, 4], [4, 4]])
    tf.dispose([x, g])


def test_diag(tf):  # noqa: ANN001
    assert_close(tf.diag(tf.tensor([1, 2, 3])), [[1, 0, 0], [0, 2, 0], [0, 0, 3]],
                 dtype="int32")
    d = tf.diag(tf.tensor([[1.0, 2.0], [3.0, 4.0]]))
    assert d.shape == (2, 2, 2, 2)
    assert_close(tf.reshape(d, [4, 4]), [[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0],
                                          [0, 0, 0, 4]])
    assert_close(tf.diag(tf.tensor([True, False])), [[True, False], [False, False]],
                 dtype="bool")
    assert_close(tf.diag(tf.scalar(3.0)), 3.0)
    assert tf.diag(tf.zeros([0])).shape == (0, 0)
    assert_close(tf.diag(tf.tensor([NAN, 1.0])), [[NAN, 0], [0, 1]])
    check_grads(tf, lambda x: tf.diag(x), [tf.tensor([[1.0, -2.0, 0.5], [3.0, 4.0, -1.0]])])
    check_grads(tf, lambda x: tf.diag(x), [tf.tensor([1.0, -2.0, 0.5])])


def test_euclidean_norm(tf):  # noqa: ANN001
    x = tf.tensor([[3.0, 4.0], [6.0, 8.0]])
    assert_close(tf.euclidean_norm(x, 1), [5, 10], dtype="float32")
    assert_close(tf.euclidean_norm(x, -1, True), [[5], [10]])
    assert_close(tf.euclidean_norm(x, [0, 1], True), [[11.180339813232422]])
    assert_close(tf.euclidean_norm(x), 11.180339813232422)
    assert_close(tf.euclidean_norm(tf.zeros([0])), 0.0)
    assert_close(tf.euclidean_norm(tf.scalar(-3.0)), 3.0)
    assert_close(tf.euclidean_norm(tf.tensor([[3, 4]])), 5.0, dtype="float32")
    assert_close(tf.euclidean_norm(tf.ones([2, 2, 2]), [0, 1, 2]), math.sqrt(8))
    check_grads(tf, lambda t: tf.euclidean_norm(t, 0), [tf.tensor([[3.0, 4.0], [-1.0, 2.0]])])


def test_band_part(tf):  # noqa: ANN001
    x = tf.reshape(tf.range(1, 10), [3, 3])
    assert_close(tf.linalg.band_part(x, 0, 1), [[1, 2, 0], [0, 5, 6], [0, 0, 9]])
    assert_close(tf.linalg.band_part(x, -1, 0), [[1, 0, 0], [4, 5, 0], [7, 8, 9]])
    assert_close(tf.linalg.band_part(x, 0, 0), [[1, 0, 0], [0, 5, 0], [0, 0, 9]])
    assert_close(tf.linalg.band_part(x, -1, -1), x.to_list())
    assert_close(tf.linalg.band_part(x, tf.scalar(-1, "int32"), tf.scalar(7, "int32")),
                 x.to_list())
    assert_close(tf.linalg.band_part(x, tf.scalar(1, "int32"), 0),
                 [[1, 0, 0], [4, 5, 0], [0, 8, 9]])
    b = tf.linalg.band_part(tf.ones([3, 2, 4], "int32"), 0, 1)
    assert b.dtype == "int32" and b.shape == (3, 2, 4)
    assert_close(b, [[[1, 1, 0, 0], [0, 1, 1, 0]]] * 3)
    assert_close(tf.linalg.band_part(tf.tensor([[NAN, NAN], [NAN, NAN]]), 0, 0),
                 [[NAN, 0], [0, NAN]])
    assert_close(tf.linalg.band_part(tf.tensor([[True, True], [True, True]]), 0, 0),
                 [[True, False], [False, True]], dtype="bool")
    assert tf.linalg.band_part(tf.zeros([0, 3]), 0, 0).shape == (0, 3)
    with pytest.raises(ValueError, match="num_lower \\(4\\)"):
        tf.linalg.band_part(x, 4, 0)
    with pytest.raises(ValueError, match="integer"):
        tf.linalg.band_part(x, 1.5, 0)
    with pytest.raises(ValueError, match="rank >= 2"):
        tf.linalg.band_part(tf.ones([3]), 1, 0)
    with pytest.raises(TypeError, match="int32"):
        tf.linalg.band_part(x, tf.scalar(1.0), 0)
    check_grads(tf, lambda t: tf.linalg.band_part(t, 1, 0),
                [tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])])
    tf.dispose(x)


def test_gram_schmidt(tf):  # noqa: ANN001
    y = tf.linalg.gram_schmidt(tf.tensor([[1.0, 1.0], [0.0, 2.0]]))
    assert_close(y, [[0.7071067690849304, 0.7071067690849304],
                     [-0.7071067690849304, 0.7071067690849304]])
    ys = tf.linalg.gram_schmidt([tf.tensor([1.0, 1.0]), tf.tensor([0.0, 2.0])])
    assert isinstance(ys, list) and len(ys) == 2
    assert_close(ys[1], [-0.7071067690849304, 0.7071067690849304])
    x = tf.tensor([[1.0, 2.0, 0.5], [-1.0, 0.5, 2.0], [0.3, -2.0, 1.0]])
    q = tf.linalg.gram_schmidt(x)
    assert_close(tf.mat_mul(q, q, False, True), [[1, 0, 0], [0, 1, 0], [0, 0, 1]], atol=1e-5)
    with pytest.raises(ValueError, match="exceeds"):
        tf.linalg.gram_schmidt(tf.ones([3, 2]))
    with pytest.raises(ValueError, match="lengths"):
        tf.linalg.gram_schmidt([tf.ones([2]), tf.ones([3])])
    check_grads(tf, lambda t: tf.linalg.gram_schmidt(t), [x])
    tf.dispose([x, q])


def test_qr(tf):  # noqa: ANN001
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    q, r = tf.linalg.qr(x)
    assert q.shape == (3, 2) and r.shape == (2, 2)
    assert_close(q, [[-0.1690307855606079, 0.8970849514007568],
                     [-0.5070924758911133, 0.27602672576904297],
                     [-0.8451542258262634, -0.34503310918807983]], atol=1e-5)
    assert_close(r, [[-5.916079044342041, -7.437356948852539], [0.0, 0.82807856798172]],
                 atol=1e-5)
    q, r = tf.linalg.qr(x, True)
    assert q.shape == (3, 3) and r.shape == (3, 2)
    assert_close(q, [[-0.1690307855606079, 0.8970849514007568, 0.4082488417625427],
                     [-0.5070924758911133, 0.27602672576904297, -0.8164964914321899],
                     [-0.8451542258262634, -0.34503310918807983, 0.40824800729751587]],
                 atol=1e-5)
    q, r = tf.linalg.qr(tf.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    assert q.shape == (2, 2) and r.shape == (2, 3)
    assert_close(r, [[-4.123106002807617, -5.3357834815979, -6.5484619140625],
                     [0.0, 0.727607250213623, 1.455214023590088]], atol=1e-5)
    q, r = tf.linalg.qr(tf.tensor([[-1.0, 2.0], [0.0, 5.0]]))
    assert_close(q, [[-1, 0], [0, -1]])
    assert_close(r, [[1, -2], [0, -5]])
    q, r = tf.linalg.qr(tf.tensor([[0.0, 2.0], [0.0, 5.0]]))
    assert_close(q, [[NAN, NAN], [NAN, NAN]])
    q, r = tf.linalg.qr(tf.ones([2, 2, 2]))
    assert_close(r, [[[-1.4142136573791504, -1.4142136573791504], [0, 0]]] * 2, atol=1e-5)
    q, r = tf.linalg.qr(tf.ones([4, 3, 2]))
    assert q.shape == (4, 3, 2) and r.shape == (4, 2, 2)
    assert tuple(t.shape for t in tf.linalg.qr(tf.ones([0, 2]))) == ((0, 0), (0, 2))
    assert tuple(t.shape for t in tf.linalg.qr(tf.ones([2, 0]))) == ((2, 0), (0, 0))
    assert tuple(t.shape for t in tf.linalg.qr(tf.ones([0, 2, 2]))) == ((0, 2, 2), (0, 2, 2))
    # q @ r rebuilds x, q is orthonormal
    x = tf.tensor([[2.0, -1.0, 0.5], [1.0, 3.0, -2.0], [0.5, 0.25, 4.0], [-1.0, 1.0, 1.0]])
    q, r = tf.linalg.qr(x)
    assert_close(tf.mat_mul(q, r), x.to_list(), atol=1e-5)
    assert_close(tf.mat_mul(q, q, True), [[1, 0, 0], [0, 1, 0], [0, 0, 1]], atol=1e-5)
    with pytest.raises(TypeError, match="float32"):
        tf.linalg.qr(tf.tensor([[1, 2], [3, 4]]))
    with pytest.raises(ValueError, match="rank >= 2"):
        tf.linalg.qr(tf.ones([3]))
    tf.dispose([x, q, r])
