"""Fuzzing the model.json / manifest / shard parser: any input either loads or raises a
ModelIOError (never another exception, never a hang, never a file outside the model dir)."""
from __future__ import annotations

import json
import os
import tempfile

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytfjs import io
from pytfjs.io import ModelIOError

_json = st.recursive(st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False)
                     | st.text(max_size=8),
                     lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=6), c, max_size=4),
                     max_leaves=12)
_dtype = st.sampled_from(["float32", "int32", "bool", "string", "complex64", "float16", "x", None])
_shape = st.lists(st.integers(-2, 5) | st.just(2**31) | st.floats(0, 3), max_size=3) | _json
_quant = st.none() | st.fixed_dictionaries({"dtype": st.sampled_from(["uint8", "uint16", "float16", "q"])},
                                           optional={"min": st.floats(-2, 2) | _json,
                                                     "scale": st.floats(0, 1) | _json,
                                                     "original_dtype": _dtype})
_spec = st.fixed_dictionaries({}, optional={"name": st.sampled_from(["a", "b", "c"]) | _json,
                                            "shape": _shape, "dtype": _dtype, "quantization": _quant})
_path = st.sampled_from(["w.bin", "x.bin", "../w.bin", "/etc/passwd", "", "a/../w.bin"]) | st.text(max_size=6)
_group = st.fixed_dictionaries({"paths": st.lists(_path, max_size=2), "weights": st.lists(_spec, max_size=3)}) | _json
_model = st.fixed_dictionaries({}, optional={"modelTopology": _json, "weightsManifest": st.lists(_group, max_size=2) | _json,
                                             "format": _json})

# In CI the examples are derandomised (the same inputs every run, so a submission's result does
# not depend on luck); locally each run explores new inputs.
SETTINGS = settings(max_examples=300, deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@SETTINGS
@given(model=_model, shard=st.binary(max_size=64), raw=st.booleans(), junk=st.binary(max_size=40))
def test_fuzz_file_loader(model, shard, raw, junk) -> None:
    import pytfjs as tf
    with tempfile.TemporaryDirectory() as d:
        mdir = os.path.join(d, "m")
        os.mkdir(mdir)
        with open(os.path.join(mdir, "model.json"), "wb") as f:
            f.write(junk if raw else json.dumps(model).encode())
        for name in ("w.bin", "x.bin"):
            with open(os.path.join(mdir, name), "wb") as f:
                f.write(shard)
        before = tf.memory()["num_tensors"]
        try:
            a = io.load_artifacts(mdir, max_weight_bytes=1 << 16)
        except ModelIOError:
            return
        try:
            w = a.decode_weights()
        except ModelIOError:
            assert tf.memory()["num_tensors"] == before
            return
        tf.dispose(list(w.values()))


@SETTINGS
@given(specs=st.lists(_spec, max_size=4), data=st.binary(max_size=80), strict=st.booleans())
def test_fuzz_decode_weights(specs, data, strict) -> None:
    import pytfjs as tf
    before = tf.memory()["num_tensors"]
    try:
        w = io.decode_weights(data, specs, strict=strict)
    except ModelIOError:
        assert tf.memory()["num_tensors"] == before
        return
    tf.dispose(list(w.values()))
