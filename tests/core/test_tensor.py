"""Tensor creation, dtype inference, reading values, repr, operators on the basics."""
from __future__ import annotations

import array
import asyncio
import math

import pytest

from tests.helpers import assert_close


def test_infers_dtypes_from_python_values(tf):
    assert tf.tensor([1, 2]).dtype == "int32"
    assert tf.tensor([1.0, 2]).dtype == "float32"
    assert tf.tensor([True, False]).dtype == "bool"
    assert tf.tensor(["a", "b"]).dtype == "string"
    assert tf.tensor([1 + 2j]).dtype == "complex64"
    assert tf.tensor([]).dtype == "float32" and tf.tensor([]).shape == (0,)
    assert tf.scalar(3).shape == () and tf.scalar(3).dtype == "int32"


def test_nested_lists_shape_and_values(tf):
    t = tf.tensor([[[1, 2, 3]], [[4, 5, 6]]])
    assert t.shape == (2, 1, 3) and t.rank == 3 and t.size == 6 and t.ndim == 3
    assert t.to_list() == [[[1, 2, 3]], [[4, 5, 6]]]
    assert tf.tensor([[], []]).shape == (2, 0)


def test_shape_and_dtype_arguments(tf):
    t = tf.tensor([1, 2, 3, 4, 5, 6], [2, 3], "float32")
    assert t.shape == (2, 3) and t.dtype == "float32"
    assert t.to_list() == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert tf.tensor([1.7, -1.7], dtype="int32").to_list() == [1, -1]
    assert tf.tensor([0, 3], dtype="bool").to_list() == [False, True]
    assert tf.tensor2d([1, 2, 3, 4], [2, 2]).shape == (2, 2)


def test_float32_rounding_like_tfjs(tf):
    # 0.1 is not representable: the stored float32 reads back as float32(0.1).
    v = tf.scalar(0.1).to_list()
    assert v == array.array("f", [0.1])[0]


def test_bad_values_raise_precise_errors(tf):
    with pytest.raises(ValueError, match=r"should have 2 elements, but has 3"):
        tf.tensor([[1, 2], [3, 4, 5]])
    with pytest.raises(ValueError, match=r"should have 4 values but has 3"):
        tf.tensor([1, 2, 3], [2, 2])
    with pytest.raises(TypeError, match="mixes strings and numbers"):
        tf.tensor(["a", 1])
    with pytest.raises(TypeError, match="Unknown dtype 'float99'"):
        tf.tensor([1], dtype="float99")
    with pytest.raises(TypeError, match="must be a Tensor or TensorLike, but got 'object'"):
        tf.tensor(object())
    with pytest.raises(TypeError, match="must be a primitive"):
        tf.scalar([1, 2])
    with pytest.raises(ValueError, match="requires values of rank 1"):
        tf.tensor1d([[1, 2]])
    with pytest.raises(TypeError, match="may not contain Tensors"):
        tf.tensor([tf.scalar(1.0)])


def test_buffer_protocol_and_array_interface(tf):
    t = tf.tensor(array.array("f", [0.5, 1.5, 2.5]))
    assert t.dtype == "float32" and t.to_list() == [0.5, 1.5, 2.5]
    t = tf.tensor(array.array("i", [1, 2, 3, 4]), [2, 2])
    assert t.dtype == "int32" and t.shape == (2, 2)
    np = pytest.importorskip("numpy")
    a = np.arange(6, dtype=np.float64).reshape(2, 3)
    t = tf.tensor(a)
    assert t.dtype == "float32" and t.shape == (2, 3)
    a[0, 0] = 100  # the tensor holds its own copy
    assert t.to_list()[0][0] == 0.0
    assert tf.tensor(np.array([True, False])).dtype == "bool"
    assert tf.tensor(np.array(["x", "yz"])).to_list() == ["x", "yz"]
    assert tf.tensor(np.int64(7)).dtype == "int32"
    assert tf.tensor(np.array([1 + 1j], dtype=np.complex64)).to_list() == [1 + 1j]


def test_reading_values(tf):
    t = tf.tensor([[1.5, 2.0], [3.0, -4.0]])
    d = t.data_sync()
    assert isinstance(d, array.array) and d.typecode == "f" and list(d) == [1.5, 2.0, 3.0, -4.0]
    assert t.array_sync() == [[1.5, 2.0], [3.0, -4.0]]
    assert asyncio.run(t.data()).tolist() == [1.5, 2.0, 3.0, -4.0]
    assert asyncio.run(t.array()) == [[1.5, 2.0], [3.0, -4.0]]
    b = tf.tensor([True, False])
    assert list(b.data_sync()) == [1, 0] and b.to_list() == [True, False]
    c = tf.tensor([1 + 2j, 3 - 4j])
    assert list(c.data_sync()) == [1.0, 2.0, 3.0, -4.0]
    assert tf.tensor(["héllo"]).data_sync() == ["héllo"]
    assert tf.scalar(2.5).item() == 2.5 and float(tf.scalar(2.5)) == 2.5 and int(tf.scalar(3)) == 3


def test_numpy_interop(tf):
    np = pytest.importorskip("numpy")
    t = tf.tensor([[1, 2], [3, 4]])
    a = t.numpy()
    assert a.dtype == np.int32 and a.shape == (2, 2)
    a[0, 0] = 99  # a writable copy
    assert t.to_list()[0][0] == 1
    v = np.asarray(t)
    assert v.tolist() == [[1, 2], [3, 4]]
    assert np.asarray(tf.tensor(["a"])).dtype.kind == "U"
    assert np.asarray(tf.scalar(1.5), dtype=np.float64).dtype == np.float64


def test_repr_and_print(tf, capsys):
    t = tf.tensor([[1, 2], [3, 4]])
    r = repr(t)
    assert "shape=(2, 2)" in r and "dtype=int32" in r and "[[1, 2]," in r
    t.print()
    out = capsys.readouterr().out
    assert out.startswith("Tensor\n") and "[3, 4]]" in out
    t.print(verbose=True)
    assert "dtype: int32" in capsys.readouterr().out
    big = tf.zeros([100]) if hasattr(tf, "zeros") else tf.tensor([0.0] * 100)
    assert "..." in repr(big)
    assert repr(tf.scalar(True)).startswith("tf.Tensor(true")


def test_dispose_and_use_after_dispose(tf):
    t = tf.tensor([1.0, 2.0])
    t.dispose()
    t.dispose()  # idempotent
    assert t.is_disposed
    with pytest.raises(tf.DisposedTensorError, match="disposed"):
        t.data_sync()
    with pytest.raises(tf.DisposedTensorError, match="disposed"):
        tf.add(t, 1.0)
    assert "disposed" in repr(t)


def test_bool_and_len(tf):
    assert bool(tf.scalar(True)) is True
    with pytest.raises(ValueError, match="ambiguous"):
        bool(tf.tensor([1, 2]))
    assert len(tf.tensor([[1], [2], [3]])) == 3
    with pytest.raises(TypeError, match="scalar"):
        len(tf.scalar(1))


def test_special_values_round_trip(tf):
    t = tf.tensor([math.nan, math.inf, -math.inf, -0.0])
    assert_close(t, [math.nan, math.inf, -math.inf, 0.0])
    assert math.copysign(1.0, t.to_list()[3]) == -1.0


def test_clone_shares_values(tf):
    t = tf.tensor([1, 2])
    c = tf.clone(t)
    assert c is not t and c.to_list() == [1, 2]
    assert t.clone().dtype == "int32"


def test_numpy_functions_and_numpy_int_axes(tf):
    np = pytest.importorskip("numpy")
    t = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert np.sum(t) == 10.0 and np.mean(t, axis=0).tolist() == [2.0, 3.0]
    assert np.concatenate([t, t]).shape == (4, 2)
    assert tf.sum(t, np.int64(1)).to_list() == [3.0, 7.0]
    assert tf.gather(t, [1], np.int64(1)).to_list() == [[2.0], [4.0]]
    assert tf.concat([t, t], np.int32(1)).shape == (2, 4)


def test_int64_arrays_out_of_int32_range_raise(tf):
    np = pytest.importorskip("numpy")
    if tf.get_backend() != "numpy":
        pytest.skip("the check runs where NumPy arrays are converted (numpy backend)")
    assert tf.tensor(np.array([1, -2], dtype=np.int64)).to_list() == [1, -2]
    with pytest.raises(OverflowError, match="outside the int32 range"):
        tf.tensor(np.array([2**40]))
    assert tf.tensor(np.array([2**40]), dtype="int64").to_list() == [2**40]
