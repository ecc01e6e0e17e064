"""Assignment 04's recognised mistakes: gradient checkers with one mistake each (staff side only).

MISTAKES maps a computation's name to {diagnosis id: implementation with that one mistake}.
"""

import numpy as np

from checker.assignments.gradient_checking import inputs
from checker.assignments.gradient_checking import messages as say
from checker.assignments.gradient_checking.reference import relative_difference
from checker.checks.remembered import remembered


def approximate_gradient(J, theta, epsilon, mistake):
    """Differences of J at the column theta with one mistake: "one-sided"; "epsilon denominator" (÷ε);
    "aliased" (theta_plus and theta_minus are theta itself, so J_minus is taken at θ); "several at once"
    (perturbations never undone); "not restored" (θ perturbed in place and left at θᵢ - ε)."""
    theta = np.array(theta, dtype=float).reshape(-1, 1)
    gradapprox = np.zeros_like(theta)
    working, plus_all, minus_all = theta.copy(), theta.copy(), theta.copy()
    for i in range(theta.shape[0]):
        if mistake == "aliased":
            working[i] += epsilon
            j_plus = J(working)
            working[i] -= epsilon
            j_minus = J(working)
        elif mistake == "several at once":
            plus_all[i] += epsilon
            minus_all[i] -= epsilon
            j_plus, j_minus = J(plus_all), J(minus_all)
        elif mistake == "not restored":
            working[i] += epsilon
            j_plus = J(working)
            working[i] -= 2 * epsilon
            j_minus = J(working)
        else:
            plus, minus = theta.copy(), theta.copy()
            plus[i] += epsilon
            minus[i] -= epsilon
            j_plus, j_minus = J(plus), J(minus if mistake != "one-sided" else theta)
        gradapprox[i] = (j_plus - j_minus) / (epsilon if mistake in ("one-sided", "epsilon denominator") else 2 * epsilon)
    return gradapprox


DIFFERENCES = {
    "no denominator": lambda g, a: float(np.linalg.norm(g - a)),
    "squared norms": lambda g, a: float(np.sum((g - a) ** 2) / (np.sum(g**2) + np.sum(a**2))),
    "L1 norm": lambda g, a: float(np.sum(np.abs(g - a)) / (np.sum(np.abs(g)) + np.sum(np.abs(a)))),
}
APPROXIMATIONS = ("one-sided", "epsilon denominator", "aliased", "several at once", "not restored")


def _checker(difference_of, approximation_of):
    """A gradient checker from its two halves: how it approximates, how it measures the difference."""
    def mistaken_gradient_check(x, theta, epsilon, name, label):
        J, _ = inputs.one_dimensional(name)
        approximation = approximation_of(lambda value: float(J(x, float(np.ravel(value)[0]))), [theta], epsilon)
        grad = np.atleast_1d(float(inputs.derivative_1d(name, label)(x, theta)))
        return difference_of(grad, approximation[0])

    def mistaken_gradient_check_n(theta, name, label, epsilon, weight, order):
        cost, theta, gradient = inputs.as_the_helpers_give_it(name, label, theta, weight, order)
        return difference_of(gradient, approximation_of(cost, theta, epsilon))

    return mistaken_gradient_check, mistaken_gradient_check_n


def _variants():
    variants = {}
    for mistake in APPROXIMATIONS:
        variants[say.MISTAKES[mistake].id] = _checker(relative_difference, lambda J, t, e, mistake=mistake: approximate_gradient(J, t, e, mistake))
    for mistake, difference in DIFFERENCES.items():
        variants[say.MISTAKES[mistake].id] = _checker(difference, lambda J, t, e: approximate_gradient(J, t, e, None))
    return variants


_VARIANTS = _variants()
MISTAKES = {
    "panel_gradient_check": {mistake: pair[0] for mistake, pair in _VARIANTS.items()},
    # The same panel for every submission of a class (its seeds are the same): each mistaken checker computed once.
    "panel_gradient_check_n": {mistake: remembered(pair[1]) for mistake, pair in _VARIANTS.items()},
}
