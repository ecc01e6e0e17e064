"""Reference gradient checkers and vector helpers for assignment 04, and the corrected backward pass.

Staff side only: the student kit has no copy of this module (its checks read recorded results).
"""

import numpy as np

from checker.assignments.gradient_checking import inputs
from checker.checks.remembered import remembered


def backward_propagation_n(X, Y, cache, planted=False):
    """Correct gradients of the provided network; with planted=True, the two bugs the notebook ships."""
    m = X.shape[1]
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = dZ3.sum(axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m * (2 if planted else 1)
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) * (4 if planted else 1) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def dictionary_to_vector(parameters):
    theta = np.concatenate([np.ravel(parameters[k]) for k in parameters]).reshape(-1, 1)
    keys = [k for k in parameters for _ in range(np.size(parameters[k]))]
    return theta, keys


def vector_to_dictionary(theta, shapes):
    parameters, start = {}, 0
    for name, shape in shapes.items():
        size = int(np.prod(shape))
        parameters[name] = np.asarray(theta).ravel()[start : start + size].reshape(shape)
        start += size
    return parameters


def gradients_to_vector(gradients):
    names, layer = [], 1
    while f"dW{layer}" in gradients:
        names += [f"dW{layer}", f"db{layer}"]
        layer += 1
    return np.concatenate([np.ravel(gradients[k]) for k in names]).reshape(-1, 1)


def relative_difference(grad, gradapprox):
    """‖grad - gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂)."""
    grad, gradapprox = np.asarray(grad, dtype=float), np.asarray(gradapprox, dtype=float)
    return float(np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))


def approximate_gradient(J, theta, epsilon):
    """Centred differences of J at the column theta, entry by entry."""
    theta = np.array(theta, dtype=float).reshape(-1, 1)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        gradapprox[i] = (J(plus) - J(minus)) / (2 * epsilon)
    return gradapprox


def panel_gradient_check(x, theta, epsilon, name, label):
    """What the 1-D gradient_check returns on the panel function `name`, with its correct or wrong derivative."""
    J, _ = inputs.one_dimensional(name)
    approximation = approximate_gradient(lambda value: float(J(x, float(np.ravel(value)[0]))), [theta], epsilon)
    return relative_difference(float(inputs.derivative_1d(name, label)(x, theta)), approximation[0, 0])


@remembered
def panel_gradient_check_n(theta, name, label, epsilon, weight, order):
    """What gradient_check_n returns on a panel case: the vector panel function `name` at θ, with its correct or a wrong gradient,
    the cost times the data's weight and the entries in the case's order."""
    cost, theta, gradient = inputs.as_the_helpers_give_it(name, label, theta, weight, order)
    return relative_difference(gradient, approximate_gradient(cost, theta, epsilon))
