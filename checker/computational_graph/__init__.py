"""Assignment 02, a network as a computational graph of layers: its checks and points."""

from checker.computational_graph.cost import check_compute_cost
from checker.computational_graph.initialization import check_initialize_parameters
from checker.computational_graph.layers import check_linear_layer, check_sigmoid_layer
from checker.computational_graph.training import check_outcomes, check_train
from checker.registry import Assignment, Check

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
