"""Grade every submission of an assignment in an nbgrader course, in the sandbox, in parallel.

    backprop-lab grade ASSIGNMENT [--course DIR] [--workers N | --scheduler ADDRESS] [--force]

Reads submitted/<student>/<assignment>/<notebook>.ipynb, grades each notebook with the public and
hidden seeds (hidden ones from the source notebook's grade cells) in the sandbox, and writes, as
each one finishes: its result (backprop-lab/<assignment>/<student>.json), its grades into
nbgrader's gradebook, and its autograded notebook, so `nbgrader generate_feedback`, `nbgrader
export` and the formgrader work as after `nbgrader autograde`. At the end: a summary, and
grades.csv beside the results.

Each student's hidden seeds are their own, derived from the source's and their id
(checker.staff.grading.student_seed): `--student ID --force` repeats a student's run exactly.
Nothing is graded on a machine below the minimum protection (one line, and no result), nor while
another `backprop-lab grade` runs on the course.

An interrupted run (Ctrl-C) resumes where it stopped: a submission whose result is there, for the
same notebook, is not graded again (--force regrades everything). A worker process that dies
costs only the submission it held, which is tried once more in a fresh one. When the grader fails
on a submission (its worker lost twice, a bug in a check) that is a grader error, never points:
it is listed for staff, and the next run grades that submission again.
"""

import functools
import json
import logging
import os
import shlex
import sys
from pathlib import Path

from checker.sandbox.blas import one_blas_thread
from checker.sandbox.policy import DEFAULT as POLICY


# Imported once for every worker (they fork from the process that imported them): the checks and the grading.
WORKER_MODULES = ("checker.course", "checker.staff.grading", "checker.staff.grade_tasks")


def add_arguments(parser):
    parser.add_argument("assignment", help="the assignment's id, e.g. 01_logistic_regression")
    parser.add_argument("--course", metavar="DIR", default=".", help="the nbgrader course folder (default: here)")
    parser.add_argument("--workers", metavar="N", type=int, default=os.cpu_count(), help="submissions graded at once on this machine (default: all cores)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="grade on a Dask distributed cluster instead (e.g. tcp://10.0.0.5:8786); its workers need backprop-lab installed")
    parser.add_argument("--force", action="store_true", help="grade again the submissions that already have a result")
    parser.add_argument("--time-budget", metavar="SECONDS", type=positive_seconds, default=POLICY.notebook_seconds,
                        help=f"seconds a submission's own code may run over all its checks, loading included (default {POLICY.notebook_seconds:g})")
    parser.add_argument("--student", metavar="ID", action="append", help="grade only this student (repeatable)")
    parser.add_argument("--unsafe", action="store_true", help="grade even where the kernel cannot confine submissions (never for real grades)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar (a line per submission instead)")


def positive_seconds(text):
    """--time-budget's value: a number of seconds above 0 (a budget of 0 would fail every notebook as too slow)."""
    import argparse
    import math

    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not seconds > 0 or math.isinf(seconds):
        raise argparse.ArgumentTypeError(f"{text} seconds: the time budget must be a positive number of seconds")
    return seconds


def run(options, policy=POLICY):
    """Grade the class; `policy` bounds the sandbox (--time-budget replaces its notebook_seconds)."""
    from checker.staff.folders import assignment_named, require_course

    # The arguments and the folder first: a refusal answers before nbgrader is imported.
    assignment = assignment_named(options.assignment)
    require_course(options.course)
    from checker.staff.grade_summary import Summary
    from checker.staff.gradebook import NbgraderCourse

    summary = Summary(assignment)
    again = command_for_the_rest(options)
    policy = policy.replace(notebook_seconds=options.time_budget)
    try:
        with _workers(options, policy) as workers:
            workers.start()  # they import the checks and start their sandboxes while nbgrader is imported here
            course = NbgraderCourse(options.course)
            try:
                course.require(assignment.id)
                grade_class(course, assignment, options, summary, policy, workers)
            finally:
                course.close()
    except KeyboardInterrupt:  # the workers are stopped and what was graded is recorded: say what to run next
        raise KeyboardInterrupt(f"interrupted after grading {summary.graded} (each one recorded): `{again}` grades the rest") from None
    print(summary.text(again))
    return 0 if not summary.errors else 1


def command_for_the_rest(options):
    """The command that grades what this run leaves: the same one, without --force."""
    argv = getattr(options, "argv", None) or ["grade", options.assignment]
    return shlex.join(["backprop-lab", *(argument for argument in argv if argument != "--force")])


def grade_class(course, assignment, options, summary, policy, workers):
    """Grade the submissions that need it on `workers`, recording each as it finishes, then write grades.csv.

    A worker on a machine below the minimum protection refuses before grading anything: the run then
    stops with that one line, before any result is recorded.
    """
    from checker.staff import results as stored
    from checker.staff.grade_summary import write_grades_csv
    from checker.staff.grade_tasks import task_for
    from checker.staff.grading_lock import grading_lock

    root = Path(course.directory.root)
    todo = to_grade(course, assignment, options, summary)
    # From here on this run writes (no other may write the same course meanwhile), and what the checker logs here, in
    # this process (a result nbgrader did not take, a task the cluster lost), goes to the grading log.
    with grading_lock(root), stored.logging_to(stored.log_handler(course=root, assignment_id=assignment.id)):
        source = course.source(assignment)
        tasks = (task_for(assignment, student, path, source, policy, options.unsafe) for student, path in todo)
        progress = _Progress(len(todo), options.no_progress, assignment.id)
        try:
            for task, result in workers.results(tasks):
                if "refused" in result:
                    raise SystemExit(result["refused"])
                if result.get("log"):
                    stored.append_log(root, assignment.id, task["student"], result.pop("log"))
                result = record_result(course, root, assignment, task["student"], result)
                summary.add(task["student"], result)
                progress.advance(task["student"], result)
            summary.retried = workers.retried
        finally:
            progress.close()
        write_grades_csv(root, assignment)


def to_grade(course, assignment, options, summary):
    """[(student, notebook)] of the submissions without a final result (all of them with --force); refuses when there are none."""
    from checker.staff import results as stored
    from checker.staff.grade_tasks import submissions

    found = submissions(course, assignment, options.student)
    if not found:
        who = f" by {', '.join(options.student)}" if options.student else ""
        raise SystemExit(f"no submissions of {assignment.id}{who} in {course.path('submitted', '*', assignment.id)}: collect them first")
    todo = [(student, path) for student, path in found
            if options.force or not _final(stored.result_path(course.directory.root, assignment.id, student), path)]
    summary.skipped = len(found) - len(todo)
    return todo


def _final(result_path, notebook):
    """A stored result that stands: for the same notebook, and with no grader error in it."""
    from checker.staff.grade_tasks import digest, regular_file
    from checker.staff.results import grader_errors

    try:
        previous = json.loads(result_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return not grader_errors(previous) and previous.get("notebook_sha256") == digest(regular_file(notebook))


def record_result(course, root, assignment, student, result):
    """Record one result in nbgrader (unless the grader failed on it) and in its result file; returns what was recorded."""
    from checker.staff import results as stored

    if "error" not in result:
        try:
            course.record(assignment, student, result)
        except Exception as error:  # nbgrader could not take this one (its gradebook, its files): say so, go on
            logging.getLogger(__name__).error("recording %s's result in nbgrader failed", student, exc_info=error)
            kept = {key: result[key] for key in ("assignment", "notebook", "notebook_sha256") if key in result}
            result = {**kept, "error": f"recording it failed: {type(error).__name__}: {error}"}
    stored.write_result(root, assignment.id, student, result)  # last: a final result marks the submission done for a resumed run
    return result


def _workers(options, policy):
    """Where the work runs: LocalWorkers, or DaskWorkers with --scheduler (the same interface)."""
    from checker.staff.grade_tasks import grade_task, grader_error, warm_up

    if options.scheduler:
        from checker.staff.cluster import DaskWorkers

        return DaskWorkers(options.scheduler, grade_task, grader_error)
    from checker.staff.workers import LocalWorkers

    one_blas_thread(unless_set=True)  # one thread per worker: the workers already use every core
    return LocalWorkers(options.workers, grade_task, grader_error, warm=functools.partial(warm_up, policy.as_data(), options.unsafe),
                        preload=WORKER_MODULES)


class _Progress:
    """A progress bar with count, rate and time left (tqdm), or a line per submission."""

    def __init__(self, total, lines, title):
        self.bar = None
        if total and not lines:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="submission", desc=title, file=sys.stderr, smoothing=0.1)

    def advance(self, student, result):
        from checker.staff.grade_summary import points_text

        if self.bar is None:
            print(f"{student}: {points_text(result)}", flush=True)
            return
        self.bar.set_postfix_str(f"{student}: {points_text(result)}", refresh=False)
        self.bar.update(1)

    def close(self):
        if self.bar is not None:
            self.bar.close()
