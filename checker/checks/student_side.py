"""Where the student's code lives, behind one interface: in the sandbox (official grading, `pytest checker`) or here.

Checks never ask which: `side_of(value, run)` gives the side a student's object lives on, and the
side calls it, lends it the checker's helpers, seeds its generators, reads and sets its attributes.

* SandboxedSide: the student's objects are Remotes in a sandboxed check process; every operation is a
  request the judge times, and the judge's objects stay with the judge.
* InProcessSide: the student's objects are here, in a grade cell run in the student's own kernel; a
  SIGALRM timer bounds calls (tampering there only fools oneself: grades come from the sandbox).
"""

import contextlib
import copy

from checker.assignments import BESIDE_MODULE
from checker.checks.seeds import seeded_global_random
from checker.sandbox import proxies, student_calls
from checker.sandbox.alarm import alarm
from checker.sandbox.errors import StudentRaised, StudentTimedOut
from checker.sandbox.student_calls import CallReport


def side_of(value, run):
    """The side `value` lives on: its check process's for a Remote, else the run's own process."""
    return SandboxedSide(proxies.owner(value)) if proxies.is_remote(value) else run.local


class SandboxedSide:
    """The student's code in a sandboxed check process: each operation crosses to it (check_process.CheckProcess)."""

    def __init__(self, process):
        self.process = process

    def call(self, function, args, kwargs, time_limit, track_changes, name):
        return self.process.call(function, args, kwargs, time_limit=time_limit, track=track_changes, what=name)

    def origin_is_checker(self, function):
        return False  # the sandbox refuses the checker's internals to notebooks; lookups report the origin

    @contextlib.contextmanager
    def swapped_globals(self, function, references):
        self.process.swap_globals(function, references)
        try:
            yield
        finally:
            with contextlib.suppress(proxies.StudentProblem):
                self.process.swap_globals(function, None)

    @contextlib.contextmanager
    def seeded_random(self, seed):
        self.process.seed_random(seed)  # the process is thrown away after the check: nothing to give back
        yield

    def beside(self, kind, args):
        return self.process.make_standin(kind.__module__, kind.__name__, args)  # the module's KINDS name it, there too

    def member(self, owner, name):
        return self.process.get_attribute(owner, name)

    def set_items(self, owner, attribute, items):
        self.process.set_items(owner, attribute, items)

    def set_attribute(self, owner, attribute, value):
        self.process.set_attribute(owner, attribute, value)

    def lookup(self, near, name):
        """What the notebook binds to `name` (the check process holds the notebook), or None."""
        found = self.process.lookup(name)
        return found.get("value") if found.get("missing") is not True else None


class _InProcessTimeout(BaseException):
    """Raised into a student's code when it runs past its limit in-process (a BaseException: `except Exception` lets it pass)."""


class InProcessSide:
    """The student's code in this very process (a grade cell in the student's kernel, the staff's own tests)."""

    checker_code_allowed = [False]  # the staff's build and tests may grade the checker's own reference code here

    def __init__(self, policy):
        self.policy = policy

    def call(self, function, args, kwargs, time_limit, track_changes, name):
        duplicate = copy.deepcopy if track_changes else (lambda value: value)
        passed_args, passed_kwargs = [duplicate(value) for value in args], {key: duplicate(value) for key, value in kwargs.items()}
        with alarm(time_limit, _InProcessTimeout) as enclosing_first:
            report = student_calls.invoke(function, passed_args, passed_kwargs, track_changes=track_changes,
                                    printed_chars=self.policy.printed_chars)
        raised = report.get("raised")
        if raised is not None:
            if raised["type"] == _InProcessTimeout.__name__:
                if enclosing_first:  # the time of the call this one was made in ran out: that call is the one stopped
                    raise _InProcessTimeout()
                raise StudentTimedOut(name, time_limit)
            raise StudentRaised(name, raised)
        changed, reordered = student_calls.changed_arguments(function, (args, kwargs) if track_changes else None, passed_args, passed_kwargs)
        return CallReport(report["value"], report["warnings"], report["printed"], changed, reordered)

    def origin_is_checker(self, function):
        """Whether `function` is the checker's own code standing in for the student's (not a stand-in the check runs on purpose)."""
        module, _ = student_calls.origin(function)
        ours = isinstance(module, str) and module.rpartition(".")[2] == BESIDE_MODULE  # a loop beside the student's code, calling it with the judge's inputs
        return student_calls.module_in(module) and not ours and not self.checker_code_allowed[0]

    @contextlib.contextmanager
    def swapped_globals(self, function, references):
        namespace = getattr(getattr(function, "__func__", function), "__globals__", None)
        if namespace is None:
            yield
            return
        missing = object()
        saved = {name: namespace.get(name, missing) for name in references}
        namespace.update(references)
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is missing:
                    namespace.pop(name, None)
                else:
                    namespace[name] = value

    def seeded_random(self, seed):
        return seeded_global_random(seed)

    def beside(self, kind, args):
        return kind(*args)

    def member(self, owner, name):
        return getattr(owner, name)

    def set_items(self, owner, attribute, items):
        container = getattr(owner, attribute)
        for key, value in items.items():
            container[key] = value

    def set_attribute(self, owner, attribute, value):
        setattr(owner, attribute, value)

    def lookup(self, near, name):
        """What the namespace of the function `near` (the notebook's, in a kernel) binds to `name`, or None."""
        namespace = getattr(getattr(near, "__func__", near), "__globals__", None)
        return namespace.get(name) if isinstance(namespace, dict) else None


@contextlib.contextmanager
def checker_code_allowed():
    """Let the checker's own reference code be graded in-process: the staff's build and tests, never a student."""
    InProcessSide.checker_code_allowed[0] = True
    try:
        yield
    finally:
        InProcessSide.checker_code_allowed[0] = False
