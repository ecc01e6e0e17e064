"""Does the judge hold at its seams: an older kernel, a weaker filter, a stalled fork, a flood of calls, a stray child?

Each case is a notebook a hostile student could write, loaded and checked in a sandbox built with
the policy the case needs (never a patched module): a lower Landlock ABI to stand for an older
kernel, a short time budget, small call logs.
"""

import ctypes
import errno
import time

import numpy as np
import pytest

from checker.checks import seeds
from checker.checks.errors import CheckFailure
from checker.checks.guard import CallLog, call_student
from checker.checks.run import CheckRun
from checker.checks.session import NotebookSession
from checker.course import ASSIGNMENTS  # any assignment: the run here asks no answer key
from checker.sandbox import confine
from checker.sandbox.policy import Policy
from checker.sandbox.sandbox import Sandbox
from notebooks import ATTEMPT

pytestmark = pytest.mark.e2e

ATTEMPTS = ATTEMPT + r'''
reader, writer = os.pipe()
signal_the_grader = attempt(lambda: fcntl.fcntl(reader, fcntl.F_SETOWN, os.getppid()))
choose_the_signal = attempt(lambda: fcntl.fcntl(reader, 10, 9))  # F_SETSIG
owner_by_ioctl = attempt(lambda: fcntl.ioctl(reader, 0x8901, ctypes.c_int(os.getppid())))  # FIOSETOWN
empty_a_file = attempt(lambda: os.truncate(TARGET, 0))
empty_an_open_file = attempt(lambda: os.ftruncate(os.open(TARGET, os.O_RDONLY), 0))
CLONE_PARENT, SIGCHLD = 0x8000, 17
child = libc.syscall(56, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0)  # clone(2)
if child == 0:
    os._exit(0)
sibling = "created" if child > 0 else errno.errorcode.get(ctypes.get_errno(), "?")
'''


def load(sandbox, source, tmp_path):
    """A notebook of one setup cell, loaded in `sandbox`: its session."""
    return NotebookSession(sandbox, "seams.ipynb", cells=[{"number": 1, "source": source, "whole": True}], folder=str(tmp_path))


def read(session, *names):
    with session.process.open_check() as process:
        return {name: process.lookup(name).get("value") for name in names}


@pytest.mark.parametrize("abi", [None, 2], ids=["this kernel", "Landlock ABI 2"])
def test_an_older_kernel_leaves_no_signal_or_truncate_open(tmp_path, abi):
    """Below ABI 3 (no truncate control) and ABI 6 (no signal scoping), is the grader still out of reach?"""
    target = tmp_path / "answer_key.py"
    target.write_text("ANSWER = 42\n")
    sandbox = Sandbox(Policy(landlock_abi=abi))
    try:
        session = load(sandbox, ATTEMPTS.replace("TARGET", repr(str(target))), tmp_path)
        assert session.process.outcomes[1]["failure"] is None, session.process.outcomes[1]
        found = read(session, "signal_the_grader", "choose_the_signal", "owner_by_ioctl", "empty_a_file", "empty_an_open_file", "sibling")
        assert set(found.values()) <= {"EPERM", "EACCES"} and found["signal_the_grader"] == found["sibling"] == "EPERM", found
        assert target.read_text() == "ANSWER = 42\n"
        session.close()
    finally:
        sandbox.close()


def test_a_machine_below_the_minimum_is_named_for_what_it_leaves_open():
    """Does the protections report name the attack an older kernel leaves open, and official grading refuse it?"""
    sandbox = Sandbox(Policy(landlock_abi=2))
    try:
        missing = sandbox.protections_now().missing()
    finally:
        sandbox.close()
    assert len(missing) == 1 and "does not control truncate" in missing[0] and "emptying any file the grader can write" in missing[0]


def test_a_rule_that_cannot_be_added_stops_the_sandbox():
    """Is a misspelt system call a loud error, while one newer than libseccomp is added by number (or skipped if absent)?"""
    with pytest.raises(confine.FilterRuleError, match="setxatr"):
        confine.syscall_number("setxatr")
    number = confine.syscall_number("removexattrat")
    assert number in (None, confine.NEWER_CALLS["removexattrat"])
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall(confine.NEWER_CALLS["removexattrat"], -1, 0, 0, 0)
    assert (number is None) == (ctypes.get_errno() == errno.ENOSYS)
    with pytest.raises(confine.FilterRuleError):
        confine.compile_filters(denied=("ptrace", "no_such_call"))


def test_a_stalled_fork_is_charged_to_the_notebooks_budget(tmp_path):
    """A notebook whose forks hang (an at-fork hook) must use up its own budget, not hold the grader past it."""
    stall = "import os, time\nos.register_at_fork(before=lambda: time.sleep(4))\n"
    sandbox = Sandbox(Policy(notebook_seconds=3.0))
    try:
        session = load(sandbox, stall, tmp_path)
        started = time.monotonic()
        for _ in range(3):
            with pytest.raises(Exception):
                session.process.open_check().close()
        assert time.monotonic() - started < 3.0 + 6.0  # the budget, and one fork's wait past it at most
        assert session.process.budget.left <= 0
        session.close()
    finally:
        sandbox.close()


FLOOD = '''
import numpy as np
def flood(helper):
    block = np.ones((256, 256))
    for _ in range(1000):
        helper(block)
'''


def test_a_flood_of_calls_to_a_stand_in_is_bounded(tmp_path):
    """Calls that pour data into a judge-side stand-in stop at the policy's bytes: the grader keeps little of it."""
    policy = Policy(call_log_bytes=4 * 2**20)
    sandbox = Sandbox(policy)
    try:
        session = load(sandbox, FLOOD, tmp_path)
        run = CheckRun("flood", ASSIGNMENTS[0], seeds.hidden(1), policy=policy)
        log = CallLog(run, "the helper", calls=10_000)
        with session.process.open_check() as process:
            flood = process.lookup("flood")["value"]
            with pytest.raises(CheckFailure) as failure:
                call_student(run, flood, log.add, time_limit_s=30)
        assert "more often, or with more data, than the exercise needs" in str(failure.value)
        assert sum(np.asarray(entry).nbytes for entry in log) <= policy.call_log_bytes
        session.close()
    finally:
        sandbox.close()


def test_a_notebook_leaves_no_child_behind_the_fork_server(tmp_path):
    """After CLONE_PARENT was tried and the notebook closed, does the fork server have no zombie children?"""
    sandbox = Sandbox()
    try:
        target = tmp_path / "file.txt"
        target.write_text("x")
        session = load(sandbox, ATTEMPTS.replace("TARGET", repr(str(target))), tmp_path)
        assert read(session, "sibling") == {"sibling": "EPERM"}
        session.close()
        server = sandbox.server_pid
        time.sleep(0.2)
        zombies = [pid for pid in _children(server) if _state(pid) == "Z"]
        assert zombies == []
    finally:
        sandbox.close()


def _children(pid):
    path = f"/proc/{pid}/task/{pid}/children"
    with open(path) as file:
        return [int(child) for child in file.read().split()]


def _state(pid):
    try:
        with open(f"/proc/{pid}/stat") as file:
            return file.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


JUDGE = r'''
import sys, time
from checker.checks.session import NotebookSession
from checker.sandbox.sandbox import Sandbox
sandbox = Sandbox()
session = NotebookSession(sandbox, "n.ipynb", cells=[{"number": 1, "source": "def spin():\n    while True:\n        pass", "whole": True}])
check = session.process.open_check()
print(sandbox.server_pid, session.process.pid, check.pid, flush=True)
check.call(check.lookup("spin")["value"], (), {}, time_limit=600)  # the check process spins; the judge waits
'''


def test_nothing_outlives_a_judge_killed_without_warning(tmp_path):
    """SIGKILL the judge (a power cut, the OOM killer) while a check spins: its fork server, notebook and check processes end with it."""
    import signal
    import subprocess
    import sys

    judge = subprocess.Popen([sys.executable, "-c", JUDGE], stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    pids = [int(pid) for pid in judge.stdout.readline().split()]
    assert len(pids) == 3 and all(_state(pid) not in (None, "Z") for pid in pids)
    time.sleep(0.5)  # the check process is in the student's endless loop by now, deaf to its socket
    judge.send_signal(signal.SIGKILL)
    judge.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_state(pid) not in (None, "Z") for pid in pids):
        time.sleep(0.05)
    assert [pid for pid in pids if _state(pid) not in (None, "Z")] == []
