"""tf.string ops: values from TF.js 4.22 (cpu), byte semantics, JS regex semantics, checks."""
from __future__ import annotations

import pytest


def test_string_n_grams(tf):
    r = tf.string.string_n_grams(["a", "b", "c", "d", "e", "f"], tf.tensor([0, 4, 6], dtype="int32"),
                                 "|", [1, 3], "LP", "RP", -1, False)
    assert r.n_grams.to_list() == ["a", "b", "c", "d", "LP|LP|a", "LP|a|b", "a|b|c", "b|c|d",
                                   "c|d|RP", "d|RP|RP", "e", "f", "LP|LP|e", "LP|e|f", "e|f|RP",
                                   "f|RP|RP"]
    assert r.n_grams_splits.to_list() == [0, 10, 16]
    tf.dispose(list(r))
    r = tf.string.string_n_grams(["a", "b", "c", "d", "e", "f"], tf.tensor([0, 1, 6], dtype="int32"),
                                 "|", [4], "LP", "RP", 1, True)
    assert r.n_grams.to_list() == ["LP|a|RP", "LP|b|c|d", "b|c|d|e", "c|d|e|f", "d|e|f|RP"]
    tf.dispose(list(r))
    r = tf.string.string_n_grams(tf.tensor([], dtype="string"), tf.tensor([0, 0], dtype="int32"),
                                 " ", [2], "<", ">", 0, True)
    assert r.n_grams.shape == (0,) and r.n_grams_splits.to_list() == [0, 0]
    tf.dispose(list(r))


def test_string_n_grams_errors(tf):
    with pytest.raises(ValueError, match="first split"):
        tf.string.string_n_grams(["a"], tf.tensor([1, 1], dtype="int32"), " ", [2], "", "", 0, False)
    with pytest.raises(TypeError, match="int32"):
        tf.string.string_n_grams(["a"], tf.tensor([0.0, 1.0]), " ", [2], "", "", 0, False)
    with pytest.raises(ValueError, match=">= 1"):
        tf.string.string_n_grams(["a"], tf.tensor([0, 1], dtype="int32"), " ", [0], "", "", 0, False)


def test_string_split(tf):
    r = tf.string.string_split(["hello world", "a  b c", "", "x"], " ")
    assert r.indices.to_list() == [[0, 0], [0, 1], [1, 0], [1, 1], [1, 2], [3, 0]]
    assert r.values.to_list() == ["hello", "world", "a", "b", "c", "x"]
    assert r.shape.to_list() == [4, 3]
    tf.dispose(list(r))
    r = tf.string.string_split(["a,b;c", ";;d,"], ",;", False)
    assert r.values.to_list() == ["a", "b", "c", "", "", "d", ""]
    tf.dispose(list(r))


def test_string_split_is_byte_wise(tf):
    r = tf.string.string_split(["héllo", "ab"], "")
    assert r.values.to_list() == ["h", "\ufffd", "\ufffd", "l", "l", "o", "a", "b"]
    assert r.shape.to_list() == [2, 6]
    tf.dispose(list(r))
    r = tf.string.string_split(tf.tensor([], dtype="string"), " ")
    assert r.indices.shape == (0, 2) and r.shape.to_list() == [0, 0]
    tf.dispose(list(r))


def test_string_split_errors(tf):
    with pytest.raises(ValueError, match="vector"):
        tf.string.string_split([["a b"]], " ")
    with pytest.raises(ValueError, match="scalar"):
        tf.string.string_split(["a b"], [" "])
    with pytest.raises(TypeError, match="string"):
        tf.string.string_split(tf.tensor([1.0]), " ")


def test_hash_bucket_matches_tfjs(tf):
    # TF.js 4.22: every length class of farmhash Fingerprint64 (0-16, 17-32, 33-64, > 64)
    words = ["", "a", "hello", "Hello world! 12", "seventeen chars!!", "x" * 40, "y" * 64,
             "z" * 65, "The quick brown fox jumps over the lazy dog, again and again and again!",
             "é日本"]
    got = tf.string.string_to_hash_bucket_fast(words, 1000000007)
    assert got.dtype == "int32"
    assert got.to_list() == [912170738, 384735799, 359589692, 628702054, 763595265, 29812075,
                             823410248, 663309842, 377667916, 517958203]
    m = tf.string.string_to_hash_bucket_fast([["a", "b"], ["c", "d"]], 3)
    assert m.shape == (2, 2) and m.to_list() == [[0, 1], [1, 2]]
    with pytest.raises(ValueError, match="at least 1"):
        tf.string.string_to_hash_bucket_fast(["a"], 0)
    tf.dispose([got, m])


def test_static_regex_replace_js_semantics(tf):
    f = tf.string.static_regex_replace
    assert f(["aXbXc", "XX", ""], "X", "$&-$$").to_list() == ["aX-$bX-$c", "X-$X-$", ""]
    assert f(["aXbXc"], "(X)(b)", "<$2$1\\1>", False).to_list() == ["a<bX\\1>Xc"]
    assert f([["ab", "a"], ["", "bbb"]], "b*", "-").to_list() == [["-a--", "-a-"], ["-", "--"]]
    assert f(["abc\n"], "c$", "#").to_list() == ["abc\n"]          # JS $: end of input only
    assert f(["a1 b٣"], "\\d", "_").to_list() == ["a_ b٣"]          # JS \d is ASCII
    assert f(["2024-05-17"], "(?<y>\\d{4})-(?<m>\\d\\d)-(?<d>\\d\\d)",
             "$<d>/$<m>/$<y>").to_list() == ["17/05/2024"]
    assert f(["a\u00a0b"], "\\s", "_").to_list() == ["a_b"]         # JS \s includes NBSP
    assert f(["aXb"], "X", "[$`|$']").to_list() == ["a[a|b]b"]
    with pytest.raises(ValueError, match="invalid pattern"):
        f(["a"], "(", "b")
