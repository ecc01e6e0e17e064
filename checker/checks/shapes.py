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
    """One real number (a float, a NumPy scalar, a 0-d array, or an array holding one number) as a float.

    Where the notebook asks for a number, an array holding one number counts as that number: it costs no point,
    and the run notes once what such an array does differently (messages.ONE_NUMBER_ARRAY). `short` is not used any more
    (it named the value in the advice for a (1, 1) array); callers may still pass it.
    """
    __tracebackhide__ = True
    if isinstance(value, np.ndarray):
        if value.size != 1:
            run.fail(messages.WRONG_SHAPE.format(what=what, shape=value.shape, expected="() (a single number)"))
        if value.ndim and messages.ONE_NUMBER_ARRAY not in run.notes:
            run.note(messages.ONE_NUMBER_ARRAY)
        value = value.reshape(())[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)):
        run.fail(messages.NOT_A_NUMBER.format(what=what, kind=_kind(value)))
    return float(value)


def one_number(value):
    """`value` as a float when it is one real number, in any of the forms require_scalar accepts; else None."""
    array = np.asarray(value) if isinstance(value, (numbers.Real, np.number, np.ndarray)) and not isinstance(value, (bool, np.bool_)) else None
    if array is None or array.size != 1 or not np.issubdtype(array.dtype, np.number) or np.iscomplexobj(array):
        return None
    return float(array.reshape(()))


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
