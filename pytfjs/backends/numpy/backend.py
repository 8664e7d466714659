"""NumPy backend: stores ``numpy.ndarray`` per data id; kernels come from ``backends/xp``
(shared with the CuPy backend) plus NumPy-only overrides."""
from __future__ import annotations

import os
import sys
from typing import Any

import numpy as np

from ...core.convert import HostValues
from ...core.kernel_registry import register_kernels
from ..base import Backend, Capabilities, DataId

_NP_DTYPES = {
    "float32": np.float32, "int32": np.int32, "bool": np.bool_, "complex64": np.complex64,
    "string": object, "float16": np.float16, "float64": np.float64, "int8": np.int8,
    "uint8": np.uint8, "int16": np.int16, "uint16": np.uint16, "int64": np.int64,
}
_FROM_NP = {np.dtype(v): k for k, v in _NP_DTYPES.items() if v is not object}


def np_dtype(dtype: str) -> Any:
    return _NP_DTYPES[dtype]


def tf_dtype(arr: Any) -> str:
    try:
        return _FROM_NP[arr.dtype]
    except KeyError:
        if arr.dtype == object or arr.dtype.kind in "US":
            return "string"
        raise TypeError(f"numpy backend: a kernel produced an array of unsupported dtype {arr.dtype}")


class NumpyBackend(Backend):
    name = "numpy"
    capabilities = Capabilities(frozenset(_NP_DTYPES), async_read=False, float64=True)

    def __init__(self) -> None:
        self.data: dict[Any, np.ndarray] = {}

    def write(self, host: HostValues, data_id: Any = None) -> Any:
        dt = _NP_DTYPES[host.dtype]
        if host.dtype == "string":
            vals = host.payload if host.kind == "list" else np.asarray(host.payload).ravel().tolist()
            arr = np.empty(len(vals), dtype=object)
            arr[:] = [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in vals]
            arr = arr.reshape(host.shape)
        elif host.kind == "list":
            if not host.shape and host.dtype != "bool" and len(host.payload) == 1:
                arr = np.array(host.payload[0], dtype=dt)  # a scalar: no list, no reshape
            else:
                if host.dtype == "bool":
                    arr = np.array([bool(v) for v in host.payload], dtype=np.bool_)
                else:
                    arr = np.array(host.payload, dtype=dt)
                arr = arr.reshape(host.shape)
        elif host.kind == "cuda":
            arr = np.asarray(host.payload.get()).astype(dt, copy=False).reshape(host.shape)
        else:
            src = np.asarray(host.payload)
            if host.dtype == "complex64" and src.dtype in (np.float32, np.float64) and \
                    src.size == 2 * int(np.prod(host.shape)):
                src = src.astype(np.float32).view(np.complex64)  # interleaved re/im
            if host.dtype == "int32" and src.dtype.kind in "iu" and src.dtype.itemsize >= 4 \
                    and src.dtype != np.int32 and src.size and \
                    (src.min() < -2**31 or src.max() > 2**31 - 1):
                raise OverflowError(f"'tensor': {src.dtype} values outside the int32 range "
                                    f"(min {src.min()}, max {src.max()}) cannot become an int32 "
                                    f"tensor; pass dtype='int64' or 'float32'")
            # Copy: the tensor must not change when the caller mutates its array.
            arr = np.array(src, dtype=dt, copy=True).reshape(host.shape)
        if data_id is None:
            data_id = DataId()
        self.data[data_id] = arr
        return data_id

    def native(self, tensor: Any) -> np.ndarray:
        arr = self.data[tensor.data_id]
        return arr if arr.shape == tensor.shape else arr.reshape(tensor.shape)

    def adopt(self, native: Any) -> tuple[Any, tuple[int, ...], str]:
        if type(native) is not np.ndarray and not isinstance(native, np.ndarray):
            native = np.asarray(native)
        data_id = DataId()
        self.data[data_id] = native
        dtype = _FROM_NP.get(native.dtype)
        return data_id, native.shape, dtype if dtype is not None else tf_dtype(native)

    def read_sync(self, data_id: Any, dtype: str) -> Any:
        arr = self.data[data_id]
        if dtype == "string":
            return arr.ravel().tolist()
        return np.ascontiguousarray(arr).reshape(-1)

    def dispose_data(self, data_id: Any) -> None:
        self.data.pop(data_id, None)

    def num_data_ids(self) -> int:
        return len(self.data)

    def string_bytes(self, data_id: Any) -> int:
        return sum(len(s.encode("utf-8")) for s in self.data[data_id].ravel().tolist())

    def has_nan(self, native: Any) -> bool:
        return bool(np.isnan(native).any())

    def to_numpy(self, tensor: Any, copy: bool = True) -> np.ndarray:
        arr = self.native(tensor)
        if tensor.dtype == "string":
            return arr.astype(str)
        if copy:
            return arr.copy()
        view = arr.view()
        view.flags.writeable = False
        return view

    def dispose(self) -> None:
        self.data.clear()


_MALLOC_TUNED = False


def _tune_malloc() -> None:
    """Keeps glibc from returning freed array memory to the OS after every step.

    glibc serves allocations over ``M_MMAP_THRESHOLD`` (dynamic: 128 KiB, raised to the largest
    freed mmap chunk) with fresh ``mmap`` pages and trims the heap top past ``M_TRIM_THRESHOLD``,
    so a training step or an inference that allocates and frees the same multi-MB arrays each
    call pays a page fault per 4 KiB again each call (the small CNN's step: ~5-7k faults,
    30 ms -> 20 ms without them; peak RSS unchanged). Fixed thresholds (32 MiB, glibc's dynamic
    maximum, and 256 MiB) keep that memory mapped. Linux/glibc only; skipped where the user set
    ``MALLOC_*``/``GLIBC_TUNABLES`` or ``PYTFJS_MALLOC_TUNE=0``. Process-wide, applied once.
    """
    global _MALLOC_TUNED
    if _MALLOC_TUNED:
        return
    _MALLOC_TUNED = True
    env = os.environ
    if env.get("PYTFJS_MALLOC_TUNE", "1") == "0" or not sys.platform.startswith("linux") or \
            "GLIBC_TUNABLES" in env or any(k.startswith("MALLOC_") for k in env):
        return
    try:
        import ctypes
        import platform
        if platform.libc_ver()[0] != "glibc":
            return
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, ValueError):
        return
    m_trim_threshold, m_mmap_threshold = -1, -3  # <malloc.h>
    mallopt(m_mmap_threshold, 32 << 20)
    mallopt(m_trim_threshold, 256 << 20)


def create() -> NumpyBackend:
    from ..xp import make_kernels, training
    from . import jit, overrides
    _tune_malloc()
    base = make_kernels(np)
    register_kernels("numpy", base)
    register_kernels("numpy", training.kernels(np))  # fused optimizer updates
    register_kernels("numpy", overrides.make_kernels())
    # compiled (Numba) versions of the hottest kernels where Numba is installed; each falls
    # back to the NumPy kernel above (Numba is imported on the first such call, not here)
    register_kernels("numpy", jit.make_kernels(base))
    return NumpyBackend()
