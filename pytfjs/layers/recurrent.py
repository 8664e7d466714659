"""Recurrent layers (behaviour of tfjs-layers ``layers/recurrent.ts`` and
``convolutional_recurrent.ts``): the cells ``SimpleRNNCell``, ``LSTMCell``, ``GRUCell``,
``ConvLSTM2DCell`` and ``StackedRNNCells``; the generic ``RNN`` layer that runs a cell over the
time axis; and ``SimpleRNN``, ``LSTM``, ``GRU``, ``ConvLSTM2D``.

Design notes:

- The built-in cells split a step into an *input projection* (``x · kernel + bias``) and a
  *recurrent step*. ``RNN`` projects every time step with one large matmul (or one conv for
  ``ConvLSTM2D``) before the time loop, which then only does the ``h · recurrent_kernel`` work;
  this is the classic cuDNN-style split and is much faster than projecting step by step.
  Custom cells (any ``Layer`` with ``state_size`` whose ``call([x, *states])`` returns
  ``[output, *new_states]``) run through the generic step loop.
- Weights are named as TF.js names them (``lstm_LSTM1/kernel``, ``rnn_RNN1/RNNCell_0/kernel``
  for stacked cells) so saved weights interoperate; cells build under their RNN's name.
- TF.js defaults (differ from Keras 2/3): ``recurrent_activation="hard_sigmoid"`` (0.2 x + 0.5),
  ``kernel_initializer`` glorot *normal* (``VarianceScaling(1, fan_avg, normal)``),
  ``unit_forget_bias`` unset (false), GRU ``reset_after=False``. pytfjs also runs Keras's
  ``reset_after=True`` GRU (bias shape ``[2, 3 units]``) so Keras files load; TF.js rejects it.
- Masked time steps keep the previous output and states (TF.js and Keras 2 semantics).
- Dropout masks are drawn once per call and reused at every step (Keras/TF.js); the same input
  mask serves all gates (TF.js, Keras 3).
- ``unroll`` is accepted and ignored (the loop is always imperative, as in TF.js).
"""
from __future__ import annotations

import contextlib
from typing import Any, Iterator

from ..core.tensor import Tensor, Variable
from . import activations as _act
from . import constraints as _con
from . import initializers as _init
from . import regularizers as _reg
from .engine import Layer, LayerError
from .serialization import LAYER_CLASSES, deserialize_layer, register_layer

# activations that act on each element alone (applying one to a concatenation of gates equals
# applying it to each gate)
_ELEMENTWISE = frozenset({_act.hard_sigmoid, _act.sigmoid, _act.tanh, _act.relu, _act.relu6,
                          _act.linear, _act.softsign, _act.softplus, _act.selu, _act.elu})


def _tf() -> Any:
    import pytfjs
    return pytfjs


def _glorot_normal() -> _init.Initializer:
    return _init.VarianceScaling(1.0, "fan_avg", "normal")


def _clamp01(x: float | None) -> float:
    x = 0 if x is None else x
    return min(1, max(0, x))


def _is_shape_list(shape: Any) -> bool:
    return isinstance(shape, list) and bool(shape) and isinstance(shape[0], (tuple, list))


def _first_shape(shape: Any) -> tuple:
    return tuple(shape[0]) if _is_shape_list(shape) else tuple(shape)


@contextlib.contextmanager
def _name_scope(layer: Layer, scope: str) -> Iterator[None]:
    """Builds ``layer`` as if its name were ``scope`` (TF.js ``nameScope``: weights of a cell or
    wrapped layer are named under the outer layer, ``lstm_LSTM1/kernel``)."""
    old = layer.name
    layer.name = scope
    try:
        yield
    finally:
        layer.name = old


def _build_sublayer(layer: Layer, shape: Any, scope: str) -> None:
    if not layer.built:
        with _name_scope(layer, scope):
            layer._maybe_build(shape)
        layer.built = True


class _Container:
    """Mixin for layers whose weights live in sub-layers (an RNN's cell, a wrapper's layer):
    ``weights``, ``get_weights``/``set_weights``, ``count_params``, ``losses`` and ``trainable``
    see the sub-layers' weights, in TF.js order."""

    def _sublayers(self) -> list[Layer]:
        return []

    @property
    def _weights(self) -> list:
        out = list(self.__dict__.get("_own_weights", []))
        for sub in self._sublayers():
            for w in sub._weights:
                if all(w is not o for o in out):
                    out.append(w)
        return out

    @_weights.setter
    def _weights(self, value: list) -> None:
        self.__dict__["_own_weights"] = list(value)

    @property
    def _losses(self) -> list:
        out = list(self.__dict__.get("_own_losses", []))
        for sub in self._sublayers():
            out.extend(sub._losses)
        return out

    @_losses.setter
    def _losses(self, value: list) -> None:
        self.__dict__["_own_losses"] = list(value)

    @property
    def trainable(self) -> bool:
        return self.__dict__.get("_trainable", True)

    @trainable.setter
    def trainable(self, value: bool) -> None:
        self.__dict__["_trainable"] = value
        for sub in self._sublayers():
            sub.trainable = value

    def _dispose_sublayers(self) -> None:
        for sub in self._sublayers():
            sub.dispose()


# ============================================================================== cells
class RNNCell(Layer):
    """Base class of the recurrent cells. A cell processes one time step:
    ``cell.call([x_t, *states], training=...)`` returns ``[output, *new_states]``.
    ``state_size`` is an int (one state) or a list of ints."""

    state_size: Any = None

    def compute_output_shape(self, input_shape: Any) -> Any:
        shape = _first_shape(input_shape)
        sizes = self.state_size if isinstance(self.state_size, list) else [self.state_size]
        return [(shape[0], sizes[0])] + [(shape[0], s) for s in sizes]


class _BuiltinCell(RNNCell):
    """Shared machinery of the built-in cells: arguments, dropout masks, fast path hooks.

    Subclasses implement ``_project(x, ctx)`` (the input part of the pre-activations, for any
    number of leading dimensions; returns a list of pieces) and
    ``_step(pieces, states, ctx)`` -> ``(output, new_states)``."""

    N_GATES = 1
    HAS_RECURRENT_ACTIVATION = True

    def __init__(self, units: int, activation: Any = "tanh", recurrent_activation: Any = "hard_sigmoid",
                 use_bias: bool = True, kernel_initializer: Any = None,
                 recurrent_initializer: Any = "orthogonal", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, recurrent_regularizer: Any = None,
                 bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, recurrent_constraint: Any = None,
                 bias_constraint: Any = None, dropout: float = 0.0, recurrent_dropout: float = 0.0,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(units, int) or isinstance(units, bool) or units <= 0:
            raise LayerError(f"{self.class_name}: units must be a positive integer, got {units!r}")
        self.units = units
        self.activation = _act.get(activation)
        self.recurrent_activation = _act.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = _init.get(kernel_initializer if kernel_initializer is not None
                                            else _glorot_normal())
        self.recurrent_initializer = _init.get(recurrent_initializer if recurrent_initializer is not None
                                               else "orthogonal")
        self.bias_initializer = _init.get(bias_initializer if bias_initializer is not None else "zeros")
        self.kernel_regularizer = None if kernel_regularizer is None else _reg.get(kernel_regularizer)
        self.recurrent_regularizer = None if recurrent_regularizer is None else _reg.get(recurrent_regularizer)
        self.bias_regularizer = None if bias_regularizer is None else _reg.get(bias_regularizer)
        self.activity_regularizer = None if activity_regularizer is None else _reg.get(activity_regularizer)
        self.kernel_constraint = None if kernel_constraint is None else _con.get(kernel_constraint)
        self.recurrent_constraint = None if recurrent_constraint is None else _con.get(recurrent_constraint)
        self.bias_constraint = None if bias_constraint is None else _con.get(bias_constraint)
        self.dropout = _clamp01(dropout)
        self.recurrent_dropout = _clamp01(recurrent_dropout)
        self.state_size = units
        self._ctx: dict | None = None
        self._ctx_persist = False

    # ------------------------------------------------------------------ weights
    def _bias_init(self) -> Any:
        return self.bias_initializer

    def _bias_shape(self) -> list[int]:
        return [self.units * self.N_GATES]

    def build(self, input_shape: Any) -> None:
        input_dim = _first_shape(input_shape)[-1]
        if input_dim is None:
            raise LayerError(f"{self.name}: the last dimension of the input must be known")
        n = self.units * self.N_GATES
        self.kernel = self.add_weight("kernel", [input_dim, n], None, self.kernel_initializer,
                                      self.kernel_regularizer, True, self.kernel_constraint)
        self.recurrent_kernel = self.add_weight("recurrent_kernel", [self.units, n], None,
                                                self.recurrent_initializer, self.recurrent_regularizer,
                                                True, self.recurrent_constraint)
        self.bias = self.add_weight("bias", self._bias_shape(), None, self._bias_init(),
                                    self.bias_regularizer, True, self.bias_constraint) \
            if self.use_bias else None
        self.built = True

    # ------------------------------------------------------------------ per-call context
    def _make_ctx(self, x: Tensor, h: Tensor, training: Any) -> dict:
        """Dropout masks (drawn once per RNN call) and the recurrent kernel pieces."""
        tf = _tf()
        ctx: dict = {"dp": None, "rdp": None}
        if training and 0 < self.dropout < 1:
            ctx["dp"] = tf.dropout(tf.ones_like(x), self.dropout)
        if training and 0 < self.recurrent_dropout < 1:
            ctx["rdp"] = tf.dropout(tf.ones_like(h), self.recurrent_dropout)
        self._extend_ctx(ctx)
        return ctx

    def _extend_ctx(self, ctx: dict) -> None:
        ctx["u"] = self.recurrent_kernel.read()

    def _get_ctx(self, x: Tensor, h: Tensor, training: Any) -> dict:
        if self._ctx is not None:
            return self._ctx
        tf = _tf()
        if not self._ctx_persist:
            return self._make_ctx(x, h, training)
        ctx = self._make_ctx(x, h, training)
        for v in ctx.values():
            if isinstance(v, Tensor) and not isinstance(v, Variable):
                tf.keep(v)
        self._ctx = ctx
        return ctx

    def _begin(self) -> None:
        self._ctx, self._ctx_persist = None, True

    def _end(self) -> None:
        tf = _tf()
        if self._ctx is not None:
            tf.dispose([v for v in self._ctx.values() if isinstance(v, Tensor) and
                        not isinstance(v, Variable)])
        self._ctx, self._ctx_persist = None, False

    def _apply_dp(self, x: Tensor, ctx: dict) -> Tensor:
        if ctx["dp"] is None:
            return x
        tf = _tf()
        dp = ctx["dp"]
        if x.rank == dp.rank + 1:  # [batch, time, ...] with a per-sequence mask
            dp = tf.expand_dims(dp, 1)
        return tf.mul(x, dp)

    def _project(self, x: Tensor, ctx: dict) -> list[Tensor]:
        tf = _tf()
        x = self._apply_dp(x, ctx)
        n = self.units * self.N_GATES
        flat = x if x.rank == 2 else tf.reshape(x, [-1, x.shape[-1]])
        bias = self._input_bias()
        out = tf.fused.mat_mul(a=flat, b=self.kernel.read(), bias=bias) if bias is not None \
            else tf.mat_mul(flat, self.kernel.read())
        if x.rank != 2:
            out = tf.reshape(out, list(x.shape[:-1]) + [n])
        return self._split_projection(out)

    def _input_bias(self) -> Tensor | None:
        return self.bias.read() if self.bias is not None else None

    def _split_projection(self, z: Tensor) -> list[Tensor]:
        return [z]

    def _step(self, pieces: list[Tensor], states: list[Tensor], ctx: dict) -> tuple:
        raise NotImplementedError(f"{type(self).__name__} must implement _step (abstract cell)")

    # ------------------------------------------------------------------ call
    def call(self, inputs: Any, training: bool | None = None, **kwargs: Any) -> list[Tensor]:
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
            raise LayerError(f"{self.class_name} expects [inputs, *states], got {inputs!r}")
        x, states = inputs[0], list(inputs[1:])
        n_states = len(self.state_size) if isinstance(self.state_size, list) else 1
        if len(states) != n_states:
            raise LayerError(f"{self.class_name} expects {n_states} state(s), got {len(states)}")
        ctx = self._get_ctx(x, states[0], training)
        out, new_states = self._step(self._project(x, ctx), states, ctx)
        return [out, *new_states]

    def _ordered_config(self, config: dict) -> dict:
        return {**Layer.get_config(self), **config}

    def _common_config(self, with_recurrent_activation: bool) -> dict:
        cfg: dict = {"units": self.units, "activation": _act.serialize(self.activation)}
        if with_recurrent_activation:
            cfg["recurrent_activation"] = _act.serialize(self.recurrent_activation)
        cfg.update({
            "use_bias": self.use_bias,
            "kernel_initializer": _init.serialize(self.kernel_initializer),
            "recurrent_initializer": _init.serialize(self.recurrent_initializer),
            "bias_initializer": _init.serialize(self.bias_initializer),
        })
        return cfg

    def _regularizer_config(self) -> dict:
        return {
            "kernel_regularizer": _reg.serialize(self.kernel_regularizer),
            "recurrent_regularizer": _reg.serialize(self.recurrent_regularizer),
            "bias_regularizer": _reg.serialize(self.bias_regularizer),
            "activity_regularizer": _reg.serialize(self.activity_regularizer),
            "kernel_constraint": _con.serialize(self.kernel_constraint),
            "recurrent_constraint": _con.serialize(self.recurrent_constraint),
            "bias_constraint": _con.serialize(self.bias_constraint),
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
        }


@register_layer("simple_rnn_cell")
class SimpleRNNCell(_BuiltinCell):
    """One step of a fully connected RNN: ``h = activation(x · kernel + h_prev ·
    recurrent_kernel + bias)``. Weights ``kernel [in, units]``, ``recurrent_kernel
    [units, units]`` (orthogonal), ``bias [units]``. TF.js default kernel initializer: glorot
    normal (Keras: glorot uniform)."""

    CLASS_NAME = "SimpleRNNCell"

    def __init__(self, units: int, activation: Any = "tanh", use_bias: bool = True,
                 kernel_initializer: Any = None, recurrent_initializer: Any = "orthogonal",
                 bias_initializer: Any = "zeros", kernel_regularizer: Any = None,
                 recurrent_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None,
                 recurrent_constraint: Any = None, bias_constraint: Any = None,
                 dropout: float = 0.0, recurrent_dropout: float = 0.0, **kwargs: Any) -> None:
        super().__init__(units, activation, "hard_sigmoid", use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer,
                         recurrent_regularizer, bias_regularizer, activity_regularizer,
                         kernel_constraint, recurrent_constraint, bias_constraint, dropout,
                         recurrent_dropout, **kwargs)

    def _step(self, pieces: list[Tensor], states: list[Tensor], ctx: dict) -> tuple:
        tf = _tf()
        h = states[0]
        if ctx["rdp"] is not None:
            h = tf.mul(h, ctx["rdp"])
        out = self.activation(tf.add(pieces[0], tf.mat_mul(h, ctx["u"])))
        return out, [out]

    def get_config(self) -> dict[str, Any]:
        return self._ordered_config({**self._common_config(False), **self._regularizer_config()})


class _UnitForgetBias(_init.Initializer):
    """LSTM bias with the forget-gate block set to ones (not serialised: the config keeps the
    user's bias initializer and ``unit_forget_bias``)."""

    class_name = "CustomInit"

    def __init__(self, base: _init.Initializer, units: int, blocks_after: int) -> None:
        self.base, self.units, self.blocks_after = base, units, blocks_after

    def __call__(self, shape, dtype="float32"):  # type: ignore[no-untyped-def]
        tf = _tf()
        return tf.tidy(lambda: tf.concat([self.base([self.units], dtype), tf.ones([self.units], dtype),
                                          self.base([self.units * self.blocks_after], dtype)], 0))


@register_layer("lstm_cell")
class LSTMCell(_BuiltinCell):
    """One step of a Long Short-Term Memory cell (Hochreiter 1997). Gates in TF.js/Keras order
    ``i, f, c, o`` along the last axis of ``kernel [in, 4 units]``, ``recurrent_kernel
    [units, 4 units]`` and ``bias [4 units]``; states ``[h, c]``. TF.js defaults:
    ``recurrent_activation="hard_sigmoid"``, glorot-normal kernel, ``unit_forget_bias`` unset
    (false; Keras defaults to true). ``implementation`` is accepted and recorded only."""

    CLASS_NAME = "LSTMCell"
    N_GATES = 4

    def __init__(self, units: int, activation: Any = "tanh", recurrent_activation: Any = "hard_sigmoid",
                 use_bias: bool = True, kernel_initializer: Any = None,
                 recurrent_initializer: Any = "orthogonal", bias_initializer: Any = "zeros",
                 unit_forget_bias: bool | None = None, kernel_regularizer: Any = None,
                 recurrent_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None,
                 recurrent_constraint: Any = None, bias_constraint: Any = None,
                 dropout: float = 0.0, recurrent_dropout: float = 0.0,
                 implementation: int | None = None, **kwargs: Any) -> None:
        super().__init__(units, activation, recurrent_activation, use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer,
                         recurrent_regularizer, bias_regularizer, activity_regularizer,
                         kernel_constraint, recurrent_constraint, bias_constraint, dropout,
                         recurrent_dropout, **kwargs)
        self.unit_forget_bias = unit_forget_bias
        self.implementation = implementation
        self.state_size = [units, units]

    def _bias_init(self) -> Any:
        if self.unit_forget_bias:
            return _UnitForgetBias(self.bias_initializer, self.units, 2)
        return self.bias_initializer

    def _step(self, pieces: list[Tensor], states: list[Tensor], ctx: dict) -> tuple:
        tf = _tf()
        h, c = states[0], states[1]
        if ctx["rdp"] is not None:
            h = tf.mul(h, ctx["rdp"])
        z = tf.add(pieces[0], tf.mat_mul(h, ctx["u"]))
        return self._gates(z, c, -1)

    def _gates(self, z: Tensor, c_prev: Tensor, axis: int) -> tuple:
        tf = _tf()
        ax = axis if axis >= 0 else z.rank - 1
        zi, zf, zc, zo = tf.split(z, 4, ax)
        if self.recurrent_activation in _ELEMENTWISE:
            # one activation over all four gates (the cell-input quarter is computed and
            # dropped): 3 kernels for hard_sigmoid instead of 9, the same values
            i, f, _, o = tf.split(self.recurrent_activation(z), 4, ax)
        else:
            i = self.recurrent_activation(zi)
            f = self.recurrent_activation(zf)
            o = self.recurrent_activation(zo)
        c = tf.add(tf.mul(f, c_prev), tf.mul(i, self.activation(zc)))
        h = tf.mul(o, self.activation(c))
        return h, [h, c]

    def get_config(self) -> dict[str, Any]:
        cfg = self._common_config(True)
        cfg["unit_forget_bias"] = self.unit_forget_bias
        cfg.update(self._regularizer_config())
        cfg["implementation"] = self.implementation
        return self._ordered_config(cfg)


@register_layer("gru_cell")
class GRUCell(_BuiltinCell):
    """One step of a Gated Recurrent Unit (Cho 2014). Gates ``z, r, h`` along the last axis of
    ``kernel [in, 3 units]``, ``recurrent_kernel [units, 3 units]``, ``bias [3 units]``.
    TF.js default ``reset_after=False`` (the reset gate applies before the recurrent matmul);
    TF.js rejects ``reset_after=True``, pytfjs runs it as Keras does (bias ``[2, 3 units]``:
    input and recurrent biases) so Keras 2 GRU files load."""

    CLASS_NAME = "GRUCell"
    N_GATES = 3

    def __init__(self, units: int, activation: Any = "tanh", recurrent_activation: Any = "hard_sigmoid",
                 use_bias: bool = True, kernel_initializer: Any = None,
                 recurrent_initializer: Any = "orthogonal", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, recurrent_regularizer: Any = None,
                 bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, recurrent_constraint: Any = None,
                 bias_constraint: Any = None, dropout: float = 0.0, recurrent_dropout: float = 0.0,
                 implementation: int | None = None, reset_after: bool = False, **kwargs: Any) -> None:
        super().__init__(units, activation, recurrent_activation, use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer,
                         recurrent_regularizer, bias_regularizer, activity_regularizer,
                         kernel_constraint, recurrent_constraint, bias_constraint, dropout,
                         recurrent_dropout, **kwargs)
        self.implementation = implementation
        self.reset_after = bool(reset_after)

    def _bias_shape(self) -> list[int]:
        return [2, 3 * self.units] if self.reset_after else [3 * self.units]

    def _input_bias(self) -> Tensor | None:
        if self.bias is None:
            return None
        if self.reset_after:
            return _tf().unstack(self.bias.read(), 0)[0]
        return self.bias.read()

    def _extend_ctx(self, ctx: dict) -> None:
        tf = _tf()
        u = self.recurrent_kernel.read()
        if self.reset_after:
            ctx["u"] = u
            ctx["rb"] = tf.unstack(self.bias.read(), 0)[1] if self.bias is not None else None
        else:
            ctx["u_zr"], ctx["u_h"] = tf.split(u, [2 * self.units, self.units], 1)

    def _split_projection(self, z: Tensor) -> list[Tensor]:
        if self.reset_after:
            return [z]
        return _tf().split(z, [2 * self.units, self.units], z.rank - 1)

    def _step(self, pieces: list[Tensor], states: list[Tensor], ctx: dict) -> tuple:
        tf = _tf()
        h_prev = states[0]
        hd = tf.mul(h_prev, ctx["rdp"]) if ctx["rdp"] is not None else h_prev
        if self.reset_after:
            inner = tf.mat_mul(hd, ctx["u"])
            if ctx["rb"] is not None:
                inner = tf.add(inner, ctx["rb"])
            x_zr, x_h = tf.split(pieces[0], [2 * self.units, self.units], 1)
            r_zr, r_h = tf.split(inner, [2 * self.units, self.units], 1)
            z, r = tf.split(self.recurrent_activation(tf.add(x_zr, r_zr)), 2, 1)
            hh = self.activation(tf.add(x_h, tf.mul(r, r_h)))
        else:
            x_zr, x_h = pieces
            z, r = tf.split(self.recurrent_activation(tf.add(x_zr, tf.mat_mul(hd, ctx["u_zr"]))), 2, 1)
            hh = self.activation(tf.add(x_h, tf.mat_mul(tf.mul(r, hd), ctx["u_h"])))
        # Keras: the carried state uses the undropped h_prev (TF.js uses the dropped one, a bug).
        h = tf.add(tf.mul(z, h_prev), tf.mul(tf.sub(1.0, z), hh))
        return h, [h]

    def get_config(self) -> dict[str, Any]:
        cfg = self._common_config(True)
        cfg.update(self._regularizer_config())
        cfg["implementation"] = self.implementation
        cfg["reset_after"] = self.reset_after
        return self._ordered_config(cfg)


@register_layer("stacked_rnn_cells")
class StackedRNNCells(_Container, RNNCell):
    """Several cells applied one after another at each time step, as one cell. As in TF.js (and
    Keras before 2.2) ``state_size`` lists the states of the *last* cell first, so an RNN's
    output size is ``state_size[0]`` and ``return_state`` gives the last cell's states first.
    Weights are named ``<rnn>/RNNCell_<i>/<weight>``."""

    CLASS_NAME = "StackedRNNCells"

    def __init__(self, cells: list, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cells = [deserialize_layer(_snake_spec(c)) if isinstance(c, dict) else c for c in cells]
        if not self.cells:
            raise LayerError("StackedRNNCells needs at least one cell")

    def _sublayers(self) -> list[Layer]:
        return list(self.cells)

    @property  # type: ignore[override]
    def state_size(self) -> list[int]:
        out: list[int] = []
        for cell in reversed(self.cells):
            out.extend(cell.state_size if isinstance(cell.state_size, list) else [cell.state_size])
        return out

    def build(self, input_shape: Any) -> None:
        shape = _first_shape(input_shape)
        for i, cell in enumerate(self.cells):
            _build_sublayer(cell, shape, f"{self.name}/RNNCell_{i}")
            size = cell.state_size[0] if isinstance(cell.state_size, list) else cell.state_size
            shape = (shape[0], size)
        self.built = True

    def call(self, inputs: Any, training: bool | None = None, **kwargs: Any) -> list[Tensor]:
        x, states = inputs[0], list(inputs[1:])
        nested = []
        for cell in reversed(self.cells):
            n = len(cell.state_size) if isinstance(cell.state_size, list) else 1
            nested.append(states[:n])
            states = states[n:]
        nested.reverse()
        new_nested = []
        for cell, st in zip(self.cells, nested):
            outs = cell.call([x, *st], training=training) if cell._accepts("training") \
                else cell.call([x, *st])
            x = outs[0]
            new_nested.append(list(outs[1:]))
        flat = [s for st in reversed(new_nested) for s in st]
        return [x, *flat]

    def get_config(self) -> dict[str, Any]:
        return {**Layer.get_config(self),
                "cells": [{"class_name": c.class_name, "config": c.get_config()} for c in self.cells]}

    @classmethod
    def from_config(cls, config: dict[str, Any], custom_objects: dict | None = None) -> "StackedRNNCells":
        config = dict(config)
        cells = [deserialize_layer(_snake_spec(c), custom_objects) for c in config.pop("cells")]
        return cls(cells=cells, **config)

    def dispose(self) -> None:
        self._dispose_sublayers()
        self.built = False


def _snake_spec(spec: dict) -> dict:
    """Accepts TF.js-style ``{"className": ..., "config": ...}`` as well as Keras JSON."""
    if "class_name" not in spec and "className" in spec:
        return {"class_name": spec["className"], "config": spec.get("config", {})}
    return spec


# ============================================================================== RNN
_RNN_KEYS = ("return_sequences", "return_state", "go_backwards", "stateful", "unroll",
             "zero_output_for_mask")
# Keras-only keys found in saved files: accepted when loading, without effect.
_KERAS_EXTRA_KEYS = ("time_major", "seed", "use_cudnn", "num_constants")


@register_layer("rnn")
class RNN(_Container, Layer):
    """Runs a recurrent ``cell`` (or a list of cells, stacked) over the time axis of
    ``[batch, time, features]`` inputs.

    Options: ``return_sequences`` (every step's output instead of the last), ``return_state``
    (also the final states: the output becomes ``[output, *states]``), ``go_backwards``
    (process the sequence reversed; the returned sequence stays reversed), ``stateful`` (the
    final states of a batch are the initial states of the next; ``reset_states()`` zeroes
    them), ``unroll`` (accepted, ignored). Call with ``mask=`` (``[batch, time]``, or from
    ``Masking``/``Embedding(mask_zero=True)`` in a model): masked steps keep the previous
    output and states. ``initial_state=`` (a list) or inputs ``[x, *states]`` set the states.

    >>> import pytfjs as tf
    >>> layer = tf.layers.rnn(cell=tf.layers.simple_rnn_cell(units=2, kernel_initializer="ones",
    ...                       recurrent_initializer="zeros"))
    >>> layer.apply(tf.ones([1, 3, 1])).shape
    (1, 2)
    """

    CLASS_NAME = "RNN"

    def __init__(self, cell: Any = None, return_sequences: bool = False, return_state: bool = False,
                 go_backwards: bool = False, stateful: bool = False, unroll: bool = False,
                 input_dim: int | None = None, input_length: int | None = None,
                 zero_output_for_mask: bool = False, **kwargs: Any) -> None:
        if input_dim is not None and "input_shape" not in kwargs and "batch_input_shape" not in kwargs:
            kwargs["input_shape"] = [input_length, input_dim]
        super().__init__(**kwargs)
        if cell is None:
            raise LayerError("cell property is missing for the constructor of RNN.")
        if isinstance(cell, dict):
            cell = deserialize_layer(_snake_spec(cell))
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cells=list(cell))
        if getattr(cell, "state_size", None) is None:
            raise LayerError("The RNN cell should have an attribute `state_size` (an int or a list "
                             "of ints, one per state).")
        self.cell = cell
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.stateful = bool(stateful)
        self.unroll = bool(unroll)
        # Keras: masked steps output zeros (TF.js, the default here: they repeat the last output)
        self.zero_output_for_mask = bool(zero_output_for_mask)
        self.supports_masking = True
        self._states: list[Tensor] | None = None
        self._state_batch: int | None = None
        self._build_shape: tuple | None = None
        if not self.trainable:
            self.trainable = False  # propagates to the cell's weights

    def _sublayers(self) -> list[Layer]:
        return [self.__dict__["cell"]] if "cell" in self.__dict__ else []

    # ------------------------------------------------------------------ shapes
    @property
    def _state_sizes(self) -> list:
        s = self.cell.state_size
        return list(s) if isinstance(s, (list, tuple)) else [s]

    def _state_shapes(self, input_shape: tuple) -> list[tuple]:
        return [(input_shape[0], d) for d in self._state_sizes]

    def _step_output_shape(self, input_shape: tuple) -> tuple:
        return (input_shape[0], self._state_sizes[0])

    def compute_output_shape(self, input_shape: Any) -> Any:
        shape = _first_shape(input_shape)
        step = self._step_output_shape(shape)
        out = (step[0], shape[1], *step[1:]) if self.return_sequences else step
        if self.return_state:
            return [out] + self._state_shapes(shape)
        return out

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        out = mask if self.return_sequences else None
        if self.return_state:
            return [out] + [None] * len(self._state_sizes)
        return out

    def build(self, input_shape: Any) -> None:
        shape = _first_shape(input_shape)
        if len(shape) < 3:
            raise LayerError(f"{self.name}: input should be at least 3D ([batch, time, ...]), got "
                             f"shape {list(shape)}")
        _build_sublayer(self.cell, (shape[0], *shape[2:]), self.name)
        self._build_shape = shape
        if self.stateful and shape[0] is not None:
            self._state_batch = shape[0]
        self.built = True

    # ------------------------------------------------------------------ states
    @property
    def states(self) -> list:
        """The current states of a stateful RNN (``None`` entries before the first call)."""
        return list(self._states) if self._states is not None else [None] * len(self._state_sizes)

    def _zero_states(self, batch: int, like: Tensor | None = None) -> list[Tensor]:
        tf = _tf()
        return [tf.zeros(list(s), self.dtype) for s in self._state_shapes_for_batch(batch, like)]

    def _state_shapes_for_batch(self, batch: int, like: Tensor | None) -> list[tuple]:
        return [(batch, d) for d in self._state_sizes]

    def reset_states(self, states: Any = None, training: bool = False) -> None:
        """Zeroes the states of a stateful RNN, or sets them to ``states``."""
        tf = _tf()
        if not self.stateful:
            raise LayerError("Cannot call reset_states() on an RNN Layer that is not stateful.")
        batch = self._state_batch
        if states is None:
            if batch is None:
                if self._states is not None:
                    batch = self._states[0].shape[0]
                else:
                    raise LayerError(
                        "If an RNN is stateful, it needs to know its batch size. Specify the batch "
                        "size of your input tensors: pass batch_input_shape to the first layer of "
                        "a Sequential model, or batch_shape to tf.input.")
            new = [tf.keep(s) for s in self._zero_states(batch, self._states[0] if self._states else None)] \
                if self._states is None else \
                [tf.keep(tf.zeros(list(s.shape), s.dtype)) for s in self._states]
        else:
            states = list(states) if isinstance(states, (list, tuple)) else [states]
            if len(states) != len(self._state_sizes):
                raise LayerError(f"Layer {self.name} expects {len(self._state_sizes)} state(s), but it "
                                 f"received {len(states)} state value(s).")
            new = []
            for i, s in enumerate(states):
                s = s if isinstance(s, Tensor) else tf.tensor(s, None, self.dtype)
                if self._states is not None and tuple(s.shape) != tuple(self._states[i].shape):
                    raise LayerError(f"State {i} is incompatible with layer {self.name}: expected shape="
                                     f"{list(self._states[i].shape)}, received shape={list(s.shape)}")
                new.append(tf.keep(tf.clone(s)))
        self._set_states(new)

    def _set_states(self, new: list[Tensor]) -> None:
        old, self._states = self._states, new
        if old:
            for s in old:
                s.dispose()  # the gradient tape holds its own references

    # ------------------------------------------------------------------ calling
    def apply(self, inputs: Any, **kwargs: Any) -> Any:
        initial_state = kwargs.pop("initial_state", None)
        if initial_state is not None:
            states = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
            inputs = [inputs, *states]
        return super().apply(inputs, **kwargs)

    def _fast_cell(self) -> bool:
        return isinstance(self.cell, _BuiltinCell) and type(self.cell).call is _BuiltinCell.call

    def _builtin_cells(self) -> list[_BuiltinCell]:
        cells = self.cell.cells if isinstance(self.cell, StackedRNNCells) else [self.cell]
        return [c for c in cells if isinstance(c, _BuiltinCell)]

    def call(self, inputs: Any, mask: Any = None, training: bool | None = None,
             initial_state: Any = None, **kwargs: Any) -> Any:
        tf = _tf()
        if isinstance(inputs, (list, tuple)):
            if len(inputs) > 1:
                initial_state = list(inputs[1:])
            inputs = inputs[0]
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        if inputs.rank < 3:
            raise LayerError(f"{self.name}: input should be at least 3D, but is {inputs.rank}D.")
        if initial_state is not None:
            initial_state = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
        elif self.stateful:
            if self._states is None or self._states[0].shape[0] != inputs.shape[0]:
                if self._states is not None and self._state_batch is not None:
                    raise LayerError(f"{self.name}: a stateful RNN built for batch size "
                                     f"{self._state_batch} got a batch of {inputs.shape[0]}")
                self._set_states([tf.keep(s) for s in self._zero_states(inputs.shape[0], inputs)])
            initial_state = list(self._states)
        if initial_state is not None and len(initial_state) != len(self._state_sizes):
            raise LayerError(f"RNN Layer has {len(self._state_sizes)} state(s) but was passed "
                             f"{len(initial_state)} initial state(s).")

        cells = self._builtin_cells()
        for c in cells:
            c._begin()
        try:
            last, outputs, states = tf.tidy(lambda: self._run(inputs, mask, training, initial_state))
        finally:
            for c in cells:
                c._end()
        if self.stateful:
            self._set_states([tf.keep(tf.clone(s)) for s in states])
        output = outputs if self.return_sequences else last
        if self.return_state:
            return [output, *states]
        return output

    def _run(self, inputs: Tensor, mask: Any, training: Any, initial_state: list | None) -> tuple:
        tf = _tf()
        if initial_state is None:
            initial_state = self._zero_states(inputs.shape[0], inputs)
        states = list(initial_state)
        steps_mask = None
        if mask is not None:
            m = tf.cast(mask, "bool")
            if m.rank == 3:
                m = tf.squeeze(m, [2])
            # [batch, time] -> per step [batch, 1, ...] broadcastable against the states
            bshape = [inputs.shape[0]] + [1] * (states[0].rank - 1)
            steps_mask = [tf.reshape(s, bshape) for s in tf.unstack(m, 1)]
        cell = self.cell
        if self._fast_cell():
            # Dropout masks are drawn from one step's shape (one mask per sequence).
            like = inputs
            if training and 0 < cell.dropout < 1:
                like = tf.zeros([inputs.shape[0], *inputs.shape[2:]], inputs.dtype)
            ctx = cell._get_ctx(like, states[0], training)
            pieces = [tf.unstack(p, 1) for p in cell._project(inputs, ctx)]
            per_step = [[p[t] for p in pieces] for t in range(inputs.shape[1])]

            def step(t: int, states: list) -> tuple:
                return cell._step(per_step[t], states, ctx)
        else:
            xs = tf.unstack(inputs, 1)
            accepts_training = cell._accepts("training")

            def step(t: int, states: list) -> tuple:
                outs = cell.call([xs[t], *states], training=training) if accepts_training \
                    else cell.call([xs[t], *states])
                return outs[0], list(outs[1:])

        order = range(inputs.shape[1] - 1, -1, -1) if self.go_backwards else range(inputs.shape[1])
        per_step_outputs = []
        last = None
        for t in order:
            out, new_states = step(t, states)
            if steps_mask is not None:  # masked steps keep the previous output and states
                m = steps_mask[t]
                out = tf.where(m, out, tf.zeros_like(out) if self.zero_output_for_mask else states[0])
                new_states = [tf.where(m, n, s) for n, s in zip(new_states, states)]
            last, states = out, list(new_states)
            if self.return_sequences:
                per_step_outputs.append(last)
        outputs = tf.stack(per_step_outputs, 1) if self.return_sequences else None
        return last, outputs, states

    # ------------------------------------------------------------------ config
    def _rnn_config(self) -> dict:
        config = {"return_sequences": self.return_sequences, "return_state": self.return_state,
                  "go_backwards": self.go_backwards, "stateful": self.stateful, "unroll": self.unroll}
        if self.zero_output_for_mask:  # a Keras key: written only when set (TF.js lacks it)
            config["zero_output_for_mask"] = True
        return config

    def get_config(self) -> dict[str, Any]:
        # TF.js writes the cell's config keys at the top level too, then the layer's own keys.
        cell_cfg = self.cell.get_config()
        base = Layer.get_config(self)
        config = {"name": base["name"], "trainable": base["trainable"]}
        config.update({k: v for k, v in cell_cfg.items() if k not in base})
        config.update(base)
        config.update(self._rnn_config())
        config["cell"] = {"class_name": self.cell.class_name, "config": cell_cfg}
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any], custom_objects: dict | None = None) -> "RNN":
        config = dict(config)
        cell = deserialize_layer(_snake_spec(config.pop("cell")), custom_objects)
        keep = set(_RNN_KEYS) | set(Layer._BASE_KWARGS)
        return cls(cell=cell, **{k: v for k, v in config.items() if k in keep})

    def dispose(self) -> None:
        if self._states is not None:
            for s in self._states:
                s.dispose()
            self._states = None
        self._dispose_sublayers()
        self.built = False


class _CellRNN(RNN):
    """RNN subclasses that own their cell (SimpleRNN, LSTM, GRU): constructor arguments are the
    cell's plus the RNN options; the config is flat."""

    CELL: type = _BuiltinCell

    def __init__(self, return_sequences: bool = False, return_state: bool = False,
                 go_backwards: bool = False, stateful: bool = False, unroll: bool = False,
                 input_dim: int | None = None, input_length: int | None = None,
                 zero_output_for_mask: bool = False, **kwargs: Any) -> None:
        base = {k: kwargs.pop(k) for k in list(kwargs) if k in Layer._BASE_KWARGS}
        for k in _KERAS_EXTRA_KEYS:
            kwargs.pop(k, None)
        cell = self.CELL(name=base.get("name"), dtype=base.get("dtype"),
                         trainable=base.get("trainable", True), **kwargs)
        super().__init__(cell=cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         input_dim=input_dim, input_length=input_length,
                         zero_output_for_mask=zero_output_for_mask, **base)

    def __getattr__(self, name: str) -> Any:
        # units, activation, kernel, dropout, ... are the cell's (Keras exposes them too)
        cell = self.__dict__.get("cell")
        if cell is None or name.startswith("_"):
            raise AttributeError(name)
        return getattr(cell, name)

    def get_config(self) -> dict[str, Any]:
        cell_cfg = self.cell.get_config()
        base = Layer.get_config(self)
        return {**base, **{k: v for k, v in cell_cfg.items() if k not in base and
                           k not in ("name", "trainable", "dtype", "batch_input_shape")},
                **self._rnn_config()}

    @classmethod
    def from_config(cls, config: dict[str, Any], custom_objects: dict | None = None) -> "RNN":
        config = dict(config)
        config.pop("cell", None)
        if config.get("implementation") == 0:
            config["implementation"] = 1
        return cls(**config)


@register_layer("simple_rnn")
class SimpleRNN(_CellRNN):
    """A fully connected RNN whose output is fed back as the next step's state
    (``SimpleRNNCell`` over time). Input ``[batch, time, features]``; output ``[batch, units]``
    (``[batch, time, units]`` with ``return_sequences``). Weights ``kernel``,
    ``recurrent_kernel``, ``bias`` named ``<layer>/kernel`` as in TF.js.

    >>> import pytfjs as tf
    >>> layer = tf.layers.simple_rnn(units=3, return_sequences=True)
    >>> layer.apply(tf.ones([2, 5, 4])).shape
    (2, 5, 3)
    """

    CLASS_NAME = "SimpleRNN"
    CELL = SimpleRNNCell


@register_layer("lstm")
class LSTM(_CellRNN):
    """Long Short-Term Memory layer (``LSTMCell`` over time); states ``[h, c]`` (so
    ``return_state`` returns ``[output, h, c]``). TF.js defaults: ``recurrent_activation=
    "hard_sigmoid"``, glorot-normal kernel, ``unit_forget_bias`` off.

    >>> import pytfjs as tf
    >>> out, h, c = tf.layers.lstm(units=2, return_state=True).apply(tf.ones([1, 3, 4]))
    >>> out.shape, c.shape
    ((1, 2), (1, 2))
    """

    CLASS_NAME = "LSTM"
    CELL = LSTMCell


@register_layer("gru")
class GRU(_CellRNN):
    """Gated Recurrent Unit layer (``GRUCell`` over time). TF.js default ``reset_after=False``
    and ``recurrent_activation="hard_sigmoid"``; ``reset_after=True`` (Keras 2's default) is
    supported for loading Keras models.

    >>> import pytfjs as tf
    >>> tf.layers.gru(units=4).apply(tf.ones([2, 3, 5])).shape
    (2, 4)
    """

    CLASS_NAME = "GRU"
    CELL = GRUCell


# ============================================================================== ConvLSTM2D
def _pair(v: Any, what: str) -> tuple[int, int]:
    t = (v, v) if isinstance(v, int) else tuple(v)
    if len(t) != 2 or any(not isinstance(d, int) or d <= 0 for d in t):
        raise LayerError(f"ConvLSTM2D: {what} must be a positive int or a pair of them, got {v!r}")
    return t  # type: ignore[return-value]


def _conv_out(n: int | None, k: int, padding: str, s: int, d: int) -> int | None:
    if n is None:
        return None
    dk = k + (k - 1) * (d - 1)
    out = n if padding == "same" else n - dk + 1
    return (out + s - 1) // s


_DATA_FORMATS = {"channelsLast": "channels_last", "channelsFirst": "channels_first"}


@register_layer("conv_lstm2d_cell")
class ConvLSTM2DCell(LSTMCell):
    """One step of a convolutional LSTM: the LSTM's matmuls become 2-D convolutions (inputs:
    ``kernel_size``/``strides``/``padding``/``dilation_rate``; recurrent: stride 1, ``same``).
    Weights ``kernel [kh, kw, in, 4 filters]``, ``recurrent_kernel [kh, kw, filters, 4
    filters]``, ``bias [4 filters]``; states ``[h, c]`` of shape ``[batch, rows, cols,
    filters]`` (channels last)."""

    CLASS_NAME = "ConvLSTM2DCell"

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1, padding: str = "valid",
                 data_format: str | None = None, dilation_rate: Any = 1, **kwargs: Any) -> None:
        kwargs.pop("units", None)
        super().__init__(units=filters, **kwargs)
        self.filters = filters
        self.kernel_size = _pair(kernel_size, "kernel_size")
        self.strides = _pair(strides if strides is not None else 1, "strides")
        if padding not in ("valid", "same"):
            raise LayerError(f"ConvLSTM2D: padding must be 'valid' or 'same', got {padding!r}")
        self.padding = padding
        data_format = _DATA_FORMATS.get(data_format, data_format) or "channels_last"
        if data_format not in ("channels_last", "channels_first"):
            raise LayerError(f"ConvLSTM2D: invalid data_format {data_format!r}")
        self.data_format = data_format
        self.dilation_rate = _pair(dilation_rate if dilation_rate is not None else 1, "dilation_rate")
        self.state_size = [filters, filters]

    @property
    def _fmt(self) -> str:
        return "NCHW" if self.data_format == "channels_first" else "NHWC"

    def _channel_axis(self, rank: int) -> int:
        return rank - 3 if self.data_format == "channels_first" else rank - 1

    def build(self, input_shape: Any) -> None:
        shape = _first_shape(input_shape)
        in_dim = shape[self._channel_axis(len(shape))]
        if in_dim is None:
            raise LayerError(f"The channel dimension of the input should be defined. Found {in_dim}")
        kh, kw = self.kernel_size
        n = 4 * self.filters
        self.kernel = self.add_weight("kernel", [kh, kw, in_dim, n], None, self.kernel_initializer,
                                      self.kernel_regularizer, True, self.kernel_constraint)
        self.recurrent_kernel = self.add_weight("recurrent_kernel", [kh, kw, self.filters, n], None,
                                                self.recurrent_initializer, self.recurrent_regularizer,
                                                True, self.recurrent_constraint)
        self.bias = self.add_weight("bias", [n], None, self._bias_init(), self.bias_regularizer, True,
                                    self.bias_constraint) if self.use_bias else None
        self.built = True

    def _out_hw(self, h: int | None, w: int | None) -> tuple:
        return (_conv_out(h, self.kernel_size[0], self.padding, self.strides[0], self.dilation_rate[0]),
                _conv_out(w, self.kernel_size[1], self.padding, self.strides[1], self.dilation_rate[1]))

    def state_shape(self, step_input_shape: tuple) -> tuple:
        """``[batch, rows, cols, filters]`` (or channels first) for a step input shape."""
        if self.data_format == "channels_first":
            ho, wo = self._out_hw(step_input_shape[2], step_input_shape[3])
            return (step_input_shape[0], self.filters, ho, wo)
        ho, wo = self._out_hw(step_input_shape[1], step_input_shape[2])
        return (step_input_shape[0], ho, wo, self.filters)

    def compute_output_shape(self, input_shape: Any) -> Any:
        s = self.state_shape(_first_shape(input_shape))
        return [s, s, s]

    def _project(self, x: Tensor, ctx: dict) -> list[Tensor]:
        tf = _tf()
        x = self._apply_dp(x, ctx)
        lead = list(x.shape[:-3])
        flat = x if x.rank == 4 else tf.reshape(x, [-1, *x.shape[-3:]])
        bias = self.bias.read() if self.bias is not None else None
        if self.data_format == "channels_last":
            out = tf.fused.conv2d(x=flat, filter=self.kernel.read(), strides=list(self.strides),
                                  pad=self.padding, data_format="NHWC",
                                  dilations=list(self.dilation_rate), bias=bias)
        else:
            out = tf.conv2d(flat, self.kernel.read(), list(self.strides), self.padding, "NCHW",
                            list(self.dilation_rate))
            if bias is not None:
                out = tf.add(out, tf.reshape(bias, [-1, 1, 1]))
        if x.rank != 4:
            out = tf.reshape(out, lead + list(out.shape[1:]))
        return [out]

    def _step(self, pieces: list[Tensor], states: list[Tensor], ctx: dict) -> tuple:
        tf = _tf()
        h, c = states[0], states[1]
        if ctx["rdp"] is not None:
            h = tf.mul(h, ctx["rdp"])
        rec = tf.conv2d(h, ctx["u"], 1, "same", self._fmt)
        z = tf.add(pieces[0], rec)
        return self._gates(z, c, self._channel_axis(z.rank))

    def get_config(self) -> dict[str, Any]:
        cfg = LSTMCell.get_config(self)
        cfg.pop("units", None)
        cfg.update({"filters": self.filters, "kernel_size": list(self.kernel_size),
                    "padding": self.padding, "data_format": self.data_format,
                    "dilation_rate": list(self.dilation_rate), "strides": list(self.strides)})
        return cfg


@register_layer("conv_lstm2d")
class ConvLSTM2D(_CellRNN):
    """Convolutional LSTM over ``[batch, time, rows, cols, channels]`` inputs
    (``ConvLSTM2DCell`` over time). Output ``[batch, rows', cols', filters]`` (with
    ``return_sequences``: ``[batch, time, rows', cols', filters]``); states ``[h, c]`` of the
    output's step shape. ``unroll`` and stacked convolutional cells are not supported (TF.js).

    >>> import pytfjs as tf
    >>> tf.layers.conv_lstm2d(filters=2, kernel_size=3).apply(tf.ones([1, 2, 5, 5, 1])).shape
    (1, 3, 3, 2)
    """

    CLASS_NAME = "ConvLSTM2D"
    CELL = ConvLSTM2DCell

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("unroll"):
            raise LayerError("Unrolling is not possible with convolutional RNNs.")
        super().__init__(*args, **kwargs)

    def _state_shapes(self, input_shape: tuple) -> list[tuple]:
        s = self.cell.state_shape((input_shape[0], *input_shape[2:]))
        return [s, s]

    def _step_output_shape(self, input_shape: tuple) -> tuple:
        return self.cell.state_shape((input_shape[0], *input_shape[2:]))

    def _state_shapes_for_batch(self, batch: int, like: Tensor | None) -> list[tuple]:
        shape = tuple(like.shape) if like is not None else self._build_shape
        if shape is None:
            raise LayerError(f"{self.name}: cannot create states before the input shape is known")
        s = self.cell.state_shape((batch, *shape[2:])) if len(shape) == 5 else \
            self.cell.state_shape((batch, *shape[1:]))
        return [s, s]

    def build(self, input_shape: Any) -> None:
        shape = _first_shape(input_shape)
        if len(shape) != 5:
            raise LayerError(f"{self.name}: ConvLSTM2D expects 5D input [batch, time, rows, cols, "
                             f"channels], got {list(shape)}")
        super().build(input_shape)

    def get_config(self) -> dict[str, Any]:
        cfg = super().get_config()
        cfg.pop("units", None)
        return cfg


LAYER_CLASSES.setdefault("RNNCell", RNNCell)
__all__ = ["RNNCell", "SimpleRNNCell", "LSTMCell", "GRUCell", "StackedRNNCells", "ConvLSTM2DCell",
           "RNN", "SimpleRNN", "LSTM", "GRU", "ConvLSTM2D"]
