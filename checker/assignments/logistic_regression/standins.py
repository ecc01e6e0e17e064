"""Judge-side stand-ins for assignment 01: lent to the student's model and optimize in place of their helpers, they record how they are called.

They stay with the judge (in the sandbox the student's code gets proxies whose calls cross to here),
so what they record cannot be forged by the code being graded.
"""

import numpy as np

from checker.checks import symbolic
from checker.checks.guard import CallLog
from checker.sandbox.standins import QuadraticBowl


class ModelStandIns:
    """Stand-ins for model's helpers: each returns values drawn here and records how it was called."""

    def __init__(self, run, dim, m_train, m_test):
        rng = run.rng
        self.start = (rng.normal(size=(dim, 1)), float(rng.normal()))
        self.trained = {"w": rng.normal(size=(dim, 1)), "b": float(rng.normal())}
        self.grads = {"dw": rng.normal(size=(dim, 1)), "db": float(rng.normal())}
        self.costs = [float(c) for c in rng.uniform(0.1, 1.0, size=4)]
        self.labels = {m_train: (rng.uniform(size=(1, m_train)) > 0.5).astype(float), m_test: (rng.uniform(size=(1, m_test)) > 0.5).astype(float)}
        self.calls = {name: CallLog(run, name, calls=100) for name in ("initialize_with_zeros", "optimize", "predict")}

    def initialize_with_zeros(self, dim):
        self.calls["initialize_with_zeros"].add(dim)
        return self.start[0].copy(), self.start[1]

    def optimize(self, w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        self.calls["optimize"].add(dict(w=w, b=b, X=X, Y=Y, num_iterations=num_iterations, learning_rate=learning_rate))
        return {"w": self.trained["w"].copy(), "b": self.trained["b"]}, dict(self.grads), list(self.costs)

    def predict(self, w, b, X):
        self.calls["predict"].add(dict(w=w, b=b, X=X))
        columns = np.shape(X)[1] if np.ndim(X) == 2 else 0
        return self.labels.get(columns, np.zeros((1, 0))).copy()  # data of another size: no labels to give

    def helpers(self):
        return {"initialize_with_zeros": self.initialize_with_zeros, "optimize": self.optimize, "predict": self.predict,
                "sigmoid": symbolic.sigmoid}


class BowlStandIn:
    """propagate for a short watched run of optimize: a quadratic bowl's gradient, noting the w of every call."""

    def __init__(self, run, bowl, calls):
        self.asked, self.gradient = CallLog(run, "propagate", calls=calls), QuadraticBowl(*bowl)

    def propagate(self, w, b, X, Y):
        self.asked.add(np.asarray(w, dtype=np.float64))
        return self.gradient(w, b, X, Y)
