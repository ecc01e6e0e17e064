"""Gradients by centred finite differences, and how far apart two gradients are (bands: checker.thresholds)."""

import numpy as np

from checker.thresholds import STEP


def numerical_gradient(f, x, step=STEP):
    """Centred-difference gradient of the scalar function `f` at array `x`, in float64."""
    x = np.array(x, dtype=np.float64)
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + step
        above = float(f(x.copy()))
        x[index] = original - step
        below = float(f(x.copy()))
        x[index] = original
        gradient[index] = (above - below) / (2 * step)
    return gradient


def relative_error(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖), and 0.0 when both are zero."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def worst_entries(a, b, count=3):
    """Indices of the `count` entries where `a` and `b` differ most, largest first."""
    difference = np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))
    order = np.argsort(difference, axis=None)[::-1][:count]
    return [tuple(int(i) for i in np.unravel_index(flat, difference.shape)) for flat in order if difference.flat[flat] > 0]


def numerical_vjp(forward, x, upstream, step=STEP):
    """Gradᵀ·upstream by finite differences: the gradient of Σ forward(x) ⊙ upstream at x."""
    return numerical_gradient(lambda value: np.sum(np.asarray(forward(value), dtype=np.float64) * upstream), x, step)
