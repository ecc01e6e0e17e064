"""Assignment 01, logistic regression with a neural-network mindset: its checks and points."""

from checker.assignments.logistic_regression.checks import (
    check_data_preparation,
    check_initialize_with_zeros,
    check_model,
    check_optimize,
    check_predict,
    check_propagate,
    check_sigmoid,
)
from checker.checks.registry import Assignment, Check

# The one place the points live: grade cells must carry the same (a test enforces it).
ASSIGNMENT = Assignment(
    id="01_logistic_regression",
    notebook="logistic_regression.ipynb",
    checks=[
        Check(check_data_preparation, points=2),
        Check(check_sigmoid, points=2),
        Check(check_initialize_with_zeros, points=1),
        Check(check_propagate, points=5),
        Check(check_optimize, points=4),
        Check(check_predict, points=2),
        Check(check_model, points=4),
    ],
)

__all__ = ["ASSIGNMENT"] + [check.function.__name__ for check in ASSIGNMENT.checks]
