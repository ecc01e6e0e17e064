"""The shapes of what crosses the sandbox's boundary, as types: requests, replies and a notebook process's configuration.

Every shape is plain data (protocol.py carries it); the names are the ones both sides read, the
policy's own included: a notebook process gets `Policy.as_data()` and `Policy.derived()` as they
are, never renamed on the way. The receiving side still validates every field it reads.
"""

from __future__ import annotations

from typing import Any, TypedDict, Union

from checker.sandbox.policy import Derived


# -- the frames of a channel (channel.py) ------------------------------------------------------------
class Request(TypedDict):
    """A request: the operation, its number on this channel, and the operation's own fields beside them."""

    op: str
    id: int


class Reply(TypedDict, total=False):
    """The answer to request number `re`: a value, or an error that says why not."""

    re: int
    value: Any
    error: ErrorReply


class ErrorReply(TypedDict, total=False):
    """Why a request could not be answered: an exception's class name and message, or a "stop" (StopGrading)."""

    kind: str
    type: str
    text: str


Message = Union[Request, Reply]


# -- the fork server -----------------------------------------------------------------------------
class Found(TypedDict, total=False):
    """What the fork server found this machine offers ("probe"); `error` when it cannot confine notebooks at all."""

    landlock: int
    seccomp: bool
    netns: bool
    error: str


class ExitStatus(TypedDict, total=False):
    """How a child process ended ("reap"): killed by a signal, or exited with a code."""

    signal: int
    exit: int


class _Confinement(TypedDict):
    """What a notebook process confines itself by (confine.enter_notebook_process)."""

    policy: dict[str, Any]  # Policy.as_data(): the limits under the policy's own field names
    limits: Derived  # Policy.derived(): what follows from them
    scratch: str  # the folder it runs in: a copy of the submission's folder
    read: list[str]  # what it may read (the judge names the scratch folder; the fork server adds the libraries)
    write: list[str]
    cgroups: list[str]  # the cgroup.procs files it moves itself into
    netns: bool
    landlock: int  # the Landlock ABI to restrict itself with (0: none)
    seccomp: bool


class NotebookConfig(_Confinement):
    """What the judge sends the fork server with "spawn" (Sandbox.notebook_config)."""

    excluded: list[str]  # what the notebook process may never read, even beneath a readable folder


class ConfinementConfig(_Confinement):
    """A NotebookConfig completed by the fork server: the libraries to read, the folders only listed, the compiled filters."""

    list: list[str]
    filters: dict[str, bytes] | None  # "notebook" and "check": seccomp programs (confine.compile_filters)


# -- the notebook process ------------------------------------------------------------------------
class CellRequest(TypedDict):
    """A cell to run ("cell"): whole (setup and solution cells), or only its imports and definitions."""

    path: str
    number: int
    source: str
    whole: bool
    seconds: float


class Raised(TypedDict, total=False):
    """An exception from student code, described (student.describe_exception; check_process.clean_description on arrival)."""

    type: str
    text: str
    where: str
    line: str | int
    function: str
    notebook: str
    ended: bool
    not_implemented: bool
    cell_line: int
    shapes: dict[str, list[int]]


class CellOutcome(TypedDict, total=False):
    """What a cell bound and how it failed (None: it did not)."""

    defines: list[str]
    failure: str | None
    error: Raised


# -- a check process -----------------------------------------------------------------------------
class Lookup(TypedDict, total=False):
    """A notebook name ("lookup"): missing, or its value and, for a function or class, where it was defined."""

    missing: bool
    value: Any
    origin: list[str | None] | None


class CallReply(TypedDict, total=False):
    """One call of student code ("call", "getattr", "setattr"): what it gave back or raised, and what it did on the side."""

    value: Any
    raised: Raised
    warnings: list[str]
    printed: str
    changed: list[str]
    reordered: list[str]  # list arguments only put in another order (not in changed)
    missing: bool  # "getattr" only: the object has no such attribute
