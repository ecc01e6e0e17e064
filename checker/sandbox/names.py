"""The names a notebook cell binds, read from its source: by its syntax tree, or by pattern when it does not parse."""

import ast
import re


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
