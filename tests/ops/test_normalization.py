"""softmax, log_softmax, moments, batch_norm, local_response_normalization. Expected values were
recorded with TF.js 4.22 (cpu backend) unless a comment says otherwise."""
from __future__ import annotations

import math

import pytest

from tests.helpers import assert_close

NAN = math.nan
INF = math.inf
X = [[1.5, -2.0, 3.0], [4.0, 0.5, -6.0]]
SM = [[0.18142610788345337, 0.005478593520820141, 0.8130953311920166],
      [0.9706449508666992, 0.029310939833521843, 0.000044067215640097857]]
LSM = [[-1.7069069147109985, -5.206906795501709, -0.20690688490867615],
       [-0.02979450300335884, -3.529794454574585, -10.029794692993164]]


def rng(tf, shape, scale=1.0):  # noqa: ANN001, ANN201 - tf.range(0, n).reshape(shape) / scale
    n = 1
    for d in shape:
        n *= d
    return tf.tensor([i / scale for i in range(n)], shape, "float32")


# ----------------------------------------------------------------------------- softmax
def test_softmax(tf):
    x = tf.tensor(X)
    assert_close(tf.softmax(x), SM, dtype="float32", shape=(2, 3))
    assert_close(tf.softmax(x, 1), SM)
    assert_close(tf.softmax(x, -1), SM)
    assert_close(x.softmax(), SM)
    assert_close(tf.softmax(tf.tensor([1.0, 2.0, 3.0])),
                 [0.09003057330846786, 0.2447284758090973, 0.6652409434318542])
    assert_close(tf.softmax(rng(tf, [2, 3, 2], 4.0)),
                 [[[0.43782350420951843, 0.562176525592804]] * 3] * 2, shape=(2, 3, 2))
    assert_close(tf.softmax(tf.tensor([[5.0], [-1.0]])), [[1.0], [1.0]])
    # a non-last axis (TF.js 4.22 rejects it): transpose / softmax / transpose in TF.js
    assert_close(tf.softmax(x, 0),
                 [[0.07585817575454712, 0.07585817575454712, 0.9998766183853149],
                  [0.9241418242454529, 0.9241418242454529, 0.00012339458044152707]])
    assert_close(tf.softmax(tf.scalar(3.0)), 1.0, shape=())


def test_softmax_special(tf):
    assert_close(tf.softmax(tf.tensor([[1000.0, 0.0], [-1000.0, -1001.0]])),
                 [[1.0, 0.0], [0.7310585975646973, 0.2689414322376251]])
    assert_close(tf.softmax(tf.tensor([[-INF, 1.0], [-INF, -INF]])), [[0.0, 1.0], [NAN, NAN]])
    assert_close(tf.softmax(tf.tensor([INF, 1.0])), [NAN, NAN])
    assert_close(tf.softmax(tf.tensor([NAN, 1.0])), [NAN, NAN])
    assert tf.softmax(tf.tensor([], [0], "float32")).shape == (0,)
    assert tf.softmax(tf.tensor([], [0, 3], "float32")).shape == (0, 3)


def test_softmax_errors(tf):
    with pytest.raises(TypeError, match="'logits' passed to 'softmax' must be float32 tensor, "
                                        "but got int32 tensor"):
        tf.softmax(tf.tensor([1, 2]))
    with pytest.raises(ValueError, match="'softmax': dim 2 is out of range for a tensor of rank 2"):
        tf.softmax(tf.ones([2, 2]), 2)


# ----------------------------------------------------------------------------- log_softmax
def test_log_softmax(tf):
    x = tf.tensor(X)
    assert_close(tf.log_softmax(x), LSM, dtype="float32", shape=(2, 3))
    assert_close(tf.log_softmax(x, -1), LSM)
    assert_close(tf.log_softmax(tf.tensor([[1, 2], [3, 5]])),
                 [[-1.31326162815094, -0.31326165795326233],
                  [-2.1269280910491943, -0.12692804634571075]], dtype="float32")
    assert_close(tf.log_softmax(tf.tensor([[1000.0, 0.0], [-1000.0, -1001.0]])),
                 [[0.0, -1000.0], [-0.31326165795326233, -1.31326162815094]])
    assert_close(tf.log_softmax(tf.tensor([-INF, 1.0])), [-INF, 0.0])
    assert_close(tf.log_softmax(tf.tensor([INF, 1.0])), [NAN, NAN])
    # axis 0 (TF.js 4.22 rejects a non-last axis): transpose / logSoftmax / transpose in TF.js
    assert_close(tf.log_softmax(x, 0),
                 [[-2.578889846801758, -2.578889846801758, -0.00012337400403339416],
                  [-0.07888974994421005, -0.07888974994421005, -9.000123023986816]])
    assert tf.log_softmax(tf.tensor([], [2, 0], "float32")).shape == (2, 0)
    assert_close(tf.log_softmax(tf.scalar(3.0)), 0.0, shape=())
    with pytest.raises(ValueError, match="'log_softmax': axis -3 is out of range"):
        tf.log_softmax(tf.ones([2, 2]), -3)
    with pytest.raises(TypeError, match="'logits' passed to 'log_softmax' must be a real tensor"):
        tf.log_softmax(tf.tensor([1j]))


# ----------------------------------------------------------------------------- moments
def test_moments(tf):
    x = tf.tensor(X)
    m = tf.moments(x)
    assert_close(m.mean, 0.1666666865348816, dtype="float32", shape=())
    assert_close(m.variance, 11.222222328186035, dtype="float32", shape=())
    mean, variance = tf.moments(x, 0)
    assert_close(mean, [2.75, -0.75, -1.5])
    assert_close(variance, [1.5625, 1.5625, 20.25])
    m = tf.moments(x, [-1], True)
    assert_close(m.mean, [[0.8333333134651184], [-0.4999999403953552]], shape=(2, 1))
    assert_close(m.variance, [[4.388888835906982], [17.16666603088379]], shape=(2, 1))
    m = tf.moments(rng(tf, [2, 3, 2]), axes=[0, 2])
    assert_close(m.mean, [3.5, 5.5, 7.5])
    assert_close(m.variance, [9.25, 9.25, 9.25])


def test_moments_dtypes_special(tf):
    m = tf.moments(tf.tensor([1, 2, 3, 4]))
    assert_close(m.mean, 2.5, dtype="float32")
    assert_close(m.variance, 1.25, dtype="float32")
    m = tf.moments(tf.tensor([True, False]))
    assert_close(m.mean, 0.5, dtype="float32")
    assert_close(m.variance, 0.25)
    m = tf.moments(tf.tensor([1.0, NAN, 3.0]))
    assert_close(m.mean, NAN)
    assert_close(m.variance, NAN)
    m = tf.moments(tf.tensor([], [0], "float32"))
    assert_close(m.mean, 0.0, shape=())
    assert_close(m.variance, 0.0, shape=())
    m = tf.moments(tf.tensor([], [0, 3], "float32"), 0)
    assert_close(m.mean, [0.0] * 3)
    assert_close(m.variance, [0.0] * 3)
    m = tf.moments(tf.scalar(2.0))
    assert_close(m.mean, 2.0, shape=())
    assert_close(m.variance, 0.0, shape=())


def test_moments_errors(tf):
    with pytest.raises(ValueError, match="'moments': axis 2 is out of range"):
        tf.moments(tf.ones([2, 2]), 2)
    with pytest.raises(TypeError, match="'moments': pass either axis or axes, not both"):
        tf.moments(tf.ones([2, 2]), 0, axes=1)


# ----------------------------------------------------------------------------- batch_norm
def test_batch_norm(tf):
    x = tf.tensor(X)
    mean, var = tf.tensor([1.0, 0.0, -1.0]), tf.tensor([0.5, 2.0, 4.0])
    offset, scale = tf.tensor([0.1, 0.2, 0.3]), tf.tensor([2.0, 1.0, 0.5])
    assert_close(tf.batch_norm(x, mean, var, offset, scale, 0.01),
                 [[1.5002801418304443, -1.210691213607788, 1.2987523078918457],
                  [8.501680374145508, 0.552672803401947, -0.948440432548523]],
                 dtype="float32", shape=(2, 3))
    assert_close(tf.batch_norm(x, mean, var),
                 [[0.7064007520675659, -1.4138600826263428, 1.999750018119812],
                  [4.238404273986816, 0.3534650206565857, -2.499687671661377]])
    assert_close(tf.batch_norm(x, mean, var, offset),
                 [[0.806400716304779, -1.2138601541519165, 2.2997500896453857],
                  [4.338404178619385, 0.5534650087356567, -2.1996874809265137]])
    assert_close(tf.batch_norm(x, mean, var, None, scale, 0.1),
                 [[1.29099440574646, -1.3801311254501343, 0.9877296090126038],
                  [7.745966911315918, 0.34503278136253357, -1.2346619367599487]])
    assert_close(tf.batch_norm(x, mean, var, scale=scale, variance_epsilon=0.1),
                 [[1.29099440574646, -1.3801311254501343, 0.9877296090126038],
                  [7.745966911315918, 0.34503278136253357, -1.2346619367599487]])
    assert_close(tf.batch_norm(x, tf.tensor([[1.0, 0.0, -1.0], [0.0, 1.0, 2.0]]),
                               tf.tensor([[0.5, 2.0, 4.0], [1.0, 1.0, 1.0]])),
                 [[0.7064007520675659, -1.4138600826263428, 1.999750018119812],
                  [3.9980015754699707, -0.49975019693374634, -7.996003150939941]])
    assert_close(tf.batch_norm(x, tf.scalar(1.0), tf.scalar(2.0)),
                 [[0.3534650206565857, -2.1207902431488037, 1.4138600826263428],
                  [2.1207902431488037, -0.3534650206565857, -4.948510646820068]])


def test_batch_norm_ranks_dtypes_special(tf):
    out = tf.batch_norm(rng(tf, [1, 2, 2, 2]), tf.tensor([1.0, 2.0]), tf.tensor([1.0, 4.0]),
                        tf.tensor([0.0, 1.0]), tf.tensor([1.0, 2.0]), 0.0)
    assert_close(out, [[[[-1.0, 0.0], [1.0, 2.0]], [[3.0, 4.0], [5.0, 6.0]]]], shape=(1, 2, 2, 2))
    out = tf.batch_norm(tf.ones([1, 1, 1, 1, 2]), tf.tensor([0.0, 1.0]), tf.tensor([1.0, 1.0]))
    assert_close(out, [[[[[0.9995003938674927, 0.0]]]]], shape=(1, 1, 1, 1, 2))
    assert_close(tf.batch_norm(tf.scalar(3.0), tf.scalar(1.0), tf.scalar(4.0)),
                 0.999875009059906, shape=())
    assert_close(tf.batch_norm(tf.tensor([1, 3, 5]), tf.tensor([1.0, 1.0, 1.0]),
                               tf.tensor([1.0, 1.0, 1.0])), [0, 1, 3], dtype="int32")
    assert_close(tf.batch_norm([[1.0, 2.0]], [0.0, 0.0], [1.0, 1.0]),
                 [[0.9995003938674927, 1.9990007877349854]])  # TensorLike inputs
    assert_close(tf.batch_norm(tf.tensor([1.0, 2.0]), tf.tensor([0.0, 0.0]),
                               tf.tensor([-1.0, -0.001])), [NAN, NAN])
    assert_close(tf.batch_norm(tf.tensor([NAN, INF]), tf.tensor([0.0, 0.0]),
                               tf.tensor([1.0, 1.0])), [NAN, INF])
    assert tf.batch_norm(tf.ones([0, 2]), tf.tensor([0.0, 0.0]),
                         tf.tensor([1.0, 1.0])).shape == (0, 2)


def test_batch_norm_errors(tf):
    x = tf.ones([2, 2])
    with pytest.raises(ValueError, match="'batch_norm': mean and variance must have equal ranks, "
                                         "got 2 and 1"):
        tf.batch_norm(x, tf.ones([1, 2]), tf.ones([2]))
    with pytest.raises(ValueError, match="'batch_norm': mean and offset must have equal ranks"):
        tf.batch_norm(x, tf.ones([2]), tf.ones([2]), tf.ones([1, 2]))
    with pytest.raises(ValueError, match=r"'batch_norm': mean of shape \[3\] does not broadcast "
                                         r"to the shape \[2, 2\] of x"):
        tf.batch_norm(x, tf.ones([3]), tf.ones([3]))
    with pytest.raises(ValueError, match=r"'batch_norm': scale of shape \[3, 2\] does not "
                                         r"broadcast"):
        tf.batch_norm(x, tf.ones([1, 2]), tf.ones([1, 2]), None, tf.ones([3, 2]))
    with pytest.raises(TypeError, match="'x' passed to 'batch_norm' must be a float32 or int32"):
        tf.batch_norm(tf.tensor([True]), tf.ones([1]), tf.ones([1]))
    with pytest.raises(TypeError, match="'batch_norm': variance_epsilon must be a number"):
        tf.batch_norm(x, tf.ones([2]), tf.ones([2]), None, None, "0.1")


# ----------------------------------------------------------------------------- LRN
def test_local_response_normalization(tf):
    out = tf.local_response_normalization(rng(tf, [1, 2, 1, 6], 3.0), 2, 1.0, 0.5, 0.75)
    assert_close(out, [[[[0.0, 0.21650636196136475, 0.3194715678691864, 0.3499147295951843,
                          0.4714045226573944, 0.6150655746459961]],
                        [[0.37622445821762085, 0.32628145813941956, 0.2892269194126129,
                          0.2761911153793335, 0.3358030915260315, 0.4235096871852875]]]],
                 dtype="float32", shape=(1, 2, 1, 6))
    assert_close(tf.local_response_normalization(rng(tf, [2, 1, 4]), 1, 2.0, 1.0, 1.0),
                 [[[0.0, 0.1428571492433548, 0.125, 0.20000000298023224]],
                  [[0.09302325546741486, 0.06329113990068436, 0.0535714291036129,
                    0.08045977354049683]]], shape=(2, 1, 4))
    x = tf.tensor([1.0, 2.0, 3.0, 4.0], [1, 1, 1, 4])
    assert_close(tf.local_response_normalization(x),
                 [[[[0.17960530519485474, 0.3592106103897095, 0.5388159155845642,
                     0.718421220779419]]]])
    assert_close(tf.local_response_normalization(x, 10),
                 [[[[0.17960530519485474, 0.3592106103897095, 0.5388159155845642,
                     0.718421220779419]]]])
    assert_close(tf.local_response_normalization(x, -1), [[[[1.0, 2.0, 3.0, 4.0]]]])
    assert_close(tf.local_response_normalization(tf.tensor([3, 4, 5], [1, 1, 1, 3]), 0, 0.0,
                                                 1.0, 0.5), [[[[1, 1, 1]]]], dtype="int32")
    assert_close(tf.local_response_normalization(tf.tensor([NAN, 1.0, 1.0, 1.0], [1, 1, 1, 4]), 1),
                 [[[[NAN, NAN, 0.5, 0.5773502588272095]]]])
    assert tf.local_response_normalization(tf.ones([0, 1, 1, 4]), 1).shape == (0, 1, 1, 4)


def test_local_response_normalization_errors(tf):
    with pytest.raises(ValueError, match="'local_response_normalization': x must be rank 3 or 4, "
                                         "got rank 2"):
        tf.local_response_normalization(tf.ones([1, 4]), 1)
    with pytest.raises(TypeError, match="'local_response_normalization': depth_radius must be an "
                                        "integer, got 1.5"):
        tf.local_response_normalization(tf.ones([1, 1, 1, 4]), 1.5)
    with pytest.raises(TypeError, match="'x' passed to 'local_response_normalization' must be a "
                                        "float32 or int32"):
        tf.local_response_normalization(tf.tensor([[[True]]]))
