"""A functional model disposes each intermediate as soon as its last reader ran when no
gradient tape is recording (as TF.js's executor does), without touching inputs, outputs,
tensors reached through identity layers while still needed, or anything during training."""
from __future__ import annotations


def chain_model(tf, n=6, width=64):  # type: ignore[no-untyped-def]
    inp = tf.input(shape=[width])
    x = inp
    for _ in range(n):
        x = tf.layers.dense(units=width, activation="relu", kernel_initializer="ones",
                            bias_initializer="zeros").apply(x)
    return tf.model(inputs=inp, outputs=x)


def test_live_set_stays_small(tf):
    m = chain_model(tf, n=12, width=256)
    x = tf.ones([64, 256])
    info = tf.profile(lambda: m.predict(x, batch_size=64))       # one batch, no slicing
    act = 64 * 256 * 4
    weights = 12 * (256 * 256 + 256) * 4
    # the input, a layer's input and the few temporaries inside one layer (matmul, bias add,
    # relu where the backend does not fuse them); all twelve activations kept until the end
    # would be at least 13 x act
    assert info.peak_bytes - weights <= 6 * act + 4096
    y = info.result
    assert y.shape == (64, 256) and not x.is_disposed
    tf.dispose([y, x])
    m.dispose()


def test_identity_layers_shared_readers_and_intermediate_outputs(tf):
    inp = tf.input(shape=[4])
    a = tf.layers.dense(units=4, kernel_initializer="ones", bias_initializer="zeros").apply(inp)
    d = tf.layers.dropout(rate=0.5).apply(a)           # identity at inference: d is a
    b = tf.layers.dense(units=4, kernel_initializer="ones", bias_initializer="zeros").apply(d)
    s = tf.layers.add().apply([a, b])                   # a read again after d and b
    c = tf.layers.dense(units=2, kernel_initializer="ones", bias_initializer="zeros").apply(s)
    m = tf.model(inputs=inp, outputs=[c, a])            # an intermediate is also an output
    x = tf.tensor([[1.0, 2.0, 3.0, 4.0]])
    before = tf.memory().num_tensors
    out_c, out_a = m.predict(x)
    assert out_a.to_list() == [[10.0] * 4]
    assert out_c.to_list() == [[200.0, 200.0]]          # s = a + 4a = 50 per unit, x 4 units
    assert not x.is_disposed
    assert tf.memory().num_tensors == before + 2        # only the two outputs remain
    tf.dispose([out_c, out_a, x])
    m.dispose()


def test_training_keeps_intermediates_for_the_tape(tf):
    m = chain_model(tf, n=3, width=8)
    m.compile(optimizer="sgd", loss="mean_squared_error")
    x = tf.ones([4, 8])
    y = tf.zeros([4, 8])
    h = m.fit(x, y, epochs=2, batch_size=4, verbose=0)
    assert len(h.history["loss"]) == 2
    g = tf.grads(lambda v: tf.sum(m.apply(v)))([x])
    assert g[0].shape == (4, 8)
    tf.dispose([x, y, *g])
    m.dispose()
