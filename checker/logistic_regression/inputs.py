"""Random problems the checks feed to the student's functions (drawn from a check's seeded generator)."""

import numpy as np


def draw_problem(rng, dim=None, m=None):
    """Return w (dim, 1), b, X (dim, m) and Y (1, m): both labels present, b clearly non-zero, m > dim."""
    dim = dim or int(rng.integers(3, 6))
    m = m or int(rng.integers(6, 10))
    w = rng.normal(0.0, 0.5, size=(dim, 1))
    b = float(rng.choice([-1, 1]) * rng.uniform(0.3, 1.0))
    X = rng.normal(0.0, 1.0, size=(dim, m))
    Y = np.zeros((1, m))
    Y[0, rng.permutation(m)[: int(rng.integers(1, m))]] = 1.0
    return w, b, X, Y
