// Golden cases for pytfjs/ops/string.py (tf.string: stringNGrams, stringSplit,
// stringToHashBucketFast, staticRegexReplace). None is differentiable.
module.exports = (h) => {
  const S = (shape, flat) => h.vals('string', shape, flat);
  const I = (shape, flat) => h.vals('int32', shape, flat);
  const toks = S([6], ['a', 'b', 'c', 'd', 'e', 'f']);
  const ng = (id, splits, sep, widths, lp, rp, pw, pss, data = toks) => ({
    id: `string.stringNGrams/${id}`, op: 'string.stringNGrams', args: [data, splits, sep, widths, lp, rp, pw, pss]});
  const hashIn = S([12], ['', 'a', 'ab', 'abc', 'hello', 'Hello world! 12', 'seventeen chars!!',
    'x'.repeat(33), 'y'.repeat(64), 'z'.repeat(65), 'The quick brown fox jumps over the lazy dog, again and again and again and again!',
    'é日本語 ünïcödé']);
  return [
    // stringNGrams
    ng('dynamic_pad', I([3], [0, 4, 6]), '|', [1, 3], 'LP', 'RP', -1, false),
    ng('fixed_pad_preserve', I([3], [0, 1, 6]), '|', [4], 'LP', 'RP', 1, true),
    ng('no_pad', I([3], [0, 4, 6]), ' ', [2], '<', '>', 0, false),
    ng('short_dropped', I([3], [0, 1, 6]), ' ', [3], '<', '>', 0, false),
    ng('short_preserved', I([3], [0, 1, 6]), ' ', [3], '<', '>', 0, true),
    ng('empty_row', I([4], [0, 0, 3, 6]), '-', [2], 'L', 'R', 1, true),
    ng('pad_only_rows', I([3], [0, 0, 6]), '-', [3], 'L', 'R', 2, false),
    ng('many_widths', I([2], [0, 6]), '', [1, 2, 3, 6, 7], '', '', 0, false),
    ng('wide_pad_capped', I([2], [0, 6]), '_', [2], 'P', 'Q', 5, false),
    ng('empty_data', I([2], [0, 0]), ' ', [2], '<', '>', 0, true, S([0], [])),
    ng('unicode', I([2], [0, 3]), '·', [2], '«', '»', 1, false, S([3], ['日本', 'é', 'x'])),
    {id: 'string.stringNGrams/bad_first_split', op: 'string.stringNGrams',
     args: [toks, I([2], [1, 6]), ' ', [2], '', '', 0, false], expect_error: true},
    {id: 'string.stringNGrams/bad_last_split', op: 'string.stringNGrams',
     args: [toks, I([2], [0, 5]), ' ', [2], '', '', 0, false], expect_error: true},
    {id: 'string.stringNGrams/float_splits', op: 'string.stringNGrams',
     args: [toks, h.vals('float32', [2], [0, 6]), ' ', [2], '', '', 0, false], expect_error: true},
    {id: 'string.stringNGrams/matrix_data', op: 'string.stringNGrams',
     args: [S([2, 1], ['a', 'b']), I([2], [0, 2]), ' ', [2], '', '', 0, false], expect_error: true},

    // stringSplit
    {id: 'string.stringSplit/space', op: 'string.stringSplit', args: [S([4], ['hello world', 'a  b c', '', 'x'])," "]},
    {id: 'string.stringSplit/keep_empty', op: 'string.stringSplit', args: [S([4], ['hello world', 'a  b c', '', ' x ']), ' ', false]},
    {id: 'string.stringSplit/multi_delim', op: 'string.stringSplit', args: [S([2], ['a,b;c', ';;d,'], ), ',;']},
    {id: 'string.stringSplit/multi_delim_keep', op: 'string.stringSplit', args: [S([2], ['a,b;c', ';;d,']), ',;', false]},
    {id: 'string.stringSplit/empty_delim', op: 'string.stringSplit', args: [S([2], ['abc', 'de']), '']},
    {id: 'string.stringSplit/empty_delim_unicode', op: 'string.stringSplit', args: [S([2], ['héllo', 'ab']), '']},
    {id: 'string.stringSplit/multibyte_delim', op: 'string.stringSplit', args: [S([2], ['aébc', 'xé']), 'é']},
    {id: 'string.stringSplit/word_delim', op: 'string.stringSplit', args: [S([1], ['oneANDtwoDNAthree']), 'AND']},
    {id: 'string.stringSplit/tensor_delim', op: 'string.stringSplit', args: [S([2], ['a/b', 'c']), S([], ['/'])]},
    {id: 'string.stringSplit/empty_input', op: 'string.stringSplit', args: [S([0], []), ' ']},
    {id: 'string.stringSplit/all_empty', op: 'string.stringSplit', args: [S([3], ['', ' ', '  ']), ' ']},
    {id: 'string.stringSplit/tensorlike', op: 'string.stringSplit', args: [h.tensorlike(['p q', 'r'], 'str'), ' ']},
    {id: 'string.stringSplit/matrix_input', op: 'string.stringSplit', args: [S([1, 1], ['a b']), ' '], expect_error: true},
    {id: 'string.stringSplit/vector_delim', op: 'string.stringSplit', args: [S([1], ['a b']), S([1], [' '])], expect_error: true},

    // stringToHashBucketFast
    {id: 'string.stringToHashBucketFast/lengths', op: 'string.stringToHashBucketFast', args: [hashIn, 1000000007]},
    {id: 'string.stringToHashBucketFast/lengths_big', op: 'string.stringToHashBucketFast', args: [hashIn, 2147483647]},
    {id: 'string.stringToHashBucketFast/three', op: 'string.stringToHashBucketFast', args: [S([3], ['Hello', 'TensorFlow', '2.x']), 3]},
    {id: 'string.stringToHashBucketFast/one_bucket', op: 'string.stringToHashBucketFast', args: [S([2], ['a', 'b']), 1]},
    {id: 'string.stringToHashBucketFast/matrix', op: 'string.stringToHashBucketFast', args: [S([2, 2], ['a', 'b', 'c', 'd']), 10]},
    {id: 'string.stringToHashBucketFast/scalar', op: 'string.stringToHashBucketFast', args: [S([], ['scalar']), 100]},
    {id: 'string.stringToHashBucketFast/empty', op: 'string.stringToHashBucketFast', args: [S([0], []), 5]},
    {id: 'string.stringToHashBucketFast/long_loops', op: 'string.stringToHashBucketFast',
     args: [S([3], ['q'.repeat(128), 'r'.repeat(129), 'abcdefghij'.repeat(20)]), 65536]},
    {id: 'string.stringToHashBucketFast/zero_buckets', op: 'string.stringToHashBucketFast', args: [S([1], ['a']), 0], expect_error: true},

    // staticRegexReplace
    {id: 'string.staticRegexReplace/simple', op: 'string.staticRegexReplace', args: [S([3], ['aXbXc', 'XX', '']), 'X', '-']},
    {id: 'string.staticRegexReplace/first_only', op: 'string.staticRegexReplace', args: [S([2], ['aXbXc', 'XX']), 'X', '-', false]},
    {id: 'string.staticRegexReplace/groups', op: 'string.staticRegexReplace', args: [S([2], ['john smith', 'ada lovelace']), '(\\w+)\\s(\\w+)', '$2, $1']},
    {id: 'string.staticRegexReplace/specials', op: 'string.staticRegexReplace', args: [S([1], ['aXbXc']), 'X', '[$&|$`|$\'|$$|$0|$9]']},
    {id: 'string.staticRegexReplace/backslash_literal', op: 'string.staticRegexReplace', args: [S([1], ['aXbXc']), '(X)(b)', '<$2$1\\1>', false]},
    {id: 'string.staticRegexReplace/empty_matches', op: 'string.staticRegexReplace', args: [S([2, 2], ['ab', 'a', '', 'bbb']), 'b*', '-']},
    {id: 'string.staticRegexReplace/anchors', op: 'string.staticRegexReplace', args: [S([2], ['abc\n', 'abc']), '^a|c$', '#']},
    {id: 'string.staticRegexReplace/classes', op: 'string.staticRegexReplace', args: [S([1], ['a1 b22\tc٣ é']), '[\\d]+|\\s', '_']},
    {id: 'string.staticRegexReplace/named', op: 'string.staticRegexReplace', args: [S([1], ['2024-05-17']), '(?<y>\\d{4})-(?<m>\\d\\d)-(?<d>\\d\\d)', '$<d>/$<m>/$<y>']},
    {id: 'string.staticRegexReplace/unicode', op: 'string.staticRegexReplace', args: [S([1], ['naïve café']), '[éï]', '?']},
    {id: 'string.staticRegexReplace/scalar', op: 'string.staticRegexReplace', args: [S([], ['Hello']), 'l+', 'L']},
    {id: 'string.staticRegexReplace/empty_tensor', op: 'string.staticRegexReplace', args: [S([0], []), 'a', 'b']},
    {id: 'string.staticRegexReplace/lookaround', op: 'string.staticRegexReplace', args: [S([1], ['price: 100 USD, 200 EUR']), '\\d+(?= USD)', 'N']},
  ];
};
