// Golden cases for pytfjs/ops/evaluation.py.
// A float/int condition or mask given as a typed NumPy array is a TensorLike in pytfjs (parsed
// as bool), so the TF.js dtype errors for those are not recorded here.
// Left out on purpose (pytfjs follows TensorFlow where TF.js 4.22 is buggy): searchSorted with
// values of rank != 2 (TF.js returns the values reshaped to 2-D) or empty rows (TF.js fails to
// reshape them), the TopK gradient (TF.js has none), denseBincount of rank-1 x with
// binaryOutput=true (TF.js ignores binaryOutput there).
module.exports = (h) => {
  const cases = [];
  let s = 8000;
  // ---------------------------------------------------------------- topk
  cases.push(
    {id: 'topk/default', op: 'topk', args: [h.rand([3, 5], {seed: s++})]},
    {id: 'topk/k3', op: 'topk', args: [h.rand([2, 6], {seed: s++}), 3]},
    {id: 'topk/k_full', op: 'topk', args: [h.rand([7], {seed: s++}), 7]},
    {id: 'topk/k0', op: 'topk', args: [h.rand([2, 3], {seed: s++}), 0]},
    {id: 'topk/rank3', op: 'topk', args: [h.rand([2, 3, 4], {seed: s++}), 2]},
    {id: 'topk/int32', op: 'topk', args: [h.ints([3, 6], -20, 20, {seed: s++}), 4]},
    {id: 'topk/bool', op: 'topk', args: [h.vals('bool', [5], [true, false, true, false, true]), 2]},
    {id: 'topk/ties', op: 'topk', args: [h.vals('float32', [8], [1, 2, 3, 2, 2, 0, 5, 1]), 4]},
    {id: 'topk/ties_int', op: 'topk', args: [h.vals('int32', [2, 5], [3, 3, 3, 3, 3, 1, 2, 1, 2, 1]), 3]},
    {id: 'topk/neg_zero', op: 'topk', args: [h.vals('float32', [4], ['-0', 0, '-0', -1]), 2]},
    {id: 'topk/unsorted', op: 'topk', args: [h.vals('float32', [8], [1, 2, 3, 2, 2, 0, 5, 1]), 4, false]},
    {id: 'topk/unsorted_rand', op: 'topk', args: [h.rand([3, 10], {seed: s++}), 5, false]},
    {id: 'topk/unsorted_full', op: 'topk', args: [h.rand([2, 4], {seed: s++}), 4, false]},
    {id: 'topk/unsorted_int', op: 'topk', args: [h.ints([2, 9], -5, 5, {seed: s++}), 3, false]},
    {id: 'topk/unsorted_big', op: 'topk', args: [h.rand([2, 700], {seed: s++}), 10, false]},
    {id: 'topk/sorted_big', op: 'topk', args: [h.rand([2, 700], {seed: s++}), 10]},
    {id: 'topk/nan', op: 'topk', args: [h.vals('float32', [5], [1, 'NaN', 3, 'NaN', 2]), 3]},
    {id: 'topk/nan_all_k', op: 'topk', args: [h.vals('float32', [6], ['NaN', 4, 'NaN', 1, 2, 'NaN']), 6]},
    {id: 'topk/inf', op: 'topk', args: [h.vals('float32', [6], ['Infinity', 1, '-Infinity', 'Infinity', 0, '-Infinity']), 4]},
    {id: 'topk/empty_rows', op: 'topk', args: [h.rand([0, 3]), 2]},
    {id: 'topk/tensorlike', op: 'topk', args: [h.tensorlike([[1, 5, 2], [9, 0, 3]]), 1]},
    {id: 'topk/scalar', op: 'topk', args: [h.vals('float32', [], [1])], expect_error: true},
    {id: 'topk/k_too_big', op: 'topk', args: [h.rand([3]), 4], expect_error: true},
  );
  // ---------------------------------------------------------------- unique
  cases.push(
    {id: 'unique/float', op: 'unique', args: [h.vals('float32', [9], [1, 1, 2, 4, 4, 4, 7, 8, 8])]},
    {id: 'unique/rand', op: 'unique', args: [h.ints([20], -3, 3, {seed: s++})]},
    {id: 'unique/special', op: 'unique', args: [h.vals('float32', [7], [0, '-0', 'NaN', 'NaN', 1, 'Infinity', 'Infinity'])]},
    {id: 'unique/neg_zero_first', op: 'unique', args: [h.vals('float32', [3], ['-0', 0, 1])]},
    {id: 'unique/bool', op: 'unique', args: [h.vals('bool', [4], [true, true, false, true])]},
    {id: 'unique/string', op: 'unique', args: [h.vals('string', [6], ['b', 'a', 'b', '', 'a', 'c'])]},
    {id: 'unique/axis0', op: 'unique', args: [h.vals('int32', [4, 2], [1, 2, 3, 4, 1, 2, 3, 5]), 0]},
    {id: 'unique/axis1', op: 'unique', args: [h.vals('float32', [2, 4], [1, 2, 1, 2, 3, 4, 3, 5]), 1]},
    {id: 'unique/axis_neg', op: 'unique', args: [h.vals('int32', [2, 3, 2], [1, 1, 2, 2, 1, 1, 0, 0, 3, 3, 0, 0]), -1]},
    {id: 'unique/axis_mid', op: 'unique', args: [h.vals('int32', [2, 3, 2], [1, 1, 2, 2, 1, 1, 0, 0, 3, 3, 0, 0]), 1]},
    {id: 'unique/rows_nan', op: 'unique', args: [h.vals('float32', [3, 2], ['NaN', 1, 'NaN', 1, 0, 1]), 0]},
    {id: 'unique/string_2d', op: 'unique', args: [h.vals('string', [3, 2], ['a', 'b', 'a', 'b', 'a', 'c']), 0]},
    {id: 'unique/empty', op: 'unique', args: [h.vals('float32', [0], [])]},
    {id: 'unique/scalar', op: 'unique', args: [h.vals('float32', [], [1])], expect_error: true},
  );
  // ---------------------------------------------------------------- inTopKAsync
  cases.push(
    {id: 'inTopKAsync/k1', op: 'inTopKAsync', args: [h.rand([4, 5], {seed: s++}), h.ints([4], 0, 4, {seed: s++})]},
    {id: 'inTopKAsync/k2', op: 'inTopKAsync', args: [h.vals('float32', [2, 4], [20, 10, 40, 30, 30, 50, -20, 10]), h.vals('int32', [2], [2, 0]), 2]},
    {id: 'inTopKAsync/ties', op: 'inTopKAsync', args: [h.vals('float32', [3, 4], [1, 1, 1, 1, 2, 1, 2, 0, 0, 0, 5, 0]), h.vals('int32', [3], [2, 2, 3]), 2]},
    {id: 'inTopKAsync/int32', op: 'inTopKAsync', args: [h.ints([3, 4], -3, 3, {seed: s++}), h.ints([3], 0, 3, {seed: s++}), 3]},
    {id: 'inTopKAsync/rank3', op: 'inTopKAsync', args: [h.rand([2, 3, 4], {seed: s++}), h.ints([2, 3], 0, 3, {seed: s++}), 2]},
    {id: 'inTopKAsync/k_all', op: 'inTopKAsync', args: [h.rand([2, 3], {seed: s++}), h.vals('int32', [2], [0, 2]), 3]},
    {id: 'inTopKAsync/out_of_range', op: 'inTopKAsync', args: [h.rand([2, 3], {seed: s++}), h.vals('int32', [2], [3, -1]), 3]},
    {id: 'inTopKAsync/k0', op: 'inTopKAsync', args: [h.rand([2, 3]), h.vals('int32', [2], [0, 1]), 0], expect_error: true},
  );
  // ---------------------------------------------------------------- setdiff1dAsync
  cases.push(
    {id: 'setdiff1dAsync/int', op: 'setdiff1dAsync', args: [h.vals('int32', [6], [1, 2, 3, 4, 5, 6]), h.vals('int32', [3], [1, 3, 5])]},
    {id: 'setdiff1dAsync/dups', op: 'setdiff1dAsync', args: [h.vals('int32', [6], [4, 1, 4, 2, 1, 7]), h.vals('int32', [2], [1, 9])]},
    {id: 'setdiff1dAsync/float', op: 'setdiff1dAsync', args: [h.vals('float32', [5], [1.5, 'NaN', 0, 2, '-0']), h.vals('float32', [3], ['NaN', 0, 7])]},
    {id: 'setdiff1dAsync/string', op: 'setdiff1dAsync', args: [h.vals('string', [4], ['a', 'b', 'c', 'b']), h.vals('string', [1], ['b'])], expect_error: true},
    {id: 'setdiff1dAsync/bool', op: 'setdiff1dAsync', args: [h.vals('bool', [3], [true, false, true]), h.vals('bool', [1], [false])]},
    {id: 'setdiff1dAsync/all_removed', op: 'setdiff1dAsync', args: [h.vals('int32', [2], [1, 1]), h.vals('int32', [1], [1])]},
    {id: 'setdiff1dAsync/empty_y', op: 'setdiff1dAsync', args: [h.vals('int32', [3], [3, 2, 1]), h.vals('int32', [0], [])]},
    {id: 'setdiff1dAsync/dtype_mismatch', op: 'setdiff1dAsync', args: [h.vals('int32', [2], [1, 2]), h.vals('float32', [1], [1])], expect_error: true},
  );
  // ---------------------------------------------------------------- confusionMatrix
  const cm = 'math.confusionMatrix';
  cases.push(
    {id: `${cm}/basic`, op: cm, args: [h.vals('int32', [5], [0, 1, 2, 1, 0]), h.vals('int32', [5], [0, 2, 2, 1, 0]), 3]},
    {id: `${cm}/rand`, op: cm, args: [h.ints([30], 0, 4, {seed: s++}), h.ints([30], 0, 4, {seed: s++}), 5]},
    {id: `${cm}/out_of_range`, op: cm, args: [h.vals('int32', [4], [0, 5, 1, -1]), h.vals('int32', [4], [1, 1, 3, 0]), 2]},
    {id: `${cm}/empty`, op: cm, args: [h.vals('int32', [0], []), h.vals('int32', [0], []), 3]},
    {id: `${cm}/tensorlike`, op: cm, args: [h.tensorlike([0, 1, 1], 'int'), h.tensorlike([1, 1, 0], 'int'), 2]},
    {id: `${cm}/length_mismatch`, op: cm, args: [h.vals('int32', [2], [0, 1]), h.vals('int32', [3], [0, 1, 1]), 2], expect_error: true},
  );
  // ---------------------------------------------------------------- searchSorted / bounds (values of rank 2)
  for (const op of ['searchSorted', 'lowerBound', 'upperBound']) {
    cases.push(
      {id: `${op}/rows`, op, args: [h.vals('float32', [2, 5], [0, 3, 9, 10, 10, 1, 2, 3, 4, 5]), h.vals('float32', [2, 3], [2, 4, 10, 0, 2, 6])]},
      {id: `${op}/one_row`, op, args: [h.vals('int32', [1, 6], [1, 2, 2, 2, 3, 5]), h.vals('int32', [1, 5], [0, 2, 3, 4, 9])]},
      {id: `${op}/special`, op, args: [h.vals('float32', [1, 4], ['-Infinity', 0, 1, 'Infinity']), h.vals('float32', [1, 5], ['NaN', '-Infinity', 'Infinity', '-0', 0.5])]},
      {id: `${op}/nan_seq`, op, args: [h.vals('float32', [1, 3], [1, 'NaN', 3]), h.vals('float32', [1, 3], [0, 2, 4])]},
      {id: `${op}/rank3_seq`, op, args: [h.vals('float32', [2, 1, 3], [1, 2, 3, 4, 5, 6]), h.vals('float32', [2, 2], [2, 3, 4, 7])]},
      {id: `${op}/mixed_dtype`, op, args: [h.vals('int32', [1, 3], [1, 3, 5]), h.vals('float32', [1, 3], [2.5, 3, 5.5])]},
      {id: `${op}/rows_mismatch`, op, args: [h.vals('float32', [2, 3], [1, 2, 3, 4, 5, 6]), h.vals('float32', [3, 1], [1, 2, 3])], expect_error: true},
    );
  }
  cases.push({id: 'searchSorted/right', op: 'searchSorted', args: [h.vals('float32', [2, 5], [0, 3, 9, 10, 10, 1, 2, 3, 4, 5]), h.vals('float32', [2, 3], [2, 4, 10, 0, 2, 6]), 'right']},
             {id: 'searchSorted/left', op: 'searchSorted', args: [h.vals('float32', [2, 5], [0, 3, 9, 10, 10, 1, 2, 3, 4, 5]), h.vals('float32', [2, 3], [2, 4, 10, 0, 2, 6]), 'left']},
             {id: 'searchSorted/rand', op: 'searchSorted', args: [h.vals('float32', [1, 8], [-3, -1, -1, 0, 0.5, 1, 2, 3]), h.rand([1, 20], {seed: s++}), 'right']});
  // ---------------------------------------------------------------- bincount / denseBincount
  cases.push(
    {id: 'bincount/count', op: 'bincount', args: [h.vals('int32', [6], [1, 1, 3, 7, 0, 3]), h.vals('float32', [0], []), 5]},
    {id: 'bincount/weights', op: 'bincount', args: [h.ints([12], 0, 5, {seed: s++}), h.rand([12], {seed: s++}), 6]},
    {id: 'bincount/int_weights', op: 'bincount', args: [h.vals('int32', [4], [1, 1, 2, 0]), h.vals('int32', [4], [5, -2, 3, 1]), 3]},
    {id: 'bincount/int_count', op: 'bincount', args: [h.vals('int32', [4], [1, 1, 2, 0]), h.vals('int32', [0], []), 4]},
    {id: 'bincount/size0', op: 'bincount', args: [h.vals('int32', [3], [1, 2, 3]), h.vals('float32', [0], []), 0]},
    {id: 'bincount/empty_x', op: 'bincount', args: [h.vals('int32', [0], []), h.vals('float32', [0], []), 3]},
    {id: 'bincount/negative', op: 'bincount', args: [h.vals('int32', [2], [1, -1]), h.vals('float32', [0], []), 3], expect_error: true},
    {id: 'bincount/float_x', op: 'bincount', args: [h.vals('float32', [2], [1, 1]), h.vals('float32', [0], []), 3], expect_error: true},
    {id: 'denseBincount/rank1', op: 'denseBincount', args: [h.vals('int32', [6], [1, 1, 3, 7, 0, 3]), h.vals('float32', [0], []), 5]},
    {id: 'denseBincount/rank1_weights', op: 'denseBincount', args: [h.ints([10], 0, 4, {seed: s++}), h.rand([10], {seed: s++}), 5]},
    {id: 'denseBincount/rank2', op: 'denseBincount', args: [h.ints([3, 5], 0, 4, {seed: s++}), h.vals('int32', [0], []), 4]},
    {id: 'denseBincount/rank2_weights', op: 'denseBincount', args: [h.ints([3, 5], 0, 5, {seed: s++}), h.rand([3, 5], {seed: s++}), 4]},
    {id: 'denseBincount/rank2_binary', op: 'denseBincount', args: [h.ints([3, 5], 0, 4, {seed: s++}), h.rand([3, 5], {seed: s++}), 4, true]},
    {id: 'denseBincount/rank2_binary_count', op: 'denseBincount', args: [h.vals('int32', [2, 3], [1, 1, 2, 0, 3, 3]), h.vals('int32', [0], []), 4, true]},
    {id: 'denseBincount/rank3', op: 'denseBincount', args: [h.vals('int32', [1, 1, 2], [1, 1]), h.vals('float32', [0], []), 3], expect_error: true},
  );
  // ---------------------------------------------------------------- whereAsync / booleanMaskAsync
  cases.push(
    {id: 'whereAsync/1d', op: 'whereAsync', args: [h.vals('bool', [5], [false, true, true, false, true])]},
    {id: 'whereAsync/2d', op: 'whereAsync', args: [h.bools([3, 4], {seed: s++})]},
    {id: 'whereAsync/3d', op: 'whereAsync', args: [h.bools([2, 2, 3], {seed: s++})]},
    {id: 'whereAsync/none', op: 'whereAsync', args: [h.vals('bool', [2, 2], [false, false, false, false])]},
    {id: 'whereAsync/scalar_true', op: 'whereAsync', args: [h.vals('bool', [], [true])]},
    {id: 'whereAsync/empty', op: 'whereAsync', args: [h.vals('bool', [0, 3], [])]},
    {id: 'whereAsync/tensorlike', op: 'whereAsync', args: [h.tensorlike([true, false, true], 'bool')]},
    {id: 'booleanMaskAsync/1d', op: 'booleanMaskAsync', args: [h.rand([5], {seed: s++}), h.vals('bool', [5], [true, false, true, true, false])]},
    {id: 'booleanMaskAsync/rows', op: 'booleanMaskAsync', args: [h.rand([4, 3], {seed: s++}), h.vals('bool', [4], [false, true, false, true])]},
    {id: 'booleanMaskAsync/2d_mask', op: 'booleanMaskAsync', args: [h.rand([2, 3, 2], {seed: s++}), h.bools([2, 3], {seed: s++})]},
    {id: 'booleanMaskAsync/axis1', op: 'booleanMaskAsync', args: [h.ints([2, 4, 2], -9, 9, {seed: s++}), h.vals('bool', [4], [true, false, false, true]), 1]},
    {id: 'booleanMaskAsync/axis1_2d', op: 'booleanMaskAsync', args: [h.rand([2, 2, 3], {seed: s++}), h.bools([2, 3], {seed: s++}), 1]},
    {id: 'booleanMaskAsync/all_false', op: 'booleanMaskAsync', args: [h.rand([3, 2], {seed: s++}), h.vals('bool', [3], [false, false, false])]},
    {id: 'booleanMaskAsync/string', op: 'booleanMaskAsync', args: [h.vals('string', [3], ['a', 'b', 'c']), h.vals('bool', [3], [true, false, true])], expect_error: true},
    {id: 'booleanMaskAsync/bool_tensor', op: 'booleanMaskAsync', args: [h.vals('bool', [3], [true, false, true]), h.vals('bool', [3], [false, true, true])]},
    {id: 'booleanMaskAsync/tensorlike_mask', op: 'booleanMaskAsync', args: [h.rand([3], {seed: s++}), h.tensorlike([true, true, false], 'bool')]},
    {id: 'booleanMaskAsync/shape_mismatch', op: 'booleanMaskAsync', args: [h.rand([3, 2]), h.vals('bool', [2], [true, false])], expect_error: true},
    {id: 'booleanMaskAsync/scalar_mask', op: 'booleanMaskAsync', args: [h.rand([3]), h.vals('bool', [], [true])], expect_error: true},
  );
  return cases;
};
