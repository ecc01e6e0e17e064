"""Argument sensitivity: every parameter of every graded function must matter to some check.

The graded functions are the ones a student writes: those with a solution region in the
assignment's source notebook. A *frozen* implementation is a correct one that keeps the first
value it receives for one parameter and reuses that object in every later call: the strongest form of
ignoring or hard-coding that parameter, since it is even right for the first call. Graded as
official grading does (several seeds in one check process), some check must tell it apart.
"""

import ast
import inspect
import json
import types
from pathlib import Path

import cloudpickle

from catalogue import catalogue_of, notebook_names

REPO = Path(__file__).resolve().parents[1]
# Parameters no check can see, with the reason; each must exist, so the list cannot go stale.
EXEMPT = {
    "print_cost": "it only prints, and the sandbox discards a submission's output",
    "print_msg": "it only prints, and the sandbox discards a submission's output",
    "model(Y_test)": "only the given code's accuracy printout reads it",
    "backward_propagation(theta)": "the derivative of J = θx does not depend on θ",
}


def solution_functions(assignment):
    """["function" or "Class.method"] for every function with a solution region in the source notebook.

    A function the same cell attaches to a class (`Network.feedforward = feedforward`) is that class's method.
    """
    notebook = json.loads((REPO / "solutions" / assignment.id / assignment.notebook).read_text())
    found = []
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "BEGIN SOLUTION" not in source:
            continue
        lines = source.splitlines()
        body = ast.parse(source).body
        attached = {node.value.id: f"{target.value.id}.{target.attr}" for node in body
                    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) for target in node.targets
                    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)}
        for node in body:
            members = [(f"{node.name}.", item) for item in node.body] if isinstance(node, ast.ClassDef) else [("", node)]
            found += [prefix + item.name if prefix else attached.get(item.name, item.name) for prefix, item in members
                      if isinstance(item, ast.FunctionDef) and "BEGIN SOLUTION" in "\n".join(lines[item.lineno - 1 : item.end_lineno])]
    return found


def graded_functions(assignment):
    """{"function" or "Class.method": (a correct implementation, [(check, notebook names)])}, checks named after it first.

    Read from the registry (each check's needs) and, for each check, its first correct catalogue entry.
    """
    catalogue = catalogue_of(assignment)
    found = {}
    for check in assignment.checks:
        _, implementation = next(entry for entry in catalogue.CORRECT.values() if entry[0] == check.name)
        names = notebook_names(assignment, check, implementation)
        for need in check.needs:
            for qualified, function in _callables(need, names.get(need)):
                found.setdefault(qualified, (function, []))[1].append((check, names))
    for qualified, (_, uses) in found.items():
        uses.sort(key=lambda use: use[0].name.lower() != qualified.rpartition(".")[2].lower())
    return found


def _callables(name, value):
    if inspect.isclass(value):
        for method, function in vars(value).items():
            if inspect.isfunction(function):
                yield f"{name}.{method}", function
    elif inspect.isfunction(value):
        yield name, value


def parameters(qualified, function):
    """The parameters of a graded function (self aside), and the exempt ones among them."""
    names = list(inspect.signature(function).parameters)[1 if "." in qualified else 0 :]
    exempt = [name for name in names if name in EXEMPT or f"{qualified}({name})" in EXEMPT]
    return [name for name in names if name not in exempt], exempt


def frozen(function, parameter):
    """`function`, except that `parameter` keeps the first value it was given (defaults included).

    With parameter None it only passes its arguments on: the control, which must pass every check.
    The result shares `function`'s globals, so the checker's stand-ins for helpers reach it as they
    reach the original.
    """
    signature, remembered = inspect.signature(function), []

    def frozen_function(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        if parameter is not None:
            if not remembered:
                remembered.append(bound.arguments[parameter])
            bound.arguments[parameter] = remembered[0]
        return function(*bound.args, **bound.kwargs)

    wrapper = types.FunctionType(frozen_function.__code__, function.__globals__, function.__name__, None, frozen_function.__closure__)
    wrapper.__qualname__, wrapper.__module__, wrapper.__signature__ = function.__qualname__, function.__module__, signature
    return wrapper


def with_frozen(names, qualified, parameter):
    """Notebook names with one parameter of one graded function (or method) frozen."""
    owner, _, method = qualified.rpartition(".")
    cloudpickle.register_pickle_by_value(inspect.getmodule(frozen))
    if not owner:
        cloudpickle.register_pickle_by_value(inspect.getmodule(names[qualified]))
        return {**names, qualified: frozen(names[qualified], parameter)}
    cls = names[owner]
    cloudpickle.register_pickle_by_value(inspect.getmodule(cls))
    subclass = type(cls.__name__, (cls,), {method: frozen(vars(cls)[method], parameter), "__module__": cls.__module__})
    return {**names, owner: subclass}
