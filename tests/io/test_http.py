"""HTTP loading and saving against a local server on 127.0.0.1 (a thread, stopped by the test)."""
from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

import pytest

from pytfjs import io
from pytfjs.io import HTTPRequestError, UnsafePathError

SPEC = {"name": "w", "shape": [3], "dtype": "float32"}
WEIGHTS = bytes(range(12))


class _Server:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.requests: list[tuple[str, str, dict, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _record(self, body: bytes) -> None:
                outer.requests.append((self.command, self.path, dict(self.headers), body))

            def do_GET(self) -> None:
                self._record(b"")
                data = outer.files.get(self.path)
                self.send_response(200 if data is not None else 404)
                self.send_header("Content-Length", str(len(data or b"")))
                self.end_headers()
                self.wfile.write(data or b"")

            def do_POST(self) -> None:
                n = int(self.headers["Content-Length"])
                self._record(self.rfile.read(n))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.timeout = 5
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def _model_json(paths: list[str]) -> bytes:
    return json.dumps({"modelTopology": {"k": 1}, "format": "graph-model",
                       "weightsManifest": [{"paths": paths, "weights": [SPEC]}]}).encode()


def test_http_load_with_headers_progress_and_query() -> None:
    files = {"/m/model.json?v=2": _model_json(["a.bin", "sub/b.bin"]),
             "/m/a.bin?v=2": WEIGHTS[:8], "/m/sub/b.bin?v=2": WEIGHTS[8:]}
    seen: list[float] = []
    with _Server(files) as srv:
        a = io.load_artifacts(srv.base + "/m/model.json?v=2", on_progress=seen.append,
                              request_init={"headers": {"Authorization": "Bearer t0k"}}, timeout=10)
    assert a.weight_data == WEIGHTS and a.weight_specs == [SPEC] and a.format == "graph-model"
    assert seen == [0.5, 1.0]
    assert [r[1] for r in srv.requests] == ["/m/model.json?v=2", "/m/a.bin?v=2", "/m/sub/b.bin?v=2"]
    assert all(r[2].get("Authorization") == "Bearer t0k" for r in srv.requests)


def test_http_weight_url_converter_and_errors() -> None:
    files = {"/m/model.json": _model_json(["w.bin"]), "/cdn/w.bin": WEIGHTS}
    with _Server(files) as srv:
        a = io.load_artifacts(srv.base + "/m/model.json",
                              weight_url_converter=lambda p: srv.base + "/cdn/" + p)
        assert a.weight_data == WEIGHTS
        with pytest.raises(HTTPRequestError) as e:
            io.load_artifacts(srv.base + "/m/model.json")
        assert e.value.status == 404
        assert str(e.value) == f"Request to {srv.base}/m/w.bin failed with status code 404."
        with pytest.raises(HTTPRequestError) as e:
            io.load_artifacts(srv.base + "/missing.json")
        assert str(e.value) == (f"Request to {srv.base}/missing.json failed with status code 404. "
                                f"Please verify this URL points to the model JSON of the model to "
                                f"load.")


@pytest.mark.parametrize("path,message", [
    ("http://evil.example/w.bin", ("Weights manifest path 'http://evil.example/w.bin' is absolute; "
                                  "paths must be relative to the model URL {u}.")),
    ("//evil.example/w.bin", ("Weights manifest path '//evil.example/w.bin' is absolute; paths must "
                             "be relative to the model URL {u}.")),
    ("/w.bin", ("Weights manifest path '/w.bin' is absolute; paths must be relative to the model URL "
               "{u}.")),
    ("../w.bin", "Weights manifest path '../w.bin' escapes the model URL {u}."),
    ("%2e%2e/w.bin", "Weights manifest path '%2e%2e/w.bin' escapes the model URL {u}."),
    ("a\\..\\..\\w.bin", "Weights manifest path 'a\\\\..\\\\..\\\\w.bin' is not a valid relative path."),
])
def test_http_unsafe_paths_fetch_nothing(path: str, message: str) -> None:
    with _Server({"/m/model.json": _model_json([path])}) as srv:
        u = srv.base + "/m/model.json"
        with pytest.raises(UnsafePathError) as e:
            io.load_artifacts(u)
    assert str(e.value) == message.format(u=u)
    assert len(srv.requests) == 1  # only model.json was requested


def test_http_save_is_multipart_post() -> None:
    art = io.ModelArtifacts(model_topology={"k": 1}, format="layers-model", generated_by="pytfjs",
                            weight_specs=[SPEC], weight_data=WEIGHTS)
    with _Server({}) as srv:
        res = io.save_artifacts(srv.base + "/upload", art,
                                request_init={"headers": {"X-Token": "abc"}})
    assert res.responses[0].status == 200
    (method, path, headers, body), = srv.requests
    assert (method, path, headers["X-Token"]) == ("POST", "/upload", "abc")
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + headers["Content-Type"].encode() + b"\r\n\r\n" + body)
    parts = {p.get_param("name", header="content-disposition"): p for p in msg.iter_parts()}
    assert list(parts) == ["model.json", "model.weights.bin"]
    assert parts["model.json"].get_filename() == "model.json"
    assert parts["model.json"].get_content_type() == "application/json"
    mj = json.loads(parts["model.json"].get_payload(decode=True))
    assert mj["weightsManifest"] == [{"paths": ["./model.weights.bin"], "weights": [SPEC]}]
    assert mj["modelTopology"] == {"k": 1} and mj["generatedBy"] == "pytfjs"
    assert parts["model.weights.bin"].get_content_type() == "application/octet-stream"
    assert parts["model.weights.bin"].get_payload(decode=True) == WEIGHTS


def test_fetch_func_replaces_urllib() -> None:
    calls = []

    def fetch(url, init):
        calls.append((url, init))
        body = _model_json(["w.bin"]) if url.endswith(".json") else WEIGHTS
        return io.FetchResponse(200, body)

    a = io.load_artifacts("https://models.example/x/model.json", fetch_func=fetch)
    assert a.weight_data == WEIGHTS
    assert [c[0] for c in calls] == ["https://models.example/x/model.json",
                                     "https://models.example/x/w.bin"]
    with pytest.raises(ValueError, match="^requestInit is expected to have no pre-existing body"):
        io.load_artifacts("https://models.example/x/model.json", fetch_func=fetch,
                          request_init={"body": b"x"})
