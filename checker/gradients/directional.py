"""Random directions: a few slopes test every entry at once, and a disagreement is narrowed down to one entry.

Each round draws one random direction u through all the parameters. With `per_parameter`, its part
on each parameter is compared on its own (2 evaluations of f per parameter), so a mistake in a
small parameter is not drowned by a large parameter's slope; otherwise u is compared whole (2
evaluations per round). A direction that crosses a kink of f is accepted when your slope is f's on
one side; any other disagreement is narrowed down to one entry (checker.gradients.localise), and
the check goes on with the next direction when every part of it agrees.
"""

from checker.gradients import messages as say
from checker.gradients import report
from checker.gradients.directions import Direction
from checker.gradients.localise import BUDGET, NotPinned, localise


def check_directions(prober, shapes, rounds, per_parameter, rng, notes, budget=BUDGET) -> report.GradientReport:
    """Compare `rounds` random directions; a report naming the first wrong entry found, if any."""
    tally = report.Tally()
    for _ in range(rounds):
        whole = Direction.random(rng, shapes)
        for direction in whole.per_parameter() if per_parameter or not whole.blocks else [whole]:
            slope = prober.settle(prober(direction))
            tally.add(slope)
            if slope.verdict in ("agree", "kink"):
                continue
            if slope.verdict == "disagree":
                prober.evaluations.require_deterministic()
            try:
                found = localise(prober, slope, budget)
            except NotPinned as search:
                return report.not_pinned(prober, slope, search.budget, notes)
            if found is not None:
                context = [say.FOUND_ALONG.format(names=", ".join(direction.names), error=slope.error), say.MORE_MAY_BE_WRONG]
                return report.wrong_at(prober, "directions", [report.entry_of(found, shapes)], context, tally, notes)
            tally.set_aside += slope.verdict == "disagree"
    names = ", ".join(shapes)
    which = (say.PER_PARAMETER.format(rounds=rounds, names=names) if per_parameter and len(shapes) > 1
             else say.THROUGH_ALL.format(names=names) if len(shapes) > 1 else "")
    return report.agreeing(prober, "directions", say.AGREE_DIRECTIONS.format(count=tally.compared, which=which), tally, notes)

