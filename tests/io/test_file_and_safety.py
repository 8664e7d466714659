"""File handler, router, memory handlers, model store, and the loader's safety checks."""
from __future__ import annotations

import json
import os

import pytest

from pytfjs import io
from pytfjs.io import (
    ModelFormatError,
    ModelNotFoundError,
    RouterError,
    SaveError,
    SizeLimitError,
    UnsafePathError,
    WeightsError,
)

from .helpers import fixture, write_model

SPEC = {"name": "w", "shape": [2], "dtype": "float32"}


def _model(tmp_path, paths=("w.bin",), shards=None, specs=(SPEC,), extra=None):
    mj = {"modelTopology": {"k": 1}, "format": "layers-model",
          "weightsManifest": [{"paths": list(paths), "weights": list(specs)}]}
    mj.update(extra or {})
    return write_model(str(tmp_path / "m"), mj, shards if shards is not None else {"w.bin": bytes(8)})


def test_save_load_round_trip_with_file_url_and_sharding(tmp_path, tf) -> None:
    ts = {"a": tf.tensor([1.0, 2.0, 3.0]), "b": tf.tensor(["x"], [1], "string")}
    try:
        data, specs = io.encode_weights(ts)
    finally:
        tf.dispose(list(ts.values()))
    art = io.ModelArtifacts(model_topology={"t": 1}, format="graph-model", generated_by="me",
                            weight_specs=specs, weight_data=data, signature={"s": 1},
                            user_defined_metadata={"u": [1]})
    res = io.file_system(str(tmp_path / "m"), shard_size=5).save(art)
    assert res.model_artifacts_info["weight_data_bytes"] == len(data)
    assert sorted(os.listdir(tmp_path / "m")) == ["group1-shard1of4.bin", "group1-shard2of4.bin",
                                                   "group1-shard3of4.bin", "group1-shard4of4.bin",
                                                   "model.json"]
    for url in ("file://" + str(tmp_path / "m"), str(tmp_path / "m" / "model.json"), tmp_path / "m"):
        back = io.load_artifacts(url)
        assert back.weight_data == data and back.weight_specs == specs
        assert back.signature == {"s": 1} and back.user_defined_metadata == {"u": [1]}
        assert back.generated_by == "me" and back.model_topology == {"t": 1}


def test_load_progress_and_model_without_weights(tmp_path) -> None:
    seen: list[float] = []
    _model(tmp_path, paths=("a.bin", "b.bin"), shards={"a.bin": bytes(4), "b.bin": bytes(4)})
    io.load_artifacts(str(tmp_path / "m"), on_progress=seen.append)
    assert seen == [0.5, 1.0]
    write_model(str(tmp_path / "t"), {"modelTopology": {"x": 1}}, {})
    a = io.load_artifacts(str(tmp_path / "t"))
    assert a.weight_specs is None and a.weight_data is None


@pytest.mark.parametrize("path,message", [
    ("../w.bin", "Weights manifest path '../w.bin' escapes the model directory."),
    ("sub/../../w.bin", "Weights manifest path 'sub/../../w.bin' escapes the model directory."),
    ("/etc/passwd", ("Weights manifest path '/etc/passwd' is absolute; paths must be relative to the "
                    "model directory.")),
    ("file:///etc/passwd", ("Weights manifest path 'file:///etc/passwd' is absolute; paths must be "
                           "relative to the model directory.")),
    ("http://evil.example/w.bin", ("Weights manifest path 'http://evil.example/w.bin' is absolute; "
                                  "paths must be relative to the model directory.")),
    ("C:\\w.bin", ("Weights manifest path 'C:\\\\w.bin' is absolute; paths must be relative to the "
                  "model directory.")),
    ("..\\w.bin", "Weights manifest path '..\\\\w.bin' escapes the model directory."),
    ("", "Weights manifest path '' is not a valid relative path."),
    (".", "Weights manifest path '.' escapes the model directory."),
])
def test_unsafe_manifest_paths(tmp_path, path: str, message: str) -> None:
    _model(tmp_path, paths=(path,))
    with pytest.raises(UnsafePathError) as e:
        io.load_artifacts(str(tmp_path / "m"))
    assert str(e.value) == message


def test_symlink_out_of_model_dir_is_rejected(tmp_path) -> None:
    (tmp_path / "outside.bin").write_bytes(bytes(8))
    _model(tmp_path, paths=("link.bin",), shards={})
    os.symlink(tmp_path / "outside.bin", tmp_path / "m" / "link.bin")
    with pytest.raises(UnsafePathError, match="^Weights manifest path 'link.bin' escapes the model "
                                              "directory.$"):
        io.load_artifacts(str(tmp_path / "m"))


@pytest.mark.parametrize("size,message", [
    (6, "Weights of group 1 (w.bin) have 6 bytes but the manifest describes 8 bytes."),
    (12, "Weights of group 1 (w.bin) have 12 bytes but the manifest describes 8 bytes."),
])
def test_truncated_and_oversized_shards(tmp_path, size: int, message: str) -> None:
    _model(tmp_path, shards={"w.bin": bytes(size)})
    with pytest.raises(WeightsError) as e:
        io.load_artifacts(str(tmp_path / "m"))
    assert str(e.value) == message


def test_non_strict_accepts_oversized_shard_and_trims(tmp_path) -> None:
    _model(tmp_path, shards={"w.bin": bytes(12)})
    assert io.load_artifacts(str(tmp_path / "m"), strict=False).weight_data == bytes(8)


def test_size_limits(tmp_path) -> None:
    _model(tmp_path, specs=({"name": "w", "shape": [1000], "dtype": "float32"},),
           shards={"w.bin": bytes(4000)})
    with pytest.raises(SizeLimitError) as e:
        io.load_artifacts(str(tmp_path / "m"), max_weight_bytes=3999)
    assert str(e.value) == (f"The weights of {tmp_path / 'm' / 'model.json'} need at least 4000 bytes, "
                            f"more than the limit of 3999 bytes (max_weight_bytes).")
    # a manifest that understates (strings) still cannot make the loader read past the limit
    _model(tmp_path, specs=({"name": "s", "shape": [1], "dtype": "string"},),
           shards={"w.bin": b"\xa0\x0f\0\0" + bytes(4000)})
    with pytest.raises(SizeLimitError) as e:
        io.load_artifacts(str(tmp_path / "m"), max_weight_bytes=100)
    assert str(e.value) == (f"Weights file {tmp_path / 'm' / 'w.bin'} is 4004 bytes, more than the "
                            f"limit of 100 bytes.")
    with pytest.raises(SizeLimitError) as e:
        io.load_artifacts(str(tmp_path / "m"), max_json_bytes=10)
    assert str(e.value).startswith("model.json ") and str(e.value).endswith(
        "more than the limit of 10 bytes.")


@pytest.mark.parametrize("text,message", [
    (b"{not json", ("Failed to parse model JSON from {p}: Expecting property name enclosed in double "
                   "quotes: line 1 column 2 (char 1)")),
    (b"[1, 2]", "The JSON from {p} must be an object, got list."),
    (b"{}", "The JSON from {p} contains neither model topology or manifest for weights."),
    (b'{"modelTopology": 3}', "{p}: 'modelTopology' must be an object, got int."),
    (b'{"weightsManifest": {}}', "{p}: 'weightsManifest' must be a list, got dict."),
    (b'{"weightsManifest": [{"paths": []}]}', "{p}: weightsManifest[0] is missing the field 'weights'."),
    (b'{"weightsManifest": [{"paths": [1], "weights": []}]}',
     "{p}: weightsManifest[0].paths[0] must be a string, got int."),
    (b'{"modelTopology": {}, "format": 5}', "{p}: 'format' must be a string, got int."),
    (b"\xff\xfe{}", "Failed to parse model JSON from {p}: not UTF-8 (invalid start byte at byte 0)."),
])
def test_malformed_model_json(tmp_path, text: bytes, message: str) -> None:
    d = tmp_path / "m"
    d.mkdir()
    (d / "model.json").write_bytes(text)
    with pytest.raises(ModelFormatError) as e:
        io.load_artifacts(str(d))
    assert str(e.value) == message.format(p=d / "model.json")


def test_missing_model_and_shard(tmp_path) -> None:
    with pytest.raises(ModelNotFoundError, match="^No model.json found at "):
        io.load_artifacts(str(tmp_path / "nope"))
    _model(tmp_path, shards={})
    with pytest.raises(ModelNotFoundError) as e:
        io.load_artifacts(str(tmp_path / "m"))
    assert str(e.value) == f"Weights file not found: {tmp_path / 'm' / 'w.bin'}"


def test_atomic_save_failure_leaves_old_model(tmp_path, monkeypatch) -> None:
    from pytfjs.io import file_handler
    old = io.ModelArtifacts(model_topology={"v": 1}, weight_specs=[SPEC], weight_data=bytes(8))
    new = io.ModelArtifacts(model_topology={"v": 2}, weight_specs=[SPEC], weight_data=b"\1" * 8)
    target = str(tmp_path / "m")
    io.save_artifacts(target, old)
    calls = []
    real = file_handler._write_file

    def failing(path: str, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:  # the shard is written, model.json fails midway
            with open(path, "wb") as f:
                f.write(data[:3])
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(file_handler, "_write_file", failing)
    with pytest.raises(SaveError) as e:
        io.save_artifacts(target, new)
    assert str(e.value) == (f"Saving the model to {target} failed: [Errno 28] No space left on device; "
                            f"nothing was changed.")
    assert sorted(os.listdir(tmp_path)) == ["m"]  # no temporary directory left behind
    assert io.load_artifacts(target).model_topology == {"v": 1}
    # a fresh destination is not created at all
    with pytest.raises(SaveError):
        calls.clear()
        io.save_artifacts(str(tmp_path / "fresh"), new)
    assert sorted(os.listdir(tmp_path)) == ["m"]
    monkeypatch.setattr(file_handler, "_write_file", real)
    io.save_artifacts(target, new)
    assert io.load_artifacts(target).weight_data == b"\1" * 8


def test_save_refuses_to_clobber_other_files(tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(SaveError) as e:
        io.save_artifacts(str(tmp_path), io.ModelArtifacts(model_topology={}))
    assert str(e.value) == (f"Refusing to overwrite {tmp_path}: it holds files other than a model "
                            f"(model.json and *.bin).")


def test_loading_never_executes_code(tmp_path) -> None:
    # Loading only parses JSON: a topology naming a Python callable stays inert data.
    mj = {"modelTopology": {"class_name": "__import__('os').system('touch pwned')",
                            "config": {"function": "eval", "module": "os"}}}
    write_model(str(tmp_path / "m"), mj, {})
    a = io.load_artifacts(str(tmp_path / "m"))
    assert a.model_topology == mj["modelTopology"] and not (tmp_path / "pwned").exists()


def test_memory_handlers_and_routers(tmp_path) -> None:
    art = io.ModelArtifacts(model_topology={"a": 1}, weight_specs=[SPEC], weight_data=bytes(8))
    assert io.load_artifacts(io.from_memory(art)) is art
    h = io.from_memory({"modelTopology": {"a": 1}, "weightSpecs": [SPEC], "weightData": bytes(8)})
    assert h.load() == art
    assert io.from_memory({"a": 1}, [SPEC], bytearray(8)).load() == art
    saved = []
    res = io.save_artifacts(io.with_save_handler(saved.append), art)
    assert saved == [art] and res.model_artifacts_info["weight_data_bytes"] == 8

    store: dict = {}

    @io.register_save_router
    def mem_save(url):
        if isinstance(url, str) and url.startswith("mem://"):
            return io.with_save_handler(lambda a: store.__setitem__(url, a))
        return None

    @io.register_load_router
    def mem_load(url, options):
        if isinstance(url, str) and url.startswith("mem://"):
            return io.from_memory(store[url])
        return None

    try:
        io.save_artifacts("mem://x", art)
        assert io.load_artifacts("mem://x") is art
        io.copy_model("mem://x", str(tmp_path / "copied"))
        assert io.load_artifacts(str(tmp_path / "copied")).weight_data == bytes(8)
    finally:
        from pytfjs.io import router
        router._LOAD_ROUTERS.remove(mem_load)
        router._SAVE_ROUTERS.remove(mem_save)
    with pytest.raises(RouterError, match="^Cannot find any load handlers for URL 'mem://x'$"):
        io.load_artifacts("mem://x")


def test_model_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PYTFJS_MODEL_STORE", str(tmp_path / "store"))
    root = str(tmp_path / "store")
    assert io.list_models() == {}
    io.copy_model(fixture("dense_model"), os.path.join(root, "a"))
    (tmp_path / "store" / "junk").mkdir()
    models = io.list_models()
    assert list(models) == ["file://" + os.path.join(root, "a")]
    info = models["file://" + os.path.join(root, "a")]
    assert info["weight_data_bytes"] == os.path.getsize(fixture("dense_model", "group1-shard1of1.bin"))
    io.move_model("file://" + os.path.join(root, "a"), os.path.join(root, "b"))
    assert list(io.list_models(root)) == ["file://" + os.path.join(root, "b")]
    with pytest.raises(ValueError, match="^Old path and new path are the same"):
        io.copy_model(os.path.join(root, "b"), "file://" + os.path.join(root, "b"))
    # removal deletes only the model's own files
    (tmp_path / "store" / "b" / "README.txt").write_text("mine")
    removed = io.remove_model(os.path.join(root, "b"))
    assert removed["weight_data_bytes"] == info["weight_data_bytes"]
    assert os.listdir(os.path.join(root, "b")) == ["README.txt"]
    with pytest.raises(ModelNotFoundError):
        io.remove_model(os.path.join(root, "b"))
    with pytest.raises(RouterError, match="^Model management supports file:// URLs and paths only"):
        io.remove_model("http://example.com/model.json")


def test_model_json_written_is_compact_tfjs_json(tmp_path) -> None:
    io.save_artifacts(str(tmp_path / "m"), io.ModelArtifacts(model_topology={"é": 1}, format="x"))
    text = (tmp_path / "m" / "model.json").read_text("utf-8")
    assert text == '{"modelTopology":{"é":1},"format":"x","generatedBy":null,"convertedBy":null,' \
                   '"weightsManifest":null}'
    assert json.loads(text)["weightsManifest"] is None
