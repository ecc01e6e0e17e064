"""Where official results live in an nbgrader course, one JSON file per submission, written as each one finishes.

    <course>/backprop-lab/<assignment>/<student>.json

Each file holds NotebookResult.as_dict() plus the student's id: points, and for every check its
status, diagnosis id, message and seed; or, when the grader could not grade the submission at all,
its `error`. Class reports read these files; an interrupted grading run resumes by skipping the
submissions whose result is final (the same notebook, and no grader error).
"""

import contextlib
import json
import logging
import os
import threading
from pathlib import Path

from checker.staff.grading import GRADER_ERROR

FOLDER = "backprop-lab"


def results_folder(course, assignment_id):
    return Path(course) / FOLDER / assignment_id


def log_path(course, assignment_id):
    """The grading log: what the checker logged while grading (a grader error's traceback, say), by student."""
    return results_folder(course, assignment_id) / "grading.log"


def append_log(course, assignment_id, student, text):
    """Add what the checker logged while grading `student` (in a worker, sent with the result) to the grading log."""
    path = log_path(course, assignment_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        log.write(f"=== {student}\n{text.rstrip()}\n")


def log_handler(stream=None, course=None, assignment_id=None):
    """A handler for the checker's warnings and errors in this thread, in the grading log's words: to `stream`, else to
    the grading log of `assignment_id` in `course` (opened at the first record).

    This thread's only: a Dask worker grades several submissions at once, each in a thread of its own.
    """
    if stream is None:
        path = log_path(course, assignment_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    else:
        handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    thread = threading.get_ident()
    handler.addFilter(lambda record: record.thread == thread)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    return handler


@contextlib.contextmanager
def logging_to(handler):
    """The checker's warnings and errors go to `handler` while the block runs."""
    logger = logging.getLogger("checker")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        handler.close()


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
