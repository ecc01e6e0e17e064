"""What a watched run shows misbehaving, as CheckRun.blame_observed takes it: the observations an end-to-end check blames by.

A call misbehaves when its judge finds its result wrong, or when it gave no result at all (it raised or was
stopped). CheckRun.blame_observed then blames the first of them whose function fails its own check; a failing
function the run never called, or whose calls were right, is not blamed.
"""

from checker.checks.spies import verdict_of


def misbehaviour(ended, judge_of, seen, check_of=str, among=None):
    """(check, what the run showed, in words) for each watched call in `ended` (spies.Watch.ended) that misbehaved, in order.

    `judge_of(name)` gives a returned call's judge (judge(call, the returned calls), as spies.first_wrong takes);
    `seen(call, wrong)` words what a call did (`wrong` is None for a call that gave no result); `check_of(name)` is the
    check that grades the function a call's name stands for (by default the name itself). With `among`, only the calls
    of those checks are judged (judging a call can take long: centred differences of a cost on the whole data). The
    observations come one by one, so CheckRun.blame_observed stops judging at the first it blames.
    """
    returned = [call for call in ended if not call.raised]
    for call in ended:
        check = check_of(call.name)
        if among is not None and check not in among:
            continue
        wrong = None if call.raised else verdict_of(call, returned, judge_of)
        if call.raised or wrong:
            yield check, seen(call, wrong)
