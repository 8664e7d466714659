"""Shared helpers for the io tests."""
from __future__ import annotations

import array
import json
import os

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "io")
SHARED_MODELS = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                              "shared", "fixtures", "tfjs_models"))


def fixture(*parts: str) -> str:
    return os.path.join(FIXTURES, *parts)


def read_json(*parts: str):
    with open(fixture(*parts), encoding="utf-8") as f:
        return json.load(f)


def f32_bytes(values) -> bytes:
    """float32 bytes of JSON values ("NaN"/"Infinity"/"-Infinity" strings allowed)."""
    return array.array("f", [float(v) for v in values]).tobytes()


def tensor_bytes(t) -> bytes:
    v = t.data_sync()
    code = {"float32": "f", "complex64": "f", "int32": "i", "bool": "B"}[t.dtype]
    return array.array(code, v).tobytes()


def write_model(directory: str, model_json: dict, shards: dict[str, bytes]) -> str:
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "model.json"), "w", encoding="utf-8") as f:
        json.dump(model_json, f)
    for name, data in shards.items():
        p = os.path.join(directory, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
    return directory
