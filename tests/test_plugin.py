"""Does `pytest checker` read like a report card, score right and behave like pytest otherwise?"""

import hashlib
import shutil

import nbformat
import pytest

from checker.course import ASSIGNMENTS, assignment_with_id
from conftest import REPO
from notebooks import replace_in_cell

pytestmark = pytest.mark.e2e  # each test runs `pytest checker` in a process of its own, as a student does

A01 = assignment_with_id("01_logistic_regression")  # the submissions below edit its notebook's cells
NOTEBOOK = f"{A01.id}/{A01.notebook}"
ALL_CHECKS = sum(len(assignment.checks) for assignment in ASSIGNMENTS)
OTHER_CHECKS = ALL_CHECKS - len(A01.checks)  # skipped when a folder holds only assignment 01


def score_line(full):
    """The score line for the whole course, all points earned or none."""
    total = sum(assignment.points for assignment in ASSIGNMENTS)
    parts = ", ".join(f"{a.id} {a.points if full else 0}/{a.points}" for a in ASSIGNMENTS)
    return f"*backprop-lab score: {total if full else 0}/{total} — {parts}*"


def run_checker(pytester, *args):
    return pytester.runpytest_subprocess(str(REPO / "checker"), "-p", "no:cacheprovider", *args)


def submission(tmp_path, notebook):
    folder = tmp_path / "submission"
    (folder / NOTEBOOK).parent.mkdir(parents=True)
    nbformat.write(notebook, str(folder / NOTEBOOK))
    return folder


def test_solutions_score_full_marks(pytester):
    result = run_checker(pytester, "--notebooks", str(REPO / "solutions"))
    result.assert_outcomes(passed=ALL_CHECKS)
    result.stdout.fnmatch_lines([score_line(full=True)])
    assert result.ret == 0


def test_untouched_release_says_not_implemented(pytester):
    result = run_checker(pytester, "--notebooks", str(REPO / "exercises"))
    result.assert_outcomes(failed=ALL_CHECKS)
    result.stdout.fnmatch_lines([
        "not implemented yet: fill in `sigmoid` in *exercises/01_logistic_regression/logistic_regression.ipynb",
        score_line(full=False),
    ])
    assert sum(line.startswith("not implemented yet: fill in `") for line in result.outlines) == ALL_CHECKS
    assert "Traceback" not in result.stdout.str()
    assert result.ret == 1


def test_default_folder_is_exercises(pytester, monkeypatch):
    monkeypatch.chdir(REPO)
    result = pytester.runpytest_subprocess("checker", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["not implemented yet: fill in `propagate` in exercises/01_logistic_regression/logistic_regression.ipynb"])


def test_buggy_submission_gets_partial_score_and_a_diagnosis(pytester, tmp_path):
    notebook = replace_in_cell(REPO / "solutions" / NOTEBOOK, "propagate_code", "dw = X @ dZ.T / m", "dw = X @ dZ.T")
    result = run_checker(pytester, "--notebooks", str(submission(tmp_path, notebook)), "-k", "propagate or sigmoid")
    elsewhere = sum("propagate" in c.name or "sigmoid" in c.name for a in ASSIGNMENTS if a is not A01 for c in a.checks)
    result.assert_outcomes(passed=1, failed=1, skipped=elsewhere)  # the folder holds only assignment 01
    result.stdout.fnmatch_lines([
        "dw is exactly m times too large: did you divide by m?",
        "*pytest checker --checker-seed 1234 -k propagate*",
        "*backprop-lab score: 2/7 — 01_logistic_regression 2/7*",
    ])


def test_checker_seed_is_used_and_printed(pytester, tmp_path):
    notebook = replace_in_cell(REPO / "solutions" / NOTEBOOK, "propagate_code", "dZ = A - Y", "dZ = Y - A")
    result = run_checker(pytester, "--notebooks", str(submission(tmp_path, notebook)), "-k", "propagate", "--checker-seed", "77")
    result.stdout.fnmatch_lines(["*dw has the wrong sign*", "*pytest checker --checker-seed 77 -k propagate*"])


def test_syntax_error_fails_only_what_needs_the_cell(pytester, tmp_path):
    notebook = replace_in_cell(REPO / "solutions" / NOTEBOOK, "predict_code", "def predict(w, b, X):", "def predict(w, b, X)")
    result = run_checker(pytester, "--notebooks", str(submission(tmp_path, notebook)))
    result.assert_outcomes(passed=5, failed=2, skipped=OTHER_CHECKS)  # predict, and model whose end-to-end run calls it
    result.stdout.fnmatch_lines(["`predict` is missing because the cell that defines it in * has a syntax error on its line 1*"])
    assert "cell 2" not in result.stdout.str() and "its cell" not in result.stdout.str()


def test_broken_notebook_is_one_clear_error(pytester, tmp_path):
    folder = tmp_path / "submission"
    (folder / NOTEBOOK).parent.mkdir(parents=True)
    (folder / NOTEBOOK).write_text('{"cells": [ oops')
    result = run_checker(pytester, "--notebooks", str(folder))
    result.stdout.fnmatch_lines(["could not read *logistic_regression.ipynb: JSONDecodeError*restore it from a checkpoint*"])
    assert result.ret != 0
    assert "Traceback" not in result.stdout.str()


def test_missing_assignment_is_skipped_with_a_reason(pytester, tmp_path):
    notebook = replace_in_cell(REPO / "solutions" / NOTEBOOK, "sigmoid_code", "", "")
    result = run_checker(pytester, "--notebooks", str(submission(tmp_path, notebook)), "-rs")
    result.assert_outcomes(passed=len(A01.checks), skipped=OTHER_CHECKS)
    result.stdout.fnmatch_lines(["*no notebook at *02_computational_graph/computational_graph.ipynb*"])
    assert result.ret == 0


def test_empty_folder_is_a_usage_error(pytester, tmp_path):
    result = run_checker(pytester, "--notebooks", str(tmp_path))
    result.stdout.fnmatch_lines(["no assignment notebooks in *: expected *01_logistic_regression/logistic_regression.ipynb"])
    assert result.ret != 0


def test_junitxml_verbose_and_exit_first_work(pytester, tmp_path):
    report = tmp_path / "report.xml"
    result = run_checker(pytester, "--notebooks", str(REPO / "exercises"), "-v", "-x", f"--junitxml={report}")
    result.stdout.fnmatch_lines(["*exercises/01_logistic_regression/logistic_regression.ipynb::data_preparation FAILED*", "*· sigmoid * 0/2  (not run)"])
    result.assert_outcomes(failed=1)
    assert 'name="points" value="2"' in report.read_text()


def test_grading_never_modifies_the_notebook(pytester, tmp_path):
    folder = tmp_path / "submission"
    shutil.copytree(REPO / "solutions", folder)
    path = folder / NOTEBOOK
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    run_checker(pytester, "--notebooks", str(folder)).assert_outcomes(passed=ALL_CHECKS)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["logistic_regression.ipynb"]


@pytest.mark.parametrize("option", ["--notebooks", "--checker-seed"])
def test_options_are_documented(pytester, option):
    result = run_checker(pytester, "--help")
    result.stdout.fnmatch_lines([f"*{option}*"])


def test_the_summary_names_each_check_by_its_notebook(pytester):
    """Do -rA's lines name a check as the student knows it, the notebook's path from where pytest ran, and does -k select?"""
    shutil.copytree(REPO / "solutions", pytester.path / "work")
    result = run_checker(pytester, "--notebooks", "work", "-rA", "-k", "propagate")
    result.stdout.fnmatch_lines(["PASSED work/01_logistic_regression/logistic_regression.ipynb::propagate"])
    result.assert_outcomes(passed=1, deselected=ALL_CHECKS - 1)
    assert "course.py" not in result.stdout.str()


def test_pytest_checker_finds_the_installed_checker_from_any_folder(pytester):
    """`pytest checker` where no folder is called checker: the installed checker grades, as the student kit's does."""
    shutil.copytree(REPO / "solutions", pytester.path / "work")
    result = pytester.runpytest_subprocess("checker", "-p", "no:cacheprovider", "--notebooks", "work", "-rA", "-k", "sigmoid")
    result.stdout.fnmatch_lines(["PASSED work/01_logistic_regression/logistic_regression.ipynb::sigmoid"])
    assert result.ret == 0


# A pytest plugin loaded with -p: the answer key of assignment 01 cannot be read, so its checks fail as grader errors.
BROKEN_ANSWER_KEY = """
from checker.checks import expectations


class Unreadable:
    def reference(self, run, name, args, kwargs):
        raise OSError("the answer key cannot be read")

    mistakes = reference


def pytest_configure(config):
    expectations.SOURCES["{package}"] = Unreadable()
"""


def test_a_grader_error_is_the_checkers_failure_on_the_report_card(pytester):
    """Does a check whose own code fails show "!" and say the checker failed, not the student's code (told by the
    failure's diagnosis id, not by its words)?"""
    pytester.makepyfile(broken_answer_key=BROKEN_ANSWER_KEY.format(package=A01.package))
    result = run_checker(pytester, "--notebooks", str(REPO / "solutions"), "-k", f"{A01.id} and propagate", "-p", "broken_answer_key")
    result.stdout.fnmatch_lines(["*the checker itself failed while grading `propagate`*", "*! propagate*0/5  (the checker failed here, not your code)"])
