"""Official grading of one notebook: every check with the public seed and the hidden ones, points, and what happened.

The same sandboxed path as the self-check (checker.checks.session), plus what official grading
adds: the hidden seeds from the source notebooks' grade cells, the points of each check, and a
result per check that class reports and nbgrader's gradebook are built from.
"""

import ast
import contextlib
import hashlib
import io
import json
import logging
import time
from pathlib import Path

from checker.checks import messages
from checker.checks.errors import CheckFailure, GraderError
from checker.checks.notebook import NotebookUnreadable, cell_source, import_blocked
from checker.checks.seeds import PUBLIC, hidden
from checker.checks.session import NotebookSession
from checker.sandbox.proxies import StudentProblem
from checker.staff.restore import described, restored, source_cells_in_gradebook, source_cells_in_notebook

# How a failure's diagnosis sorts it, for reports: the student's code misbehaved, or tried to get round the sandbox.
STATUSES = {
    messages.TIMED_OUT.id: "timed out", messages.BUDGET_USED.id: "timed out", messages.TOO_SLOW.id: "timed out",
    messages.ENDED.id: "ended the process",
    messages.UNREADABLE_REPLY.id: "unreadable reply", messages.FROM_CHECKER.id: "sandbox violation",
    messages.HELPER_MISUSED.id: "sandbox violation", messages.UNREADABLE_NOTEBOOK.id: "unreadable notebook",
    messages.NOT_LOADED.id: "unreadable notebook", messages.IMPORT_BLOCKED: "sandbox violation",
}


GRADER_ERROR = "grader error"
_log = logging.getLogger(__name__)


class CheckResult:
    """One check of one notebook: points earned, and the message and diagnosis id of the first failure.

    `caused_by` names the upstream checks an end-to-end failure follows from; `notes` are said on a pass;
    a `grader_error` (the checker's own failure) decides no points: staff look, and the next run grades it again.
    """

    def __init__(self, name, possible, passed, message="", diagnosis=None, seed=None, seconds=0.0, caused_by=(), notes=(),
                 grader_error=False):
        self.name, self.possible, self.passed = name, possible, passed
        self.points = possible if passed else 0
        self.message, self.diagnosis, self.seed, self.seconds = message, diagnosis, seed, seconds
        self.caused_by, self.notes, self.grader_error = list(caused_by), list(notes), grader_error

    @property
    def status(self):
        if self.passed:
            return "passed"
        if self.grader_error:
            return GRADER_ERROR
        return STATUSES.get(self.diagnosis, "failed")

    def as_dict(self):
        found = {"check": self.name, "possible": self.possible, "points": self.points, "status": self.status,
                 "diagnosis": self.diagnosis, "message": self.message, "seed": self.seed, "seconds": round(self.seconds, 4)}
        if self.caused_by:
            found["caused_by"] = self.caused_by
        if self.notes:
            found["note"] = " ".join(self.notes)
        return found


class NotebookResult:
    """A whole notebook: its checks' results, or why it could not be read; and how long grading took.

    `grader_error` says why the grader itself could not grade it (the machine, never the student):
    such a result holds no grade, and grading it again is the remedy.
    """

    def __init__(self, assignment, display_path, checks, unreadable=None, seconds=0.0, violations=(), grader_error=None, load_seconds=0.0):
        self.assignment, self.display_path, self.checks = assignment, display_path, checks
        self.unreadable, self.seconds, self.violations = unreadable, seconds, list(violations)
        self.grader_error, self.load_seconds = grader_error, load_seconds

    @property
    def points(self):
        return sum(result.points for result in self.checks)

    @property
    def possible(self):
        return sum(result.possible for result in self.checks)

    def as_dict(self):
        if self.grader_error:
            return {"assignment": self.assignment.id, "notebook": self.display_path, "error": self.grader_error}
        return {"assignment": self.assignment.id, "notebook": self.display_path, "points": self.points, "possible": self.possible,
                "unreadable": self.unreadable, "seconds": round(self.seconds, 3), "load_seconds": round(self.load_seconds, 3),
                "violations": self.violations,
                "checks": [result.as_dict() for result in self.checks]}


class SourceNotebook:
    """What official grading takes from the staff's source notebook: its nbgrader cells (restore.source_cell) and hidden seeds."""

    def __init__(self, cells=()):
        self.cells = list(cells)
        self.seeds = seeds_in_code(cell["source"] for cell in self.cells if cell["grade"] and not cell["solution"])

    @classmethod
    def from_file(cls, path):
        with open(path, encoding="utf-8") as file:
            return cls(source_cells_in_notebook(json.load(file)["cells"]))

    @classmethod
    def from_gradebook(cls, gradebook, assignment):
        """The source as nbgrader's gradebook holds it (what `nbgrader generate_assignment` stored): nbgrader's own reference."""
        return cls(source_cells_in_gradebook(gradebook, Path(assignment.notebook).stem, assignment.id))


def hidden_seeds(source_notebook):
    """{check name: [seed, ...]} from the `check_x(..., seed=N)` calls in a source notebook's grade cells."""
    return SourceNotebook.from_file(source_notebook).seeds


def seeds_in_grade_cells(cells):
    """{check name: [seed, ...]} from the `check_x(..., seed=N)` calls in a notebook's grade cells."""
    flags = [(cell, cell.get("metadata", {}).get("nbgrader", {})) for cell in cells if cell.get("cell_type") == "code"]
    return seeds_in_code(cell_source(cell) for cell, nbgrader in flags if nbgrader.get("grade") and not nbgrader.get("solution"))


def seeds_in_code(sources):
    """{check name: [seed, ...]} from the `check_x(..., seed=N)` calls in these sources."""
    seeds = {}
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("check_"):
                for keyword in node.keywords:
                    if keyword.arg == "seed" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, int):
                        seeds.setdefault(node.func.id.removeprefix("check_"), []).append(keyword.value.value)
    return seeds


def seeds_for_student(seeds, student):
    """{check name: [seed, ...]} of one student: each hidden seed of the source mixed with the student's id (student_seed)."""
    return {check: [student_seed(seed, student) for seed in values] for check, values in seeds.items()}


def student_seed(seed, student):
    """The student's own 64-bit seed: the first 8 bytes of SHA-256 of "<source seed>:<student id>", big-endian.

    What one student's notebook could learn of its hidden inputs says nothing of another's; the same
    student and source always give the same seed, so `backprop-lab grade --student ID --force` repeats a run.
    """
    return int.from_bytes(hashlib.sha256(f"{int(seed)}:{student}".encode()).digest()[:8], "big")


def grade_notebook(sandbox, assignment, path, display_path=None, seeds=None, folder=None, source=None):
    """Grade a notebook file: every check of the assignment, with the public seed and the hidden `seeds` of each (numbers).

    `folder` holds the files the notebook reads (default: the notebook's own); with a `source`
    (SourceNotebook), its nbgrader cells are put back as the source has them first (checker.staff.restore),
    and what that changed is listed with the violations. The sandbox's policy bounds the seconds its
    code may run over all checks, loading included.
    """
    started = time.monotonic()
    display_path = display_path or str(path)
    seeds = seeds or {}
    changes = []

    def as_in_source(cells):
        cells, changed = restored(cells, source.cells)
        changes.extend(changed)
        return cells

    def everything_failed(message, unreadable):
        results = [CheckResult(check.name, check.points, False, str(message), messages.diagnosis_of(message)) for check in assignment.checks]
        return NotebookResult(assignment, display_path, results, unreadable=unreadable, seconds=time.monotonic() - started,
                              violations=[described(changes)] if changes else [])

    session = None
    try:
        session = NotebookSession.from_file(sandbox, path, display_path, folder=folder, restore=as_in_source if source else None)
        loaded = time.monotonic()
        results = [_grade_check(session, check, [PUBLIC, *map(hidden, seeds.get(check.name, []))]) for check in assignment.checks]
        violations = [f"cell {number}: {outcome['error'].get('text', '')}" for number, outcome in sorted(session.process.outcomes.items())
                      if import_blocked(outcome)]
    except NotebookUnreadable as unreadable:
        return everything_failed(messages.Diagnosis(messages.UNREADABLE_NOTEBOOK.id, str(unreadable)), str(unreadable))
    except StudentProblem as problem:  # no process could load the notebook: its cells hang or end it
        how = getattr(problem, "how", None) or "its cells did not finish"
        return everything_failed(messages.NOT_LOADED.format(where=display_path, how=how), how)
    except Exception as error:  # the grader's own failure (the machine, the sandbox): no grade, grade it again
        _log.error("grading %s failed in the grader itself", display_path, exc_info=error)
        return NotebookResult(assignment, display_path, [], seconds=time.monotonic() - started,
                              grader_error=f"{type(error).__name__}: {str(error)[:500]}")
    finally:
        if session is not None:
            session.close()
    violations += [f"{result.name}: {result.message.splitlines()[0]}" for result in results if result.status == "sandbox violation"]
    violations += [described(changes)] if changes else []
    return NotebookResult(assignment, display_path, results, seconds=time.monotonic() - started, violations=violations,
                          load_seconds=loaded - started)


def _grade_check(session, check, seeds):
    """Passed only when every seed passes; otherwise the first failure's message, diagnosis and seed."""
    started = time.monotonic()
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # a check prints "✓ ... passed"; official grading keeps quiet
            notes = session.run_seeds(check, seeds)
    except CheckFailure as failure:
        return CheckResult(check.name, check.points, False, str(failure), failure.diagnosis, getattr(failure, "seed", None),
                           time.monotonic() - started, caused_by=failure.caused_by)
    except GraderError as error:  # the checker's own bug on this check: no points decided, staff must look
        return CheckResult(check.name, check.points, False, str(error), messages.GRADER_ERROR.id, seconds=time.monotonic() - started,
                           grader_error=True)
    except StudentProblem as problem:  # the check process was lost outside the check's own calls
        message = messages.ENDED.format(name=check.name, how=getattr(problem, "how", None) or "it stopped answering")
        return CheckResult(check.name, check.points, False, message, messages.ENDED.id, seconds=time.monotonic() - started)
    return CheckResult(check.name, check.points, True, seconds=time.monotonic() - started, notes=notes or ())
