"""Do correct programs written the way students write them get every point, from official grading and from `pytest checker`?

The programs are the corpus in tests/corpus/ (see corpus.py): for every assignment of the registry, at
least ten complete solutions, each in one student's voice. A failure names the variant, its style and the
first check it fails, with that check's message.
"""

import functools

import pytest

from checker.course import ASSIGNMENTS
from checker.sandbox.sandbox import Sandbox
from checker.staff.grading import SourceNotebook, grade_notebook
from corpus import REPO, notebook_for, style_of, variant_paths, write_variant

MINIMUM_VARIANTS = 10
VARIANTS = [(assignment, path) for assignment in ASSIGNMENTS for path in variant_paths(assignment)]
ALL_CHECKS = sum(len(assignment.checks) for assignment in ASSIGNMENTS)


def variant_id(path):
    return f"{path.parent.name[:2]}-{path.stem}"


@functools.cache
def source_notebook(assignment):
    """The hidden seeds and nbgrader cells of the staff's source notebook, as `backprop-lab grade` reads them."""
    return SourceNotebook.from_file(REPO / "solutions" / assignment.id / assignment.notebook)


def lost_points(path, result):
    """What a variant that did not get every point is told: the first failing check's message, then the others' names."""
    failed = [check for check in result.checks if not check.passed]
    first = failed[0]
    others = ", ".join(f"{check.name} [{check.diagnosis}]" for check in failed[1:]) or "none"
    return (f"{path.relative_to(REPO)} ({style_of(path)}) got {result.points}/{result.possible}.\n"
            f"First failing check: {first.name} [{first.diagnosis}], seed {first.seed}:\n{first.message}\n"
            f"Also failing: {others}")


@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda assignment: assignment.id)
def test_every_assignment_has_enough_variants_and_each_fills_every_solution_cell(assignment):
    paths = variant_paths(assignment)
    assert len(paths) >= MINIMUM_VARIANTS, f"{assignment.id} has {len(paths)} correct variants in tests/corpus/"
    for path in paths:
        assert style_of(path), f"{path.name} says its style in the first line of its docstring"
        notebook_for(assignment, path)  # CorpusError: a chunk that fills no solution cell, or a cell that no chunk fills


@pytest.fixture(scope="module")
def official():
    """The sandbox `backprop-lab grade` grades in: the default policy, official protections."""
    box = Sandbox(official=True)
    yield box
    box.close()


@pytest.mark.parametrize("assignment, path", VARIANTS, ids=[variant_id(path) for _, path in VARIANTS])
def test_correct_variant_gets_every_point_in_official_grading(official, tmp_path, assignment, path):
    """Graded as `backprop-lab grade` grades, with the public seed and the hidden ones, does it get every point?"""
    source = source_notebook(assignment)
    notebook = write_variant(assignment, path, tmp_path)
    result = grade_notebook(official, assignment, notebook, str(path.relative_to(REPO)), source.seeds, source=source)
    assert result.checks, f"{path.name}: the grader could not grade it ({result.grader_error})"
    if result.points != assignment.points:
        pytest.fail(lost_points(path, result), pytrace=False)


def group(index):
    """One variant of each assignment, the index-th (cycling through the shorter lists)."""
    return [(assignment, variant_paths(assignment)[index % len(variant_paths(assignment))]) for assignment in ASSIGNMENTS]


@pytest.mark.e2e
@pytest.mark.parametrize("index", range(max(len(variant_paths(assignment)) for assignment in ASSIGNMENTS)))
def test_a_group_of_variants_scores_full_marks_with_pytest_checker(pytester, tmp_path, index):
    """Laid out like exercises/, one variant of each assignment: does `pytest checker --notebooks` give full marks?"""
    chosen = group(index)
    for assignment, path in chosen:
        write_variant(assignment, path, tmp_path / "submission")
    result = pytester.runpytest_subprocess(str(REPO / "checker"), "-p", "no:cacheprovider", "--notebooks", str(tmp_path / "submission"))
    if result.parseoutcomes().get("passed") != ALL_CHECKS or result.ret != 0:
        names = ", ".join(str(path.relative_to(REPO)) for _, path in chosen)
        pytest.fail(f"{names}:\n" + "\n".join(failures_and_score(result.outlines)), pytrace=False)


def failures_and_score(lines):
    """The failures section of `pytest checker`'s output and its score line, without the report card between them."""
    start = next((number for number, line in enumerate(lines) if "FAILURES" in line), 0)
    card = next((number for number, line in enumerate(lines) if "report card" in line), len(lines))
    return lines[start:card] + [line for line in lines if line.startswith("backprop-lab score:")]
