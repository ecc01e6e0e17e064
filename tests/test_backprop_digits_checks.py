"""Assignment 03: what only this assignment's checks need, run in-process as a grade cell runs them."""

import random

import numpy as np
import pytest

from backprop_digits_variants import BUGS, Network
from checker.assignments.backprop_digits import check_activation_derivatives, check_backprop, check_SGD, checks, reference
from checker.checks.report import CheckFailure
from checker.datasets import load_digits_for_network


def test_sgd_check_restores_the_students_random_state():
    """Does seeding for a deterministic training run give the global generators back untouched?"""
    np.random.seed(8)
    random.seed(8)
    expected = (np.random.rand(), random.random())
    np.random.seed(8)
    random.seed(8)
    check_SGD(Network)
    assert (np.random.rand(), random.random()) == expected


def test_accuracy_target_is_below_what_the_reference_reaches_on_average():
    """Is the documented target met, with margin, by the reference under the check's training run, on average over starts?"""
    _, testing = load_digits_for_network()
    reached = []
    for seed in (3, 5, 8):
        trained = reference.trained_on_digits(seed, checks.EPOCHS, checks.BATCH, checks.ETA)
        reached.append(reference.evaluate(trained["biases"], trained["weights"], testing) / len(testing))
    assert np.mean(reached) >= checks.ACCURACY_TARGET


def test_backprop_failure_names_the_parameter():
    """Does a wrong gradient name the layer and the entries, and show no expected values?"""
    with pytest.raises(CheckFailure) as failure:
        check_backprop(BUGS["backprop: no σ' in BP1"][1])
    message = str(failure.value)
    assert "nabla_b[0]" in message and "worst entries (yours)" in message


def test_kink_is_explained():
    with pytest.raises(CheckFailure) as failure:
        check_activation_derivatives(*BUGS["relu_prime: 1 everywhere"][1])
    assert "ReLU has a kink there" in str(failure.value)
