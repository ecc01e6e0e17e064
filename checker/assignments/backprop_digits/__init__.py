"""Assignment 03, a multi-layer network trained with mini-batch SGD on digits: its checks and points."""

from checker.assignments.backprop_digits.checks import (
    check_accuracy,
    check_activation_derivatives,
    check_backprop,
    check_backprop_batch,
    check_cost_derivative,
    check_evaluate,
    check_feedforward,
    check_network_init,
    check_SGD,
    check_sigmoid_functions,
    check_softmax_output,
    check_update_mini_batch,
)
from checker.checks.registry import Assignment, Check

# The one place the points live: grade cells must carry the same (a test enforces it).
ASSIGNMENT = Assignment(
    id="03_backprop_digits",
    notebook="backprop_digits.ipynb",
    checks=[
        Check(check_sigmoid_functions, points=1),
        Check(check_network_init, points=1, subject="Network.__init__"),
        Check(check_feedforward, points=2, subject="Network.feedforward"),
        Check(check_cost_derivative, points=1, subject="Network.cost_derivative"),
        Check(check_backprop, points=4, subject="Network.backprop"),
        Check(check_backprop_batch, points=2, subject="Network.backprop_batch"),
        Check(check_update_mini_batch, points=2, subject="Network.update_mini_batch"),
        Check(check_SGD, points=2, subject="Network.SGD"),
        Check(check_evaluate, points=1, subject="Network.evaluate"),
        Check(check_accuracy, points=2),
        Check(check_activation_derivatives, points=1),
        Check(check_softmax_output, points=1),
    ],
)

__all__ = ["ASSIGNMENT"] + [check.function.__name__ for check in ASSIGNMENT.checks]
