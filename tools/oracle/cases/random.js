// Golden cases for pytfjs/ops/random.py.  Values are not compared (different generators): only the
// shape, the dtype and the properties listed in `compare`.
module.exports = (h) => {
  const sd = (extra) => ({mode: 'shape_dtype', ...extra});
  return [
    {id: 'randomUniform/default', op: 'randomUniform', args: [[2, 4]], compare: sd({min: 0, max: 1, finite: true})},
    {id: 'randomUniform/range', op: 'randomUniform', args: [[6], -2, 3, 'float32', 17], compare: sd({min: -2, max: 3})},
    {id: 'randomUniform/float_bounds', op: 'randomUniform', args: [[3, 2], h.float(0.5), h.float(0.75)], compare: sd({min: 0.5, max: 0.75})},
    {id: 'randomUniform/int32', op: 'randomUniform', args: [[10], 0, 5, 'int32', 3], compare: sd({min: 0, max: 5, integer: true})},
    {id: 'randomUniform/bool', op: 'randomUniform', args: [[5], 0, 1, 'bool', 4], compare: sd({min: 0, max: 1})},
    {id: 'randomUniform/scalar', op: 'randomUniform', args: [[]], compare: sd({min: 0, max: 1})},
    {id: 'randomUniform/empty', op: 'randomUniform', args: [[0, 3]], compare: sd()},
    {id: 'randomUniform/string_seed', op: 'randomUniform', args: [[4], 0, 1, 'float32', 'abc'], compare: sd({min: 0, max: 1})},
    {id: 'randomNormal/default', op: 'randomNormal', args: [[3, 4]], compare: sd({finite: true})},
    {id: 'randomNormal/mean_std', op: 'randomNormal', args: [[50], 10, 0.5, 'float32', 5], compare: sd({finite: true, min: 5, max: 15})},
    {id: 'randomNormal/int32', op: 'randomNormal', args: [[8], 0, 3, 'int32', 2], compare: sd({integer: true})},
    {id: 'randomNormal/scalar', op: 'randomNormal', args: [[]], compare: sd({finite: true})},
    {id: 'randomNormal/empty', op: 'randomNormal', args: [[2, 0]], compare: sd()},
    {id: 'randomNormal/bool', op: 'randomNormal', args: [[2], 0, 1, 'bool'], expect_error: true},
    {id: 'truncatedNormal/default', op: 'truncatedNormal', args: [[4, 5]], compare: sd({min: -2, max: 2})},
    {id: 'truncatedNormal/mean_std', op: 'truncatedNormal', args: [[40], 3, 0.5, 'float32', 9], compare: sd({min: 2, max: 4})},
    {id: 'truncatedNormal/int32', op: 'truncatedNormal', args: [[8], 0, 4, 'int32', 1], compare: sd({min: -8, max: 8, integer: true})},
    {id: 'truncatedNormal/empty', op: 'truncatedNormal', args: [[0]], compare: sd()},
    {id: 'truncatedNormal/bool', op: 'truncatedNormal', args: [[2], 0, 1, 'bool'], expect_error: true},
    {id: 'randomStandardNormal/default', op: 'randomStandardNormal', args: [[3, 3]], compare: sd({finite: true})},
    {id: 'randomStandardNormal/seed', op: 'randomStandardNormal', args: [[20], 'float32', 11], compare: sd({finite: true})},
    {id: 'randomStandardNormal/int32', op: 'randomStandardNormal', args: [[6], 'int32', 11], compare: sd({integer: true})},
    {id: 'randomStandardNormal/empty', op: 'randomStandardNormal', args: [[0, 1]], compare: sd()},
    {id: 'randomUniformInt/main', op: 'randomUniformInt', args: [[3, 4], 0, 10], compare: sd({min: 0, max: 9, integer: true})},
    {id: 'randomUniformInt/neg', op: 'randomUniformInt', args: [[20], -5, 5, 7], compare: sd({min: -5, max: 4, integer: true})},
    {id: 'randomUniformInt/one_value', op: 'randomUniformInt', args: [[5], 3, 4, 7], compare: sd({min: 3, max: 3, integer: true})},
    {id: 'randomUniformInt/empty', op: 'randomUniformInt', args: [[0], 0, 3], compare: sd()},
  ];
};
