"""``python -m pytfjs.converters MODEL.{h5,keras} OUT_DIR``: a Keras file to the TF.js layers
format (model.json + binary weight shards), without TensorFlow."""
from __future__ import annotations

import argparse
import os
import sys

from . import load_keras_model


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m pytfjs.converters", description=__doc__)
    p.add_argument("input", help="a Keras .h5 or .keras file")
    p.add_argument("output_dir", help="folder for model.json and its weight shards")
    p.add_argument("--unsafe", action="store_true",
                   help="allow Lambda layers' Python bytecode (runs code from the file)")
    p.add_argument("--quantize", choices=["uint8", "uint16", "float16"], default=None)
    p.add_argument("--shard-size", type=int, default=4 * 1024 * 1024)
    args = p.parse_args(argv)
    from ..layers.saving import save_model
    model = load_keras_model(args.input, safe_mode=not args.unsafe)
    os.makedirs(args.output_dir, exist_ok=True)
    save_model(model, "file://" + os.path.abspath(args.output_dir), shard_size_bytes=args.shard_size,
               quantization=args.quantize)
    print(f"Wrote {os.path.join(args.output_dir, 'model.json')}")
    model.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
