from tests.helpers import assert_close


def test_add_broadcast(tf):
    a = tf.tensor([[1.0], [2.0]])
    assert_close(a + tf.tensor([10.0, 20.0]), [[11, 21], [12, 22]], dtype="float32", shape=(2, 2))


def test_int_scalar_stays_int(tf):
    assert (tf.tensor([1, 2]) + 1).dtype == "int32"
    assert (tf.tensor([1, 2]) + 1.5).dtype == "float32"
