"""The toy assignment's checks: each function graded by its results on an array the check draws."""

from toy_lab import inputs
from toy_lab import messages as say

from checker.checks import compare
from checker.checks.describe import describe_value
from checker.checks.guard import call_student
from checker.checks.registry import check
from checker.checks.shapes import require_shape


@check("double")
def check_double(run, double):
    """Does double return twice the array it is given?"""
    x = inputs.array(run.rng)
    expected, mistaken = run.reference.double(x), run.mistakes.double(x)  # asked first: the kit's record holds both
    yours = call_student(run, double, x).value
    require_shape(run, yours, x.shape, "double(x)")
    if not compare.close(yours, expected):
        headline = compare.first_match(yours, compare.candidates(mistaken, lambda result: result, say))
        run.fail(headline or say.WRONG.format(name="double"), ("yours", describe_value(yours)))


@check("halve")
def check_halve(run, halve):
    """Does halve return half the array it is given?"""
    x = inputs.array(run.rng)
    expected = run.reference.halve(x)
    yours = call_student(run, halve, x).value
    require_shape(run, yours, x.shape, "halve(x)")
    if not compare.close(yours, expected):
        run.fail(say.WRONG.format(name="halve"), ("yours", describe_value(yours)))
