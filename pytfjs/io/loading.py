"""The parts of loading shared by every handler that reads model.json + shards: limits,
checking the manifest against the shard bytes, and assembling ``ModelArtifacts``."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import SizeLimitError, WeightsError
from .types import ModelArtifacts, get_weight_specs, parse_model_json
from .weights import check_specs, expected_byte_length, plan_weights

#: Default limits; every loader takes ``max_json_bytes`` / ``max_weight_bytes`` to change them.
DEFAULT_MAX_JSON_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_WEIGHT_BYTES = 8 * 1024 * 1024 * 1024


@dataclass
class LoadOptions:
    """Options of ``load_artifacts`` (TF.js's ``LoadOptions``, snake_case)."""

    on_progress: Callable[[float], Any] | None = None
    request_init: dict | None = None
    weight_url_converter: Callable[[str], str] | None = None
    fetch_func: Callable[..., Any] | None = None
    strict: bool = True
    max_json_bytes: int = DEFAULT_MAX_JSON_BYTES
    max_weight_bytes: int = DEFAULT_MAX_WEIGHT_BYTES
    timeout: float | None = 60.0


def check_json_size(n: int, source: str, options: LoadOptions) -> None:
    if n > options.max_json_bytes:
        raise SizeLimitError(f"{source} is {n} bytes, more than the limit of "
                             f"{options.max_json_bytes} bytes (max_json_bytes).")


def load_from_model_json_bytes(text: bytes, source: str, options: LoadOptions,
                               resolve: Callable[[str], Any],
                               read: Callable[[Any, int], bytes]) -> ModelArtifacts:
    """Parses model.json, checks the manifest, reads every shard with ``read(location,
    max_bytes)`` (``resolve(path)`` turns a manifest path into a location and rejects unsafe
    ones) and checks the bytes of each group against its specs."""
    check_json_size(len(text), source, options)
    model_json = parse_model_json(text, source)
    manifest = model_json.get("weightsManifest")
    if manifest is None:
        return ModelArtifacts.from_model_json(model_json)
    specs = get_weight_specs(manifest)
    check_specs(specs)
    expected, _ = expected_byte_length(specs)
    if expected > options.max_weight_bytes:
        raise SizeLimitError(f"The weights of {source} need at least {expected} bytes, more than "
                             f"the limit of {options.max_weight_bytes} bytes (max_weight_bytes).")
    locations = [[resolve(p) for p in group["paths"]] for group in manifest]
    total_files = sum(len(g) for g in locations)
    done = 0
    total_bytes = 0
    parts: list[bytes] = []
    for gi, (group, locs) in enumerate(zip(manifest, locations)):
        chunks = []
        for loc in locs:
            budget = options.max_weight_bytes - total_bytes
            chunk = read(loc, budget)
            if len(chunk) > budget:
                raise SizeLimitError(f"The weights of {source} are larger than the limit of "
                                     f"{options.max_weight_bytes} bytes (max_weight_bytes).")
            total_bytes += len(chunk)
            chunks.append(chunk)
            done += 1
            if options.on_progress is not None:
                options.on_progress(done / total_files)
        data = b"".join(chunks)
        gspecs = group["weights"]
        want, has_strings = expected_byte_length(gspecs)
        names = ", ".join(group["paths"]) or "no files"
        if len(data) < want or (options.strict and not has_strings and len(data) != want):
            raise WeightsError(f"Weights of group {gi + 1} ({names}) have {len(data)} bytes but the "
                               f"manifest describes {want}"
                               f"{' or more' if has_strings else ''} bytes.")
        try:
            plan = plan_weights(data, gspecs, strict=options.strict)
        except WeightsError as e:
            raise WeightsError(f"Weights of group {gi + 1} ({names}): {e}") from None
        end = plan[-1][1] + plan[-1][2] if plan else 0
        data = data[:end]  # non-strict: trailing bytes of a group never shift the next group
        parts.append(data)
    return ModelArtifacts.from_model_json(model_json, specs, b"".join(parts))
