"""`nbgrader export` that never counts an undecided check as 0: one line in nbgrader_config.py.

    c.ExportApp.plugin_class = "checker.staff.export.UndecidedLeftEmpty"

nbgrader's own CSV export sums each submission's grades, and a grade with no score yet (a check the
checker failed on, waiting for a manual grade) counts as 0 there: a student whose check could not be
decided would be exported with too low a total. This plugin writes the same columns, and leaves
`raw_score` and `score` empty while any grade of the submission has neither an automatic nor a
manual score, as `backprop-lab/<assignment>/grades.csv` leaves its total empty. Once staff grade the
check by hand in the formgrader (or a later run decides it), the total is exported.
"""

import csv

from nbgrader.api import MissingEntry
from nbgrader.plugins import ExportPlugin

COLUMNS = ("assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
           "raw_score", "late_submission_penalty", "score", "max_score")


class UndecidedLeftEmpty(ExportPlugin):
    """nbgrader's CSV export, with a submission's total left empty while one of its grades awaits a score."""

    def export(self, gradebook):
        path = self.to or "grades.csv"
        self.log.info("Exporting grades to %s (a total waiting for a grade is left empty)", path)
        with open(path, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(COLUMNS)
            for assignment in gradebook.assignments:
                if self.assignment and assignment.name not in map(str, self.assignment):
                    continue
                for student in gradebook.students:
                    if not self.student or student.id in map(str, self.student):
                        writer.writerow([_cell(value) for value in row(gradebook, assignment, student)])


def row(gradebook, assignment, student):
    """One student's values for one assignment, in COLUMNS' order (None: left empty)."""
    person = [student.id, student.last_name, student.first_name, student.email]
    try:
        submission = gradebook.find_submission(assignment.name, student.id)
    except MissingEntry:  # nothing submitted: 0, as nbgrader exports it
        return [assignment.name, assignment.duedate, None, *person, 0.0, 0.0, 0.0, assignment.max_score]
    penalty = submission.late_submission_penalty or 0.0
    undecided = any(grade.auto_score is None and grade.manual_score is None for notebook in submission.notebooks for grade in notebook.grades)
    raw = None if undecided else submission.score
    return [assignment.name, assignment.duedate, submission.timestamp, *person, raw, penalty,
            None if undecided else max(0.0, raw - penalty), assignment.max_score]


def _cell(value):
    return "" if value is None else str(value)
