"""`pytest checker`: every check of every assignment as a test item, and a score at the end.

Collection claims checker/course.py and yields one node per assignment notebook, named by the
notebook's path, which yields one item per check:
`exercises/01_logistic_regression/logistic_regression.ipynb::propagate`, so the summary names the
check as the student knows it and `-k propagate` selects by check. Failures print only the
checker's message, never a traceback of ours.

The notebooks run in the sandbox, exactly as in official grading: each notebook once, in a
confined process, and each check in a fresh process forked from it; the checks run here.
The sandbox's fork server starts at pytest_configure, so that its imports overlap the checks'
(imported only when the course is collected), and the notebooks load one after another on a
background thread, each while the checks of the one before run.
"""

import gc
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checker.checks import messages, notebook, seeds
from checker.checks.errors import CheckFailure, GraderError
from checker.checks.notebook import NotebookUnreadable
from checker.sandbox.sandbox import Sandbox, SandboxUnavailable

# The course is imported when collected, not with this plugin: the sandbox's fork server starts first and warms up meanwhile.
COURSE_FILE = Path(__file__).resolve().parent / "course.py"
NOTEBOOKS_HELP = "folder laid out like exercises/ (DIR/<assignment>/<notebook>.ipynb) to grade; default: exercises"
SEED_HELP = f"seed for the checks' random inputs (default {seeds.PUBLIC_SEED}); failures print the seed they used"
SCORE_LINE = "backprop-lab score: {earned:g}/{total:g} — {parts}"
NO_NOTEBOOKS = "no assignment notebooks in {folder}: expected {example}"
MISSING_NOTEBOOK = "no notebook at {path}"
SANDBOX = pytest.StashKey()
LOADER = pytest.StashKey()  # the thread that loads notebooks while earlier checks run
SEED = pytest.StashKey()  # the seeds.Seed every check of the session runs with
DIAGNOSIS = "diagnosis"  # the user property that carries a failed check's diagnosis id to the report card


def pytest_addoption(parser):
    group = parser.getgroup("backprop-lab", "backprop-lab self-check")
    group.addoption("--notebooks", metavar="DIR", default=None, help=NOTEBOOKS_HELP)
    group.addoption("--checker-seed", metavar="N", type=int, default=None, help=SEED_HELP)


def pytest_configure(config):
    chosen = config.getoption("checker_seed", None)
    config.stash[SEED] = seeds.PUBLIC if chosen is None else seeds.Seed(chosen, public=True)  # the student's choice: public
    if _names_the_installed_checker(config):
        config.option.pyargs = True  # `pytest checker` anywhere: the installed package, as the student kit's pytest.ini says
    config.pluginmanager.register(Scoreboard(), "backprop-lab-scoreboard")
    if _collects_the_course(config) and not config.option.collectonly:
        sandbox_of(config)  # its imports overlap ours: the checks' modules are imported while pytest collects


def _names_the_installed_checker(config):
    """Whether `checker` on the command line can only mean this package: no such file or folder where pytest runs."""
    return "checker" in config.args and not (config.invocation_params.dir / "checker").exists()


def _collects_the_course(config):
    """Whether the command line names the checker or its course file: a self-check, which needs the sandbox."""
    for arg in config.args:
        path = Path(arg.split("::")[0])
        if arg == "checker" and config.option.pyargs:
            return True
        if (config.invocation_params.dir / path).resolve() in (COURSE_FILE, COURSE_FILE.parent):
            return True
    return False


def pytest_unconfigure(config):
    loader = config.stash.get(LOADER, None)
    if loader is not None:
        loader.shutdown(wait=False, cancel_futures=True)  # a load under way ends with the sandbox
    sandbox = config.stash.get(SANDBOX, None)
    if sandbox is not None:
        sandbox.close()


def sandbox_of(config):
    """The session's sandbox, started once (its fork server warms up while pytest collects)."""
    if SANDBOX not in config.stash:
        config.stash[SANDBOX] = Sandbox()
        config.stash[SANDBOX].start()
    return config.stash[SANDBOX]


def pytest_collection_finish(session):
    """Load every notebook that has a check to run, in order, on one thread: a notebook loads while the checks of the one before run."""
    files = dict.fromkeys(item.parent for item in session.items if isinstance(item, CheckItem) and not item.get_closest_marker("skip"))
    if files and not session.config.option.collectonly:
        # What the imports made lives to the end: the collector need not walk it again (pytest collects at exit, too).
        gc.freeze()
        loader = session.config.stash.setdefault(LOADER, ThreadPoolExecutor(max_workers=1, thread_name_prefix="backprop-lab-loader"))
        for file in files:
            file.load_soon(loader)


def pytest_collect_file(file_path, parent):
    if Path(file_path).resolve() == COURSE_FILE:
        folder = notebooks_folder(parent.config)
        return CourseFile.from_parent(parent, path=file_path, nodeid=node_path(folder, parent.config))
    return None


def notebooks_folder(config):
    option = config.getoption("notebooks", None)
    if option is None:
        return config.rootpath / "exercises"
    return config.invocation_params.dir / option


def display_path(path, config):
    """The notebook path as the student would type it: relative to where pytest was run."""
    relative = os.path.relpath(path, config.invocation_params.dir)
    return str(path) if relative.startswith("..") else relative


def node_path(path, config):
    """`path` as pytest's ids hold paths: relative to the rootdir (pytest shows it relative to where it ran), else absolute."""
    path = Path(os.path.abspath(path))
    return path.relative_to(config.rootpath).as_posix() if path.is_relative_to(config.rootpath) else path.as_posix()


class ReportsUnreadableNotebooks:
    """A collector whose unreadable-notebook error is shown as its message alone, without a traceback."""

    def repr_failure(self, excinfo):
        if excinfo.errisinstance(NotebookUnreadable):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class CourseFile(ReportsUnreadableNotebooks, pytest.File):
    def collect(self):
        from checker import course

        folder = notebooks_folder(self.config)
        present = [a for a in course.ASSIGNMENTS if (folder / a.id / a.notebook).exists()]
        if not present:
            first = course.ASSIGNMENTS[0]
            raise NotebookUnreadable(NO_NOTEBOOKS.format(folder=folder, example=Path(folder.name, first.id, first.notebook)))
        for assignment in course.ASSIGNMENTS:
            path = folder / assignment.id / assignment.notebook
            yield NotebookFile.from_parent(self, path=path, name=display_path(path, self.config), nodeid=node_path(path, self.config),
                                           assignment=assignment)


class NotebookFile(ReportsUnreadableNotebooks, pytest.File):
    """One assignment's notebook, whose checks are its items: `<notebook>::propagate`."""

    def __init__(self, *, assignment, **kwargs):
        super().__init__(**kwargs)
        self.assignment = assignment
        self.shown_path = display_path(self.path, self.config)
        self._session = self._loading = None
        self._saved = self._cells = None

    def collect(self):
        missing = not self.path.exists()
        if not missing:
            self._saved, self._cells = notebook.read_notebook(self.path, self.shown_path)  # unreadable: one error for the assignment
            sandbox_of(self.config)
        for check in self.assignment.checks:
            item = CheckItem.from_parent(self, name=check.name, check=check)
            if missing:
                item.add_marker(pytest.mark.skip(reason=MISSING_NOTEBOOK.format(path=self.shown_path)))
            yield item

    def load_soon(self, loader):
        """Start loading the notebook on `loader` (an executor), so that it may be ready when its first check runs."""
        if self._cells is not None and self._session is None and self._loading is None:
            self._loading = loader.submit(self._load)

    def notebook(self):
        """The student's notebook, loaded once in the sandbox however many checks need it (a failed load is tried again)."""
        if self._session is None:
            loading, self._loading = self._loading, None
            self._session = loading.result() if loading is not None else self._load()
        return self._session

    def _load(self):
        from checker.checks.session import NotebookSession

        return NotebookSession(sandbox_of(self.config), self.shown_path, cells=self._cells, folder=str(self.path.parent))

    def never_run_notes(self, check):
        """What the saved notebook says about the cells `check` needs that never ran (notebook.never_run_notes)."""
        return notebook.never_run_notes(self._saved, check.needs)


class CheckItem(pytest.Item):
    def __init__(self, *, check, **kwargs):
        super().__init__(**kwargs)
        self.check = check
        self.user_properties += [("assignment", self.parent.assignment.id), ("points", check.points)]

    def runtest(self):
        try:
            notes = self.parent.notebook().run(self.check, self.config.stash[SEED]) + self.parent.never_run_notes(self.check)
        except (CheckFailure, GraderError) as failure:
            if failure.diagnosis is not None:  # the report card's "grader error" comes from it
                self.user_properties.append((DIAGNOSIS, failure.diagnosis))
            raise
        self.user_properties += [("note", note) for note in notes]

    def repr_failure(self, excinfo):
        if excinfo.errisinstance((CheckFailure, GraderError, SandboxUnavailable)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"{self.parent.assignment.id}::{self.check.name}"


class Scoreboard:
    """Adds up the points of the checks that passed and prints the report card."""

    def __init__(self):
        self.results = {}  # nodeid -> [assignment id, check name, points, outcome]
        self.notes = {}  # nodeid -> what a passing check noted (a correct but slow run, say)

    def pytest_collection_finish(self, session):
        for item in session.items:
            if isinstance(item, CheckItem) and not item.get_closest_marker("skip"):
                self.results[item.nodeid] = [item.parent.assignment.id, item.check.name, item.check.points, "not run"]

    def pytest_runtest_logreport(self, report):
        if report.nodeid in self.results and (report.when == "call" or report.failed):
            self.results[report.nodeid][3] = "passed" if report.passed else "failed"
            if report.failed and (DIAGNOSIS, messages.GRADER_ERROR.id) in report.user_properties:
                self.results[report.nodeid][3] = "grader error"
            self.notes[report.nodeid] = [value for key, value in report.user_properties if key == "note"]

    def pytest_terminal_summary(self, terminalreporter):
        if not self.results:
            return
        by_assignment = {}
        for nodeid, (assignment, name, points, outcome) in self.results.items():
            by_assignment.setdefault(assignment, []).append((name, points if outcome == "passed" else 0, points, outcome, self.notes.get(nodeid, [])))
        terminalreporter.section("backprop-lab report card")
        parts, earned_total, points_total = [], 0, 0
        for assignment, checks in by_assignment.items():
            terminalreporter.write_line(assignment)
            width = max(len(check[0]) for check in checks)
            for name, earned, points, outcome, notes in checks:
                mark = {"passed": "✓", "failed": "✗", "grader error": "!"}.get(outcome, "·")
                note = {"not run": "  (not run)", "grader error": "  (the checker failed here, not your code)"}.get(outcome, "")
                terminalreporter.write_line(f"  {mark} {name:<{width}}  {earned}/{points}{note}")
                for text in notes:
                    terminalreporter.write_line(f"      note: {text}")
            earned, total = sum(c[1] for c in checks), sum(c[2] for c in checks)
            parts.append(f"{assignment} {earned:g}/{total:g}")
            earned_total, points_total = earned_total + earned, points_total + total
        line = SCORE_LINE.format(earned=earned_total, total=points_total, parts=", ".join(parts))
        terminalreporter.write_line(line, bold=True)
