"""Python kernels: string (StringNGrams, StringSplit, StringToHashBucketFast,
StaticRegexReplace).

The algorithms work on lists of ``str`` and are shared with the xp backends (string tensors are
object arrays there; NumPy has no vectorised string kernels worth the name). As in TF.js, whose
strings are UTF-8 bytes, splitting and hashing work on the UTF-8 encoding; a token that cuts a
multi-byte character decodes with U+FFFD replacement characters, as TF.js's ``TextDecoder``
does.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from ._util import PyArray, new

_M64 = (1 << 64) - 1
_K0 = 0xc3a5c85c97cb3127
_K1 = 0xb492b66fbe98f273
_K2 = 0x9ae16a3b2f90404f
_KMUL = 0x9ddfea08eb382d69


# ------------------------------------------------------------------ n-grams
def string_n_grams(data: Sequence[str], splits: Sequence[int], separator: str,
                   widths: Sequence[int], left_pad: str, right_pad: str, pad_width: int,
                   preserve_short: bool) -> tuple[list[str], list[int]]:
    """TensorFlow's StringNGrams on one ragged batch: returns (n-grams, their row splits)."""
    n = len(data)
    if splits:
        if splits[0] != 0:
            raise ValueError(f"'string_n_grams': the first split value must be 0, got "
                             f"{splits[0]}")
        prev = 0
        for s in splits[1:]:
            if s < prev or s > n:
                raise ValueError(f"'string_n_grams': invalid split value {s}, must be in "
                                 f"[{prev}, {n}]")
            prev = s
        if prev != n:
            raise ValueError(f"'string_n_grams': the last split value must be the data size "
                             f"{n}, got {prev}")
    if n == 0 or not splits:
        return [], [0] * len(splits)

    def pad_of(width: int) -> int:
        return min(width - 1 if pad_width < 0 else pad_width, width - 1)

    def count(length: int, width: int) -> int:
        return max(0, length + 2 * pad_of(width) - width + 1)

    def make(start: int, num: int, width: int, pad: int, out: list[str]) -> None:
        for g in range(num):
            lp = max(0, pad - g)
            rp = max(0, pad - (num - (g + 1)))
            ntok = width - (lp + rp)
            first = start + (0 if lp > 0 else g - pad)
            out.append(separator.join([left_pad] * lp + list(data[first:first + ntok]) +
                                      [right_pad] * rp))

    out: list[str] = []
    out_splits = [0]
    for b in range(len(splits) - 1):
        start, length = splits[b], splits[b + 1] - splits[b]
        before = len(out)
        for w in widths:
            make(start, count(length, w), w, pad_of(w), out)
        if preserve_short and len(out) == before and length > 0:
            width = length + 2 * pad_width
            make(start, 1, width, pad_of(width), out)
        out_splits.append(len(out))
    return out, out_splits


# ------------------------------------------------------------------ split
def _decode(b: bytes) -> str:
    return b.decode("utf-8", "replace")


def string_split(values: Sequence[str], delimiter: str,
                 skip_empty: bool) -> tuple[list[list[int]], list[str], list[int]]:
    """TensorFlow's StringSplit (byte-wise, as TF.js): returns (indices, tokens, shape)."""
    delims = delimiter.encode("utf-8")
    indices: list[list[int]] = []
    tokens: list[str] = []
    widest = 0
    for row, s in enumerate(values):
        raw = s.encode("utf-8")
        if not raw:
            parts: list[bytes] = []
        elif not delims:
            parts = [raw[i:i + 1] for i in range(len(raw))]
        elif len(delims) == 1:
            parts = raw.split(delims)
        else:
            parts = re.split(b"[" + re.escape(delims) + b"]", raw)
        if skip_empty:
            parts = [p for p in parts if p]
        for j, p in enumerate(parts):
            indices.append([row, j])
            tokens.append(_decode(p))
        widest = max(widest, len(parts))
    return indices, tokens, [len(values), widest]


# ------------------------------------------------------------------ farmhash Fingerprint64
def _fetch(s: bytes, i: int, n: int = 8) -> int:
    return int.from_bytes(s[i:i + n], "little")


def _rot(v: int, r: int) -> int:
    return v if r == 0 else ((v >> r) | (v << (64 - r))) & _M64


def _shift_mix(v: int) -> int:
    return v ^ (v >> 47)


def _hash16(u: int, v: int, mul: int = _KMUL) -> int:
    a = ((u ^ v) * mul) & _M64
    a ^= a >> 47
    b = ((v ^ a) * mul) & _M64
    b ^= b >> 47
    return (b * mul) & _M64


def _weak32(s: bytes, i: int, a: int, b: int) -> tuple[int, int]:
    w, x, y, z = _fetch(s, i), _fetch(s, i + 8), _fetch(s, i + 16), _fetch(s, i + 24)
    a = (a + w) & _M64
    b = _rot((b + a + z) & _M64, 21)
    c = a
    a = (a + x + y) & _M64
    b = (b + _rot(a, 44)) & _M64
    return (a + z) & _M64, (b + c) & _M64


def _len0to16(s: bytes) -> int:
    n = len(s)
    if n >= 8:
        mul = _K2 + n * 2
        a = (_fetch(s, 0) + _K2) & _M64
        b = _fetch(s, n - 8)
        c = (_rot(b, 37) * mul + a) & _M64
        d = ((_rot(a, 25) + b) * mul) & _M64
        return _hash16(c, d, mul)
    if n >= 4:
        mul = _K2 + n * 2
        a = _fetch(s, 0, 4)
        return _hash16(n + (a << 3), _fetch(s, n - 4, 4), mul)
    if n > 0:
        y = s[0] + (s[n >> 1] << 8)
        z = n + (s[n - 1] << 2)
        return (_shift_mix((y * _K2) & _M64 ^ (z * _K0) & _M64) * _K2) & _M64
    return _K2


def _len17to32(s: bytes) -> int:
    n = len(s)
    mul = _K2 + n * 2
    a = (_fetch(s, 0) * _K1) & _M64
    b = _fetch(s, 8)
    c = (_fetch(s, n - 8) * mul) & _M64
    d = (_fetch(s, n - 16) * _K2) & _M64
    return _hash16((_rot((a + b) & _M64, 43) + _rot(c, 30) + d) & _M64,
                   (a + _rot((b + _K2) & _M64, 18) + c) & _M64, mul)


def _len33to64(s: bytes) -> int:
    n = len(s)
    mul = _K2 + n * 2
    a = (_fetch(s, 0) * _K2) & _M64
    b = _fetch(s, 8)
    c = (_fetch(s, n - 8) * mul) & _M64
    d = (_fetch(s, n - 16) * _K2) & _M64
    y = (_rot((a + b) & _M64, 43) + _rot(c, 30) + d) & _M64
    z = _hash16(y, (a + _rot((b + _K2) & _M64, 18) + c) & _M64, mul)
    e = (_fetch(s, 16) * mul) & _M64
    f = _fetch(s, 24)
    g = ((y + _fetch(s, n - 32)) * mul) & _M64
    h = ((z + _fetch(s, n - 24)) * mul) & _M64
    return _hash16((_rot((e + f) & _M64, 43) + _rot(g, 30) + h) & _M64,
                   (e + _rot((f + a) & _M64, 18) + g) & _M64, mul)


def fingerprint64(s: bytes) -> int:
    """farmhash ``Fingerprint64`` (TensorFlow's ``Fingerprint64``) of a byte string."""
    n = len(s)
    if n <= 16:
        return _len0to16(s)
    if n <= 32:
        return _len17to32(s)
    if n <= 64:
        return _len33to64(s)
    seed = 81
    x = seed
    y = (seed * _K1 + 113) & _M64
    z = (_shift_mix((y * _K2 + 113) & _M64) * _K2) & _M64
    v = (0, 0)
    w = (0, 0)
    x = (x * _K2 + _fetch(s, 0)) & _M64
    end = ((n - 1) >> 6) * 64
    last64 = end + ((n - 1) & 63) - 63
    off = 0
    while True:
        x = (_rot((x + y + v[0] + _fetch(s, off + 8)) & _M64, 37) * _K1) & _M64
        y = (_rot((y + v[1] + _fetch(s, off + 48)) & _M64, 42) * _K1) & _M64
        x ^= w[1]
        y = (y + v[0] + _fetch(s, off + 40)) & _M64
        z = (_rot((z + w[0]) & _M64, 33) * _K1) & _M64
        v = _weak32(s, off, (v[1] * _K1) & _M64, (x + w[0]) & _M64)
        w = _weak32(s, off + 32, (z + w[1]) & _M64, (y + _fetch(s, off + 16)) & _M64)
        z, x = x, z
        off += 64
        if off == end:
            break
    mul = _K1 + ((z & 0xff) << 1)
    off = last64
    w0 = (w[0] + ((n - 1) & 63)) & _M64
    v0 = (v[0] + w0) & _M64
    w0 = (w0 + v0) & _M64
    v = (v0, v[1])
    w = (w0, w[1])
    x = (_rot((x + y + v[0] + _fetch(s, off + 8)) & _M64, 37) * mul) & _M64
    y = (_rot((y + v[1] + _fetch(s, off + 48)) & _M64, 42) * mul) & _M64
    x ^= (w[1] * 9) & _M64
    y = (y + v[0] * 9 + _fetch(s, off + 40)) & _M64
    z = (_rot((z + w[0]) & _M64, 33) * mul) & _M64
    v = _weak32(s, off, (v[1] * mul) & _M64, (x + w[0]) & _M64)
    w = _weak32(s, off + 32, (z + w[1]) & _M64, (y + _fetch(s, off + 16)) & _M64)
    z, x = x, z
    return _hash16((_hash16(v[0], w[0], mul) + _shift_mix(y) * _K0 + z) & _M64,
                   (_hash16(v[1], w[1], mul) + x) & _M64, mul)


def hash_bucket(values: Sequence[str], num_buckets: int) -> list[int]:
    return [fingerprint64(s.encode("utf-8")) % num_buckets for s in values]


# ------------------------------------------------------------------ regex (JS RegExp semantics)
_JS_SPACE = ("\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f"
             "\\u3000\\ufeff")


@lru_cache(maxsize=256)
def js_regex(pattern: str) -> re.Pattern[str]:
    """Compiles a JavaScript ``RegExp`` source (as TF.js's kernel uses it) for Python's ``re``:
    ``(?<name>`` and ``\\k<name>`` become Python's named-group forms, ``$`` matches only at the
    very end, ``\\d``/``\\w``/``\\b`` are ASCII and ``\\s`` is JavaScript's whitespace set."""
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            e = pattern[i + 1]
            if e == "k" and pattern.startswith("<", i + 2) and not in_class:
                j = pattern.index(">", i + 3)
                out.append(f"(?P={pattern[i + 3:j]})")
                i = j + 1
                continue
            if e == "s":
                out.append(_JS_SPACE if in_class else f"[{_JS_SPACE}]")
            elif e == "S":
                out.append(f"[^{_JS_SPACE}]" if not in_class else "\\S")
            elif e == "d":
                out.append("0-9" if in_class else "[0-9]")
            elif e == "D":
                out.append("\\D")
            elif e == "/":
                out.append("/")
            else:
                out.append(c + e)
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            if pattern.startswith("[^]", i):
                out.append("(?s:.)")
                in_class = False
                i += 3
                continue
            out.append(c)
            if pattern.startswith("]", i + 1):   # JS: "[]" matches nothing
                out[-1] = "(?!)"
                in_class = False
                i += 2
                continue
        elif c == "$":
            out.append("\\Z")
        elif c == "(" and pattern.startswith("(?<", i) and not pattern.startswith(("(?<=", "(?<!"), i):
            out.append("(?P<")
            i += 3
            continue
        else:
            out.append(c)
        i += 1
    return re.compile("".join(out), re.ASCII)


def _js_rewrite(rewrite: str, rx: re.Pattern[str]) -> Callable[[re.Match[str]], str]:
    """A replacement function with JavaScript's ``String.prototype.replace`` patterns:
    ``$$``, ``$&``, ``$```, ``$'``, ``$1``..``$99`` and ``$<name>``."""
    ngroups, named = rx.groups, bool(rx.groupindex)
    parts: list[Any] = []   # str literals, ints (groups), "&", "`", "'" or ("name", n)
    i, n, lit = 0, len(rewrite), []
    while i < n:
        c = rewrite[i]
        if c == "$" and i + 1 < n:
            e = rewrite[i + 1]
            tok: Any = None
            step = 2
            if e == "$":
                lit.append("$")
                i += 2
                continue
            if e in "&`'":
                tok = e
            elif e.isdigit() and e.isascii():
                two = rewrite[i + 1:i + 3]
                if len(two) == 2 and two.isdigit() and two.isascii() and 1 <= int(two) <= ngroups:
                    tok, step = int(two), 3
                elif 1 <= int(e) <= ngroups:
                    tok = int(e)
            elif e == "<" and named:
                j = rewrite.find(">", i + 2)
                if j != -1:
                    tok, step = ("name", rewrite[i + 2:j]), j + 1 - i
            if tok is not None:
                if lit:
                    parts.append("".join(lit))
                    lit = []
                parts.append((tok,))
                i += step
                continue
        lit.append(c)
        i += 1
    if lit:
        parts.append("".join(lit))

    def repl(m: re.Match[str]) -> str:
        out = []
        for p in parts:
            if isinstance(p, str):
                out.append(p)
                continue
            t = p[0]
            if t == "&":
                out.append(m.group(0))
            elif t == "`":
                out.append(m.string[:m.start()])
            elif t == "'":
                out.append(m.string[m.end():])
            elif isinstance(t, int):
                out.append(m.group(t) or "")
            else:
                name = t[1]
                out.append((m.group(name) or "") if name in rx.groupindex else "")
        return "".join(out)
    return repl


def regex_replace(values: Sequence[str], pattern: str, rewrite: str,
                  replace_global: bool) -> list[str]:
    rx = js_regex(pattern)
    repl = _js_rewrite(rewrite, rx)
    count = 0 if replace_global else 1
    return [rx.sub(repl, s, count=count) for s in values]


# ------------------------------------------------------------------ kernels
def _n_grams(data: PyArray, splits: PyArray, **attrs: Any) -> tuple:
    grams, gsplits = string_n_grams(list(data.data), list(splits.data), attrs["separator"],
                                    attrs["n_gram_widths"], attrs["left_pad"],
                                    attrs["right_pad"], attrs["pad_width"],
                                    attrs["preserve_short_sequences"])
    return new("string", grams, (len(grams),)), new("int32", gsplits, splits.shape)


def _split(x: PyArray, delimiter: PyArray, *, skip_empty: bool) -> tuple:
    idx, toks, shape = string_split(list(x.data), delimiter.data[0], skip_empty)
    return (new("int32", [v for pair in idx for v in pair], (len(idx), 2)),
            new("string", toks, (len(toks),)), new("int32", shape, (2,)))


def _hash(x: PyArray, *, num_buckets: int) -> PyArray:
    return new("int32", hash_bucket(x.data, num_buckets), x.shape)


def _regex(x: PyArray, *, pattern: str, rewrite: str, replace_global: bool) -> PyArray:
    return new("string", regex_replace(x.data, pattern, rewrite, replace_global), x.shape)


def kernels() -> dict[str, Callable[..., Any]]:
    return {
        "StringNGrams": _n_grams,
        "StringSplit": _split,
        "StringToHashBucketFast": _hash,
        "StaticRegexReplace": _regex,
    }
