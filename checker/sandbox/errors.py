"""Every exception the sandbox raises, under one root: `except SandboxError` catches them all.

SandboxError is itself a CheckerError (checker/errors.py), the root of the whole checker's exceptions.

Three families: the machine cannot confine a notebook (SandboxUnavailable); the channel between
judge and target failed (ProtocolError, ChannelClosed, TimedOut, RemoteError); or the student's
code did something that ends a check (StudentProblem and its kinds). StopGrading travels the
other way: judge-side code called from student code says the check cannot go on.
"""

from typing import Any

from checker.errors import CheckerError


class SandboxError(CheckerError):
    """The root of the sandbox's exceptions."""


class SandboxUnavailable(SandboxError, RuntimeError):
    """The machine cannot give the protection official grading needs, or a sandboxed process could not start."""


class BelowMinimum(SandboxUnavailable):
    """This machine lacks part of the minimum protection official grading needs (protections.py): grading refuses to start."""


# -- the channel ---------------------------------------------------------------------------------
class ProtocolError(SandboxError):
    """What arrived is not a frame of this protocol, or breaks one of its limits."""


class ChannelClosed(SandboxError):
    """The other side went away (it exited, crashed or was killed)."""


class TimedOut(SandboxError):
    """No reply within the deadline."""


class RemoteError(SandboxError):
    """The other side could not do what was asked; `details` is the plain-data description it sent."""

    def __init__(self, details: object) -> None:
        super().__init__(details.get("text", "") if type(details) is dict else str(details))
        self.details: dict[str, Any] = details if type(details) is dict else {"text": str(details)}


# -- what the student's code did -----------------------------------------------------------------
class StudentProblem(SandboxError):
    """Something the student's code did that ends the check; `what` names the operation."""

    def __init__(self, what: str, description: dict[str, Any] | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.description = description or {}


class StudentRaised(StudentProblem):
    """The student's code raised; `description` is the plain-data report of the exception."""


class StudentTimedOut(StudentProblem):
    """The student's code ran past its time limit and its process was stopped."""

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(what)
        self.seconds = seconds


class StudentBudgetUsed(StudentProblem):
    """The notebook's code used up its time budget (over all its checks)."""

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(what)
        self.seconds = seconds


class StudentEnded(StudentProblem):
    """The student's code ended its own process (os._exit, sys.exit, a crash) or the process was lost."""

    def __init__(self, what: str, how: str) -> None:
        super().__init__(what)
        self.how = how


class StudentAttributeMissing(StudentProblem, AttributeError):
    """A student's object has no attribute the check reads (an AttributeError too, so hasattr() keeps working)."""

    def __init__(self, what: str, owner: str, name: str) -> None:
        StudentProblem.__init__(self, what)
        self.owner, self.name = owner, name


class StudentUnreadable(StudentProblem):
    """The target sent something that is not valid under the protocol (a lying or broken process)."""


class CheckerImportBlocked(SandboxError, ImportError):
    """A sandboxed notebook imported the checker's internals or an assignment's package (target.CheckerImportBlocker).

    Raised in the notebook's process; the judge knows it by its class name in a cell's or a call's error, and
    `checker` as a CheckerError (checker.errors stays importable there: target.IMPORTABLE).
    """


LENT_FOR_ONE_STEP = "a helper the checker lent your code for one step was used after that step"


class StopGrading(SandboxError):
    """Raised by judge-side code called from student code when the check cannot go on (a record miss).

    The target receives it as an error of kind "stop" and raises a BaseException, which a
    student's `except Exception:` does not catch; the judge also remembers it.
    """

    @property
    def details(self) -> dict[str, Any]:
        """What the other side receives: an error of kind "stop", which ends the check there too."""
        return {"kind": "stop", "text": str(self)}
