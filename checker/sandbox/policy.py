"""Every limit the sandbox and the checks enforce, in one frozen object, each with the reason for its value.

`Policy()` is what `pytest checker` and official grading use; `backprop-lab grade --time-budget`
and the tests build their own (`Policy(cell_seconds=2)`), never patch a module. The policy travels
from the command that starts grading to the sandbox (sandbox.py), the notebook process and the check process
(as plain data where it crosses into the sandbox, under the same field names). What follows from
the policy (the CPU-time limit from the time budget, the control group's memory with its headroom,
...) is computed in one place, `Policy.derived`, and crosses with it under the names of `Derived`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypedDict

from checker.sandbox.protocol import Limits

MiB, GiB = 2**20, 2**30


@dataclasses.dataclass(frozen=True)
class Policy:
    # -- loading a notebook ----------------------------------------------------------------------
    # One cell: the slowest setup cell here (loading the digits, plotting) takes under a second.
    cell_seconds: float = 30.0
    # A notebook's cells over every (re)load: three cells stopped at their limit, and no more.
    load_seconds: float = 90.0
    # Notebook process starts for one notebook: a cell that kills it is skipped on the next start.
    max_starts: int = 4
    # Cells set aside (endless or process-ending) before the notebook counts as unloadable.
    max_lost_cells: int = 5
    # The largest notebook file read: the course's notebooks are under 1 MB, with outputs a few MB.
    notebook_bytes: int = 64 * MiB
    # Bytes of a submission's folder copied into the sandbox (and sent to a worker with it).
    submission_bytes: int = 200 * MiB

    # -- student code inside checks -------------------------------------------------------------
    # One call on the checks' small inputs: a correct function answers in milliseconds, a loop in tens.
    call_seconds: float = 2.0
    # A run at full size (training on the digits) projected from its probe: past this, "too slow".
    slow_seconds: float = 60.0
    # Seconds of a notebook's own code over all its checks, waits on its processes included. The slowest
    # correct notebook we know (loops over the examples everywhere) needs about a third of it.
    notebook_seconds: float = 300.0
    # A request to the notebook process that runs no student code (start, confine, fork): milliseconds when healthy.
    control_seconds: float = 30.0
    # The fork server imports NumPy and matplotlib once: seconds, longer on a loaded machine.
    server_start_seconds: float = 120.0

    # -- the operating system's limits ---------------------------------------------------------
    # Memory a notebook's processes may map beyond the libraries already loaded: the digits are 2 MB.
    memory_bytes: int = 2 * GiB
    # The control group also counts the pages of the libraries the fork server loaded (about 1 GB at most).
    memory_headroom_bytes: int = 1 * GiB
    # Processes in a notebook's control group: the notebook process, its check process and BLAS's threads.
    processes: int = 24
    # Cores a notebook's processes share: one, so that one submission cannot slow the others.
    cores: float = 1.0
    # A file the student's code writes (it may write none; this bounds what a bug could do before Landlock refuses).
    file_bytes: int = 64 * MiB
    open_files: int = 256
    # The highest Landlock ABI to use (None: the kernel's own); lower only to test older kernels.
    landlock_abi: int | None = None

    # -- what crosses the boundary -------------------------------------------------------------
    # The most a graded call may give back (counted as float64): a thousand times any answer here.
    return_bytes: int = 16 * MiB
    # What a call of a judge helper (a reference lent to student code) may take or give back.
    helper_bytes: int = 8 * MiB
    # Characters of printed output kept per call; the rest is counted and dropped.
    printed_chars: int = 4_000
    # Bytes every stand-in of one check may keep of what student code sent it, all logs together.
    call_log_bytes: int = 32 * MiB
    # Frames the judge reads from a sandboxed process: far more than any graded function returns here.
    frames: Limits = Limits(frame_bytes=32 * MiB, header_bytes=4 * MiB, items=200_000, string=200_000)

    def replace(self, **changes: Any) -> Policy:
        """A copy with some limits changed."""
        return dataclasses.replace(self, **changes)

    def as_data(self) -> dict[str, Any]:
        """The policy as plain data, under its own field names (it crosses to the sandboxed process and to Dask workers)."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self) if field.name != "frames"}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Policy:
        """The policy `as_data` gave (the judge's frames limits are not part of it)."""
        names = {field.name for field in dataclasses.fields(cls)} - {"frames"}
        return cls(**{key: value for key, value in data.items() if key in names})

    def derived(self, user_processes_running: int | None) -> Derived:
        """The limits that follow from this policy, each with its reason (the one place they are computed).

        `user_processes_running`: the processes the grader's user runs now (RLIMIT_NPROC counts them all),
        or None for a root grader, whose processes RLIMIT_NPROC does not bound.
        """
        return Derived(
            # RLIMIT_CPU of a notebook process: a backstop only, far past the time budget, since the judge's
            # deadlines stop a notebook's code first and CPU time counts every thread of it.
            cpu_seconds=int(2 * self.notebook_seconds),
            # RLIMIT_NPROC counts every process of the user, so the limit is what runs already plus the notebook's
            # share; none (0) for root, where the control group bounds the processes instead.
            user_processes=0 if user_processes_running is None else user_processes_running + self.processes,
            # The control group also counts the pages of the libraries the fork server loaded.
            group_memory_bytes=self.memory_bytes + self.memory_headroom_bytes,
            # A cell's reply may arrive this long after the cell's own limit: the process's alarm stops the cell
            # first, and the judge waits this much more before it takes the cell as hung.
            reply_slack_seconds=5.0,
            # Binding the test catalogues' objects in a notebook process: a control request, with megabytes to unpickle.
            objects_seconds=2 * self.control_seconds,
        )


class Derived(TypedDict):
    """Limits that follow from a Policy (computed, with their reasons, by Policy.derived only)."""

    cpu_seconds: int
    user_processes: int
    group_memory_bytes: int
    reply_slack_seconds: float
    objects_seconds: float


DEFAULT = Policy()
