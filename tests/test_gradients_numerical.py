"""Do finite differences and complex steps agree with SymPy's exact derivatives, and is the error measure right?"""

import numpy as np
import pytest
import sympy

from checker.gradients import numerical as gradcheck
from checker.gradients.complex_step import complex_step_gradient

x1, x2, x3 = sympy.symbols("x1 x2 x3", real=True)
FUNCTIONS = [
    x1**2 * x2 + sympy.sin(x3),
    sympy.log(1 + sympy.exp(x1 - 2 * x2)) + x3**3,
    sympy.tanh(x1 * x2 * x3),
]


def function_point_and_gradient(expression, seed):
    """f of a vector (x1, x2, x3), a random point, and SymPy's exact gradient there."""
    symbols = (x1, x2, x3)
    f = sympy.lambdify(symbols, expression, modules="numpy")
    exact = [sympy.lambdify(symbols, sympy.diff(expression, s), modules="numpy") for s in symbols]
    point = np.random.default_rng(seed).normal(size=3)
    return (lambda v: f(*v)), point, np.array([g(*point) for g in exact], dtype=float)


@pytest.mark.parametrize("expression", FUNCTIONS, ids=str)
def test_numerical_gradient_matches_sympy(expression):
    f, point, analytic = function_point_and_gradient(expression, 0)
    assert gradcheck.relative_error(gradcheck.numerical_gradient(f, point), analytic) < 1e-8


@pytest.mark.parametrize("expression", FUNCTIONS, ids=str)
def test_complex_step_reaches_machine_precision(expression):
    """Is the complex step exact to round-off, where centred differences stop near 1e-10?"""
    f, point, analytic = function_point_and_gradient(expression, 1)
    assert gradcheck.relative_error(complex_step_gradient(f, point), analytic) < 1e-14


def test_numerical_gradient_keeps_shape_and_does_not_touch_input():
    x = np.arange(6.0).reshape(3, 2)
    before = x.copy()
    gradient = gradcheck.numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert gradient.shape == x.shape
    np.testing.assert_allclose(gradient, 2 * before, rtol=1e-8)
    np.testing.assert_array_equal(x, before)


def test_relative_error_is_scale_free_and_zero_for_zeros():
    a = np.array([1.0, 2.0, 3.0])
    assert gradcheck.relative_error(a, a) == 0.0
    assert gradcheck.relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert gradcheck.relative_error(a, 2 * a) == pytest.approx(1 / 3)
    assert gradcheck.relative_error(1e-9 * a, 2e-9 * a) == pytest.approx(1 / 3)
    assert gradcheck.relative_error(a, -a) == pytest.approx(1.0)


def test_worst_entries_are_ordered_and_skip_exact_matches():
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    b = np.array([[1.0, 2.5], [0.0, 4.0]])
    assert gradcheck.worst_entries(a, b) == [(1, 0), (0, 1)]
