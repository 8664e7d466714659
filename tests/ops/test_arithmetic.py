"""Tests for pytfjs.ops.arithmetic (binary elementwise math with broadcasting, add_n).

Expected values in CASES were recorded with TF.js 4.22 (cpu backend) through the node oracle in
tools/oracle: (id, op, args, kwargs, (dtype, flat values, shape)); a tensor argument is
(dtype, flat values, shape). ``*/py_int`` cases were recorded with an int32 scalar tensor in
place of the Python int (pytfjs: a Python int beside an int32 tensor is int32).
"""
from __future__ import annotations

import pytest

from tests.helpers import assert_close, check_case

NAN = float("nan")
INF = float("inf")


CASES = [
    ('add/special', 'add',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {}, ('float32', [-5.5, -9.0, 5.0, 9.5, 0.0, -3.0, NAN, INF, NAN, 3.0, 5.0, -5.0], [12])),
    ('add/int32', 'add',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [-5, -9, 5, 9, 0, -3, 3, -3, 5, 4], [10])),
    ('add/bool', 'add',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, True, True, False], [4])),
    ('add/bcast', 'add',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32', [2.0, 4.5, -2.5, -1.75, 0.75, -6.25], [2, 3])),
    ('add/bcast_int32', 'add', [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [9, -6, 11, 4, -11, 6], [2, 3])),
    ('add/mixed', 'add', [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('float32', [9.0, -4.5, 2.5], [3])),
    ('add/bool_int32', 'add', [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [3, 3, 0], [3])),
    ('add/py_float', 'add', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [2.75, -2.0, 5.5], [3])),
    ('add/py_float_lhs', 'add', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [2.75, -2.0, 5.5], [3])),
    ('add/py_int', 'add', [('int32', [5, -6, 7], [3]), 2], {}, ('int32', [7, -4, 9], [3])),
    ('add/empty', 'add', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {},
     ('float32', [], [0, 3])),
    ('add/rank0', 'add', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [1.0], [])),
    ('sub/special', 'sub',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {}, ('float32', [-9.5, -5.0, 9.0, 5.5, 0.0, 3.0, NAN, INF, -INF, -3.0, 5.0, -5.0], [12])),
    ('sub/int32', 'sub',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [-9, -5, 9, 5, 0, 3, 3, -3, -1, 6], [10])),
    ('sub/bool', 'sub',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [False, True, True, False], [4])),
    ('sub/bcast', 'sub',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32', [1.0, -1.5, 5.5, -2.75, -5.25, 1.75], [2, 3])),
    ('sub/bcast_int32', 'sub', [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [5, -10, 7, 10, -5, 12], [2, 3])),
    ('sub/mixed', 'sub', [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('float32', [5.0, -9.5, 3.5], [3])),
    ('sub/bool_int32', 'sub', [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [-1, -3, 2], [3])),
    ('sub/py_float', 'sub', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [-0.25, -5.0, 2.5], [3])),
    ('sub/py_float_lhs', 'sub', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [0.25, 5.0, -2.5], [3])),
    ('sub/py_int', 'sub', [('int32', [5, -6, 7], [3]), 2], {}, ('int32', [3, -8, 5], [3])),
    ('sub/empty', 'sub', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {},
     ('float32', [], [0, 3])),
    ('sub/rank0', 'sub', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [4.0], [])),
    ('mul/special', 'mul',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {},
     ('float32', [-15.0, 14.0, -14.0, 15.0, 0.0, -0.0, NAN, INF, -INF, -0.0, 0.0, -0.0], [12])),
    ('mul/int32', 'mul',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [-14, 14, -14, 14, 0, 0, 0, 0, 6, -5], [10])),
    ('mul/bool', 'mul',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, False, False, False], [4])),
    ('mul/bcast', 'mul',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32', [0.75, 4.5, -6.0, -1.125, -6.75, 9.0], [2, 3])),
    ('mul/bcast_int32', 'mul', [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [14, -16, 18, -21, 24, -27], [2, 3])),
    ('mul/mixed', 'mul', [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('float32', [14.0, -17.5, -1.5], [3])),
    ('mul/bool_int32', 'mul', [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [2, 0, -1], [3])),
    ('mul/py_float', 'mul', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [1.875, -5.25, 6.0], [3])),
    ('mul/py_float_lhs', 'mul', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [1.875, -5.25, 6.0], [3])),
    ('mul/py_int', 'mul', [('int32', [5, -6, 7], [3]), 2], {}, ('int32', [10, -12, 14], [3])),
    ('mul/empty', 'mul', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {},
     ('float32', [], [0, 3])),
    ('mul/rank0', 'mul', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [-3.75], [])),
    ('div/special', 'div',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {}, ('float32', [-3.75, 3.5, -3.5, 3.75, NAN, -0.0, NAN, INF, NAN, -0.0, INF, -INF], [12])),
    ('div/int32', 'div',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [-4, 3, -4, 3, 0, 0, 0, 0, 0, -5], [10])),
    ('div/bool', 'div',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, False, False, False], [4])),
    ('div/bcast', 'div',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32', [3.0, 0.5, -0.375, -4.5, -0.75, 0.5625], [2, 3])),
    ('div/bcast_int32', 'div', [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [3, -4, 4, -3, 2, -3], [2, 3])),
    ('div/mixed', 'div', [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('float32', [3.5, -2.799999952316284, -6.0], [3])),
    ('div/bool_int32', 'div', [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [0, 0, -1], [3])),
    ('div/py_float', 'div', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [0.8333333134651184, -2.3333332538604736, 2.6666667461395264], [3])),
    ('div/py_float_lhs', 'div', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [1.2000000476837158, -0.4285714328289032, 0.375], [3])),
    ('div/py_int', 'div', [('int32', [5, -6, 7], [3]), 2], {}, ('int32', [2, -3, 3], [3])),
    ('div/empty', 'div', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {},
     ('float32', [], [0, 3])),
    ('div/rank0', 'div', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [-1.6666666269302368], [])),
    ('div_no_nan/special', 'div_no_nan',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {}, ('float32', [-3.75, 3.5, -3.5, 3.75, 0.0, -0.0, NAN, INF, NAN, -0.0, 0.0, 0.0], [12])),
    ('div_no_nan/int32', 'div_no_nan',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [-4, 3, -4, 3, 0, 0, 0, 0, 0, -5], [10])),
    ('div_no_nan/bool', 'div_no_nan',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, False, False, False], [4])),
    ('div_no_nan/bcast', 'div_no_nan',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32', [3.0, 0.5, -0.375, -4.5, -0.75, 0.5625], [2, 3])),
    ('div_no_nan/bcast_int32', 'div_no_nan',
     [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [3, -4, 4, -3, 2, -3], [2, 3])),
    ('div_no_nan/mixed', 'div_no_nan',
     [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('float32', [3.5, -2.799999952316284, -6.0], [3])),
    ('div_no_nan/bool_int32', 'div_no_nan',
     [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [0, 0, -1], [3])),
    ('div_no_nan/py_float', 'div_no_nan', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [0.8333333134651184, -2.3333332538604736, 2.6666667461395264], [3])),
    ('div_no_nan/py_float_lhs', 'div_no_nan', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [1.2000000476837158, -0.4285714328289032, 0.375], [3])),
    ('div_no_nan/py_int', 'div_no_nan', [('int32', [5, -6, 7], [3]), 2], {},
     ('int32', [2, -3, 3], [3])),
    ('div_no_nan/empty', 'div_no_nan',
     [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {}, ('float32', [], [0, 3])),
    ('div_no_nan/rank0', 'div_no_nan', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [-1.6666666269302368], [])),
    ('floor_div/special', 'floor_div',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {}, ('int32', [-4, 3, -4, 3, 0, 0, 0, 0, 0, 0, 0, 0], [12])),
    ('floor_div/int32', 'floor_div',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [-4, 3, -4, 3, 0, 0, 0, 0, 0, -5], [10])),
    ('floor_div/bool', 'floor_div',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('int32', [1, 0, 0, 0], [4])),
    ('floor_div/bcast', 'floor_div',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('int32', [3, 0, -1, -5, -1, 0], [2, 3])),
    ('floor_div/bcast_int32', 'floor_div',
     [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [3, -4, 4, -3, 2, -3], [2, 3])),
    ('floor_div/mixed', 'floor_div',
     [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('int32', [3, -3, -6], [3])),
    ('floor_div/bool_int32', 'floor_div',
     [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [0, 0, -1], [3])),
    ('floor_div/py_float', 'floor_div', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('int32', [0, -3, 2], [3])),
    ('floor_div/py_float_lhs', 'floor_div', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('int32', [1, -1, 0], [3])),
    ('floor_div/py_int', 'floor_div', [('int32', [5, -6, 7], [3]), 2], {},
     ('int32', [2, -3, 3], [3])),
    ('floor_div/empty', 'floor_div', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])],
     {}, ('int32', [], [0, 3])),
    ('floor_div/rank0', 'floor_div', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('int32', [-2], [])),
    ('mod/special', 'mod',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {}, ('float32', [0.5, -1.0, -1.0, 1.5, NAN, -0.0, NAN, NAN, NAN, -0.0, NAN, NAN], [12])),
    ('mod/int32', 'mod',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [1, -1, -1, 1, 0, 0, 0, 0, 2, 0], [10])),
    ('mod/bool', 'mod',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [False, False, False, False], [4])),
    ('mod/bcast', 'mod',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32', [0.0, 1.5, -2.5, 0.25, 0.75, -2.25], [2, 3])),
    ('mod/bcast_int32', 'mod', [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [1, 0, 1, -2, -2, 0], [2, 3])),
    ('mod/mixed', 'mod', [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('float32', [1.0, 0.5, -0.0], [3])),
    ('mod/bool_int32', 'mod', [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [1, 0, 0], [3])),
    ('mod/py_float', 'mod', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [1.25, 1.0, 1.0], [3])),
    ('mod/py_float_lhs', 'mod', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [0.25, -2.0, 1.5], [3])),
    ('mod/py_int', 'mod', [('int32', [5, -6, 7], [3]), 2], {}, ('int32', [1, 0, 1], [3])),
    ('mod/empty', 'mod', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {},
     ('float32', [], [0, 3])),
    ('mod/rank0', 'mod', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [-0.5], [])),
    ('pow/special', 'pow',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {},
     ('float32',
      [56.25, 0.020408162847161293, 0.020408162847161293, 56.25, 1.0, INF, NAN, INF, INF, -0.0,
       1.0, 1.0],
      [12])),
    ('pow/int32', 'pow',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [49, 0, 0, 49, 1, 0, 1, 1, 8, 0], [10])),
    ('pow/bool', 'pow',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [True, True, False, True], [4])),
    ('pow/bcast', 'pow',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32',
      [1.2247449159622192, 3.375, 0.1975308656692505, NAN, -11.390625, 0.03901844099164009],
      [2, 3])),
    ('pow/bcast_int32', 'pow', [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [49, 64, 81, 0, 0, 0], [2, 3])),
    ('pow/mixed', 'pow', [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('float32', [49.0, NAN, 0.5773502588272095], [3])),
    ('pow/bool_int32', 'pow', [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [1, 0, 1], [3])),
    ('pow/py_float', 'pow', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [1.3975424766540527, NAN, 8.0], [3])),
    ('pow/py_float_lhs', 'pow', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [1.6600228548049927, 0.24192491173744202, 5.0625], [3])),
    ('pow/py_int', 'pow', [('int32', [5, -6, 7], [3]), 2], {}, ('int32', [25, 36, 49], [3])),
    ('pow/empty', 'pow', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {},
     ('float32', [], [0, 3])),
    ('pow/rank0', 'pow', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [0.2529821991920471], [])),
    ('maximum/special', 'maximum',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {}, ('float32', [2.0, -2.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, INF, 3.0, 5.0, 0.0], [12])),
    ('maximum/int32', 'maximum',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [2, -2, 7, 7, 0, 0, 3, 0, 3, 5], [10])),
    ('maximum/bool', 'maximum',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('int32', [1, 1, 1, 0], [4])),
    ('maximum/bcast', 'maximum',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32', [1.5, 3.0, 1.5, 0.5, 3.0, -2.25], [2, 3])),
    ('maximum/bcast_int32', 'maximum', [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])],
     {}, ('int32', [7, 2, 9, 7, -3, 9], [2, 3])),
    ('maximum/mixed', 'maximum', [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])],
     {}, ('float32', [7.0, 2.5, 3.0], [3])),
    ('maximum/bool_int32', 'maximum',
     [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [2, 3, 1], [3])),
    ('maximum/py_float', 'maximum', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [1.5, 1.5, 4.0], [3])),
    ('maximum/py_float_lhs', 'maximum', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [1.5, 1.5, 4.0], [3])),
    ('maximum/py_int', 'maximum', [('int32', [5, -6, 7], [3]), 2], {}, ('int32', [5, 2, 7], [3])),
    ('maximum/empty', 'maximum', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {},
     ('float32', [], [0, 3])),
    ('maximum/rank0', 'maximum', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [2.5], [])),
    ('minimum/special', 'minimum',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {}, ('float32', [-7.5, -7.0, -2.0, 2.0, 0.0, -3.0, NAN, 2.0, -INF, -0.0, 0.0, -5.0], [12])),
    ('minimum/int32', 'minimum',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [-7, -7, -2, 2, 0, -3, 0, -3, 2, -1], [10])),
    ('minimum/bool', 'minimum',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('int32', [1, 0, 0, 0], [4])),
    ('minimum/bcast', 'minimum',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32', [0.5, 1.5, -4.0, -2.25, -2.25, -4.0], [2, 3])),
    ('minimum/bcast_int32', 'minimum', [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])],
     {}, ('int32', [2, -8, 2, -3, -8, -3], [2, 3])),
    ('minimum/mixed', 'minimum', [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])],
     {}, ('float32', [2.0, -7.0, -0.5], [3])),
    ('minimum/bool_int32', 'minimum',
     [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [1, 0, -1], [3])),
    ('minimum/py_float', 'minimum', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [1.25, -3.5, 1.5], [3])),
    ('minimum/py_float_lhs', 'minimum', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [1.25, -3.5, 1.5], [3])),
    ('minimum/py_int', 'minimum', [('int32', [5, -6, 7], [3]), 2], {}, ('int32', [2, -6, 2], [3])),
    ('minimum/empty', 'minimum', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {},
     ('float32', [], [0, 3])),
    ('minimum/rank0', 'minimum', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [-1.5], [])),
    ('squared_difference/special', 'squared_difference',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {}, ('float32', [90.25, 25.0, 81.0, 30.25, 0.0, 9.0, NAN, INF, INF, 9.0, 25.0, 25.0], [12])),
    ('squared_difference/int32', 'squared_difference',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [81, 25, 81, 25, 0, 9, 9, 9, 1, 36], [10])),
    ('squared_difference/bool', 'squared_difference',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [False, True, True, False], [4])),
    ('squared_difference/bcast', 'squared_difference',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32', [1.0, 2.25, 30.25, 7.5625, 27.5625, 3.0625], [2, 3])),
    ('squared_difference/bcast_int32', 'squared_difference',
     [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [25, 100, 49, 100, 25, 144], [2, 3])),
    ('squared_difference/mixed', 'squared_difference',
     [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('float32', [25.0, 90.25, 12.25], [3])),
    ('squared_difference/bool_int32', 'squared_difference',
     [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])], {},
     ('int32', [1, 9, 4], [3])),
    ('squared_difference/py_float', 'squared_difference',
     [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {}, ('float32', [0.0625, 25.0, 6.25], [3])),
    ('squared_difference/py_float_lhs', 'squared_difference',
     [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {}, ('float32', [0.0625, 25.0, 6.25], [3])),
    ('squared_difference/py_int', 'squared_difference', [('int32', [5, -6, 7], [3]), 2], {},
     ('int32', [9, 64, 25], [3])),
    ('squared_difference/empty', 'squared_difference',
     [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {}, ('float32', [], [0, 3])),
    ('squared_difference/rank0', 'squared_difference',
     [('float32', [2.5], []), ('float32', [-1.5], [])], {}, ('float32', [16.0], [])),
    ('atan2/special', 'atan2',
     [('float32', [-7.5, -7.0, 7.0, 7.5, 0.0, 0.0, NAN, INF, -INF, -0.0, 5.0, -5.0], [12]),
      ('float32', [2.0, -2.0, -2.0, 2.0, 0.0, -3.0, 1.0, 2.0, INF, 3.0, 0.0, 0.0], [12])],
     {},
     ('float32',
      [-1.3101938962936401, -1.8490959405899048, 1.8490959405899048, 1.3101938962936401, 0.0,
       3.1415927410125732, NAN, 1.5707963705062866, -0.7853981852531433, -0.0, 1.5707963705062866,
       -1.5707963705062866],
      [12])),
    ('atan2/int32', 'atan2',
     [('int32', [-7, -7, 7, 7, 0, 0, 3, -3, 2, 5], [10]),
      ('int32', [2, -2, -2, 2, 0, -3, 0, 0, 3, -1], [10])],
     {}, ('int32', [-1, -1, 1, 1, 0, 3, 1, -1, 0, 1], [10])),
    ('atan2/bool', 'atan2',
     [('bool', [True, True, False, False], [4]), ('bool', [True, False, True, False], [4])], {},
     ('bool', [False, True, False, False], [4])),
    ('atan2/bcast', 'atan2',
     [('float32', [1.5, -2.25], [2, 1]), ('float32', [0.5, 3.0, -4.0], [1, 3])], {},
     ('float32',
      [1.249045729637146, 0.46364760398864746, 2.7828218936920166, -1.3521274328231812,
       -0.6435011029243469, -2.6292030811309814],
      [2, 3])),
    ('atan2/bcast_int32', 'atan2', [('int32', [7, -8, 9], [3]), ('int32', [2, -3], [2, 1])], {},
     ('int32', [1, -1, 1, 1, -1, 1], [2, 3])),
    ('atan2/mixed', 'atan2', [('int32', [7, -7, 3], [3]), ('float32', [2.0, 2.5, -0.5], [3])], {},
     ('float32', [1.292496681213379, -1.2277723550796509, 1.7359449863433838], [3])),
    ('atan2/bool_int32', 'atan2', [('bool', [True, False, True], [3]), ('int32', [2, 3, -1], [3])],
     {}, ('int32', [0, 0, 2], [3])),
    ('atan2/py_float', 'atan2', [('float32', [1.25, -3.5, 4.0], [3]), 1.5], {},
     ('float32', [0.6947382688522339, -1.1659045219421387, 1.2120256423950195], [3])),
    ('atan2/py_float_lhs', 'atan2', [1.5, ('float32', [1.25, -3.5, 4.0], [3])], {},
     ('float32', [0.876058042049408, 2.7367007732391357, 0.3587706685066223], [3])),
    ('atan2/py_int', 'atan2', [('int32', [5, -6, 7], [3]), 2], {}, ('int32', [1, -1, 1], [3])),
    ('atan2/empty', 'atan2', [('float32', [], [0, 3]), ('float32', [1.0, 2.0, 3.0], [3])], {},
     ('float32', [], [0, 3])),
    ('atan2/rank0', 'atan2', [('float32', [2.5], []), ('float32', [-1.5], [])], {},
     ('float32', [2.111215829849243], [])),
    ('floor_div/big', 'floor_div',
     [('float32', [3000000000.0, -3000000000.0, 10000000000.0], [3]),
      ('float32', [1.0, 1.0, 1.0], [3])],
     {}, ('int32', [-1294967296, 1294967296, 1410065408], [3])),
    ('floor_div/int_min', 'floor_div', [('int32', [-2147483648, 5], [2]), ('int32', [-1, 0], [2])],
     {}, ('int32', [-2147483648, 0], [2])),
    ('mod/INF', 'mod',
     [('float32', [-5.0, 5.0, -5.0, 5.0, INF, 0.0, -0.0], [7]),
      ('float32', [INF, INF, -INF, -INF, INF, -INF, INF], [7])],
     {}, ('float32', [NAN, 5.0, -5.0, NAN, NAN, NAN, -0.0], [7])),
    ('mod/int_min', 'mod', [('int32', [-2147483648, -5, 0], [3]), ('int32', [-1, 0, -3], [3])], {},
     ('int32', [0, 0, 0], [3])),
    ('pow/js_nan', 'pow',
     [('float32', [1.0, 1.0, 1.0, -1.0, -1.0, 2.0, -2.0, -2.0, 0.0, -0.0], [10]),
      ('float32', [NAN, INF, -INF, INF, -INF, NAN, 0.5, 3.0, -INF, -1.0], [10])],
     {}, ('float32', [NAN, NAN, NAN, NAN, NAN, NAN, NAN, -8.0, INF, -INF], [10])),
    ('pow/int_neg_exp', 'pow',
     [('int32', [1, -1, -1, 2, 0, 3], [6]), ('int32', [-3, -3, -2, -1, -1, 19], [6])], {},
     ('int32', [1, -1, 1, 0, 0, 1162261467], [6])),
    ('add_n/three', 'add_n',
     [[('float32', [1.0, 2.0], [2]), ('float32', [3.0, 4.5], [2]), ('float32', [5.0, -6.0], [2])]],
     {}, ('float32', [9.0, 0.5], [2])),
    ('add_n/int32', 'add_n', [[('int32', [1, 2, 3, 4], [2, 2]), ('int32', [3, 4, -5, 6], [2, 2])]],
     {}, ('int32', [4, 6, -2, 10], [2, 2])),
    ('add_n/bool', 'add_n',
     [[('bool', [True, False, False], [3]), ('bool', [True, False, True], [3])]], {},
     ('bool', [True, False, True], [3])),
    ('add_n/one', 'add_n', [[('float32', [1.5], [])]], {}, ('float32', [1.5], [])),
    ('add_n/empty', 'add_n', [[('float32', [], [0, 2]), ('float32', [], [0, 2])]], {},
     ('float32', [], [0, 2])),
    ('add_n/special', 'add_n',
     [[('float32', [NAN, INF, 1.0], [3]), ('float32', [1.0, -INF, INF], [3])]], {},
     ('float32', [NAN, NAN, INF], [3])),
]


@pytest.mark.parametrize("case_id,py_name,args,kwargs,expected", CASES, ids=[c[0] for c in CASES])
def test_case(tf, case_id, py_name, args, kwargs, expected):
    check_case(tf, py_name, args, kwargs, expected)


BINARY = ["add", "sub", "mul", "div", "div_no_nan", "floor_div", "mod", "pow", "maximum",
          "minimum", "squared_difference", "atan2"]


@pytest.mark.parametrize("name", BINARY)
def test_broadcast_error(tf, name):
    with pytest.raises(ValueError, match=rf"could not be broadcast together with shapes \[3\] and "
                                         rf"\[2\] in '{name}'"):
        getattr(tf, name)(tf.tensor([1.0, 2.0, 3.0]), tf.tensor([1.0, 2.0]))


@pytest.mark.parametrize("name", BINARY)
def test_reject_string(tf, name):
    with pytest.raises(TypeError, match=f"passed to '{name}' must be numeric tensor"):
        getattr(tf, name)(tf.tensor(["a"]), tf.tensor(["b"]))


@pytest.mark.parametrize("name", [n for n in BINARY if n not in ("add", "sub", "mul")])
def test_reject_complex(tf, name):
    with pytest.raises(TypeError, match=f"'{name}' does not support complex64"):
        getattr(tf, name)(tf.tensor([1 + 1j]), tf.tensor([2 + 0j]))


def test_complex_add_sub_mul(tf):
    a, b = tf.tensor([1 + 2j, 3 + 4j]), tf.tensor([1 - 1j, 2 + 0.5j])
    assert_close(tf.sub(a, b), [0 + 3j, 1 + 3.5j], dtype="complex64")
    assert_close(tf.mul(a, b), [3 + 1j, 4 + 9.5j], dtype="complex64")
    assert_close(tf.add(a, b), [2 + 1j, 5 + 4.5j], dtype="complex64")


def test_mixed_string_number_error(tf):
    with pytest.raises(TypeError, match="'sub'"):
        tf.sub(tf.tensor(["a"]), tf.tensor([1]))


def test_pow_arg_names(tf):
    with pytest.raises(TypeError, match="'base' passed to 'pow' must be numeric tensor"):
        tf.pow(tf.tensor(["a"]), tf.tensor([1.0]))
    assert_close(tf.pow(base=tf.tensor([2.0]), exp=3.0), [8.0], dtype="float32")


def test_div_int32_is_floor_division(tf):
    a = tf.tensor([7, -7, 5, 0])
    assert_close(tf.div(a, tf.tensor([2, 2, 0, 0])), [3, -4, 0, 0], dtype="int32")
    assert_close(a / 2, [3, -4, 2, 0], dtype="int32")  # a Python int beside int32 stays int32
    assert_close(a / 2.0, [3.5, -3.5, 2.5, 0.0], dtype="float32")


def test_floor_div_of_float32_is_int32(tf):
    assert_close(tf.floor_div(tf.tensor([7.5, -7.5]), 2.0), [3, -4], dtype="int32")


def test_operators(tf):
    a = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    b = tf.tensor([10.0, 20.0])
    assert_close(a - b, [[-9.0, -18.0], [-7.0, -16.0]], dtype="float32")
    assert_close(1 - a, [[0.0, -1.0], [-2.0, -3.0]], dtype="float32")
    assert_close(a * 2, [[2.0, 4.0], [6.0, 8.0]], dtype="float32")
    assert_close(3 * a, [[3.0, 6.0], [9.0, 12.0]], dtype="float32")
    assert_close(a / b, [[0.1, 0.1], [0.3, 0.2]], dtype="float32")
    assert_close(1 / a, [[1.0, 0.5], [1 / 3, 0.25]], dtype="float32")
    assert_close(a // 3, [[0, 0], [1, 1]], dtype="int32")
    assert_close(7 // a, [[7, 3], [2, 1]], dtype="int32")
    assert_close(a % 3, [[1.0, 2.0], [0.0, 1.0]], dtype="float32")
    assert_close(-7 % a, [[0.0, 1.0], [2.0, 1.0]], dtype="float32")
    assert_close(a ** 2, [[1.0, 4.0], [9.0, 16.0]], dtype="float32")
    assert_close(2 ** a, [[2.0, 4.0], [8.0, 16.0]], dtype="float32")
    i = tf.tensor([3, -4])
    assert_close(i - 1, [2, -5], dtype="int32")
    assert_close(i ** 2, [9, 16], dtype="int32")
    assert_close(2 ** i, [8, 0], dtype="int32")
    assert_close(i * 0.5, [1.5, -2.0], dtype="float32")


def test_methods(tf):
    a = tf.tensor([4.0, 9.0])
    assert_close(a.sub(1).mul(2).div(4), [1.5, 4.0], dtype="float32")
    assert_close(a.maximum(5.0).minimum(8.0), [5.0, 8.0], dtype="float32")
    assert_close(a.squared_difference(1.0), [9.0, 64.0], dtype="float32")


def test_add_n_errors(tf):
    with pytest.raises(ValueError, match="'add_n': must pass at least one tensor"):
        tf.add_n([])
    with pytest.raises(TypeError, match=r"'add_n': all tensors must have the same dtype, but "
                                        r"tensors\[1\] is float32"):
        tf.add_n([tf.tensor([1, 2]), tf.tensor([1.0, 2.0])])
    with pytest.raises(ValueError, match=r"'add_n': all tensors must have the same shape"):
        tf.add_n([tf.tensor([1.0, 2.0]), tf.tensor([1.0])])
    with pytest.raises(TypeError, match=r"'tensors\[0\]' passed to 'add_n' must be numeric"):
        tf.add_n([tf.tensor(["a"]), tf.tensor(["b"])])
    with pytest.raises(TypeError, match="'add_n' must be a list"):
        tf.add_n(tf.tensor([1.0]))


def test_add_n_does_not_modify_inputs(tf):
    a, b, c = tf.tensor([1.0, 2.0]), tf.tensor([3.0, 4.0]), tf.tensor([5.0, 6.0])
    assert_close(tf.add_n([a, b, c]), [9.0, 12.0])
    assert_close(a, [1.0, 2.0])
    assert_close(tf.add_n([[1.0, 2.0], [3.0, 4.0]]), [4.0, 6.0], dtype="float32")


def test_outputs_never_float64(tf):
    a, b = tf.tensor([1.5, -2.0]), tf.tensor([0.5, 3.0])
    for name in BINARY:
        assert getattr(tf, name)(a, b).dtype in ("float32", "int32"), name
        assert getattr(tf, name)(a, 2.5).dtype in ("float32", "int32"), name
