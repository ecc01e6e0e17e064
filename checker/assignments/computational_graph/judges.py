"""What each call inside a watched training run of assignment 02 should have done, judged from its definition.

A watched call notes its arguments and its layer's state before and after (checker.checks.spies).
Each judge compares what the call left with the notebook's definitions (checker.assignments.
computational_graph.definitions) and returns None when the call did its job.
"""

import numpy as np

from checker.assignments.computational_graph import definitions
from checker.assignments.computational_graph import messages as say
from checker.checks import compare
from checker.thresholds import agree_below


def _agrees(yours, truth):
    yours, truth = np.asarray(yours, dtype=np.float64), np.asarray(truth, dtype=np.float64)
    return yours.shape == truth.shape and (compare.close(yours, truth) or
                                          np.linalg.norm(yours - truth) <= agree_below() * (np.linalg.norm(yours) + np.linalg.norm(truth)))


def _linear(state):
    return state["params"]["W"], state["params"]["b"]


def judge_linear_forward(call, calls):
    if not _agrees(call.after.get("Z", call.value), definitions.linear_output(*_linear(call.before), call.args[0])):
        return say.RUN_LINEAR_FORWARD


def judge_linear_backward(call, calls):
    truths = definitions.linear_gradients(*_linear(call.before), call.before["A_prev"], call.args[0])
    if not all(name in call.after and _agrees(call.after[name], truth) for name, truth in truths.items()):
        return say.RUN_LINEAR_BACKWARD


def judge_linear_update(call, calls):
    rate = call.args[0] if call.args else call.kwargs.get("learning_rate", 0.1)
    W, b = _linear(call.before)
    W_after, b_after = _linear(call.after)
    if not (_agrees(W_after, W - rate * np.asarray(call.before["dW"])) and _agrees(b_after, b - rate * np.asarray(call.before["db"]))):
        return say.RUN_LINEAR_UPDATE


def judge_sigmoid_forward(call, calls):
    if not _agrees(call.after.get("A", call.value), definitions.sigmoid_output(call.args[0])):
        return say.RUN_SIGMOID_FORWARD


def judge_sigmoid_backward(call, calls):
    G = np.asarray(call.args[0], dtype=np.float64)
    if "Z" in call.before:
        truth = definitions.sigmoid_gradient(call.before["Z"], G)
    else:  # a layer that keeps only A, as the notebook's does: σ'(Z) = A(1 - A) with the A its forward stored
        A = np.asarray(call.before["A"], dtype=np.float64)
        truth = G * A * (1 - A)
    if not _agrees(call.after.get("dZ", call.value), truth):
        return say.RUN_SIGMOID_BACKWARD


def judge_compute_cost(call, calls):
    Y, Y_hat = call.args[:2]
    try:
        cost, dY_hat = call.value
    except (TypeError, ValueError):
        return say.RUN_COST
    if not (_agrees(cost, definitions.cost(Y, Y_hat)) and _agrees(dY_hat, definitions.cost_gradient(Y, Y_hat))):
        return say.RUN_COST


JUDGES = {("linear", "forward"): judge_linear_forward, ("linear", "backward"): judge_linear_backward,
          ("linear", "update"): judge_linear_update, ("sigmoid", "forward"): judge_sigmoid_forward,
          ("sigmoid", "backward"): judge_sigmoid_backward, ("cost", "call"): judge_compute_cost}
