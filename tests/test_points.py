"""Do the notebooks' grade cells and `pytest checker` agree on every check and its points?"""

import re

import nbformat
import pytest

from checker import course
from checker.checks import seeds
from conftest import REPO


def grade_cells(path):
    notebook = nbformat.read(str(path), as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell
        for cell in notebook.cells
        if cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata["nbgrader"].get("solution")
    }


@pytest.mark.parametrize("assignment", course.ASSIGNMENTS, ids=lambda a: a.id)
@pytest.mark.parametrize("folder", ["solutions", "exercises"])
def test_grade_cells_match_the_registry(assignment, folder):
    cells = grade_cells(REPO / folder / assignment.id / assignment.notebook)
    assert {name: cell.metadata["nbgrader"]["points"] for name, cell in cells.items()} == {
        check.name: check.points for check in assignment.checks
    }
    for check in assignment.checks:
        source = cells[check.name].source
        assert f"check_{check.name}(" in source, "each grade cell calls the check it is named after"
        assert re.search(rf"^check_{check.name}\(\)$", source, re.MULTILINE), "…without arguments: it looks up the names the self-check uses"


@pytest.mark.parametrize("assignment", course.ASSIGNMENTS, ids=lambda a: a.id)
def test_hidden_checks_use_their_own_seeds(assignment):
    """Do hidden grade-cell checks use seeds other than the public one, and different from each other?"""
    cells = grade_cells(REPO / "solutions" / assignment.id / assignment.notebook)
    hidden = [int(seed) for cell in cells.values() for seed in re.findall(r"seed=(\d+)", cell.source)]
    assert hidden and seeds.PUBLIC_SEED not in hidden and len(set(hidden)) == len(hidden)
    assert len(hidden) == len(assignment.checks) and min(hidden) >= 2**32  # one per check, too many to try them all
    released = grade_cells(REPO / "exercises" / assignment.id / assignment.notebook)
    assert not any("seed=" in cell.source or "HIDDEN" in cell.source for cell in released.values())
