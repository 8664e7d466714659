"""The Ops API, one module per category (TF.js converter categories)."""
from . import (arithmetic, basic_math, creation, logical, matrices, normalization, random,  # noqa: F401
               reduction, slice_join, transformation)
