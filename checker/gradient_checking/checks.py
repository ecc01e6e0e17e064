"""Checks of assignment 04: the students' gradient checkers, their vector helpers, the fixed backward pass."""

import numpy as np

from checker import compare
from checker.directional import check_gradient
from checker.gradient_checking import messages as say
from checker.gradient_checking import panel, reference
from checker.guard import call_student, using_references
from checker.registry import check
from checker.shapes import require_scalar, require_shape

# A checker "agrees" with ours when it reports a value this close to the reference on a wrong gradient;
# on correct gradients the values are round-off, so only smallness is required.
AGREEMENT = 0.05
SMALL = 1e-6
MISTAKES = reference.APPROXIMATION_MISTAKES + reference.DIFFERENCE_MISTAKES
# Correct gradients are also checked with a large ε, where one-sided differences give themselves away.
CORRECT_EPSILONS, WRONG_EPSILON = (1e-7, 1e-3), 1e-7


def panel_cases(functions, correct):
    """(description, (f, gradient, ε)) for each function's correct gradient and each of its wrong ones.

    functions maps a name to (f, correct gradient, {label: wrong gradient}).
    """
    cases = []
    for name, (f, right, wrongs) in functions.items():
        cases += [(say.PANEL_CASE.format(function=name, case=correct, epsilon=e), (f, right, e)) for e in CORRECT_EPSILONS]
        cases += [(say.PANEL_CASE.format(function=name, case=label, epsilon=WRONG_EPSILON), (f, wrong, WRONG_EPSILON))
                  for label, wrong in wrongs.items()]
    return cases


def agrees(value, expected):
    return value < SMALL if expected < SMALL else abs(value - expected) <= AGREEMENT * expected


def grade_panel(run, cases, student_value, reference_value):
    """Run the student's checker on every case, then fail with the recognised mistake, if any.

    cases: (description, inputs) pairs; student_value(inputs) and reference_value(inputs, mistake).
    """
    values = [student_value(inputs) for _, inputs in cases]
    expected = [reference_value(inputs, None) for _, inputs in cases]
    if all(agrees(v, e) for v, e in zip(values, expected)):
        return
    for mistake in MISTAKES:
        variant = [reference_value(inputs, mistake) for _, inputs in cases]
        if all(abs(v - w) <= AGREEMENT * max(abs(w), 1e-12) or max(v, w) < SMALL for v, w in zip(values, variant)):
            run.fail(say.MISTAKES[mistake])
    (case, _), value, target = next((c, v, e) for c, v, e in zip(cases, values, expected) if not agrees(v, e))
    if target < SMALL:
        run.fail(say.SMALL_FOR_CORRECT.format(value=value), ("case", case))
    run.fail(say.LARGE_FOR_WRONG.format(value=value, case=case, expected=target))


@check("one_dimensional")
def check_one_dimensional(run, forward_propagation, backward_propagation):
    x, theta = float(run.rng.uniform(-3, 3)), float(run.rng.uniform(-3, 3))
    J = require_scalar(run, call_student(run, forward_propagation, x, theta).value, "forward_propagation(x, theta)")
    if not compare.close(J, theta * x):
        run.fail(say.FORWARD_1D)
    dtheta = require_scalar(run, call_student(run, backward_propagation, x, theta).value, "backward_propagation(x, theta)")
    if not compare.close(dtheta, x):
        run.fail(say.BACKWARD_1D)


@check("gradient_check")
def check_gradient_check(run, gradient_check):
    x, theta = float(run.rng.uniform(0.5, 2)), float(run.rng.uniform(0.5, 1.5))
    functions = {}
    for name in panel.ONE_D:
        J, dJ = panel.one_dimensional(name)
        functions[name] = (J, dJ, {"derivative 10 % too large": lambda x, t, dJ=dJ: 1.1 * dJ(x, t)})
    cases = panel_cases(functions, correct="correct derivative")

    def student(inputs):
        J, backward, epsilon = inputs
        forward = lambda x, theta: float(J(x, theta))
        derivative = lambda x, theta: float(backward(x, theta))
        with using_references(gradient_check, forward_propagation=forward, backward_propagation=derivative):
            value = call_student(run, gradient_check, x, theta, epsilon=epsilon).value
        return require_scalar(run, value, "gradient_check(x, theta)")

    def expected(inputs, mistake):
        J, backward, epsilon = inputs
        return reference.gradient_check(x, theta, epsilon, lambda x, t: float(J(x, t)), lambda x, t: float(backward(x, t)), mistake)

    grade_panel(run, cases, student, expected)


def random_parameters(rng, shapes=panel.SHAPES):
    return {name: rng.normal(size=shape) for name, shape in shapes.items()}


@check("vector_helpers")
def check_vector_helpers(run, dictionary_to_vector, vector_to_dictionary, gradients_to_vector):
    parameters = random_parameters(run.rng)
    shapes = {name: value.shape for name, value in parameters.items()}
    result = call_student(run, dictionary_to_vector, parameters).value
    theta, keys = result if isinstance(result, tuple) and len(result) == 2 else (result, None)
    expected_theta, expected_keys = reference.dictionary_to_vector(parameters)
    require_shape(run, theta, expected_theta.shape, "theta")
    if not compare.close(theta, expected_theta):
        run.fail(say.ORDER_WRONG)
    if keys is None or list(keys) != expected_keys:
        run.fail(say.KEYS_WRONG.format(count=len(expected_keys)))
    rebuilt = call_student(run, vector_to_dictionary, expected_theta, shapes).value
    if not isinstance(rebuilt, dict) or list(rebuilt) != list(shapes) or not all(compare.close(rebuilt[k], parameters[k]) for k in shapes):
        run.fail(say.ROUND_TRIP)
    gradients = {f"d{name}": run.rng.normal(size=shape) for name, shape in shapes.items()}
    noise = {"dZ1": run.rng.normal(size=(3, 4)), "dA2": run.rng.normal(size=(2, 4))}
    mixed = dict(list(noise.items())[:1] + list(gradients.items())[::-1] + list(noise.items())[1:])
    column = call_student(run, gradients_to_vector, mixed).value
    if not compare.close(column, reference.gradients_to_vector(gradients)):
        run.fail(say.GRADIENTS_ORDER)


def provided_network_case(rng):
    X, Y = rng.normal(size=(3, 6)), (rng.uniform(size=(1, 6)) > 0.5).astype(float)
    parameters = random_parameters(rng)
    gradients = reference.backward_propagation_n(X, Y, reference.forward_propagation_n(X, Y, parameters)[1])
    return X, Y, parameters, gradients


@check("gradient_check_n")
def check_gradient_check_n(run, gradient_check_n):
    parameters = random_parameters(run.rng)
    theta = reference.dictionary_to_vector(parameters)[0]
    X, Y = np.zeros((3, 1)), np.zeros((1, 1))  # the panel's functions depend on the parameters only
    functions = {}
    for name in ("tanh chain", "log-sum-exp"):
        cost, gradient = panel.vector_function(name)
        truth = gradient(theta)
        functions[name] = (cost, truth, {wrong: change(truth) for wrong, change in panel.WRONG_GRADIENTS.items()})
    cases = panel_cases(functions, correct="correct gradient")
    helpers = {name: getattr(reference, name) for name in ("dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector")}

    def student(inputs):
        cost, column, epsilon = inputs
        gradients = panel.as_gradients(column, reference)
        with using_references(gradient_check_n, forward_propagation_n=panel.as_forward(cost, reference), **helpers):
            value = call_student(run, gradient_check_n, parameters, gradients, X, Y, epsilon=epsilon, print_msg=False).value
        return require_scalar(run, value, "gradient_check_n(...)")

    def expected(inputs, mistake):
        cost, column, epsilon = inputs
        return reference.gradient_check_n(parameters, panel.as_gradients(column, reference), X, Y, epsilon,
                                          forward=panel.as_forward(cost, reference), mistake=mistake)

    grade_panel(run, cases, student, expected)


@check("backward_propagation_n")
def check_backward_propagation_n(run, backward_propagation_n):
    X, Y, parameters, truth = provided_network_case(run.rng)
    cache = reference.forward_propagation_n(X, Y, parameters)[1]
    gradients = call_student(run, backward_propagation_n, X, Y, cache).value
    names = [f"d{name}" for name in parameters]
    for name in names:
        require_shape(run, gradients.get(name) if isinstance(gradients, dict) else None, truth[name].shape, f'gradients["{name}"]', name)
    for name, factor in (("dW2", 2), ("db1", 4)):
        if not compare.close(gradients[name], truth[name]) and compare.close(gradients[name], factor * truth[name]):
            run.fail(say.PLANTED_LEFT.format(name=name, factor=factor))
    cost = lambda p: reference.forward_propagation_n(X, Y, {k: p[k] for k in parameters})[0]
    report = check_gradient(cost, parameters, {name: gradients["d" + name] for name in parameters}, mode="full", rng=run.rng)
    if not report.passed and report.kind == "mismatch":
        run.fail(say.BACKWARD_WRONG.format(where=report.describe()))
