"""Watching a student's own functions inside an end-to-end run, to name the one that goes wrong there.

Each watched name is lent back to the student's code through the judge: a call of `propagate`
inside `optimize` crosses to the judge, which calls the student's own `propagate`, notes what it
received and returned, and hands the result back. The notes stay with the judge, so the code being
graded cannot forge them; they explain a failure and never decide a grade (the run's outcome does).
Notes are in the order calls return: a function's inner calls come before it.
"""

import copy

from checker.checks.guard import CallLog, call_student, member, using_references
from checker.checks.report import CheckFailure
from checker.checks.student_side import side_of


class Call:
    """One watched call: the function's name, its arguments, what it returned, and its object's state before and after.

    A call that stopped with an error (`raised`) returned nothing and has no state after.
    """

    def __init__(self, name, args, kwargs, value, before=None, after=None, raised=False):
        self.name, self.args, self.kwargs, self.value, self.before, self.after = name, args, kwargs, value, before, after
        self.raised = raised


class _Spy:
    def __init__(self, run, name, original, log, state=None):
        self.run, self.name, self.original, self.log, self.state = run, name, original, log, state
        self.__name__ = name

    def __call__(self, *args, **kwargs):
        before = self.state() if self.state else None
        try:
            value = call_student(self.run, self.original, *args, name=self.name, allow_changes=True, **kwargs).value
        except CheckFailure:
            self.log.add(Call(self.name, args, kwargs, None, before, raised=True))
            raise
        self.log.add(Call(self.name, args, kwargs, value, before, self.state() if self.state else None))
        return value


def state_of(run, owner, attributes):
    """A reader of the attributes `owner` has now (those it has), for a watched method's before and after."""
    def read():
        found = {}
        for attribute in attributes:
            try:
                found[attribute] = copy.deepcopy(member(owner, run, attribute))  # in-process, the object's own: keep it as it is now
            except AttributeError:
                pass
        return found
    return read


def watched_run(run, function, names, *args, methods=(), partial=False, **kwargs):
    """Call `function` with the notebook's functions `names` watched: (the calls noted, what it returned), or (None, None)
    when the run itself failed; with `partial`, then (the calls noted until it failed, the last one `raised`, None).

    `methods` watches methods of the student's objects too: (label, owner, attribute, state attributes to read).
    """
    side = side_of(function, run)
    log = CallLog(run, "the functions of this run", calls=2_000)
    spies = {}
    for name in names:
        original = side.lookup(function, name)
        if original is not None:
            spies[name] = _Spy(run, name, original, log)
    try:
        for label, owner, attribute, state in methods:
            original = member(owner, run, attribute)
            side_of(owner, run).set_attribute(owner, attribute, _Spy(run, label, original, log, state_of(run, owner, state)))
        with using_references(function, run, **spies):
            value = call_student(run, function, *args, allow_changes=True, **kwargs).value
    except CheckFailure:
        return (list(log), None) if partial else (None, None)
    return list(log), value


def first_wrong(calls, judge_of):
    """The first call (innermost first) whose result its judge finds wrong: (call, what is wrong), or (None, None).

    `judge_of(name)` gives a call's judge, judge(call, calls) -> None when right, else a few words on what is wrong
    (or None: that call is not judged). A call its judge cannot read (a state it never kept) is passed over.
    """
    for call in calls:
        judge = judge_of(call.name)
        try:
            verdict = judge(call, calls) if judge else None
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            continue
        if verdict:
            return call, verdict
    return None, None
