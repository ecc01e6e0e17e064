"""backprop-lab's checker: grades from-scratch neural-network code and explains what is wrong.

Importing this package loads nothing else, so that `checker.datasets` can be imported on its own
(the sandbox lets notebooks import the data loaders and nothing more of the checker).
"""

__all__ = ["CheckFailure"]


def __getattr__(name):
    if name == "CheckFailure":
        from checker.checks.report import CheckFailure

        return CheckFailure
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
