"""Byte compatibility with TF.js 4.22: fixtures written by tools/oracle/io_fixtures.js."""
from __future__ import annotations

import glob
import hashlib
import json
import os

import pytest

from pytfjs import io

from .helpers import SHARED_MODELS, f32_bytes, fixture, read_json, tensor_bytes

TENSOR_DIRS = ["dense_model", "tensors", "quantized_uint8", "quantized_uint16", "quantized_float16"]


def _expected_bytes(spec: dict, values: list) -> bytes | list:
    if spec["dtype"] == "string":
        return [bytes.fromhex(v) for v in values]
    if spec["dtype"] == "int32":
        import array
        return array.array("i", values).tobytes()
    if spec["dtype"] == "bool":
        return bytes(values)
    return f32_bytes(values)


@pytest.mark.parametrize("name", TENSOR_DIRS)
def test_decode_matches_tfjs(tf, name: str) -> None:
    exp = read_json(name, "expected.json")
    artifacts = io.load_artifacts(fixture(name))
    assert artifacts.weight_specs == exp["specs"]
    weights = artifacts.decode_weights()
    try:
        assert list(weights) == [s["name"] for s in exp["specs"]]
        for spec in exp["specs"]:
            t = weights[spec["name"]]
            assert list(t.shape) == spec["shape"] and t.dtype == spec["dtype"]
            want = _expected_bytes(spec, exp["values"][spec["name"]])
            if spec["dtype"] == "string":
                got = [s.encode("utf-8", "surrogateescape") if isinstance(s, str) else s
                       for s in t.data_sync()]
                assert got == want
            else:
                assert tensor_bytes(t) == want, spec["name"]
    finally:
        tf.dispose(list(weights.values()))


@pytest.mark.parametrize("name", ["dense_model", "tensors"])
def test_encode_matches_tfjs_bytes(tf, name: str) -> None:
    """Re-encoding TF.js's decoded tensors gives TF.js's shard and specs byte for byte."""
    with open(fixture(name, "group1-shard1of1.bin"), "rb") as f:
        shard = f.read()
    artifacts = io.load_artifacts(fixture(name))
    weights = artifacts.decode_weights()
    try:
        data, specs = io.encode_weights(weights)
    finally:
        tf.dispose(list(weights.values()))
    assert data == shard
    assert specs == artifacts.weight_specs


@pytest.mark.parametrize("qdtype", ["uint8", "uint16", "float16"])
def test_quantize_matches_converter(tf, qdtype: str) -> None:
    """pytfjs's quantizer gives the converter's bytes and metadata (as ported in io_fixtures.js)."""
    inputs = read_json("quantized_inputs.json")
    exp = read_json(f"quantized_{qdtype}", "expected.json")
    with open(fixture(f"quantized_{qdtype}", "group1-shard1of1.bin"), "rb") as f:
        shard = f.read()
    names = [s["name"] for s in exp["specs"]]
    ts = {n: tf.tensor([float(v) for v in inputs[n]["values"]], inputs[n]["shape"], "float32")
          for n in names}
    try:
        data, specs = io.encode_weights(ts, quantization=qdtype)
    finally:
        tf.dispose(list(ts.values()))
    assert specs == exp["specs"]
    assert [list(s["quantization"]) for s in specs] == [list(s["quantization"]) for s in exp["specs"]]
    assert data == shard


def test_model_json_round_trip(tmp_path, tf) -> None:
    """A TF.js-saved model saved again by pytfjs keeps model.json's content and the weights."""
    a = io.load_artifacts(fixture("dense_model"))
    io.save_artifacts(str(tmp_path / "m"), a)
    b = io.load_artifacts(str(tmp_path / "m"))
    assert b.model_topology == a.model_topology and b.weight_data == a.weight_data
    assert b.weight_specs == a.weight_specs and b.format == a.format
    with open(tmp_path / "m" / "model.json") as f:
        saved = json.load(f)
    assert saved["weightsManifest"] == [{"paths": ["group1-shard1of1.bin"],
                                         "weights": a.weight_specs}]


def _shared_models() -> list[str]:
    return sorted(glob.glob(os.path.join(SHARED_MODELS, "*", "model.json")))


@pytest.mark.skipif(not _shared_models(), reason="../shared/fixtures/tfjs_models is absent")
@pytest.mark.parametrize("model_json", _shared_models(),
                         ids=lambda p: os.path.basename(os.path.dirname(p)))
def test_shared_models_decode_like_tfjs(tf, model_json: str) -> None:
    name = os.path.basename(os.path.dirname(model_json))
    with open(os.path.join(os.path.dirname(model_json), "meta.json")) as f:
        meta = json.load(f)
    oracle = read_json("shared_models.json").get(name)
    artifacts = io.load_artifacts(model_json)
    weights = artifacts.decode_weights()
    try:
        assert len(weights) == meta["weights"]["count"]
        dtypes: dict[str, int] = {}
        quant: dict[str, int] = {}
        for spec in artifacts.weight_specs:
            dtypes[weights[spec["name"]].dtype] = dtypes.get(weights[spec["name"]].dtype, 0) + 1
            if spec.get("quantization"):
                q = spec["quantization"]["dtype"]
                quant[q] = quant.get(q, 0) + 1
        assert dtypes == meta["weights"]["dtypes"]
        assert quant == meta["weights"]["quantization"]
        if oracle is not None:
            h = hashlib.sha256()
            for spec in artifacts.weight_specs:
                h.update(tensor_bytes(weights[spec["name"]]))
            assert h.hexdigest() == oracle["sha256"], "decoded values differ from TF.js's"
    finally:
        tf.dispose(list(weights.values()))
