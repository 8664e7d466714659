"""The backend interface the engine talks to (storage + kernels via the kernel registry)."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from ..core.convert import HostValues

_data_ids = itertools.count(1)


class DataId:
    """An opaque handle for a data buffer; identity is the key."""

    __slots__ = ("id",)

    def __init__(self) -> None:
        self.id = next(_data_ids)

    def __repr__(self) -> str:
        return f"DataId({self.id})"


@dataclass(frozen=True)
class Capabilities:
    """What a backend can do; tests check capabilities, not backend names."""
    dtypes: frozenset
    async_read: bool = False     # ``read`` really overlaps with other work
    float64: bool = False        # computes in float64 when asked (numerical gradient checks)
    device: str = "cpu"


class Backend:
    """Base class. Subclasses store native arrays and register kernels by TF kernel name."""

    name = "base"
    capabilities = Capabilities(frozenset({"float32", "int32", "bool", "complex64", "string"}))

    # --- storage -----------------------------------------------------------------------
    def write(self, host: HostValues, data_id: Any = None) -> Any:
        raise NotImplementedError(f"{type(self).__name__}.write")

    def native(self, tensor: Any) -> Any:
        """The native array for ``tensor`` (shaped as the tensor), given to kernels."""
        raise NotImplementedError(f"{type(self).__name__}.native")

    def adopt(self, native: Any) -> tuple[Any, tuple[int, ...], str]:
        """Stores a kernel's output; returns (data_id, shape, dtype)."""
        raise NotImplementedError(f"{type(self).__name__}.adopt")

    def read_sync(self, data_id: Any, dtype: str) -> Any:
        """Flat host values: a C-contiguous buffer-protocol object, or a list of str."""
        raise NotImplementedError(f"{type(self).__name__}.read_sync")

    async def read(self, data_id: Any, dtype: str) -> Any:
        return self.read_sync(data_id, dtype)

    def dispose_data(self, data_id: Any) -> None:
        raise NotImplementedError(f"{type(self).__name__}.dispose_data")

    def num_data_ids(self) -> int:
        raise NotImplementedError(f"{type(self).__name__}.num_data_ids")

    def string_bytes(self, data_id: Any) -> int:
        """Bytes of a string buffer (UTF-8), for memory accounting."""
        return sum(len(s.encode("utf-8")) if isinstance(s, str) else len(s)
                   for s in self.read_sync(data_id, "string"))

    def memory(self) -> dict:
        return {"num_data_ids": self.num_data_ids()}

    # --- misc --------------------------------------------------------------------------
    def sync(self, native: Any) -> None:
        """Waits for pending work (GPU backends); a no-op on synchronous CPU backends."""

    def has_nan(self, native: Any) -> bool:
        raise NotImplementedError(f"{type(self).__name__}.has_nan")

    def to_numpy(self, tensor: Any, copy: bool = True) -> Any:
        import numpy as np  # only when the user asks for NumPy
        from ..core.tensor import _python_values
        values = self.read_sync(tensor.data_id, tensor.dtype)
        if tensor.dtype == "string":
            return np.array(list(values), dtype=str).reshape(tensor.shape)
        if tensor.dtype == "complex64":
            flat = _python_values(values, "complex64")
            return np.array(flat, dtype=np.complex64).reshape(tensor.shape)
        return np.array(_python_values(values, tensor.dtype), dtype=tensor.dtype).reshape(tensor.shape)

    def dispose(self) -> None:
        """Frees everything the backend holds."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} '{self.name}'>"
