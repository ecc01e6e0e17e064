"""Shape and type checks, worded for someone meeting NumPy for the first time."""

import numbers

import numpy as np

from checker.checks import messages
from checker.sandbox.remote import kind_of as _kind


def require_array(run, value, what):
    """Fail unless `value` is a NumPy array."""
    __tracebackhide__ = True
    if not isinstance(value, np.ndarray):
        run.fail(messages.NOT_AN_ARRAY.format(what=what, kind=_kind(value)))
    return value


def require_shape(run, value, expected, what, short=None):
    """Fail unless `value` is an array of shape `expected`, naming rank-1 and transposed mistakes."""
    __tracebackhide__ = True
    short = short or what
    require_array(run, value, what)
    shape, expected = value.shape, tuple(expected)
    if shape == expected:
        return value
    if len(expected) == 2 and 1 in expected and shape == (max(expected),) and max(expected) > 1:
        run.fail(messages.RANK_ONE.format(what=what, shape=shape, expected=expected))
    if len(expected) == 2 and shape == expected[::-1]:
        run.fail(messages.TRANSPOSED.format(what=what, shape=shape, expected=expected, what_short=short))
    run.fail(messages.WRONG_SHAPE.format(what=what, shape=shape, expected=expected))


def require_scalar(run, value, what, short=None):
    """Fail unless `value` is one real number (float, NumPy scalar or 0-d array); return it as float."""
    __tracebackhide__ = True
    short = short or what
    if isinstance(value, np.ndarray):
        if value.shape == (1, 1):
            run.fail(messages.ONE_BY_ONE.format(what=what, what_short=short))
        if value.ndim != 0:
            run.fail(messages.WRONG_SHAPE.format(what=what, shape=value.shape, expected="() (a single number)"))
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)):
        run.fail(messages.NOT_A_NUMBER.format(what=what, kind=_kind(value)))
    return float(value)


def require_finite(run, value, what, call=None):
    """Fail when `value` holds NaN or infinity, adding NumPy's warnings as the likely cause."""
    __tracebackhide__ = True
    array = np.asarray(value, dtype=float)
    bad = ~np.isfinite(array)
    if not bad.any():
        return value
    kinds = " and ".join(word for word, present in (("NaN", np.isnan(array).any()), ("infinity", np.isinf(array).any())) if present)
    hint = "This usually means a log of 0 or an overflowing exp."
    if call is not None and call.warnings:
        hint = messages.WARNING_HINT.format(warnings=call.warning_text())
    if array.ndim == 0:
        run.fail(messages.NOT_FINITE_VALUE.format(what=what, bad=kinds, hint=hint))
    where = tuple(int(i) for i in np.argwhere(bad)[0])
    run.fail(messages.NOT_FINITE.format(what=what, bad=kinds, where=where, hint=hint))
