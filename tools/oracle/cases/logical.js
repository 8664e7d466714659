// Golden cases for pytfjs/ops/logical.py (comparisons, logical ops, where).
module.exports = (h) => {
  const cases = [];
  const cmp = ['equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual'];
  const a = h.vals('float32', [8], ['NaN', 'Infinity', '-Infinity', 0, '-0', 1.5, -2, 'NaN']);
  const b = h.vals('float32', [8], ['NaN', 'Infinity', 0, '-0', 0, 1.5, 3, 1]);
  let s = 2000;
  for (const op of cmp) {
    cases.push(
      {id: `${op}/same`, op, args: [h.rand([2, 4], {seed: s++, min: -1, max: 1}),
        h.rand([2, 4], {seed: s++, min: -1, max: 1})]},
      {id: `${op}/bcast`, op, args: [h.rand([3, 1], {seed: s++}), h.rand([1, 4], {seed: s++})]},
      {id: `${op}/int32`, op, args: [h.ints([6], -2, 2, {seed: s++}), h.ints([6], -2, 2, {seed: s++})]},
      {id: `${op}/mixed`, op, args: [h.ints([4], -2, 2, {seed: s++}), h.vals('float32', [4], [-1.5, 0, 1, 2])]},
      {id: `${op}/bool`, op, args: [h.bools([5], {seed: s++}), h.bools([5], {seed: s++})]},
      {id: `${op}/py_scalar`, op, args: [h.rand([5], {seed: s++}), h.float(0.5)]},
      {id: `${op}/scalar`, op, args: [h.rand([], {seed: s++}), h.rand([3], {seed: s++})]},
      {id: `${op}/special`, op, args: [a, b]},
      {id: `${op}/empty`, op, args: [h.rand([0, 2]), h.rand([2])]},
    );
  }
  cases.push(
    {id: 'equal/string', op: 'equal', args: [h.vals('string', [3], ['a', 'b', 'c']), h.vals('string', [3], ['a', 'x', 'c'])]},
    {id: 'less/bad_broadcast', op: 'less', args: [h.rand([2]), h.rand([3])], expect_error: true},
  );
  for (const op of ['logicalAnd', 'logicalOr', 'logicalXor']) {
    cases.push(
      {id: `${op}/same`, op, args: [h.bools([2, 4], {seed: s++}), h.bools([2, 4], {seed: s++})]},
      {id: `${op}/bcast`, op, args: [h.bools([3, 1], {seed: s++}), h.bools([1, 4], {seed: s++})]},
      {id: `${op}/scalar`, op, args: [h.vals('bool', [], [true]), h.bools([4], {seed: s++})]},
      {id: `${op}/empty`, op, args: [h.bools([0, 3]), h.bools([3])]},
      {id: `${op}/all_pairs`, op, args: [h.vals('bool', [4], [true, true, false, false]), h.vals('bool', [4], [true, false, true, false])]},
      {id: `${op}/float_input`, op, args: [h.rand([3]), h.bools([3], {seed: s++})], expect_error: true},
    );
  }
  cases.push(
    {id: 'logicalNot/main', op: 'logicalNot', args: [h.bools([2, 4], {seed: s++})]},
    {id: 'logicalNot/scalar', op: 'logicalNot', args: [h.vals('bool', [], [false])]},
    {id: 'logicalNot/empty', op: 'logicalNot', args: [h.bools([0])]},
    {id: 'logicalNot/tensorlike', op: 'logicalNot', args: [h.tensorlike([true, false, true], 'bool')]},
    {id: 'logicalNot/float_input', op: 'logicalNot', args: [h.rand([3])], expect_error: true},
    {id: 'where/same', op: 'where', args: [h.bools([2, 4], {seed: s++}), h.rand([2, 4], {seed: s++}), h.rand([2, 4], {seed: s++})]},
    {id: 'where/cond_rank1', op: 'where', args: [h.bools([3], {seed: s++}), h.rand([3, 2], {seed: s++}), h.rand([3, 2], {seed: s++})],
      expect_error: true, note: 'TF.js 4.22 broadcasts the condition (numpy rules), so [3] vs [3, 2] is an error'},
    {id: 'where/bcast', op: 'where', args: [h.bools([2, 1], {seed: s++}), h.rand([1, 3], {seed: s++}), h.rand([2, 3], {seed: s++})]},
    {id: 'where/bcast_scalar_cond', op: 'where', args: [h.vals('bool', [], [false]), h.rand([2, 3], {seed: s++}), h.rand([2, 3], {seed: s++})]},
    {id: 'where/int32', op: 'where', args: [h.bools([4], {seed: s++}), h.ints([4], -5, 5, {seed: s++}), h.ints([4], -5, 5, {seed: s++})]},
    {id: 'where/bool_values', op: 'where', args: [h.bools([4], {seed: s++}), h.bools([4], {seed: s++}), h.bools([4], {seed: s++})]},
    {id: 'where/special', op: 'where', args: [h.vals('bool', [8], [true, false, true, false, true, false, true, false]), a, b]},
    {id: 'where/empty', op: 'where', args: [h.bools([0, 2]), h.rand([0, 2]), h.rand([0, 2])]},
    {id: 'where/float_cond', op: 'where', args: [h.rand([3]), h.rand([3]), h.rand([3])], expect_error: true},
    {id: 'grad/where/a_b', op: 'where', kind: 'grad', args: [h.bools([2, 4], {seed: s++}), h.gradInput(0), h.gradInput(1)],
      grad: {mode: 'grads', xs: [h.rand([2, 4], {seed: s++}), h.rand([2, 4], {seed: s++})], dy: h.rand([2, 4], {seed: s++})}},
    {id: 'grad/where/no_dy', op: 'where', kind: 'grad', args: [h.bools([3, 2], {seed: s++}), h.gradInput(0), h.gradInput(1)],
      grad: {mode: 'grads', xs: [h.rand([3, 2], {seed: s++}), h.rand([3, 2], {seed: s++})]}},
    {id: 'grad/where/bcast', op: 'where', kind: 'grad', args: [h.bools([2, 1], {seed: s++}), h.gradInput(0), h.gradInput(1)],
      grad: {mode: 'grads', xs: [h.rand([1, 3], {seed: s++}), h.rand([2, 3], {seed: s++})], dy: h.rand([2, 3], {seed: s++})}},
    {id: 'grad/where/a_only', op: 'where', kind: 'grad', args: [h.bools([5], {seed: s++}), h.gradInput(0), h.rand([5], {seed: s++})],
      grad: {mode: 'grad', xs: [h.rand([5], {seed: s++})], dy: h.rand([5], {seed: s++})}},
  );
  return cases;
};
