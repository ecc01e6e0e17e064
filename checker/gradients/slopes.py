"""One comparison along one direction u: the slope your gradient predicts, uᵀg, against the slope f shows.

f's slope is a centred difference (or a complex step). Differences within round-off count as zero:
f's rounding (checker.thresholds.ROUNDOFF) divided by the step, plus your gradient's rounding. When
the two slopes disagree anyway:
1. f's own round-off is measured (once per check). A disagreement it could explain is measured again
   with a step WIDER times larger; if even that is blurred, f is too noisy for finite differences,
   and the check says so instead of blaming your gradient.
2. f is evaluated two steps out on either side. If its second differences there differ, f's slope
   jumps: u crosses a kink of f (ReLU at 0), and yours may be f's one-sided slope on either side or,
   at a single entry, anything between them. On smooth f nothing changes: curvature is never taken
   for a kink.
"""

import numpy as np

from checker.gradients import messages as say
from checker.gradients.evaluations import FunctionProblem
from checker.thresholds import AGREE, ROUNDOFF, loosest

F_ROUNDOFF = ROUNDOFF[np.dtype(np.float64)]
# Sum of the one-sided stencil's |coefficients| / 2: how much more f's rounding weighs there than in a centred difference.
SIDES_WEIGHT = 4
# Two second differences (|coefficients| summing to 4 each) differ by at most 8 roundings of f on smooth f.
KINK_NOISE = 8
# A disagreement within BLUR times f's measured round-off / step is measured again with a step WIDER times larger:
# less round-off, and truncation (∝ step²) still far below the agree band.
BLUR, WIDER = 4, 100


class Slope:
    """Yours (uᵀg) and f's slope along `direction`, with f's one-sided slopes when they were needed."""

    def __init__(self, direction, analytic, numerical, f_floor, analytic_floor, dtype, measured=True):
        self.direction, self.analytic, self.numerical, self.dtype = direction, analytic, numerical, dtype
        self.f_floor, self.analytic_floor = f_floor, analytic_floor
        self.measured = measured  # False when inferred from other slopes
        self.evaluated = None  # (t, f(x + t·u), f(x − t·u)) for centred differences
        self.sides = None  # f's (left, right) slopes, when they were measured
        self.verdict = "agree" if self.close(numerical) else "disagree"

    @property
    def floor(self):
        return self.f_floor + self.analytic_floor

    def close(self, value, floor=None):
        """Is yours within the agree band, or within round-off, of `value`?"""
        floor = self.floor if floor is None else floor
        return abs(self.analytic - value) <= max(AGREE[self.dtype] * (abs(self.analytic) + abs(value)), floor)

    @property
    def error(self):
        """The relative error |yours − f's| / (|yours| + |f's|), 0 when both are 0."""
        difference = abs(self.analytic - self.numerical)
        return 0.0 if difference == 0 else float(difference / (abs(self.analytic) + abs(self.numerical)))

    @property
    def within_roundoff(self):
        """Agreeing only because the difference is within round-off (the slopes are too close to 0 for a relative error)."""
        return self.verdict == "agree" and self.error > AGREE[self.dtype]

    def judge_sides(self, left, right, outer, slack):
        """Across a kink, yours may be f's slope on one side, or (at a single entry) lie between f's slopes.

        left, right: second-order one-sided slopes at x; outer: slopes from the two outer pairs of
        points; slack: how far a kink within two steps (not at x) can move them, from f's curvature.
        """
        self.sides = (left, right)
        floor = SIDES_WEIGHT * self.f_floor + self.analytic_floor + slack
        estimates = (left, right, *outer)
        if any(self.close(value, floor) for value in estimates):
            self.verdict = "kink"
        elif min(estimates) - floor <= self.analytic <= max(estimates) + floor:
            self.verdict = "between"

    def minus(self, part, rest):
        """The slopes along `rest`, this direction without `part`, inferred without evaluating f (f smooth)."""
        return Slope(rest, self.analytic - part.analytic, self.numerical - part.numerical, self.f_floor + part.f_floor,
                     self.analytic_floor + part.analytic_floor, self.dtype, measured=False)


class Prober:
    """Measures slopes along directions: yours from the gradients, f's from evaluations of f."""

    def __init__(self, evaluations, gradients, step, complex_step=None):
        self.evaluations, self.step, self.complex_step = evaluations, step, complex_step
        self.dtypes = {name: np.asarray(value).dtype for name, value in gradients.items()}
        self.flat = {name: np.asarray(value, dtype=np.float64).reshape(-1) for name, value in gradients.items()}
        self.typical = {name: float(np.linalg.norm(g) / np.sqrt(max(g.size, 1))) for name, g in self.flat.items()}
        self.probes = 0

    def __call__(self, direction):
        """Yours and f's slope along `direction`, by centred difference or complex step."""
        self.probes += 1
        dtype = loosest(self.dtypes[name] for name in direction.names)
        analytic = direction.slope(self.flat)
        analytic_floor = ROUNDOFF[dtype] * direction.typical_size(self.typical)
        if self.complex_step is None:
            return self._centred(direction, analytic, analytic_floor, dtype)
        t = self.complex_step / direction.norm
        value = self.evaluations.along(direction, 1j * t)
        numerical = value.imag / t
        return Slope(direction, analytic, numerical, F_ROUNDOFF * (abs(value.real) + abs(numerical)), analytic_floor, dtype)

    def settle(self, slope):
        """A disagreeing slope, looked at from both sides of the point: a kink, or a real disagreement?"""
        if slope.verdict != "disagree":
            return slope
        if self.complex_step is None:
            return self._both_sides(self._beyond_noise(slope))
        centred = self._both_sides(self._again(slope), always=True)
        if centred.verdict in ("kink", "between"):
            return centred
        if centred.verdict == "agree" and not centred.close(slope.numerical, 2 * centred.floor):
            names = ", ".join(slope.direction.names)
            raise FunctionProblem(say.COMPLEX_BROKEN.format(names=names, complex=slope.numerical, centred=centred.numerical))
        return slope

    def _beyond_noise(self, slope):
        """A disagreement that f's own round-off could explain is measured again with a step WIDER times larger;
        when even that is blurred by round-off, finite differences cannot check f here."""
        self.evaluations.require_deterministic()  # randomness inside f would pass for round-off
        for widen in (1, WIDER):
            slope = self._again(slope, widen) if widen > 1 else slope
            t, difference = slope.evaluated[0], abs(slope.analytic - slope.numerical)
            blur = BLUR * self.evaluations.noise(slope.direction, t) / t
            if slope.verdict != "disagree" or not difference <= blur:  # NaN is no blur
                return slope
        raise FunctionProblem(say.TOO_NOISY.format(names=", ".join(slope.direction.names), noise=self.evaluations.measured_noise,
                                                   blur=blur, step=WIDER * self.step, difference=difference))

    def _again(self, slope, widen=1):
        """The same comparison measured again by centred differences, with the step `widen` times larger."""
        return self._centred(slope.direction, slope.analytic, slope.analytic_floor, slope.dtype, widen)

    def _centred(self, direction, analytic, analytic_floor, dtype, widen=1):
        t = widen * self.step / direction.norm  # moves the parameters a distance `step` (times `widen`)
        above, below = self.evaluations.along(direction, t), self.evaluations.along(direction, -t)
        f_floor = F_ROUNDOFF * max(abs(above), abs(below)) / t
        slope = Slope(direction, analytic, (above - below) / (2 * t), f_floor, analytic_floor, dtype)
        slope.evaluated = (t, above, below)
        return slope

    def _both_sides(self, slope, always=False):
        """Evaluate f two steps out on either side; if f's slope jumps there, judge yours against both sides."""
        if slope.verdict != "disagree" and not always:
            return slope
        t, above, below = slope.evaluated
        centre = self.evaluations.centre()
        far_above = self.evaluations.along(slope.direction, 2 * t)
        far_below = self.evaluations.along(slope.direction, -2 * t)
        # Second differences ≈ t²·f'' on [-2t, 0], [-t, t], [0, 2t]: equal for smooth f, a jump where f's slope jumps.
        curvatures = (centre - 2 * below + far_below, above - 2 * centre + below, far_above - 2 * above + centre)
        rounding = max(F_ROUNDOFF * max(abs(value) for value in (far_below, below, centre, above, far_above)),
                       self.evaluations.measured_noise or 0.0)
        if max(curvatures) - min(curvatures) > KINK_NOISE * rounding:
            slope.judge_sides(left=(3 * centre - 4 * below + far_below) / (2 * t),
                              right=(-3 * centre + 4 * above - far_above) / (2 * t),
                              outer=((below - far_below) / t, (far_above - above) / t),
                              slack=2 * min(abs(curvatures[0]), abs(curvatures[2])) / t)
        return slope
