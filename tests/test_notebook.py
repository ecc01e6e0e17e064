"""Is a student's notebook loaded in the sandbox safely, read-only, and do broken cells fail only what needs them?"""

import hashlib
import os

import nbformat
import pytest

from catalogue import assert_diagnosis
from checker.checks import messages, notebook
from checker.checks.errors import CheckFailure
from checker.checks.session import NotebookSession
from notebooks import grade_cell, solution_cell, write_notebook


def load(sandbox, path, display="work.ipynb"):
    return NotebookSession.from_file(sandbox, path, display)


def value(session, name):
    found, child = session.value_of(name)
    with child:
        return found if not hasattr(found, "_ref") else child.call(found, (), {}).value


def failure(session, name):
    with pytest.raises(CheckFailure) as raised:
        session.value_of(name)
    return str(raised.value)


def test_syntax_error_fails_only_the_names_of_that_cell(sandbox, tmp_path):
    path = write_notebook(tmp_path / "a" / "work.ipynb", [
        solution_cell("good = 3", "good"),
        solution_cell("def broken(x)\n    return x", "broken"),
    ])
    session = load(sandbox, path, "a/work.ipynb")
    assert value(session, "good") == 3
    message = failure(session, "broken")
    assert_diagnosis(message, messages.CELL_SYNTAX)
    assert "the cell that defines it in a/work.ipynb" in message and "its line 1" in message and "cell 2" not in message


def test_exception_in_a_cell_names_the_cell_and_the_error(sandbox, tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [solution_cell("ratio = 1 / 0", "ratio")])
    message = failure(load(sandbox, path), "ratio")
    assert_diagnosis(message, messages.CELL_STOPPED)
    assert "ZeroDivisionError" in message


def test_untouched_exercise_cell_reads_not_implemented(sandbox, tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [solution_cell("# YOUR CODE HERE\nraise NotImplementedError()", "data")])
    assert failure(load(sandbox, path), "m_train") == "not implemented yet: fill in `m_train` in work.ipynb"


def test_training_plotting_and_grade_cells_do_not_run(sandbox, tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [
        "import math\nraise RuntimeError('a training cell must not run')\ndef helper():\n    return math.pi",
        grade_cell("raise RuntimeError('grade cells must not run')", "check"),
        solution_cell("def uses_helper():\n    return helper()", "solution"),
    ])
    session = load(sandbox, path)
    assert value(session, "uses_helper") == pytest.approx(3.14159265)
    assert all(outcome["failure"] is None for outcome in session.process.outcomes.values())


def test_setup_cells_run_whole_and_magics_are_ignored(sandbox, tmp_path):
    path = tmp_path / "work.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("%matplotlib inline\n!echo hi\nvalue = 41 + 1")]
    nb.cells[0].metadata["tags"] = ["setup"]
    nbformat.write(nb, str(path))
    assert value(load(sandbox, path), "value") == 42


@pytest.mark.e2e  # waits out the reply slack (seconds) that a cell ignoring its alarm gets
def test_cell_that_never_ends_is_stopped_and_the_rest_still_loads(tmp_path):
    from checker.sandbox.policy import Policy
    from checker.sandbox.sandbox import Sandbox

    path = write_notebook(tmp_path / "work.ipynb", [
        solution_cell("import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass\nlate = 1", "loop"),
        solution_cell("fine = 2", "ok"),
    ])
    sandbox = Sandbox(Policy(cell_seconds=0.3))
    try:
        session = load(sandbox, path)
        assert "time-out" in failure(session, "late")
        assert value(session, "fine") == 2
    finally:
        sandbox.close()


def test_missing_name_without_a_cell(sandbox, tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [solution_cell("x = 1", "x")])
    assert_diagnosis(failure(load(sandbox, path), "sigmoid"), messages.NOT_DEFINED)


@pytest.mark.parametrize("content", [b"{ not json", b'{"nbformat": 4}', b"", b'{"cells": 3}'])
def test_unreadable_notebook_gives_one_clear_error(tmp_path, content):
    path = tmp_path / "work.ipynb"
    path.write_bytes(content)
    with pytest.raises(notebook.NotebookUnreadable) as raised:
        notebook.read_cells(path, "work.ipynb")
    assert "could not read work.ipynb" in str(raised.value)
    assert "restore it from a checkpoint" in str(raised.value)


def test_format_3_notebooks_are_read(tmp_path):
    """Is a notebook saved in the old format 3 upgraded, as Jupyter would, rather than refused?"""
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [
        {"cells": [{"cell_type": "code", "input": "answer = 42", "language": "python", "outputs": [], "metadata": {}}]}]}
    path = tmp_path / "old.ipynb"
    path.write_text(__import__("json").dumps(v3))
    assert [cell["source"] for cell in notebook.read_cells(path)] == ["answer = 42"]


def test_loading_never_modifies_the_file_or_its_folder(sandbox, tmp_path):
    path = write_notebook(tmp_path / "work.ipynb", [
        solution_cell("import numpy as np\nw = np.zeros(3)\nw += 1", "w"),
        solution_cell("open('side_effect.txt', 'w').write('no')", "write"),
    ])
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    session = load(sandbox, path)
    assert list(value(session, "w")) == [1.0, 1.0, 1.0]
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work.ipynb"]
    assert "PermissionError" in session.process.outcomes[2]["error"]["type"]


def test_cells_run_in_a_copy_of_the_notebooks_folder(sandbox, tmp_path):
    (tmp_path / "data.txt").write_text("7")
    path = write_notebook(tmp_path / "work.ipynb", [solution_cell("seven = int(open('data.txt').read())", "read")])
    cwd = os.getcwd()
    assert value(load(sandbox, path), "seven") == 7
    assert os.getcwd() == cwd


def exercise_notebook(tmp_path, ran):
    """A markdown heading "Exercise 4", the solution cell that defines `propagate` (run or not), a grade cell, another cell."""
    heading = nbformat.v4.new_markdown_cell("## 3. Forward\n\n### Exercise 4: `propagate`\n\nWrite it.")
    definition = solution_cell("def propagate(w):\n    return w", "propagate_code")
    definition.execution_count = 3 if ran else None
    helper = nbformat.v4.new_code_cell("def helper():\n    return 1", execution_count=1)  # the student ran something
    return read_saved(write_notebook(tmp_path / "work.ipynb", [heading, definition, grade_cell("check_propagate()", "propagate"), helper]))


def read_saved(path):
    return notebook.read_notebook(path)[0]


def test_a_cell_is_named_by_what_it_defines_and_its_exercise(tmp_path):
    """Is a cell named as the student sees it: what it defines, and the exercise heading above it (only a solution cell's)?"""
    cells = exercise_notebook(tmp_path, ran=True)
    assert notebook.cell_in_words(cells, "propagate") == "the cell that defines `propagate` (Exercise 4)"
    assert notebook.cell_in_words(cells, "helper") == "the cell that defines `helper`"
    assert notebook.cell_in_words([], "propagate") == "the cell that defines `propagate`"


def test_a_cell_never_run_gets_a_note_and_one_that_ran_none(tmp_path):
    """Does the self-check note a cell the saved notebook shows never ran (and only that), naming it as Jupyter's message does?"""
    never = notebook.never_run_notes(exercise_notebook(tmp_path / "a", ran=False), ["propagate", "propagate"])
    assert len(never) == 1
    assert "never run: the cell that defines `propagate` (Exercise 4)" in never[0] and "`propagate` is not defined yet" in never[0]
    assert notebook.never_run_notes(exercise_notebook(tmp_path / "b", ran=True), ["propagate"]) == []


def test_a_notebook_that_records_no_run_gets_no_never_run_note(tmp_path):
    """No code cell with an execution count (never run, or its outputs cleared): nothing says which cells ran, so no note."""
    cleared = exercise_notebook(tmp_path, ran=False)
    for cell in cleared:
        if cell.get("cell_type") == "code":
            cell["execution_count"] = None
    assert notebook.never_run_notes(cleared, ["propagate"]) == []
