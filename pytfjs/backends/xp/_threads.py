"""Splitting a large NumPy kernel across the CPU's cores.

NumPy's ufuncs and ``einsum`` run on one core but release the GIL while they loop, so a kernel
that writes disjoint slices of its output can hand all slices but one to worker threads and run
the last itself. Only host (NumPy) arrays are split: device arrays (CuPy) are already parallel.

``PYTFJS_NUM_THREADS`` sets the number of threads; the default is **1** (no splitting), as
measured: OpenBLAS's worker threads keep spinning on the other cores for a while after every
matrix product, so in a network (a product between every two other kernels) kernel threads
compete with them and MobileNet v1 inference ran ~10% *slower* with 2 threads on 2 cores
(bench/README.md); lowering ``OPENBLAS_THREAD_TIMEOUT`` stops the spinning but made some
products 50x slower (woken threads wait a scheduler tick). Where a workload has few matrix
products (image preprocessing, depthwise-only models, large elementwise math),
``PYTFJS_NUM_THREADS=<cores>`` splits large kernels. Work below :data:`MIN_CHUNK`
element-operations per thread is never split: a hand-off costs ~10-20 µs.
"""
from __future__ import annotations

import contextvars
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

MIN_CHUNK = 150_000

_pool: ThreadPoolExecutor | None = None
_lock = threading.Lock()
_local = threading.local()


def _default_threads() -> int:
    """``PYTFJS_NUM_THREADS``: a positive integer, or ``auto`` (the CPUs this process may run
    on, at most 8); unset: 1."""
    raw = os.environ.get("PYTFJS_NUM_THREADS", "").strip().lower()
    if not raw:
        return 1
    if raw == "auto":
        try:
            n = len(os.sched_getaffinity(0))
        except (AttributeError, OSError):  # not Linux
            n = os.cpu_count() or 1
        return max(1, min(n, 8))
    try:
        return max(1, int(raw))
    except ValueError:
        raise ValueError(f"PYTFJS_NUM_THREADS must be a positive integer or 'auto', got "
                         f"{raw!r}") from None


NUM_THREADS = _default_threads()


def threads_for(xp: Any, work: int) -> int:
    """How many threads a kernel of ``work`` element-operations should use on ``xp``'s arrays."""
    if NUM_THREADS <= 1 or getattr(xp, "__name__", "") != "numpy" or \
            getattr(_local, "inside", False):
        return 1
    return max(1, min(NUM_THREADS, work // MIN_CHUNK))


def _get_pool() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        with _lock:
            if _pool is None:
                _pool = ThreadPoolExecutor(max_workers=max(1, NUM_THREADS - 1),
                                           thread_name_prefix="pytfjs-kernel")
    return _pool


def _inside(fn: Callable[[int, int], Any], start: int, stop: int) -> None:
    _local.inside = True  # a kernel run by a worker never splits again (no pool deadlock)
    try:
        fn(start, stop)
    finally:
        _local.inside = False


def parallel_range(n: int, fn: Callable[[int, int], Any], threads: int) -> None:
    """Calls ``fn(start, stop)`` on ``threads`` contiguous parts of ``range(n)``, all but the
    last on pool threads; returns when all are done and re-raises the first error."""
    threads = min(threads, n)
    if threads <= 1:
        fn(0, n)
        return
    bounds = [n * k // threads for k in range(threads + 1)]
    pool = _get_pool()
    # each worker runs in a copy of the caller's context: numpy.errstate (a context variable)
    # applies to the parts run by workers as to the caller's own part
    futures = [pool.submit(contextvars.copy_context().run, _inside, fn, bounds[k], bounds[k + 1])
               for k in range(threads - 1)]
    error: BaseException | None = None
    try:
        _inside(fn, bounds[-2], bounds[-1])
    except BaseException as e:  # noqa: BLE001 - wait for the workers before raising
        error = e
    for f in futures:
        try:
            f.result()
        except BaseException as e:  # noqa: BLE001
            error = error or e
    if error is not None:
        raise error


def map_split(xp: Any, x: Any, f_out: Callable[[Any, Any], Any], cost: int = 1) -> Any:
    """``f_out(x_part, out_part)`` over parts of ``x`` along its first axis into a new array
    of x's shape and dtype (``f_out`` writes its result into ``out_part``); one call when
    small. A C-contiguous array of any rank is split as its flat view (pass 2-D rows when
    ``f_out`` broadcasts a row)."""
    out = xp.empty(x.shape, dtype=x.dtype)
    threads = threads_for(xp, x.size * cost)
    if threads > 1 and x.ndim != 2 and x.flags.c_contiguous:
        xs, os_ = x.reshape(-1), out.reshape(-1)
    else:
        xs, os_ = x, out
    if threads <= 1 or xs.ndim == 0 or xs.shape[0] < threads:
        f_out(x, out)
        return out
    parallel_range(xs.shape[0], lambda lo, hi: f_out(xs[lo:hi], os_[lo:hi]), threads)
    return out
