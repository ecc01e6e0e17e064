"""Does the real nbgrader pipeline generate the release and grade through the checker's grade cells?"""

import hashlib
import shutil
import subprocess
import sys

import nbformat
import pytest

from conftest import REPO, venv_environment
from notebooks import replace_in_cell

ASSIGNMENT = "01_logistic_regression"
NOTEBOOK = "logistic_regression.ipynb"


def nbgrader(course, env, *args):
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def new_course(tmp_path, env):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course)
    shutil.copytree(REPO / "solutions", course / "solutions")
    nbgrader(course, env, "generate_assignment", ASSIGNMENT)
    return course


def test_release_is_exactly_what_generate_assignment_produces(tmp_path, venv_env):
    course = new_course(tmp_path, venv_env)
    generated = (course / "exercises" / ASSIGNMENT / NOTEBOOK).read_bytes()
    assert generated == (REPO / "exercises" / ASSIGNMENT / NOTEBOOK).read_bytes(), (
        "exercises/ is out of date: run `nbgrader generate_assignment 01_logistic_regression --force`"
    )


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    env = venv_environment()
    course = new_course(tmp_path_factory.mktemp("pipeline"), env)
    buggy = replace_in_cell(course / "solutions" / ASSIGNMENT / NOTEBOOK, "propagate_code", "dw = X @ dZ.T / m", "dw = X @ dZ.T")
    submissions = {
        "alice": (course / "solutions" / ASSIGNMENT / NOTEBOOK).read_text(),
        "bob": (course / "exercises" / ASSIGNMENT / NOTEBOOK).read_text(),
        "carol": nbformat.writes(buggy),
    }
    hashes = {}
    for student, text in submissions.items():
        path = course / "submitted" / student / ASSIGNMENT / NOTEBOOK
        path.parent.mkdir(parents=True)
        path.write_text(text)
        hashes[student] = hashlib.sha256(path.read_bytes()).hexdigest()
    nbgrader(course, env, "autograde", ASSIGNMENT, "--create")
    nbgrader(course, env, "generate_feedback", ASSIGNMENT)
    return course, hashes


def scores(course, student):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(NOTEBOOK.removesuffix(".ipynb"), ASSIGNMENT, student)
        return {grade.name: grade.score for grade in submission.grades}


def test_solution_gets_full_marks(graded_course):
    course, _ = graded_course
    from checker.logistic_regression import ASSIGNMENT as REGISTRY

    assert scores(course, "alice") == {check.name: check.points for check in REGISTRY.checks}


def test_untouched_release_gets_zero_on_every_check(graded_course):
    course, _ = graded_course
    assert set(scores(course, "bob").values()) == {0}


def test_buggy_submission_loses_only_what_is_wrong_and_sees_the_hint(graded_course):
    course, _ = graded_course
    carol = scores(course, "carol")
    assert carol["propagate"] == 0
    assert carol["sigmoid"] == 2 and carol["optimize"] == 4 and carol["predict"] == 2
    feedback = (course / "feedback" / "carol" / ASSIGNMENT / NOTEBOOK.replace(".ipynb", ".html")).read_text()
    assert "dw is exactly m times too large: did you divide by m?" in feedback


def test_submissions_are_never_modified(graded_course):
    course, hashes = graded_course
    for student, digest in hashes.items():
        assert hashlib.sha256((course / "submitted" / student / ASSIGNMENT / NOTEBOOK).read_bytes()).hexdigest() == digest
