"""A notebook process seen from the judge: it runs a notebook's cells once, then forks a check process per check.

Loading is a loop: a cell that hangs or ends the process is set aside and the process started
again without it, within the policy's bounds (starts, lost cells, seconds of cells in all).
Every wait on the process, its cells and forks included, is charged to the notebook's time budget.
"""

import contextlib
import os
import signal
import socket
import time

from checker.sandbox import cgroups, exits, procfs, proxies
from checker.sandbox.cell_names import names_by_pattern
from checker.sandbox.channel import Channel
from checker.sandbox.check_process import CheckProcess, clean_description
from checker.sandbox.errors import ChannelClosed, ProtocolError, RemoteError, SandboxError, SandboxUnavailable, TimedOut

FAILURES = (None, "syntax", "not implemented", "timeout", "raised")


class Budget:
    """Seconds a notebook's code may still use over all its checks."""

    def __init__(self, seconds):
        self.seconds = self.left = seconds

    def charge(self, seconds):
        self.left -= seconds


class _LostCell(SandboxError):
    """The cell being run hung, ended its process or left processes behind; `outcome` says which."""

    def __init__(self, outcome):
        super().__init__(outcome["error"]["text"])
        self.outcome = outcome


class NotebookProcess:
    """The confined process that ran one notebook; it forks a fresh check process for every check."""

    def __init__(self, sandbox, number, display_path, scratch, cells, objects):
        self.sandbox, self.policy, self.number, self.display_path = sandbox, sandbox.policy, number, display_path
        self.scratch = scratch
        self.cells, self.objects = cells or [], objects
        self.outcomes = {}  # cell number -> outcome dict
        self.budget = Budget(self.policy.notebook_seconds)
        self.pid = self.channel = self.group = None
        self.limits = None  # what follows from the policy (Policy.derived), worked out at each start
        self.starts, self.load_seconds = 0, 0.0

    # -- loading ---------------------------------------------------------------------------------
    def start(self):
        """Start the notebook process and run the cells, starting it again without any cell that kills or hangs it.

        Past policy.max_starts starts, policy.max_lost_cells lost cells, policy.load_seconds of cells
        in all or the notebook's time budget, the notebook cannot be loaded (StudentEnded) and its checks fail.
        """
        while True:
            self.starts += 1
            if self.starts > self.policy.max_starts:
                raise proxies.StudentEnded("loading the notebook", f"its process had to be started {self.policy.max_starts} times and kept ending")
            self._spawn()
            if self.objects is not None:
                self.channel.request("objects", deadline=time.monotonic() + self.limits["objects_seconds"], payload=self.objects)
                return
            try:
                self._run_cells()
            except _LostCell:
                self.kill()
                if sum(outcome["failure"] in ("timeout", "ended") for outcome in self.outcomes.values()) >= self.policy.max_lost_cells:
                    raise proxies.StudentEnded("loading the notebook", "several cells that never finished or ended the process") from None
                continue
            if self.group is not None:
                self.group.kill_others(self.pid)  # processes the cells started (a fork shares this process's socket)
            return

    def _spawn(self):
        """A new confined notebook process, its channel open; no student code has run in it yet."""
        self.sandbox.protections_now()  # the fork server runs first: RLIMIT_NPROC starts from the user's processes, it included
        self.limits = self.policy.derived(procfs.own_process_count() if os.geteuid() != 0 else None)
        self.pid, sock = self.sandbox.spawn(self.sandbox.notebook_config(self.scratch, self._new_group(), self.limits))
        self.channel = Channel(sock, "judge", lambda ref: None, limits=self.policy.frames)
        try:  # before any student code runs, so its answer can be trusted
            self.channel.request("confine", deadline=time.monotonic() + self.policy.control_seconds)
        except (TimedOut, ChannelClosed, ProtocolError, RemoteError) as error:
            self.kill()
            raise SandboxUnavailable(f"the notebook process could not confine itself: {error}") from None

    def _new_group(self):
        self.group = cgroups.create(f"backprop-lab-{os.getpid()}-{self.number}-{time.monotonic_ns()}", self.policy.processes,
                                    self.limits["group_memory_bytes"], self.policy.cores)
        return self.group

    def _run_cells(self):
        skipped = {number for number, outcome in self.outcomes.items() if outcome["failure"] in ("timeout", "ended")}
        for cell in self.cells:
            if cell["number"] in skipped:
                continue
            seconds = min(self.policy.cell_seconds, self.policy.load_seconds - self.load_seconds, self.budget.left)
            if seconds <= 0:
                self.kill()
                raise proxies.StudentEnded("loading the notebook", self._out_of_time())
            started = time.monotonic()
            try:
                outcome = self.channel.request("cell", deadline=started + seconds + self.limits["reply_slack_seconds"], path=self.display_path, seconds=seconds, **cell)
                self.outcomes[cell["number"]] = _valid_outcome(outcome)
                if (self.group is not None and self.group.pids() - {self.pid}) or procfs.threads(self.pid) > 1:
                    raise _LostCell(_lost_outcome(cell, "ended", "it left processes (os.fork) or threads running, which a notebook's cells may not do"))
            except (TimedOut, ChannelClosed, ProtocolError, RemoteError) as error:
                self.outcomes[cell["number"]] = self._lost(cell, error, seconds)
                raise _LostCell(self.outcomes[cell["number"]]) from None
            except _LostCell as lost:
                self.outcomes[cell["number"]] = lost.outcome
                raise
            finally:
                self.load_seconds += time.monotonic() - started
                self.budget.charge(time.monotonic() - started)

    def _out_of_time(self):
        """Why loading stopped for want of time: the notebook's whole time budget, or policy.load_seconds of cells."""
        if self.budget.left <= 0:
            return f"its cells used up the notebook's time budget of {self.budget.seconds:g} s"
        return f"its cells ran for more than {self.policy.load_seconds:g} s in all"

    def _lost(self, cell, error, seconds):
        with contextlib.suppress(ProcessLookupError):  # first make sure it is gone, then ask how it ended
            os.kill(self.pid, signal.SIGKILL)
        if isinstance(error, TimedOut):
            return _lost_outcome(cell, "timeout", f"still running after {seconds:.3g} s")
        if isinstance(error, ChannelClosed):
            return _lost_outcome(cell, "ended", exits.describe(self.sandbox.reap(self.pid)))
        return _lost_outcome(cell, "ended", "sent something the grader cannot read")

    # -- checks ----------------------------------------------------------------------------------
    def open_check(self):
        """A check process forked from the loaded notebook (the notebook process is started again if it died).

        The wait for the fork is charged to the budget, as every wait on a sandboxed process is.
        """
        for attempt in range(3):
            if self.channel is None:
                self.start()
            if self.budget.left <= 0:
                raise proxies.StudentBudgetUsed("starting a check", self.budget.seconds)
            judge_end, target_end = socket.socketpair()
            started = time.monotonic()
            try:
                pid = self.channel.request("fork", deadline=started + min(self.policy.control_seconds, self.budget.left), fds=[target_end.fileno()])
                return CheckProcess(self, pid if type(pid) is int else None, judge_end)
            except (TimedOut, ChannelClosed, ProtocolError, RemoteError):
                judge_end.close()
                self.kill()
            finally:
                target_end.close()
                self.budget.charge(time.monotonic() - started)
        raise proxies.StudentEnded("starting a check", "the notebook's process kept ending")

    def reap(self, pid):
        """How a check process of this notebook ended, as plain data ({} when it cannot be told)."""
        return exits.ask_parent(self.channel, pid) if self.channel is not None and pid is not None else {}

    # -- ending ------------------------------------------------------------------------------------
    def kill(self):
        """Kill the notebook process and everything it started."""
        if self.group is not None:
            self.group.kill_all()
            self.group = None
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.sandbox.reap(self.pid)
        if self.channel is not None:
            with contextlib.suppress(OSError):
                self.channel.sock.close()
        self.pid = self.channel = None

    close = kill


def _lost_outcome(cell, failure, text):
    """The outcome of a cell whose process is gone: the names it binds read off its source."""
    return {"defines": sorted(names_by_pattern(cell["source"])), "failure": failure, "error": {"type": failure, "text": text}}


def _valid_outcome(outcome):
    """A cell's outcome as the target reported it, checked field by field."""
    if type(outcome) is not dict or type(outcome.get("defines")) is not list:
        raise ProtocolError("a cell's outcome is malformed")
    if outcome.get("failure") not in FAILURES:
        raise ProtocolError("a cell's outcome names an unknown failure")
    error = outcome.get("error")
    return {"defines": [name[:200] for name in outcome["defines"] if type(name) is str][:1000], "failure": outcome["failure"],
            "error": clean_description(error) if type(error) is dict else {}}
