"""Check of initialize_parameters: shapes, zero biases, and each scaling, tested statistically.

With 200,000 weights the sample standard deviation is within 0.2 % of the true one (one
standard error), so the 3 % tolerance below fails a correct implementation far less than once
in a million runs, while the nearest mistake (Xavier scaled by n_out) is 10 % off.
"""

import numpy as np

from checker.computational_graph import messages as say
from checker.computational_graph.reference import SCALES
from checker.guard import call_student
from checker.registry import check
from checker.seeds import seeded_global_random
from checker.report import describe_value
from checker.shapes import require_shape

N_IN, N_OUT = 400, 500
SCALE_RTOL = 0.03
NORMAL_WITHIN_ONE_SD = 0.6827  # fraction of a normal sample within one standard deviation of 0
NORMALITY_TOLERANCE = 0.02  # uniform draws give 0.577


def draw_parameters(run, initialize_parameters, n_in, n_out, **ini_type):
    with seeded_global_random(run.seed):
        params = call_student(run, initialize_parameters, n_in, n_out, **ini_type).value
    if not isinstance(params, dict):
        run.fail(say.PARAMS_NOT_DICT.format(kind=describe_value(params)))
    for key in ("W", "b"):
        if key not in params:
            run.fail(say.PARAMS_KEY.format(key=key, keys=sorted(params) or "none"))
    W = require_shape(run, params["W"], (n_out, n_in), 'params["W"]', "W")
    b = require_shape(run, params["b"], (n_out, 1), 'params["b"]', "b")
    if np.any(b != 0):
        run.fail(say.BIAS_RANDOM)
    return W


def _close_scale(measured, expected):
    return abs(measured / expected - 1) <= SCALE_RTOL


def check_scale(run, W, ini_type):
    expected, measured = SCALES[ini_type](N_IN), float(W.std())
    if abs(W.mean()) > 6 * measured / np.sqrt(W.size):  # six standard errors of the mean
        run.fail(say.NOT_CENTRED.format(mean=W.mean()))
    formula = say.FORMULAS[ini_type]
    if not _close_scale(measured, expected):
        for other, scale in SCALES.items():
            if other != ini_type and _close_scale(measured, scale(N_IN)):
                run.fail(say.SCALE_SWAPPED.format(ini_type=ini_type, other=other, formula=formula))
        if ini_type != "plain" and _close_scale(measured, SCALES[ini_type](N_OUT)):
            run.fail(say.SCALE_N_OUT.format(ini_type=ini_type))
        if _close_scale(measured, 1.0):
            run.fail(say.SCALE_MISSING.format(ini_type=ini_type, measured=measured, formula=formula))
        run.fail(say.SCALE_WRONG.format(ini_type=ini_type, measured=measured, n_in=N_IN, formula=formula))
    if abs(np.mean(np.abs(W) < measured) - NORMAL_WITHIN_ONE_SD) > NORMALITY_TOLERANCE:
        run.fail(say.NOT_NORMAL)


@check("initialize_parameters")
def check_initialize_parameters(run, initialize_parameters):
    for n_in, n_out in ((3, 2), (2, 5)):
        draw_parameters(run, initialize_parameters, n_in, n_out)
    check_scale(run, draw_parameters(run, initialize_parameters, N_IN, N_OUT), "plain")
    for ini_type in SCALES:
        check_scale(run, draw_parameters(run, initialize_parameters, N_IN, N_OUT, ini_type=ini_type), ini_type)
