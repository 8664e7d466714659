// Golden cases for pytfjs/ops/pooling.py (maxPool, avgPool, maxPool3d, avgPool3d, pool,
// maxPoolWithArgmax) and the batchNorm2d/3d/4d wrappers of pytfjs/ops/normalization.py.
//
// Left out on purpose (TF.js 4.22 is wrong there and pytfjs follows TensorFlow, see the module
// docstring of pytfjs/ops/pooling.py): avgPool/avgPool3d gradients with 'same', numeric or
// explicit padding or ceil rounding (TF.js divides by the filter size), maxPool gradients with
// dimRoundingMode (TF.js drops it), maxPool3d gradients with non-cubic (h != w) filters (TF.js
// mixes up its position index), 3-D 'same' with a filter smaller than the stride (TF.js pads
// negatively), pool with dilations > 1 and a numeric pad (TF.js drops the pad).
module.exports = (h) => {
  const cases = [];
  let s = 1000;
  const img = (shape, o = {}) => h.rand(shape, {seed: s++, ...o});
  const special = h.vals('float32', [1, 4, 4, 1],
    [1, 'NaN', 3, 4, 'NaN', 'NaN', 'NaN', 'NaN', '-Infinity', '-Infinity', 2, '-Infinity', 0, 0, 'Infinity', 0]);

  // ---------------------------------------------------------------- maxPool / avgPool
  for (const op of ['maxPool', 'avgPool']) {
    cases.push(
      {id: `${op}/f2_s2_valid`, op, args: [img([2, 6, 6, 3]), 2, 2, 'valid']},
      {id: `${op}/f3_s1_same`, op, args: [img([1, 5, 5, 2]), 3, 1, 'same']},
      {id: `${op}/f3_s2_same`, op, args: [img([2, 7, 6, 2]), 3, 2, 'same']},
      {id: `${op}/f2_s2_same_even`, op, args: [img([1, 4, 6, 1]), 2, 2, 'same']},
      {id: `${op}/rect`, op, args: [img([1, 6, 5, 2]), [3, 2], [2, 1], 'same']},
      {id: `${op}/rect_valid`, op, args: [img([1, 6, 5, 2]), [2, 3], [1, 2], 'valid']},
      {id: `${op}/f1_s2`, op, args: [img([1, 5, 5, 2]), 1, 2, 'valid']},
      {id: `${op}/f1_s1_identity`, op, args: [img([1, 3, 3, 2]), 1, 1, 'valid']},
      {id: `${op}/pad_num`, op, args: [img([1, 5, 5, 2]), 3, 2, 1]},
      {id: `${op}/pad_num_floor`, op, args: [img([1, 5, 5, 2]), 3, 2, 1, 'floor']},
      {id: `${op}/pad_num_ceil`, op, args: [img([1, 6, 6, 2]), 3, 2, 1, 'ceil']},
      {id: `${op}/pad_num_round`, op, args: [img([1, 6, 6, 2]), 3, 2, 1, 'round']},
      {id: `${op}/pad_zero_ceil`, op, args: [img([1, 5, 5, 1]), 2, 2, 0, 'ceil']},
      {id: `${op}/pad_big`, op, args: [img([1, 5, 5, 1]), 2, 2, 2]},
      {id: `${op}/explicit`, op, args: [img([1, 5, 5, 2]), 2, 1, [[0, 0], [1, 0], [0, 1], [0, 0]]]},
      {id: `${op}/explicit_s2`, op, args: [img([1, 5, 6, 2]), 3, 2, [[0, 0], [1, 2], [2, 1], [0, 0]]]},
      {id: `${op}/explicit_ceil`, op, args: [img([1, 5, 5, 1]), 2, 2, [[0, 0], [1, 1], [0, 0], [0, 0]], 'ceil']},
      {id: `${op}/unbatched`, op, args: [img([5, 5, 2]), 2, 1, 'valid']},
      {id: `${op}/global`, op, args: [img([2, 5, 4, 3]), [5, 4], 1, 'valid']},
      {id: `${op}/filter_bigger_than_input`, op, args: [img([1, 2, 2, 1]), 3, 1, 'valid']},
      {id: `${op}/filter_bigger_same`, op, args: [img([1, 2, 3, 1]), 4, 1, 'same']},
      {id: `${op}/empty_batch`, op, args: [img([0, 3, 3, 2]), 2, 1, 'valid']},
      {id: `${op}/empty_channels`, op, args: [img([1, 3, 3, 0]), 2, 1, 'same']},
      {id: `${op}/empty_height`, op, args: [img([1, 0, 3, 1]), 2, 1, 'same']},
      {id: `${op}/special`, op, args: [special, 2, 2, 'valid']},
      {id: `${op}/special_same`, op, args: [special, 3, 1, 'same']},
      {id: `${op}/tensorlike`, op, args: [h.tensorlike([[[1], [2]], [[3], [4.5]]]), 2, 1, 'valid']},
      {id: `${op}/medium`, op, args: [img([2, 12, 14, 6]), 3, 2, 'same']},
    );
  }
  cases.push(
    {id: 'maxPool/int32', op: 'maxPool', args: [h.ints([1, 4, 4, 2], -9, 9, {seed: s++}), 2, 1, 'same']},
    {id: 'maxPool/int32_pad_big', op: 'maxPool', args: [h.ints([1, 3, 3, 1], -9, 9, {seed: s++}), 2, 2, 2]},
    {id: 'maxPool/bool', op: 'maxPool', args: [h.bools([1, 3, 3, 2], {seed: s++}), 2, 1, 'valid']},
    {id: 'avgPool/tensorlike_ints', op: 'avgPool', args: [h.tensorlike([[[1], [2]], [[3], [4]]], 'int'), 2, 1, 'valid']},
  );

  // ---------------------------------------------------------------- maxPool3d / avgPool3d
  for (const op of ['maxPool3d', 'avgPool3d']) {
    cases.push(
      {id: `${op}/f2_s1_valid`, op, args: [img([1, 3, 3, 3, 2]), 2, 1, 'valid']},
      {id: `${op}/f2_s2_valid`, op, args: [img([2, 4, 5, 4, 1]), 2, 2, 'valid']},
      {id: `${op}/f3_s1_same`, op, args: [img([1, 3, 4, 3, 2]), 3, 1, 'same']},
      {id: `${op}/f3_s2_same`, op, args: [img([1, 5, 5, 4, 1]), 3, 2, 'same']},
      {id: `${op}/f2_s2_same`, op, args: [img([1, 3, 5, 4, 2]), 2, 2, 'same']},
      {id: `${op}/rect`, op, args: [img([1, 4, 5, 6, 1]), [1, 2, 3], [1, 2, 1], 'same']},
      {id: `${op}/rect_valid`, op, args: [img([1, 4, 5, 6, 1]), [2, 3, 1], [2, 1, 2], 'valid']},
      {id: `${op}/pad_num`, op, args: [img([1, 4, 4, 4, 1]), 3, 2, 1]},
      {id: `${op}/pad_num_ceil`, op, args: [img([1, 3, 3, 3, 1]), 2, 2, 0, 'ceil']},
      {id: `${op}/pad_num_round`, op, args: [img([1, 4, 4, 4, 1]), 3, 2, 1, 'round']},
      {id: `${op}/pad_big`, op, args: [img([1, 2, 2, 2, 1]), 2, 2, 2]},
      {id: `${op}/filter_bigger_than_input`, op, args: [img([1, 2, 2, 2, 1]), 3, 1, 'valid']},
      {id: `${op}/unbatched`, op, args: [img([3, 3, 3, 2]), 2, 1, 'valid']},
      {id: `${op}/default_data_format`, op, args: [img([1, 3, 3, 3, 1]), 2, 1, 'same', null, 'NDHWC']},
      {id: `${op}/empty_batch`, op, args: [img([0, 3, 3, 3, 1]), 2, 1, 'valid']},
      {id: `${op}/empty_channels`, op, args: [img([1, 3, 3, 3, 0]), 2, 1, 'same']},
      {id: `${op}/special`, op, args: [h.vals('float32', [1, 1, 2, 4, 1], [1, 'NaN', 'NaN', 'NaN', 3, 'NaN', 'Infinity', 'NaN']), [1, 2, 2], [1, 1, 2], 'valid']},
    );
  }
  cases.push(
    {id: 'maxPool3d/int32', op: 'maxPool3d', args: [h.ints([1, 3, 3, 3, 1], -9, 9, {seed: s++}), 2, 1, 'same']},
    {id: 'maxPool3d/bool', op: 'maxPool3d', args: [h.bools([1, 2, 2, 2, 1], {seed: s++}), 2, 1, 'valid']},
  );

  // ---------------------------------------------------------------- pool
  cases.push(
    {id: 'pool/max_same', op: 'pool', args: [img([1, 5, 5, 2]), [3, 3], 'max', 'same']},
    {id: 'pool/avg_valid_s2', op: 'pool', args: [img([1, 6, 6, 2]), [2, 2], 'avg', 'valid', null, 2]},
    {id: 'pool/max_dil2_same', op: 'pool', args: [img([1, 5, 5, 2]), [2, 2], 'max', 'same', [2, 2], 1]},
    {id: 'pool/avg_dil2_same', op: 'pool', args: [img([1, 5, 6, 2]), [2, 2], 'avg', 'same', [2, 2], 1]},
    {id: 'pool/max_dil_rect_same', op: 'pool', args: [img([1, 7, 6, 1]), [3, 2], 'max', 'same', [2, 3], 1]},
    {id: 'pool/avg_dil2_valid', op: 'pool', args: [img([2, 6, 5, 2]), [2, 2], 'avg', 'valid', 2, 1]},
    {id: 'pool/max_dil3_valid', op: 'pool', args: [img([1, 8, 7, 1]), 2, 'max', 'valid', 3, 1]},
    {id: 'pool/pad_zero_number', op: 'pool', args: [img([1, 5, 5, 1]), [2, 2], 'avg', 0, 1, 1]},
    {id: 'pool/pad_num_ceil', op: 'pool', args: [img([1, 5, 5, 1]), [2, 2], 'max', 1, 1, 2, 'ceil']},
    {id: 'pool/explicit', op: 'pool', args: [img([1, 5, 5, 1]), [2, 2], 'max', [[0, 0], [1, 1], [1, 1], [0, 0]], 1, 1]},
    {id: 'pool/unbatched', op: 'pool', args: [img([5, 5, 2]), [2, 2], 'max', 'valid', [2, 2], 1]},
    {id: 'pool/unbatched_dil_same', op: 'pool', args: [img([5, 6, 1]), [3, 3], 'avg', 'same', 2, 1]},
    {id: 'pool/int32_max', op: 'pool', args: [h.ints([1, 4, 4, 1], -9, 9, {seed: s++}), [2, 2], 'max', 'same', 2, 1]},
  );

  // ---------------------------------------------------------------- maxPoolWithArgmax
  const op = 'maxPoolWithArgmax';
  cases.push(
    {id: `${op}/valid`, op, args: [img([2, 4, 4, 2]), 2, 2, 'valid']},
    {id: `${op}/valid_batch_index`, op, args: [img([2, 4, 4, 2]), 2, 2, 'valid', true]},
    {id: `${op}/same`, op, args: [img([2, 5, 5, 3]), 3, 2, 'same', true]},
    {id: `${op}/rect_same`, op, args: [img([1, 5, 4, 2]), [2, 3], [1, 2], 'same']},
    {id: `${op}/pad_num`, op, args: [img([1, 4, 4, 1]), 2, 2, 1]},
    {id: `${op}/pad_big`, op, args: [img([1, 3, 3, 1]), 2, 2, 2, true]},
    {id: `${op}/explicit`, op, args: [img([1, 4, 4, 1]), 2, 1, [[0, 0], [1, 0], [0, 1], [0, 0]]]},
    {id: `${op}/ties`, op, args: [h.vals('float32', [1, 2, 2, 1], [1, 1, 1, 1]), 2, 1, 'valid']},
    {id: `${op}/special`, op, args: [special, 2, 2, 'valid', true]},
    {id: `${op}/int32`, op, args: [h.ints([1, 4, 4, 2], -5, 5, {seed: s++}), 2, 1, 'same']},
    {id: `${op}/bool`, op, args: [h.bools([1, 3, 3, 1], {seed: s++}), 2, 1, 'valid']},
    {id: `${op}/empty_batch`, op, args: [img([0, 3, 3, 1]), 2, 1, 'valid']},
  );

  // ---------------------------------------------------------------- batchNorm2d/3d/4d
  const bn = (rank, shape, prank, opts = {}) => {
    const c = shape[shape.length - 1];
    const pshape = prank === 1 ? [c] : shape.map((d, i) => (i === shape.length - 1 ? d : 1));
    const args = [img(shape), img(pshape), img(pshape, {min: 0.25, max: 2}),
      opts.noOffset ? null : img(pshape), opts.noScale ? null : img(pshape)];
    if (opts.eps !== undefined) args.push(h.float(opts.eps));
    return args;
  };
  for (const [rank, op, shape] of [[2, 'batchNorm2d', [3, 4]], [3, 'batchNorm3d', [2, 3, 4]],
    [4, 'batchNorm4d', [2, 3, 2, 4]]]) {
    cases.push(
      {id: `${op}/rank1_params`, op, args: bn(rank, shape, 1, {eps: 0.01})},
      {id: `${op}/full_rank_params`, op, args: bn(rank, shape, rank)},
      {id: `${op}/no_offset_scale`, op, args: bn(rank, shape, 1, {noOffset: true, noScale: true})},
      {id: `${op}/null_offset`, op, args: bn(rank, shape, 1, {noOffset: true, eps: 0.1})},
      {id: `${op}/null_scale`, op, args: bn(rank, shape, 1, {noScale: true})},
    );
  }

  // ---------------------------------------------------------------- gradients
  const g1 = (id, op, args, xShape, dyShape, extra = {}) => ({
    id: `grad/${op}/${id}`, op, kind: 'grad', args: [h.gradInput(0), ...args],
    grad: {mode: 'grad', xs: [img(xShape)], dy: dyShape ? img(dyShape) : null}, ...extra,
  });
  cases.push(
    g1('f2_s2_valid', 'maxPool', [2, 2, 'valid'], [1, 4, 4, 2], [1, 2, 2, 2]),
    g1('f3_s1_same', 'maxPool', [3, 1, 'same'], [2, 5, 5, 2], [2, 5, 5, 2]),
    g1('f3_s2_same', 'maxPool', [3, 2, 'same'], [1, 6, 5, 2], [1, 3, 3, 2]),
    g1('rect_same', 'maxPool', [[3, 2], [2, 1], 'same'], [1, 5, 5, 2], [1, 3, 5, 2]),
    g1('pad_num', 'maxPool', [3, 2, 1], [1, 5, 5, 1], [1, 3, 3, 1]),
    g1('explicit', 'maxPool', [2, 1, [[0, 0], [1, 0], [0, 1], [0, 0]]], [1, 4, 4, 1], [1, 4, 4, 1]),
    g1('unbatched', 'maxPool', [2, 1, 'valid'], [4, 4, 2], [3, 3, 2]),
    g1('no_dy', 'maxPool', [2, 1, 'valid'], [1, 3, 3, 1], null),
    g1('f2_s2_valid', 'avgPool', [2, 2, 'valid'], [1, 4, 4, 2], [1, 2, 2, 2]),
    g1('f3_s1_valid', 'avgPool', [3, 1, 'valid'], [2, 5, 5, 2], [2, 3, 3, 2]),
    g1('rect_valid_s', 'avgPool', [[2, 3], [1, 2], 'valid'], [1, 5, 6, 2], [1, 4, 2, 2]),
    g1('same_exact_fit', 'avgPool', [2, 2, 'same'], [1, 4, 4, 1], [1, 2, 2, 1],
      {note: "'same' with no padding needed: TF.js's filter-size divisor is right here"}),
    g1('unbatched', 'avgPool', [2, 1, 'valid'], [4, 4, 2], [3, 3, 2]),
    g1('f2_s1_valid', 'maxPool3d', [2, 1, 'valid'], [1, 3, 3, 3, 2], [1, 2, 2, 2, 2]),
    g1('f3_s2_same', 'maxPool3d', [3, 2, 'same'], [1, 4, 5, 5, 1], [1, 2, 3, 3, 1]),
    g1('f122_valid', 'maxPool3d', [[1, 2, 2], [1, 2, 2], 'valid'], [2, 2, 4, 4, 1], [2, 2, 2, 2, 1]),
    g1('f2_s2_valid', 'avgPool3d', [2, 2, 'valid'], [1, 4, 4, 4, 2], [1, 2, 2, 2, 2]),
    g1('rect_valid', 'avgPool3d', [[1, 2, 3], 1, 'valid'], [1, 2, 3, 4, 1], [1, 2, 2, 2, 1]),
    g1('max_dil2_same', 'pool', [[2, 2], 'max', 'same', [2, 2], 1], [1, 5, 5, 1], [1, 5, 5, 1]),
    g1('avg_dil2_valid', 'pool', [[2, 2], 'avg', 'valid', [2, 2], 1], [1, 5, 6, 1], [1, 3, 4, 1]),
    g1('max_s2', 'pool', [[2, 2], 'max', 'valid', 1, 2], [1, 4, 4, 2], [1, 2, 2, 2]),
    {id: 'grad/batchNorm4d/all', op: 'batchNorm4d', kind: 'grad',
      args: [h.gradInput(0), h.gradInput(1), h.gradInput(2), h.gradInput(3), h.gradInput(4), h.float(0.01)],
      grad: {mode: 'grads', xs: [img([2, 2, 2, 3]), img([3]), img([3], {min: 0.25, max: 2}), img([3]), img([3])],
        dy: img([2, 2, 2, 3])}},
    {id: 'grad/batchNorm2d/x', op: 'batchNorm2d', kind: 'grad',
      args: [h.gradInput(0), img([3]), img([3], {min: 0.25, max: 2}), img([3]), img([3])],
      grad: {mode: 'grad', xs: [img([4, 3])], dy: img([4, 3])}},
    {id: 'grad/batchNorm3d/x_scale', op: 'batchNorm3d', kind: 'grad',
      args: [h.gradInput(0), img([2]), img([2], {min: 0.25, max: 2}), img([2]), h.gradInput(1)],
      grad: {mode: 'grads', xs: [img([2, 3, 2]), img([2])], dy: img([2, 3, 2])}},
  );

  // ---------------------------------------------------------------- errors (TF.js throws too)
  cases.push(
    {id: 'avgPool/error_int32', op: 'avgPool', args: [h.ints([1, 2, 2, 1], 0, 5, {seed: s++}), 1, 1, 'valid'], expect_error: true},
    {id: 'maxPool/error_rank2', op: 'maxPool', args: [img([2, 2]), 1, 1, 'valid'], expect_error: true},
    {id: 'maxPool/error_same_with_rounding', op: 'maxPool', args: [img([1, 2, 2, 1]), 1, 1, 'same', 'ceil'], expect_error: true},
    {id: 'avgPool/error_negative_out', op: 'avgPool', args: [img([1, 1, 1, 1]), 5, 1, 'valid'], expect_error: true},
    {id: 'maxPool3d/error_ncdhw', op: 'maxPool3d', args: [img([1, 2, 2, 2, 1]), 1, 1, 'valid', null, 'NCDHW'], expect_error: true},
    {id: 'avgPool3d/error_stride0', op: 'avgPool3d', args: [img([1, 2, 2, 2, 1]), 1, 0, 'valid'], expect_error: true},
    {id: 'pool/error_strides_and_dilations', op: 'pool', args: [img([1, 5, 5, 1]), 2, 'avg', 'valid', 2, 2], expect_error: true},
    {id: 'batchNorm2d/error_rank', op: 'batchNorm2d', args: [img([1, 2, 2]), img([2]), img([2])], expect_error: true},
  );
  return cases;
};
