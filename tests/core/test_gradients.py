"""The gradient API and the tape: grad/grads/value_and_grad(s)/variable_grads/custom_grad,
path filtering, accumulation, higher order, error messages and memory."""
from __future__ import annotations

import pytest

from tests.helpers import assert_close


def test_grad_of_square(tf):
    g = tf.grad(lambda x: tf.mul(x, x))
    assert_close(g(tf.tensor([2.0, -3.0])), [4.0, -6.0], dtype="float32")
    assert_close(g(tf.tensor([2.0, -3.0]), tf.tensor([10.0, 1.0])), [40.0, -6.0])


def test_grad_accepts_tensorlike(tf):
    assert_close(tf.grad(lambda x: tf.add(x, x))([1.0, 2.0]), [2.0, 2.0])


def test_grads_and_accumulation(tf):
    # x is used twice: the gradients accumulate.
    f = lambda a, b: tf.add(tf.mul(a, b), tf.mul(a, a))  # noqa: E731
    da, db = tf.grads(f)([tf.tensor([1.0, 2.0]), tf.tensor([3.0, 4.0])])
    assert_close(da, [5.0, 8.0])
    assert_close(db, [1.0, 2.0])


def test_broadcast_gradient_is_summed(tf):
    da, db = tf.grads(lambda a, b: tf.add(a, b))([tf.tensor([[1.0, 2.0], [3.0, 4.0]]),
                                                  tf.tensor([1.0, 1.0])])
    assert da.shape == (2, 2) and db.shape == (2,)
    assert_close(db, [2.0, 2.0])


def test_value_and_grad(tf):
    value, g = tf.value_and_grad(lambda x: tf.sum(tf.mul(x, x)))(tf.tensor([1.0, 2.0]))
    assert_close(value, 5.0)
    assert_close(g, [2.0, 4.0])
    res = tf.value_and_grads(lambda a, b: tf.sum(tf.mul(a, b)))([tf.tensor([1.0]), tf.tensor([3.0])])
    assert_close(res.value, 3.0)
    assert_close(res.grads[0], [3.0])
    assert_close(res.grads[1], [1.0])


def test_second_order(tf):
    x = tf.tensor([2.0, 3.0])
    gg = tf.grad(tf.grad(lambda x: tf.mul(tf.mul(x, x), x)))  # d2/dx2 x^3 = 6x
    assert_close(gg(x), [12.0, 18.0])


def test_variable_grads(tf):
    w = tf.variable(tf.tensor([1.0, 2.0]), name="tg_w")
    b = tf.variable(tf.tensor([0.5]), name="tg_b")
    frozen = tf.variable(tf.tensor([3.0]), trainable=False, name="tg_frozen")
    try:
        value, grads = tf.variable_grads(lambda: tf.sum(tf.add(tf.mul(w, w), tf.mul(b, frozen))))
        assert set(grads) == {"tg_w", "tg_b"}
        assert_close(grads["tg_w"], [2.0, 4.0])
        assert_close(grads["tg_b"], [6.0])  # sum over the broadcast axis
        assert_close(value, 1.0 + 4.0 + 3.0)
        value2, grads2 = tf.variable_grads(lambda: tf.sum(tf.mul(w, w)), [w])
        assert list(grads2) == ["tg_w"]
        with pytest.raises(ValueError, match="must return a scalar"):
            tf.variable_grads(lambda: tf.mul(w, w), [w])
        with pytest.raises(ValueError, match="Cannot find a connection"):
            tf.variable_grads(lambda: tf.sum(tf.tensor([1.0])), [w])
        with pytest.raises(TypeError, match="only Variables"):
            tf.variable_grads(lambda: tf.sum(w), [tf.tensor([1.0])])
    finally:
        tf.dispose([w, b, frozen])


def test_custom_grad(tf):
    def f(x, save):
        save([x])
        return tf.mul(x, x), lambda dy, saved: tf.mul(dy, tf.mul(saved[0], 10.0))

    cg = tf.custom_grad(f)
    x = tf.tensor([1.0, 2.0])
    assert_close(cg(x), [1.0, 4.0])
    assert_close(tf.grad(cg)(x), [10.0, 20.0])
    bad = tf.custom_grad(lambda x, save: tf.mul(x, x))
    with pytest.raises(TypeError, match=r"\(value, grad_fn\)"):
        bad(x)


def test_errors(tf):
    with pytest.raises(ValueError, match="Cannot compute gradient of y=f\\(x\\)"):
        tf.grad(lambda x: tf.tensor([1.0, 2.0]))(tf.tensor([1.0, 2.0]))
    with pytest.raises(TypeError, match="float tensors.*int32"):
        tf.grad(lambda x: tf.add(x, x))(tf.tensor([1, 2]))
    with pytest.raises(ValueError, match="shape of dy"):
        tf.grad(lambda x: tf.add(x, x))(tf.tensor([1.0, 2.0]), tf.tensor([1.0]))
    with pytest.raises(TypeError, match="must be a function"):
        tf.grad(3)
    with pytest.raises(TypeError, match="must be a list"):
        tf.grads(lambda a: a)(tf.tensor([1.0]))
    with pytest.raises(TypeError, match="must be a tensor"):
        tf.grad(lambda x: 3.0)(tf.tensor([1.0]))


def test_missing_gradient_names_the_kernel(tf):
    from pytfjs.core.opdef import GRADIENTS
    saved = GRADIENTS.pop("Add")
    try:
        with pytest.raises(LookupError, match="'Add'"):
            tf.grad(lambda x: tf.add(x, x))(tf.tensor([1.0]))
    finally:
        GRADIENTS["Add"] = saved


def test_no_tensor_leaks_and_tape_released(tf):
    from pytfjs.core.engine import ENGINE
    x = tf.tensor([1.0, 2.0, 3.0])
    f = tf.grad(lambda x: tf.sum(tf.mul(tf.add(x, 1.0), x)))
    f(x).dispose()
    n0 = tf.memory().num_tensors
    for _ in range(50):
        f(x).dispose()
    assert tf.memory().num_tensors == n0
    assert ENGINE.active_tape is None and ENGINE.gradient_depth == 0


def test_tape_released_after_error(tf):
    from pytfjs.core.engine import ENGINE

    def boom(x):
        tf.mul(x, x)
        raise RuntimeError("inside f")

    x = tf.tensor([1.0])
    n0 = tf.memory().num_tensors
    with pytest.raises(RuntimeError, match="inside f"):
        tf.grad(boom)(x)
    assert ENGINE.active_tape is None and ENGINE.gradient_depth == 0
    assert tf.memory().num_tensors == n0


def test_ops_outside_the_path_are_ignored(tf):
    y_other = []

    def f(x):
        y_other.append(tf.keep(tf.exp(tf.tensor([5.0]))))  # not connected to x
        return tf.mul(x, 3.0)

    assert_close(tf.grad(f)(tf.tensor([1.0])), [3.0])
    tf.dispose(y_other)


def test_only_needed_input_gradients_are_computed(tf):
    # as TF.js's lazy grad closures: the gradient w.r.t. a conv's or a matmul's data input is
    # never computed when only the weights need gradients (the data is not on a path to them)
    x = tf.ones([2, 5, 5, 1])
    f = tf.variable(tf.ones([3, 3, 1, 2]))
    d = tf.ones([2, 3])
    w = tf.variable(tf.ones([3, 4]))

    def loss():
        return tf.add(tf.sum(tf.conv2d(x, f, 1, "valid")), tf.sum(tf.mat_mul(d, w)))

    info = tf.profile(lambda: tf.variable_grads(loss))
    names = [k.name for k in info.kernels]
    assert "Conv2DBackpropFilter" in names and "Conv2DBackpropInput" not in names
    assert names.count("BatchMatMul") == 2            # forward + dw only, no dx
    value, grads = info.result
    assert grads[f.name].shape == (3, 3, 1, 2) and grads[w.name].shape == (3, 4)
    assert grads[f.name].to_list()[0][0][0] == [18.0, 18.0]
    # with the data as an x, its gradient is computed
    g = tf.grad(lambda t: tf.sum(tf.conv2d(t, f, 1, "valid")))(x)
    assert g.shape == (2, 5, 5, 1) and g.to_list()[0][2][2] == [18.0]  # 9 windows x 2 filters
    tf.dispose([value, *grads.values(), g, f, w])


def test_only_needed_input_gradients_conv3d_and_dilation2d(tf):
    x3 = tf.ones([1, 3, 3, 3, 1])
    f3 = tf.variable(tf.ones([2, 2, 2, 1, 1]))
    x2 = tf.ones([1, 4, 4, 1])
    f2 = tf.variable(tf.zeros([2, 2, 1]))
    info = tf.profile(lambda: tf.variable_grads(
        lambda: tf.add(tf.sum(tf.conv3d(x3, f3, 1, "valid")),
                       tf.sum(tf.dilation2d(x2, f2, 1, "valid")))))
    names = [k.name for k in info.kernels]
    assert "Conv3DBackpropFilterV2" in names and "Conv3DBackpropInputV2" not in names
    assert "Dilation2DBackpropFilter" in names and "Dilation2DBackpropInput" not in names
    value, grads = info.result
    g3 = grads[f3.name]
    shape, vals = g3.shape, g3.data_sync()
    tf.dispose([value, *grads.values(), f3, f2])
    assert shape == (2, 2, 2, 1, 1) and list(vals) == [8.0] * 8   # 8 windows of ones
