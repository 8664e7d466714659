"""Fused optimizer updates: one kernel per variable and step instead of ~5-15 elementwise ops.

Each kernel computes exactly what the optimizer's composition of ops computes (the same
IEEE-rounded operations in the same order on the variable's dtype, scalars rounded to that dtype
first, as a Python scalar operand of an op is), so results are bitwise identical to the ops path
(``pytfjs/train/optimizers.py`` declares that path as each kernel's fallback). Temporaries are
updated in place; inputs are never written. Outputs: the new variable first, then the new slots.

The kernel names start with ``_``: they are internal (no public op, no TF graph op, no gradient).
"""
from __future__ import annotations

from typing import Any, Callable

from ._common import quiet


def kernels(xp: Any) -> dict[str, Callable[..., Any]]:
    def s(x: Any, like: Any) -> Any:
        """A Python scalar rounded to ``like``'s dtype (what ``to_tensor`` makes of it)."""
        return like.dtype.type(x)

    def apply_gradient_descent(var: Any, grad: Any, *, neg_lr: float) -> Any:
        # add(mul(grad, -lr), var)
        with quiet(xp):
            out = xp.multiply(grad, s(neg_lr, var))
            xp.add(out, var, out=out)
        return out

    def apply_momentum(var: Any, grad: Any, acc: Any, *, momentum: float, neg_lr: float,
                       nesterov: bool) -> Any:
        with quiet(xp):
            mom = s(momentum, var)
            new_acc = xp.multiply(acc, mom)
            xp.add(new_acc, grad, out=new_acc)                  # acc * momentum + g
            if nesterov:
                step = xp.multiply(new_acc, mom)
                xp.add(grad, step, out=step)                     # g + new_acc * momentum
                xp.multiply(step, s(neg_lr, var), out=step)
            else:
                step = xp.multiply(new_acc, s(neg_lr, var))
            xp.add(step, var, out=step)                          # step * -lr + var
        return step, new_acc

    def apply_rmsprop(var: Any, grad: Any, ms: Any, mom: Any, *mg: Any, decay: float,
                      one_minus_decay: float, momentum: float, lr: float, epsilon: float) -> Any:
        with quiet(xp):
            new_ms = xp.multiply(ms, s(decay, var))
            t = xp.square(grad)
            xp.multiply(t, s(one_minus_decay, var), out=t)
            xp.add(new_ms, t, out=new_ms)                        # ms * decay + g² * (1 - decay)
            if mg:
                new_mg = xp.multiply(mg[0], s(decay, var))
                t = xp.multiply(grad, s(one_minus_decay, var))
                xp.add(new_mg, t, out=new_mg)                    # mg * decay + g * (1 - decay)
                denom = xp.square(new_mg)
                xp.add(denom, s(epsilon, var), out=denom)
                xp.subtract(new_ms, denom, out=denom)            # ms - (mg² + eps)
            else:
                denom = xp.add(new_ms, s(epsilon, var))
            xp.sqrt(denom, out=denom)
            new_mom = xp.multiply(mom, s(momentum, var))
            t = xp.multiply(grad, s(lr, var))
            xp.true_divide(t, denom, out=t)
            xp.add(new_mom, t, out=new_mom)                      # mom * momentum + g * lr / denom
            new_var = xp.subtract(var, new_mom)
        if mg:
            return new_var, new_ms, new_mom, new_mg
        return new_var, new_ms, new_mom

    def _moment(m: Any, grad: Any, beta: float, one_minus_beta: float, like: Any) -> Any:
        new_m = xp.multiply(m, s(beta, like))
        t = xp.multiply(grad, s(one_minus_beta, like))
        xp.add(new_m, t, out=new_m)                              # m * beta + g * (1 - beta)
        return new_m

    def _second_moment(v: Any, grad: Any, beta: float, one_minus_beta: float, like: Any) -> Any:
        new_v = xp.multiply(v, s(beta, like))
        t = xp.square(grad)
        xp.multiply(t, s(one_minus_beta, like), out=t)
        xp.add(new_v, t, out=new_v)                              # v * beta + g² * (1 - beta)
        return new_v

    def apply_adam(var: Any, grad: Any, m: Any, v: Any, *, beta1: float, one_minus_beta1: float,
                   beta2: float, one_minus_beta2: float, bias1: float, bias2: float,
                   epsilon: float, neg_lr: float, decay: float | None = None) -> Any:
        with quiet(xp):
            if decay is not None:  # AdamW: sub(var, mul(var, lr * weight_decay)) first
                var = xp.subtract(var, xp.multiply(var, s(decay, var)))
            new_m = _moment(m, grad, beta1, one_minus_beta1, var)
            new_v = _second_moment(v, grad, beta2, one_minus_beta2, var)
            upd = xp.true_divide(new_m, s(bias1, var))           # m_hat
            den = xp.true_divide(new_v, s(bias2, var))           # v_hat
            xp.sqrt(den, out=den)
            xp.add(den, s(epsilon, var), out=den)
            xp.true_divide(upd, den, out=upd)
            xp.multiply(upd, s(neg_lr, var), out=upd)
            xp.add(upd, var, out=upd)                            # m_hat / (sqrt(v_hat) + eps) * -lr + var
        return upd, new_m, new_v

    def apply_adamax(var: Any, grad: Any, m: Any, u: Any, *, beta1: float, one_minus_beta1: float,
                     beta2: float, epsilon: float, scale: float) -> Any:
        with quiet(xp):
            new_m = _moment(m, grad, beta1, one_minus_beta1, var)
            new_u = xp.multiply(u, s(beta2, var))
            xp.maximum(new_u, xp.abs(grad), out=new_u)           # max(u * beta2, |g|)
            upd = xp.add(new_u, s(epsilon, var))
            xp.true_divide(new_m, upd, out=upd)
            xp.multiply(upd, s(scale, var), out=upd)
            xp.add(upd, var, out=upd)
        return upd, new_m, new_u

    def apply_adadelta(var: Any, grad: Any, ag: Any, au: Any, *, rho: float, one_minus_rho: float,
                       epsilon: float, neg_lr: float) -> Any:
        with quiet(xp):
            new_ag = _second_moment(ag, grad, rho, one_minus_rho, var)
            eps = s(epsilon, var)
            upd = xp.add(au, eps)
            xp.sqrt(upd, out=upd)
            t = xp.add(ag, eps)                                  # the accumulator before this step
            xp.sqrt(t, out=t)
            xp.true_divide(upd, t, out=upd)
            xp.multiply(upd, grad, out=upd)                      # sqrt(au + eps) / sqrt(ag + eps) * g
            new_au = _second_moment(au, upd, rho, one_minus_rho, var)
            xp.multiply(upd, s(neg_lr, var), out=upd)
            xp.add(upd, var, out=upd)
        return upd, new_ag, new_au

    def apply_adagrad(var: Any, grad: Any, acc: Any, *, epsilon: float, neg_lr: float) -> Any:
        with quiet(xp):
            new_acc = xp.square(grad)
            xp.add(acc, new_acc, out=new_acc)                    # acc + g²
            t = xp.add(new_acc, s(epsilon, var))
            xp.sqrt(t, out=t)
            xp.true_divide(grad, t, out=t)
            xp.multiply(t, s(neg_lr, var), out=t)
            xp.add(t, var, out=t)
        return t, new_acc

    def apply_nadam(var: Any, grad: Any, m: Any, v: Any, *, beta1: float, one_minus_beta1: float,
                    beta2: float, one_minus_beta2: float, c_m: float, c_g: float, bias2: float,
                    epsilon: float, lr: float) -> Any:
        with quiet(xp):
            new_m = _moment(m, grad, beta1, one_minus_beta1, var)
            new_v = _second_moment(v, grad, beta2, one_minus_beta2, var)
            upd = xp.multiply(new_m, s(c_m, var))
            t = xp.multiply(grad, s(c_g, var))
            xp.add(upd, t, out=upd)                              # m_hat
            den = xp.true_divide(new_v, s(bias2, var))           # v_hat
            xp.sqrt(den, out=den)
            xp.add(den, s(epsilon, var), out=den)
            xp.true_divide(upd, den, out=upd)
            xp.multiply(upd, s(lr, var), out=upd)
            xp.subtract(var, upd, out=upd)                       # var - m_hat / (...) * lr
        return upd, new_m, new_v

    def arrays(fn: Callable[..., Any]) -> Callable[..., Any]:
        """Runs ``fn`` on 1-element views of rank-0 inputs (NumPy gives scalars, not arrays, for
        arithmetic on 0-d arrays, and ``out=`` needs arrays); outputs get rank 0 back."""
        def kernel(*arrays: Any, **attrs: Any) -> Any:
            if arrays[0].ndim:
                return fn(*arrays, **attrs)
            out = fn(*(a.reshape(1) for a in arrays), **attrs)
            if isinstance(out, tuple):
                return tuple(o.reshape(()) for o in out)
            return out.reshape(())
        kernel.__name__ = kernel.__qualname__ = fn.__name__
        return kernel

    return {
        "_ApplyGradientDescent": arrays(apply_gradient_descent),
        "_ApplyMomentum": arrays(apply_momentum),
        "_ApplyRMSProp": arrays(apply_rmsprop),
        "_ApplyAdam": arrays(apply_adam),
        "_ApplyAdaMax": arrays(apply_adamax),
        "_ApplyAdadelta": arrays(apply_adadelta),
        "_ApplyAdagrad": arrays(apply_adagrad),
        "_ApplyNadam": arrays(apply_nadam),
    }
