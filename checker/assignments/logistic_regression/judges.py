"""What each of model's helpers inside a watched run of assignment 01 should have done, judged from definitions.

A watched call notes its arguments and what it returned (checker.checks.spies). σ is judged by
SymPy's, propagate and optimize by SymPy's cross-entropy and its centred differences, and model's
dictionary by the w and b its own call of optimize returned: nothing here is the answer key, and
each judge returns None when the call did its job.
"""

import numpy as np

from checker.assignments.logistic_regression import messages as say
from checker.checks import compare, symbolic
from checker.gradients.numerical import numerical_gradient, relative_error
from checker.thresholds import agree_below


def _cost(w, b, X, Y):
    return float(np.mean(symbolic.binary_cross_entropy(np.asarray(w).T @ X + b, Y)))


def _descended(w, b, X, Y, iterations, rate):
    """w and b after gradient descent on SymPy's cost, its gradient by centred differences."""
    w, b = np.asarray(w, dtype=np.float64), float(b)
    for _ in range(int(iterations)):
        dw = numerical_gradient(lambda v: _cost(v, b, X, Y), w)
        db = float(numerical_gradient(lambda v: _cost(w, float(v), X, Y), np.array(b)))
        w, b = w - rate * dw, b - rate * db
    return w, b


def _judge_sigmoid(call, calls):
    if not compare.close(call.value, symbolic.sigmoid(np.asarray(call.args[0], dtype=np.float64))):
        return say.RUN_SIGMOID


def _judge_initialize(call, calls):
    value = call.value
    if not (isinstance(value, (tuple, list)) and len(value) == 2 and compare.close(value[0], np.zeros((int(call.args[0]), 1)))
            and compare.close(value[1], 0.0)):
        return say.RUN_INITIALIZE


def _judge_propagate(call, calls):
    w, b, X, Y = (np.asarray(value, dtype=np.float64) for value in call.args[:4])
    try:
        grads, cost = call.value
        dw, db = np.asarray(grads["dw"], dtype=np.float64), float(grads["db"])
    except (TypeError, ValueError, KeyError):
        return say.RUN_PROPAGATE
    truth_dw = numerical_gradient(lambda v: _cost(v, float(b), X, Y), w)
    truth_db = float(numerical_gradient(lambda v: _cost(w, float(v), X, Y), np.array(float(b))))
    if not compare.close(cost, _cost(w, float(b), X, Y)) or relative_error(dw, truth_dw) > agree_below() or \
            relative_error(db, truth_db) > agree_below():
        return say.RUN_PROPAGATE


OPTIMIZE_PARAMETERS = ("w", "b", "X", "Y", "num_iterations", "learning_rate", "print_cost")


def _judge_optimize(call, calls):
    given = dict(zip(OPTIMIZE_PARAMETERS, call.args), **call.kwargs)
    try:
        w, b = _descended(given["w"], given["b"], np.asarray(given["X"]), np.asarray(given["Y"]), given.get("num_iterations", 100),
                          float(given.get("learning_rate", 0.009)))
        params = call.value[0]
        right = compare.close(params["w"], w) and compare.close(params["b"], b)
    except (TypeError, ValueError, KeyError, IndexError):
        right = False
    if not right:
        return say.RUN_OPTIMIZE


def returns_what_optimize_did(d, calls):
    """Whether model's dictionary holds the w and b its (last) call of optimize returned."""
    trained = [call.value for call in calls if call.name == "optimize"]
    try:
        return bool(trained) and compare.close(d["w"], trained[-1][0]["w"]) and compare.close(d["b"], trained[-1][0]["b"])
    except (TypeError, KeyError, IndexError):
        return False


JUDGES = {"sigmoid": _judge_sigmoid, "initialize_with_zeros": _judge_initialize, "propagate": _judge_propagate,
          "optimize": _judge_optimize}
