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

from checker.checks import messages as common
from checker.datasets import load_dataset
from checker.assignments.logistic_regression import messages as say


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
    "initialize: integer w": ("initialize_with_zeros", lambda dim: (np.zeros((dim, 1), dtype=int), 0.0), say.W_INTEGERS),
    "initialize: integer b": ("initialize_with_zeros", lambda dim: (np.zeros((dim, 1)), 0), say.B_INTEGER),
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
    "propagate: cost of shape (1, 1)": ("propagate", _propagate_changing(
        cost=lambda w, b, X, Y, A: -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / X.shape[1]), common.ONE_BY_ONE),
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
    "propagate: db as an array": ("propagate", _propagate_changing(db=lambda w, b, X, Y, A: np.sum(A - Y, axis=1, keepdims=True) / X.shape[1]), common.ONE_BY_ONE),
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


CORRECT = {
    "initialize: returns [w, b], a list": ("initialize_with_zeros", initialize_as_list),
    "sigmoid: plain": ("sigmoid", sigmoid),
    "sigmoid: numerically stable": ("sigmoid", sigmoid_stable),
    "sigmoid: scipy's expit": ("sigmoid", expit),
    "sigmoid: via logaddexp": ("sigmoid", lambda z: np.exp(-np.logaddexp(0, -z))),
    "initialize: NumPy float b": ("initialize_with_zeros", lambda dim: (np.zeros(shape=(dim, 1)), np.float64(0))),
    "propagate: @ and np.mean": ("propagate", propagate),
    "propagate: np.dot, clipped log, Python float cost": ("propagate", propagate_dot_and_clip),
    "propagate: stable cross-entropy from Z, 0-d cost": ("propagate", propagate_from_logits),
    "optimize: plain": ("optimize", optimize),
    "optimize: copies w, then updates in place": ("optimize", optimize_copy_then_in_place),
    "predict: vectorized": ("predict", predict),
    "predict: loop, integer labels": ("predict", lambda w, b, X: predict_loop(w, b, X).astype(int)),
    "predict: loop": ("predict", predict_loop),
    "model: positional calls": ("model", model),
    "model: keyword calls, extra key": ("model", model_keyword_calls),
    # Slow but correct: a propagate that loops over the examples trains within the time the probe grants it.
    "model: propagate loops over the examples": ("model", with_helpers(model, optimize=with_helpers(optimize, propagate=propagate_loop))),
    "data: reshape(m, -1).T": ("data_preparation", prepare),
    "data: float32 scaling": ("data_preparation", _prepare_changing(
        train_set_x=lambda tr, te, n: n["train_set_x_flatten"].astype(np.float32) / np.float32(255),
        test_set_x=lambda tr, te, n: np.divide(n["test_set_x_flatten"], 255))),
}
