"""Assignment 01's recognised mistakes, each written as the mistaken computation (staff side only).

MISTAKES maps a graded function's name to {diagnosis id: implementation with that one mistake}.
Checks ask `run.mistakes.propagate(w, b, X, Y)` and compare the student's result with each.
"""

import numpy as np

from checker.assignments.logistic_regression import messages as say
from checker.assignments.logistic_regression.reference import propagate
from checker.checks import symbolic


def _propagate_with(cost=None, dw=None):
    """propagate with its cost or its dw computed another way (functions of w, b, X, Y, A)."""
    def mistaken(w, b, X, Y):
        grads, right_cost = propagate(w, b, X, Y)
        A = symbolic.sigmoid(w.T @ X + b)
        if dw is not None:
            grads["dw"] = dw(w, b, X, Y, A)
        return grads, cost(w, b, X, Y, A) if cost is not None else right_cost
    return mistaken


def _no_bias_activation(w, b, X, Y, A):
    return symbolic.sigmoid(w.T @ X)


MISTAKES = {
    "propagate": {
        say.COST_SWAPPED.id: _propagate_with(cost=lambda w, b, X, Y, A: float(np.mean(-(Y * np.log(1 - A) + (1 - Y) * np.log(A))))),
        say.COST_NO_BIAS.id: _propagate_with(cost=lambda w, b, X, Y, A: float(np.mean(symbolic.binary_cross_entropy(w.T @ X, Y)))),
        say.COST_HALF.id: _propagate_with(cost=lambda w, b, X, Y, A: float(np.mean(-Y * np.log(A)))),
        say.COST_SQUARED.id: _propagate_with(cost=lambda w, b, X, Y, A: float(np.mean((A - Y) ** 2))),
        say.COST_SQUARED.id + "_halved": _propagate_with(cost=lambda w, b, X, Y, A: float(np.mean((A - Y) ** 2) / 2)),
        say.DW_NO_BIAS.id: _propagate_with(dw=lambda w, b, X, Y, A: X @ (_no_bias_activation(w, b, X, Y, A) - Y).T / X.shape[1]),
        say.DW_USED_Z.id: _propagate_with(dw=lambda w, b, X, Y, A: X @ (w.T @ X + b - Y).T / X.shape[1]),
        say.DW_SQUARED.id: _propagate_with(dw=lambda w, b, X, Y, A: X @ ((A - Y) * A * (1 - A)).T / X.shape[1]),
        say.DW_SQUARED.id + "_doubled": _propagate_with(dw=lambda w, b, X, Y, A: 2 * X @ ((A - Y) * A * (1 - A)).T / X.shape[1]),
    },
    "predict": {
        say.THRESHOLD_ON_Z.id: lambda w, b, X: (w.T @ X + b > 0.5).astype(np.float64),
    },
}
