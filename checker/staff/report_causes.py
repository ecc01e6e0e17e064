"""Knock-on failures folded into their root cause: a check that failed only because an earlier one did is counted under that one's mistake.

A knock-on has the diagnosis "<check>.upstream_failed" and `caused_by`, the upstream checks that
failed for that student, in the registry's order. Its root cause is the outcome of the first of them
(followed further when that one is a knock-on too): that check and the diagnosis id its table lists,
or None when the failure has no recognised diagnosis.
"""

from collections import defaultdict

UPSTREAM_FAILED = "upstream_failed"
# The root of a knock-on whose caused_by names no check that failed (results that contradict themselves).
UNKNOWN = (None, None)


def is_knock_on(check):
    """Did this check fail only because an earlier check failed?"""
    return check["status"] == "failed" and check.get("diagnosis") == f"{check['check']}.{UPSTREAM_FAILED}"


def root_cause(outcome):
    """(check, diagnosis id or None) of the failure a knock-on comes from."""
    followed = set()
    while outcome.is_knock_on:
        followed.add(outcome.name)
        failed = [outcome.siblings[name] for name in outcome.caused_by if name in outcome.siblings and not outcome.siblings[name].passed]
        if not failed or failed[0].name in followed:
            return UNKNOWN
        outcome = failed[0]
    return outcome.name, outcome.listed_as


class KnockOns:
    """A class's knock-ons grouped two ways: by the check they cost, and by their root cause."""

    def __init__(self, outcomes_by_check):
        self.by_check = defaultdict(list)  # check -> [(root, outcome)], students in order
        self.by_root = defaultdict(lambda: defaultdict(list))  # root -> check it cost -> [outcome], checks in registry order
        for name, outcomes in outcomes_by_check.items():
            for outcome in outcomes:
                if outcome.is_knock_on:
                    root = root_cause(outcome)
                    self.by_check[name].append((root, outcome))
                    self.by_root[root][name].append(outcome)

    def of_check(self, check):
        """[(root, knock-on outcome)] of one check."""
        return self.by_check.get(check, [])

    def cost_of(self, check, diagnosis):
        """{later check: [knock-on outcomes]} that one root cause (a check and a diagnosis id, or None) cost."""
        return self.by_root.get((check, diagnosis), {})
