// Golden cases for pytfjs/ops/convolution.py (convolutions, dilation2d and tf.fused).
module.exports = (h) => {
  const cases = [];
  let s = 500;
  const r = (shape, o = {}) => h.rand(shape, {seed: s++, ...o});
  // conv2d: paddings, strides, dilations, formats, rounding
  const c2 = [
    ['same_s1', [1, 5, 5, 2], [3, 3, 2, 3], 1, 'same'],
    ['same_s2', [2, 6, 5, 2], [3, 2, 2, 4], 2, 'same'],
    ['valid_s12', [1, 5, 6, 3], [2, 3, 3, 2], [1, 2], 'valid'],
    ['pad_num', [1, 5, 5, 2], [3, 3, 2, 2], 1, 2],
    ['explicit', [1, 5, 5, 2], [2, 2, 2, 3], 1, [[0, 0], [2, 1], [0, 3], [0, 0]]],
    ['explicit_s2', [1, 6, 6, 1], [3, 3, 1, 2], 2, [[0, 0], [1, 1], [2, 0], [0, 0]]],
    ['filter1x1', [2, 4, 4, 3], [1, 1, 3, 5], 1, 'valid'],
    ['filter1x1_s2', [1, 5, 5, 3], [1, 1, 3, 2], 2, 'same'],
    ['filter_eq_input', [1, 3, 3, 2], [3, 3, 2, 2], 1, 'valid'],
    ['filter_gt_input', [1, 2, 2, 1], [3, 3, 1, 1], 1, 'valid'],
    ['empty_batch', [0, 4, 4, 2], [2, 2, 2, 3], 1, 'same'],
    ['unbatched', [4, 4, 2], [2, 2, 2, 2], 1, 'same'],
  ];
  for (const [tag, xs, fs, st, pad] of c2) cases.push({id: `conv2d/${tag}`, op: 'conv2d', args: [r(xs), r(fs), st, pad]});
  cases.push(
    {id: 'conv2d/dilation2_same', op: 'conv2d', args: [r([1, 6, 6, 2]), r([2, 2, 2, 2]), 1, 'same', 'NHWC', 2]},
    {id: 'conv2d/dilation21_valid', op: 'conv2d', args: [r([1, 7, 6, 1]), r([3, 2, 1, 2]), 1, 'valid', 'NHWC', [2, 1]]},
    {id: 'conv2d/nchw_same', op: 'conv2d', args: [r([2, 3, 5, 4]), r([3, 3, 3, 2]), 1, 'same', 'NCHW']},
    {id: 'conv2d/nchw_s2_valid', op: 'conv2d', args: [r([1, 2, 6, 5]), r([2, 2, 2, 3]), 2, 'valid', 'NCHW']},
    {id: 'conv2d/nchw_explicit', op: 'conv2d', args: [r([1, 2, 4, 4]), r([2, 2, 2, 1]), 1, [[0, 0], [0, 0], [1, 0], [0, 2]], 'NCHW']},
    {id: 'conv2d/ceil', op: 'conv2d', args: [r([1, 5, 5, 1]), r([2, 2, 1, 2]), 2, 1, 'NHWC', 1, 'ceil']},
    {id: 'conv2d/floor', op: 'conv2d', args: [r([1, 5, 5, 1]), r([2, 2, 1, 2]), 2, 1, 'NHWC', 1, 'floor']},
    {id: 'conv2d/round', op: 'conv2d', args: [r([1, 6, 6, 1]), r([3, 3, 1, 1]), 2, 1, 'NHWC', 1, 'round']},
    {id: 'conv2d/explicit_ceil', op: 'conv2d', args: [r([1, 6, 6, 1]), r([2, 2, 1, 1]), 2, [[0, 0], [1, 0], [0, 1], [0, 0]], 'NHWC', 1, 'ceil']},
    {id: 'conv2d/special', op: 'conv2d', args: [h.vals('float32', [1, 2, 3, 1], ['NaN', 1, 2, 'Infinity', -1, 0.5]), r([1, 2, 1, 2]), 1, 'valid']},
    {id: 'conv2d/tensorlike', op: 'conv2d', args: [[[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]], [[[[1], [0.5]]]], 1, 'valid']},
    {id: 'conv2d/medium', op: 'conv2d', args: [r([2, 10, 9, 8]), r([3, 3, 8, 6]), 1, 'same']},
  );
  // conv1d
  cases.push(
    {id: 'conv1d/valid', op: 'conv1d', args: [r([2, 7, 3]), r([3, 3, 2]), 1, 'valid']},
    {id: 'conv1d/same_s2', op: 'conv1d', args: [r([1, 8, 2]), r([3, 2, 4]), 2, 'same']},
    {id: 'conv1d/dilation2', op: 'conv1d', args: [r([1, 9, 1]), r([3, 1, 2]), 1, 'same', 'NWC', 2]},
    {id: 'conv1d/unbatched', op: 'conv1d', args: [r([6, 2]), r([2, 2, 3]), 1, 'valid']},
  );
  // conv2dTranspose
  cases.push(
    {id: 'conv2dTranspose/valid', op: 'conv2dTranspose', args: [r([1, 3, 3, 2]), r([2, 2, 3, 2]), [1, 4, 4, 3], 1, 'valid']},
    {id: 'conv2dTranspose/same_s2', op: 'conv2dTranspose', args: [r([2, 2, 3, 2]), r([3, 3, 1, 2]), [2, 4, 6, 1], 2, 'same']},
    {id: 'conv2dTranspose/valid_s2', op: 'conv2dTranspose', args: [r([1, 2, 2, 1]), r([3, 3, 2, 1]), [1, 5, 5, 2], 2, 'valid']},
    {id: 'conv2dTranspose/pad_num', op: 'conv2dTranspose', args: [r([1, 4, 4, 2]), r([3, 3, 1, 2]), [1, 4, 4, 1], 1, 1]},
    {id: 'conv2dTranspose/unbatched', op: 'conv2dTranspose', args: [r([3, 3, 2]), r([2, 2, 2, 2]), [6, 6, 2], 2, 'same']},
    {id: 'conv2dTranspose/int32', op: 'conv2dTranspose', args: [h.ints([1, 2, 2, 1], -3, 4), r([2, 2, 1, 1]), [1, 3, 3, 1], 1, 'valid']},
  );
  // conv3d / conv3dTranspose
  cases.push(
    {id: 'conv3d/valid', op: 'conv3d', args: [r([1, 4, 4, 3, 2]), r([2, 2, 2, 2, 3]), 1, 'valid']},
    {id: 'conv3d/same_s2', op: 'conv3d', args: [r([2, 5, 4, 4, 1]), r([3, 2, 2, 1, 2]), 2, 'same']},
    {id: 'conv3d/strides_123', op: 'conv3d', args: [r([1, 4, 5, 6, 1]), r([2, 2, 2, 1, 2]), [1, 2, 3], 'valid']},
    {id: 'conv3d/pad_num', op: 'conv3d', args: [r([1, 3, 3, 3, 1]), r([2, 2, 2, 1, 1]), 1, 1]},
    {id: 'conv3d/dilation2', op: 'conv3d', args: [r([1, 5, 5, 5, 1]), r([2, 2, 2, 1, 2]), 1, 'same', 'NDHWC', 2]},
    {id: 'conv3d/unbatched', op: 'conv3d', args: [r([3, 3, 3, 2]), r([2, 2, 2, 2, 2]), 1, 'same']},
    {id: 'conv3d/int32', op: 'conv3d', args: [h.ints([1, 3, 3, 3, 1], -3, 4), h.ints([2, 2, 2, 1, 2], -2, 3), 1, 'valid']},
    {id: 'conv3dTranspose/valid', op: 'conv3dTranspose', args: [r([1, 2, 2, 2, 3]), r([2, 2, 2, 2, 3]), [1, 3, 3, 3, 2], 1, 'valid']},
    {id: 'conv3dTranspose/same_s2', op: 'conv3dTranspose', args: [r([1, 2, 2, 2, 1]), r([3, 3, 3, 2, 1]), [1, 4, 4, 4, 2], 2, 'same']},
  );
  // depthwiseConv2d
  cases.push(
    {id: 'depthwiseConv2d/same', op: 'depthwiseConv2d', args: [r([1, 5, 5, 3]), r([3, 3, 3, 2]), 1, 'same']},
    {id: 'depthwiseConv2d/valid_s2', op: 'depthwiseConv2d', args: [r([2, 6, 5, 2]), r([2, 2, 2, 1]), 2, 'valid']},
    {id: 'depthwiseConv2d/dilation2', op: 'depthwiseConv2d', args: [r([1, 6, 6, 2]), r([2, 2, 2, 2]), 1, 'same', 'NHWC', 2]},
    {id: 'depthwiseConv2d/pad_ceil', op: 'depthwiseConv2d', args: [r([1, 5, 5, 2]), r([2, 2, 2, 2]), 2, 1, 'NHWC', 1, 'ceil']},
    {id: 'depthwiseConv2d/explicit', op: 'depthwiseConv2d', args: [r([1, 4, 4, 1]), r([2, 2, 1, 3]), 1, [[0, 0], [1, 0], [0, 1], [0, 0]]]},
    {id: 'depthwiseConv2d/unbatched', op: 'depthwiseConv2d', args: [r([4, 4, 2]), r([2, 2, 2, 1]), 1, 'valid']},
  );
  // separableConv2d
  cases.push(
    {id: 'separableConv2d/valid', op: 'separableConv2d', args: [r([1, 5, 5, 2]), r([3, 3, 2, 2]), r([1, 1, 4, 3]), 1, 'valid']},
    {id: 'separableConv2d/same_s2', op: 'separableConv2d', args: [r([2, 6, 6, 3]), r([2, 2, 3, 1]), r([1, 1, 3, 4]), 2, 'same']},
    {id: 'separableConv2d/dilation', op: 'separableConv2d', args: [r([1, 6, 6, 1]), r([2, 2, 1, 2]), r([1, 1, 2, 2]), 1, 'same', 2]},
    {id: 'separableConv2d/unbatched', op: 'separableConv2d', args: [r([4, 4, 2]), r([2, 2, 2, 1]), r([1, 1, 2, 2]), 1, 'same']},
  );
  // dilation2d
  cases.push(
    {id: 'dilation2d/valid', op: 'dilation2d', args: [r([1, 5, 5, 2]), r([2, 2, 2]), 1, 'valid']},
    {id: 'dilation2d/same_s2', op: 'dilation2d', args: [r([2, 5, 6, 1]), r([3, 2, 1]), 2, 'same']},
    {id: 'dilation2d/dilation2', op: 'dilation2d', args: [r([1, 6, 6, 2]), r([2, 2, 2]), 1, 'same', 2]},
    {id: 'dilation2d/unbatched', op: 'dilation2d', args: [r([4, 4, 3]), r([2, 3, 3]), 1, 'valid']},
    {id: 'dilation2d/int32', op: 'dilation2d', args: [h.ints([1, 4, 4, 1], -5, 6), h.ints([2, 2, 1], -2, 3), 1, 'same']},
  );
  // fused
  const acts = ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid'];
  for (const act of acts) {
    const kw = {x: r([1, 5, 5, 2]), filter: r([3, 3, 2, 3]), strides: 1, pad: 'same', bias: r([3]), activation: act};
    if (act === 'prelu') kw.preluActivationWeights = r([3], {min: 0, max: 1});
    if (act === 'leakyrelu') kw.leakyreluAlpha = 0.3;
    cases.push({id: `fused.conv2d/${act}`, op: 'fused.conv2d', args: [], kwargs: kw, js: (tf, a, k) => tf.fused.conv2d(k)});
    const kd = {x: r([1, 5, 5, 2]), filter: r([2, 2, 2, 2]), strides: 2, pad: 'valid', bias: r([4]), activation: act};
    if (act === 'prelu') kd.preluActivationWeights = r([4], {min: 0, max: 1});
    if (act === 'leakyrelu') kd.leakyreluAlpha = 0.1;
    cases.push({id: `fused.depthwiseConv2d/${act}`, op: 'fused.depthwiseConv2d', args: [], kwargs: kd,
      js: (tf, a, k) => tf.fused.depthwiseConv2d(k)});
    const km = {a: r([3, 4]), b: r([4, 5]), bias: r([5]), activation: act};
    if (act === 'prelu') km.preluActivationWeights = r([5], {min: 0, max: 1});
    if (act === 'leakyrelu') km.leakyreluAlpha = 0.25;
    cases.push({id: `fused.matMul/${act}`, op: 'fused.matMul', args: [], kwargs: km, js: (tf, a, k) => tf.fused.matMul(k)});
  }
  cases.push(
    {id: 'fused.conv2d/no_bias_explicit', op: 'fused.conv2d', args: [],
     kwargs: {x: r([1, 4, 4, 1]), filter: r([2, 2, 1, 2]), strides: 1, pad: [[0, 0], [1, 0], [0, 1], [0, 0]]},
     js: (tf, a, k) => tf.fused.conv2d(k)},
    {id: 'fused.conv2d/nchw_bias', op: 'fused.conv2d', args: [],
     kwargs: {x: r([1, 2, 4, 4]), filter: r([2, 2, 2, 3]), strides: 1, pad: 'same', dataFormat: 'NCHW', bias: r([3])},
     js: (tf, a, k) => tf.fused.conv2d(k)},
    {id: 'fused.conv2d/bias_3d', op: 'fused.conv2d', args: [],
     kwargs: {x: r([2, 3, 3, 1]), filter: r([2, 2, 1, 2]), strides: 1, pad: 'same', bias: r([3, 3, 2]), activation: 'relu'},
     js: (tf, a, k) => tf.fused.conv2d(k)},
    {id: 'fused.matMul/transpose_batch', op: 'fused.matMul', args: [],
     kwargs: {a: r([2, 4, 3]), b: r([2, 5, 4]), transposeA: true, transposeB: true, bias: r([3, 5]), activation: 'relu'},
     js: (tf, a, k) => tf.fused.matMul(k)},
    {id: 'fused.matMul/no_bias', op: 'fused.matMul', args: [], kwargs: {a: r([2, 3]), b: r([3, 2])},
     js: (tf, a, k) => tf.fused.matMul(k)},
  );
  // gradients
  const g = (id, op, args, xs, dy, extra = {}) => cases.push({id: `grad/${id}`, op, kind: 'grad', args,
    grad: {mode: xs.length > 1 ? 'grads' : 'grad', xs, dy}, ...extra});
  const gi = h.gradInput;
  g('conv2d/same_s1', 'conv2d', [gi(0), gi(1), 1, 'same'], [r([1, 4, 4, 2]), r([3, 3, 2, 3])], r([1, 4, 4, 3]));
  g('conv2d/valid_s2', 'conv2d', [gi(0), gi(1), 2, 'valid'], [r([2, 5, 5, 1]), r([2, 2, 1, 2])], r([2, 2, 2, 2]));
  g('conv2d/same_s2', 'conv2d', [gi(0), gi(1), 2, 'same'], [r([1, 5, 4, 2]), r([3, 3, 2, 2])], r([1, 3, 2, 2]));
  g('conv2d/pad_num', 'conv2d', [gi(0), gi(1), 1, 1], [r([1, 3, 3, 1]), r([2, 2, 1, 2])], r([1, 4, 4, 2]));
  g('conv2d/explicit', 'conv2d', [gi(0), gi(1), 1, [[0, 0], [1, 0], [2, 1], [0, 0]]], [r([1, 3, 3, 2]), r([2, 2, 2, 1])], r([1, 3, 5, 1]));
  g('conv2d/unbatched', 'conv2d', [gi(0), gi(1), 1, 'valid'], [r([4, 4, 1]), r([2, 2, 1, 2])], r([3, 3, 2]));
  g('conv1d/same', 'conv1d', [gi(0), gi(1), 1, 'same'], [r([2, 6, 2]), r([3, 2, 2])], r([2, 6, 2]));
  g('conv2dTranspose/same_s2', 'conv2dTranspose', [gi(0), gi(1), [1, 4, 4, 1], 2, 'same'], [r([1, 2, 2, 2]), r([3, 3, 1, 2])], r([1, 4, 4, 1]));
  g('conv2dTranspose/valid', 'conv2dTranspose', [gi(0), gi(1), [1, 4, 4, 2], 1, 'valid'], [r([1, 3, 3, 1]), r([2, 2, 2, 1])], r([1, 4, 4, 2]));
  g('conv3d/same', 'conv3d', [gi(0), gi(1), 1, 'same'], [r([1, 3, 3, 3, 1]), r([2, 2, 2, 1, 2])], r([1, 3, 3, 3, 2]));
  g('conv3d/valid_s2', 'conv3d', [gi(0), gi(1), 2, 'valid'], [r([1, 5, 5, 4, 2]), r([2, 2, 2, 2, 1])], r([1, 2, 2, 2, 1]));
  g('depthwiseConv2d/same', 'depthwiseConv2d', [gi(0), gi(1), 1, 'same'], [r([1, 4, 4, 2]), r([3, 3, 2, 2])], r([1, 4, 4, 4]));
  g('depthwiseConv2d/valid_s2', 'depthwiseConv2d', [gi(0), gi(1), 2, 'valid'], [r([2, 5, 5, 1]), r([2, 2, 1, 3])], r([2, 2, 2, 3]));
  g('separableConv2d/same', 'separableConv2d', [gi(0), gi(1), gi(2), 1, 'same'], [r([1, 4, 4, 2]), r([2, 2, 2, 2]), r([1, 1, 4, 3])], r([1, 4, 4, 3]));
  g('dilation2d/valid', 'dilation2d', [gi(0), gi(1), 1, 'valid'], [r([1, 4, 4, 2]), r([2, 2, 2])], r([1, 3, 3, 2]));
  g('dilation2d/same_s2', 'dilation2d', [gi(0), gi(1), 2, 'same'], [r([1, 5, 5, 1]), r([3, 3, 1])], r([1, 3, 3, 1]));
  for (const act of ['linear', 'relu', 'elu', 'sigmoid']) {
    cases.push({id: `grad/fused.conv2d/${act}`, op: 'fused.conv2d', kind: 'grad', args: [],
      kwargs: {x: gi(0), filter: gi(1), strides: 1, pad: 'same', bias: gi(2), activation: act},
      js: (tf, a, k) => tf.fused.conv2d(k),
      grad: {mode: 'grads', xs: [r([1, 3, 3, 2]), r([2, 2, 2, 2]), r([2])], dy: r([1, 3, 3, 2])}});
    cases.push({id: `grad/fused.matMul/${act}`, op: 'fused.matMul', kind: 'grad', args: [],
      kwargs: {a: gi(0), b: gi(1), bias: gi(2), activation: act},
      js: (tf, a, k) => tf.fused.matMul(k),
      grad: {mode: 'grads', xs: [r([3, 4]), r([4, 2]), r([2])], dy: r([3, 2])}});
  }
  cases.push({id: 'grad/fused.depthwiseConv2d/linear', op: 'fused.depthwiseConv2d', kind: 'grad', args: [],
    kwargs: {x: gi(0), filter: gi(1), strides: 1, pad: 'valid', bias: gi(2)},
    js: (tf, a, k) => tf.fused.depthwiseConv2d(k),
    grad: {mode: 'grads', xs: [r([1, 4, 4, 2]), r([2, 2, 2, 1]), r([2])], dy: r([1, 3, 3, 2])}});
  return cases;
};

