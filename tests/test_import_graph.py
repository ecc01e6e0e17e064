"""Do the checker's modules import one another without a cycle, counting the imports inside functions too?

A module that imports a sibling inside a function to dodge a circle still depends on it: the graph here holds every
import statement of every module of checker/, wherever it stands, and an import of `a.b.c` depends on `a` and `a.b`
too (Python runs their `__init__.py` first), unless they are the importing module's own packages (which Python has
started before it: a package that re-exports its modules' names is no circle).
"""

import ast
from pathlib import Path

import checker

ROOT = Path(checker.__file__).resolve().parent.parent


def module_of(path, root=ROOT):
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node, module, is_package):
    """The modules an import statement of `module` names: for `from x import y`, x and x.y (y may be a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else [])) if node.level else node.module
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def import_graph(root=ROOT, top="checker"):
    """{module: the checker's modules it imports, with their parent packages}, from every import statement of every file."""
    modules = {module_of(path, root): path for path in (root / top).rglob("*.py")}
    graph = {}
    for module, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for name in imported(node, module, path.name == "__init__.py"):
                    parts = name.split(".")
                    found |= {".".join(parts[:end]) for end in range(1, len(parts) + 1)} & set(modules)
        own = {".".join(module.split(".")[:end]) for end in range(1, module.count(".") + 1)}
        graph[module] = found - {module} - own
    return graph


def cycle_in(graph):
    """A list of modules that import one another in a circle (the first found), or None."""
    state, stack = {}, []

    def visit(module):
        state[module] = "open"
        stack.append(module)
        for other in sorted(graph.get(module, ())):
            if state.get(other) == "open":
                return stack[stack.index(other):] + [other]
            if other not in state and (found := visit(other)):
                return found
        state[module] = "done"
        stack.pop()
        return None

    return next((found for module in sorted(graph) if module not in state and (found := visit(module))), None)


def test_the_checkers_imports_have_no_cycle():
    assert cycle_in(import_graph()) is None


def test_the_cycle_finder_sees_imports_inside_functions_and_relative_ones(tmp_path):
    """Does the graph count a relative import inside a function, and a parent package, as an edge?"""
    package = tmp_path / "checker"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from checker.sub import b\n")
    (package / "sub" / "b.py").write_text("def later():\n    from .. import a\n")
    graph = import_graph(tmp_path)
    assert graph["checker.a"] == {"checker.sub", "checker.sub.b"} and graph["checker.sub.b"] == {"checker.a"}  # its own packages are no edge
    assert cycle_in(graph) == ["checker.a", "checker.sub.b", "checker.a"]
    (package / "sub" / "b.py").write_text("def later():\n    import math\n")
    assert cycle_in(import_graph(tmp_path)) is None
