"""Time to build the class report for 2,000 graded submissions (target: 10 s).

Run from the repository root with the virtual environment active:

    python benchmarks/report_class.py [--students 2000]

The submissions are synthetic result files of assignment 01, written as official grading writes
them: each check passes (a few with a note), or fails with one of the assignment's or the common
diagnoses, with a generic message, by timing out, or as a knock-on of an earlier failed check; a few
notebooks are unreadable, a few break the sandbox, a few checks are grader errors. Prints the time of
the report alone (reading the files, statistics, plots, page) and of the whole
`backprop-lab report --students` command in a fresh process (Python and matplotlib start-up included).
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
from checker.staff.class_report import write_report  # noqa: E402
from checker.staff.grading import CheckResult, NotebookResult  # noqa: E402
from checker.staff.results import read_results, write_result  # noqa: E402

TARGET_SECONDS = 10.0
SEED_LINE = "\n    (inputs drawn with seed 1234: `pytest checker --checker-seed 1234 -k {check}` repeats this check)"


def diagnoses_by_check():
    """{check name: the assignment's diagnosis templates for it}, shape diagnoses where it has none of its own."""
    own = importlib.import_module(f"{ASSIGNMENT.package}.messages")
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


def with_knock_ons_and_notes(rng, result):
    """A result dict with the fields grading adds: half the failures after an earlier one are its knock-ons, rare grader errors, notes."""
    failed = []
    for check in result.get("checks", []) if not result.get("unreadable") else []:
        if check["status"] == "passed":
            if rng.random() < 0.05:
                check["note"] = f"correct, but {rng.randint(3, 20)}× slower than the vectorised version"
            elif rng.random() < 0.002:
                check.update(status="grader error", points=0, message=f"the checker failed on `{check['check']}`: KeyError: 'w'")
            continue
        if check["status"] == "failed" and failed and rng.random() < 0.5:
            check.update(diagnosis=f"{check['check']}.upstream_failed", caused_by=list(failed),
                         message=f"`{check['check']}` failed because `{failed[0]}` did.")
        failed.append(check["check"])
    result["points"] = sum(check["points"] for check in result.get("checks", []))
    return result


def write_class(course, students):
    rng = random.Random(0)
    diagnoses = diagnoses_by_check()
    for number in range(students):
        student = f"student{number:04d}"
        write_result(course, ASSIGNMENT.id, student, with_knock_ons_and_notes(rng, synthetic_result(rng, student, diagnoses).as_dict()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as course:
        write_class(course, options.students)
        started = time.perf_counter()
        write_report(ASSIGNMENT.id, read_results(course, ASSIGNMENT.id), Path(course) / "report", students=True)
        in_process = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "checker.staff.cli", "report", ASSIGNMENT.id, "--course", course, "--students"],
                       check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        command = time.perf_counter() - started
    print(f"class report of {options.students:,} submissions of {ASSIGNMENT.id} (target: {TARGET_SECONDS:g} s)")
    print(f"  report alone (read, count, plot, write):            {in_process:6.2f} s")
    print(f"  `backprop-lab report --students` in a new process:  {command:6.2f} s")
    print("  within target" if max(in_process, command) <= TARGET_SECONDS else "  OVER TARGET")


if __name__ == "__main__":
    main()
