"""Implementations of assignment 01 that students really write: correct ones and buggy ones.

BUGS maps a name to (check, implementation, the diagnosis template it must get).
CORRECT maps a name to (check, implementation); each must pass.
Data preparation variants are functions of (train_images, test_images) returning the notebook's names.
"""

import math
import time
import types

import numpy as np
from scipy.special import expit

from checker.assignments.logistic_regression import messages as say
from checker.checks import messages as common
from checker.datasets import load_dataset


MODEL_HELPERS = ("sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict")


def notebook_names(check, implementation, seed):
    """What the notebook binds for a check.

    Data preparation variants are functions of the images; the notebook also holds the images themselves.
    A model's notebook also holds the helpers it calls (the ones it finds under their names), as a real one does:
    the end-to-end check names a helper that fails its own check.
    """
    if check.name == "model":
        return {"model": implementation, **{name: implementation.__globals__[name] for name in MODEL_HELPERS}}
    if check.name != "data_preparation":
        return None
    train, _, test, _, _ = load_dataset()
    return {"train_set_x_orig": train, "test_set_x_orig": test, **implementation(train, test)}


# --- a typical correct solution; the variants below change one thing each -----------------

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def initialize_with_zeros(dim):
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = A - Y
    return {"dw": X @ dZ.T / m, "db": np.sum(dZ) / m}, cost


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    return (sigmoid(w.T @ X + b) > 0.5).astype(float)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}


def prepare(train, test):
    train_flat = train.reshape(train.shape[0], -1).T
    test_flat = test.reshape(test.shape[0], -1).T
    return dict(m_train=train.shape[0], m_test=test.shape[0], num_px=train.shape[1],
                train_set_x_flatten=train_flat, test_set_x_flatten=test_flat,
                train_set_x=train_flat / 255.0, test_set_x=test_flat / 255.0)


def _prepare_changing(**changes):
    def variant(train, test):
        names = prepare(train, test)
        names.update({key: change(train, test, names) for key, change in changes.items()})
        return names
    return variant


def _propagate_changing(cost=None, dw=None, db=None, order=None):
    """propagate with one quantity computed differently (each a function of w, b, X, Y, A)."""
    def variant(w, b, X, Y):
        grads, right_cost = propagate(w, b, X, Y)
        A = sigmoid(w.T @ X + b)
        if cost:
            right_cost = cost(w, b, X, Y, A)
        if dw:
            grads["dw"] = dw(w, b, X, Y, A)
        if db:
            grads["db"] = db(w, b, X, Y, A)
        return (right_cost, grads) if order == "swapped" else (grads, right_cost)
    return variant


# --- buggy ------------------------------------------------------------------------------

def sigmoid_math_exp(z):
    return 1 / (1 + math.exp(-z))


def sigmoid_rounded(z):
    return np.round(1 / (1 + np.exp(-z)), 9)


def optimize_in_place(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def _optimize_variant(rate=None, sign=-1, update_b=True, every=100, record_after=False, extra=0):
    def variant(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        step = learning_rate if rate is None else rate
        costs = []
        for i in range(num_iterations + extra):
            grads, cost = propagate(w, b, X, Y)
            w = w + sign * step * grads["dw"]
            if update_b:
                b = b + sign * step * grads["db"]
            if record_after:
                cost = propagate(w, b, X, Y)[1]
            if i % every == 0:
                costs.append(cost)
        return {"w": w, "b": b}, grads, costs
    return variant


def optimize_reading_gradients_once(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Calls propagate on every iteration, but reads dw and db before the loop."""
    grads, _ = propagate(w, b, X, Y)
    dw, db = grads["dw"], grads["db"]
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w, b = w - learning_rate * dw, b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def optimize_with_stale_parameters(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Asks propagate about the starting w and b every time."""
    w0, b0, costs = w, b, []
    for i in range(num_iterations):
        grads, cost = propagate(w0, b0, X, Y)
        w, b = w - learning_rate * grads["dw"], b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def initialize_as_list(dim):
    return [np.zeros((dim, 1)), 0.0]


def optimize_never_ends(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    i = 0
    while i < num_iterations:
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]  # forgot i += 1
    return {"w": w, "b": b}, grads, []


def predict_loop_flipped(w, b, X):
    A = sigmoid(w.T @ X + b)
    out = np.zeros((1, X.shape[1]))
    for i in range(X.shape[1]):
        out[0, i] = 1.0 if A[0, i] <= 0.5 else 0.0
    return out


def _model_variant(on_test=False, defaults=False, swap=False, drop=None):
    def variant(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
        X_fit, Y_fit = (X_test, Y_test) if on_test else (X_train, Y_train)
        w, b = initialize_with_zeros(X_train.shape[0])
        args = () if defaults else (num_iterations, learning_rate)
        params, _, costs = optimize(w, b, X_fit, Y_fit, *args)
        w, b = params["w"], params["b"]
        d = {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train),
             "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
        if swap:
            d["Y_prediction_test"], d["Y_prediction_train"] = d["Y_prediction_train"], d["Y_prediction_test"]
        if drop:
            del d[drop]
        return d
    return variant


def model_random_start(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    d = _model_variant()(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
    w0 = np.random.default_rng(0).normal(size=(X_train.shape[0], 1))
    params, _, costs = optimize(w0, 0.0, X_train, Y_train, num_iterations, learning_rate)
    d.update(w=params["w"], b=params["b"], costs=costs)
    return d


def model_own_start(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(np.ones_like(w), b, X_train, Y_train, num_iterations, learning_rate)
    return {"costs": costs, "Y_prediction_test": predict(params["w"], params["b"], X_test),
            "Y_prediction_train": predict(params["w"], params["b"], X_train), "w": params["w"], "b": params["b"],
            "learning_rate": learning_rate, "num_iterations": num_iterations}


def optimize_uphill(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w + learning_rate * grads["dw"]
        b = b + learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def propagate_loop(w, b, X, Y):
    """Correct, one example at a time: about 20 times slower than the vectorized one."""
    m = X.shape[1]
    dw, db, cost = np.zeros_like(w, dtype=float), 0.0, 0.0
    for i in range(m):
        a = sigmoid(float(w[:, 0] @ X[:, i]) + b)
        cost -= Y[0, i] * math.log(a) + (1 - Y[0, i]) * math.log(1 - a)
        dw[:, 0] += X[:, i] * (a - Y[0, i])
        db += a - Y[0, i]
    return {"dw": dw / m, "db": db / m}, cost / m


def propagate_sleepy(w, b, X, Y):
    """Correct, but each call takes 0.4 s: training would take minutes."""
    time.sleep(0.4)
    return propagate(w, b, X, Y)


def optimize_least_squares(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """No gradient descent: a linear fit of the labels, which also classifies the digits well."""
    solution = np.linalg.lstsq(np.vstack([X, np.ones((1, X.shape[1]))]).T, 2 * Y.T - 1, rcond=None)[0]
    return {"w": solution[:-1], "b": float(solution[-1, 0])}, {"dw": np.zeros_like(w), "db": 0.0}, [0.5] * max(1, num_iterations // 100)


def propagate_first_50(w, b, X, Y):
    """Right on the check's small inputs; on the digits it learns from 50 examples only."""
    return propagate(w, b, X[:, :50], Y[:, :50])


def optimize_inline_not_averaged(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Its own gradient, inline, with dw and db not divided by m."""
    costs = []
    for i in range(num_iterations):
        A = 1 / (1 + np.exp(-(w.T @ X + b)))
        cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        grads = {"dw": X @ (A - Y).T, "db": np.sum(A - Y)}
        w, b = w - learning_rate * grads["dw"], b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def optimize_inline_uphill(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Its own gradient, with sigmoid, stepping uphill."""
    costs = []
    for i in range(num_iterations):
        A = sigmoid(np.dot(w.T, X) + b)
        grads = {"dw": np.dot(X, (A - Y).T) / X.shape[1], "db": np.mean(A - Y)}
        if i % 100 == 0:
            costs.append(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
        w, b = w + learning_rate * grads["dw"], b + learning_rate * grads["db"]
    return {"w": w, "b": b}, grads, costs


def model_returns_the_start(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Trains, but returns the w and b it started from (params never unpacked)."""
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    return {"costs": costs, "Y_prediction_test": predict(params["w"], params["b"], X_test),
            "Y_prediction_train": predict(params["w"], params["b"], X_train), "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}


def model_columns_as_features(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Initialises w with one entry per example."""
    w, b = initialize_with_zeros(X_train.shape[1])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}


def model_descends_on_test(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Its own loop of gradient descent, calling propagate, on the test set."""
    w, b, costs = np.zeros((X_train.shape[0], 1)), 0.0, []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X_test, Y_test)
        w, b = w - learning_rate * grads["dw"], b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}


def initialize_for_64_pixels(dim):
    """Right only for the digits' 64 pixels."""
    return np.zeros((64, 1)), 0.0


def sigmoid_unused_and_wrong(z):
    return 1 / (1 + np.exp(z))


def propagate_inline_sigmoid(w, b, X, Y):
    """The course's way: sigmoid written out, 1/m * np.sum, cost squeezed."""
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return {"dw": dw, "db": db}, np.squeeze(np.array(cost))


def propagate_m_from_rows(w, b, X, Y):
    m = X.shape[0]
    A = sigmoid(w.T @ X + b)
    return {"dw": X @ (A - Y).T / m, "db": np.sum(A - Y) / m}, -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m


def optimize_returning_in_loop(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
        params = {"w": w, "b": b}
        return params, grads, costs


def in_one_notebook(function, **overrides):
    """`function` with the module's functions and `overrides` sharing one namespace, as a notebook's cells do."""
    namespace = {**globals(), **overrides}
    for name in (*MODEL_HELPERS, "model"):
        value = namespace[name]
        if name not in overrides and isinstance(value, types.FunctionType):
            namespace[name] = types.FunctionType(value.__code__, namespace, value.__name__, value.__defaults__)
    return namespace[function.__name__]


def with_helpers(function, **helpers):
    """`function` finding `helpers` under their names instead of this module's (a notebook with one wrong helper)."""
    return types.FunctionType(function.__code__, {**globals(), **helpers}, function.__name__, function.__defaults__)


def _bce(A, Y):
    return -(Y * np.log(A) + (1 - Y) * np.log(1 - A))


BUGS = {
    "sigmoid: e^z instead of e^-z": ("sigmoid", lambda z: 1 / (1 + np.exp(z)), say.SIGMOID_SIGN),
    "sigmoid: no reciprocal": ("sigmoid", lambda z: 1 + np.exp(-z), say.SIGMOID_NO_RECIPROCAL),
    "sigmoid: math.exp on arrays": ("sigmoid", sigmoid_math_exp, "use np.exp and np.log on arrays"),
    "sigmoid: rounded output": ("sigmoid", sigmoid_rounded, say.SIGMOID_SLOPE),
    "sigmoid: tanh instead": ("sigmoid", np.tanh, say.SIGMOID_WRONG),
    "initialize: rank-1 w": ("initialize_with_zeros", lambda dim: (np.zeros(dim), 0.0), common.RANK_ONE),
    "initialize: ones instead of zeros": ("initialize_with_zeros", lambda dim: (np.ones((dim, 1)), 0.0), say.W_NOT_ZEROS),
    "initialize: w as a list of lists": ("initialize_with_zeros", lambda dim: ([[0.0]] * dim, 0.0), common.UNUSABLE),
    "initialize: b = None": ("initialize_with_zeros", lambda dim: (np.zeros((dim, 1)), None), common.UNUSABLE),
    "initialize: w as a row": ("initialize_with_zeros", lambda dim: (np.zeros((1, dim)), 0.0), common.TRANSPOSED),
    "initialize: dim hard-coded": ("initialize_with_zeros", lambda dim: (np.zeros((4, 1)), 0.0), common.WRONG_SHAPE),
    "propagate: cost not divided by m": ("propagate", _propagate_changing(cost=lambda w, b, X, Y, A: np.sum(_bce(A, Y))), say.COST_TIMES_M),
    "propagate: cost without the minus": ("propagate", _propagate_changing(cost=lambda w, b, X, Y, A: -np.mean(_bce(A, Y))), say.COST_SIGN),
    "propagate: log terms swapped": ("propagate", _propagate_changing(cost=lambda w, b, X, Y, A: np.mean(_bce(1 - A, Y))), say.COST_SWAPPED),
    "propagate: bias forgotten": ("propagate", _propagate_changing(
        cost=lambda w, b, X, Y, A: np.mean(_bce(sigmoid(w.T @ X), Y)),
        dw=lambda w, b, X, Y, A: X @ (sigmoid(w.T @ X) - Y).T / X.shape[1]), say.COST_NO_BIAS),
    "propagate: squared error cost": ("propagate", _propagate_changing(cost=lambda w, b, X, Y, A: np.mean((A - Y) ** 2)), say.COST_SQUARED),
    "propagate: only the y log a term": ("propagate", _propagate_changing(cost=lambda w, b, X, Y, A: -np.mean(Y * np.log(A))), say.COST_HALF),
    "propagate: returns (cost, grads)": ("propagate", _propagate_changing(order="swapped"), say.GRADS_ORDER),
    "propagate: dw not divided by m": ("propagate", _propagate_changing(dw=lambda w, b, X, Y, A: X @ (A - Y).T), say.DW_TIMES_M),
    "propagate: dw divided by m twice": ("propagate", _propagate_changing(dw=lambda w, b, X, Y, A: X @ (A - Y).T / X.shape[1] ** 2), say.DW_OVER_M),
    "propagate: dw with Y - A": ("propagate", _propagate_changing(dw=lambda w, b, X, Y, A: X @ (Y - A).T / X.shape[1]), say.DW_SIGN),
    "propagate: dw from Z": ("propagate", _propagate_changing(dw=lambda w, b, X, Y, A: X @ (w.T @ X + b - Y).T / X.shape[1]), say.DW_USED_Z),
    "propagate: dw divided by m - 1": ("propagate", _propagate_changing(dw=lambda w, b, X, Y, A: X @ (A - Y).T / (X.shape[1] - 1)), say.DW_NOT_GRADIENT),
    "propagate: dw rank-1": ("propagate", _propagate_changing(dw=lambda w, b, X, Y, A: (X @ (A - Y).T / X.shape[1]).ravel()), common.RANK_ONE),
    "propagate: dw transposed": ("propagate", _propagate_changing(dw=lambda w, b, X, Y, A: (A - Y) @ X.T / X.shape[1]), common.TRANSPOSED),
    "propagate: db summed, not averaged": ("propagate", _propagate_changing(db=lambda w, b, X, Y, A: np.sum(A - Y)), say.DB_TIMES_M),
    "propagate: db with Y - A": ("propagate", _propagate_changing(db=lambda w, b, X, Y, A: np.mean(Y - A)), say.DB_SIGN),
    "propagate: db summed over axis 0": ("propagate", _propagate_changing(db=lambda w, b, X, Y, A: np.sum(A - Y, axis=0) / X.shape[1]), common.WRONG_SHAPE),
    "propagate: sigmoid saturates to exactly 1": ("propagate", _propagate_changing(
        cost=lambda w, b, X, Y, A: np.mean(_bce(np.where(A > 0.5, 1.0, A), Y))), common.NOT_FINITE_VALUE),
    "optimize: in-place update": ("optimize", optimize_in_place, common.CHANGED_INPUT),
    "optimize: gradient ascent": ("optimize", _optimize_variant(sign=+1), say.ASCENT),
    "optimize: learning rate hard-coded": ("optimize", _optimize_variant(rate=0.009), say.RATE_DEFAULT),
    "optimize: learning rate left out": ("optimize", _optimize_variant(rate=1.0), say.RATE_IGNORED),
    "optimize: b never updated": ("optimize", _optimize_variant(update_b=False), say.B_FROZEN),
    "optimize: one iteration too many": ("optimize", _optimize_variant(extra=1), say.ITERATIONS_IGNORED),
    "optimize: cost every iteration": ("optimize", _optimize_variant(every=1), say.COSTS_EVERY_ITERATION),
    "optimize: cost recorded after the update": ("optimize", _optimize_variant(record_after=True), say.COSTS_AFTER_UPDATE),
    "optimize: loop never ends": ("optimize", optimize_never_ends, common.TIMED_OUT),
    "optimize: dw and db read once before the loop": ("optimize", optimize_reading_gradients_once, say.GRADIENTS_READ_ONCE),
    "optimize: asks propagate about the starting w and b": ("optimize", optimize_with_stale_parameters, say.STALE_PARAMETERS),
    "predict: probabilities": ("predict", lambda w, b, X: sigmoid(w.T @ X + b), say.PROBABILITIES),
    "predict: threshold on z": ("predict", lambda w, b, X: (w.T @ X + b > 0.5).astype(float), say.THRESHOLD_ON_Z),
    "predict: >= 0.5": ("predict", lambda w, b, X: (sigmoid(w.T @ X + b) >= 0.5).astype(float), say.BOUNDARY),
    "predict: rank-1 result": ("predict", lambda w, b, X: (sigmoid(w.T @ X + b) > 0.5).astype(float).ravel(), common.RANK_ONE),
    "predict: labels flipped": ("predict", predict_loop_flipped, say.FLIPPED),
    "model: trained on the test set": ("model", _model_variant(on_test=True), say.TRAINED_ON_TEST),
    "model: arguments not passed on": ("model", _model_variant(defaults=True), say.MODEL_DEFAULTS),
    "model: predictions swapped": ("model", _model_variant(swap=True), say.PREDICTIONS_SWAPPED),
    "model: key missing": ("model", _model_variant(drop="costs"), say.MISSING_KEYS),
    "model: trains twice, the second time from a random start": ("model", model_random_start, say.OPTIMIZE_ONCE),
    "model: starts from ones": ("model", model_own_start, say.MODEL_START),
    # Wired correctly, but the notebook's own optimize climbs: the end-to-end run says to fix optimize first.
    "model: its own optimize steps uphill": ("model", with_helpers(model, optimize=optimize_uphill), common.UPSTREAM_FAILED),
    # Wired correctly, but trained some other way (least squares, no gradient descent at all).
    "model: least squares in place of optimize": ("model", with_helpers(model, optimize=optimize_least_squares), common.UPSTREAM_FAILED),
    # A beginner's mistakes elsewhere surface in model: its message names the function to fix, which failed its own check.
    "model: after a sigmoid with e^z": ("model", in_one_notebook(model, sigmoid=lambda z: 1 / (1 + np.exp(z))), "`sigmoid` fails its own check"),
    "model: after an initialize_with_zeros of shape (dim, dim)": (
        "model", in_one_notebook(model, initialize_with_zeros=lambda dim: (np.zeros((dim, dim)), 0.0)), "`initialize_with_zeros` fails its own check"),
    "model: after an optimize that never ends": ("model", in_one_notebook(model, optimize=optimize_never_ends), "`optimize` fails its own check"),
    # Every helper passes its own check, but propagate looks at 50 examples only: a watched run of model names it.
    "model: propagate on the first 50 examples only": ("model", in_one_notebook(model, propagate=propagate_first_50), say.DIFFERS_IN_RUN),
    # Correct, but far too slow to train here: told so, never "a loop that never ends".
    "model: 0.4 s per gradient": ("model", with_helpers(model, optimize=with_helpers(optimize, propagate=propagate_sleepy)), common.PROBE_UNFINISHED),
    "model: returns the w and b it started from": ("model", model_returns_the_start, say.MODEL_WEIGHTS),
    "model: initialize_with_zeros(X_train.shape[1])": ("model", model_columns_as_features, say.INIT_DIM),
    "model: its own gradient descent, on the test set": ("model", model_descends_on_test, say.TRAINED_ON_TEST),
    # Two functions fail their own checks; in the run on the digits (64 pixels) initialize_with_zeros does its job and
    # propagate does not: propagate is the one named.
    "model: initialize_with_zeros for 64 pixels only, and db with Y - A": ("model", in_one_notebook(
        model, initialize_with_zeros=initialize_for_64_pixels,
        propagate=_propagate_changing(db=lambda w, b, X, Y, A: np.mean(Y - A))), "`propagate` fails its own check"),
    # sigmoid fails its own check, but propagate never calls it; propagate passes its own check and misbehaves on the digits.
    "model: a wrong sigmoid nobody calls, and propagate on the first 50 examples": ("model", in_one_notebook(
        model, sigmoid=sigmoid_unused_and_wrong, propagate=with_helpers(propagate_first_50, propagate=propagate_inline_sigmoid),
        predict=lambda w, b, X: (w.T @ X + b > 0).astype(float)),
        say.DIFFERS_IN_RUN),
    "propagate: m = X.shape[0]": ("propagate", propagate_m_from_rows, say.M_FROM_ROWS),
    "propagate: dw without the transpose of dZ": ("propagate", _propagate_changing(dw=lambda w, b, X, Y, A: np.dot(X, A - Y) / X.shape[1]),
                                                  common.INNER_SIZES),
    "optimize: returns inside the loop": ("optimize", optimize_returning_in_loop, say.RETURNS_IN_LOOP),
    "optimize: its own gradient, not divided by m": ("optimize", optimize_inline_not_averaged, "params after gradient descent are not what"),
    "optimize: its own gradient, uphill": ("optimize", optimize_inline_uphill, say.ASCENT),
    "data: reshape(-1, m)": ("data_preparation", _prepare_changing(
        train_set_x_flatten=lambda tr, te, n: tr.reshape(-1, tr.shape[0]),
        train_set_x=lambda tr, te, n: tr.reshape(-1, tr.shape[0]) / 255.0), say.COLUMNS_NOT_IMAGES),
    "data: flatten not transposed": ("data_preparation", _prepare_changing(
        train_set_x_flatten=lambda tr, te, n: tr.reshape(tr.shape[0], -1)), common.TRANSPOSED),
    "data: not scaled": ("data_preparation", _prepare_changing(train_set_x=lambda tr, te, n: n["train_set_x_flatten"]), say.NOT_NORMALIZED),
    "data: integer division": ("data_preparation", _prepare_changing(test_set_x=lambda tr, te, n: n["test_set_x_flatten"] // 255), say.INTEGER_DIVISION),
    "data: m_train from the wrong axis": ("data_preparation", _prepare_changing(m_train=lambda tr, te, n: tr.shape[1]), say.COUNT_WRONG),
    "data: num_px from the wrong axis": ("data_preparation", _prepare_changing(num_px=lambda tr, te, n: tr.shape[0]), say.NUM_PX_WRONG),
    # Everything consistent, on a tiny array instead of the dataset: nothing was prepared.
    "data: tiny arrays in place of the dataset": ("data_preparation", lambda train, test: {
        **prepare(train[:1, :1, :1], test[:1, :1, :1]), "train_set_x_orig": train[:1, :1, :1], "test_set_x_orig": test[:1, :1, :1]},
        say.NOT_THE_DATASET),
}


# --- correct, but not written like the reference -----------------------------------------

def sigmoid_stable(z):
    z = np.asarray(z, dtype=float)
    positive = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + positive), positive / (1 + positive))


def propagate_dot_and_clip(w, b, X, Y):
    m = X.shape[1]
    A = np.clip(sigmoid(np.dot(w.T, X) + b), 1e-15, 1 - 1e-15)
    cost = float(-(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)).item() / m)
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.mean(A - Y)}, cost


def propagate_from_logits(w, b, X, Y):
    Z = w.T @ X + b
    cost = np.squeeze(np.mean(np.logaddexp(0, Z) - Y * Z, axis=1))  # stable cross-entropy from Z
    dZ = expit(Z) - Y
    return {"dw": (X * dZ).mean(axis=1, keepdims=True), "db": dZ.mean()}, cost


def optimize_copy_then_in_place(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w, costs = w.copy(), []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        if i % 100 == 0:
            costs.append(float(cost))
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
    return {"w": w, "b": b}, grads, np.array(costs)


def predict_loop(w, b, X):
    A = sigmoid(w.T @ X + b)
    labels = np.zeros((1, X.shape[1]))
    for i in range(X.shape[1]):
        labels[0, i] = 1 if A[0, i] > 0.5 else 0
    return labels


def model_keyword_calls(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(dim=X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,
                                    learning_rate=learning_rate, print_cost=print_cost)
    if print_cost:
        print("done")
    return dict(costs=costs, w=params["w"], b=params["b"], learning_rate=learning_rate, num_iterations=num_iterations,
                Y_prediction_train=predict(params["w"], params["b"], X_train),
                Y_prediction_test=predict(params["w"], params["b"], X_test), extra="allowed")


# --- correct, written the way the well-known course's notebooks write them ---------------------

def initialize_course_style(dim):
    w = np.zeros(shape=(dim, 1))
    b = 0
    return w, b


def propagate_course_style(w, b, X, Y):
    """np.dot, 1/m * np.sum, a (1, 1) cost left unsqueezed, db of shape (1,) from np.sum(dZ, axis=1)."""
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * (np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y, axis=1)
    return {"dw": dw, "db": db}, cost


def propagate_printing_shapes(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    print("A:", A.shape, "X:", X.shape)
    dZ = A - Y
    grads = {"dw": X @ dZ.T / m, "db": np.sum(dZ, axis=1, keepdims=True) / m}
    return grads, np.squeeze(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def optimize_own_gradient(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Computes the gradient itself, with sigmoid, and prints what it records."""
    costs, m = [], X.shape[1]
    for i in range(num_iterations):
        A = sigmoid(np.dot(w.T, X) + b)
        cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
        grads = {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            print(f"cost after iteration {i}: {cost:.4f}")
    return {"w": w, "b": b}, grads, costs


def optimize_all_inline(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Computes everything itself, np.exp included, with dw and db as local names."""
    costs = []
    for i in range(num_iterations):
        Z = w.T @ X + b
        A = 1.0 / (1.0 + np.exp(-Z))
        dw, db = X @ (A - Y).T / X.shape[1], float(np.mean(A - Y))
        if i % 100 == 0:
            costs.append(float(np.mean(-Y * np.log(A) - (1 - Y) * np.log(1 - A))))
        w, b = w - learning_rate * dw, b - learning_rate * db
    grads = {"dw": dw, "db": db}
    return {"w": w, "b": b}, grads, costs


def optimize_course_style(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Unpacks dw and db, calls propagate once more for logging, prints with print_cost."""
    w, b = w.copy(), b
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print("Cost after iteration %i: %f" % (i, cost))
    print("final cost:", propagate(w, b, X, Y)[1])
    grads = {"dw": dw, "db": db}
    return {"w": w, "b": b}, grads, costs


def predict_course_style(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    w = w.reshape(X.shape[0], 1)
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    for i in range(A.shape[1]):
        if A[0, i] > 0.5:
            Y_prediction[0, i] = 1
        else:
            Y_prediction[0, i] = 0
    return Y_prediction


def model_zeros_inline(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Makes its zeros itself (an int b), the course's way, and builds d before returning it."""
    w = np.zeros((X_train.shape[0], 1))
    b = 0
    parameters, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = parameters["w"]
    b = parameters["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    if print_cost:
        print("train accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100))
    d = {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
         "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
    return d


def model_own_descent(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Its own loop of gradient descent, calling propagate, and an extra propagate and predicts for logging."""
    w, b = initialize_with_zeros(X_train.shape[0])
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X_train, Y_train)
        if i % 100 == 0:
            costs.append(cost)
        w, b = w - learning_rate * grads["dw"], b - learning_rate * grads["db"]
    print("final training cost:", propagate(w, b, X_train, Y_train)[1], "on the test set:", propagate(w, b, X_test, Y_test)[1])
    print("test accuracy:", np.mean(predict(w, b, X_test) == Y_test))
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test), "Y_prediction_train": predict(w, b, X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}


def model_all_inline(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Calls none of its helpers: gradient descent and predictions written out."""
    m = X_train.shape[1]
    w, b, costs = np.zeros((X_train.shape[0], 1)), 0.0, []
    for i in range(num_iterations):
        A = 1 / (1 + np.exp(-(w.T @ X_train + b)))
        if i % 100 == 0:
            costs.append(float(-np.mean(Y_train * np.log(A) + (1 - Y_train) * np.log(1 - A))))
        w, b = w - learning_rate * (X_train @ (A - Y_train).T) / m, b - learning_rate * np.mean(A - Y_train)
    labels = lambda X: (1 / (1 + np.exp(-(w.T @ X + b))) > 0.5).astype(float)
    return {"costs": costs, "Y_prediction_test": labels(X_test), "Y_prediction_train": labels(X_train),
            "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}


def model_logging_twice(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Extra calls for logging: initialize_with_zeros twice, optimize with print_cost=True, predict on each set twice."""
    print("starting from", initialize_with_zeros(X_train.shape[0])[0].shape)
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations, learning_rate=learning_rate, print_cost=True)
    for X, Y in ((X_train, Y_train), (X_test, Y_test)):
        print("accuracy:", np.mean(predict(params["w"], params["b"], X) == Y))
    return {"costs": costs, "Y_prediction_test": predict(params["w"], params["b"], X_test),
            "Y_prediction_train": predict(params["w"], params["b"], X_train), "w": params["w"], "b": params["b"],
            "learning_rate": learning_rate, "num_iterations": num_iterations}


# Entries that take seconds each (they wait out a time limit, or train on the digits at a loop's pace): the quick tier leaves
# them to the e2e tier (catalogue.tier_marks), where every entry is graded.
SLOW = {"model: after an optimize that never ends", "model: 0.4 s per gradient", "model: after an initialize_with_zeros of shape (dim, dim)",
        "model: propagate loops over the examples"}

CORRECT = {
    "initialize: returns [w, b], a list": ("initialize_with_zeros", initialize_as_list),
    "initialize: b = 0, an int": ("initialize_with_zeros", initialize_course_style),
    "initialize: integer zeros": ("initialize_with_zeros", lambda dim: (np.zeros((dim, 1), dtype=int), 0)),
    "initialize: b = 0.": ("initialize_with_zeros", lambda dim: (np.zeros((dim, 1), dtype=float), 0.)),
    "sigmoid: plain": ("sigmoid", sigmoid),
    "sigmoid: numerically stable": ("sigmoid", sigmoid_stable),
    "sigmoid: scipy's expit": ("sigmoid", expit),
    "sigmoid: via logaddexp": ("sigmoid", lambda z: np.exp(-np.logaddexp(0, -z))),
    "initialize: NumPy float b": ("initialize_with_zeros", lambda dim: (np.zeros(shape=(dim, 1)), np.float64(0))),
    "propagate: @ and np.mean": ("propagate", propagate),
    "propagate: np.dot, clipped log, Python float cost": ("propagate", propagate_dot_and_clip),
    "propagate: stable cross-entropy from Z, 0-d cost": ("propagate", propagate_from_logits),
    "propagate: the course's way, a (1, 1) cost and db of shape (1,)": ("propagate", propagate_course_style),
    "propagate: σ written out, cost squeezed": ("propagate", propagate_inline_sigmoid),
    "propagate: prints shapes, db of shape (1, 1)": ("propagate", propagate_printing_shapes),
    "propagate: cost of shape (1, 1) from np.dot": ("propagate", _propagate_changing(
        cost=lambda w, b, X, Y, A: -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / X.shape[1])),
    "optimize: plain": ("optimize", optimize),
    "optimize: copies w, then updates in place": ("optimize", optimize_copy_then_in_place),
    "optimize: its own gradient, with sigmoid, printing": ("optimize", optimize_own_gradient),
    "optimize: everything inline": ("optimize", optimize_all_inline),
    "optimize: the course's way, an extra propagate for logging": ("optimize", optimize_course_style),
    "predict: vectorized": ("predict", predict),
    "predict: loop, integer labels": ("predict", lambda w, b, X: predict_loop(w, b, X).astype(int)),
    "predict: loop": ("predict", predict_loop),
    "predict: the course's way, σ written out": ("predict", predict_course_style),
    "model: positional calls": ("model", model),
    "model: keyword calls, extra key": ("model", model_keyword_calls),
    "model: zeros made inline, an int b, d built first": ("model", model_zeros_inline),
    "model: its own gradient descent calling propagate, logging": ("model", model_own_descent),
    "model: no helper called at all": ("model", model_all_inline),
    "model: helpers called twice for logging": ("model", model_logging_twice),
    # The course's own helpers (an int b, a (1, 1) cost, db of shape (1,)) end to end.
    "model: with the course's initialize, propagate and optimize": ("model", in_one_notebook(
        model, initialize_with_zeros=initialize_course_style, propagate=propagate_course_style, optimize=optimize_course_style)),
    # Slow but correct: a propagate that loops over the examples trains within the time the probe grants it.
    "model: propagate loops over the examples": ("model", with_helpers(model, optimize=with_helpers(optimize, propagate=propagate_loop))),
    "data: reshape(m, -1).T": ("data_preparation", prepare),
    "data: float32 scaling": ("data_preparation", _prepare_changing(
        train_set_x=lambda tr, te, n: n["train_set_x_flatten"].astype(np.float32) / np.float32(255),
        test_set_x=lambda tr, te, n: np.divide(n["test_set_x_flatten"], 255))),
}


# A realistic bug made in the solution notebook, for the nbgrader pipeline (tests/test_nbgrader.py): (grade_id of the
# solution cell, old text, new text), the check that must lose its points, and the hint the student's feedback must show.
NOTEBOOK_BUG = (("propagate_code", "dw = X @ dZ.T / m", "dw = X @ dZ.T"), "propagate", say.DW_TIMES_M)
