"""Does the student kit hold no answer key, and does its self-check agree with the staff's checker on everything?

The kit is built as course staff build it, installed with pip into a fresh virtual environment
(its dependencies are taken from this environment, so nothing is downloaded), and run from there;
it is built once per test session (the `student_kit` fixture in conftest.py).
"""

import ast
import json
import re
import shutil
import subprocess
import zipfile

import pytest

from catalogue import catalogue_of, catalogue_outcomes
from checker.checks import messages
from checker.checks.expectations import RECORD_FILE, Recorded
from checker.checks.seeds import PUBLIC_SEED
from checker.course import ASSIGNMENTS, assignment_with_id
from checker.staff.grading import hidden_seeds
from conftest import REPO

pytestmark = pytest.mark.e2e

TESTS = REPO / "tests"
A01 = assignment_with_id("01_logistic_regression")  # its check `sigmoid`, by name
# Classes that answer with values a check drew (stand-ins), or that the judge lends a student's code to run with (02's
# layers for train: forward formulas the notebook states, gradients by centred differences, never an analytic answer).
STAND_IN = re.compile(r"StandIns?$|^Lent")
CATALOGUE_RUN = """
import json, sys
sys.path.insert(0, {tests!r})
from catalogue import catalogue_outcomes
json.dump(catalogue_outcomes(), open({out!r}, "w"))
"""


def graded_names():
    """Every name a student implements: what the checks need, the functions of solution cells (03 attaches them to its
    Network) and the methods of the classes they write."""
    names = {name for assignment in ASSIGNMENTS for check in assignment.checks for name in check.needs}
    for assignment in ASSIGNMENTS:
        cells = json.loads((REPO / "solutions" / assignment.id / assignment.notebook).read_text())["cells"]
        for cell in cells:
            if cell["cell_type"] == "code" and cell["metadata"].get("nbgrader", {}).get("solution"):
                tree = ast.parse("".join(cell["source"]))
                names |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.name.startswith("__")}
                for node in ast.walk(tree):
                    if isinstance(node, ast.ClassDef):
                        names |= {item.name for item in node.body if isinstance(item, ast.FunctionDef) and not item.name.startswith("__")}
    return names


def definitions(node, owner=None):
    """(name, enclosing class or None) of every function and class defined anywhere in a syntax tree."""
    found = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append((child.name, owner))
        found += definitions(child, child.name if isinstance(child, ast.ClassDef) else owner if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else None)
    return found


def test_the_installed_checker_is_the_kit(student_kit):
    out, python, package = student_kit
    located = subprocess.run([str(python), "-c", "import checker; print(checker.__file__)"], cwd=out, capture_output=True, text=True, check=True).stdout
    assert located.strip() == str(package / "__init__.py")


def test_no_module_of_the_kit_implements_a_graded_function(student_kit):
    """Does any module of the installed kit define a function, method or class with a name students implement?"""
    _, _, package = student_kit
    graded = graded_names()
    assert {"propagate", "LinearLayer", "backprop", "forward", "gradient_check_n"} <= graded
    offenders = [f"{path.relative_to(package.parent)}: {name}" for path in sorted(package.rglob("*.py"))
                 for name, owner in definitions(ast.parse(path.read_text())) if name in graded and not (owner and STAND_IN.search(owner))]
    assert offenders == []
    assert not list(package.rglob("reference.py")) and not list(package.rglob("mistakes.py")) and not (package / "staff").exists()


def test_no_hidden_seed_and_no_solution_in_the_kit(student_kit):
    out, _, package = student_kit
    seeds = {seed for assignment in ASSIGNMENTS for values in hidden_seeds(REPO / "solutions" / assignment.id / assignment.notebook).values() for seed in values}
    assert len(seeds) >= 20
    # A seed as a number of its own: not digits inside a longer number such as 0.31337 or 1.4142e-05.
    pattern = re.compile(rb"(?<![\w.])(" + b"|".join(str(seed).encode() for seed in sorted(seeds)) + rb")(?![\w.])")
    texts = {str(path): path.read_bytes() for path in out.rglob("*") if path.is_file() and path.suffix != ".whl"}
    with zipfile.ZipFile(next(out.glob("*.whl"))) as wheel:
        texts.update({name: wheel.read(name) for name in wheel.namelist()})
    records = {name: data for name, data in texts.items() if name.endswith(RECORD_FILE)}
    assert len(records) == len(ASSIGNMENTS)
    # A record is numbers through and through: what matters is that it holds the public seed's expectations only.
    for data in records.values():
        assert {key[1] for key in Recorded(data).index} == {PUBLIC_SEED}
    assert [name for name, data in texts.items() if name not in records and pattern.search(data)] == []
    notebooks = sorted(out.rglob("*.ipynb"))
    assert len(notebooks) == len(ASSIGNMENTS)
    for path in notebooks:
        assert path.read_bytes() == (REPO / "exercises" / path.relative_to(out / "exercises")).read_bytes()
        assert b"BEGIN SOLUTION" not in path.read_bytes()


def self_checks(python, kit_folder, *runs):
    """What `pytest checker` prints in the kit, once per tuple of options; the runs side by side, a core each."""
    started = [subprocess.Popen([str(python), "-m", "pytest", "checker", "-q", "-p", "no:cacheprovider", *options],
                                cwd=kit_folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) for options in runs]
    return [process.communicate(timeout=600)[0] for process in started]


def test_the_kits_self_check_scores_the_solutions_and_the_release(student_kit):
    out, python, _ = student_kit
    total = sum(assignment.points for assignment in ASSIGNMENTS)
    solutions, release = self_checks(python, out, (f"--notebooks={REPO / 'solutions'}", "-rA"), ())
    assert f"backprop-lab score: {total}/{total}" in solutions
    assert f"backprop-lab score: 0/{total}" in release and "not implemented yet" in release
    # Ids name the notebook as the student knows it (absolute when outside the kit), never the installed checker.
    assert f"PASSED {REPO / 'solutions' / A01.id / A01.notebook}::sigmoid" in solutions
    assert "site-packages" not in solutions + release and "course.py" not in solutions + release


def test_the_kits_self_check_runs_from_a_folder_outside_the_kit(student_kit, tmp_path):
    """`pytest checker --notebooks DIR` where the kit's pytest.ini is not: the installed checker grades DIR, ids relative."""
    _, python, _ = student_kit
    shutil.copytree(REPO / "solutions", tmp_path / "work")
    printed = subprocess.run([str(python), "-m", "pytest", "checker", "-p", "no:cacheprovider", "-rA", "--notebooks", "work", "-k", "sigmoid"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=600).stdout
    assert f"PASSED work/{A01.id}/{A01.notebook}::sigmoid" in printed, printed
    assert "site-packages" not in printed and "file or directory not found" not in printed


def test_every_catalogue_entry_gets_the_same_outcome_and_message_in_the_kit(student_kit, tmp_path):
    """Grade every catalogue entry with the staff's checker and with the kit's: 0 differences, 0 record misses.

    Both grade in-process (the sandbox is the same in both and has tests of its own): what differs is
    where the expectations come from, live reference code or the kit's record.
    """
    _, python, _ = student_kit
    script, result = tmp_path / "catalogue_run.py", tmp_path / "outcomes.json"
    script.write_text(CATALOGUE_RUN.format(tests=str(TESTS), out=str(result)))
    in_the_kit = subprocess.Popen([str(python), str(script)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        staff = catalogue_outcomes()  # meanwhile, on the other core
    finally:
        printed = in_the_kit.communicate(timeout=900)[0]
    assert in_the_kit.returncode == 0, printed
    in_kit = json.loads(result.read_text())
    assert len(staff) >= 200
    assert [name for name, outcome in in_kit.items() if outcome[2] == messages.NOT_RECORDED.id] == []
    # An entry that takes seconds (a catalogue's SLOW set) may be told as too slow rather than by its cause when the
    # machine is busy (both processes here grade at once, beside the suite's other workers): its verdict must agree.
    timed = {f"{assignment.id}: {name}" for assignment in ASSIGNMENTS for name in getattr(catalogue_of(assignment), "SLOW", ())}
    assert {name: outcome for name, outcome in in_kit.items() if (outcome[0] if name in timed else outcome) != (
        staff[name][0] if name in timed else staff[name])} == {}
    assert set(in_kit) == set(staff)
