"""Median wall time of a whole command, for the benchmark scripts that time commands side by side."""

import os
import statistics
import subprocess
import sys
import time


def environment(python=sys.executable, **variables):
    """This environment with `python`'s bin folder first on PATH (nbgrader runs `alembic` from there)."""
    return dict(os.environ, PATH=os.path.dirname(python) + os.pathsep + os.environ.get("PATH", ""), **variables)


def wall_time(command, cwd, repeat, env=None, exit_codes=(0,)):
    """Median wall time of `command` over `repeat` runs; stops the benchmark if it ends with another exit code."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=env or environment(), capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in exit_codes:
            sys.exit(f"{' '.join(map(str, command))} failed (exit code {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return statistics.median(times)
