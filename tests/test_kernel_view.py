"""What does a student see when a grade cell fails in Jupyter, and does it agree with `pytest checker`?

Catalogue notebooks (a solution notebook whose functions are replaced by catalogued mistakes, one per
check) run in a real kernel with nbclient, as a student would run them: every failing grade cell must
show the checker's message once, with no traceback through the checker's code, and every grade
cell's verdict must be the one `pytest checker` gives on the same saved notebook.
"""

import pickle
import re

import cloudpickle
import nbformat
import pytest
from nbclient import NotebookClient

from catalogue import catalogue_of, notebook_names
from checker.course import ASSIGNMENTS
from conftest import REPO

pytestmark = pytest.mark.e2e

SAMPLES = 1  # catalogue notebooks per assignment, each with the n-th catalogued mistake of every check
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.DOTALL)


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
    definitions, grades = [], []
    for cell in notebook.cells:
        nbgrader = cell.metadata.get("nbgrader", {})
        if nbgrader.get("grade") and not nbgrader.get("solution"):
            cell.source = HIDDEN.sub("", cell.source)
            grades.append(cell)
        elif cell.cell_type != "code" or nbgrader.get("solution") or "setup" in cell.metadata.get("tags", []):
            definitions.append(cell)
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


def pytest_verdicts(pytester, folder):
    """{check name: "passed" or "failed"} from `pytest checker` on the saved notebooks in `folder`."""
    result = pytester.runpytest_subprocess(str(REPO / "checker"), "-p", "no:cacheprovider", "-rA", "--notebooks", str(folder))
    verdicts = {}
    for line in result.outlines:
        found = re.match(r"(PASSED|FAILED) \S+::(\w+)::(\w+)", line)
        if found:
            verdicts[found.group(3)] = found.group(1).lower()
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
            continue
        error = next(output for output in outputs if output.output_type == "error")
        shown = "\n".join(error.traceback)
        assert "checker/" not in shown and "Traceback" not in shown and "registry.py" not in shown, shown
        headline = error.evalue.splitlines()[0]
        everything = shown + "".join(output.get("text", "") for output in outputs)
        assert everything.count(headline) == 1, everything


def test_a_grade_cell_run_before_its_function_says_so(tmp_path):
    """A grade cell run before the cell that defines its function: the check says to run that cell, in words."""
    assignment = ASSIGNMENTS[0]
    notebook = nbformat.read(str(REPO / "exercises" / assignment.id / assignment.notebook), as_version=4)
    grade = next(cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "sigmoid")
    notebook.cells = [grade]
    outcomes = kernel_outcomes(notebook, tmp_path)
    verdict, outputs = outcomes["sigmoid"]
    error = next(output for output in outputs if output.output_type == "error")
    assert verdict == "failed" and error.ename == "CheckFailure"
    assert "`sigmoid` is not defined yet" in error.evalue and "run the cell that defines `sigmoid`" in error.evalue
    assert "NameError" not in "\n".join(error.traceback)


def test_pickled_catalogue_implementations_load_in_plain_python():
    """The binding cell needs nothing but pickle (and the libraries) to load, as in the sandbox."""
    names = {"f": catalogue_of(ASSIGNMENTS[0]).BUGS["sigmoid: e^z instead of e^-z"][1]}
    cloudpickle.register_pickle_by_value(__import__(catalogue_of(ASSIGNMENTS[0]).__name__))
    loaded = pickle.loads(cloudpickle.dumps(names))
    assert loaded["f"](0.0) == 0.5
