"""Does the policy reach the sandbox under its own names, and does the README state the policy's own numbers?"""

import re
import resource
from pathlib import Path

import pytest

from checker.sandbox import confine
from checker.sandbox.policy import Policy
from checker.sandbox.sandbox import Sandbox

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}
# Where the README states a limit of the policy: the sentence (its figure in a group) and the Policy field it states.
README_FIGURES = {
    r"`--time-budget SECONDS` \(default (\d+(?:\.\d+)?)\)": "notebook_seconds",
    r"the child has no\s+capabilities, (\w+) cores?": "cores",
}


def _figure(text):
    return WORDS[text] if text in WORDS else float(text)


@pytest.mark.parametrize("pattern, field", README_FIGURES.items(), ids=README_FIGURES.values())
def test_the_readme_states_the_policys_figures(pattern, field):
    """Does the README give each limit it names the value `Policy()` has (the one `backprop-lab grade` uses)?"""
    stated = [_figure(found) for found in re.findall(pattern, README)]
    assert stated, f"the README no longer states {field}: update README_FIGURES"
    assert stated == [getattr(Policy(), field)] * len(stated)


def test_derived_limits_follow_the_policy():
    """Does every derived limit grow with the field it comes from, and RLIMIT_NPROC start from what already runs?"""
    small, large = Policy(notebook_seconds=10, memory_bytes=2**20), Policy(notebook_seconds=20, memory_bytes=2**21)
    assert large.derived(None)["cpu_seconds"] > small.derived(None)["cpu_seconds"] >= small.notebook_seconds
    assert large.derived(None)["group_memory_bytes"] - small.derived(None)["group_memory_bytes"] == 2**20
    assert small.derived(40)["user_processes"] == 40 + small.processes
    assert small.derived(None)["user_processes"] == 0  # root: the control group bounds the processes


def test_the_notebook_process_sets_the_limits_its_policy_names():
    """Are the resource limits a notebook process sets read from the policy's own fields and its derived limits?"""
    policy = Policy(file_bytes=3 * 2**20, open_files=77, notebook_seconds=41, memory_bytes=5 * 2**20)
    limits = dict(confine.rlimits({"policy": policy.as_data(), "limits": policy.derived(9)}))
    assert limits[resource.RLIMIT_FSIZE] == policy.file_bytes
    assert limits[resource.RLIMIT_NOFILE] == policy.open_files
    assert limits[resource.RLIMIT_CPU] == policy.derived(9)["cpu_seconds"]
    assert limits[resource.RLIMIT_NPROC] == 9 + policy.processes
    assert limits[resource.RLIMIT_AS] > policy.memory_bytes  # beyond what the process maps already


LIMITS_CELL = """
import resource
limits = [resource.getrlimit(kind)[0] for kind in (resource.RLIMIT_FSIZE, resource.RLIMIT_NOFILE, resource.RLIMIT_CPU)]
"""


@pytest.mark.e2e
def test_a_sandboxed_notebook_runs_under_its_policys_limits():
    """Does a notebook's own cell see the file size, open files and CPU time its policy sets?"""
    policy = Policy(file_bytes=3 * 2**20, open_files=77, notebook_seconds=41)
    sandbox = Sandbox(policy)
    try:
        notebook = sandbox.open_notebook("limits.ipynb", cells=[{"number": 1, "source": LIMITS_CELL, "whole": True}])
        with notebook.open_check() as process:
            seen = process.lookup("limits")["value"]
        notebook.close()
    finally:
        sandbox.close()
    assert seen == [policy.file_bytes, policy.open_files, policy.derived(None)["cpu_seconds"]]
