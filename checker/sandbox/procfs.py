"""What the judge reads about sandboxed processes from /proc, where a process cannot lie about itself."""

import contextlib
import os


def threads(pid):
    """How many threads process `pid` runs (1 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/status") as file:
            return next((int(line.split()[1]) for line in file if line.startswith("Threads:")), 1)
    except (OSError, ValueError, IndexError):
        return 1


def parent_of(pid):
    """The parent of process `pid`, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as file:
            return int(file.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def own_process_count():
    """Processes running as this user: RLIMIT_NPROC counts them all, so a limit must start from here."""
    uid, count = os.getuid(), 0
    for entry in os.listdir("/proc"):
        with contextlib.suppress(OSError):
            if entry.isdigit() and os.stat(f"/proc/{entry}").st_uid == uid:
                count += 1
    return count
