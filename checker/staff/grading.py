"""Official grading of one notebook: every check with the public seed and the hidden ones, points, and what happened.

The same sandboxed path as the self-check (checker.checks.session), plus what official grading
adds: the hidden seeds from the source notebooks' grade cells, the points of each check, and a
result per check that class reports and nbgrader's gradebook are built from.
"""

import ast
import contextlib
import io
import time

from checker.checks import messages
from checker.checks.notebook import NotebookUnreadable
from checker.checks.report import CheckFailure
from checker.checks.seeds import PUBLIC_SEED
from checker.checks.session import NotebookSession

# How a failure's diagnosis sorts it, for reports: the student's code misbehaved, or tried to get round the sandbox.
STATUSES = {
    messages.TIMED_OUT.id: "timed out", messages.BUDGET_USED.id: "timed out", messages.ENDED.id: "ended the process",
    messages.UNREADABLE_REPLY.id: "unreadable reply", messages.FROM_CHECKER.id: "sandbox violation",
    messages.HELPER_MISUSED.id: "sandbox violation", messages.UNREADABLE_NOTEBOOK.id: "unreadable notebook",
}
IMPORT_BLOCKED = "cannot be imported by your notebook"


class CheckResult:
    """One check of one notebook: points earned, and the message and diagnosis id of the first failure."""

    def __init__(self, name, possible, passed, message="", diagnosis=None, seed=None):
        self.name, self.possible, self.passed = name, possible, passed
        self.points = possible if passed else 0
        self.message, self.diagnosis, self.seed = message, diagnosis, seed

    @property
    def status(self):
        if self.passed:
            return "passed"
        if IMPORT_BLOCKED in self.message:
            return "sandbox violation"
        return STATUSES.get(self.diagnosis, "failed")

    def as_dict(self):
        return {"check": self.name, "possible": self.possible, "points": self.points, "status": self.status,
                "diagnosis": self.diagnosis, "message": self.message, "seed": self.seed}


class NotebookResult:
    """A whole notebook: its checks' results, or why it could not be read; and how long grading took."""

    def __init__(self, assignment, display_path, checks, unreadable=None, seconds=0.0, violations=()):
        self.assignment, self.display_path, self.checks = assignment, display_path, checks
        self.unreadable, self.seconds, self.violations = unreadable, seconds, list(violations)

    @property
    def points(self):
        return sum(result.points for result in self.checks)

    @property
    def possible(self):
        return sum(result.possible for result in self.checks)

    def as_dict(self):
        return {"assignment": self.assignment.id, "notebook": self.display_path, "points": self.points, "possible": self.possible,
                "unreadable": self.unreadable, "seconds": round(self.seconds, 3), "violations": self.violations,
                "checks": [result.as_dict() for result in self.checks]}


def hidden_seeds(source_notebook):
    """{check name: [seed, ...]} from the `check_x(..., seed=N)` calls in a source notebook's grade cells."""
    from checker.checks.notebook import read_cells  # noqa: F401  (the grade cells are not among the cells to run)
    import json

    with open(source_notebook, encoding="utf-8") as file:
        cells = json.load(file)["cells"]
    seeds = {}
    for cell in cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") != "code" or not nbgrader.get("grade") or nbgrader.get("solution"):
            continue
        for node in ast.walk(ast.parse("".join(cell.get("source", "")))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("check_"):
                for keyword in node.keywords:
                    if keyword.arg == "seed" and isinstance(keyword.value, ast.Constant):
                        seeds.setdefault(node.func.id.removeprefix("check_"), []).append(int(keyword.value.value))
    return seeds


def grade_notebook(sandbox, assignment, path, display_path=None, seeds=None):
    """Grade a notebook file: every check of the assignment, with PUBLIC_SEED and the hidden `seeds` of each."""
    started = time.monotonic()
    display_path = display_path or str(path)
    seeds = seeds or {}
    try:
        session = NotebookSession.from_file(sandbox, path, display_path)
    except NotebookUnreadable as unreadable:
        results = [CheckResult(check.name, check.points, False, str(unreadable), messages.UNREADABLE_NOTEBOOK.id) for check in assignment.checks]
        return NotebookResult(assignment, display_path, results, unreadable=str(unreadable), seconds=time.monotonic() - started)
    try:
        results = [_grade_check(session, check, [PUBLIC_SEED, *seeds.get(check.name, [])]) for check in assignment.checks]
        violations = [f"cell {number}: {outcome['error'].get('text', '')}" for number, outcome in sorted(session.process.outcomes.items())
                      if IMPORT_BLOCKED in str(outcome.get("error", {}).get("text", ""))]
    finally:
        session.close()
    violations += [f"{result.name}: {result.message.splitlines()[0]}" for result in results if result.status == "sandbox violation"]
    return NotebookResult(assignment, display_path, results, seconds=time.monotonic() - started, violations=violations)


def _grade_check(session, check, seeds):
    """Passed only when every seed passes; otherwise the first failure's message, diagnosis and seed."""
    for seed in seeds:
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # a check prints "✓ ... passed"; official grading keeps quiet
                session.run(check, seed=seed)
        except CheckFailure as failure:
            return CheckResult(check.name, check.points, False, str(failure), failure.diagnosis, seed)
    return CheckResult(check.name, check.points, True)
