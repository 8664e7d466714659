"""Helpers for xp kernels."""
from __future__ import annotations

import contextlib
from typing import Any


def quiet(xp: Any) -> Any:
    """Silences floating-point warnings (log(-1), 0/0, ...): TF.js returns NaN/Inf silently."""
    errstate = getattr(xp, "errstate", None)
    return errstate(all="ignore") if errstate is not None else contextlib.nullcontext()
