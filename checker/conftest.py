"""Makes `pytest checker` the students' self-check (see checker/plugin.py)."""

from checker.plugin import pytest_addoption, pytest_collect_file, pytest_configure, pytest_unconfigure  # noqa: F401  hooks, found by name
