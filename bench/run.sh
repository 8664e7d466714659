#!/usr/bin/env bash
# `make bench`: set up the peers (bench/.venv, bench/node/node_modules) and run bench/run.py.
# Extra arguments go to run.py (--quick, --only ..., --slow). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")"
bash setup.sh
# The measured processes run without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (run.py removes them
# for its children only); nothing else in the project changes them.
exec .venv/bin/python run.py "$@"
