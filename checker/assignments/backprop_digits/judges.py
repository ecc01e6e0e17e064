"""What each call inside a watched mini-batch of assignment 03 should have done, judged from definitions.

A watched call notes its arguments and the network's biases and weights before and after it
(checker.checks.spies). σ and σ' are judged by SymPy's, cost_derivative by SymPy's ∂/∂a of ½‖a - y‖²,
backprop's gradients by the checker's gradient check on that loss of the network's own output,
and the step by w - (eta / m) Σ ∇w with the gradients the watched calls returned: nothing here is
the answer key, and each judge returns None when the call did its job.
"""

import numpy as np

from checker.assignments.backprop_digits import messages as say
from checker.checks import compare, symbolic
from checker.gradients import check_gradient


def _sigmoid(call, calls):
    if not compare.close(call.value, symbolic.sigmoid(np.asarray(call.args[0], dtype=np.float64))):
        return say.RUN_SIGMOID


def _sigmoid_prime(call, calls):
    if not compare.close(call.value, symbolic.sigmoid_derivative(np.asarray(call.args[0], dtype=np.float64))):
        return say.RUN_SIGMOID_PRIME


def _cost_derivative(call, calls):
    a, y = (np.asarray(value, dtype=np.float64) for value in call.args[:2])
    if not compare.close(call.value, symbolic.loss_gradient("mse", a.shape[0])(a, y)):
        return say.RUN_COST_DERIVATIVE


def _loss(x, y):
    """½‖a - y‖² summed over the columns of x, as a function of the network's parameters (a dict b0, w0, b1, ...)."""
    def loss(parameters):
        a = x
        for layer in range(len(parameters) // 2):
            a = symbolic.sigmoid(parameters[f"w{layer}"] @ a + parameters[f"b{layer}"])
        return 0.5 * float(np.sum((a - y) ** 2))
    return loss


def _backprop(call, calls):
    x, y = (np.asarray(value, dtype=np.float64) for value in call.args[:2])
    biases, weights = call.before["biases"], call.before["weights"]
    parameters = {**{f"b{k}": np.asarray(b, dtype=np.float64) for k, b in enumerate(biases)},
                  **{f"w{k}": np.asarray(w, dtype=np.float64) for k, w in enumerate(weights)}}
    nabla_b, nabla_w = call.value
    gradients = {**{f"b{k}": np.asarray(b, dtype=np.float64) for k, b in enumerate(nabla_b)},
                 **{f"w{k}": np.asarray(w, dtype=np.float64) for k, w in enumerate(nabla_w)}}
    if not check_gradient(_loss(x, y), parameters, gradients, mode="directions", rng=0).passed:
        return say.RUN_BACKPROP


JUDGES = {"sigmoid": _sigmoid, "sigmoid_prime": _sigmoid_prime, "Network.cost_derivative": _cost_derivative,
          "Network.backprop": _backprop, "Network.backprop_batch": _backprop}
# The check that grades each watched function on its own.
CHECK_OF = {"sigmoid": "sigmoid_functions", "sigmoid_prime": "sigmoid_functions", "Network.cost_derivative": "cost_derivative",
            "Network.backprop": "backprop", "Network.backprop_batch": "backprop_batch", "Network.update_mini_batch": "update_mini_batch"}


def step(parameters, gradients, rate):
    """(biases, weights) moved by -rate times (nabla_b, nabla_w), layer by layer (a gradient broadcast where shapes allow)."""
    return tuple([np.asarray(p, dtype=np.float64) - rate * np.asarray(g, dtype=np.float64) for p, g in zip(ps, gs)]
                 for ps, gs in zip(parameters, gradients))


def same_parameters(yours, expected):
    """Whether two lists of parameter arrays hold the same arrays, layer by layer."""
    return (isinstance(yours, (list, tuple)) and len(yours) == len(expected)
            and all(compare.close(mine, theirs) for mine, theirs in zip(yours, expected)))


def stepped(before, after, calls, eta, m):
    """Whether the parameters moved by -(eta / m) times the sum of the gradients the watched backprop calls returned."""
    sums = None
    for call in calls:
        if call.name in ("Network.backprop", "Network.backprop_batch"):
            nabla = [[np.asarray(g, dtype=np.float64) for g in part] for part in call.value]
            sums = nabla if sums is None else [[s + g for s, g in zip(mine, theirs)] for mine, theirs in zip(sums, nabla)]
    if sums is None:
        return True  # no gradient was watched (computed some other way): nothing to judge the step by
    expected = step((before["biases"], before["weights"]), sums, eta / m)
    return all(same_parameters(after[key], moved) for key, moved in zip(("biases", "weights"), expected))
