"""Evaluating the function being checked: in float64, at points near the parameters, counting every call.

f gets fresh arrays for the parameters a direction moves and read-only float64 copies of the
others, so it cannot change the point being checked. Whatever goes wrong inside f becomes a
FunctionProblem whose message is written for the person whose function it is.
"""

import contextlib
import time
import warnings

import numpy as np

from checker.errors import CheckerError
from checker.gradients import messages as say
from checker.gradients.directions import Direction
from checker.thresholds import STEP

NOWHERE = Direction([])
COMPLEX_WARNING = getattr(np, "exceptions", np).ComplexWarning  # np.exceptions appeared in NumPy 1.25


@contextlib.contextmanager
def complex_warnings_raise():
    """Turn NumPy's warning that an imaginary part was dropped into an error, to catch it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", COMPLEX_WARNING)
        yield


class FunctionProblem(CheckerError):
    """f cannot be evaluated as a gradient check needs; the message says why."""


class Evaluations:
    """f at the parameters moved along a direction; `calls` counts the evaluations."""

    def __init__(self, f, params):
        self.f = f
        self.named = isinstance(params, dict)
        self.base = {}
        for name, value in (params.items() if self.named else [("x", params)]):
            array = np.array(value, dtype=np.float64)
            array.flags.writeable = False
            self.base[name] = array
        self.calls = 0
        self.seconds = 0.0  # how long the first evaluation took (measured by centre())
        self._centre = None
        self._deterministic = False
        self.measured_noise = None  # how far f's values scatter around a straight line, once measured

    def centre(self):
        """f at the parameters themselves, evaluated once."""
        if self._centre is None:
            start = time.perf_counter()
            self._centre = self.along(NOWHERE, 0.0)
            self.seconds = time.perf_counter() - start
        return self._centre

    def require_deterministic(self):
        """Evaluate f at the parameters again (once): a function with randomness inside cannot be checked."""
        if self._deterministic:
            return
        first, second = self.centre(), self.along(NOWHERE, 0.0)
        if first != second:
            raise FunctionProblem(say.NOT_DETERMINISTIC.format(first=first, second=second))
        self._deterministic = True

    def noise(self, direction, step):
        """How far f's values scatter around a straight line, on points a hundredth of `step` apart (measured once).

        The points lie on one side of the parameters, so that a kink exactly there does not pass for round-off.
        """
        if self.measured_noise is None:
            spacing, offsets = step / 100, np.arange(1.0, 6.0)
            values = np.array([self.along(direction, spacing * k) for k in offsets])
            centred = offsets - offsets.mean()
            line = values.mean() + centred * (centred @ values) / (centred @ centred)
            self.measured_noise = float(np.max(np.abs(values - line)))
        return self.measured_noise

    def along(self, direction, step):
        """f at the parameters + step · direction; a complex step gives a complex value."""
        imaginary = isinstance(step, complex)
        point = dict(self.base)
        for name, start, stop, values in direction.blocks:  # one block per parameter
            point[name] = self.base[name].astype(complex if imaginary else np.float64)
            point[name].reshape(-1)[start:stop] += step * values
        return self._value(point, imaginary)

    def _value(self, point, imaginary):
        self.calls += 1
        try:
            with complex_warnings_raise() if imaginary else contextlib.nullcontext():
                value = np.asarray(self.f(point if self.named else point["x"]))
        except COMPLEX_WARNING:
            raise FunctionProblem(say.COMPLEX_DROPPED) from None
        except Exception as error:  # the boundary: f is the caller's code and may raise anything; the report says what it raised
            hint = say.READ_ONLY if "read-only" in str(error) else ""
            raise FunctionProblem(say.F_RAISED.format(error=f"{type(error).__name__}: {error}") + hint) from error
        if value.ndim == 0 and value.dtype == np.float64 and not imaginary and np.isfinite(value):
            return float(value)  # the usual case, quickly
        if value.size != 1 or value.dtype.kind not in ("biufc" if imaginary else "biuf"):
            what = f"an array of shape {value.shape}" if value.size != 1 else repr(value.reshape(())[()])
            raise FunctionProblem(say.NOT_SCALAR.format(what=what))
        if value.dtype == np.float32:
            raise FunctionProblem(say.FLOAT32_VALUE.format(step=STEP))
        if imaginary and not np.iscomplexobj(value):
            raise FunctionProblem(say.COMPLEX_DROPPED)
        value = value.reshape(())[()]
        if not np.isfinite(value):
            raise FunctionProblem(say.NOT_FINITE.format(value=value))
        return complex(value) if imaginary else float(value)
