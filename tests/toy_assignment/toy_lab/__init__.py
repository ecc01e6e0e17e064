"""A toy fifth assignment, kept outside checker/ as a plug-in: double and halve an array. Its checks and points."""

from checker.assignments import Assignment, Check

# The one place the points live: grade cells must carry the same.
ASSIGNMENT = Assignment(
    package=__name__,
    id="05_toy",
    notebook="toy.ipynb",
    checks=[
        Check("double", points=2),
        Check("halve", points=1),
    ],
)

# A grade cell's `from toy_lab import check_<name>` loads checks.py then, not before.
__getattr__ = ASSIGNMENT.exported
__all__ = ASSIGNMENT.exports
