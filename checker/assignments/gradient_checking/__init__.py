"""Assignment 04, gradient checking: students build a checker and fix planted bugs. Checks and points."""

from checker.assignments.gradient_checking.checks import (
    check_backward_propagation_n,
    check_gradient_check,
    check_gradient_check_n,
    check_one_dimensional,
    check_vector_helpers,
)
from checker.checks.registry import Assignment, Check

# The one place the points live: grade cells must carry the same (a test enforces it).
ASSIGNMENT = Assignment(
    id="04_gradient_checking",
    notebook="gradient_checking.ipynb",
    checks=[
        Check(check_one_dimensional, points=2),
        Check(check_gradient_check, points=3),
        Check(check_vector_helpers, points=3),
        Check(check_gradient_check_n, points=7),
        Check(check_backward_propagation_n, points=5),
    ],
)

__all__ = ["ASSIGNMENT"] + [check.function.__name__ for check in ASSIGNMENT.checks]
