"""Turning an exception raised in student code into the student's own line and a hint."""

import os
import re
import sysconfig
import traceback

from checker import messages

CHECKER_DIR = os.path.dirname(os.path.abspath(__file__))
_LIBRARY_DIRS = tuple(
    os.path.abspath(path)
    for key in ("stdlib", "platstdlib", "purelib", "platlib")
    if (path := sysconfig.get_paths().get(key))
)
# Cells we load are compiled under a name that says where they came from.
_CELL_FILENAME = "{path}, cell {cell}"
_CELL_PATTERN = re.compile(r"^(?P<path>.+\.ipynb), cell (?P<cell>\d+)$")

MATH_ON_ARRAYS = "math.exp and math.log take single numbers; use np.exp and np.log on arrays."
INNER_SIZES = "A matrix product's inner sizes differ: print both shapes; one of them probably needs a .T."
# Error texts a beginner often meets (NumPy words them differently across versions), and what they mean.
KNOWN_ERRORS = (
    ("only length-1 arrays can be converted", MATH_ON_ARRAYS),
    ("only 0-dimensional arrays can be converted", MATH_ON_ARRAYS),
    ("could not be broadcast together", "Two arrays' shapes do not line up. Print the shapes of w, X and b to see which one is off."),
    ("mismatch in its core dimension", INNER_SIZES),
    ("not aligned", INNER_SIZES),
    ("shapes", "Print the shapes of the arrays on that line to see which one is off."),
)


def cell_filename(path, cell):
    """The name we compile a notebook cell under, so tracebacks and messages can name it."""
    return _CELL_FILENAME.format(path=path, cell=cell)


def notebook_of_filename(filename):
    """The notebook path inside a cell filename, or None for any other file."""
    match = _CELL_PATTERN.match(filename or "")
    return match.group("path") if match else None


def _is_students(filename):
    if filename.startswith("<frozen"):
        return False
    filename = filename if filename.startswith("<") else os.path.abspath(filename)
    return not (filename.startswith(CHECKER_DIR + os.sep) or filename.startswith(_LIBRARY_DIRS))


def student_frame(error):
    """The deepest traceback frame that is the student's code rather than ours or a library's."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if _is_students(frame.filename):
            return frame
    return None


def raising_function(error):
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


def describe_frame(frame):
    """Where a frame is, in words: notebook cell, file, or just the line."""
    match = _CELL_PATTERN.match(frame.filename)
    if match:
        return f"cell {match.group('cell')} of {match.group('path')}, line {frame.lineno}"
    if frame.filename.endswith(".py") and "ipykernel_" not in frame.filename:
        return f"{os.path.basename(frame.filename)}, line {frame.lineno}"
    return f"line {frame.lineno} of its cell"


def describe_student_error(name, error):
    """Headline and details for an exception that escaped the student's function."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    headline = messages.RAISED.format(name=name, error=f"{type(error).__name__}: {text}" if text else type(error).__name__)
    details = []
    frame = student_frame(error)
    if frame is not None:
        details.append(("your line", describe_frame(frame)))
        if frame.line:
            details.append(("", frame.line.strip()))
    for fragment, hint in KNOWN_ERRORS:
        if fragment in str(error):
            details.append(("hint", hint))
            break
    return headline, details
