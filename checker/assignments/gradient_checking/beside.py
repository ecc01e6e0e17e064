"""Assignment 04's stand-ins that run beside the student's code, in the sandbox: a gradient checker's helpers on a panel.

The sandbox's fork server imports this module (it imports only NumPy): the helpers are plain
functions of their arguments, and the runners call the student's code with the judge's inputs on
every panel case in one request (thousands of round trips saved). Nothing here holds an answer,
records a call or decides anything: the judge compares what comes back with its own results.
"""

import logging

import numpy as np

_log = logging.getLogger(__name__)


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


# What the judge may build here, by name (checker.checks.guard.beside).
KINDS = {"PanelRunner": PanelRunner, "OneDimensionalRunner": OneDimensionalRunner}
