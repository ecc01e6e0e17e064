"""Judge-side stand-ins for assignment 04: helpers lent from the judge to the student's gradient checkers and backward pass.

PanelSpyStandIns notes which of gradient_check_n's arguments reach its helpers, and LentForward the parameters a
backward pass runs the forward pass on, only to explain a failure: the values the student's code returns decide the
grade. These stay with the judge (in the sandbox the student's code gets proxies whose calls cross to here), so what
they note cannot be forged by the code being graded.
"""

import numpy as np

from checker.assignments.gradient_checking import inputs
from checker.assignments.gradient_checking.beside import PanelStandIns
from checker.checks.compare import as_numbers
from checker.checks.guard import CallLog


class PanelSpyStandIns:
    """The panel stand-ins for one case, each call noted: which of gradient_check_n's arguments reached them, and how."""

    def __init__(self, run, cost, case):
        self.case = case
        self.helpers = PanelStandIns(lambda *t: cost(np.array(t)), case["keys"], case["order"])
        self.received = CallLog(run, "gradient_check_n's helpers", calls=1_000)

    def dictionary_to_vector(self, parameters):
        self.received.add(("parameters", parameters))
        return self.helpers.dictionary_to_vector(parameters)

    def gradients_to_vector(self, gradients):
        self.received.add(("gradients", gradients))
        return self.helpers.gradients_to_vector(gradients)

    def vector_to_dictionary(self, theta, shapes):
        return self.helpers.vector_to_dictionary(theta, shapes)

    def forward_propagation_n(self, X, Y, parameters):
        self.received.add(("X", X))
        self.received.add(("Y", Y))
        self.received.add(("built", parameters))
        return self.helpers.forward_propagation_n(X, Y, parameters)

    def named(self):
        return {name: getattr(self, name) for name in ("dictionary_to_vector", "gradients_to_vector", "vector_to_dictionary",
                                                        "forward_propagation_n")}

    def misrouted(self):
        """The names of gradient_check_n's arguments whose helper was called, but never with that argument."""
        given = {"parameters": self.case["parameters"], "gradients": self.case["gradients"], "X": self.case["X"], "Y": self.case["Y"]}
        return [name for name, wanted in given.items() if any(kind == name for kind, _ in self.received)
                and not any(kind == name and same_value(value, wanted) for kind, value in self.received)]

    def never_rebuilt(self):
        """Whether forward_propagation_n was only ever given the original parameters (never vector_to_dictionary's)."""
        built = [value for kind, value in self.received if kind == "built"]
        return bool(built) and all(same_value(value, self.case["parameters"]) for value in built)


class LentForward:
    """forward_propagation_n lent to the backward pass being graded: the provided network, priced on the parameters it is
    given, returning its cost and cache as the notebook's does. A backward pass that runs it gets real results, so its
    gradients decide; the parameters of every call are noted, only to explain gradients that are wrong."""

    def __init__(self, run):
        self.given = CallLog(run, "forward_propagation_n", calls=100)

    def forward_propagation_n(self, X, Y, parameters):
        self.given.add(parameters)
        parameters = {key: np.asarray(parameters[key], dtype=np.float64) for key in inputs.SHAPES}
        return inputs.forward_propagation_n(np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64), parameters)

    def other_parameters(self, parameters):
        """The first parameters it was given that are not `parameters` (the network in the cache), or None."""
        return next((given for given in self.given if not same_network(given, parameters)), None)


def same_network(given, parameters):
    """Whether `given` holds the entries of `parameters` (W1, b1, ...), whatever their order and whatever else it holds."""
    return isinstance(given, dict) and all(key in given and same_value(given[key], value) for key, value in parameters.items())


def same_value(value, wanted):
    """Whether value holds the same numbers as wanted (for a dictionary: the same keys, in order, each with the same numbers)."""
    if isinstance(wanted, dict):
        return isinstance(value, dict) and list(value) == list(wanted) and all(same_value(value[k], v) for k, v in wanted.items())
    value, wanted = as_numbers(value), as_numbers(wanted)
    return value is not None and wanted is not None and value.shape == wanted.shape and bool(np.array_equal(value, wanted))
