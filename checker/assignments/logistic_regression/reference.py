"""Reference logistic regression, assembled from the SymPy-derived pieces in checker.checks.symbolic.

Staff side only: the student kit has no copy of this module (its checks read recorded results).
"""

import numpy as np

from checker.assignments.logistic_regression.inputs import digits_subset
from checker.checks import symbolic
from checker.checks.remembered import remembered

sigmoid = symbolic.sigmoid


def initialize_with_zeros(dim):
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    Z = w.T @ X + b
    return _gradients(Z, X, Y), float(np.mean(symbolic.binary_cross_entropy(Z, Y)))


def _gradients(Z, X, Y):
    """propagate's grads at Z = wᵀX + b, without its cost (the training runs need only these)."""
    dZ = symbolic.binary_cross_entropy_dz(Z, Y)
    return {"dw": X @ dZ.T / X.shape[1], "db": float(np.mean(dZ))}


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"cost after iteration {i}: {cost:.6f}")
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    return (sigmoid(w.T @ X + b) > 0.5).astype(np.float64)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}


@remembered
def trained_on_digits(subset_seed, num_iterations, learning_rate):
    """w and b after model's training from zeros on the training digits of inputs.digits_subset(subset_seed)."""
    X_train, Y_train, _, _ = digits_subset(subset_seed)
    w, b = initialize_with_zeros(X_train.shape[0])
    for _ in range(num_iterations):  # optimize's steps, to the last bit, without the costs it records
        grads = _gradients(w.T @ X_train + b, X_train, Y_train)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
    return {"w": w, "b": float(b)}


def logistic_path(w, b, X, Y, learning_rate, steps):
    """Gradient descent on the cross-entropy, as optimize takes it: w, b, the cost and the gradients at steps 0..steps.

    The same operations as optimize's, so a correct optimize (or model) lands on these values to the last bit.
    """
    path = {"w": [], "b": [], "cost": [], "dw": [], "db": []}
    w, b = np.array(w, dtype=np.float64), float(b)
    for _ in range(steps + 1):
        grads, cost = propagate(w, b, X, Y)
        for key, value in (("w", w), ("b", b), ("cost", cost), ("dw", grads["dw"]), ("db", grads["db"])):
            path[key].append(value)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
    return path


def descent_path(w, b, H, w_star, h, b_star, learning_rate, steps):
    """Gradient descent on the quadratic bowl that grades optimize: w, b and the cost at steps 0..steps.

    Written with the same operations as the bowl's gradient and a student's update, so a correct
    optimize lands on these values to the last bit.
    """
    path = {"w": [], "b": [], "cost": []}
    w, b = np.array(w, dtype=np.float64), float(b)
    for _ in range(steps + 1):
        d = w - w_star
        path["w"].append(w)
        path["b"].append(b)
        path["cost"].append(float(0.5 * (d.T @ H @ d).item() + 0.5 * h * (b - b_star) ** 2))
        w = w - learning_rate * (H @ d)
        b = b - learning_rate * (h * (b - b_star))
    return path
