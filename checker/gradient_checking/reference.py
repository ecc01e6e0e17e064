"""Reference gradient checkers for assignment 04, and the variants of them students get wrong.

The 3-layer network the notebook provides (LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID, mean binary
cross-entropy) is defined here too, so the notebook and the checks share one copy of it.
"""

import numpy as np

from checker import symbolic


def relu(Z):
    return np.maximum(0, Z)


def forward_propagation_n(X, Y, parameters):
    """(cost, cache) of the provided 3-layer network."""
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3 = symbolic.sigmoid(Z3)
    cost = float(np.mean(symbolic.binary_cross_entropy(Z3, Y)))
    return cost, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


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
    names = []
    layer = 1
    while f"dW{layer}" in gradients:
        names += [f"dW{layer}", f"db{layer}"]
        layer += 1
    return np.concatenate([np.ravel(gradients[k]) for k in names]).reshape(-1, 1)


def relative_difference(grad, gradapprox, mistake=None):
    """‖grad - gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂), or a known wrong version of it."""
    grad, gradapprox = np.asarray(grad, dtype=float), np.asarray(gradapprox, dtype=float)
    norm = np.linalg.norm
    if mistake == "no denominator":
        return float(norm(grad - gradapprox))
    if mistake == "squared norms":
        return float(np.sum((grad - gradapprox) ** 2) / (np.sum(grad**2) + np.sum(gradapprox**2)))
    if mistake == "L1 norm":
        return float(np.sum(np.abs(grad - gradapprox)) / (np.sum(np.abs(grad)) + np.sum(np.abs(gradapprox))))
    return float(norm(grad - gradapprox) / (norm(grad) + norm(gradapprox)))


def approximate_gradient(J, theta, epsilon, mistake=None):
    """Centred differences of J at the column theta, entry by entry, or a known wrong version.

    Mistakes: "one-sided"; "epsilon denominator" (÷ε instead of ÷2ε); "aliased" (theta_plus and
    theta_minus are theta itself, so J_minus is taken at θ); "several at once" (perturbations are
    never undone, so entry i sees all earlier ones); "not restored" (θ perturbed in place and left
    at θᵢ - ε).
    """
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
        divisor = {"one-sided": epsilon, "epsilon denominator": epsilon}.get(mistake, 2 * epsilon)
        gradapprox[i] = (j_plus - j_minus) / divisor
    return gradapprox


APPROXIMATION_MISTAKES = ("one-sided", "epsilon denominator", "aliased", "several at once", "not restored")
DIFFERENCE_MISTAKES = ("no denominator", "squared norms", "L1 norm")


def gradient_check(x, theta, epsilon, forward, backward, mistake=None):
    """The 1-D check: relative difference of backward(x, θ) from the centred difference of forward."""
    J = lambda value: float(forward(x, float(np.ravel(value)[0])))
    approximation = approximate_gradient(J, [theta], epsilon, mistake if mistake in APPROXIMATION_MISTAKES else None)
    return relative_difference(backward(x, theta), approximation[0, 0], mistake if mistake in DIFFERENCE_MISTAKES else None)


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, forward=forward_propagation_n, mistake=None):
    """The relative difference the notebook's gradient_check_n returns, or a known wrong version."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    theta, _ = dictionary_to_vector(parameters)
    J = lambda vector: forward(X, Y, vector_to_dictionary(vector, shapes))[0]
    approximation = approximate_gradient(J, theta, epsilon, mistake if mistake in APPROXIMATION_MISTAKES else None)
    return relative_difference(gradients_to_vector(gradients), approximation, mistake if mistake in DIFFERENCE_MISTAKES else None)
