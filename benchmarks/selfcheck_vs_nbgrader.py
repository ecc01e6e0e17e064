"""Wall time of the self-check against nbgrader's validate and autograde, on the same notebooks.

Run from the repository root with the virtual environment active:

    python benchmarks/selfcheck_vs_nbgrader.py [--repeat 3] [--assignment ID ...]

Targets for `pytest checker --notebooks solutions -k ID` on a 2-core machine: 3 s per assignment,
10 s for assignments whose checks train a network on the digits.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from checker.course import ASSIGNMENTS  # noqa: E402
from timing import environment, wall_time  # noqa: E402  (benchmarks/timing.py)

TARGET_SECONDS = {"03_backprop_digits": 10.0}  # trains a network; the others 3 s
DEFAULT_TARGET = 3.0
ENV = environment()


def nbgrader(*args):
    return [sys.executable, "-m", "nbgrader", *args]


def course_with_one_submission(folder, assignment):
    shutil.copy(REPO / "nbgrader_config.py", folder)
    shutil.copytree(REPO / "solutions", folder / "solutions")
    subprocess.run(nbgrader("generate_assignment", assignment.id), cwd=folder, env=ENV, check=True, capture_output=True)
    submitted = folder / "submitted" / "student" / assignment.id
    submitted.mkdir(parents=True)
    shutil.copy(REPO / "solutions" / assignment.id / assignment.notebook, submitted)


def measure(assignment, repeat):
    solution = REPO / "solutions" / assignment.id / assignment.notebook
    selfcheck = [sys.executable, "-m", "pytest", "checker", "--notebooks", "solutions", "-q", "-p", "no:cacheprovider", "-k", assignment.id]
    rows = [("pytest checker (self-check)", wall_time(selfcheck, REPO, repeat))]
    rows.append(("nbgrader validate", wall_time(nbgrader("validate", str(solution)), REPO, repeat)))
    with tempfile.TemporaryDirectory() as folder:
        course_with_one_submission(Path(folder), assignment)
        autograde = nbgrader("autograde", assignment.id, "--create", "--force")
        rows.append(("nbgrader autograde (one submission)", wall_time(autograde, folder, repeat)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--assignment", nargs="*", default=[a.id for a in ASSIGNMENTS])
    options = parser.parse_args()
    print(f"median of {options.repeat} runs, {os.cpu_count()} cores; every row grades the solution notebook")
    for assignment in (a for a in ASSIGNMENTS if a.id in options.assignment):
        rows = measure(assignment, options.repeat)
        ours = rows[0][1]
        print(f"\n{assignment.id}")
        print(f"  {'command':<38} {'wall time':>10} {'× self-check':>13}")
        for name, seconds in rows:
            print(f"  {name:<38} {seconds:>9.2f}s {seconds / ours:>12.1f}×")
        target = TARGET_SECONDS.get(assignment.id, DEFAULT_TARGET)
        print(f"  self-check {'meets' if ours <= target else 'misses'} the {target:g} s target")


if __name__ == "__main__":
    main()
