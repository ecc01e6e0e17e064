"""The course: every assignment `pytest checker` grades, in order."""

from checker.backprop import ASSIGNMENT as BACKPROP_DIGITS
from checker.computational_graph import ASSIGNMENT as COMPUTATIONAL_GRAPH
from checker.gradient_checking import ASSIGNMENT as GRADIENT_CHECKING
from checker.logistic_regression import ASSIGNMENT as LOGISTIC_REGRESSION

ASSIGNMENTS = (LOGISTIC_REGRESSION, COMPUTATIONAL_GRAPH, BACKPROP_DIGITS, GRADIENT_CHECKING)
