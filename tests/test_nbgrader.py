"""Does the real nbgrader pipeline generate the releases and grade through the checker's grade cells?

One class is graded three ways and must get the same points: `nbgrader autograde` executing each
notebook in a kernel, `backprop-lab grade` (the sandbox, no kernel), and `nbgrader autograde` with
the one line in nbgrader_config.py that puts the sandbox in place of the kernel (assignment 01).
Kernels grade every assignment's solution, buggy and broken notebooks, and the untouched release of
the first assignment (IN_KERNELS); the sandbox grades every submission.
"""

import concurrent.futures
import hashlib
import shutil

import nbformat
import pytest

from catalogue import catalogue_of, template_fragment
from checker.course import ASSIGNMENTS
from checker.staff.grading import hidden_seeds
from conftest import REPO, venv_environment
from courses import backprop_lab, nbgrader, new_course
from notebooks import replace_in_cell

pytestmark = pytest.mark.e2e

BY_ID = {assignment.id: assignment for assignment in ASSIGNMENTS}
# One realistic bug per assignment for the "carol" submission, from the assignment's catalogue (NOTEBOOK_BUG).
BUGS = {assignment.id: catalogue_of(assignment).NOTEBOOK_BUG for assignment in ASSIGNMENTS}
SANDBOX_LINE = "from checker.staff.autograde import grade_in_sandbox; grade_in_sandbox(c)\n"
STUDENTS = ("alice", "bob", "carol", "dave")
# The untouched release is graded in a kernel for assignment 01 only: its grade cells fail the same way in every
# assignment (each function they call raises NotImplementedError), and tests/test_kernel_view.py runs every
# assignment's failing grade cells in kernels. The sandboxed copies grade it everywhere.
IN_KERNELS = {assignment.id: STUDENTS if assignment == ASSIGNMENTS[0] else ("alice", "carol", "dave") for assignment in ASSIGNMENTS}
# The nbgrader_config.py line is the same code path for every assignment: one keeps the suite short.
CONFIGURED = (ASSIGNMENTS[0].id,)


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    """The class graded by nbgrader in kernels; beside it, copies graded by backprop-lab grade and by nbgrader with the sandbox line."""
    env = venv_environment()
    course = new_course(tmp_path_factory.mktemp("pipeline"))
    hashes = {}
    for assignment in ASSIGNMENTS:
        source = course / "solutions" / assignment.id / assignment.notebook
        (grade_id, old, new), _, _ = BUGS[assignment.id]
        submissions = {
            "alice": source.read_text(),
            "bob": (course / "exercises" / assignment.id / assignment.notebook).read_text(),
            "carol": nbformat.writes(replace_in_cell(source, grade_id, old, new)),
            "dave": nbformat.writes(replace_in_cell(source, grade_id, old, new + " +")),  # a syntax error: the cell is broken
        }
        for student, text in submissions.items():
            path = course / "submitted" / student / assignment.id / assignment.notebook
            path.parent.mkdir(parents=True)
            path.write_text(text)
            hashes[path] = hashlib.sha256(path.read_bytes()).hexdigest()
    sandboxed, configured = course.parent / "sandboxed", course.parent / "configured"
    shutil.copytree(course, sandboxed)
    shutil.copytree(course, configured)
    with open(configured / "nbgrader_config.py", "a") as config:
        config.write(SANDBOX_LINE)
    # backprop-lab grade runs in processes of its own, one worker each: it grades the sandboxed copy on one core
    # while nbgrader (in this process, as nbgrader's own tests run it) executes the class in kernels on the other.
    with concurrent.futures.ThreadPoolExecutor(1) as background:
        sandbox_runs = background.submit(lambda: [backprop_lab(sandboxed, env, "grade", a.id, "--workers", "1") for a in ASSIGNMENTS])
        for assignment in ASSIGNMENTS:
            for student in IN_KERNELS[assignment.id]:
                nbgrader(course, "autograde", assignment.id, "--create", "--student", student)
            nbgrader(course, "generate_feedback", assignment.id, "--student", "carol")  # only carol's feedback is read
        for assignment_id in CONFIGURED:
            nbgrader(configured, "autograde", assignment_id, "--create")
        sandbox_runs.result()
    for assignment in ASSIGNMENTS:
        nbgrader(sandboxed, "generate_feedback", assignment.id, "--student", "carol")
    return course, hashes


def scores(course, assignment, student, way="kernel"):
    """A student's points per check in the gradebook of the class graded `way` (kernel, sandboxed or configured)."""
    from nbgrader.api import Gradebook

    course = course if way == "kernel" else course.parent / way
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(assignment.notebook.removesuffix(".ipynb"), assignment.id, student)
        return {grade.name: grade.score for grade in submission.grades}


@pytest.mark.parametrize("assignment_id", BY_ID)
def test_release_is_exactly_what_generate_assignment_produces(graded_course, assignment_id):
    course, _ = graded_course
    assignment = BY_ID[assignment_id]
    generated = (course / "exercises" / assignment.id / assignment.notebook).read_bytes()
    assert generated == (REPO / "exercises" / assignment.id / assignment.notebook).read_bytes(), (
        f"exercises/ is out of date: run `nbgrader generate_assignment {assignment.id} --force`"
    )


@pytest.mark.parametrize("assignment_id", BY_ID)
def test_solution_gets_full_marks(graded_course, assignment_id):
    course, _ = graded_course
    assignment = BY_ID[assignment_id]
    assert scores(course, assignment, "alice") == {check.name: check.points for check in assignment.checks}


@pytest.mark.parametrize("assignment_id", BY_ID)
def test_untouched_release_gets_zero_on_every_check(graded_course, assignment_id):
    course, _ = graded_course
    for way in ("kernel", "sandboxed") if "bob" in IN_KERNELS[assignment_id] else ("sandboxed",):
        assert set(scores(course, BY_ID[assignment_id], "bob", way).values()) == {0}, way


@pytest.mark.parametrize("assignment_id", BY_ID)
def test_buggy_submission_loses_the_check_and_sees_the_hint(graded_course, assignment_id):
    course, _ = graded_course
    assignment = BY_ID[assignment_id]
    _, broken_check, hint = BUGS[assignment_id]
    carol = scores(course, assignment, "carol")
    assert carol[broken_check] == 0
    assert 0 < sum(carol.values()) < assignment.points
    feedback = (course / "feedback" / "carol" / assignment.id / assignment.notebook.replace(".ipynb", ".html")).read_text()
    assert template_fragment(hint).split(":")[0] in feedback


@pytest.mark.parametrize("assignment_id, way", [(a, "sandboxed") for a in BY_ID] + [(a, "configured") for a in CONFIGURED])
def test_sandboxed_grading_gives_nbgraders_points(graded_course, assignment_id, way):
    """Solution, untouched release, a buggy and a broken notebook: the same points as nbgrader in a kernel?"""
    course, _ = graded_course
    assignment = BY_ID[assignment_id]
    for student in IN_KERNELS[assignment_id]:
        assert scores(course, assignment, student, way) == scores(course, assignment, student), student


def test_sandboxed_feedback_shows_the_checkers_message(graded_course):
    course, _ = graded_course
    for assignment_id, (_, _, hint) in BUGS.items():
        assignment = BY_ID[assignment_id]
        feedback = course.parent / "sandboxed" / "feedback" / "carol" / assignment.id / assignment.notebook.replace(".ipynb", ".html")
        assert template_fragment(hint).split(":")[0] in feedback.read_text()


def test_feedback_hands_back_no_hidden_test_and_no_hidden_seed(graded_course):
    """Feedback from the kernel and from the sandbox: no hidden test cell, none of the source notebook's hidden seeds."""
    course, _ = graded_course
    for assignment in ASSIGNMENTS:
        hidden = [seed for seeds in hidden_seeds(REPO / "solutions" / assignment.id / assignment.notebook).values() for seed in seeds]
        assert hidden, assignment.id
        for way in (course, course.parent / "sandboxed"):
            feedback = (way / "feedback" / "carol" / assignment.id / assignment.notebook.replace(".ipynb", ".html")).read_text()
            assert "HIDDEN TESTS" not in feedback and "seed=" not in feedback
            assert not [seed for seed in hidden if str(seed) in feedback], (way.name, assignment.id)


def test_isolated_checks_keep_their_points_despite_a_broken_helper(graded_course):
    """With propagate broken, are optimize and predict still graded on their own?"""
    course, _ = graded_course
    carol = scores(course, BY_ID["01_logistic_regression"], "carol")
    assert carol["sigmoid"] == 2 and carol["optimize"] == 4 and carol["predict"] == 2


def test_submissions_are_never_modified(graded_course):
    _, hashes = graded_course
    for path, digest in hashes.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
