"""Names as TF.js gives them: layers ``<snake_class>_<Class><n>`` (``dense_Dense1``), models
``sequential_<n>`` / ``model_<n>``, inputs ``input<n>``; weights ``<layer>/<weight>``."""
from __future__ import annotations

import re
from collections import defaultdict

_counters: dict[str, int] = defaultdict(int)


def snake(name: str) -> str:
    """TF.js's ``toSnakeCase``: ``ConvLSTM2D`` -> ``conv_lst_m2d``, ``LeakyReLU`` -> ``leaky_re_lu``."""
    s = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", s).lower()


def unique(prefix: str) -> str:
    _counters[prefix] += 1
    return f"{prefix}{_counters[prefix]}"


def layer_name(class_name: str) -> str:
    return f"{snake(class_name)}_{unique(class_name)}"


def reset() -> None:
    """Restarts the counters (tests that compare names with TF.js use this)."""
    _counters.clear()
