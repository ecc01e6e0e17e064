"""A control group per notebook process: at most N processes, M bytes and one core for it and all it forks.

The notebook process has to fork (one child per check), so a seccomp rule cannot stop a fork bomb
in the notebook's cells; the kernel's pids controller can. Works with cgroup v2 (a writable
subtree of our own cgroup) and with v1 (separate `pids`, `memory` and `cpu` hierarchies); the judge
creates the group, the notebook process moves itself into it before running student code, and
the judge kills every process in it when the notebook is done.
"""

import contextlib
import os
import signal
import time

ROOT = "/sys/fs/cgroup"
KILL_SECONDS, FIRST_PAUSE, LAST_PAUSE = 1.0, 0.0005, 0.005  # how long kill_all waits for the group to empty, and how often it looks


class Group:
    """One control group (a directory per hierarchy) that the judge owns."""

    def __init__(self, directories):
        self.directories = directories

    @property
    def procs_files(self):
        return [os.path.join(directory, "cgroup.procs") for directory in self.directories]

    def pids(self):
        found = set()
        for path in self.procs_files:
            with contextlib.suppress(OSError), open(path) as file:
                found.update(int(line) for line in file if line.strip())
        return found

    def kill_others(self, keep):
        """SIGKILL every process in the group but `keep` (what a notebook's cells left running)."""
        for pid in self.pids() - {keep}:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def kill_all(self):
        """SIGKILL every process in the group until none is left (a second at most), then remove the group."""
        deadline, pause = time.monotonic() + KILL_SECONDS, FIRST_PAUSE
        while (pids := self.pids()) and time.monotonic() < deadline:
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(pause)  # a killed process leaves the group within a millisecond or so: look again soon, then less often
            pause = min(2 * pause, LAST_PAUSE)
        for directory in self.directories:
            with contextlib.suppress(OSError):
                os.rmdir(directory)


def _own_path(controller):
    """Our own cgroup's path in the hierarchy of `controller` ("" for the v2 unified one)."""
    with open("/proc/self/cgroup") as file:
        for line in file:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if controllers.split(",") == ([controller] if controller else [""]):
                return path
    return None


def _v1_directories(name):
    directories = {}
    for controller in ("pids", "memory", "cpu"):
        path = _own_path(controller)
        base = os.path.join(ROOT, controller)
        if path is not None and os.path.isdir(base):
            directories[controller] = os.path.join(base, path.lstrip("/"), name)
    return directories if "pids" in directories else None


def _v2_directory(name):
    path = _own_path("")
    if path is None or not os.path.exists(os.path.join(ROOT, "cgroup.controllers")):
        return None
    parent = os.path.join(ROOT, path.lstrip("/"))
    with contextlib.suppress(OSError), open(os.path.join(parent, "cgroup.subtree_control")) as file:
        if "pids" in file.read().split():
            return os.path.join(parent, name)
    return None


CPU_PERIOD = 100_000  # microseconds; a quota of one period per period is one core


def create(name, max_processes, max_bytes, cores=1):
    """A new group limited to `max_processes`, `max_bytes` and `cores` (where the controllers exist), or None where we cannot make one.

    The process limit is the one that matters (it stops fork bombs); memory and CPU are bounded
    too where the controllers are there, so one submission's threads cannot slow the others'.
    """
    quota = int(cores * CPU_PERIOD)
    try:
        v2 = _v2_directory(name)
        if v2:
            os.makedirs(v2)
            _write(v2, "pids.max", max_processes)
            with contextlib.suppress(OSError):
                _write(v2, "memory.max", max_bytes)
            with contextlib.suppress(OSError):
                _write(v2, "cpu.max", f"{quota} {CPU_PERIOD}")
            return Group([v2])
        v1 = _v1_directories(name)
        if not v1:
            return None
        for directory in v1.values():
            os.makedirs(directory, exist_ok=True)
        _write(v1["pids"], "pids.max", max_processes)
        if "memory" in v1:
            with contextlib.suppress(OSError):
                _write(v1["memory"], "memory.limit_in_bytes", max_bytes)
        if "cpu" in v1:
            with contextlib.suppress(OSError):
                _write(v1["cpu"], "cpu.cfs_period_us", CPU_PERIOD)
                _write(v1["cpu"], "cpu.cfs_quota_us", quota)
        return Group(list(v1.values()))
    except OSError:
        return None


def _write(directory, name, value):
    with open(os.path.join(directory, name), "w") as file:
        file.write(str(value))
