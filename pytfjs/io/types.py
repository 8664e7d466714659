"""Model artifacts: the in-memory form of a TF.js ``model.json`` plus its weights.

``ModelArtifacts`` mirrors TF.js's ``ModelArtifacts`` interface with snake_case fields; the
model.json on disk keeps TF.js's camelCase keys (``modelTopology``, ``weightsManifest``, ...),
and the helpers here convert between the two. Standard library only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .errors import ModelFormatError

# (python field, model.json key) for the optional top-level entries, in TF.js's order.
_OPTIONAL_FIELDS: tuple[tuple[str, str], ...] = (
    ("signature", "signature"),
    ("user_defined_metadata", "userDefinedMetadata"),
    ("model_initializer", "modelInitializer"),
    ("initializer_signature", "initializerSignature"),
    ("training_config", "trainingConfig"),
)


@dataclass
class ModelArtifacts:
    """A model's topology, metadata, weight specs and concatenated weight bytes.

    ``weight_specs`` is the flat list of ``weightsManifest[].weights`` entries (dicts with
    ``name``, ``shape``, ``dtype`` and optionally ``quantization`` / ``group``), and
    ``weight_data`` the bytes of all groups' shards concatenated in manifest order.

    >>> a = ModelArtifacts(model_topology={"k": 1}, format="layers-model")
    >>> a.to_model_json([])["format"]
    'layers-model'
    """

    model_topology: dict | None = None
    format: str | None = None
    generated_by: str | None = None
    converted_by: str | None = None
    weight_specs: list[dict] | None = None
    weight_data: bytes | None = None
    training_config: dict | None = None
    signature: dict | None = None
    user_defined_metadata: dict | None = None
    model_initializer: dict | None = None
    initializer_signature: dict | None = None
    #: The manifest groups the weights came from (paths + weights), when loaded from a file or
    #: URL; informative only (``weight_specs`` / ``weight_data`` are what loaders use).
    weights_manifest: list[dict] | None = field(default=None, repr=False, compare=False)

    def to_model_json(self, weights_manifest: list[dict] | None) -> dict:
        """The model.json object for these artifacts with ``weights_manifest`` (TF.js's
        ``getModelJSONForModelArtifacts``): optional entries only when set."""
        out: dict[str, Any] = {
            "modelTopology": self.model_topology,
            "format": self.format,
            "generatedBy": self.generated_by,
            "convertedBy": self.converted_by,
            "weightsManifest": weights_manifest,
        }
        for attr, key in _OPTIONAL_FIELDS:
            value = getattr(self, attr)
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_model_json(cls, model_json: dict, weight_specs: list[dict] | None = None,
                        weight_data: bytes | None = None) -> ModelArtifacts:
        """Artifacts from a parsed model.json (TF.js's ``getModelArtifactsForJSONSync``).
        When the JSON has a ``weightsManifest``, ``weight_specs`` and ``weight_data`` must be
        given."""
        check_model_json(model_json)
        kw: dict[str, Any] = {
            "model_topology": model_json.get("modelTopology"),
            "format": model_json.get("format"),
            "generated_by": model_json.get("generatedBy"),
            "converted_by": model_json.get("convertedBy"),
        }
        for attr, key in _OPTIONAL_FIELDS:
            if model_json.get(key) is not None:
                kw[attr] = model_json[key]
        manifest = model_json.get("weightsManifest")
        if manifest is not None:
            if weight_specs is None:
                raise ModelFormatError("model.json has a weightsManifest but weight_specs is None")
            if weight_data is None:
                raise ModelFormatError("model.json has a weightsManifest but weight_data is None")
            kw["weight_specs"] = weight_specs
            kw["weight_data"] = bytes(weight_data)
            kw["weights_manifest"] = manifest
        return cls(**kw)

    def decode_weights(self, *, strict: bool = True) -> dict:
        """The weights as ``{name: Tensor}`` (see :func:`pytfjs.io.decode_weights`)."""
        from .weights import decode_weights
        return decode_weights(self.weight_data or b"", self.weight_specs or [], strict=strict)

    def info(self) -> dict:
        """TF.js's ``ModelArtifactsInfo`` (snake_case): sizes in bytes and the save date."""
        return model_artifacts_info(self)


def model_artifacts_info(artifacts: ModelArtifacts, date_saved: datetime | None = None) -> dict:
    """TF.js's ``getModelArtifactsInfoForJSON``: byte sizes of the JSON parts (UTF-8 of the
    compact JSON, as ``JSON.stringify`` writes it) and of the weight data."""
    def nbytes(obj: Any) -> int:
        if obj is None:
            return 0
        return len(dumps_json(obj).encode("utf-8"))
    return {
        "date_saved": date_saved or datetime.now(UTC),
        "model_topology_type": "JSON",
        "model_topology_bytes": nbytes(artifacts.model_topology),
        "weight_specs_bytes": nbytes(artifacts.weight_specs),
        "weight_data_bytes": 0 if artifacts.weight_data is None else len(artifacts.weight_data),
    }


def dumps_json(obj: Any) -> str:
    """Compact JSON as ``JSON.stringify`` writes it (no spaces, non-ASCII kept)."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def parse_model_json(text: str | bytes, source: str = "model.json") -> dict:
    """Parses and checks model.json text. Raises :class:`ModelFormatError` for invalid JSON,
    a top level that is not an object, or a JSON with neither topology nor manifest."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ModelFormatError(f"Failed to parse model JSON from {source}: not UTF-8 ({e.reason} "
                                   f"at byte {e.start}).") from None
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise ModelFormatError(f"Failed to parse model JSON from {source}: {e}") from None
    check_model_json(obj, source)
    return obj


def check_model_json(obj: Any, source: str = "model.json") -> None:
    """Checks the top-level structure of a model.json object (types of the known keys and the
    weights manifest); raises :class:`ModelFormatError`."""
    if not isinstance(obj, dict):
        raise ModelFormatError(f"The JSON from {source} must be an object, got {type(obj).__name__}.")
    if obj.get("modelTopology") is None and obj.get("weightsManifest") is None:
        raise ModelFormatError(f"The JSON from {source} contains neither model topology or manifest "
                               f"for weights.")
    for key in ("format", "generatedBy", "convertedBy"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise ModelFormatError(f"{source}: '{key}' must be a string, got "
                                   f"{type(obj[key]).__name__}.")
    for key in ("modelTopology", "trainingConfig", "signature", "userDefinedMetadata",
                "modelInitializer", "initializerSignature"):
        if obj.get(key) is not None and not isinstance(obj[key], dict):
            raise ModelFormatError(f"{source}: '{key}' must be an object, got "
                                   f"{type(obj[key]).__name__}.")
    if obj.get("weightsManifest") is not None:
        check_weights_manifest(obj["weightsManifest"], source)


def check_weights_manifest(manifest: Any, source: str = "model.json") -> None:
    """Checks that ``manifest`` is a list of ``{"paths": [str], "weights": [dict]}`` groups."""
    if not isinstance(manifest, list):
        raise ModelFormatError(f"{source}: 'weightsManifest' must be a list, got "
                               f"{type(manifest).__name__}.")
    for i, group in enumerate(manifest):
        where = f"{source}: weightsManifest[{i}]"
        if not isinstance(group, dict):
            raise ModelFormatError(f"{where} must be an object, got {type(group).__name__}.")
        for key in ("paths", "weights"):
            if key not in group:
                raise ModelFormatError(f"{where} is missing the field '{key}'.")
            if not isinstance(group[key], list):
                raise ModelFormatError(f"{where}.{key} must be a list, got "
                                       f"{type(group[key]).__name__}.")
        for j, p in enumerate(group["paths"]):
            if not isinstance(p, str):
                raise ModelFormatError(f"{where}.paths[{j}] must be a string, got "
                                       f"{type(p).__name__}.")
        for j, w in enumerate(group["weights"]):
            if not isinstance(w, dict):
                raise ModelFormatError(f"{where}.weights[{j}] must be an object, got "
                                       f"{type(w).__name__}.")


def get_weight_specs(manifest: list[dict]) -> list[dict]:
    """The flat list of weight specs of a weights manifest, in order."""
    out: list[dict] = []
    for group in manifest:
        out.extend(group["weights"])
    return out


ModelJSON = dict
"""Type alias: a parsed model.json (camelCase keys, as TF.js writes them)."""


@dataclass
class SaveResult:
    """What a save handler returns (TF.js's ``SaveResult``): the artifacts info, plus the HTTP
    responses of a server-based save."""

    model_artifacts_info: dict
    responses: list | None = None
    errors: list | None = None
