"""Does every argument of every graded function matter? Ignoring or hard-coding any one must cost points.

Driven by the registry and the source notebooks: for each function a student writes and each of
its parameters, a correct implementation with that parameter frozen at its first value must fail
a check, graded as official grading does (the public seed and another in one check process), and
the same check must pass the implementation wrapped with nothing frozen.
"""

import pytest

from checker.checks.errors import CheckFailure
from checker.checks.seeds import PUBLIC_SEED
from checker.checks.session import NotebookSession
from checker.course import ASSIGNMENTS
from sensitivity import EXEMPT, graded_functions, parameters, solution_functions, with_frozen

SEEDS = [PUBLIC_SEED, 7]
CASES = [(assignment, qualified, parameter)
         for assignment in ASSIGNMENTS
         for qualified, (function, _) in graded_functions(assignment).items()
         if qualified in solution_functions(assignment)
         for parameter in parameters(qualified, function)[0]]



@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda a: a.id)
def test_every_function_a_student_writes_is_graded(assignment):
    """Is every function with a solution region used by some check, so that its arguments are tried below?"""
    assert set(solution_functions(assignment)) <= set(graded_functions(assignment))


def test_exemptions_name_real_parameters():
    """Does every exemption still name a parameter of a graded function (no stale excuses)?"""
    named = {parameter for assignment in ASSIGNMENTS for qualified, (function, _) in graded_functions(assignment).items()
             for parameter in parameters(qualified, function)[1] for parameter in (parameter, f"{qualified}({parameter})")}
    assert set(EXEMPT) <= named


@pytest.mark.parametrize("assignment, qualified, parameter", CASES, ids=[f"{a.id[:2]}: {q}({p})" for a, q, p in CASES])
def test_a_frozen_argument_is_caught(sandbox, assignment, qualified, parameter):
    """Does some check fail a correct function that keeps the first value of this parameter for every call?

    The same check must pass the function wrapped the same way with nothing frozen (the control), so
    that a check tripped up by the wrapping itself cannot pass for a caught argument.
    """
    _, uses = graded_functions(assignment)[qualified]
    for check, names in uses:
        try:
            grade(sandbox, check, with_frozen(names, qualified, parameter))
        except CheckFailure:
            grade(sandbox, check, with_frozen(names, qualified, None))
            return
    pytest.fail(f"{qualified} ignoring {parameter} passed every check that uses it: {[check.name for check, _ in uses]}")


def grade(sandbox, check, names):
    session = NotebookSession.from_objects(sandbox, names)
    try:
        session.run_seeds(check, SEEDS)
    finally:
        session.close()
