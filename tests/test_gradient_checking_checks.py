"""Assignment 04: what only this assignment's checks need, run in-process as a grade cell runs them."""

import numpy as np
import pytest

import gradient_checking_variants as variants
from checker.assignments.gradient_checking import check_gradient_check, check_gradient_check_n, inputs, reference
from checker.checks.errors import CheckFailure


@pytest.mark.parametrize("weight, order", [(1.0, np.arange(inputs.SIZE)), (2.7, np.random.default_rng(3).permutation(inputs.SIZE))])
def test_panel_wrong_gradients_are_really_wrong(weight, order):
    """Does each subtly wrong gradient of the panel give a large difference, and the true one a small one, whatever the data's
    weight and the order the helpers give the entries in?"""
    theta = 0.3 * np.arange(1, inputs.SIZE + 1).reshape(-1, 1) / inputs.SIZE
    for name in inputs.VECTOR_FUNCTIONS:
        assert reference.panel_gradient_check_n(theta, name, inputs.CORRECT_N, 1e-7, weight, order) < 1e-7
        for label in inputs.WRONG_GRADIENTS:
            assert reference.panel_gradient_check_n(theta, name, label, 1e-7, weight, order) > 1e-3


def test_shipped_backward_pass_is_found_out():
    """Does the planted backward pass differ from centred differences, and the corrected one agree?"""
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(3, 4)), np.array([[1.0, 0.0, 0.0, 1.0]])
    parameters = inputs.random_parameters(rng)
    cache = inputs.forward_propagation_n(X, Y, parameters)[1]
    cost = lambda theta: inputs.forward_propagation_n(X, Y, reference.vector_to_dictionary(theta, inputs.SHAPES))[0]
    theta = reference.dictionary_to_vector(parameters)[0]
    numerical = reference.approximate_gradient(cost, theta, 1e-7)
    planted = reference.gradients_to_vector(reference.backward_propagation_n(X, Y, cache, planted=True))
    fixed = reference.gradients_to_vector(reference.backward_propagation_n(X, Y, cache))
    assert reference.relative_difference(planted, numerical) > 1e-2
    assert reference.relative_difference(fixed, numerical) < 1e-7


def test_students_checker_sees_the_panel_not_the_notebook():
    """Is gradient_check graded on the panel's functions even if the notebook's forward is broken?"""
    original = variants.forward_propagation
    variants.forward_propagation = lambda x, theta: 0.0
    try:
        check_gradient_check(variants.gradient_check_1d())
    finally:
        variants.forward_propagation = original


def test_undiagnosed_wrong_checker_is_still_failed():
    with pytest.raises(CheckFailure):
        check_gradient_check_n(lambda parameters, gradients, X, Y, epsilon=1e-7, print_msg=False: 0.0)
