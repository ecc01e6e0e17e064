import os
import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[1]


def venv_environment():
    """The environment with this interpreter's bin first on PATH (nbgrader runs `alembic` from PATH)."""
    return dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))


@pytest.fixture
def venv_env():
    return venv_environment()


@pytest.fixture(scope="session")
def sandbox():
    """One fork server for the whole test session, as `pytest checker` has one."""
    from checker.sandbox.broker import Sandbox

    box = Sandbox()
    yield box
    box.close()
