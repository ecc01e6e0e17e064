"""Are the seams typed: do the sandbox's protocol and schema, the policy, an assignment's declaration, a check's run and
its seed, and the public gradient API pass mypy?"""

from pathlib import Path

import mypy.api

REPO = Path(__file__).resolve().parents[1]
# The files whose every function is annotated, checked with pyproject.toml's [tool.mypy] settings: add a seam here once it
# is typed. (What they import is read for its types, not reported on.)
SEAMS = (
    "checker/errors.py",
    "checker/assignments/__init__.py",
    "checker/checks/run.py",
    "checker/checks/seeds.py",
    "checker/sandbox/errors.py",
    "checker/sandbox/protocol.py",
    "checker/sandbox/channel.py",
    "checker/sandbox/schema.py",
    "checker/sandbox/exits.py",
    "checker/sandbox/policy.py",
    "checker/gradients/__init__.py",
    "checker/gradients/check.py",
    "checker/gradients/report.py",
)


def test_the_seams_pass_mypy(monkeypatch):
    """Does mypy find every function of the seams annotated, and every use of their types consistent?"""
    monkeypatch.chdir(REPO)  # mypy names modules, and keeps its cache, from where it runs
    report, errors, status = mypy.api.run(["--config-file", "pyproject.toml", *SEAMS])
    assert status == 0, report + errors

