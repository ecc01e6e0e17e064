"""Checks, their points, and the assignments that group them."""

import functools
import inspect
import warnings

from checker.checks import expectations, guard, messages, seeds
from checker.checks.report import CheckFailure, CheckRun
from checker.sandbox.policy import DEFAULT
from checker.sandbox.remote import StopGrading, StudentProblem

PASSED = "✓ {name}: all checks passed"


def check(name):
    """Turn `body(run, *student_values)` into a check callable as `check_x(*student_values, seed=None)`.

    The same callable serves the notebook's grade cell, `pytest checker` and official grading.
    Whatever goes wrong inside becomes a CheckFailure for this check only: the student's code
    misbehaving, or the check's own code failing to read what it got (which scores 0, never crashes).
    """

    def decorate(body):
        package = body.__module__.rpartition(".")[0]

        @functools.wraps(body)
        def run_check(*values, seed=None, again=False, policy=DEFAULT, **named_values):
            __tracebackhide__ = True
            seed = seeds.resolve_seed(seed)
            run = CheckRun(name, seed, seeds.generator(seed, name), policy=policy)
            run.again = again  # a repeat with another seed: what does not depend on the seed was graded already
            source = expectations.source_for(package)
            run.reference, run.mistakes = expectations.Gateway(run, source, "reference"), expectations.Gateway(run, source, "mistakes")
            run.stopped = None
            try:
                _run_body(body, run, values, named_values)
            except CheckFailure as failure:
                raise _stopped(run) or failure.with_traceback(None) from None
            stopped = _stopped(run)
            if stopped:
                raise stopped from None
            print(PASSED.format(name=name))

        run_check.check_name = name
        # The notebook names the check needs, in order: its parameters after `run`.
        run_check.needs = tuple(inspect.signature(body).parameters)[1:]
        run_check.package = package
        return run_check

    return decorate


def _run_body(body, run, values, named_values):
    __tracebackhide__ = True
    try:
        with warnings.catch_warnings():
            # The check's own arithmetic (a deliberately diverging wrong path, say) must never reach stderr,
            # where nbgrader would give the cell 0; the student's warnings are recorded inside each call.
            warnings.simplefilter("ignore")
            body(run, *values, **named_values)
    except CheckFailure:
        raise
    except StopGrading:
        return  # the reason is in run.stopped, reported by run_check
    except StudentProblem as problem:
        guard.fail_for_problem(run, problem)
    except Exception as error:  # the check's own code could not read what it got: fail this check, safely
        text = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
        source = f"`{run.last_call}`" if run.last_call else "your code"
        run.fail(messages.CHECK_COULD_NOT_READ.format(source=source, error=f"{type(error).__name__}: {text}" if text else type(error).__name__))


def _stopped(run):
    """The failure for a check that judge-side code stopped (a record miss, a helper used after its step), or None."""
    if isinstance(run.stopped, CheckFailure):
        return run.stopped
    if run.stopped:
        return CheckFailure(messages.HELPER_MISUSED.format(name=run.last_call or run.check, reason=run.stopped), messages.HELPER_MISUSED.id)
    return None


class Check:
    """One graded item: a check function and the points it is worth."""

    def __init__(self, function, points):
        self.function = function
        self.points = points
        self.name = function.check_name
        self.needs = function.needs


class Assignment:
    """An assignment: its folder id, notebook file and checks."""

    def __init__(self, id, notebook, checks):
        self.id = id
        self.notebook = notebook
        self.checks = tuple(checks)

    @property
    def points(self):
        return sum(check.points for check in self.checks)

    def check(self, name):
        return next(check for check in self.checks if check.name == name)
