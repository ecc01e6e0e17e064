"""Checks of training and prediction: optimize, predict and model."""

import numpy as np

from checker import compare
from checker.datasets import load_dataset
from checker.guard import call_student, using_references
from checker.logistic_regression import messages as say
from checker.logistic_regression import reference
from checker.logistic_regression.inputs import draw_problem
from checker.registry import check
from checker.report import describe_value
from checker.shapes import require_finite, require_scalar, require_shape

# model() with its defaults reaches 92.2% on the digits' test split; the target leaves a margin.
ACCURACY_TARGET = 0.88


def _costs_as_floats(run, costs):
    if not isinstance(costs, (list, tuple, np.ndarray)):
        run.fail(say.COSTS_WRONG, ("yours", describe_value(costs)))
    return [require_scalar(run, cost, f"costs[{i}]", "cost") for i, cost in enumerate(costs)]


@check("optimize")
def check_optimize(run, optimize):
    w, b, X, Y = draw_problem(run.rng, dim=3)
    iterations, rate = int(run.rng.integers(201, 400)), float(run.rng.uniform(0.02, 0.2))
    with using_references(optimize, propagate=reference.propagate, sigmoid=reference.sigmoid):
        call = call_student(run, optimize, w, b, X, Y, num_iterations=iterations, learning_rate=rate, print_cost=False)
    if not isinstance(call.value, (tuple, list)) or len(call.value) != 3:
        run.fail(say.RETURNS_TRIPLE.format(kind=describe_value(call.value)))
    params, grads, costs = call.value
    new_w = require_shape(run, params["w"], w.shape, 'params["w"]', "w")
    new_b = require_scalar(run, params["b"], 'params["b"]', "b")
    require_finite(run, new_w, 'params["w"]', call)

    final_w, final_b, last_grads, all_costs = reference.descend(w, b, X, Y, iterations, rate)
    if compare.close(new_b, b) and not compare.close(final_b, b):
        run.fail(say.B_FROZEN)
    if not compare.close(new_w, final_w):
        headline = compare.first_match(new_w, [
            (reference.descend(w, b, X, Y, iterations, -rate)[0], say.ASCENT),
            (reference.descend(w, b, X, Y, iterations, 1.0)[0], say.RATE_IGNORED),
            (reference.descend(w, b, X, Y, iterations, 0.009)[0], say.RATE_DEFAULT),
            *((reference.descend(w, b, X, Y, ran, rate)[0], say.ITERATIONS_IGNORED.format(ran=ran, iterations=iterations))
              for ran in (100, iterations - 1, iterations + 1)),
        ])
        run.fail(headline or say.PARAMS_WRONG.format(iterations=iterations, rate=rate), ("yours", describe_value(new_w)))
    if not compare.close(new_b, final_b):
        run.fail(say.PARAMS_WRONG.format(iterations=iterations, rate=rate), ("yours", describe_value(new_b)))

    costs = _costs_as_floats(run, costs)
    expected_costs = all_costs[:iterations:100]
    if len(costs) != len(expected_costs):
        template = say.COSTS_EVERY_ITERATION if len(costs) >= iterations else say.COSTS_COUNT
        run.fail(template.format(count=len(costs), iterations=iterations))
    if not compare.close(costs, expected_costs):
        after = compare.close(costs, all_costs[1 : iterations + 1 : 100])
        run.fail(say.COSTS_AFTER_UPDATE if after else say.COSTS_WRONG, ("yours", describe_value(np.array(costs))))

    if not isinstance(grads, dict) or not compare.close(grads.get("dw", np.nan), last_grads["dw"]):
        run.fail(say.GRADS_LAST)


def _problem_with_margins(rng):
    """w, b, X whose activations include values just above 0.5, so thresholds on Z are caught."""
    w, b, X, _ = draw_problem(rng, m=10)
    targets = rng.uniform(-3, 3, size=X.shape[1])
    targets[:3] = rng.uniform(0.05, 0.45, size=3)  # 0 < z <= 0.5: A > 0.5 but z < 0.5
    X = X + w * (targets - (w.T @ X + b).ravel()) / (w.T @ w).item()
    return w, b, X


def _student_predictions(run, predict, w, b, X):
    with using_references(predict, sigmoid=reference.sigmoid):
        predictions = call_student(run, predict, w, b, X).value
    require_shape(run, predictions, (1, X.shape[1]), "predict(w, b, X)")
    values = np.unique(predictions)
    if not np.isin(values, (0, 1)).all():
        between = np.logical_and(values > 0, values < 1).any()
        run.fail(say.PROBABILITIES if between else say.NOT_LABELS.format(values=values[:6]))
    return predictions.astype(np.float64)


@check("predict")
def check_predict(run, predict):
    w, b, X = _problem_with_margins(run.rng)
    predictions = _student_predictions(run, predict, w, b, X)
    expected = reference.predict(w, b, X)
    Z = w.T @ X + b
    if not compare.close(predictions, expected):
        headline = compare.first_match(predictions, [
            ((Z > 0.5).astype(float), say.THRESHOLD_ON_Z), (1 - expected, say.FLIPPED),
        ])
        count = int((predictions != expected).sum())
        run.fail(headline or say.PREDICTIONS_WRONG.format(count=count, total=expected.size), ("yours", describe_value(predictions)))
    # An example sitting exactly on the boundary: z = 0, so A = 0.5, which is not > 0.5.
    X_edge = np.concatenate([X[:, :2], np.zeros((X.shape[0], 1))], axis=1)
    if _student_predictions(run, predict, w, 0.0, X_edge)[0, 2] != 0:
        run.fail(say.BOUNDARY)


def _model_inputs(rng):
    w, b, X_train, Y_train = draw_problem(rng, dim=3, m=9)
    _, _, X_test, Y_test = draw_problem(rng, dim=3, m=6)
    return X_train, Y_train, X_test, Y_test


def _check_model_wiring(run, model):
    """With our helpers in place of the student's, model must wire them as documented."""
    X_train, Y_train, X_test, Y_test = _model_inputs(run.rng)
    iterations, rate = int(run.rng.integers(150, 260)), float(run.rng.uniform(0.05, 0.3))
    helpers = {name: getattr(reference, name) for name in ("sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict")}
    with using_references(model, **helpers):
        d = call_student(run, model, X_train, Y_train, X_test, Y_test, num_iterations=iterations, learning_rate=rate).value
    if not isinstance(d, dict):
        run.fail(say.RESULT_NOT_DICT.format(kind=type(d).__name__))
    expected = reference.model(X_train, Y_train, X_test, Y_test, iterations, rate)
    missing = [key for key in expected if key not in d]
    if missing:
        run.fail(say.MISSING_KEYS.format(keys=", ".join(f'"{key}"' for key in missing)))
    for key, given in (("learning_rate", rate), ("num_iterations", iterations)):
        if d[key] != given:
            run.fail(say.ECHO_WRONG.format(key=key, value=d[key], given=given))
    w = require_shape(run, d["w"], (X_train.shape[0], 1), 'd["w"]', "w")
    if not (compare.close(w, expected["w"]) and compare.close(require_scalar(run, d["b"], 'd["b"]'), expected["b"])):
        headline = compare.first_match(w, [
            (reference.model(X_test, Y_test, X_train, Y_train, iterations, rate)["w"], say.TRAINED_ON_TEST),
            (reference.model(X_train, Y_train, X_test, Y_test)["w"], say.MODEL_DEFAULTS),
            (reference.model(X_train, Y_train, X_test, Y_test, 100, 0.009)["w"], say.MODEL_DEFAULTS),
        ])
        run.fail(headline or say.MODEL_WEIGHTS, ("yours", describe_value(w)))
    for key, data in (("Y_prediction_train", "X_train"), ("Y_prediction_test", "X_test")):
        if not compare.close(d[key], expected[key]):
            swapped = key == "Y_prediction_train" and compare.close(d[key], expected["Y_prediction_test"])
            run.fail(say.PREDICTIONS_SWAPPED if swapped else say.PREDICTION_WRONG.format(key=key, data=data))
    if not compare.close(_costs_as_floats(run, d["costs"]), expected["costs"]):
        run.fail(say.MODEL_COSTS)


def digits_prepared():
    """The default dataset, flattened and scaled as the notebook teaches."""
    train_x, train_y, test_x, test_y, _ = load_dataset()
    return train_x.reshape(train_x.shape[0], -1).T / 255.0, train_y, test_x.reshape(test_x.shape[0], -1).T / 255.0, test_y


@check("model")
def check_model(run, model):
    _check_model_wiring(run, model)
    # End to end with the student's own functions and model's own defaults.
    X_train, Y_train, X_test, Y_test = digits_prepared()
    d = call_student(run, model, X_train, Y_train, X_test, Y_test).value
    predictions = require_shape(run, np.asarray(d["Y_prediction_test"]), Y_test.shape, 'd["Y_prediction_test"]')
    achieved = float(np.mean(predictions == Y_test))
    if achieved < ACCURACY_TARGET:
        run.fail(say.ACCURACY.format(achieved=achieved, target=ACCURACY_TARGET))
