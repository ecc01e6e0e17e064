import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[1]


def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one worker more than there are cores. Part of the suite's time is spent waiting (for kernels, for
    subprocesses to start, for time limits to pass), and a worker more keeps the cores busy meanwhile: the full suite
    took 4m25 with three workers on two cores, against 4m51 with two, on the same tree."""
    return (os.cpu_count() or 1) + 1


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
    from checker.sandbox.sandbox import Sandbox

    box = Sandbox(TEST_POLICY)
    yield box
    box.close()


@pytest.fixture(scope="session")
def student_kit(tmp_path_factory):
    """(kit folder, the python of a fresh environment with the kit's wheel installed, the installed checker): built once."""
    from checker.staff.kit import build_student_kit

    folder = tmp_path_factory.mktemp("kit")
    out = folder / "kit"
    wheel = build_student_kit(REPO, out)
    python, purelib = kit_environment(wheel, folder / "env")
    return out, python, purelib / "checker"


def kit_environment(wheel, environment):
    """(its python, its site-packages) of a fresh environment at `environment` with the kit's `wheel` installed."""
    # Without a pip of its own (ensurepip takes seconds): this environment's pip, reached through the .pth below, installs.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(environment)], check=True)
    python = environment / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies come from this environment's site-packages; the checker itself only from the kit's wheel.
    (Path(purelib) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True)
    return python, Path(purelib)


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


@pytest.fixture
def inputs_sent(monkeypatch):
    """Every value the judge sends into the sandbox during the test: arguments of calls, attributes and items it sets."""
    from checker.sandbox.check_process import CheckProcess

    sent, original = [], CheckProcess._request

    def recording(process, what, op, time_limit, **fields):
        if op in ("call", "setattr", "setitems"):
            sent.extend(value for key, value in fields.items() if key in ("args", "kwargs", "value", "items"))
        return original(process, what, op, time_limit, **fields)

    monkeypatch.setattr(CheckProcess, "_request", recording)
    return sent
