"""What an assignment is: a package that declares its id, notebook, checks and points in its `__init__.py`.

Declaring one imports nothing but the standard library: a check's function is loaded with its package's
checks.py on first use. So the course (checker.course) answers "which assignments, what ids" at once for
the staff commands' refusals, and the sandbox's fork server imports an assignment's beside.py (the
stand-ins that run beside the student's code) without its checks or its answer key.
"""

import importlib
import importlib.util
from pathlib import Path

BESIDE_MODULE = "beside"  # an assignment's stand-ins that run beside the student's code, in the sandbox: <package>.beside
CHECK_PREFIX = "check_"  # the check `sigmoid` is checks.py's `check_sigmoid`, which a grade cell imports from the package


class Check:
    """One graded item: checks.py's `check_<name>`, the points it is worth, and what of the student's code it grades.

    `subject` is how messages name that code ("`Network.backprop`"); by default the names the check needs.
    """

    def __init__(self, name, points, subject=None, package=None):
        self.name, self.points, self.package = name, points, package
        self._subject = subject
        self._function = None

    def of(self, package):
        """This check as the package `package` declares it."""
        return Check(self.name, self.points, self._subject, package)

    @property
    def function(self):
        """The check itself (checker.checks.registry.check), imported with its package's checks.py on first use."""
        if self._function is None:
            self._function = getattr(importlib.import_module(f"{self.package}.checks"), CHECK_PREFIX + self.name)
        return self._function

    @property
    def needs(self):
        """The notebook names the check grades, in order."""
        return self.function.needs

    @property
    def upstream(self):
        """The checks of the functions an end-to-end check's run uses."""
        return self.function.upstream

    @property
    def subject(self):
        return self._subject or " or ".join(self.needs)  # the check of sigmoid and sigmoid_prime fails: one of them is wrong


class Assignment:
    """An assignment: the package that declares it, its folder id, notebook file and checks."""

    def __init__(self, package, id, notebook, checks):
        self.package, self.id, self.notebook = package, id, notebook
        self.checks = tuple(check.of(package) for check in checks)

    @property
    def points(self):
        return sum(check.points for check in self.checks)

    def check(self, name):
        return next(check for check in self.checks if check.name == name)

    @property
    def folder(self):
        """The package's folder (its answer key lives there: the sandbox keeps it out of a notebook's reach)."""
        return Path(importlib.util.find_spec(self.package).origin).parent

    @property
    def import_root(self):
        """The folder its top-level package is found in (the sandbox's fork server imports its beside.py from there)."""
        return Path(importlib.util.find_spec(self.package.partition(".")[0]).submodule_search_locations[0]).parent

    @property
    def beside(self):
        """The module of stand-ins that run beside the student's code (`<package>.beside`), or None when it has none."""
        name = f"{self.package}.{BESIDE_MODULE}"
        return name if importlib.util.find_spec(name) is not None else None

    def exported(self, name):
        """The package's `check_<name>` (a grade cell's `from <package> import check_sigmoid`): its module's __getattr__."""
        if name.startswith(CHECK_PREFIX) and any(check.name == name.removeprefix(CHECK_PREFIX) for check in self.checks):
            return self.check(name.removeprefix(CHECK_PREFIX)).function
        raise AttributeError(f"module {self.package!r} has no attribute {name!r}")

    @property
    def exports(self):
        """What the package exports: its ASSIGNMENT and each check (its `__all__`)."""
        return ["ASSIGNMENT"] + [CHECK_PREFIX + check.name for check in self.checks]
