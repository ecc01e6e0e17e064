"""The checks' own exceptions, under the checker's root (checker.errors.CheckerError): a verdict, or the checker failing."""

from checker.checks import messages
from checker.errors import CheckerError


class CheckFailure(CheckerError, AssertionError):
    """A check found a mistake; the message is written for the student, `diagnosis` names it (or is None).

    `caused_by` names the upstream checks whose failure this one follows from (an end-to-end check).
    """

    def __init__(self, message, diagnosis=None, seed=None, caused_by=()):
        super().__init__(message)
        self.diagnosis, self.seed, self.caused_by = diagnosis, seed, list(caused_by)

    def _render_traceback_(self):
        """What IPython shows when a grade cell fails: the message once, no traceback through the checker."""
        return ["\x1b[31m✗\x1b[0m " + line if number == 0 else line for number, line in enumerate(str(self).splitlines())]


class GraderError(CheckerError):
    """The checker itself failed on a check (a bug in its code, an unreadable answer key): no grade; staff must look.

    Official grading records it as a grader error, never as the student's points, and grades the
    submission again on its next run.
    """

    diagnosis = messages.GRADER_ERROR.id

    def __init__(self, check, error):
        text = str(error).strip().splitlines()[0][:300] if str(error).strip() else ""
        self.check, self.error = check, f"{type(error).__name__}: {text}" if text else type(error).__name__
        super().__init__(messages.GRADER_ERROR.format(check=check, error=self.error))

    def _render_traceback_(self):
        return str(self).splitlines()
