"""Assignment 02: how checks are called with an implementation, and what only this assignment needs."""

import functools

import numpy as np
import pytest

from catalogue import assert_covers, call_check, checks_of
from checker import computational_graph as suite
from checker.computational_graph import reference
from checker.report import CheckFailure
from computational_graph_variants import BUGS, CORRECT

CHECKS = checks_of(suite.ASSIGNMENT)
run_check = functools.partial(call_check, CHECKS)


def test_catalogue_covers_every_check():
    assert_covers(BUGS, CORRECT, CHECKS, least_bugs=20, least_correct=6)


def test_reference_passes_every_check():
    for name, check in CHECKS.items():
        if name == "outcomes":
            check(reference.LinearLayer, reference.SigmoidLayer, reference.train)
        else:
            check({"linear_layer": reference.LinearLayer, "sigmoid_layer": reference.SigmoidLayer}.get(name) or getattr(reference, name))


def test_initialization_check_leaves_the_students_random_state_alone():
    """Does seeding for the statistical check give the student's global NumPy generator back?"""
    np.random.seed(42)
    expected = np.random.rand()
    np.random.seed(42)
    suite.check_initialize_parameters(reference.initialize_parameters)
    assert np.random.rand() == expected


def test_outcome_failure_states_budget_and_targets():
    """Does an outcome failure say what was trained, for how long, and what was reached?"""
    _, classes, _ = BUGS["outcomes: sigmoid skipped in the backward pass"]
    with pytest.raises(CheckFailure) as failure:
        suite.check_outcomes(*classes)
    message = str(failure.value)
    assert "after 5000 epochs at learning rate 2" in message and "target 100%" in message
    assert "--checker-seed" not in message  # the outcome does not depend on the seed
