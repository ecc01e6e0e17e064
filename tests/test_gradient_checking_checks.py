"""Assignment 04: how checks are called with an implementation, and what only this assignment needs."""

import functools

import pytest

from catalogue import assert_covers, call_check, checks_of
from checker import gradient_checking as suite
from checker.gradient_checking import panel, reference
from checker.report import CheckFailure
from gradient_checking_variants import BUGS, CORRECT

CHECKS = checks_of(suite.ASSIGNMENT)
run_check = functools.partial(call_check, CHECKS)


def test_catalogue_covers_every_check():
    assert_covers(BUGS, CORRECT, CHECKS, least_bugs=15, least_correct=5)


def test_panel_wrong_gradients_are_really_wrong():
    """Does each subtly wrong gradient of the panel give a large difference, and the true one a small one?"""
    parameters = {name: 0.3 * (i + 1) * __import__("numpy").ones(shape) for i, (name, shape) in enumerate(panel.SHAPES.items())}
    theta = reference.dictionary_to_vector(parameters)[0]
    for name in ("tanh chain", "log-sum-exp"):
        cost, gradient = panel.vector_function(name)
        forward = panel.as_forward(cost, reference)
        true = panel.as_gradients(gradient(theta), reference)
        assert reference.gradient_check_n(parameters, true, None, None, forward=forward) < 1e-7
        for change in panel.WRONG_GRADIENTS.values():
            wrong = panel.as_gradients(change(gradient(theta)), reference)
            assert reference.gradient_check_n(parameters, wrong, None, None, forward=forward) > 1e-3


def test_shipped_backward_pass_is_found_out_by_the_reference_checker():
    import numpy as np

    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(3, 4)), np.array([[1.0, 0.0, 0.0, 1.0]])
    parameters = {name: rng.normal(size=shape) for name, shape in panel.SHAPES.items()}
    cache = reference.forward_propagation_n(X, Y, parameters)[1]
    assert reference.gradient_check_n(parameters, reference.backward_propagation_n(X, Y, cache, planted=True), X, Y) > 1e-2
    assert reference.gradient_check_n(parameters, reference.backward_propagation_n(X, Y, cache), X, Y) < 1e-7


def test_students_checker_sees_the_panel_not_the_notebook():
    """Is gradient_check graded on the panel's functions even if the notebook's forward is broken?"""
    import gradient_checking_variants as variants

    original = variants.forward_propagation
    variants.forward_propagation = lambda x, theta: 0.0
    try:
        suite.check_gradient_check(variants.gradient_check_1d())
    finally:
        variants.forward_propagation = original


def test_undiagnosed_wrong_checker_is_still_failed():
    with pytest.raises(CheckFailure):
        suite.check_gradient_check_n(lambda parameters, gradients, X, Y, epsilon=1e-7, print_msg=False: 0.0)
