"""The course: every assignment `pytest checker` grades, in order."""

from checker.assignments.backprop_digits import ASSIGNMENT as BACKPROP_DIGITS
from checker.assignments.computational_graph import ASSIGNMENT as COMPUTATIONAL_GRAPH
from checker.assignments.gradient_checking import ASSIGNMENT as GRADIENT_CHECKING
from checker.assignments.logistic_regression import ASSIGNMENT as LOGISTIC_REGRESSION

ASSIGNMENTS = (LOGISTIC_REGRESSION, COMPUTATIONAL_GRAPH, BACKPROP_DIGITS, GRADIENT_CHECKING)


def assignment_of(package):
    """The assignment whose checks live in `package` (checker.assignments.<name>)."""
    return next(assignment for assignment in ASSIGNMENTS if assignment.checks[0].function.package == package)
