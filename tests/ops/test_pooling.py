"""max_pool, avg_pool, max_pool3d, avg_pool3d, pool, max_pool_with_argmax and batch_norm2d/3d/4d.
Expected values were recorded with TF.js 4.22 (cpu backend) unless a comment says otherwise
(tests/goldens/pooling.jsonl has many more, from tools/oracle/cases/pooling.js)."""
from __future__ import annotations

import math
import random

import pytest

from tests.gradcheck import check_grads
from tests.helpers import assert_close

NAN = math.nan
INF = math.inf


def seq(tf, shape, dtype="float32"):  # noqa: ANN001, ANN201 - 0, 1, 2, ... in ``shape``
    n = math.prod(shape)
    return tf.tensor(list(range(n)), shape, dtype)


def flat(t):  # noqa: ANN001, ANN201
    return t.reshape([-1])


def rand(tf, shape, seed=0, dtype="float32"):  # noqa: ANN001, ANN201
    """Distinct values (no ties, so max gradients are well defined) on a 1/32 grid."""
    n = math.prod(shape)
    vals = list(range(-n, n, 2))
    random.Random(seed).shuffle(vals)
    return tf.tensor([(v + 1) / 32 for v in vals], shape, dtype)  # odd: never 0


# ----------------------------------------------------------------------------- forward
def test_max_avg_pool_paddings(tf):
    x = seq(tf, [1, 5, 5, 1])
    assert_close(tf.max_pool(x, 2, 2, 2).reshape([4, 4]),
                 [[-INF] * 4, [-INF, 6, 8, 9], [-INF, 16, 18, 19], [-INF, 21, 23, 24]])
    assert_close(tf.avg_pool(x, 2, 2, 2).reshape([4, 4]),
                 [[NAN] * 4, [NAN, 3, 5, 6.5], [NAN, 13, 15, 16.5], [NAN, 20.5, 22.5, 24]])
    assert_close(flat(tf.avg_pool(x, 3, 2, 1, "ceil")), [3, 4.5, 6, 10.5, 12, 13.5, 18, 19.5, 21])
    assert_close(flat(tf.max_pool(x, 3, 2, 1, "round")), [6, 8, 9, 16, 18, 19, 21, 23, 24])
    y = tf.max_pool(x, 2, 1, [[0, 0], [1, 0], [0, 1], [0, 0]])
    assert y.shape == (1, 5, 5, 1)
    assert_close(_T(y.reshape([5, 5]).to_list()[0]), [1, 2, 3, 4, 4])
    assert_close(flat(tf.avg_pool(seq(tf, [1, 3, 3, 1]), 2, 1, "same")),
                 [2, 3, 3.5, 5, 6, 6.5, 6.5, 7.5, 8])
    assert tf.max_pool(tf.ones([1, 2, 2, 1]), 3, 1, "valid").shape == (1, 0, 0, 1)


def test_max_pool_special_values_and_dtypes(tf):
    x = tf.tensor([1, NAN, 3, 4, NAN, NAN, NAN, NAN, -INF, -INF, 2, -INF, 0, 0, 0, 0], [1, 4, 4, 1])
    assert_close(flat(tf.max_pool(x, 2, 2, "valid")), [1, 4, 0, 2])  # NaN is ignored
    assert_close(flat(tf.avg_pool(x, 2, 2, "valid")), [NAN, NAN, -INF, -INF])
    assert_close(flat(tf.max_pool(tf.tensor([NAN] * 4, [1, 2, 2, 1]), 2, 1, "valid")), [-INF])
    xi = tf.tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1], "int32")
    y = tf.max_pool(xi, 2, 1, "same")
    assert y.dtype == "int32"
    assert_close(flat(y), [5, 6, 6, 8, 9, 9, 8, 9, 9])
    assert_close(flat(tf.max_pool(xi, 2, 2, 2)), [0, 0, 0, 0, 5, 6, 0, 8, 9])  # -Infinity -> 0
    b = tf.max_pool(tf.tensor([True, False, False, False], [1, 2, 2, 1]), 2, 1, "valid")
    assert b.dtype == "bool" and flat(b).to_list() == [True]
    assert tf.max_pool([[[1.0], [2.0]], [[3.0], [4.0]]], 2, 1, "valid").dtype == "float32"
    assert tf.max_pool([[[1], [2]], [[3], [4]]], 2, 1, "valid").dtype == "int32"  # Python ints
    # TensorLikes of the avg ops are parsed as float32
    assert_close(tf.avg_pool([[[1], [2]], [[3], [4]]], 2, 1, "valid"), [[[2.5]]], dtype="float32")


def test_pool3d(tf):
    x = seq(tf, [1, 2, 2, 2, 1])
    assert_close(flat(tf.max_pool3d(x, 2, 1, "valid")), [7], dtype="float32")
    assert tf.max_pool3d(seq(tf, [1, 2, 2, 2, 1], "int32"), 2, 1, "valid").dtype == "float32"
    assert tf.max_pool3d(tf.ones([1, 2, 2, 2, 1], "bool"), 2, 1, "valid").dtype == "float32"
    y = tf.avg_pool3d(tf.tensor([1.0, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2, 1]), 2, 2, 2)
    assert y.shape == (1, 3, 3, 3, 1)
    assert_close(flat(y), [0.0] * 13 + [4.5] + [0.0] * 13)  # empty 3-D windows give 0
    assert_close(flat(tf.avg_pool3d(seq(tf, [1, 3, 3, 3, 1]), 2, 2, 0, "ceil")),
                 [6.5, 8, 11, 12.5, 20, 21.5, 24.5, 26])
    assert tf.max_pool3d(tf.ones([1, 2, 2, 2, 1]), 6, 1, 1).shape == (1, 0, 0, 0, 1)
    assert tf.max_pool3d(tf.ones([2, 2, 2, 1]), 1, 1, "valid").shape == (2, 2, 2, 1)
    # TF.js 4.22 gives [7, 15] (negative 'same' padding); TensorFlow pads 0: depths 0 and 2
    assert_close(flat(tf.max_pool3d(seq(tf, [1, 4, 2, 2, 1]), 1, 2, "same")), [0, 8])


def test_max_pool_with_argmax(tf):
    x = tf.tensor([1.0, 5, 3, 5, 2, 2, 2, 2], [2, 2, 2, 1])
    r = tf.max_pool_with_argmax(x, 2, 1, "valid", True)
    assert_close(flat(r.result), [5, 2])
    assert flat(r.indexes).to_list() == [1, 4] and r.indexes.dtype == "int32"
    result, indexes = tf.max_pool_with_argmax(x, 2, 1, "valid")
    assert flat(indexes).to_list() == [1, 0]
    ri = tf.max_pool_with_argmax(tf.tensor([1, 5, 3, 5], [1, 2, 2, 1], "int32"), 2, 1, "valid")
    assert ri.result.dtype == "int32"
    r3 = tf.max_pool_with_argmax(tf.tensor([1.0, 5, 3, 5], [2, 2, 1]), 2, 1, "valid")
    # rank 3 input (documented by TF.js, which then fails)
    assert r3.result.shape == (1, 1, 1) and flat(r3.indexes).to_list() == [1]


def test_pool(tf):
    x = seq(tf, [1, 5, 5, 1])
    assert_close(flat(tf.pool(x, [2, 2], "max", "same", [2, 2], 1)),
                 [6, 7, 8, 9, 8, 11, 12, 13, 14, 13, 16, 17, 18, 19, 18, 21, 22, 23, 24, 23, 16, 17,
                  18, 19, 18])
    assert_close(flat(tf.pool(x, [2, 2], "avg", "same", [2, 2], 1)),
                 [1.5, 3, 3.5, 4, 2, 3, 6, 7, 8, 4, 5.5, 11, 12, 13, 6.5, 8, 16, 17, 18, 9, 4, 8,
                  8.5, 9, 4.5])
    assert_close(flat(tf.pool(x, [2, 2], "avg", "valid", 2, 1)), [6, 7, 8, 11, 12, 13, 16, 17, 18])
    assert tf.pool(x, [2, 2], "avg", 0, 1, 1).shape == (1, 4, 4, 1)
    y = flat(tf.pool(x, [2, 2], "max", 1, 1, 2, "ceil"))
    assert_close(_T(y.to_list()[:4]), [0, 2, 4, -INF])
    # a numeric pad with dilation is kept (TF.js 4.22 drops it): max over rows/cols {i-1, i+1}
    y = tf.pool(x, [2, 2], "max", 1, 2, 1)
    assert y.shape == (1, 5, 5, 1)
    assert_close(_T(y.reshape([5, 5]).to_list()[0]), [6, 7, 8, 9, 8])
    assert x.pool([2, 2], "max", "valid").shape == (1, 4, 4, 1)


def test_empty_inputs(tf):
    for fn in (tf.max_pool, tf.avg_pool):
        assert fn(tf.ones([0, 3, 3, 2]), 2, 1, "valid").shape == (0, 2, 2, 2)
        assert fn(tf.ones([1, 3, 3, 0]), 2, 1, "same").shape == (1, 3, 3, 0)
        assert fn(tf.ones([1, 0, 3, 1]), 2, 1, "same").shape == (1, 0, 3, 1)
    assert tf.avg_pool3d(tf.ones([0, 2, 2, 2, 1]), 2, 1, "valid").shape == (0, 1, 1, 1, 1)
    r = tf.max_pool_with_argmax(tf.ones([0, 3, 3, 1]), 2, 1, "valid")
    assert r.result.shape == r.indexes.shape == (0, 2, 2, 1)


def test_errors(tf):
    x = tf.ones([1, 4, 4, 1])
    with pytest.raises(TypeError, match="'x' passed to 'avg_pool' must be float32 tensor, but "
                                        "got int32"):
        tf.avg_pool(tf.ones([1, 2, 2, 1], "int32"), 1, 1, "valid")
    with pytest.raises(ValueError, match="'max_pool': x must be rank 4 or 3, got rank 2"):
        tf.max_pool(tf.ones([2, 2]), 1, 1, "valid")
    with pytest.raises(ValueError, match="pad must be an integer when using dim_rounding_mode"):
        tf.max_pool(x, 1, 1, "same", "ceil")
    with pytest.raises(ValueError, match="'max_pool': strides must be an integer >= 1"):
        tf.max_pool(x, 1, 0, "valid")
    with pytest.raises(ValueError, match="'avg_pool': filter_size must be an integer >= 1"):
        tf.avg_pool(x, 0, 1, "valid")
    with pytest.raises(ValueError, match="'max_pool': pad must be an integer >= 0"):
        tf.max_pool(x, 2, 1, 1.5)
    with pytest.raises(ValueError, match="'max_pool': pad must be 'same', 'valid'"):
        tf.max_pool(x, 2, 1, "SAMEISH")
    with pytest.raises(ValueError, match="explicit pad must be \\[0, 0\\] for the batch"):
        tf.max_pool(x, 2, 1, [[1, 0], [0, 0], [0, 0], [0, 0]])
    with pytest.raises(ValueError, match="negative output size"):
        tf.max_pool(tf.ones([1, 1, 1, 1]), 5, 1, "valid")
    with pytest.raises(ValueError, match="only data_format 'NDHWC'"):
        tf.max_pool3d(tf.ones([1, 2, 2, 2, 1]), 1, 1, "valid", None, "NCDHW")
    with pytest.raises(TypeError, match="'max_pool3d': strides is required"):
        tf.max_pool3d(tf.ones([1, 2, 2, 2, 1]), 1, None, "valid")
    with pytest.raises(ValueError, match="either strides or dilations must be 1"):
        tf.pool(x, 2, "avg", "valid", 2, 2)
    with pytest.raises(ValueError, match="pooling_type must be 'max' or 'avg'"):
        tf.pool(x, 2, "min", "valid")
    with pytest.raises(TypeError, match="must be a real tensor"):
        tf.max_pool(tf.complex(x, x), 1, 1, "valid")


def test_batch_norm_nd(tf):
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert_close(tf.batch_norm2d(x, [2.0, 3.0], [1.0, 1.0], variance_epsilon=0.0),
                 [[-1, -1], [1, 1]])
    assert_close(tf.batch_norm2d(x, [2.0, 3.0], [1.0, 1.0], None, None, None),
                 [[-0.9995003, -0.9995003], [0.9995003, 0.9995003]])
    assert_close(tf.batch_norm3d(tf.reshape(x, [2, 1, 2]), [2.0, 3.0], [1.0, 1.0], [1.0, 0.0],
                                 [2.0, 1.0], 0.0), [[[-1, -1]], [[3, 1]]])
    assert tf.batch_norm4d(tf.ones([1, 2, 2, 3]), tf.zeros([1, 1, 1, 3]),
                           tf.ones([1, 1, 1, 3])).shape == (1, 2, 2, 3)
    with pytest.raises(ValueError, match="'batch_norm2d': x must be rank 2, got rank 3"):
        tf.batch_norm2d(tf.ones([1, 2, 2]), [0.0, 0.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="'batch_norm4d': mean must be rank 4 or rank 1"):
        tf.batch_norm4d(tf.ones([1, 2, 2, 2]), tf.zeros([2, 2]), [1.0, 1.0])


# ----------------------------------------------------------------------------- backends agree
@pytest.mark.parametrize("pad,rounding", [("same", None), ("valid", None), (1, None), (2, "ceil"),
                                          (1, "round"), ([[0, 0], [2, 1], [0, 3], [0, 0]], None)])
def test_backends_agree(tf, pad, rounding):
    """The vectorised numpy kernels against the pure-Python reference, forward and backward."""
    from pytfjs.core.engine import ENGINE
    cases = []
    for seed, (shape, f, s) in enumerate([((2, 7, 6, 3), (3, 2), (2, 1)), ((1, 5, 5, 2), 2, 2),
                                          ((1, 4, 6, 1), (1, 3), (3, 1))]):
        x = rand(tf, shape, seed).to_list()
        dyshape = tf.max_pool(tf.tensor(x), f, s, pad, rounding).shape
        dy = rand(tf, dyshape, seed + 10).to_list()
        cases.append((x, f, s, dy))

    def run_all():  # noqa: ANN202
        out = []
        for x, f, s, dy in cases:
            xt, dyt = tf.tensor(x), tf.tensor(dy)
            for fn in (tf.max_pool, tf.avg_pool):
                out.append(fn(xt, f, s, pad, rounding).to_list())
                out.append(tf.grad(lambda a: fn(a, f, s, pad, rounding))(xt, dyt).to_list())
            r = tf.max_pool_with_argmax(xt, f, s, pad if rounding is None else "same", True)
            out.append((r.result.to_list(), r.indexes.to_list()))
            x5 = tf.reshape(xt, (1, *xt.shape))
            f3 = (1, *f) if isinstance(f, tuple) else f
            s3 = (1, *s) if isinstance(s, tuple) else s
            if not isinstance(pad, list):
                for fn in (tf.max_pool3d, tf.avg_pool3d):
                    y = fn(x5, f3, s3, pad, rounding)
                    out.append(y.to_list())
                    dy5 = tf.ones(y.shape)
                    out.append(tf.grad(lambda a: fn(a, f3, s3, pad, rounding))(x5, dy5).to_list())
        return out

    mine = tf.get_backend()
    got = {}
    for name in ("numpy", "python"):
        if ENGINE.find_backend(name) is None:
            pytest.skip(f"backend {name} is unavailable")
        tf.set_backend(name)
        try:
            got[name] = run_all()
        finally:
            tf.set_backend(mine)
    for a, b in zip(got["numpy"], got["python"]):
        assert_close(_T(a), _flatten(b), rtol=1e-5, atol=1e-5)


class _T:  # a nested list posing as a tensor for assert_close
    def __init__(self, v):  # noqa: ANN001
        self.v = _flatten(v)

    def to_list(self):  # noqa: ANN201
        return self.v


def _flatten(v):  # noqa: ANN001, ANN202
    if isinstance(v, (list, tuple)):
        return [e for item in v for e in _flatten(item)]
    return [v]


# ----------------------------------------------------------------------------- gradients
def test_avg_pool_grad_counts_real_cells(tf):
    """TF.js 4.22 gives [0.25, 0.5, 0.5, 0.5, 1, 1, 0.5, 1, 1] (it divides by the filter
    size); each window here averages only its real cells."""
    g = tf.grad(lambda a: tf.avg_pool(a, 2, 1, "same"))(seq(tf, [1, 3, 3, 1]))
    assert_close(flat(g), [0.25, 0.5, 0.75, 0.5, 1, 1.5, 0.75, 1.5, 2.25], dtype="float32")


def test_max_pool_grad_rules(tf):
    assert_close(flat(tf.grad(lambda a: tf.max_pool(a, 2, 1, "valid"))(tf.ones([1, 2, 2, 1]))),
                 [1, 0, 0, 0])  # ties: the first maximum (TF.js)
    assert_close(flat(tf.grad(lambda a: tf.max_pool3d(a, 2, 1, "valid"))(tf.ones([1, 2, 2, 2, 1]))),
                 [0] * 7 + [1])  # 3-D ties: the last maximum (TF.js)
    nan = tf.tensor([NAN, 1, NAN, 1], [1, 2, 2, 1])
    assert_close(flat(tf.grad(lambda a: tf.max_pool(a, 2, 1, "valid"))(nan)), [0, 1, 0, 0])
    # TF.js drops dim_rounding_mode in the gradient and gives [0, 0, 0, 0, 1, 0, 0, 0, 0]
    g = tf.grad(lambda a: tf.max_pool(a, 2, 2, 0, "ceil"))(seq(tf, [1, 3, 3, 1]))
    assert_close(flat(g), [0, 0, 0, 0, 1, 1, 0, 1, 1])
    # TF.js routes to the wrong cells for a non-cubic filter: [0,0,0,0,0,1,1,0,0,1,1,0]
    g = tf.grad(lambda a: tf.max_pool3d(a, [1, 2, 3], 1, "valid"))(seq(tf, [1, 1, 3, 4, 1]))
    assert_close(flat(g), [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1])
    g = tf.grad(lambda a: tf.max_pool_with_argmax(a, 2, 1, "valid").result)(seq(tf, [1, 3, 3, 1]))
    assert_close(flat(g), [0, 0, 0, 0, 1, 1, 0, 1, 1])


@pytest.mark.parametrize("pad", ["same", "valid", 1, [[0, 0], [1, 0], [1, 1], [0, 0]]])
def test_pool2d_gradcheck(tf, pad):
    x = rand(tf, [2, 5, 4, 2], 3)
    check_grads(tf, lambda a: tf.avg_pool(a, [3, 2], [2, 1], pad), [x])
    check_grads(tf, lambda a: tf.max_pool(a, [3, 2], [2, 1], pad), [x])
    check_grads(tf, lambda a: tf.max_pool_with_argmax(a, 2, 1, pad).result, [x])


def test_pool_ceil_and_3d_gradcheck(tf):
    x = rand(tf, [1, 6, 6, 1], 4)
    check_grads(tf, lambda a: tf.avg_pool(a, 3, 2, 1, "ceil"), [x])
    check_grads(tf, lambda a: tf.max_pool(a, 3, 2, 1, "round"), [x])
    v = rand(tf, [1, 3, 4, 3, 1], 5)
    for pad in ("same", "valid", 1):
        check_grads(tf, lambda a: tf.avg_pool3d(a, [2, 3, 2], [1, 2, 1], pad), [v])
        check_grads(tf, lambda a: tf.max_pool3d(a, [2, 3, 2], [1, 2, 1], pad), [v])


@pytest.mark.parametrize("args", [([2, 2], "max", "same", 2, 1), ([2, 3], "avg", "same", [2, 1], 1),
                                  ([2, 2], "avg", 1, 2, 1), (2, "max", "valid", 1, 2)])
def test_pool_gradcheck(tf, args):
    check_grads(tf, lambda a: tf.pool(a, *args), [rand(tf, [1, 6, 5, 2], 6)])


def test_second_order(tf):
    """The gradient kernels have gradients: d/d(dy) of AvgPoolGrad is AvgPool, of MaxPoolGrad
    a gather at the argmax positions."""
    x = rand(tf, [1, 4, 4, 1], 7)
    dy = rand(tf, [1, 2, 2, 1], 8)
    for fn in (lambda a: tf.avg_pool(a, 2, 2, "same"), lambda a: tf.max_pool(a, 2, 2, "valid"),
               lambda a: tf.avg_pool3d(tf.reshape(a, [1, 1, 4, 4, 1]), [1, 2, 2], [1, 2, 2],
                                       "valid")):
        def inner(d, fn=fn):  # noqa: ANN001, ANN202
            xc = tf.cast(x, d.dtype)
            return tf.grad(lambda a: fn(a))(xc, tf.reshape(d, fn(xc).shape))
        check_grads(tf, inner, [dy])
