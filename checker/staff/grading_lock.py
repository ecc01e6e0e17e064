"""One `backprop-lab grade` at a time per course: two would write the same gradebook, results and autograded notebooks.

The lock is fcntl.flock on <course>/backprop-lab/grading.lock. The kernel releases it when its holder
ends, however it ends (Ctrl-C, a crash, SIGKILL), so the file a dead run leaves behind never blocks the
next one; what the file says (the holder's process id and start) is only for the refusal's line.
"""

import contextlib
import fcntl
import os
import time
from pathlib import Path

LOCK_FILE = "grading.lock"


@contextlib.contextmanager
def grading_lock(course):
    """Hold the course's grading lock for the block; refuse in one line (SystemExit) while another run holds it."""
    from checker.staff.results import FOLDER

    path = Path(course) / FOLDER / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            holder = file.read().strip() or "another process"
            raise SystemExit(f"another `backprop-lab grade` is grading this course ({holder}): wait for it to end, "
                             f"or stop it, then run this again") from None
        file.seek(0)
        file.truncate()
        file.write(f"process {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        file.flush()
        yield
