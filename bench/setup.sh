#!/usr/bin/env bash
# Creates bench/.venv (Python peers) and bench/node/node_modules (TF.js peers). Idempotent:
# a stamp file skips the work when requirements.txt / package.json did not change.
# torch==2.13.0 is pinned because this workplace ships its CPU wheel on disk (PIP_FIND_LINKS=/opt/wheels);
# any other version would download gigabytes of CUDA wheels.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
VENV=.venv
STAMP="$VENV/.installed"
if [[ ! -f "$STAMP" || requirements.txt -nt "$STAMP" ]]; then
  [[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  # CPU-only torch: prefer the local wheel, fall back to PyTorch's CPU index is NOT used (no network there).
  "$VENV/bin/python" -m pip install --quiet -r requirements.txt
  "$VENV/bin/python" -m pip install --quiet --no-deps -e ..
  touch "$STAMP"
fi
if [[ ! -f node/node_modules/.installed || node/package.json -nt node/node_modules/.installed ]]; then
  (cd node && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi
