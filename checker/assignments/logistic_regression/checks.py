"""Checks of assignment 01: data preparation, sigmoid, initialize_with_zeros, propagate, optimize, predict, model.

A function is graded on what it returns for the check's inputs, whichever helpers it calls or computes inline:
`propagate` with the SymPy-derived sigmoid lent in place of the student's, `optimize` with a stand-in
`propagate` (the gradient of a random convex quadratic, which runs beside the student's code) and, when its
result there is wrong, on the real problem with the answer key's `propagate` lent, `model` with correct helpers
lent (lent.ModelStandIns) and then trained on the digits with the student's own functions (end_to_end.py).
Reference results come from `run.reference`, recognised mistakes from `run.mistakes`.
"""

import numbers

import numpy as np

from checker.assignments.logistic_regression import end_to_end, inputs, judges, lent
from checker.assignments.logistic_regression import messages as say
from checker.assignments.logistic_regression.beside import QuadraticBowl
from checker.checks import compare, symbolic
from checker.checks import messages as common
from checker.checks.describe import describe_value, kind_in_words, short_repr
from checker.checks.errors import CheckFailure
from checker.checks.guard import beside, call_student, using_references
from checker.checks.messages import Said
from checker.checks.registry import check
from checker.checks.run import OWN_WORDS
from checker.checks.shapes import one_number, require_array, require_finite, require_scalar, require_shape
from checker.datasets import load_dataset
from checker.gradients.numerical import numerical_gradient, relative_error
from checker.thresholds import agree_below

# Failures that end a check process or its time: a second run of the same call could tell nothing more.
STOPPED = (common.TIMED_OUT.id, common.BUDGET_USED.id, common.ENDED.id)
# A call whose helpers are lent from the judge crosses to it at every step (hundreds of times in a run of gradient
# descent): it gets this many times the policy's time for a call, so that a busy machine never fails correct code.
LENT_TIME = 4


# -- data preparation: the student's own arrays, made from the built-in dataset ----------------
def _count_in_words(value):
    """A count the student's code set, as they would write it when it is one number, else what it is ("a list of 3 items")."""
    return short_repr(value) if one_number(value) is not None else kind_in_words(value)


def _require_count(run, name, value, expected, array, shape):
    if not isinstance(value, (numbers.Integral, np.integer)) or isinstance(value, bool) or value != expected:
        run.fail(say.COUNT_WRONG.format(name=name, value=_count_in_words(value), array=array, shape=shape))


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
        run.fail(say.NUM_PX_WRONG.format(value=_count_in_words(num_px), shape=train_set_x_orig.shape))
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
    require_scalar(run, value, run.shown(f"sigmoid({z_scalar:.3g})", "sigmoid(z) of a single number z"))

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
    """Does initialize_with_zeros(dim) return w, a column of dim zeros, and b, the number 0, for any dim?"""
    for dim in (int(run.rng.integers(2, 6)), int(run.rng.integers(6, 12))):
        result = call_student(run, initialize_with_zeros, dim).value
        if not isinstance(result, (tuple, list)) or len(result) != 2:  # a list unpacks like the pair the notebook returns
            run.fail(say.RETURNS_PAIR.format(name="initialize_with_zeros", pair="(w, b)", kind=kind_in_words(result)))
        w, b = result
        require_shape(run, w, (dim, 1), f"w for dim = {dim}", "w")
        if not (np.issubdtype(w.dtype, np.number) or w.dtype == bool) or np.iscomplexobj(w):
            run.fail(say.W_NOT_REAL.format(dtype=w.dtype))
        if np.count_nonzero(w):
            run.fail(say.W_NOT_ZEROS.format(count=np.count_nonzero(w)))
        if require_scalar(run, b, "b") != 0.0:  # the int 0 is as good as 0.0: b = b - learning_rate * db makes it a float
            run.fail(say.B_NOT_ZERO.format(value=b))
        if not np.issubdtype(w.dtype, np.floating) and say.W_INTEGERS not in run.notes:
            run.note(say.W_INTEGERS)


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
    m, rows = X.shape[1], X.shape[1] / X.shape[0]  # rows: how much too large a mean divided by n_x instead of m is
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
            (expected_cost * rows, say.M_FROM_ROWS.format(what="cost")),
            *compare.candidates(mistaken, lambda result: result[1], say),
        ])
        details = [("yours", describe_value(cost)), inputs_line]
        if dw_consistent:
            details.append(("note", say.COST_WRONG_BUT_CONSISTENT))
        run.fail(headline or say.COST_WRONG, *details)

    if not compare.close(dw, expected["dw"]):
        headline = compare.first_match(dw, [
            (expected["dw"] * m, say.DW_TIMES_M), (expected["dw"] / m, say.DW_OVER_M), (-expected["dw"], say.DW_SIGN),
            (expected["dw"] * rows, say.M_FROM_ROWS.format(what="dw")),
            *compare.candidates(mistaken, lambda result: result[0]["dw"], say),
        ])
        run.fail(headline or say.DW_NOT_GRADIENT, inputs_line, *compare.mismatch_details("dw", dw, own_dw, agree_below()))

    if not compare.close(db, expected["db"]):
        headline = compare.first_match(db, [(expected["db"] * m, say.DB_TIMES_M), (-expected["db"], say.DB_SIGN),
                                            (expected["db"] * rows, say.M_FROM_ROWS.format(what="db"))])
        details = [("yours", describe_value(db)), ("relative error", f"{relative_error(db, own_db):.2g} against centred differences of your cost")]
        run.fail(headline or say.DB_NOT_GRADIENT, *details)


# -- optimize: on a quadratic bowl, and on the real problem when the bowl's result is wrong -------------
def _costs_as_floats(run, costs, source="costs"):
    """A list of costs as numbers (a one-element array counts as its number)."""
    if not isinstance(costs, (list, tuple, np.ndarray)):
        run.fail(say.COSTS_WRONG, ("yours", describe_value(costs)))
    return [require_scalar(run, cost, f"{source}[{i}]", "cost") for i, cost in enumerate(costs)]


def _unsettled(path, iterations):
    """Whether w still moves at step `iterations`, so that one step more or less shows."""
    return not compare.close(path["w"][iterations], path["w"][iterations + 1])


def _descents(run, w, b, X, Y, iterations):
    """(the learning rate, the bowl lent as propagate, its descent, the real problem's descent), all computed up front.

    A descent is a dictionary: the answer key's path of gradient descent ("path": w, b and the cost at each step), the
    paths of recognised wrong learning rates ("wrong"), and the gradient at the start and at the last step.

    The rate is one at which w has not settled by step n on either problem. Everything the answer key computes here is
    asked for on every run, so the student kit holds it for the public seed whichever way the student's code goes.
    """
    bowl = inputs.draw_bowl(run.rng, w.shape[0])  # propagate's stand-in: the gradient of this quadratic
    gradient = QuadraticBowl(*bowl)
    H, _, h, _ = bowl
    w_star, b_star = gradient.minimum(X, Y)  # the bowl's bottom moves with X and Y: optimize must pass on its own
    for _ in range(20):
        rate = float(run.rng.uniform(0.02, 0.2))
        on_bowl = run.reference.descent_path(w, b, H, w_star, h, b_star, rate, iterations + 1)
        real = run.reference.logistic_path(w, b, X, Y, rate, iterations + 1)
        if _unsettled(on_bowl, iterations) and _unsettled(real, iterations):
            break
    wrong_rates = {say.ASCENT: -rate, say.RATE_IGNORED: 1.0, say.RATE_DEFAULT: 0.009}
    last = gradient(on_bowl["w"][iterations - 1], on_bowl["b"][iterations - 1], X, Y)[0]["dw"]
    bowl_descent = {"path": on_bowl, "first_dw": gradient(w, b, X, Y)[0]["dw"], "last_dw": last,
                    "wrong": {message: run.reference.descent_path(w, b, H, w_star, h, b_star, wrong, iterations) for message, wrong in wrong_rates.items()}}
    real_descent = {"path": real, "first_dw": real["dw"][0], "last_dw": real["dw"][iterations - 1],
                    "wrong": {message: run.reference.logistic_path(w, b, X, Y, wrong, iterations) for message, wrong in wrong_rates.items()}}
    return rate, bowl, bowl_descent, real_descent


def _run_optimize(run, optimize, w, b, X, Y, iterations, rate, helpers, time_limit_s=None):
    """optimize's call with `helpers` lent: its CallReport, or the CheckFailure it ended with."""
    try:
        with using_references(optimize, run, **helpers):
            return call_student(run, optimize, w, b, X, Y, num_iterations=iterations, learning_rate=rate, print_cost=False,
                                time_limit_s=time_limit_s)
    except CheckFailure as failure:
        return failure


def _why_first_gradients(asked, start):
    """Why optimize stepped with the first gradients every time, as the calls of propagate show (None: unclear)."""
    if len(asked) == 1:
        return say.GRADIENTS_BEFORE_LOOP
    if len(asked) > 1 and all(compare.close(w, start) for w in asked):
        return say.STALE_PARAMETERS
    if len(asked) > 1 and any(not compare.close(w, start) for w in asked):  # it did ask about the updated parameters
        return say.GRADIENTS_READ_ONCE
    return None


def _judge_optimize(run, call, descent, start, iterations, rate, asked):
    """Fail with what is wrong in optimize's (params, grads, costs) on `descent`'s problem; return when all is right.

    `asked` holds the w of each call of propagate, when the code called it (it explains stepping with the first gradients).
    """
    __tracebackhide__ = True
    if isinstance(call, CheckFailure):
        raise call
    w, b = start
    if not isinstance(call.value, (tuple, list)) or len(call.value) != 3:
        run.fail(say.RETURNS_TRIPLE.format(kind=kind_in_words(call.value)))
    params, grads, costs = call.value
    if not isinstance(params, dict) or "w" not in params or "b" not in params:
        run.fail(say.RETURNS_TRIPLE.format(kind=kind_in_words(call.value)))
    new_w = require_shape(run, params["w"], w.shape, 'params["w"]', "w")
    new_b = require_scalar(run, params["b"], 'params["b"]', "b")
    require_finite(run, new_w, 'params["w"]', call)

    path = descent["path"]
    steps = run.shown(f"{iterations} steps at learning rate {rate:g}", "num_iterations steps at the learning_rate it was given")
    final_w, final_b = path["w"][iterations], path["b"][iterations]
    if compare.close(new_b, b) and not compare.close(final_b, b):
        run.fail(say.B_FROZEN)
    if not compare.close(new_w, final_w):
        ran = next((n for n in (1, 100, iterations - 1, iterations + 1) if compare.close(new_w, path["w"][n])), None)
        headline = compare.first_match(new_w, [(wrong["w"][iterations], message) for message, wrong in descent["wrong"].items()])
        if headline is None and ran is not None:
            template = say.RETURNS_IN_LOOP if ran == 1 else say.ITERATIONS_IGNORED
            headline = template.format(ran=ran, iterations=iterations)
        if headline is None and compare.close(new_w, w - iterations * rate * descent["first_dw"]):
            headline = _why_first_gradients(asked, w)
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
    if not isinstance(grads, dict) or not compare.close(grads.get("dw", np.nan), descent["last_dw"]):
        run.fail(say.GRADS_LAST)


def _verdict(judge):
    """The CheckFailure `judge()` ends with, or None when it returns."""
    try:
        judge()
    except CheckFailure as failure:
        return failure
    return None


@check("optimize")
def check_optimize(run, optimize):
    """Does optimize take num_iterations steps of gradient descent at learning_rate and return the final w and b, the last grads and every 100th cost?

    Graded first with a quadratic bowl lent as propagate (it runs beside the student's code: no round trips). When the
    result there is wrong, the same call is graded on the real problem, with the answer key's propagate and SymPy's σ
    lent from the judge: a right result there earns the points (an optimize that computes its gradient itself never
    uses the bowl).
    A wrong one is told from the bowl's run when the code calls propagate, else from the real problem's.
    """
    w, b, X, Y = inputs.draw_problem(run.rng, dim=3)
    iterations = int(run.rng.integers(201, 400))
    rate, bowl, on_bowl, real = _descents(run, w, b, X, Y, iterations)
    arguments = (run, optimize, w, b, X, Y, iterations, rate)

    bowl_call = _run_optimize(*arguments, {"propagate": beside(optimize, run, QuadraticBowl, *bowl)})
    if isinstance(bowl_call, CheckFailure) and bowl_call.diagnosis in STOPPED:
        raise bowl_call
    judge = lambda call, descent, asked: _judge_optimize(run, call, descent, (w, b), iterations, rate, asked)
    if _verdict(lambda: judge(bowl_call, on_bowl, [])) is None:
        return
    stand_in = lent.PathStandIns(run, lent.DescentPath(real["path"], X, Y), calls=4 * iterations)
    real_call = _run_optimize(*arguments, {"propagate": stand_in.propagate, "sigmoid": symbolic.sigmoid}, LENT_TIME * run.policy.call_seconds)
    if _verdict(lambda: judge(real_call, real, list(stand_in.asked))) is None:
        return  # right on the real problem: full points, however it computes its gradients
    if stand_in.asked:
        judge(bowl_call, on_bowl, list(stand_in.asked))
    judge(real_call, real, [])


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
        headline = compare.first_match(predictions, [*compare.candidates(mistaken, lambda result: result, say), (1 - expected, say.FLIPPED)])
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


# -- model: its results with correct helpers lent, then training on the digits with the student's own -------------
MODEL_KEYS = ("costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate", "num_iterations")


def _explain_failed_model(run, failure, stand_ins):
    """Fail a call of model that stopped: with a wrong argument its lent helpers saw, when they saw one; else as it stopped."""
    __tracebackhide__ = True
    cause = None if failure.diagnosis in OWN_WORDS else judges.wrong_call(stand_ins)
    if cause is None:
        raise failure
    run.fail(cause)


def _grade_model_result(run, d, stand_ins, steps):
    """Fail with the first of model's results that is wrong, explained by what its lent helpers saw; return when all are right."""
    __tracebackhide__ = True
    if not isinstance(d, dict):
        run.fail(say.RESULT_NOT_DICT.format(kind=kind_in_words(d)))
    missing = [key for key in MODEL_KEYS if key not in d]
    if missing:
        run.fail(say.MISSING_KEYS.format(keys=", ".join(f'"{key}"' for key in missing)), ("yours", kind_in_words(d)))
    for key, given in (("learning_rate", stand_ins.rate), ("num_iterations", stand_ins.iterations)):
        if one_number(d[key]) != given:
            run.fail(say.ECHO_WRONG.format(key=key, value=d[key], given=run.shown(f"{key}={given!r}", f"another {key}")))
    trained = stand_ins.trained
    b = one_number(d["b"])
    if not (compare.close(d["w"], trained["w"]) and b is not None and compare.close(b, trained["b"])):
        cause = judges.model_cause(stand_ins, d["w"])
        if cause is not None:
            run.fail(cause, ("yours", describe_value(d["w"])))
        require_shape(run, d["w"], trained["w"].shape, 'the "w" model returns', "w")
        require_scalar(run, d["b"], 'the "b" model returns', "b")
        run.fail(say.MODEL_NOT_TRAINED.format(steps=steps), ("yours", describe_value(d["w"])))
    require_scalar(run, d["b"], 'the "b" model returns', "b")  # a one-element array: said once, in a note
    for key, data, labels in (("Y_prediction_train", "X_train", stand_ins.labels[0]), ("Y_prediction_test", "X_test", stand_ins.labels[1])):
        if not compare.close(d[key], labels):
            swapped = key == "Y_prediction_train" and compare.close(d[key], stand_ins.labels[1])
            run.fail(say.PREDICTIONS_SWAPPED if swapped else say.PREDICTION_WRONG.format(key=key, data=Said(data)))
    if not compare.close(_costs_as_floats(run, d["costs"], 'the "costs" model returns'), stand_ins.descent.optimized(stand_ins.iterations)[2]):
        run.fail(say.MODEL_COSTS)


@check("model", upstream=end_to_end.UPSTREAM)
def check_model(run, model):
    """Does model return what gradient descent from zeros on the training set learns, with its predictions and costs, and,
    trained on the digits with the student's own functions, arrive where gradient descent does?

    Its helpers are lent from the judge, right for the calls the exercise makes, so however model reaches its results
    (calling them or computing inline), right results earn the points; what the lent helpers saw only explains a wrong one.
    """
    X_train, Y_train, X_test, Y_test = inputs.model_data(run.rng)
    iterations, rate = int(run.rng.integers(150, 260)), float(run.rng.uniform(0.05, 0.3))
    stand_ins = lent.lent_to_model(run, model, (X_train, Y_train, X_test), iterations, rate)
    try:
        with using_references(model, run, **stand_ins.helpers(symbolic.sigmoid)):
            d = call_student(run, model, X_train, Y_train, X_test, Y_test, num_iterations=iterations, learning_rate=rate,
                             time_limit_s=LENT_TIME * run.policy.call_seconds).value
    except CheckFailure as failure:
        _explain_failed_model(run, failure, stand_ins)
    steps = run.shown(f"{iterations} steps at learning rate {rate:g}", "num_iterations steps at the learning_rate model was given")
    _grade_model_result(run, d, stand_ins, steps)
    if run.end_to_end:
        end_to_end.grade(run, model)
