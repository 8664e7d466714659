# check_ops.py (a copy of the shared conformance checker) and check_errors.py are command-line
# checkers run by tests/test_goldens.py, not test modules.
collect_ignore = ["check_ops.py", "check_errors.py"]
