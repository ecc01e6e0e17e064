"""Assignment 03: what only this assignment's checks need, run in-process as a grade cell runs them."""

import random
import zlib

import numpy as np
import pytest

from backprop_digits_variants import BUGS, Network, NielsenNetwork
from catalogue import run_in_sandbox
from checker.assignments.backprop_digits import ASSIGNMENT, check_activation_derivatives, check_backprop, check_SGD, checks, reference
from checker.checks import seeds
from checker.checks.errors import CheckFailure
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


def test_accuracy_failure_quotes_the_test_accuracy_of_both_runs(sandbox):
    """Does a long run that ends elsewhere quote the student's test accuracy and the reference's, on the check's own start
    (under the public seed: under a hidden one the student's values stay out of messages)?"""
    with pytest.raises(CheckFailure) as failure:
        run_in_sandbox(sandbox, ASSIGNMENT, "accuracy", BUGS["accuracy: eta halved after 100 mini-batches"][1], seed=seeds.PUBLIC_SEED)
    start = np.random.default_rng([seeds.PUBLIC_SEED, zlib.crc32(b"accuracy")]).integers(2**31)
    _, testing = load_digits_for_network()
    trained = reference.trained_on_digits(int(start), checks.EPOCHS, checks.BATCH, checks.ETA)
    reached = reference.evaluate(trained["biases"], trained["weights"], testing) / len(testing)
    assert f"where the same run of gradient descent classifies {reached:.1%}" in str(failure.value)


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


def test_a_shuffle_in_place_passes_with_the_same_note_under_every_seed(sandbox):
    """Does Nielsen's SGD, which shuffles the caller's list in place, pass with one note naming that list, the same under
    the public seed and a hidden one, and does the notebook's SGD, which shuffles a copy, get no note?"""
    notes = [run_in_sandbox(sandbox, ASSIGNMENT, "SGD", NielsenNetwork, seed=seed) for seed in (seeds.PUBLIC_SEED, 2**40 + 12345)]
    assert notes[0] == notes[1] and len(notes[0]) == 1 and "`training_data`" in notes[0][0]
    assert run_in_sandbox(sandbox, ASSIGNMENT, "SGD", Network, seed=seeds.PUBLIC_SEED) == []
