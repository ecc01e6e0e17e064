"""The judge's side of the sandbox: the fork server, a process per notebook, a process per check.

    sandbox = Sandbox()                                   # starts the fork server once
    notebook = sandbox.open_notebook(cells, "path.ipynb") # runs the cells in a confined process
    with notebook.open_check() as process:                # a fresh process forked from it
        propagate = process.lookup("propagate")           # a Remote
        report = process.call(propagate, (w, b, X, Y), {}, time_limit=20)

Every wait on a sandboxed process has a deadline; a process that misses it is killed with SIGKILL,
which no signal handler or `except` clause can stop.
"""

import atexit
import contextlib
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from checker.sandbox import cgroups, protocol, remote
from checker.sandbox.channel import Channel, ChannelClosed, RemoteError, TimedOut
from checker.sandbox.names import names_by_pattern

CELL_TIME_LIMIT = 30.0
LOAD_TIME_BUDGET = 90.0  # seconds a notebook's cells may run in all, over every time the notebook is (re)loaded
MAX_STARTS = 4  # times a notebook process is started for one notebook before its remaining checks fail
NOTEBOOK_TIME_BUDGET = 600.0  # seconds of student code per notebook, over all its checks
MEMORY_LIMIT = 2 * 2**30  # bytes a notebook's processes may map beyond the libraries already loaded
FILE_SIZE_LIMIT = 64 * 2**20
PROCESS_LIMIT = 24  # processes in a notebook's control group, the notebook process included
SUBMISSION_COPY_LIMIT = 200 * 2**20  # bytes of a submission folder copied into the sandbox
RETURN_BYTES = 16 * 2**20  # the most a graded call may give back (counted as float64): a thousand times any answer here
SERVER_START_TIMEOUT = 120.0
SERVER_ENVIRONMENT = ("PATH", "LANG", "LANGUAGE", "TZ", "LD_LIBRARY_PATH", "TMPDIR")
_SIGNALS = {signal.SIGSEGV: "a segmentation fault", signal.SIGABRT: "an abort", signal.SIGKILL: "being killed",
            signal.SIGBUS: "a bus error", signal.SIGFPE: "a floating-point exception", signal.SIGXCPU: "using up its CPU time",
            signal.SIGILL: "an illegal instruction", signal.SIGXFSZ: "writing a file over the size limit"}


class SandboxUnavailable(RuntimeError):
    """The machine cannot give the protection official grading needs."""


class Protections:
    """What the operating system offers here, and what that means for grading."""

    def __init__(self, found, cgroups_available):
        self.landlock = found["landlock"]
        self.seccomp = found["seccomp"]
        self.netns = found["netns"]
        self.processes = "cgroup" if cgroups_available else ("rlimit" if os.geteuid() != 0 else None)

    def missing(self):
        """Plain-words reasons official grading cannot promise isolation here (empty when it can)."""
        reasons = []
        if self.landlock < 1:
            reasons.append("the kernel has no Landlock, so a submission could read and write any file the grader can")
        if not self.seccomp:
            reasons.append("libseccomp is missing, so a submission could reach other processes (install libseccomp2)")
        if not self.netns and self.landlock < 4:
            reasons.append("neither a network namespace nor Landlock ABI 4 is available, so a submission could use the network")
        if self.processes is None:
            reasons.append("as root without a writable cgroup (pids controller), nothing bounds the processes a submission starts")
        return reasons

    def describe(self):
        return (f"Landlock ABI {self.landlock}, seccomp {'on' if self.seccomp else 'off'}, "
                f"network namespace {'on' if self.netns else 'off'}, process limit {self.processes or 'none'}")


class Sandbox:
    """One fork server and the notebooks graded through it; `official` refuses to run without full protection."""

    def __init__(self, official=False, unsafe=False, excluded=()):
        self.work = tempfile.mkdtemp(prefix="backprop-lab-")
        self.excluded = [os.path.abspath(path) for path in excluded]
        self.official, self.unsafe = official, unsafe
        self._server = None
        self._numbers = itertools.count(1)
        self.protections = None
        atexit.register(self.close)

    # -- the fork server ------------------------------------------------------------------------
    def start(self):
        """Start the fork server now, without waiting for it to warm up."""
        if self._server is None or self._server[0].poll() is not None:
            self._launch_server()

    def _control(self):
        self.start()
        if self.protections is None:
            self._await_server()
        return self._server[1]

    def _launch_server(self):
        judge_end, server_end = socket.socketpair()
        # Only what Python and the libraries need: the grader's own variables (tokens, database URLs) stay out of reach.
        environment = {key: value for key, value in os.environ.items() if key in SERVER_ENVIRONMENT or key.startswith("LC_")}
        environment.update(PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg", HOME=self.work,
                           MPLCONFIGDIR=os.path.join(self.work, "matplotlib"))
        log = open(os.path.join(self.work, "server.log"), "wb")
        process = subprocess.Popen([sys.executable, "-m", "checker.sandbox.server", str(server_end.fileno())],
                                   pass_fds=[server_end.fileno()], cwd=self.work, env=environment,
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        server_end.close()
        log.close()
        self._server = (process, Channel(judge_end, "judge", lambda ref: None, limits=protocol.JUDGE_LIMITS))
        self.protections = None

    def _await_server(self):
        try:
            found = self._server[1].request("probe", deadline=time.monotonic() + SERVER_START_TIMEOUT)
        except (ChannelClosed, TimedOut, RemoteError) as error:
            raise SandboxUnavailable(f"the sandbox's fork server did not start ({error}); see {self.work}/server.log") from None
        group = cgroups.create(f"backprop-lab-probe-{os.getpid()}", 1, 2**20)
        if group is not None:
            group.kill_all()
        if type(found) is not dict:
            raise SandboxUnavailable("the fork server's probe is malformed")
        self.protections = Protections(found, group is not None)
        if self.official and not self.unsafe and self.protections.missing():
            self.close()
            raise SandboxUnavailable("official grading needs a sandbox this machine cannot give: "
                                     + "; ".join(self.protections.missing()) + ". Pass --unsafe to grade anyway.")

    def protections_now(self):
        self._control()
        return self.protections

    # -- notebooks ------------------------------------------------------------------------------
    def open_notebook(self, display_path, cells=None, objects=None, folder=None, budget=None):
        """A notebook process that has run `cells` (dicts: number, source, whole) or bound `objects` (pickled names).

        The cells run in a read-only copy of `folder`, so relative paths find the submission's files.
        """
        number = next(self._numbers)
        scratch = os.path.join(self.work, "notebooks", str(number))
        _copy_submission(folder, scratch)
        notebook = NotebookProcess(self, number, display_path, scratch, cells, objects)
        notebook.budget = notebook.full_budget = NOTEBOOK_TIME_BUDGET if budget is None else budget
        notebook.start()
        return notebook

    def _spawn(self, config):
        judge_end, target_end = socket.socketpair()
        try:
            pid = self._control().request("spawn", deadline=time.monotonic() + 30, fds=[target_end.fileno()], config=config)
        finally:
            target_end.close()
        if type(pid) is not int:
            raise SandboxUnavailable("the fork server did not report the new process")
        return pid, judge_end

    def _reap(self, pid):
        with contextlib.suppress(Exception):
            return self._control().request("reap", deadline=time.monotonic() + 5, pid=pid, wait=True)
        return None

    def close(self):
        if self._server is not None:
            process, channel = self._server
            with contextlib.suppress(OSError):
                channel.sock.close()
            with contextlib.suppress(Exception):
                process.kill()
                process.wait(timeout=5)
            self._server = None
        shutil.rmtree(self.work, ignore_errors=True)


def _copy_submission(folder, scratch):
    """Copy the submission's folder (files only, bounded) so the notebook's cells find their files."""
    os.makedirs(scratch)
    if folder is None:
        return
    budget = SUBMISSION_COPY_LIMIT
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat().st_size <= budget:
                shutil.copyfile(entry.path, os.path.join(scratch, entry.name))
                budget -= entry.stat().st_size


class NotebookProcess:
    """The confined process that ran one notebook; it forks a fresh check process for every check."""

    def __init__(self, sandbox, number, display_path, scratch, cells, objects):
        self.sandbox, self.number, self.display_path = sandbox, number, display_path
        self.scratch = scratch
        self.cells, self.objects = cells or [], objects
        self.outcomes = {}  # cell number -> outcome dict
        self.budget = self.full_budget = NOTEBOOK_TIME_BUDGET
        self.pid = self.channel = self.group = None
        self.starts, self.load_seconds = 0, 0.0

    def _config(self):
        protections = self.sandbox.protections_now()
        self.group = cgroups.create(f"backprop-lab-{os.getpid()}-{self.number}-{time.monotonic_ns()}", PROCESS_LIMIT, MEMORY_LIMIT + 2**30)
        nproc = _own_process_count() + PROCESS_LIMIT if os.geteuid() != 0 else 0
        return {
            "read": [self.scratch], "write": [], "excluded": self.sandbox.excluded,
            "cgroups": self.group.procs_files if self.group else [], "memory": MEMORY_LIMIT, "file_size": FILE_SIZE_LIMIT,
            "cpu_seconds": int(NOTEBOOK_TIME_BUDGET * 2), "nproc": nproc, "netns": protections.netns,
            "landlock": protections.landlock, "seccomp": protections.seccomp, "scratch": self.scratch,
        }

    def start(self):
        """Start the notebook process and run the cells, replacing the process when a cell kills or hangs it.

        Every start and every second of the cells counts: past MAX_STARTS starts or LOAD_TIME_BUDGET
        seconds in all, the notebook cannot be loaded (StudentEnded) and its remaining checks fail.
        """
        self.starts += 1
        if self.starts > MAX_STARTS:
            raise remote.StudentEnded("loading the notebook", f"its process had to be started {MAX_STARTS} times and kept ending")
        skipped = {number for number, outcome in self.outcomes.items() if outcome["failure"] in ("timeout", "ended")}
        self.pid, sock = self.sandbox._spawn(self._config())
        self.channel = Channel(sock, "judge", lambda ref: None, limits=protocol.JUDGE_LIMITS)
        try:  # before any student code runs, so its answer can be trusted
            self.channel.request("confine", deadline=time.monotonic() + 30)
        except (TimedOut, ChannelClosed, protocol.ProtocolError, RemoteError) as error:
            self.kill()
            raise SandboxUnavailable(f"the notebook process could not confine itself: {error}") from None
        if self.objects is not None:
            self.channel.request("objects", deadline=time.monotonic() + 60, payload=self.objects)
            return
        for cell in self.cells:
            if cell["number"] in skipped:
                continue
            seconds = min(CELL_TIME_LIMIT, LOAD_TIME_BUDGET - self.load_seconds)
            if seconds <= 0:
                self.kill()
                raise remote.StudentEnded("loading the notebook", f"its cells ran for more than {LOAD_TIME_BUDGET:g} s in all")
            started = time.monotonic()
            try:
                outcome = self.channel.request("cell", deadline=started + seconds + 5, path=self.display_path, seconds=seconds, **cell)
                self.outcomes[cell["number"]] = _valid_outcome(outcome)
                if (self.group is not None and self.group.pids() - {self.pid}) or _threads(self.pid) > 1:
                    raise _StartedProcesses()  # copies of this process share its socket, threads fill its process limit
            except (TimedOut, ChannelClosed, protocol.ProtocolError, RemoteError, _StartedProcesses) as error:
                self.outcomes[cell["number"]] = self._lost(cell, error)
                self.kill()
                self.load_seconds += time.monotonic() - started
                if len(skipped) >= 5:
                    raise remote.StudentEnded("loading the notebook", "several cells that never finished or ended the process") from None
                return self.start()
            self.load_seconds += time.monotonic() - started
        if self.group is not None:
            self.group.kill_others(self.pid)  # processes the cells started (a fork shares this process's socket)

    def _lost(self, cell, error):
        with contextlib.suppress(ProcessLookupError):  # first make sure it is gone, then ask how it ended
            os.kill(self.pid, signal.SIGKILL)
        defines = sorted(names_by_pattern(cell["source"]))  # the process that knew is gone: read them off the source
        if isinstance(error, _StartedProcesses):
            return {"defines": defines, "failure": "ended", "error": {"type": "ended", "text": "it left processes (os.fork) or threads running, which a notebook's cells may not do"}}
        if isinstance(error, TimedOut):
            return {"defines": defines, "failure": "timeout", "error": {"type": "timeout", "text": f"still running after {CELL_TIME_LIMIT:g} s"}}
        how = self._how_it_ended(self.pid, self.sandbox._reap) if isinstance(error, ChannelClosed) else "sent something the grader cannot read"
        return {"defines": defines, "failure": "ended", "error": {"type": "ended", "text": how}}

    @staticmethod
    def _how_it_ended(pid, reap):
        status = reap(pid)
        if isinstance(status, dict) and "signal" in status:
            return "the process ended with " + _SIGNALS.get(status["signal"], f"signal {status['signal']}")
        if isinstance(status, dict) and "exit" in status:
            return f"the process exited (exit code {status['exit']}: os._exit or a crash)"
        return "the process ended"

    def open_check(self, attempts=3):
        """A check process forked from the loaded notebook (the notebook process is replaced if it died)."""
        if self.channel is None:
            self.start()
        judge_end, target_end = socket.socketpair()
        try:
            pid = self.channel.request("fork", deadline=time.monotonic() + 30, fds=[target_end.fileno()])
        except (TimedOut, ChannelClosed, protocol.ProtocolError, RemoteError):
            judge_end.close()
            self.kill()
            if attempts <= 1:
                raise remote.StudentEnded("starting a check", "the notebook's process kept ending") from None
            self.start()
            return self.open_check(attempts - 1)
        finally:
            target_end.close()
        return CheckProcess(self, pid if type(pid) is int else None, judge_end)

    def kill(self):
        """Kill the notebook process and everything it started."""
        if self.group is not None:
            self.group.kill_all()
            self.group = None
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.sandbox._reap(self.pid)
        if self.channel is not None:
            with contextlib.suppress(OSError):
                self.channel.sock.close()
        self.pid = self.channel = None

    close = kill


class _StartedProcesses(Exception):
    """A cell left processes of its own running."""


def _valid_outcome(outcome):
    """A cell's outcome as the target reported it, checked field by field."""
    if type(outcome) is not dict or type(outcome.get("defines")) is not list:
        raise protocol.ProtocolError("a cell's outcome is malformed")
    if outcome.get("failure") not in (None, "syntax", "not implemented", "timeout", "raised"):
        raise protocol.ProtocolError("a cell's outcome names an unknown failure")
    error = outcome.get("error")
    return {"defines": [name[:200] for name in outcome["defines"] if type(name) is str][:1000], "failure": outcome["failure"],
            "error": _clean_description(error) if type(error) is dict else {}}


def _threads(pid):
    """How many threads process `pid` runs (1 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/status") as file:
            return next((int(line.split()[1]) for line in file if line.startswith("Threads:")), 1)
    except (OSError, ValueError, IndexError):
        return 1


def _own_process_count():
    uid, count = os.getuid(), 0
    for entry in os.listdir("/proc"):
        with contextlib.suppress(OSError):
            if entry.isdigit() and os.stat(f"/proc/{entry}").st_uid == uid:
                count += 1
    return count


class CheckProcess:
    """A fresh process forked from a loaded notebook, serving one check; closed (and killed) after it."""

    def __init__(self, notebook, pid, sock):
        self.notebook, self.pid = notebook, pid
        self.channel = Channel(sock, "judge", lambda ref: remote.Remote(ref, self), remote.Remote, limits=protocol.JUDGE_LIMITS)
        self.stopped = None  # why judge-side code stopped the check, if it did
        remote.serve_judge_objects(self.channel, self._on_stop)
        self.dead = None

    def _on_stop(self, text):
        self.stopped = text

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- requests -------------------------------------------------------------------------------
    def _request(self, what, op, time_limit, **fields):
        if self.dead:
            raise remote.StudentEnded(what, self.dead)
        budget = self.notebook.budget
        if budget <= 0:
            raise remote.StudentBudgetUsed(what, self.notebook.full_budget)
        limit = min(time_limit, budget)
        started = time.monotonic()
        try:
            return self.channel.request(op, deadline=started + limit, **fields)
        except TimedOut:
            self.kill()
            self.dead = f"it was stopped after {limit:g} s"
            if limit < time_limit:  # the notebook's budget ran out, not this call's own limit
                raise remote.StudentBudgetUsed(what, self.notebook.full_budget) from None
            raise remote.StudentTimedOut(what, limit) from None
        except ChannelClosed:
            self.dead = self._ended()
            raise remote.StudentEnded(what, self.dead) from None
        except (protocol.ProtocolError, RemoteError) as error:
            self.kill()
            self.dead = "it sent something the grader cannot read"
            raise remote.StudentUnreadable(what, {"text": str(error)}) from None
        finally:
            self.notebook.budget -= time.monotonic() - started

    def _ended(self):
        self.kill()
        status = None
        if self.notebook.channel is not None and self.pid is not None:
            with contextlib.suppress(Exception):
                status = self.notebook.channel.request("reap", deadline=time.monotonic() + 5, pid=self.pid, wait=True)
        if isinstance(status, dict) and status.get("signal") not in (None, signal.SIGKILL):
            return "the process ended with " + _SIGNALS.get(status["signal"], f"signal {status['signal']}")
        if isinstance(status, dict) and "exit" in status:
            return f"the process exited (exit code {status['exit']})"
        return "the process ended"

    def lookup(self, name, time_limit=10.0):
        """{"missing": True}, or {"value": ..., "origin": [module, file] or None} for a notebook name."""
        reply = self._request(f"looking up `{name}`", "lookup", time_limit, name=name)
        if type(reply) is not dict:
            raise remote.StudentUnreadable(f"looking up `{name}`")
        return reply

    def call(self, target, args, kwargs, time_limit=20.0, track=True, what="your function"):
        """Call a student's function or class; returns a Report (value and side effects) or raises StudentProblem."""
        report = self._request(what, "call", time_limit, target=target, args=list(args), kwargs=dict(kwargs), track=track)
        return Report.checked(report, what)

    def get_attribute(self, target, name, time_limit=10.0):
        report = self._request(f"reading `{name}`", "getattr", time_limit, target=target, name=name)
        if type(report) is dict and report.get("missing") is True:
            raise AttributeError(name)
        return Report.checked(report, f"reading `{name}`").value

    def set_attribute(self, target, name, value, time_limit=10.0):
        Report.checked(self._request(f"setting `{name}`", "setattr", time_limit, target=target, name=name, value=value), f"setting `{name}`")

    def set_items(self, target, attribute, items, time_limit=10.0):
        what = f"setting entries of `{attribute}`"
        Report.checked(self._request(what, "setitems", time_limit, target=target, attribute=attribute, items=dict(items)), what)

    def make_standin(self, kind, args):
        """A stand-in from checker.sandbox.standins, built in the check process beside the student's code."""
        return self._request(f"preparing the stand-in {kind}", "standin", 10.0, kind=kind, args=list(args))

    def seed_random(self, seed):
        self._request("seeding the random generators", "seed_random", 10.0, seed=int(seed))

    def swap_globals(self, function, names):
        """Make `function` find the judge's objects under `names` (None: put the student's back and revoke them)."""
        self._request("replacing helper functions", "swap_globals", 10.0, target=function, names=names)
        if names is None:
            self.revoke()

    def revoke(self):
        """Objects handed out so far can no longer be used from the student's side (they stay, unreachable)."""
        for number in self.channel.exports:
            self.channel.exports[number] = _REVOKED
        self.channel.forget_exports()

    # -- ending ---------------------------------------------------------------------------------
    def kill(self):
        if self.pid is not None and _child_of(self.pid, self.notebook.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            self.channel.sock.close()

    def close(self):
        """End the check process (closing its socket makes it exit; SIGKILL makes sure; its parent reaps it)."""
        with contextlib.suppress(OSError):
            self.channel.sock.close()
        if self.pid is not None and _child_of(self.pid, self.notebook.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)


def _revoked(*args, **kwargs):
    raise remote.StopGrading("a helper the checker lent your code for one step was used after that step")


_REVOKED = _revoked


def _child_of(pid, parent):
    """Whether `pid` is still a child of `parent` (the notebook process said so; we check before killing)."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            return int(file.read().rsplit(")", 1)[1].split()[1]) == parent
    except (OSError, ValueError, IndexError):
        return False


class Report:
    """What a call to student code gave back and did on the side, validated."""

    def __init__(self, value, warnings, printed, changed):
        self.value, self.warnings, self.printed, self.changed = value, warnings, printed, changed

    @classmethod
    def checked(cls, report, what):
        if type(report) is not dict:
            raise remote.StudentUnreadable(what)
        raised = report.get("raised")
        if raised is not None:
            if type(raised) is not dict:
                raise remote.StudentUnreadable(what)
            raise remote.StudentRaised(what, _clean_description(raised))
        if protocol.size_of(report.get("value")) > RETURN_BYTES:
            raise remote.StudentUnreadable(what, {"text": f"it gave back more than {RETURN_BYTES // 2**20} MB of numbers, far more than this exercise's answer"})
        strings = lambda key: [text[:300] for text in report.get(key) or [] if type(text) is str][:20]
        printed = report.get("printed")
        return cls(report.get("value"), strings("warnings"), printed[:4000] if type(printed) is str else "", strings("changed"))


def _clean_description(raised):
    """An exception description from the target, keeping only fields of the expected types."""
    fields = {"type": str, "text": str, "where": str, "line": (str, int), "function": str, "notebook": str, "ended": bool,
              "not_implemented": bool}
    return {key: raised[key][:300] if type(raised[key]) is str else raised[key]
            for key, kinds in fields.items() if type(raised.get(key)) in (kinds if type(kinds) is tuple else (kinds,))}
