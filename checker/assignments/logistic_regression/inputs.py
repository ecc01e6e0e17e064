"""The inputs assignment 01's checks feed to the student's functions, drawn from a check's seeded generator."""

import time

import numpy as np

from checker.datasets import load_dataset


def draw_problem(rng, dim=None, m=None):
    """w (dim, 1), b, X (dim, m) and Y (1, m): both labels present, b clearly non-zero, m > dim.

    By default m ≥ dim + 2, so that dividing by the rows of X (dim) instead of m shows, and no off-by-one in m looks like it.
    """
    dim = dim or int(rng.integers(3, 5))
    m = m or int(rng.integers(6, 10))
    w = rng.normal(0.0, 0.5, size=(dim, 1))
    b = float(rng.choice([-1, 1]) * rng.uniform(0.3, 1.0))
    X = rng.normal(0.0, 1.0, size=(dim, m))
    Y = np.zeros((1, m))
    Y[0, rng.permutation(m)[: int(rng.integers(1, m))]] = 1.0
    return w, b, X, Y


def draw_bowl(rng, dim):
    """A random quadratic bowl: H positive definite, its minimum at (w*, b*); the stand-in for propagate."""
    root = rng.normal(size=(dim, dim)) / np.sqrt(dim)
    return root @ root.T + 0.05 * np.eye(dim), rng.normal(size=(dim, 1)), float(rng.uniform(0.5, 2)), float(rng.normal())


def problem_with_margins(rng):
    """w, b, X whose activations include values just above 0.5, so thresholds on Z are caught."""
    w, b, X, _ = draw_problem(rng, m=10)
    targets = rng.uniform(-3, 3, size=X.shape[1])
    targets[:3] = rng.uniform(0.05, 0.45, size=3)  # 0 < z <= 0.5: A > 0.5 but z < 0.5
    X = X + w * (targets - (w.T @ X + b).ravel()) / (w.T @ w).item()
    return w, b, X


def model_data(rng):
    """X_train, Y_train, X_test, Y_test: small and random, the test set smaller than the training set."""
    _, _, X_train, Y_train = draw_problem(rng, dim=3, m=9)
    _, _, X_test, Y_test = draw_problem(rng, dim=3, m=6)
    return X_train, Y_train, X_test, Y_test


def digits_prepared():
    """The default dataset, flattened and scaled as the notebook teaches."""
    train_x, train_y, test_x, test_y, _ = load_dataset()
    return train_x.reshape(train_x.shape[0], -1).T / 255.0, train_y, test_x.reshape(test_x.shape[0], -1).T / 255.0, test_y


def digits_subset(seed, share=0.8):
    """The prepared digits with a random `share` of the training examples, drawn with `seed`; the test set whole."""
    X_train, Y_train, X_test, Y_test = digits_prepared()
    keep = np.sort(np.random.default_rng(seed).permutation(X_train.shape[1])[: int(share * X_train.shape[1])])
    return X_train[:, keep], Y_train[:, keep], X_test, Y_test


def vectorised_seconds(X, steps):
    """How long `steps` steps of gradient descent on X take here when each computes all the examples at once.

    Timed on the work such a step does (the products, the exponential and the logarithms over the examples, the
    elementwise arithmetic between them), with made-up parameters and labels: no one's code and no answer.
    """
    v, row = np.full((X.shape[0], 1), 0.01), np.full((1, X.shape[1]), 0.5)
    np.log(np.exp(-(v.T @ X)))  # the first use of these operations in a process costs more than the others
    started = time.perf_counter()
    for _ in range(max(1, int(steps))):
        a = 1 / (1 + np.exp(-(v.T @ X + 0.1)))
        np.mean(row * np.log(a) + (1 - row) * np.log(1 - a)), X @ (a - row).T / X.shape[1], np.sum(a - row) / X.shape[1]
        v = v - 0.0 * v
    return time.perf_counter() - started
