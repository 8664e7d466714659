"""Training: compile / fit / evaluate / predict / train_on_batch / predict_on_batch /
fit_async / fit_dataset, validation, sample and class weights, every callback, the progress bar,
metrics and flat memory across epochs."""
from __future__ import annotations

import asyncio
import math
import re

import pytest


def _linear(tf, name, units=1, inputs=2, kernel="ones", use_bias=True, activation=None):
    return tf.sequential([tf.layers.dense(units=units, input_shape=[inputs], use_bias=use_bias,
                                          kernel_initializer=kernel, activation=activation,
                                          name=name)], name=f"{name}_model")


def _done(model):
    if model.optimizer is not None:
        model.optimizer.dispose()
    model.dispose()


def _data(tf, n=8):
    xs = [[i / n, 1 - i / n] for i in range(n)]
    ys = [[2 * a - b + 0.5] for a, b in xs]
    return tf.tensor(xs), tf.tensor(ys)


def _vals(t):
    return [round(v, 5) for v in t.data_sync().tolist()]


# ----------------------------------------------------------------------------- basics
def test_compile_fit_evaluate_predict(tf):
    with tf.tidy():
        model = _linear(tf, "basic")
        x, y = _data(tf)
        model.compile(optimizer=tf.train.sgd(0.3), loss="mean_squared_error")
        history = model.fit(x, y, epochs=20, batch_size=4, verbose=0, shuffle=False)
        assert history.epoch == list(range(20))
        losses = history.history["loss"]
        assert set(history.history) == {"loss"}
        assert losses[-1] < losses[0] / 10
        loss = model.evaluate(x, y)
        assert loss.shape == ()
        assert abs(loss.item() - losses[-1]) < losses[0] / 10
        pred = model.predict(x, batch_size=3)  # several batches, concatenated
        assert pred.shape == (8, 1)
        assert _vals(pred) == _vals(model.predict(x))
        _done(model)


def test_train_on_batch_and_predict_on_batch(tf):
    with tf.tidy():
        model = _linear(tf, "tob")
        model.compile(optimizer=tf.train.sgd(0.1), loss="mean_squared_error")
        # kernel ones, bias zero: prediction 3, target 0 -> loss 9 (computed before the step)
        assert model.train_on_batch(tf.tensor([[1.0, 2.0]]), tf.tensor([[0.0]])) == pytest.approx(9.0)
        # gradient 2*3*[1, 2, 1] -> kernel [0.4, -0.2], bias -0.6 -> prediction -0.6
        assert _vals(model.predict_on_batch(tf.tensor([[1.0, 2.0]]))) == [-0.6]
        assert [_vals(w.read()) for w in model.weights] == [[0.4, -0.2], [-0.6]]
        _done(model)


def test_fit_async_matches_fit(tf):
    with tf.tidy():
        x, y = _data(tf)
        a, b = _linear(tf, "fa_sync"), _linear(tf, "fa_async")
        for m in (a, b):
            m.compile(optimizer=tf.train.sgd(0.2), loss="mean_squared_error")
        h1 = a.fit(x, y, epochs=3, batch_size=3, shuffle=False, verbose=0)
        h2 = asyncio.run(b.fit_async(x, y, epochs=3, batch_size=3, shuffle=False, verbose=0))
        assert h2.history["loss"] == pytest.approx(h1.history["loss"], rel=1e-6)
        _done(a)
        _done(b)


def test_fit_dataset(tf):
    with tf.tidy():
        x, y = _data(tf)
        batches = [(tf.slice(x, [i, 0], [4, 2]), tf.slice(y, [i, 0], [4, 1])) for i in (0, 4)]
        as_dicts = [{"xs": bx, "ys": by} for bx, by in batches]
        a, b = _linear(tf, "fd_a"), _linear(tf, "fd_b")
        for m in (a, b):
            m.compile(optimizer=tf.train.sgd(0.2), loss="mean_squared_error")
        h1 = a.fit_dataset(batches, epochs=3, verbose=0, validation_data=[(x, y)])
        h2 = b.fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=0)
        assert h1.history["loss"] == pytest.approx(h2.history["loss"], rel=1e-6)
        assert len(h1.history["val_loss"]) == 3
        h3 = a.fit_dataset(as_dicts, epochs=1, verbose=0, batches_per_epoch=1)
        assert len(h3.history["loss"]) == 1
        _done(a)
        _done(b)


def test_validation_split_and_validation_data(tf):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "val")
        model.compile(optimizer=tf.train.sgd(0.1), loss="mean_squared_error")
        h = model.fit(x, y, epochs=1, batch_size=8, validation_split=0.25, verbose=0, shuffle=False)
        assert set(h.history) == {"loss", "val_loss"}
        # validation_split holds out the LAST 25% (Keras/TF.js), evaluated after the epoch
        last = model.evaluate(tf.slice(x, [6, 0], [2, 2]), tf.slice(y, [6, 0], [2, 1]))
        assert h.history["val_loss"][0] == pytest.approx(last.item(), rel=1e-5)
        h = model.fit(x, y, epochs=2, verbose=0, validation_data=(x, y))
        assert len(h.history["val_loss"]) == 2
        assert h.history["val_loss"][-1] == pytest.approx(model.evaluate(x, y).item(), rel=1e-5)
        _done(model)


def test_sample_weight_and_class_weight(tf):
    with tf.tidy():
        model = _linear(tf, "sw", use_bias=False)
        model.compile(optimizer=tf.train.sgd(0.0), loss="mean_squared_error")
        x = tf.tensor([[1.0, 2.0], [1.0, 1.0]])  # predictions 3 and 2
        y = tf.tensor([[0.0], [0.0]])            # squared errors 9 and 4
        assert model.evaluate(x, y).item() == pytest.approx(6.5)
        # weighted losses are averaged over the batch size (Keras and TF.js)
        assert model.evaluate(x, y, sample_weight=tf.tensor([1.0, 0.0])).item() == pytest.approx(4.5)
        assert model.train_on_batch(x, y, sample_weight=tf.tensor([0.0, 2.0])) == pytest.approx(4.0)
        h = model.fit(x, y, epochs=1, verbose=0, shuffle=False, sample_weight=tf.tensor([2.0, 1.0]))
        assert h.history["loss"] == pytest.approx([11.0])
        _done(model)
        clf = _linear(tf, "cw", use_bias=False, kernel="zeros", activation="sigmoid")
        clf.compile(optimizer=tf.train.sgd(0.0), loss="binary_crossentropy")
        xb, yb = tf.tensor([[1.0, 0.0], [0.0, 1.0]]), tf.tensor([[1.0], [0.0]])
        base = math.log(2.0)  # sigmoid(0) = 0.5 for both samples
        assert clf.train_on_batch(xb, yb) == pytest.approx(base, rel=1e-5)
        assert clf.train_on_batch(xb, yb, class_weight={0: 1.0, 1: 3.0}) == pytest.approx(2 * base, rel=1e-5)
        _done(clf)


def test_fit_dataset_keeps_the_callers_validation_tensors(tf):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "fdv")
        model.compile(optimizer="sgd", loss="mse")
        try:
            model.fit_dataset([(x, y)], epochs=1, verbose=0, validation_data=(x, y))
            assert not x.is_disposed
        finally:
            _done(model)


def test_history_records_lr(tf):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "hlr")
        model.compile(optimizer=tf.train.sgd(0.1), loss="mean_squared_error")
        try:
            h = model.fit(x, y, epochs=2, verbose=0, callbacks=[
                tf.callbacks.LearningRateScheduler(lambda e, lr: 0.1 / (e + 1))])
            assert h.history["lr"] == pytest.approx([0.1, 0.05])
        finally:
            _done(model)


def _lr_log(tf, model, out):
    return tf.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: out.append(logs["lr"]))


# ----------------------------------------------------------------------------- callbacks
def test_history_callback(tf):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "hist")
        model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
        h = model.fit(x, y, epochs=3, verbose=0)
        assert isinstance(h, tf.callbacks.History)
        assert h.epoch == [0, 1, 2] and model.history is h
        assert sorted(h.history) == ["loss", "mae"]
        assert all(len(v) == 3 for v in h.history.values())
        _done(model)


def test_early_stopping_restores_best_weights(tf):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "es")
        model.compile(optimizer=tf.train.sgd(0.1), loss="mean_squared_error")
        snapshots = []
        keep = tf.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: snapshots.append(
            [_vals(w.read()) for w in model.weights]))
        # the loss decreases every epoch, so with mode="max" epoch 0 stays the best
        stop = tf.callbacks.EarlyStopping(monitor="loss", mode="max", patience=1,
                                          restore_best_weights=True)
        h = model.fit(x, y, epochs=10, verbose=0, shuffle=False, callbacks=[keep, stop])
        assert h.epoch == [0, 1, 2]  # stopped once patience was exceeded
        assert stop.stopped_epoch == 2
        assert [_vals(w.read()) for w in model.weights] == snapshots[0]
        with pytest.raises(KeyError, match="'nope' is not in the logs"):
            model.fit(x, y, epochs=1, verbose=0, callbacks=[tf.callbacks.EarlyStopping(monitor="nope")])
        model.is_training = False
        _done(model)


def test_reduce_lr_on_plateau(tf):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "rlr")
        model.compile(optimizer=tf.train.sgd(0.1), loss="mean_squared_error")
        cb = tf.callbacks.ReduceLROnPlateau(monitor="loss", mode="max", factor=0.5, patience=1,
                                            min_lr=0.02)
        lrs = []
        model.fit(x, y, epochs=5, verbose=0, callbacks=[cb, _lr_log(tf, model, lrs)])
        # epochs 1..4 do not "improve" (mode max on a falling loss): halve after each, floor
        # 0.02; logs["lr"] is the rate the epoch ran with (set before reducing, as Keras)
        assert lrs == pytest.approx([0.1, 0.1, 0.05, 0.025, 0.02])
        assert model.optimizer.current_learning_rate() == pytest.approx(0.02)
        with pytest.raises(ValueError, match="factor >= 1.0"):
            tf.callbacks.ReduceLROnPlateau(factor=2.0)
        _done(model)


def test_learning_rate_scheduler(tf):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "lrs")
        model.compile(optimizer=tf.train.sgd(0.1), loss="mean_squared_error")
        seen = []
        sched = tf.callbacks.LearningRateScheduler(lambda epoch, lr: seen.append(lr) or 0.1 / (epoch + 1))
        lrs = []
        model.fit(x, y, epochs=3, verbose=0, callbacks=[sched, _lr_log(tf, model, lrs)])
        assert lrs == pytest.approx([0.1, 0.05, 0.1 / 3])
        assert seen == pytest.approx([0.1, 0.1, 0.05])
        _done(model)


def test_csv_logger(tf, tmp_path):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "csv")
        model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
        path = tmp_path / "log.csv"
        h = model.fit(x, y, epochs=2, verbose=0, validation_data=(x, y),
                      callbacks=[tf.callbacks.CSVLogger(str(path))])
        rows = path.read_text().splitlines()
        assert rows[0] == "epoch,loss,mae,val_loss,val_mae"
        assert len(rows) == 3
        first = rows[1].split(",")
        assert first[0] == "0" and float(first[1]) == pytest.approx(h.history["loss"][0])
        model.fit(x, y, epochs=1, verbose=0, callbacks=[tf.callbacks.CSVLogger(str(path), append=True)])
        assert len(path.read_text().splitlines()) == 4  # appended, no second header
        _done(model)


def test_terminate_on_nan(tf, capsys):
    with tf.tidy():
        model = _linear(tf, "nan")
        model.compile(optimizer="sgd", loss="mse")
        x = tf.tensor([[float("nan"), 1.0]] * 4)
        batches = []
        h = model.fit(x, tf.zeros([4, 1]), epochs=5, batch_size=2, verbose=0,
                      callbacks=[tf.callbacks.TerminateOnNaN(),
                                 tf.callbacks.LambdaCallback(on_batch_end=lambda b, logs: batches.append(b))])
        assert batches == [0] and h.epoch == [0]
        assert "Batch 0: invalid loss, terminating training" in capsys.readouterr().out
        _done(model)


def test_lambda_callback_hooks(tf):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "lam")
        model.compile(optimizer="sgd", loss="mse")
        calls = []
        cb = tf.callbacks.LambdaCallback(
            on_train_begin=lambda logs: calls.append("train_begin"),
            on_epoch_begin=lambda e, logs: calls.append(f"epoch_begin{e}"),
            on_batch_begin=lambda b, logs: calls.append(f"batch_begin{b}"),
            on_batch_end=lambda b, logs: calls.append(f"batch_end{b}"),
            on_epoch_end=lambda e, logs: calls.append(f"epoch_end{e}"),
            on_train_end=lambda logs: calls.append("train_end"))
        model.fit(x, y, epochs=2, batch_size=4, verbose=0, callbacks=[cb])
        assert calls == ["train_begin",
                         "epoch_begin0", "batch_begin0", "batch_end0", "batch_begin1", "batch_end1", "epoch_end0",
                         "epoch_begin1", "batch_begin0", "batch_end0", "batch_begin1", "batch_end1", "epoch_end1",
                         "train_end"]
        with pytest.raises(TypeError, match="unknown hook"):
            tf.callbacks.LambdaCallback(on_whatever=print)
        _done(model)


def test_model_checkpoint_saves(tf, tmp_path):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "ckpt")
        model.compile(optimizer="sgd", loss="mse")
        cb = tf.callbacks.ModelCheckpoint(str(tmp_path / "m-{epoch}"))
        model.fit(x, y, epochs=2, verbose=0, callbacks=[cb])
        assert (tmp_path / "m-1" / "model.json").exists() and (tmp_path / "m-2" / "model.json").exists()
        best = tf.callbacks.ModelCheckpoint(str(tmp_path / "best"), monitor="loss", save_best_only=True)
        model.fit(x, y, epochs=2, verbose=0, callbacks=[best])
        reloaded = tf.load_layers_model(str(tmp_path / "best"))
        assert reloaded.predict(x).shape == model.predict(x).shape
        reloaded.dispose()
        _done(model)


# ----------------------------------------------------------------------------- progress bar
def test_progress_bar_at_verbose_1(tf, capsys):
    with tf.tidy():
        x, y = _data(tf)
        model = _linear(tf, "pbar")
        model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
        capsys.readouterr()
        model.fit(x, y, epochs=2, batch_size=3, verbose=1, validation_data=(x, y))
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 4
        assert lines[0] == "Epoch 1/2" and lines[2] == "Epoch 2/2"
        bar = re.compile(r"^3/3 \[={30}\] - \d+s \d+ms/step - loss: \d+\.\d{4} - mae: \d+\.\d{4}"
                         r" - val_loss: \d+\.\d{4} - val_mae: \d+\.\d{4}$")
        assert bar.match(lines[1]), lines[1]
        assert bar.match(lines[3]), lines[3]
        model.fit(x, y, epochs=1, verbose=0)
        assert capsys.readouterr().out == ""
        _done(model)


# ----------------------------------------------------------------------------- metrics
def test_accuracy_resolves_from_the_loss(tf):
    with tf.tidy():
        # identity model: predictions are the inputs
        model = _linear(tf, "acc", units=3, inputs=3, kernel="identity", use_bias=False)
        x = tf.tensor([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.4, 0.4, 0.2]])
        onehot = tf.tensor([[1, 0, 0], [0, 1, 0], [0, 1, 0], [1, 0, 0]], None, "float32")
        model.compile(optimizer="sgd", loss="categorical_crossentropy", metrics=["accuracy"])
        assert model.metrics_names == ["loss", "accuracy"]
        assert model.evaluate(x, onehot)[1].item() == pytest.approx(0.75)  # argmax ties -> first
        model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["acc"])
        assert model.evaluate(x, tf.tensor([[0], [1], [1], [0]], None, "float32"))[1].item() == pytest.approx(0.75)
        model.optimizer.dispose()
        _done(model)
        binary = _linear(tf, "bacc", units=1, inputs=1, kernel="ones", use_bias=False)
        binary.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["accuracy"])
        xb = tf.tensor([[0.9], [0.2], [0.6], [0.3]])
        assert binary.evaluate(xb, tf.tensor([[1.0], [0.0], [0.0], [1.0]]))[1].item() == pytest.approx(0.5)
        _done(binary)


def test_precision_recall_auc_f1(tf):
    with tf.tidy():
        model = _linear(tf, "prf", units=1, inputs=1, kernel="ones", use_bias=False)
        model.compile(optimizer="sgd", loss="binary_crossentropy",
                      metrics=["precision", "recall", "auc", "f1"])
        assert model.metrics_names == ["loss", "precision", "recall", "auc", "f1"]
        x = tf.tensor([[0.9], [0.2], [0.6], [0.3]])
        y = tf.tensor([[1.0], [0.0], [0.0], [1.0]])
        loss, precision, recall, auc, f1 = [t.item() for t in model.evaluate(x, y, batch_size=3)]
        assert loss == pytest.approx(-(math.log(0.9) + math.log(0.8) + math.log(0.4) + math.log(0.3)) / 4,
                                     rel=1e-4)
        # threshold 0.5: TP 1, FP 1, FN 1; AUC: 3 of 4 positive/negative pairs ranked right
        assert precision == pytest.approx(0.5)
        assert recall == pytest.approx(0.5)
        assert f1 == pytest.approx(0.5)
        assert auc == pytest.approx(0.75, abs=0.01)
        _done(model)


# ----------------------------------------------------------------------------- memory
def test_memory_stays_flat_across_epochs(tf):
    with tf.tidy():
        x, y = _data(tf, 16)
        model = tf.sequential([tf.layers.dense(units=8, input_shape=[2], activation="relu", name="mem_a"),
                               tf.layers.dropout(rate=0.2, name="mem_drop"),
                               tf.layers.dense(units=1, name="mem_b")])
        model.compile(optimizer=tf.train.adam(0.01), loss="mse", metrics=["mae"])
        counts = []
        track = tf.callbacks.LambdaCallback(
            on_epoch_end=lambda e, logs: counts.append((tf.memory()["num_tensors"],
                                                        tf.memory()["num_bytes"])))
        model.fit(x, y, epochs=4, batch_size=5, verbose=0, validation_split=0.25, callbacks=[track])
        assert len(set(counts)) == 1, counts
        before = tf.memory()["num_tensors"]
        tf.dispose(model.evaluate(x, y))
        model.predict(x, batch_size=5).dispose()
        assert tf.memory()["num_tensors"] == before
        _done(model)


def test_sparse_categorical_crossentropy_with_int32_labels(tf):
    # int32 class ids (the natural label dtype) and float ids give the same loss.
    with tf.tidy():
        model = tf.sequential([tf.layers.dense(units=3, input_shape=[2], activation="softmax",
                                               kernel_initializer="ones")])
        model.compile(optimizer=tf.train.sgd(0.0), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        x = tf.tensor([[1.0, 2.0], [0.5, -1.0]])
        a = model.evaluate(x, tf.tensor([0, 2]))
        b = model.evaluate(x, tf.tensor([0.0, 2.0]))
        assert abs(a[0].item() - b[0].item()) < 1e-6 and abs(a[1].item() - b[1].item()) < 1e-6
        model.dispose()


def test_early_stopping_factory_and_auc_log_name(tf):
    # TF.js's tf.callbacks.earlyStopping; metrics=['AUC'] logs 'auc' as Keras does
    with tf.tidy():
        x = tf.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]])
        y = tf.tensor([[1.0], [0.0], [1.0], [0.0]])
        model = _linear(tf, "es_auc", activation="sigmoid", kernel="zeros")
        model.compile(optimizer=tf.train.sgd(0.1), loss="binary_crossentropy", metrics=["AUC"])
        assert model.metrics_names == ["loss", "auc"]
        stop = tf.callbacks.early_stopping(monitor="val_auc", patience=0)
        assert isinstance(stop, tf.callbacks.EarlyStopping) and stop.mode == "max"
        assert tf.callbacks.early_stopping({"monitor": "loss", "patience": 3}).patience == 3
        h = model.fit(x, y, epochs=2, verbose=0, validation_data=(x, y), callbacks=[stop])
        assert "val_auc" in h.history
        _done(model)


def test_compiled_metrics_ignore_sample_and_class_weights(tf):
    # TF.js and Keras weight only the loss; 'accuracy' counts every sample once
    with tf.tidy():
        clf = _linear(tf, "mw", use_bias=False, kernel="ones", activation="sigmoid")
        clf.compile(optimizer=tf.train.sgd(0.0), loss="binary_crossentropy", metrics=["accuracy"])
        x = tf.tensor([[1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0]])  # every prediction is 1
        y = tf.tensor([[1.0], [0.0], [0.0], [0.0]])                        # accuracy 0.25
        assert clf.train_on_batch(x, y, class_weight={0: 1.0, 1: 5.0})[1] == pytest.approx(0.25)
        ev = clf.evaluate(x, y, sample_weight=tf.tensor([4.0, 0.0, 0.0, 0.0]))
        assert ev[1].item() == pytest.approx(0.25)
        h = clf.fit(x, y, epochs=1, verbose=0, sample_weight=tf.tensor([4.0, 0.0, 0.0, 0.0]))
        assert h.history["accuracy"] == pytest.approx([0.25])
        _done(clf)


def test_predict_checks_the_input_shape_before_batching(tf):
    with tf.tidy():
        model = _linear(tf, "pshape", inputs=64)
        with pytest.raises(Exception, match=r"expected shape \[None, 64\], but got array with shape \[64\]"):
            model.predict(tf.zeros([64]))
        _done(model)
