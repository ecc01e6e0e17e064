"""Assignment 01, logistic regression with a neural-network mindset: its checks and points."""

from checker.assignments import Assignment, Check

# The one place the points live: grade cells must carry the same (a test enforces it).
ASSIGNMENT = Assignment(
    package=__name__,
    id="01_logistic_regression",
    notebook="logistic_regression.ipynb",
    checks=[
        Check("data_preparation", points=2),
        Check("sigmoid", points=2),
        Check("initialize_with_zeros", points=1),
        Check("propagate", points=5),
        Check("optimize", points=4),
        Check("predict", points=2),
        Check("model", points=4),
    ],
)

# A grade cell's `from checker.assignments.logistic_regression import check_<name>` loads checks.py then, not before.
__getattr__ = ASSIGNMENT.exported
__all__ = ASSIGNMENT.exports
