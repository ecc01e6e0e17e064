"""What a gradient check found, and its explanation: str(report) is the message for the person checking.

The message says, in this order: the verdict (and the entry found wrong, yours against f's slope),
the metric that decided with its band, what else is worth knowing (kinks, more wrong entries, how
the entry was found), how f's slopes were measured and what that cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from checker.gradients import messages as say
from checker.thresholds import band, explain_band, loosest

if TYPE_CHECKING:
    from checker.gradients.slopes import Prober, Slope

Shapes = Mapping[str, tuple[int, ...]]  # each parameter's shape, by name


class Entry(NamedTuple):
    """One entry of one parameter, yours against f's slope there (left and right: f's one-sided slopes at a kink)."""

    name: str
    index: tuple[int, ...]  # type: ignore[assignment]  # the entry's index, as namedtuple let it shadow tuple.index
    yours: float
    numerical: float
    left: float | None
    right: float | None
    error: float
    dtype: np.dtype
    floor: float


class GradientReport:
    """passed, kind ("ok", "mismatch", "unusable", "shape"), the deciding relative_error, the wrong entry, the cost."""

    def __init__(self, passed: bool, kind: str, message: str, mode: str | None = None, relative_error: float | None = None,
                 dtype: np.dtype | None = None, evaluations: int = 0, entry: Entry | None = None, wrong: Iterable[Entry] = (),
                 kinks: int = 0, notes: Iterable[str] = ()) -> None:
        self.passed, self.kind, self.message, self.mode = passed, kind, message, mode
        self.relative_error, self.dtype, self.evaluations = relative_error, dtype, evaluations
        self.band = None if relative_error is None else band(relative_error, dtype)
        self.entry = entry  # the Entry found wrong (the worst one, in full and sampled modes)
        self.wrong = list(wrong)  # every Entry found wrong
        self.kinks = kinks  # comparisons that crossed a kink of f
        self.notes = list(notes)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"<GradientReport {self.kind}: {self.describe()}>"

    def describe(self) -> str:
        """The finding in one line, for messages that embed it."""
        if self.passed:
            return say.DESCRIBE_AGREE.format(mode=self.mode, error=self.relative_error, evaluations=self.evaluations)
        if self.entry is None:
            return self.message.split("\n")[0]
        entry = self.entry
        return say.DESCRIBE_WRONG.format(entry=entry_name(entry), yours=entry.yours, numerical=entry.numerical,
                                         ratio=compared(entry), error=entry.error, band=band(entry.error, entry.dtype))


    def describe_yours(self) -> str:
        """The finding in one line without f's slope or the ratio to it: for graded feedback, where they would be the answer."""
        if self.passed or self.entry is None:
            return self.describe() if self.passed else say.DESCRIBE_UNPINNED
        entry = self.entry
        return say.DESCRIBE_YOURS.format(entry=entry_name(entry), yours=entry.yours, error=entry.error, band=band(entry.error, entry.dtype))


def entry_of(slope: Slope, shapes: Shapes) -> Entry:
    """The Entry for a settled slope along a single entry, in that entry's own units and sides."""
    name, flat, value = slope.direction.only_entry()
    left, right = slope.sides if slope.sides else (None, None)
    if value < 0:  # moving along u moves this entry backwards: u's right side is the entry's left
        left, right = right, left
    per_entry = lambda slope_value: None if slope_value is None else slope_value / value
    index = tuple(int(i) for i in np.unravel_index(flat, shapes[name]))
    return Entry(name, index, slope.analytic / value, slope.numerical / value, per_entry(left), per_entry(right),
                 slope.error, slope.dtype, slope.floor / abs(value))


def entry_name(entry: Entry) -> str:
    return entry.name if entry.index == () else f"{entry.name}[{', '.join(map(str, entry.index))}]"


def counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def compared(entry: Entry) -> str:
    """How yours relates to f's slope at an entry: a factor, a flipped sign, a slope that should be 0."""
    if not np.isfinite(entry.yours) or entry.left is not None:  # at a kink, f has no one slope to compare with
        return ""
    if abs(entry.numerical) <= entry.floor:
        return say.F_FLAT
    if entry.yours == 0:
        return say.YOURS_ZERO
    ratio = entry.yours / entry.numerical
    return say.SIGN_FLIPPED if abs(ratio + 1) < 1e-3 else say.RATIO.format(ratio=ratio)


def cost(prober: Prober) -> str:
    """How f's slopes were measured, and how many evaluations of f that took."""
    evaluations = prober.evaluations.calls
    if prober.complex_step is None:
        return say.METHOD_CENTRED.format(step=prober.step, evaluations=evaluations)
    return say.METHOD_COMPLEX.format(step=prober.complex_step, evaluations=evaluations)


class Tally:
    """What the comparisons add up to: how many, the largest relative error among them, kinks, round-off."""

    def __init__(self) -> None:
        self.compared, self.largest, self.kinks, self.roundoff, self.set_aside = 0, 0.0, 0, 0, 0

    def add(self, slope: Slope) -> None:
        self.compared += 1
        if slope.verdict in ("kink", "between"):
            self.kinks += 1
        elif slope.within_roundoff:
            self.roundoff += 1
        elif slope.verdict == "agree":
            self.largest = max(self.largest, slope.error)


def agreeing(prober: Prober, mode: str, headline: str, tally: Tally, notes: Sequence[str]) -> GradientReport:
    """Every comparison agreed, crossed a kink or was set aside: passed."""
    dtype = loosest(prober.dtypes.values())
    lines = [headline, say.LARGEST.format(error=tally.largest, band=explain_band(tally.largest, dtype))]
    lines += [say.KINKS_PASSED.format(count=counted(tally.kinks, "comparison"))] if tally.kinks else []
    lines += [say.ROUNDOFF_PASSED.format(count=counted(tally.roundoff, "comparison"))] if tally.roundoff else []
    lines += [say.SET_ASIDE.format(count=counted(tally.set_aside, "direction"))] if tally.set_aside else []
    lines += [cost(prober), *notes]
    return GradientReport(True, "ok", "\n".join(lines), mode, tally.largest, dtype, prober.evaluations.calls,
                          kinks=tally.kinks, notes=notes)


def wrong_at(prober: Prober, mode: str, wrong: Sequence[Entry], context: Sequence[str], tally: Tally,
             notes: Sequence[str]) -> GradientReport:
    """Some entries disagree with f: the first of `wrong` (Entries, worst first) is explained."""
    entry = wrong[0]
    headline = say.WRONG_ENTRY.format(entry=entry_name(entry), yours=entry.yours, numerical=entry.numerical, ratio=compared(entry))
    lines = [headline,
             say.DECIDED.format(error=entry.error, band=explain_band(entry.error, entry.dtype))]
    if entry.left is not None and entry.right is not None and entry.left != entry.right and abs(entry.left - entry.right) > entry.floor:
        lines.append(say.KINK_AT_ENTRY.format(left=entry.left, right=entry.right))
    lines += [*context, cost(prober), *notes]
    return GradientReport(False, "mismatch", "\n".join(lines), mode, entry.error, entry.dtype, prober.evaluations.calls,
                          entry, wrong, tally.kinks, notes)


def not_pinned(prober: Prober, slope: Slope, budget: int, notes: Sequence[str]) -> GradientReport:
    """A direction disagrees, but the search for one wrong entry ran out of budget."""
    names = ", ".join(slope.direction.names)
    lines = [say.NOT_PINNED.format(names=names, yours=slope.analytic, numerical=slope.numerical, budget=budget),
             say.DECIDED.format(error=slope.error, band=explain_band(slope.error, slope.dtype)), cost(prober), *notes]
    return GradientReport(False, "mismatch", "\n".join(lines), "directions", slope.error, slope.dtype,
                          prober.evaluations.calls, notes=notes)


def could_not_run(reason: str, kind: str = "unusable", evaluations: int = 0, notes: Sequence[str] = ()) -> GradientReport:
    """The check could not run: f failed, or the gradients do not fit the parameters."""
    message = "\n".join([say.UNUSABLE.format(reason=reason), *notes])
    return GradientReport(False, kind, message, evaluations=evaluations, notes=notes)
