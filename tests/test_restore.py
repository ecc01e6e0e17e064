"""Is every kind of tampering with nbgrader's cells undone before grading, so a student is graded on their solution cells alone?

The quick tests restore each tampered notebook against its source and compare what would run and be
graded with the honest notebook. The e2e test grades one class of tampered notebooks of assignment 01
with `backprop-lab grade` and with `nbgrader autograde` through the line in nbgrader_config.py: every
submission must be recorded, with the points of its honest twin.
"""

import copy
import json
import shutil

import nbformat
import pytest

from checker.checks.notebook import cells_to_run
from checker.course import ASSIGNMENTS, assignment_with_id
from checker.staff import results as stored
from checker.staff.report_data import class_report
from checker.staff.restore import RESTORED, described, restored, source_cells_in_notebook
from conftest import REPO
from courses import backprop_lab, nbgrader, new_course, submit
from notebooks import TAMPERING, replace_in_cell

A01 = assignment_with_id("01_logistic_regression")  # its notebook's cells and checks, by name


def source_of(assignment):
    return source_cells_in_notebook(json.loads((REPO / "solutions" / assignment.id / assignment.notebook).read_text())["cells"])


def solution(assignment):
    return nbformat.read(str(REPO / "solutions" / assignment.id / assignment.notebook), as_version=4)


def graded_view(cells):
    """What grading sees of a notebook: the cells that run (text, run whole or not) and the grade cells' metadata and text."""
    plain = json.loads(json.dumps(cells))
    runs = [(cell["source"], cell["whole"]) for cell in cells_to_run(plain)]
    graded = {cell["metadata"]["nbgrader"]["grade_id"]: (cell["metadata"]["nbgrader"], "".join(cell["source"]))
              for cell in plain if cell.get("metadata", {}).get("nbgrader", {}).get("grade")}
    return runs, graded


@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda a: a.id)
@pytest.mark.parametrize("folder", ["solutions", "exercises"])
def test_an_honest_notebook_is_left_as_it_is(assignment, folder):
    """Does restoring change nothing in the release or the solution, and report nothing?"""
    cells = json.loads((REPO / folder / assignment.id / assignment.notebook).read_text())["cells"]
    after, changes = restored(copy.deepcopy(cells), source_of(assignment))
    assert changes == [] and described(changes) is None
    assert graded_view(after)[0] == graded_view(cells)[0]


@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda a: a.id)
@pytest.mark.parametrize("tampering", TAMPERING)
def test_tampering_is_undone(assignment, tampering):
    """Does each kind of tampering leave the same cells to run and the same grade cells as the honest notebook, valid for nbgrader?"""
    from nbgrader.nbgraderformat import MetadataValidator

    check = max(assignment.checks, key=lambda check: check.points).name
    honest, tampered = solution(assignment), solution(assignment)
    TAMPERING[tampering](tampered, check)
    source = source_of(assignment)
    honest_cells, _ = restored(honest.cells, source)
    tampered_cells, changes = restored(tampered.cells, source)
    assert graded_view(tampered_cells) == graded_view(honest_cells)
    MetadataValidator().validate_nb(nbformat.from_dict({**tampered, "cells": tampered_cells}))  # nbgrader's CheckCellMetadata passes
    assert described(changes).startswith(RESTORED), changes
    assert ("bonus" if tampering == "a bonus grade cell" else check) in described(changes), changes


def test_a_grade_cell_that_was_not_in_the_source_never_runs():
    """Is a bonus grade cell kept for staff to see, as a raw cell that is neither run nor graded?"""
    tampered = solution(A01)
    TAMPERING["a bonus grade cell"](tampered, "sigmoid")
    cells, changes = restored(tampered.cells, source_of(A01))
    assert cells[-1]["cell_type"] == "raw" and "nbgrader" not in cells[-1]["metadata"] and "bonus" in cells[-1]["source"]
    assert changes == ["`bonus`: not in the source, ignored"]


def test_a_deleted_grade_cell_comes_back_after_the_cell_before_it():
    """Does a grade cell the student deleted come back where the source has it, with a cell id of its own?"""
    tampered = solution(A01)
    del tampered.cells[next(i for i, cell in enumerate(tampered.cells) if cell.metadata.get("nbgrader", {}).get("grade_id") == "propagate")]
    cells, changes = restored(tampered.cells, source_of(A01))
    ids = [cell["metadata"].get("nbgrader", {}).get("grade_id") for cell in cells]
    back = ids.index("propagate")
    assert ids[back - 1] == "propagate_code" and cells[back]["id"].startswith("restored-") and len(cells) == len(tampered.cells) + 1
    assert changes == ["`propagate`: missing, added back"]


A01_BUG = ("propagate_code", "dw = X @ dZ.T / m", "dw = X @ dZ.T")  # propagate fails: honest points below full marks


@pytest.fixture(scope="module")
def tampered_class(tmp_path_factory):
    """(course graded by backprop-lab grade, course graded by nbgrader autograde with the sandbox line): one honest student and
    one per tampering, all with the same buggy propagate."""
    from conftest import venv_environment

    course = new_course(tmp_path_factory.mktemp("tampered"), [A01])
    submit(course, "honest", A01, nbformat.writes(replace_in_cell(REPO / "solutions" / A01.id / A01.notebook, *A01_BUG)))
    for number, tampering in enumerate(TAMPERING):
        notebook = replace_in_cell(REPO / "solutions" / A01.id / A01.notebook, *A01_BUG)
        TAMPERING[tampering](notebook, "propagate")
        submit(course, f"student{number}", A01, nbformat.writes(notebook))
    configured = shutil.copytree(course, course.parent / "configured")
    with open(configured / "nbgrader_config.py", "a") as config:
        config.write("from checker.staff.autograde import grade_in_sandbox; grade_in_sandbox(c)\n")
    backprop_lab(course, venv_environment(), "grade", A01.id, "--workers", "2")
    nbgrader(configured, "autograde", A01.id)
    return course, configured


def gradebook_scores(course, student):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {grade.name: grade.score for grade in gradebook.find_submission_notebook(A01.notebook.removesuffix(".ipynb"), A01.id, student).grades}


@pytest.mark.e2e
@pytest.mark.parametrize("tampering", TAMPERING)
def test_a_tampered_submission_gets_the_points_of_its_solution_cells(tampered_class, tampering):
    """Graded by backprop-lab grade and by nbgrader autograde with the sandbox line: recorded, with the honest twin's points?"""
    course, configured = tampered_class
    student = f"student{list(TAMPERING).index(tampering)}"
    results = stored.read_results(course, A01.id)
    honest = {check["check"]: check["points"] for check in results["honest"]["checks"]}
    assert honest["propagate"] == 0 and sum(honest.values()) < A01.points
    assert "error" not in results[student], results[student]
    assert {check["check"]: check["points"] for check in results[student]["checks"]} == honest
    assert gradebook_scores(course, student) == honest
    assert gradebook_scores(configured, student) == honest
    assert [line for line in results[student]["violations"] if line.startswith(RESTORED)], results[student]["violations"]
    reported = [line for row in class_report(A01.id, results)["violations"] if row["student"] == student for line in row["violations"]]
    assert any(line.startswith(RESTORED) for line in reported), reported
    for graded in (course, configured):  # the autograded notebook holds the source's grade cell, hidden test included
        autograded = nbformat.read(str(graded / "autograded" / student / A01.id / A01.notebook), as_version=4)
        cell = next(c for c in autograded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "propagate")
        assert "BEGIN HIDDEN TESTS" in cell.source and cell.metadata.nbgrader.points == A01.check("propagate").points


def test_a_copy_of_a_solution_cell_still_runs_whole():
    """Does the earlier of two cells with a solution cell's id (Jupyter copies the metadata) still run whole, as the student's answer?"""
    notebook = solution(A01)
    position = next(i for i, cell in enumerate(notebook.cells) if cell.metadata.get("nbgrader", {}).get("grade_id") == "data_preparation_code")
    first = nbformat.from_dict(dict(notebook.cells[position], id="first-half", source="m_train = train_set_x_orig.shape[0]\n"))
    notebook.cells.insert(position, first)
    cells, changes = restored(notebook.cells, source_of(A01))
    assert ("m_train = train_set_x_orig.shape[0]\n", True) in [(cell["source"], cell["whole"]) for cell in cells_to_run(cells)]
    assert changes == ["`data_preparation_code`: another cell with this id, ignored"]
