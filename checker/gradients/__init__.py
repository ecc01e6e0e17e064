"""Gradient checking for NumPy code: your gradient of a scalar function, checked against the function itself.

check_gradient returns a report whose str() explains what was compared, the metric that decided
and, when something is wrong, which entry; assert_gradient does the same inside your own tests.
"""

from checker.gradients.check import MODES, assert_gradient, check_gradient
from checker.gradients.complex_step import complex_step_gradient
from checker.gradients.numerical import numerical_gradient, relative_error
from checker.gradients.report import GradientReport

__all__ = ["check_gradient", "assert_gradient", "GradientReport", "MODES", "numerical_gradient", "complex_step_gradient",
           "relative_error"]
