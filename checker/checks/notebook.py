"""Reading a student's notebook on the judge's side: its code cells as plain data, and why a name is missing.

The judge never runs a notebook's code. It reads the file (read-only, size-limited), keeps the
code cells that are not grade cells, and sends them to the sandbox, which runs setup and
solution cells whole and, from every other cell, only its imports, functions and classes. The
sandbox reports what each cell bound and how it failed; `missing_name` words that for the student.
"""

import json
import re

from checker.checks import messages
from checker.errors import CheckerError
from checker.sandbox.cell_names import cell_names
from checker.sandbox.errors import CheckerImportBlocked
from checker.sandbox.policy import DEFAULT

SETUP_TAG = "setup"
EXERCISE_HEADING = re.compile(r"^#+\s*(Exercise\s+\d+)\b", re.MULTILINE)  # "### Exercise 4: `propagate`"


class NotebookUnreadable(CheckerError):
    """The file is not a notebook we can read; the message is written for the student."""


def read_cells(path, display_path=None, restore=None, size_limit=DEFAULT.notebook_bytes):
    """[{"number", "source", "whole"}] for the code cells to run, or NotebookUnreadable.

    `restore` (cells -> cells) puts the cells a student must not change back as the source has them,
    as official grading does (checker.staff.restore), before the cells to run are chosen.
    """
    return read_notebook(path, display_path, restore, size_limit)[1]


def read_notebook(path, display_path=None, restore=None, size_limit=DEFAULT.notebook_bytes):
    """(the cells as saved, all kinds, after `restore`; the code cells to run as read_cells gives them), or NotebookUnreadable."""
    display_path = display_path or str(path)
    try:
        with open(path, "rb") as file:
            data = file.read(size_limit + 1)
        if len(data) > size_limit:
            raise ValueError(f"it is larger than {size_limit // 2**20} MB")
        notebook = json.loads(data.decode("utf-8", errors="replace"))
        if not isinstance(notebook, dict):
            raise ValueError("it is not a JSON object")
        cells = _cells_of(notebook)
        cells = restore(cells) if restore is not None else cells
        return cells, cells_to_run(cells)
    except FileNotFoundError:
        raise NotebookUnreadable(f"there is no notebook at {display_path}") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        reason = f"it has no {error} entry" if isinstance(error, KeyError) else f"{type(error).__name__}: {error}"
        raise NotebookUnreadable(messages.UNREADABLE_NOTEBOOK.format(where=display_path, error=reason)) from None


def cells_to_run(cells):
    """[{"number", "source", "whole"}] of a notebook's cells (dicts as in its JSON): the code cells that are not grade cells."""
    return [_plain_cell(number, cell) for number, cell in enumerate(cells, start=1) if _runs(cell)]


def _cells_of(notebook):
    """The cell list of a format 4 notebook, or of a format 3 one upgraded as Jupyter would."""
    if notebook.get("nbformat") == 3 or "worksheets" in notebook:
        import nbformat

        notebook = nbformat.v4.upgrade(nbformat.from_dict(notebook), from_version=3)
    cells = notebook["cells"]
    if not isinstance(cells, list):
        raise TypeError("its cells are not a list")
    return cells


def _runs(cell):
    """Code cells run, except grade cells (a solution cell that is also graded runs)."""
    if cell["cell_type"] != "code":
        return False
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    return not (nbgrader.get("grade", False) and not nbgrader.get("solution", False))


def _plain_cell(number, cell):
    metadata = cell.get("metadata", {})
    whole = bool(metadata.get("nbgrader", {}).get("solution", False)) or SETUP_TAG in (metadata.get("tags") or [])
    return {"number": number, "source": cell_source(cell), "whole": whole}


def cell_source(cell):
    """A saved cell's text, whether the file keeps it as one string or as a list of lines."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def cell_defining(cells, name):
    """The number (every cell counted from 1) of the last code cell among saved `cells` that binds `name`, or None."""
    numbers = [number for number, cell in enumerate(cells, start=1) if cell.get("cell_type") == "code" and name in cell_names(cell_source(cell))]
    return numbers[-1] if numbers else None


def cell_in_words(cells, name):
    """How messages name the cell that defines `name`, as the student sees it: with its exercise's number when it has one."""
    number = cell_defining(cells, name) if cells else None
    exercise = _exercise_of(cells, number) if number else None
    return messages.CELL_DEFINING.format(name=name, exercise=f" ({exercise})" if exercise else "")


def never_run_notes(cells, names):
    """A note for each cell that binds one of `names` and that the saved notebook shows never ran (no execution count).

    The self-check grades the saved code; in Jupyter the check cell fails until that cell runs. A notebook in which no code
    cell has an execution count records nothing of what ran (never run, or its outputs cleared): no note.
    """
    if not any(cell.get("cell_type") == "code" and cell.get("execution_count") is not None for cell in cells):
        return []
    notes, seen = [], set()
    for name in names:
        number = cell_defining(cells, name)
        if number is not None and number not in seen and cells[number - 1].get("execution_count") is None:
            seen.add(number)
            notes.append(str(messages.NEVER_RUN.format(cell=cell_in_words(cells, name), name=name)))
    return notes


def _exercise_of(cells, number):
    """"Exercise 4" for a solution cell under a markdown heading "Exercise 4: ...", the nearest above it; else None."""
    if not cells[number - 1].get("metadata", {}).get("nbgrader", {}).get("solution"):
        return None
    for cell in reversed(cells[:number - 1]):
        found = EXERCISE_HEADING.findall(cell_source(cell)) if cell.get("cell_type") == "markdown" else []
        if found:
            return " ".join(found[-1].split())
    return None


def missing_name(outcomes, name, where):
    """Why `name` is not bound, in words: (headline, depends on the seed?)."""
    failing = [(number, outcome) for number, outcome in sorted(outcomes.items()) if name in outcome["defines"] and outcome["failure"]]
    number, outcome = failing[-1] if failing else (None, None)
    if outcome is None:
        if any(o["failure"] == "not implemented" for o in outcomes.values()):
            # An untouched exercise cell binds nothing yet: it only raises NotImplementedError.
            return messages.NOT_IMPLEMENTED.format(name=name, where=where)
        return messages.NOT_DEFINED.format(name=name, where=where)
    error = outcome["error"]
    if outcome["failure"] == "not implemented":
        return messages.NOT_IMPLEMENTED.format(name=name, where=where)
    if outcome["failure"] == "syntax":
        return messages.CELL_SYNTAX.format(name=name, where=where, line=error.get("line"), error=error.get("text"))
    if outcome["failure"] == "timeout":
        text = "a time-out"
    elif outcome["failure"] == "ended":
        text = f"the end of its process ({error.get('text')})"
    else:
        text = f"{error.get('type')}: {error.get('text')}" if error.get("text") else str(error.get("type"))
    place = f" ({error['where']}: {error['line']})" if error.get("where") and error.get("line") else ""
    stopped = messages.CELL_STOPPED.format(name=name, where=where, error=text, place=place)
    return stopped.named(messages.IMPORT_BLOCKED) if import_blocked(outcome) else stopped


def import_blocked(outcome):
    """Whether a cell's outcome is the sandbox refusing one of its imports (of the checker's internals, an answer key)."""
    error = outcome.get("error")
    return isinstance(error, dict) and error.get("type") == CheckerImportBlocked.__name__
