"""The Ops API, one module per category (TF.js converter categories)."""
from . import (arithmetic, basic_math, convolution, creation, evaluation, image, linalg, logical,
               losses, matrices, misc, normalization, pooling, random, ragged, reduction, slice_join, sparse,
               spectral, string, transformation)  # noqa: F401


NAMESPACES = ("image", "linalg", "losses", "signal", "spectral", "sparse", "string", "fused",
              "math")


def build_namespaces() -> dict:
    """Module objects for ``tf.image``, ``tf.linalg``, ... filled from the op registry (an op
    declared with ``namespace="image"`` or an alias such as ``"spectral.fft"`` appears there)."""
    import types

    from ..core.opdef import OPS
    spaces = {name: types.ModuleType(f"pytfjs.{name}", f"The tf.{name} namespace.")
              for name in NAMESPACES}
    for full, od in OPS.items():
        for name in (full, *od.aliases):
            if "." in name:
                space, short = name.split(".", 1)
                if space not in spaces:
                    raise ValueError(f"op {full}: unknown namespace '{space}'")
                setattr(spaces[space], short, od.fn)
    return spaces
