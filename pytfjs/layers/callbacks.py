"""Training callbacks: History, a Keras-style progress bar, EarlyStopping, ModelCheckpoint,
ReduceLROnPlateau, LearningRateScheduler, CSVLogger, TerminateOnNaN, LambdaCallback."""
from __future__ import annotations

import math
import sys
import time
from typing import Any, Callable


class Callback:
    """Base class; every hook receives ``logs`` (a dict of Python floats)."""

    def __init__(self) -> None:
        self.model: Any = None
        self.params: dict[str, Any] = {}

    def set_model(self, model: Any) -> None:
        self.model = model

    def set_params(self, params: dict[str, Any]) -> None:
        self.params = params

    def on_train_begin(self, logs: dict | None = None) -> None: ...
    def on_train_end(self, logs: dict | None = None) -> None: ...
    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None: ...
    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None: ...
    def on_batch_begin(self, batch: int, logs: dict | None = None) -> None: ...
    def on_batch_end(self, batch: int, logs: dict | None = None) -> None: ...


class CallbackList:
    def __init__(self, callbacks: list[Callback], model: Any, params: dict[str, Any]) -> None:
        self.callbacks = callbacks
        for c in callbacks:
            c.set_model(model)
            c.set_params(params)

    def __getattr__(self, hook: str) -> Callable[..., None]:
        def call(*args: Any) -> None:
            for c in self.callbacks:
                getattr(c, hook)(*args)
        return call


class History(Callback):
    """Records ``epoch`` numbers and per-epoch ``history[metric]`` lists; returned by ``fit``."""

    def on_train_begin(self, logs: dict | None = None) -> None:
        self.epoch: list[int] = []
        self.history: dict[str, list[float]] = {}

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch.append(epoch)
        for k, v in (logs or {}).items():
            self.history.setdefault(k, []).append(v)


def _fmt_time(seconds: float) -> str:
    if seconds >= 3600:
        return f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"
    if seconds >= 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return f"{int(seconds)}s"


class ProgbarLogger(Callback):
    """Keras's progress bar: ``12/12 [=====] - 1s 45ms/step - loss: 0.43 - acc: 0.88``.
    Redraws in place on a terminal; prints one line per epoch otherwise (logs, CI)."""

    def __init__(self, stream: Any = None, width: int = 30) -> None:
        super().__init__()
        self.stream = stream or sys.stdout
        self.width = width

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.start = time.perf_counter()
        self.last_draw = 0.0
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.stream.write(f"Epoch {epoch + 1}/{self.params.get('epochs', '?')}\n")
        self.stream.flush()

    def _line(self, step: int, logs: dict, final: bool) -> str:
        total = self.params.get("steps") or step
        filled = int(self.width * step / total) if total else self.width
        bar = "=" * max(filled - 1, 0) + (">" if filled < self.width else "=") if filled else ""
        bar = bar.ljust(self.width, ".")
        elapsed = time.perf_counter() - self.start
        per_step = elapsed / max(step, 1)
        timing = f"{_fmt_time(elapsed)} {per_step * 1000:.0f}ms/step" if final else \
            f"ETA: {_fmt_time(per_step * (total - step))}"
        metrics = " - ".join(f"{k}: {v:.4f}" for k, v in logs.items()
                             if isinstance(v, (int, float)) and k not in ("batch", "size"))
        return f"{step}/{total} [{bar}] - {timing}" + (f" - {metrics}" if metrics else "")

    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if not self.tty:
            return
        now = time.perf_counter()
        if now - self.last_draw < 0.05 and batch + 1 < (self.params.get("steps") or 0):
            return
        self.last_draw = now
        self.stream.write("\r" + self._line(batch + 1, logs or {}, False))
        self.stream.flush()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        steps = self.params.get("steps") or 0
        line = self._line(steps, logs or {}, True)
        self.stream.write(("\r" if self.tty else "") + line + "\n")
        self.stream.flush()


class EarlyStopping(Callback):
    """Stops training when ``monitor`` stops improving for ``patience`` epochs."""

    def __init__(self, monitor: str = "val_loss", min_delta: float = 0.0, patience: int = 0,
                 verbose: int = 0, mode: str = "auto", baseline: float | None = None,
                 restore_best_weights: bool = False) -> None:
        super().__init__()
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"EarlyStopping: mode must be auto, min or max, got {mode!r}")
        self.monitor, self.patience, self.verbose = monitor, patience, verbose
        self.baseline, self.restore_best_weights = baseline, restore_best_weights
        if mode == "auto":
            mode = "max" if "acc" in monitor or monitor.endswith("auc") else "min"
        self.mode = mode
        self.min_delta = abs(min_delta) * (1 if mode == "max" else -1)
        self.stopped_epoch = 0

    def _better(self, current: float, reference: float) -> bool:
        return current - self.min_delta > reference if self.mode == "max" else \
            current - self.min_delta < reference

    def on_train_begin(self, logs: dict | None = None) -> None:
        self.wait = 0
        self.best = self.baseline if self.baseline is not None else \
            (-math.inf if self.mode == "max" else math.inf)
        self.best_weights = None

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        current = (logs or {}).get(self.monitor)
        if current is None:
            raise KeyError(f"EarlyStopping: metric '{self.monitor}' is not in the logs "
                           f"(available: {', '.join(logs or {})})")
        if self._better(current, self.best):
            self.best = current
            self.wait = 0
            if self.restore_best_weights:
                self._snapshot()
        else:
            self.wait += 1
            if self.wait > self.patience:
                self.stopped_epoch = epoch
                self.model.stop_training = True

    def _snapshot(self) -> None:
        import pytfjs as tf
        if self.best_weights is not None:
            tf.dispose(self.best_weights)
        self.best_weights = [tf.keep(tf.clone(w.read())) for w in self.model.weights]

    def on_train_end(self, logs: dict | None = None) -> None:
        if self.restore_best_weights and self.best_weights is not None:
            import pytfjs as tf
            for w, v in zip(self.model.weights, self.best_weights):
                w.write(v)
            tf.dispose(self.best_weights)
            self.best_weights = None
        if self.stopped_epoch and self.verbose:
            print(f"Epoch {self.stopped_epoch + 1}: early stopping")


def early_stopping(args: dict | None = None, **kwargs: Any) -> EarlyStopping:
    """TF.js ``tf.callbacks.earlyStopping``: an ``EarlyStopping`` from keyword arguments (or one
    config dict)."""
    return EarlyStopping(**{**(args or {}), **kwargs})


class ModelCheckpoint(Callback):
    """Saves the model (``model.save(filepath)``) after each epoch, or only when ``monitor``
    improves with ``save_best_only``. ``filepath`` may contain ``{epoch}`` and log keys."""

    def __init__(self, filepath: str, monitor: str = "val_loss", verbose: int = 0,
                 save_best_only: bool = False, mode: str = "auto", save_freq: str = "epoch") -> None:
        super().__init__()
        self.filepath, self.monitor, self.verbose = filepath, monitor, verbose
        self.save_best_only = save_best_only
        self.mode = ("max" if "acc" in monitor else "min") if mode == "auto" else mode
        self.best = -math.inf if self.mode == "max" else math.inf

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        path = self.filepath.format(epoch=epoch + 1, **logs)
        if self.save_best_only:
            current = logs.get(self.monitor)
            if current is None:
                raise KeyError(f"ModelCheckpoint: metric '{self.monitor}' is not in the logs")
            better = current > self.best if self.mode == "max" else current < self.best
            if not better:
                return
            self.best = current
        self.model.save(path)
        if self.verbose:
            print(f"Epoch {epoch + 1}: saved model to {path}")


class ReduceLROnPlateau(Callback):
    """Multiplies the optimizer's learning rate by ``factor`` after ``patience`` epochs without
    improvement of ``monitor`` (down to ``min_lr``)."""

    def __init__(self, monitor: str = "val_loss", factor: float = 0.1, patience: int = 10,
                 verbose: int = 0, mode: str = "auto", min_delta: float = 1e-4, cooldown: int = 0,
                 min_lr: float = 0.0) -> None:
        super().__init__()
        if factor >= 1.0:
            raise ValueError("ReduceLROnPlateau does not support a factor >= 1.0")
        self.monitor, self.factor, self.patience, self.verbose = monitor, factor, patience, verbose
        self.mode = ("max" if "acc" in monitor else "min") if mode == "auto" else mode
        self.min_delta, self.cooldown, self.min_lr = min_delta, cooldown, min_lr

    def on_train_begin(self, logs: dict | None = None) -> None:
        self.wait = 0
        self.cooldown_counter = 0
        self.best = -math.inf if self.mode == "max" else math.inf

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs if logs is not None else {}
        opt = self.model.optimizer
        current = logs.get(self.monitor)
        logs["lr"] = opt.current_learning_rate()
        if current is None:
            raise KeyError(f"ReduceLROnPlateau: metric '{self.monitor}' is not in the logs")
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        improved = current < self.best - self.min_delta if self.mode == "min" else \
            current > self.best + self.min_delta
        if improved:
            self.best = current
            self.wait = 0
        elif self.cooldown_counter <= 0:
            self.wait += 1
            if self.wait >= self.patience:
                old = opt.current_learning_rate()
                new = max(old * self.factor, self.min_lr)
                if old - new > 1e-12:
                    opt.set_learning_rate(new)
                    if self.verbose:
                        print(f"Epoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {new}.")
                self.cooldown_counter = self.cooldown
                self.wait = 0


class LearningRateScheduler(Callback):
    """Sets the learning rate at each epoch start to ``schedule(epoch, lr)``."""

    def __init__(self, schedule: Callable[[int, float], float], verbose: int = 0) -> None:
        super().__init__()
        self.schedule, self.verbose = schedule, verbose

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        opt = self.model.optimizer
        lr = float(self.schedule(epoch, opt.current_learning_rate()))
        opt.set_learning_rate(lr)
        if self.verbose:
            print(f"Epoch {epoch + 1}: LearningRateScheduler setting learning rate to {lr}.")

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if logs is not None:
            logs["lr"] = self.model.optimizer.current_learning_rate()


class CSVLogger(Callback):
    """Appends one CSV row of logs per epoch to ``filename``."""

    def __init__(self, filename: str, separator: str = ",", append: bool = False) -> None:
        super().__init__()
        self.filename, self.separator, self.append = filename, separator, append

    def on_train_begin(self, logs: dict | None = None) -> None:
        import os
        self.keys: list[str] | None = None
        exists = self.append and os.path.exists(self.filename) and os.path.getsize(self.filename)
        self.file = open(self.filename, "a" if self.append else "w", encoding="utf-8", newline="")
        self.write_header = not exists

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs)
            if self.write_header:
                self.file.write(self.separator.join(["epoch"] + self.keys) + "\n")
        self.file.write(self.separator.join([str(epoch)] + [repr(float(logs.get(k, math.nan)))
                                                            for k in self.keys]) + "\n")
        self.file.flush()

    def on_train_end(self, logs: dict | None = None) -> None:
        self.file.close()


class TerminateOnNaN(Callback):
    """Stops training when the loss becomes NaN or infinite."""

    def on_batch_end(self, batch: int, logs: dict | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is not None and (math.isnan(loss) or math.isinf(loss)):
            print(f"Batch {batch}: invalid loss, terminating training")
            self.model.stop_training = True


class LambdaCallback(Callback):
    """Callbacks from plain functions: ``LambdaCallback(on_epoch_end=lambda epoch, logs: ...)``."""

    def __init__(self, **hooks: Callable[..., None]) -> None:
        super().__init__()
        allowed = {"on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end",
                   "on_batch_begin", "on_batch_end"}
        unknown = set(hooks) - allowed
        if unknown:
            raise TypeError(f"LambdaCallback: unknown hook(s) {sorted(unknown)}")
        for name, fn in hooks.items():
            setattr(self, name, fn)
