"""The judge's own layers and cost for assignment 02, as the notebook defines them, and those lent to the student's train.

Forward passes and the cost are computed by their formulas, backward passes by centred differences of
those formulas (the sigmoid's by SymPy's σ'): nothing here is the answer key. The judges of a watched
run compare a student's calls with these definitions. The layers and the cost lent to `train` compute
with them and note every call in one journal, so a correct train, however it is written, leaves them
where gradient descent does, and the journal of what each was given explains a train that does not.
They stay with the judge (in the sandbox the student's code gets proxies whose calls cross to here),
so neither the results nor the journal can be forged by the code being graded. Their state is public
plain data, as a layer's is; the journal is private.
"""

from typing import NamedTuple

import numpy as np

from checker.checks import symbolic
from checker.checks.guard import CallLog
from checker.gradients.numerical import numerical_gradient, numerical_vjp


# -- the layers and the cost as the notebook defines them ------------------------------------------
def _arrays(*values):
    return [np.asarray(value, dtype=np.float64) for value in values]


def linear_output(W, b, A_prev):
    """Z = W · A_prev + b."""
    W, b, A_prev = _arrays(W, b, A_prev)
    return W @ A_prev + b


def linear_gradients(W, b, A_prev, G):
    """{"dW", "db", "dA_prev"}: the gradients of Σ Z ⊙ G, by centred differences of Z = W · A_prev + b."""
    W, b, A_prev, G = _arrays(W, b, A_prev, G)
    return {"dW": numerical_vjp(lambda v: v @ A_prev + b, W, G), "db": numerical_vjp(lambda v: W @ A_prev + v, b, G),
            "dA_prev": numerical_vjp(lambda v: W @ v + b, A_prev, G)}


def sigmoid_output(Z):
    """A = σ(Z), entry by entry."""
    return symbolic.sigmoid(*_arrays(Z))


def sigmoid_gradient(Z, G):
    """dZ = G ⊙ σ'(Z)."""
    Z, G = _arrays(Z, G)
    return G * symbolic.sigmoid_derivative(Z)


def cost(Y, Y_hat):
    """J = 1/(2m) Σ (Y - Ŷ)², with m the number of columns of Y."""
    Y, Y_hat = _arrays(Y, Y_hat)
    return float(np.sum((Y - Y_hat) ** 2) / (2 * Y.shape[1]))


def cost_gradient(Y, Y_hat):
    """∂J/∂Ŷ, by centred differences of the cost."""
    return numerical_gradient(lambda value: cost(Y, value), Y_hat)


# -- lent to train ------------------------------------------------------------------------------
# Most examples a lent layer takes in one call: train's own data has a handful, and each backward costs
# the judge centred differences over every entry, so code cannot make it work without bound.
MOST_EXAMPLES = 64
DEFAULT_RATE = 0.1  # update_params' default, as in the notebook


class Step(NamedTuple):
    """One call of a layer or compute_cost: which (kind "linear", "sigmoid" or "cost"), what it was given, what it gave back."""

    kind: str
    layer: int  # 1, 2, ... (0 for the cost)
    what: str  # "forward", "backward", "update" or "call" (compute_cost)
    argument: object
    outputs: tuple  # what the call gave back: any of these (its attribute, its return value)


class Journal:
    """Every call the lent layers and cost received, in order (Steps), bounded as the run's other logs are.

    What a lent layer raises into the student's code is said in fixed words, never with the student's values: the words
    are shown under any seed, and a value the code chose could carry the grader's inputs.
    """

    def __init__(self, run):
        self.run, self.steps = run, CallLog(run, "the layers and the cost", calls=2_000)
        self.misfed = None  # the index of the call a lent layer refused for what it was given (a shape it cannot take)

    def note(self, call, argument, output):
        self.steps.add(Step(*call, argument, (output,)))

    def refuse(self, call, argument, error_type, text, misfed=False):
        """Note the call, then raise into the student's code what a layer of theirs would raise (its words may be shown)."""
        self.steps.add(Step(*call, argument, ()))
        if misfed and self.misfed is None:
            self.misfed = len(self.steps) - 1
        self.run.say(text)
        raise error_type(text)

    def array(self, call, value, rows, what):
        """`value` as a float array of `rows` rows and at most MOST_EXAMPLES columns, else the error a layer would raise."""
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            self.refuse(call, value, TypeError, f"{what} should be a NumPy array of numbers", misfed=True)
        if array.ndim != 2 or array.shape[0] != rows:
            self.refuse(call, array, ValueError, f"{what} should be a 2-d array with one row per unit and one column per example, and this one is not",
                        misfed=True)
        if array.shape[1] > MOST_EXAMPLES:
            self.refuse(call, array, ValueError, f"the checker's layers take at most {MOST_EXAMPLES} examples at once in this check")
        return array


class LentLinearLayer:
    """A LinearLayer of the judge's: Z = W · A_prev + b, its gradients, and update_params."""

    def __init__(self, journal, layer, W, b):
        self._journal, self._layer = journal, layer
        self._params = {"W": np.array(W, dtype=np.float64), "b": np.array(b, dtype=np.float64)}

    @property
    def params(self):
        """A copy, in-process as across the sandbox's boundary: only update_params moves the judge's parameters."""
        return {key: value.copy() for key, value in self._params.items()}

    def forward(self, A_prev):
        call = ("linear", self._layer, "forward")
        A_prev = self._journal.array(call, A_prev, self._params["W"].shape[1], "A_prev")
        self.A_prev, self.Z = A_prev, linear_output(self._params["W"], self._params["b"], A_prev)
        self._journal.note(call, A_prev, self.Z)
        return self.Z

    def backward(self, upstream_grad):
        call = ("linear", self._layer, "backward")
        G = self._journal.array(call, upstream_grad, self._params["W"].shape[0], "upstream_grad")
        if not hasattr(self, "A_prev"):
            self._journal.refuse(call, G, AttributeError, "'LinearLayer' object has no attribute 'A_prev' (backward ran before any forward)")
        if G.shape != self.Z.shape:
            self._journal.refuse(call, G, ValueError, "upstream_grad should have the shape of this layer's Z, and it does not", misfed=True)
        gradients = linear_gradients(self._params["W"], self._params["b"], self.A_prev, G)
        self.dW, self.db, self.dA_prev = gradients["dW"], gradients["db"], gradients["dA_prev"]
        self._journal.note(call, G, self.dA_prev)
        return self.dA_prev

    def update_params(self, learning_rate=None):
        call = ("linear", self._layer, "update")
        if not hasattr(self, "dW"):
            self._journal.refuse(call, learning_rate, AttributeError, "'LinearLayer' object has no attribute 'dW' (update_params ran before any backward)")
        try:
            rate = DEFAULT_RATE if learning_rate is None else float(learning_rate)
        except (TypeError, ValueError):
            self._journal.refuse(call, None, TypeError, "learning_rate should be a number")
        self._params = {"W": self._params["W"] - rate * self.dW, "b": self._params["b"] - rate * self.db}
        self._journal.note(call, learning_rate, None)


class LentSigmoidLayer:
    """A SigmoidLayer of the judge's: A = σ(Z), and dZ = upstream_grad ⊙ σ'(Z)."""

    def __init__(self, journal, layer, units, examples):
        self._journal, self._layer, self._units = journal, layer, units
        self.A = np.zeros((units, examples))

    def forward(self, Z):
        call = ("sigmoid", self._layer, "forward")
        self.Z = self._journal.array(call, Z, self._units, "Z")
        self.A = sigmoid_output(self.Z)
        self._journal.note(call, self.Z, self.A)
        return self.A

    def backward(self, upstream_grad):
        call = ("sigmoid", self._layer, "backward")
        G = self._journal.array(call, upstream_grad, self._units, "upstream_grad")
        if not hasattr(self, "Z"):
            self._journal.refuse(call, G, AttributeError, "'SigmoidLayer' object has no attribute 'Z' (backward ran before any forward)")
        if G.shape != self.Z.shape:
            self._journal.refuse(call, G, ValueError, "upstream_grad should have the shape of this layer's A, and it does not", misfed=True)
        self.dZ = sigmoid_gradient(self.Z, G)
        self._journal.note(call, G, self.dZ)
        return self.dZ


class LentCost:
    """compute_cost of the judge's: (the cost, dY_hat)."""

    def __init__(self, journal):
        self._journal = journal
        self.__name__ = "compute_cost"

    def __call__(self, Y, Y_hat):
        call = ("cost", 0, "call")
        Y = self._journal.array(call, Y, np.shape(Y_hat)[0] if np.ndim(Y_hat) == 2 else 1, "Y")
        Y_hat = self._journal.array(call, Y_hat, Y.shape[0], "Y_hat")
        if Y.shape != Y_hat.shape:
            self._journal.refuse(call, (Y, Y_hat), ValueError, "Y and Y_hat should have the same shape, and they do not",
                                 misfed=True)
        dY_hat = cost_gradient(Y, Y_hat)
        self._journal.note(call, (Y, Y_hat), dY_hat)
        return cost(Y, Y_hat), dY_hat


def lent_network(journal, starts, examples):
    """[linear 1, sigmoid 1, linear 2, ...] of the judge's, from [(W, b)] per linear layer, for `examples` columns."""
    layers = []
    for k, (W, b) in enumerate(starts):
        layers += [LentLinearLayer(journal, k + 1, W, b), LentSigmoidLayer(journal, k + 1, np.shape(W)[0], examples)]
    return layers
