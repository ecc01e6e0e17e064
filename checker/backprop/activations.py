"""Checks of the elementwise and output functions against their SymPy derivations."""

import numpy as np

from checker import compare, symbolic
from checker.backprop import messages as say
from checker.guard import call_student
from checker.registry import check
from checker.report import CheckFailure
from checker.shapes import require_finite, require_shape


def check_function(run, function, name, inputs, expected, formula, candidates=(), notes=()):
    """Call `function(*inputs)` and compare with `expected`, naming a recognisable mistake."""
    call = call_student(run, function, *inputs, name=name)
    value = require_shape(run, np.asarray(call.value) if np.isscalar(call.value) else call.value, expected.shape, f"{name}(...)")
    require_finite(run, value, f"{name}(...)", call)
    if not compare.close(value, expected):
        headline = compare.first_match(value, candidates) or say.FUNCTION_WRONG.format(name=name, formula=formula)
        run.fail(headline, *notes, *compare.mismatch_details(name, value, expected))
    return value


def away_from_kink(rng, shape, kink=0.0, margin=1e-3):
    values = rng.uniform(-3, 3, size=shape)
    return np.where(np.abs(values - kink) < margin, kink + 0.5, values)


@check("sigmoid_functions")
def check_sigmoid_functions(run, sigmoid, sigmoid_prime):
    z = run.rng.uniform(-5, 5, size=(4, 3))
    check_function(run, sigmoid, "sigmoid", (z,), symbolic.sigmoid(z), "1 / (1 + e^(-z))")
    check_function(run, sigmoid_prime, "sigmoid_prime", (z,), symbolic.sigmoid_derivative(z), "σ(z)(1 - σ(z))",
                   [(z * (1 - z), say.PRIME_OF_Z_TIMES)])


@check("activation_derivatives")
def check_activation_derivatives(run, tanh_prime, relu, relu_prime):
    z = run.rng.uniform(-3, 3, size=(3, 5))
    check_function(run, tanh_prime, "tanh_prime", (z,), symbolic.activation_derivative("tanh")(z), "1 - tanh(z)²",
                   [(1 - np.tanh(z), say.TANH_PRIME_SQUARE)])
    z = away_from_kink(run.rng, (3, 5), symbolic.KINKS["relu"])
    check_function(run, relu, "relu", (z,), symbolic.activation("relu")(z), "max(0, z)")
    check_function(run, relu_prime, "relu_prime", (z,), symbolic.activation_derivative("relu")(z), "1 for z > 0, 0 for z < 0",
                   notes=[("note", say.KINK_NOTE)])


@check("softmax_output")
def check_softmax_output(run, softmax, softmax_cross_entropy_delta):
    Z = 3 * run.rng.normal(size=(5, 4))
    exp = np.exp(Z)
    check_function(run, softmax, "softmax", (Z[:, :1],), symbolic.softmax(Z[:, :1]), "e^z / Σ e^z",
                   [(np.ones((Z.shape[0], 1)), say.SOFTMAX_AXIS)])
    check_function(run, softmax, "softmax", (Z,), symbolic.softmax(Z), "e^z / Σ e^z, column by column",
                   [(exp / exp.sum(axis=1, keepdims=True), say.SOFTMAX_AXIS)])
    large = Z + 1000
    try:
        check_function(run, softmax, "softmax", (large,), symbolic.softmax(large), "e^z / Σ e^z")
    except CheckFailure as failure:
        run.fail(say.SOFTMAX_OVERFLOW.format(bad="z around 1000"), ("what happened", str(failure).splitlines()[0]))
    Y = np.eye(5)[:, run.rng.integers(0, 5, size=4)]
    expected = symbolic.softmax_cross_entropy_gradient(Z, Y)
    A = symbolic.softmax(Z)
    check_function(run, softmax_cross_entropy_delta, "softmax_cross_entropy_delta", (Z, Y), expected, "∂/∂z of -Σ y log softmax(z)",
                   [((A - Y) * A * (1 - A), say.SOFTMAX_DELTA_PRIME), (Y - A, say.SOFTMAX_DELTA_SIGN)])
