"""Layer class registry and Keras-JSON (de)serialisation. Loading never executes code from a
file: only registered classes can be instantiated, by name."""
from __future__ import annotations

from typing import Any, Callable

LAYER_CLASSES: dict[str, type] = {}
FACTORIES: dict[str, Callable[..., Any]] = {}
# Class names older Keras / TF.js files use for the same classes.
_CLASS_ALIASES = {"Model": "Model", "Functional": "Model", "LayersModel": "Model"}


class UnknownLayerError(ValueError):
    """A layer class name that pytfjs does not know (and no custom object supplies)."""


def register_layer(factory: str | None = None, *, class_name: str | None = None) -> Callable[[type], type]:
    """Class decorator: registers a layer class for deserialisation under its class name and,
    with ``factory``, as ``tf.layers.<factory>(**config)``."""
    def deco(cls: type) -> type:
        name = class_name or getattr(cls, "CLASS_NAME", cls.__name__)
        LAYER_CLASSES[name] = cls
        if factory:
            def make(*args: Any, **kwargs: Any) -> Any:
                if args and isinstance(args[0], dict) and len(args) == 1:
                    return cls(**args[0], **kwargs)  # TF.js style: a single config dict
                return cls(*args, **kwargs)
            make.__name__ = factory
            make.__qualname__ = factory
            make.__doc__ = f"``tf.layers.{factory}(**config)``: creates a :class:`{cls.__name__}` layer.\n\n" + \
                (cls.__doc__ or "")
            FACTORIES[factory] = make
        return cls
    return deco


def register_class(cls: type, name: str | None = None) -> type:
    """Registers a custom layer class so saved models using it can be loaded
    (TF.js ``tf.serialization.registerClass``)."""
    LAYER_CLASSES[name or getattr(cls, "CLASS_NAME", cls.__name__)] = cls
    return cls


def serialize_layer(layer: Any) -> dict[str, Any]:
    return {"class_name": layer.class_name, "config": layer.get_config()}


def deserialize_layer(spec: dict[str, Any], custom_objects: dict | None = None) -> Any:
    if not isinstance(spec, dict) or "class_name" not in spec:
        raise ValueError(f"A layer config must be a dict with 'class_name' and 'config', got {spec!r}")
    name = spec["class_name"]
    name = _CLASS_ALIASES.get(name, name)
    cls = (custom_objects or {}).get(name) or LAYER_CLASSES.get(name)
    if cls is None:
        raise UnknownLayerError(f"Unknown layer: {name}. This may be due to one of the following "
                                f"reasons: the layer is defined in Python and not registered with "
                                f"tf.serialization.register_class, or it is not supported by pytfjs yet.")
    config = dict(spec.get("config", {}))
    return cls.from_config(config, custom_objects) if _accepts_custom(cls) else cls.from_config(config)


def _accepts_custom(cls: type) -> bool:
    import inspect
    try:
        return "custom_objects" in inspect.signature(cls.from_config).parameters
    except (TypeError, ValueError):
        return False
