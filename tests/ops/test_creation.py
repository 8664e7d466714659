"""Creation ops: fill, zeros, ones, zeros_like, ones_like, range, linspace, eye, one_hot,
complex, real, imag. Expected values were checked with TF.js 4.22 (cpu backend)."""
from __future__ import annotations

import math

import pytest

from tests.helpers import assert_close


# ----------------------------------------------------------------------------- fill/zeros/ones
def test_zeros_ones_dtypes(tf):
    assert_close(tf.zeros([2, 3]), [[0.0] * 3] * 2, dtype="float32", shape=(2, 3))
    assert_close(tf.zeros([2], "int32"), [0, 0], dtype="int32")
    assert_close(tf.zeros([2], "bool"), [False, False], dtype="bool")
    assert_close(tf.zeros([2], "complex64"), [0j, 0j], dtype="complex64")
    assert_close(tf.ones([3, 1]), [[1.0], [1.0], [1.0]], dtype="float32")
    assert_close(tf.ones([2], "int32"), [1, 1], dtype="int32")
    assert_close(tf.ones([2], "bool"), [True, True], dtype="bool")
    assert_close(tf.ones([2], "complex64"), [1 + 0j, 1 + 0j], dtype="complex64")


def test_zeros_ones_scalar_and_empty(tf):
    assert tf.zeros([]).shape == () and tf.zeros([]).to_list() == 0.0
    assert tf.ones([0, 2]).shape == (0, 2)
    assert tf.zeros(3).shape == (3,)  # a single int is a rank-1 shape
    assert tf.zeros((2, 2)).shape == (2, 2)


def test_zeros_bad_args(tf):
    with pytest.raises(ValueError, match="'zeros': shape must be non-negative integers"):
        tf.zeros([-1])
    with pytest.raises(ValueError, match="'ones': shape must be non-negative"):
        tf.ones([1.5])
    with pytest.raises(TypeError, match="'zeros': dtype string is not supported"):
        tf.zeros([2], "string")
    with pytest.raises(TypeError, match="'zeros': Unknown dtype"):
        tf.zeros([2], "float8")
    with pytest.raises(TypeError, match="'ones': shape must be a list of ints"):
        tf.ones("abc")


def test_fill_infers_and_stores_like_typed_arrays(tf):
    assert_close(tf.fill([2, 2], 4), [[4, 4], [4, 4]], dtype="int32")  # Python int -> int32
    assert_close(tf.fill([2], 3.5), [3.5, 3.5], dtype="float32")
    assert_close(tf.fill([2], True), [True, True], dtype="bool")
    assert_close(tf.fill([2], "ab"), ["ab", "ab"], dtype="string")
    assert_close(tf.fill([1], 1 + 2j), [1 + 2j], dtype="complex64")
    # TF.js: values pass through a typed array of the dtype
    assert_close(tf.fill([2], 3.7, "int32"), [3, 3], dtype="int32")
    assert_close(tf.fill([2], -3.7, "int32"), [-3, -3], dtype="int32")
    assert_close(tf.fill([3], 0.5, "bool"), [False] * 3, dtype="bool")
    assert_close(tf.fill([3], 256, "bool"), [False] * 3, dtype="bool")
    assert_close(tf.fill([1], 0.1, "float32"), [0.10000000149011612], rtol=0, atol=0)
    assert_close(tf.fill([], 1e39, "float32"), math.inf)
    assert_close(tf.fill([1], math.nan, "float32"), [math.nan])
    assert_close(tf.fill([2], math.nan, "int32"), [0, 0])
    assert tf.fill([0, 3], 1.5).shape == (0, 3)


def test_fill_bad_args(tf):
    with pytest.raises(TypeError, match="'fill': value must be a str for a string tensor"):
        tf.fill([2], 1, "string")
    with pytest.raises(TypeError, match="'fill': value must be a number or bool"):
        tf.fill([2], "a", "float32")
    with pytest.raises(TypeError, match="'fill': value must be a number, bool or str"):
        tf.fill([2], None)
    with pytest.raises(ValueError, match="'fill': shape must be non-negative"):
        tf.fill([-2], 1)


def test_zeros_like_ones_like(tf):
    assert_close(tf.zeros_like(tf.tensor([[1, 2], [3, 4]])), [[0, 0], [0, 0]], dtype="int32")
    assert_close(tf.ones_like(tf.tensor([True, False])), [True, True], dtype="bool")
    assert_close(tf.ones_like([1.5, 2.5]), [1.0, 1.0], dtype="float32")
    assert_close(tf.zeros_like(tf.complex([1.0], [2.0])), [0j], dtype="complex64")
    assert_close(tf.ones_like(tf.complex([1.0], [2.0])), [1 + 0j], dtype="complex64")
    assert_close(tf.zeros_like(tf.scalar(3.0)), 0.0, shape=())
    assert tf.ones_like(tf.zeros([0, 4])).shape == (0, 4)
    t = tf.tensor([1.0, 2.0])
    assert t.zeros_like().to_list() == [0.0, 0.0]  # chained form
    with pytest.raises(TypeError, match="'zeros_like' must be numeric tensor"):
        tf.zeros_like(tf.tensor(["a"]))
    with pytest.raises(TypeError, match="'ones_like' must be numeric tensor"):
        tf.ones_like(["a"])


# ----------------------------------------------------------------------------- range
def test_range_basic(tf):
    assert_close(tf.range(0, 5), [0.0, 1.0, 2.0, 3.0, 4.0], dtype="float32")
    assert_close(tf.range(0, 5, 2), [0.0, 2.0, 4.0])
    assert_close(tf.range(3, dtype="int32"), [0, 1, 2], dtype="int32")  # stop=None
    assert_close(tf.range(5, 0, -2), [5.0, 3.0, 1.0])
    assert_close(tf.range(5, 0), [5.0, 4.0, 3.0, 2.0, 1.0])  # default step flips


def test_range_empty_results(tf):
    for args in [(3, 3), (0, 3, -1), (5, 0, 2)]:
        t = tf.range(*args)
        assert t.shape == (0,) and t.dtype == "float32"
    assert tf.range(0, dtype="int32").shape == (0,)


def test_range_tfjs_running_sum_quirks(tf):
    # values are a float32 running sum, exactly as TF.js's Float32Array fill
    assert_close(tf.range(0, 1, 0.1),
                 [0, 0.10000000149011612, 0.20000000298023224, 0.30000001192092896,
                  0.4000000059604645, 0.5, 0.6000000238418579, 0.7000000476837158,
                  0.8000000715255737, 0.9000000953674316], rtol=0, atol=0)
    assert tf.range(10, -10, -0.3).to_list()[:4] == [
        10, 9.699999809265137, 9.399999618530273, 9.09999942779541]
    # a positive fractional step below 1 on a decreasing range counts up (TF.js)
    assert_close(tf.range(5, 0, 0.5), [5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5])
    # int32: each running-sum step truncates toward zero
    assert_close(tf.range(-3, 5, 1.5, "int32"), [-3, -1, 0, 1, 2, 3], dtype="int32")
    assert_close(tf.range(7, -5, -2.5, "int32"), [7, 4, 1, -1, -3])
    assert_close(tf.range(0.7, 5, 1, "int32"), [0, 1, 2, 3, 4])
    assert_close(tf.range(-3.9, 4, 0.3, "int32"), [-3, -2, -1] + [0] * 24)


def test_range_long_float_sum_matches_tfjs(tf):
    t = tf.range(0, 1000, 0.1)
    assert t.shape == (10000,)
    vals = t.to_list()
    # checked against TF.js: the drift of the float32 running sum
    assert vals[-1] == 999.8029174804688
    assert tf.range(0, 100, 0.7).to_list()[-1] == 99.39989471435547


def test_range_bad_args(tf):
    with pytest.raises(ValueError, match="'range': step cannot be zero"):
        tf.range(0, 3, 0)
    with pytest.raises(TypeError, match="'range': dtype must be one of float32, int32"):
        tf.range(0, 3, 1, "bool")
    with pytest.raises(ValueError, match="'range': stop must be finite"):
        tf.range(0, math.inf)
    with pytest.raises(TypeError, match="'range': start must be a number"):
        tf.range("a", 3)


# ----------------------------------------------------------------------------- linspace
def test_linspace(tf):
    assert_close(tf.linspace(0, 1, 4), [0, 0.33333334, 0.6666667, 1], dtype="float32")
    assert_close(tf.linspace(4, -4, 3), [4.0, 0.0, -4.0])
    assert_close(tf.linspace(3.5, 3.5, 1), [3.5])
    assert_close(tf.linspace(0, 1, 1), [0.0])
    # float32 running sum, as TF.js: the last value misses 2 by two ulps
    assert_close(tf.linspace(1, 2, 10),
                 [1, 1.1111111640930176, 1.2222223281860352, 1.3333334922790527,
                  1.4444446563720703, 1.555555820465088, 1.6666669845581055, 1.777778148651123,
                  1.8888893127441406, 2.000000476837158], rtol=0, atol=0)
    vals = tf.linspace(0.1, 0.7, 97).to_list()
    assert vals[:5] == [0.10000000149011612, 0.10625000298023224, 0.11250000447034836,
                        0.11875000596046448, 0.125]


def test_linspace_bad_args(tf):
    with pytest.raises(ValueError, match="'linspace': num must be positive"):
        tf.linspace(0, 1, 0)
    with pytest.raises(TypeError, match="'linspace': num must be an int"):
        tf.linspace(0, 1, 2.5)
    with pytest.raises(ValueError, match="'linspace': start must be finite"):
        tf.linspace(math.nan, 1, 3)


# ----------------------------------------------------------------------------- eye
def test_eye(tf):
    assert_close(tf.eye(3), [[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype="float32")
    assert_close(tf.eye(2, 3, None, "int32"), [[1, 0, 0], [0, 1, 0]], dtype="int32")
    assert_close(tf.eye(3, 2), [[1, 0], [0, 1], [0, 0]])
    assert_close(tf.eye(2, 2, [2]), [[[1, 0], [0, 1]]] * 2, shape=(2, 2, 2))
    assert_close(tf.eye(2, 1, [2, 3], "bool"), [[[[True], [False]]] * 3] * 2, dtype="bool",
                 shape=(2, 3, 2, 1))
    assert tf.eye(0).shape == (0, 0)
    assert_close(tf.eye(1), [[1.0]])
    assert tf.eye(2, 2, [1, 2, 2]).shape == (1, 2, 2, 2, 2)


def test_eye_bad_args(tf):
    with pytest.raises(ValueError, match="'eye': num_rows must be non-negative"):
        tf.eye(-1)
    with pytest.raises(TypeError, match="'eye': dtype string is not supported"):
        tf.eye(2, dtype="string")


# ----------------------------------------------------------------------------- one_hot
def test_one_hot_basic(tf):
    assert_close(tf.one_hot(tf.tensor([1, 3, 1]), 4),
                 [[0, 1, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0]], dtype="int32")
    assert_close(tf.one_hot([2, 2, 0], 4, 5, -1), [[-1, -1, 5, -1], [-1, -1, 5, -1],
                                                   [5, -1, -1, -1]], dtype="int32")
    assert_close(tf.one_hot(tf.tensor([[1, 0], [0, 2]]), 3),
                 [[[0, 1, 0], [1, 0, 0]], [[1, 0, 0], [0, 0, 1]]], shape=(2, 2, 3))
    assert_close(tf.one_hot(tf.scalar(2), 3), [0, 0, 1], shape=(3,))
    assert tf.one_hot(tf.tensor([], dtype="int32"), 3).shape == (0, 3)
    assert_close(tf.tensor([0, 1]).one_hot(2), [[1, 0], [0, 1]])  # chained form


def test_one_hot_out_of_range_and_dtypes(tf):
    assert_close(tf.one_hot(tf.tensor([-1, 0, 3, 4, 8]), 4),
                 [[0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0]])
    assert_close(tf.one_hot(tf.tensor([1, 1]), 3, 2.5, 0.1, "float32"),
                 [[0.10000000149011612, 2.5, 0.10000000149011612]] * 2, dtype="float32",
                 rtol=0, atol=0)
    # TF.js stores on/off in a Float32Array, then in the dtype: int32 truncates/wraps,
    # bool keeps the truncation's low byte
    assert_close(tf.one_hot(tf.tensor([1, 0]), 3, 2.5, 0), [[0, 2, 0], [2, 0, 0]])
    assert_close(tf.one_hot(tf.tensor([1, 0]), 3, -1.5, 3e9),
                 [[-1294967296, -1, -1294967296], [-1, -1294967296, -1294967296]])
    assert_close(tf.one_hot(tf.tensor([1, 0]), 3, 0.5, 2.5, "bool"),
                 [[True, False, True], [False, True, True]], dtype="bool")


def test_one_hot_bad_args(tf):
    with pytest.raises(TypeError, match="'indices' passed to 'one_hot' must be int32 tensor, "
                                        "but got float32"):
        tf.one_hot(tf.tensor([1.0, 0.0]), 3)
    with pytest.raises(TypeError, match="must be int32 tensor, but got bool"):
        tf.one_hot(tf.tensor([True]), 3)
    with pytest.raises(ValueError, match="'one_hot': depth must be >= 2, but it is 1"):
        tf.one_hot(tf.tensor([0]), 1)
    with pytest.raises(TypeError, match="'one_hot': depth must be an int"):
        tf.one_hot(tf.tensor([0]), 2.0)


# ----------------------------------------------------------------------------- complex
def test_complex_real_imag(tf):
    c = tf.complex([1.0, 2.0], [3.0, 4.0])
    assert_close(c, [1 + 3j, 2 + 4j], dtype="complex64")
    assert_close(tf.real(c), [1.0, 2.0], dtype="float32")
    assert_close(tf.imag(c), [3.0, 4.0], dtype="float32")
    assert_close(tf.complex(tf.tensor([1, 2]), tf.tensor([-2, -1])), [1 - 2j, 2 - 1j])
    assert_close(tf.complex(tf.tensor([[1.5]]), tf.tensor([[math.nan]])).real(), [[1.5]])
    assert tf.complex(tf.zeros([0]), tf.zeros([0])).shape == (0,)
    # real/imag of a real tensor: the tensor itself / zeros (TF); TF.js's cpu backend throws
    assert_close(tf.real(tf.tensor([1.0, 2.0])), [1.0, 2.0])
    assert_close(tf.imag(tf.tensor([1, 2])), [0, 0], dtype="int32")


def test_complex_bad_args(tf):
    with pytest.raises(ValueError, match=r"'complex': real and imag shapes, \[2\] and \[1\]"):
        tf.complex([1.0, 2.0], [3.0])
    with pytest.raises(TypeError, match="'real' passed to 'complex' must be a real tensor"):
        tf.complex(tf.complex([1.0], [1.0]), [1.0])
    with pytest.raises(TypeError, match="'imag' passed to 'complex' must be numeric"):
        tf.complex([1.0], ["a"])


# ----------------------------------------------------------------------------- NumPy integer arguments
def test_numpy_int_arguments(tf):
    np = pytest.importorskip("numpy")
    n = np.int64(3)
    assert tf.zeros([n, 2]).shape == (3, 2)
    assert tf.ones(np.array([2, 3])).shape == (2, 3)
    assert tf.one_hot([0, 2], n).to_list() == [[1, 0, 0], [0, 0, 1]]
    assert tf.linspace(0, 1, n).to_list() == [0.0, 0.5, 1.0]
    with pytest.raises(TypeError, match="depth must be an int"):
        tf.one_hot([0], np.float64(2.5))

