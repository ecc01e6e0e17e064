"""nbgrader course folders for the tests, and the two commands that grade them."""

import os
import shutil
import subprocess
import sys

from checker.course import ASSIGNMENTS
from conftest import REPO


def nbgrader(course, env, *args):
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def backprop_lab(course, env, *args, check=True):
    """Run the installed `backprop-lab` command on a course (no progress bar: a line per submission)."""
    command = [os.path.join(os.path.dirname(sys.executable), "backprop-lab"), *args, "--course", str(course), "--no-progress"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 or not check, result.stdout + result.stderr
    return result


def new_course(folder, env, assignments=ASSIGNMENTS):
    """A course folder with our nbgrader_config.py and solutions, the assignments generated (so the gradebook knows them)."""
    course = folder / "course"
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course)
    for assignment in assignments:
        shutil.copytree(REPO / "solutions" / assignment.id, course / "solutions" / assignment.id)
        nbgrader(course, env, "generate_assignment", assignment.id)
    return course


def submit(course, student, assignment, data):
    """Put a submission where nbgrader's collect would: submitted/<student>/<assignment>/<notebook>."""
    path = course / "submitted" / student / assignment.id / assignment.notebook
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path
