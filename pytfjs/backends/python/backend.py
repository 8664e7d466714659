"""The pure-Python reference backend: storage of :class:`PyArray` buffers per data id.

It imports no third-party module, so it runs wherever Python does (CI without NumPy, Pyodide).
"""
from __future__ import annotations

import struct
from array import array
from typing import Any

from ...core.convert import HostValues
from ..base import Backend, Capabilities, DataId
from ._util import CODES, PyArray, round_complex, size_of, storage

#: float16 is left out: ``array`` has no half-precision code.
_DTYPES = frozenset({"float32", "int32", "bool", "complex64", "string", "float64", "int8",
                     "uint8", "int16", "uint16", "int64"})

# memoryview format codes that ``array`` reads directly.
_ARRAY_FORMATS = frozenset("bBhHiIlLqQfd")


def _flatten(values: Any) -> list:
    if not isinstance(values, list):
        return [values]
    out: list = []
    stack = [iter(values)]
    while stack:
        for v in stack[-1]:
            if isinstance(v, list):
                stack.append(iter(v))
                break
            out.append(v)
        else:
            stack.pop()
    return out


def _from_buffer(mv: memoryview) -> Any:
    """Flat Python values (an ``array`` where possible) of a memoryview, in row-major order."""
    fmt = mv.format
    code = fmt.lstrip("@=")
    if fmt.startswith("<") and struct.pack("=i", 1) == struct.pack("<i", 1):
        code = fmt[1:]
    raw = mv.tobytes()  # logical (C) order, also for strided views
    if code in _ARRAY_FORMATS and len(code) == 1:
        a = array(code)
        a.frombytes(raw)
        return a
    if code == "?":
        return array("B", raw)
    if code in ("Zf", "Zd"):
        parts = array("f" if code == "Zf" else "d")
        parts.frombytes(raw)
        return list(map(complex, parts[0::2], parts[1::2]))
    if code == "e":
        return list(struct.unpack(f"{len(raw) // 2}e", raw))
    return _flatten(mv.tolist())


def host_to_storage(host: HostValues) -> Any:
    """The buffer for ``host`` values as ``host.dtype``."""
    dtype = host.dtype
    n = size_of(host.shape)
    if host.kind == "list":
        values: Any = host.payload
    elif host.kind == "cuda":
        payload = host.payload
        values = _flatten(payload.get().tolist() if hasattr(payload, "get") else payload.tolist())
    else:
        payload = host.payload
        if dtype == "string" or host.host_dtype == "string":
            values = _flatten(payload.tolist()) if hasattr(payload, "tolist") else \
                _flatten(list(payload))
        else:
            try:
                mv = payload if isinstance(payload, memoryview) else memoryview(payload)
            except TypeError:  # an __array_interface__ object without the buffer protocol
                values = _flatten(payload.tolist())
            else:
                values = _from_buffer(mv)
    if dtype == "complex64" and len(values) == 2 * n and n and \
            not any(isinstance(v, complex) for v in values[:1]):
        values = list(map(complex, values[0::2], values[1::2]))  # interleaved re/im
    if dtype == "complex64":
        return round_complex(values)
    if isinstance(values, array) and values.typecode == CODES.get(dtype) and dtype != "bool":
        return array(values.typecode, values)  # copy: the caller may mutate its buffer
    return storage(dtype, values)


class PythonBackend(Backend):
    """Stores one :class:`PyArray` per data id; kernels receive PyArrays shaped as the tensor."""

    name = "python"
    capabilities = Capabilities(_DTYPES, async_read=False, float64=True, device="cpu")

    def __init__(self) -> None:
        self.data: dict[Any, PyArray] = {}

    # ------------------------------------------------------------------ storage
    def write(self, host: HostValues, data_id: Any = None) -> Any:
        buf = host_to_storage(host)
        n = size_of(host.shape)
        if len(buf) != n:
            raise ValueError(f"python backend: {len(buf)} values do not fill shape "
                             f"{list(host.shape)} ({n} elements)")
        if data_id is None:
            data_id = DataId()
        self.data[data_id] = PyArray(buf, host.shape, host.dtype)
        return data_id

    def native(self, tensor: Any) -> PyArray:
        arr = self.data[tensor.data_id]
        if arr.shape == tensor.shape:
            return arr
        return PyArray(arr.data, tensor.shape, arr.dtype)

    def adopt(self, native: Any) -> tuple[Any, tuple[int, ...], str]:
        if not isinstance(native, PyArray):
            raise TypeError(f"python backend: a kernel returned {type(native).__name__}, "
                            f"not a PyArray")
        data_id = DataId()
        self.data[data_id] = native
        return data_id, native.shape, native.dtype

    def read_sync(self, data_id: Any, dtype: str) -> Any:
        return self.data[data_id].data

    def dispose_data(self, data_id: Any) -> None:
        self.data.pop(data_id, None)

    def num_data_ids(self) -> int:
        return len(self.data)

    def string_bytes(self, data_id: Any) -> int:
        return sum(len(s.encode("utf-8")) for s in self.data[data_id].data)

    def memory(self) -> dict:
        return {"num_data_ids": len(self.data)}

    def has_nan(self, native: Any) -> bool:
        if native.dtype == "complex64":
            return any(c != c for c in native.data)
        return any(v != v for v in native.data)

    def dispose(self) -> None:
        self.data.clear()

