"""Small notebooks written by the tests, named after the scenario they represent."""

import re

import nbformat

# The start of a probing cell: `attempt(action)` runs what a hostile notebook might and says how the kernel answered.
ATTEMPT = r'''
import ctypes, errno, fcntl, mmap, os, socket
libc = ctypes.CDLL(None, use_errno=True)

def attempt(action):
    try:
        action()
        return "allowed"
    except OSError as error:
        return errno.errorcode.get(error.errno, str(error.errno))
'''


def solution_cell(source, grade_id):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False, "grade_id": grade_id, "schema_version": 3}
    return cell


def grade_cell(source, grade_id, points=1):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"solution": False, "grade": True, "locked": True, "grade_id": grade_id, "points": points, "schema_version": 3}
    return cell


def write_notebook(path, cells):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(c) if isinstance(c, str) else c for c in cells]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
    return path


def replace_in_cell(path, grade_id, old, new):
    """A copy of a solution notebook with one solution cell edited, as a student would."""
    notebook = nbformat.read(str(path), as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            assert old in cell.source, f"{old!r} not in cell {grade_id}"
            cell.source = cell.source.replace(old, new)
    return notebook


def _grade_cell_of(notebook, check_name):
    return next(cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == check_name)


def _fake_pass(check_name):
    return f'print("✓ {check_name}: all checks passed")\n'


def _duplicate(notebook, check_name):
    copy = nbformat.from_dict(dict(_grade_cell_of(notebook, check_name), id="duplicate"))
    copy.source = _fake_pass(check_name)
    notebook.cells.append(copy)


HIDDEN_TESTS = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.DOTALL)
# What a student might do to the nbgrader metadata of the grade cell of `check_name` (in place), by name.
TAMPERING = {
    "a bonus grade cell": lambda notebook, check_name: notebook.cells.append(grade_cell(_fake_pass("bonus"), "bonus", points=10)),
    "grade false on a grade cell": lambda notebook, check_name: _grade_cell_of(notebook, check_name).metadata.nbgrader.update(grade=False),
    "a duplicated grade id": _duplicate,
    "a renamed grade id": lambda notebook, check_name: _grade_cell_of(notebook, check_name).metadata.nbgrader.update(grade_id=f"{check_name}_mine"),
    "changed points": lambda notebook, check_name: _grade_cell_of(notebook, check_name).metadata.nbgrader.update(points=0),
    "an edited locked cell": lambda notebook, check_name: setattr(_grade_cell_of(notebook, check_name), "source", _fake_pass(check_name)),
    "a removed hidden test": lambda notebook, check_name: setattr(_grade_cell_of(notebook, check_name), "source",
                                                                 HIDDEN_TESTS.sub("", _grade_cell_of(notebook, check_name).source)),
}
