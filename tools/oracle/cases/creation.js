// Golden cases for pytfjs/ops/creation.py.
module.exports = (h) => {
  let s = 3000;
  const cases = [
    // tensor / scalar / tensorNd from raw TensorLike values
    {id: 'tensor/nested_float', op: 'tensor', args: [h.tensorlike([[1.5, -2], [0.25, 3]])]},
    {id: 'tensor/flat_with_shape', op: 'tensor', args: [h.tensorlike([1, 2, 3, 4, 5, 6]), [2, 3]]},
    {id: 'tensor/int32', op: 'tensor', args: [h.tensorlike([[1, -2], [3, 4]], 'int'), null, 'int32']},
    {id: 'tensor/float_to_int32', op: 'tensor', args: [h.tensorlike([1.7, -2.7, 3.5]), null, 'int32'], note: 'TF.js truncates toward zero'},
    {id: 'tensor/bool', op: 'tensor', args: [h.tensorlike([[true, false], [false, true]], 'bool')]},
    {id: 'tensor/bool_to_float', op: 'tensor', args: [h.tensorlike([true, false, true], 'bool'), null, 'float32']},
    {id: 'tensor/float_to_bool', op: 'tensor', args: [h.tensorlike([0, 1.5, -2]), null, 'bool']},
    {id: 'tensor/string', op: 'tensor', args: [h.tensorlike([['a', 'bc'], ['', 'déf']], 'str')]},
    {id: 'tensor/scalar', op: 'tensor', args: [h.tensorlike(2.5)]},
    {id: 'tensor/scalar_shape', op: 'tensor', args: [h.tensorlike(2.5), []]},
    {id: 'tensor/empty', op: 'tensor', args: [h.tensorlike([]), [0, 3]]},
    {id: 'tensor/special', op: 'tensor', args: [h.tensorlike(['NaN', 'Infinity', '-Infinity', 1])]},
    {id: 'tensor/fill_scalar_shape', op: 'tensor', args: [h.tensorlike(3), [2, 2]], expect_error: true},
    {id: 'tensor/shape_mismatch', op: 'tensor', args: [h.tensorlike([1, 2, 3]), [2, 2]], expect_error: true},
    {id: 'scalar/float', op: 'scalar', args: [h.float(3.25)]},
    {id: 'scalar/int32', op: 'scalar', args: [7, 'int32']},
    {id: 'scalar/bool', op: 'scalar', args: [true]},
    {id: 'scalar/string', op: 'scalar', args: ['hello']},
    {id: 'scalar/nan', op: 'scalar', args: [h.float('NaN')]},
    {id: 'scalar/list', op: 'scalar', args: [h.tensorlike([1, 2])], expect_error: true},
    {id: 'tensor1d/float', op: 'tensor1d', args: [h.tensorlike([1.5, 2, -3])]},
    {id: 'tensor1d/int32', op: 'tensor1d', args: [h.tensorlike([1, 2, 3], 'int'), 'int32']},
    {id: 'tensor1d/empty', op: 'tensor1d', args: [h.tensorlike([])]},
    {id: 'tensor1d/rank2', op: 'tensor1d', args: [h.tensorlike([[1, 2]])], expect_error: true},
    {id: 'tensor2d/nested', op: 'tensor2d', args: [h.tensorlike([[1, 2, 3], [4, 5, 6]])]},
    {id: 'tensor2d/flat_shape', op: 'tensor2d', args: [h.tensorlike([1, 2, 3, 4, 5, 6]), [3, 2]]},
    {id: 'tensor2d/int32', op: 'tensor2d', args: [h.tensorlike([1, 2, 3, 4], 'int'), [2, 2], 'int32']},
    {id: 'tensor2d/flat_no_shape', op: 'tensor2d', args: [h.tensorlike([1, 2, 3, 4])], expect_error: true},
    {id: 'tensor3d/nested', op: 'tensor3d', args: [h.tensorlike([[[1], [2]], [[3], [4]]])]},
    {id: 'tensor3d/flat_shape', op: 'tensor3d', args: [h.tensorlike([1, 2, 3, 4, 5, 6, 7, 8]), [2, 2, 2]]},
    {id: 'tensor4d/nested', op: 'tensor4d', args: [h.tensorlike([[[[1, 2]], [[3, 4]]]])]},
    {id: 'tensor4d/flat_shape', op: 'tensor4d', args: [h.tensorlike([1, 2, 3, 4]), [1, 2, 2, 1]]},
    {id: 'tensor5d/flat_shape', op: 'tensor5d', args: [h.tensorlike([1, 2, 3, 4, 5, 6, 7, 8]), [1, 2, 2, 2, 1]]},
    {id: 'tensor5d/bool', op: 'tensor5d', args: [h.tensorlike([[[[[true, false]]]]], 'bool')]},
    {id: 'tensor6d/flat_shape', op: 'tensor6d', args: [h.tensorlike([1, 2, 3, 4]), [1, 1, 2, 2, 1, 1]]},
    {id: 'tensor6d/int32', op: 'tensor6d', args: [h.tensorlike([[[[[[1, 2]]]]]], 'int'), null, 'int32']},
    // variable / clone
    {id: 'variable/float', op: 'variable', args: [h.rand([2, 3], {seed: s++})]},
    {id: 'variable/dtype_cast', op: 'variable', args: [h.rand([4], {seed: s++}), true, undefined, 'int32']},
    {id: 'variable/int32_not_trainable', op: 'variable', args: [h.ints([3], -5, 5, {seed: s++}), false]},
    {id: 'clone/float', op: 'clone', args: [h.rand([2, 3], {seed: s++})]},
    {id: 'clone/int32', op: 'clone', args: [h.ints([4], -5, 5, {seed: s++})]},
    {id: 'clone/bool', op: 'clone', args: [h.bools([3], {seed: s++})]},
    {id: 'clone/string', op: 'clone', args: [h.vals('string', [2], ['x', 'yz'])]},
    {id: 'clone/complex', op: 'clone', args: [h.rand([2], {dtype: 'complex64', seed: s++})]},
    {id: 'clone/empty', op: 'clone', args: [h.rand([0, 2])]},
    {id: 'clone/tensorlike', op: 'clone', args: [h.tensorlike([1.5, 2])]},
    // fill / zeros / ones
    {id: 'fill/float', op: 'fill', args: [[2, 3], h.float(1.5)]},
    {id: 'fill/int32', op: 'fill', args: [[3], 4, 'int32']},
    {id: 'fill/bool', op: 'fill', args: [[2], true, 'bool']},
    {id: 'fill/string', op: 'fill', args: [[2], 'ab', 'string']},
    {id: 'fill/scalar_shape', op: 'fill', args: [[], h.float(-2.5)]},
    {id: 'fill/empty', op: 'fill', args: [[0, 2], h.float(1)]},
    {id: 'fill/nan', op: 'fill', args: [[2], h.float('NaN')]},
    {id: 'fill/int_value_default_dtype', op: 'fill', args: [[2], h.float(3)]},
  ];
  for (const op of ['zeros', 'ones']) {
    cases.push(
      {id: `${op}/default`, op, args: [[2, 3]]},
      {id: `${op}/int32`, op, args: [[4], 'int32']},
      {id: `${op}/bool`, op, args: [[2, 2], 'bool']},
      {id: `${op}/complex64`, op, args: [[2], 'complex64']},
      {id: `${op}/scalar`, op, args: [[]]},
      {id: `${op}/empty`, op, args: [[3, 0]]},
    );
  }
  for (const op of ['zerosLike', 'onesLike']) {
    cases.push(
      {id: `${op}/float`, op, args: [h.rand([2, 3], {seed: s++})]},
      {id: `${op}/int32`, op, args: [h.ints([4], -5, 5, {seed: s++})]},
      {id: `${op}/bool`, op, args: [h.bools([3], {seed: s++})]},
      {id: `${op}/complex64`, op, args: [h.rand([2], {dtype: 'complex64', seed: s++})]},
      {id: `${op}/scalar`, op, args: [h.rand([], {seed: s++})]},
      {id: `${op}/empty`, op, args: [h.rand([0, 3])]},
      {id: `${op}/tensorlike`, op, args: [h.tensorlike([[1.5, 2]])]},
      {id: `grad/${op}/main`, op, kind: 'grad', args: [h.gradInput(0)],
        grad: {mode: 'grad', xs: [h.rand([2, 3], {seed: s++})], dy: h.rand([2, 3], {seed: s++})}},
    );
  }
  cases.push(
    // range / linspace
    {id: 'range/stop_only', op: 'range', args: [0, 5]},
    {id: 'range/step', op: 'range', args: [1, 10, 3]},
    {id: 'range/neg_step', op: 'range', args: [5, -2, -2]},
    {id: 'range/float_step', op: 'range', args: [0, 1, 0.25]},
    {id: 'range/float_bounds', op: 'range', args: [h.float(0.5), h.float(3.1), 1]},
    {id: 'range/int32', op: 'range', args: [0, 7, 2, 'int32']},
    {id: 'range/int32_float_step', op: 'range', args: [0, 3, 0.5, 'int32']},
    {id: 'range/empty_same', op: 'range', args: [3, 3]},
    {id: 'range/empty_wrong_dir', op: 'range', args: [5, 0, 1], note: 'TF.js returns an empty tensor when step points away from stop'},
    {id: 'range/start_gt_stop_default_step', op: 'range', args: [5, 0]},
    {id: 'range/zero_step', op: 'range', args: [0, 5, 0], expect_error: true},
    {id: 'linspace/main', op: 'linspace', args: [0, 1, 5]},
    {id: 'linspace/neg', op: 'linspace', args: [h.float(2.5), -1.5, 4]},
    {id: 'linspace/one', op: 'linspace', args: [3, 7, 1]},
    {id: 'linspace/reverse', op: 'linspace', args: [10, 0, 6]},
    {id: 'linspace/zero', op: 'linspace', args: [0, 1, 0], expect_error: true},
    // eye
    {id: 'eye/square', op: 'eye', args: [3]},
    {id: 'eye/rect_wide', op: 'eye', args: [2, 4]},
    {id: 'eye/rect_tall', op: 'eye', args: [4, 2]},
    {id: 'eye/batch', op: 'eye', args: [2, null, [3]]},
    {id: 'eye/batch2', op: 'eye', args: [2, 3, [2, 1]]},
    {id: 'eye/int32', op: 'eye', args: [3, 3, undefined, 'int32']},
    {id: 'eye/zero', op: 'eye', args: [0]},
    // oneHot
    {id: 'oneHot/main', op: 'oneHot', args: [h.vals('int32', [4], [0, 2, 1, 3]), 4]},
    {id: 'oneHot/on_off', op: 'oneHot', args: [h.vals('int32', [3], [2, 0, 1]), 3, 5, -1]},
    {id: 'oneHot/float_on_off', op: 'oneHot', args: [h.vals('int32', [3], [2, 0, 1]), 3, h.float(0.75), h.float(0.25)]},
    {id: 'oneHot/out_of_range', op: 'oneHot', args: [h.vals('int32', [4], [-1, 5, 1, 3]), 4]},
    {id: 'oneHot/rank2', op: 'oneHot', args: [h.ints([2, 3], 0, 3, {seed: s++}), 3]},
    {id: 'oneHot/scalar', op: 'oneHot', args: [h.vals('int32', [], [1]), 3]},
    {id: 'oneHot/float32_dtype', op: 'oneHot', args: [h.vals('int32', [2], [1, 0]), 2, 1, 0, 'float32']},
    {id: 'oneHot/empty', op: 'oneHot', args: [h.ints([0], 0, 1), 3]},
    {id: 'oneHot/float_indices', op: 'oneHot', args: [h.rand([3], {seed: s++})], expect_error: true},
    {id: 'oneHot/depth_zero', op: 'oneHot', args: [h.vals('int32', [2], [0, 1]), 0], expect_error: true},
    // complex / real / imag
    {id: 'complex/main', op: 'complex', args: [h.rand([2, 3], {seed: s++}), h.rand([2, 3], {seed: s++})]},
    {id: 'complex/scalar', op: 'complex', args: [h.rand([], {seed: s++}), h.rand([], {seed: s++})]},
    {id: 'complex/empty', op: 'complex', args: [h.rand([0]), h.rand([0])]},
    // No NaN/Inf in complex goldens: check_ops.py decodes complex data as re + 1j * im, which turns
    // an infinite or NaN imaginary part into a NaN real part.
    {id: 'complex/special', op: 'complex', args: [h.vals('float32', [3], ['NaN', 'Infinity', 1]), h.vals('float32', [3], [0, 0, '-0'])]},
    {id: 'complex/shape_mismatch', op: 'complex', args: [h.rand([2]), h.rand([3])], expect_error: true},
    {id: 'real/complex', op: 'real', args: [h.rand([2, 3], {dtype: 'complex64', seed: s++})]},
    {id: 'real/empty', op: 'real', args: [h.rand([0, 2], {dtype: 'complex64'})]},
    {id: 'imag/complex', op: 'imag', args: [h.rand([2, 3], {dtype: 'complex64', seed: s++})]},
    {id: 'imag/scalar', op: 'imag', args: [h.rand([], {dtype: 'complex64', seed: s++})]},
    // gradients
    {id: 'grad/clone/main', op: 'clone', kind: 'grad', args: [h.gradInput(0)],
      grad: {mode: 'grad', xs: [h.rand([2, 3], {seed: s++})], dy: h.rand([2, 3], {seed: s++})}},
    // TF.js 4.22 has no gradient for Real/Imag and tf.grads rejects a complex64 dy, so complex/real/imag
    // gradients are not recorded; real/imag of a float tensor throw a TypeError in TF.js (TensorFlow
    // returns x / zeros), so those are not recorded either.
  );
  return cases;
};
