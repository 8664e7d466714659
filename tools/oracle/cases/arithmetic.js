// Golden cases for pytfjs/ops/arithmetic.py (binary element-wise ops and addN).
module.exports = (h) => {
  const cases = [];
  const binary = ['add', 'sub', 'mul', 'div', 'divNoNan', 'floorDiv', 'mod', 'pow', 'maximum', 'minimum',
    'squaredDifference', 'atan2'];
  const special = h.vals('float32', [8], ['NaN', 'Infinity', '-Infinity', '-0', 0, 1.5, -2.5, 'Infinity']);
  const special2 = h.vals('float32', [8], [1, 'NaN', 'Infinity', 0, '-0', 0, 'NaN', '-Infinity']);
  let s = 100;
  for (const op of binary) {
    const pos = op === 'pow' ? {min: 0.25, max: 2} : {};
    const den = ['div', 'floorDiv', 'mod'].includes(op) ? {min: 0.5, max: 3} : {};
    cases.push(
      {id: `${op}/same`, op, args: [h.rand([2, 4], {seed: s++, ...pos}), h.rand([2, 4], {seed: s++, ...den})]},
      {id: `${op}/bcast_row`, op, args: [h.rand([2, 4], {seed: s++, ...pos}), h.rand([4], {seed: s++, ...den})]},
      {id: `${op}/bcast_two_sided`, op, args: [h.rand([3, 1], {seed: s++, ...pos}), h.rand([1, 4], {seed: s++, ...den})]},
      {id: `${op}/rank0_rhs`, op, args: [h.rand([5], {seed: s++, ...pos}), h.rand([], {seed: s++, ...den})]},
      {id: `${op}/py_scalar_rhs`, op, args: [h.rand([4], {seed: s++, ...pos}), h.float(op === 'pow' ? 2 : 1.75)]},
      {id: `${op}/py_scalar_lhs`, op, args: [h.float(1.5), h.rand([4], {seed: s++, ...den})]},
      {id: `${op}/int32`, op, args: [h.ints([2, 3], -7, 9, {seed: s++}), h.ints([2, 3], 1, 4, {seed: s++})]},
      {id: `${op}/int32_neg_div`, op, args: [h.vals('int32', [6], [7, -7, 7, -7, 0, 5]), h.vals('int32', [6], [2, 2, -2, -2, 3, -3])]},
      {id: `${op}/mixed_int_float`, op, args: [h.ints([4], -3, 3, {seed: s++}), h.rand([4], {seed: s++, ...den})]},
      {id: `${op}/empty`, op, args: [h.rand([0, 3]), h.rand([3])]},
      {id: `${op}/special`, op, args: [special, special2]},
      {id: `${op}/zero_den`, op, args: [h.vals('float32', [4], [1, -1, 0, 2.5]), h.vals('float32', [4], [0, 0, 0, '-0'])]},
    );
  }
  cases.push(
    {id: 'add/tensorlike', op: 'add', args: [h.tensorlike([[1.5, -2], [0.25, 3]]), h.tensorlike([2.5, -1])]},
    {id: 'mul/bcast_3d', op: 'mul', args: [h.rand([2, 1, 3]), h.rand([4, 1])]},
    {id: 'sub/empty_bcast', op: 'sub', args: [h.rand([2, 0]), h.rand([2, 1])]},
    {id: 'div/int32_zero', op: 'div', args: [h.vals('int32', [4], [5, -5, 0, 3]), h.vals('int32', [4], [0, 0, 0, 2])]},
    {id: 'floorDiv/int32_zero', op: 'floorDiv', args: [h.vals('int32', [3], [5, -5, 0]), h.vals('int32', [3], [0, 0, 0])]},
    {id: 'mod/float_signs', op: 'mod', args: [h.vals('float32', [6], [5.5, -5.5, 5.5, -5.5, 0, 3]), h.vals('float32', [6], [2, 2, -2, -2, 2, 'Infinity'])]},
    {id: 'pow/neg_base', op: 'pow', args: [h.vals('float32', [6], [-2, -2, -0.5, 0, 0, -3]), h.vals('float32', [6], [2, 0.5, 3, 0, -1, 3])]},
    {id: 'pow/int32_exps', op: 'pow', args: [h.vals('int32', [5], [2, -3, 0, 5, 1]), h.vals('int32', [5], [3, 3, 0, 2, 7])]},
    {id: 'atan2/quadrants', op: 'atan2', args: [h.vals('float32', [8], [0, 0, 1, -1, 1, -1, '-0', 'Infinity']), h.vals('float32', [8], [1, -1, 0, 0, -1, -1, -1, 'Infinity'])]},
    {id: 'maximum/bool', op: 'maximum', args: [h.bools([4], {seed: 1}), h.bools([4], {seed: 2})], note: 'TF.js casts bool inputs to int32'},
    {id: 'minimum/bool', op: 'minimum', args: [h.bools([4], {seed: 3}), h.bools([4], {seed: 4})], note: 'TF.js casts bool inputs to int32'},
    {id: 'add/bad_broadcast', op: 'add', args: [h.rand([2, 3]), h.rand([4])], expect_error: true},
    {id: 'addN/three', op: 'addN', args: [[h.rand([2, 3]), h.rand([2, 3]), h.rand([2, 3])]]},
    {id: 'addN/one', op: 'addN', args: [[h.rand([4])]]},
    {id: 'addN/int32', op: 'addN', args: [[h.ints([3], -5, 5), h.ints([3], -5, 5)]]},
    {id: 'addN/scalars', op: 'addN', args: [[h.rand([]), h.rand([]), h.rand([])]]},
    {id: 'addN/empty', op: 'addN', args: [[h.rand([0, 2]), h.rand([0, 2])]]},
    {id: 'addN/special', op: 'addN', args: [[special, special2]]},
    {id: 'addN/shape_mismatch', op: 'addN', args: [[h.rand([2]), h.rand([3])]], expect_error: true},
    {id: 'addN/no_tensors', op: 'addN', args: [[]], expect_error: true},
  );
  // gradients
  const gdom = {
    add: [{}, {}], sub: [{}, {}], mul: [{}, {}], div: [{}, {min: 0.5, max: 3}], divNoNan: [{}, {min: 0.5, max: 3}],
    floorDiv: [{}, {min: 0.5, max: 3}], mod: [{min: 0.1, max: 3}, {min: 0.5, max: 3}], pow: [{min: 0.5, max: 2}, {min: -2, max: 2}],
    maximum: [{}, {}], minimum: [{}, {}], squaredDifference: [{}, {}], atan2: [{}, {min: 0.5, max: 3}],
  };
  // TF.js 4.22 bugs: the Maximum/Minimum/SquaredDifference gradients do not reduce over broadcast
  // dimensions (tf.grad throws a shape error), and DivNoNan's gradient w.r.t. b fails ("gradient
  // function not found for Equal").  pytfjs follows TensorFlow there; those cases are left out.
  // The divNoNan a-gradient is recorded from the same formula without the Equal on the a path.
  // Recorded with TensorFlow's DivNoNan gradient for a (divNoNan(dy, b)) through tf.customGrad.
  const divNoNanTF = (tf, a) => tf.customGrad((x, save) => {
    save([a[1]]);
    return {value: tf.divNoNan(x, a[1]), gradFunc: (dy, [b]) => [tf.divNoNan(dy, b)]};
  })(a[0]);
  const divNoNanNote = 'TF.js 4.22 cannot differentiate divNoNan (no gradient for Equal); recorded with TensorFlow\'s gradient divNoNan(dy, b)';
  const noBcastGrad = ['maximum', 'minimum', 'squaredDifference'];
  for (const op of binary) {
    const [da, db] = gdom[op];
    if (op === 'divNoNan') {
      cases.push(
        {id: 'grad/divNoNan/a_only', op, kind: 'grad', args: [h.gradInput(0), h.vals('float32', [4], [2, 0, -0.5, 4])],
          grad: {mode: 'grad', xs: [h.rand([4], {seed: s++})], dy: h.rand([4], {seed: s++})}, js: divNoNanTF, note: divNoNanNote},
        {id: 'grad/divNoNan/a_only_bcast', op, kind: 'grad', args: [h.gradInput(0), h.rand([3], {seed: s++, min: 0.5})],
          grad: {mode: 'grad', xs: [h.rand([2, 3], {seed: s++})], dy: h.rand([2, 3], {seed: s++})}, js: divNoNanTF, note: divNoNanNote},
      );
      continue;
    }
    if (noBcastGrad.includes(op)) {
      cases.push(
        {id: `grad/${op}/same`, op, kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
          grad: {mode: 'grads', xs: [h.rand([2, 3], {seed: s++, ...da}), h.rand([2, 3], {seed: s++, ...db})], dy: h.rand([2, 3], {seed: s++})}},
        {id: `grad/${op}/same_no_dy`, op, kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
          grad: {mode: 'grads', xs: [h.rand([5], {seed: s++, ...da}), h.rand([5], {seed: s++, ...db})]}},
      );
      continue;
    }
    cases.push(
      {id: `grad/${op}/same`, op, kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
        grad: {mode: 'grads', xs: [h.rand([2, 3], {seed: s++, ...da}), h.rand([2, 3], {seed: s++, ...db})], dy: h.rand([2, 3], {seed: s++})}},
      {id: `grad/${op}/bcast`, op, kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
        grad: {mode: 'grads', xs: [h.rand([2, 1, 3], {seed: s++, ...da}), h.rand([2, 1], {seed: s++, ...db})], dy: h.rand([2, 2, 3], {seed: s++})}},
      {id: `grad/${op}/scalar_rhs_no_dy`, op, kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
        grad: {mode: 'grads', xs: [h.rand([5], {seed: s++, ...da}), h.rand([], {seed: s++, ...db})]}},
    );
  }
  cases.push(
    {id: 'grad/pow/x_only', op: 'pow', kind: 'grad', args: [h.gradInput(0), h.float(3)],
      grad: {mode: 'grad', xs: [h.rand([6], {seed: s++})], dy: h.rand([6], {seed: s++})}},
    {id: 'grad/pow/zero_base', op: 'pow', kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
      grad: {mode: 'grads', xs: [h.vals('float32', [3], [0, 0, 2]), h.vals('float32', [3], [2, 0.5, 1])]},
      note: 'TF.js uses a zero gradient for the exponent where the base is not positive'},
    {id: 'grad/maximum/ties', op: 'maximum', kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
      grad: {mode: 'grads', xs: [h.vals('float32', [3], [1, 2, 3]), h.vals('float32', [3], [1, 0, 3])]}},
    {id: 'grad/minimum/ties', op: 'minimum', kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
      grad: {mode: 'grads', xs: [h.vals('float32', [3], [1, 2, 3]), h.vals('float32', [3], [1, 0, 3])]}},
    {id: 'grad/addN/three', op: 'addN', kind: 'grad', args: [[h.gradInput(0), h.gradInput(1), h.gradInput(2)]],
      grad: {mode: 'grads', xs: [h.rand([2, 3], {seed: s++}), h.rand([2, 3], {seed: s++}), h.rand([2, 3], {seed: s++})], dy: h.rand([2, 3], {seed: s++})}},
    {id: 'grad/addN/same_input_twice', op: 'addN', kind: 'grad', args: [[h.gradInput(0), h.gradInput(0)]],
      grad: {mode: 'grad', xs: [h.rand([4], {seed: s++})], dy: h.rand([4], {seed: s++})}},
  );
  return cases;
};
