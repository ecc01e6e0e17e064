"""Narrowing a disagreement down to one entry, by halving the direction along which it appeared.

The slopes of a direction's two halves add up to the slope of the whole (for smooth f), so a
disagreement shows in one half at least. The first half is measured; the second half's slopes are
inferred by subtraction, and measured only when the inference says they agree. The search ends at a
single entry that disagrees with f, or with every entry inside a part that was measured and agreed
(then the disagreement came from kinks or round-off, not from your gradient).
"""

from checker.errors import CheckerError

BUDGET = 4000  # comparisons spent on one direction before giving up: ~2 per halving, more across many kinks


class NotPinned(CheckerError):
    """The budget ran out before the disagreement was narrowed down to one entry."""

    def __init__(self, budget):
        super().__init__(budget)
        self.budget = budget


def localise(prober, slope, budget=BUDGET):
    """The settled slope of a single entry inside slope.direction that disagrees with f, or None if all agree.

    At most `budget` comparisons are spent narrowing it down; past them, NotPinned.
    """
    start = prober.probes

    def search(slope):
        if slope.measured and slope.verdict in ("agree", "kink"):
            return None
        if slope.direction.size == 1:
            slope = prober.settle(slope if slope.measured else prober(slope.direction))
            return slope if slope.verdict == "disagree" else None
        if prober.probes - start > budget:
            raise NotPinned(budget)
        first, second = slope.direction.split()
        first_slope = prober(first)
        found = search(first_slope)
        if found is not None:
            return found
        rest = slope.minus(first_slope, second)
        return search(rest if rest.verdict == "disagree" else prober(second))

    return search(slope)
