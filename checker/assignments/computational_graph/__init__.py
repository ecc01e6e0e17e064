"""Assignment 02, a network as a computational graph of layers: its checks and points."""

from checker.assignments import Assignment, Check

# The one place the points live: grade cells must carry the same (a test enforces it).
ASSIGNMENT = Assignment(
    package=__name__,
    id="02_computational_graph",
    notebook="computational_graph.ipynb",
    checks=[
        Check("initialize_parameters", points=3),
        Check("linear_layer", points=6),
        Check("sigmoid_layer", points=3),
        Check("compute_cost", points=3),
        Check("train", points=2),
        Check("outcomes", points=3),
    ],
)

# A grade cell's `from checker.assignments.computational_graph import check_<name>` loads checks.py then, not before.
__getattr__ = ASSIGNMENT.exported
__all__ = ASSIGNMENT.exports
