"""Backpropagation over the engine's tape (behaviour of tfjs-core ``tape.ts``).

The engine records a :class:`~pytfjs.core.engine.TapeNode` for every kernel run while a
gradient scope is active. Here the tape is filtered to the nodes on a path from the ``xs`` to
``y`` and gradients flow backwards through each node's declared gradient function. Gradients
are built from ops, so they are themselves recorded when an outer tape is active (a gradient of
a gradient works).
"""
from __future__ import annotations

from typing import Any, Callable

from .shapes import ShapeError
from .tensor import Tensor


def filter_tape(tape: list, xs: list[Tensor], y: Tensor) -> list:
    """The nodes of ``tape`` that lie on a path from any of ``xs`` to ``y``, each with its
    inputs narrowed to those that lead from ``xs``."""
    from_x = {x.id for x in xs}
    reachable_nodes = set()
    for i, node in enumerate(tape):
        if any(t.id in from_x for t in node.inputs):
            reachable_nodes.add(i)
            from_x.update(t.id for t in node.outputs)
    to_y = {y.id}
    on_path = []
    for i in range(len(tape) - 1, -1, -1):
        node = tape[i]
        if not any(t.id in to_y for t in node.outputs):
            continue
        to_y.update(t.id for t in node.inputs)
        if i in reachable_nodes:
            on_path.append(i)
    on_path.reverse()
    return [(tape[i], [j for j, t in enumerate(tape[i].inputs) if t.id in from_x and t.id in to_y])
            for i in on_path]


def backpropagate(grads: dict[int, Tensor], filtered: list, zeros: Callable[[tuple, str], Tensor],
                  add: Callable[[Tensor, Tensor], Tensor]) -> None:
    """Walks ``filtered`` backwards accumulating ``grads`` (tensor id -> gradient).

    A gradient function returns one entry per input: a Tensor, None (no gradient), or a
    zero-argument callable returning either, evaluated only when that input needs a gradient.
    """
    for node, wanted in reversed(filtered):
        if node.grad is None:
            if all(grads.get(out.id) is None for out in node.outputs):
                continue  # e.g. a comparison feeding where's condition: nothing flows back
            raise LookupError(
                f"Cannot compute gradient: gradient function not found for kernel "
                f"'{node.kernel_name}'.")
        dys = []
        for out in node.outputs:
            g = grads.get(out.id)
            dys.append(g if g is not None else zeros(out.shape, out.dtype))
        dy: Any = dys if node.multi_output else dys[0]
        result = node.grad.fn(dy, node.saved_inputs, node.saved_outputs, node.attrs)
        if isinstance(result, Tensor) or result is None:
            result = (result,)
        if len(result) != len(node.inputs):
            raise ValueError(f"The gradient of '{node.kernel_name}' returned {len(result)} "
                             f"gradients for {len(node.inputs)} inputs.")
        for j in wanted:
            x = node.inputs[j]
            g = result[j]
            if callable(g) and not isinstance(g, Tensor):
                # a lazy gradient (as TF.js's grad closures): computed only for the inputs on
                # a path to the xs, e.g. never the input image's gradient of a first conv
                g = g()
            if g is None:
                continue
            if not isinstance(g, Tensor):
                raise TypeError(f"The gradient of '{node.kernel_name}' for input {j} must be a "
                                f"Tensor, got {type(g).__name__}.")
            if g.shape != x.shape:
                raise ShapeError(f"Error in gradient for op {node.kernel_name}: the gradient of "
                                 f"input {j} has shape {list(g.shape)}, which does not match the "
                                 f"input's shape {list(x.shape)}.")
            prev = grads.get(x.id)
            # Partial sums are not disposed here: a gradient function may return the same
            # tensor (dy itself) for several inputs. The caller's scope frees them all.
            grads[x.id] = g if prev is None else add(prev, g)
