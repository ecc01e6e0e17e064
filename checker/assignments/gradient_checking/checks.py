"""Checks of assignment 04: the students' gradient checkers, their vector helpers, the fixed backward pass.

The students' checkers are graded on a panel of functions whose gradients SymPy derives, each
with its correct gradient and with subtly wrong ones; a checker that reports the wrong values is
matched against the usual mistakes across the whole panel (a single case is ambiguous). The
fixed backward pass is graded with the checker's own gradient check, entry by entry.
"""

import numpy as np

from checker.assignments.gradient_checking import inputs
from checker.assignments.gradient_checking import messages as say
from checker.assignments.gradient_checking import lent
from checker.assignments.gradient_checking.beside import OneDimensionalRunner, PanelRunner, data_weight
from checker.checks import compare
from checker.checks.describe import describe_value, kind_in_words
from checker.checks.guard import beside, call_student, using_references
from checker.checks.messages import Said
from checker.checks.registry import check
from checker.checks.shapes import fail_unusable, require_finite, require_scalar, require_shape
from checker.checks.student_side import side_of
from checker.gradients import check_gradient
from checker.thresholds import agree_below

# A checker "agrees" with the right value when it reports one this close to it on a wrong gradient;
# on correct gradients the values are round-off, so only smallness is required.
AGREEMENT = 0.05
# Correct gradients are also checked with a larger ε, where one-sided differences give themselves away, and
# with a coarse one, where even the centred difference is off by a visible amount: a checker that ignores
# its epsilon (or hard-codes one) reports round-off there instead.
CORRECT_EPSILONS, WRONG_EPSILON = (1e-7, 1e-3, 0.1), 1e-7


def agrees(value, expected):
    small = agree_below()
    return value < small if expected < small else abs(value - expected) <= AGREEMENT * expected


def panel_cases(names, correct, wrongs):
    """(description, name, label, ε) for each panel function's correct gradient and each of its wrong ones."""
    cases = []
    for name in names:
        cases += [(say.PANEL_CASE.format(function=name, case=correct, epsilon=e), name, correct, e) for e in CORRECT_EPSILONS]
        cases += [(say.PANEL_CASE.format(function=name, case=label, epsilon=WRONG_EPSILON), name, label, WRONG_EPSILON) for label in wrongs]
    return cases


def grade_panel(run, name, cases, values, expected, mistaken, observe=lambda: None):
    """Fail when the student's checker `name` disagrees on some case: with the recognised mistake its values match across the
    panel, else with what `observe` sees of the code's run (it fails if it sees a cause), else with the plain fact.

    values and expected hold one number per case; mistaken one {diagnosis id: number} per case.
    """
    if all(agrees(v, e) for v, e in zip(values, expected)):
        return
    small = agree_below()
    for mistake in say.MISTAKES.values():
        variant = [results.get(mistake.id) for results in mistaken]
        if all(w is not None and (abs(v - w) <= AGREEMENT * max(abs(w), 1e-12) or max(v, w) < small) for v, w in zip(values, variant)):
            run.fail(mistake)
    observe()
    case, value, target = next((c[0], v, e) for c, v, e in zip(cases, values, expected) if not agrees(v, e))
    if target < small:
        run.fail(say.SMALL_FOR_CORRECT.format(name=name, value=value, agree=small), ("case", case))
    run.fail(say.LARGE_FOR_WRONG.format(name=name, value=value, case=case))


@check("one_dimensional")
def check_one_dimensional(run, forward_propagation, backward_propagation):
    """Do forward_propagation and backward_propagation return J = θx and its derivative x, for any x and θ?"""
    for _ in range(2):  # two points, so that every argument shows in the results
        x, theta = float(run.rng.uniform(-3, 3)), float(run.rng.uniform(-3, 3))
        for function, what, right, wrong in ((forward_propagation, "forward_propagation(x, theta)", theta * x, say.FORWARD_1D),
                                             (backward_propagation, "backward_propagation(x, theta)", x, say.BACKWARD_1D)):
            value = call_student(run, function, x, theta).value
            if not compare.close(require_scalar(run, value, what), right):
                run.fail(wrong, ("yours", describe_value(value)))


@check("gradient_check")
def check_gradient_check(run, gradient_check):
    """Does gradient_check return the relative difference a centred-difference checker gives, on correct and on wrong derivatives?"""
    cases = panel_cases(inputs.ONE_D, inputs.CORRECT_1D, [inputs.WRONG_1D])
    points = [(float(run.rng.uniform(0.5, 2)), float(run.rng.uniform(0.5, 1.5))) for _ in cases]  # (x, θ) per case
    expected = [run.reference.panel_gradient_check(x, theta, e, name, label) for (_, name, label, e), (x, theta) in zip(cases, points)]
    mistaken = [run.mistakes.panel_gradient_check(x, theta, e, name, label) for (_, name, label, e), (x, theta) in zip(cases, points)]
    # Every case in one request, beside the student's code: J and its (correct or 10 % too large) derivative lent per case.
    runner = beside(gradient_check, run, OneDimensionalRunner, inputs.one_dimensional_sources())
    data = [{"function": name, "scale": inputs.derivative_scale(label), "x": x, "theta": theta, "epsilon": epsilon}
            for (_, name, label, epsilon), (x, theta) in zip(cases, points)]
    values = call_student(run, runner.run, gradient_check, data, name="gradient_check", time_limit_s=run.policy.call_seconds * len(cases)).value
    if not isinstance(values, list) or len(values) != len(cases):
        run.fail(say.LARGE_FOR_WRONG.format(name="gradient_check", value=float("nan"), case=cases[0][0]))
    values = [require_scalar(run, value, "gradient_check(x, theta)") for value in values]
    grade_panel(run, "gradient_check", cases, values, expected, mistaken)


@check("vector_helpers")
def check_vector_helpers(run, dictionary_to_vector, vector_to_dictionary, gradients_to_vector):
    """Do dictionary_to_vector, vector_to_dictionary and gradients_to_vector flatten and rebuild in the notebook's order?"""
    parameters = inputs.random_parameters(run.rng)
    shapes = {name: value.shape for name, value in parameters.items()}
    gradients = {f"d{name}": run.rng.normal(size=shape) for name, shape in shapes.items()}
    noise = {"dZ1": run.rng.normal(size=(3, 4)), "dA2": run.rng.normal(size=(2, 4))}
    mixed = dict(list(noise.items())[:1] + list(gradients.items())[::-1] + list(noise.items())[1:])
    expected_theta, expected_keys = run.reference.dictionary_to_vector(parameters)
    expected_column = run.reference.gradients_to_vector(gradients)

    result = call_student(run, dictionary_to_vector, parameters).value
    theta, keys = result if isinstance(result, tuple) and len(result) == 2 else (result, None)
    require_shape(run, theta, expected_theta.shape, "theta")
    if not compare.close(theta, expected_theta):
        run.fail(say.ORDER_WRONG if _holds_entries(theta, expected_theta) else say.THETA_WRONG)
    if not isinstance(keys, (list, tuple)) or list(keys) != expected_keys:
        run.fail(say.KEYS_WRONG.format(count=len(expected_keys)))
    # Round trips of the parameters, and of a smaller network whose shapes differ.
    small = inputs.random_parameters(run.rng, inputs.SMALL_SHAPES)
    for wanted, vector in ((parameters, expected_theta), (small, run.reference.dictionary_to_vector(small)[0])):
        wanted_shapes = {name: value.shape for name, value in wanted.items()}
        rebuilt = call_student(run, vector_to_dictionary, vector, wanted_shapes).value
        if not isinstance(rebuilt, dict) or list(rebuilt) != list(wanted_shapes) or not all(compare.close(rebuilt[k], wanted[k]) for k in wanted_shapes):
            run.fail(say.ROUND_TRIP, ("yours", kind_in_words(rebuilt)))
    column = call_student(run, gradients_to_vector, mixed).value
    if not compare.close(column, expected_column):
        if compare.as_numbers(column) is None:
            fail_unusable(run, column, "What gradients_to_vector returns", "a column of numbers")
        run.fail(say.GRADIENTS_ORDER if _holds_entries(column, expected_column, extra=True) else say.GRADIENTS_WRONG, ("yours", kind_in_words(column)))


def _holds_entries(yours, expected, extra=False):
    """Whether `yours` holds exactly the entries of `expected` in another order (or, with `extra`, them among others)."""
    yours, expected = compare.as_numbers(yours), compare.as_numbers(expected)
    if yours is None or yours.size < expected.size or (yours.size > expected.size and not extra):
        return False
    return bool(np.isin(expected, yours).all()) if yours.size > expected.size else compare.close(np.sort(yours, axis=None), np.sort(expected, axis=None))


@check("gradient_check_n")
def check_gradient_check_n(run, gradient_check_n):
    """Does gradient_check_n return the relative difference a centred-difference checker gives on every panel case?

    All cases run in one request beside the student's code, with helpers that are plain functions of
    their arguments, X and Y weighing in the cost as in a network (beside.py's PanelRunner):
    nothing there checks where an argument came from, and the values gradient_check_n returns decide.
    Only when they are wrong does a small case run with the helpers lent from the judge, which sees
    what reaches them, to say where the arguments went.
    """
    cases = panel_cases(inputs.VECTOR_FUNCTIONS, inputs.CORRECT_N, list(inputs.WRONG_GRADIENTS))
    drawn = [inputs.panel_case(run.rng, name, label, epsilon) for _, name, label, epsilon in cases]
    as_given = [(theta, name, label, e, data_weight(data["X"], data["Y"]), data["order"]) for (_, name, label, e), (theta, data) in zip(cases, drawn)]
    expected = [run.reference.panel_gradient_check_n(*case) for case in as_given]
    mistaken = [run.mistakes.panel_gradient_check_n(*case) for case in as_given]
    routing = inputs.routing_case(run.rng)
    runner = beside(gradient_check_n, run, PanelRunner, inputs.vector_cost_sources(), inputs.SIZE)
    values = call_student(run, runner.run, gradient_check_n, [data for _, data in drawn], name="gradient_check_n",
                          time_limit_s=run.policy.call_seconds * len(cases)).value
    if not isinstance(values, list) or len(values) != len(cases):
        run.fail(say.LARGE_FOR_WRONG.format(name="gradient_check_n", value=float("nan"), case=cases[0][0]))
    values = [require_scalar(run, value, "gradient_check_n(...)") for value in values]
    grade_panel(run, "gradient_check_n", cases, values, expected, mistaken, observe=lambda: _observe_routing(run, gradient_check_n, routing))


def _observe_routing(run, gradient_check_n, case):
    """Run one small case with the helpers lent from the judge; fail with what they saw when the arguments did not reach them.

    Code that does a helper's work itself (flattens θ inline, say) is not told about that helper: only a helper that was
    called with something other than gradient_check_n's own argument is.
    """
    spy = lent.PanelSpyStandIns(run, inputs.routing_cost, case)
    with using_references(gradient_check_n, run, **spy.named()):
        call_student(run, gradient_check_n, case["parameters"], case["gradients"], case["X"], case["Y"], epsilon=case["epsilon"])
    misrouted = spy.misrouted()
    if misrouted:
        run.fail(say.NOT_PASSED_ON.format(names=", ".join(f"`{name}`" for name in misrouted)))
    if spy.never_rebuilt():
        run.fail(say.REBUILD_PARAMETERS)


# No ReLU input this close to its kink at 0: finite differences there would straddle it, and a right gradient look wrong.
KINK_MARGIN = 1e-3


def provided_network_case(rng):
    """X, Y and parameters of the provided network with every ReLU unit alive for some example (a wrong dW2 or db1 shows)
    and no ReLU input near its kink."""
    while True:
        X, Y = rng.normal(size=(3, 6)), (rng.uniform(size=(1, 6)) > 0.5).astype(float)
        parameters = inputs.random_parameters(rng)
        Z1, A1, Z2, A2 = (inputs.forward_propagation_n(X, Y, parameters)[1][index] for index in (0, 1, 4, 5))
        alive = (A1 > 0).any(axis=1).all() and (A2 > 0).any(axis=1).all()
        if alive and min(np.abs(Z1).min(), np.abs(Z2).min()) > KINK_MARGIN:
            return X, Y, parameters


@check("backward_propagation_n")
def check_backward_propagation_n(run, backward_propagation_n):
    """Does backward_propagation_n, its planted bugs fixed, return the gradients of forward_propagation_n's cost for the network in its cache?"""
    X, Y, parameters = provided_network_case(run.rng)
    cache = inputs.forward_propagation_n(X, Y, parameters)[1]
    truth = run.reference.backward_propagation_n(X, Y, cache)
    forward = lent.LentForward(run)  # the provided forward pass, should the backward pass run it: its results decide
    with using_references(backward_propagation_n, run, forward_propagation_n=forward.forward_propagation_n):
        gradients = call_student(run, backward_propagation_n, X, Y, cache).value
    names = [f"d{name}" for name in parameters]
    if not isinstance(gradients, dict) or any(name not in gradients for name in names):
        fail_unusable(run, gradients, "What backward_propagation_n returned", f"a dictionary with the gradients {', '.join(names)}")
    for name in names:
        require_finite(run, require_shape(run, gradients[name], truth[name].shape, f'gradients["{name}"]', name), f'gradients["{name}"]')
    intermediate = [name for name in truth if name not in names and name in gradients and not compare.close(gradients[name], truth[name])]
    if all(compare.close(gradients[name], truth[name]) for name in names) and not intermediate:
        return
    planted = [(name, factor) for name, factor in (("dW2", 2), ("db1", 4))
               if not compare.close(gradients[name], truth[name]) and compare.close(gradients[name], factor * truth[name])]
    # Where yours disagrees, in the student's terms: the checker's own gradient check on the provided forward pass.
    cost = lambda p: inputs.forward_propagation_n(X, Y, {k: p[k] for k in parameters})[0]
    report = check_gradient(cost, parameters, {name: gradients["d" + name] for name in parameters}, mode="full", rng=run.rng)
    _explain_forward(run, backward_propagation_n, forward, parameters)
    for name, factor in planted:
        run.fail(say.PLANTED_LEFT.format(name=name, factor=factor))
    if not report.passed:
        run.fail(say.BACKWARD_WRONG.format(where=report.describe_yours()))
    if intermediate:
        run.fail(say.INTERMEDIATE_WRONG.format(name=intermediate[0]))  # dZ3, dA2, ...: what the chain rule passes down
    run.fail(say.BACKWARD_WRONG_PLAIN)


def _explain_forward(run, backward_propagation_n, forward, parameters):
    """Fail with what the lent forward pass saw, when the backward pass ran it on other parameters than the cache's."""
    given = forward.other_parameters(parameters)
    if given is None:
        return
    notebooks = side_of(backward_propagation_n, run).lookup(backward_propagation_n, "parameters")
    global_ones = isinstance(given, dict) and lent.same_network(notebooks, given)
    words = "the notebook's global `parameters`" if global_ones else "parameters that are not the cache's"
    run.fail(say.FORWARD_ON_OTHER_PARAMETERS.format(given=Said(words)))
