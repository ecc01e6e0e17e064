"""Stand-ins that run beside the student's code: they compute only what a student could compute anyway.

A check grades one function with stand-ins for the functions it calls. Stand-ins that observe
how the student's code calls them (journals, spies) stay with the judge, because a sandboxed
process could forge their records. The ones here are plain functions of their arguments (the
gradient of a quadratic, the cost of a panel function), hold no answer, and decide nothing: running
them beside the student's code saves thousands of round trips to the judge.
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


class PanelStandIns:
    """Stand-ins for gradient_check_n's helpers and network, on one panel function of θ.

    Parameters travel as tokens: vector_to_dictionary wraps θ, forward_propagation_n unwraps it
    and returns the panel function's cost (given as NumPy source in t0, t1, ...), so only the
    student's checker itself is graded. `unbuilt` notes a call of forward_propagation_n with a
    dictionary that vector_to_dictionary did not make.
    """

    def __init__(self, parameters, theta, gradient, keys, cost_source, gradients, X, Y):
        self.theta, self.gradient, self.keys = np.asarray(theta, dtype=np.float64), np.asarray(gradient, dtype=np.float64), list(keys)
        self.given = {"parameters": parameters, "gradients": gradients, "X": X, "Y": Y}
        self.misrouted = []  # the names of gradient_check_n's arguments that did not reach its helpers
        names = ", ".join(f"t{k}" for k in range(self.theta.size))
        self._cost = eval(f"lambda {names}: {cost_source}", {"numpy": np, "__builtins__": {}})  # the judge's own text
        self.unbuilt = False

    def cost(self, theta):
        return float(self._cost(*np.asarray(theta, dtype=np.float64).ravel()))

    def _expect(self, name, value):
        if not _same(value, self.given[name]):
            self.misrouted.append(name)

    def dictionary_to_vector(self, parameters):
        self._expect("parameters", parameters)
        return self.theta.copy(), list(self.keys)

    def gradients_to_vector(self, gradients):
        self._expect("gradients", gradients)
        return self.gradient.copy()

    def vector_to_dictionary(self, theta, shapes):
        return {"θ": np.array(theta, dtype=np.float64).reshape(-1, 1)}

    def forward_propagation_n(self, X, Y, parameters):
        self._expect("X", X)
        self._expect("Y", Y)
        if isinstance(parameters, dict) and "θ" in parameters:
            return self.cost(parameters["θ"]), None
        if not (isinstance(parameters, dict) and all(np.array_equal(parameters.get(k), v) for k, v in self.given["parameters"].items())):
            self.unbuilt = True
        return self.cost(self.theta), None


def _same(value, wanted):
    """Whether a helper received what gradient_check_n was given: equal arrays, or a dictionary of equal arrays."""
    if isinstance(wanted, dict):
        return isinstance(value, dict) and list(value) == list(wanted) and all(_same(value[k], v) for k, v in wanted.items())
    try:
        return np.array_equal(np.asarray(value, dtype=np.float64), wanted)
    except (TypeError, ValueError):
        return False


KINDS = {"QuadraticBowl": QuadraticBowl, "PanelStandIns": PanelStandIns}
