// Golden cases for pytfjs/ops/losses.py (tf.losses.* and tf.Reduction).
module.exports = (h) => {
  const cases = [];
  const R = ['NONE', 'MEAN', 'SUM', 'SUM_BY_NONZERO_WEIGHTS'];
  const red = (r) => h.attr(`Reduction.${r}`);
  let s = 7000;
  // [op, extra positional args after (labels, predictions[, axis]) and before reduction]
  const two = ['absoluteDifference', 'meanSquaredError', 'hingeLoss', 'huberLoss', 'logLoss',
               'sigmoidCrossEntropy', 'softmaxCrossEntropy'];
  const labels = (op, shape, seed) => {
    if (op === 'hingeLoss' || op === 'sigmoidCrossEntropy' || op === 'logLoss' || op === 'softmaxCrossEntropy') {
      return h.rand(shape, {seed, min: 0, max: 1});
    }
    return h.rand(shape, {seed});
  };
  const preds = (op, shape, seed) => op === 'logLoss' ? h.rand(shape, {seed, min: 0.03125, max: 0.96875}) : h.rand(shape, {seed});
  for (const op of two) {
    const o = `losses.${op}`;
    // weights position: (labels, preds, weights, [delta|epsilon|labelSmoothing], reduction)
    const extra = (op === 'huberLoss' || op === 'logLoss' || op === 'sigmoidCrossEntropy' || op === 'softmaxCrossEntropy') ? [undefined] : [];
    const wshape = op === 'softmaxCrossEntropy' ? [3] : [3, 4];
    const wcol = op === 'softmaxCrossEntropy' ? [3] : [3, 1];
    cases.push(
      {id: `${o}/default`, op: o, args: [labels(op, [3, 4], s++), preds(op, [3, 4], s++)]},
      {id: `${o}/weights`, op: o, args: [labels(op, [3, 4], s++), preds(op, [3, 4], s++), h.rand(wshape, {seed: s++, min: 0, max: 2})]},
      {id: `${o}/weights_bcast`, op: o, args: [labels(op, [3, 4], s++), preds(op, [3, 4], s++), h.rand(wcol, {seed: s++, min: 0, max: 2})]},
      {id: `${o}/weights_zeros`, op: o, args: [labels(op, [3, 4], s++), preds(op, [3, 4], s++), h.vals('float32', wcol, [0, 1.5, 0])]},
      {id: `${o}/weights_scalar`, op: o, args: [labels(op, [3, 4], s++), preds(op, [3, 4], s++), h.vals('float32', [], [0.5])]},
      {id: `${o}/rank1`, op: o, args: [labels(op, [5], s++), preds(op, [5], s++)]},
      {id: `${o}/rank3`, op: o, args: [labels(op, [2, 2, 3], s++), preds(op, [2, 2, 3], s++)]},
    );
    for (const r of R) {
      cases.push(
        {id: `${o}/red_${r.toLowerCase()}`, op: o, args: [labels(op, [3, 4], s++), preds(op, [3, 4], s++), null, ...extra, red(r)]},
        {id: `${o}/red_${r.toLowerCase()}_w`, op: o, args: [labels(op, [3, 4], s++), preds(op, [3, 4], s++), h.rand(wcol, {seed: s++, min: -1, max: 2}), ...extra, red(r)]},
      );
    }
    cases.push(
      {id: `grad/${o}/preds`, op: o, kind: 'grad', args: [labels(op, [3, 4], s++), h.gradInput(0)],
       grad: {mode: 'grad', xs: [preds(op, [3, 4], s++)], dy: null}},
      {id: `grad/${o}/labels_preds_w`, op: o, kind: 'grad', args: [h.gradInput(0), h.gradInput(1), h.rand(wcol, {seed: s++, min: 0, max: 2}), ...extra, red('SUM')],
       grad: {mode: 'grads', xs: [labels(op, [3, 4], s++), preds(op, [3, 4], s++)], dy: h.vals('float32', [], [1.5])}},
      {id: `grad/${o}/none`, op: o, kind: 'grad', args: [labels(op, [3, 4], s++), h.gradInput(0), null, ...extra, red('NONE')],
       grad: {mode: 'grad', xs: [preds(op, [3, 4], s++)], dy: h.rand(op === 'softmaxCrossEntropy' ? [3] : [3, 4], {seed: s++})}},
    );
  }
  // option arguments
  cases.push(
    {id: 'losses.huberLoss/delta', op: 'losses.huberLoss', args: [h.rand([3, 4], {seed: s++}), h.rand([3, 4], {seed: s++}), null, h.float(0.5)]},
    {id: 'losses.huberLoss/delta_big', op: 'losses.huberLoss', args: [h.rand([3, 4], {seed: s++}), h.rand([3, 4], {seed: s++}), undefined, 10, red('SUM')]},
    {id: 'losses.logLoss/epsilon', op: 'losses.logLoss', args: [h.rand([6], {seed: s++, min: 0, max: 1}), h.vals('float32', [6], [0, 1, 0.5, 0, 1, 0.25]), null, h.float(0.01)]},
    {id: 'losses.logLoss/zero_one', op: 'losses.logLoss', args: [h.vals('float32', [4], [0, 1, 1, 0]), h.vals('float32', [4], [0, 1, 0, 1])]},
    {id: 'losses.sigmoidCrossEntropy/smoothing', op: 'losses.sigmoidCrossEntropy', args: [h.rand([3, 4], {seed: s++, min: 0, max: 1}), h.rand([3, 4], {seed: s++}), null, h.float(0.2)]},
    {id: 'losses.sigmoidCrossEntropy/large_logits', op: 'losses.sigmoidCrossEntropy', args: [h.vals('float32', [4], [1, 0, 1, 0]), h.vals('float32', [4], [100, -100, -100, 100]), null, 0, red('NONE')]},
    {id: 'losses.softmaxCrossEntropy/smoothing', op: 'losses.softmaxCrossEntropy', args: [h.rand([3, 4], {seed: s++, min: 0, max: 1}), h.rand([3, 4], {seed: s++}), null, h.float(0.1)]},
    {id: 'losses.softmaxCrossEntropy/large_logits', op: 'losses.softmaxCrossEntropy', args: [h.vals('float32', [2, 3], [1, 0, 0, 0, 0, 1]), h.vals('float32', [2, 3], [1000, 0, -1000, 50, 60, 70]), null, 0, red('NONE')]},
    {id: 'losses.softmaxCrossEntropy/rank3_none', op: 'losses.softmaxCrossEntropy', args: [h.rand([2, 2, 3], {seed: s++, min: 0, max: 1}), h.rand([2, 2, 3], {seed: s++}), null, 0, red('NONE')]},
    {id: 'grad/losses.softmaxCrossEntropy/smoothing', op: 'losses.softmaxCrossEntropy', kind: 'grad', args: [h.gradInput(0), h.gradInput(1), null, h.float(0.1)],
     grad: {mode: 'grads', xs: [h.rand([2, 3], {seed: s++, min: 0, max: 1}), h.rand([2, 3], {seed: s++})], dy: null}},
    {id: 'grad/losses.sigmoidCrossEntropy/smoothing', op: 'losses.sigmoidCrossEntropy', kind: 'grad', args: [h.gradInput(0), h.gradInput(1), null, h.float(0.3)],
     grad: {mode: 'grads', xs: [h.rand([2, 3], {seed: s++, min: 0, max: 1}), h.rand([2, 3], {seed: s++})], dy: null}},
    {id: 'grad/losses.huberLoss/delta', op: 'losses.huberLoss', kind: 'grad', args: [h.rand([2, 3], {seed: s++}), h.gradInput(0), null, h.float(0.75)],
     grad: {mode: 'grad', xs: [h.rand([2, 3], {seed: s++})], dy: null}},
    // int32 inputs
    {id: 'losses.absoluteDifference/int32', op: 'losses.absoluteDifference', args: [h.ints([2, 3], -5, 5, {seed: s++}), h.ints([2, 3], -5, 5, {seed: s++})]},
    {id: 'losses.absoluteDifference/int32_sum', op: 'losses.absoluteDifference', args: [h.ints([2, 3], -5, 5, {seed: s++}), h.ints([2, 3], -5, 5, {seed: s++}), null, red('SUM')]},
    {id: 'losses.meanSquaredError/int32_none', op: 'losses.meanSquaredError', args: [h.ints([2, 3], -5, 5, {seed: s++}), h.ints([2, 3], -5, 5, {seed: s++}), null, red('NONE')]},
    {id: 'losses.meanSquaredError/int32_mean_w', op: 'losses.meanSquaredError', args: [h.ints([2, 3], -5, 5, {seed: s++}), h.ints([2, 3], -5, 5, {seed: s++}), h.ints([2, 1], 1, 3, {seed: s++}), red('MEAN')]},
    {id: 'losses.hingeLoss/int32', op: 'losses.hingeLoss', args: [h.ints([2, 3], 0, 1, {seed: s++}), h.ints([2, 3], -2, 2, {seed: s++})]},
    // special values, empty, tensorlike
    {id: 'losses.meanSquaredError/special', op: 'losses.meanSquaredError', args: [h.vals('float32', [4], ['NaN', 1, 'Infinity', 2]), h.vals('float32', [4], [0, 'NaN', 1, 2]), null, red('NONE')]},
    {id: 'losses.absoluteDifference/empty', op: 'losses.absoluteDifference', args: [h.rand([0, 3]), h.rand([0, 3])]},
    {id: 'losses.absoluteDifference/empty_sum', op: 'losses.absoluteDifference', args: [h.rand([0, 3]), h.rand([0, 3]), null, red('SUM')]},
    {id: 'losses.meanSquaredError/tensorlike', op: 'losses.meanSquaredError', args: [h.tensorlike([1.5, -2, 0.25]), h.tensorlike([1, 1, 1])]},
    {id: 'losses.meanSquaredError/scalar', op: 'losses.meanSquaredError', args: [h.vals('float32', [], [2]), h.vals('float32', [], [-1])]},
    {id: 'losses.meanSquaredError/shape_mismatch', op: 'losses.meanSquaredError', args: [h.rand([2, 3]), h.rand([3, 2])], expect_error: true},
  );
  // cosineDistance: (labels, predictions, axis, weights, reduction)
  const cd = 'losses.cosineDistance';
  cases.push(
    {id: `${cd}/axis1`, op: cd, args: [h.rand([3, 4], {seed: s++, min: -1, max: 1}), h.rand([3, 4], {seed: s++, min: -1, max: 1}), 1]},
    {id: `${cd}/axis0`, op: cd, args: [h.rand([3, 4], {seed: s++, min: -1, max: 1}), h.rand([3, 4], {seed: s++, min: -1, max: 1}), 0]},
    {id: `${cd}/axis_neg`, op: cd, args: [h.rand([2, 2, 3], {seed: s++, min: -1, max: 1}), h.rand([2, 2, 3], {seed: s++, min: -1, max: 1}), -1]},
    {id: `${cd}/weights`, op: cd, args: [h.rand([3, 4], {seed: s++, min: -1, max: 1}), h.rand([3, 4], {seed: s++, min: -1, max: 1}), 1, h.vals('float32', [3, 1], [1, 0, 2])]},
    {id: `grad/${cd}/both`, op: cd, kind: 'grad', args: [h.gradInput(0), h.gradInput(1), 1],
     grad: {mode: 'grads', xs: [h.rand([3, 4], {seed: s++, min: -1, max: 1}), h.rand([3, 4], {seed: s++, min: -1, max: 1})], dy: null}},
  );
  for (const r of R) {
    cases.push({id: `${cd}/red_${r.toLowerCase()}`, op: cd, args: [h.rand([3, 4], {seed: s++, min: -1, max: 1}), h.rand([3, 4], {seed: s++, min: -1, max: 1}), 1, h.rand([3, 1], {seed: s++, min: 0, max: 2}), red(r)]});
  }
  // computeWeightedLoss
  const cw = 'losses.computeWeightedLoss';
  cases.push(
    {id: `${cw}/default`, op: cw, args: [h.rand([3, 4], {seed: s++})]},
    {id: `${cw}/weights`, op: cw, args: [h.rand([3, 4], {seed: s++}), h.rand([3, 4], {seed: s++, min: 0, max: 2})]},
    {id: `${cw}/weights_row`, op: cw, args: [h.rand([3, 4], {seed: s++}), h.vals('float32', [1, 4], [0, 1, 0, 2])]},
    {id: `${cw}/int32`, op: cw, args: [h.ints([2, 3], -4, 4, {seed: s++})]},
    {id: `${cw}/int32_mean_int_w`, op: cw, args: [h.ints([2, 3], -4, 4, {seed: s++}), h.ints([2, 3], 1, 3, {seed: s++}), red('MEAN')]},
    {id: `${cw}/weights_bigger`, op: cw, args: [h.rand([1, 4], {seed: s++}), h.rand([3, 4], {seed: s++, min: 0, max: 2}), red('MEAN')]},
    {id: `${cw}/empty_mean`, op: cw, args: [h.rand([0]), null, red('MEAN')]},
    {id: `${cw}/all_zero_weights`, op: cw, args: [h.rand([4], {seed: s++}), h.vals('float32', [4], [0, 0, 0, 0])]},
    {id: `grad/${cw}/losses_weights`, op: cw, kind: 'grad', args: [h.gradInput(0), h.gradInput(1), red('MEAN')],
     grad: {mode: 'grads', xs: [h.rand([3, 4], {seed: s++}), h.rand([3, 1], {seed: s++, min: 0.5, max: 2})], dy: null}},
  );
  for (const r of R) {
    cases.push({id: `${cw}/red_${r.toLowerCase()}`, op: cw, args: [h.rand([3, 4], {seed: s++}), h.rand([3, 1], {seed: s++, min: 0, max: 2}), red(r)]},
               {id: `${cw}/red_${r.toLowerCase()}_now`, op: cw, args: [h.rand([3, 4], {seed: s++}), null, red(r)]});
  }
  return cases;
};
