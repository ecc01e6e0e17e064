"""Is a student's notebook loaded fast, safely, read-only, and do broken cells fail only what needs them?"""

import hashlib
import os

import pytest

from checker import messages, notebook
from checker.report import CheckFailure, CheckRun
from catalogue import assert_diagnosis
from notebooks import grade_cell, solution_cell, write_notebook

RUN = CheckRun("example", seed=None)


def lookup_failure(loaded, name):
    with pytest.raises(CheckFailure) as failure:
        loaded.lookup(RUN, name)
    return str(failure.value)


def test_syntax_error_fails_only_the_names_of_that_cell(tmp_path):
    path = write_notebook(tmp_path / "a" / "work.ipynb", [
        solution_cell("def good(x):\n    return x", "good"),
        solution_cell("def broken(x)\n    return x", "broken"),
    ])
    loaded = notebook.load_student_notebook(path, "a/work.ipynb")
    assert loaded.lookup(RUN, "good")(3) == 3
    message = lookup_failure(loaded, "broken")
    assert_diagnosis(message, messages.CELL_SYNTAX)
    assert "cell 2 of a/work.ipynb" in message and "its line 1" in message


def test_exception_in_a_cell_names_the_cell_and_the_error(tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [solution_cell("ratio = 1 / 0", "ratio")])
    message = lookup_failure(notebook.load_student_notebook(path), "ratio")
    assert_diagnosis(message, messages.CELL_STOPPED)
    assert "ZeroDivisionError" in message


def test_untouched_exercise_cell_reads_not_implemented(tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [solution_cell("# YOUR CODE HERE\nraise NotImplementedError()", "data")])
    assert lookup_failure(notebook.load_student_notebook(path, "work.ipynb"), "m_train") == (
        "not implemented yet: fill in `m_train` in work.ipynb"
    )


def test_training_plotting_and_grade_cells_do_not_run(tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [
        "import math\nraise RuntimeError('a training cell must not run')\ndef helper():\n    return math.pi",
        grade_cell("raise RuntimeError('grade cells must not run')", "check"),
        solution_cell("def uses_helper():\n    return helper()", "solution"),
    ])
    loaded = notebook.load_student_notebook(path)
    assert loaded.lookup(RUN, "uses_helper")() == pytest.approx(3.14159265)
    assert all(cell.failure is None for cell in loaded.cells)


def test_setup_cells_run_whole_and_magics_are_ignored(tmp_path):
    setup = write_notebook(tmp_path / "x.ipynb", ["%matplotlib inline\n!echo hi\nvalue = 41 + 1"]).read_text()
    path = tmp_path / "work.ipynb"
    import nbformat

    nb = nbformat.reads(setup, as_version=4)
    nb.cells[0].metadata["tags"] = ["setup"]
    nbformat.write(nb, str(path))
    assert notebook.load_student_notebook(path).lookup(RUN, "value") == 42


def test_cell_that_never_ends_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(notebook, "CELL_TIME_LIMIT", 0.3)
    path = write_notebook(tmp_path / "work.ipynb", [solution_cell("while True:\n    pass\nlate = 1", "loop"), solution_cell("fine = 2", "ok")])
    loaded = notebook.load_student_notebook(path)
    assert "time-out" in lookup_failure(loaded, "late")
    assert loaded.lookup(RUN, "fine") == 2


def test_missing_name_without_a_cell(tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [solution_cell("x = 1", "x")])
    assert_diagnosis(lookup_failure(notebook.load_student_notebook(path), "sigmoid"), messages.NOT_DEFINED)


@pytest.mark.parametrize("content", ["{ not json", '{"nbformat": 4}', ""])
def test_unreadable_notebook_gives_one_clear_error(tmp_path, content):
    path = tmp_path / "work.ipynb"
    path.write_text(content)
    with pytest.raises(notebook.NotebookUnreadable) as failure:
        notebook.load_student_notebook(path, "work.ipynb")
    assert "could not read work.ipynb" in str(failure.value)
    assert "restore it from a checkpoint" in str(failure.value)


def test_loading_never_modifies_the_file(tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [
        solution_cell("import numpy as np\nw = np.zeros(3)\nw += 1", "w"),
        "open('side_effect.txt', 'w').write('no')",
    ])
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    notebook.load_student_notebook(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns) == before
    assert not (tmp_path / "side_effect.txt").exists()


def test_cells_run_in_the_notebooks_folder(tmp_path):
    (tmp_path / "data.txt").write_text("7")
    path = write_notebook(tmp_path / "work.ipynb", [solution_cell("seven = int(open('data.txt').read())", "read")])
    cwd = os.getcwd()
    assert notebook.load_student_notebook(path).lookup(RUN, "seven") == 7
    assert os.getcwd() == cwd
