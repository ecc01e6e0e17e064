"""Reference logistic regression, assembled from the SymPy-derived pieces in checker.symbolic.

Checks compare against these and, to grade one function at a time, call them in place of the
student's helpers (see checker.guard.using_references).
"""

import numpy as np

from checker import symbolic

sigmoid = symbolic.sigmoid


def initialize_with_zeros(dim):
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = w.T @ X + b
    dZ = symbolic.binary_cross_entropy_dz(Z, Y)
    grads = {"dw": X @ dZ.T / m, "db": float(np.mean(dZ))}
    return grads, float(np.mean(symbolic.binary_cross_entropy(Z, Y)))


def descend(w, b, X, Y, num_iterations, learning_rate):
    """Gradient descent; also returns the cost before every update and after the last."""
    w, b = np.array(w, dtype=np.float64), float(b)
    costs, grads = [], None
    for _ in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        costs.append(cost)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
    costs.append(propagate(w, b, X, Y)[1])
    return w, b, grads, costs


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w, b, grads, costs = descend(w, b, X, Y, num_iterations, learning_rate)
    return {"w": w, "b": b}, grads, costs[:num_iterations:100]


def predict(w, b, X):
    return (sigmoid(w.T @ X + b) > 0.5).astype(np.float64)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    return {
        "costs": costs,
        "Y_prediction_test": predict(w, b, X_test),
        "Y_prediction_train": predict(w, b, X_train),
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
