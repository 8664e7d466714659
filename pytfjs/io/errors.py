"""Errors raised by ``pytfjs.io``.

Every error derives from :class:`ModelIOError`; each also derives from the built-in exception
a caller would naturally catch (``ValueError`` for bad content, ``FileNotFoundError`` for a
missing model), so ``except ValueError`` keeps working.
"""
from __future__ import annotations


class ModelIOError(Exception):
    """Base class of every error raised by ``pytfjs.io``."""


class ModelFormatError(ModelIOError, ValueError):
    """model.json is not valid JSON, or a field is missing or has the wrong type."""


class WeightsError(ModelIOError, ValueError):
    """Weight specs and weight bytes disagree: unknown dtype, bad shape, wrong byte count,
    duplicate names, bad quantization metadata."""


class UnsafePathError(ModelIOError, ValueError):
    """A weights-manifest path escapes the model's directory or URL (``..``, an absolute path,
    another host or scheme)."""


class SizeLimitError(ModelIOError, ValueError):
    """A model.json or its weights are larger than the configured limit."""


class RouterError(ModelIOError, ValueError):
    """No handler (or more than one) matches a URL."""


class HTTPRequestError(ModelIOError, OSError):
    """An HTTP request failed or answered with a non-2xx status."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ModelNotFoundError(ModelIOError, FileNotFoundError):
    """No model at the given path or URL."""


class SaveError(ModelIOError, OSError):
    """Saving failed; the destination was left as it was before."""
