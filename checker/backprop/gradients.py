"""Checks of backprop (against finite differences of the cost, every parameter) and backprop_batch."""

import numpy as np

from checker import compare, gradcheck
from checker.backprop import messages as say
from checker.backprop import reference
from checker.backprop.network import build_network, draw_parameters
from checker.guard import call_student, using_references
from checker.registry import check
from checker.shapes import require_finite, require_shape

# All layers square, so a missing transpose or a wrong layer index still computes and can be named.
SQUARE_SIZES = [4, 4, 4, 4]
SIZES = [3, 5, 4, 2]
MISTAKES = {
    "no prime in BP1": say.NO_PRIME_BP1,
    "prime of activation": say.PRIME_OF_ACTIVATION,
    "prime of activation everywhere": say.PRIME_OF_ACTIVATION,
    "BP2 not transposed": say.BP2_NOT_TRANSPOSED,
    "off by one": say.OFF_BY_ONE,
    "off by one everywhere": say.OFF_BY_ONE,
}


def numerical_gradients(biases, weights, x, y):
    """Centred differences of ½‖a - y‖² with respect to every bias and weight."""
    def gradient(parameters, index):
        def cost(value):
            replaced = [value if i == index else p for i, p in enumerate(parameters)]
            b, w = (replaced, weights) if parameters is biases else (biases, replaced)
            return 0.5 * float(np.sum((reference.feedforward(b, w, x) - y) ** 2))
        return gradcheck.numerical_gradient(cost, parameters[index])
    return [gradient(biases, i) for i in range(len(biases))], [gradient(weights, i) for i in range(len(weights))]


def student_gradients(run, Network, net, method, x, y):
    """(nabla_b, nabla_w) from the student's method, checked to be lists shaped like the parameters."""
    net.cost_derivative = lambda output_activations, target: output_activations - target  # graded on its own
    with using_references(getattr(Network, method), sigmoid=reference.sigmoid, sigmoid_prime=reference.sigmoid_prime):
        result = call_student(run, getattr(net, method), x, y, name=f"Network.{method}").value
    if not isinstance(result, (tuple, list)) or len(result) != 2 or not all(isinstance(part, (list, tuple)) for part in result):
        run.fail(say.GRADIENT_LISTS)
    for name, gradients, parameters in (("nabla_b", result[0], net.biases), ("nabla_w", result[1], net.weights)):
        if len(gradients) != len(parameters):
            run.fail(say.GRADIENT_LISTS)
        for index, (gradient, parameter) in enumerate(zip(gradients, parameters)):
            require_shape(run, gradient, parameter.shape, f"{name}[{index}]")
            require_finite(run, gradient, f"{name}[{index}]")
    return result


def first_difference(yours, expected):
    """(name, yours, expected) of the first layer's gradient that disagrees, or None."""
    for name, mine, theirs in (("nabla_b", yours[0], expected[0]), ("nabla_w", yours[1], expected[1])):
        for index, (a, b) in enumerate(zip(mine, theirs)):
            if not compare.close(a, b):
                return f"{name}[{index}]", a, b
    return None


def same_gradients(yours, expected):
    return first_difference(yours, expected) is None


@check("backprop")
def check_backprop(run, Network):
    for sizes in (SQUARE_SIZES, SIZES):
        biases, weights = draw_parameters(run, sizes)
        net = build_network(run, Network, sizes, (biases, weights))
        x, y = run.rng.normal(size=(sizes[0], 1)), np.eye(sizes[-1])[:, [int(run.rng.integers(sizes[-1]))]]
        yours = student_gradients(run, Network, net, "backprop", x, y)
        numerical = numerical_gradients(biases, weights, x, y)
        difference = first_difference(yours, numerical)
        if difference:
            name, mine, theirs = difference
            headline = next((message for mistake, message in MISTAKES.items()
                             if same_gradients(yours, reference.backprop_variant(biases, weights, x, y, mistake))), None)
            run.fail(headline or say.BACKPROP_WRONG.format(what=name), ("checked on", f"a test network of sizes {sizes}"),
                     *compare.mismatch_details(name, mine, theirs, gradcheck.TOLERANCE))


@check("backprop_batch")
def check_backprop_batch(run, Network):
    sizes, m = SIZES, int(run.rng.integers(4, 8))
    biases, weights = draw_parameters(run, sizes)
    net = build_network(run, Network, sizes, (biases, weights))
    X, Y = run.rng.normal(size=(sizes[0], m)), np.eye(sizes[-1])[:, run.rng.integers(0, sizes[-1], size=m)]
    yours = student_gradients(run, Network, net, "backprop_batch", X, Y)
    expected = reference.backprop(biases, weights, X, Y)
    difference = first_difference(yours, expected)
    if difference:
        name, mine, theirs = difference
        averaged = ([b / m for b in expected[0]], [w / m for w in expected[1]])
        headline = say.BATCH_AVERAGED if same_gradients(yours, averaged) else say.BATCH_WRONG.format(what=name)
        run.fail(headline, ("checked on", f"a test batch, X {X.shape} and Y {Y.shape}"), *compare.mismatch_details(name, mine, theirs))
