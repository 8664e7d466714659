"""Tests for pytfjs.ops.logical (comparisons, logical ops, where).

Expected values in CASES were recorded with TF.js 4.22 (cpu backend) through the node oracle in
tools/oracle: (id, op, args, kwargs, (dtype, flat values, shape)); a tensor argument is
(dtype, flat values, shape).
"""
from __future__ import annotations

import math

import pytest

from tests.helpers import assert_close, check_case

NAN = float("nan")
INF = float("inf")


CASES = [
    ('equal/special', 'equal',
     [('float32', [1.0, 2.0, NAN, NAN, -0.0, INF, -INF, 3.0], [8]),
      ('float32', [2.0, 2.0, NAN, 1.0, 0.0, INF, INF, -INF], [8])],
     {}, ('bool', [False, True, False, False, True, True, False, False], [8])),
    ('equal/int32', 'equal', [('int32', [1, -2, 0, 0, 2], [5]), ('int32', [-1, 2, 2, 0, 2], [5])],
     {}, ('bool', [False, False, False, True, True], [5])),
    ('equal/bool', 'equal',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, False, False, True], [4])),
    ('equal/string', 'equal',
     [('string', ['a', 'b', 'B', '', 'ab'], [5]), ('string', ['a', 'a', 'a', 'a', 'abc'], [5])],
     {}, ('bool', [True, False, False, False, False], [5])),
    ('equal/bool_int32', 'equal', [('bool', [True, False, True], [3]), ('int32', [1, 0, 0], [3])],
     {}, ('bool', [True, True, False], [3])),
    ('equal/mixed', 'equal', [('int32', [1, 2, 3], [3]), ('float32', [1.5, 2.0, 2.5], [3])], {},
     ('bool', [False, True, False], [3])),
    ('equal/bcast', 'equal', [('int32', [1, 2, 3], [3, 1]), ('int32', [2, 3], [1, 2])], {},
     ('bool', [False, False, True, False, False, True], [3, 2])),
    ('equal/py_float', 'equal', [('float32', [1.0, 1.5, 2.0], [3]), 1.5], {},
     ('bool', [False, True, False], [3])),
    ('equal/empty', 'equal', [('float32', [], [0, 2]), ('float32', [1.0, 2.0], [2])], {},
     ('bool', [], [0, 2])),
    ('equal/rank0', 'equal', [('float32', [1.5], []), ('float32', [1.5], [])], {},
     ('bool', [True], [])),
    ('not_equal/special', 'not_equal',
     [('float32', [1.0, 2.0, NAN, NAN, -0.0, INF, -INF, 3.0], [8]),
      ('float32', [2.0, 2.0, NAN, 1.0, 0.0, INF, INF, -INF], [8])],
     {}, ('bool', [True, False, True, True, False, False, True, True], [8])),
    ('not_equal/int32', 'not_equal',
     [('int32', [1, -2, 0, 0, 2], [5]), ('int32', [-1, 2, 2, 0, 2], [5])], {},
     ('bool', [True, True, True, False, False], [5])),
    ('not_equal/bool', 'not_equal',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [False, True, True, False], [4])),
    ('not_equal/string', 'not_equal',
     [('string', ['a', 'b', 'B', '', 'ab'], [5]), ('string', ['a', 'a', 'a', 'a', 'abc'], [5])],
     {}, ('bool', [False, True, True, True, True], [5])),
    ('not_equal/bool_int32', 'not_equal',
     [('bool', [True, False, True], [3]), ('int32', [1, 0, 0], [3])], {},
     ('bool', [False, False, True], [3])),
    ('not_equal/mixed', 'not_equal',
     [('int32', [1, 2, 3], [3]), ('float32', [1.5, 2.0, 2.5], [3])], {},
     ('bool', [True, False, True], [3])),
    ('not_equal/bcast', 'not_equal', [('int32', [1, 2, 3], [3, 1]), ('int32', [2, 3], [1, 2])], {},
     ('bool', [True, True, False, True, True, False], [3, 2])),
    ('not_equal/py_float', 'not_equal', [('float32', [1.0, 1.5, 2.0], [3]), 1.5], {},
     ('bool', [True, False, True], [3])),
    ('not_equal/empty', 'not_equal', [('float32', [], [0, 2]), ('float32', [1.0, 2.0], [2])], {},
     ('bool', [], [0, 2])),
    ('not_equal/rank0', 'not_equal', [('float32', [1.5], []), ('float32', [1.5], [])], {},
     ('bool', [False], [])),
    ('greater/special', 'greater',
     [('float32', [1.0, 2.0, NAN, NAN, -0.0, INF, -INF, 3.0], [8]),
      ('float32', [2.0, 2.0, NAN, 1.0, 0.0, INF, INF, -INF], [8])],
     {}, ('bool', [False, False, False, False, False, False, False, True], [8])),
    ('greater/int32', 'greater',
     [('int32', [1, -2, 0, 0, 2], [5]), ('int32', [-1, 2, 2, 0, 2], [5])], {},
     ('bool', [True, False, False, False, False], [5])),
    ('greater/bool', 'greater',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [False, True, False, False], [4])),
    ('greater/string', 'greater',
     [('string', ['a', 'b', 'B', '', 'ab'], [5]), ('string', ['a', 'a', 'a', 'a', 'abc'], [5])],
     {}, ('bool', [False, True, False, False, False], [5])),
    ('greater/bool_int32', 'greater',
     [('bool', [True, False, True], [3]), ('int32', [1, 0, 0], [3])], {},
     ('bool', [False, False, True], [3])),
    ('greater/mixed', 'greater', [('int32', [1, 2, 3], [3]), ('float32', [1.5, 2.0, 2.5], [3])],
     {}, ('bool', [False, False, True], [3])),
    ('greater/bcast', 'greater', [('int32', [1, 2, 3], [3, 1]), ('int32', [2, 3], [1, 2])], {},
     ('bool', [False, False, False, False, True, False], [3, 2])),
    ('greater/py_float', 'greater', [('float32', [1.0, 1.5, 2.0], [3]), 1.5], {},
     ('bool', [False, False, True], [3])),
    ('greater/empty', 'greater', [('float32', [], [0, 2]), ('float32', [1.0, 2.0], [2])], {},
     ('bool', [], [0, 2])),
    ('greater/rank0', 'greater', [('float32', [1.5], []), ('float32', [1.5], [])], {},
     ('bool', [False], [])),
    ('greater_equal/special', 'greater_equal',
     [('float32', [1.0, 2.0, NAN, NAN, -0.0, INF, -INF, 3.0], [8]),
      ('float32', [2.0, 2.0, NAN, 1.0, 0.0, INF, INF, -INF], [8])],
     {}, ('bool', [False, True, False, False, True, True, False, True], [8])),
    ('greater_equal/int32', 'greater_equal',
     [('int32', [1, -2, 0, 0, 2], [5]), ('int32', [-1, 2, 2, 0, 2], [5])], {},
     ('bool', [True, False, False, True, True], [5])),
    ('greater_equal/bool', 'greater_equal',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, True, False, True], [4])),
    ('greater_equal/string', 'greater_equal',
     [('string', ['a', 'b', 'B', '', 'ab'], [5]), ('string', ['a', 'a', 'a', 'a', 'abc'], [5])],
     {}, ('bool', [True, True, False, False, False], [5])),
    ('greater_equal/bool_int32', 'greater_equal',
     [('bool', [True, False, True], [3]), ('int32', [1, 0, 0], [3])], {},
     ('bool', [True, True, True], [3])),
    ('greater_equal/mixed', 'greater_equal',
     [('int32', [1, 2, 3], [3]), ('float32', [1.5, 2.0, 2.5], [3])], {},
     ('bool', [False, True, True], [3])),
    ('greater_equal/bcast', 'greater_equal',
     [('int32', [1, 2, 3], [3, 1]), ('int32', [2, 3], [1, 2])], {},
     ('bool', [False, False, True, False, True, True], [3, 2])),
    ('greater_equal/py_float', 'greater_equal', [('float32', [1.0, 1.5, 2.0], [3]), 1.5], {},
     ('bool', [False, True, True], [3])),
    ('greater_equal/empty', 'greater_equal',
     [('float32', [], [0, 2]), ('float32', [1.0, 2.0], [2])], {}, ('bool', [], [0, 2])),
    ('greater_equal/rank0', 'greater_equal', [('float32', [1.5], []), ('float32', [1.5], [])], {},
     ('bool', [True], [])),
    ('less/special', 'less',
     [('float32', [1.0, 2.0, NAN, NAN, -0.0, INF, -INF, 3.0], [8]),
      ('float32', [2.0, 2.0, NAN, 1.0, 0.0, INF, INF, -INF], [8])],
     {}, ('bool', [True, False, False, False, False, False, True, False], [8])),
    ('less/int32', 'less', [('int32', [1, -2, 0, 0, 2], [5]), ('int32', [-1, 2, 2, 0, 2], [5])],
     {}, ('bool', [False, True, True, False, False], [5])),
    ('less/bool', 'less',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [False, False, True, False], [4])),
    ('less/string', 'less',
     [('string', ['a', 'b', 'B', '', 'ab'], [5]), ('string', ['a', 'a', 'a', 'a', 'abc'], [5])],
     {}, ('bool', [False, False, True, True, True], [5])),
    ('less/bool_int32', 'less', [('bool', [True, False, True], [3]), ('int32', [1, 0, 0], [3])],
     {}, ('bool', [False, False, False], [3])),
    ('less/mixed', 'less', [('int32', [1, 2, 3], [3]), ('float32', [1.5, 2.0, 2.5], [3])], {},
     ('bool', [True, False, False], [3])),
    ('less/bcast', 'less', [('int32', [1, 2, 3], [3, 1]), ('int32', [2, 3], [1, 2])], {},
     ('bool', [True, True, False, True, False, False], [3, 2])),
    ('less/py_float', 'less', [('float32', [1.0, 1.5, 2.0], [3]), 1.5], {},
     ('bool', [True, False, False], [3])),
    ('less/empty', 'less', [('float32', [], [0, 2]), ('float32', [1.0, 2.0], [2])], {},
     ('bool', [], [0, 2])),
    ('less/rank0', 'less', [('float32', [1.5], []), ('float32', [1.5], [])], {},
     ('bool', [False], [])),
    ('less_equal/special', 'less_equal',
     [('float32', [1.0, 2.0, NAN, NAN, -0.0, INF, -INF, 3.0], [8]),
      ('float32', [2.0, 2.0, NAN, 1.0, 0.0, INF, INF, -INF], [8])],
     {}, ('bool', [True, True, False, False, True, True, True, False], [8])),
    ('less_equal/int32', 'less_equal',
     [('int32', [1, -2, 0, 0, 2], [5]), ('int32', [-1, 2, 2, 0, 2], [5])], {},
     ('bool', [False, True, True, True, True], [5])),
    ('less_equal/bool', 'less_equal',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, False, True, True], [4])),
    ('less_equal/string', 'less_equal',
     [('string', ['a', 'b', 'B', '', 'ab'], [5]), ('string', ['a', 'a', 'a', 'a', 'abc'], [5])],
     {}, ('bool', [True, False, True, True, True], [5])),
    ('less_equal/bool_int32', 'less_equal',
     [('bool', [True, False, True], [3]), ('int32', [1, 0, 0], [3])], {},
     ('bool', [True, True, False], [3])),
    ('less_equal/mixed', 'less_equal',
     [('int32', [1, 2, 3], [3]), ('float32', [1.5, 2.0, 2.5], [3])], {},
     ('bool', [True, True, False], [3])),
    ('less_equal/bcast', 'less_equal', [('int32', [1, 2, 3], [3, 1]), ('int32', [2, 3], [1, 2])],
     {}, ('bool', [True, True, True, True, False, True], [3, 2])),
    ('less_equal/py_float', 'less_equal', [('float32', [1.0, 1.5, 2.0], [3]), 1.5], {},
     ('bool', [True, True, False], [3])),
    ('less_equal/empty', 'less_equal', [('float32', [], [0, 2]), ('float32', [1.0, 2.0], [2])], {},
     ('bool', [], [0, 2])),
    ('less_equal/rank0', 'less_equal', [('float32', [1.5], []), ('float32', [1.5], [])], {},
     ('bool', [True], [])),
    ('logical_and/truth_table', 'logical_and',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, False, False, False], [4])),
    ('logical_and/bcast', 'logical_and',
     [('bool', [True, False], [2, 1]), ('bool', [True, False, True], [1, 3])], {},
     ('bool', [True, False, True, False, False, False], [2, 3])),
    ('logical_and/rank0', 'logical_and', [('bool', [True, False], [2]), ('bool', [True], [])], {},
     ('bool', [True, False], [2])),
    ('logical_and/empty', 'logical_and', [('bool', [], [0]), ('bool', [True], [])], {},
     ('bool', [], [0])),
    ('logical_or/truth_table', 'logical_or',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, True, True, False], [4])),
    ('logical_or/bcast', 'logical_or',
     [('bool', [True, False], [2, 1]), ('bool', [True, False, True], [1, 3])], {},
     ('bool', [True, True, True, True, False, True], [2, 3])),
    ('logical_or/rank0', 'logical_or', [('bool', [True, False], [2]), ('bool', [True], [])], {},
     ('bool', [True, True], [2])),
    ('logical_or/empty', 'logical_or', [('bool', [], [0]), ('bool', [True], [])], {},
     ('bool', [], [0])),
    ('logical_xor/truth_table', 'logical_xor',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [False, True, True, False], [4])),
    ('logical_xor/bcast', 'logical_xor',
     [('bool', [True, False], [2, 1]), ('bool', [True, False, True], [1, 3])], {},
     ('bool', [False, True, False, True, False, True], [2, 3])),
    ('logical_xor/rank0', 'logical_xor', [('bool', [True, False], [2]), ('bool', [True], [])], {},
     ('bool', [False, True], [2])),
    ('logical_xor/empty', 'logical_xor', [('bool', [], [0]), ('bool', [True], [])], {},
     ('bool', [], [0])),
    ('logical_not/basic', 'logical_not', [('bool', [True, False, True, False], [2, 2])], {},
     ('bool', [False, True, False, True], [2, 2])),
    ('logical_not/empty', 'logical_not', [('bool', [], [0])], {}, ('bool', [], [0])),
    ('where/same', 'where',
     [('bool', [True, False, True], [3]), ('float32', [1.0, 2.0, 3.0], [3]),
      ('float32', [4.0, 5.0, 6.0], [3])],
     {}, ('float32', [1.0, 5.0, 3.0], [3])),
    ('where/bcast3', 'where',
     [('bool', [True, False], [2, 1]), ('float32', [1.0, 2.0, 3.0], [1, 3]),
      ('float32', [9.0], [1])],
     {}, ('float32', [1.0, 2.0, 3.0, 9.0, 9.0, 9.0], [2, 3])),
    ('where/cond_last_axis', 'where',
     [('bool', [True, False], [2]), ('float32', [1.0, 2.0, 3.0, 4.0], [2, 2]),
      ('float32', [5.0, 6.0, 7.0, 8.0], [2, 2])],
     {}, ('float32', [1.0, 6.0, 3.0, 8.0], [2, 2])),
    ('where/cond_bcast_up', 'where',
     [('bool', [True, False, True, False, True, False], [2, 3]), ('float32', [1.0, 2.0, 3.0], [3]),
      ('float32', [0.0], [])],
     {}, ('float32', [1.0, 0.0, 3.0, 0.0, 2.0, 0.0], [2, 3])),
    ('where/mixed_dtypes', 'where',
     [('bool', [True, False], [2]), ('int32', [1, 2], [2]), ('float32', [3.5, 4.5], [2])], {},
     ('float32', [1.0, 4.5], [2])),
    ('where/int32', 'where',
     [('bool', [False, True, False], [3]), ('int32', [1, 2, 3], [3]),
      ('int32', [-1, -2, -3], [3])],
     {}, ('int32', [-1, 2, -3], [3])),
    ('where/bool_values', 'where',
     [('bool', [False, True, False], [3]), ('bool', [True, True, False], [3]),
      ('bool', [False, False, True], [3])],
     {}, ('bool', [False, True, True], [3])),
    ('where/scalar_cond', 'where',
     [('bool', [False], []), ('float32', [1.0, 2.0], [2]), ('float32', [3.0, 4.0], [2])], {},
     ('float32', [3.0, 4.0], [2])),
    ('where/NAN', 'where',
     [('bool', [True, False], [2]), ('float32', [NAN, 1.0], [2]), ('float32', [3.0, NAN], [2])],
     {}, ('float32', [NAN, NAN], [2])),
    ('where/empty', 'where',
     [('bool', [], [0, 3]), ('float32', [], [0, 3]), ('float32', [], [0, 3])], {},
     ('float32', [], [0, 3])),
]


@pytest.mark.parametrize("case_id,py_name,args,kwargs,expected", CASES, ids=[c[0] for c in CASES])
def test_case(tf, case_id, py_name, args, kwargs, expected):
    check_case(tf, py_name, args, kwargs, expected)


COMPARISONS = ["equal", "not_equal", "greater", "greater_equal", "less", "less_equal"]
LOGICAL = ["logical_and", "logical_or", "logical_xor"]


@pytest.mark.parametrize("name", COMPARISONS + LOGICAL)
def test_broadcast_error(tf, name):
    a, b = tf.tensor([True, False, True]), tf.tensor([True, False])
    with pytest.raises(ValueError, match=rf"could not be broadcast together with shapes \[3\] and "
                                         rf"\[2\] in '{name}'"):
        getattr(tf, name)(a, b)


@pytest.mark.parametrize("name", COMPARISONS)
def test_compare_string_with_number_error(tf, name):
    with pytest.raises(TypeError, match=f"'{name}': the dtypes of 'a' \\(string\\) and 'b' "
                                        f"\\(int32\\) cannot be combined"):
        getattr(tf, name)(tf.tensor(["a"]), tf.tensor([1]))


@pytest.mark.parametrize("name", COMPARISONS)
def test_compare_complex_error(tf, name):
    with pytest.raises(TypeError, match=f"'{name}' does not support complex64"):
        getattr(tf, name)(tf.tensor([1j]), tf.tensor([1j]))


@pytest.mark.parametrize("name", LOGICAL)
def test_logical_requires_bool(tf, name):
    with pytest.raises(TypeError, match=f"'a' passed to '{name}' must be bool tensor, but got "
                                        f"int32 tensor"):
        getattr(tf, name)(tf.tensor([1, 0]), tf.tensor([True, True]))
    with pytest.raises(TypeError, match=f"'b' passed to '{name}' must be bool tensor, but got "
                                        f"float32 tensor"):
        getattr(tf, name)(tf.tensor([True]), tf.tensor([1.0]))


def test_logical_not_requires_bool(tf):
    with pytest.raises(TypeError, match="'x' passed to 'logical_not' must be bool tensor, but got "
                                        "int32 tensor"):
        tf.logical_not(tf.tensor([1, 0]))


def test_logical_tensorlike_is_read_as_bool(tf):
    assert_close(tf.logical_and([True, False], True), [True, False], dtype="bool")
    assert_close(tf.logical_not([[True], [False]]), [[False], [True]], dtype="bool")


def test_string_compare_with_python_str(tf):
    words = tf.tensor(["apple", "fig", "kiwi"])
    assert_close(words == "fig", [False, True, False], dtype="bool")
    assert_close(words < "b", [True, False, False], dtype="bool")


def test_operators(tf):
    t = tf.tensor([[-1.0, 0.0], [2.0, float("nan")]])
    assert_close(t > 0, [[False, False], [True, False]], dtype="bool")
    assert_close(t >= 0, [[False, True], [True, False]], dtype="bool")
    assert_close(t < 0, [[True, False], [False, False]], dtype="bool")
    assert_close(t <= 0, [[True, True], [False, False]], dtype="bool")
    assert_close(t == 2, [[False, False], [True, False]], dtype="bool")
    assert_close(t != 2, [[True, True], [False, True]], dtype="bool")
    assert_close(0 < t, [[False, False], [True, False]], dtype="bool")  # reflected: t > 0
    mask = tf.tensor([True, False, True])
    other = tf.tensor([True, True, False])
    assert_close(~mask, [False, True, False], dtype="bool")
    assert_close(mask & other, [True, False, False], dtype="bool")
    assert_close(mask | other, [True, True, True], dtype="bool")
    assert_close(mask ^ other, [False, True, True], dtype="bool")
    assert_close(True & mask, [True, False, True], dtype="bool")


def test_where_errors(tf):
    with pytest.raises(TypeError, match="'condition' passed to 'where' must be bool tensor, but "
                                        "got int32 tensor"):
        tf.where(tf.tensor([1, 0]), tf.tensor([1.0, 2.0]), tf.tensor([3.0, 4.0]))
    with pytest.raises(ValueError, match=r"could not be broadcast together with shapes \[3\] and "
                                         r"\[2\] in 'where'"):
        tf.where(tf.tensor([True, False, True]), tf.tensor([1.0, 2.0]), tf.tensor([3.0, 4.0]))
    with pytest.raises(ValueError, match="could not be broadcast.*'where'"):
        tf.where(tf.tensor([True, False]), tf.tensor([[1.0, 2.0, 3.0]]), tf.tensor([1.0]))
    with pytest.raises(TypeError, match="'a' passed to 'where' must be numeric tensor"):
        tf.where(tf.tensor([True]), tf.tensor(["a"]), tf.tensor(["b"]))
    with pytest.raises(TypeError, match="'where' does not support complex64"):
        tf.where(tf.tensor([True]), tf.tensor([1j]), tf.tensor([2j]))


def test_where_keeps_special_values_and_broadcasts_the_condition(tf):
    # TF.js 4.22 (cpu): values pass through exactly (NaN, infinities, -0), whatever the dtype;
    # the condition may have a larger shape than both operands.
    out = tf.where(tf.tensor([[True], [False]]), tf.tensor([NAN, -0.0, INF]),
                   tf.tensor([-INF, 2.0, -0.0]))
    assert_close(out, [[NAN, -0.0, INF], [-INF, 2.0, -0.0]], dtype="float32", shape=(2, 3))
    rows = out.to_list()
    assert math.copysign(1.0, rows[0][1]) == math.copysign(1.0, rows[1][2]) == -1.0
    out = tf.where(tf.tensor([[True, False], [False, True]]), tf.scalar(3), tf.scalar(-4))
    assert_close(out, [[3, -4], [-4, 3]], dtype="int32", shape=(2, 2))
    out = tf.where(tf.tensor([True, False, True]), tf.tensor([True, True, False]),
                   tf.tensor([False, False, False]))
    assert_close(out, [True, False, False], dtype="bool")
    out = tf.where(tf.tensor(True), tf.scalar(1.5), tf.scalar(2.5))
    assert_close(out, 1.5, dtype="float32", shape=())
    out = tf.where(tf.zeros([2, 0], "bool"), tf.zeros([0]), tf.ones([1, 0]))
    assert out.shape == (2, 0)


def test_where_python_values(tf):
    out = tf.where([True, False], [1, 2], [3, 4])
    assert_close(out, [1, 4], dtype="int32")  # Python ints infer int32 (TF.js: float32)
    out = tf.where(tf.tensor([True, False]), tf.tensor([1.5, 2.5]), 0)
    assert_close(out, [1.5, 0.0], dtype="float32")


def test_comparison_methods(tf):
    t = tf.tensor([1, 2, 3])
    assert_close(t.greater(2), [False, False, True])
    assert_close(t.less_equal(2).logical_not(), [False, False, True])
