"""Whom does an end-to-end check blame? A function that fails its own check and misbehaves in the watched run, and no other."""

import pytest

from checker.assignments import Assignment, Check
from checker.checks import seeds
from checker.checks.blame import misbehaviour
from checker.checks.errors import CheckFailure
from checker.checks.run import CheckRun
from checker.checks.spies import Call
from checker.course import ASSIGNMENTS as COURSE

RIGHT, WRONG = "right", "wrong"
# An end-to-end check and the checks of the three functions its run uses, each grading the function of its name.
ASSIGNMENT = Assignment(COURSE[0].package, "blame", "blame.ipynb", [Check(name, 1, subject=name) for name in ("a", "b", "c", "end_to_end")])


def run_with(failing):
    """A run of an end-to-end check whose upstream checks `failing` fail (in the registry's order a, b, c)."""
    verdicts = lambda names: {name: (CheckFailure("its own check failed") if name in failing else None) for name in names}
    return CheckRun("end_to_end", ASSIGNMENT, seeds.PUBLIC, upstream=("a", "b", "c"), verdicts=verdicts)


def judge_of(name):
    return lambda call, calls: "returned the wrong thing" if call.value == WRONG else None


def seen(call, wrong):
    return f"{call.name} {wrong or 'gave no result'}"


def call(name, value=RIGHT, raised=False):
    return Call(name, (), {}, value, raised=raised)


def blamed(failing, ended):
    """The check a run blames for these watched calls, or None."""
    try:
        run_with(failing).blame_observed(misbehaviour(ended, judge_of, seen, among=failing))
    except CheckFailure as failure:
        return failure.caused_by[0]
    return None


@pytest.mark.parametrize("failing, ended, expected", [
    # b fails its own check and returns a wrong result in the run: b.
    ({"b"}, [call("a"), call("b", WRONG)], "b"),
    # a fails its own check but is right in this run; b misbehaves but passes its own check: nobody by this rule.
    ({"a"}, [call("a"), call("b", WRONG)], None),
    # c fails its own check, but the run never calls it.
    ({"c"}, [call("a", WRONG), call("b", WRONG)], None),
    # Two failing functions misbehave: the first to end misbehaving, not the first in the registry.
    ({"a", "b"}, [call("b", WRONG), call("a", WRONG)], "b"),
    # A call that never returned (it raised, or was stopped) misbehaved.
    ({"a", "c"}, [call("a"), call("c", raised=True)], "c"),
    # Nothing fails its own check: nobody.
    (set(), [call("a", WRONG)], None),
])
def test_blamed_is_a_failing_function_that_misbehaves_in_the_run(failing, ended, expected):
    assert blamed(failing, ended) == expected


def test_misbehaviour_is_said_in_the_order_calls_ended_with_the_checks_they_stand_for():
    ended = [call("the forward of layer 1", WRONG), call("b"), call("c", raised=True)]
    observed = misbehaviour(ended, judge_of, seen, check_of=lambda name: "a" if "forward" in name else name)
    assert list(observed) == [("a", "the forward of layer 1 returned the wrong thing"), ("c", "c gave no result")]


def test_only_the_calls_of_the_checks_asked_about_are_judged():
    """Are the calls of functions that pass their own checks left unjudged when only failing ones can be blamed?"""
    judged = []
    recording = lambda name: (lambda call, calls: judged.append(call.name))
    assert list(misbehaviour([call("a"), call("b"), call("a")], recording, seen, among={"b"})) == []
    assert judged == ["b"]
