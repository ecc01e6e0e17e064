"""Build the student kit: a wheel of the checker without the answer key, and the exercises, in one folder.

    backprop-lab build-student-kit [OUT] [--force]

Run at the repository's root (or pass --course). OUT (default: kit/, which git ignores) must be
new or empty, or with --force a kit to rebuild; it then holds backprop_lab-<version>-py3-none-any.whl (the checker, with no
reference or mistake implementation, no staff tools and no hidden seed; each assignment carries a
record of what its checks expect for the public seed; plugged-in assignments come along with their
packages), exercises/ (the release notebooks),
pytest.ini (so that `pytest checker` finds the installed checker) and README.md (the student's
instructions). The record comes from running every check on the solution notebooks, in the
sandbox; a build that does not finish leaves OUT as it was.
"""

import contextlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checker
from checker.staff.folders import require_staff_repository

STAFF_ONLY = ("reference.py", "mistakes.py")  # in every assignment package
STAFF_PACKAGES = ("staff",)
PYTEST_INI = "[pytest]\n# `pytest checker` grades the notebooks in exercises/ with the installed checker.\naddopts = --pyargs\n"
STUDENT_README = """# backprop-lab: your exercises and their checker

```bash
python -m venv .venv && . .venv/bin/activate && pip install {wheel}
pytest checker
```

The first line installs the checker and everything the notebooks use (NumPy, SymPy, JupyterLab, ...).
The second checks every notebook in `exercises/` and ends with your score. Open the notebooks with
`jupyter lab`, fill in each `# YOUR CODE HERE`, save, and run `pytest checker` again whenever you like
(`pytest checker -k propagate` checks one function, `pytest checker -x` stops at the first failure).

The self-check compares your functions with the checker's expectations for its public inputs. The
official grading checks the same functions with other inputs, so only a correct function earns the
points: a function that returns memorised numbers passes here and fails there.
"""
PROJECT = """[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "backprop-lab"
version = "{version}"
description = "The backprop-lab checker for students: checks your notebooks, holds no answer key."
requires-python = ">=3.10"
dependencies = {dependencies}

[project.entry-points.pytest11]
backprop-lab = "checker.plugin"
{entry_points}
[tool.setuptools.packages.find]
include = {packages}

[tool.setuptools.package-data]
"*" = ["*.bpl"]
"""


def add_arguments(parser):
    parser.add_argument("out", metavar="OUT", nargs="?", help="folder to write the kit into, new or empty (default: kit/ in the repository)")
    parser.add_argument("--course", metavar="DIR", default=".", help="the staff repository, with solutions/ and exercises/ (default: here)")
    parser.add_argument("--force", action="store_true", help="replace the kit already in OUT (it stays as it was if the build fails)")


def run(options):
    started = time.monotonic()
    out = Path(options.out) if options.out else Path(options.course) / "kit"
    wheel = build_student_kit(Path(options.course), out, replace=options.force)
    print(f"student kit in {out}: {wheel.name}, exercises/, pytest.ini, README.md ({time.monotonic() - started:.1f} s)")
    return 0


def record_expectations(course, sandbox):
    """{assignment package: record bytes}: every check run on its solution notebook at the public seed, answers written down."""
    from checker.checks import expectations
    from checker.checks.errors import CheckFailure
    from checker.checks.seeds import PUBLIC
    from checker.checks.session import NotebookSession
    from checker.course import ASSIGNMENTS

    records = {}
    for assignment in ASSIGNMENTS:
        package = assignment.package
        recording = expectations.Recording(expectations.Live(package))
        expectations.SOURCES[package] = recording
        path = course / "solutions" / assignment.id / assignment.notebook
        session = NotebookSession.from_file(sandbox, path, str(path))
        try:
            for check in assignment.checks:
                with contextlib.redirect_stdout(io.StringIO()):
                    try:
                        session.run(check, seed=PUBLIC)
                    except CheckFailure as failure:
                        raise SystemExit(f"the solution of {assignment.id} fails its check {check.name}, so no kit was built:\n{failure}") from None
        finally:
            session.close()
            del expectations.SOURCES[package]
        records[package] = recording.to_bytes()
    return records


def build_student_kit(course, out, replace=False):
    """Write the kit into `out` (new or empty, or any kit folder with `replace`); returns the wheel's path.

    A build that does not finish leaves `out` as it was: the kit is built beside it and moved in place at the end.
    """
    require_staff_repository(course)
    if out.exists() and not out.is_dir():
        raise SystemExit(f"{out} is a file: choose a folder for the kit")
    if out.exists() and any(out.iterdir()) and not replace:
        raise SystemExit(f"{out} is not empty: choose a new folder for the kit, or pass --force to rebuild it")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kit-", dir=out.parent) as building:
        wheel = _build(course, Path(building) / "kit")
        if out.exists():
            shutil.rmtree(out)
        Path(building, "kit").rename(out)
    return out / wheel.name


def _build(course, out):
    from checker.sandbox.sandbox import Sandbox

    out.mkdir()
    sandbox = Sandbox()
    try:
        records = record_expectations(course, sandbox)
    finally:
        sandbox.close()
    with tempfile.TemporaryDirectory() as build:
        source = Path(build) / "source"
        tops = _copy_checker(Path(checker.__file__).parent, source, records)
        (source / "pyproject.toml").write_text(PROJECT.format(version=_version(), dependencies=_dependencies(),
                                                              packages=json.dumps([f"{top}*" for top in tops]), entry_points=_entry_points()))
        subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)],
                       check=True, capture_output=True)
    wheel = next(out.glob("*.whl"))
    shutil.copytree(course / "exercises", out / "exercises")
    (out / "pytest.ini").write_text(PYTEST_INI)
    (out / "README.md").write_text(STUDENT_README.format(wheel=wheel.name))
    return wheel


def _copy_checker(package, source, records):
    """The checker package minus the staff's modules, and beside it the top package of each plugged-in assignment; each
    assignment's record beside its checks. Returns the top packages copied."""
    from checker.checks import expectations
    from checker.course import ASSIGNMENTS, PLUGGED_IN

    assignment_folders = {assignment.folder.resolve() for assignment in ASSIGNMENTS}

    def ignored(folder, names):
        skip = {name for name in names if name == "__pycache__" or name.endswith((".pyc", expectations.RECORD_FILE))}
        if Path(folder).resolve() in assignment_folders:
            skip |= set(STAFF_ONLY) & set(names)
        if Path(folder) == package:
            skip |= set(STAFF_PACKAGES) & set(names)
        return skip

    tops = {"checker": package}
    for assignment in PLUGGED_IN:
        top = assignment.package.partition(".")[0]
        tops.setdefault(top, assignment.import_root / top)
    for top, folder in tops.items():
        shutil.copytree(folder, source / top, ignore=ignored)
    for name, data in records.items():
        (source / Path(*name.split(".")) / expectations.RECORD_FILE).write_bytes(data)
    return list(tops)


def _entry_points():
    """The kit's own declaration of the plugged-in assignments, so that the installed kit's course holds them too."""
    from checker.course import ENTRY_POINTS, PLUGGED_IN

    if not PLUGGED_IN:
        return ""
    lines = "".join(f'"{assignment.id}" = "{assignment.package}:ASSIGNMENT"\n' for assignment in PLUGGED_IN)
    return f'\n[project.entry-points."{ENTRY_POINTS}"]\n{lines}'


def _version():
    from importlib.metadata import version

    return version("backprop-lab")


def _dependencies():
    from importlib.metadata import requires

    return "[" + ", ".join(f'"{requirement}"' for requirement in requires("backprop-lab") if "extra ==" not in requirement) + "]"
