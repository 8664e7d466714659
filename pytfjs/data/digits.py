"""The "digits" data set: 1,797 hand-written digits as 8x8 grey images (integer pixels 0..16)
and their labels 0..9, embedded in the package (``digits.csv.gz``, ~57 KB) so that the CNN demo
and the tests need no download.

Origin and licence: a copy of the test set of "Optical Recognition of Handwritten Digits"
(E. Alpaydin and C. Kaynak, 1998; UCI Machine Learning Repository,
https://archive.ics.uci.edu/dataset/80, CC BY 4.0), exactly the file that scikit-learn ships as
``sklearn/datasets/data/digits.csv.gz`` (scikit-learn 1.9.1, BSD 3-Clause licence, copyright the
scikit-learn developers). Each CSV row holds the 64 pixels row by row, then the label.

Standard library only (``gzip`` + ``csv``), so it works in Pyodide too.

>>> from pytfjs.data.digits import load_digits
>>> images, labels = load_digits()
>>> len(images), len(images[0]), labels[:5]
(1797, 64, [0, 1, 2, 3, 4])
"""
from __future__ import annotations

import csv
import gzip
import io
from importlib import resources

N_SAMPLES = 1797
IMAGE_SHAPE = (8, 8)
N_CLASSES = 10
MAX_PIXEL = 16

_cache: tuple[list[list[int]], list[int]] | None = None


def _read() -> tuple[list[list[int]], list[int]]:
    raw = resources.files(__package__).joinpath("digits.csv.gz").read_bytes()
    text = gzip.decompress(raw).decode("ascii")
    images: list[list[int]] = []
    labels: list[int] = []
    for row in csv.reader(io.StringIO(text)):
        if not row:
            continue
        values = [int(float(v)) for v in row]
        images.append(values[:64])
        labels.append(values[64])
    if len(images) != N_SAMPLES:
        raise ValueError(f"digits.csv.gz: expected {N_SAMPLES} rows, got {len(images)}")
    return images, labels


def load_digits(normalize: bool = False) -> tuple[list[list[float]] | list[list[int]], list[int]]:
    """``(images, labels)``: 1,797 rows of 64 pixels (row-major 8x8) and their digit labels.

    ``normalize=True`` scales the pixels to ``[0, 1]`` (divides by 16). Returns fresh Python lists
    (the file is parsed once and cached)."""
    global _cache
    if _cache is None:
        _cache = _read()
    images, labels = _cache
    if normalize:
        return [[p / MAX_PIXEL for p in img] for img in images], list(labels)
    return [list(img) for img in images], list(labels)
