"""Checks of the single neuron: sigmoid, initialize_with_zeros and propagate."""

import numpy as np

from checker import compare, gradcheck, symbolic
from checker.guard import call_student
from checker.logistic_regression import messages as say
from checker.logistic_regression import reference
from checker.logistic_regression.inputs import draw_problem
from checker.registry import check
from checker.report import describe_value
from checker.shapes import require_finite, require_scalar, require_shape


@check("sigmoid")
def check_sigmoid(run, sigmoid):
    z_scalar = float(run.rng.uniform(-4, 4))
    value = call_student(run, sigmoid, z_scalar).value
    if isinstance(value, np.ndarray) and value.size == 1 and value.ndim > 0:
        run.fail(say.SCALAR_RESULT.format(z=z_scalar, kind=f"array of shape {value.shape}"))
    require_scalar(run, value, f"sigmoid({z_scalar:.3g})")

    z = run.rng.uniform(-6, 6, size=(int(run.rng.integers(2, 5)), int(run.rng.integers(3, 7))))
    call = call_student(run, sigmoid, z)
    require_shape(run, call.value, z.shape, "sigmoid(z)")
    require_finite(run, call.value, "sigmoid(z)", call)
    if not compare.close(call.value, symbolic.sigmoid(z)):
        headline = compare.first_match(
            call.value,
            [(symbolic.sigmoid(-z), say.SIGMOID_SIGN), (1 + np.exp(-z), say.SIGMOID_NO_RECIPROCAL)],
        )
        run.fail(headline or say.SIGMOID_WRONG, *compare.mismatch_details("sigmoid(z)", call.value, symbolic.sigmoid(z)))

    # The slope must match the SymPy-derived σ'(z) too, which catches rounded or tabulated outputs.
    slope = np.array([gradcheck.numerical_gradient(lambda t: call_student(run, sigmoid, t).value, point) for point in z.ravel()[:6]])
    if gradcheck.relative_error(slope, symbolic.sigmoid_derivative(z.ravel()[:6])) > gradcheck.TOLERANCE:
        run.fail(say.SIGMOID_SLOPE)


@check("initialize_with_zeros")
def check_initialize_with_zeros(run, initialize_with_zeros):
    for dim in (int(run.rng.integers(2, 6)), int(run.rng.integers(6, 12))):
        result = call_student(run, initialize_with_zeros, dim).value
        if not isinstance(result, tuple) or len(result) != 2:
            run.fail(say.RETURNS_PAIR.format(name="initialize_with_zeros", pair="(w, b)", kind=describe_value(result)))
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


def _unpack_grads(run, result):
    """The student's (dw, db, cost), after checking the container types."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        run.fail(say.RETURNS_PAIR.format(name="propagate", pair="(grads, cost)", kind=describe_value(result)))
    grads, cost = result
    if isinstance(cost, dict) and not isinstance(grads, dict):
        run.fail(say.GRADS_ORDER)
    if not isinstance(grads, dict):
        run.fail(say.GRADS_NOT_DICT.format(kind=type(grads).__name__))
    for key in ("dw", "db"):
        if key not in grads:
            run.fail(say.GRADS_KEY.format(key=key, keys=sorted(grads) or "no entries"))
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


def _variants(w, b, X, Y):
    """Costs and gradients of the mistakes beginners make, to recognise them by value."""
    m = X.shape[1]
    Z = w.T @ X + b
    A = symbolic.sigmoid(Z)
    Z0 = w.T @ X
    A0 = symbolic.sigmoid(Z0)
    return {
        "cost_swapped": float(np.mean(-(Y * np.log(1 - A) + (1 - Y) * np.log(A)))),
        "cost_no_bias": float(np.mean(symbolic.binary_cross_entropy(Z0, Y))),
        "cost_squared": [float(np.mean((A - Y) ** 2)), float(np.mean((A - Y) ** 2) / 2)],
        "cost_half": float(np.mean(-Y * np.log(A))),
        "dw_no_bias": X @ (A0 - Y).T / m,
        "dw_used_z": X @ (Z - Y).T / m,
        "dw_squared": [X @ ((A - Y) * A * (1 - A)).T / m, 2 * X @ ((A - Y) * A * (1 - A)).T / m],
    }


@check("propagate")
def check_propagate(run, propagate):
    w, b, X, Y = draw_problem(run.rng)
    m = X.shape[1]
    dw, db, cost = _student_propagate(run, propagate, w, b, X, Y)
    (expected, expected_cost), variant = reference.propagate(w, b, X, Y), _variants(w, b, X, Y)

    # "Is your dw the gradient of the cost you return?": centred differences of the student's own cost.
    own_dw = gradcheck.numerical_gradient(lambda v: _student_propagate(run, propagate, v, b, X, Y)[2], w)
    own_db = gradcheck.numerical_gradient(lambda v: _student_propagate(run, propagate, w, float(v), X, Y)[2], np.array(b))
    dw_consistent = gradcheck.relative_error(dw, own_dw) < gradcheck.TOLERANCE

    if not compare.close(cost, expected_cost):
        headline = compare.first_match(cost, [
            (expected_cost * m, say.COST_TIMES_M), (expected_cost / m, say.COST_OVER_M),
            (-expected_cost, say.COST_SIGN), (variant["cost_swapped"], say.COST_SWAPPED),
            (variant["cost_no_bias"], say.COST_NO_BIAS), (variant["cost_half"], say.COST_HALF),
            *((value, say.COST_SQUARED) for value in variant["cost_squared"]),
        ])
        details = [("yours", describe_value(cost)), ("inputs", f"w {w.shape}, X {X.shape}, so m = {m}")]
        if dw_consistent:
            details.append(("note", say.COST_WRONG_BUT_CONSISTENT))
        run.fail(headline or say.COST_WRONG, *details)

    if not compare.close(dw, expected["dw"]):
        headline = compare.first_match(dw, [
            (expected["dw"] * m, say.DW_TIMES_M), (expected["dw"] / m, say.DW_OVER_M),
            (-expected["dw"], say.DW_SIGN), (variant["dw_no_bias"], say.DW_NO_BIAS),
            (variant["dw_used_z"], say.DW_USED_Z), *((value, say.DW_SQUARED) for value in variant["dw_squared"]),
        ])
        details = compare.mismatch_details("dw", dw, own_dw, gradcheck.TOLERANCE)
        run.fail(headline or say.DW_NOT_GRADIENT, ("inputs", f"w {w.shape}, X {X.shape}, so m = {m}"), *details)

    if not compare.close(db, expected["db"]):
        headline = compare.first_match(db, [(expected["db"] * m, say.DB_TIMES_M), (-expected["db"], say.DB_SIGN)])
        details = [("yours", describe_value(db)), ("relative error", f"{gradcheck.relative_error(db, own_db):.2g} against centred differences of your cost")]
        run.fail(headline or say.DB_NOT_GRADIENT, *details)
