"""What each call inside a watched mini-batch of assignment 03 should have done, judged from definitions; and how a
wrong step of update_mini_batch is told, from what it did to the network's lists, shapes and values.

A watched call notes its arguments and the network's biases and weights before and after it
(checker.checks.spies). σ and σ' are judged by SymPy's, cost_derivative by SymPy's ∂/∂a of ½‖a - y‖²,
backprop's gradients by the checker's gradient check on that loss of the network's own output,
and the step by w - (eta / m) Σ ∇w with the gradients the watched calls returned: nothing here is
the answer key, and each judge returns None when the call did its job.
"""

import numpy as np

from checker.assignments.backprop_digits import messages as say
from checker.checks import compare, symbolic
from checker.checks.describe import kind_in_words
from checker.checks.shapes import require_shape
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


# -- telling a wrong step of update_mini_batch: each diagnosis names what was observed after the call (a list that grew,
# parameters left as they were, examples whose gradient was never asked for, a step equal to a recognisable wrong one);
# a step wrong in no recognised way is told as the plain fact, with the first layer where it differs.
ATTRIBUTES = (("weights", 1), ("biases", 0))  # (attribute, its index in (biases, weights)), in the order they are told


def explain_step(run, before, after, gradients, eta, m, stand_in=None):
    """Fail update_mini_batch's check. `before` and `after` are (biases, weights); `gradients` the (nabla_b, nabla_w) summed
    over the m examples of the mini-batch: the stand-in's when the code asked it for them, and then `stand_in` tells which
    examples it asked about and what each one's gradient was."""
    __tracebackhide__ = True
    for attribute, index in ATTRIBUTES:
        _require_layers(run, attribute, before[index], after[index])
    _require_shapes(run, before, after, gradients, eta / m)
    unchanged = [f"self.{attribute}" for attribute, index in ATTRIBUTES if same_parameters(after[index], before[index])]
    if unchanged:
        run.fail(say.UNCHANGED.format(what=" and ".join(unchanged)), ("hint", say.UNCHANGED_HINT))
    if stand_in and set(stand_in.used) != set(range(m)):
        run.fail(say.EXAMPLES_MISSED.format(used=len(set(stand_in.used) & set(range(m))), count=m))
    for attribute, index in ATTRIBUTES:
        wrong = _first_wrong_layer(after[index], step(before, gradients, eta / m)[index])
        if wrong is not None:
            headline = next((message for value, message in _candidates(before, gradients, eta, m, stand_in, index)
                             if same_parameters(after[index], value)), None)
            run.fail(headline or say.STEP_WRONG.format(what=f"self.{attribute}"), ("first wrong", f"self.{attribute}[{wrong}]"),
                     ("checked on", f"a test mini-batch of {m} examples, eta {run.shown(f'{eta:.3g}', 'as drawn')}"))


def _candidates(before, gradients, eta, m, stand_in, index):
    """(what self.biases or self.weights would be after a recognisable wrong step, its diagnosis)."""
    moved = lambda rate, nabla=gradients: step(before, nabla, rate)[index]
    candidates = [(moved(eta), say.SUMMED), (moved(-eta / m), say.UPHILL), (moved(eta / m**2), say.DIVIDED_TWICE)]
    if stand_in:  # the gradient of one example alone (the last one asked for, say, when each overwrote the one before)
        candidates += [(moved(eta / m, stand_in.summed([tag])), say.ONE_EXAMPLE.format(count=m)) for tag in range(m)]
    if index == 1:  # each row of the weights moved by the biases' gradient, broadcast
        candidates.append(([w - eta / m * nb for w, nb in zip(before[1], gradients[0])], say.WEIGHTS_TAKE_BIASES))
    return candidates


def _require_layers(run, attribute, old, new):
    """After the call, self.<attribute> is still a list with one array per layer."""
    if isinstance(new, (list, tuple)) and len(new) > len(old):
        run.fail(say.LISTS_GROWN.format(attribute=attribute, after=len(new), before=len(old)))
    if not isinstance(new, (list, tuple)) or len(new) != len(old):
        run.fail(say.LIST_REPLACED.format(attribute=attribute, count=len(old)), ("yours", kind_in_words(new)))


def _require_shapes(run, before, after, gradients, rate):
    """Each array keeps its shape; biases that moved by the weights' gradient (broadcast to its shape) are told so."""
    for attribute, index in ATTRIBUTES:
        for layer, (new, old) in enumerate(zip(after[index], before[index])):
            if np.shape(new) != np.shape(old):
                if attribute == "biases" and compare.close(new, old - rate * np.asarray(gradients[1][layer], dtype=np.float64)):
                    run.fail(say.BIASES_TAKE_WEIGHTS)
                require_shape(run, new, np.shape(old), f"self.{attribute}[{layer}]", f"self.{attribute}[{layer}]")


def _first_wrong_layer(yours, expected):
    return next((layer for layer, (mine, theirs) in enumerate(zip(yours, expected)) if not compare.close(mine, theirs)), None)
