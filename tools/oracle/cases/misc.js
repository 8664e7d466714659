// Golden cases for pytfjs/ops/misc.py (meshgrid, movingAverage, dropout, multinomial, randomGamma,
// rand, basicLSTMCell, multiRNNCell, scatterND, tensorScatterUpdate, sparseToDense, bitwiseAnd,
// broadcastArgs, ensureShape, print, concat1d..4d, slice1d..4d, reverse1d..4d, pad1d..4d).
module.exports = (h) => {
  const special = h.vals('float32', [4], ['NaN', 'Infinity', '-Infinity', '-0']);
  const cases = [
    // meshgrid
    {id: 'meshgrid/xy', op: 'meshgrid', args: [h.rand([3], {seed: 1}), h.rand([2], {seed: 2})]},
    {id: 'meshgrid/ij', op: 'meshgrid', args: [h.rand([3], {seed: 3}), h.rand([4], {seed: 4})], kwargs: {indexing: 'ij'},
     js: (tf, a, kw) => tf.meshgrid(a[0], a[1], kw)},
    {id: 'meshgrid/xy_kw', op: 'meshgrid', args: [h.rand([2], {seed: 5}), h.rand([3], {seed: 6})], kwargs: {indexing: 'xy'},
     js: (tf, a, kw) => tf.meshgrid(a[0], a[1], kw)},
    {id: 'meshgrid/int32', op: 'meshgrid', args: [h.ints([3], -5, 5, {seed: 7}), h.ints([2], -5, 5, {seed: 8})]},
    {id: 'meshgrid/bool', op: 'meshgrid', args: [h.bools([2], {seed: 9}), h.bools([3], {seed: 10})]},
    {id: 'meshgrid/mixed_dtypes', op: 'meshgrid', args: [h.ints([2], 0, 5, {seed: 11}), h.rand([3], {seed: 12})]},
    {id: 'meshgrid/rank2_flattened', op: 'meshgrid', args: [h.rand([2, 2], {seed: 13}), h.rand([3], {seed: 14})]},
    {id: 'meshgrid/scalar', op: 'meshgrid', args: [h.rand([], {seed: 15}), h.rand([3], {seed: 16})]},
    {id: 'meshgrid/empty', op: 'meshgrid', args: [h.rand([0]), h.rand([3], {seed: 17})]},
    {id: 'meshgrid/special', op: 'meshgrid', args: [special, h.vals('float32', [2], ['NaN', 1])], kwargs: {indexing: 'ij'},
     js: (tf, a, kw) => tf.meshgrid(a[0], a[1], kw)},
    {id: 'meshgrid/tensorlike_ints', op: 'meshgrid', args: [h.tensorlike([1, 2, 3], 'int'), h.tensorlike([4, 5], 'int')],
     note: 'TensorLike inputs become float32'},
    {id: 'meshgrid/single', op: 'meshgrid', args: [h.rand([3], {seed: 18})]},
    {id: 'meshgrid/bad_indexing', op: 'meshgrid', args: [h.rand([2]), h.rand([2])], kwargs: {indexing: 'yx'},
     js: (tf, a, kw) => tf.meshgrid(a[0], a[1], kw), expect_error: true},

    // movingAverage
    {id: 'movingAverage/debias', op: 'movingAverage', args: [h.rand([2, 3], {seed: 20}), h.rand([2, 3], {seed: 21}), h.float(0.75), 2]},
    {id: 'movingAverage/no_debias', op: 'movingAverage', args: [h.rand([4], {seed: 22}), h.rand([4], {seed: 23}), h.float(0.875), null, false]},
    {id: 'movingAverage/tensor_decay_step', op: 'movingAverage',
     args: [h.rand([3], {seed: 24}), h.rand([3], {seed: 25}), h.vals('float32', [], [0.5]), h.vals('float32', [], [3])]},
    {id: 'movingAverage/int32', op: 'movingAverage', args: [h.ints([3], -4, 4, {seed: 26}), h.ints([3], -4, 4, {seed: 27}), h.float(0.5), 1]},
    {id: 'movingAverage/scalar', op: 'movingAverage', args: [h.rand([], {seed: 28}), h.rand([], {seed: 29}), h.float(0.25), 5]},
    {id: 'movingAverage/empty', op: 'movingAverage', args: [h.rand([0, 2]), h.rand([0, 2]), h.float(0.5), 1]},
    {id: 'movingAverage/special', op: 'movingAverage', args: [special, h.vals('float32', [4], [1, 2, 'NaN', 'Infinity']), h.float(0.5), 1]},
    {id: 'movingAverage/shape_mismatch', op: 'movingAverage', args: [h.rand([2]), h.rand([3]), h.float(0.5), 1], expect_error: true},
    {id: 'movingAverage/missing_step', op: 'movingAverage', args: [h.rand([2]), h.rand([2]), h.float(0.5)], expect_error: true},

    // dropout (seeded: exact TF.js values)
    {id: 'dropout/seeded', op: 'dropout', args: [h.rand([3, 4], {seed: 30}), h.float(0.5), null, 3]},
    {id: 'dropout/seeded_rate_0_25', op: 'dropout', args: [h.rand([10], {seed: 31}), h.float(0.25), null, 7]},
    {id: 'dropout/noise_shape', op: 'dropout', args: [h.rand([2, 4], {seed: 32}), h.float(0.5), [1, 4], 11]},
    {id: 'dropout/noise_shape_3d', op: 'dropout', args: [h.rand([2, 3, 2], {seed: 33}), h.float(0.4), [2, 1, 2], 'abc']},
    {id: 'dropout/rate_zero', op: 'dropout', args: [h.rand([2, 3], {seed: 34}), 0]},
    {id: 'dropout/scalar', op: 'dropout', args: [h.rand([], {seed: 35}), h.float(0.5), null, 1]},
    {id: 'dropout/empty', op: 'dropout', args: [h.rand([0, 3]), h.float(0.5), null, 1]},
    {id: 'dropout/unseeded', op: 'dropout', args: [h.rand([50], {seed: 36}), h.float(0.3)], compare: {mode: 'dropout', rate: 0.3}},
    {id: 'dropout/int32', op: 'dropout', args: [h.ints([3], 0, 3), h.float(0.5)], expect_error: true},
    {id: 'dropout/rate_one', op: 'dropout', args: [h.rand([3]), 1], expect_error: true},

    // multinomial
    {id: 'multinomial/normalized_1d', op: 'multinomial', args: [h.vals('float32', [3], [0.2, 0.3, 0.5]), 6, 3, true]},
    {id: 'multinomial/normalized_2d', op: 'multinomial', args: [h.vals('float32', [2, 4], [0.25, 0.25, 0.25, 0.25, 0.5, 0, 0.125, 0.375]), 8, 5, true]},
    {id: 'multinomial/logits_2d', op: 'multinomial', args: [h.rand([2, 3], {seed: 40}), 10, 42]},
    {id: 'multinomial/logits_1d', op: 'multinomial', args: [h.rand([5], {seed: 41}), 12, 7]},
    {id: 'multinomial/two_events', op: 'multinomial', args: [h.vals('float32', [2], [0, 0]), 10, 9]},
    {id: 'multinomial/int32_logits', op: 'multinomial', args: [h.vals('int32', [3], [1, 2, 3]), 4, 3]},
    {id: 'multinomial/zero_samples', op: 'multinomial', args: [h.rand([2, 3], {seed: 42}), 0, 1]},
    {id: 'multinomial/unseeded', op: 'multinomial', args: [h.rand([3, 4], {seed: 43}), 20],
     compare: {mode: 'shape_dtype', min: 0, max: 3, integer: true}},
    {id: 'multinomial/one_outcome', op: 'multinomial', args: [h.rand([1]), 3, 1], expect_error: true},
    {id: 'multinomial/rank3', op: 'multinomial', args: [h.rand([1, 2, 2]), 3, 1], expect_error: true},

    // randomGamma (seeded: exact TF.js values)
    {id: 'randomGamma/alpha_2_5', op: 'randomGamma', args: [[6], h.float(2.5), h.float(1.5), 'float32', 7]},
    {id: 'randomGamma/alpha_small', op: 'randomGamma', args: [[2, 3], h.float(0.4), 2, 'float32', 3]},
    {id: 'randomGamma/int32', op: 'randomGamma', args: [[6], 3, 1, 'int32', 7]},
    {id: 'randomGamma/default_beta', op: 'randomGamma', args: [[4], 1, null, null, 11]},
    {id: 'randomGamma/string_seed', op: 'randomGamma', args: [[3], 5, 1, 'float32', 'seed']},
    {id: 'randomGamma/empty', op: 'randomGamma', args: [[0, 2], 1, 1, 'float32', 1]},
    {id: 'randomGamma/unseeded', op: 'randomGamma', args: [[20], 2],
     compare: {mode: 'shape_dtype', min: 0, finite: true}},
    {id: 'randomGamma/bool', op: 'randomGamma', args: [[2], 1, 1, 'bool', 1], expect_error: true},

    // rand
    {id: 'rand/float', op: 'rand', args: [[2, 3], h.constantFn(1.7)]},
    {id: 'rand/int32', op: 'rand', args: [[3], h.constantFn(-1.7), 'int32']},
    {id: 'rand/bool', op: 'rand', args: [[3], h.constantFn(2), 'bool']},
    {id: 'rand/bool_half', op: 'rand', args: [[2], h.constantFn(0.5), 'bool']},
    {id: 'rand/empty', op: 'rand', args: [[0], h.constantFn(1)]},
    {id: 'rand/scalar', op: 'rand', args: [[], h.constantFn(0.25), 'float32']},
    {id: 'rand/complex', op: 'rand', args: [[2], h.constantFn(1), 'complex64'], expect_error: true},
  ];

  // basicLSTMCell / multiRNNCell
  const k1 = h.rand([5, 8], {seed: 50, min: -1, max: 1});
  const b1 = h.rand([8], {seed: 51, min: -1, max: 1});
  const k2 = h.rand([4, 8], {seed: 52, min: -1, max: 1});
  const b2 = h.rand([8], {seed: 53, min: -1, max: 1});
  const data = h.rand([3, 3], {seed: 54, min: -1, max: 1});
  const c1 = h.rand([3, 2], {seed: 55, min: -1, max: 1});
  const h1 = h.rand([3, 2], {seed: 56, min: -1, max: 1});
  const c2 = h.rand([3, 2], {seed: 57, min: -1, max: 1});
  const h2 = h.rand([3, 2], {seed: 58, min: -1, max: 1});
  cases.push(
    {id: 'basicLSTMCell/basic', op: 'basicLSTMCell', args: [h.float(1), k1, b1, data, c1, h1]},
    {id: 'basicLSTMCell/tensor_forget_bias', op: 'basicLSTMCell', args: [h.vals('float32', [], [0.5]), k1, b1, data, c1, h1]},
    {id: 'basicLSTMCell/batch1', op: 'basicLSTMCell',
     args: [0, h.rand([4, 4], {seed: 59}), h.rand([4], {seed: 60}), h.rand([1, 3], {seed: 61}), h.rand([1, 1], {seed: 62}), h.rand([1, 1], {seed: 63})]},
    {id: 'multiRNNCell/two_cells', op: 'multiRNNCell',
     args: [[h.callable('basicLSTMCell', [h.float(1), k1, b1]), h.callable('basicLSTMCell', [h.float(0.5), k2, b2])], data, [c1, c2], [h1, h2]],
     js: (tf, a) => tf.multiRNNCell(a[0], a[1], a[2], a[3])},
    {id: 'multiRNNCell/one_cell', op: 'multiRNNCell',
     args: [[h.callable('basicLSTMCell', [h.float(1), k1, b1])], data, [c1], [h1]],
     js: (tf, a) => tf.multiRNNCell(a[0], a[1], a[2], a[3])},
  );

  // scatterND / tensorScatterUpdate / sparseToDense
  cases.push(
    {id: 'scatterND/1d_dupes', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [3, 1], [1, 3, 1]), h.rand([3], {seed: 70}), [5]]},
    {id: 'scatterND/flat_indices', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [2], [1, 3]), h.rand([2], {seed: 71}), [5]],
     note: '1-D indices hold one scalar index per update (TF.js)'},
    {id: 'scatterND/2d_elements', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [3, 2], [0, 1, 1, 0, 2, 2]), h.rand([3], {seed: 72}), [3, 3]]},
    {id: 'scatterND/rows', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [2, 1], [2, 0]), h.rand([2, 3], {seed: 73}), [4, 3]]},
    {id: 'scatterND/batched_indices', op: 'scatterND', py_name: 'scatter_nd',
     args: [h.vals('int32', [2, 2, 1], [0, 3, 1, 3]), h.rand([2, 2, 2], {seed: 74}), [4, 2]]},
    {id: 'scatterND/int32', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [3, 1], [0, 0, 2]), h.ints([3], -9, 9, {seed: 75}), [3]]},
    {id: 'scatterND/special', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [4, 1], [0, 1, 2, 3]), special, [5]]},
    {id: 'scatterND/empty_updates', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [0, 1], []), h.rand([0, 2]), [3, 2]]},
    {id: 'scatterND/empty_output', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [1, 1], [0]), h.rand([1, 0]), [2, 0]]},
    {id: 'scatterND/tensorlike', op: 'scatterND', py_name: 'scatter_nd', args: [h.tensorlike([[1], [0]], 'int'), h.tensorlike([1.5, 2.5]), [3]]},
    {id: 'scatterND/bad_updates_shape', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [2, 1], [0, 1]), h.rand([3]), [4]], expect_error: true},
    {id: 'scatterND/out_of_range', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [1, 1], [5]), h.rand([1]), [3]], expect_error: true},
    {id: 'scatterND/negative_index', op: 'scatterND', py_name: 'scatter_nd', args: [h.vals('int32', [1, 1], [-1]), h.rand([1]), [3]], expect_error: true},
    {id: 'scatterND/float_indices', op: 'scatterND', py_name: 'scatter_nd', args: [h.rand([1, 1]), h.rand([1]), [3]], expect_error: true},

    {id: 'tensorScatterUpdate/1d', op: 'tensorScatterUpdate', args: [h.rand([5], {seed: 80}), h.vals('int32', [2, 1], [1, 3]), h.rand([2], {seed: 81})]},
    {id: 'tensorScatterUpdate/dupes_last_wins', op: 'tensorScatterUpdate', args: [h.rand([4], {seed: 82}), h.vals('int32', [3, 1], [1, 1, 2]), h.rand([3], {seed: 83})]},
    {id: 'tensorScatterUpdate/rows', op: 'tensorScatterUpdate', args: [h.rand([3, 2], {seed: 84}), h.vals('int32', [1, 1], [2]), h.rand([1, 2], {seed: 85})]},
    {id: 'tensorScatterUpdate/elements_2d', op: 'tensorScatterUpdate', args: [h.rand([2, 3], {seed: 86}), h.vals('int32', [2, 2], [0, 2, 1, 0]), h.rand([2], {seed: 87})]},
    {id: 'tensorScatterUpdate/int32', op: 'tensorScatterUpdate', args: [h.ints([4], 0, 9, {seed: 88}), h.vals('int32', [1, 1], [0]), h.ints([1], -9, -1, {seed: 89})]},
    {id: 'tensorScatterUpdate/bool', op: 'tensorScatterUpdate', args: [h.bools([4], {seed: 90}), h.vals('int32', [2, 1], [0, 3]), h.vals('bool', [2], [true, false])]},
    {id: 'tensorScatterUpdate/flat_indices', op: 'tensorScatterUpdate', args: [h.rand([4], {seed: 91}), h.vals('int32', [2], [3, 0]), h.rand([2], {seed: 92})]},
    {id: 'tensorScatterUpdate/special', op: 'tensorScatterUpdate', args: [h.rand([4], {seed: 93}), h.vals('int32', [4, 1], [3, 2, 1, 0]), special]},
    {id: 'tensorScatterUpdate/dtype_mismatch', op: 'tensorScatterUpdate', args: [h.ints([4], 0, 3), h.vals('int32', [1, 1], [0]), h.rand([1])], expect_error: true},

    {id: 'sparseToDense/2d', op: 'sparseToDense', args: [h.vals('int32', [2, 2], [0, 1, 1, 2]), h.rand([2], {seed: 100}), [2, 3], h.float(-1)]},
    {id: 'sparseToDense/1d_scalar_value', op: 'sparseToDense', args: [h.vals('int32', [2], [0, 2]), h.vals('float32', [], [5]), [4]]},
    {id: 'sparseToDense/scalar_index', op: 'sparseToDense', args: [h.vals('int32', [], [2]), h.vals('float32', [], [5]), [4]]},
    {id: 'sparseToDense/int32', op: 'sparseToDense', args: [h.vals('int32', [2], [0, 2]), h.vals('int32', [2], [3, 4]), [4], 7]},
    {id: 'sparseToDense/bool', op: 'sparseToDense', args: [h.vals('int32', [2], [0, 2]), h.vals('bool', [2], [true, true]), [4], false]},
    {id: 'sparseToDense/string', op: 'sparseToDense', args: [h.vals('int32', [2], [0, 2]), h.vals('string', [2], ['a', 'b']), [3], 'z']},
    {id: 'sparseToDense/dupes_last_wins', op: 'sparseToDense', args: [h.vals('int32', [2], [0, 0]), h.vals('float32', [2], [3, 4]), [4]]},
    {id: 'sparseToDense/special_default', op: 'sparseToDense', args: [h.vals('int32', [1], [1]), h.vals('float32', [1], [2]), [3], h.float('NaN')]},
    {id: 'sparseToDense/tensor_default', op: 'sparseToDense', args: [h.vals('int32', [1, 3], [1, 0, 1]), h.vals('float32', [1], [2]), [2, 2, 2], h.vals('float32', [], [0.5])]},
    {id: 'sparseToDense/bad_values', op: 'sparseToDense', args: [h.vals('int32', [2], [0, 2]), h.rand([3]), [4]], expect_error: true},
    {id: 'sparseToDense/bad_rank', op: 'sparseToDense', args: [h.vals('int32', [2, 2], [0, 2, 1, 1]), h.rand([2]), [4]], expect_error: true},
  );

  // bitwiseAnd / broadcastArgs / ensureShape / print
  cases.push(
    {id: 'bitwiseAnd/basic', op: 'bitwiseAnd', args: [h.vals('int32', [4], [5, -1, 12, 2147483647]), h.vals('int32', [4], [3, 7, 10, -2147483648])]},
    {id: 'bitwiseAnd/2d', op: 'bitwiseAnd', args: [h.ints([2, 3], -100, 100, {seed: 110}), h.ints([2, 3], -100, 100, {seed: 111})]},
    {id: 'bitwiseAnd/scalar', op: 'bitwiseAnd', args: [h.vals('int32', [], [6]), h.vals('int32', [], [3])]},
    {id: 'bitwiseAnd/empty', op: 'bitwiseAnd', args: [h.vals('int32', [0], []), h.vals('int32', [0], [])]},
    {id: 'bitwiseAnd/shape_mismatch', op: 'bitwiseAnd', args: [h.ints([3], 0, 5), h.ints([1], 0, 5)], expect_error: true},
    {id: 'bitwiseAnd/float', op: 'bitwiseAnd', args: [h.rand([2]), h.rand([2])], expect_error: true},

    {id: 'broadcastArgs/basic', op: 'broadcastArgs', args: [h.vals('int32', [3], [2, 1, 3]), h.vals('int32', [2], [4, 1])]},
    {id: 'broadcastArgs/tensorlike', op: 'broadcastArgs', args: [h.tensorlike([5, 1], 'int'), h.tensorlike([1, 1, 7], 'int')]},
    {id: 'broadcastArgs/empty', op: 'broadcastArgs', args: [h.vals('int32', [0], []), h.vals('int32', [1], [4])]},
    {id: 'broadcastArgs/zero_dim', op: 'broadcastArgs', args: [h.vals('int32', [2], [0, 1]), h.vals('int32', [2], [1, 3])]},
    {id: 'broadcastArgs/incompatible', op: 'broadcastArgs', args: [h.vals('int32', [2], [2, 3]), h.vals('int32', [1], [4])], expect_error: true},
    {id: 'broadcastArgs/rank2', op: 'broadcastArgs', args: [h.vals('int32', [1, 2], [2, 3]), h.vals('int32', [1], [3])], expect_error: true},

    {id: 'ensureShape/exact', op: 'ensureShape', args: [h.rand([2, 3], {seed: 120}), [2, 3]]},
    {id: 'ensureShape/null_dim', op: 'ensureShape', args: [h.rand([2, 3], {seed: 121}), [null, 3]]},
    {id: 'ensureShape/int32', op: 'ensureShape', args: [h.ints([4], 0, 9, {seed: 122}), [4]]},
    {id: 'ensureShape/scalar', op: 'ensureShape', args: [h.rand([], {seed: 123}), []]},
    {id: 'ensureShape/mismatch', op: 'ensureShape', args: [h.rand([2, 3]), [2, 4]], expect_error: true},
    {id: 'ensureShape/rank_mismatch', op: 'ensureShape', args: [h.rand([2, 3]), [2, 3, 1]], expect_error: true},
  );

  // rank wrappers
  cases.push(
    {id: 'concat1d/basic', op: 'concat1d', args: [[h.rand([2], {seed: 130}), h.rand([3], {seed: 131})]]},
    {id: 'concat1d/empty_part', op: 'concat1d', args: [[h.rand([0]), h.rand([3], {seed: 132})]]},
    {id: 'concat2d/axis1', op: 'concat2d', args: [[h.rand([2, 1], {seed: 133}), h.rand([2, 3], {seed: 134})], 1]},
    {id: 'concat2d/axis_neg', op: 'concat2d', args: [[h.rand([2, 2], {seed: 135}), h.rand([1, 2], {seed: 136})], -2]},
    {id: 'concat3d/axis2', op: 'concat3d', args: [[h.rand([1, 2, 1], {seed: 137}), h.rand([1, 2, 2], {seed: 138})], 2]},
    {id: 'concat4d/axis0', op: 'concat4d', args: [[h.rand([1, 1, 2, 1], {seed: 139}), h.ints([1, 1, 2, 1], 0, 5, {seed: 140, dtype: 'int32'})], 0]},
    {id: 'slice1d/basic', op: 'slice1d', args: [h.rand([5], {seed: 141}), 1, 3]},
    {id: 'slice1d/to_end', op: 'slice1d', args: [h.rand([5], {seed: 142}), 2, -1]},
    {id: 'slice2d/basic', op: 'slice2d', args: [h.rand([3, 4], {seed: 143}), [1, 1], [2, 2]]},
    {id: 'slice3d/basic', op: 'slice3d', args: [h.rand([2, 3, 2], {seed: 144}), [0, 1, 0], [2, -1, 1]]},
    {id: 'slice4d/basic', op: 'slice4d', args: [h.ints([2, 2, 2, 2], -5, 5, {seed: 145}), [1, 0, 1, 0], [1, 2, 1, 2]]},
    {id: 'slice1d/rank2', op: 'slice1d', args: [h.rand([2, 2]), 0, 1], expect_error: true},
    {id: 'slice2d/rank1', op: 'slice2d', args: [h.rand([4]), [0], [1]], expect_error: true},
    {id: 'reverse1d/basic', op: 'reverse1d', args: [h.rand([5], {seed: 146})]},
    {id: 'reverse1d/empty', op: 'reverse1d', args: [h.rand([0])]},
    {id: 'reverse2d/axis0', op: 'reverse2d', args: [h.rand([3, 2], {seed: 147}), 0]},
    {id: 'reverse2d/all', op: 'reverse2d', args: [h.rand([3, 2], {seed: 148})]},
    {id: 'reverse3d/axes', op: 'reverse3d', args: [h.rand([2, 2, 3], {seed: 149}), [0, -1]]},
    {id: 'reverse4d/axis', op: 'reverse4d', args: [h.ints([1, 2, 2, 2], -5, 5, {seed: 150}), 2]},
    {id: 'reverse1d/rank2', op: 'reverse1d', args: [h.rand([2, 2])], expect_error: true},
    {id: 'reverse3d/rank2', op: 'reverse3d', args: [h.rand([2, 2]), 0], expect_error: true},
    {id: 'pad1d/basic', op: 'pad1d', args: [h.rand([3], {seed: 151}), [1, 2]]},
    {id: 'pad1d/value', op: 'pad1d', args: [h.rand([2], {seed: 152}), [0, 2], h.float(9.5)]},
    {id: 'pad2d/basic', op: 'pad2d', args: [h.rand([2, 2], {seed: 153}), [[1, 0], [0, 2]], h.float(-1)]},
    {id: 'pad3d/basic', op: 'pad3d', args: [h.rand([1, 2, 1], {seed: 154}), [[0, 1], [1, 0], [1, 1]]]},
    {id: 'pad4d/int32', op: 'pad4d', args: [h.ints([1, 1, 2, 1], 0, 9, {seed: 155}), [[0, 0], [1, 1], [0, 1], [0, 0]], 7]},
    {id: 'pad1d/bad_paddings', op: 'pad1d', args: [h.rand([3]), [1, 2, 3]], expect_error: true},
    {id: 'pad2d/bad_paddings', op: 'pad2d', args: [h.rand([2, 2]), [[1, 0]]], expect_error: true},
  );

  // gradients
  cases.push(
    {id: 'grad/meshgrid/x', op: 'meshgrid', kind: 'grad', args: [h.gradInput(0), h.rand([2], {seed: 201})],
     grad: {mode: 'grad', xs: [h.rand([3], {seed: 200})], dy: h.rand([2, 3], {seed: 202}), select: 0}},
    {id: 'grad/meshgrid/y_ij', op: 'meshgrid', kind: 'grad', args: [h.rand([3], {seed: 203}), h.gradInput(0)], kwargs: {indexing: 'ij'},
     js: (tf, a, kw) => tf.meshgrid(a[0], a[1], kw),
     grad: {mode: 'grad', xs: [h.rand([2], {seed: 204})], dy: h.rand([3, 2], {seed: 205}), select: 1}},
    {id: 'grad/movingAverage/v_x', op: 'movingAverage', kind: 'grad', args: [h.gradInput(0), h.gradInput(1), h.float(0.75), 2],
     grad: {mode: 'grads', xs: [h.rand([2, 2], {seed: 206}), h.rand([2, 2], {seed: 207})], dy: h.rand([2, 2], {seed: 208})}},
    {id: 'grad/movingAverage/decay', op: 'movingAverage', kind: 'grad', args: [h.rand([3], {seed: 209}), h.rand([3], {seed: 210}), h.gradInput(0), 3],
     grad: {mode: 'grad', xs: [h.vals('float32', [], [0.5])], dy: h.rand([3], {seed: 211})}},
    {id: 'grad/dropout/seeded', op: 'dropout', kind: 'grad', args: [h.gradInput(0), h.float(0.5), null, 3],
     grad: {mode: 'grad', xs: [h.rand([3, 4], {seed: 212})], dy: h.rand([3, 4], {seed: 213})}},
    {id: 'grad/basicLSTMCell/new_h', op: 'basicLSTMCell', kind: 'grad',
     args: [h.float(1), h.gradInput(0), h.gradInput(1), h.gradInput(2), h.gradInput(3), h.gradInput(4)],
     grad: {mode: 'grads', xs: [k1, b1, data, c1, h1], dy: h.rand([3, 2], {seed: 214}), select: 1}},
    {id: 'grad/basicLSTMCell/new_c', op: 'basicLSTMCell', kind: 'grad',
     args: [h.gradInput(0), k1, b1, data, h.gradInput(1), h1],
     grad: {mode: 'grads', xs: [h.vals('float32', [], [1]), c1], dy: h.rand([3, 2], {seed: 215}), select: 0}},
    {id: 'grad/pad2d/x', op: 'pad2d', kind: 'grad', args: [h.gradInput(0), [[1, 0], [0, 2]]],
     grad: {mode: 'grad', xs: [h.rand([2, 2], {seed: 216})], dy: h.rand([3, 4], {seed: 217})}},
    {id: 'grad/slice2d/x', op: 'slice2d', kind: 'grad', args: [h.gradInput(0), [1, 0], [2, 2]],
     grad: {mode: 'grad', xs: [h.rand([3, 3], {seed: 218})], dy: h.rand([2, 2], {seed: 219})}},
    {id: 'grad/reverse2d/x', op: 'reverse2d', kind: 'grad', args: [h.gradInput(0), 1],
     grad: {mode: 'grad', xs: [h.rand([2, 3], {seed: 220})], dy: h.rand([2, 3], {seed: 221})}},
    {id: 'grad/concat2d/x', op: 'concat2d', kind: 'grad', args: [[h.gradInput(0), h.gradInput(1)], 1],
     grad: {mode: 'grads', xs: [h.rand([2, 1], {seed: 222}), h.rand([2, 2], {seed: 223})], dy: h.rand([2, 3], {seed: 224})}},
  );
  return cases;
};
