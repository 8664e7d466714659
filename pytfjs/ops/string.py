"""Ops: string (``tf.string``): n-grams of ragged string data, splitting, hashing into buckets
and regular-expression replacement. None is differentiable.

Semantics are TF.js 4.22's cpu backend, which ports TensorFlow's kernels and, like TensorFlow,
works on the UTF-8 bytes of each string: ``string_split`` with an empty delimiter splits into
bytes (a multi-byte character becomes U+FFFD replacement characters), a delimiter of several
bytes splits at each of its bytes, and ``string_to_hash_bucket_fast`` is
``Fingerprint64(utf8(s)) mod num_buckets`` (farmhash, bit-exact with TF.js and TensorFlow).

``static_regex_replace`` follows TF.js, which runs the pattern as a JavaScript ``RegExp`` and
the rewrite as a ``String.prototype.replace`` pattern (``$1``, ``$&``, ``$<name>``, ``$$``) —
not TensorFlow's RE2 with ``\\1`` rewrites. The pattern is translated for Python's ``re``:
``(?<name>...)``/``\\k<name>`` are accepted, ``$`` matches only at the end of the input,
``\\d``/``\\w``/``\\b`` are ASCII-only and ``\\s`` is JavaScript's whitespace set, as in JS.
Remaining differences from JS: ``.`` also matches ``\\r``, U+2028 and U+2029 (JS excludes them);
after an empty match a global replace advances one code point (JS: one UTF-16 code unit, which
differs only around characters outside the BMP); JS-only syntax such as ``\\cX`` and ``\\u{...}``
is not supported; Python-only syntax (possessive quantifiers, ``(?P<...>)``) is accepted.

Deliberate differences from TF.js: ``string_n_grams`` with empty ``data_splits`` returns no
n-grams (TF.js returns an array of ``data.size`` undefined values), and its list arguments are
checked up front.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ..core.opdef import op, run, to_tensor
from ..core.shapes import ShapeError
from ..core.tensor import Tensor

__all__: list[str] = []   # every op here lives in the tf.string namespace


class StringNGramsResult(NamedTuple):
    """The result of :func:`string_n_grams`."""
    n_grams: Tensor
    n_grams_splits: Tensor


class StringSplitResult(NamedTuple):
    """The result of :func:`string_split`: a sparse ``[batch, max_tokens]`` string tensor."""
    indices: Tensor
    values: Tensor
    shape: Tensor


def _string_tensor(x: Any, arg: str, op_name: str) -> Tensor:
    t = to_tensor(x, arg, op_name, dtype="string")
    if t.dtype != "string":
        raise TypeError(f"Argument '{arg}' passed to '{op_name}' must be string tensor, but got "
                        f"{t.dtype} tensor")
    return t


def _str(v: Any, arg: str, op_name: str) -> str:
    if not isinstance(v, str):
        raise TypeError(f"'{op_name}': {arg} must be a str, got {type(v).__name__}")
    return v


def _bool(v: Any, arg: str, op_name: str) -> bool:
    if not isinstance(v, bool):
        raise TypeError(f"'{op_name}': {arg} must be a bool, got {v!r}")
    return v


def _int(v: Any, arg: str, op_name: str) -> int:
    if isinstance(v, bool) or not hasattr(v, "__index__"):
        raise TypeError(f"'{op_name}': {arg} must be an int, got {v!r}")
    return int(v.__index__())


@op("StringNGrams", tf_ops=("StringNGrams",), namespace="string",
    dtype="string n-grams, int32 splits", differentiable=False, method=False)
def string_n_grams(data: Any, data_splits: Any, separator: str, n_gram_widths: Sequence[int],
                   left_pad: str, right_pad: str, pad_width: int,
                   preserve_short_sequences: bool) -> StringNGramsResult:
    """Creates n-grams from ragged string data (rows given by ``data_splits``). Returns
    ``(n_grams, n_grams_splits)``: the n-grams of every row, one row after the other, and the
    row splits of that ragged result.

    Args:
        data: a string vector, the tokens of all rows.
        data_splits: int32 row splits into ``data`` (0 first, ``data.size`` last,
            non-decreasing).
        separator: joins the tokens of an n-gram.
        n_gram_widths: the n-gram widths to create (each >= 1).
        left_pad, right_pad: the padding tokens for the start and end of each row.
        pad_width: the number of padding tokens per side (capped at width - 1); -1 pads each
            n-gram width with width - 1 tokens.
        preserve_short_sequences: a row too short for any n-gram gives one n-gram of the whole
            row (with padding).

    >>> import pytfjs as tf
    >>> r = tf.string.string_n_grams(['a', 'b', 'c', 'd'], tf.tensor([0, 3, 4], dtype='int32'),
    ...                              '|', [2], 'L', 'R', 1, False)
    >>> r.n_grams.to_list(), r.n_grams_splits.to_list()
    (['L|a', 'a|b', 'b|c', 'c|R', 'L|d', 'd|R'], [0, 4, 6])
    >>> tf.dispose(list(r))
    """
    name = "string_n_grams"
    d = _string_tensor(data, "data", name)
    if d.rank != 1:
        raise ShapeError(f"'{name}': data must be a vector, got shape {list(d.shape)}")
    sp = to_tensor(data_splits, "data_splits", name)   # TF.js: no conversion, int32 required
    if sp.dtype != "int32":
        raise TypeError(f"Argument 'data_splits' passed to '{name}' must be int32 tensor, but "
                        f"got {sp.dtype} tensor")
    if sp.rank != 1:
        raise ShapeError(f"'{name}': data_splits must be a vector, got shape {list(sp.shape)}")
    if isinstance(n_gram_widths, (str, bytes)) or not isinstance(n_gram_widths, (list, tuple)):
        raise TypeError(f"'{name}': n_gram_widths must be a list of ints, got {n_gram_widths!r}")
    widths = tuple(_int(w, f"n_gram_widths[{i}]", name) for i, w in enumerate(n_gram_widths))
    if any(w < 1 for w in widths):
        raise ValueError(f"'{name}': every n-gram width must be >= 1, got {list(widths)}")
    pad = _int(pad_width, "pad_width", name)
    preserve = _bool(preserve_short_sequences, "preserve_short_sequences", name)
    return StringNGramsResult(*run(
        "StringNGrams", d, sp, separator=_str(separator, "separator", name),
        n_gram_widths=widths, left_pad=_str(left_pad, "left_pad", name),
        right_pad=_str(right_pad, "right_pad", name), pad_width=pad,
        preserve_short_sequences=preserve))


@op("StringSplit", tf_ops=("StringSplit",), namespace="string",
    dtype="int32 indices, string values, int32 shape", differentiable=False, method=False)
def string_split(input: Any, delimiter: Any,
                 skip_empty: bool = True) -> StringSplitResult:
    """Splits each string of a vector at ``delimiter`` into a sparse ``[batch, max_tokens]``
    string tensor ``(indices, values, shape)``. Every byte of ``delimiter`` is a delimiter of
    its own; an empty delimiter splits into single bytes.

    Args:
        input: a string vector.
        delimiter: a string scalar (a ``str`` or a string tensor of rank 0).
        skip_empty: drop empty tokens.

    >>> import pytfjs as tf
    >>> r = tf.string.string_split(['a b', 'c  d e', ''], ' ')
    >>> r.indices.to_list()
    [[0, 0], [0, 1], [1, 0], [1, 1], [1, 2]]
    >>> r.values.to_list(), r.shape.to_list()
    (['a', 'b', 'c', 'd', 'e'], [3, 3])
    >>> tf.dispose(list(r))
    """
    name = "string_split"
    x = _string_tensor(input, "input", name)
    d = _string_tensor(delimiter, "delimiter", name)
    if x.rank != 1:
        raise ShapeError(f"'{name}': input must be a vector, got shape {list(x.shape)}")
    if d.rank != 0:
        raise ShapeError(f"'{name}': delimiter must be a scalar, got shape {list(d.shape)}")
    return StringSplitResult(*run("StringSplit", x, d,
                                  skip_empty=_bool(skip_empty, "skip_empty", name)))


@op("StringToHashBucketFast", tf_ops=("StringToHashBucketFast",), namespace="string",
    dtype="int32", differentiable=False, method=False)
def string_to_hash_bucket_fast(input: Any, num_buckets: int) -> Tensor:
    """Hashes each string into one of ``num_buckets`` buckets:
    ``Fingerprint64(utf8(s)) mod num_buckets`` (TensorFlow's farmhash fingerprint), so the
    buckets match TF.js and TensorFlow exactly. The output has the input's shape.

    Args:
        input: a string tensor of any shape.
        num_buckets: the number of buckets (>= 1).

    >>> import pytfjs as tf
    >>> tf.string.string_to_hash_bucket_fast(['Hello', 'TensorFlow', '2.x'], 3).to_list()
    [0, 2, 2]
    """
    name = "string_to_hash_bucket_fast"
    x = _string_tensor(input, "input", name)
    n = _int(num_buckets, "num_buckets", name)
    if n < 1:
        raise ValueError(f"'{name}': num_buckets must be at least 1, got {n}")
    return run("StringToHashBucketFast", x, num_buckets=n)


@op("StaticRegexReplace", tf_ops=("StaticRegexReplace",), namespace="string",
    dtype="string", differentiable=False, method=False)
def static_regex_replace(input: Any, pattern: str, rewrite: str,
                         replace_global: bool = True) -> Tensor:
    """Replaces the matches of a regular expression in each string (TF.js semantics: a
    JavaScript ``RegExp`` pattern and a ``String.prototype.replace`` rewrite; see the module
    docstring for the few differences of Python's ``re``).

    Args:
        input: a string tensor of any shape.
        pattern: the regular expression.
        rewrite: the replacement; ``$1``..``$99``, ``$<name>``, ``$&``, ``$``` ``, ``$'`` and
            ``$$`` are expanded as in JavaScript.
        replace_global: replace every match (True) or only the first.

    >>> import pytfjs as tf
    >>> tf.string.static_regex_replace(['a1b22', 'x'], '([0-9]+)', '<$1>').to_list()
    ['a<1>b<22>', 'x']
    >>> tf.string.static_regex_replace(['aaa'], 'a', 'b', False).to_list()
    ['baa']
    """
    name = "static_regex_replace"
    x = _string_tensor(input, "input", name)
    pattern = _str(pattern, "pattern", name)
    from ..backends.python.string import js_regex
    try:
        js_regex(pattern)
    except Exception as e:  # noqa: BLE001 - re.error and friends
        raise ValueError(f"'{name}': invalid pattern {pattern!r}: {e}") from None
    return run("StaticRegexReplace", x, pattern=pattern, rewrite=_str(rewrite, "rewrite", name),
               replace_global=_bool(replace_global, "replace_global", name))
