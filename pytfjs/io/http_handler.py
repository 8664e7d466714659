"""``http://`` / ``https://`` URLs (TF.js's ``tf.io.http``), with ``urllib``.

Loading fetches model.json, then each shard at ``<model.json's folder>/<path><query>`` (the
query string of the model URL is repeated on every shard URL, as TF.js does), unless a
``weight_url_converter`` maps paths to URLs. Manifest paths may not leave the model's folder:
absolute URLs, other hosts, ``/``-rooted paths and ``..`` (also percent-encoded) are rejected.

Saving POSTs ``multipart/form-data`` with a ``model.json`` part (its manifest points at
``./model.weights.bin``) and a ``model.weights.bin`` part, as TF.js's browser HTTP request does.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import HTTPRequestError, SizeLimitError, UnsafePathError
from .loading import LoadOptions, load_from_model_json_bytes
from .types import ModelArtifacts, SaveResult, dumps_json, model_artifacts_info

_HTTP_RE = re.compile(r"^https?://", re.IGNORECASE)
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def is_http_url(url: Any) -> bool:
    return isinstance(url, str) and _HTTP_RE.match(url) is not None


@dataclass
class FetchResponse:
    """A finished HTTP response: ``status``, ``headers`` (lower-case keys) and ``body``."""

    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def default_fetch(url: str, init: dict | None = None, *, max_bytes: int | None = None,
                  timeout: float | None = 60.0) -> FetchResponse:
    """``fetch`` with urllib: ``init`` takes ``method``, ``headers`` and ``body``. Non-2xx
    answers are returned (not raised); the body is read up to ``max_bytes``."""
    init = dict(init or {})
    req = urllib.request.Request(url, data=init.get("body"), headers=dict(init.get("headers") or {}),
                                 method=init.get("method"))
    try:
        resp = urllib.request.urlopen(req, timeout=init.get("timeout", timeout))
    except urllib.error.HTTPError as e:
        resp = e
    except (urllib.error.URLError, OSError) as e:
        raise HTTPRequestError(f"Request to {url} failed: {getattr(e, 'reason', e)}") from None
    with resp:
        headers = {k.lower(): v for k, v in resp.headers.items()}
        length = headers.get("content-length")
        if max_bytes is not None and length is not None and length.isdigit() and int(length) > max_bytes:
            raise SizeLimitError(f"Response from {url} is {length} bytes, more than the limit of "
                                 f"{max_bytes} bytes.")
        body = resp.read() if max_bytes is None else resp.read(max_bytes + 1)
        return FetchResponse(resp.status if hasattr(resp, "status") else resp.code, body, headers)


def _normalize(resp: Any) -> FetchResponse:
    if isinstance(resp, FetchResponse):
        return resp
    status = next((getattr(resp, a) for a in ("status", "status_code", "code") if hasattr(resp, a)),
                  None)
    if status is None:
        raise TypeError("fetch_func must return a response with a 'status' attribute")
    if hasattr(resp, "body"):
        body = resp.body
    elif hasattr(resp, "content"):
        body = resp.content
    else:
        body = resp.read()
    return FetchResponse(int(status), bytes(body or b""), dict(getattr(resp, "headers", {}) or {}))


def parse_url(url: str) -> tuple[str, str]:
    """(prefix up to and including the last '/', query suffix) as TF.js's ``parseUrl``."""
    last_slash = url.rfind("/")
    last_q = url.rfind("?")
    suffix = url[last_q:] if last_q > last_slash else ""
    return url[:last_slash] + "/", suffix


def resolve_weight_url(model_url: str, path: str) -> str:
    """The URL of a manifest path next to ``model_url``; raises :class:`UnsafePathError` when
    the path could leave the model's folder."""
    if not isinstance(path, str) or not path or any(c in path for c in "\x00\\#?"):
        raise UnsafePathError(f"Weights manifest path {path!r} is not a valid relative path.")
    if _SCHEME_RE.match(path) or path.startswith("/"):
        raise UnsafePathError(f"Weights manifest path {path!r} is absolute; paths must be relative "
                              f"to the model URL {model_url}.")
    if ".." in unquote(path).split("/"):
        raise UnsafePathError(f"Weights manifest path {path!r} escapes the model URL {model_url}.")
    prefix, suffix = parse_url(model_url)
    url = prefix + path + suffix
    a, b = urlsplit(model_url), urlsplit(url)
    if (a.scheme.lower(), a.netloc.lower()) != (b.scheme.lower(), b.netloc.lower()):
        raise UnsafePathError(f"Weights manifest path {path!r} points to another host.")
    return url


class HTTPRequest:
    """Loads from / saves to an HTTP(S) URL (TF.js's ``HTTPRequest`` IOHandler)."""

    DEFAULT_METHOD = "POST"

    def __init__(self, url: str, options: LoadOptions | None = None) -> None:
        if not url:
            raise ValueError("URL path for http must not be null, undefined or empty.")
        self.url = url
        self.options = options or LoadOptions()
        init = dict(self.options.request_init or {})
        if init.get("body") is not None:
            raise ValueError("requestInit is expected to have no pre-existing body, but has one.")
        self.request_init = init

    def _fetch(self, url: str, init: dict, max_bytes: int | None) -> FetchResponse:
        if self.options.fetch_func is not None:
            resp = _normalize(self.options.fetch_func(url, init))
            if max_bytes is not None and len(resp.body) > max_bytes:
                raise SizeLimitError(f"Response from {url} is {len(resp.body)} bytes, more than the "
                                     f"limit of {max_bytes} bytes.")
            return resp
        return default_fetch(url, init, max_bytes=max_bytes, timeout=self.options.timeout)

    def load(self) -> ModelArtifacts:
        opts = self.options
        resp = self._fetch(self.url, self.request_init, opts.max_json_bytes)
        if not resp.ok:
            raise HTTPRequestError(f"Request to {self.url} failed with status code {resp.status}. "
                                   f"Please verify this URL points to the model JSON of the model "
                                   f"to load.", resp.status)
        if opts.weight_url_converter is not None:
            resolve = opts.weight_url_converter
        else:
            def resolve(p: str) -> str:
                return resolve_weight_url(self.url, p)

        def read(url: str, budget: int) -> bytes:
            r = self._fetch(url, self.request_init, budget)
            if not r.ok:
                raise HTTPRequestError(f"Request to {url} failed with status code {r.status}.",
                                       r.status)
            return r.body

        return load_from_model_json_bytes(resp.body, self.url, opts, resolve, read)

    def save(self, artifacts: ModelArtifacts) -> SaveResult:
        manifest = [{"paths": ["./model.weights.bin"], "weights": artifacts.weight_specs}]
        model_json = dumps_json(artifacts.to_model_json(manifest)).encode("utf-8")
        parts = [("model.json", "application/json", model_json)]
        if artifacts.weight_data is not None:
            parts.append(("model.weights.bin", "application/octet-stream",
                          bytes(artifacts.weight_data)))
        body, content_type = encode_multipart(parts)
        init = {"method": self.DEFAULT_METHOD, **self.request_init}
        headers = dict(init.get("headers") or {})
        headers["Content-Type"] = content_type
        init["headers"] = headers
        init["body"] = body
        resp = self._fetch(self.url, init, self.options.max_json_bytes)
        if not resp.ok:
            raise HTTPRequestError(f"BrowserHTTPRequest.save() failed due to HTTP response status "
                                   f"{resp.status}.", resp.status)
        return SaveResult(model_artifacts_info(artifacts), responses=[resp])


def encode_multipart(parts: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """``multipart/form-data`` with one file part per ``(name, content_type, data)``; the file
    name equals the field name, as in TF.js's FormData. Returns (body, content type)."""
    boundary = "----pytfjs" + uuid.uuid4().hex
    out = []
    for name, ctype, data in parts:
        out.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                   f"filename=\"{name}\"\r\nContent-Type: {ctype}\r\n\r\n".encode("ascii"))
        out.append(data)
        out.append(b"\r\n")
    out.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def http_router(url: Any, options: LoadOptions | None = None) -> HTTPRequest | None:
    return HTTPRequest(url, options) if is_http_url(url) else None
