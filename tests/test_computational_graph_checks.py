"""Assignment 02: what only this assignment's checks need, run in-process as a grade cell runs them."""

import numpy as np
import pytest

from checker.assignments.computational_graph import ASSIGNMENT, check_initialize_parameters, check_outcomes, reference
from checker.assignments.computational_graph.checks import EPOCHS, LEARNING_RATE
from checker.checks.student_side import checker_code_allowed
from checker.checks.report import CheckFailure
from computational_graph_variants import BUGS

REFERENCE_NAMES = {"linear_layer": (reference.LinearLayer,), "sigmoid_layer": (reference.SigmoidLayer,),
                   "outcomes": (reference.LinearLayer, reference.SigmoidLayer, reference.train)}


def test_reference_passes_every_check():
    with checker_code_allowed():
        for check in ASSIGNMENT.checks:
            check.function(*REFERENCE_NAMES.get(check.name, (getattr(reference, check.name, None),)))


def test_initialization_check_leaves_the_students_random_state_alone():
    """Does seeding for the statistical check give the student's global NumPy generator back?"""
    np.random.seed(42)
    expected = np.random.rand()
    np.random.seed(42)
    with checker_code_allowed():
        check_initialize_parameters(reference.initialize_parameters)
    assert np.random.rand() == expected


def test_outcome_failure_states_budget_and_what_was_reached():
    """Does an outcome failure whose parts all pass their checks say what was trained, for how long, and what was reached?"""
    _, classes, _ = BUGS["outcomes: updates stop after 1000 epochs"]
    with pytest.raises(CheckFailure) as failure:
        check_outcomes(*classes)
    message = str(failure.value)
    assert f"after {EPOCHS} epochs at learning rate {LEARNING_RATE:g}" in message and "classify" in message
    assert "--checker-seed" not in message  # drawn from the seed, but repeating it helps nobody: the run is the checker's


def test_outcome_failure_names_the_part_that_fails_its_own_check():
    """Does an outcome failure after a broken train say to fix train first, and record it as the cause?"""
    _, classes, _ = BUGS["outcomes: sigmoid skipped in the backward pass"]
    with pytest.raises(CheckFailure) as failure:
        check_outcomes(*classes)
    assert "`train` fails its own check: fix `train` first" in str(failure.value)
    assert failure.value.caused_by == ["train"] and failure.value.diagnosis == "outcomes.upstream_failed"
