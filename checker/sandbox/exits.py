"""How a sandboxed process ended, in words a student can act on, from the status its parent reaped.

A parent (the fork server, a notebook process) reaps its children with `Children`; the judge asks
it how one ended with `ask_parent`.
"""

from __future__ import annotations

import os
import signal
import time
from typing import TYPE_CHECKING, Any, cast

from checker.sandbox.errors import SandboxError

if TYPE_CHECKING:
    from checker.sandbox.channel import Channel
    from checker.sandbox.schema import ExitStatus

SIGNALS: dict[int, str] = {signal.SIGSEGV: "a segmentation fault", signal.SIGABRT: "an abort", signal.SIGKILL: "being killed",
           signal.SIGBUS: "a bus error", signal.SIGFPE: "a floating-point exception", signal.SIGXCPU: "using up its CPU time",
           signal.SIGILL: "an illegal instruction", signal.SIGXFSZ: "writing a file over the size limit"}


def status_of(wait_status: int) -> ExitStatus:
    """A waitpid status as plain data: {"signal": number} or {"exit": code}."""
    return {"signal": os.WTERMSIG(wait_status)} if os.WIFSIGNALED(wait_status) else {"exit": os.WEXITSTATUS(wait_status)}


def collect_finished() -> dict[int, ExitStatus]:
    """{pid: status} of every child of this process that has ended, reaped so that none lingers as a zombie."""
    found: dict[int, ExitStatus] = {}
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return found
        if pid == 0:
            return found
        found[pid] = status_of(status)


def wait_for(pid: int, block: bool = True) -> ExitStatus | None:
    """How child `pid` ended (waiting for it when `block`), or None while it runs or when it is not ours."""
    try:
        found, status = os.waitpid(pid, 0 if block else os.WNOHANG)
    except ChildProcessError:
        return None
    return status_of(status) if found else None


class Children:
    """A parent's ended children: reaped as they end, so none lingers as a zombie, and how each ended kept until asked."""

    def __init__(self) -> None:
        self.ended: dict[int, ExitStatus] = {}  # for children reaped before anyone asked

    def fork(self) -> int:
        """os.fork(), reaping the children that have ended first (a status kept under the new child's reused pid goes)."""
        self.ended.update(collect_finished())
        pid = os.fork()
        if pid != 0:
            self.ended.pop(pid, None)
        return pid

    def how_ended(self, message: dict[str, Any]) -> ExitStatus | None:
        """The "reap" request: how child message["pid"] ended (waiting for it if message["wait"]), None while it runs."""
        pid = message["pid"]
        return self.ended.pop(pid) if pid in self.ended else wait_for(pid, block=bool(message.get("wait")))


# How long the judge waits to hear how a process it killed ended: its parent answers in milliseconds.
REAP_SECONDS = 5.0


def ask_parent(channel: Channel, pid: int) -> ExitStatus:
    """How child `pid` of the process at the other end of `channel` ended, as plain data ({} when it cannot be told)."""
    try:
        status = channel.request("reap", deadline=time.monotonic() + REAP_SECONDS, pid=pid, wait=True)
    except SandboxError:  # the parent is gone, hung or garbled: the child's end stays untold
        return {}
    return cast("ExitStatus", status) if type(status) is dict else {}  # as the other side said: describe() checks each field


def describe(status: object, killed_by_us: bool = False) -> str:
    """"the process ended with a segmentation fault", "the process exited (exit code 3: ...)" or "the process ended".

    `killed_by_us`: a SIGKILL is the judge's own (after a time-out), so it says nothing about the student's code.
    """
    number = status.get("signal") if type(status) is dict else None
    if type(number) is int and not (killed_by_us and number == signal.SIGKILL):
        return "the process ended with " + SIGNALS.get(number, f"signal {number}")
    code = status.get("exit") if type(status) is dict else None
    if type(code) is int:
        return f"the process exited (exit code {code}: os._exit, sys.exit or a crash)"
    return "the process ended"
