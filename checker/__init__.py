"""backprop-lab's checker: grades from-scratch neural-network code and explains what is wrong.

Importing this package loads nothing else (but its error root), so that `checker.datasets` can be imported on its own
(the sandbox lets notebooks import the data loaders and nothing more of the checker). The names
below are loaded on first use.
"""

import importlib
import logging

from checker.errors import CheckerError

# A library's logs go where the program that uses it sends them; by default nowhere, so that no grade cell writes to
# stderr (nbgrader gives a cell that does 0 points). The staff commands send them to a file.
logging.getLogger(__name__).addHandler(logging.NullHandler())

PUBLIC = {
    "CheckFailure": "checker.checks.errors",
    "check_gradient": "checker.gradients",
    "assert_gradient": "checker.gradients",
    "GradientReport": "checker.gradients",
}
__all__ = list(PUBLIC)


def __getattr__(name):
    if name in PUBLIC:
        try:
            return getattr(importlib.import_module(PUBLIC[name]), name)
        except ImportError as error:
            if not isinstance(error, CheckerError):  # a library missing; ours is the sandbox refusing the import
                raise
            return _unavailable(name)  # a notebook being graded: importing works, using does not
    raise AttributeError(f"module 'checker' has no attribute {name!r}")


def _unavailable(name):
    """Stands for a public name while the grader runs a notebook: the notebook loads, graded code cannot lean on it."""

    def unavailable(*args, **kwargs):
        raise RuntimeError(f"checker.{name} is not available while the grader runs your notebook: the graded functions "
                           "must be your own code. Use it in your own tests and projects, outside the graded functions.")

    unavailable.__name__ = unavailable.__qualname__ = name
    return unavailable
