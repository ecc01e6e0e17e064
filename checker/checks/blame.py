"""Whom an end-to-end check blames when its run goes wrong: a function that fails its own check and misbehaves in the run.

The rule every end-to-end check follows. Among the functions the run uses that fail their own checks, blame the
first one that a watched run shows misbehaving: called, and either its result judged wrong or no result at all
(it raised or was stopped). A failing function the run never calls, or whose calls are right in this run, is not
blamed; with nothing observed, the check states the plain fact instead.
"""

from checker.checks.spies import verdict_of


def blamed(run, ended, judge_of, check_of=str):
    """The check to blame for a failed run, or None: `ended` holds the watched calls in the order they ended (spies.Watch).

    `judge_of(name)` gives a returned call's judge (judge(call, returned calls), as checker.checks.spies.first_wrong takes); `check_of(name)` the check that
    grades the function a call's name stands for (by default the name itself).
    """
    failing = set(run.failing_upstream())
    if not failing:
        return None
    returned = [call for call in ended if not call.raised]
    for call in ended:
        check = check_of(call.name)
        if check in failing and (call.raised or verdict_of(call, returned, judge_of)):
            return check
    return None


def blame_upstream(run, ended, judge_of, check_of=str):
    """Fail naming the check to blame (CheckRun.fail_upstream) when the rule names one; return otherwise."""
    __tracebackhide__ = True
    check = blamed(run, ended, judge_of, check_of)
    if check is not None:
        run.fail_upstream([check])
