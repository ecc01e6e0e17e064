"""Judging the calls of assignment 01's functions from what they received: in a watched run of model, and model's calls
of the helpers lent to it.

A watched call notes its arguments and what it returned (checker.checks.spies). σ is judged by
SymPy's, propagate and optimize by SymPy's cross-entropy and its centred differences, and model's
dictionary by the w and b its own call of optimize returned: nothing here is the answer key, and
each judge returns None when the call did its job. model's calls of its lent helpers
(lent.ModelStandIns) name what model gave them wrongly (the size, the data, the settings, the
start), which explains a wrong result of model's.
"""

import numpy as np

from checker.assignments.logistic_regression import messages as say
from checker.assignments.logistic_regression.lent import same
from checker.checks import compare, symbolic
from checker.checks.shapes import one_number
from checker.gradients.numerical import numerical_gradient, relative_error
from checker.thresholds import agree_below


def _cost(w, b, X, Y):
    return float(np.mean(symbolic.binary_cross_entropy(np.asarray(w).T @ X + b, Y)))


def _descended(w, b, X, Y, iterations, rate):
    """w and b after gradient descent on SymPy's cost, its gradient by centred differences."""
    w, b = np.asarray(w, dtype=np.float64), one_number(b)
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
    w, X, Y = (np.asarray(value, dtype=np.float64) for value in (call.args[0], *call.args[2:4]))
    b = one_number(call.args[1])
    try:
        grads, cost = call.value
        dw, db = np.asarray(grads["dw"], dtype=np.float64), one_number(grads["db"])
    except (TypeError, ValueError, KeyError):
        return say.RUN_PROPAGATE
    if db is None or one_number(cost) is None:
        return say.RUN_PROPAGATE
    truth_dw = numerical_gradient(lambda v: _cost(v, b, X, Y), w)
    truth_db = float(numerical_gradient(lambda v: _cost(w, float(v), X, Y), np.array(b)))
    if not compare.close(one_number(cost), _cost(w, b, X, Y)) or relative_error(dw, truth_dw) > agree_below() or \
            relative_error(db, truth_db) > agree_below():
        return say.RUN_PROPAGATE


OPTIMIZE_PARAMETERS = ("w", "b", "X", "Y", "num_iterations", "learning_rate", "print_cost")


def _judge_optimize(call, calls):
    given = dict(zip(OPTIMIZE_PARAMETERS, call.args), **call.kwargs)
    try:
        w, b = _descended(given["w"], given["b"], np.asarray(given["X"]), np.asarray(given["Y"]), given.get("num_iterations", 100),
                          float(given.get("learning_rate", 0.009)))
        params = call.value[0]
        right = compare.close(params["w"], w) and compare.close(one_number(params["b"]), b)
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


# -- model, graded with helpers lent (lent.ModelStandIns): what it gave them explains a wrong result -------------
def model_cause(lent, w):
    """Why model's "w" and "b" are not gradient descent's, as its lent helpers saw it, or None."""
    optimizes = lent.calls["optimize"]
    right = [index for index, call in enumerate(optimizes) if call["right"]]
    if not right:
        return wrong_call(lent)
    source = next((index for index in reversed(range(len(optimizes))) if _learned(optimizes[index], w)), None)
    if source is None:
        return say.MODEL_WEIGHTS
    return say.OPTIMIZE_ONCE.format(count=len(optimizes)) if source not in right else None


def _learned(call, w):
    """Whether `w` is the w in the params a call of optimize returned."""
    returned = call.get("returned")
    try:
        return compare.close(w, returned[0]["w"])
    except (TypeError, KeyError, IndexError):
        return False


def wrong_call(lent):
    """The first wrong argument model gave its helpers (the size it initialised, the data, settings or start of its
    gradient descent), as they saw it, or None."""
    for call in lent.calls["initialize_with_zeros"]:
        if not call["right"]:
            return say.INIT_DIM.format(dim=call["dim"])
    for call in lent.calls["optimize"]:
        if not call["right"]:
            return _wrong_argument(lent, call)
    for call in lent.calls["propagate"][:1]:  # model runs gradient descent itself: its first step shows data and start
        if call["on_test"]:
            return say.TRAINED_ON_TEST
        if not lent.starts_right(call["w"], call["b"]):
            return say.MODEL_START
    return None


def _wrong_argument(lent, call):
    """What is wrong in the arguments of a call of optimize, or None."""
    if same(call["X"], lent.X_test):
        return say.TRAINED_ON_TEST
    if not lent.descent.on_data(call["X"], call["Y"]):
        return say.NOT_TRAINING_DATA
    lost = [name for name, given in (("num_iterations", lent.iterations), ("learning_rate", lent.rate)) if one_number(call[name]) != given]
    if lost:
        return say.MODEL_DEFAULTS.format(names=" and ".join(lost), verb="has" if len(lost) == 1 else "have")
    if not lent.starts_right(call["w"], call["b"]):
        return say.MODEL_START
    return None
