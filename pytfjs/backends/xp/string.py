"""xp kernels: string. String tensors are object arrays of ``str`` (host memory even on CuPy),
so these kernels run the shared algorithms of ``backends/python/string.py`` over the flat list
of values; the numeric outputs are built as arrays."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..python.string import hash_bucket, regex_replace, string_n_grams, string_split


def _strings(values: list[str], shape: tuple[int, ...]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out.reshape(shape)


def _flat(x: Any) -> list[str]:
    return np.asarray(x, dtype=object).ravel().tolist()


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def n_grams(data: Any, splits: Any, **attrs: Any) -> tuple:
        grams, gsplits = string_n_grams(
            _flat(data), [int(v) for v in splits.tolist()], attrs["separator"],
            attrs["n_gram_widths"], attrs["left_pad"], attrs["right_pad"], attrs["pad_width"],
            attrs["preserve_short_sequences"])
        return (_strings(grams, (len(grams),)),
                xp.asarray(gsplits, dtype=xp.int32).reshape(splits.shape))

    def split(x: Any, delimiter: Any, *, skip_empty: bool) -> tuple:
        idx, toks, shape = string_split(_flat(x), _flat(delimiter)[0], skip_empty)
        return (xp.asarray(idx, dtype=xp.int32).reshape(len(idx), 2),
                _strings(toks, (len(toks),)), xp.asarray(shape, dtype=xp.int32))

    def hash_fast(x: Any, *, num_buckets: int) -> Any:
        vals = hash_bucket(_flat(x), num_buckets)
        return xp.asarray(np.asarray(vals, dtype=np.int64).astype(np.int32)).reshape(x.shape)

    def regex(x: Any, *, pattern: str, rewrite: str, replace_global: bool) -> Any:
        return _strings(regex_replace(_flat(x), pattern, rewrite, replace_global), x.shape)

    return {
        "StringNGrams": n_grams,
        "StringSplit": split,
        "StringToHashBucketFast": hash_fast,
        "StaticRegexReplace": regex,
    }
