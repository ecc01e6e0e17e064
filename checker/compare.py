"""Comparing a student's numbers with ground truth, and naming recognisable mistakes."""

import numpy as np

from checker import messages
from checker.gradcheck import relative_error, worst_entries

# One tolerance for "the same number" across the checks: far above float64 round-off,
# far below any real mistake.
RTOL = 1e-6
ATOL = 1e-9


def close(yours, expected):
    """Same shape and equal within the checker's tolerance."""
    yours, expected = np.asarray(yours, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    return yours.shape == expected.shape and bool(np.allclose(yours, expected, rtol=RTOL, atol=ATOL))


def first_match(yours, candidates):
    """The message of the first (value, message) candidate equal to `yours`, else None."""
    for value, message in candidates:
        if value is not None and close(yours, value):
            return message
    return None


def mismatch_details(name, yours, expected, tolerance=RTOL):
    """numpy.testing-style details, showing the student's values but never the expected ones."""
    yours = np.asarray(yours, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    wrong = ~np.isclose(yours, expected, rtol=RTOL, atol=ATOL)
    details = [("mismatch", messages.MISMATCH.format(count=int(wrong.sum()), total=wrong.size))]
    if yours.ndim:
        entries = ", ".join(
            f"{name}[{', '.join(map(str, index))}] = {yours[index]:.4g}" for index in worst_entries(yours, expected)
        )
        details.append(("worst entries (yours)", entries))
    details.append(("relative error", messages.RELATIVE_ERROR.format(error=relative_error(yours, expected), tolerance=tolerance)))
    return details
