"""A grade cell in a Jupyter kernel that cannot find a name: why, in the words `pytest checker` uses.

The kernel holds what the student ran (IPython's input history) and runs in the saved notebook's
folder (Jupyter starts it there). The last cell run that defines the name and does not parse is
told as the self-check tells a syntax error; otherwise the name is not defined yet, and the message
names its cell as the self-check's note about a cell never run names it.
"""

from pathlib import Path

from checker.checks import messages, notebook
from checker.sandbox.cell_names import cell_names, parsed, without_magics

HERE = "this notebook"  # where the cell is, for a kernel; the self-check says the notebook's path instead


def missing_in_kernel(name, check, namespace):
    """The headline for the grade cell of `check` when the kernel's namespace lacks `name`."""
    source = _last_run_defining(name)
    error = parsed(without_magics(source))[1] if source is not None else None
    if error is not None:
        return messages.CELL_SYNTAX.format(name=name, where=HERE, line=error["line"], error=error["text"])
    return messages.NOT_RUN.format(name=name, check=check, cell=notebook.cell_in_words(_saved_cells(namespace, check), name))


def _last_run_defining(name):
    """The source of the last cell this kernel ran that binds `name` (or was meant to, if it does not parse), or None."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: no cells, no history
        return None
    history = getattr(getattr(get_ipython(), "history_manager", None), "input_hist_raw", None) or []
    return next((source for source in reversed(history) if name in cell_names(source)), None)


def _saved_cells(namespace, check):
    """The cells of the saved notebook that holds the grade cell of `check`: the kernel's session, or one in its folder."""
    session = namespace.get("__session__")  # set by ipykernel when Jupyter names the notebook
    for path in ([Path(session)] if isinstance(session, str) else []) + sorted(Path.cwd().glob("*.ipynb")):
        try:
            cells = notebook.read_notebook(path)[0] if path.suffix == ".ipynb" else []
        except notebook.NotebookUnreadable:
            continue
        if any(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == check for cell in cells):
            return cells
    return []
