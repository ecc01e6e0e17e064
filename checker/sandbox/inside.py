"""The sandboxed side: a notebook process that runs a notebook's cells, and check processes that serve the judge.

The notebook process receives cells one at a time, runs them (setup and solution cells whole;
from any other cell only its imports, functions and classes) and reports what each bound and
how it failed. Then, for each check, it forks a check process that inherits the loaded notebook
and answers the judge's requests (look up a name, call, read or set an attribute) over its own
socket. Nothing in this module imports the checker's checks, references or internals: whatever
is in this process, the student's code can reach.
"""

import ast
import builtins
import importlib.abc
import linecache
import os
import pickle
import random
import socket
import sys

import numpy as np

from checker.sandbox import confine, exits, student_calls
from checker.sandbox.alarm import alarm
from checker.sandbox.cell_names import bound_names, names_by_pattern, parsed, without_magics
from checker.sandbox.channel import Channel, RemoteError
from checker.sandbox.errors import CheckerImportBlocked

SETUP_TAG = "setup"
_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Modules of the checker a notebook may import: the data loaders, and what they need to load; the error root, by which
# `checker` tells a refused import (a CheckerImportBlocked) from another.
IMPORTABLE = ("checker", "checker.datasets", "checker.errors")
BLOCKED = (
    "the checker's {name} cannot be imported by your notebook: the grader runs your code apart from its own. "
    "Write your own code instead; the data loaders (checker.datasets) are the one part you may use."
)
# Exceptions a judge-side helper may raise into the student's code, by name; anything else arrives as RuntimeError.
_BUILTIN_ERRORS = {name: getattr(builtins, name) for name in (
    "ValueError", "TypeError", "KeyError", "IndexError", "AttributeError", "ZeroDivisionError",
    "FloatingPointError", "OverflowError", "ArithmeticError", "NotImplementedError", "RuntimeError")}

NAMESPACE = {"__name__": "__notebook__", "__builtins__": builtins}
CONFIG = {}  # this notebook process's schema.ConfinementConfig
CHILDREN = exits.Children()  # its check processes that have ended
# The stand-ins the judge may build beside the student's code, by module and name: each assignment's beside.py, which
# the fork server imported before any notebook (server.import_beside).
BESIDE = {}


class GraderStopped(BaseException):
    """Raised into student code when the judge ends a call; a BaseException so `except Exception` lets it pass."""


class CheckerImportBlocker(importlib.abc.MetaPathFinder):
    """Refuses imports of the checker's internals and of the course's assignment packages with a message, before the file
    system refuses them too."""

    def __init__(self, packages=()):
        self.packages = ("checker", *packages)

    def find_spec(self, name, path=None, target=None):
        if blocked(name, self.packages):
            raise CheckerImportBlocked(BLOCKED.format(name=name), name=name)
        return None


def blocked(name, packages):
    """Whether a notebook may not import the module `name`: in one of `packages`, and not one IMPORTABLE."""
    return student_calls.module_in(name, packages) and name not in IMPORTABLE


# -- the notebook process ------------------------------------------------------------------------
def serve_notebook(sock, config):
    """Confine this process when the judge asks (first), then run cells and fork check processes."""
    CONFIG.update(config)
    channel = Channel(sock, "target", _judge_proxy_factory, JudgeObject, accept_fds=True)

    def confine_now(message):
        confine.enter_notebook_process(CONFIG)
        seed_random({"seed": 0})  # the notebook's cells see the same random numbers every time
        channel.handlers.update(cell=_run_cell, objects=_load_objects, fork=lambda message: _fork(channel, message), reap=CHILDREN.how_ended)
        del channel.handlers["confine"]
        return "confined"

    channel.handlers["confine"] = confine_now
    channel.serve_forever()


def _run_cell(message):
    """Run one code cell; report the names it binds and how it failed, if it did."""
    path, number, whole = message["path"], message["number"], message["whole"]
    source = without_magics(message["source"])
    filename = student_calls.cell_filename(path, number)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    tree, error = parsed(source, filename)
    if error is not None:
        return {"defines": sorted(names_by_pattern(source)), "failure": "syntax", "error": error}
    defines = sorted(bound_names(tree))
    if not whole:
        tree.body = [node for node in tree.body if isinstance(node, _DEFINITIONS)]
    code = compile(tree, filename, "exec")
    with alarm(message["seconds"], CellTimeout):
        report = student_calls.invoke(exec, (code, NAMESPACE), {}, track_changes=False)
    raised = report.get("raised")
    if raised is None:
        return {"defines": defines, "failure": None}
    failure = "timeout" if raised["type"] == "CellTimeout" else "not implemented" if raised["not_implemented"] else "raised"
    return {"defines": defines, "failure": failure, "error": raised}


class CellTimeout(BaseException):
    """A cell ran past its time limit (a courtesy: the judge also stops a cell that ignores this)."""


def _load_objects(message):
    """Bind names to objects the judge sends pickled (the test catalogues' implementations)."""
    NAMESPACE.update(pickle.loads(message["payload"]))
    return sorted(name for name in NAMESPACE if not name.startswith("__"))


def _fork(channel, message):
    """Fork a check process that serves the judge on the socket it sent with this request."""
    fds = channel.take_fds()
    if len(fds) != 1:
        raise ValueError("a check process needs exactly one socket")
    notebook = os.getpid()
    pid = CHILDREN.fork()
    if pid == 0:
        try:
            confine.die_with_parent(notebook)
            os.closerange(3, fds[0])
            os.closerange(fds[0] + 1, 1 << 16)
            confine.enter_check_process(CONFIG)
            seed_random({"seed": 0})
            serve_check(socket.socket(fileno=fds[0]))
        finally:
            os._exit(0)
    os.close(fds[0])
    return pid


# -- a check process ---------------------------------------------------------------------------
def serve_check(sock):
    channel = Channel(sock, "target", _judge_proxy_factory, JudgeObject)
    _CURRENT[0] = channel
    channel.handlers.update(
        lookup=_lookup, call=_call, getattr=_getattr, setattr=_setattr,
        setitems=_setitems, swap_globals=_swap_globals, seed_random=seed_random, standin=_standin,
    )
    channel.serve_forever()


def _lookup(message):
    name = message["name"]
    if name not in NAMESPACE:
        return {"missing": True}
    value = NAMESPACE[name]
    return {"value": value, "origin": list(student_calls.origin(value)) if callable(value) else None}


def _call(message):
    return student_calls.invoke(message["target"], message["args"], message["kwargs"], track_changes=message["track"],
                          printed_chars=CONFIG["policy"]["printed_chars"])


def _getattr(message):
    report = student_calls.invoke(getattr, (message["target"], message["name"]), {}, track_changes=False)
    raised = report.get("raised")
    if raised is not None and raised["type"] == "AttributeError":
        return {"missing": True}
    return report


def _setattr(message):
    return student_calls.invoke(setattr, (message["target"], message["name"], message["value"]), {}, track_changes=False)


def _setitems(message):
    def assign(owner, attribute, items):
        container = getattr(owner, attribute)
        for key, value in items.items():
            container[key] = value

    return student_calls.invoke(assign, (message["target"], message["attribute"], message["items"]), {}, track_changes=False)


def _standin(message):
    """One of the stand-ins that may run beside the student's code (an assignment's beside.py), built from plain data."""
    return BESIDE[message["module"]][message["kind"]](*message["args"])


def seed_random(message):
    """Seed Python's and NumPy's global generators, which the student's code draws from."""
    random.seed(int(message["seed"]))
    np.random.seed(int(message["seed"]) % 2**32)


def _swap_globals(message):
    """Make the names a student function looks up globally resolve to `names` (None: put the old ones back)."""
    function = getattr(message["target"], "__func__", message["target"])
    namespace = getattr(function, "__globals__", None)
    if not isinstance(namespace, dict):
        return None
    if message["names"] is None:
        for name, value in _SAVED.pop(id(namespace), {}).items():
            namespace.pop(name, None) if value is _ABSENT else namespace.__setitem__(name, value)
        return None
    saved = _SAVED.setdefault(id(namespace), {})
    for name, value in message["names"].items():
        saved.setdefault(name, namespace.get(name, _ABSENT))
        namespace[name] = value
    return None


_SAVED, _ABSENT = {}, object()


# -- the judge's objects, seen from here ---------------------------------------------------------
def _judge_proxy_factory(ref):
    return JudgeObject(ref)


class JudgeObject:
    """A function or object that stays with the judge (a reference helper, a stand-in); calls go there."""

    __slots__ = ("_ref",)

    def __init__(self, ref):
        object.__setattr__(self, "_ref", ref)

    def __call__(self, *args, **kwargs):
        return _ask("call", target=self, args=list(args), kwargs=kwargs)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # copy, pickle and friends probe these; the judge would refuse them anyway
        return _ask("getattr", target=self, name=name)

    def __setattr__(self, name, value):
        _ask("setattr", target=self, name=name, value=value)

    def __repr__(self):
        return f"<the checker's {self._ref.type}>"


def _ask(op, **fields):
    channel = _CURRENT[0]
    try:
        return channel.request(op, **fields)
    except RemoteError as error:
        details = error.details
        if details.get("kind") == "stop":
            raise GraderStopped(details.get("text", "")) from None
        raise _BUILTIN_ERRORS.get(details.get("type"), RuntimeError)(details.get("text", "")) from None


_CURRENT = [None]


def install_import_blocker(packages=()):
    """Refuse the checker's internals and the assignment `packages` to every import from now on (the fork server calls
    this once, before any fork).

    The modules already loaded here (this one, the protocol, the stand-ins) leave sys.modules and their parent
    packages too, so `import checker.sandbox` fails like any other internal; what is left of them in memory is
    reachable only by searching the heap, and decides nothing: the judge does.
    """
    blocker = CheckerImportBlocker(packages)
    sys.meta_path.insert(0, blocker)
    for name in [name for name in sys.modules if blocked(name, blocker.packages)]:
        del sys.modules[name]
        parent, _, child = name.rpartition(".")
        if parent in sys.modules and getattr(sys.modules[parent], child, None) is not None:
            delattr(sys.modules[parent], child)
