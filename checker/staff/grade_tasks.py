"""The work of `backprop-lab grade`, as plain data that can travel to another process or machine, and the grading of one task.

A task holds a submission's bytes and its folder's other files, the student's own hidden seeds, the
source's nbgrader cells and the sandbox's policy; its result is NotebookResult.as_dict() plus the
notebook's digest, or a grader error (`error`): the grader could not grade it, and the next run grades
it again; or, on a machine below the minimum protection, `refused` (nothing was graded).
"""

import hashlib
import io
import logging
import os
import stat
import tempfile
import threading
from pathlib import Path


def submissions(course, assignment, only=None):
    """[(student, notebook path)] for every submission of the assignment, in order of student id.

    A student's folder that is a symbolic link (to another student's work, say) is not a submission.
    """
    pattern = course.path("submitted", "*", assignment.id)
    found = []
    for folder in sorted(Path(pattern.parent.parent).glob(f"*/{assignment.id}")):
        student = folder.parent.name
        if folder.is_symlink() or folder.parent.is_symlink():
            continue
        if only is None or student in only:
            found.append((student, folder / assignment.notebook))
    return found


def regular_file(path):
    """The bytes of `path` if it is a regular file, not a symbolic link (which could point anywhere the grader can read)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        return file.read() if stat.S_ISREG(os.fstat(descriptor).st_mode) else None


def digest(data):
    return hashlib.sha256(data).hexdigest() if data is not None else None


def task_for(assignment, student, path, source, policy, unsafe):
    """Everything a worker needs to grade one submission, anywhere: the notebook's bytes and its folder's other files.

    The hidden seeds are the student's own (grading.seeds_for_student), so the task alone repeats the run.
    """
    from checker.staff.grading import seeds_for_student

    files, room = {}, policy.submission_bytes
    for entry in sorted(path.parent.iterdir()) if path.parent.is_dir() else []:
        if entry.name != path.name and entry.is_file(follow_symlinks=False) and entry.stat().st_size <= room:
            data = regular_file(entry)
            if data is not None:
                files[entry.name] = data
                room -= len(data)
    notebook = regular_file(path)
    return {"assignment": assignment.id, "student": student, "notebook": notebook, "files": files,
            "seeds": seeds_for_student(source.seeds, student), "source": source.cells, "policy": policy.as_data(), "unsafe": unsafe,
            "display": f"{student}/{assignment.id}/{assignment.notebook}"}


def grader_error(task, error):
    """The result of a task the grader could not grade: no grade, the reason for staff, graded again next run."""
    return {"assignment": task["assignment"], "notebook": task["display"], "error": error, "notebook_sha256": digest(task["notebook"])}


_LOCAL = threading.local()
_log = logging.getLogger(__name__)


def warm_up(policy, unsafe):
    """Ready a worker before its first task: its sandbox's fork server starts, and warms up while the checks are imported."""
    from checker.sandbox.errors import SandboxError
    from checker.sandbox.policy import Policy
    from checker.sandbox.sandbox import Sandbox

    try:
        _LOCAL.sandbox = Sandbox(Policy.from_data(policy), official=True, unsafe=unsafe)
        _LOCAL.sandbox.start()
    except (OSError, SandboxError):  # the first task starts one again, and says why as its grader error
        _LOCAL.sandbox = None
    import checker.course  # noqa: F401
    import checker.staff.grading  # noqa: F401


def grade_task(task):
    """Grade one submission (in a worker process, or a Dask worker); a result dict, never an exception.

    What the checker logged meanwhile (a grader error's traceback) travels with the result as `log`, for the grading log.
    """
    from checker.staff.results import log_handler, logging_to

    log = io.StringIO()
    with logging_to(log_handler(log)):
        result = _grade(task)
    return {**result, "log": log.getvalue()} if log.getvalue() else result


def _grade(task):
    from checker.course import assignment_with_id
    from checker.sandbox.errors import BelowMinimum
    from checker.sandbox.policy import Policy
    from checker.sandbox.sandbox import Sandbox
    from checker.staff.grading import SourceNotebook, grade_notebook

    assignment = assignment_with_id(task["assignment"])
    try:
        policy = Policy.from_data(task["policy"])
        if getattr(_LOCAL, "sandbox", None) is None or _LOCAL.sandbox.policy != policy:
            _LOCAL.sandbox = Sandbox(policy, official=True, unsafe=task["unsafe"])
        if _LOCAL.sandbox.protections is None:
            try:  # what this machine can enforce, before any submission is graded here
                _LOCAL.sandbox.protections_now()
            except BelowMinimum as refusal:
                _LOCAL.sandbox = None
                return {"refused": str(refusal)}
        with tempfile.TemporaryDirectory(prefix="backprop-lab-submission-") as folder:
            path = Path(folder) / assignment.notebook
            if task["notebook"] is not None:
                path.write_bytes(task["notebook"])
            for name, data in task["files"].items():
                (Path(folder) / name).write_bytes(data)
            result = grade_notebook(_LOCAL.sandbox, assignment, path, task["display"], task["seeds"], source=SourceNotebook(task["source"]))
        return {**result.as_dict(), "notebook_sha256": digest(task["notebook"])}
    except Exception as error:  # the grader's own failure on one submission must not stop the batch (a worker told to stop does stop)
        _log.error("grading %s failed in the grader itself", task["display"], exc_info=error)
        sandbox, _LOCAL.sandbox = getattr(_LOCAL, "sandbox", None), None  # the next submission starts a fresh one
        if sandbox is not None:
            sandbox.close()
        return grader_error(task, f"{type(error).__name__}: {error}")
