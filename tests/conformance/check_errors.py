#!/usr/bin/env python3
"""Replays the expected-error goldens (tests/goldens/errors/*.jsonl): cases where TF.js 4.22
throws, so pytfjs must raise too. Uses the decoding of check_ops.py.

    python tests/conformance/check_errors.py [--goldens DIR_OR_FILE] [--json-report FILE] [-v]

Prints one line per case that did not raise, then `N passed, M failed`.
"""
from __future__ import annotations

import argparse
import glob
import importlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_ops  # noqa: E402

DEFAULT_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "goldens", "errors")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--goldens", action="append")
    ap.add_argument("--package", default="pytfjs")
    ap.add_argument("--json-report")
    ap.add_argument("-v", "--verbose", action="store_true")
    opts = ap.parse_args(argv)
    paths = opts.goldens or [DEFAULT_DIR]
    files: list[str] = []
    for p in paths:
        files += sorted(glob.glob(os.path.join(p, "*.jsonl"))) if os.path.isdir(p) else [p]
    cases = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            cases += [json.loads(line) for line in fh if line.strip()]
    if os.getcwd() not in sys.path:
        sys.path.insert(1, os.getcwd())
    mod = importlib.import_module(opts.package)
    report, n_pass = [], 0
    for c in cases:
        status, msg = "PASS", ""
        try:
            fn = check_ops.resolve_op(mod, c["py_name"], c.get("py_aliases"))
            args = check_ops.decode_arg(c["args"], mod)
            kwargs = check_ops.decode_arg(c.get("kwargs") or {}, mod)
            fn(*args, **kwargs)
            status, msg = "FAIL", "did not raise (TF.js: %s)" % c.get("error", "")
        except check_ops.MissingOp as e:
            status, msg = "ERROR", str(e)
        except Exception as e:  # noqa: BLE001 - any exception is the expected outcome
            msg = "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
        if status == "PASS":
            n_pass += 1
        else:
            print("%-5s %s: %s" % (status, c["id"], msg))
        if opts.verbose and status == "PASS":
            print("PASS  %s: %s" % (c["id"], msg))
        report.append({"id": c["id"], "op": c["op"], "py_name": c["py_name"], "status": status, "message": msg})
    print("%d passed, %d failed" % (n_pass, len(cases) - n_pass))
    if opts.json_report:
        with open(opts.json_report, "w") as fh:
            json.dump({"passed": n_pass, "failed": len(cases) - n_pass, "cases": report}, fh, indent=1)
    return 0 if n_pass == len(cases) else 1


if __name__ == "__main__":
    sys.exit(main())
