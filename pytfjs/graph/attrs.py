"""Decoding a TF NodeDef's ``attr`` map as TF.js's model.json stores it (AttrValue in proto3 JSON:
``i``/``f``/``b``/``s`` (base64)/``type``/``shape``/``list``/``tensor``/``func``)."""
from __future__ import annotations

import base64
import struct
from typing import Any

#: TF DataType enum names -> pytfjs dtypes. TF.js maps the narrow integer types to int32.
DTYPES = {
    "DT_FLOAT": "float32", "DT_HALF": "float32", "DT_DOUBLE": "float32", "DT_BFLOAT16": "float32",
    "DT_INT32": "int32", "DT_INT64": "int32", "DT_INT16": "int32", "DT_INT8": "int32",
    "DT_UINT8": "int32", "DT_UINT16": "int32", "DT_UINT32": "int32", "DT_UINT64": "int32",
    "DT_BOOL": "bool", "DT_STRING": "string", "DT_COMPLEX64": "complex64",
    "DT_RESOURCE": "resource", "DT_VARIANT": "variant",
}
#: pytfjs dtype -> the DT_* name written when a graph is saved.
DT_NAMES = {"float32": "DT_FLOAT", "int32": "DT_INT32", "bool": "DT_BOOL", "string": "DT_STRING",
            "complex64": "DT_COMPLEX64"}


def dtype_of(v: Any) -> str | None:
    """A ``type`` value (``"DT_FLOAT"`` or its enum number) as a pytfjs dtype."""
    if v is None:
        return None
    if isinstance(v, int) or (isinstance(v, str) and v.isdigit()):
        v = {1: "DT_FLOAT", 2: "DT_DOUBLE", 3: "DT_INT32", 4: "DT_UINT8", 7: "DT_STRING",
             10: "DT_BOOL", 9: "DT_INT64", 19: "DT_HALF", 8: "DT_COMPLEX64"}.get(int(v), "")
    return DTYPES.get(v, None)


def shape_of(v: Any) -> list[int] | None:
    """A TensorShapeProto (``{"dim": [{"size": "-1"}, ...]}``) as a list; None for unknown rank."""
    if v is None or v.get("unknownRank"):
        return None
    return [int(d.get("size", 0)) for d in v.get("dim", [])]


def _str(b64: str) -> str:
    raw = base64.b64decode(b64)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def decode(value: dict) -> Any:
    """Decodes one AttrValue JSON object into a Python value (tensors stay as a dict
    ``{"dtype", "shape", "values"}`` for :func:`tensor_values`)."""
    if not isinstance(value, dict):
        return value
    if "list" in value:
        lst = value["list"]
        for key, conv in (("s", _str), ("i", int), ("f", float), ("b", bool), ("type", dtype_of),
                          ("shape", shape_of), ("func", lambda f: f.get("name"))):
            if key in lst:
                return [conv(x) for x in lst[key]]
        return []
    if "s" in value:
        return _str(value["s"])
    if "i" in value:
        return int(value["i"])
    if "f" in value:
        return float(value["f"])
    if "b" in value:
        return bool(value["b"])
    if "type" in value:
        return dtype_of(value["type"])
    if "shape" in value:
        return shape_of(value["shape"])
    if "tensor" in value:
        return tensor_values(value["tensor"])
    if "func" in value:
        return value["func"].get("name")
    return None


def tensor_values(t: dict) -> dict:
    """A TensorProto JSON as ``{"dtype", "shape", "values"}`` (flat Python list), read from
    ``tensorContent`` (base64 little-endian) or the typed ``*Val`` fields (a single value is
    broadcast, as in TF)."""
    dtype = dtype_of(t.get("dtype")) or "float32"
    shape = shape_of(t.get("tensorShape")) or []
    n = 1
    for s in shape:
        n *= s
    dt = t.get("dtype")
    values: list
    if "tensorContent" in t:
        raw = base64.b64decode(t["tensorContent"])
        code = {"DT_FLOAT": "f", "DT_DOUBLE": "d", "DT_INT32": "i", "DT_INT64": "q", "DT_UINT8": "B",
                "DT_INT8": "b", "DT_INT16": "h", "DT_UINT16": "H", "DT_BOOL": "?",
                "DT_HALF": "e"}.get(dt, "f")
        values = list(struct.unpack("<%d%s" % (len(raw) // struct.calcsize(code), code), raw))
    else:
        values = []
        for key, conv in (("floatVal", float), ("doubleVal", float), ("intVal", int),
                          ("int64Val", int), ("boolVal", bool), ("stringVal", _str),
                          ("halfVal", float)):
            if key in t:
                values = [conv(x) for x in t[key]]
                break
    if len(values) == 1 and n != 1:
        values = values * n
    if not values and n:
        values = [("" if dtype == "string" else False if dtype == "bool" else 0)] * n
    if dtype == "bool":
        values = [bool(v) for v in values]
    return {"dtype": dtype, "shape": shape, "values": values}


def decode_all(attr: dict | None) -> dict[str, Any]:
    return {k: decode(v) for k, v in (attr or {}).items()}
