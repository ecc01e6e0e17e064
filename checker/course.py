"""The course: every assignment `pytest checker` grades, in order."""

from checker.logistic_regression import ASSIGNMENT as LOGISTIC_REGRESSION

ASSIGNMENTS = (LOGISTIC_REGRESSION,)
