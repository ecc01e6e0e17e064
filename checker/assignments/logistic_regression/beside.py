"""Assignment 01's stand-ins that run beside the student's code, in the sandbox: plain functions of their arguments.

The sandbox's fork server imports this module (it imports only NumPy): nothing here holds an answer,
records a call or decides anything; the judge compares what comes back with its own results.
"""

import numpy as np


class QuadraticBowl:
    """A stand-in for propagate: the gradient of J(w, b) = ½(w - w*)ᵀH(w - w*) + ½h(b - b*)², H positive definite, (w*, b*) moved by the data."""

    def __init__(self, H, w_star, h, b_star):
        self.H, self.w_star, self.h, self.b_star = (np.asarray(H, dtype=np.float64), np.asarray(w_star, dtype=np.float64),
                                                    float(h), float(b_star))

    def minimum(self, X, Y):
        """Where the bowl bottoms out for this data: (w*, b*) moved by XYᵀ/m and mean(Y), so X and Y matter as in propagate."""
        X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
        return self.w_star + X @ Y.T / X.shape[1], self.b_star + float(np.mean(Y))

    def __call__(self, w, b, X, Y):
        w, b = np.asarray(w, dtype=np.float64), float(np.asarray(b, dtype=np.float64))
        w_star, b_star = self.minimum(X, Y)
        d = w - w_star
        grads = {"dw": self.H @ d, "db": self.h * (b - b_star)}
        return grads, float(0.5 * (d.T @ self.H @ d).item() + 0.5 * self.h * (b - b_star) ** 2)


# What the judge may build here, by name (checker.checks.guard.beside).
KINDS = {"QuadraticBowl": QuadraticBowl}
