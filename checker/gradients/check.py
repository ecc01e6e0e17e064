"""check_gradient and assert_gradient: your gradient of a scalar function, checked against the function itself.

    from checker import check_gradient, assert_gradient

    report = check_gradient(cost, {"W1": W1, "b1": b1}, {"W1": dW1, "b1": db1})
    print(report)                      # what was compared, the metric that decided, the wrong entry if any
    assert_gradient(cost, params, grads)   # in your own pytest tests: fails with the same message

f takes a dict of arrays like `params` (or one array, when `params` is one array) and returns one
number. Modes: "full" compares every entry (2 evaluations of f each); "sampled" a random sample of
entries; "directions" a few random directions, narrowed down to one entry when one disagrees;
"auto" is "full" when that takes under about a second, else "directions"; "complex-step" is "auto"
with slopes by the complex step (checker.gradients.complex_step says which functions allow it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Union

import numpy as np
from numpy.typing import ArrayLike

from checker.errors import CheckerError
from checker.gradients import messages as say
from checker.gradients import report
from checker.gradients.report import GradientReport
from checker.gradients.directional import check_directions
from checker.gradients.entrywise import all_entries, check_entries, sampled_entries
from checker.gradients.evaluations import Evaluations, FunctionProblem
from checker.gradients.localise import BUDGET
from checker.gradients.slopes import Prober
from checker.thresholds import COMPLEX_STEP, STEP

MODES = ("auto", "full", "sampled", "directions", "complex-step")
# The parameters: a dict of arrays by name, or one array. The gradients come in the same form (a gradient may be named
# 'd' + its parameter's name); f takes the parameters in that form and returns one number.
Params = Union[dict[str, ArrayLike], ArrayLike]
ScalarFunction = Callable[[Any], Any]
FULL_MODE_SECONDS = 1.0  # "auto" compares every entry when that is estimated to take at most this long


class GradientProblem(CheckerError):
    """The gradients given do not fit the parameters; the message says how."""


def check_gradient(f: ScalarFunction, params: Params, gradients: Params, mode: str = "auto", *, directions: int = 2,
                   samples: int = 20, per_parameter: bool = True, rng: np.random.Generator | int | None = None,
                   step: float | None = None, budget: int = BUDGET, full_seconds: float = FULL_MODE_SECONDS) -> GradientReport:
    """Check `gradients` of the scalar function f at `params`; a GradientReport whose str() explains the verdict.

    directions: random directions per check ("directions" mode); samples: entries ("sampled" mode);
    per_parameter: compare each direction's part on each parameter separately; rng: a Generator or
    seed (default 0, so a check repeats exactly); step: the finite-difference (or complex) step;
    budget: comparisons spent narrowing a disagreement down to one entry ("directions" mode);
    full_seconds: "auto" compares every entry when that is estimated to take at most this long.
    """
    if mode not in MODES:
        raise ValueError(say.UNKNOWN_MODE.format(modes=", ".join(MODES), mode=mode))
    rng = np.random.default_rng(0 if rng is None else rng)
    notes: list[str] = []
    try:
        matched = matched_gradients(params, gradients, notes)
    except GradientProblem as problem:
        return report.could_not_run(str(problem), kind="shape")
    if any(np.asarray(value).dtype == np.float32 for value in (params.values() if isinstance(params, dict) else [params])):
        notes.append(say.NOTE_PROMOTED)
    try:
        evaluations = Evaluations(f, params)
    except (TypeError, ValueError) as error:
        return report.could_not_run(say.PARAMS_NOT_NUMBERS.format(error=error), kind="shape")
    if mode == "complex-step":
        prober = Prober(evaluations, matched, STEP, complex_step=step or COMPLEX_STEP)
    else:
        prober = Prober(evaluations, matched, step or STEP)
    shapes = {name: value.shape for name, value in evaluations.base.items()}
    try:
        if mode in ("auto", "complex-step"):
            entries = sum(int(np.prod(shape)) for shape in shapes.values())
            evaluations.centre()
            mode = "full" if 2 * entries * evaluations.seconds <= full_seconds else "directions"
        if mode == "directions":
            return check_directions(prober, shapes, directions, per_parameter, rng, notes, budget)
        entries = all_entries(shapes) if mode == "full" else sampled_entries(shapes, samples, rng)
        return check_entries(prober, shapes, entries, mode, notes)
    except FunctionProblem as problem:
        return report.could_not_run(str(problem), evaluations=evaluations.calls, notes=notes)


def assert_gradient(f: ScalarFunction, params: Params, gradients: Params, mode: str = "auto", **options: Any) -> GradientReport:
    """check_gradient for your own tests: raises AssertionError with the report's message unless it passed."""
    __tracebackhide__ = True
    result = check_gradient(f, params, gradients, mode, **options)
    if not result.passed:
        raise AssertionError(str(result))
    return result


def matched_gradients(params: Params, gradients: Params, notes: list[str]) -> dict[str, np.ndarray]:
    """Your gradients by parameter name (a gradient may be named 'd' + name), checked against the parameters' shapes."""
    named: dict[str, ArrayLike]
    given: dict[Any, Any]  # keys as the caller wrote them; values checked below
    if not isinstance(params, dict):
        named, given = {"x": params}, {"x": gradients}
    elif isinstance(gradients, dict):
        named, given = params, gradients
    else:
        raise GradientProblem(say.GRADIENTS_NOT_DICT)
    matched: dict[str, np.ndarray] = {}
    used: set[str] = set()
    for name, value in named.items():
        key = name if name in given else f"d{name}" if f"d{name}" in given else None
        if key is None:
            raise GradientProblem(say.MISSING_GRADIENT.format(name=name))
        try:
            gradient = np.asarray(given[key])
            if gradient.dtype.kind not in "biuf":
                raise TypeError(f"its dtype is {gradient.dtype}")
        except (TypeError, ValueError) as error:
            raise GradientProblem(say.NOT_NUMBERS.format(name=name, error=error)) from None
        shape = np.shape(value)
        if gradient.shape != shape:
            hint = say.TRANSPOSED if len(shape) == 2 and gradient.shape == shape[::-1] else ""
            raise GradientProblem(say.SHAPE_MISMATCH.format(name=name, yours=gradient.shape, shape=shape, hint=hint))
        matched[name], used = gradient, used | {key}
    ignored = [str(key) for key in given if key not in used]
    if ignored:
        notes.append(say.NOTE_IGNORED.format(names=", ".join(ignored)))
    return matched
