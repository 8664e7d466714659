"""Training for graph models (tfjs-layers ``engine/training.ts``): compile, fit (sync and
async), fit_dataset, evaluate, predict, train_on_batch, predict_on_batch."""
from __future__ import annotations

import math
import random as _random
from typing import Any, Iterable

from ..core.engine import ENGINE
from ..core.tensor import Tensor
from . import callbacks as _cb
from . import losses as _losses
from . import metrics as _metrics


def _tf() -> Any:
    import pytfjs
    return pytfjs


class TrainingError(ValueError):
    """Bad arguments to compile / fit / evaluate / predict."""


class TrainingMixin:
    def __init__(self) -> None:
        self.optimizer: Any = None
        self.stop_training = False
        self.is_training = False
        self._compiled = False

    # ------------------------------------------------------------------ compile
    def compile(self, optimizer: Any, loss: Any, metrics: Any = None,
                loss_weights: Any = None) -> None:
        """Configures training: an optimizer (instance or name such as ``"adam"``), a loss per
        output (name, function, list or dict by output name), metrics and loss weights."""
        from ..train import Optimizer, optimizer_from_config
        self.optimizer = optimizer if isinstance(optimizer, Optimizer) else optimizer_from_config(optimizer)
        names = self.output_names
        n = len(names)
        if isinstance(loss, dict):
            unknown = set(loss) - set(names)
            if unknown:
                raise TrainingError(f"Unknown entries in loss dictionary: {sorted(unknown)}. Only "
                                    f"expected the following keys: {names}")
            loss = [loss[k] for k in names]
        elif isinstance(loss, (list, tuple)):
            if len(loss) != n:
                raise TrainingError(f"When passing a list as loss, it should have one entry per "
                                    f"model output. The model has {n} output(s), but you passed "
                                    f"loss={list(loss)}")
        else:
            loss = [loss] * n
        self.loss_functions = [_losses.get(l) for l in loss]
        self._loss_names = [l if isinstance(l, str) else _losses.name_of(f)
                            for l, f in zip(loss, self.loss_functions)]
        if loss_weights is None:
            self.loss_weights = [1.0] * n
        elif isinstance(loss_weights, dict):
            self.loss_weights = [float(loss_weights.get(k, 1.0)) for k in names]
        else:
            if len(loss_weights) != n:
                raise TrainingError(f"loss_weights has {len(loss_weights)} entries for {n} outputs")
            self.loss_weights = [float(w) for w in loss_weights]
        if metrics is None:
            per_output: list[list] = [[] for _ in range(n)]
        elif isinstance(metrics, dict):
            per_output = [list(metrics.get(k, [])) if isinstance(metrics.get(k, []), (list, tuple))
                          else [metrics[k]] for k in names]
        else:
            per_output = [list(metrics) if isinstance(metrics, (list, tuple)) else [metrics]] * n
        self.metrics_names = ["loss"] + ([f"{k}_loss" for k in names] if n > 1 else [])
        self._metric_objects: list[list[tuple[str, _metrics.Metric]]] = []
        for i, mets in enumerate(per_output):
            objs = []
            for m in mets:
                obj = _metrics.get(m, _losses.name_of(self.loss_functions[i]),
                                   self.outputs[i].shape if self.outputs else None)
                # 'AUC' names the class, as in Keras: the logs say 'auc'
                label = obj.name if m == "AUC" else m if isinstance(m, str) else obj.name
                full = f"{names[i]}_{label}" if n > 1 else label
                objs.append((full, obj))
                self.metrics_names.append(full)
            self._metric_objects.append(objs)
        self._compiled = True

    def _check_compiled(self, what: str) -> None:
        if not self._compiled:
            raise TrainingError(f"You must compile a model before {what}, e.g. "
                                f"model.compile(optimizer='sgd', loss='mean_squared_error')")

    # ------------------------------------------------------------------ data handling
    def _to_tensors(self, data: Any, names: list[str], what: str,
                    created: list | None = None) -> list[Tensor]:
        """Converts inputs/targets to tensors; tensors it had to create are appended to
        ``created`` (the caller disposes those, never the user's own tensors)."""
        tf = _tf()
        if isinstance(data, dict):
            missing = [n for n in names if n not in data]
            if missing:
                raise TrainingError(f"No data provided for {what} {missing}; got keys {list(data)}")
            data = [data[n] for n in names]
        elif len(names) > 1:
            if not isinstance(data, (list, tuple)) or len(data) != len(names):
                raise TrainingError(f"The model has {len(names)} {what}s ({names}); pass a list of "
                                    f"{len(names)} arrays or a dict by name")
        else:
            data = [data]
        out = []
        for name, d in zip(names, data):
            t = d if isinstance(d, Tensor) else tf.tensor(d)
            if t.dtype not in ("float32", "int32", "bool") and t.dtype != "string":
                t = tf.cast(t, "float32")
            if t is not d and created is not None:
                created.append(t)
            out.append(t)
        n = out[0].shape[0] if out and out[0].shape else None
        for name, t in zip(names, out):
            if not t.shape:
                raise TrainingError(f"{what} '{name}' must have a batch dimension, got a scalar")
            if t.shape[0] != n:
                raise TrainingError(f"All {what} arrays should have the same number of samples; "
                                    f"got {[t.shape[0] for t in out]}")
        return out

    def _targets(self, y: Any, created: list | None = None) -> list[Tensor]:
        tf = _tf()
        ys = self._to_tensors(y, self.output_names, "target", created)
        out = []
        for t, fn in zip(ys, self.loss_functions):
            if t.dtype != "float32" and fn is not _losses.sparse_categorical_crossentropy:
                t = tf.cast(t, "float32")
                if created is not None:
                    created.append(t)
            out.append(t)
        return out

    # ------------------------------------------------------------------ batches
    def _batch_losses(self, xs: list[Tensor], ys: list[Tensor], sws: list[Tensor | None],
                      training: bool, keep_outputs: list) -> Tensor:
        tf = _tf()
        from . import engine as _engine
        _engine.ACTIVITY_LOSSES = [] if training else None
        try:
            outs = self.call(xs if len(xs) > 1 else xs[0], training=training)
        finally:
            activity, _engine.ACTIVITY_LOSSES = _engine.ACTIVITY_LOSSES or [], None
        outs = outs if isinstance(outs, list) else [outs]
        total = None
        per_output = []
        for i, (o, y) in enumerate(zip(outs, ys)):
            per = self.loss_functions[i](y, o)
            if sws[i] is not None:
                w = tf.reshape(sws[i], [sws[i].shape[0]] + [1] * (per.rank - 1)) if per.rank > 1 else sws[i]
                per = tf.mul(per, w)
            loss = tf.mean(per)
            per_output.append(loss)
            weighted = loss if self.loss_weights[i] == 1.0 else tf.mul(loss, self.loss_weights[i])
            total = weighted if total is None else tf.add(total, weighted)
        for reg in self.losses + activity:
            total = tf.add(total, reg)
        keep_outputs.extend(tf.keep(o) for o in outs)
        if len(per_output) > 1:
            keep_outputs.extend(tf.keep(l) for l in per_output)
        return total

    def _train_batch(self, xs: list[Tensor], ys: list[Tensor], sws: list[Tensor | None]) -> list[float]:
        tf = _tf()
        weights = self.trainable_weights
        kept: list[Tensor] = []
        if not weights:  # nothing to update (Keras warns and still reports the loss)
            import warnings
            warnings.warn(f"Model {self.name} has no trainable weights; fit only evaluates the loss",
                          stacklevel=3)
            value = self._batch_losses(xs, ys, sws, True, kept)
            result = self._update_metrics(value, ys, kept, sws)
            tf.dispose(kept)
            return result
        value, grads = self.optimizer.compute_gradients(
            lambda: self._batch_losses(xs, ys, sws, True, kept), [w.variable for w in weights])
        self.optimizer.apply_gradients(grads)
        tf.dispose(grads)
        for w in weights:
            w.apply_constraint()
        result = self._update_metrics(value, ys, kept, sws)
        tf.dispose(kept)
        value.dispose()
        return result

    def _update_metrics(self, value: Tensor, ys: list[Tensor], kept: list[Tensor],
                        sws: list[Tensor | None]) -> list[float]:
        n = len(ys)
        outs = kept[:n]
        out_losses = [l.item() for l in kept[n:]]
        # Compiled metrics are unweighted (TF.js and Keras): sample/class weights scale the loss only.
        for i, objs in enumerate(self._metric_objects):
            for _, m in objs:
                m.update_state(ys[i], outs[i], None)
        return [value.item()] + out_losses

    def _reset_metrics(self) -> None:
        for objs in getattr(self, "_metric_objects", []):
            for _, m in objs:
                m.reset_state()

    def _metric_results(self) -> list[float]:
        return [m.result() for objs in self._metric_objects for _, m in objs]

    def _sample_weights(self, ys: list[Tensor], sample_weight: Any, class_weight: Any) -> list:
        tf = _tf()
        sws: list = [None] * len(ys)
        if sample_weight is not None:
            sw = sample_weight if isinstance(sample_weight, (list, tuple)) and len(ys) > 1 \
                else [sample_weight] * len(ys)
            sws = [None if s is None else (s if isinstance(s, Tensor) else tf.tensor(s, None, "float32"))
                   for s in sw]
        if class_weight is not None:
            cws = class_weight if isinstance(class_weight, (list, tuple)) else [class_weight] * len(ys)
            for i, (y, cw) in enumerate(zip(ys, cws)):
                if cw is None:
                    continue
                labels = (tf.arg_max(y, -1) if y.rank > 1 and y.shape[-1] > 1 else
                          tf.cast(tf.reshape(tf.round(tf.cast(y, "float32")), [-1]), "int32")).to_list()
                w = [float(cw.get(int(c), 1.0)) for c in labels]
                cwt = tf.tensor(w, None, "float32")
                sws[i] = cwt if sws[i] is None else tf.mul(sws[i], cwt)
        return sws

    # ------------------------------------------------------------------ fit
    def fit(self, x: Any = None, y: Any = None, batch_size: int | None = None, epochs: int = 1,
            verbose: int = 1, callbacks: list | None = None, validation_split: float = 0.0,
            validation_data: Any = None, shuffle: bool = True, class_weight: Any = None,
            sample_weight: Any = None, initial_epoch: int = 0, steps_per_epoch: int | None = None,
            seed: int | None = None) -> _cb.History:
        """Trains for ``epochs`` over ``(x, y)``; returns a ``History`` (``history.history``)."""
        gen = self._fit_steps(x, y, batch_size, epochs, verbose, callbacks, validation_split,
                              validation_data, shuffle, class_weight, sample_weight, initial_epoch,
                              seed)
        for _ in gen:
            pass
        return self._last_history

    async def fit_async(self, *args: Any, **kwargs: Any) -> _cb.History:
        """Like ``fit`` but yields to the event loop after every batch (TF.js's ``await fit``)."""
        import asyncio
        gen = self._fit_steps(*_fit_args(args, kwargs))
        for _ in gen:
            await asyncio.sleep(0)
        return self._last_history

    def _fit_steps(self, x: Any, y: Any, batch_size: int | None, epochs: int, verbose: int,
                   callbacks: list | None, validation_split: float, validation_data: Any,
                   shuffle: bool, class_weight: Any, sample_weight: Any, initial_epoch: int,
                   seed: int | None) -> Iterable[None]:
        self._check_compiled("training")
        if x is None or y is None:
            raise TrainingError("fit needs x and y (use fit_dataset for datasets)")
        if self.is_training:
            raise TrainingError("Cannot start training because another fit() call is ongoing.")
        tf = _tf()
        batch_size = batch_size or 32
        owned: list[Tensor] = []
        xs = self._to_tensors(x, self.input_names, "input", owned)
        ys = self._targets(y, owned)
        sws = self._sample_weights(ys, sample_weight, class_weight)
        owned += [s for s in sws if s is not None and s is not sample_weight]
        n = xs[0].shape[0]
        if ys[0].shape[0] != n:
            raise TrainingError(f"Input arrays should have the same number of samples as target "
                                f"arrays. Found {n} input samples and {ys[0].shape[0]} target samples.")
        val = None
        if validation_data is not None:
            if len(validation_data) == 3:
                vx, vy, vsw = validation_data
            else:
                vx, vy = validation_data
                vsw = None
            vys = self._targets(vy, owned)
            vsws = self._sample_weights(vys, vsw, None)
            val = (self._to_tensors(vx, self.input_names, "input", owned), vys, vsws)
            owned += [s for s in vsws if s is not None and s is not vsw]
        elif validation_split:
            if not 0 < validation_split < 1:
                raise TrainingError(f"validation_split must be in (0, 1), got {validation_split}")
            split = int(n * (1 - validation_split))
            if split == 0 or split == n:
                raise TrainingError(f"validation_split={validation_split} leaves no training or "
                                    f"validation samples out of {n}")
            tr_idx, va_idx = list(range(split)), list(range(split, n))
            vxs = [tf.gather(t, va_idx) for t in xs]
            vys = [tf.gather(t, va_idx) for t in ys]
            vsws = [None if s is None else tf.gather(s, va_idx) for s in sws]
            xs = [tf.gather(t, tr_idx) for t in xs]
            ys = [tf.gather(t, tr_idx) for t in ys]
            sws = [None if s is None else tf.gather(s, tr_idx) for s in sws]
            owned += xs + ys + vxs + vys + [s for s in sws + vsws if s is not None]
            val = (vxs, vys, vsws)
            n = split
        steps = math.ceil(n / batch_size)
        history = _cb.History()
        # History last, as Keras: it then records what other callbacks add to the logs (lr).
        cbs = list(callbacks or []) + ([_cb.ProgbarLogger()] if verbose else []) + [history]
        params = {"epochs": epochs, "steps": steps, "samples": n, "batch_size": batch_size,
                  "verbose": verbose, "do_validation": val is not None,
                  "metrics": self.metrics_names}
        cb = _cb.CallbackList(cbs, self, params)
        rng = _random.Random(seed)
        self.stop_training = False
        self.is_training = True
        try:
            cb.on_train_begin({})
            for epoch in range(initial_epoch, epochs):
                cb.on_epoch_begin(epoch, {})
                self._reset_metrics()
                order = list(range(n))
                if shuffle == "batch":
                    blocks = [order[i:i + batch_size] for i in range(0, n, batch_size)]
                    rng.shuffle(blocks)
                    order = [i for b in blocks for i in b]
                elif shuffle:
                    rng.shuffle(order)
                sums: list[float] = []
                seen = 0
                for b in range(steps):
                    idx = order[b * batch_size:(b + 1) * batch_size]
                    cb.on_batch_begin(b, {"batch": b, "size": len(idx)})

                    def batch_step(idx: list = idx) -> list[float]:
                        bx = [tf.gather(t, idx) for t in xs]
                        by = [tf.gather(t, idx) for t in ys]
                        bw = [None if s is None else tf.gather(s, idx) for s in sws]
                        return self._train_batch(bx, by, bw)
                    losses = ENGINE.tidy(batch_step)
                    sums = [a + v * len(idx) for a, v in zip(sums, losses)] if sums else \
                        [v * len(idx) for v in losses]
                    seen += len(idx)
                    logs = {"batch": b, "size": len(idx)}
                    logs.update(self._named(sums, seen))
                    cb.on_batch_end(b, logs)
                    yield None
                    if self.stop_training:
                        break
                epoch_logs = self._named(sums, seen) if seen else {}
                if val is not None:
                    vals = self._evaluate_tensors(val[0], val[1], val[2], batch_size)
                    epoch_logs.update({f"val_{k}": v for k, v in zip(self.metrics_names, vals)})
                cb.on_epoch_end(epoch, epoch_logs)
                if self.stop_training:
                    break
            cb.on_train_end({})
        finally:
            self.is_training = False
            tf.dispose(owned)
        self._last_history = history
        self.history = history

    def _named(self, sums: list[float], seen: int) -> dict[str, float]:
        n_loss = len(sums)
        names = self.metrics_names
        out = {names[i]: sums[i] / seen for i in range(n_loss)}
        for name, value in zip(names[n_loss:], self._metric_results()):
            out[name] = value
        return out

    def fit_dataset(self, dataset: Any, epochs: int = 1, verbose: int = 1, callbacks: list | None = None,
                    validation_data: Any = None, batches_per_epoch: int | None = None,
                    initial_epoch: int = 0, class_weight: Any = None) -> _cb.History:
        """Trains on an iterable of batches: ``(xs, ys)`` tuples or ``{"xs": ..., "ys": ...}``
        dicts (TF.js ``fitDataset``). The iterable is re-iterated every epoch."""
        self._check_compiled("training")
        tf = _tf()
        history = _cb.History()
        cbs = list(callbacks or []) + ([_cb.ProgbarLogger()] if verbose else []) + [history]
        cb = _cb.CallbackList(cbs, self, {"epochs": epochs, "steps": batches_per_epoch,
                                           "verbose": verbose, "metrics": self.metrics_names})
        self.stop_training = False
        cb.on_train_begin({})
        for epoch in range(initial_epoch, epochs):
            cb.on_epoch_begin(epoch, {})
            self._reset_metrics()
            sums: list[float] = []
            seen = 0
            for b, batch in enumerate(dataset):
                if batches_per_epoch is not None and b >= batches_per_epoch:
                    break
                bx, by = (batch["xs"], batch["ys"]) if isinstance(batch, dict) else batch

                def step(bx: Any = bx, by: Any = by) -> tuple[list[float], int]:
                    xs = self._to_tensors(bx, self.input_names, "input")
                    ys = self._targets(by)
                    sws = self._sample_weights(ys, None, class_weight)
                    return self._train_batch(xs, ys, sws), xs[0].shape[0]
                losses, size = ENGINE.tidy(step)
                sums = [a + v * size for a, v in zip(sums, losses)] if sums else [v * size for v in losses]
                seen += size
                cb.on_batch_end(b, {"batch": b, "size": size, **self._named(sums, seen)})
                if self.stop_training:
                    break
            logs = self._named(sums, seen) if seen else {}
            if validation_data is not None:
                if isinstance(validation_data, (list, tuple)) and len(validation_data) in (2, 3):
                    created: list[Tensor] = []
                    vx = self._to_tensors(validation_data[0], self.input_names, "input", created)
                    vy = self._targets(validation_data[1], created)
                    vals = self._evaluate_tensors(vx, vy, None, 32)
                    tf.dispose(created)
                else:
                    vals = self._evaluate_dataset(validation_data)
                logs.update({f"val_{k}": v for k, v in zip(self.metrics_names, vals)})
            cb.on_epoch_end(epoch, logs)
            if self.stop_training:
                break
        cb.on_train_end({})
        self.history = history
        return history

    # ------------------------------------------------------------------ evaluate / predict
    def _evaluate_tensors(self, xs: list[Tensor], ys: list[Tensor], sws: list | None,
                          batch_size: int) -> list[float]:
        tf = _tf()
        n = xs[0].shape[0]
        sws = sws or [None] * len(ys)
        self._reset_metrics()
        sums: list[float] = []
        for start in range(0, n, batch_size):
            idx = list(range(start, min(n, start + batch_size)))

            def step(idx: list = idx) -> list[float]:
                bx = [tf.gather(t, idx) for t in xs]
                by = [tf.gather(t, idx) for t in ys]
                bw = [None if s is None else tf.gather(s, idx) for s in sws]
                kept: list[Tensor] = []
                total = self._batch_losses(bx, by, bw, False, kept)
                out = self._update_metrics(total, by, kept, bw)
                tf.dispose(kept)
                return out
            vals = ENGINE.tidy(step)
            sums = [a + v * len(idx) for a, v in zip(sums, vals)] if sums else [v * len(idx) for v in vals]
        return [s / n for s in sums] + self._metric_results()

    def _evaluate_dataset(self, dataset: Any) -> list[float]:
        sums: list[float] = []
        seen = 0
        self._reset_metrics()
        for batch in dataset:
            bx, by = (batch["xs"], batch["ys"]) if isinstance(batch, dict) else batch

            def step(bx: Any = bx, by: Any = by) -> tuple[list[float], int]:
                tf = _tf()
                xs = self._to_tensors(bx, self.input_names, "input")
                ys = self._targets(by)
                kept: list[Tensor] = []
                total = self._batch_losses(xs, ys, [None] * len(ys), False, kept)
                out = self._update_metrics(total, ys, kept, [None] * len(ys))
                tf.dispose(kept)
                return out, xs[0].shape[0]
            vals, size = ENGINE.tidy(step)
            sums = [a + v * size for a, v in zip(sums, vals)] if sums else [v * size for v in vals]
            seen += size
        return [s / seen for s in sums] + self._metric_results()

    def evaluate(self, x: Any, y: Any, batch_size: int = 32, verbose: int = 0,
                 sample_weight: Any = None) -> Any:
        """Loss and metrics on ``(x, y)``: a scalar tensor, or a list (loss first) when the model
        has metrics or several outputs (TF.js ``evaluate``)."""
        self._check_compiled("evaluating")
        tf = _tf()
        created: list[Tensor] = []
        xs = self._to_tensors(x, self.input_names, "input", created)
        ys = self._targets(y, created)
        sws = self._sample_weights(ys, sample_weight, None)
        created += [s for s in sws if s is not None and s is not sample_weight]
        try:
            vals = self._evaluate_tensors(xs, ys, sws, batch_size)
        finally:
            tf.dispose(created)
        if verbose:
            print(" - ".join(f"{k}: {v:.4f}" for k, v in zip(self.metrics_names, vals)))
        out = [tf.scalar(v, "float32") for v in vals]
        return out[0] if len(out) == 1 else out

    def evaluate_dataset(self, dataset: Any) -> Any:
        self._check_compiled("evaluating")
        tf = _tf()
        out = [tf.scalar(v, "float32") for v in self._evaluate_dataset(dataset)]
        return out[0] if len(out) == 1 else out

    def predict(self, x: Any, batch_size: int = 32, verbose: int = 0) -> Any:
        """Runs the model in inference mode over ``x`` in batches; returns a tensor (a list for
        several outputs)."""
        tf = _tf()
        created: list[Tensor] = []
        xs = self._to_tensors(x, self.input_names, "input", created)
        try:
            for sym, t in zip(self.inputs, xs):  # before batching, so errors show the real shape
                self._check_input(sym, t)
            n = xs[0].shape[0]
            if n <= batch_size:
                return ENGINE.tidy(lambda: self.call(xs if len(xs) > 1 else xs[0], training=False))
            chunks: list[list[Tensor]] = []
            for start in range(0, n, batch_size):
                idx = list(range(start, min(n, start + batch_size)))

                def step(idx: list = idx) -> Any:
                    bx = [tf.slice(t, [start] + [0] * (t.rank - 1), [len(idx)] + [-1] * (t.rank - 1))
                          for t in xs]
                    out = self.call(bx if len(bx) > 1 else bx[0], training=False)
                    return out if isinstance(out, list) else [out]
                chunks.append(ENGINE.tidy(step))
            outs = [ENGINE.tidy(lambda i=i: tf.concat([c[i] for c in chunks], 0))
                    for i in range(len(chunks[0]))]
            tf.dispose(chunks)
            return outs if len(outs) > 1 else outs[0]
        finally:
            tf.dispose(created)

    def predict_on_batch(self, x: Any) -> Any:
        tf = _tf()
        created: list[Tensor] = []
        xs = self._to_tensors(x, self.input_names, "input", created)
        out = ENGINE.tidy(lambda: self.call(xs if len(xs) > 1 else xs[0], training=False))
        tf.dispose(created)
        return out

    def train_on_batch(self, x: Any, y: Any, sample_weight: Any = None, class_weight: Any = None) -> Any:
        """One gradient step on one batch; returns the loss (and metrics) as Python floats."""
        self._check_compiled("training")

        def step() -> list[float]:
            xs = self._to_tensors(x, self.input_names, "input")
            ys = self._targets(y)
            sws = self._sample_weights(ys, sample_weight, class_weight)
            self._reset_metrics()
            return self._train_batch(xs, ys, sws) + self._metric_results()
        vals = ENGINE.tidy(step)
        return vals[0] if len(vals) == 1 else vals

    def dispose_training(self) -> None:
        if self.optimizer is not None:
            self.optimizer.dispose()


def _fit_args(args: tuple, kwargs: dict) -> tuple:
    names = ["x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split",
             "validation_data", "shuffle", "class_weight", "sample_weight", "initial_epoch",
             "seed"]
    defaults = [None, None, None, 1, 1, None, 0.0, None, True, None, None, 0, None]
    values = dict(zip(names, defaults))
    values.update(zip(names, args))
    kwargs.pop("steps_per_epoch", None)
    unknown = set(kwargs) - set(names)
    if unknown:
        raise TypeError(f"fit_async: unknown argument(s) {sorted(unknown)}")
    values.update(kwargs)
    return tuple(values[n] for n in names)
