"""Helpers the tests share (no test module imports another: tests/test_helpers_are_shared.py)."""
