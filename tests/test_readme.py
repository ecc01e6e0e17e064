"""Does the README say what the project does: its example runs, its paths and commands exist?"""

import contextlib
import io
import re
from pathlib import Path

from checker.course import ASSIGNMENTS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text()


def test_the_gradient_example_runs_and_passes():
    """Does the snippet a student pastes from "Checking your own gradients" run, print a verdict and pass its assert?"""
    snippet = next(block for block in re.findall(r"```python\n(.*?)```", README, re.S) if "check_gradient" in block)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(snippet, {})
    assert printed.getvalue().startswith("Your gradient agrees")


def test_every_path_in_the_tables_and_lists_exists():
    """Do the folders, modules, scripts and notebooks the README names all exist?"""
    named = set(re.findall(r"`((?:checker|benchmarks|tests|exercises|solutions)/[^`*<> ]+)`", README))
    named |= {f"benchmarks/{name}" for name in re.findall(r"python benchmarks/(\S+\.py)", README)}
    assert named, "the README names no paths"
    assert [path for path in sorted(named) if not (REPO / path).exists()] == []


def test_the_score_line_lists_every_assignment():
    """Does the example score line count every assignment of the course, as the untouched release scores?"""
    line = f"backprop-lab score: 0/{20 * len(ASSIGNMENTS)} — " + ", ".join(f"{a.id} 0/20" for a in ASSIGNMENTS)
    assert line in " ".join(README.split()).replace("` `", "")
