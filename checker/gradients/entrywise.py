"""Entry by entry: f's slope along each entry, all of them or a random sample, against yours."""

import numpy as np

from checker.gradients import messages as say
from checker.gradients import report
from checker.gradients.directions import Direction


def all_entries(shapes):
    """(name, flat index) of every entry of every parameter."""
    return [(name, flat) for name, shape in shapes.items() for flat in range(int(np.prod(shape)))]


def sampled_entries(shapes, samples, rng):
    """(name, flat index) of `samples` entries drawn at random, in order."""
    entries = all_entries(shapes)
    chosen = rng.choice(len(entries), size=min(samples, len(entries)), replace=False)
    return [entries[i] for i in sorted(chosen)]


def worst_first(entry):
    return -entry.error if entry.error == entry.error else -np.inf  # NaN (yours is not a number) first


def check_entries(prober, shapes, entries, mode, notes) -> report.GradientReport:
    """Compare the listed entries one by one; a report naming the worst wrong entry, and listing the others."""
    tally, wrong = report.Tally(), []
    for name, flat in entries:
        slope = prober.settle(prober(Direction.entry(name, flat)))
        tally.add(slope)
        if slope.verdict == "disagree":
            wrong.append(report.entry_of(slope, shapes))
    total = sum(int(np.prod(shape)) for shape in shapes.values())
    if not wrong:
        headline = (say.AGREE_FULL.format(entries=total) if mode == "full"
                    else say.AGREE_SAMPLED.format(checked=len(entries), entries=total))
        return report.agreeing(prober, mode, headline, tally, notes)
    prober.evaluations.require_deterministic()
    wrong.sort(key=worst_first)
    context = [say.WRONG_COUNT.format(count=len(wrong), checked=len(entries))]
    if len(wrong) > 1:
        shown = [f"{report.entry_name(e)} (yours {e.yours:.4g}, f's {e.numerical:.4g})" for e in wrong[1:4]]
        context.append(say.ALSO_WRONG.format(entries=", ".join(shown) + (", …" if len(wrong) > 4 else "")))
    return report.wrong_at(prober, mode, wrong, context, tally, notes)
