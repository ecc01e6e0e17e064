"""Assignment 03, a multi-layer network trained with mini-batch SGD on digits: its checks and points."""

from checker.assignments import Assignment, Check

# The one place the points live: grade cells must carry the same (a test enforces it).
ASSIGNMENT = Assignment(
    package=__name__,
    id="03_backprop_digits",
    notebook="backprop_digits.ipynb",
    checks=[
        Check("sigmoid_functions", points=1),
        Check("network_init", points=1, subject="Network.__init__"),
        Check("feedforward", points=2, subject="Network.feedforward"),
        Check("cost_derivative", points=1, subject="Network.cost_derivative"),
        Check("backprop", points=4, subject="Network.backprop"),
        Check("backprop_batch", points=2, subject="Network.backprop_batch"),
        Check("update_mini_batch", points=2, subject="Network.update_mini_batch"),
        Check("SGD", points=2, subject="Network.SGD"),
        Check("evaluate", points=1, subject="Network.evaluate"),
        Check("accuracy", points=2),
        Check("activation_derivatives", points=1),
        Check("softmax_output", points=1),
    ],
)

# A grade cell's `from checker.assignments.backprop_digits import check_<name>` loads checks.py then, not before.
__getattr__ = ASSIGNMENT.exported
__all__ = ASSIGNMENT.exports
