"""Weight bytes <-> tensors, in TF.js's binary layout.

Layout (little-endian, weights back to back in spec order, no padding): float32/int32 as 4-byte
values, bool as one byte each, complex64 as interleaved (real, imag) float32 pairs, string as
``uint32 byte length + UTF-8 bytes`` per element. A spec with ``quantization`` stores uint8 /
uint16 codes (value = code * scale + min) or float16 halves instead.

Quantization on save follows the TF.js converter (``tensorflowjs.quantization``): affine
uint8/uint16 with the range nudged so that 0.0 is exactly representable, rounding half to even,
float64 arithmetic; float16 by IEEE round-to-nearest-even with overflow to +-inf. Only float32
weights are quantized, as in the converter. Standard library only (``struct``/``array``).
"""
from __future__ import annotations

import array
import fnmatch
import math
import struct
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import WeightsError

#: Bytes per stored element (TF.js's ``DTYPE_VALUE_SIZE_MAP``).
DTYPE_VALUE_SIZE: dict[str, int] = {
    "float32": 4, "float16": 2, "int32": 4, "uint16": 2, "uint8": 1, "bool": 1, "complex64": 8,
}
#: The weight dtypes a manifest may declare.
WEIGHT_DTYPES: tuple[str, ...] = ("float32", "int32", "bool", "string", "complex64")
QUANTIZATION_DTYPES: tuple[str, ...] = ("uint8", "uint16", "float16")
NUM_BYTES_STRING_LENGTH = 4
#: Largest byte count a spec may describe (JavaScript's Number.MAX_SAFE_INTEGER).
MAX_WEIGHT_BYTES = 2 ** 53 - 1
_BIG_ENDIAN = sys.byteorder == "big"


# --------------------------------------------------------------------------- spec checks

def _check_shape(name: str, shape: Any) -> tuple[int, ...]:
    if not isinstance(shape, (list, tuple)) or not all(
            isinstance(d, int) and not isinstance(d, bool) for d in shape):
        raise WeightsError(f"Weight '{name}' has an invalid shape {shape!r}: expected a list of "
                           f"integers.")
    if any(d < 0 for d in shape):
        raise WeightsError(f"Weight '{name}' has a negative dimension in its shape {list(shape)}.")
    # Dimensions are int32 in TF.js; and even an empty tensor's other dimensions must describe a
    # shape an array can have (their product, ignoring zeros, must fit in 63 bits).
    if any(d > 2**31 - 1 for d in shape):
        raise WeightsError(f"Weight '{name}' has a dimension larger than 2**31 - 1 in its shape "
                           f"{list(shape)}.")
    nonzero = 1
    for d in shape:
        nonzero *= d or 1
    if nonzero >= 2**62:
        raise WeightsError(f"Weight '{name}' has a shape {list(shape)} whose dimensions multiply "
                           f"past what any array can hold.")
    return tuple(shape)


def _num_elements(shape: tuple[int, ...]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


class _Spec:
    """A checked weight spec: name, shape, dtype, element count, quantization."""

    __slots__ = ("dtype", "min", "name", "qdtype", "scale", "shape", "size")

    def __init__(self, spec: Any, index: int) -> None:
        if not isinstance(spec, Mapping):
            raise WeightsError(f"Weight spec #{index} must be an object, got {type(spec).__name__}.")
        name = spec.get("name")
        if not isinstance(name, str):
            raise WeightsError(f"Weight spec #{index} is missing a string 'name'.")
        self.name = name
        if "shape" not in spec:
            raise WeightsError(f"Weight '{name}' is missing the field 'shape'.")
        self.shape = _check_shape(name, spec["shape"])
        self.size = _num_elements(self.shape)
        q = spec.get("quantization")
        dtype = spec.get("dtype")
        if dtype is None and isinstance(q, Mapping):
            dtype = q.get("original_dtype")  # newer converter field; 'dtype' normally repeats it
        if dtype is None:
            raise WeightsError(f"Weight '{name}' is missing the field 'dtype'.")
        if dtype not in WEIGHT_DTYPES:
            raise WeightsError(f"Unsupported dtype in weight '{name}': {dtype}")
        self.dtype = dtype
        self.qdtype = self.scale = self.min = None
        if q is not None:
            if not isinstance(q, Mapping):
                raise WeightsError(f"Weight '{name}': 'quantization' must be an object.")
            qd = q.get("dtype")
            if qd not in QUANTIZATION_DTYPES:
                raise WeightsError(f"Weight '{name}' has unknown quantization dtype {qd}. Supported "
                                   f"quantization dtypes are: 'uint8', 'uint16', and 'float16'.")
            orig = q.get("original_dtype")
            if orig is not None and orig != dtype:
                raise WeightsError(f"Weight '{name}': quantization.original_dtype {orig!r} does not "
                                   f"match its dtype {dtype!r}.")
            if qd in ("uint8", "uint16"):
                scale, mn = q.get("scale"), q.get("min")
                if not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                           and math.isfinite(v) for v in (scale, mn)):
                    raise WeightsError(f"Weight {name} with quantization {qd} doesn't have "
                                       f"corresponding metadata min and scale.")
                if dtype not in ("float32", "int32"):
                    raise WeightsError(f"Unsupported dtype in weight '{name}': {dtype} cannot be "
                                       f"quantized with {qd}.")
                self.scale, self.min = float(scale), float(mn)
            elif dtype != "float32":
                raise WeightsError(f"Weight {name} is quantized with {qd} which only supports "
                                   f"weights of type float32 not {dtype}.")
            self.qdtype = qd

    def fixed_nbytes(self) -> int | None:
        """Byte length when it does not depend on the data (None for strings)."""
        if self.qdtype is not None:
            n = self.size * DTYPE_VALUE_SIZE[self.qdtype]
        elif self.dtype == "string":
            return None
        else:
            n = self.size * DTYPE_VALUE_SIZE[self.dtype]
        if n > MAX_WEIGHT_BYTES:
            raise WeightsError(f"Weight '{self.name}' with shape {list(self.shape)} needs {n} bytes, "
                               f"more than any buffer can hold.")
        return n


def check_specs(specs: Any) -> list[_Spec]:
    """Checks a list of weight specs (names unique, shapes, dtypes, quantization)."""
    if not isinstance(specs, (list, tuple)):
        raise WeightsError(f"Weight specs must be a list, got {type(specs).__name__}.")
    out = [_Spec(s, i) for i, s in enumerate(specs)]
    seen: set[str] = set()
    for s in out:
        if s.name in seen:
            raise WeightsError(f"Duplicate weight name '{s.name}' in the weight specs.")
        seen.add(s.name)
    return out


def spec_byte_length(spec: dict) -> int | None:
    """Bytes a spec occupies, or None for a string weight (its length is in the data)."""
    return _Spec(spec, 0).fixed_nbytes()


def expected_byte_length(specs: list[dict]) -> tuple[int, bool]:
    """(bytes of all fixed-size weights, whether any weight is a string)."""
    total, has_strings = 0, False
    for s in check_specs(specs):
        n = s.fixed_nbytes()
        if n is None:
            has_strings = True
            total += NUM_BYTES_STRING_LENGTH * s.size
        else:
            total += n
    return total, has_strings


# --------------------------------------------------------------------------- decoding

def _frombytes(code: str, buf: Any) -> array.array:
    a = array.array(code)
    a.frombytes(buf)
    if _BIG_ENDIAN and a.itemsize > 1:
        a.byteswap()
    return a


def _half_to_float_bits(h: int) -> int:
    sign = (h & 0x8000) << 16
    e = (h >> 10) & 0x1F
    m = h & 0x3FF
    if e == 0x1F:
        return sign | 0x7F800000 | (m << 13)
    if e == 0:
        if m == 0:
            return sign
        k = 0
        while not m & 0x400:
            m <<= 1
            k += 1
        return sign | ((113 - k) << 23) | ((m & 0x3FF) << 13)
    return sign | ((e + 112) << 23) | (m << 13)


_HALF_TABLE: array.array | None = None


def _half_table() -> array.array:
    """float32 bit patterns of all 65536 halves (exact conversion, as TF.js's decoder)."""
    global _HALF_TABLE
    if _HALF_TABLE is None:
        _HALF_TABLE = array.array("I", [_half_to_float_bits(h) for h in range(65536)])
    return _HALF_TABLE


def _bits_to_f32(bits: array.array) -> array.array:
    out = array.array("f")
    out.frombytes(bits.tobytes())
    return out


def _dequantize(s: _Spec, buf: memoryview) -> array.array:
    codes = _frombytes("B" if s.qdtype == "uint8" else "H", buf)
    if s.qdtype == "float16":
        table = _half_table()
        return _bits_to_f32(array.array("I", map(table.__getitem__, codes)))
    n = 256 if s.qdtype == "uint8" else 65536
    scale, mn = s.scale, s.min
    if s.dtype == "float32":
        # code * scale + min in float64, then one rounding to float32 (as a Float32Array store).
        table_f = array.array("f", [v * scale + mn for v in range(n)])
        return array.array("f", map(table_f.__getitem__, codes))
    table_i = array.array("i", [_js_round_int32(v * scale + mn) for v in range(n)])
    return array.array("i", map(table_i.__getitem__, codes))


def _js_round_int32(x: float) -> int:
    """``Int32Array`` store of ``Math.round(x)``: half rounds up, wraps modulo 2**32, NaN -> 0."""
    if not math.isfinite(x):
        return 0
    r = math.floor(x + 0.5)
    return ((r + 2 ** 31) % 2 ** 32) - 2 ** 31


def _string_values(s: _Spec, mv: memoryview, offset: int) -> tuple[list[bytes], int]:
    out: list[bytes] = []
    end = len(mv)
    for i in range(s.size):
        if offset + NUM_BYTES_STRING_LENGTH > end:
            raise WeightsError(f"Weight data is truncated: string weight '{s.name}' element {i} needs "
                               f"a 4-byte length at byte {offset} but the data has {end} bytes.")
        (n,) = struct.unpack_from("<I", mv, offset)
        offset += NUM_BYTES_STRING_LENGTH
        if offset + n > end:
            raise WeightsError(f"Weight data is truncated: string weight '{s.name}' element {i} needs "
                               f"{n} bytes at byte {offset} but the data has {end} bytes.")
        out.append(bytes(mv[offset:offset + n]))
        offset += n
    return out, offset


def _bytes_to_str(b: bytes) -> str:
    # Backends hold strings as str; bytes that are not UTF-8 survive a round trip as surrogates.
    return b.decode("utf-8", "surrogateescape")


def plan_weights(data: Any, specs: list[dict], *, strict: bool = True) -> list[tuple[_Spec, int, int]]:
    """Checks specs against the data and returns ``(spec, offset, nbytes)`` per weight without
    creating tensors. ``strict`` also rejects bytes left over after the last weight (TF.js
    ignores them)."""
    mv = memoryview(data).cast("B") if not isinstance(data, (bytes, bytearray)) else memoryview(data)
    checked = check_specs(specs)
    plan = []
    offset, total = 0, len(mv)
    for s in checked:
        n = s.fixed_nbytes()
        if n is None:
            _, end = _string_values(s, mv, offset)
            n = end - offset
        elif offset + n > total:
            raise WeightsError(f"Weight data is truncated: weight '{s.name}' needs bytes {offset} to "
                               f"{offset + n} but the data has {total} bytes.")
        plan.append((s, offset, n))
        offset += n
    if strict and offset != total:
        raise WeightsError(f"Weight data has {total - offset} unexpected trailing bytes: the specs "
                           f"account for {offset} of {total} bytes.")
    return plan


def decode_weights(data: Any, specs: list[dict], *, strict: bool = True) -> dict:
    """Decodes TF.js weight bytes into ``{name: Tensor}`` (TF.js's ``tf.io.decodeWeights``).

    ``data`` is ``bytes``/``bytearray``/``memoryview`` (the shards of all groups concatenated),
    ``specs`` the manifest's weight entries in order. Every problem raises
    :class:`~pytfjs.io.WeightsError` before any tensor is created.

    >>> import pytfjs as tf
    >>> w = decode_weights(b"\\x00\\x00\\x80\\x3f\\x02\\x00\\x00\\x00",
    ...                    [{"name": "a", "shape": [1], "dtype": "float32"},
    ...                     {"name": "b", "shape": [], "dtype": "int32"}])
    >>> w["a"].to_list(), w["b"].to_list()
    ([1.0], 2)
    >>> tf.dispose(list(w.values()))
    """
    from ..ops.creation import complex as _complex
    from ..ops.creation import tensor as _tensor
    mv = memoryview(data).cast("B") if not isinstance(data, (bytes, bytearray)) else memoryview(data)
    plan = plan_weights(mv, specs, strict=strict)
    out: dict = {}
    try:
        for s, offset, n in plan:
            buf = mv[offset:offset + n]
            shape = list(s.shape)
            if s.qdtype is not None:
                out[s.name] = _tensor(_dequantize(s, buf), shape, s.dtype)
            elif s.dtype == "string":
                vals, _ = _string_values(s, mv, offset)
                out[s.name] = _tensor([_bytes_to_str(v) for v in vals], shape, "string")
            elif s.dtype == "float32":
                out[s.name] = _tensor(_frombytes("f", buf), shape, "float32")
            elif s.dtype == "int32":
                out[s.name] = _tensor(_frombytes("i", buf), shape, "int32")
            elif s.dtype == "bool":
                out[s.name] = _tensor(_frombytes("B", buf), shape, "bool")
            else:  # complex64
                vals = _frombytes("f", buf)
                re = _tensor(vals[0::2], shape, "float32")
                im = _tensor(vals[1::2], shape, "float32")
                try:
                    out[s.name] = _complex(re, im)
                finally:
                    re.dispose()
                    im.dispose()
    except BaseException:
        for t in out.values():
            t.dispose()
        raise
    return out


# --------------------------------------------------------------------------- encoding

def _float16_bytes(values: Iterable[float]) -> bytes:
    """IEEE half bits of each value (round to nearest even, overflow to +-inf), little-endian."""
    inf = float("inf")
    vals = [v if (math.isnan(v) or abs(v) < 65520.0) else math.copysign(inf, v) for v in values]
    return struct.pack(f"<{len(vals)}e", *vals)


def quantize_values(values: Any, qdtype: str) -> tuple[bytes, dict]:
    """Quantizes float32 values as the TF.js converter does; returns (bytes, metadata) where
    metadata is ``{"min", "scale"}`` for affine dtypes and ``{}`` for float16."""
    if qdtype == "float16":
        return _float16_bytes(values), {}
    if qdtype not in ("uint8", "uint16"):
        raise WeightsError(f"Unknown quantization dtype {qdtype!r}; expected 'uint8', 'uint16' or "
                           f"'float16'.")
    vals = [float(v) for v in values]
    code = "B" if qdtype == "uint8" else "H"
    if not vals:
        # The converter would fail on an empty array (min() of nothing); store nothing.
        return b"", {"min": 0.0, "scale": 1.0}
    if any(not math.isfinite(v) for v in vals):
        raise WeightsError(f"Cannot quantize to {qdtype}: the values contain NaN or infinity.")
    lo, hi = min(vals), max(vals)
    if lo == hi:
        out = array.array(code, bytes(len(vals) * (1 if code == "B" else 2)))
        meta = {"min": lo, "scale": 1.0}
    else:
        qmax = 255 if qdtype == "uint8" else 65535
        scale = (hi - lo) / qmax
        if lo <= 0 <= hi:
            zero = round((0 - lo) / scale)
            nmin = -zero * scale
            nmax = qmax * scale + nmin
        else:
            nmin, nmax = lo, hi
        out = array.array(code, [min(qmax, max(0, round((min(max(v, nmin), nmax) - nmin) / scale)))
                                 for v in vals])
        meta = {"min": nmin, "scale": scale}
    if _BIG_ENDIAN and out.itemsize > 1:
        out.byteswap()
    return out.tobytes(), meta


def _named_tensors(tensors: Any) -> list[tuple[str, Any]]:
    if isinstance(tensors, Mapping):
        items = list(tensors.items())
    else:
        items = []
        for item in tensors:
            if isinstance(item, Mapping):  # TF.js NamedTensor {name, tensor}
                items.append((item["name"], item["tensor"]))
            else:
                name, t = item
                items.append((name, t))
    seen: set[str] = set()
    for name, _ in items:
        if not isinstance(name, str):
            raise WeightsError(f"Weight names must be strings, got {name!r}.")
        if name in seen:
            raise WeightsError(f"Duplicate weight name '{name}'.")
        seen.add(name)
    return items


def _quantization_for(name: str, quantization: Any) -> str | None:
    """The quantization dtype for one weight: ``quantization`` is None, a dtype applied to all
    float32 weights, or the converter's map ``{dtype: pattern(s) | True}`` (fnmatch patterns; a
    ``True`` value makes that dtype the fallthrough for unmatched names)."""
    if quantization is None:
        return None
    if isinstance(quantization, str):
        if quantization not in QUANTIZATION_DTYPES:
            raise WeightsError(f"Unknown quantization dtype {quantization!r}; expected 'uint8', "
                               f"'uint16' or 'float16'.")
        return quantization
    found, fallthrough = None, None
    for qd, patterns in quantization.items():
        if qd not in QUANTIZATION_DTYPES:
            raise WeightsError(f"Unknown quantization dtype {qd!r}; expected 'uint8', 'uint16' or "
                               f"'float16'.")
        if patterns is True:
            if fallthrough is not None:
                raise WeightsError("More than one quantization fallthrough provided, exactly one is "
                                   "supported.")
            fallthrough = qd
            continue
        if isinstance(patterns, str):
            patterns = [patterns]
        if any(fnmatch.fnmatchcase(name, p) for p in patterns):
            if found is not None and found != qd:
                raise WeightsError(f"Two quantization dtypes {found}, {qd} match the weight {name}.")
            found = qd
    return found or fallthrough


def encode_weights(tensors: Any, quantization: Any = None, group: str | None = None
                   ) -> tuple[bytes, list[dict]]:
    """Encodes tensors into TF.js weight bytes and specs (TF.js's ``tf.io.encodeWeights``, plus
    the converter's quantization).

    ``tensors`` is ``{name: Tensor}``, a list of ``(name, Tensor)`` pairs or TF.js-style
    ``{"name", "tensor"}`` dicts. ``quantization`` is None, ``"uint8"``/``"uint16"``/
    ``"float16"`` (every float32 weight) or ``{dtype: patterns}``. ``group`` (e.g.
    ``"optimizer"``) is written into each spec, as TF.js does.

    >>> import pytfjs as tf
    >>> t = tf.tensor([1.0, 2.0])
    >>> data, specs = encode_weights({"w": t})
    >>> len(data), specs
    (8, [{'name': 'w', 'shape': [2], 'dtype': 'float32'}])
    >>> t.dispose()
    """
    parts: list[bytes] = []
    specs: list[dict] = []
    for name, t in _named_tensors(tensors):
        dtype = t.dtype
        if dtype not in WEIGHT_DTYPES:
            raise WeightsError(f"Unsupported dtype in weight '{name}': {dtype}")
        spec: dict[str, Any] = {"name": name, "shape": list(t.shape), "dtype": dtype}
        values = t.data_sync()
        qd = _quantization_for(name, quantization) if dtype == "float32" else None
        if qd is not None:
            buf, meta = quantize_values(values, qd)
            spec["quantization"] = {"dtype": qd, **meta, "original_dtype": "float32"}
        elif dtype == "string":
            chunks = []
            for v in values:
                b = v if isinstance(v, (bytes, bytearray)) else str(v).encode("utf-8", "surrogateescape")
                chunks.append(struct.pack("<I", len(b)))
                chunks.append(bytes(b))
            buf = b"".join(chunks)
        else:
            code = {"float32": "f", "complex64": "f", "int32": "i", "bool": "B"}[dtype]
            if isinstance(values, array.array) and values.typecode == code:
                a = values
            else:
                a = array.array(code, [int(v) for v in values] if code == "B" else values)
            if _BIG_ENDIAN and a.itemsize > 1:
                a = array.array(code, a)
                a.byteswap()
            buf = a.tobytes()
        if group is not None:
            spec["group"] = group
        parts.append(buf)
        specs.append(spec)
    return b"".join(parts), specs


def concat_buffers(buffers: Iterable[Any]) -> bytes:
    """Concatenates bytes-like objects (TF.js's ``concatenateArrayBuffers``)."""
    return b"".join(memoryview(b).cast("B") if isinstance(b, memoryview) else bytes(b)
                    for b in buffers)


def group_into_shards(specs: list[dict], data: Any, shard_size: int | None = 4 * 1024 * 1024,
                      group_index: int = 1) -> tuple[list[dict], dict[str, bytes]]:
    """Splits one group's weight bytes into shards as the TF.js converter does: consecutive
    ``shard_size``-byte pieces (a weight may straddle two shards) named
    ``group{group_index}-shard{i}of{n}.bin``; ``shard_size=None`` writes one shard.

    Returns ``(weights_manifest, {path: bytes})``.

    >>> manifest, shards = group_into_shards([{"name": "a", "shape": [3], "dtype": "float32"}],
    ...                                      bytes(12), shard_size=8)
    >>> manifest[0]["paths"], [len(b) for b in shards.values()]
    (['group1-shard1of2.bin', 'group1-shard2of2.bin'], [8, 4])
    """
    if shard_size is not None and (not isinstance(shard_size, int) or isinstance(shard_size, bool)
                                   or shard_size <= 0):
        raise ValueError(f"shard_size must be a positive integer, got {shard_size!r}")
    data = bytes(data)
    size = shard_size or max(len(data), 1)
    n = -(-len(data) // size)
    shards = {f"group{group_index}-shard{i + 1}of{n}.bin": data[i * size:(i + 1) * size]
              for i in range(n)}
    return [{"paths": list(shards), "weights": list(specs)}], shards
