"""Assignment 04, gradient checking: students build a checker and fix planted bugs. Checks and points."""

from checker.assignments import Assignment, Check

# The one place the points live: grade cells must carry the same (a test enforces it).
ASSIGNMENT = Assignment(
    package=__name__,
    id="04_gradient_checking",
    notebook="gradient_checking.ipynb",
    checks=[
        Check("one_dimensional", points=2),
        Check("gradient_check", points=3),
        Check("vector_helpers", points=3),
        Check("gradient_check_n", points=7),
        Check("backward_propagation_n", points=5),
    ],
)

# A grade cell's `from checker.assignments.gradient_checking import check_<name>` loads checks.py then, not before.
__getattr__ = ASSIGNMENT.exported
__all__ = ASSIGNMENT.exports
