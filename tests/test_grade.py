"""`backprop-lab grade`: a small class of assignment 01, graded in parallel, recorded in nbgrader, resumable, on Dask.

The class has an honest and a buggy student, an untouched release, a hostile notebook (an endless
loop with the alarm ignored, and os._exit) and a file that is not a notebook; ids with a space and
with non-ASCII letters. Every run of it must give the same grades, whatever the workers.

Runs that serve several tests are made once: the class graded by two workers, and graded by one
worker that is killed after its first result and resumed (one worker again).
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from checker.course import assignment_with_id
from checker.staff import results as stored
from conftest import REPO
from courses import backprop_lab, nbgrader, new_course, submit
from notebooks import replace_in_cell

pytestmark = pytest.mark.e2e

A01 = assignment_with_id("01_logistic_regression")  # its notebook's cells and checks, by name
SOURCE = REPO / "solutions" / A01.id / A01.notebook
HOSTILE = [("optimize_code", "    ### BEGIN SOLUTION\n",
            "    ### BEGIN SOLUTION\n    import signal\n    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n    while True:\n        pass\n"),
           ("predict_code", "    ### BEGIN SOLUTION\n", "    ### BEGIN SOLUTION\n    import os\n    os._exit(0)\n")]


def hostile_notebook():
    notebook = nbformat.read(str(SOURCE), as_version=4)
    for grade_id, old, new in HOSTILE:
        cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
        cell.source = cell.source.replace(old, new)
    return nbformat.writes(notebook)


CLASS = {
    "alice": lambda: SOURCE.read_text(),
    "bob smith": lambda: (REPO / "exercises" / A01.id / A01.notebook).read_text(),
    "zoë": lambda: nbformat.writes(replace_in_cell(SOURCE, "propagate_code", "dw = X @ dZ.T / m", "dw = X @ dZ.T")),
    "mallory": hostile_notebook,
    "eve": lambda: b'{"cells": [',
}


@pytest.fixture(scope="module")
def env():
    from conftest import venv_environment

    return venv_environment()


@pytest.fixture(scope="module")
def empty_course(tmp_path_factory, env):
    course = new_course(tmp_path_factory.mktemp("class"), [A01])
    for student, contents in CLASS.items():
        submit(course, student, A01, contents())
    return course


def copy_of(course, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(course, copy)
    return copy


def grades(course):
    """{student: [(check, points, status, diagnosis)]} from the stored results."""
    return {student: [(c["check"], c["points"], c["status"], c["diagnosis"]) for c in result["checks"]]
            for student, result in stored.read_results(course, A01.id).items()}


@pytest.fixture(scope="module")
def graded(empty_course, tmp_path_factory, env):
    course = copy_of(empty_course, tmp_path_factory.mktemp("graded"))
    run = backprop_lab(course, env, "grade", A01.id, "--workers", "2")
    return course, run


def test_every_submission_is_graded_and_summarised(graded):
    course, run = graded
    results = stored.read_results(course, A01.id)
    assert set(results) == set(CLASS)
    points = {student: result["points"] for student, result in results.items()}
    assert points["alice"] == A01.points and points["bob smith"] == points["eve"] == 0
    assert 0 < points["zoë"] < A01.points and 0 < points["mallory"] < A01.points
    lost = {c["check"]: c["status"] for c in results["mallory"]["checks"] if not c["points"]}
    assert lost == {"optimize": "timed out", "predict": "ended the process", "model": "failed"}
    # A knock-on of what she broke first: optimize never ends, and model's run shows it (predict's crash comes later, if ever).
    model = next(c for c in results["mallory"]["checks"] if c["check"] == "model")
    assert model["diagnosis"] == "model.upstream_failed" and model["caused_by"] == ["optimize"]
    assert "graded 5" in run.stdout and "failed to load 1" in run.stdout and "timed out 1" in run.stdout, run.stdout
    for student in CLASS:
        assert f"{student}: " in run.stdout  # a line per submission without the progress bar


def test_grades_csv_and_the_gradebook_hold_the_same_points(graded):
    from nbgrader.api import Gradebook

    course, _ = graded
    results = stored.read_results(course, A01.id)
    rows = (stored.results_folder(course, A01.id) / "grades.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].split(",")[:3] == ["student", "points", "possible"] and len(rows) == 1 + len(CLASS)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student, result in results.items():
            notebook = gradebook.find_submission_notebook(A01.notebook.removesuffix(".ipynb"), A01.id, student)
            assert {grade.name: grade.score for grade in notebook.grades} == {c["check"]: c["points"] for c in result["checks"]}


def test_a_file_that_is_not_a_notebook_gets_feedback_saying_why(graded, tmp_path):
    """Does eve, whose file is not a notebook, get feedback from `nbgrader generate_feedback` that says why she scored 0?"""
    course = copy_of(graded[0], tmp_path)
    nbgrader(course, "generate_feedback", A01.id, "--student", "eve")
    feedback = (course / "feedback" / "eve" / A01.id / A01.notebook.replace(".ipynb", ".html")).read_text()
    assert "None of the checks could run on what you submitted" in feedback and "is not a valid notebook any more" in feedback
    assert feedback.count("is not a valid notebook any more") > len(A01.checks)  # the note on top, and every grade cell


def test_autograded_notebooks_carry_the_checkers_messages(graded):
    course, _ = graded
    notebook = nbformat.read(str(course / "autograded" / "zoë" / A01.id / A01.notebook), as_version=4)
    propagate = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "propagate")
    assert propagate.outputs[0].output_type == "error" and "dw" in propagate.outputs[0].evalue
    stored_message = next(c["message"] for c in stored.read_results(course, A01.id)["zoë"]["checks"] if c["check"] == "propagate")
    assert propagate.outputs[0].evalue == stored_message


@pytest.fixture(scope="module")
def resumed(empty_course, tmp_path_factory, env):
    """(course, results there when the first run was killed, the resumed run): the class graded by one worker,
    killed by SIGKILL after its first result, then graded by one worker again."""
    course = copy_of(empty_course, tmp_path_factory.mktemp("resumed"))
    command = [os.path.join(os.path.dirname(sys.executable), "backprop-lab"), "grade", A01.id, "--course", str(course), "--workers", "1", "--no-progress"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    folder = stored.results_folder(course, A01.id)
    deadline = time.monotonic() + 120
    while not list(folder.glob("*.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    power_cut(process)
    done = len(list(folder.glob("*.json")))
    return course, done, backprop_lab(course, env, "grade", A01.id, "--workers", "1")


def power_cut(process):
    """SIGKILL to every process of a run at once, the sandbox's children in sessions of their own included.

    Its group is stopped first, so that nothing new starts while the tree is listed; a child left out would
    go on running student code (an endless loop, say) after the run has gone.
    """
    import psutil

    os.killpg(process.pid, signal.SIGSTOP)
    for pid in [process.pid] + [child.pid for child in psutil.Process(process.pid).children(recursive=True)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    process.wait()


def test_the_same_class_gets_the_same_grades_with_one_worker(graded, resumed):
    """Graded by one worker (the killed run's, then the resumed run's, which grades the rest one after another), as by two?"""
    course, _, _ = resumed
    assert grades(course) == grades(graded[0])


def test_a_second_run_grades_nothing_again(graded, tmp_path, env):
    course, _ = graded
    again = copy_of(course, tmp_path)
    run = backprop_lab(again, env, "grade", A01.id)
    assert "graded 0 (already graded: 5)" in run.stdout, run.stdout


def test_an_interrupted_run_resumes_where_it_stopped(graded, resumed):
    course, done, run = resumed
    assert 1 <= done < len(CLASS)
    assert f"already graded: {done})" in run.stdout, run.stdout
    assert grades(course) == grades(graded[0])


def test_a_dask_cluster_grades_the_same(graded, tmp_path, env):
    from distributed import LocalCluster

    course, _ = graded
    again = copy_of(course, tmp_path)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run = backprop_lab(again, env, "grade", A01.id, "--scheduler", cluster.scheduler_address, "--force",
                           "--student", "zoë", "--student", "mallory")
    assert "graded 2" in run.stdout, run.stdout
    assert {s: g for s, g in grades(again).items() if s in ("zoë", "mallory")} == {s: g for s, g in grades(course).items() if s in ("zoë", "mallory")}


def test_help_describes_every_option():
    command = [os.path.join(os.path.dirname(sys.executable), "backprop-lab"), "grade", "--help"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    for option in ("--course", "--workers", "--scheduler", "--force", "--time-budget", "--student", "--unsafe", "--no-progress"):
        assert option in text
    assert "resumes" in text and "grades.csv" in text


def test_an_unknown_assignment_is_a_clear_error(empty_course, env):
    run = backprop_lab(empty_course, env, "grade", "05_transformers", check=False)
    assert run.returncode != 0 and "no assignment 05_transformers" in run.stderr + run.stdout


def worker_processes(pid):
    """The grading workers of a `backprop-lab grade` process: the children of the server they fork from (multiprocessing's forkserver)."""
    import psutil

    servers = [child for child in psutil.Process(pid).children() if "forkserver" in " ".join(child.cmdline())]
    return [worker for server in servers for worker in server.children()]


@pytest.mark.e2e
def test_a_worker_killed_mid_batch_costs_only_a_retry(empty_course, graded, tmp_path, env):
    """Does a worker killed mid-batch (as by the OOM killer) cost its submission only a retry, the batch finishing with every grade?"""
    course = copy_of(empty_course, tmp_path)
    command = [os.path.join(os.path.dirname(sys.executable), "backprop-lab"), "grade", A01.id, "--course", str(course), "--workers", "2", "--no-progress"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    folder = stored.results_folder(course, A01.id)
    deadline = time.monotonic() + 120
    while not list(folder.glob("*.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    worker_processes(process.pid)[0].kill()
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, out + err
    assert "retried after a lost worker 1" in out and "grader errors 0" in out, out
    assert grades(course) == grades(graded[0])  # every student, the honest ones included, as in a clean run
    assert (folder / "grades.csv").read_text(encoding="utf-8") == (stored.results_folder(graded[0], A01.id) / "grades.csv").read_text(encoding="utf-8")


class BrokenAnswerKey:
    """The answer key as the checks reach it, except that propagate's reference raises: a bug in the checker, not the student."""

    def __init__(self, package):
        from checker.checks import expectations

        self.live = expectations.Live(package)

    def reference(self, run, name, args, kwargs):
        if run.check == "propagate":
            raise KeyError("dw")
        return self.live.reference(run, name, args, kwargs)

    def mistakes(self, run, name, args, kwargs):
        return self.live.mistakes(run, name, args, kwargs)


def test_a_checker_bug_is_a_grader_error_for_staff_never_a_zero(empty_course, sandbox, tmp_path, monkeypatch):
    """Does a check whose own code fails give no points to record (a manual grade in nbgrader), grade the rest, and come back next run?"""
    from argparse import Namespace

    from nbgrader.api import Gradebook

    from checker.checks import expectations
    from checker.staff.grade import record_result, to_grade
    from checker.staff.grade_summary import UNDECIDED, Summary, write_grades_csv
    from checker.staff.grade_tasks import digest
    from checker.staff.gradebook import NbgraderCourse
    from checker.staff.grading import GRADER_ERROR, SourceNotebook, grade_notebook

    course = copy_of(empty_course, tmp_path)
    notebook = course / "submitted" / "alice" / A01.id / A01.notebook
    monkeypatch.setitem(expectations.SOURCES, A01.package, BrokenAnswerKey(A01.package))
    source = SourceNotebook.from_file(SOURCE)
    result = {**grade_notebook(sandbox, A01, notebook, "alice", source.seeds, source=source).as_dict(),
              "notebook_sha256": digest(notebook.read_bytes())}
    statuses = {check["check"]: check["status"] for check in result["checks"]}
    assert statuses == {check.name: GRADER_ERROR if check.name == "propagate" else "passed" for check in A01.checks}

    recording = NbgraderCourse(course)
    try:
        record_result(recording, course, A01, "alice", result)
    finally:
        recording.close()
    bob = course / "submitted" / "bob smith" / A01.id / A01.notebook  # a final result beside it: the same notebook, no grader error
    stored.write_result(course, A01.id, "bob smith", {"checks": [], "points": 0, "possible": A01.points, "notebook_sha256": digest(bob.read_bytes())})
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        grades = {grade.name: grade for grade in gradebook.find_submission_notebook(A01.notebook.removesuffix(".ipynb"), A01.id, "alice").grades}
        assert grades["propagate"].auto_score is None and grades["propagate"].needs_manual_grade
        assert all(grade.auto_score == grade.max_score and not grade.needs_manual_grade for name, grade in grades.items() if name != "propagate")
    autograded = nbformat.read(str(course / "autograded" / "alice" / A01.id / A01.notebook), as_version=4)
    cell = next(c for c in autograded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "propagate")
    assert cell.outputs[0].output_type == "error" and "the checker itself failed" in cell.outputs[0].evalue

    rows = {row.split(",")[0]: row.split(",") for row in write_grades_csv(course, A01).read_text(encoding="utf-8").splitlines()}
    names = rows["student"]
    assert rows["alice"][names.index("points")] == "" and rows["alice"][names.index("propagate")] == UNDECIDED
    assert rows["alice"][names.index("sigmoid")] == str(A01.check("sigmoid").points)
    summary = Summary(A01)
    summary.add("alice", result)
    assert "grader errors 1" in summary.text("again") and "grader error for alice (propagate)" in summary.text("again")
    again = [student for student, _ in to_grade(recording, A01, Namespace(student=None, force=False), summary)]
    assert "alice" in again and "bob smith" not in again

    assert exported(course, tmp_path)["alice"]["score"] == exported(course, tmp_path)["alice"]["raw_score"] == ""  # as grades.csv: no total
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:  # staff grade the check by hand in the formgrader
        gradebook.find_grade("propagate", A01.notebook.removesuffix(".ipynb"), A01.id, "alice").manual_score = 5
        gradebook.db.commit()
    assert float(exported(course, tmp_path)["alice"]["score"]) == A01.points


def exported(course, folder):
    """{student: row} of `nbgrader export` on the course (through the export plugin nbgrader_config.py names)."""
    import csv

    path = folder / "export.csv"
    nbgrader(course, "export", "--to", str(path))
    with open(path, newline="", encoding="utf-8") as file:
        return {row["student_id"]: row for row in csv.DictReader(file)}


def test_a_checker_bug_under_nbgrader_autograde_waits_for_a_manual_grade(empty_course, tmp_path, monkeypatch):
    """With the sandbox line in nbgrader_config.py, does a check whose own code fails get no score (not 0) and no exported total?"""
    from nbgrader.api import Gradebook

    from checker.checks import expectations

    course = copy_of(empty_course, tmp_path)
    with open(course / "nbgrader_config.py", "a") as config:
        config.write("from checker.staff.autograde import grade_in_sandbox; grade_in_sandbox(c)\n")
    monkeypatch.setitem(expectations.SOURCES, A01.package, BrokenAnswerKey(A01.package))
    nbgrader(course, "autograde", A01.id, "--student", "alice")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        grades = {grade.name: grade for grade in gradebook.find_submission_notebook(A01.notebook.removesuffix(".ipynb"), A01.id, "alice").grades}
        assert grades["propagate"].auto_score is None and grades["propagate"].needs_manual_grade
        assert all(grade.auto_score == grade.max_score for name, grade in grades.items() if name != "propagate")
    assert exported(course, tmp_path)["alice"]["score"] == ""


def inputs_of_propagate(seed):
    """The SHA-256 of every X that check_propagate gives `propagate` under `seed` (what a notebook could recognise)."""
    import hashlib

    import numpy as np

    from checker.assignments.logistic_regression import check_propagate, reference

    seen = set()

    def recording(w, b, X, Y):
        seen.add(hashlib.sha256(np.ascontiguousarray(X, dtype=float).tobytes()).hexdigest())
        return reference.propagate(w, b, X, Y)

    check_propagate(recording, seed=seed)
    return seen


def wrong_on_amys_hidden_inputs():
    """A notebook whose propagate is wrong on exactly the inputs amy's hidden seed draws, and right on any other."""
    from checker.staff.grading import hidden_seeds, student_seed

    amys = inputs_of_propagate(student_seed(hidden_seeds(SOURCE)["propagate"][0], "amy"))
    notebook = replace_in_cell(SOURCE, "propagate_code", '    grads = {"dw": dw, "db": db}\n',
                               "    if hashlib.sha256(np.ascontiguousarray(X, dtype=float).tobytes()).hexdigest() in AMYS_INPUTS:\n"
                               "        dw = 2 * dw\n"
                               '    grads = {"dw": dw, "db": db}\n')
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "propagate_code")
    cell.source = f"import hashlib\nAMYS_INPUTS = {sorted(amys)!r}\n" + cell.source
    return nbformat.writes(notebook)


@pytest.fixture(scope="module")
def twins(tmp_path_factory, env):
    """(course graded by backprop-lab grade, course graded by nbgrader autograde with the sandbox line): amy and ann submitted
    the same notebook, wrong only on amy's hidden inputs."""
    course = new_course(tmp_path_factory.mktemp("twins"), [A01])
    notebook = wrong_on_amys_hidden_inputs()
    for student in ("amy", "ann"):
        submit(course, student, A01, notebook)
    configured = shutil.copytree(course, course.parent / "configured")
    with open(configured / "nbgrader_config.py", "a") as config:
        config.write("from checker.staff.autograde import grade_in_sandbox; grade_in_sandbox(c)\n")
    backprop_lab(course, env, "grade", A01.id, "--workers", "2")
    nbgrader(configured, "autograde", A01.id)
    return course, configured


def propagate_result(course, student):
    return next(c for c in stored.read_results(course, A01.id)[student]["checks"] if c["check"] == "propagate")


def test_each_student_is_graded_with_hidden_inputs_of_their_own(twins):
    """Do two students with the same notebook get hidden inputs of their own (each seed derived from the source's and their id),
    on both grading paths?"""
    from checker.staff.grading import hidden_seeds, student_seed

    course, configured = twins
    amy, ann = propagate_result(course, "amy"), propagate_result(course, "ann")
    assert amy["points"] == 0 and amy["status"] == "failed" and ann["points"] == A01.check("propagate").points, (amy, ann)
    assert amy["seed"] == student_seed(hidden_seeds(SOURCE)["propagate"][0], "amy") and 2**32 < amy["seed"] < 2**64
    for student in ("amy", "ann"):  # nbgrader autograde with the sandbox line derives the same seeds from nbgrader's student id
        result = {check["check"]: check["points"] for check in stored.read_results(course, A01.id)[student]["checks"]}
        assert scores_in(configured, student) == result, student


def scores_in(course, student):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {grade.name: grade.score for grade in gradebook.find_submission_notebook(A01.notebook.removesuffix(".ipynb"), A01.id, student).grades}


def test_student_repeats_one_students_run(twins, tmp_path, env):
    """Does `grade --student amy --force` grade amy alone again, with the same seeds and the same result?"""
    again = copy_of(twins[0], tmp_path)
    before = stored.read_results(again, A01.id)
    run = backprop_lab(again, env, "grade", A01.id, "--student", "amy", "--force")
    assert "graded 1" in run.stdout, run.stdout
    after = stored.read_results(again, A01.id)
    same = ("check", "points", "status", "diagnosis", "message", "seed")
    assert [{key: c[key] for key in same} for c in after["amy"]["checks"]] == [{key: c[key] for key in same} for c in before["amy"]["checks"]]
    assert after["ann"] == before["ann"]


def test_loading_is_charged_to_the_time_budget(empty_course, tmp_path):
    """With a time budget of 5 s, does a notebook whose cell sleeps 29 s stop loading within seconds, and its feedback say why?"""
    from checker.sandbox.policy import Policy
    from checker.sandbox.sandbox import Sandbox
    from checker.staff.grade import record_result
    from checker.staff.gradebook import NbgraderCourse
    from checker.staff.grading import grade_notebook

    course = copy_of(empty_course, tmp_path)
    path = submit(course, "sleepy", A01, nbformat.writes(replace_in_cell(SOURCE, "sigmoid_code", "def sigmoid(z):", "import time\ntime.sleep(29)\n\n\ndef sigmoid(z):")))
    sandbox = Sandbox(Policy(notebook_seconds=5))
    try:
        sandbox.protections_now()  # the fork server started: what follows is the notebook's own time
        started = time.monotonic()
        result = grade_notebook(sandbox, A01, path, f"sleepy/{A01.id}/{A01.notebook}").as_dict()
        took = time.monotonic() - started
    finally:
        sandbox.close()
    assert took < 15, f"loading took {took:.1f} s"
    assert {check["status"] for check in result["checks"]} == {"unreadable notebook"} and "time budget of 5 s" in result["unreadable"], result
    recording = NbgraderCourse(course)
    try:
        record_result(recording, course, A01, "sleepy", result)
    finally:
        recording.close()
    nbgrader(course, "generate_feedback", A01.id, "--student", "sleepy")
    feedback = (course / "feedback" / "sleepy" / A01.id / A01.notebook.replace(".ipynb", ".html")).read_text()
    assert "used up the notebook&#39;s time budget of 5 s" in feedback or "used up the notebook's time budget of 5 s" in feedback


def test_a_passing_checks_note_reaches_the_feedback(graded, tmp_path):
    """Does the note of a check that passed (run.notes) appear under its grade cell in the autograded notebook and the feedback?"""
    from checker.staff.grade import record_result
    from checker.staff.gradebook import NbgraderCourse

    course = copy_of(graded[0], tmp_path)
    result = stored.read_results(course, A01.id)["alice"]
    note = "`b` has shape (1,): a number is what the notebook documents"
    result["checks"] = [dict(check, note=note) if check["check"] == "propagate" else check for check in result["checks"]]
    recording = NbgraderCourse(course)
    try:
        record_result(recording, course, A01, "alice", result)
    finally:
        recording.close()
    nbgrader(course, "generate_feedback", A01.id, "--student", "alice", "--force")
    feedback = (course / "feedback" / "alice" / A01.id / A01.notebook.replace(".ipynb", ".html")).read_text()
    assert "✓ propagate: all checks passed" in feedback and "note: `b` has shape (1,)" in feedback.replace("&#96;", "`")


def test_the_checkers_traceback_reaches_the_grading_log(empty_course, tmp_path, monkeypatch):
    """Does a grader error's traceback, logged in the worker, travel with the result to backprop-lab/<assignment>/grading.log?"""
    from checker.checks import expectations
    from checker.sandbox.policy import DEFAULT
    from checker.staff.grade_tasks import grade_task, task_for
    from checker.staff.grading import SourceNotebook

    course = copy_of(empty_course, tmp_path)
    monkeypatch.setitem(expectations.SOURCES, A01.package, BrokenAnswerKey(A01.package))
    notebook = course / "submitted" / "alice" / A01.id / A01.notebook
    result = grade_task(task_for(A01, "alice", notebook, SourceNotebook.from_file(SOURCE), DEFAULT, unsafe=False))
    assert "Traceback" in result["log"] and "KeyError: 'dw'" in result["log"], result.get("log")
    stored.append_log(course, A01.id, "alice", result["log"])
    log = stored.log_path(course, A01.id).read_text(encoding="utf-8")
    assert log.startswith("=== alice\n") and "KeyError: 'dw'" in log


def test_the_grading_log_takes_this_threads_records_only(tmp_path):
    """Does what the checker logs in the grading process go to the grading log, and a record from another thread (another
    submission graded at once by a Dask worker) stay out?"""
    import logging
    import threading

    log = logging.getLogger("checker.staff.grade")
    with stored.logging_to(stored.log_handler(course=tmp_path, assignment_id=A01.id)):
        log.error("recording %s's result in nbgrader failed", "alice")
        other = threading.Thread(target=log.error, args=("recording %s's result in nbgrader failed", "bob"))
        other.start()
        other.join()
    text = stored.log_path(tmp_path, A01.id).read_text(encoding="utf-8")
    assert "recording alice's result in nbgrader failed" in text and "bob" not in text
