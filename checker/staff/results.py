"""Where official results live in an nbgrader course, one JSON file per submission, written as each one finishes.

    <course>/backprop-lab/<assignment>/<student>.json

Each file holds NotebookResult.as_dict() plus the student's id: points, and for every check its
status, diagnosis id, message and seed; or, when the grader could not grade the submission at all,
its `error`. Class reports read these files; an interrupted grading run resumes by skipping the
submissions whose result is final (the same notebook, and no grader error).
"""

import json
import os
from pathlib import Path

from checker.staff.grading import GRADER_ERROR

FOLDER = "backprop-lab"


def results_folder(course, assignment_id):
    return Path(course) / FOLDER / assignment_id


def log_path(course, assignment_id):
    """The grading log: what the checker logged while grading (a grader error's traceback, say), by student."""
    return results_folder(course, assignment_id) / "grading.log"


def append_log(course, assignment_id, student, text):
    """Add what the checker logged while grading `student` to the assignment's grading log."""
    path = log_path(course, assignment_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        log.write(f"=== {student}\n{text.rstrip()}\n")


def submitted_notebook(course, assignment, student):
    """Where nbgrader keeps a student's submitted notebook: <course>/submitted/<student>/<assignment>/<notebook>."""
    return Path(course) / "submitted" / student / assignment.id / assignment.notebook


def result_path(course, assignment_id, student):
    return results_folder(course, assignment_id) / f"{student}.json"


def write_result(course, assignment_id, student, result):
    """Write one submission's result atomically (a half-written file never looks finished)."""
    path = result_path(course, assignment_id, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps({"student": student, **result}, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)


def read_results(course, assignment_id):
    """{student: result dict} for every finished submission of an assignment."""
    folder = results_folder(course, assignment_id)
    if not folder.is_dir():
        return {}
    results = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        results[data.get("student", path.stem)] = data
    return results


def grader_errors(result):
    """What the grader itself failed on in one result: [(check name, or None for the whole submission, the reason)]."""
    if "error" in result:
        return [(None, result["error"])]
    return [(check["check"], check["message"]) for check in result.get("checks", []) if check.get("status") == GRADER_ERROR]
