"""Assignment 02, a network as a computational graph of layers: its checks and points."""

from checker.assignments.computational_graph.checks import (
    check_compute_cost,
    check_initialize_parameters,
    check_linear_layer,
    check_outcomes,
    check_sigmoid_layer,
    check_train,
)
from checker.checks.registry import Assignment, Check

# The one place the points live: grade cells must carry the same (a test enforces it).
ASSIGNMENT = Assignment(
    id="02_computational_graph",
    notebook="computational_graph.ipynb",
    checks=[
        Check(check_initialize_parameters, points=3),
        Check(check_linear_layer, points=6),
        Check(check_sigmoid_layer, points=3),
        Check(check_compute_cost, points=3),
        Check(check_train, points=2),
        Check(check_outcomes, points=3),
    ],
)

__all__ = ["ASSIGNMENT"] + [check.function.__name__ for check in ASSIGNMENT.checks]
