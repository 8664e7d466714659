#!/usr/bin/env python3
"""Op-conformance checker for `pytfjs` (a Python re-implementation of the TF.js Ops API).

Loads golden cases recorded with @tensorflow/tfjs (cpu backend), calls the
matching op of the package under test and compares the results.

    python3 check_ops.py                      # goldens next to this script, package `pytfjs`
    python3 check_ops.py --package mypkg      # another package name
    python3 check_ops.py --op conv2d -v       # only the conv2d cases (TF.js name or py_name), verbose
    python3 check_ops.py --min-pass-rate 0.9  # exit 0 when >= 90% of the cases pass

Output: one line per FAILED / ERROR case, a per-category summary, and finally
`N passed, M failed` (M counts failures and errors).  Exit status 1 when any
case failed, unless --min-pass-rate is given and reached.

Golden format (JSON lines, one case per line) -- see README.md next to this script.

Copied from /work/shared/conformance/check_ops.py; the only change: the default goldens are the
repo's own tests/goldens (recorded by tools/oracle/gen_goldens.js).
"""
import argparse
import asyncio
import base64
import glob
import importlib
import inspect
import json
import math
import os
import re
import signal
import sys
import threading
import time
import traceback

import numpy as np

DEFAULT_RTOL = 1e-4
DEFAULT_ATOL = 1e-5

NP_DTYPES = {'float32': np.float32, 'int32': np.int32, 'bool': np.bool_, 'complex64': np.complex64}


class CaseTimeout(BaseException):
    """Raised by SIGALRM.  BaseException so that `except Exception` inside the package does not swallow it."""


class DecodeError(Exception):
    pass


# ---------------------------------------------------------------------------
# decoding goldens
# ---------------------------------------------------------------------------
def fnum(v):
    if isinstance(v, str):
        return float(v)  # 'NaN', 'Infinity', '-Infinity'
    return float(v)


def decode_tensor(e):
    dtype = e['dtype']
    shape = tuple(int(s) for s in e['shape'])
    if dtype == 'string':
        data = e.get('data', [])
        arr = np.array([str(s) for s in data], dtype=str)
        return arr.reshape(shape)
    if 'b64' in e:
        raw = base64.b64decode(e['b64'])
        if dtype in ('float32', 'complex64'):
            flat = np.frombuffer(raw, dtype='<f4')
        elif dtype == 'int32':
            flat = np.frombuffer(raw, dtype='<i4')
        elif dtype == 'bool':
            flat = np.frombuffer(raw, dtype=np.uint8).astype(bool)
        else:
            raise DecodeError('unknown dtype %r' % dtype)
    else:
        data = e['data']
        if dtype in ('float32', 'complex64'):
            flat = np.array([fnum(v) for v in data], dtype=np.float32)
        elif dtype == 'int32':
            flat = np.array(data, dtype=np.int32)
        elif dtype == 'bool':
            flat = np.array([bool(v) for v in data], dtype=bool)
        else:
            raise DecodeError('unknown dtype %r' % dtype)
    if dtype == 'complex64':
        flat = np.ascontiguousarray(flat, dtype=np.float32)
        flat = (flat[0::2] + 1j * flat[1::2]).astype(np.complex64)
    return np.array(flat, dtype=NP_DTYPES[dtype]).reshape(shape)


def convert_tensorlike(v, elem):
    if isinstance(v, list):
        return [convert_tensorlike(x, elem) for x in v]
    if elem == 'float':
        return fnum(v)
    if elem == 'int':
        return int(v)
    if elem == 'bool':
        return bool(v)
    if elem == 'str':
        return str(v)
    return v


def resolve_attr(mod, dotted):
    obj = mod
    for part in dotted.split('.'):
        obj = getattr(obj, part)
    return obj


def decode_arg(v, mod, xs=None):
    """Turn an encoded golden argument into the python value passed to the op."""
    if v is None:
        return None
    if isinstance(v, list):
        return [decode_arg(x, mod, xs) for x in v]
    if isinstance(v, dict):
        if v.get('tensor') is True:
            return decode_tensor(v)
        if 'tensorlike' in v:
            return convert_tensorlike(v['tensorlike'], v.get('elem'))
        if 'float' in v and len(v) == 1:
            return fnum(v['float'])
        if 'attr' in v and len(v) == 1:
            try:
                return resolve_attr(mod, v['attr'])
            except AttributeError:
                raise DecodeError('package has no attribute %s' % v['attr'])
        if 'grad_input' in v and len(v) == 1:
            if xs is None:
                raise DecodeError('grad_input outside a gradient case')
            return xs[v['grad_input']]
        if 'constant_fn' in v and len(v) == 1:
            value = v['constant_fn']
            value = fnum(value['float']) if isinstance(value, dict) else value
            return lambda *a, **k: value
        if 'callable' in v and len(v) == 1:
            spec = v['callable']
            fn = resolve_op(mod, spec['py_name'], [])
            cargs = decode_arg(spec.get('args', []), mod, xs)
            return lambda *rest: fn(*cargs, *rest)
        return {k: decode_arg(x, mod, xs) for k, x in v.items()}
    return v


class MissingOp(Exception):
    pass


def resolve_op(mod, py_name, aliases):
    for name in [py_name] + list(aliases or []):
        try:
            fn = resolve_attr(mod, name)
        except AttributeError:
            continue
        if callable(fn):
            return fn
    raise MissingOp('missing op %s.%s' % (getattr(mod, '__name__', 'tf'), py_name))


# ---------------------------------------------------------------------------
# comparing results
# ---------------------------------------------------------------------------
def dtype_name(x):
    d = getattr(x, 'dtype', None)
    if d is None:
        return None
    if isinstance(d, str):
        return d
    try:
        nd = np.dtype(d)
    except TypeError:
        return str(d)
    if nd.kind in 'USO':
        return 'string'
    if nd.kind == 'b':
        return 'bool'
    return nd.name


def to_numpy(x):
    a = np.asarray(x)
    if a.dtype == object and a.shape == () and not isinstance(x, (str, bytes)) and getattr(x, 'shape', ()) not in ((), None):
        raise TypeError('numpy.asarray(result) does not return the tensor values (is __array__ implemented?)')
    return a


def fmt(v):
    if isinstance(v, (float, np.floating)):
        return '%.7g' % v
    if isinstance(v, (complex, np.complexfloating)):
        return '(%.6g%+.6gj)' % (v.real, v.imag)
    return repr(v.item() if hasattr(v, 'item') else v)


def close_mask(a, e, rtol, atol):
    """Elementwise closeness for real arrays: NaN == NaN, infinities must match exactly."""
    a = a.astype(np.float64)
    e = e.astype(np.float64)
    with np.errstate(invalid='ignore', over='ignore'):
        nan_e, nan_a = np.isnan(e), np.isnan(a)
        inf_e = np.isinf(e)
        ok = np.abs(a - e) <= (atol + rtol * np.abs(e))
        ok = np.where(inf_e, a == e, ok)
        ok = np.where(nan_e | nan_a, nan_e & nan_a, ok)
    return ok


def describe_mismatch(a, e, bad):
    idx = np.argwhere(bad)
    n = int(bad.sum())
    first = tuple(int(i) for i in idx[0]) if len(idx) else ()
    msg = '%d/%d values differ; first at %s: got %s expected %s' % (
        n, bad.size, list(first), fmt(a[first]), fmt(e[first]))
    if a.dtype.kind in 'fc' or e.dtype.kind in 'fc':
        with np.errstate(invalid='ignore', over='ignore'):
            diff = np.abs(a.astype(np.complex128) - e.astype(np.complex128))
            diff = diff[np.isfinite(diff)]
            if diff.size:
                msg += '; max abs err %.3g' % diff.max()
    return msg


class Cmp:
    def __init__(self, rtol, atol, check_dtype):
        self.rtol, self.atol, self.check_dtype = rtol, atol, check_dtype


def compare_tensor(actual, enc, cmp, where, mode=None, case=None):
    if actual is None:
        return ['%s: got None, expected a %s tensor' % (where, enc['dtype'])]
    if isinstance(actual, (list, tuple, dict)):
        return ['%s: expected a tensor, got %s' % (where, type(actual).__name__)]
    errs = []
    exp_dtype = enc['dtype']
    got_dtype = dtype_name(actual)
    if got_dtype is None:
        return ['%s: result has no dtype (got %s)' % (where, type(actual).__name__)]
    if cmp.check_dtype and got_dtype != exp_dtype:
        errs.append('%s: dtype %s, expected %s' % (where, got_dtype, exp_dtype))
    shape_attr = getattr(actual, 'shape', None)
    try:
        got_shape = tuple(int(s) for s in shape_attr) if shape_attr is not None else None
    except Exception:
        got_shape = None
    exp_shape = tuple(enc['shape'])
    if got_shape is None:
        return errs + ['%s: result has no usable .shape' % where]
    if got_shape != exp_shape:
        return errs + ['%s: shape %s, expected %s' % (where, list(got_shape), list(exp_shape))]
    a = to_numpy(actual)
    if tuple(a.shape) != exp_shape:
        return errs + ['%s: numpy.asarray(result).shape %s != .shape %s' % (where, list(a.shape), list(exp_shape))]

    mode = mode or {}
    m = mode.get('mode')
    if m == 'shape_dtype':
        if a.size == 0:
            return errs
        if a.dtype.kind not in 'biuf':
            return errs + ['%s: non-numeric values (%s)' % (where, a.dtype)]
        af = a.astype(np.float64)
        if mode.get('finite') and not np.all(np.isfinite(af)):
            errs.append('%s: non-finite values' % where)
        if 'min' in mode and np.nanmin(af) < mode['min'] - 1e-6:
            errs.append('%s: value %s below allowed minimum %s' % (where, fmt(np.nanmin(af)), mode['min']))
        if 'max' in mode and np.nanmax(af) > mode['max'] + 1e-6:
            errs.append('%s: value %s above allowed maximum %s' % (where, fmt(np.nanmax(af)), mode['max']))
        if mode.get('integer') and not np.all(af == np.round(af)):
            errs.append('%s: non-integer values' % where)
        return errs
    if m == 'dropout':
        x = decode_tensor(case['args'][0]).astype(np.float64)
        keep = 1.0 - float(mode['rate'])
        af = a.astype(np.float64)
        scaled = x / keep
        ok = (np.abs(af) <= cmp.atol) | (np.abs(af - scaled) <= cmp.atol + cmp.rtol * np.abs(scaled))
        if not np.all(ok):
            errs.append('%s: %d values are neither 0 nor x/(1-rate)' % (where, int((~ok).sum())))
        return errs

    e = decode_tensor(enc)
    if exp_dtype == 'string':
        def s(v):
            return v.decode('utf-8') if isinstance(v, (bytes, bytearray)) else str(v)
        got = np.array([s(v) for v in a.reshape(-1).tolist()], dtype=object)
        expv = np.array([s(v) for v in e.reshape(-1).tolist()], dtype=object)
        bad = got != expv
        if bad.any():
            errs.append('%s: %s' % (where, describe_mismatch(got.reshape(exp_shape), expv.reshape(exp_shape), bad.reshape(exp_shape))))
        return errs
    if a.dtype.kind in 'USO':
        return errs + ['%s: got non-numeric values (%s)' % (where, a.dtype)]
    if exp_dtype in ('int32', 'bool'):
        if a.dtype.kind in 'fc':
            with np.errstate(invalid='ignore'):
                av = a.real.astype(np.float64)
            bad = ~(av == e.astype(np.float64))
        else:
            bad = a.astype(np.int64) != e.astype(np.int64)
        if bad.any():
            errs.append('%s: %s' % (where, describe_mismatch(a, e, bad)))
        return errs
    if exp_dtype == 'complex64':
        if a.dtype.kind != 'c':
            ar, ai = a.astype(np.float64), np.zeros(a.shape)
        else:
            ar, ai = a.real, a.imag
        ok = close_mask(ar, e.real, cmp.rtol, cmp.atol) & close_mask(ai, e.imag, cmp.rtol, cmp.atol)
        if not ok.all():
            errs.append('%s: %s' % (where, describe_mismatch(a, e, ~ok)))
        return errs
    # float32
    if a.dtype.kind == 'c':
        return errs + ['%s: got complex values, expected real' % where]
    ok = close_mask(a, e, cmp.rtol, cmp.atol)
    if not ok.all():
        errs.append('%s: %s (rtol=%g atol=%g)' % (where, describe_mismatch(a, e, ~ok), cmp.rtol, cmp.atol))
    return errs


def get_field(obj, name):
    if isinstance(obj, dict):
        if name in obj:
            return obj[name]
        raise KeyError(name)
    try:
        return getattr(obj, name)
    except AttributeError:
        pass
    try:
        return obj[name]
    except Exception:
        raise KeyError(name)


def compare(actual, expected, cmp, where='result', mode=None, case=None):
    if isinstance(expected, list):
        if hasattr(actual, 'shape') and not isinstance(actual, (list, tuple)):
            return ['%s: expected a list of %d tensors, got a tensor' % (where, len(expected))]
        try:
            items = list(actual)
        except TypeError:
            return ['%s: expected a list of %d tensors, got %s' % (where, len(expected), type(actual).__name__)]
        if len(items) != len(expected):
            return ['%s: expected %d outputs, got %d' % (where, len(expected), len(items))]
        errs = []
        for i, (a, e) in enumerate(zip(items, expected)):
            errs += compare(a, e, cmp, '%s[%d]' % (where, i), mode, case)
        return errs
    if isinstance(expected, dict) and 'fields' in expected:
        errs = []
        for name, e in expected['fields'].items():
            try:
                a = get_field(actual, name)
            except KeyError:
                errs.append('%s: missing field %r (got %s)' % (where, name, type(actual).__name__))
                continue
            errs += compare(a, e, cmp, '%s.%s' % (where, name), mode, case)
        return errs
    if isinstance(expected, dict) and expected.get('tensor') is True:
        return compare_tensor(actual, expected, cmp, where, mode, case)
    # plain scalar
    try:
        if isinstance(expected, dict) and 'float' in expected:
            expected = fnum(expected['float'])
        ok = close_mask(np.asarray(float(actual)), np.asarray(float(expected)), cmp.rtol, cmp.atol)
        return [] if ok.all() else ['%s: got %s expected %s' % (where, actual, expected)]
    except Exception:
        return ['%s: cannot compare %r with %r' % (where, actual, expected)]


# ---------------------------------------------------------------------------
# running cases
# ---------------------------------------------------------------------------
def _on_alarm(signum, frame):
    raise CaseTimeout()


def resolve_awaitable(x):
    if inspect.isawaitable(x):
        async def _wait(a):
            return await a
        return asyncio.run(_wait(x))
    return x


def select_output(r, sel):
    if sel is None:
        return r
    if isinstance(sel, int):
        return r[sel]
    return get_field(r, sel)


def run_case(mod, case, cmp):
    """Returns a list of error strings (empty => pass). Exceptions propagate."""
    fn = resolve_op(mod, case['py_name'], case.get('py_aliases'))
    mode = case.get('compare')
    if case.get('kind') == 'grad':
        g = case['grad']
        xs = [decode_tensor(x) for x in g['xs']]
        dy = decode_tensor(g['dy']) if g.get('dy') else None
        sel = g.get('select')

        def f(*ts):
            a = decode_arg(case['args'], mod, xs=ts)
            kw = decode_arg(case.get('kwargs') or {}, mod, xs=ts)
            return select_output(fn(*a, **kw), sel)

        if not callable(getattr(mod, g['mode'], None)):
            raise MissingOp('missing %s.%s (needed by gradient cases)' % (getattr(mod, '__name__', 'tf'), g['mode']))
        if g['mode'] == 'grad':
            gfn = getattr(mod, 'grad')
            res = gfn(f)(xs[0]) if dy is None else gfn(f)(xs[0], dy)
        else:
            gfn = getattr(mod, 'grads')
            res = gfn(f)(xs) if dy is None else gfn(f)(xs, dy)
        res = resolve_awaitable(res)
        return compare(res, case['expected'], cmp, 'grad', None, case)
    args = decode_arg(case['args'], mod)
    kwargs = decode_arg(case.get('kwargs') or {}, mod)
    out = fn(*args, **kwargs)
    out = resolve_awaitable(out)
    return compare(out, case['expected'], cmp, 'result', mode, case)


def load_cases(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(glob.glob(os.path.join(p, '*.jsonl')))
        else:
            files.append(p)
    cases = []
    for f in files:
        with open(f, encoding='utf-8') as fh:
            for ln, line in enumerate(fh, 1):
                line = line.strip()
                if line:
                    try:
                        cases.append(json.loads(line))
                    except ValueError as e:
                        raise SystemExit('bad JSON in %s:%d: %s' % (f, ln, e))
    return cases, files


def default_golden_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    sub = os.path.join(os.path.dirname(here), 'goldens')
    if os.path.isdir(sub):
        return sub
    return here


class Watchdog:
    """Last-resort guard for code that cannot be interrupted by SIGALRM (e.g. a long C loop)."""

    def __init__(self, on_fire):
        self.deadline = None
        self.on_fire = on_fire
        self.lock = threading.Lock()
        t = threading.Thread(target=self._run, daemon=True)
        t.start()

    def arm(self, seconds):
        with self.lock:
            self.deadline = time.monotonic() + seconds

    def disarm(self):
        with self.lock:
            self.deadline = None

    def _run(self):
        while True:
            time.sleep(0.5)
            with self.lock:
                d = self.deadline
            if d is not None and time.monotonic() > d:
                self.on_fire()


def main(argv=None):
    if hasattr(signal, 'SIGPIPE'):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--package', default='pytfjs', help='python package under test (default: pytfjs)')
    ap.add_argument('--goldens', action='append', help='golden .jsonl file or directory (repeatable); default: ./goldens next to this script')
    ap.add_argument('--pythonpath', action='append', default=[], help='extra directory to put on sys.path (repeatable); the cwd is always added')
    ap.add_argument('--op', action='append', help='only cases of this op: TF.js name or py_name, with or without namespace, e.g. conv2d, matMul, image.resize_bilinear, resizeBilinear (repeatable)')
    ap.add_argument('--category', action='append', help='only these categories (repeatable)')
    ap.add_argument('--filter', help='only cases whose id matches this regex')
    ap.add_argument('--kind', choices=['forward', 'grad'], help='only forward or only gradient cases')
    ap.add_argument('--timeout', type=float, default=10.0, help='per-case timeout in seconds (default 10; 0 disables SIGALRM, a watchdog still aborts after 10s)')
    ap.add_argument('--tol-scale', type=float, default=1.0, help='multiply every rtol/atol by this')
    ap.add_argument('--no-dtype-check', action='store_true', help='do not fail on dtype mismatches')
    ap.add_argument('--min-pass-rate', type=float, default=None, help='exit 0 if passed/total >= this (0..1)')
    ap.add_argument('--quiet', '-q', action='store_true', help='no per-case lines')
    ap.add_argument('--verbose', '-v', action='store_true', help='print tracebacks for errors and all error messages')
    ap.add_argument('--by-op', action='store_true', help='also print a per-op summary')
    ap.add_argument('--list', action='store_true', help='list the selected cases and exit')
    ap.add_argument('--json-report', help='write per-case results as JSON to this file')
    opts = ap.parse_args(argv)

    golden_paths = opts.goldens or [default_golden_dir()]
    cases, files = load_cases(golden_paths)
    if not cases:
        print('no golden cases found in %s' % golden_paths)
        return 2
    sel = []
    rx = re.compile(opts.filter) if opts.filter else None
    for c in cases:
        if opts.op and not any(o in (c['op'], c['py_name'], c['op'].split('.')[-1], c['py_name'].split('.')[-1])
                               for o in opts.op):
            continue
        if opts.category and c.get('category') not in opts.category:
            continue
        if rx and not rx.search(c['id']):
            continue
        if opts.kind and c.get('kind', 'forward') != opts.kind:
            continue
        sel.append(c)
    if opts.list:
        for c in sel:
            print('%-55s %-14s tf.%s' % (c['id'], c.get('category', ''), c['py_name']))
        print('%d cases' % len(sel))
        return 0

    # import the package under test
    for p in reversed(opts.pythonpath):
        sys.path.insert(0, os.path.abspath(p))
    if os.getcwd() not in sys.path:
        sys.path.insert(1, os.getcwd())
    mod, import_error = None, None
    can_alarm = hasattr(signal, 'SIGALRM') and threading.current_thread() is threading.main_thread()
    try:
        if can_alarm:
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, 120)
        try:
            mod = importlib.import_module(opts.package)
        finally:
            if can_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except CaseTimeout:
        import_error = 'import timed out after 120s'
    except BaseException as e:  # noqa: BLE001 - report anything, including SystemExit from the package
        import_error = '%s: %s' % (type(e).__name__, e)
    if mod is not None:
        print('# package %s (%s) version %s' % (opts.package, getattr(mod, '__file__', '?'), getattr(mod, '__version__', '?')))
    else:
        print('# cannot import package %r: %s' % (opts.package, import_error))
    print('# %d cases from %d golden file(s)' % (len(sel), len(files)))
    sys.stdout.flush()

    stats = {}      # category -> [passed, failed, error]
    op_stats = {}   # op -> [passed, failed, error]
    report = []
    n_pass = n_fail = 0
    state = {'current': None}

    def summary_and_exit_from_watchdog():
        print('ERROR %s: hard timeout (the case could not be interrupted); aborting run' % state['current'])
        print('%d passed, %d failed' % (n_pass, len(sel) - n_pass))
        sys.stdout.flush()
        os._exit(1)

    dog = Watchdog(summary_and_exit_from_watchdog) if mod is not None else None
    have_alarm = hasattr(signal, 'SIGALRM') and threading.current_thread() is threading.main_thread()
    if have_alarm:
        signal.signal(signal.SIGALRM, _on_alarm)

    for c in sel:
        cat = c.get('category', '?')
        st = stats.setdefault(cat, [0, 0, 0])
        ost = op_stats.setdefault(c['py_name'], [0, 0, 0])
        status, msg = 'PASS', ''
        if mod is None:
            status, msg = 'ERROR', 'cannot import package %r: %s' % (opts.package, import_error)
        else:
            rtol = c.get('rtol', DEFAULT_RTOL) * opts.tol_scale
            atol = c.get('atol', DEFAULT_ATOL) * opts.tol_scale
            cmp = Cmp(rtol, atol, not opts.no_dtype_check)
            state['current'] = c['id']
            dog.arm(opts.timeout * 3 + 10)
            try:
                if have_alarm and opts.timeout > 0:
                    signal.signal(signal.SIGALRM, _on_alarm)  # the package might have replaced it
                    signal.setitimer(signal.ITIMER_REAL, opts.timeout)
                try:
                    with np.errstate(all='ignore'):
                        errs = run_case(mod, c, cmp)
                finally:
                    if have_alarm:
                        signal.setitimer(signal.ITIMER_REAL, 0)
                if errs:
                    status = 'FAIL'
                    msg = '; '.join(errs if opts.verbose else errs[:2]) + ('' if opts.verbose or len(errs) <= 2 else ' (+%d more)' % (len(errs) - 2))
            except CaseTimeout:
                status, msg = 'ERROR', 'timeout after %gs' % opts.timeout
            except MissingOp as e:
                status, msg = 'ERROR', str(e)
            except KeyboardInterrupt:
                raise
            except BaseException as e:  # noqa: BLE001 - a case must never stop the run
                status = 'ERROR'
                first = str(e).strip().splitlines()[0] if str(e).strip() else ''
                msg = '%s: %s' % (type(e).__name__, first)
                if opts.verbose:
                    msg += '\n' + ''.join(traceback.format_exception(type(e), e, e.__traceback__))
            finally:
                dog.disarm()
        if status == 'PASS':
            n_pass += 1
            st[0] += 1
            ost[0] += 1
        else:
            n_fail += 1
            st[1 if status == 'FAIL' else 2] += 1
            ost[1 if status == 'FAIL' else 2] += 1
            if not opts.quiet:
                if not opts.verbose and len(msg) > 300:
                    msg = msg[:297] + '...'
                print('%-5s %s [%s]: %s' % (status, c['id'], cat, msg))
                sys.stdout.flush()
        if opts.json_report:
            report.append({'id': c['id'], 'op': c['op'], 'category': cat, 'status': status, 'message': msg})

    # summaries
    print()
    print('%-16s %7s %7s %7s %7s' % ('category', 'cases', 'passed', 'failed', 'errors'))
    for cat in sorted(stats):
        p, f, e = stats[cat]
        print('%-16s %7d %7d %7d %7d' % (cat, p + f + e, p, f, e))
    if opts.by_op:
        print()
        print('%-45s %7s %7s %7s' % ('op', 'passed', 'failed', 'errors'))
        for op in sorted(op_stats):
            p, f, e = op_stats[op]
            print('%-45s %7d %7d %7d' % (op, p, f, e))
    if opts.json_report:
        with open(opts.json_report, 'w') as fh:
            json.dump({'package': opts.package, 'passed': n_pass, 'failed': n_fail, 'cases': report}, fh, indent=1)
    total = n_pass + n_fail
    print('%d passed, %d failed' % (n_pass, n_fail))
    sys.stdout.flush()
    if n_fail == 0:
        return 0
    if opts.min_pass_rate is not None and total and n_pass / total >= opts.min_pass_rate:
        return 0
    return 1


if __name__ == '__main__':
    sys.exit(main())
