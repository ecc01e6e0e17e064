"""A notebook cell's source as Python: the names it binds (by its syntax tree, or by pattern when it does not parse), and how it fails to parse."""

import ast
import re

_MAGIC = re.compile(r"^(\s*)[%!].*$", re.MULTILINE)


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


def bound_names(tree):
    """Names a cell binds at top level (functions, classes, imports, assignment targets)."""
    visitor = _TopLevelNames()
    visitor.visit(tree)
    return visitor.names


def names_by_pattern(source):
    """Best guess at the names a cell that does not parse was meant to bind."""
    names = set(re.findall(r"^(?:async\s+)?(?:def|class)\s+(\w+)", source, re.MULTILINE))
    for targets in re.findall(r"^([A-Za-z_][\w \t,]*?)[ \t]*=[^=]", source, re.MULTILINE):
        names.update(part.strip() for part in targets.split(",") if part.strip().isidentifier())
    return names


def cell_names(source):
    """The names a cell's source binds at top level: by its syntax tree, or by pattern when it does not parse."""
    tree, error = parsed(without_magics(source))
    return bound_names(tree) if error is None else names_by_pattern(source)


def without_magics(source):
    """A cell's source as Python: IPython's magics and shell lines (`%time`, `!ls`) become `pass`, so line numbers stay."""
    return _MAGIC.sub(r"\1pass", source)


def parsed(source, filename="<cell>"):
    """(syntax tree, None) for a cell's source without magics, or (None, {"type", "text", "line"}) saying why it does not parse.

    The sandbox and a Jupyter kernel's grade cell both word a syntax error from this, so they say the same.
    """
    try:
        return ast.parse(source, filename), None
    except (SyntaxError, ValueError) as error:
        return None, {"type": type(error).__name__, "text": str(getattr(error, "msg", error))[:300], "line": getattr(error, "lineno", None)}
