"""The pure-Python reference backend: storage layer, conversions, and running without NumPy."""
from __future__ import annotations

import array
import math
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import pytfjs as tf
from pytfjs.backends.python import PyArray, PythonBackend
from pytfjs.core.convert import host_values
from pytfjs.core.engine import ENGINE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def be() -> PythonBackend:
    return PythonBackend()


def _write(be: PythonBackend, values, shape=None, dtype=None):  # type: ignore[no-untyped-def]
    host = host_values(values, shape, dtype)
    return be.write(host), host


def _read(be: PythonBackend, data_id, dtype):  # type: ignore[no-untyped-def]
    return list(be.read_sync(data_id, dtype))


@pytest.fixture
def python_tf():  # type: ignore[no-untyped-def]
    """pytfjs on the python backend, failing on leaks."""
    previous = ENGINE.backend_name
    assert ENGINE.set_backend("python")
    before = (ENGINE.num_tensors, ENGINE.backend.num_data_ids())
    ENGINE.start_scope("test")
    try:
        yield tf
    finally:
        ENGINE.end_scope(None)
        after = (ENGINE.num_tensors, ENGINE.backend.num_data_ids())
        if previous:
            ENGINE.set_backend(previous)
    assert after == before


# ----------------------------------------------------------------------- round trips
@pytest.mark.parametrize("dtype,values,expected", [
    ("float32", [1.5, -2.0, 0.0], [1.5, -2.0, 0.0]),
    ("int32", [1, -2, 3], [1, -2, 3]),
    ("bool", [True, False, True], [1, 0, 1]),
    ("float64", [0.1, 2.0], [0.1, 2.0]),
    ("int8", [1, -128, 127], [1, -128, 127]),
    ("uint8", [0, 255], [0, 255]),
    ("int16", [-32768, 7], [-32768, 7]),
    ("uint16", [65535, 1], [65535, 1]),
    ("int64", [2 ** 40, -3], [2 ** 40, -3]),
    ("complex64", [1 + 2j, -0.5j], [1 + 2j, -0.5j]),
    ("string", ["a", "héllo", ""], ["a", "héllo", ""]),
])
def test_list_round_trip_every_dtype(be, dtype, values, expected):
    data_id, _ = _write(be, values, None, dtype)
    assert _read(be, data_id, dtype) == expected
    assert be.num_data_ids() == 1
    be.dispose_data(data_id)
    assert be.num_data_ids() == 0


def test_float32_rounding(be):
    data_id, _ = _write(be, [0.1, 1e40, -1e40, 16777217.0], None, "float32")
    got = _read(be, data_id, "float32")
    assert got[0] == 0.10000000149011612
    assert got[1] == math.inf and got[2] == -math.inf
    assert got[3] == 16777216.0


def test_float64_keeps_precision(be):
    data_id, _ = _write(be, [0.1], None, "float64")
    assert _read(be, data_id, "float64") == [0.1]


def test_int32_wraps_and_truncates(be):
    data_id, _ = _write(be, [2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 5], None, "int32")
    assert _read(be, data_id, "int32") == [-(2 ** 31), 2 ** 31 - 1, 5]
    data_id, _ = _write(be, [1.7, -1.7, float("nan"), float("inf")], None, "int32")
    assert _read(be, data_id, "int32") == [1, -1, 0, 0]
    data_id, _ = _write(be, [300, -1], None, "uint8")
    assert _read(be, data_id, "uint8") == [44, 255]


def test_bool_from_numbers(be):
    data_id, _ = _write(be, [0.0, 2.5, float("nan")], None, "bool")
    assert _read(be, data_id, "bool") == [0, 1, 1]


def test_complex64_rounds_parts(be):
    data_id, _ = _write(be, [complex(0.1, 0.2)], None, "complex64")
    (c,) = _read(be, data_id, "complex64")
    assert c == complex(array.array("f", [0.1])[0], array.array("f", [0.2])[0])


def test_string_bytes_decoded_and_counted(be):
    data_id, _ = _write(be, [b"ab", "\u00e9"], None, "string")
    assert _read(be, data_id, "string") == ["ab", "\u00e9"]
    assert be.string_bytes(data_id) == 4


# ----------------------------------------------------------------------- buffers
@pytest.mark.parametrize("code,dtype,values", [
    ("f", "float32", [0.5, -1.25]),
    ("d", "float32", [0.5, -1.25]),
    ("i", "int32", [1, -7]),
    ("q", "int32", [1, -7]),
    ("b", "int32", [1, -7]),
    ("B", "int32", [1, 200]),
    ("h", "int32", [1, -7]),
])
def test_buffer_input(be, code, dtype, values):
    buf = array.array(code, values)
    data_id, host = _write(be, buf)
    assert host.kind == "buffer" and host.dtype == dtype
    assert _read(be, data_id, dtype) == values
    buf[0] = 99  # the tensor does not follow the caller's buffer
    assert _read(be, data_id, dtype)[0] == values[0]


def test_buffer_with_shape_and_multidim_memoryview(be):
    mv = memoryview(array.array("i", range(6)).tobytes()).cast("i", (2, 3))
    data_id, host = _write(be, mv)
    assert host.shape == (2, 3)
    assert _read(be, data_id, "int32") == [0, 1, 2, 3, 4, 5]
    data_id, _ = _write(be, array.array("f", [1, 2, 3, 4]), (2, 2))
    assert be.native(tf.Tensor((2, 2), "float32", data_id)).shape == (2, 2)


def test_bytes_buffer_as_bool(be):
    data_id, host = _write(be, memoryview(bytes([0, 1, 2])), None, "bool")
    assert _read(be, data_id, "bool") == [0, 1, 1]


class _ArrayInterface:
    """An object exposing ``__array_interface__`` (and the buffer protocol) without NumPy."""

    def __init__(self, buf: array.array, shape: tuple, typestr: str) -> None:
        self._buf = buf
        self.__array_interface__ = {"shape": shape, "typestr": typestr, "version": 3,
                                    "data": (buf.buffer_info()[0], False)}

    def __buffer__(self, flags: int) -> memoryview:  # Python >= 3.12
        return memoryview(self._buf)

    def tolist(self) -> list:
        return self._buf.tolist()


def test_array_interface_input_via_tolist(be):
    obj = _ArrayInterface(array.array("f", [1.0, 2.5, -3.0, 4.0]), (2, 2), "<f4")
    data_id, host = _write(be, obj)
    assert host.kind == "array" and host.shape == (2, 2) and host.dtype == "float32"
    assert _read(be, data_id, "float32") == [1.0, 2.5, -3.0, 4.0]


def test_numpy_array_input(be):
    np = pytest.importorskip("numpy")
    cases = [
        (np.array([[1.5, 2.0], [3.0, 4.0]], dtype=np.float32), "float32", [1.5, 2.0, 3.0, 4.0]),
        (np.array([1.1, 2.0]), "float32", [array.array("f", [1.1])[0], 2.0]),
        (np.array([1, 2], dtype=np.int64), "int32", [1, 2]),
        (np.array([True, False]), "bool", [1, 0]),
        (np.array([1 + 1j], dtype=np.complex64), "complex64", [1 + 1j]),
        (np.array(["x", "yz"]), "string", ["x", "yz"]),
        (np.arange(6, dtype=np.int32).reshape(2, 3).T, "int32", [0, 3, 1, 4, 2, 5]),
        (np.array([1.0, 2.0], dtype=np.float16), "float32", [1.0, 2.0]),
    ]
    for arr, dtype, expected in cases:
        data_id, host = _write(be, arr)
        assert host.dtype == dtype
        assert _read(be, data_id, dtype) == expected, (arr, dtype)


def test_interleaved_complex_from_float_buffer(be):
    host = host_values(array.array("f", [1.0, 2.0, 3.0, 4.0]), None, "complex64")
    host = type(host)(host.kind, host.payload, (2,), "complex64", host.host_dtype)
    data_id = be.write(host)
    assert _read(be, data_id, "complex64") == [1 + 2j, 3 + 4j]


# ----------------------------------------------------------------------- engine level
def test_shared_data_id_with_different_shapes(python_tf):
    t = tf.tensor([1, 2, 3, 4, 5, 6])
    s = ENGINE.share(t, (2, 3))
    be = ENGINE.backend
    assert s.data_id == t.data_id
    assert be.native(s).shape == (2, 3) and be.native(t).shape == (6,)
    assert be.native(s).data is be.native(t).data
    assert s.to_list() == [[1, 2, 3], [4, 5, 6]]
    n = be.num_data_ids()
    t.dispose()
    assert be.num_data_ids() == n  # still referenced by s
    s.dispose()
    assert be.num_data_ids() == n - 1


def test_dispose_and_num_data_ids(python_tf):
    be = ENGINE.backend
    n0 = be.num_data_ids()
    a = tf.tensor([1.0, 2.0])
    b = a + a
    assert be.num_data_ids() == n0 + 2
    assert tf.memory().num_bytes >= 16
    a.dispose()
    b.dispose()
    assert be.num_data_ids() == n0


def test_data_sync_types(python_tf):
    f = tf.tensor([0.1, 2.0])
    assert f.data_sync().typecode == "f"
    assert tf.tensor([True, False]).data_sync().tolist() == [1, 0]
    assert tf.tensor([1 + 2j]).data_sync().tolist() == [1.0, 2.0]
    assert tf.tensor(["a"]).data_sync() == ["a"]
    assert f.to_list()[0] == array.array("f", [0.1])[0]


def test_kernels_return_pyarrays(python_tf):
    out = (tf.tensor([[1, 2]]) + tf.tensor([[10], [20]]))
    native = ENGINE.backend.native(out)
    assert isinstance(native, PyArray) and native.dtype == "int32" and native.shape == (2, 2)
    assert out.to_list() == [[11, 12], [21, 22]]


def test_int32_add_wraps(python_tf):
    assert (tf.tensor([2 ** 31 - 1]) + tf.tensor([1])).to_list() == [-(2 ** 31)]


def test_has_nan(be):
    data_id, _ = _write(be, [1.0, float("nan")], None, "float32")
    assert be.has_nan(be.data[data_id])
    data_id, _ = _write(be, [1.0], None, "float32")
    assert not be.has_nan(be.data[data_id])


def test_move_between_backends():
    if ENGINE.find_backend("numpy") is None:
        pytest.skip("numpy backend unavailable")
    previous = ENGINE.backend_name
    try:
        ENGINE.set_backend("numpy")
        with tf.tidy():
            a = tf.tensor([[1.5, 2.0]])
            c = tf.tensor([1 + 2j])
            ENGINE.set_backend("python")
            out = a + a
            assert out.backend == "python" and out.to_list() == [[3.0, 4.0]]
            assert (c + c).to_list() == [2 + 4j]
            ENGINE.set_backend("numpy")
            assert (out + out).to_list() == [[6.0, 8.0]]
            assert (tf.tensor([True]) + ENGINE.share(tf.tensor([False]))).to_list() == [True]
            ENGINE.set_backend("python")
            c2, s2, b2 = c + c, tf.tensor(["x", "y"]), tf.tensor([True, False])
            ENGINE.set_backend("numpy")
            assert (c2 + c2).to_list() == [4 + 8j]
            assert (b2 + b2).to_list() == [True, False]
            assert tf.clone(s2).to_list() == ["x", "y"]
    finally:
        ENGINE.set_backend(previous)


def test_capabilities():
    caps = PythonBackend.capabilities
    for d in ("float32", "int32", "bool", "complex64", "string", "float64"):
        assert d in caps.dtypes
    assert "float16" not in caps.dtypes
    assert caps.async_read is False


def test_backend_module_imports_no_third_party():
    pkg = ROOT / "pytfjs" / "backends" / "python"
    stdlib = set(getattr(sys, "stdlib_module_names", ())) or {"array", "math", "struct"}
    for path in pkg.rglob("*.py"):
        for line in path.read_text().splitlines():
            s = line.strip()
            if s.startswith("import "):
                mod = s.split()[1].split(".")[0]
            elif s.startswith("from ") and not s.startswith("from ."):
                mod = s.split()[1].split(".")[0]
            else:
                continue
            assert mod in stdlib or mod == "__future__", f"{path.name} imports {mod}"


def test_runs_with_numpy_blocked():
    code = (
        "import sys; sys.modules['numpy'] = None\n"
        "import pytfjs as tf\n"
        "assert tf.set_backend('numpy') is False\n"
        "assert tf.set_backend('python')\n"
        "a = tf.tensor([[1.0, 2.0], [3.0, 4.0]])\n"
        "b = tf.cast(a + tf.tensor([0.5, 0.5]), 'int32')\n"
        "assert b.to_list() == [[1, 2], [3, 4]], b.to_list()\n"
        "assert b.dtype == 'int32' and a.backend == 'python'\n"
        "assert (a + 1).data_sync().tolist() == [2.0, 3.0, 4.0, 5.0]\n"
        "assert tf.tensor(['x']).to_list() == ['x']\n"
        "with tf.tidy():\n"
        "    (a + a).to_list()\n"
        "    assert tf.sum(a, 1).to_list() == [3.0, 7.0]\n"
        "    assert tf.mat_mul(a, a).to_list() == [[7.0, 10.0], [15.0, 22.0]]\n"
        "    s = tf.softmax(tf.tensor([0.0, 0.0])).to_list()\n"
        "    assert s == [0.5, 0.5], s\n"
        "    assert tf.concat([a, a], 1).shape == (2, 4)\n"
        "    assert tf.transpose(a).to_list() == [[1.0, 3.0], [2.0, 4.0]]\n"
        "    assert tf.gather(a, tf.tensor([1, 0])).to_list() == [[3.0, 4.0], [1.0, 2.0]]\n"
        "    assert tf.one_hot(tf.tensor([1]), 2).to_list() == [[0, 1]]\n"
        "    assert tf.arg_max(a, 1).to_list() == [1, 1]\n"
        "assert 'numpy' not in [m for m, v in sys.modules.items() if v is not None]\n"
        "print('ok')\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


# ----------------------------------------------------------------------- kernel parity
# Every python kernel against the numpy backend's kernel (the xp source), on the same inputs.
def _kernel_tables():  # type: ignore[no-untyped-def]
    np = pytest.importorskip("numpy")
    from pytfjs.backends.python import make_kernels as py_kernels
    from pytfjs.backends.xp import make_kernels as xp_kernels
    return np, xp_kernels(np), py_kernels()


def _to_py(np, a):  # type: ignore[no-untyped-def]
    from pytfjs.backends.python._util import new
    from pytfjs.backends.numpy.backend import tf_dtype
    dtype = tf_dtype(a)
    return new(dtype, a.ravel().tolist(), a.shape)


def _same(np, got, want, what):  # type: ignore[no-untyped-def]
    from pytfjs.backends.numpy.backend import tf_dtype
    if isinstance(want, (tuple, list)):
        assert isinstance(got, (tuple, list)) and len(got) == len(want), what
        for g, w in zip(got, want):
            _same(np, g, w, what)
        return
    want = np.asarray(want)
    assert got.dtype == tf_dtype(want), f"{what}: dtype {got.dtype} != {tf_dtype(want)}"
    assert tuple(got.shape) == want.shape, f"{what}: shape {got.shape} != {want.shape}"
    g = np.array(list(got.data), dtype=want.dtype if want.dtype != object else object)
    w = want.ravel()
    if want.dtype.kind in "fc":
        ok = np.isclose(g, w, rtol=2e-6, atol=1e-6, equal_nan=True) | (g == w)
        assert ok.all(), f"{what}: {g.tolist()} != {w.tolist()}"
    else:
        assert g.tolist() == w.tolist(), f"{what}: {g.tolist()} != {w.tolist()}"


def _check(name, inputs, attrs=None):  # type: ignore[no-untyped-def]
    np, xk, pk = _kernel_tables()
    attrs = attrs or {}
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = xk[name](*inputs, **attrs)
    got = pk[name](*[_to_py(np, a) for a in inputs], **attrs)
    _same(np, got, want, f"{name}{[a.dtype.name for a in inputs]} {attrs}")


def _samples(np):  # type: ignore[no-untyped-def]
    inf, nan = float("inf"), float("nan")
    return {
        "float32": np.array([-3.5, -1.0, -0.5, -0.0, 0.0, 0.3, 0.5, 1.0, 2.5, 7.25, 100.0, 1e30,
                             nan, inf, -inf], dtype=np.float32),
        "int32": np.array([-7, -3, -1, 0, 1, 2, 3, 9, 2 ** 31 - 1, -(2 ** 31)], dtype=np.int32),
        "bool": np.array([True, False, True, False]),
    }


_UNARY = ["Abs", "Neg", "Exp", "Expm1", "Log", "Log1p", "Sqrt", "Rsqrt", "Square",
          "Reciprocal", "Sign", "Floor", "Ceil", "Round", "Sin", "Cos", "Tan", "Asin", "Acos",
          "Atan", "Sinh", "Cosh", "Tanh", "Asinh", "Acosh", "Atanh", "Erf", "Sigmoid",
          "Softplus", "Relu", "Relu6", "Elu", "Selu", "LeakyRelu", "Step", "IsNan", "IsInf",
          "IsFinite", "LogicalNot"]


# LogicalNot takes bool only; the ops cast bool before Neg/Abs/... (NumPy has no bool negative)
_UNARY_CASES = [(n, d) for n in _UNARY for d in ("float32", "int32", "bool")
                if not (n == "LogicalNot" and d != "bool") and
                not (d == "bool" and n in ("Neg", "Abs", "Square", "Sign", "Relu", "Relu6"))]


@pytest.mark.parametrize("name,dtype", _UNARY_CASES)
def test_unary_kernel_parity(name, dtype):
    np = pytest.importorskip("numpy")
    x = _samples(np)[dtype]
    _check(name, [x])
    if name in ("LeakyRelu", "Step"):
        _check(name, [x], {"alpha": 0.3})
        _check(name, [x.reshape(len(x), 1)[:0]], {"alpha": 0.3})


_BINARY = ["Add", "Sub", "Multiply", "RealDiv", "FloorDiv", "DivNoNan", "Mod", "Pow",
           "Maximum", "Minimum", "SquaredDifference", "Atan2", "Prelu", "Equal", "NotEqual",
           "Greater", "GreaterEqual", "Less", "LessEqual", "LogicalAnd", "LogicalOr"]


_BINARY_CASES = [(n, d) for n in _BINARY for d in ("float32", "int32", "bool")
                 if d == "bool" or not n.startswith("Logical")]


@pytest.mark.parametrize("name,dtype", _BINARY_CASES)
def test_binary_kernel_parity(name, dtype):
    np = pytest.importorskip("numpy")
    x = _samples(np)[dtype]
    if name in ("FloorDiv", "Pow"):
        # Float results beyond 2**53 stored as int32: the xp helper's ToInt32 loses precision
        # there (checked against TF.js in test_huge_float_results_stored_as_int32).
        x = x[np.abs(x.astype(np.float64)) < 1e6]
    a = np.repeat(x, len(x))
    b = np.tile(x, len(x))
    if name == "Prelu":
        # TF.js selects (x < 0 ? alpha * x : x); the xp kernel's branch-free form differs
        # where alpha is not finite (checked in test_prelu_nonfinite_alpha_follows_tfjs).
        b = np.where(np.isfinite(b), b, 0.5).astype(b.dtype)
        x = x[np.isfinite(x.astype(np.float64))] if dtype == "float32" else x
    if dtype == "int32" and name == "Pow":
        b = np.abs(b) % 5 - 1
        b = b.astype(np.int32)
    _check(name, [a, b])
    # broadcasting: (n, 1) with (n,), and a scalar on either side
    _check(name, [x.reshape(-1, 1), x])
    _check(name, [x, x[:1].reshape(())])
    _check(name, [x[1:2].reshape(()), x])
    _check(name, [x.reshape(-1, 1)[:0], x])


def test_huge_float_results_stored_as_int32(python_tf):
    # TF.js 4.22 (cpu): floorDiv([1e30, 1e30], [1, -3.5]) -> [0, 0] (int32);
    # pow(int32 [2147483647, 3], int32 [3, 40]) -> [0, 689956864]: exact JS ToInt32.
    assert tf.floor_div(tf.tensor([1e30, 1e30]), tf.tensor([1.0, -3.5])).to_list() == [0, 0] \
        if hasattr(tf, "floor_div") else True
    from pytfjs.backends.python import make_kernels
    from pytfjs.backends.python._util import new
    k = make_kernels()
    got = k["FloorDiv"](new("float32", [1e30, 1e30], (2,)), new("float32", [1, -3.5], (2,)))
    assert (got.dtype, list(got.data)) == ("int32", [0, 0])
    got = k["Pow"](new("int32", [2147483647, 3], (2,)), new("int32", [3, 40], (2,)))
    assert (got.dtype, list(got.data)) == ("int32", [0, 689956864])


def test_prelu_nonfinite_alpha_follows_tfjs():
    # TF.js 4.22 (cpu): prelu([inf, 1, 0, -0, NaN], [NaN, inf, inf, 2, 1]) -> [inf, 1, 0, 0, NaN]
    from pytfjs.backends.python import make_kernels
    from pytfjs.backends.python._util import new
    inf, nan = float("inf"), float("nan")
    got = make_kernels()["Prelu"](new("float32", [inf, 1, 0, -0.0, nan], (5,)),
                                  new("float32", [nan, inf, inf, 2, 1], (5,)))
    vals = list(got.data)
    assert vals[:4] == [inf, 1.0, 0.0, 0.0] and math.isnan(vals[4])


def test_elementwise_other_kernel_parity():
    np = pytest.importorskip("numpy")
    s = _samples(np)
    for dtype in ("float32", "int32", "bool"):
        _check("ClipByValue", [s[dtype]], {"clip_value_min": -1.5, "clip_value_max": 2.5})
        _check("ClipByValue", [s[dtype]], {"clip_value_min": -1e20, "clip_value_max": 1e20})
        x = s[dtype]
        _check("Select", [np.arange(len(x)) % 3 == 0, x, x[::-1].copy()])
        _check("Select", [np.array(True), x, x[::-1].copy()])
        _check("AddN", [x, x, x[::-1].copy()])
    _check("Equal", [np.array(["a", "b"], dtype=object), np.array(["a", "c"], dtype=object)])
    c = np.array([1 + 2j, -3.5j, 0], dtype=np.complex64)
    for name in ("Add", "Sub", "Multiply", "RealDiv"):
        _check(name, [c, c[::-1].copy()])


_REDUCE = ["Sum", "Prod", "Mean", "Max", "Min", "Any", "All"]


@pytest.mark.parametrize("name", _REDUCE + ["ArgMax", "ArgMin", "Cumsum", "Cumprod"])
@pytest.mark.parametrize("dtype", ["float32", "int32", "bool"])
def test_reduction_kernel_parity(name, dtype):
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(0)
    x = (rng.standard_normal((2, 3, 4)) * 3).astype(np.float32)
    if dtype == "float32":
        x[0, 1, 2] = np.nan
        x[1, 0, 0] = np.nan
    elif dtype == "bool":
        x = x > 0
    else:
        x = (rng.integers(-50, 50, (2, 3, 4))).astype(np.int32)
    empty = np.zeros((2, 0, 3), dtype=x.dtype)
    if name in _REDUCE:
        for axis in [(0,), (1,), (2,), (0, 2), (0, 1, 2), ()]:
            for keep in (False, True):
                _check(name, [x], {"axis": axis, "keep_dims": keep})
        _check(name, [empty], {"axis": (1,), "keep_dims": False})
        _check(name, [empty], {"axis": (0,), "keep_dims": True})
        _check(name, [x[0, 0, 0].reshape(())], {"axis": (), "keep_dims": False})
    elif name.startswith("Arg"):
        for axis in (0, 1, 2):
            _check(name, [x], {"axis": axis})
        _check(name, [empty], {"axis": 1})
        _check(name, [empty], {"axis": 2})
        lead = np.array([np.nan, 5, 1], dtype=np.float32)
        _check(name, [lead], {"axis": 0})
    else:
        for axis in (0, 1, 2):
            for exclusive in (False, True):
                for reverse in (False, True):
                    _check(name, [x], {"axis": axis, "exclusive": exclusive, "reverse": reverse})
        _check(name, [empty], {"axis": 1})


def test_slice_join_kernel_parity():
    np = pytest.importorskip("numpy")
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    xi = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
    xb = (np.arange(24) % 3 == 0).reshape(2, 3, 4)
    xs = np.array([["a", "b"], ["c", "d"]], dtype=object)
    for t in (x, xi, xb):
        for axis in (0, 1, 2):
            _check("Concat", [t, t[:, :, :1] if axis == 2 else t], {"axis": axis})
            _check("Pack", [t, t], {"axis": axis})
            _check("Unpack", [t], {"axis": axis})
            _check("Reverse", [t], {"axis": (axis,)})
        _check("Pack", [t, t], {"axis": 3})
        _check("Concat", [t], {"axis": 0})
        _check("SplitV", [t], {"size_splits": [1, 0, 2], "axis": 1})
        _check("SplitV", [t], {"size_splits": [3, 1], "axis": 2})
        _check("Slice", [t], {"begin": [1, 0, 1], "size": [1, 2, 3]})
        _check("Slice", [t], {"begin": [0, 1, 4], "size": [2, 2, 0]})
        _check("StridedSlice", [t], {"begin": [0, 2, 3], "end": [2, -1, 0], "strides": [1, -1, -2],
                                     "shape": [2, 3, 2]})
        _check("StridedSlice", [t], {"begin": [1, 0, 0], "end": [2, 3, 4], "strides": [1, 2, 3],
                                     "shape": [2, 2]})
        _check("Tile", [t], {"reps": [2, 1, 3]})
        _check("Tile", [t[0, 0]], {"reps": [2, 2]})
        _check("Reverse", [t], {"axis": (0, 2)})
        _check("Reverse", [t], {"axis": ()})
        idx = np.array([2, 0, 2, 1], dtype=np.int32)
        _check("GatherV2", [t, idx], {"axis": 1})
        _check("GatherV2", [t, idx.reshape(2, 2) % 2], {"axis": 0})
        _check("GatherV2", [t, np.array([[3, 0], [1, 1]], dtype=np.int32)],
               {"axis": 2, "batch_dims": 1})
        _check("GatherV2", [t, idx[:0]], {"axis": 2})
        _check("GatherNd", [t, np.array([[1, 2], [0, 0]], dtype=np.int32)])
        _check("GatherNd", [t, np.array([[1, 2, 3]], dtype=np.int32)])
        _check("GatherNd", [t, np.zeros((2, 0), dtype=np.int32)])
        ids = np.array([1, -1, 1], dtype=np.int32)
        _check("UnsortedSegmentSum", [t.transpose(1, 0, 2).copy(), ids], {"num_segments": 3})
        _check("UnsortedSegmentSum", [t, np.array([[0, 1, 0], [2, 0, 5]], dtype=np.int32)],
               {"num_segments": 3})
        _check("UnsortedSegmentSum", [t[:0], ids[:0]], {"num_segments": 2})
    _check("Concat", [xs, xs], {"axis": 1})
    _check("Unpack", [xs], {"axis": 1})
    np_, xk, pk = _kernel_tables()
    for name, inputs, attrs in [("GatherV2", [x, np.array([3], dtype=np.int32)], {"axis": 1}),
                                ("GatherNd", [x, np.array([[0, 5]], dtype=np.int32)], {})]:
        with pytest.raises(IndexError, match="(gather|gather_nd)"):
            pk[name](*[_to_py(np, a) for a in inputs], **attrs)


def test_transformation_kernel_parity():
    np = pytest.importorskip("numpy")
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4) - 5.5
    c = np.array([1.5, -2.25, np.nan, np.inf], dtype=np.float32)
    for dtype in ("float32", "int32", "bool", "complex64", "float64", "int8", "uint8"):
        _check("Cast", [c], {"dtype": dtype})
        _check("Cast", [x], {"dtype": dtype})
        _check("Cast", [np.array([True, False])], {"dtype": dtype})
        _check("Cast", [np.array([300, -1, 0], dtype=np.int32)], {"dtype": dtype})
    _check("Cast", [np.array([1 + 2j, 0j], dtype=np.complex64)], {"dtype": "bool"})
    _check("Cast", [np.array([1 + 2j, 0j], dtype=np.complex64)], {"dtype": "float32"})
    _check("Reshape", [x], {"shape": (4, 6)})
    _check("ExpandDims", [x], {"dim": 1})
    _check("ExpandDims", [x], {"dim": -1})
    _check("Squeeze", [x.reshape(1, 2, 1, 12)], {"axis": (0, 2)})
    _check("PadV2", [x], {"paddings": ((1, 0), (0, 2), (2, 1)), "constant_value": 7})
    _check("PadV2", [x[:, :0]], {"paddings": ((1, 0), (0, 2), (2, 1)), "constant_value": 7})
    _check("PadV2", [x.astype(np.int32)], {"paddings": ((0, 0), (1, 1), (0, 0)),
                                           "constant_value": -1})
    for mode in ("reflect", "symmetric"):
        _check("MirrorPad", [x], {"paddings": ((1, 1), (2, 1), (0, 3)), "mode": mode})
    _check("BroadcastTo", [x[:, :1]], {"shape": (2, 2, 3, 4)})
    img = np.arange(2 * 4 * 6 * 3, dtype=np.float32).reshape(2, 4, 6, 3)
    _check("SpaceToBatchND", [img], {"block_shape": (2, 3), "paddings": ((0, 0), (0, 0))})
    _check("SpaceToBatchND", [img], {"block_shape": (2, 2), "paddings": ((1, 1), (0, 2))})
    _check("BatchToSpaceND", [img], {"block_shape": (2, 1), "crops": ((0, 0), (0, 0))})
    _check("BatchToSpaceND", [img], {"block_shape": (2, 1), "crops": ((1, 2), (0, 1))})
    d = np.arange(2 * 2 * 3 * 8, dtype=np.float32).reshape(2, 2, 3, 8)
    _check("DepthToSpace", [d], {"block_size": 2, "data_format": "NHWC"})
    _check("DepthToSpace", [d.reshape(2, 8, 2, 3)], {"block_size": 2, "data_format": "NCHW"})


def test_matrices_kernel_parity():
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(1)
    a = rng.standard_normal((2, 3, 4)).astype(np.float32)
    b = rng.standard_normal((2, 4, 5)).astype(np.float32)
    _check("BatchMatMul", [a, b])
    _check("BatchMatMul", [a, b.transpose(0, 2, 1).copy()], {"transpose_b": True})
    _check("BatchMatMul", [a.transpose(0, 2, 1).copy(), b], {"transpose_a": True})
    _check("BatchMatMul", [a.transpose(0, 2, 1).copy(), b.transpose(0, 2, 1).copy()],
           {"transpose_a": True, "transpose_b": True})
    _check("BatchMatMul", [a[:1], b])  # broadcast batch
    _check("BatchMatMul", [a.reshape(2, 1, 3, 4), b[:1]])
    _check("BatchMatMul", [a[:, :, :0], b[:, :0]])
    ai = rng.integers(-5, 5, (3, 4)).astype(np.int32)
    _check("BatchMatMul", [ai, ai.T.copy()])
    _check("BatchMatMul", [ai > 0, ai.T.copy() > 1])
    _check("Transpose", [a], {"perm": (2, 0, 1)})
    c = np.array([[1 + 2j, 3j], [1, -1j]], dtype=np.complex64)
    _check("ConjugateTranspose", [c], {"perm": (1, 0)})


def test_normalization_kernel_parity():
    np = pytest.importorskip("numpy")
    rng = np.random.default_rng(2)
    x = (rng.standard_normal((2, 3, 5)) * 4).astype(np.float32)
    for d in (0, 1, 2, -1):
        _check("Softmax", [x], {"dim": d})
        _check("LogSoftmax", [x], {"axis": d})
    _check("Softmax", [x[:, :0]], {"dim": -1})
    _check("Softmax", [np.array([1, 2, 3], dtype=np.int32)], {"dim": 0})
    _check("Softmax", [np.array([1, np.nan, 3], dtype=np.float32)], {"dim": 0})
    mean = rng.standard_normal(5).astype(np.float32)
    var = rng.random(5).astype(np.float32)
    off = rng.standard_normal(5).astype(np.float32)
    sc = rng.standard_normal(5).astype(np.float32)
    _check("FusedBatchNorm", [x, mean, var], {"variance_epsilon": 0.01})
    _check("FusedBatchNorm", [x, mean, var, off, sc],
           {"variance_epsilon": 0.001, "has_offset": True, "has_scale": True})
    _check("FusedBatchNorm", [x, mean, var, sc], {"has_scale": True})
    _check("FusedBatchNorm", [(x * 3).astype(np.int32), mean, var], {})
    img = rng.random((1, 2, 2, 7)).astype(np.float32)
    _check("LRN", [img], {})
    _check("LRN", [img], {"depth_radius": 2, "bias": 2.0, "alpha": 0.5, "beta": 0.75})


def test_creation_kernel_parity():
    np = pytest.importorskip("numpy")
    for dtype, value in (("float32", 1.5), ("int32", 3), ("bool", True), ("float32", 0),
                         ("complex64", 1 + 1j)):
        _check("Fill", [], {"shape": (2, 3), "value": value, "dtype": dtype})
    x = np.array([[1.5, 2.0]], dtype=np.float32)
    for t in (x, x.astype(np.int32), x > 1.6):
        _check("ZerosLike", [t])
        _check("OnesLike", [t])
    for start, stop, step in ((0, 10, 1), (0, 1, 0.1), (5, 0, 1), (10, 0, -0.3), (0, 0, 1),
                              (0, 5, -1), (-3.5, 4, 0.7), (1, 0.2, -0.1)):
        for dtype in ("float32", "int32"):
            _check("Range", [], {"start": start, "stop": stop, "step": step, "dtype": dtype})
    for start, stop, num in ((1, 2, 10), (0, 1, 1), (-5, 5, 7), (0, 1, 0), (3, -1, 33)):
        _check("LinSpace", [], {"start": start, "stop": stop, "num": num})
    idx = np.array([[0, 2], [-1, 5]], dtype=np.int32)
    for dtype, on, off in (("float32", 1.0, 0.0), ("int32", 5, -1), ("bool", True, False)):
        _check("OneHot", [idx], {"depth": 3, "on_value": on, "off_value": off, "dtype": dtype})
    re, im = np.array([1.5, -2], dtype=np.float32), np.array([0.25, 3], dtype=np.float32)
    _check("Complex", [re, im])
    c = np.array([1.5 + 0.25j, -2 + 3j], dtype=np.complex64)
    for name in ("Real", "Imag"):
        _check(name, [c])
        _check(name, [re])
    _check("Identity", [re])


def test_random_kernels_value_rules():
    from pytfjs.backends.python import make_kernels
    k = make_kernels()
    u = k["RandomUniform"](shape=(1000,), minval=-2.0, maxval=3.0, dtype="float32")
    assert u.dtype == "float32" and u.shape == (1000,)
    assert all(-2.0 <= v <= 3.0 for v in u.data) and len(set(u.data)) > 900
    ui = k["RandomUniform"](shape=(10, 10), minval=0.0, maxval=5.0, dtype="int32")
    assert ui.dtype == "int32" and set(ui.data) <= {0, 1, 2, 3, 4}
    n = k["RandomStandardNormal"](shape=(2000,), mean=1.0, std_dev=2.0, dtype="float32")
    m = sum(n.data) / 2000
    assert n.dtype == "float32" and abs(m - 1.0) < 0.3
    t = k["TruncatedNormal"](shape=(500,), mean=0.0, std_dev=1.0, dtype="float32")
    assert max(abs(v) for v in t.data) <= 2.0
    ti = k["TruncatedNormal"](shape=(50,), mean=10.0, std_dev=1.0, dtype="int32")
    assert ti.dtype == "int32" and all(8 <= v <= 12 for v in ti.data)
