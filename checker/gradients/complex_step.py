"""The complex step: f's slope along u is Im f(x + i·h·u) / h, with no subtraction, so h can be 1e-20.

A centred difference trades truncation (large h) against cancellation (small h) and bottoms out
near 1e-10 relative error; the complex step has no cancellation, so its error is round-off alone,
near 1e-16. It needs f to be analytic: every operation must carry the imaginary part through.

Carry it through: + − * / @, **, np.exp, np.log, np.tanh, np.sqrt, np.sum, np.mean, np.dot,
np.maximum and np.minimum, np.where(x > 0, ...) and masks like (x > 0) (NumPy orders complex
numbers by their real part first), np.clip, np.max.
Break it: np.abs and abs (return the modulus, a real number), np.linalg.norm, np.sign, np.vdot and
.conj() (conjugate), .real, float(), .astype(float), and writing into an array made with np.zeros
(float). The checker notices when the imaginary part is dropped, and when the complex step
disagrees with centred differences where your gradient agrees with them.
"""

import numpy as np

from checker.thresholds import COMPLEX_STEP


def complex_step_gradient(f, x, step=COMPLEX_STEP):
    """The gradient of the scalar function `f` at array `x` by complex steps, one entry at a time."""
    x = np.asarray(x, dtype=np.float64)
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        moved = x.astype(complex)
        moved[index] += 1j * step
        gradient[index] = np.imag(f(moved)) / step
    return gradient
