"""Assignment 01, logistic regression with a neural-network mindset: its checks and points."""

from checker.logistic_regression.data import check_data_preparation
from checker.logistic_regression.neuron import check_initialize_with_zeros, check_propagate, check_sigmoid
from checker.logistic_regression.training import check_model, check_optimize, check_predict
from checker.registry import Assignment, Check

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
