"""Comparing a student's numbers with the right ones, and naming recognisable mistakes."""

import numpy as np

from checker.checks import messages
from checker.gradients.numerical import relative_error, worst_entries
from checker.thresholds import SAME_ATOL, SAME_RTOL, TRAINED_ATOL, TRAINED_RTOL


def as_numbers(value):
    """`value` as a float64 array when it holds real numbers only (bool, integers, floats, complex with no imaginary
    part), else None (text, objects, an int too large for a float, a nesting that is not an array); never raises."""
    try:
        array = np.asarray(value)
        if array.dtype.kind not in "biufc" or (array.dtype.kind == "c" and np.any(array.imag != 0)):
            return None
        with np.errstate(over="ignore"):
            return np.asarray(array.real, dtype=np.float64)
    except (TypeError, ValueError, OverflowError, RecursionError, MemoryError):
        return None


def close(yours, expected, rtol=SAME_RTOL, atol=SAME_ATOL):
    """Same shape and equal within the checker's tolerance (False for anything that is not numbers)."""
    yours, expected = as_numbers(yours), as_numbers(expected)
    if yours is None or expected is None:
        return False
    return yours.shape == expected.shape and bool(np.allclose(yours, expected, rtol=rtol, atol=atol))


def trained_close(yours, expected):
    """Parameters after a training run against the reference's from the same start (thresholds.TRAINED_RTOL)."""
    return close(yours, expected, TRAINED_RTOL, TRAINED_ATOL)


def first_match(yours, candidates):
    """The message of the first (value, message) candidate equal to `yours`, else None."""
    for value, message in candidates:
        if value is not None and close(yours, value):
            return message
    return None


def candidates(mistaken, part, say):
    """(value, diagnosis) pairs from `run.mistakes.f(...)`'s results, in the order of the assignment's MISTAKES: part(result)
    of each mistake that applies here (its result is not None, and holds that part), told by the Diagnosis its id names
    in the assignment's messages module `say` (messages.told_by)."""
    pairs = []
    for mistake, result in mistaken.items():
        diagnosis = messages.told_by(say, mistake)
        if result is not None:
            try:
                pairs.append((part(result), diagnosis))
            except (KeyError, IndexError, TypeError):  # this mistake changes another part of the result (a dict without it)
                continue
    return pairs


def mismatch_details(name, yours, expected, tolerance=SAME_RTOL):
    """numpy.testing-style details, showing the student's values but never the expected ones."""
    yours, expected = as_numbers(yours), np.asarray(expected, dtype=np.float64)
    if yours is None or yours.shape != expected.shape:
        return []  # not numbers of the right shape (the check said so already): nothing to compare entry by entry
    wrong = ~np.isclose(yours, expected, rtol=SAME_RTOL, atol=SAME_ATOL)
    details = [("mismatch", messages.MISMATCH.format(count=int(wrong.sum()), total=wrong.size))]
    if yours.ndim:
        entries = ", ".join(f"{name}[{', '.join(map(str, index))}] = {yours[index]:.4g}" for index in worst_entries(yours, expected))
        details.append(("worst entries (yours)", entries))
    details.append(("relative error", messages.RELATIVE_ERROR.format(error=relative_error(yours, expected), tolerance=tolerance)))
    return details
