"""Loading a student's notebook for `pytest checker`: fast, safe and read-only.

No kernel is started. Cells tagged `setup` and nbgrader solution cells run whole; from every
other code cell only imports, functions and classes run, so training and plotting are skipped
while a student's own helper functions stay available. Grade cells do not run. A cell that
fails is recorded, and only the checks that need a name from it fail, naming the cell.
"""

import ast
import builtins
import contextlib
import json
import linecache
import os
import re
import sys

from checker import messages
from checker.guard import StudentTimeout, quiet_student_code, time_limit
from checker.tracebacks import cell_filename

CELL_TIME_LIMIT = 30.0
SETUP_TAG = "setup"
_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_MAGIC = re.compile(r"^(\s*)[%!].*$", re.MULTILINE)


class NotebookUnreadable(Exception):
    """The file is not a notebook we can read; the message is written for the student."""


class CellOutcome:
    """What running one code cell did: the names it binds, and how it failed, if it did."""

    def __init__(self, number, source, defines, failure=None, error=None):
        self.number = number
        self.source = source
        self.defines = defines
        self.failure = failure  # None, "syntax", "not implemented", "timeout" or "raised"
        self.error = error


class LoadedNotebook:
    """The namespace a notebook's cells built, and what went wrong on the way."""

    def __init__(self, path, namespace, cells):
        self.path = path
        self.namespace = namespace
        self.cells = cells

    def lookup(self, run, name):
        """The value the notebook bound to `name`, or a failure saying why it is missing."""
        __tracebackhide__ = True
        if name in self.namespace:
            return self.namespace[name]
        cell = next((c for c in reversed(self.cells) if name in c.defines and c.failure), None)
        where = self.path
        if cell is None and any(c.failure == "not implemented" for c in self.cells):
            # An untouched exercise cell binds nothing yet: it only raises NotImplementedError.
            run.fail(messages.NOT_IMPLEMENTED.format(name=name, where=where))
        if cell is None:
            run.fail(messages.NOT_DEFINED.format(name=name, where=where))
        if cell.failure == "not implemented":
            run.fail(messages.NOT_IMPLEMENTED.format(name=name, where=where))
        if cell.failure == "syntax":
            run.fail(messages.CELL_SYNTAX.format(name=name, cell=cell.number, where=where, line=cell.error.lineno, error=cell.error.msg))
        error = "a time-out" if cell.failure == "timeout" else f"{type(cell.error).__name__}: {cell.error}"
        run.fail(messages.CELL_STOPPED.format(name=name, cell=cell.number, where=where, error=error))


def read_notebook(path, display_path=None):
    """The notebook's cells as dicts, or NotebookUnreadable with a message for the student."""
    display_path = display_path or str(path)
    try:
        with open(path, encoding="utf-8") as file:
            notebook = json.load(file)
        cells = notebook["cells"]
        for cell in cells:
            cell["source"] = "".join(cell.get("source", ""))
            cell["cell_type"]  # every cell has a type
        return cells
    except FileNotFoundError:
        raise NotebookUnreadable(f"there is no notebook at {display_path}") from None
    except (OSError, ValueError, KeyError, TypeError) as error:
        reason = f"{type(error).__name__}: {error}" if not isinstance(error, KeyError) else f"it has no {error} entry"
        raise NotebookUnreadable(messages.UNREADABLE_NOTEBOOK.format(where=display_path, error=reason)) from None


def load_student_notebook(path, display_path=None):
    """Run the notebook's definitions in a fresh namespace; never writes to the file."""
    display_path = display_path or str(path)
    cells = read_notebook(path, display_path)
    namespace = {"__name__": "__notebook__", "__builtins__": builtins}
    outcomes = []
    with _inside_folder(os.path.dirname(os.path.abspath(path))):
        for number, cell in enumerate(cells, start=1):
            if cell["cell_type"] != "code" or _is_grade_cell(cell):
                continue
            outcomes.append(_run_cell(cell, number, display_path, namespace))
    return LoadedNotebook(display_path, namespace, outcomes)


def _is_grade_cell(cell):
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    return nbgrader.get("grade", False) and not nbgrader.get("solution", False)


def _runs_whole(cell):
    metadata = cell.get("metadata", {})
    return metadata.get("nbgrader", {}).get("solution", False) or SETUP_TAG in metadata.get("tags", [])


def _run_cell(cell, number, display_path, namespace):
    # Magics and shell escapes are IPython, not Python: blank them out, keeping line numbers.
    source = _MAGIC.sub(r"\1pass", cell["source"])
    filename = cell_filename(display_path, number)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        tree = ast.parse(source, filename)
    except SyntaxError as error:
        return CellOutcome(number, source, _names_by_pattern(source), "syntax", error)
    defines = _bound_names(tree)
    if not _runs_whole(cell):
        tree.body = [node for node in tree.body if isinstance(node, _DEFINITIONS)]
    try:
        with quiet_student_code(), time_limit(CELL_TIME_LIMIT):
            exec(compile(tree, filename, "exec"), namespace)
    except NotImplementedError as error:
        return CellOutcome(number, source, defines, "not implemented", error)
    except StudentTimeout as error:
        return CellOutcome(number, source, defines, "timeout", error)
    except (Exception, SystemExit) as error:
        return CellOutcome(number, source, defines, "raised", error)
    return CellOutcome(number, source, defines)


class _TopLevelNames(ast.NodeVisitor):
    """Collects the names a cell binds in the notebook's namespace, not inside its functions."""

    def __init__(self):
        self.names = set()

    def visit_FunctionDef(self, node):
        self.names.add(node.name)

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node):
        pass

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Store):
            self.names.add(node.id)

    def visit_Import(self, node):
        self.names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)

    visit_ImportFrom = visit_Import


def _bound_names(tree):
    """Names a cell binds at top level (functions, classes, imports, assignment targets)."""
    visitor = _TopLevelNames()
    visitor.visit(tree)
    return visitor.names


def _names_by_pattern(source):
    """Best guess at the names a cell that does not parse was meant to bind."""
    names = set(re.findall(r"^(?:async\s+)?(?:def|class)\s+(\w+)", source, re.MULTILINE))
    for targets in re.findall(r"^([\w\s,]+?)\s*=[^=]", source, re.MULTILINE):
        names.update(part.strip() for part in targets.split(",") if part.strip().isidentifier())
    return names


@contextlib.contextmanager
def _inside_folder(folder):
    """Run with the notebook's folder as working directory and importable, as Jupyter does."""
    previous = os.getcwd()
    sys.path.insert(0, folder)
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)
        with contextlib.suppress(ValueError):
            sys.path.remove(folder)
