"""``python -m pytfjs.converters MODEL OUT``: converts a model without TensorFlow.

* a Keras ``.h5``/``.keras`` file -> the TF.js layers format (model.json + binary weight shards)
  in the folder OUT (the default ``--output-format tfjs_layers_model``);
* a Keras file or a TF.js ``model.json`` (layers or graph model) -> ONNX with
  ``--output-format onnx --input-shape 1,224,224,3`` (one ``--input-shape`` per model input;
  optional when the model's input shapes are known but for the batch size, which is then 1).
  OUT is the ``.onnx`` file (or a folder, which gets ``model.onnx``). Needs
  ``pip install 'pytfjs[onnx]'``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from . import load_keras_model


def _shape(text: str) -> list[int]:
    try:
        dims = [int(d) for d in text.replace("x", ",").split(",") if d.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad shape {text!r}: use comma-separated sizes, "
                                         f"e.g. 1,224,224,3") from None
    if not dims or any(d <= 0 for d in dims):
        raise argparse.ArgumentTypeError(f"bad shape {text!r}: sizes must be positive")
    return dims


def _load(path: str, unsafe: bool) -> Any:
    """A LayersModel or GraphModel from a Keras file or a TF.js model.json."""
    if path.endswith(".json"):
        import pytfjs as tf
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        topology = spec.get("modelTopology") or {}
        if spec.get("format") == "graph-model" or "node" in topology:
            return tf.load_graph_model(path)
        return tf.load_layers_model(path)
    return load_keras_model(path, safe_mode=not unsafe)


def _input_specs(model: Any, shapes: list | None) -> list[tuple[list[int], str]]:
    """``(shape, dtype)`` per model input, from ``--input-shape`` or the model's own shapes."""
    from ..graph.model import GraphModel
    if isinstance(model, GraphModel):
        known = [(i.get("shape"), i.get("dtype") or "float32") for i in model.inputs]
    else:
        known = [(list(t.shape), t.dtype) for t in model.inputs]
    if shapes:
        if len(shapes) != len(known):
            raise SystemExit(f"error: the model has {len(known)} input(s); got "
                             f"{len(shapes)} --input-shape")
        return [(s, dt) for s, (_, dt) in zip(shapes, known)]
    out = []
    for i, (shape, dt) in enumerate(known):
        if shape is None or any(d is None or d < 0 for d in list(shape)[1:]):
            raise SystemExit(f"error: input {i} has shape {shape}: give --input-shape "
                             f"(ONNX graphs exported by pytfjs have fixed shapes)")
        out.append(([1] + [int(d) for d in list(shape)[1:]], dt))
    return out


def _to_onnx(model: Any, out: str, shapes: list | None) -> str:
    import pytfjs as tf

    from ..onnx import export
    path = out if out.endswith(".onnx") else os.path.join(out, "model.onnx")
    xs = []
    for i, (shape, dtype) in enumerate(_input_specs(model, shapes)):
        if dtype in ("float32", "float16", "float64"):
            xs.append(tf.random_normal(shape, seed=i + 1))
        else:
            xs.append(tf.zeros(shape, dtype))
    try:
        export(model, xs, path)
    finally:
        tf.dispose(xs)
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m pytfjs.converters", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="a Keras .h5 or .keras file, or a TF.js model.json (onnx output)")
    p.add_argument("output", metavar="output_dir",
                   help="folder for model.json and its weight shards (onnx: a .onnx file or folder)")
    p.add_argument("--output-format", choices=["tfjs_layers_model", "onnx"],
                   default="tfjs_layers_model")
    p.add_argument("--input-shape", type=_shape, action="append", default=None,
                   help="onnx: the shape of an input, e.g. 1,224,224,3 (repeat per input)")
    p.add_argument("--unsafe", action="store_true",
                   help="allow Lambda layers' Python bytecode (runs code from the file)")
    p.add_argument("--quantize", choices=["uint8", "uint16", "float16"], default=None)
    p.add_argument("--shard-size", type=int, default=4 * 1024 * 1024)
    args = p.parse_args(argv)
    if args.output_format == "onnx":
        if args.quantize:
            p.error("--quantize applies to the TF.js layers format only")
        model = _load(args.input, args.unsafe)
        try:
            path = _to_onnx(model, args.output, args.input_shape)
        finally:
            model.dispose()
        print(f"Wrote {path}")
        return 0
    if args.input_shape:
        p.error("--input-shape applies to --output-format onnx only")
    if args.input.endswith(".json"):
        p.error("a model.json is already in a TF.js format: use --output-format onnx")
    from ..layers.saving import save_model
    model = load_keras_model(args.input, safe_mode=not args.unsafe)
    os.makedirs(args.output, exist_ok=True)
    save_model(model, "file://" + os.path.abspath(args.output), shard_size_bytes=args.shard_size,
               quantization=args.quantize)
    print(f"Wrote {os.path.join(args.output, 'model.json')}")
    model.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
