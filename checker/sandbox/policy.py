"""Every limit the sandbox and the checks enforce, in one frozen object, each with the reason for its value.

`Policy()` is what `pytest checker` and official grading use; `backprop-lab grade --time-budget`
and the tests build their own (`Policy(cell_seconds=2)`), never patch a module. The policy travels
from the command that starts grading to the broker, the notebook process and the check process
(as plain data where it crosses into the sandbox).
"""

import dataclasses

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
    # The fork server imports NumPy, SymPy and matplotlib once: seconds, longer on a loaded machine.
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

    def replace(self, **changes):
        """A copy with some limits changed."""
        return dataclasses.replace(self, **changes)

    def as_data(self):
        """The policy as plain data (it crosses to the sandboxed process and to Dask workers)."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self) if field.name != "frames"}

    @classmethod
    def from_data(cls, data):
        names = {field.name for field in dataclasses.fields(cls)} - {"frames"}
        return cls(**{key: value for key, value in data.items() if key in names})


DEFAULT = Policy()
