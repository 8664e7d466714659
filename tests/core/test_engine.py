"""Engine: scopes and tidy, keep/dispose, memory accounting, variables, profiling, backends, env."""
from __future__ import annotations

import logging

import pytest

from pytfjs.core.engine import ENGINE


def test_tidy_function_disposes_intermediates(tf):
    n0 = tf.memory().num_tensors
    x = tf.tensor([1.0, 2.0])

    def f():
        y = x + 1.0
        return y + 1.0

    z = tf.tidy(f)
    assert z.to_list() == [3.0, 4.0]
    assert tf.memory().num_tensors == n0 + 2  # x and z
    assert tf.tidy("named", lambda: x + x).to_list() == [2.0, 4.0]


def test_tidy_returns_nested_structures(tf):
    x = tf.tensor([1, 2])
    out = tf.tidy(lambda: {"a": [x + 1, (x + 2,)], "b": 3})
    assert out["a"][0].to_list() == [2, 3] and out["a"][1][0].to_list() == [3, 4]
    assert out["b"] == 3


def test_tidy_context_manager_keeps_only_marked(tf):
    x = tf.tensor([1.0])
    n0 = tf.memory().num_tensors
    with tf.tidy() as scope:
        kept = scope.keep(x * 2.0)
        dropped = x * 3.0
    assert not kept.is_disposed and dropped.is_disposed
    assert tf.memory().num_tensors == n0 + 1


def test_nested_tidy_moves_results_to_parent(tf):
    x = tf.tensor([1.0])
    inner_result = []

    def outer():
        inner = tf.tidy(lambda: x + 1.0)
        inner_result.append(inner)
        return None

    tf.tidy(outer)
    assert inner_result[0].is_disposed  # not returned by the outer scope


def test_tidy_disposes_on_exception(tf):
    n0 = tf.memory().num_tensors
    created = []

    def boom():
        created.append(tf.tensor([1.0]) + 1.0)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        tf.tidy(boom)
    assert created[0].is_disposed and tf.memory().num_tensors == n0


def test_tidy_rejects_coroutines(tf):
    async def f():
        return 1

    with pytest.raises(TypeError, match="coroutine"):
        tf.tidy(f)


def test_keep_survives_tidy(tf):
    holder = []

    def f():
        holder.append(tf.keep(tf.tensor([5])))
        return None

    tf.tidy(f)
    assert not holder[0].is_disposed
    tf.dispose(holder[0])


def test_dispose_containers(tf):
    a, b, c = tf.tensor([1]), tf.tensor([2]), tf.tensor([3])
    tf.dispose({"x": [a, (b,)], "y": c})
    assert a.is_disposed and b.is_disposed and c.is_disposed


def test_memory_counts_bytes_and_buffers(tf):
    m0 = tf.memory()
    t = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    m1 = tf.memory()
    assert m1.num_tensors - m0.num_tensors == 1
    assert m1.num_data_buffers - m0.num_data_buffers == 1
    assert m1.num_bytes - m0.num_bytes == 16
    c = tf.clone(t)
    assert tf.memory().num_tensors - m0.num_tensors == 2
    t.dispose()
    c.dispose()
    m2 = tf.memory()
    assert (m2.num_tensors, m2.num_data_buffers, m2.num_bytes) == \
        (m0.num_tensors, m0.num_data_buffers, m0.num_bytes)
    s = tf.tensor(["abc", "de"])
    m3 = tf.memory()
    assert m3.unreliable and m3.reasons and m3.num_bytes - m0.num_bytes == 5
    s.dispose()


def test_ten_thousand_ops_in_tidy_leave_memory_unchanged(tf):
    x = tf.tensor([1.0, 2.0, 3.0])
    n0 = tf.memory().num_tensors
    n = 10_000 if tf.get_backend() == "numpy" else 500

    def loop():
        y = x
        for _ in range(n):
            y = (y + 1.0) + x
        return None

    tf.tidy(loop)
    assert tf.memory().num_tensors == n0
    for _ in range(n):
        tf.tidy(lambda: (x + 1.0) + x).dispose()
    assert tf.memory().num_tensors == n0



def test_python_scalars_in_ops_do_not_leak(tf):
    x = tf.tensor([1.0, 2.0])
    n0 = tf.memory().num_tensors
    y = x + 1.0  # the scalar 1.0 becomes a tensor inside the op's own scope
    assert tf.memory().num_tensors == n0 + 1
    y.dispose()


def test_variables(tf):
    v = tf.variable(tf.tensor([1.0, 2.0]), name="test_variables_v")
    assert isinstance(v, tf.Variable) and v.trainable and v.name == "test_variables_v"
    with pytest.raises(ValueError, match="already registered"):
        tf.variable(tf.tensor([1.0]), name="test_variables_v")
    tf.tidy(lambda: v.assign(tf.tensor([3.0, 4.0])))
    assert v.to_list() == [3.0, 4.0]  # the assigned value survives the tidy
    with pytest.raises(ValueError, match="shape of the new value"):
        v.assign(tf.tensor([1.0]))
    with pytest.raises(TypeError, match="dtype of the new value"):
        v.assign(tf.tensor([1, 2]))
    w = tf.tidy(lambda: tf.variable(tf.tensor([1, 2]), False, None, "float32"))
    assert not w.is_disposed and w.dtype == "float32" and not w.trainable
    n = tf.memory().num_tensors
    tf.dispose_variables()
    assert v.is_disposed and w.is_disposed and tf.memory().num_tensors == n - 2


def test_profile_reports_kernels_and_bytes(tf):
    x = tf.tensor([[1.0, 2.0], [3.0, 4.0]])
    info = tf.profile(lambda: tf.tidy(lambda: (x + x) + 1.0))
    assert info.kernel_names == ["Add"]
    assert [k.name for k in info.kernels] == ["Add", "Add"]
    k = info.kernels[0]
    assert k.input_shapes == [[2, 2], [2, 2]] and k.output_shapes == [[2, 2]]
    assert k.bytes_added == 16 and k.kernel_ms >= 0.0
    assert info.new_tensors == 1 and info.new_bytes == 16
    assert info.peak_bytes >= tf.memory().num_bytes + 16  # the intermediate existed at some point
    assert "Add" in info.summary()
    assert info["new_tensors"] == 1
    tf.dispose(info.result)


def test_time_reports_kernel_and_wall_ms(tf):
    x = tf.tensor([1.0, 2.0])
    timing = tf.time(lambda: tf.tidy(lambda: x + x))
    assert timing.kernel_ms >= 0.0 and timing.wall_ms >= timing.kernel_ms * 0.5


def test_env_flags():
    import pytfjs as tf
    env = tf.env()
    assert env.get("IS_TEST") in (True, False)
    with pytest.raises(KeyError, match="not been registered"):
        env.set("NO_SUCH_FLAG", 1)
    with pytest.raises(KeyError, match="no evaluation function"):
        env.get("NO_SUCH_FLAG")
    env.set("IS_TEST", True)
    assert env.get("IS_TEST") is True
    env.set("IS_TEST", False)


def test_debug_mode_logs_kernels_and_catches_nan(tf, caplog):
    x = tf.tensor([1.0, float("nan")])
    tf.env().set("DEBUG", True)
    try:
        with caplog.at_level(logging.INFO, logger="pytfjs"):
            with pytest.raises(FloatingPointError, match="'Add' kernel has NaN"):
                tf.tidy(lambda: x + 1.0)
            tf.tidy(lambda: tf.tensor([1.0]) + 1.0)
        assert any("Add" in r.getMessage() for r in caplog.records)
    finally:
        tf.env().set("DEBUG", False)


def test_backend_registry_priority_and_lazy_init():
    import pytfjs as tf
    calls = []

    class Broken(Exception):
        pass

    def failing_factory():
        calls.append("init")
        raise Broken("no device here")

    assert tf.register_backend("test-broken", failing_factory, priority=-5)
    assert not tf.register_backend("test-broken", failing_factory)  # already registered
    assert calls == []  # lazy: nothing initialised at registration
    try:
        assert tf.set_backend("test-broken") is False
        assert "no device here" in ENGINE.init_error("test-broken")
        assert tf.find_backend("test-broken") is None
    finally:
        tf.remove_backend("test-broken")
    with pytest.raises(tf.BackendError, match="not found in registry"):
        tf.set_backend("no-such-backend")
    with pytest.raises(tf.BackendError, match="not found in registry"):
        tf.remove_backend("no-such-backend")


def test_moving_data_between_backends():
    np = pytest.importorskip("numpy")
    import pytfjs as tf
    from pytfjs.backends.numpy.backend import NumpyBackend
    from pytfjs.backends.xp import make_kernels
    from pytfjs.core.kernel_registry import register_kernels

    def factory():
        register_kernels("numpy-second", make_kernels(np))
        return NumpyBackend()

    previous = tf.get_backend()
    tf.register_backend("numpy-second", factory, priority=-1)
    try:
        x = tf.tensor([1.0, 2.0])
        first = ENGINE.backend_of(x)
        assert tf.set_backend("numpy-second")
        assert tf.backend().name == "numpy-second" and tf.get_backend() == "numpy-second"
        y = x + 1.0  # x moves to the active backend before the kernel runs
        assert x.backend == "numpy-second" and y.backend == "numpy-second"
        assert y.to_list() == [2.0, 3.0] and first.num_data_ids() >= 0
        tf.dispose([x, y])
    finally:
        tf.set_backend(previous)
        tf.remove_backend("numpy-second")


def test_ready_is_awaitable():
    import asyncio

    import pytfjs as tf

    async def main():
        await tf.ready()
        return tf.get_backend()

    assert asyncio.run(main()) in ENGINE.backend_names()
    tf.ready()  # a plain call works too
