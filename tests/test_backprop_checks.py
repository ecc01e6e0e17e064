"""Assignment 03: how checks are called with an implementation, and what only this assignment needs."""

import functools
import random

import numpy as np
import pytest

from backprop_variants import BUGS, CORRECT, Network
from catalogue import assert_covers, call_check, checks_of
from checker import backprop as suite
from checker.backprop import reference, training
from checker.report import CheckFailure

CHECKS = checks_of(suite.ASSIGNMENT)
run_check = functools.partial(call_check, CHECKS)


def test_catalogue_covers_every_check():
    assert_covers(BUGS, CORRECT, CHECKS, least_bugs=20, least_correct=6)


def test_accuracy_check_restores_the_students_random_state():
    """Does seeding for a deterministic training run give the global generators back untouched?"""
    np.random.seed(8)
    random.seed(8)
    expected = (np.random.rand(), random.random())
    np.random.seed(8)
    random.seed(8)
    suite.check_SGD(Network)
    assert (np.random.rand(), random.random()) == expected


def test_accuracy_target_is_below_what_the_reference_reaches():
    """Is the documented target met, with margin, by the reference under the documented budget?"""
    from checker.datasets import load_digits_for_network

    training_data, testing = load_digits_for_network()
    rng = np.random.default_rng(training.ACCURACY_SEED)
    biases, weights = reference.initial_parameters([64, 30, 10], rng)
    biases, weights = reference.sgd(biases, weights, training_data, training.EPOCHS, training.BATCH, training.ETA, rng)
    assert reference.evaluate(biases, weights, testing) / len(testing) >= training.ACCURACY_TARGET + 0.02


def test_backprop_failure_names_the_parameter():
    """Does a wrong gradient name the layer and the entries, and show no expected values?"""
    with pytest.raises(CheckFailure) as failure:
        suite.check_backprop(BUGS["backprop: no σ' in BP1"][1])
    message = str(failure.value)
    assert "nabla_b[0]" in message and "worst entries (yours)" in message


def test_kink_is_explained():
    with pytest.raises(CheckFailure) as failure:
        suite.check_activation_derivatives(*BUGS["relu_prime: 1 everywhere"][1])
    assert "ReLU has a kink there" in str(failure.value)
