"""The judge's side of the sandbox: the fork server's life, and a notebook process opened through it per notebook.

    sandbox = Sandbox(policy=Policy())                    # starts the fork server once
    notebook = sandbox.open_notebook("path.ipynb", cells) # runs the cells in a confined process
    with notebook.open_check() as process:                # a fresh process forked from it (check_process.py)
        propagate = process.lookup("propagate")["value"]

The other jobs live beside this module: notebook_process.py (loading, forking checks),
check_process.py (requests and replies), protections.py (what the machine offers), exits.py.
"""

import atexit
import contextlib
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

from checker import course
from checker.sandbox import cgroups, exits
from checker.sandbox.channel import Channel
from checker.sandbox.errors import BelowMinimum, ChannelClosed, RemoteError, SandboxError, SandboxUnavailable, TimedOut
from checker.sandbox.notebook_process import NotebookProcess
from checker.sandbox.policy import DEFAULT
from checker.sandbox.protections import Protections

__all__ = ["Sandbox", "SandboxUnavailable"]

SERVER_ENVIRONMENT = ("PATH", "LANG", "LANGUAGE", "TZ", "LD_LIBRARY_PATH", "TMPDIR")
# What a fork server that could not start says in the message itself: its last lines (a traceback's end names the cause).
LOG_TAIL_LINES, LOG_TAIL_BYTES = 4, 64 * 1024


class Sandbox:
    """One fork server and the notebooks graded through it; `official` refuses to run below the minimum protection."""

    def __init__(self, policy=DEFAULT, official=False, unsafe=False, excluded=(), python=sys.executable):
        self.policy, self.python = policy, python
        self.work = tempfile.mkdtemp(prefix="backprop-lab-")
        self.excluded = [os.path.abspath(path) for path in excluded]
        self.official, self.unsafe = official, unsafe
        self._process = self._channel = None
        self._numbers = itertools.count(1)
        self.protections = None
        # The fork server's channel serves one request at a time: notebooks may load on another thread than the checks run.
        self._lock = threading.RLock()
        self._closed = False
        atexit.register(self.close)

    # -- the fork server ---------------------------------------------------------------------------
    def start(self):
        """Start the fork server now, without waiting for it to warm up (never again once closed)."""
        with self._lock:
            if self._closed:
                raise SandboxUnavailable("the sandbox was closed")
            if self._process is None or self._process.poll() is not None:
                self._launch_server()

    def _launch_server(self):
        judge_end, server_end = socket.socketpair()
        # Only what Python and the libraries need: the grader's own variables (tokens, database URLs) stay out of reach.
        environment = {key: value for key, value in os.environ.items() if key in SERVER_ENVIRONMENT or key.startswith("LC_")}
        environment.update(PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg", HOME=self.work,
                           MPLCONFIGDIR=os.path.join(self.work, "matplotlib"))
        with open(os.path.join(self.work, "server.log"), "wb") as log:
            command = [self.python, "-m", "checker.sandbox.fork_server", str(server_end.fileno()), json.dumps(course.sandbox_needs())]
            self._process = subprocess.Popen(command,
                                             pass_fds=[server_end.fileno()], cwd=self.work, env=environment,
                                             stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        server_end.close()
        self._channel = Channel(judge_end, "judge", lambda ref: None, limits=self.policy.frames)
        self.protections = None

    def _control(self):
        """The fork server's channel, once the server has said what this machine can enforce (hold self._lock to use it)."""
        with self._lock:
            self.start()
            if self.protections is None:
                self._await_server()
            return self._channel

    def _await_server(self):
        try:
            found = self._channel.request("probe", deadline=time.monotonic() + self.policy.server_start_seconds)
        except (ChannelClosed, TimedOut, RemoteError) as error:
            raise SandboxUnavailable(self._why_not_started(error)) from None
        if type(found) is not dict:
            raise SandboxUnavailable("the fork server's probe is malformed")
        if found.get("error"):
            raise SandboxUnavailable(f"the fork server cannot confine notebooks: {found['error']}")
        group = cgroups.create(f"backprop-lab-probe-{os.getpid()}", 1, 2**20)
        if group is not None:
            group.kill_all()
        self.protections = Protections(found, group is not None, self.policy.landlock_abi)
        if self.official and not self.unsafe and self.protections.missing():
            self.close()
            raise BelowMinimum("official grading needs a sandbox this machine cannot give: "
                                     + "; ".join(self.protections.missing()) + ". Pass --unsafe to grade anyway.")

    def _why_not_started(self, error):
        """The fork server's failure in words: the last lines it wrote, and where its whole log is kept (outside `work`, which goes)."""
        log = os.path.join(self.work, "server.log")
        with contextlib.suppress(OSError), open(log, "rb") as file:
            file.seek(max(0, os.path.getsize(log) - LOG_TAIL_BYTES))
            lines = [line.strip() for line in file.read().decode("utf-8", "replace").splitlines() if line.strip()]
            kept = tempfile.NamedTemporaryFile(prefix="backprop-lab-server-", suffix=".log", delete=False)
            with kept:
                shutil.copyfile(log, kept.name)
            said = " | ".join(lines[-LOG_TAIL_LINES:]) or "it wrote nothing"
            return f"the sandbox's fork server did not start ({error}): {said} (its log is kept in {kept.name})"
        return f"the sandbox's fork server did not start ({error}), and left no log"

    @property
    def server_pid(self):
        """The fork server's process id (None before it starts)."""
        return self._process.pid if self._process is not None else None

    def protections_now(self):
        self._control()
        return self.protections

    def spawn(self, config):
        """A new notebook process from the fork server: (pid, the judge's end of its socket)."""
        judge_end, target_end = socket.socketpair()
        try:
            with self._lock:
                pid = self._control().request("spawn", deadline=time.monotonic() + self.policy.control_seconds, fds=[target_end.fileno()],
                                              config=config)
        finally:
            target_end.close()
        if type(pid) is not int:
            raise SandboxUnavailable("the fork server did not report the new process")
        return pid, judge_end

    def reap(self, pid):
        """How a notebook process ended, as plain data ({} when it cannot be told)."""
        with self._lock:
            try:
                control = self._control()
            except (SandboxError, OSError):  # the fork server is gone and cannot start again: nobody can tell
                return {}
            return exits.ask_parent(control, pid)

    # -- notebooks ---------------------------------------------------------------------------------
    def open_notebook(self, display_path, cells=None, objects=None, folder=None):
        """A notebook process that has run `cells` (dicts: number, source, whole) or bound `objects` (pickled names).

        The cells run in a read-only copy of `folder`, so relative paths find the submission's files.
        """
        number = next(self._numbers)
        scratch = os.path.join(self.work, "notebooks", str(number))
        self._copy_submission(folder, scratch)
        notebook = NotebookProcess(self, number, display_path, scratch, cells, objects)
        notebook.start()
        return notebook

    def _copy_submission(self, folder, scratch):
        """Copy the submission's folder (files only, bounded) so the notebook's cells find their files."""
        os.makedirs(scratch)
        if folder is None:
            return
        room = self.policy.submission_bytes
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_size <= room:
                    shutil.copyfile(entry.path, os.path.join(scratch, entry.name))
                    room -= entry.stat().st_size

    def notebook_config(self, scratch, group, limits):
        """What a new notebook process needs to confine itself (schema.NotebookConfig); the fork server adds the readable paths."""
        protections = self.protections_now()
        return {
            "policy": self.policy.as_data(), "limits": limits, "scratch": scratch, "read": [scratch], "write": [],
            "excluded": self.excluded, "cgroups": group.procs_files if group else [],
            "netns": protections.netns, "landlock": protections.landlock, "seccomp": protections.seccomp,
        }

    def close(self):
        self._closed = True
        if self._process is not None:
            with contextlib.suppress(OSError):
                self._channel.sock.close()
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):  # it ended already, or its zombie waits for us
                self._process.kill()
                self._process.wait(timeout=5)
            self._process = self._channel = None
        shutil.rmtree(self.work, ignore_errors=True)
