// Golden cases for pytfjs/ops/basic_math.py (unary element-wise ops and activations).
module.exports = (h) => {
  const cases = [];
  // op -> input domain for the main and gradient cases
  const dom = {
    abs: {}, neg: {}, exp: {}, expm1: {}, log: {min: 0.1, max: 4}, log1p: {min: -0.9, max: 4}, sqrt: {min: 0.1, max: 4},
    rsqrt: {min: 0.1, max: 4}, square: {}, reciprocal: {min: 0.25, max: 3}, sign: {}, floor: {}, ceil: {}, round: {},
    sin: {}, cos: {}, tan: {min: -1.4, max: 1.4}, asin: {min: -0.96, max: 0.96}, acos: {min: -0.96, max: 0.96}, atan: {},
    sinh: {}, cosh: {}, tanh: {}, asinh: {}, acosh: {min: 1.1, max: 4}, atanh: {min: -0.9, max: 0.9}, erf: {},
    sigmoid: {}, logSigmoid: {}, softplus: {}, relu: {}, relu6: {min: -3, max: 8}, elu: {}, selu: {},
    leakyRelu: {}, step: {}, isNaN: {}, isInf: {}, isFinite: {},
  };
  // TF.js requires float32 inputs for these (an int32 tensor throws)
  const floatOnly = ['log', 'sqrt', 'rsqrt', 'floor', 'ceil', 'sin', 'cos', 'tan', 'cosh', 'tanh', 'sigmoid', 'elu'];
  const noGrad = ['isNaN', 'isInf', 'isFinite'];
  const special = h.vals('float32', [9], ['NaN', 'Infinity', '-Infinity', 0, '-0', 0.5, -0.5, 2.5, -1.5]);
  let s = 1000;
  for (const op of Object.keys(dom)) {
    const d = dom[op];
    cases.push(
      {id: `${op}/main`, op, args: [h.rand([2, 1, 3], {seed: s++, ...d})]},
      {id: `${op}/scalar`, op, args: [h.rand([], {seed: s++, ...d})]},
      {id: `${op}/empty`, op, args: [h.rand([0, 4])]},
      {id: `${op}/special`, op, args: [special]},
      {id: `${op}/int32`, op, args: [h.ints([6], -3, 3, {seed: s++})], ...(floatOnly.includes(op) ? {expect_error: true} : {})},
    );
    if (!noGrad.includes(op)) {
      const gd = op === 'relu6' ? {min: -2, max: 7.5} : d;
      cases.push(
        {id: `grad/${op}/main`, op, kind: 'grad', args: [h.gradInput(0)],
          grad: {mode: 'grad', xs: [h.rand([2, 3], {seed: s++, ...gd})], dy: h.rand([2, 3], {seed: s++})}},
        {id: `grad/${op}/no_dy`, op, kind: 'grad', args: [h.gradInput(0)],
          grad: {mode: 'grad', xs: [h.rand([4], {seed: s++, ...gd})]}},
      );
    }
  }
  cases.push(
    {id: 'abs/tensorlike', op: 'abs', args: [h.tensorlike([[-1.5, 2], [0.25, -3]])]},
    {id: 'round/half_even', op: 'round', args: [h.vals('float32', [8], [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 2.4])]},
    {id: 'sign/nan_zero', op: 'sign', args: [h.vals('float32', [5], ['NaN', '-0', 0, '-Infinity', 3])]},
    {id: 'neg/bool', op: 'neg', args: [h.bools([3], {seed: 5})]},
    {id: 'abs/bool', op: 'abs', args: [h.bools([3], {seed: 6})]},
    {id: 'exp/bool', op: 'exp', args: [h.bools([3], {seed: 7})]},
    {id: 'leakyRelu/alpha', op: 'leakyRelu', args: [h.rand([2, 4], {seed: s++}), 0.1]},
    {id: 'leakyRelu/alpha_gt1', op: 'leakyRelu', args: [h.rand([6], {seed: s++}), h.float(1.5)]},
    {id: 'leakyRelu/int32_alpha', op: 'leakyRelu', args: [h.ints([6], -3, 3, {seed: s++}), 0.25]},
    {id: 'step/alpha', op: 'step', args: [h.rand([2, 4], {seed: s++}), 0.3]},
    {id: 'step/alpha_zero_input', op: 'step', args: [h.vals('float32', [5], [0, '-0', 'NaN', -1, 1]), -1]},
    {id: 'prelu/vector_alpha', op: 'prelu', args: [h.rand([2, 3], {seed: s++}), h.rand([3], {seed: s++, min: 0, max: 1})]},
    {id: 'prelu/scalar_alpha', op: 'prelu', args: [h.rand([5], {seed: s++}), h.rand([], {seed: s++, min: 0, max: 1})]},
    {id: 'prelu/bcast_alpha', op: 'prelu', args: [h.rand([2, 2, 3], {seed: s++}), h.rand([2, 1, 3], {seed: s++, min: 0, max: 1})]},
    {id: 'prelu/special', op: 'prelu', args: [special, h.float(0.25)]},
    {id: 'prelu/empty', op: 'prelu', args: [h.rand([0, 3]), h.rand([3])]},
    {id: 'clipByValue/main', op: 'clipByValue', args: [h.rand([2, 5], {seed: s++}), -1, 1.5]},
    {id: 'clipByValue/int32', op: 'clipByValue', args: [h.ints([6], -5, 5, {seed: s++}), -2, 3]},
    {id: 'clipByValue/special', op: 'clipByValue', args: [special, h.float(-1), h.float(1)]},
    {id: 'clipByValue/equal_bounds', op: 'clipByValue', args: [h.rand([4], {seed: s++}), 0.5, 0.5]},
    {id: 'clipByValue/inf_bounds', op: 'clipByValue', args: [h.rand([4], {seed: s++}), -Infinity, Infinity]},
    {id: 'clipByValue/empty', op: 'clipByValue', args: [h.rand([0]), 0, 1]},
    {id: 'clipByValue/min_gt_max', op: 'clipByValue', args: [h.rand([4], {seed: s++}), 2, 1], expect_error: true},
    {id: 'grad/leakyRelu/alpha', op: 'leakyRelu', kind: 'grad', args: [h.gradInput(0), 0.3],
      grad: {mode: 'grad', xs: [h.rand([2, 4], {seed: s++})], dy: h.rand([2, 4], {seed: s++})}},
    {id: 'grad/step/alpha', op: 'step', kind: 'grad', args: [h.gradInput(0), 0.3],
      grad: {mode: 'grad', xs: [h.rand([2, 4], {seed: s++})], dy: h.rand([2, 4], {seed: s++})}},
    {id: 'grad/prelu/x_alpha', op: 'prelu', kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
      grad: {mode: 'grads', xs: [h.rand([2, 3], {seed: s++}), h.rand([3], {seed: s++, min: 0, max: 1})], dy: h.rand([2, 3], {seed: s++})}},
    {id: 'grad/prelu/bcast_alpha', op: 'prelu', kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
      grad: {mode: 'grads', xs: [h.rand([2, 2, 3], {seed: s++}), h.rand([2, 1, 3], {seed: s++, min: 0, max: 1})], dy: h.rand([2, 2, 3], {seed: s++})}},
    {id: 'grad/prelu/scalar_alpha', op: 'prelu', kind: 'grad', args: [h.gradInput(0), h.gradInput(1)],
      grad: {mode: 'grads', xs: [h.rand([5], {seed: s++}), h.rand([], {seed: s++, min: 0, max: 1})]}},
    {id: 'grad/clipByValue/main', op: 'clipByValue', kind: 'grad', args: [h.gradInput(0), -1, 1.5],
      grad: {mode: 'grad', xs: [h.rand([2, 5], {seed: s++})], dy: h.rand([2, 5], {seed: s++})}},
    {id: 'grad/clipByValue/at_bounds', op: 'clipByValue', kind: 'grad', args: [h.gradInput(0), -1, 1],
      grad: {mode: 'grad', xs: [h.vals('float32', [5], [-1, 1, 0, -2, 2])]}},
    {id: 'grad/relu/at_zero', op: 'relu', kind: 'grad', args: [h.gradInput(0)],
      grad: {mode: 'grad', xs: [h.vals('float32', [3], [0, -1, 1])]}},
    {id: 'grad/abs/at_zero', op: 'abs', kind: 'grad', args: [h.gradInput(0)],
      grad: {mode: 'grad', xs: [h.vals('float32', [3], [0, -1, 1])]}},
    {id: 'grad/relu6/at_bounds', op: 'relu6', kind: 'grad', args: [h.gradInput(0)],
      grad: {mode: 'grad', xs: [h.vals('float32', [4], [0, 6, 3, 7])]}},
  );
  return cases;
};
