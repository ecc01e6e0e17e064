"""What each call inside a watched training run of assignment 02 should have done, judged from its definition.

A watched call notes its arguments and its layer's state before and after (checker.checks.spies).
Forward passes are judged by their formulas as the notebook states them, backward passes by centred
differences of those formulas and by SymPy's σ', the cost by its definition and its differences:
nothing here is the answer key, and each judge returns None when the call did its job.
"""

import numpy as np

from checker.assignments.computational_graph import messages as say
from checker.checks import compare, symbolic
from checker.gradients.numerical import numerical_gradient, numerical_vjp
from checker.thresholds import agree_below


def _arrays(*values):
    return [np.asarray(value, dtype=np.float64) for value in values]


def _agrees(yours, truth):
    yours, truth = np.asarray(yours, dtype=np.float64), np.asarray(truth, dtype=np.float64)
    return yours.shape == truth.shape and (compare.close(yours, truth) or
                                          np.linalg.norm(yours - truth) <= agree_below() * (np.linalg.norm(yours) + np.linalg.norm(truth)))


def _linear(state):
    return _arrays(state["params"]["W"], state["params"]["b"])


def judge_linear_forward(call, calls):
    W, b = _linear(call.before)
    (A_prev,) = _arrays(call.args[0])
    if not _agrees(call.after.get("Z", call.value), W @ A_prev + b):
        return say.RUN_LINEAR_FORWARD


def judge_linear_backward(call, calls):
    W, b = _linear(call.before)
    A_prev, G = _arrays(call.before["A_prev"], call.args[0])
    truths = {"dW": numerical_vjp(lambda v: v @ A_prev + b, W, G), "db": numerical_vjp(lambda v: W @ A_prev + v, b, G),
              "dA_prev": numerical_vjp(lambda v: W @ v + b, A_prev, G)}
    if not all(name in call.after and _agrees(call.after[name], truth) for name, truth in truths.items()):
        return say.RUN_LINEAR_BACKWARD


def judge_linear_update(call, calls):
    rate = call.args[0] if call.args else call.kwargs.get("learning_rate", 0.1)
    W, b = _linear(call.before)
    dW, db = _arrays(call.before["dW"], call.before["db"])
    W_after, b_after = _linear(call.after)
    if not (_agrees(W_after, W - rate * dW) and _agrees(b_after, b - rate * db)):
        return say.RUN_LINEAR_UPDATE


def judge_sigmoid_forward(call, calls):
    (Z,) = _arrays(call.args[0])
    if not _agrees(call.after.get("A", call.value), symbolic.sigmoid(Z)):
        return say.RUN_SIGMOID_FORWARD


def judge_sigmoid_backward(call, calls):
    Z, G = _arrays(call.before["Z"], call.args[0])
    if not _agrees(call.after.get("dZ", call.value), G * symbolic.sigmoid_derivative(Z)):
        return say.RUN_SIGMOID_BACKWARD


def judge_compute_cost(call, calls):
    Y, Y_hat = _arrays(*call.args[:2])
    cost_of = lambda value: float(np.sum((Y - value) ** 2) / (2 * Y.shape[1]))
    try:
        cost, dY_hat = call.value
    except (TypeError, ValueError):
        return say.RUN_COST
    if not (_agrees(cost, cost_of(Y_hat)) and _agrees(dY_hat, numerical_gradient(cost_of, Y_hat))):
        return say.RUN_COST


def judge_of(label):
    """The judge of a watched call, by its label ("the backward of linear layer 2", "compute_cost")."""
    if label == "compute_cost":
        return judge_compute_cost
    kind = "linear" if "linear" in label else "sigmoid"
    step = next(step for step in ("forward", "backward", "update_params") if step in label)
    return {("linear", "forward"): judge_linear_forward, ("linear", "backward"): judge_linear_backward, ("linear", "update_params"): judge_linear_update,
            ("sigmoid", "forward"): judge_sigmoid_forward, ("sigmoid", "backward"): judge_sigmoid_backward}[kind, step]
