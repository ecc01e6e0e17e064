"""What `backprop-lab grade` tells staff: a few lines at the end of a run, and grades.csv beside the results.

A grader error (the grader could not grade a submission, or the checker failed on one of its
checks) is never a grade: it is listed by student, grades.csv says `grader error` in that check's
cell and leaves the student's total empty, and the next run grades the submission again.
"""

import csv
import time

from checker.staff import results as stored

UNDECIDED = "grader error"  # grades.csv's cell for a check the checker could not decide (never 0)


class Summary:
    """Counts kept as submissions finish, said in a few lines at the end."""

    def __init__(self, assignment):
        self.assignment = assignment
        self.graded = self.skipped = self.retried = 0
        self.unreadable, self.timed_out, self.errors = [], [], []  # errors: (student, check or None, reason)
        self.started = time.monotonic()

    def add(self, student, result):
        self.errors += [(student, check, reason) for check, reason in stored.grader_errors(result)]
        if "error" in result:
            return
        self.graded += 1
        if result.get("unreadable"):
            self.unreadable.append(student)
        elif any(check["status"] == "timed out" for check in result["checks"]):
            self.timed_out.append(student)

    def text(self, again):
        """The summary; `again` is the command that grades what is left (the submissions with a grader error)."""
        lost = f", retried after a lost worker {self.retried}" if self.retried else ""
        lines = [(f"{self.assignment.id}: graded {self.graded} (already graded: {self.skipped}), failed to load {len(self.unreadable)}, "
                  f"timed out {len(self.timed_out)}, grader errors {len(self.errors)}{lost}, in {time.monotonic() - self.started:.1f} s")]
        lines += [f"  grader error for {student}{f' ({check})' if check else ''}: {_first_line(reason)}" for student, check, reason in self.errors]
        if self.errors:
            lines.append(f"  no points were recorded for these: `{again}` grades them again; the checker's tracebacks are in "
                         f"{stored.log_path('', self.assignment.id)}")
        return "\n".join(lines)


def points_text(result):
    """A submission's points for the progress line ("12/20"), or that the grader failed on it."""
    if "error" in result:
        return UNDECIDED
    failed = [check for check, _ in stored.grader_errors(result)]
    return f"{result['points']:g}/{result['possible']:g}" + (f" ({UNDECIDED}: {', '.join(failed)})" if failed else "")


def write_grades_csv(root, assignment):
    """grades.csv beside the results: a row per student, the total and each check's points."""
    path = stored.results_folder(root, assignment.id) / "grades.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "points", "possible", *(check.name for check in assignment.checks)])
        for student, result in stored.read_results(root, assignment.id).items():
            writer.writerow(grades_row(assignment, student, result))
    return path


def grades_row(assignment, student, result):
    """One student's row: an undecided check reads UNDECIDED, and then the total is left empty (it would be too low)."""
    failed = {check for check, _ in stored.grader_errors(result)}
    points = {check["check"]: check["points"] for check in result.get("checks", [])}
    cells = [UNDECIDED if None in failed or check.name in failed else points.get(check.name, 0) for check in assignment.checks]
    return [student, "" if failed else result["points"], result.get("possible", assignment.points), *cells]


def _first_line(text, limit=200):
    line = str(text).strip().splitlines()[0] if str(text).strip() else ""
    return line if len(line) <= limit else line[:limit - 1] + "…"
