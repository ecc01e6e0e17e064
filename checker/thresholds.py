"""Every tolerance the checker uses, in one place: checks, gradient checkers and notebook 04's text read them here.

Two questions, two scales:

* "Is this the same number?" A student's value against the right one for the same inputs,
  entry by entry: within SAME_RTOL relative (plus SAME_ATOL absolute, for values near zero).
  Far above float64 round-off, far below any real mistake. Parameters at the end of a training
  run, which carries round-off through hundreds of steps: within TRAINED_RTOL (and TRAINED_ATOL).

* "Does this gradient agree with finite differences?" The relative error
  ‖analytic − numerical‖ / (‖analytic‖ + ‖numerical‖), with centred differences of step STEP in
  float64, falls in one of three bands (per dtype of the analytic gradient):

      error ≤ AGREE[dtype]                  the gradients agree: what a correct gradient gives
      AGREE[dtype] < error ≤ WRONG[dtype]   suspicious: a kink, a near-zero gradient or a small mistake
      error > WRONG[dtype]                  the gradient is wrong

  A check passes only in the first band; the band's name is printed with the error that decided.

* "Is this difference only round-off?" Two slopes that differ by less than the rounding they may
  carry are equal, whatever their relative error: f's value may round by ROUNDOFF[float64] of
  itself (f is evaluated in float64), which a centred difference divides by its step, and an entry
  of your gradient by ROUNDOFF[its dtype] of a typical entry. Without this floor a slope near 0
  would show a relative error near 1 on a right gradient. (A function that rounds worse, by
  subtracting large numbers, has its round-off measured and is told so: checker.gradients.slopes.)

The complex step, Im f(x + i·COMPLEX_STEP·u) / COMPLEX_STEP, subtracts nothing, so its step can be
tiny and its error is round-off alone; its slopes are judged with the same bands.
"""

import numpy as np

SAME_RTOL = 1e-6
SAME_ATOL = 1e-9
# Parameters after a whole training run, against the reference's from the same start and batches: the run
# carries round-off through hundreds of steps, so implementations that add in another order differ a little more.
TRAINED_RTOL = 1e-4
TRAINED_ATOL = 1e-7

STEP = 1e-6  # centred differences: round-off ~1e-16/STEP, truncation ~STEP², both far below AGREE
AGREE = {np.dtype(np.float64): 1e-6, np.dtype(np.float32): 1e-4}
WRONG = {np.dtype(np.float64): 1e-4, np.dtype(np.float32): 1e-2}
BANDS = ("agree", "suspicious", "wrong")
BAND_MEANINGS = {
    "agree": "at most {agree:.0e} for {dtype}",
    "suspicious": "between {agree:.0e} and {wrong:.0e} for {dtype}: too large for round-off, small for a typical mistake",
    "wrong": "above {wrong:.0e} for {dtype}; agreeing needs at most {agree:.0e}",
}
# Relative rounding allowed: in a value of f (always evaluated in float64), in an entry of your gradient (its dtype).
ROUNDOFF = {np.dtype(np.float64): 1e-15, np.dtype(np.float32): 1e-6}
COMPLEX_STEP = 1e-20


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


def loosest(dtypes):
    """Of some gradients' dtypes, the one with the widest bands (float32 before float64)."""
    return max((_dtype(dtype) for dtype in dtypes), key=lambda dtype: AGREE[dtype], default=np.dtype(np.float64))


def explain_band(error, dtype=np.float64):
    """The band of `error` with its limits, e.g. "wrong (above 1e-04 for float64; agreeing needs at most 1e-06)"."""
    dtype = _dtype(dtype)
    name = band(error, dtype)
    return f"{name} ({BAND_MEANINGS[name].format(agree=AGREE[dtype], wrong=WRONG[dtype], dtype=dtype.name)})"
