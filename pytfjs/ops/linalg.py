"""Ops: linear algebra — ``einsum``, ``diag``, ``euclidean_norm`` and the tf.linalg namespace
(``band_part``, ``gram_schmidt``, ``qr``).

- ``einsum`` runs the Einsum kernel on TF.js's subset: an explicit ``->``, at most two operands,
  no ellipsis, no label repeated within an operand, equal sizes for a shared label (no
  broadcasting). Beyond TF.js 4.22, on purpose: a result label may not repeat (TF.js returns a
  wrongly shaped tensor), an operand none of whose labels is summed still takes part
  (TF.js drops it: ``'ij,kl->ijk'``) and mixed dtypes are upcast (TF.js keeps the second
  operand's dtype). bool operands count as int32 once they are multiplied or summed, as TF.js.
  Its gradient is an einsum of ``dy`` with the other operand (TF.js has none).
- ``diag(x)`` puts the values of ``x`` on the diagonal of a ``x.shape + x.shape`` tensor; its
  gradient takes the diagonal back (TF.js has none).
- ``linalg.qr`` is TF.js's Householder QR (same reflections, so the same signs: the diagonal of
  R is ``-norm`` where the pivot is positive and ``+norm`` otherwise, a zero column gives NaN).
  It runs a ``Qr`` kernel (TF's op name; a fallback composed of ops runs elsewhere) and has no
  gradient, as in TF.js. Batched non-square inputs give TF's shapes (TF.js fails on them).
- ``linalg.band_part`` and ``linalg.gram_schmidt`` are composed of other ops as in TF.js, so
  their gradients come from their parts; ``euclidean_norm`` is ``sqrt(sum(x * x))`` over any
  number of axes (TF.js's ``norm`` stops at two).
"""
from __future__ import annotations

from typing import Any, Sequence

from ..core import dtypes as _dt
from ..core.opdef import op, run, to_tensor, to_tensors
from ..core.shapes import ShapeError, parse_axes
from ..core.tensor import Tensor
from . import arithmetic, basic_math, creation, logical, matrices, reduction, slice_join, \
    transformation
from ._util import cast_to

__all__ = ["einsum", "diag", "euclidean_norm"]


# ------------------------------------------------------------------------------------- einsum
def _parse_einsum(equation: str, shapes: Sequence[tuple[int, ...]]) -> tuple[list[str], str]:
    """Validates ``equation`` against the operand shapes (TF.js's supported subset); returns the
    input terms and the output term."""
    if not isinstance(equation, str):
        raise TypeError(f"'einsum': equation must be a str, got {equation!r}")
    eq = "".join(equation.split())
    arrows = eq.count("->")
    if arrows < 1:
        raise ValueError("'einsum': equations without an arrow ('->') are not supported")
    if arrows > 1:
        raise ValueError("'einsum': the equation must contain exactly one arrow ('->')")
    lhs, out = eq.split("->")
    if "..." in lhs or "..." in out:
        raise ValueError("'einsum': the ellipsis notation ('...') is not supported")
    terms = lhs.split(",")
    if len(terms) != len(shapes):
        raise ValueError(f"'einsum': the equation has {len(terms)} input terms but "
                         f"{len(shapes)} tensors were given")
    if len(terms) > 2:
        raise ValueError("'einsum': more than 2 input tensors are not supported")
    for term in (*terms, out):
        bad = [c for c in term if not c.isalpha()]
        if bad:
            raise ValueError(f"'einsum': invalid subscript {bad[0]!r} in equation {equation!r}")
    for term in terms:
        if len(set(term)) != len(term):
            raise ValueError(f"'einsum': found duplicate axes in input component '{term}'; "
                             f"duplicate axes in an input are not supported")
    if len(set(out)) != len(out):
        raise ValueError(f"'einsum': the output subscripts '{out}' repeat a label")
    for c in out:
        if not any(c in t for t in terms):
            raise ValueError(f"'einsum': output subscripts contain the label {c} not present "
                             f"in the input subscripts")
    sizes: dict[str, int] = {}
    for i, (term, shape) in enumerate(zip(terms, shapes)):
        if len(term) != len(shape):
            raise ShapeError(f"'einsum': input term '{term}' has {len(term)} subscripts but "
                             f"tensor {i} has rank {len(shape)} (shape {list(shape)})")
        for c, d in zip(term, shape):
            if sizes.setdefault(c, d) != d:
                raise ShapeError(f"'einsum': expected dimension {sizes[c]} for label '{c}' at "
                                 f"axis {term.index(c)} of input shaped {list(shape)}, but got "
                                 f"dimension {d}")
    return terms, out


@op("Einsum", tf_ops=("Einsum",), dtype="upcast of the operands; bool -> int32 when multiplied "
    "or summed", method=False)
def einsum(equation: str, *tensors: Any) -> Tensor:
    """Tensor contraction over the indices given by an Einstein-summation ``equation``
    (TF.js's subset: an explicit ``->``, one or two operands, no ellipsis, no label repeated
    within an operand).

    Args:
        equation: e.g. ``'ij,jk->ik'`` (matrix product), ``'ij->ji'``, ``'i,i->'``.
        *tensors: one or two tensors.

    >>> import pytfjs as tf
    >>> a = tf.tensor([[1, 2], [3, 4]])
    >>> tf.einsum('ij,jk->ik', a, a).to_list(), tf.einsum('ij->j', a).to_list()
    ([[7, 10], [15, 22]], [4, 6])
    """
    xs = [to_tensor(t, f"tensors{i}", "einsum", numeric=True) for i, t in enumerate(tensors)]
    terms, out = _parse_einsum(equation, [x.shape for x in xs])
    dtype = xs[0].dtype
    for x in xs[1:]:
        dtype = _dt.upcast(dtype, x.dtype)
    summed = any(c not in out for t in terms for c in t)
    if dtype == "bool" and (len(xs) > 1 or summed):
        dtype = "int32"
    xs = [cast_to(x, dtype) for x in xs]
    return run("Einsum", *xs, equation=",".join(terms) + "->" + out)


@einsum.fallback
def _einsum_fallback(*xs: Tensor, equation: str) -> Tensor:
    """Aligns every operand to the labels (output labels first), multiplies them with
    broadcasting and sums the non-output labels."""
    lhs, out = equation.split("->")
    terms = lhs.split(",")
    labels = list(out) + sorted({c for t in terms for c in t if c not in out},
                                key=lambda c: lhs.index(c))
    prod = None
    for x, term in zip(xs, terms):
        sizes = dict(zip(term, x.shape))
        order = sorted(range(len(term)), key=lambda k: labels.index(term[k]))
        if order != list(range(len(term))):
            x = matrices.transpose(x, order)
        shape = [sizes.get(c, 1) for c in labels]
        if list(x.shape) != shape:
            x = transformation.reshape(x, shape)
        prod = x if prod is None else arithmetic.mul(prod, x)
    assert prod is not None
    axes = list(range(len(out), len(labels)))
    if axes:
        prod = reduction.sum(prod, axes)
    return prod


def _conj(x: Tensor) -> Tensor:
    if x.dtype != "complex64":
        return x
    return creation.complex(creation.real(x), arithmetic.mul(creation.imag(x), -1.0))


@einsum.gradient(save_inputs=True)
def _einsum_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    lhs, out = attrs["equation"].split("->")
    terms = lhs.split(",")
    grads = []
    for k, (x, term) in enumerate(zip(inputs, terms)):
        others = [(inputs[o], terms[o]) for o in range(len(terms)) if o != k]
        present = out + "".join(t for _, t in others)
        kept = "".join(c for c in term if c in present)
        eq = ",".join([out] + [t for _, t in others]) + "->" + kept
        g = einsum(eq, dy, *[_conj(t) for t, _ in others])
        if kept != term:
            g = transformation.reshape(g, [x.shape[i] if c in kept else 1
                                           for i, c in enumerate(term)])
            g = transformation.broadcast_to(g, x.shape)
        grads.append(g)
    return tuple(grads)


# --------------------------------------------------------------------------------------- diag
@op("Diag", tf_ops=("Diag",), dtype="same")
def diag(x: Any) -> Tensor:
    """A tensor of shape ``x.shape + x.shape`` with the values of ``x`` on its diagonal and
    zeros elsewhere.

    Args:
        x: the diagonal values (any rank; a scalar is returned unchanged, as in TF.js).

    >>> import pytfjs as tf
    >>> tf.diag(tf.tensor([1, 2, 3])).to_list()
    [[1, 0, 0], [0, 2, 0], [0, 0, 3]]
    """
    x = to_tensor(x, "x", "diag")
    if x.dtype == "string":
        raise TypeError("Argument 'x' passed to 'diag' must be numeric tensor, but got string "
                        "tensor")
    return run("Diag", x)


@diag.gradient(save_inputs=True)
def _diag_grad(dy: Tensor, inputs: Any, outputs: Any, attrs: dict) -> tuple:
    (x,) = inputs
    n = x.size
    flat = transformation.reshape(dy, [n * n])
    idx = creation.tensor([i * (n + 1) for i in range(n)], (n,), "int32")
    return (transformation.reshape(slice_join.gather(flat, idx), x.shape),)


# ----------------------------------------------------------------------------- euclidean_norm
@op(None, tf_ops=("EuclideanNorm",), dtype="float32 (int32/bool are cast to float32)")
def euclidean_norm(x: Any, axis: int | Sequence[int] | None = None,
                   keep_dims: bool = False) -> Tensor:
    """The Euclidean norm ``sqrt(sum(|x|**2))`` over ``axis`` (every axis when None).

    Args:
        x: the input tensor.
        axis: an axis or a list of axes; None reduces every axis. Negative axes count from
            the end.
        keep_dims: keep reduced axes as length-1 dimensions.

    >>> import pytfjs as tf
    >>> tf.euclidean_norm(tf.tensor([[3.0, 4.0], [6.0, 8.0]]), 1).to_list()
    [5.0, 10.0]
    """
    x = to_tensor(x, "x", "euclidean_norm", numeric=True)
    if not isinstance(keep_dims, bool):
        raise TypeError(f"'euclidean_norm': keep_dims must be a bool, got {keep_dims!r}")
    axes = parse_axes(axis, x.rank, "euclidean_norm")
    if len(set(axes)) != len(axes):
        raise ShapeError(f"'euclidean_norm': axis {axis!r} repeats an axis")
    if x.dtype == "complex64":
        x = basic_math.abs(x)
    elif not _dt.is_float(x.dtype):
        x = cast_to(x, "float32")
    return basic_math.sqrt(reduction.sum(basic_math.square(x), axes, keep_dims))


# ---------------------------------------------------------------------------------- band_part
def _band_bound(v: Any, size: int, arg: str) -> Any:
    if not isinstance(v, (int, float)) and v is not None:
        v = to_tensor(v, arg, "band_part")
    if isinstance(v, Tensor):
        if v.dtype != "int32":
            raise TypeError(f"'band_part': {arg} must be an int or an int32 tensor, got a "
                            f"{v.dtype} tensor")
        return logical.where(logical.less(v, 0), size, arithmetic.minimum(v, size))
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v % 1 != 0:
        raise ValueError(f"'band_part': {arg} must be an integer, got {v!r}")
    v = int(v)
    which = "rows" if arg == "num_lower" else "columns"
    if v > size:
        raise ValueError(f"'band_part': {arg} ({v}) must not be greater than the number of "
                         f"{which} ({size})")
    return size if v < 0 else v


@op(None, tf_ops=("MatrixBandPart",), namespace="linalg", dtype="same", method=False)
def band_part(a: Any, num_lower: int | Tensor, num_upper: int | Tensor) -> Tensor:
    """Keeps a band of each inner-most matrix of ``a`` and sets the rest to zero: element
    ``[i, j]`` is kept when ``i - j <= num_lower`` and ``j - i <= num_upper``.

    Args:
        a: a tensor of rank >= 2.
        num_lower: the number of sub-diagonals to keep (negative: all); an int or an int32
            scalar tensor.
        num_upper: the number of super-diagonals to keep (negative: all).

    >>> import pytfjs as tf
    >>> tf.linalg.band_part(tf.ones([3, 3]), 0, 1).to_list()
    [[1.0, 1.0, 0.0], [0.0, 1.0, 1.0], [0.0, 0.0, 1.0]]
    """
    x = to_tensor(a, "a", "band_part")
    if x.rank < 2:
        raise ValueError(f"'band_part': a must have rank >= 2, got rank {x.rank}")
    m, n = x.shape[-2:]
    lower = _band_bound(num_lower, m, "num_lower")
    upper = _band_bound(num_upper, n, "num_upper")
    if isinstance(lower, int) and isinstance(upper, int):
        mask = creation.tensor([[i - j <= lower and j - i <= upper for j in range(n)]
                                for i in range(m)] if m and n else [], (m, n), "bool")
    else:
        ij = arithmetic.sub(transformation.reshape(creation.range(0, m, 1, "int32"), [-1, 1]),
                            creation.range(0, n, 1, "int32"))
        mask = logical.logical_and(logical.less_equal(ij, lower),
                                   logical.greater_equal(ij, arithmetic.mul(upper, -1)))
    if x.dtype == "complex64":
        re = logical.where(mask, creation.real(x), 0.0)
        im = logical.where(mask, creation.imag(x), 0.0)
        return creation.complex(re, im)
    return logical.where(mask, x, creation.zeros_like(x))


# ------------------------------------------------------------------------------- gram_schmidt
@op(None, namespace="linalg", dtype="float32", method=False)
def gram_schmidt(xs: Any) -> Tensor | list[Tensor]:
    """Gram-Schmidt orthonormalisation of the rows of a 2-D tensor or of a list of 1-D tensors
    (in order; each vector loses its projections on the previous ones and is normalised).

    Args:
        xs: a 2-D tensor ``[n, d]`` or a list of ``n`` 1-D tensors of length ``d`` (n <= d).

    Returns:
        a tensor of the input's shape, or a list, like the input.

    >>> import pytfjs as tf
    >>> [[round(v, 4) for v in r] for r in tf.linalg.gram_schmidt(tf.tensor([[1.0, 1.0], [0.0, 2.0]])).to_list()]
    [[0.7071, 0.7071], [-0.7071, 0.7071]]
    """
    if isinstance(xs, (list, tuple)):
        if not xs:
            raise ValueError("'gram_schmidt': the input must not be empty")
        vs = to_tensors(xs, "xs", "gram_schmidt", numeric=True)
        for i, v in enumerate(vs):
            if v.rank != 1:
                raise ValueError(f"'gram_schmidt': xs[{i}] must be 1-D, got shape {list(v.shape)}")
            if v.shape[0] != vs[0].shape[0]:
                raise ValueError(f"'gram_schmidt': non-unique lengths found in the input vectors: "
                                 f"({v.shape[0]} vs. {vs[0].shape[0]})")
        is_tensor = False
    else:
        x = to_tensor(xs, "xs", "gram_schmidt", numeric=True)
        if x.rank != 2:
            raise ValueError(f"'gram_schmidt': xs must be a 2-D tensor or a list of 1-D "
                             f"tensors, got shape {list(x.shape)}")
        if x.shape[0] == 0:
            raise ValueError("'gram_schmidt': the input must not be empty")
        vs = slice_join.unstack(x, 0)
        is_tensor = True
    if len(vs) > vs[0].shape[0]:
        raise ValueError(f"'gram_schmidt': number of vectors ({len(vs)}) exceeds number of "
                         f"dimensions ({vs[0].shape[0]})")
    vs = [v if _dt.is_float(v.dtype) else cast_to(v, "float32") for v in vs]
    ys: list[Tensor] = []
    for v in vs:
        for y in ys:
            v = arithmetic.sub(v, arithmetic.mul(reduction.sum(arithmetic.mul(y, v)), y))
        ys.append(arithmetic.div(v, euclidean_norm(v)))
    return slice_join.stack(ys, 0) if is_tensor else ys


# ----------------------------------------------------------------------------------------- qr
@op("Qr", namespace="linalg", dtype="float32", method=False,
    differentiable=False)  # TF.js defines no gradient for QR
def qr(x: Any, full_matrices: bool = False) -> list[Tensor]:
    """QR decomposition of the inner-most matrices of ``x`` by Householder reflections:
    ``x = q @ r`` with ``q`` orthogonal and ``r`` upper triangular (TF.js's reflections, hence
    its signs). Not differentiable (TF.js has no gradient for it).

    Args:
        x: a float32 tensor of rank >= 2, shape ``[..., m, n]``.
        full_matrices: return the full ``q`` ``[..., m, m]`` and ``r`` ``[..., m, n]``; by
            default ``q`` is ``[..., m, k]`` and ``r`` ``[..., k, n]`` with ``k = min(m, n)``.

    Returns:
        ``[q, r]``.

    >>> import pytfjs as tf
    >>> q, r = tf.linalg.qr(tf.tensor([[1.0, 2.0], [0.0, 5.0]]))
    >>> q.to_list(), r.to_list()
    ([[-1.0, 0.0], [0.0, -1.0]], [[-1.0, -2.0], [0.0, -5.0]])
    """
    x = to_tensor(x, "x", "qr")
    if x.dtype not in ("float32", "float64"):
        raise TypeError(f"Argument 'x' passed to 'qr' must be float32 tensor, but got "
                        f"{x.dtype} tensor")
    if x.rank < 2:
        raise ValueError(f"'qr' requires input tensor to have a rank >= 2, but got rank {x.rank}")
    if not isinstance(full_matrices, bool):
        raise TypeError(f"'qr': full_matrices must be a bool, got {full_matrices!r}")
    return list(run("Qr", x, full_matrices=full_matrices))


@qr.fallback
def _qr_fallback(x: Tensor, *, full_matrices: bool) -> list[Tensor]:
    """TF.js's Householder QR composed of ops, over a batch of matrices at once."""
    batch = x.shape[:-2]
    m, n = x.shape[-2:]
    b = 1
    for d in batch:
        b *= d
    r = transformation.reshape(x, [b, m, n])
    q = creation.eye(m, m, [b], x.dtype)
    for j in range(min(m, n)):
        col = slice_join.slice(r, [0, j, j], [b, m - j, 1])                     # [b, m-j, 1]
        norm = basic_math.sqrt(reduction.sum(basic_math.square(col), [1, 2], True))
        rjj = slice_join.slice(r, [0, j, j], [b, 1, 1])
        s = logical.where(logical.greater(rjj, 0), -1.0, 1.0)
        if s.dtype != x.dtype:
            s = cast_to(s, x.dtype)
        u1 = arithmetic.sub(rjj, arithmetic.mul(s, norm))
        if m - j == 1:
            w = creation.ones_like(rjj)
        else:
            below = arithmetic.div(slice_join.slice(col, [0, 1, 0], [b, m - j - 1, 1]), u1)
            w = slice_join.concat([creation.ones_like(rjj), below], 1)          # [b, m-j, 1]
        tau = arithmetic.div(arithmetic.mul(arithmetic.mul(s, u1), -1.0), norm)
        tau_w = arithmetic.mul(tau, w)
        r_tail = slice_join.slice(r, [0, j, 0], [b, m - j, n])
        r_tail = arithmetic.sub(r_tail, matrices.mat_mul(
            tau_w, matrices.mat_mul(w, r_tail, True, False)))
        r = r_tail if j == 0 else slice_join.concat(
            [slice_join.slice(r, [0, 0, 0], [b, j, n]), r_tail], 1)
        q_tail = slice_join.slice(q, [0, 0, j], [b, m, m - j])
        q_tail = arithmetic.sub(q_tail, matrices.mat_mul(
            matrices.mat_mul(q_tail, w), tau_w, False, True))
        q = q_tail if j == 0 else slice_join.concat(
            [slice_join.slice(q, [0, 0, 0], [b, m, j]), q_tail], 2)
    if not full_matrices and m > n:
        q = slice_join.slice(q, [0, 0, 0], [b, m, n])
        r = slice_join.slice(r, [0, 0, 0], [b, n, n])
    q = transformation.reshape(q, list(batch) + list(q.shape[1:]))
    r = transformation.reshape(r, list(batch) + list(r.shape[1:]))
    return [q, r]
