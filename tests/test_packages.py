"""Do the assignment packages keep one shape: checks named `check_` only when registered, no stand-ins or judges in
checks.py, stand-ins beside the student's code that import nothing of the checker's, no message that no check says, and
a course that reads without importing a check?

Driven by the course registry (checker.course.ASSIGNMENTS), so a new assignment is held to the same rules.
"""

import ast
import importlib
import inspect
import string
import subprocess
import sys
from pathlib import Path

import pytest

import checker
from checker.checks import messages
from checker.course import ASSIGNMENTS

CHECKER = Path(checker.__file__).resolve().parent
ROOT = CHECKER.parent
REQUIRED = {"__init__.py", "checks.py", "inputs.py", "messages.py", "reference.py", "mistakes.py"}
# lent.py: the judge's stand-ins, lent to the student's code across the sandbox's boundary; beside.py: stand-ins that run
# beside the student's code, in the sandbox; end_to_end.py: the run of an end-to-end check with the student's own
# functions (training, timing, whom to blame).
OPTIONAL = {"lent.py", "beside.py", "judges.py", "end_to_end.py"}
# What a beside.py may import: the sandbox's fork server imports it, and imports nothing of the checks or answer key.
BESIDE_IMPORTS = {"numpy", "checker.datasets", *sys.stdlib_module_names}


def folder_of(assignment):
    return assignment.folder


def module_name(path, root=ROOT):
    parts = path.resolve().relative_to(root.resolve()).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def parsed(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def dotted(node):
    """The dotted name of a chain of names and attributes ("a.b.c"), else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def imported_from(node, path, root):
    """The absolute module name an ImportFrom reads from (relative imports resolved against `path`)."""
    if not node.level:
        return node.module
    package = module_name(path, root).split(".")
    package = package if path.name == "__init__.py" else package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def names_read_from(path, target, root):
    """The names of module `target` that the module at `path` refers to: imported by name, or read as alias.NAME."""
    tree, found, aliases = parsed(path), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = imported_from(node, path, root)
            for alias in node.names:
                if source == target:
                    found.add(alias.name)
                elif f"{source}.{alias.name}" == target:
                    aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            aliases |= {alias.asname or alias.name for alias in node.names if alias.name == target}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and dotted(node.value) in aliases:
            found.add(node.attr)
    return found


def module_level_names(tree):
    """{name: the statement that defines it} for the names a module assigns, defines or declares at its top level."""
    defined = {}
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            defined[statement.name] = statement
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                defined.update({node.id: statement for node in ast.walk(target) if isinstance(node, ast.Name)})
    return {name: statement for name, statement in defined.items() if not name.startswith("__")}


def unused_names(target, root=ROOT):
    """The module-level names of module `target` that no other module of the checker (under root) reads, directly or not."""
    path = root.joinpath(*target.split(".")).with_suffix(".py")
    defined = module_level_names(parsed(path))
    others = [other for other in (root / "checker").rglob("*.py") if other.resolve() != path.resolve()]
    used = set().union(*(names_read_from(other, target, root) for other in others))
    # A name only the module itself reads counts when a used name is built from it (a table of messages, say).
    while True:
        reached = {node.id for name in used & set(defined) for node in ast.walk(defined[name]) if isinstance(node, ast.Name)}
        if reached <= used:
            break
        used |= reached
    return sorted(set(defined) - used)


MESSAGE_MODULES = [f"{assignment.package}.messages" for assignment in ASSIGNMENTS] + ["checker.checks.messages"]


@pytest.mark.parametrize("module", MESSAGE_MODULES)
def test_every_message_is_used(module):
    """Does some module of the checker say every message of each assignment and the shared ones?"""
    assert unused_names(module) == []


def test_the_usage_finder_sees_aliases_imports_and_tables(tmp_path):
    """Does unused_names count `say.X`, `from ... import X` and names a used table is built from, and nothing else?"""
    package = tmp_path / "checker"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "messages.py").write_text("A = 'a'\nB = 'b'\nC = 'c'\nTABLE = (B,)\nD = 'd'\nE = (D,)\n")
    (package / "user.py").write_text("from checker import messages as say\nfrom checker.messages import C\nprint(say.A, say.TABLE)\n")
    assert unused_names("checker.messages", tmp_path) == ["D", "E"]


def test_only_registered_checks_are_named_check():
    """Is every function named check_… under checker/assignments a check the registry lists (helpers say what they do instead)?"""
    registered = {(Path(inspect.getsourcefile(inspect.unwrap(check.function))).resolve(), check.function.__name__)
                  for assignment in ASSIGNMENTS for check in assignment.checks}
    paths = {path for assignment in ASSIGNMENTS for path in folder_of(assignment).rglob("*.py")}
    named = {(path.resolve(), node.name, node.lineno) for path in paths for node in ast.walk(parsed(path))
             if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.lstrip("_").startswith("check_")}
    assert [f"{path.relative_to(ROOT)}:{line} {name}" for path, name, line in sorted(named) if (path, name) not in registered] == []


def test_every_assignment_package_is_in_the_course():
    """Is every package under checker/assignments an assignment of the course, so the registry-driven tests reach it?"""
    packages = {path.parent.resolve() for path in (CHECKER / "assignments").glob("*/__init__.py")}
    assert packages == {folder_of(assignment).resolve() for assignment in ASSIGNMENTS}


@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda a: a.id)
def test_assignment_packages_have_one_shape(assignment):
    """Does each assignment package hold the same modules, with stand-ins and judges only in their optional own?"""
    folder = folder_of(assignment)
    modules = {path.name for path in folder.glob("*.py")}
    assert REQUIRED <= modules and modules - REQUIRED <= OPTIONAL, f"{folder.name}: {sorted(modules)}"
    assert [path.name for path in folder.iterdir() if path.is_dir() and path.name != "__pycache__"] == []


@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda a: a.id)
def test_checks_modules_hold_no_standins_or_judges(assignment):
    """Does checks.py leave stand-ins (classes, functions lent from inside a check) and judges to lent.py and judges.py?"""
    tree = parsed(folder_of(assignment) / "checks.py")
    classes = [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    nested = [inner.name for outer in tree.body if isinstance(outer, ast.FunctionDef)
              for inner in ast.walk(outer) if isinstance(inner, ast.FunctionDef) and inner is not outer]
    assert (classes, nested, "JUDGES" in module_level_names(tree)) == ([], [], False)


def imported_modules(path):
    """Every module a Python file imports, at its top or inside functions."""
    found = set()
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if a.beside], ids=lambda a: a.id)
def test_stand_ins_beside_the_students_code_import_nothing_of_the_checks(assignment):
    """Does each beside.py import only NumPy, the standard library and the data loaders (the fork server imports it), and
    lend by name exactly the classes its KINDS holds?"""
    path = folder_of(assignment) / "beside.py"
    assert {name for name in imported_modules(path) if name not in BESIDE_IMPORTS and name.partition(".")[0] not in BESIDE_IMPORTS} == set()
    kinds = importlib.import_module(assignment.beside).KINDS
    assert kinds and all(kind.__name__ == name and inspect.isclass(kind) for name, kind in kinds.items())


def test_the_fork_server_imports_the_stand_ins_and_nothing_of_the_checks():
    """Does what the fork server imports of the course (each beside.py, from the course's plain data) leave every
    assignment's checks, answer key and mistakes, and the checker's checks, unimported?"""
    probe = ("import sys; from checker.course import sandbox_needs; from checker.sandbox.fork_server import import_beside; "
             "found = import_beside(sandbox_needs()['beside']); print(len(found), *sorted(name for name in sys.modules "
             "if name.startswith('checker.checks') or name.endswith(('.checks', '.reference', '.mistakes', '.lent'))))")
    printed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert printed == [str(len([assignment for assignment in ASSIGNMENTS if assignment.beside]))]


def test_reading_the_course_imports_no_check():
    """Does `import checker.course` (what the staff commands' refusals and the fork server read) leave NumPy, SymPy and
    every assignment's checks unimported?"""
    probe = ("import sys, checker.course; print(*sorted(name for name in sys.modules if name in ('numpy', 'sympy') "
             "or name.endswith(('.checks', '.reference', '.mistakes'))))")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split() == []


@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda a: a.id)
def test_every_catalogued_mistake_is_told_by_a_diagnosis(assignment):
    """Does each mistake of mistakes.py's MISTAKES have its Diagnosis in messages.py (its id, or the id of the mistake it is
    a variant of), so that the checks' candidates come from MISTAKES alone?"""
    say = importlib.import_module(f"{assignment.package}.messages")
    mistakes = importlib.import_module(f"{assignment.package}.mistakes").MISTAKES
    told = {mistake: messages.told_by(say, mistake).id for function in mistakes.values() for mistake in function}
    assert all(mistake == id or mistake.startswith(id + "_") for mistake, id in told.items())


def templates_in(module):
    """(name, template) of every message template a messages module declares: at its top level, or in a table there."""
    found = []
    for name, value in vars(module).items():
        tables = value.items() if isinstance(value, dict) else [(None, value)]
        found += [(f"{name}[{key!r}]" if key is not None else name, item) for key, item in tables if isinstance(item, messages.Diagnosis)]
    return found


@pytest.mark.parametrize("module", MESSAGE_MODULES)
def test_every_template_declares_where_each_field_comes_from(module):
    """Does every template say of each of its fields, once, whether the checker fills it or the student's code does (so a
    hidden seed keeps the checker's words and hides the rest, with no list elsewhere to keep in step)?"""
    wrong = {}
    for name, template in templates_in(importlib.import_module(module)):
        fields = {field for _, field, _, _ in string.Formatter().parse(template) if field}
        if template.checker | template.student != fields or template.checker & template.student:
            wrong[name] = (sorted(fields), sorted(template.checker), sorted(template.student))
    assert wrong == {}


def test_a_hidden_seed_keeps_a_checkers_constant_and_hides_the_students_values():
    """Does 02's outcome message, under a hidden seed, keep the learning rate (the checker's constant, which the central list
    of checker fields used to miss) and hide the accuracy and cost the student's layers reached?"""
    from checker.assignments.computational_graph import messages as say
    from checker.checks.failure_text import in_private

    filled = say.OUTCOME.format(task="XOR", epochs=1500, rate=0.75, accuracy=0.5, cost=0.2513)
    private = in_private(filled, lambda name: False)
    assert "learning rate 0.75" in private and "1500 epochs" in private and "XOR" in private
    assert "50%" not in private and "0.2513" not in private and private.id == say.OUTCOME.id
