"""Shape and type checks, worded for someone meeting NumPy for the first time.

Each reads any value the sandbox lets through (an int too large for a float, an object of the student's class, a
nesting of lists) and fails the check with the student's message when it cannot use it; none raises at the judge.
"""

import numbers

import numpy as np

from checker.checks import messages
from checker.checks.compare import as_numbers
from checker.checks.describe import kind_in_words

NUMBER, ARRAY, NUMBERS = "a number", "a NumPy array", "numbers"


def named(run, what):
    """`what` the check read ("cost", "self.Z"), with the student function it came from when it does not say so itself:
    the one the check called last ("cost from `propagate`"; "feedforward(a)" names its function already)."""
    source = run.last_call
    return f"{what} from `{source}`" if source and source.rpartition(".")[2] not in what else what


def fail_unusable(run, value, what, use):
    """Fail: `what` is a value the check cannot use as `use` ("a number"), told by its kind (in fixed words under a
    hidden seed, where the student's own names and sizes could carry the grader's inputs)."""
    __tracebackhide__ = True
    kind = messages.Said(kind_in_words(value, detail=False)) if run.private else kind_in_words(value)
    run.fail(messages.UNUSABLE.format(what=named(run, what), kind=kind, use=use))


def require_array(run, value, what):
    """Fail unless `value` is a NumPy array of real numbers (bool, integers or floats; complex only with no imaginary part)."""
    __tracebackhide__ = True
    if not isinstance(value, np.ndarray):
        fail_unusable(run, value, what, ARRAY)
    if value.dtype.kind == "c" and np.any(value.imag != 0):
        fail_unusable(run, value, what, f"{ARRAY} of real numbers")
    return value


def require_shape(run, value, expected, what, short=None):
    """Fail unless `value` is an array of shape `expected`, naming rank-1 and transposed mistakes."""
    __tracebackhide__ = True
    short = short or what
    require_array(run, value, what)
    shape, expected = value.shape, tuple(expected)
    if shape == expected:
        return value
    what = named(run, what)
    if len(expected) == 2 and 1 in expected and shape == (max(expected),) and max(expected) > 1:
        run.fail(messages.RANK_ONE.format(what=what, shape=shape, expected=expected))
    if len(expected) == 2 and shape == expected[::-1]:
        run.fail(messages.TRANSPOSED.format(what=what, shape=shape, expected=expected, what_short=short))
    run.fail(messages.WRONG_SHAPE.format(what=what, shape=shape, expected=expected))


def require_scalar(run, value, what, short=None):
    """One real number (a float, a NumPy scalar, a 0-d array, or an array holding one number) as a float.

    Where the notebook asks for a number, an array holding one number counts as that number: it costs no point,
    and the run notes once what such an array does differently (messages.ONE_NUMBER_ARRAY). `short` is not used any more
    (it named the value in the advice for a (1, 1) array); callers may still pass it.
    """
    __tracebackhide__ = True
    if isinstance(value, np.ndarray):
        if value.size != 1:
            run.fail(messages.WRONG_SHAPE.format(what=named(run, what), shape=value.shape, expected="() (a single number)"))
        if value.ndim and messages.ONE_NUMBER_ARRAY not in run.notes:
            run.note(messages.ONE_NUMBER_ARRAY)
        value = value.reshape(())[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)) or np.iscomplexobj(value):
        fail_unusable(run, value, what, NUMBER)
    try:
        with np.errstate(over="ignore"):
            return float(value)  # a longdouble beyond float64 is infinite: require_finite says so
    except OverflowError:
        fail_unusable(run, value, what, NUMBER)


def as_float_array(run, value, what):
    """`value` as a float64 array, or the check fails: it is not numbers the check can use (text, objects, complex numbers,
    an int too large for a float, a nesting that is not an array)."""
    __tracebackhide__ = True
    array = as_numbers(value)
    if array is None:
        fail_unusable(run, value, what, NUMBERS)
    return array


def one_number(value):
    """`value` as a float when it is one real number, in any of the forms require_scalar accepts; else None."""
    array = np.asarray(value) if isinstance(value, (numbers.Real, np.number, np.ndarray)) and not isinstance(value, (bool, np.bool_)) else None
    if array is None or array.size != 1 or not np.issubdtype(array.dtype, np.number) or np.iscomplexobj(array):
        return None
    return float(array.reshape(()))


def require_finite(run, value, what, call=None):
    """Fail when `value` holds NaN or infinity, adding NumPy's warnings as the likely cause."""
    __tracebackhide__ = True
    array = as_float_array(run, value, what)
    bad = ~np.isfinite(array)
    if not bad.any():
        return value
    kinds = " and ".join(word for word, present in (("NaN", np.isnan(array).any()), ("infinity", np.isinf(array).any())) if present)
    hint = "This usually means a log of 0 or an overflowing exp."
    if call is not None and call.warnings:
        hint = messages.WARNING_HINT.format(warnings=call.warning_text())
    if array.ndim == 0:
        run.fail(messages.NOT_FINITE_VALUE.format(what=named(run, what), bad=kinds, hint=hint))
    where = tuple(int(i) for i in np.argwhere(bad)[0])
    run.fail(messages.NOT_FINITE.format(what=named(run, what), bad=kinds, where=where, hint=hint))
