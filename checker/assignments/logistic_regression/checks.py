"""Checks of assignment 01: data preparation, sigmoid, initialize_with_zeros, propagate, optimize, predict, model.

A function is graded on its own: `propagate` with the SymPy-derived sigmoid in place of the
student's, `optimize` with a stand-in `propagate` (the gradient of a random convex quadratic,
which runs beside the student's code: it gives nothing away), `model` with stand-ins for all its helpers that record how
they were called. Reference results come from `run.reference`, recognised mistakes from
`run.mistakes`; the model's accuracy comes from the student's own code, end to end.
"""

import numbers
import time

import numpy as np

from checker.assignments.logistic_regression import inputs
from checker.assignments.logistic_regression import messages as say
from checker.assignments.logistic_regression import judges, standins
from checker.checks import compare, symbolic
from checker.checks import messages as common
from checker.checks.guard import beside, call_student, limit_from_probe, using_references
from checker.checks.registry import check
from checker.checks.report import CheckFailure, describe_value, kind_in_words
from checker.checks.student_side import side_of
from checker.checks.spies import first_wrong, watched_run
from checker.checks.shapes import require_array, require_finite, require_scalar, require_shape
from checker.datasets import load_dataset
from checker.gradients.numerical import numerical_gradient, relative_error
from checker.sandbox.standins import QuadraticBowl
from checker.thresholds import agree_below

# The end-to-end run: model() trained from zeros on a random 80 % of the training digits, for a number of
# iterations and at a learning rate drawn from the check's seed, must arrive where gradient descent does
# (tests/test_teaching_numbers.py recomputes how well that classifies the test digits). A short probe's time
# sets the run's time limit; a failed run is replayed for REPLAY_ITERATIONS with every function watched.
ITERATIONS, RATES, PROBE_ITERATIONS, REPLAY_ITERATIONS = (150, 251), (0.3, 0.7), 10, 3
SLOW = 5  # a correct run this many times as long as computing all the examples at once would take gets a note
HELPERS = ("initialize_with_zeros", "optimize", "propagate", "sigmoid", "predict")


# -- data preparation: the student's own arrays, made from the built-in dataset ----------------
def _require_count(run, name, value, expected, array, shape):
    if not isinstance(value, (numbers.Integral, np.integer)) or isinstance(value, bool) or value != expected:
        run.fail(say.COUNT_WRONG.format(name=name, value=value, array=array, shape=shape))


def _require_flattened(run, name, flat, images):
    m = images.shape[0]
    require_shape(run, flat, (int(np.prod(images.shape[1:])), m), name)
    if not np.array_equal(flat, images.reshape(m, -1).T):
        run.fail(say.COLUMNS_NOT_IMAGES.format(name=name))


def _grade_scaled(run, name, scaled, flat, source):
    require_shape(run, scaled, flat.shape, name)
    if np.allclose(np.asarray(scaled, dtype=np.float64) * 255.0, flat, rtol=1e-5, atol=1e-4):
        return
    if np.array_equal(scaled, flat) and flat.max() > 1:
        run.fail(say.NOT_NORMALIZED.format(name=name, top=float(np.max(scaled))))
    if np.all((scaled == 0) | (scaled == 1)) and np.array_equal(scaled, (flat >= 255).astype(scaled.dtype)):
        run.fail(say.INTEGER_DIVISION.format(name=name))
    run.fail(say.WRONG_SCALE.format(name=name, source=source))


@check("data_preparation")
def check_data_preparation(run, train_set_x_orig, test_set_x_orig, m_train, m_test, num_px,
                           train_set_x_flatten, test_set_x_flatten, train_set_x, test_set_x):
    """Are the images the built-in digits, and do m_train, m_test, num_px, the flattened columns and the scaled pixels follow from them?"""
    dataset = load_dataset()
    for name, images, expected in (("train_set_x_orig", train_set_x_orig, dataset[0]), ("test_set_x_orig", test_set_x_orig, dataset[2])):
        require_array(run, images, name)
        if images.shape != expected.shape or not np.array_equal(images, expected):  # arrays made up to pass the checks
            run.fail(say.NOT_THE_DATASET.format(name=name, yours=describe_value(images)), depends_on_seed=False)
    _require_count(run, "m_train", m_train, train_set_x_orig.shape[0], "train_set_x_orig", train_set_x_orig.shape)
    _require_count(run, "m_test", m_test, test_set_x_orig.shape[0], "test_set_x_orig", test_set_x_orig.shape)
    if not isinstance(num_px, (numbers.Integral, np.integer)) or isinstance(num_px, bool) or num_px != train_set_x_orig.shape[1]:
        run.fail(say.NUM_PX_WRONG.format(value=num_px, shape=train_set_x_orig.shape))
    _require_flattened(run, "train_set_x_flatten", train_set_x_flatten, train_set_x_orig)
    _require_flattened(run, "test_set_x_flatten", test_set_x_flatten, test_set_x_orig)
    _grade_scaled(run, "train_set_x", train_set_x, train_set_x_flatten, "train_set_x_flatten")
    _grade_scaled(run, "test_set_x", test_set_x, test_set_x_flatten, "test_set_x_flatten")


# -- sigmoid: against SymPy's σ and σ' --------------------------------------------------------
@check("sigmoid")
def check_sigmoid(run, sigmoid):
    """Does sigmoid compute 1 / (1 + e^(-z)), a number for a number and an array of z's shape for an array, with the slope σ(z)(1 - σ(z))?"""
    z_scalar = float(run.rng.uniform(-4, 4))
    value = call_student(run, sigmoid, z_scalar).value
    if isinstance(value, np.ndarray) and value.size == 1 and value.ndim > 0:
        run.fail(say.SCALAR_RESULT.format(z=run.shown(f"{z_scalar:.3g}", "z"), kind=f"array of shape {value.shape}"))
    require_scalar(run, value, f"sigmoid({z_scalar:.3g})")

    z = run.rng.uniform(-6, 6, size=(int(run.rng.integers(2, 5)), int(run.rng.integers(3, 7))))
    call = call_student(run, sigmoid, z)
    require_shape(run, call.value, z.shape, "sigmoid(z)")
    require_finite(run, call.value, "sigmoid(z)", call)
    expected = symbolic.sigmoid(z)
    if not compare.close(call.value, expected):
        headline = compare.first_match(call.value, [(symbolic.sigmoid(-z), say.SIGMOID_SIGN), (1 / expected, say.SIGMOID_NO_RECIPROCAL)])
        run.fail(headline or say.SIGMOID_WRONG, *compare.mismatch_details("sigmoid(z)", call.value, expected))

    # The slope must match the SymPy-derived σ'(z) too, which catches rounded or tabulated outputs.
    points = z.ravel()[:6]
    slope = np.array([numerical_gradient(lambda t: call_student(run, sigmoid, t).value, point) for point in points])
    if relative_error(slope, symbolic.sigmoid_derivative(points)) > agree_below():
        run.fail(say.SIGMOID_SLOPE)


# -- initialize_with_zeros: properties --------------------------------------------------------
@check("initialize_with_zeros")
def check_initialize_with_zeros(run, initialize_with_zeros):
    """Does initialize_with_zeros(dim) return w, a float column of dim zeros, and b = 0.0, for any dim?"""
    for dim in (int(run.rng.integers(2, 6)), int(run.rng.integers(6, 12))):
        result = call_student(run, initialize_with_zeros, dim).value
        if not isinstance(result, (tuple, list)) or len(result) != 2:  # a list unpacks like the pair the notebook returns
            run.fail(say.RETURNS_PAIR.format(name="initialize_with_zeros", pair="(w, b)", kind=kind_in_words(result)))
        w, b = result
        require_shape(run, w, (dim, 1), f"w for dim = {dim}", "w")
        if not np.issubdtype(w.dtype, np.floating):
            run.fail(say.W_INTEGERS.format(dtype=w.dtype))
        if np.count_nonzero(w):
            run.fail(say.W_NOT_ZEROS.format(count=np.count_nonzero(w)))
        if isinstance(b, (int, np.integer)) and not isinstance(b, bool) and b == 0:
            run.fail(say.B_INTEGER)
        if require_scalar(run, b, "b") != 0.0:
            run.fail(say.B_NOT_ZERO.format(value=b))


# -- propagate: against the reference, its own cost's finite differences and known mistakes -----
def _unpack_grads(run, result):
    """The student's (dw, db, cost), after checking the container types."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        run.fail(say.RETURNS_PAIR.format(name="propagate", pair="(grads, cost)", kind=kind_in_words(result)))
    grads, cost = result
    if isinstance(cost, dict) and not isinstance(grads, dict):
        run.fail(say.GRADS_ORDER)
    if not isinstance(grads, dict):
        run.fail(say.GRADS_NOT_DICT.format(kind=describe_value(grads)))
    for key in ("dw", "db"):
        if key not in grads:
            run.fail(say.GRADS_KEY.format(key=key, keys=sorted(map(str, grads)) or "no entries"))
    return grads["dw"], grads["db"], cost


def _student_propagate(run, propagate, w, b, X, Y):
    """One checked call: (dw, db, cost) with shapes, types and finiteness verified."""
    call = call_student(run, propagate, w, b, X, Y)
    dw, db, cost = _unpack_grads(run, call.value)
    require_shape(run, dw, w.shape, 'grads["dw"]', "dw")
    db = require_scalar(run, db, 'grads["db"]', "db")
    cost = require_scalar(run, cost, "cost")
    for value, what in ((cost, "cost"), (dw, 'grads["dw"]'), (db, 'grads["db"]')):
        require_finite(run, value, what, call)
    return dw, db, cost


@check("propagate")
def check_propagate(run, propagate):
    """Does propagate return the cost and the gradients of the cross-entropy, for any w, b, X and Y?"""
    w, b, X, Y = inputs.draw_problem(run.rng)
    m = X.shape[1]
    expected, expected_cost = run.reference.propagate(w, b, X, Y)
    mistaken = run.mistakes.propagate(w, b, X, Y)
    with using_references(propagate, run, sigmoid=symbolic.sigmoid):
        dw, db, cost = _student_propagate(run, propagate, w, b, X, Y)
        if compare.close(cost, expected_cost) and compare.close(dw, expected["dw"]) and compare.close(db, expected["db"]):
            return
        # "Is your dw the gradient of the cost you return?": centred differences of the student's own cost.
        own_dw = numerical_gradient(lambda v: _student_propagate(run, propagate, v, b, X, Y)[2], w)
        own_db = numerical_gradient(lambda v: _student_propagate(run, propagate, w, float(v), X, Y)[2], np.array(b))
    dw_consistent = relative_error(dw, own_dw) < agree_below()
    inputs_line = ("inputs", f"w {w.shape}, X {X.shape}, so m = {m}")

    if not compare.close(cost, expected_cost):
        headline = compare.first_match(cost, [
            (expected_cost * m, say.COST_TIMES_M), (expected_cost / m, say.COST_OVER_M), (-expected_cost, say.COST_SIGN),
            *compare.candidates(mistaken, lambda result: result[1], say.COST_SWAPPED, say.COST_NO_BIAS, say.COST_HALF, say.COST_SQUARED),
        ])
        details = [("yours", describe_value(cost)), inputs_line]
        if dw_consistent:
            details.append(("note", say.COST_WRONG_BUT_CONSISTENT))
        run.fail(headline or say.COST_WRONG, *details)

    if not compare.close(dw, expected["dw"]):
        headline = compare.first_match(dw, [
            (expected["dw"] * m, say.DW_TIMES_M), (expected["dw"] / m, say.DW_OVER_M), (-expected["dw"], say.DW_SIGN),
            *compare.candidates(mistaken, lambda result: result[0]["dw"], say.DW_NO_BIAS, say.DW_USED_Z, say.DW_SQUARED),
        ])
        run.fail(headline or say.DW_NOT_GRADIENT, inputs_line, *compare.mismatch_details("dw", dw, own_dw, agree_below()))

    if not compare.close(db, expected["db"]):
        headline = compare.first_match(db, [(expected["db"] * m, say.DB_TIMES_M), (-expected["db"], say.DB_SIGN)])
        details = [("yours", describe_value(db)), ("relative error", f"{relative_error(db, own_db):.2g} against centred differences of your cost")]
        run.fail(headline or say.DB_NOT_GRADIENT, *details)


# -- optimize: with a stand-in propagate ------------------------------------------------------
def draw_bowl(rng, dim):
    """A random quadratic bowl: H positive definite, its minimum at (w*, b*); the stand-in for propagate."""
    root = rng.normal(size=(dim, dim)) / np.sqrt(dim)
    return root @ root.T + 0.05 * np.eye(dim), rng.normal(size=(dim, 1)), float(rng.uniform(0.5, 2)), float(rng.normal())


def _costs_as_floats(run, costs, source="costs"):
    if not isinstance(costs, (list, tuple, np.ndarray)):
        run.fail(say.COSTS_WRONG, ("yours", describe_value(costs)))
    return [require_scalar(run, cost, f"{source}[{i}]", "cost") for i, cost in enumerate(costs)]


def _student_optimize(run, optimize, bowl, w, b, X, Y, **arguments):
    with using_references(optimize, run, propagate=beside(optimize, run, "QuadraticBowl", *bowl), sigmoid=symbolic.sigmoid):
        call = call_student(run, optimize, w, b, X, Y, **arguments)
    if not isinstance(call.value, (tuple, list)) or len(call.value) != 3:
        run.fail(say.RETURNS_TRIPLE.format(kind=kind_in_words(call.value)))
    return call


def _propagate_asked(run, optimize, bowl, w, b, X, Y, rate, iterations=3):
    """The w each call of propagate received in a short run of optimize, watched from the judge (propagate lent from here)."""
    stand_in = standins.BowlStandIn(run, bowl, calls=10 * iterations)
    with using_references(optimize, run, propagate=stand_in.propagate, sigmoid=symbolic.sigmoid):
        call_student(run, optimize, w, b, X, Y, num_iterations=iterations, learning_rate=rate, print_cost=False)
    return list(stand_in.asked)


def _why_first_gradients(asked, start):
    """Why optimize stepped with the first gradients every time, as the watched calls of propagate show (None: unclear)."""
    if len(asked) == 1:
        return say.GRADIENTS_BEFORE_LOOP
    if len(asked) > 1 and all(compare.close(w, start) for w in asked):
        return say.STALE_PARAMETERS
    if len(asked) > 1 and any(not compare.close(w, start) for w in asked):  # it did ask about the updated parameters
        return say.GRADIENTS_READ_ONCE
    return None


@check("optimize")
def check_optimize(run, optimize):
    """Does optimize take num_iterations steps of gradient descent at learning_rate and return the final w and b, the last grads and every 100th cost?"""
    w, b, X, Y = inputs.draw_problem(run.rng, dim=3)
    iterations = int(run.rng.integers(201, 400))
    bowl = draw_bowl(run.rng, w.shape[0])  # propagate's stand-in: the gradient of this quadratic
    gradient = QuadraticBowl(*bowl)
    H, _, h, _ = bowl
    w_star, b_star = gradient.minimum(X, Y)  # the bowl's bottom moves with X and Y: optimize must pass on its own
    # Paths of gradient descent on the bowl: (w, b, cost) at every step 0..n, for the right rate and recognised wrong ones.
    # A rate at which w has not settled by step n, so that one step more or less still shows.
    for _ in range(20):
        rate = float(run.rng.uniform(0.02, 0.2))
        path = run.reference.descent_path(w, b, H, w_star, h, b_star, rate, iterations + 1)
        if not compare.close(path["w"][iterations], path["w"][iterations + 1]):
            break
    wrong_rates = {say.ASCENT: -rate, say.RATE_IGNORED: 1.0, say.RATE_DEFAULT: 0.009}
    wrong_paths = {message: run.reference.descent_path(w, b, H, w_star, h, b_star, wrong, iterations) for message, wrong in wrong_rates.items()}

    call = _student_optimize(run, optimize, bowl, w, b, X, Y, num_iterations=iterations, learning_rate=rate, print_cost=False)
    params, grads, costs = call.value
    if not isinstance(params, dict) or "w" not in params or "b" not in params:
        run.fail(say.RETURNS_TRIPLE.format(kind=kind_in_words(call.value)))
    new_w = require_shape(run, params["w"], w.shape, 'params["w"]', "w")
    new_b = require_scalar(run, params["b"], 'params["b"]', "b")
    require_finite(run, new_w, 'params["w"]', call)

    steps = run.shown(f"{iterations} steps at learning rate {rate:g}", "num_iterations steps at the learning_rate it was given")
    final_w, final_b = path["w"][iterations], path["b"][iterations]
    if compare.close(new_b, b) and not compare.close(final_b, b):
        run.fail(say.B_FROZEN)
    if not compare.close(new_w, final_w):
        ran = next((n for n in (100, iterations - 1, iterations + 1) if compare.close(new_w, path["w"][n])), None)
        headline = compare.first_match(new_w, [(wrong["w"][iterations], message) for message, wrong in wrong_paths.items()])
        if headline is None and ran is not None:
            headline = say.ITERATIONS_IGNORED.format(ran=ran, iterations=iterations)
        if headline is None and compare.close(new_w, w - iterations * rate * gradient(w, b, X, Y)[0]["dw"]):
            headline = _why_first_gradients(_propagate_asked(run, optimize, bowl, w, b, X, Y, rate), w)
        run.fail(headline or say.PARAMS_WRONG.format(steps=steps), ("yours", describe_value(new_w)))
    if not compare.close(new_b, final_b):
        run.fail(say.PARAMS_WRONG.format(steps=steps), ("yours", describe_value(new_b)))

    costs = _costs_as_floats(run, costs)
    expected_costs = path["cost"][:iterations:100]
    if len(costs) != len(expected_costs):
        template = say.COSTS_EVERY_ITERATION if len(costs) >= iterations else say.COSTS_COUNT
        run.fail(template.format(count=len(costs), iterations=iterations))
    if not compare.close(costs, expected_costs):
        after = compare.close(costs, path["cost"][1 : iterations + 1 : 100])
        run.fail(say.COSTS_AFTER_UPDATE if after else say.COSTS_WRONG, ("yours", describe_value(np.array(costs))))

    last = gradient(path["w"][iterations - 1], path["b"][iterations - 1], X, Y)[0]
    if not isinstance(grads, dict) or not compare.close(grads.get("dw", np.nan), last["dw"]):
        run.fail(say.GRADS_LAST)


# -- predict -----------------------------------------------------------------------------------
def _student_predictions(run, predict, w, b, X):
    with using_references(predict, run, sigmoid=symbolic.sigmoid):
        predictions = call_student(run, predict, w, b, X).value
    require_shape(run, predictions, (1, X.shape[1]), "predict(w, b, X)")
    values = np.unique(predictions)
    if not np.isin(values, (0, 1)).all():
        between = np.logical_and(values > 0, values < 1).any()
        run.fail(say.PROBABILITIES if between else say.NOT_LABELS.format(values=values[:6]))
    return predictions.astype(np.float64)


@check("predict")
def check_predict(run, predict):
    """Does predict label each example 1 exactly when σ(wᵀx + b) > 0.5, and 0 otherwise, for any w, b and X?"""
    w, b, X = inputs.problem_with_margins(run.rng)
    expected = run.reference.predict(w, b, X)
    mistaken = run.mistakes.predict(w, b, X)
    predictions = _student_predictions(run, predict, w, b, X)
    if not compare.close(predictions, expected):
        headline = compare.first_match(predictions, [*compare.candidates(mistaken, lambda result: result, say.THRESHOLD_ON_Z), (1 - expected, say.FLIPPED)])
        count = int((predictions != expected).sum())
        run.fail(headline or say.PREDICTIONS_WRONG.format(count=count, total=expected.size), ("yours", describe_value(predictions)))
    # b matters: moved far enough, it puts every example on one side of the boundary.
    for side in (1.0, 0.0):
        far = (np.abs(w.T @ X).max() + 1.0) * (1 if side else -1)
        if not np.all(_student_predictions(run, predict, w, far, X) == side):
            run.fail(say.B_IGNORED.format(b=run.shown(f"{far:.3g}", "far from 0"), side=int(side)))
    # An example sitting exactly on the boundary: z = 0, so A = 0.5, which is not > 0.5.
    X_edge = np.concatenate([X[:, :2], np.zeros((X.shape[0], 1))], axis=1)
    if _student_predictions(run, predict, w, 0.0, X_edge)[0, 2] != 0:
        run.fail(say.BOUNDARY)


# -- model: wiring with stand-ins, then accuracy with the student's own code ---------------------
def _grade_model_calls(run, stand_ins, X_train, Y_train, X_test, iterations, rate):
    """Did model call its helpers as the exercise says? Fails with the first thing it did otherwise."""
    if stand_ins.calls["initialize_with_zeros"] != [X_train.shape[0]]:
        run.fail(say.INIT_DIM)
    if len(stand_ins.calls["optimize"]) != 1:
        run.fail(say.OPTIMIZE_ONCE.format(count=len(stand_ins.calls["optimize"])))
    call = stand_ins.calls["optimize"][0]
    if compare.close(call["X"], X_test) and not compare.close(call["X"], X_train):
        run.fail(say.TRAINED_ON_TEST)
    if not (compare.close(call["X"], X_train) and compare.close(call["Y"], Y_train)):
        run.fail(say.TRAINED_ON_TEST)
    lost = [name for name, given in (("num_iterations", iterations), ("learning_rate", rate)) if call[name] != given]
    if lost:
        run.fail(say.MODEL_DEFAULTS.format(names=" and ".join(lost), verb="has" if len(lost) == 1 else "have"))
    if not (compare.close(call["w"], stand_ins.start[0]) and compare.close(call["b"], stand_ins.start[1])):
        run.fail(say.MODEL_START)


@check("model", upstream=("sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict"))
def check_model(run, model):
    """Does model call its helpers as the exercise says and return what they give, and, trained on the digits, arrive where gradient descent does?"""
    X_train, Y_train, X_test, Y_test = inputs.model_data(run.rng)
    iterations, rate = int(run.rng.integers(150, 260)), float(run.rng.uniform(0.05, 0.3))
    stand_ins = standins.ModelStandIns(run, X_train.shape[0], X_train.shape[1], X_test.shape[1])
    with using_references(model, run, **stand_ins.helpers()):
        d = call_student(run, model, X_train, Y_train, X_test, Y_test, num_iterations=iterations, learning_rate=rate).value
    if not isinstance(d, dict):
        run.fail(say.RESULT_NOT_DICT.format(kind=kind_in_words(d)))
    _grade_model_calls(run, stand_ins, X_train, Y_train, X_test, iterations, rate)
    missing = [key for key in ("costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations") if key not in d]
    if missing:
        run.fail(say.MISSING_KEYS.format(keys=", ".join(f'"{key}"' for key in missing)))
    for key, given in (("learning_rate", rate), ("num_iterations", iterations)):
        if d[key] != given:
            run.fail(say.ECHO_WRONG.format(key=key, value=d[key], given=run.shown(f"{key}={given!r}", f"another {key}")))
    if not (compare.close(d["w"], stand_ins.trained["w"]) and compare.close(d["b"], stand_ins.trained["b"])):
        run.fail(say.MODEL_WEIGHTS, ("yours", describe_value(d["w"])))
    for key, data, X in (("Y_prediction_train", "X_train", X_train), ("Y_prediction_test", "X_test", X_test)):
        if not compare.close(d[key], stand_ins.labels[X.shape[1]]):
            swapped = key == "Y_prediction_train" and compare.close(d[key], stand_ins.labels[X_test.shape[1]])
            run.fail(say.PREDICTIONS_SWAPPED if swapped else say.PREDICTION_WRONG.format(key=key, data=data))
    if not compare.close(_costs_as_floats(run, d["costs"], 'd["costs"]'), stand_ins.costs):
        run.fail(say.MODEL_COSTS)

    if run.end_to_end:
        _grade_end_to_end(run, model)


def _grade_end_to_end(run, model):
    """End to end with the student's own functions: train on digits drawn by the seed; the checker judges w and b.

    Training is deterministic (gradient descent from zeros), so the w and b model learns must be the
    reference's, within round-off: only working helpers get there. model gets placeholder test labels,
    and the checker computes what w and b classify itself. A failure names the function to fix: one
    that fails its own check, or else the one a watched short run shows misbehaving.
    """
    subset_seed = int(run.rng.integers(2**31))
    iterations, rate = int(run.rng.integers(*ITERATIONS)), round(float(run.rng.uniform(*RATES)), 2)
    X_train, Y_train, X_test, Y_test = inputs.digits_subset(subset_seed)
    arguments = (model, X_train, Y_train, X_test, np.zeros_like(Y_test))
    with run.blaming_upstream():
        limit = limit_from_probe(run, *arguments, num_iterations=PROBE_ITERATIONS, learning_rate=rate, scale=iterations / PROBE_ITERATIONS,
                                 probe=f"{PROBE_ITERATIONS} iterations", advice=lambda: _where_time_goes(run, model, X_train, Y_train, iterations))
        started = time.monotonic()
        d = call_student(run, *arguments, num_iterations=iterations, learning_rate=rate, time_limit_s=limit).value
        seconds = time.monotonic() - started
        w, b = _returned_parameters(run, d, X_train.shape[0])
    expected = run.reference.trained_on_digits(subset_seed, iterations, rate)
    if not (compare.trained_close(w, expected["w"]) and compare.trained_close(b, expected["b"])):
        failing = run.failing_upstream()
        if failing:
            run.fail_upstream(failing)
        calls, value = watched_run(run, model, HELPERS, *arguments[1:], num_iterations=REPLAY_ITERATIONS, learning_rate=rate)
        call, wrong = first_wrong(calls or [], judges.JUDGES.get)
        if call is not None:
            run.fail(say.DIFFERS_IN_RUN.format(name=call.name, wrong=wrong), depends_on_seed=False)
        if calls and not judges.returns_what_optimize_did(value, calls):
            run.fail(say.DIFFERS_IN_RUN.format(name="model", wrong=say.RUN_MODEL), depends_on_seed=False)
        achieved = float(np.mean((symbolic.sigmoid(w.T @ X_test + b) > 0.5) == Y_test))
        settings = run.shown(f"num_iterations={iterations} and learning_rate={rate:g}", "the num_iterations and learning_rate this check drew")
        classified = run.shown(f" (they classify {achieved:.1%} of the test images correctly)", "")
        run.fail(say.NOT_DESCENT.format(settings=settings, classified=classified), ("yours", describe_value(w)),
                 depends_on_seed=False)
    vectorised = inputs.vectorised_seconds(X_train, iterations)
    if seconds > SLOW * vectorised:
        run.note(say.SLOW_NOTE.format(seconds=seconds, factor=seconds / vectorised, vectorised=vectorised))


def _where_time_goes(run, model, X, Y, iterations):
    """Advice for a model too slow to train here, from timing one call of the student's own propagate on the same data."""
    propagate = side_of(model, run).lookup(model, "propagate")
    if propagate is None:
        return common.WHOLE_ARRAYS
    started = time.monotonic()
    try:
        call_student(run, propagate, np.zeros((X.shape[0], 1)), 0.0, X, Y, time_limit_s=run.policy.slow_seconds / 2)
    except CheckFailure:
        return say.VECTORISE  # propagate alone does not finish in time
    seconds = time.monotonic() - started
    return say.VECTORISE if seconds * iterations > run.policy.slow_seconds / 2 else say.SLOW_ELSEWHERE.format(seconds=seconds)


def _returned_parameters(run, d, dim):
    """w and b from the dictionary model returned, checked for type, shape and finiteness."""
    if not isinstance(d, dict) or "w" not in d or "b" not in d:
        run.fail(say.RESULT_NOT_DICT.format(kind=kind_in_words(d)))
    w = require_finite(run, require_shape(run, d["w"], (dim, 1), 'the "w" model returns', "w"), 'the "w" model returns')
    return w, require_scalar(run, d["b"], 'the "b" model returns', "b")

