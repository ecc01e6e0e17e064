"""What an assignment is: a package that declares its id, notebook, checks and points in its `__init__.py`.

Declaring one imports nothing but the standard library: a check's function is loaded with its package's
checks.py on first use. So the course (checker.course) answers "which assignments, what ids" at once for
the staff commands' refusals, and the sandbox's fork server imports an assignment's beside.py (the
stand-ins that run beside the student's code) without its checks or its answer key.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

BESIDE_MODULE = "beside"  # an assignment's stand-ins that run beside the student's code, in the sandbox: <package>.beside
CHECK_PREFIX = "check_"  # the check `sigmoid` is checks.py's `check_sigmoid`, which a grade cell imports from the package


class CheckFunction(Protocol):
    """A check as checker.checks.registry.check makes it: `check_x(*values, seed=...)`, and `check_x.grade(...)`."""

    check_name: str
    needs: tuple[str, ...]  # the notebook names it grades, in order
    upstream: tuple[str, ...]  # the checks of the functions an end-to-end check's run uses

    def __call__(self, *values: Any, **options: Any) -> None: ...

    def grade(self, *values: Any, **options: Any) -> list[str]: ...


class Check:
    """One graded item: checks.py's `check_<name>`, the points it is worth, and what of the student's code it grades.

    `subject` is how messages name that code ("`Network.backprop`"); by default the names the check needs.
    """

    def __init__(self, name: str, points: float, subject: str | None = None, assignment: Assignment | None = None) -> None:
        self.name, self.points, self.assignment = name, points, assignment
        self._subject = subject
        self._function: CheckFunction | None = None

    def of(self, assignment: Assignment) -> Check:
        """This check as `assignment` declares it."""
        return Check(self.name, self.points, self._subject, assignment)

    @property
    def package(self) -> str:
        if self.assignment is None:
            raise LookupError(f"the check {self.name} belongs to no assignment yet: an Assignment's checks do")
        return self.assignment.package

    @property
    def function(self) -> CheckFunction:
        """The check itself (checker.checks.registry.check), imported with its package's checks.py on first use."""
        if self._function is None:
            self._function = getattr(importlib.import_module(f"{self.package}.checks"), CHECK_PREFIX + self.name)
        return self._function

    @property
    def needs(self) -> tuple[str, ...]:
        """The notebook names the check grades, in order."""
        return self.function.needs

    @property
    def upstream(self) -> tuple[str, ...]:
        """The checks of the functions an end-to-end check's run uses."""
        return self.function.upstream

    @property
    def subject(self) -> str:
        return self._subject or " or ".join(self.needs)  # the check of sigmoid and sigmoid_prime fails: one of them is wrong


class Assignment:
    """An assignment: the package that declares it, its folder id, notebook file and checks."""

    def __init__(self, package: str, id: str, notebook: str, checks: Iterable[Check]) -> None:
        self.package, self.id, self.notebook = package, id, notebook
        self.checks = tuple(check.of(self) for check in checks)

    @property
    def points(self) -> float:
        return sum(check.points for check in self.checks)

    def check(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)

    @property
    def folder(self) -> Path:
        """The package's folder (its answer key lives there: the sandbox keeps it out of a notebook's reach)."""
        return Path(str(_spec(self.package).origin)).parent

    @property
    def import_root(self) -> Path:
        """The folder its top-level package is found in (the sandbox's fork server imports its beside.py from there)."""
        return Path(list(_spec(self.package.partition(".")[0]).submodule_search_locations or [])[0]).parent

    @property
    def beside(self) -> str | None:
        """The module of stand-ins that run beside the student's code (`<package>.beside`), or None when it has none."""
        name = f"{self.package}.{BESIDE_MODULE}"
        return name if importlib.util.find_spec(name) is not None else None

    def exported(self, name: str) -> CheckFunction:
        """The package's `check_<name>` (a grade cell's `from <package> import check_sigmoid`): its module's __getattr__."""
        if name.startswith(CHECK_PREFIX) and any(check.name == name.removeprefix(CHECK_PREFIX) for check in self.checks):
            return self.check(name.removeprefix(CHECK_PREFIX)).function
        raise AttributeError(f"module {self.package!r} has no attribute {name!r}")

    @property
    def exports(self) -> list[str]:
        """What the package exports: its ASSIGNMENT and each check (its `__all__`)."""
        return ["ASSIGNMENT"] + [CHECK_PREFIX + check.name for check in self.checks]


def _spec(package: str) -> importlib.machinery.ModuleSpec:
    spec = importlib.util.find_spec(package)
    if spec is None:
        raise ModuleNotFoundError(f"no package {package}", name=package)
    return spec


def declared_by(module: str) -> Assignment:
    """The assignment the package of the module named `module` declares (a check's, from its checks.py): the package is
    imported already, as a module's package always is."""
    assignment: Assignment = getattr(sys.modules[module.rpartition(".")[0]], "ASSIGNMENT")
    return assignment
