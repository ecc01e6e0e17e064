"""The code a check grades, as each student wrote it: read from their submitted notebook, for staff to compare.

A name is a function or class ("propagate") or a method ("Network.backprop": in its class, or a
function of that name the notebook attaches to it). The last code cell that defines it wins, as in
the notebook's run; a cell that does not parse is shown whole.
"""

import ast

from checker.checks.notebook import NotebookUnreadable, cell_source, read_notebook
from checker.sandbox.cell_names import names_by_pattern, parsed, without_magics

NOT_FOUND = "(not found in the submitted notebook)"


def code_in_notebook(path, names):
    """The source of each of `names` in the notebook at `path`, one after the other; None when the file cannot be read."""
    try:
        cells = read_notebook(path)[0]
    except NotebookUnreadable:
        return None
    return "\n\n".join(source_of(cells, name) or f"# {name}: {NOT_FOUND}" for name in names)


def source_of(cells, name):
    """The source of `name` as the last code cell that defines it has it, or None if no cell does."""
    owner, _, member = name.partition(".")
    for cell in reversed([cell for cell in cells if cell.get("cell_type") == "code"]):
        source = without_magics(cell_source(cell))
        tree, error = parsed(source)
        if error is not None:
            if (member or owner) in names_by_pattern(source):
                return source
            continue
        node = _definition(tree.body, owner, member)
        if node is not None:
            return ast.get_source_segment(source, node)
    return None


def _definition(body, owner, member):
    """The last top-level definition of `owner` (or of `member`, in class `owner` or on its own) in a cell's statements."""
    for node in reversed(body):
        if member and isinstance(node, ast.ClassDef) and node.name == owner:
            found = next((item for item in reversed(node.body) if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                          and item.name == member), None)
            if found is not None:
                return found
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == (member or owner):
            return node
    return None
