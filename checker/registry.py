"""Checks, their points, and the assignments that group them."""

import functools
import inspect

from checker import seeds
from checker.report import CheckFailure, CheckRun

PASSED = "✓ {name}: all checks passed"


def check(name):
    """Turn `body(run, *student_values)` into a check callable as `check_x(*student_values, seed=None)`.

    The same callable serves the notebook's grade cell and `pytest checker`.
    """

    def decorate(body):
        @functools.wraps(body)
        def run_check(*values, seed=None, **named_values):
            __tracebackhide__ = True
            seed = seeds.resolve_seed(seed)
            try:
                body(CheckRun(name, seed, seeds.generator(seed, name)), *values, **named_values)
            except CheckFailure as failure:
                # The message is the whole story: a notebook shows it without our internals.
                raise failure.with_traceback(None) from None
            print(PASSED.format(name=name))

        run_check.check_name = name
        # The notebook names the check needs, in order: its parameters after `run`.
        run_check.needs = tuple(inspect.signature(body).parameters)[1:]
        return run_check

    return decorate


class Check:
    """One graded item: a check function and the points it is worth."""

    def __init__(self, function, points):
        self.function = function
        self.points = points
        self.name = function.check_name
        self.needs = function.needs


class Assignment:
    """An assignment: its folder id, notebook file and checks."""

    def __init__(self, id, notebook, checks):
        self.id = id
        self.notebook = notebook
        self.checks = tuple(checks)

    @property
    def points(self):
        return sum(check.points for check in self.checks)
