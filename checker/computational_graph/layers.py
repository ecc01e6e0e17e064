"""Checks of the layer classes: forward values, backward passes as vector–Jacobian products, updates."""

import numpy as np

from checker import compare, gradcheck, symbolic
from checker.computational_graph import messages as say
from checker.computational_graph import reference
from checker.guard import call_student, using_references
from checker.registry import check
from checker.shapes import require_finite, require_shape

SQUARE = 4  # n_in = n_out = m, so transposition mistakes compute and can be recognised by value


def stored(run, layer, attribute, method):
    """An attribute a method must have set on the layer."""
    if not hasattr(layer, attribute):
        run.fail(say.NOT_STORED.format(method=method, attribute=attribute))
    return getattr(layer, attribute)


def build_linear(run, LinearLayer, n_in, m, n_out):
    with using_references(LinearLayer.__init__, initialize_parameters=reference.initialize_parameters):
        layer = call_student(run, LinearLayer, (n_in, m), n_out, name="LinearLayer").value
    params = stored(run, layer, "params", "LinearLayer(...)")
    require_shape(run, params.get("W"), (n_out, n_in), 'params["W"]', "W")
    require_shape(run, params.get("b"), (n_out, 1), 'params["b"]', "b")
    return layer


def linear_forward(run, layer, W, b, A_prev):
    """Z from the student's forward with the given parameters."""
    layer.params["W"], layer.params["b"] = W.copy(), b.copy()
    call_student(run, layer.forward, A_prev, name="LinearLayer.forward")
    return stored(run, layer, "Z", "forward")


def check_linear_forward(run, layer, W, b, A_prev):
    Z = require_shape(run, linear_forward(run, layer, W, b, A_prev), (W.shape[0], A_prev.shape[1]), "self.Z", "Z")
    if not compare.close(Z, W @ A_prev + b):
        headline = compare.first_match(Z, [(W @ A_prev, say.Z_NO_BIAS), (W.T @ A_prev + b if W.shape[0] == W.shape[1] else None, say.Z_TRANSPOSED_W)])
        run.fail(headline or say.Z_WRONG, *compare.mismatch_details("Z", Z, W @ A_prev + b))
    if not compare.close(stored(run, layer, "A_prev", "forward"), A_prev):
        run.fail(say.A_PREV_NOT_INPUT)


def check_linear_backward(run, layer, W, b, A_prev):
    G = run.rng.normal(size=(W.shape[0], A_prev.shape[1]))
    linear_forward(run, layer, W, b, A_prev)
    call_student(run, layer.backward, G, name="LinearLayer.backward")
    dW, db, dA_prev = (stored(run, layer, name, "backward") for name in ("dW", "db", "dA_prev"))
    if not compare.close(layer.A_prev, A_prev):
        run.fail(say.CACHE_CHANGED)
    m = A_prev.shape[1]
    square = W.shape[0] == W.shape[1] == m
    numerical = {
        "dW": gradcheck.numerical_vjp(lambda v: linear_forward(run, layer, v, b, A_prev), W, G),
        "db": gradcheck.numerical_vjp(lambda v: linear_forward(run, layer, W, v, A_prev), b, G),
        "dA_prev": gradcheck.numerical_vjp(lambda v: linear_forward(run, layer, W, b, v), A_prev, G),
    }
    if isinstance(db, np.ndarray) and db.shape == G.shape and db.shape != b.shape:
        run.fail(say.DB_NOT_SUMMED)
    candidates = {
        "dW": [(G @ A_prev if square else None, say.DW_NOT_TRANSPOSED), (numerical["dW"] / m, say.DW_AVERAGED)],
        "db": [(numerical["db"] / m, say.DB_AVERAGED)],
        "dA_prev": [(W @ G if square else None, say.DA_PREV_NO_TRANSPOSE)],
    }
    for name, value in (("dW", dW), ("db", db), ("dA_prev", dA_prev)):
        require_shape(run, value, numerical[name].shape, f"self.{name}", name)
        require_finite(run, value, f"self.{name}")
        if not compare.close(value, numerical[name]):
            headline = compare.first_match(value, candidates[name])
            run.fail(headline or say.VJP_WRONG.format(what=name), *compare.mismatch_details(name, value, numerical[name], gradcheck.TOLERANCE))


def check_update(run, layer, n_in, n_out):
    W, b = run.rng.normal(size=(n_out, n_in)), run.rng.normal(size=(n_out, 1))
    dW, db = run.rng.normal(size=W.shape), run.rng.normal(size=b.shape)
    rate = float(run.rng.uniform(0.2, 0.9))
    for arguments, step in (((rate,), rate), ((), 0.1)):
        layer.params["W"], layer.params["b"], layer.dW, layer.db = W.copy(), b.copy(), dW.copy(), db.copy()
        call_student(run, layer.update_params, *arguments, name="LinearLayer.update_params")
        new_W, new_b = layer.params["W"], layer.params["b"]
        if not compare.close(new_W, W - step * dW):
            headline = compare.first_match(new_W, [(W + step * dW, say.UPDATE_UPHILL), (W - dW, say.UPDATE_RATE)])
            run.fail(headline or (say.UPDATE_DEFAULT if not arguments else say.UPDATE_WRONG))
        if not compare.close(new_b, b - step * db):
            run.fail(say.UPDATE_B if compare.close(new_b, b) else say.UPDATE_WRONG)


def probe(run, LinearLayer, rows, cols, examples):
    """A fresh layer for inputs of `cols` features and `examples` columns, with parameters and input drawn here."""
    layer = build_linear(run, LinearLayer, cols, examples, rows)
    return layer, run.rng.normal(size=(rows, cols)), run.rng.normal(size=(rows, 1)), run.rng.normal(size=(cols, examples))


@check("linear_layer")
def check_linear_layer(run, LinearLayer):
    n_in, m, n_out = 3, int(run.rng.integers(5, 8)), 2
    layer = build_linear(run, LinearLayer, n_in, m, n_out)
    for shape in ((n_out, n_in, m), (SQUARE, SQUARE, SQUARE)):
        check_linear_forward(run, *probe(run, LinearLayer, *shape))
    for shape in ((SQUARE, SQUARE, SQUARE), (n_out, n_in, m)):
        check_linear_backward(run, *probe(run, LinearLayer, *shape))
    check_update(run, layer, n_in, n_out)


def sigmoid_forward(run, layer, Z):
    call_student(run, layer.forward, Z, name="SigmoidLayer.forward")
    return stored(run, layer, "A", "forward")


@check("sigmoid_layer")
def check_sigmoid_layer(run, SigmoidLayer):
    Z = run.rng.uniform(-4, 4, size=(int(run.rng.integers(2, 4)), int(run.rng.integers(4, 7))))
    layer = call_student(run, SigmoidLayer, Z.shape, name="SigmoidLayer").value
    A = require_shape(run, sigmoid_forward(run, layer, Z), Z.shape, "self.A", "A")
    if not compare.close(A, symbolic.sigmoid(Z)):
        run.fail(say.A_WRONG, *compare.mismatch_details("A", A, symbolic.sigmoid(Z)))

    G = run.rng.normal(size=Z.shape)
    call_student(run, layer.backward, G, name="SigmoidLayer.backward")
    dZ = require_shape(run, stored(run, layer, "dZ", "backward"), Z.shape, "self.dZ", "dZ")
    numerical = gradcheck.numerical_vjp(lambda v: sigmoid_forward(run, layer, v), Z, G)
    exact = G * symbolic.sigmoid_derivative(Z)  # SymPy's σ'(Z): ground truth next to the differences
    if not (compare.close(dZ, exact) and gradcheck.relative_error(dZ, numerical) < gradcheck.TOLERANCE):
        s = symbolic.sigmoid(Z)
        headline = compare.first_match(dZ, [
            (G * Z * (1 - Z), say.DZ_FROM_Z), (G * s, say.DZ_MISSING_ONE_MINUS_A),
            (s * (1 - s), say.DZ_NO_UPSTREAM), (G, say.DZ_NO_DERIVATIVE),
        ])
        run.fail(headline or say.DZ_WRONG, *compare.mismatch_details("dZ", dZ, numerical, gradcheck.TOLERANCE))
