// Golden cases for pytfjs/ops/reduction.py.
module.exports = (h) => {
  const cases = [];
  let s = 4000;
  const special = h.vals('float32', [2, 3], [1, 'NaN', 2, 'Infinity', -1, '-Infinity']);
  const reducers = ['sum', 'mean', 'max', 'min', 'prod', 'logSumExp'];
  for (const op of reducers) {
    const d = op === 'prod' ? {min: -1.5, max: 1.5} : {};
    cases.push(
      {id: `${op}/all`, op, args: [h.rand([2, 3, 4], {seed: s++, ...d})]},
      {id: `${op}/axis0`, op, args: [h.rand([3, 4], {seed: s++, ...d}), 0]},
      {id: `${op}/axis_neg`, op, args: [h.rand([2, 3, 4], {seed: s++, ...d}), -1]},
      {id: `${op}/axes_list`, op, args: [h.rand([2, 3, 4], {seed: s++, ...d}), [0, 2]]},
      {id: `${op}/axes_neg_list`, op, args: [h.rand([2, 3, 4], {seed: s++, ...d}), [-1, -3]]},
      {id: `${op}/keep_dims`, op, args: [h.rand([2, 3, 4], {seed: s++, ...d}), 1, true]},
      {id: `${op}/keep_dims_all`, op, args: [h.rand([2, 3], {seed: s++, ...d}), null, true]},
      {id: `${op}/empty_axes`, op, args: [h.rand([2, 3], {seed: s++, ...d}), []]},
      {id: `${op}/scalar`, op, args: [h.rand([], {seed: s++, ...d})]},
      {id: `${op}/int32`, op, args: [h.ints([3, 4], -3, 3, {seed: s++}), 1]},
      {id: `${op}/special`, op, args: [special, 1]},
      {id: `${op}/empty_all`, op, args: [h.rand([0, 3])]},
      {id: `${op}/empty_axis`, op, args: [h.rand([0, 3]), 0]},
      {id: `${op}/empty_keep`, op, args: [h.rand([2, 0]), 1]},
      {id: `${op}/bad_axis`, op, args: [h.rand([2, 3]), 2], expect_error: true},
      {id: `grad/${op}/all`, op, kind: 'grad', args: [h.gradInput(0)],
        grad: {mode: 'grad', xs: [h.rand([2, 3], {seed: s++, ...d})]}},
      {id: `grad/${op}/axis`, op, kind: 'grad', args: [h.gradInput(0), 1],
        grad: {mode: 'grad', xs: [h.rand([2, 3, 2], {seed: s++, ...d})], dy: h.rand([2, 2], {seed: s++})}},
      // TF.js 4.22's Prod gradient fails for negative axes (transpose perm error): prod uses [0, 2]
      {id: `grad/${op}/axes_keep`, op, kind: 'grad', args: [h.gradInput(0), op === 'prod' ? [0, 2] : [0, -1], true],
        grad: {mode: 'grad', xs: [h.rand([2, 3, 2], {seed: s++, ...d})], dy: h.rand([1, 3, 1], {seed: s++})}},
    );
  }
  cases.push(
    {id: 'sum/bool', op: 'sum', args: [h.bools([2, 4], {seed: s++}), 1]},
    {id: 'mean/bool', op: 'mean', args: [h.bools([6], {seed: s++})]},
    {id: 'prod/bool', op: 'prod', args: [h.bools([2, 3], {seed: s++}), 0]},
    {id: 'max/bool', op: 'max', args: [h.bools([4], {seed: s++})]},
    {id: 'sum/int32_all', op: 'sum', args: [h.ints([5], -100, 100, {seed: s++})]},
    {id: 'mean/int32_all', op: 'mean', args: [h.ints([4], -7, 7, {seed: s++})]},
    {id: 'sum/tensorlike', op: 'sum', args: [h.tensorlike([[1.5, 2], [3, 4]]), 0]},
    {id: 'grad/max/ties', op: 'max', kind: 'grad', args: [h.gradInput(0), 1],
      grad: {mode: 'grad', xs: [h.vals('float32', [2, 3], [1, 3, 3, 2, 2, 0])]}},
    {id: 'grad/min/ties', op: 'min', kind: 'grad', args: [h.gradInput(0)],
      grad: {mode: 'grad', xs: [h.vals('float32', [4], [1, 0, 0, 2])]}},
    {id: 'grad/prod/with_zero', op: 'prod', kind: 'grad', args: [h.gradInput(0), 1],
      grad: {mode: 'grad', xs: [h.vals('float32', [2, 3], [1, 0, 2, 0, 0, 3])]}},
  );
  for (const op of ['any', 'all']) {
    cases.push(
      {id: `${op}/all`, op, args: [h.bools([2, 3], {seed: s++})]},
      {id: `${op}/axis`, op, args: [h.bools([3, 4], {seed: s++}), 1]},
      {id: `${op}/axis_neg_keep`, op, args: [h.bools([2, 3, 2], {seed: s++}), -2, true]},
      {id: `${op}/axes_list`, op, args: [h.bools([2, 3, 2], {seed: s++}), [0, 2]]},
      {id: `${op}/scalar`, op, args: [h.vals('bool', [], [true])]},
      {id: `${op}/empty`, op, args: [h.bools([0])]},
      {id: `${op}/empty_axis`, op, args: [h.bools([2, 0]), 1]},
      {id: `${op}/float_input`, op, args: [h.rand([3])], expect_error: true},
    );
  }
  for (const op of ['argMax', 'argMin']) {
    cases.push(
      {id: `${op}/default`, op, args: [h.rand([3, 4], {seed: s++})]},
      {id: `${op}/axis1`, op, args: [h.rand([3, 4], {seed: s++}), 1]},
      {id: `${op}/axis_neg`, op, args: [h.rand([2, 3, 4], {seed: s++}), -2]},
      {id: `${op}/rank1`, op, args: [h.rand([6], {seed: s++})]},
      {id: `${op}/ties`, op, args: [h.vals('float32', [6], [1, 3, 3, 0, 0, 1])]},
      {id: `${op}/int32`, op, args: [h.ints([2, 5], -3, 3, {seed: s++}), 1]},
      {id: `${op}/nan`, op, args: [h.vals('float32', [5], [1, 'NaN', 3, -1, 'NaN'])]},
      {id: `${op}/inf`, op, args: [h.vals('float32', [4], ['-Infinity', 2, 'Infinity', 0])]},
      {id: `${op}/empty_other_axis`, op, args: [h.rand([0, 3]), 1]},
      {id: `${op}/axes_list`, op, args: [h.rand([2, 3]), [0, 1]], expect_error: true},
    );
  }
  for (const op of ['cumsum', 'cumprod']) {
    const d = op === 'cumprod' ? {min: -1.5, max: 1.5} : {};
    cases.push(
      {id: `${op}/default`, op, args: [h.rand([4], {seed: s++, ...d})]},
      {id: `${op}/axis1`, op, args: [h.rand([2, 4], {seed: s++, ...d}), 1]},
      // TF.js 4.22 cumsum/cumprod return a malformed tensor (shape [undefined, ...]) for a negative
      // axis; pytfjs follows TensorFlow (axis + rank), so no negative-axis case is recorded.
      {id: `${op}/exclusive`, op, args: [h.rand([2, 4], {seed: s++, ...d}), 1, true]},
      {id: `${op}/reverse`, op, args: [h.rand([2, 4], {seed: s++, ...d}), 1, false, true]},
      {id: `${op}/exclusive_reverse`, op, args: [h.rand([3, 3], {seed: s++, ...d}), 0, true, true]},
      {id: `${op}/int32`, op, args: [h.ints([5], -3, 3, {seed: s++})]},
      {id: `${op}/special`, op, args: [h.vals('float32', [5], [1, 'NaN', 2, 'Infinity', -1])]},
      {id: `${op}/empty`, op, args: [h.rand([0, 2]), 0]},
      {id: `${op}/bool`, op, args: [h.bools([4], {seed: s++})]},
      // TF.js 4.22 has no Cumprod gradient, and its Cumsum gradient fails for any axis but the
      // last (shape error) and for a negative axis: only the cases TF.js can compute are recorded.
      ...(op === 'cumprod' ? [] : [
        {id: `grad/${op}/default`, op, kind: 'grad', args: [h.gradInput(0)],
          grad: {mode: 'grad', xs: [h.rand([5], {seed: s++, ...d})], dy: h.rand([5], {seed: s++})}},
        {id: `grad/${op}/axis_exclusive`, op, kind: 'grad', args: [h.gradInput(0), 1, true],
          grad: {mode: 'grad', xs: [h.rand([2, 4], {seed: s++, ...d})], dy: h.rand([2, 4], {seed: s++})}},
        {id: `grad/${op}/reverse`, op, kind: 'grad', args: [h.gradInput(0), 1, false, true],
          grad: {mode: 'grad', xs: [h.rand([3, 2], {seed: s++, ...d})], dy: h.rand([3, 2], {seed: s++})}},
        {id: `grad/${op}/exclusive_reverse`, op, kind: 'grad', args: [h.gradInput(0), 1, true, true],
          grad: {mode: 'grad', xs: [h.rand([2, 3], {seed: s++, ...d})]}},
      ]),
    );
  }
  return cases;
};
