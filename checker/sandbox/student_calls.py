"""Calling a student's code and telling, as plain data, what it gave back and what it did on the side.

Used inside the sandboxed target, and in-process when a grade cell runs in the student's own
kernel. Nothing here decides a grade: the judge reads the report this module produces.
"""

import collections
import contextlib
import copy
import inspect
import io
import logging
import os
import re
import sysconfig
import traceback
import warnings

import numpy as np

from checker.sandbox.policy import DEFAULT

_log = logging.getLogger(__name__)

CHECKER_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LIBRARY_DIRS = tuple(
    os.path.abspath(path) for key in ("stdlib", "platstdlib", "purelib", "platlib") if (path := sysconfig.get_paths().get(key))
)
# Cells we load are compiled under a name that says where they came from.
_CELL_FILENAME = "{path}, cell {cell}"
_CELL_PATTERN = re.compile(r"^(?P<path>.+\.ipynb), cell (?P<cell>\d+)$")


def cell_filename(path, cell):
    """The name a notebook cell is compiled under, so tracebacks and messages can name it."""
    return _CELL_FILENAME.format(path=path, cell=cell)


def notebook_of_filename(filename):
    """The notebook path inside a cell filename, or None for any other file."""
    match = _CELL_PATTERN.match(filename or "")
    return match.group("path") if match else None


class BoundedText(io.TextIOBase):
    """A text stream that keeps the first `limit` characters and counts the rest."""

    def __init__(self, limit):
        self.limit, self.parts, self.kept, self.dropped = limit, [], 0, 0

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        room = max(self.limit - self.kept, 0)
        self.parts.append(text[:room])
        self.kept += min(len(text), room)
        self.dropped += max(len(text) - room, 0)
        return len(text)

    def getvalue(self):
        return "".join(self.parts)


@contextlib.contextmanager
def quiet(printed_chars=DEFAULT.printed_chars):
    """Record warnings and keep printed output (bounded), so nothing reaches the real stdout/stderr."""
    printed = BoundedText(printed_chars)
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        warnings.simplefilter("always")
        yield caught, printed


class CallReport:
    """What one call of student code gave back and did on the side: the one shape a call's result has, here or in the sandbox."""

    def __init__(self, value, warnings=(), printed="", changed=(), reordered=()):
        self.value, self.warnings, self.printed, self.changed = value, list(warnings), printed, list(changed)
        self.reordered = list(reordered)  # list arguments that hold the same items in another order (a shuffle in place)

    def warning_text(self):
        """The distinct warning messages, joined for a hint line (empty when none)."""
        return "; ".join(dict.fromkeys(self.warnings))


def invoke(function, args, kwargs, track_changes=True, printed_chars=DEFAULT.printed_chars):
    """Call function(*args, **kwargs) and report what happened, as a dict of plain data and the value.

    Keys: "value" (only when it returned), "raised" (a description, when it raised), "warnings",
    "printed", "changed" (names of arguments the call modified) and "reordered" (names of list arguments it only
    put in another order, as random.shuffle does in place; not in "changed").
    """
    before = _snapshot(args, kwargs) if track_changes else None
    report = {}
    with quiet(printed_chars) as (caught, printed):
        try:
            report["value"] = function(*args, **kwargs)
        except BaseException as error:  # the boundary: the student's code may raise anything, even SystemExit; reported, not logged
            report["raised"] = describe_exception(error)
    report["warnings"] = _distinct(str(w.message)[:300] for w in caught)[:10]
    report["printed"] = printed.getvalue()
    report["changed"], report["reordered"] = changed_arguments(function, before, args, kwargs)
    return report


def _snapshot(args, kwargs):
    try:
        return copy.deepcopy((args, kwargs))
    except Exception:  # a boundary: a student's object may fail to copy in any way (its own __deepcopy__, __reduce__)
        _log.debug("an argument could not be copied: its changes go unchecked", exc_info=True)
        return None


def _distinct(texts):
    return list(dict.fromkeys(texts))


def parameter_names(function):
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


def changed_arguments(function, before, args, kwargs):
    """(names of the arguments that differ from `before`, the (args, kwargs) before the call; names of the list arguments
    among those that only hold the same items in another order), each list without the other."""
    if before is None:
        return [], []
    old_args, old_kwargs = before
    differing = [(index, a, b) for index, (a, b) in enumerate(zip(old_args, args)) if not same_value(a, b)]
    names = parameter_names(function) if differing else []
    differing = [(names[i] if i < len(names) else f"argument {i + 1}", a, b) for i, a, b in differing]
    differing += [(key, old_kwargs[key], kwargs.get(key)) for key in old_kwargs if not same_value(old_kwargs[key], kwargs.get(key))]
    reordered = [name for name, a, b in differing if reordering(a, b)]
    return [name for name, _, _ in differing if name not in reordered], reordered


def reordering(before, after):
    """Whether the list `after` holds the items of `before` in another order (compared by value)."""
    if type(before) is not list or type(after) is not list or len(before) != len(after):
        return False
    try:
        return collections.Counter(map(_fingerprint, before)) == collections.Counter(map(_fingerprint, after))
    except Exception:  # an item we cannot fingerprint: say it changed, as before this test existed
        return False


def _fingerprint(value):
    """A hashable summary of a value's contents: equal for values same_value finds equal (NaN aside)."""
    if isinstance(value, np.ndarray):
        return ("array", value.shape, value.dtype.str, value.tobytes())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_fingerprint(item) for item in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((repr(key), _fingerprint(item)) for key, item in value.items())))
    return ("value", repr(value))


def same_value(a, b):
    """Whether two argument values are equal, looking inside arrays, dicts and lists."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    try:
        return bool(a == b)
    except Exception:  # a boundary: a student's __eq__ (or __bool__) may raise anything; then only identity counts
        _log.debug("values could not be compared: identity decides", exc_info=True)
        return a is b


def _is_students(filename):
    if filename.startswith("<frozen"):
        return False
    filename = filename if filename.startswith("<") else os.path.abspath(filename)
    return not (filename.startswith(CHECKER_DIR + os.sep) or filename.startswith(_LIBRARY_DIRS))


def describe_exception(error):
    """An exception from student code as plain data: what, where in the student's code, and how it ended."""
    try:
        text = str(error).strip()
    except BaseException:  # a boundary: a student's exception whose own __str__ fails, even with SystemExit
        _log.debug("an exception's message could not be read", exc_info=True)
        text = "(its message could not be read)"
    description = {
        "type": type(error).__name__,
        "text": text.splitlines()[0][:300] if text else "",
        "ended": not isinstance(error, Exception),
        "not_implemented": isinstance(error, NotImplementedError),
    }
    frames = traceback.extract_tb(error.__traceback__)
    frame = next((f for f in reversed(frames) if _is_students(f.filename)), None)
    if frame is not None:
        description["where"] = _describe_frame(frame)
        description["line"] = (frame.line or "").strip()[:300]
        description["shapes"] = _shapes_on_line(error, description["line"])
    raiser = _raising_function(error)
    if raiser:
        description["function"], description["notebook"] = raiser
    return description


def _describe_frame(frame):
    """Where the student sees the line: "`propagate`, line 9" (the line of its cell, as Jupyter numbers it)."""
    in_a_cell = _CELL_PATTERN.match(frame.filename) or "ipykernel_" in frame.filename or frame.filename.startswith("<")
    place = f"line {frame.lineno}" if in_a_cell else f"{os.path.basename(frame.filename)}, line {frame.lineno}"
    return place if frame.name == "<module>" else f"`{frame.name}`, {place}"


def _shapes_on_line(error, line, most=8):
    """{name: shape} of the arrays named on the failing line, as the student's code saw them there."""
    tb, found = error.__traceback__, None
    while tb is not None:
        if _is_students(tb.tb_frame.f_code.co_filename):
            found = tb.tb_frame
        tb = tb.tb_next
    shapes = {}
    for name in dict.fromkeys(re.findall(r"(?<![\w.])[A-Za-z_]\w*", line)):
        value = found.f_locals.get(name, found.f_globals.get(name)) if found is not None else None
        if isinstance(value, np.ndarray) and len(shapes) < most:
            shapes[name] = [int(n) for n in value.shape]
    return shapes


def _raising_function(error):
    """(qualified name, notebook path or None) of the deepest student function in the traceback."""
    found = None
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if _is_students(code.co_filename) and code.co_name != "<module>":
            name = getattr(code, "co_qualname", code.co_name).rpartition("<locals>.")[2]
            found = (name, notebook_of_filename(code.co_filename))
        tb = tb.tb_next
    return found


def module_in(name, packages=("checker",)):
    """Whether the dotted module name `name` is one of `packages` or lies inside one (the checker's own, by default)."""
    return isinstance(name, str) and any(name == package or name.startswith(package + ".") for package in packages)


def origin(value):
    """Where a function or class was defined: (module name, file name), for telling checker code apart."""
    function = getattr(value, "__func__", value)
    code = getattr(function, "__code__", None)
    module = getattr(function, "__module__", None)
    return (module if isinstance(module, str) else None, code.co_filename if code is not None else None)
