"""backprop-lab's checker: grades from-scratch neural-network code and explains what is wrong."""

from checker.report import CheckFailure

__all__ = ["CheckFailure"]
