"""Wall time of the self-check against nbgrader's validate and autograde, on the same notebook.

Run from the repository root with the virtual environment active:

    python benchmarks/selfcheck_vs_nbgrader.py [--repeat 3]

Target: `pytest checker --notebooks solutions` within 3 s for assignment 01 on a 2-core machine.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "01_logistic_regression"
NOTEBOOK = "logistic_regression.ipynb"
TARGET_SECONDS = 3.0
ENV = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))


def wall_time(command, cwd, repeat):
    """Median wall time of `command` over `repeat` runs; fails loudly if it fails."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}")
    return statistics.median(times)


def course_with_one_submission(folder):
    shutil.copy(REPO / "nbgrader_config.py", folder)
    shutil.copytree(REPO / "solutions", folder / "solutions")
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", ASSIGNMENT], cwd=folder, env=ENV, check=True, capture_output=True)
    submitted = folder / "submitted" / "student" / ASSIGNMENT
    submitted.mkdir(parents=True)
    shutil.copy(REPO / "solutions" / ASSIGNMENT / NOTEBOOK, submitted)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat

    solution = REPO / "solutions" / ASSIGNMENT / NOTEBOOK
    rows = [("pytest checker --notebooks solutions", wall_time(
        [sys.executable, "-m", "pytest", "checker", "--notebooks", "solutions", "-q", "-p", "no:cacheprovider"], REPO, repeat))]
    rows.append(("nbgrader validate (same notebook)", wall_time([sys.executable, "-m", "nbgrader", "validate", str(solution)], REPO, repeat)))
    with tempfile.TemporaryDirectory() as folder:
        course_with_one_submission(Path(folder))
        rows.append(("nbgrader autograde (one submission)", wall_time(
            [sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--create", "--force"], folder, repeat)))

    ours = rows[0][1]
    print(f"assignment {ASSIGNMENT}, median of {repeat} runs, {os.cpu_count()} cores")
    print(f"{'command':<40} {'wall time':>10} {'× ours':>8}")
    for name, seconds in rows:
        print(f"{name:<40} {seconds:>9.2f}s {seconds / ours:>7.1f}×")
    verdict = "meets" if ours <= TARGET_SECONDS else "misses"
    print(f"self-check {verdict} the {TARGET_SECONDS:g} s target")


if __name__ == "__main__":
    main()
