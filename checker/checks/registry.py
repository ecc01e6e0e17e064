"""The check decorator: a check callable from a grade cell, the self-check and official grading alike."""

import functools
import inspect
import logging
import sys
import warnings

from checker.assignments import declared_by
from checker.checks import guard, kernel, messages, seeds
from checker.checks.errors import CheckFailure, GraderError
from checker.checks.run import CheckRun, upstream_verdicts
from checker.sandbox.errors import StudentAttributeMissing
from checker.sandbox.policy import DEFAULT
from checker.sandbox.proxies import StopGrading, StudentProblem
from checker.sandbox.student_calls import module_in

PASSED = "✓ {name}: all checks passed"
NOTE = "  note: {note}"
_log = logging.getLogger(__name__)
# Where objects come from that are never the student's own: the checker, Python and the libraries the checks use.
NOT_STUDENTS = ("checker", "builtins", "numpy", "sympy", "scipy")


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
        needs = tuple(inspect.signature(body).parameters)[1:]

        def grade(*values, seed=None, end_to_end=True, policy=DEFAULT, verdicts=None, missing=None, namespace=None, **named_values):
            """Run the check on these values; raise CheckFailure or GraderError, or return its notes (a list of str).

            `seed`: a seeds.Seed, or what a grade cell passes (seeds.in_grade_cell). `verdicts` and `missing`, from a
            notebook loaded elsewhere (the session), say how its upstream checks fared and why it lacks a name; by
            default the upstream checks run here, on the same names.
            """
            __tracebackhide__ = True
            seed = seeds.chosen(seed)
            assignment = declared_by(body.__module__)
            verdicts = verdicts or _verdicts_here(assignment, needs, namespace, values, seed, policy)
            run = CheckRun(name, assignment, seed, needs, upstream, policy, verdicts, missing, end_to_end)
            try:
                _run_body(body, run, values, named_values)
            except CheckFailure as failure:
                raise run.stopped or failure.with_traceback(None) from None
            if run.stopped:  # judge-side code stopped the run (CheckRun.stop), whatever the student's code made of it
                raise run.stopped from None
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


def _verdicts_here(assignment, needs, namespace, values, seed, policy):
    """Upstream verdicts for a check run in this process: the assignment's other checks run here, on the same notebook's names."""
    if namespace is None:  # values passed by hand: their functions' module is the notebook's, with the values under their names
        module = next((value.__globals__ for value in values if isinstance(getattr(value, "__globals__", None), dict)), {})
        namespace = {**module, **dict(zip(needs, values))}
    known = {}

    def run_here(name):
        upstream = assignment.check(name)
        upstream.function(*_looked_up(namespace, upstream.needs, name), seed=seed, policy=policy)

    return lambda names: upstream_verdicts(names, run_here, known)


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
        return  # judge-side code stopped the run (CheckRun.stop): its verdict is run.stopped
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
    return not module_in(getattr(obj if isinstance(obj, type) else type(obj), "__module__", None), NOT_STUDENTS)

