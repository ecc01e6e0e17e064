"""Grade every submission of an assignment in an nbgrader course, in the sandbox, in parallel.

    backprop-lab grade ASSIGNMENT [--course DIR] [--workers N | --scheduler ADDRESS] [--force]

Reads submitted/<student>/<assignment>/<notebook>.ipynb, grades each notebook with the public and
hidden seeds (hidden ones from the source notebook's grade cells) in the sandbox, and writes, as
each one finishes: its result (backprop-lab/<assignment>/<student>.json), its grades into
nbgrader's gradebook, and its autograded notebook, so `nbgrader generate_feedback`, `nbgrader
export` and the formgrader work as after `nbgrader autograde`. An interrupted run resumes where it
stopped: a submission whose result is there, for the same notebook, is not graded again (--force
regrades). At the end: a summary, and grades.csv beside the results.
"""

import concurrent.futures
import csv
import hashlib
import multiprocessing
import os
import stat
import sys
import tempfile
import threading
import time
from pathlib import Path

from checker.course import ASSIGNMENTS
from checker.staff import results as stored
from checker.staff.gradebook import NbgraderCourse

from checker.sandbox.policy import DEFAULT as POLICY, Policy


def add_arguments(parser):
    parser.add_argument("assignment", help="the assignment's id, e.g. 01_logistic_regression")
    parser.add_argument("--course", metavar="DIR", default=".", help="the nbgrader course folder (default: here)")
    parser.add_argument("--workers", metavar="N", type=int, default=os.cpu_count(), help="submissions graded at once on this machine (default: all cores)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="grade on a Dask distributed cluster instead (e.g. tcp://10.0.0.5:8786); its workers need backprop-lab installed")
    parser.add_argument("--force", action="store_true", help="grade again the submissions that already have a result")
    parser.add_argument("--time-budget", metavar="SECONDS", type=float, default=POLICY.notebook_seconds,
                        help=f"seconds a submission's own code may run over all its checks (default {POLICY.notebook_seconds:g})")
    parser.add_argument("--student", metavar="ID", action="append", help="grade only this student (repeatable)")
    parser.add_argument("--unsafe", action="store_true", help="grade even where the kernel cannot confine submissions (never for real grades)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar (a line per submission instead)")


def run(options):
    assignment = next((a for a in ASSIGNMENTS if a.id == options.assignment), None)
    if assignment is None:
        raise SystemExit(f"no assignment {options.assignment}: the course has {', '.join(a.id for a in ASSIGNMENTS)}")
    course = NbgraderCourse(options.course)
    course.check_assignment(assignment.id)
    try:
        summary = grade_class(course, assignment, options)
    except KeyboardInterrupt:
        print("\ninterrupted: the submissions graded so far are recorded; run the same command again to grade the rest", file=sys.stderr)
        return 130
    finally:
        course.close()
    print(summary.text())
    return 0 if not summary.errors else 1


# -- the work, as plain data that can travel to another machine ----------------------------------
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


def _regular_file(path):
    """The bytes of `path` if it is a regular file, not a symbolic link (which could point anywhere the grader can read)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        return file.read() if stat.S_ISREG(os.fstat(descriptor).st_mode) else None


def task_for(assignment, student, path, source, policy, unsafe):
    """Everything a worker needs to grade one submission, anywhere: the notebook's bytes and its folder's other files."""
    files, room = {}, policy.submission_bytes
    for entry in sorted(path.parent.iterdir()) if path.parent.is_dir() else []:
        if entry.name != path.name and entry.is_file(follow_symlinks=False) and entry.stat().st_size <= room:
            data = _regular_file(entry)
            if data is not None:
                files[entry.name] = data
                room -= len(data)
    notebook = _regular_file(path)
    return {"assignment": assignment.id, "student": student, "notebook": notebook, "files": files, "seeds": source.seeds,
            "locked": source.locked, "policy": policy.as_data(), "unsafe": unsafe, "display": f"{student}/{assignment.id}/{assignment.notebook}"}


_LOCAL = threading.local()


def grade_task(task):
    """Grade one submission (in a worker process, or a Dask worker); a result dict, never an exception."""
    from checker.sandbox.broker import Sandbox
    from checker.staff.grading import grade_notebook

    assignment = next(a for a in ASSIGNMENTS if a.id == task["assignment"])
    try:
        policy = Policy.from_data(task["policy"])
        if getattr(_LOCAL, "sandbox", None) is None or _LOCAL.sandbox.policy != policy:
            _LOCAL.sandbox = Sandbox(policy, official=True, unsafe=task["unsafe"])
        with tempfile.TemporaryDirectory(prefix="backprop-lab-submission-") as folder:
            path = Path(folder) / assignment.notebook
            if task["notebook"] is not None:
                path.write_bytes(task["notebook"])
            for name, data in task["files"].items():
                (Path(folder) / name).write_bytes(data)
            result = grade_notebook(_LOCAL.sandbox, assignment, path, task["display"], task["seeds"], restore=task["locked"])
        return {**result.as_dict(), "notebook_sha256": _digest(task["notebook"])}
    except BaseException as error:  # the grader's own failure on one submission must not stop the batch
        sandbox, _LOCAL.sandbox = getattr(_LOCAL, "sandbox", None), None  # the next submission starts a fresh one
        if sandbox is not None:
            sandbox.close()
        return {"assignment": assignment.id, "error": f"{type(error).__name__}: {error}", "notebook_sha256": _digest(task["notebook"])}


def _digest(data):
    return hashlib.sha256(data).hexdigest() if data is not None else None


# -- the batch -------------------------------------------------------------------------------
class Summary:
    def __init__(self, assignment):
        self.assignment, self.graded, self.skipped, self.unreadable, self.timed_out, self.errors = assignment, 0, 0, [], [], []
        self.started = time.monotonic()

    def add(self, student, result):
        if "error" in result:
            self.errors.append((student, result["error"]))
            return
        self.graded += 1
        if result.get("unreadable"):
            self.unreadable.append(student)
        elif any(check["status"] == "timed out" for check in result["checks"]):
            self.timed_out.append(student)

    def text(self):
        seconds = time.monotonic() - self.started
        lines = [f"{self.assignment.id}: graded {self.graded} (already graded: {self.skipped}), failed to load {len(self.unreadable)}, "
                 f"timed out {len(self.timed_out)}, grader errors {len(self.errors)}, in {seconds:.1f} s"]
        lines += [f"  grader error for {student}: {error}" for student, error in self.errors]
        return "\n".join(lines)


def grade_class(course, assignment, options):
    """Grade the submissions that need it, recording each as it finishes; returns a Summary."""
    from checker.staff.grading import SourceNotebook

    source_path = course.path("source", ".", assignment.id) / assignment.notebook
    source = SourceNotebook.from_file(source_path) if source_path.is_file() else SourceNotebook()
    root = Path(course.directory.root)
    summary = Summary(assignment)
    todo = []
    for student, path in submissions(course, assignment, options.student):
        previous = stored.result_path(root, assignment.id, student)
        if not options.force and previous.is_file() and _finished(previous, path):
            summary.skipped += 1
            continue
        todo.append((student, path))
    progress = _progress(len(todo), options, summary)
    with _executor(options) as submit:
        policy = POLICY.replace(notebook_seconds=options.time_budget)
        futures = {submit(task_for(assignment, student, path, source, policy, options.unsafe)): student for student, path in todo}
        for future in _as_completed(futures):
            student = futures[future]
            result = future.result()
            if "error" not in result:  # the result file last: it marks the submission as done for a resumed run
                try:
                    course.record(assignment, student, result)
                    stored.write_result(root, assignment.id, student, result)
                except Exception as error:  # nbgrader could not take this one (its gradebook, its files): say so, go on
                    result = {"error": f"recording it failed: {type(error).__name__}: {error}"}
            summary.add(student, result)
            progress(student, result)
    write_grades_csv(root, assignment)
    return summary


def _finished(result_path, notebook):
    import json

    try:
        previous = json.loads(result_path.read_text(encoding="utf-8"))
    except ValueError:
        return False
    return previous.get("notebook_sha256") == _digest(_regular_file(notebook))


class _executor:
    """submit(task) -> future, on local worker processes or a Dask cluster."""

    def __init__(self, options):
        self.options = options

    def __enter__(self):
        if self.options.scheduler:
            from distributed import Client

            self.client = Client(self.options.scheduler)
            return lambda task: self.client.submit(grade_task, task, pure=False)
        for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(variable, "1")  # one thread per worker: the workers already use every core
        self.pool = concurrent.futures.ProcessPoolExecutor(max(1, self.options.workers), mp_context=multiprocessing.get_context("spawn"))
        return lambda task: self.pool.submit(grade_task, task)

    def __exit__(self, *exc):
        if self.options.scheduler:
            self.client.close()
        else:
            self.pool.shutdown(cancel_futures=True)


def _as_completed(futures):
    if futures and type(next(iter(futures))).__module__.startswith("distributed"):
        from distributed import as_completed

        return as_completed(list(futures))
    return concurrent.futures.as_completed(futures)


def _progress(total, options, summary):
    """A callback per finished submission: a progress bar with count, rate and ETA (tqdm), or a line each."""
    if options.no_progress or not total:
        return lambda student, result: print(f"{student}: {_points(result)}", flush=True)
    from tqdm import tqdm

    bar = tqdm(total=total, unit="submission", desc=summary.assignment.id, file=sys.stderr, smoothing=0.1)

    def advance(student, result):
        bar.update(1)
        bar.set_postfix_str(f"{student}: {_points(result)}", refresh=False)
        if bar.n == total:
            bar.close()

    return advance


def _points(result):
    return "grader error" if "error" in result else f"{result['points']:g}/{result['possible']:g}"


def write_grades_csv(root, assignment):
    """grades.csv beside the results: a row per student, the total and each check's points."""
    results = stored.read_results(root, assignment.id)
    path = stored.results_folder(root, assignment.id) / "grades.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["student", "points", "possible", *(check.name for check in assignment.checks)])
        for student, result in results.items():
            points = {check["check"]: check["points"] for check in result.get("checks", [])}
            writer.writerow([student, result["points"], result["possible"], *(points.get(check.name, 0) for check in assignment.checks)])
    return path
