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
    """One fork server for the whole test session, as `pytest checker` has one; the catalogue's endless loops stop after 1 s."""
    from catalogue import TEST_POLICY
    from checker.sandbox.broker import Sandbox

    box = Sandbox(TEST_POLICY)
    yield box
    box.close()


@pytest.fixture
def answers(monkeypatch):
    """Every value the answer key returns during the test (run.reference, not the catalogue of mistakes)."""
    from checker.checks import expectations

    returned, original = [], expectations.Gateway.__getattr__

    def recording(gateway, name):
        ask = original(gateway, name)
        if gateway._kind != "reference":
            return ask

        def recorded(*args, **kwargs):
            value = ask(*args, **kwargs)
            returned.append(value)
            return value

        return recorded

    monkeypatch.setattr(expectations.Gateway, "__getattr__", recording)
    return returned
