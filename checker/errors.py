"""The root of every exception the checker defines: `except CheckerError` catches the checker's own, and nothing else.

Each package keeps its family in its own module under this root: the sandbox's in
`checker/sandbox/errors.py` (SandboxError), the gradient checker's where it raises them.
"""


class CheckerError(Exception):
    """An exception of the checker's own making (never one from a student's code or a library)."""
