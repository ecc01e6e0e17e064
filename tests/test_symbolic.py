"""Are the SymPy-derived functions right, and shaped like their inputs?"""

import numpy as np
import pytest
import sympy

from checker.checks import symbolic


def test_sigmoid_derivative_is_sigma_times_one_minus_sigma():
    z = np.linspace(-8, 8, 33)
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(symbolic.sigmoid(z), s, rtol=1e-12)
    np.testing.assert_allclose(symbolic.sigmoid_derivative(z), s * (1 - s), rtol=1e-9, atol=1e-15)


def test_cross_entropy_gradient_is_a_minus_y():
    z = np.random.default_rng(1).normal(size=(2, 5))
    y = (z > 0.3).astype(float)
    np.testing.assert_allclose(symbolic.binary_cross_entropy_dz(z, y), symbolic.sigmoid(z) - y, atol=1e-12)
    a = symbolic.sigmoid(z)
    np.testing.assert_allclose(symbolic.binary_cross_entropy(z, y), -(y * np.log(a) + (1 - y) * np.log(1 - a)), rtol=1e-9)


def test_constant_derivatives_are_broadcast_to_the_input_shape():
    derivative = symbolic.to_numpy(sympy.diff(3 * symbolic.z + 1, symbolic.z), symbolic.z)
    values = derivative(np.zeros((2, 3)))
    assert values.shape == (2, 3) and np.all(values == 3)


@pytest.mark.parametrize("name", sorted(symbolic.ACTIVATIONS))
def test_activation_derivatives_match_finite_differences(name):
    """Away from kinks, is each derived derivative the slope of its activation?"""
    from checker.gradients.numerical import numerical_gradient

    z = np.random.default_rng(2).uniform(-3, 3, size=8)
    z = z[np.abs(z - symbolic.KINKS.get(name, 10.0)) > 1e-3]
    numerical = np.array([numerical_gradient(lambda v: symbolic.activation(name)(v).sum(), np.array(point)) for point in z])
    np.testing.assert_allclose(symbolic.activation_derivative(name)(z), numerical, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", sorted(symbolic.LOSSES))
def test_loss_gradients_match_finite_differences(name):
    from checker.gradients.numerical import numerical_gradient

    rng = np.random.default_rng(3)
    a, target = rng.uniform(0.1, 0.9, size=(4, 1)), np.eye(4)[:, [1]]
    loss = sympy.lambdify(
        (sympy.symbols("a0:4"), sympy.symbols("t0:4")),
        symbolic.LOSSES[name](sympy.symbols("a0:4"), sympy.symbols("t0:4")),
        modules="numpy",
    )
    numerical = numerical_gradient(lambda v: loss(v.ravel(), target.ravel()), a)
    np.testing.assert_allclose(symbolic.loss_gradient(name, 4)(a, target), numerical, rtol=1e-6)


def test_softmax_columns_are_probabilities_even_for_huge_inputs():
    Z = np.array([[1000.0, -5.0], [999.0, 0.0], [0.0, 5.0]])
    probabilities = symbolic.softmax_columns(Z)
    np.testing.assert_allclose(probabilities.sum(axis=0), 1.0)
    assert np.isfinite(probabilities).all() and probabilities[0, 0] > probabilities[1, 0]


def test_softmax_cross_entropy_error_is_a_minus_y():
    Z = np.random.default_rng(4).normal(size=(5, 3))
    Y = np.eye(5)[:, [0, 3, 4]]
    np.testing.assert_allclose(symbolic.softmax_cross_entropy_gradient(Z, Y), symbolic.softmax_columns(Z) - Y, atol=1e-12)
