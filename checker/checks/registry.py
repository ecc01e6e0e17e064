"""The check decorator: a check callable from a grade cell, the self-check and official grading alike."""

import functools
import inspect
import logging
import sys
import warnings

from checker.checks import expectations, guard, kernel, messages, seeds
from checker.checks.report import CheckFailure, CheckRun, GraderError
from checker.sandbox.policy import DEFAULT
from checker.sandbox.errors import StudentAttributeMissing
from checker.sandbox.remote import StopGrading, StudentProblem

PASSED = "✓ {name}: all checks passed"
NOTE = "  note: {note}"
_log = logging.getLogger(__name__)


def check(name, upstream=()):
    """Turn `body(run, *student_values)` into a check callable as `check_x()` in a grade cell, or `check_x(*values, seed=None)`.

    The same check serves the notebook's grade cell, `pytest checker` and official grading. Called
    without values (a grade cell), it looks the names it needs up where it was called, as the sandbox
    looks them up in a loaded notebook; it returns None, so a passing grade cell shows no output value.
    `check_x.grade(*values, ...)` runs the same check and returns its notes (what it says on a pass):
    the session and official grading use that. `upstream` names the checks of the functions an
    end-to-end check's run uses: when it fails because one of them fails its own check, it says so.
    Whatever the student's code does wrong becomes a CheckFailure for this check only; a failure of
    the check's own code is a GraderError, for staff, never a grade.
    """

    def decorate(body):
        package = body.__module__.rpartition(".")[0]
        needs = tuple(inspect.signature(body).parameters)[1:]

        def grade(*values, seed=None, end_to_end=True, policy=DEFAULT, verdicts=None, missing=None, namespace=None, **named_values):
            """Run the check on these values; raise CheckFailure or GraderError, or return its notes (a list of str)."""
            __tracebackhide__ = True
            seed = seeds.resolve_seed(seed)
            run = CheckRun(name, seed, seeds.generator(seed, name), policy=policy)
            run.end_to_end = end_to_end  # official grading runs the end-to-end part with the last (hidden) seed only
            run.needs, run.upstream, run.verdicts = tuple(needs), tuple(upstream), verdicts or _verdicts_here(package, needs, namespace, values, seed, policy)
            run.subject_of = lambda check_name: _subject(package, check_name)
            run.why_missing = missing or (lambda name: None)  # the notebook's reason a name is missing (a cell that failed), if any
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
            print("\n".join([PASSED.format(name=name), *(NOTE.format(note=note) for note in run.notes)]))
            return list(run.notes)

        @functools.wraps(body)
        def run_check(*values, **options):
            __tracebackhide__ = True
            if not values and not {key for key in options if key in needs}:  # a grade cell: `check_sigmoid()`
                namespace = sys._getframe(1).f_globals
                values = _looked_up(namespace, needs, name)
                options["namespace"] = namespace
            grade(*values, **options)

        run_check.check_name = name
        # The notebook names the check needs, in order: its parameters after `run`.
        run_check.needs = needs
        run_check.package = package
        run_check.upstream = tuple(upstream)
        run_check.grade = grade
        return run_check

    return decorate


def _looked_up(namespace, needs, name):
    """The values a grade cell's check needs, from the notebook's namespace; a clear failure for a name not defined yet."""
    __tracebackhide__ = True
    missing = [need for need in needs if need not in namespace]
    if missing:
        headline = kernel.missing_in_kernel(missing[0], name, namespace)
        raise CheckFailure(str(headline), messages.diagnosis_of(headline))
    return tuple(namespace[need] for need in needs)


def _verdicts_here(package, needs, namespace, values, seed, policy):
    """Upstream verdicts for a check run in this process: the other checks run here, on the same notebook's names."""
    if namespace is None:  # values passed by hand: their functions' module is the notebook's, with the values under their names
        module = next((value.__globals__ for value in values if isinstance(getattr(value, "__globals__", None), dict)), {})
        namespace = {**module, **dict(zip(needs, values))}

    def verdicts(names):
        from checker.course import assignment_of

        assignment, found = assignment_of(package), {}
        for check_name in names:
            upstream_check = assignment.check(check_name)
            try:
                with guard.quiet_stdout():
                    upstream_check.function(*_looked_up(namespace, upstream_check.needs, check_name), seed=seed, policy=policy)
                found[check_name] = None
            except (CheckFailure, GraderError) as failure:
                found[check_name] = failure
        return found

    return verdicts


def _subject(package, check_name):
    """How messages name the student's code that a check of this package grades."""
    from checker.course import assignment_of

    return assignment_of(package).check(check_name).subject


def _run_body(body, run, values, named_values):
    __tracebackhide__ = True
    try:
        with warnings.catch_warnings():
            # The check's own arithmetic (a deliberately diverging wrong path, say) must never reach stderr,
            # where nbgrader would give the cell 0; the student's warnings are recorded inside each call.
            warnings.simplefilter("ignore")
            body(run, *values, **named_values)
    except (CheckFailure, GraderError):
        raise
    except StopGrading:
        return  # the reason is in run.stopped, reported by run_check
    except StudentProblem as problem:
        guard.fail_for_problem(run, problem)
    except AttributeError as error:
        owner = getattr(error, "obj", None)
        if _students_object(owner):  # in-process, the student's own object lacks what the check reads
            name = owner.__name__ if isinstance(owner, type) else type(owner).__name__
            guard.fail_for_problem(run, StudentAttributeMissing(run.check, name, error.name))
        raise _grader_error(run, error) from None
    except Exception as error:
        # Every value of the student's is read through readers that fail the check with the student's message (shapes,
        # compare, report): what reaches here is the check's own bug or an unreadable answer key, for staff to fix.
        raise _grader_error(run, error) from None


def _grader_error(run, error):
    """The GraderError for an exception of the check's own code, logged with its traceback for staff."""
    _log.error("the check %r failed in its own code", run.check, exc_info=error)
    return GraderError(run.check, error)


def _students_object(obj):
    """Whether an object is the student's own: an instance or a class defined in their notebook (not the checker's, not
    Python's or a library's, whose missing attribute is the check's mistake)."""
    if obj is None:
        return False
    module = getattr(obj if isinstance(obj, type) else type(obj), "__module__", "") or ""
    return module.partition(".")[0] not in ("checker", "builtins", "numpy", "sympy", "scipy")


def _stopped(run):
    """The failure for a check that judge-side code stopped (a record miss, a helper used after its step), or None."""
    if isinstance(run.stopped, CheckFailure):
        return run.stopped
    if run.stopped:
        return CheckFailure(messages.HELPER_MISUSED.format(name=run.last_call or run.check, reason=run.stopped), messages.HELPER_MISUSED.id)
    return None

