"""What does a student see when a grade cell fails in Jupyter, and does it agree with `pytest checker`?

Catalogue notebooks (a solution notebook whose functions are replaced by catalogued mistakes, one per
check) run in a real kernel with nbclient, as a student would run them: every failing grade cell must
show the checker's message once, with no traceback through the checker's code, and every grade
cell's verdict must be the one `pytest checker` gives on the same saved notebook.
"""

import copy
import pickle
import re

import cloudpickle
import nbformat
import pytest
from nbclient import NotebookClient

from catalogue import assert_diagnosis, catalogue_of, notebook_names
from checker.checks import messages, notebook
from checker.course import ASSIGNMENTS, assignment_with_id
from conftest import REPO
from notebooks import replace_in_cell

A01 = assignment_with_id("01_logistic_regression")  # its notebook's cells and checks, by name
# Loaded before any test: the pytester fixture forgets the modules a test imports (the catalogues import SciPy, whose
# NumPy extensions cannot load twice in one process).
CATALOGUES = [catalogue_of(assignment) for assignment in ASSIGNMENTS]

pytestmark = pytest.mark.e2e

SAMPLES = 1  # catalogue notebooks per assignment, each with the n-th catalogued mistake of every check
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.DOTALL)


def graded_cells(notebook):
    """(definitions, grade cells) of a notebook: its training and plotting cells left out, hidden tests taken out of its grade cells."""
    definitions, grades = [], []
    for cell in notebook.cells:
        nbgrader = cell.metadata.get("nbgrader", {})
        if nbgrader.get("grade") and not nbgrader.get("solution"):
            cell.source = HIDDEN.sub("", cell.source)
            grades.append(cell)
        elif cell.cell_type != "code" or nbgrader.get("solution") or "setup" in cell.metadata.get("tags", []):
            definitions.append(cell)
    return definitions, grades


def catalogue_notebook(assignment, sample):
    """The solution notebook, its training and plotting cells left out, with the sample-th mistake of each check bound last."""
    notebook = nbformat.read(str(REPO / "solutions" / assignment.id / assignment.notebook), as_version=4)
    catalogue, names, expected = catalogue_of(assignment), {}, {}
    by_check = {}
    for name in sorted(catalogue.BUGS):
        check_name, implementation, _ = catalogue.BUGS[name]
        by_check.setdefault(check_name, []).append(implementation)
    for check in assignment.checks:
        bugs = by_check.get(check.name, [])
        if sample < len(bugs) and check.name not in ("data_preparation",):
            names.update(notebook_names(assignment, check, bugs[sample]))
            expected[check.name] = "failed"
    for module in {getattr(value, "__module__", None) for value in names.values()} - {None, "builtins", "numpy"}:
        cloudpickle.register_pickle_by_value(__import__(module))
    definitions, grades = graded_cells(notebook)
    binding = nbformat.v4.new_code_cell(f"import pickle\nglobals().update(pickle.loads({cloudpickle.dumps(names)!r}))")
    binding.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False, "grade_id": "catalogue", "schema_version": 3}
    notebook.cells = definitions + [binding] + grades  # the catalogue's names after every definition, the checks after them
    return notebook


def kernel_outcomes(notebook, folder):
    """{grade id: (verdict, outputs)} after running the notebook in a real kernel, as a student would."""
    NotebookClient(notebook, timeout=600, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(folder)}}).execute()
    outcomes = {}
    for cell in notebook.cells:
        nbgrader = cell.metadata.get("nbgrader", {})
        if nbgrader.get("grade") and not nbgrader.get("solution"):
            errors = [output for output in cell.outputs if output.output_type == "error"]
            outcomes[nbgrader["grade_id"]] = ("failed" if errors else "passed", cell.outputs)
    return outcomes


def pytest_checker(pytester, folder, *options):
    """`pytest checker` run on the saved notebooks in `folder`, with a line per check."""
    return pytester.runpytest_subprocess(str(REPO / "checker"), "-p", "no:cacheprovider", "-rA", "--notebooks", str(folder), *options)


def pytest_verdicts(pytester, folder):
    """{check name: "passed" or "failed"} from `pytest checker` on the saved notebooks in `folder`."""
    verdicts = {}
    for line in pytest_checker(pytester, folder).outlines:
        found = re.match(r"(PASSED|FAILED) \S+\.ipynb::(\w+)$", line.split(" - ")[0])
        if found:
            verdicts[found.group(2)] = found.group(1).lower()
    return verdicts


CASES = [(assignment, sample) for assignment in ASSIGNMENTS for sample in range(SAMPLES)]


@pytest.mark.parametrize("assignment, sample", CASES, ids=[f"{a.id[:2]}-{s}" for a, s in CASES])
def test_a_failing_grade_cell_shows_the_message_once_and_agrees_with_pytest_checker(pytester, tmp_path, assignment, sample):
    folder = tmp_path / "notebooks"
    notebook = catalogue_notebook(assignment, sample)
    (folder / assignment.id).mkdir(parents=True)
    nbformat.write(notebook, str(folder / assignment.id / assignment.notebook))
    outcomes = kernel_outcomes(notebook, folder / assignment.id)
    verdicts = pytest_verdicts(pytester, folder)
    assert {name: verdict for name, (verdict, _) in outcomes.items()} == {name: verdicts[name] for name in outcomes}
    assert any(verdict == "failed" for verdict, _ in outcomes.values())
    for name, (verdict, outputs) in outcomes.items():
        if verdict == "passed":
            assert [output for output in outputs if output.output_type == "execute_result"] == [], name  # no `Out: []`
            continue
        error = next(output for output in outputs if output.output_type == "error")
        shown = "\n".join(error.traceback)
        assert "checker/" not in shown and "Traceback" not in shown and "registry.py" not in shown, shown
        headline = error.evalue.splitlines()[0]
        everything = shown + "".join(output.get("text", "") for output in outputs)
        assert everything.count(headline) == 1, everything


def test_a_grade_cell_run_before_its_function_says_so(tmp_path):
    """A grade cell run before the cell that defines its function: the check says to run that cell, in words."""
    assignment = A01
    notebook = nbformat.read(str(REPO / "exercises" / assignment.id / assignment.notebook), as_version=4)
    grade = next(cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid")
    notebook.cells = [grade]
    outcomes = kernel_outcomes(notebook, tmp_path)
    verdict, outputs = outcomes["sigmoid"]
    error = next(output for output in outputs if output.output_type == "error")
    assert verdict == "failed" and error.ename == "CheckFailure"
    assert "`sigmoid` is not defined yet" in error.evalue and "run the cell that defines `sigmoid`," in error.evalue
    assert "NameError" not in "\n".join(error.traceback)


def test_pickled_catalogue_implementations_load_in_plain_python():
    """The binding cell needs nothing but pickle (and the libraries) to load, as in the sandbox."""
    names = {"f": catalogue_of(A01).BUGS["sigmoid: e^z instead of e^-z"][1]}
    cloudpickle.register_pickle_by_value(__import__(catalogue_of(A01).__name__))
    loaded = pickle.loads(cloudpickle.dumps(names))
    assert loaded["f"](0.0) == 0.5


def test_a_syntax_error_and_a_cell_never_run_read_the_same_in_jupyter_and_in_pytest_checker(pytester, tmp_path):
    """A cell with a syntax error: the same verdict and sentence in both (only where the notebook is may differ). A cell never
    run: its grade cell fails in Jupyter, and `pytest checker`, grading the saved code, passes with a note naming the cell in
    the same words, on every run."""
    assignment = A01
    saved = replace_in_cell(REPO / "solutions" / assignment.id / assignment.notebook, "predict_code", "def predict(w, b, X):", "def predict(w, b, X)")
    definitions, grades = graded_cells(saved)
    saved.cells = definitions + grades
    for cell in saved.cells:
        if cell.cell_type == "code":
            cell.execution_count = None if cell.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid_code" else 1
    folder = tmp_path / "notebooks"
    (folder / assignment.id).mkdir(parents=True)
    nbformat.write(saved, str(folder / assignment.id / assignment.notebook))
    ran = nbformat.from_dict(copy.deepcopy(saved))
    ran.cells = [cell for cell in ran.cells if cell.metadata.get("nbgrader", {}).get("grade_id") != "sigmoid_code"]
    outcomes = kernel_outcomes(ran, folder / assignment.id)
    in_jupyter = {name: next(output.evalue for output in outputs if output.output_type == "error")
                  for name, (verdict, outputs) in outcomes.items() if verdict == "failed"}

    syntax = in_jupyter["predict"]
    assert_diagnosis(syntax, messages.CELL_SYNTAX)
    assert "in this notebook has a syntax error on its line 1" in syntax
    runs = [pytest_checker(pytester, folder, "-k", "01_logistic_regression"), pytest_checker(pytester, folder, "-k", "sigmoid")]
    runs[0].stdout.fnmatch_lines([syntax.replace("[", "[[]").replace("in this notebook", "in *logistic_regression.ipynb"),
                                  "PASSED *logistic_regression.ipynb::sigmoid", "FAILED *logistic_regression.ipynb::predict*"])

    cell = notebook.cell_in_words(notebook.read_notebook(folder / assignment.id / assignment.notebook)[0], "sigmoid")
    assert cell == "the cell that defines `sigmoid` (Exercise 2)"
    assert_diagnosis(in_jupyter["sigmoid"], messages.NOT_RUN)
    assert f"`sigmoid` is not defined yet, so `sigmoid` cannot be checked: run {cell}," in in_jupyter["sigmoid"]
    notes = [[line.strip() for line in run.outlines if line.strip().startswith("note:")] for run in runs]
    assert notes[0] == notes[1] == [f"note: {messages.NEVER_RUN.format(cell=cell, name='sigmoid')}"]
