"""Plain `nbgrader autograde`, with the sandbox in place of a kernel: one line in nbgrader_config.py.

    from checker.staff.autograde import grade_in_sandbox; grade_in_sandbox(c)

nbgrader then grades each submission without starting a kernel or running its cells: the
SandboxedGrading preprocessor grades the notebook through the sandbox, as `backprop-lab grade`
does (hidden seeds from the source's grade cells, which nbgrader has just restored), and writes
each grade cell's outputs; nbgrader's own preprocessors save the grades and make feedback.
"""

import tempfile
from pathlib import Path

import nbformat
from nbgrader.preprocessors import Execute, NbGraderPreprocessor

from checker.course import ASSIGNMENTS
from checker.staff.gradebook import grade_cell_outputs, write_outputs

_SANDBOX = []


def grade_in_sandbox(config):
    """Make nbgrader's Autograde use SandboxedGrading wherever it would execute the notebook in a kernel."""
    from nbgrader.converters import Autograde

    default = Autograde.class_traits()["autograde_preprocessors"].default()
    preprocessors = list(config.Autograde.autograde_preprocessors if "autograde_preprocessors" in config.Autograde else default)
    config.Autograde.autograde_preprocessors = [SandboxedGrading if preprocessor in (Execute, "nbgrader.preprocessors.Execute") else preprocessor
                                                for preprocessor in preprocessors]


class SandboxedGrading(NbGraderPreprocessor):
    """Grades the notebook in the sandbox and writes each grade cell's outputs (nbgrader's Execute, without a kernel)."""

    def preprocess(self, nb, resources):
        from checker.sandbox.broker import Sandbox
        from checker.staff.grading import grade_notebook, seeds_in_grade_cells

        assignment = next((a for a in ASSIGNMENTS if a.id == resources["nbgrader"]["assignment"]), None)
        if assignment is None:
            raise ValueError(f"{resources['nbgrader']['assignment']} is not an assignment of the checker's course")
        if not _SANDBOX:
            _SANDBOX.append(Sandbox(official=True))
        folder = resources.get("metadata", {}).get("path") or "."
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / assignment.notebook
            nbformat.write(nb, str(path))
            result = grade_notebook(_SANDBOX[0], assignment, path, assignment.notebook, seeds_in_grade_cells(nb.cells), folder=folder)
        if result.grader_error:  # nbgrader reports the submission as failed and goes on with the others
            raise RuntimeError(f"the sandbox could not grade this submission: {result.grader_error}")
        write_outputs(nb, grade_cell_outputs(result.as_dict()))
        return nb, resources
