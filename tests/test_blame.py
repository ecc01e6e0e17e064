"""Whom does an end-to-end check blame? A function that fails its own check and misbehaves in the watched run, and no other."""

import pytest

from checker.checks.blame import blame_upstream, blamed
from checker.checks.report import CheckFailure, CheckRun
from checker.checks.spies import Call

RIGHT, WRONG = "right", "wrong"


def run_with(failing):
    """A run of an end-to-end check whose upstream checks `failing` fail (in the registry's order a, b, c)."""
    run = CheckRun("end_to_end", seed=None)
    run.upstream = ("a", "b", "c")
    run.verdicts = lambda names: {name: (CheckFailure("its own check failed") if name in failing else None) for name in names}
    return run


def judge_of(name):
    return lambda call, calls: "returned the wrong thing" if call.value == WRONG else None


def call(name, value=RIGHT, returned=True):
    return Call(name, (), {}, value, returned=returned)


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
    ({"a", "c"}, [call("a"), call("c", returned=False)], "c"),
    # Nothing fails its own check: nobody.
    (set(), [call("a", WRONG)], None),
])
def test_blamed_is_a_failing_function_that_misbehaves_in_the_run(failing, ended, expected):
    assert blamed(run_with(failing), ended, judge_of) == expected


def test_blame_names_only_the_blamed_function_and_counts_the_failure_under_it():
    """Is the failure worded as the upstream failure of the one function blamed (not of every failing one)?"""
    run = run_with({"a", "b"})
    run.subject_of = str
    with pytest.raises(CheckFailure) as failure:
        blame_upstream(run, [call("a"), call("b", WRONG)], judge_of)
    assert "`b` fails its own check: fix `b` first" in str(failure.value) and "`a`" not in str(failure.value)
    assert failure.value.caused_by == ["b"] and failure.value.diagnosis == "end_to_end.upstream_failed"


def test_blame_returns_when_nobody_is_to_blame():
    assert blame_upstream(run_with({"c"}), [call("a", WRONG)], judge_of) is None


def test_check_of_maps_a_watched_name_to_its_check():
    """A watched call named for what it is (`the forward of layer 1`) is blamed as the check that grades it."""
    ended = [call("the forward of layer 1", WRONG)]
    assert blamed(run_with({"a"}), ended, judge_of, check_of=lambda name: "a" if "forward" in name else name) == "a"
