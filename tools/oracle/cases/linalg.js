// Golden cases for pytfjs/ops/linalg.py: einsum, diag, euclideanNorm and tf.linalg (bandPart,
// gramSchmidt, qr). TF.js has no gradient for Einsum, Diag or QR (checked numerically in
// tests/ops/test_linalg.py); bandPart, gramSchmidt and euclideanNorm have gradient goldens.
// Left out on purpose (pytfjs follows TF): einsum with an operand none of whose labels is
// summed next to a summed one ('ij,kl->ijk', TF.js drops it), a repeated output label, mixed
// operand dtypes; qr of batched non-square matrices (TF.js throws); bandPart of an empty matrix
// and the gradient of a rank-2 bandPart (TF.js throws on both).
module.exports = (h) => {
  const cases = [];
  const r = (shape, seed, o = {}) => h.rand(shape, {seed, ...o});
  const ein = [
    ['matmul', 'ij,jk->ik', [[3, 4], [4, 2]]],
    ['transpose', 'ij->ji', [[3, 4]]],
    ['sum_all', 'ij->', [[3, 4]]],
    ['sum_rows', 'ij->i', [[3, 4]]],
    ['sum_cols', 'ij->j', [[3, 4]]],
    ['dot', 'i,i->', [[5], [5]]],
    ['outer', 'i,j->ij', [[3], [4]]],
    ['outer_t', 'i,j->ji', [[3], [4]]],
    ['hadamard', 'ij,ij->ij', [[2, 3], [2, 3]]],
    ['row_dot', 'ij,ij->i', [[2, 3], [2, 3]]],
    ['trace_like', 'ij,ji->', [[3, 3], [3, 3]]],
    ['batch_matmul', 'bij,bjk->bik', [[2, 3, 4], [2, 4, 2]]],
    ['batch_out_perm', 'bij,bjk->kbi', [[2, 3, 4], [2, 4, 2]]],
    ['mat_vec', 'ij,j->i', [[3, 4], [4]]],
    ['vec_mat', 'i,ij->j', [[3], [3, 4]]],
    ['perm3', 'ijk->kij', [[2, 3, 4]]],
    ['contract2', 'ijk,jkl->il', [[2, 3, 4], [3, 4, 2]]],
    ['scalar_operand', 'i,->i', [[4], []]],
    ['two_scalars', ',->', [[], []]],
    ['upper_case', 'iJ,Jk->ik', [[2, 3], [3, 2]]],
    ['empty_contract', 'ij,jk->ik', [[2, 0], [0, 3]]],
    ['empty_outer', 'ij,jk->ik', [[0, 3], [3, 2]]],
  ];
  let s = 100;
  for (const [tag, eq, shapes] of ein) {
    cases.push({id: `einsum/${tag}`, op: 'einsum', args: [eq, ...shapes.map(sh => r(sh, s++))]});
  }
  cases.push(
    {id: 'einsum/spaces', op: 'einsum', args: [' ij , jk -> ik ', r([2, 2], s++), r([2, 2], s++)]},
    {id: 'einsum/int32', op: 'einsum', args: ['ij,jk->ik', h.ints([2, 3], -4, 4, {seed: s++}), h.ints([3, 2], -4, 4, {seed: s++})]},
    {id: 'einsum/int32_sum', op: 'einsum', args: ['ij->j', h.ints([2, 3], -4, 4, {seed: s++})]},
    {id: 'einsum/bool_transpose', op: 'einsum', args: ['ij->ji', h.bools([2, 3], {seed: s++})]},
    {id: 'einsum/bool_matmul', op: 'einsum', args: ['ij,jk->ik', h.bools([2, 3], {seed: s++}), h.bools([3, 2], {seed: s++})]},
    {id: 'einsum/bool_sum', op: 'einsum', args: ['ij->i', h.bools([2, 3], {seed: s++})]},
    {id: 'einsum/complex', op: 'einsum', args: ['i,i->i', h.rand([3], {dtype: 'complex64', seed: s++}), h.rand([3], {dtype: 'complex64', seed: s++})]},
    {id: 'einsum/special', op: 'einsum', args: ['ij->ji', h.vals('float32', [2, 2], ['NaN', 'Infinity', '-Infinity', '-0'])]},
    {id: 'einsum/no_arrow', op: 'einsum', args: ['ij', r([2, 2], s++)], expect_error: true},
    {id: 'einsum/ellipsis', op: 'einsum', args: ['...ij->...ji', r([2, 2], s++)], expect_error: true},
    {id: 'einsum/dup_input_axis', op: 'einsum', args: ['ii->i', r([2, 2], s++)], expect_error: true},
    {id: 'einsum/three_inputs', op: 'einsum', args: ['i,i,i->', r([2], s++), r([2], s++), r([2], s++)], expect_error: true},
    {id: 'einsum/unknown_output', op: 'einsum', args: ['ij->k', r([2, 2], s++)], expect_error: true},
    {id: 'einsum/size_mismatch', op: 'einsum', args: ['ij,jk->ik', r([2, 2], s++), r([3, 2], s++)], expect_error: true},
    {id: 'einsum/no_broadcast', op: 'einsum', args: ['ij,jk->ik', r([2, 2], s++), r([1, 2], s++)], expect_error: true},
    {id: 'einsum/count_mismatch', op: 'einsum', args: ['ij,jk->ik', r([2, 2], s++)], expect_error: true},
  );
  cases.push(
    {id: 'diag/vector', op: 'diag', args: [r([4], 201)]},
    {id: 'diag/matrix', op: 'diag', args: [r([2, 3], 202)]},
    {id: 'diag/rank3', op: 'diag', args: [r([2, 1, 2], 203)]},
    {id: 'diag/int32', op: 'diag', args: [h.ints([3], -5, 5, {seed: 204})]},
    {id: 'diag/bool', op: 'diag', args: [h.bools([3], {seed: 205})]},
    {id: 'diag/scalar', op: 'diag', args: [r([], 206)]},
    {id: 'diag/len1', op: 'diag', args: [r([1], 207)]},
    {id: 'diag/empty', op: 'diag', args: [r([0], 208)]},
    {id: 'diag/special', op: 'diag', args: [h.vals('float32', [4], ['NaN', 'Infinity', '-Infinity', '-0'])]},
    {id: 'diag/tensorlike', op: 'diag', args: [h.tensorlike([1.5, -2, 3])]},
  );
  cases.push(
    {id: 'euclideanNorm/all', op: 'euclideanNorm', args: [r([3, 4], 301)]},
    {id: 'euclideanNorm/axis0', op: 'euclideanNorm', args: [r([3, 4], 302), 0]},
    {id: 'euclideanNorm/axis_neg', op: 'euclideanNorm', args: [r([3, 4], 303), -1]},
    {id: 'euclideanNorm/keep_dims', op: 'euclideanNorm', args: [r([3, 4], 304), 1, true]},
    {id: 'euclideanNorm/two_axes', op: 'euclideanNorm', args: [r([2, 3, 4], 305), [0, 2]]},
    {id: 'euclideanNorm/two_axes_keep', op: 'euclideanNorm', args: [r([2, 3, 4], 306), [1, 2], true]},
    {id: 'euclideanNorm/null_keep', op: 'euclideanNorm', args: [r([2, 3], 307), null, true]},
    {id: 'euclideanNorm/scalar', op: 'euclideanNorm', args: [r([], 308)]},
    {id: 'euclideanNorm/vector', op: 'euclideanNorm', args: [r([7], 309)]},
    {id: 'euclideanNorm/empty', op: 'euclideanNorm', args: [r([0], 310)]},
    {id: 'euclideanNorm/empty_axis', op: 'euclideanNorm', args: [r([0, 3], 311), 0]},
    {id: 'euclideanNorm/special', op: 'euclideanNorm', args: [h.vals('float32', [2, 3], ['NaN', 1, 2, 'Infinity', '-Infinity', 3]), 1]},
    {id: 'euclideanNorm/zeros', op: 'euclideanNorm', args: [h.vals('float32', [2, 2], [0, 0, 0, 0]), 0]},
  );
  cases.push(
    {id: 'linalg.bandPart/upper', op: 'linalg.bandPart', args: [r([5, 5], 401), 0, -1]},
    {id: 'linalg.bandPart/lower', op: 'linalg.bandPart', args: [r([5, 5], 402), -1, 0]},
    {id: 'linalg.bandPart/tridiag', op: 'linalg.bandPart', args: [r([5, 5], 403), 1, 1]},
    {id: 'linalg.bandPart/diag', op: 'linalg.bandPart', args: [r([5, 5], 404), 0, 0]},
    {id: 'linalg.bandPart/all', op: 'linalg.bandPart', args: [r([5, 5], 405), -1, -1]},
    {id: 'linalg.bandPart/max_bounds', op: 'linalg.bandPart', args: [r([3, 4], 406), 3, 4]},
    {id: 'linalg.bandPart/wide', op: 'linalg.bandPart', args: [r([3, 6], 407), 1, 2]},
    {id: 'linalg.bandPart/tall', op: 'linalg.bandPart', args: [r([6, 3], 408), 2, 0]},
    {id: 'linalg.bandPart/batched_rect', op: 'linalg.bandPart', args: [r([3, 2, 4], 409), 0, 1]},
    {id: 'linalg.bandPart/rank4', op: 'linalg.bandPart', args: [r([2, 2, 3, 3], 410), 1, 0]},
    {id: 'linalg.bandPart/int32', op: 'linalg.bandPart', args: [h.ints([2, 4], -5, 5, {seed: 411}), 0, 1]},
    {id: 'linalg.bandPart/bool', op: 'linalg.bandPart', args: [h.bools([3, 3], {seed: 412}), 1, 0]},
    {id: 'linalg.bandPart/special', op: 'linalg.bandPart', args: [h.vals('float32', [2, 2], ['NaN', 'Infinity', '-Infinity', '-0']), 0, 0]},
    {id: 'linalg.bandPart/tensor_bounds', op: 'linalg.bandPart', args: [r([4, 3], 414), h.vals('int32', [], [1]), h.vals('int32', [], [0])]},
    {id: 'linalg.bandPart/tensor_bounds_neg_big', op: 'linalg.bandPart', args: [r([4, 3], 415), h.vals('int32', [], [-1]), h.vals('int32', [], [9])]},
    {id: 'linalg.bandPart/too_big', op: 'linalg.bandPart', args: [r([3, 3], 416), 4, 0], expect_error: true},
    {id: 'linalg.bandPart/non_integer', op: 'linalg.bandPart', args: [r([3, 3], 417), 1.5, 0], expect_error: true},
    {id: 'linalg.bandPart/rank1', op: 'linalg.bandPart', args: [r([3], 418), 1, 0], expect_error: true},
    {id: 'linalg.bandPart/float_tensor_bound', op: 'linalg.bandPart', args: [r([3, 3], 419), h.vals('float32', [], [1]), 0], expect_error: true},
  );
  cases.push(
    {id: 'linalg.gramSchmidt/square', op: 'linalg.gramSchmidt', args: [r([3, 3], 501)]},
    {id: 'linalg.gramSchmidt/wide', op: 'linalg.gramSchmidt', args: [r([2, 5], 502)]},
    {id: 'linalg.gramSchmidt/one', op: 'linalg.gramSchmidt', args: [r([1, 4], 503)]},
    {id: 'linalg.gramSchmidt/list', op: 'linalg.gramSchmidt', args: [[r([3], 504), r([3], 505)]]},
    {id: 'linalg.gramSchmidt/too_many', op: 'linalg.gramSchmidt', args: [r([3, 2], 506)], expect_error: true},
    {id: 'linalg.gramSchmidt/lengths', op: 'linalg.gramSchmidt', args: [[r([3], 507), r([2], 508)]], expect_error: true},
  );
  cases.push(
    {id: 'linalg.qr/square', op: 'linalg.qr', args: [r([3, 3], 601)], atol: 1e-4},
    {id: 'linalg.qr/tall', op: 'linalg.qr', args: [r([4, 2], 602)], atol: 1e-4},
    {id: 'linalg.qr/tall_full', op: 'linalg.qr', args: [r([4, 2], 603), true], atol: 1e-4},
    {id: 'linalg.qr/wide', op: 'linalg.qr', args: [r([2, 4], 604)], atol: 1e-4},
    {id: 'linalg.qr/wide_full', op: 'linalg.qr', args: [r([2, 4], 605), true], atol: 1e-4},
    {id: 'linalg.qr/batched_square', op: 'linalg.qr', args: [r([2, 3, 3], 606)], atol: 1e-4},
    {id: 'linalg.qr/rank4_square', op: 'linalg.qr', args: [r([2, 1, 2, 2], 607)], atol: 1e-4},
    {id: 'linalg.qr/one_by_one', op: 'linalg.qr', args: [r([1, 1], 608)]},
    {id: 'linalg.qr/negative_pivot', op: 'linalg.qr', args: [h.vals('float32', [2, 2], [-1, 2, 0, 5])]},
    {id: 'linalg.qr/triangular', op: 'linalg.qr', args: [h.vals('float32', [3, 3], [2, 1, -1, 0, 3, 2, 0, 0, -4])]},
    {id: 'linalg.qr/zero_column', op: 'linalg.qr', args: [h.vals('float32', [2, 2], [0, 2, 0, 5])]},
    {id: 'linalg.qr/empty_rows', op: 'linalg.qr', args: [r([0, 2], 609)]},
    {id: 'linalg.qr/empty_cols', op: 'linalg.qr', args: [r([2, 0], 610)]},
    {id: 'linalg.qr/rank1', op: 'linalg.qr', args: [r([3], 611)], expect_error: true},
    {id: 'linalg.qr/int32', op: 'linalg.qr', args: [h.ints([2, 2], -3, 3, {seed: 612})], expect_error: true},
  );
  cases.push(
    {id: 'grad/linalg.bandPart/batched', op: 'linalg.bandPart', kind: 'grad', args: [h.gradInput(0), 0, -1],
     grad: {mode: 'grad', xs: [r([2, 3, 3], 703)], dy: r([2, 3, 3], 704)}},
    {id: 'grad/linalg.bandPart/batched_no_dy', op: 'linalg.bandPart', kind: 'grad', args: [h.gradInput(0), -1, 0],
     grad: {mode: 'grad', xs: [r([2, 3, 4], 705)]}},
    {id: 'grad/linalg.gramSchmidt/square', op: 'linalg.gramSchmidt', kind: 'grad', args: [h.gradInput(0)],
     grad: {mode: 'grad', xs: [r([3, 3], 706)], dy: r([3, 3], 707)}},
    {id: 'grad/euclideanNorm/all', op: 'euclideanNorm', kind: 'grad', args: [h.gradInput(0)],
     grad: {mode: 'grad', xs: [r([3, 4], 708)]}},
    {id: 'grad/euclideanNorm/axis1', op: 'euclideanNorm', kind: 'grad', args: [h.gradInput(0), 1],
     grad: {mode: 'grad', xs: [r([3, 4], 709)], dy: r([3], 710)}},
    {id: 'grad/euclideanNorm/keep_dims', op: 'euclideanNorm', kind: 'grad', args: [h.gradInput(0), [0, 1], true],
     grad: {mode: 'grad', xs: [r([2, 3], 711)], dy: r([1, 1], 712)}},
  );
  return cases;
};
