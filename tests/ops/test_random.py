"""Random ops. Seeded values are TF.js 4.22's exactly (seedrandom's alea; checked with the
node oracle); unseeded draws are checked for shape, dtype, range and rough moments."""
from __future__ import annotations

import math

import pytest

from pytfjs.core import random as crand
from tests.helpers import assert_close


# ----------------------------------------------------------------------------- core PRNG
def test_alea_and_js_strings() -> None:
    rng = crand.Alea("42")
    assert [rng.next() for _ in range(2)] == pytest.approx([0.6848634963389486,
                                                            0.5463244677521288], abs=1e-15)
    assert crand.Alea("42").take(3) == crand.Alea("42").take(3)
    s = crand.js_number_to_string
    assert [s(1.0), s(-7), s(0.5), s(1e21), s(1.5e21), s(1e-7), s(1.25e-7), s(0.000001),
            s(123456789012.0), s(2 ** 40), s(-0.0), s(math.nan), s(-math.inf)] == [
        "1", "-7", "0.5", "1e+21", "1.5e+21", "1e-7", "1.25e-7", "0.000001", "123456789012",
        "1099511627776", "0", "NaN", "-Infinity"]
    assert crand.js_round(2.5) == 3 and crand.js_round(-2.5) == -2 and crand.js_round(-2.6) == -3
    assert crand.to_int32(3e9) == -1294967296 and crand.to_int32(-3.7) == -3
    assert crand.to_int32(math.nan) == 0


# ----------------------------------------------------------------------------- seeded = TF.js
def test_random_uniform_seeded_matches_tfjs(tf):
    assert_close(tf.random_uniform([6], -3, 5, "float32", 7),
                 [-0.08323852717876434, -2.9369521141052246, -1.4990369081497192,
                  1.053381323814392, -1.67507803440094, -2.0400147438049316], rtol=0, atol=0,
                 dtype="float32")
    assert_close(tf.random_uniform([6], -3, 5, "int32", 7), [0, -2, -1, 1, -1, -2],
                 dtype="int32")
    assert_close(tf.random_uniform([6], 0, 3, "bool", 7),
                 [True, False, False, True, False, False], dtype="bool")
    # float, str, huge and zero seeds go through JS's Number.toString
    assert tf.random_uniform([2], -3, 5, "float32", 1.5).to_list() == [0.9600328207015991,
                                                                       4.316798686981201]
    assert tf.random_uniform([2], -3, 5, "float32", "abc").to_list() == [0.8365135192871094,
                                                                         -0.3946234881877899]
    assert tf.random_uniform([2], -3, 5, "float32", 1e21).to_list() == [-2.0181987285614014,
                                                                        -1.2706482410430908]
    assert tf.random_uniform([3], 0, 1, "float32", 0).to_list() == [
        0.5945264101028442, 0.806584894657135, 0.12979769706726074]


def test_random_uniform_seeded_long_sequence(tf):
    vals = tf.random_uniform([2000], 0, 1, "float32", 5).to_list()
    assert vals[-2:] == [0.47662708163261414, 0.5854382514953613]
    assert vals == tf.random_uniform([2000], 0, 1, "float32", 5).to_list()
    assert vals != tf.random_uniform([2000], 0, 1, "float32", 6).to_list()


def test_random_normal_seeded_matches_tfjs(tf):
    assert_close(tf.random_normal([6], 1, 2, "float32", 7),
                 [-1.7421056032180786, 1.0585734844207764, -1.1843732595443726,
                  -1.3548396825790405, 3.601376533508301, 0.6095999479293823], rtol=0, atol=0)
    assert_close(tf.random_normal([6], 1, 2, "int32", 7), [-2, 1, -1, -1, 4, 1], dtype="int32")
    assert tf.random_normal([2], 1, 2, "float32", "abc").to_list() == [0.5235005021095276,
                                                                       -3.0647852420806885]
    assert tf.random_normal([51], 1, 2, "float32", 42).to_list()[-2:] == [
        -1.7627100944519043, -4.714685916900635]
    assert_close(tf.random_standard_normal([3], "float32", 7),
                 [-1.3710527420043945, 0.029286757111549377, -1.092186689376831], rtol=0, atol=0)


def test_truncated_normal_seeded_matches_tfjs(tf):
    assert_close(tf.truncated_normal([6], -1, 0.5, "float32", 7),
                 [-1.6855263710021973, -0.9853566288948059, -1.5460933446884155,
                  -1.5887099504470825, -0.3496558964252472, -1.097599983215332], rtol=0, atol=0)
    assert_close(tf.truncated_normal([6], 1, 3, "int32", 7), [-3, 1, -2, -3, 5, 0],
                 dtype="int32")
    assert tf.truncated_normal([51], 1, 3, "int32", 42).to_list()[-5:] == [0, 2, -3, -4, 3]
    vals = tf.truncated_normal([3001], 0, 1, "float32", 5).to_list()
    assert vals[-2:] == [-0.0531318336725235, 0.054444119334220886]
    assert all(-2 <= v <= 2 for v in vals)


def test_random_uniform_int_seeded_matches_tfjs(tf):
    assert_close(tf.random_uniform_int([6], -5, 5, 7), [-1, -4, -3, 0, -3, -3], dtype="int32")


# ----------------------------------------------------------------------------- unseeded
def test_random_uniform_unseeded(tf):
    t = tf.random_uniform([2000], -2, 3)
    assert t.shape == (2000,) and t.dtype == "float32"
    vals = t.to_list()
    assert all(-2 <= v <= 3 for v in vals) and abs(sum(vals) / 2000 - 0.5) < 0.2
    assert vals != tf.random_uniform([2000], -2, 3).to_list()
    ints = tf.random_uniform([1000], 0, 10, "int32").to_list()
    assert set(ints) <= set(range(10)) and len(set(ints)) == 10
    b = tf.random_uniform([100], 0, 2, "bool")
    assert b.dtype == "bool" and 0 < sum(b.to_list()) < 100
    s = tf.random_uniform([], 2, 3)
    assert s.shape == () and 2 <= s.item() <= 3
    assert tf.random_uniform([0, 3]).shape == (0, 3)


def test_random_normal_unseeded(tf):
    vals = tf.random_normal([4000], 3, 2).to_list()
    mean = sum(vals) / len(vals)
    std = math.sqrt(sum((v - mean) ** 2 for v in vals) / len(vals))
    assert abs(mean - 3) < 0.2 and abs(std - 2) < 0.2
    assert tf.random_normal([3], dtype="int32").dtype == "int32"
    assert tf.random_normal([2, 0]).shape == (2, 0)
    # seed 0 (falsy) means "no seed" for the normal samplers, as in TF.js
    assert tf.random_normal([50], seed=0).to_list() != tf.random_normal([50], seed=0).to_list()
    t = tf.random_standard_normal([2, 3])
    assert t.shape == (2, 3) and t.dtype == "float32"


def test_truncated_normal_unseeded(tf):
    vals = tf.truncated_normal([4000], 1, 0.5).to_list()
    assert all(0 <= v <= 2 for v in vals)
    assert abs(sum(vals) / len(vals) - 1) < 0.1
    ints = tf.truncated_normal([500], 0, 2, "int32").to_list()
    assert all(-4 <= v <= 4 for v in ints)
    assert tf.truncated_normal([3], 5, 0).to_list() == [5.0, 5.0, 5.0]


def test_random_bad_args(tf):
    with pytest.raises(ValueError, match="'random_uniform': shape must be non-negative"):
        tf.random_uniform([-1])
    with pytest.raises(TypeError, match="'random_uniform': dtype must be one of"):
        tf.random_uniform([2], dtype="complex64")
    with pytest.raises(TypeError, match="'random_normal': unsupported data type bool"):
        tf.random_normal([2], dtype="bool")
    with pytest.raises(TypeError, match="'random_standard_normal': unsupported data type bool"):
        tf.random_standard_normal([2], "bool")
    with pytest.raises(ValueError, match="'truncated_normal': std_dev must be >= 0"):
        tf.truncated_normal([2], 0, -1)
    with pytest.raises(TypeError, match="'random_uniform': seed must be a number or str"):
        tf.random_uniform([2], seed=[1])
    with pytest.raises(ValueError, match="'random_normal': mean must be finite"):
        tf.random_normal([2], math.nan)


def test_numpy_int_shape_and_seed(tf):
    np = pytest.importorskip("numpy")
    a = tf.random_normal([np.int64(3)], seed=np.int64(7))
    assert a.shape == (3,) and a.to_list() == tf.random_normal([3], seed=7).to_list()
    assert tf.random_uniform(np.array([2, 2]), seed=np.int32(1)).shape == (2, 2)
