"""In-memory handlers (TF.js's ``tf.io.fromMemory`` / ``tf.io.withSaveHandler``)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .types import ModelArtifacts, SaveResult, model_artifacts_info

_CAMEL = {"modelTopology": "model_topology", "weightSpecs": "weight_specs",
          "weightData": "weight_data", "trainingConfig": "training_config",
          "generatedBy": "generated_by", "convertedBy": "converted_by", "format": "format",
          "signature": "signature", "userDefinedMetadata": "user_defined_metadata",
          "modelInitializer": "model_initializer", "initializerSignature": "initializer_signature"}


class PassthroughLoader:
    """A handler whose ``load()`` returns the artifacts it was given."""

    def __init__(self, artifacts: ModelArtifacts) -> None:
        self.artifacts = artifacts

    def load(self) -> ModelArtifacts:
        return self.artifacts


class PassthroughSaver:
    """A handler whose ``save()`` hands the artifacts to a function."""

    def __init__(self, save_handler: Callable[[ModelArtifacts], Any]) -> None:
        self.save_handler = save_handler

    def save(self, artifacts: ModelArtifacts) -> SaveResult:
        result = self.save_handler(artifacts)
        if result is None:
            result = SaveResult(model_artifacts_info(artifacts))
        return result


def from_memory(model_artifacts: Any, weight_specs: list | None = None,
                weight_data: bytes | None = None, training_config: dict | None = None
                ) -> PassthroughLoader:
    """A load handler for artifacts in memory: a :class:`ModelArtifacts`, a TF.js-style dict
    (``{"modelTopology", "weightSpecs", "weightData", ...}``), or a topology dict with
    ``weight_specs`` / ``weight_data`` / ``training_config``.

    >>> h = from_memory({"class_name": "Sequential"}, [], b"")
    >>> h.load().model_topology
    {'class_name': 'Sequential'}
    """
    if isinstance(model_artifacts, ModelArtifacts):
        return PassthroughLoader(model_artifacts)
    if isinstance(model_artifacts, dict) and weight_specs is None and weight_data is None and (
            "modelTopology" in model_artifacts or "weightSpecs" in model_artifacts):
        kw = {_CAMEL[k]: v for k, v in model_artifacts.items() if k in _CAMEL}
        if kw.get("weight_data") is not None:
            kw["weight_data"] = bytes(kw["weight_data"])
        return PassthroughLoader(ModelArtifacts(**kw))
    return PassthroughLoader(ModelArtifacts(
        model_topology=model_artifacts, weight_specs=weight_specs,
        weight_data=None if weight_data is None else bytes(weight_data),
        training_config=training_config))


def with_save_handler(save_handler: Callable[[ModelArtifacts], Any]) -> PassthroughSaver:
    """A save handler that calls ``save_handler(artifacts)`` (its return value, a
    :class:`SaveResult`, is the save's result; None gives a default one).

    >>> got = []
    >>> h = with_save_handler(got.append)
    >>> h.save(ModelArtifacts(model_topology={})).model_artifacts_info["weight_data_bytes"]
    0
    """
    return PassthroughSaver(save_handler)
