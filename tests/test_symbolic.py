"""Are the SymPy-derived functions right, and shaped like their inputs?"""

import numpy as np
import sympy

from checker import symbolic


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
