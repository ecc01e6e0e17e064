"""Helpers for the catalogues of student implementations: calling checks, asserting diagnoses."""

import re


def template_fragment(template):
    """The longest literal piece of a message template, to find it in a formatted message."""
    return max(re.split(r"\{[^}]*\}", template), key=len).strip()


def assert_diagnosis(message, template):
    __tracebackhide__ = True
    fragment = template_fragment(template)
    assert fragment in message, f"expected the diagnosis {fragment!r} in:\n{message}"


def checks_of(assignment):
    """{check name: check function} for an assignment's registry."""
    return {check.name: check.function for check in assignment.checks}


def call_check(checks, check_name, implementation, seed=None):
    """Run a check on an implementation: one object, or a tuple of the names the check needs."""
    implementations = implementation if isinstance(implementation, tuple) else (implementation,)
    return checks[check_name](*implementations, seed=seed)


def assert_covers(bugs, correct, checks, least_bugs, least_correct):
    """Is the catalogue big enough, with a bug and a correct variant for every check?"""
    __tracebackhide__ = True
    assert len(bugs) >= least_bugs and len(correct) >= least_correct
    assert {c for c, _, _ in bugs.values()} == set(checks) == {c for c, _ in correct.values()}
