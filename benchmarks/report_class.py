"""Time to build the class report for 2,000 graded submissions (target: 10 s).

Run from the repository root with the virtual environment active:

    python benchmarks/report_class.py [--students 2000]

The submissions are synthetic result files of assignment 01, written as official grading writes
them: each check passes, or fails with one of the assignment's or the common diagnoses, with a
generic message, or by timing out; a few notebooks are unreadable and a few break the sandbox.
Prints the time of the report alone (reading the files, statistics, plots, page) and of the whole
`backprop-lab report` command in a fresh process (Python and matplotlib start-up included).
"""

import argparse
import importlib
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from checker.assignments.logistic_regression import ASSIGNMENT  # noqa: E402
from checker.checks import messages  # noqa: E402
from checker.checks.messages import Diagnosis  # noqa: E402
from checker.staff.grading import CheckResult, NotebookResult  # noqa: E402
from checker.staff.report import write_report  # noqa: E402
from checker.staff.results import read_results, write_result  # noqa: E402

TARGET_SECONDS = 10.0
SEED_LINE = "\n    (inputs drawn with seed 1234: `pytest checker --checker-seed 1234 -k {check}` repeats this check)"


def diagnoses_by_check():
    """{check name: the assignment's diagnosis templates for it}, shape diagnoses where it has none of its own."""
    own = importlib.import_module(f"{ASSIGNMENT.checks[0].function.package}.messages")
    templates = [value for module in (own, messages) for value in vars(module).values() if isinstance(value, Diagnosis)]
    shapes = [template for template in templates if template.id.startswith("shape.")]
    return {check.name: [template for template in templates if template.id.startswith(check.name + ".")] or shapes
            for check in ASSIGNMENT.checks}


def synthetic_result(rng, student, diagnoses):
    """One submission: mostly passes and recognised mistakes, some generic failures, rare time-outs and violations."""
    notebook = f"submitted/{student}/{ASSIGNMENT.id}/{ASSIGNMENT.notebook}"
    if rng.random() < 0.01:
        reason = messages.UNREADABLE_NOTEBOOK.format(where=notebook, error="Expecting value: line 1 column 1")
        return NotebookResult(ASSIGNMENT, notebook, [CheckResult(c.name, c.points, False, reason, reason.id) for c in ASSIGNMENT.checks],
                              unreadable=reason)
    checks, violations = [], []
    for check in ASSIGNMENT.checks:
        draw = rng.random()
        if draw < 0.55:
            checks.append(CheckResult(check.name, check.points, True))
            continue
        if draw < 0.9:
            template = rng.choice(diagnoses[check.name])
        elif draw < 0.98:
            template = f"`{check.name}` gives a wrong answer for some inputs."  # generic: no diagnosis
        elif draw < 0.995:
            template = messages.TIMED_OUT
        else:
            template = messages.FROM_CHECKER
            violations.append(f"{check.name}: {template}")
        checks.append(CheckResult(check.name, check.points, False, template + SEED_LINE.format(check=check.name),
                                  messages.diagnosis_of(template), 1234))
    return NotebookResult(ASSIGNMENT, notebook, checks, seconds=rng.uniform(2, 6), violations=violations)


def write_class(course, students):
    rng = random.Random(0)
    diagnoses = diagnoses_by_check()
    for number in range(students):
        student = f"student{number:04d}"
        write_result(course, ASSIGNMENT.id, student, synthetic_result(rng, student, diagnoses).as_dict())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as course:
        write_class(course, options.students)
        started = time.perf_counter()
        write_report(ASSIGNMENT.id, read_results(course, ASSIGNMENT.id), Path(course) / "report")
        in_process = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "checker.staff.cli", "report", ASSIGNMENT.id, "--course", course],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        command = time.perf_counter() - started
    print(f"class report of {options.students:,} submissions of {ASSIGNMENT.id} (target: {TARGET_SECONDS:g} s)")
    print(f"  report alone (read, count, plot, write): {in_process:6.2f} s")
    print(f"  `backprop-lab report` in a new process:  {command:6.2f} s")
    print("  within target" if max(in_process, command) <= TARGET_SECONDS else "  OVER TARGET")


if __name__ == "__main__":
    main()
