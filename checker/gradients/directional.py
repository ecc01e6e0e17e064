"""Fast gradient checks: a few random directions for all parameters at once, then bisection.

A directional check compares uᵀ∇f, from the analytic gradient, with the centred difference of f
along a random unit direction u: two evaluations of f per direction, however many parameters
there are. When it fails, the check narrows the disagreement down, first to a named parameter
(one direction restricted to each), then to one entry (bisection over that parameter's entries),
and reports that entry's analytic and numerical partial derivatives.

Finite differences always run in float64: float32 parameters are promoted for the evaluations,
and the tolerance follows the dtype of the analytic gradient (float32 round-off is ~1e-7 per
operation, so it gets TOLERANCE[np.float32]). Where the one-sided slopes disagree, f has a kink
(ReLU at 0, say) along the direction, and the report says so instead of calling it a failure.
"""

import numpy as np

from checker.gradients.numerical import STEP, relative_error

TOLERANCE = {np.dtype(np.float64): 1e-6, np.dtype(np.float32): 1e-4}


class GradientReport:
    """What a gradient check found, with the evaluations of f it spent."""

    def __init__(self, passed, relative_error, evaluations, kind="ok", entry=None, notes=()):
        self.passed = passed
        self.relative_error = relative_error
        self.evaluations = evaluations
        self.kind = kind  # "ok", "mismatch" or "kink"
        self.entry = entry  # (name, index, yours, numerical) of the entry found to disagree
        self.notes = list(notes)

    def describe(self):
        if self.kind == "ok":
            return f"gradients agree (relative error {self.relative_error:.1e}, {self.evaluations} evaluations)"
        if self.kind == "kink":
            return "f has a kink along the direction checked (one-sided slopes differ): not a gradient error"
        name, index, yours, numerical = self.entry
        where = f"{name}[{', '.join(map(str, index))}]"
        ratio = f" — factor {yours / numerical:.3g}" if numerical != 0 and yours != 0 else ""
        return f"{where}: yours {yours:.4g}, numerical {numerical:.4g}{ratio}"


class _Counted:
    """f on float64 copies of the parameters, counting evaluations."""

    def __init__(self, f, params):
        self.f = f
        self.names = list(params)
        self.base = {name: np.asarray(value, dtype=np.float64) for name, value in params.items()}
        self.calls = 0

    def along(self, direction, step):
        """f at base + step · direction, where direction maps names to arrays (missing: zero)."""
        self.calls += 1
        moved = {name: value + step * direction[name] if name in direction else value for name, value in self.base.items()}
        return float(self.f(moved))


def _unit_direction(rng, shapes, support=None):
    """A random unit direction over the named shapes; `support` limits it to some flat entries of one name."""
    direction = {}
    for name, shape in shapes.items():
        if support is not None and name != support[0]:
            continue
        values = rng.standard_normal(shape)
        if support is not None:
            mask = np.zeros(int(np.prod(shape)), dtype=bool)
            mask[support[1]] = True
            values = values * mask.reshape(shape)
        direction[name] = values
    norm = np.sqrt(sum(float(np.sum(v * v)) for v in direction.values()))
    return {name: v / norm for name, v in direction.items()}


def _compare(counted, gradients, direction, step, tolerance):
    """(relative error, kink?) of the analytic against the numerical slope along `direction`."""
    analytic = sum(float(np.sum(gradients[name] * value)) for name, value in direction.items())
    above, below = counted.along(direction, step), counted.along(direction, -step)
    numerical = (above - below) / (2 * step)
    scale = abs(analytic) + abs(numerical)
    error = 0.0 if scale == 0 else abs(analytic - numerical) / scale
    kink = False
    if error > tolerance:
        centre = counted.along(direction, 0.0)
        forward, backward = (above - centre) / step, (centre - below) / step
        kink = abs(forward - backward) > 1e3 * tolerance * max(abs(forward), abs(backward), 1e-12) and (
            min(forward, backward) - tolerance <= analytic <= max(forward, backward) + tolerance
        )
    return error, kink


def _localise(counted, gradients, rng, step, tolerance):
    """Bisect down to one entry whose analytic partial disagrees; (name, index, yours, numerical)."""
    shapes = {name: value.shape for name, value in counted.base.items()}
    for name in counted.names:
        entries = np.arange(int(np.prod(shapes[name])))
        if _compare(counted, gradients, _unit_direction(rng, shapes, (name, entries)), step, tolerance)[0] <= tolerance:
            continue
        while len(entries) > 1:
            half = entries[: len(entries) // 2]
            failing = _compare(counted, gradients, _unit_direction(rng, shapes, (name, half)), step, tolerance)[0] > tolerance
            entries = half if failing else entries[len(entries) // 2 :]
        index = np.unravel_index(int(entries[0]), shapes[name])
        axis = {name: np.zeros(shapes[name])}
        axis[name][index] = 1.0
        numerical = (counted.along(axis, step) - counted.along(axis, -step)) / (2 * step)
        return name, tuple(int(i) for i in index), float(np.asarray(gradients[name])[index]), numerical
    return None


def check_gradient(f, params, gradients, mode="fast", directions=2, samples=20, rng=None, step=STEP):
    """Check `gradients` (a dict like `params`) of the scalar function f(params_dict).

    mode "fast": `directions` random directions, 2 evaluations each; "sampled": `samples` random
    entries, 2 each; "full": every entry. Any failure is localised to one named entry.
    """
    rng = rng if rng is not None else np.random.default_rng(0)
    counted = _Counted(f, params)
    dtypes = {np.asarray(g).dtype for g in gradients.values()}
    tolerance = max(TOLERANCE.get(dtype, TOLERANCE[np.dtype(np.float64)]) for dtype in dtypes)
    notes = ["float32 parameters were promoted to float64 for the finite differences"] if any(
        np.asarray(p).dtype == np.float32 for p in params.values()) else []
    gradients = {name: np.asarray(value, dtype=np.float64) for name, value in gradients.items()}
    shapes = {name: value.shape for name, value in counted.base.items()}
    if mode != "fast":
        return _check_entries(counted, gradients, shapes, mode, samples, rng, step, tolerance, notes)
    worst = 0.0
    for _ in range(directions):
        error, kink = _compare(counted, gradients, _unit_direction(rng, shapes), step, tolerance)
        if kink:
            return GradientReport(True, error, counted.calls, "kink", notes=notes)
        worst = max(worst, error)
        if error > tolerance:
            entry = _localise(counted, gradients, rng, step, tolerance)
            return GradientReport(False, error, counted.calls, "mismatch", entry, notes)
    return GradientReport(True, worst, counted.calls, notes=notes)


def _check_entries(counted, gradients, shapes, mode, samples, rng, step, tolerance, notes):
    """Entry by entry (all, or a random sample), compared as one vector; the worst entry is named."""
    flat = [(name, np.unravel_index(i, shapes[name])) for name in counted.names for i in range(int(np.prod(shapes[name])))]
    if mode == "sampled":
        flat = [flat[i] for i in sorted(rng.choice(len(flat), size=min(samples, len(flat)), replace=False))]
    analytic, numerical = np.empty(len(flat)), np.empty(len(flat))
    for k, (name, index) in enumerate(flat):
        axis = {name: np.zeros(shapes[name])}
        axis[name][index] = 1.0
        numerical[k] = (counted.along(axis, step) - counted.along(axis, -step)) / (2 * step)
        analytic[k] = gradients[name][index]
    error = relative_error(analytic, numerical)
    if error <= tolerance:
        return GradientReport(True, error, counted.calls, notes=notes)
    k = int(np.argmax(np.abs(analytic - numerical)))
    name, index = flat[k]
    return GradientReport(False, error, counted.calls, "mismatch", (name, tuple(int(i) for i in index), analytic[k], numerical[k]), notes)
