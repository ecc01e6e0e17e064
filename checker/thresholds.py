"""Every tolerance the checker uses, in one place: checks, gradient checkers and notebook 04's text read them here.

Two questions, two scales:

* "Is this the same number?" A student's value against the right one for the same inputs,
  entry by entry: within SAME_RTOL relative (plus SAME_ATOL absolute, for values near zero).
  Far above float64 round-off, far below any real mistake.

* "Does this gradient agree with finite differences?" The relative error
  ‖analytic − numerical‖ / (‖analytic‖ + ‖numerical‖), with centred differences of step STEP in
  float64, falls in one of three bands (per dtype of the analytic gradient):

      error ≤ AGREE[dtype]                  the gradients agree: what a correct gradient gives
      AGREE[dtype] < error ≤ WRONG[dtype]   suspicious: a kink, a near-zero gradient or a small mistake
      error > WRONG[dtype]                  the gradient is wrong

  A check passes only in the first band; the band's name is printed with the error that decided.
"""

import numpy as np

SAME_RTOL = 1e-6
SAME_ATOL = 1e-9

STEP = 1e-6  # centred differences: round-off ~1e-16/STEP, truncation ~STEP², both far below AGREE
AGREE = {np.dtype(np.float64): 1e-6, np.dtype(np.float32): 1e-4}
WRONG = {np.dtype(np.float64): 1e-4, np.dtype(np.float32): 1e-2}
BANDS = ("agree", "suspicious", "wrong")


def _dtype(dtype):
    dtype = np.dtype(dtype)
    return dtype if dtype in AGREE else np.dtype(np.float64)


def agree_below(dtype=np.float64):
    """The largest relative error at which gradients of `dtype` still agree."""
    return AGREE[_dtype(dtype)]


def band(error, dtype=np.float64):
    """"agree", "suspicious" or "wrong" for a gradient's relative error."""
    dtype = _dtype(dtype)
    if error <= AGREE[dtype]:
        return "agree"
    return "suspicious" if error <= WRONG[dtype] else "wrong"
