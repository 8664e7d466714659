// Golden cases for pytfjs/ops/ragged.py (raggedGather, raggedRange, raggedTensorToTensor).
module.exports = (h) => {
  const I = (shape, flat) => h.vals('int32', shape, flat);
  const F = (shape, flat) => h.vals('float32', shape, flat);
  const rt = (id, shape, values, dflt, parts, types, extra = {}) => ({
    id: `raggedTensorToTensor/${id}`, op: 'raggedTensorToTensor', args: [shape, values, dflt, parts, types], ...extra});
  return [
    // raggedGather
    {id: 'raggedGather/basic', op: 'raggedGather', args: [[I([4], [0, 2, 3, 6])], h.rand([6], {seed: 1}), I([3], [2, 0, 2]), 1]},
    {id: 'raggedGather/two_levels', op: 'raggedGather',
     args: [[I([3], [0, 2, 3]), I([4], [0, 1, 3, 6])], h.rand([6], {seed: 2}), I([3], [1, 0, 1]), 2]},
    {id: 'raggedGather/matrix_indices', op: 'raggedGather',
     args: [[I([3], [0, 2, 3]), I([4], [0, 1, 3, 6])], h.rand([6], {seed: 3}), I([2, 2], [1, 0, 1, 1]), 3]},
    {id: 'raggedGather/dense_inner', op: 'raggedGather', args: [[I([3], [0, 2, 3])], h.rand([3, 2], {seed: 4}), I([2], [1, 0]), 1]},
    {id: 'raggedGather/scalar_index', op: 'raggedGather', args: [[I([3], [0, 2, 3])], h.rand([3], {seed: 5}), I([], [0]), 0]},
    {id: 'raggedGather/empty_indices', op: 'raggedGather', args: [[I([3], [0, 2, 3])], h.rand([3], {seed: 6}), I([0], []), 1]},
    {id: 'raggedGather/empty_rows', op: 'raggedGather', args: [[I([4], [0, 0, 2, 2])], h.ints([2], -5, 5, {seed: 7}), I([4], [0, 2, 1, 0]), 1]},
    {id: 'raggedGather/bool', op: 'raggedGather', args: [[I([3], [0, 1, 3])], h.bools([3], {seed: 8}), I([2], [1, 1]), 1]},
    {id: 'raggedGather/index_out_of_range', op: 'raggedGather', args: [[I([3], [0, 2, 3])], h.rand([3]), I([1], [2]), 1], expect_error: true},

    // raggedRange
    {id: 'raggedRange/int32', op: 'raggedRange', args: [I([3], [0, 5, 3]), I([3], [3, 1, 3]), I([3], [1, -2, 1])]},
    {id: 'raggedRange/float_broadcast', op: 'raggedRange', args: [F([], [0]), F([2], [2.5, 1]), F([], [0.5])]},
    {id: 'raggedRange/all_scalar', op: 'raggedRange', args: [I([], [1]), I([], [4]), I([], [2])]},
    {id: 'raggedRange/negative_float', op: 'raggedRange', args: [F([2], [1.5, -2]), F([2], [-1, 2]), F([2], [-0.75, 1.25])]},
    {id: 'raggedRange/empty', op: 'raggedRange', args: [I([0], []), I([0], []), I([0], [])]},
    {id: 'raggedRange/tensorlike', op: 'raggedRange', args: [h.tensorlike([0, 5]), h.tensorlike([3, 8]), h.tensorlike([1, 2])]},
    {id: 'raggedRange/int_limits_cast', op: 'raggedRange', args: [I([2], [0, 10]), h.tensorlike([4, 0], 'int'), h.tensorlike([2, -3], 'int')]},
    {id: 'raggedRange/zero_delta', op: 'raggedRange', args: [I([1], [0]), I([1], [3]), I([1], [0])], expect_error: true},
    {id: 'raggedRange/length_mismatch', op: 'raggedRange', args: [I([2], [0, 1]), I([3], [3, 3, 3]), I([], [1])], expect_error: true},

    // raggedTensorToTensor
    rt('splits', I([2], [-1, -1]), h.rand([5], {seed: 10}), h.float(0), [I([4], [0, 2, 2, 5])], ['ROW_SPLITS']),
    rt('splits_crop', I([2], [2, 2]), h.rand([5], {seed: 11}), h.float(9), [I([4], [0, 2, 2, 5])], ['ROW_SPLITS']),
    rt('splits_pad', I([2], [4, 4]), h.rand([5], {seed: 12}), h.float(9), [I([4], [0, 2, 2, 5])], ['ROW_SPLITS']),
    rt('splits_partial', I([2], [-1, 2]), h.rand([5], {seed: 13}), h.float(-1), [I([4], [0, 2, 2, 5])], ['ROW_SPLITS']),
    rt('first_dim_rowids', I([2], [-1, -1]), h.rand([5], {seed: 14}), h.float(0), [I([], [4]), I([5], [0, 0, 2, 2, 3])],
       ['FIRST_DIM_SIZE', 'VALUE_ROWIDS']),
    rt('rowids_crop', I([2], [3, 1]), h.rand([5], {seed: 15}), h.float(7), [I([], [4]), I([5], [0, 0, 2, 2, 3])],
       ['FIRST_DIM_SIZE', 'VALUE_ROWIDS']),
    rt('two_levels', I([3], [-1, -1, -1]), h.rand([6], {seed: 16}), h.float(-1), [I([3], [0, 2, 3]), I([4], [0, 1, 3, 6])],
       ['ROW_SPLITS', 'ROW_SPLITS']),
    rt('two_levels_mixed', I([3], [3, 2, 2]), h.rand([6], {seed: 17}), h.float(5),
       [I([], [3]), I([3], [0, 0, 1]), I([4], [0, 1, 3, 6])], ['FIRST_DIM_SIZE', 'VALUE_ROWIDS', 'ROW_SPLITS']),
    rt('dense_inner', I([3], [-1, -1, 2]), h.rand([3, 2], {seed: 18}), h.float(0), [I([3], [0, 2, 3])], ['ROW_SPLITS']),
    rt('int32', I([2], [-1, -1]), I([3], [1, 2, 3]), 7, [I([3], [0, 1, 3])], ['ROW_SPLITS']),
    rt('bool', I([2], [-1, -1]), h.vals('bool', [3], [true, true, true]), false, [I([3], [0, 1, 3])], ['ROW_SPLITS']),
    rt('special', I([2], [-1, 3]), F([3], ['NaN', 'Infinity', '-0']), h.float('-Infinity'), [I([3], [0, 1, 3])], ['ROW_SPLITS']),
    rt('empty_values', I([2], [-1, -1]), F([0], []), h.float(3), [I([4], [0, 0, 0, 0])], ['ROW_SPLITS']),
    rt('zero_width', I([2], [2, 0]), F([3], [1, 2, 3]), h.float(3), [I([3], [0, 1, 3])], ['ROW_SPLITS']),
    rt('tensorlike', h.tensorlike([-1, -1], 'int'), h.tensorlike([1.5, 2.5, 3.5]), h.float(0), [h.tensorlike([0, 2, 3], 'int')], ['ROW_SPLITS']),
    rt('unsupported_type', I([2], [-1, -1]), F([3], [1, 2, 3]), h.float(0), [I([2], [1, 2])], ['ROW_LENGTHS'], {expect_error: true}),
    rt('rowids_first', I([2], [-1, -1]), F([3], [1, 2, 3]), h.float(0), [I([3], [0, 0, 1])], ['VALUE_ROWIDS'], {expect_error: true}),
    rt('rank_mismatch', I([3], [-1, -1, -1]), F([3], [1, 2, 3]), h.float(0), [I([3], [0, 1, 3])], ['ROW_SPLITS'], {expect_error: true}),
  ];
};
