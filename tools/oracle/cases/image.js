// Golden cases for pytfjs/ops/image.py (the tf.image namespace).
//
// Left out on purpose (TF.js 4.22 is wrong there; pytfjs follows TensorFlow, see ops/image.py):
// gradients with halfPixelCenters=true, nearest-neighbor gradients of batches > 1 (TF.js offsets dy
// by the image's batch stride), bilinear gradients of non-square images (TF.js swaps the
// height and width of the result), transform of a batch of more than one image (TF.js only warps
// the first), cropAndResize with a negative boxInd (TF.js reads NaN).
module.exports = (h) => {
  const cases = [];
  const img = (shape, seed, o = {}) => h.rand(shape, {seed, min: 0, max: 4, ...o});

  // ---------------------------------------------------------------- resizes
  for (const [op, tag] of [['image.resizeBilinear', 'bil'], ['image.resizeNearestNeighbor', 'nn']]) {
    let s = tag === 'bil' ? 10 : 40;
    const flags = [['plain', false, false], ['align', true, false], ['half', false, true]];
    for (const [name, align, half] of flags) {
      cases.push(
        {id: `${op}/up_${name}`, op, args: [img([1, 3, 4, 2], s++), [7, 5], align, half]},
        {id: `${op}/down_${name}`, op, args: [img([2, 7, 6, 1], s++), [3, 4], align, half]},
        {id: `${op}/odd_${name}`, op, args: [img([1, 5, 5, 3], s++), [8, 3], align, half]},
        {id: `${op}/to_1x1_${name}`, op, args: [img([1, 4, 3, 1], s++), [1, 1], align, half]},
        {id: `${op}/from_1x1_${name}`, op, args: [img([1, 1, 1, 2], s++), [3, 2], align, half]},
        {id: `${op}/row_${name}`, op, args: [img([1, 1, 5, 1], s++), [1, 9], align, half]},
      );
    }
    cases.push(
      {id: `${op}/unbatched`, op, args: [img([4, 3, 2], s++), [6, 5]]},
      {id: `${op}/int32`, op, args: [h.ints([1, 3, 3, 2], 0, 255, {seed: s++}), [5, 4]]},
      {id: `${op}/int32_align`, op, args: [h.ints([1, 3, 3, 1], 0, 255, {seed: s++}), [4, 5], true]},
      {id: `${op}/same_size`, op, args: [img([1, 3, 4, 2], s++), [3, 4]]},
      {id: `${op}/size_zero`, op, args: [img([1, 3, 4, 2], s++), [0, 3]]},
      {id: `${op}/empty_batch`, op, args: [h.rand([0, 3, 4, 2]), [5, 5]]},
      {id: `${op}/special`, op, args: [h.vals('float32', [1, 2, 2, 1], ['NaN', 1, 'Infinity', 2]), [3, 3]]},
      {id: `${op}/tensorlike`, op, args: [h.tensorlike([[[1.5], [2]], [[0.25], [3]]]), [3, 3], false, true]},
      {id: `${op}/medium`, op, args: [img([2, 12, 10, 3], s++), [17, 23], false, true]},
    );
  }
  cases.push(
    {id: 'image.resizeBilinear/bool', op: 'image.resizeBilinear', args: [h.bools([1, 2, 2, 1], {seed: 3}), [3, 3]]},
    {id: 'image.resizeBilinear/empty_hw', op: 'image.resizeBilinear', args: [h.rand([1, 0, 2, 1]), [2, 2]],
     note: 'TF.js reads past the end of the empty image: NaN'},
    {id: 'image.resizeNearestNeighbor/bool', op: 'image.resizeNearestNeighbor', args: [h.bools([1, 2, 2, 1], {seed: 3}), [3, 3]], expect_error: true},
    {id: 'image.resizeBilinear/align_and_half', op: 'image.resizeBilinear', args: [img([1, 2, 2, 1], 1), [3, 3], true, true], expect_error: true},
    {id: 'image.resizeBilinear/rank2', op: 'image.resizeBilinear', args: [img([2, 2], 1), [3, 3]], expect_error: true},
  );
  // gradients (square images; no halfPixelCenters: TF.js's gradient kernels ignore that flag)
  let g = 80;
  for (const [op, tag] of [['image.resizeBilinear', 'bil'], ['image.resizeNearestNeighbor', 'nn']]) {
    for (const [name, size, align] of [['up', [7, 7], false], ['up_align', [7, 8], true], ['down', [3, 2], false],
      ['down_align', [3, 3], true], ['x2', [10, 10], false], ['to_1x1', [1, 1], false]]) {
      // batch 1 for nearest: TF.js's ResizeNearestNeighborGrad offsets dy by the image's batch
      // stride, so it is wrong (NaN) for every image after the first
      const b = tag === 'nn' ? 1 : 2;
      cases.push({id: `grad/${op}/${name}`, op, kind: 'grad', args: [h.gradInput(0), size, align],
        grad: {mode: 'grad', xs: [img([b, 5, 5, 2], g++)], dy: h.rand([b, size[0], size[1], 2], {seed: g++})}});
    }
    cases.push({id: `grad/${op}/unbatched`, op, kind: 'grad', args: [h.gradInput(0), [6, 4]],
      grad: {mode: 'grad', xs: [img([4, 4, 1], g++)], dy: h.rand([6, 4, 1], {seed: g++})}});
  }

  // ---------------------------------------------------------------- cropAndResize
  const cr = 'image.cropAndResize';
  const boxes = h.vals('float32', [5, 4], [0, 0, 1, 1, 0.1, 0.2, 0.7, 0.9, 0.8, 0.9, 0.2, 0.1,
    -0.3, 0.2, 0.6, 1.4, 0.5, 0.5, 0.5, 0.5]);
  const boxInd = h.vals('int32', [5], [0, 1, 0, 1, 1]);
  for (const method of ['bilinear', 'nearest']) {
    cases.push(
      {id: `${cr}/${method}`, op: cr, args: [img([2, 5, 6, 3], 120), boxes, boxInd, [4, 3], method]},
      {id: `${cr}/${method}_extrap`, op: cr, args: [img([2, 5, 6, 3], 121), boxes, boxInd, [3, 5], method, 7.5]},
      {id: `${cr}/${method}_1x1`, op: cr, args: [img([2, 5, 6, 1], 122), boxes, boxInd, [1, 1], method, -1]},
      {id: `${cr}/${method}_1xN`, op: cr, args: [img([2, 5, 6, 1], 123), boxes, boxInd, [1, 4], method, 2]},
      {id: `${cr}/${method}_int32`, op: cr, args: [h.ints([2, 4, 4, 2], 0, 255, {seed: 124}), boxes, boxInd, [3, 3], method]},
    );
  }
  cases.push(
    {id: `${cr}/bad_box_ind`, op: cr, args: [img([1, 3, 3, 1], 125), h.vals('float32', [2, 4], [0, 0, 1, 1, 0, 0, 1, 1]),
      h.vals('int32', [2], [0, 3]), [2, 2], 'bilinear', 9], note: 'box_ind >= batch gives zeros'},
    {id: `${cr}/no_boxes`, op: cr, args: [img([1, 3, 3, 2], 126), h.rand([0, 4]), h.vals('int32', [0], []), [2, 2]]},
    {id: `${cr}/nan_box`, op: cr, args: [img([1, 3, 3, 1], 127), h.vals('float32', [1, 4], ['NaN', 0, 1, 1]),
      h.vals('int32', [1], [0]), [2, 2], 'bilinear', 5]},
    {id: `${cr}/tensorlike`, op: cr, args: [img([1, 3, 3, 1], 128), h.tensorlike([[0, 0, 0.5, 1]]), h.tensorlike([0], 'int'), [3, 2]]},
    {id: `${cr}/bad_method`, op: cr, args: [img([1, 3, 3, 1], 1), boxes, boxInd, [2, 2], 'cubic'], expect_error: true},
    {id: `${cr}/crop_size_0`, op: cr, args: [img([1, 3, 3, 1], 1), h.vals('float32', [1, 4], [0, 0, 1, 1]), h.vals('int32', [1], [0]), [0, 2]], expect_error: true},
  );
  // (TF.js has no CropAndResize gradient: pytfjs's is checked numerically in tests/ops/test_image.py)

  // ---------------------------------------------------------------- flips, rotations, transforms
  cases.push(
    {id: 'image.flipLeftRight/basic', op: 'image.flipLeftRight', args: [img([2, 3, 4, 3], 140)]},
    {id: 'image.flipLeftRight/width1', op: 'image.flipLeftRight', args: [img([1, 3, 1, 2], 141)]},
    {id: 'image.flipLeftRight/empty', op: 'image.flipLeftRight', args: [h.rand([0, 3, 4, 3])]},
    {id: 'image.flipLeftRight/tensorlike', op: 'image.flipLeftRight', args: [h.tensorlike([[[[1], [2], [3]]]], 'int')]},
    {id: 'image.flipLeftRight/int32', op: 'image.flipLeftRight', args: [h.ints([1, 2, 2, 1])], expect_error: true},
    {id: 'image.flipLeftRight/rank3', op: 'image.flipLeftRight', args: [img([2, 2, 1], 1)], expect_error: true},
  );
  const rot = 'image.rotateWithOffset';
  cases.push(
    {id: `${rot}/quarter`, op: rot, args: [img([1, 4, 4, 1], 150), h.float(Math.PI / 2)]},
    {id: `${rot}/half_turn`, op: rot, args: [img([1, 3, 3, 2], 151), h.float(Math.PI)]},
    {id: `${rot}/small_fill`, op: rot, args: [img([2, 5, 6, 1], 152), h.float(0.3), h.float(-1.5)]},
    {id: `${rot}/center_xy`, op: rot, args: [img([1, 5, 4, 3], 153), h.float(-0.7), 0, [0.25, 0.8]]},
    {id: `${rot}/center_num`, op: rot, args: [img([1, 4, 6, 1], 154), h.float(1.1), h.float(0.5), h.float(0.3)]},
    {id: `${rot}/rgb_fill`, op: rot, args: [img([1, 4, 4, 3], 155), h.float(0.9), [10, 20, 30]]},
    {id: `${rot}/rgba_fill`, op: rot, args: [img([1, 4, 4, 4], 156), h.float(2.0), [10, 20, 30]]},
    {id: `${rot}/zero`, op: rot, args: [img([1, 3, 3, 1], 157), 0]},
    {id: `${rot}/int32`, op: rot, args: [h.ints([1, 2, 2, 1]), 1], expect_error: true},
  );
  const tr = 'image.transform';
  const shifts = h.vals('float32', [1, 8], [1, 0, 1.5, 0, 1, -0.75, 0, 0]);
  const rotScale = h.vals('float32', [1, 8], [0.8, -0.6, 1, 0.6, 0.8, -1, 0, 0]);
  const proj = h.vals('float32', [1, 8], [1.1, 0.2, -0.5, -0.1, 0.9, 0.3, 0.05, -0.04]);
  const far = h.vals('float32', [1, 8], [1, 0, 9.5, 0, 1, -13.25, 0, 0]);
  let t = 160;
  for (const interp of ['nearest', 'bilinear']) {
    for (const mode of ['constant', 'reflect', 'wrap', 'nearest']) {
      cases.push(
        {id: `${tr}/${interp}_${mode}_shift`, op: tr, args: [img([1, 4, 5, 2], t++), shifts, interp, mode, h.float(-2)]},
        {id: `${tr}/${interp}_${mode}_rot`, op: tr, args: [img([1, 5, 5, 1], t++), rotScale, interp, mode, h.float(0.5)]},
        {id: `${tr}/${interp}_${mode}_proj`, op: tr, args: [img([1, 6, 4, 1], t++), proj, interp, mode]},
        {id: `${tr}/${interp}_${mode}_far`, op: tr, args: [img([1, 4, 3, 1], t++), far, interp, mode, 1]},
      );
    }
    cases.push(
      {id: `${tr}/${interp}_out_shape`, op: tr, args: [img([1, 4, 4, 2], t++), rotScale, interp, 'reflect', 0, [6, 3]]},
      {id: `${tr}/${interp}_width1`, op: tr, args: [img([1, 3, 1, 1], t++), shifts, interp, 'wrap']},
    );
  }
  cases.push(
    {id: `${tr}/defaults`, op: tr, args: [img([1, 3, 3, 1], t++), shifts]},
    {id: `${tr}/zero_projection`, op: tr, args: [img([1, 3, 3, 1], t++), h.vals('float32', [1, 8], [1, 0, 0, 0, 1, 0, -1, 0]), 'bilinear', 'constant', 3]},
    {id: `${tr}/bad_transforms`, op: tr, args: [img([1, 3, 3, 1], t++), h.rand([1, 6])], expect_error: true},
  );

  // ---------------------------------------------------------------- colour and threshold
  cases.push(
    {id: 'image.grayscaleToRGB/rank2', op: 'image.grayscaleToRGB', args: [h.ints([3, 1], 0, 255, {seed: 200})]},
    {id: 'image.grayscaleToRGB/rank4', op: 'image.grayscaleToRGB', args: [img([2, 2, 3, 1], 201)]},
    {id: 'image.grayscaleToRGB/empty', op: 'image.grayscaleToRGB', args: [h.rand([0, 2, 1])]},
    {id: 'image.grayscaleToRGB/bad_channels', op: 'image.grayscaleToRGB', args: [img([2, 3], 1)], expect_error: true},
    {id: 'image.rgbToGrayscale/rank2', op: 'image.rgbToGrayscale', args: [img([4, 3], 202, {max: 255})]},
    {id: 'image.rgbToGrayscale/rank3_int32', op: 'image.rgbToGrayscale', args: [h.ints([2, 3, 3], 0, 255, {seed: 203})]},
    {id: 'image.rgbToGrayscale/rank4', op: 'image.rgbToGrayscale', args: [img([2, 2, 2, 3], 204)]},
    {id: 'image.rgbToGrayscale/rank6', op: 'image.rgbToGrayscale', args: [img([1, 2, 1, 2, 1, 3], 205)]},
    {id: 'image.rgbToGrayscale/bad_channels', op: 'image.rgbToGrayscale', args: [img([2, 4], 1)], expect_error: true},
  );
  const th = 'image.threshold';
  const rgb = h.ints([6, 5, 3], 0, 255, {seed: 210});
  const gray = h.ints([5, 4, 1], 0, 255, {seed: 211});
  cases.push(
    {id: `${th}/binary`, op: th, args: [rgb]},
    {id: `${th}/binary_inverted`, op: th, args: [rgb, 'binary', true]},
    {id: `${th}/binary_value`, op: th, args: [rgb, 'binary', false, h.float(0.3)]},
    {id: `${th}/binary_gray`, op: th, args: [gray, 'binary', false, h.float(0.7)]},
    {id: `${th}/binary_float`, op: th, args: [h.rand([3, 4, 3], {seed: 212, min: 0, max: 255})]},
    {id: `${th}/otsu`, op: th, args: [rgb, 'otsu']},
    {id: `${th}/otsu_inverted`, op: th, args: [rgb, 'otsu', true]},
    {id: `${th}/otsu_gray`, op: th, args: [gray, 'otsu']},
    {id: `${th}/otsu_bimodal`, op: th, args: [h.vals('int32', [2, 4, 1], [10, 12, 11, 200, 210, 205, 12, 199]), 'otsu']},
    {id: `${th}/otsu_flat`, op: th, args: [h.vals('int32', [2, 2, 1], [7, 7, 7, 7]), 'otsu']},
    {id: `${th}/otsu_float`, op: th, args: [h.rand([4, 4, 3], {seed: 213, min: 0, max: 255}), 'otsu']},
    {id: `${th}/bad_method`, op: th, args: [rgb, 'mean'], expect_error: true},
    {id: `${th}/bad_rank`, op: th, args: [h.ints([2, 3])], expect_error: true},
  );

  // ---------------------------------------------------------------- non-max suppression
  const nbox = h.rand([12, 4], {seed: 220, min: 0, max: 1});
  const nscore = h.rand([12], {seed: 221, min: 0, max: 1});
  const tieBoxes = h.vals('float32', [6, 4], [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3.2, 5, 5, 4, 4, 0, 0, 0, 1]);
  const tieScores = h.vals('float32', [6], [0.5, 0.5, 0.7, 0.7, 0.7, 0.9]);
  const nms = 'image.nonMaxSuppression';
  for (const [suffix, py] of [['', ''], ['Async', '_async']]) {
    const op = nms + suffix;
    cases.push(
      {id: `${op}/basic`, op, args: [nbox, nscore, 10]},
      {id: `${op}/iou`, op, args: [nbox, nscore, 12, h.float(0.2)]},
      {id: `${op}/score_thresh`, op, args: [nbox, nscore, 12, h.float(0.6), h.float(0.4)]},
      {id: `${op}/max_1`, op, args: [nbox, nscore, 1]},
      {id: `${op}/max_0`, op, args: [nbox, nscore, 0]},
      {id: `${op}/ties`, op, args: [tieBoxes, tieScores, 6, h.float(0.5)]},
      {id: `${op}/iou_zero`, op, args: [tieBoxes, tieScores, 6, 0]},
      {id: `${op}/iou_one`, op, args: [tieBoxes, tieScores, 6, 1]},
      {id: `${op}/empty`, op, args: [h.rand([0, 4]), h.rand([0]), 3]},
      {id: `${op}/tensorlike`, op, args: [h.tensorlike([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 5, 1, 6]]), h.tensorlike([0.9, 0.8, 0.7]), 3]},
      {id: `${op}/nan_score`, op, args: [tieBoxes, h.vals('float32', [6], ['NaN', 0.5, 'Infinity', 0.7, '-Infinity', 0.9]), 6]},
      // a NaN coordinate: its IoU is NaN, which zeroes (and re-queues) the later candidates
      {id: `${op}/nan_box`, op, args: [h.vals('float32', [4, 4], [0, 0, 1, 1, 'NaN', 0, 1, 1, 0, 0, 1, 1.1, 2, 2, 3, 3]), h.vals('float32', [4], [0.6, 0.9, 0.8, 0.7]), 4]},
      {id: `${op}/nan_box_ymax`, op, args: [h.vals('float32', [4, 4], [0, 0, 1, 1, 0, 0, 'NaN', 1, 0, 0, 1, 1.1, 2, 2, 3, 3]), h.vals('float32', [4], [0.6, 0.9, 0.8, 0.7]), 4]},
    );
    const ws = 'image.nonMaxSuppressionWithScore' + suffix;
    cases.push(
      {id: `${ws}/hard`, op: ws, args: [nbox, nscore, 10, h.float(0.5)]},
      {id: `${ws}/soft`, op: ws, args: [nbox, nscore, 10, h.float(0.5), h.float(0.1), h.float(0.5)]},
      {id: `${ws}/soft_full`, op: ws, args: [nbox, nscore, 12, 1, h.float(0.0), 1]},
      {id: `${ws}/soft_ties`, op: ws, args: [tieBoxes, tieScores, 6, h.float(0.9), h.float(0.2), h.float(0.3)]},
      {id: `${ws}/empty`, op: ws, args: [h.rand([0, 4]), h.rand([0]), 3]},
    );
    const pd = 'image.nonMaxSuppressionPadded' + suffix;
    cases.push(
      {id: `${pd}/no_pad`, op: pd, args: [nbox, nscore, 10, h.float(0.3)]},
      {id: `${pd}/pad`, op: pd, args: [nbox, nscore, 10, h.float(0.3), h.float(0.5), true]},
      {id: `${pd}/pad_over`, op: pd, args: [tieBoxes, tieScores, 20, h.float(0.5), h.float(-1), true]},
      {id: `${pd}/empty_pad`, op: pd, args: [h.rand([0, 4]), h.rand([0]), 3, h.float(0.5), h.float(0), true]},
    );
  }
  cases.push(
    {id: `${nms}/bad_iou`, op: nms, args: [nbox, nscore, 3, h.float(1.5)], expect_error: true},
    {id: `${nms}/bad_boxes`, op: nms, args: [h.rand([3, 3]), h.rand([3]), 3], expect_error: true},
    {id: `${nms}/bad_scores`, op: nms, args: [h.rand([3, 4]), h.rand([4]), 3], expect_error: true},
    {id: 'image.nonMaxSuppressionWithScore/bad_sigma', op: 'image.nonMaxSuppressionWithScore', args: [nbox, nscore, 3, h.float(0.5), 0, h.float(2)], expect_error: true},
  );
  return cases;
};
