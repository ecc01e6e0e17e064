"""Watching a student's own functions inside an end-to-end run, to name the one that goes wrong there.

Each watched name is lent back to the student's code through the judge: a call of `propagate`
inside `optimize` crosses to the judge, which calls the student's own `propagate`, notes what it
received and returned, and hands the result back. The notes stay with the judge, so the code being
graded cannot forge them; they explain a failure and never decide a grade (the run's outcome does).
Notes are in the order calls end (return, raise or are stopped): a function's inner calls come before it.
"""

import contextlib
import copy

from checker.checks.errors import CheckFailure
from checker.checks.guard import CallLog, call_student, member, using_references
from checker.checks.student_side import side_of
from checker.sandbox.proxies import is_plain


class Call:
    """One watched call: the function's name, its arguments, what it returned, and its object's state before and after.

    A call that stopped with an error, or was stopped (`raised`), returned nothing and has no state after.
    """

    def __init__(self, name, args, kwargs, value, before=None, after=None, raised=False):
        self.name, self.args, self.kwargs, self.value, self.before, self.after = name, args, kwargs, value, before, after
        self.raised = raised


class Watch:
    """What a watched run saw: every call in the order it ended, whether it returned or not."""

    def __init__(self, run):
        self.ended = CallLog(run, "the functions of this run", calls=2_000)
        self.full = False  # past what a watch keeps, the run goes on unwatched: watching never changes what it does

    def note(self, call):
        if not self.full:
            try:
                self.ended.add(call)
            except RuntimeError:
                self.full = True

    @property
    def calls(self):
        """The calls that returned, in the order they returned."""
        return [call for call in self.ended if not call.raised]


class _Spy:
    def __init__(self, run, name, original, watch, state=None, time_limit_s=None):
        self.run, self.name, self.original, self.watch, self.state, self.time_limit_s = run, name, original, watch, state, time_limit_s
        self.__name__ = name

    def __call__(self, *args, **kwargs):
        before = self.state() if self.state else None
        try:
            value = call_student(self.run, self.original, *args, name=self.name, allow_changes=True, time_limit_s=self.time_limit_s,
                                 **kwargs).value
        except BaseException:  # a failure, or (in-process) the time of the call it was made in running out
            self.watch.note(Call(self.name, args, kwargs, None, before, raised=True))
            raise
        self.watch.note(Call(self.name, args, kwargs, value, before, self.state() if self.state else None))
        return value


def state_of(run, owner, attributes):
    """A reader of the attributes `owner` has now (those it has), for a watched method's before and after."""
    def read():
        found = {}
        for attribute in attributes:
            try:
                value = member(owner, run, attribute)
                # In-process, plain data is the object's own: keep it as it is now. Anything else (an object of the
                # student's, here or across the boundary) is kept as the reference it is; judges read plain data only.
                found[attribute] = copy.deepcopy(value) if is_plain(value) else value
            except AttributeError:
                pass
        return found
    return read


@contextlib.contextmanager
def watching(run, function, names, methods=(), time_limit_s=None):
    """While the block runs, `function` finds the notebook's functions `names` watched; yields the Watch.

    `methods` watches methods of the student's objects too: (label, owner, attribute, state attributes to read).
    `time_limit_s` bounds each watched call (by default the policy's call_seconds); an enclosing call's limit still holds.
    """
    side = side_of(function, run)
    watch = Watch(run)
    spies = {}
    for name in names:
        original = side.lookup(function, name)
        if original is not None:
            spies[name] = _Spy(run, name, original, watch, time_limit_s=time_limit_s)
    for label, owner, attribute, state in methods:
        original = member(owner, run, attribute)
        side_of(owner, run).set_attribute(owner, attribute, _Spy(run, label, original, watch, state_of(run, owner, state), time_limit_s))
    with using_references(function, run, **spies):
        yield watch


def watched_run(run, function, names, *args, methods=(), partial=False, **kwargs):
    """Call `function` with the notebook's functions `names` watched: (the calls noted, what it returned), or (None, None)
    when the run itself failed; with `partial`, then (the calls noted until it failed, the last one `raised`, None).

    `methods` watches methods of the student's objects too: (label, owner, attribute, state attributes to read).
    """
    watch = None
    try:
        with watching(run, function, names, methods) as watch:
            value = call_student(run, function, *args, allow_changes=True, **kwargs).value
    except CheckFailure:
        return (list(watch.ended) if watch else [], None) if partial else (None, None)
    return list(watch.ended), value


def first_wrong(calls, judge_of):
    """The first call (innermost first) whose result its judge finds wrong: (call, what is wrong), or (None, None).

    `judge_of(name)` gives a call's judge, judge(call, calls) -> None when right, else a few words on what is wrong
    (or None: that call is not judged). A call its judge cannot read (a state it never kept) is passed over.
    """
    for call in calls:
        verdict = verdict_of(call, calls, judge_of)
        if verdict:
            return call, verdict
    return None, None


def verdict_of(call, calls, judge_of):
    """What its judge finds wrong with one returned call (among `calls`), or None: right, not judged, or unreadable."""
    judge = judge_of(call.name)
    try:
        return judge(call, calls) if judge else None
    except (TypeError, ValueError, OverflowError, KeyError, IndexError, AttributeError):
        return None
