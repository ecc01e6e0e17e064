"""nbgrader course folders for the tests, and the two commands that grade them."""

import contextlib
import io
import logging
import os
import shutil
import subprocess
import sys

from checker.course import ASSIGNMENTS
from conftest import REPO, venv_environment


@contextlib.contextmanager
def inside(course):
    """In the course folder, with this interpreter's bin first on PATH: where nbgrader's apps read their config and find `alembic`."""
    folder, path, search_path = os.getcwd(), os.environ.get("PATH", os.defpath), list(sys.path)
    os.chdir(course)
    os.environ["PATH"] = venv_environment()["PATH"]
    try:
        yield
    finally:
        os.chdir(folder)
        os.environ["PATH"] = path
        sys.path[:] = search_path  # each app puts the current folder first on sys.path


def nbgrader(course, *args):
    """`nbgrader ARGS` in this process, as nbgrader's own tests run it (`nbgrader.tests.run_nbgrader`); returns its log."""
    from jupyter_core.application import NoStart
    from nbgrader.apps import NbGraderApp

    log = io.StringIO()
    app = NbGraderApp.instance()
    with inside(course):
        try:
            app.initialize(list(args))
            app.init_logging(logging.StreamHandler, [log], color=False, subapps=True)
            app.start()
            status = 0
        except NoStart:
            status = 0
        except SystemExit as exit:
            status = exit.code
        finally:
            app.reset()  # clears the app singletons: the next call builds its apps afresh
    assert not status, f"nbgrader {' '.join(args)} failed:\n{log.getvalue()}"
    return log.getvalue()


def backprop_lab(course, env, *args, check=True):
    """Run the installed `backprop-lab` command on a course (no progress bar: a line per submission)."""
    command = [os.path.join(os.path.dirname(sys.executable), "backprop-lab"), *args, "--course", str(course), "--no-progress"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 or not check, result.stdout + result.stderr
    return result


def new_course(folder, assignments=ASSIGNMENTS):
    """A course folder with our nbgrader_config.py and solutions, the assignments generated (so the gradebook knows them)."""
    course = folder / "course"
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course)
    for assignment in assignments:
        shutil.copytree(REPO / "solutions" / assignment.id, course / "solutions" / assignment.id)
        nbgrader(course, "generate_assignment", assignment.id)
    return course


def submit(course, student, assignment, data):
    """Put a submission where nbgrader's collect would: submitted/<student>/<assignment>/<notebook>."""
    path = course / "submitted" / student / assignment.id / assignment.notebook
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path
