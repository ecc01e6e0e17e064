"""Stand-ins that run beside the student's code: they compute only what a student could compute anyway.

A check grades one function with stand-ins for the functions it calls. Stand-ins that observe
how the student's code calls them (journals, spies) stay with the judge, because a sandboxed
process could forge their records. The ones here are plain functions of their arguments (the
gradient of a quadratic, the helpers of a gradient checker on a panel function) and loops that
call the student's code with the judge's inputs; they hold no answer, record nothing and decide
nothing: the judge compares what comes back with its own results. Running them beside the
student's code saves thousands of round trips to the judge.
"""

import logging

import numpy as np

_log = logging.getLogger(__name__)


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
    """gradient_check_n's helpers for one panel case: plain functions of their arguments, as the notebook's are.

    θ holds the parameters' entries in the case's own order (a shuffle of the notebook's, so no helper of
    the exercise is written out here); vector_to_dictionary wraps θ in a dictionary that
    forward_propagation_n unwraps, and forward_propagation_n also prices a dictionary of parameters
    itself. Its cost is the panel function of θ times data_weight(X, Y), so X and Y matter as in a
    network. Nothing here compares an argument with the case's: what gradient_check_n passes on shows
    only in the numbers it gets back, and the judge compares what it returns.
    """

    def __init__(self, cost, keys, order):
        self._cost, self.order = cost, np.asarray(order, dtype=np.intp)
        self.keys = [keys[i] for i in self.order]
        self.names = list(dict.fromkeys(keys))  # the parameters' names, in the notebook's order

    def _column(self, values, names):
        """The entries of values[name] for each name, in the case's order; NaN where values holds no such numbers."""
        try:
            column = np.concatenate([np.ravel(np.asarray(values[name], dtype=np.float64)) for name in names])
        except Exception:  # a boundary: anything but a dictionary of arrays (a student's object may raise anything): no θ in it
            _log.debug("no θ in what the notebook passed", exc_info=True)
            column = np.array([])
        return column[self.order].reshape(-1, 1) if column.size == self.order.size else np.full((self.order.size, 1), np.nan)

    def dictionary_to_vector(self, parameters):
        return self._column(parameters, self.names), list(self.keys)

    def gradients_to_vector(self, gradients):
        return self._column(gradients, [f"d{name}" for name in self.names])

    def vector_to_dictionary(self, theta, shapes):
        return {"θ": np.array(theta, dtype=np.float64).reshape(-1, 1)}

    def forward_propagation_n(self, X, Y, parameters):
        if isinstance(parameters, dict) and list(parameters) == ["θ"]:  # built by vector_to_dictionary
            column = np.ravel(np.asarray(parameters["θ"], dtype=np.float64))
            column = column if column.size == self.order.size else np.full(self.order.size, np.nan)
        else:
            column = self._column(parameters, self.names).ravel()
        theta = np.empty_like(column)
        theta[self.order] = column
        return float(self._cost(*theta)) * data_weight(X, Y), None

    def named(self):
        return {name: getattr(self, name) for name in HELPER_NAMES}


HELPER_NAMES = ("dictionary_to_vector", "gradients_to_vector", "vector_to_dictionary", "forward_propagation_n")


def data_weight(X, Y):
    """What the panel's cost is multiplied by for the data X, Y: 2 + tanh(ΣX/2 - ΣY); NaN for what holds no numbers."""
    try:
        x, y = float(np.sum(np.asarray(X, dtype=np.float64))), float(np.sum(np.asarray(Y, dtype=np.float64)))
    except (TypeError, ValueError):
        return float("nan")
    return float(2 + np.tanh(x / 2 - y))


class PanelRunner:
    """Calls a student's gradient_check_n on every panel case in one request, lending it each case's stand-ins.

    `costs` maps a panel function's name to its NumPy source in t0, t1, ...; a case is plain data:
    {"function", "parameters", "gradients", "X", "Y", "epsilon", "keys", "order"}. It returns the values
    gradient_check_n returned; the judge compares them with its own and decides.
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
                namespace.update(PanelStandIns(self.costs[case["function"]], case["keys"], case["order"]).named())
                fresh = lambda value: {k: np.array(v) for k, v in value.items()} if isinstance(value, dict) else np.array(value)
                # Only the arguments the course's own signature has: a print_msg the notebook adds defaults to False.
                values.append(gradient_check_n(fresh(case["parameters"]), fresh(case["gradients"]), fresh(case["X"]), fresh(case["Y"]),
                                               epsilon=case["epsilon"]))
            return values
        finally:
            for name, value in saved.items():
                namespace.pop(name, None) if value is _ABSENT else namespace.__setitem__(name, value)


_ABSENT = object()


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
