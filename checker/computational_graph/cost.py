"""Check of compute_cost: the squared-error cost and its derivative with respect to Ŷ."""

from checker import compare, gradcheck
from checker.computational_graph import messages as say
from checker.computational_graph import reference
from checker.guard import call_student
from checker.registry import check
from checker.report import describe_value
from checker.shapes import require_finite, require_scalar, require_shape


def student_cost(run, compute_cost, Y, Y_hat):
    result = call_student(run, compute_cost, Y, Y_hat).value
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        run.fail(say.COST_PAIR.format(kind=describe_value(result)))
    cost, dY_hat = result
    cost = require_scalar(run, cost, "cost")
    require_finite(run, cost, "cost")
    return cost, require_shape(run, dY_hat, Y_hat.shape, "dY_hat")


@check("compute_cost")
def check_compute_cost(run, compute_cost):
    m = int(run.rng.integers(5, 10))
    Y = (run.rng.uniform(size=(1, m)) > 0.5).astype(float)
    Y_hat = run.rng.uniform(0.05, 0.95, size=(1, m))
    cost, dY_hat = student_cost(run, compute_cost, Y, Y_hat)
    expected_cost, expected_dY = reference.compute_cost(Y, Y_hat)
    if not compare.close(cost, expected_cost):
        headline = compare.first_match(cost, [
            (2 * expected_cost, say.COST_NO_HALF), (m * expected_cost, say.COST_NOT_AVERAGED),
            (2 * m * expected_cost, say.COST_NOT_AVERAGED),
        ])
        run.fail(headline or say.COST_WRONG, ("yours", describe_value(cost)), ("inputs", f"Y and Y_hat of shape {Y.shape}, so m = {m}"))
    own = gradcheck.numerical_gradient(lambda v: student_cost(run, compute_cost, Y, v)[0], Y_hat)
    if not compare.close(dY_hat, expected_dY):
        headline = compare.first_match(dY_hat, [(m * expected_dY, say.DY_NO_M), (-expected_dY, say.DY_SIGN)])
        run.fail(headline or say.DY_WRONG, *compare.mismatch_details("dY_hat", dY_hat, own, gradcheck.TOLERANCE))
