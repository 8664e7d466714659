"""``Tensor.__getitem__`` against NumPy's basic-indexing semantics, and the strided-slice spec
computation in ``pytfjs.core.slicing`` (tests may use NumPy; the core may not)."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from pytfjs.core.slicing import SliceIndexError, getitem_spec, strided_slice_spec

_SHAPE = (3, 4, 5)
_BASE = np.arange(60, dtype=np.float32).reshape(_SHAPE)

_KEYS = [
    0, -1, 2, slice(None), slice(1, None), slice(None, -1), slice(None, None, -1),
    slice(None, None, 2), slice(-1, None, -2), slice(5, -10, -1), slice(-100, 100),
    slice(2, 1), slice(1, 1), None, Ellipsis,
    (0, 1), (0, 1, 2), (-1, -1, -1), (slice(None), 1), (1, slice(None, None, -1)),
    (Ellipsis, 0), (Ellipsis, None), (None, Ellipsis), (0, Ellipsis, 1), (None, 0, None),
    (slice(None, None, -2), None, slice(1, 3), Ellipsis), (Ellipsis, slice(3, 0, -1)),
    (1, None, slice(None, None, -1), 2), (slice(0, 3, 2), slice(3, None), slice(-2, None)),
    (None, None), (Ellipsis, None, 0, None), (2, 3, None, 4), (slice(10, 20),),
    (slice(None), slice(None), slice(None), None), (np.int32(1), np.int64(-2)), (),
]


@pytest.mark.parametrize("key", _KEYS, ids=[repr(k) for k in _KEYS])
def test_getitem_matches_numpy(tf, key):
    x = tf.tensor(_BASE)
    want = _BASE[key]
    got = x[key]
    assert got.shape == want.shape
    assert got.dtype == "float32"
    np.testing.assert_array_equal(np.asarray(got), want)


def test_getitem_exhaustive_1d_slices(tf):
    base = np.arange(6, dtype=np.int32)
    x = tf.tensor(base)
    vals = [None, -8, -6, -3, -1, 0, 1, 3, 5, 6, 9]
    for start, stop, step in itertools.product(vals, vals, [None, 1, 2, -1, -2, 4, -5]):
        key = slice(start, stop, step)
        got = x[key]
        assert got.dtype == "int32"
        assert got.to_list() == base[key].tolist(), key
        got.dispose()


def test_getitem_dtypes_and_scalars(tf):
    b = tf.tensor([True, False, True])
    assert b[::2].dtype == "bool" and b[::2].to_list() == [True, True]
    s = tf.tensor(["a", "b", "c"])
    assert s[-1].to_list() == "c" and s[::-1].to_list() == ["c", "b", "a"]
    sc = tf.scalar(5.0)
    assert sc[()].shape == () and sc[()].to_list() == 5.0
    assert sc[None].shape == (1,)
    assert sc[...].shape == ()
    e = tf.zeros([0, 3])
    assert e[:, 1].shape == (0,)
    assert e[1:, ::-1].shape == (0, 3)


def test_getitem_int_tensor_index(tf):
    x = tf.tensor([[1, 2], [3, 4]])
    i = tf.scalar(1, "int32")
    assert x[i].to_list() == [3, 4]
    assert x[0, i].to_list() == 2
    with pytest.raises(TypeError, match="integer scalar tensors"):
        x[tf.scalar(1.0)]


def test_getitem_gather(tf):
    x = tf.tensor(_BASE)
    for key in ([2, 0], [-1, 1, 1], (slice(None), [3, 0]), (1, [0, -1]),
                (Ellipsis, [4, 4, 0]), (None, slice(1, None), [[0, 1], [2, 3]]),
                (slice(None, None, -1), 0, [1])):
        want = _BASE[key]
        got = x[key]
        assert got.shape == want.shape, key
        np.testing.assert_array_equal(np.asarray(got), want)
    idx = tf.tensor([2, 0])
    np.testing.assert_array_equal(np.asarray(x[idx]), _BASE[[2, 0]])
    np.testing.assert_array_equal(np.asarray(x[:, idx]), _BASE[:, [2, 0]])


def test_getitem_errors(tf):
    x = tf.tensor(_BASE)
    with pytest.raises(IndexError, match="index 3 is out of bounds for axis 0 with size 3"):
        x[3]
    with pytest.raises(IndexError, match="index -5 is out of bounds for axis 1 with size 4"):
        x[0, -5]
    with pytest.raises(IndexError, match="index 5 is out of bounds for axis 2 with size 5"):
        x[..., 5]
    with pytest.raises(IndexError, match="too many indices"):
        x[0, 0, 0, 0]
    with pytest.raises(IndexError, match="single ellipsis"):
        x[..., ...]
    with pytest.raises(ValueError, match="step cannot be zero"):
        x[::0]
    with pytest.raises(TypeError, match="valid indices"):
        x["a"]
    with pytest.raises(TypeError, match="valid indices"):
        x[1.5]
    with pytest.raises(IndexError, match="index 3 is out of bounds for axis 0"):
        x[[0, 3]]
    with pytest.raises(IndexError, match="only one list or tensor index"):
        x[[0], [1]]
    with pytest.raises(TypeError, match="boolean mask"):
        x[tf.tensor([True, False, True])]
    with pytest.raises(IndexError, match="too many indices for tensor: tensor is 0-dim"):
        tf.scalar(1.0)[0]


def test_getitem_no_leak(tf):
    x = tf.tensor(_BASE)
    before = tf.memory().num_tensors
    y = x[1, ::2]
    z = x[:, [0, 2]]
    assert tf.memory().num_tensors == before + 2
    tf.dispose([y, z])
    assert tf.memory().num_tensors == before


# ------------------------------------------------------------- the spec computation itself
def test_spec_normalises_empty_and_negative_stride():
    s = strided_slice_spec((5,), [3], [1], [1])
    assert (s.begin, s.end, s.strides, s.sizes, s.shape) == ((0,), (0,), (1,), (0,), (0,))
    s = strided_slice_spec((5,), [4], [0], [-1], end_mask=1)
    assert (s.begin, s.end, s.strides, s.shape) == ((4,), (-1,), (-1,), (5,))
    s = strided_slice_spec((5,), [-1], [-10], [-2])
    assert (s.begin, s.end, s.strides, s.shape) == ((4,), (-1,), (-2,),
                                                     (3,))
    assert strided_slice_spec((2, 3), [0], [2]).is_identity((2, 3))
    assert not strided_slice_spec((2, 3), [0], [1]).is_identity((2, 3))


def test_spec_every_dense_range_is_exact():
    """For every 1-D spec, ``range(begin, end, stride)`` lists exactly NumPy's indices."""
    vals = [-7, -5, -2, -1, 0, 1, 2, 4, 5, 8]
    for n in (0, 1, 5):
        ar = np.arange(n)
        for b, e, st in itertools.product(vals, vals, [1, 2, 3, -1, -2, -4]):
            for bm, em in itertools.product((0, 1), repeat=2):
                s = strided_slice_spec((n,), [b], [e], [st], bm, em)
                key = slice(None if bm else b, None if em else e, st)
                assert list(range(s.begin[0], s.end[0], s.strides[0])) == ar[key].tolist(), \
                    (n, b, e, st, bm, em)
                assert s.shape == (len(ar[key]),)


def test_getitem_spec_masks():
    spec = getitem_spec((None, 0, slice(None, 2), Ellipsis), (3, 4, 5))
    assert spec == {"begin": [0, 0, 0, 0], "end": [0, 1, 2, 0], "strides": [1, 1, 1, 1],
                    "begin_mask": 4, "end_mask": 0, "ellipsis_mask": 8, "new_axis_mask": 1,
                    "shrink_axis_mask": 2}


def test_slice_index_error_is_index_and_value_error():
    with pytest.raises(SliceIndexError) as info:
        strided_slice_spec((2,), [5], [6], [1], shrink_axis_mask=1)
    assert isinstance(info.value, IndexError) and isinstance(info.value, ValueError)
