"""Does every check catch each catalogued mistake by name, and accept each correct variant, through the sandbox?

Driven by the course registry: every assignment has a catalogue, every check in it has at least
one bug it must catch and one correct variant it must accept.
"""

import pytest

from catalogue import (HIDDEN_STYLE_SEED, assert_diagnosis, assert_no_answer_shown, assert_speaks_of_the_students_code, catalogue_of, entries,
                       run_in_sandbox, tier_marks)
from checker.checks.errors import CheckFailure
from checker.course import ASSIGNMENTS

BUGS = [pytest.param(a, name, marks=tier_marks(a, name), id=f"{a.id[:2]}: {name}") for a, name in entries("BUGS")]
CORRECT = [pytest.param(a, name, marks=tier_marks(a, name), id=f"{a.id[:2]}: {name}") for a, name in entries("CORRECT")]
# The quick tier tries each correct variant with the public seed; the e2e tier with two more.
SEEDS = [1234, pytest.param(7, marks=pytest.mark.e2e), pytest.param(99, marks=pytest.mark.e2e)]



@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda a: a.id)
def test_every_check_has_a_bug_and_a_correct_variant(assignment):
    """Does the catalogue hold, for every registered check, a bug it catches and a variant it accepts?"""
    catalogue = catalogue_of(assignment)
    checks = {check.name for check in assignment.checks}
    assert {check for check, _, _ in catalogue.BUGS.values()} == checks
    assert {check for check, _ in catalogue.CORRECT.values()} == checks
    assert set(getattr(catalogue, "SLOW", ())) <= set(catalogue.BUGS) | set(catalogue.CORRECT)  # no stale name



@pytest.mark.parametrize("assignment, name", BUGS)
def test_bug_is_caught_and_named(sandbox, answers, inputs_sent, assignment, name):
    """Is each realistic mistake caught, with the diagnosis a student can act on, in words about the student's code, and
    without the right answer or, under a seed the student does not know, any input the check drew?

    Graded as official grading grades with its hidden seed. `answers` records what the answer key returned for the inputs
    drawn and `inputs_sent` what the judge sent into the sandbox; the message must show none of it (numbers printed at 3 to
    6 significant digits or in full; the student's own values may appear), nor the seed.
    """
    check_name, implementation, diagnosis = catalogue_of(assignment).BUGS[name]
    with pytest.raises(CheckFailure) as failure:
        run_in_sandbox(sandbox, assignment, check_name, implementation, seed=HIDDEN_STYLE_SEED)
    message = str(failure.value)
    assert_diagnosis(message, diagnosis)
    assert_no_answer_shown(message, answers)
    assert_no_answer_shown(message, inputs_sent)
    assert_speaks_of_the_students_code(message)
    assert str(HIDDEN_STYLE_SEED) not in message


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("assignment, name", CORRECT)
def test_correct_variant_passes(sandbox, assignment, name, seed):
    """Does a correct implementation written differently pass, whatever the seed?"""
    check_name, implementation = catalogue_of(assignment).CORRECT[name]
    run_in_sandbox(sandbox, assignment, check_name, implementation, seed=seed)

