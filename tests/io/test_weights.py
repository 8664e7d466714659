"""encode_weights / decode_weights / quantization / sharding, and their errors."""
from __future__ import annotations

import struct

import pytest

from pytfjs import io
from pytfjs.io import WeightsError

F32 = {"name": "w", "shape": [2], "dtype": "float32"}


def test_round_trip_every_dtype(tf) -> None:
    ts = {"f": tf.tensor([1.5, -2.0, 0.25]), "i": tf.tensor([3, -4], dtype="int32"),
          "b": tf.tensor([True, False]), "c": tf.complex(tf.tensor([1.0]), tf.tensor([2.0])),
          "s": tf.tensor(["ab", "cé", ""], [3], "string"), "e": tf.zeros([0, 2])}
    try:
        data, specs = io.encode_weights(ts, group="model")
        assert [s["group"] for s in specs] == ["model"] * 6
        out = io.decode_weights(data, specs)
        try:
            for k, t in ts.items():
                assert out[k].dtype == t.dtype and out[k].shape == t.shape
                assert out[k].to_list() == t.to_list()
        finally:
            tf.dispose(list(out.values()))
    finally:
        tf.dispose(list(ts.values()))


def test_string_layout_and_named_tensor_list(tf) -> None:
    t = tf.tensor(["é", ""], [2], "string")
    try:
        data, specs = io.encode_weights([{"name": "s", "tensor": t}])
    finally:
        t.dispose()
    assert data == struct.pack("<I", 2) + "é".encode() + struct.pack("<I", 0)
    assert specs == [{"name": "s", "shape": [2], "dtype": "string"}]


def test_quantization_map_and_int_weights_untouched(tf) -> None:
    ts = [("conv/kernel", tf.tensor([0.0, 1.0])), ("dense/kernel", tf.tensor([0.0, 1.0])),
          ("ids", tf.tensor([1, 2], dtype="int32"))]
    try:
        _, specs = io.encode_weights(ts, quantization={"uint16": "conv/*", "float16": True})
    finally:
        tf.dispose([t for _, t in ts])
    assert specs[0]["quantization"]["dtype"] == "uint16"
    assert specs[1]["quantization"] == {"dtype": "float16", "original_dtype": "float32"}
    assert "quantization" not in specs[2]


def test_quantize_values_converter_example() -> None:
    # The converter's documented example: [0, -0.1, 1.2] (float32) -> [20, 0, 255].
    vals = struct.unpack("<3f", struct.pack("<3f", 0, -0.1, 1.2))
    data, meta = io.quantize_values(vals, "uint8")
    assert list(data) == [20, 0, 255]
    assert meta["min"] == pytest.approx(-0.10196078817) and meta["scale"] == pytest.approx(0.00509803940852)


def test_float16_overflow_and_nan() -> None:
    data, meta = io.quantize_values([65504.0, 65520.0, -1e6, float("nan"), 1e-8], "float16")
    assert meta == {}
    assert struct.unpack("<5H", data)[:3] == (0x7BFF, 0x7C00, 0xFC00)
    assert struct.unpack("<5H", data)[4] == 0


def test_int32_affine_dequantization_rounds_like_math_round(tf) -> None:
    spec = {"name": "q", "shape": [3], "dtype": "int32",
            "quantization": {"dtype": "uint8", "min": -1.5, "scale": 1.0}}
    out = io.decode_weights(bytes([0, 1, 2]), [spec])["q"]
    try:
        assert out.to_list() == [-1, 0, 1]  # Math.round(-1.5) == -1, Math.round(-0.5) == -0
    finally:
        out.dispose()


def test_group_into_shards_names() -> None:
    manifest, shards = io.group_into_shards([F32], bytes(10), shard_size=4)
    assert manifest[0]["paths"] == ["group1-shard1of3.bin", "group1-shard2of3.bin",
                                    "group1-shard3of3.bin"]
    assert b"".join(shards.values()) == bytes(10)
    assert io.group_into_shards([], b"")[0] == [{"paths": [], "weights": []}]
    with pytest.raises(ValueError, match="shard_size must be a positive integer, got 0"):
        io.group_into_shards([F32], bytes(8), shard_size=0)


def test_concat_buffers() -> None:
    assert io.concat_buffers([b"a", bytearray(b"b"), memoryview(b"cd")]) == b"abcd"


# ---------------------------------------------------------------- errors (exact messages)

@pytest.mark.parametrize("specs,data,message", [
    ([F32], bytes(7), "Weight data is truncated: weight 'w' needs bytes 0 to 8 but the data has 7 bytes."),
    ([F32], bytes(9), "Weight data has 1 unexpected trailing bytes: the specs account for 8 of 9 bytes."),
    ([{"name": "w", "shape": [2], "dtype": "float64"}], bytes(16), "Unsupported dtype in weight 'w': float64"),
    ([{"name": "w", "shape": [-2], "dtype": "float32"}], b"", "Weight 'w' has a negative dimension in its shape [-2]."),
    ([{"name": "w", "shape": [2.0], "dtype": "float32"}], b"",
     "Weight 'w' has an invalid shape [2.0]: expected a list of integers."),
    ([{"name": "w", "shape": [2 ** 31 - 1, 2 ** 31 - 1], "dtype": "float32"}], b"",
     ("Weight 'w' with shape [2147483647, 2147483647] needs 18446744056529682436 bytes, "
      "more than any buffer can hold.")),
    ([F32, F32], bytes(16), "Duplicate weight name 'w' in the weight specs."),
    ([{"shape": [1], "dtype": "float32"}], bytes(4), "Weight spec #0 is missing a string 'name'."),
    ([{"name": "w", "dtype": "float32"}], bytes(4), "Weight 'w' is missing the field 'shape'."),
    ([{"name": "w", "shape": [1]}], bytes(4), "Weight 'w' is missing the field 'dtype'."),
    (["w"], b"", "Weight spec #0 must be an object, got str."),
    ([{"name": "w", "shape": [1], "dtype": "float32", "quantization": {"dtype": "int4"}}], b"\0",
     ("Weight 'w' has unknown quantization dtype int4. Supported quantization dtypes are: 'uint8', "
     "'uint16', and 'float16'.")),
    ([{"name": "w", "shape": [1], "dtype": "float32", "quantization": {"dtype": "uint8", "min": 0}}],
     b"\0", "Weight w with quantization uint8 doesn't have corresponding metadata min and scale."),
    ([{"name": "w", "shape": [1], "dtype": "int32", "quantization": {"dtype": "float16"}}], b"\0\0",
     "Weight w is quantized with float16 which only supports weights of type float32 not int32."),
    ([{"name": "s", "shape": [1], "dtype": "string"}], b"\x05\0\0\0ab",
     ("Weight data is truncated: string weight 's' element 0 needs 5 bytes at byte 4 but the data has "
     "6 bytes.")),
    ([{"name": "s", "shape": [2], "dtype": "string"}], b"\0\0\0\0\0",
     ("Weight data is truncated: string weight 's' element 1 needs a 4-byte length at byte 4 but the "
     "data has 5 bytes.")),
])
def test_decode_errors(tf, specs, data, message) -> None:
    with pytest.raises(WeightsError) as e:
        io.decode_weights(data, specs)
    assert str(e.value) == message


def test_non_strict_allows_trailing_bytes(tf) -> None:
    out = io.decode_weights(bytes(9), [F32], strict=False)
    assert out["w"].to_list() == [0.0, 0.0]
    out["w"].dispose()


def test_encode_errors(tf) -> None:
    t = tf.tensor([1.0])
    try:
        with pytest.raises(WeightsError, match="^Duplicate weight name 'a'.$"):
            io.encode_weights([("a", t), ("a", t)])
        with pytest.raises(WeightsError, match="^Unknown quantization dtype 'int8'; expected"):
            io.encode_weights({"a": t}, quantization="int8")
        with pytest.raises(WeightsError, match="^Cannot quantize to uint8: the values contain NaN"):
            io.quantize_values([float("nan"), 1.0], "uint8")
    finally:
        t.dispose()


def test_huge_dimensions_are_rejected_even_for_empty_weights():
    # Found by the fuzzer: [0, 2**31, 2**31] has no elements, yet no array can have that shape.
    import pytest

    from pytfjs import io
    with pytest.raises(io.WeightsError, match=r"dimension larger than 2\*\*31 - 1"):
        io.decode_weights(b"", [{"name": "a", "shape": [0, 2**31, 2**31], "dtype": "float32"}])
    with pytest.raises(io.WeightsError, match="multiply past"):
        io.decode_weights(b"", [{"name": "a", "shape": [0, 2**31 - 1, 2**31 - 1, 2**31 - 1],
                                 "dtype": "float32"}])
