"""Stand-ins that run beside the student's code: they compute only what a student could compute anyway.

A check grades one function with stand-ins for the functions it calls. Stand-ins that observe
how the student's code calls them (journals, spies) stay with the judge, because a sandboxed
process could forge their records. The ones here are plain functions of their arguments (the
gradient of a quadratic, the helpers of a gradient checker on a panel function) and loops that
call the student's code with the judge's inputs; they hold no answer, record nothing and decide
nothing: the judge compares what comes back with its own results. Running them beside the
student's code saves thousands of round trips to the judge.
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
    """gradient_check_n's helpers for one panel case, answering with the case's own values, and a panel function for a network.

    Parameters travel as a token: vector_to_dictionary wraps θ, forward_propagation_n unwraps it and
    returns the panel function (NumPy source in t0, t1, ...) there, scaled by 2 when X or Y are not
    the case's own, as a real network's cost would change with other data. dictionary_to_vector and
    gradients_to_vector give the case's θ and gradient column for the case's own dictionaries, and
    NaN for anything else. So every argument gradient_check_n passes on shows in the value it
    returns, and no helper of the exercise is implemented here.
    """

    def __init__(self, cost, case):
        self._cost, self.case = cost, case
        self.theta, self.gradient = np.asarray(case["theta"], dtype=np.float64), np.asarray(case["gradient"], dtype=np.float64)

    def dictionary_to_vector(self, parameters):
        theta = self.theta if _same_values(parameters, self.case["parameters"]) else np.full_like(self.theta, np.nan)
        return theta.copy(), list(self.case["keys"])

    def gradients_to_vector(self, gradients):
        return (self.gradient if _same_values(gradients, self.case["gradients"]) else np.full_like(self.gradient, np.nan)).copy()

    def vector_to_dictionary(self, theta, shapes):
        return {"θ": np.array(theta, dtype=np.float64).reshape(-1, 1)}

    def forward_propagation_n(self, X, Y, parameters):
        if isinstance(parameters, dict) and "θ" in parameters:
            theta = np.asarray(parameters["θ"], dtype=np.float64)
        else:  # the case's own parameters, not rebuilt from θ: the cost there, whichever θ was meant
            theta = self.theta if _same_values(parameters, self.case["parameters"]) else np.full_like(self.theta, np.nan)
        same_data = _same(X, self.case["X"]) and _same(Y, self.case["Y"])
        return float(self._cost(*theta.ravel())) * (1.0 if same_data else 2.0), None

    def named(self):
        return {name: getattr(self, name) for name in HELPER_NAMES}


HELPER_NAMES = ("dictionary_to_vector", "gradients_to_vector", "vector_to_dictionary", "forward_propagation_n")


class PanelRunner:
    """Calls a student's gradient_check_n on every panel case in one request, lending it each case's stand-ins.

    `costs` maps a panel function's name to its NumPy source in t0, t1, ...; a case is plain data:
    {"function", "parameters", "gradients", "X", "Y", "epsilon", "theta", "gradient", "keys"}. It
    returns the values gradient_check_n returned; the judge compares them with its own and decides.
    """

    def __init__(self, costs, size):
        names = ", ".join(f"t{k}" for k in range(int(size)))
        # The judge's own text (SymPy's printout), compiled once for all cases.
        self.costs = {name: eval(f"lambda {names}: {source}", {"numpy": np, "__builtins__": {}}) for name, source in costs.items()}

    def run(self, gradient_check_n, cases):
        namespace = getattr(getattr(gradient_check_n, "__func__", gradient_check_n), "__globals__", {})
        saved = {name: namespace.get(name, _ABSENT) for name in HELPER_NAMES}
        try:
            values = []
            for case in cases:
                namespace.update(PanelStandIns(self.costs[case["function"]], case).named())
                fresh = lambda value: {k: np.array(v) for k, v in value.items()} if isinstance(value, dict) else np.array(value)
                values.append(gradient_check_n(fresh(case["parameters"]), fresh(case["gradients"]), fresh(case["X"]), fresh(case["Y"]),
                                               epsilon=case["epsilon"], print_msg=False))
            return values
        finally:
            for name, value in saved.items():
                namespace.pop(name, None) if value is _ABSENT else namespace.__setitem__(name, value)


_ABSENT = object()


def _same(value, wanted):
    """Whether `value` holds the same numbers as `wanted`."""
    try:
        value, wanted = np.asarray(value, dtype=np.float64), np.asarray(wanted, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return value.shape == wanted.shape and bool(np.array_equal(value, wanted))


def _same_values(value, wanted):
    """Whether a dictionary holds the same keys, in order, with the same numbers as `wanted`."""
    return isinstance(value, dict) and list(value) == list(wanted) and all(_same(value[k], v) for k, v in wanted.items())


class OneDimensionalRunner:
    """Calls a student's 1-D gradient_check on every panel case in one request, lending it each case's J and dJ/dθ.

    `sources` maps a panel function's name to NumPy source in x and theta for J and for dJ/dθ; a case is
    plain data: {"function", "scale", "x", "theta", "epsilon"}, its derivative scaled by `scale` (1.1
    for the panel's wrong derivative). It returns the values gradient_check returned; the judge decides.
    """

    def __init__(self, sources):
        compile_ = lambda source: eval(f"lambda x, theta: {source}", {"numpy": np, "__builtins__": {}})  # the judge's own text
        self.functions = {name: (compile_(J), compile_(derivative)) for name, (J, derivative) in sources.items()}

    def run(self, gradient_check, cases):
        namespace = getattr(getattr(gradient_check, "__func__", gradient_check), "__globals__", {})
        names = ("forward_propagation", "backward_propagation")
        saved = {name: namespace.get(name, _ABSENT) for name in names}
        try:
            values = []
            for case in cases:
                J, derivative = self.functions[case["function"]]
                scale = float(case["scale"])
                namespace["forward_propagation"] = lambda x, theta, J=J: float(J(float(x), float(theta)))
                namespace["backward_propagation"] = lambda x, theta, d=derivative: scale * float(d(float(x), float(theta)))
                values.append(gradient_check(case["x"], case["theta"], epsilon=case["epsilon"]))
            return values
        finally:
            for name, value in saved.items():
                namespace.pop(name, None) if value is _ABSENT else namespace.__setitem__(name, value)


class MiniBatchLoop:
    """The judge's stochastic gradient descent, run beside the student's code: update_mini_batch on each mini-batch in turn.

    The mini-batches (index lists into the built-in digits' training set) and eta come from the judge;
    the judge reads the network's parameters afterwards and decides. One request instead of one per batch.
    """

    def __init__(self, batches, eta):
        self.batches, self.eta = [[int(i) for i in batch] for batch in batches], float(eta)

    def run(self, net, start, stop):
        from checker.datasets import load_digits_for_network

        training, _ = load_digits_for_network()
        for batch in self.batches[int(start) : int(stop)]:
            net.update_mini_batch([training[i] for i in batch], self.eta)


KINDS = {"QuadraticBowl": QuadraticBowl, "PanelRunner": PanelRunner, "OneDimensionalRunner": OneDimensionalRunner,
         "MiniBatchLoop": MiniBatchLoop}
