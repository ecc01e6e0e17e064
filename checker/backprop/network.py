"""Checks of Network(sizes): its attributes, starting parameters, feedforward and cost_derivative."""

import numpy as np

from checker import compare
from checker.backprop import messages as say
from checker.backprop import reference
from checker.guard import call_student, using_references
from checker.registry import check
from checker.report import CheckFailure
from checker.seeds import seeded_global_random
from checker.shapes import require_shape

GAUSSIAN_SIZES = [300, 200, 50]  # 70,000 weights: the sample std is within 0.3 % of the true one


def build_network(run, Network, sizes, parameters=None):
    """The student's Network(sizes), with our parameters in place of its random ones when given."""
    with seeded_global_random(run.seed):
        net = call_student(run, Network, list(sizes), name="Network").value
    for attribute in ("biases", "weights"):
        if not hasattr(net, attribute):
            run.fail(say.ATTRIBUTE_MISSING.format(attribute=attribute))
    if parameters is not None:
        net.biases, net.weights = [b.copy() for b in parameters[0]], [w.copy() for w in parameters[1]]
    return net


def draw_parameters(run, sizes):
    return reference.initial_parameters(sizes, run.rng)


def check_layers(run, net, sizes):
    for attribute, expected in (("num_layers", len(sizes)), ("sizes", list(sizes))):
        value = getattr(net, attribute, None)
        if value is None or list(np.atleast_1d(value)) != list(np.atleast_1d(expected)):
            run.fail(say.ATTRIBUTE_WRONG.format(sizes=list(sizes), attribute=attribute, value=value, expected=expected))
    for attribute, shapes in (("biases", [(n, 1) for n in sizes[1:]]), ("weights", list(zip(sizes[1:], sizes[:-1])))):
        arrays = getattr(net, attribute)
        if not isinstance(arrays, (list, tuple)) or len(arrays) != len(shapes):
            run.fail(say.LIST_LENGTH.format(sizes=list(sizes), attribute=attribute, count=len(shapes)))
        for index, (array, shape) in enumerate(zip(arrays, shapes)):
            require_shape(run, array, shape, f"{attribute}[{index}]", f"{attribute}[{index}]")


@check("network_init")
def check_network_init(run, Network):
    for sizes in ([2, 3, 1], [4, 5, 3, 2]):
        check_layers(run, build_network(run, Network, sizes), sizes)
    net = build_network(run, Network, GAUSSIAN_SIZES)
    for what in ("weights", "biases"):
        values = reference.flatten(getattr(net, what))
        mean, std = float(values.mean()), float(values.std())
        if abs(mean) > 6 / np.sqrt(values.size) or abs(std - 1) > 6 / np.sqrt(2 * values.size) + 0.01:
            run.fail(say.NOT_GAUSSIAN.format(what=what, mean=mean, std=std))


def student_feedforward(run, Network, net, a):
    with using_references(Network.feedforward, sigmoid=reference.sigmoid):
        return call_student(run, net.feedforward, a, name="Network.feedforward").value


@check("feedforward")
def check_feedforward(run, Network):
    sizes = [5, 4, 3]
    biases, weights = draw_parameters(run, sizes)
    net = build_network(run, Network, sizes, (biases, weights))
    x = run.rng.normal(size=(sizes[0], 1))
    output = require_shape(run, student_feedforward(run, Network, net, x), (sizes[-1], 1), "feedforward(a)")
    expected = reference.feedforward(biases, weights, x)
    if not compare.close(output, expected):
        no_bias = reference.feedforward([0 * b for b in biases], weights, x)
        headline = compare.first_match(output, [(no_bias, say.FEEDFORWARD_NO_BIAS), (reference_linear(biases, weights, x), say.FEEDFORWARD_NO_SIGMOID)])
        run.fail(headline or say.FEEDFORWARD_WRONG, *compare.mismatch_details("feedforward(a)", output, expected))
    X = run.rng.normal(size=(sizes[0], 6))
    try:
        outputs = require_shape(run, student_feedforward(run, Network, net, X), (sizes[-1], 6), "feedforward(X)")
    except CheckFailure as failure:
        run.fail(say.FEEDFORWARD_MATRIX, ("what happened", str(failure).splitlines()[0]))
    if not compare.close(outputs, reference.feedforward(biases, weights, X)):
        run.fail(say.FEEDFORWARD_MATRIX)


def reference_linear(biases, weights, a):
    for b, w in zip(biases, weights):
        a = w @ a + b
    return a


@check("cost_derivative")
def check_cost_derivative(run, Network):
    net = build_network(run, Network, [3, 2])
    a, y = run.rng.uniform(size=(4, 1)), np.eye(4)[:, [int(run.rng.integers(4))]]
    value = require_shape(run, call_student(run, net.cost_derivative, a, y, name="Network.cost_derivative").value, a.shape, "cost_derivative(a, y)")
    if not compare.close(value, a - y):
        run.fail(compare.first_match(value, [(y - a, say.COST_DERIVATIVE_SIGN)]) or say.COST_DERIVATIVE_WRONG)
