"""Plain `nbgrader autograde`, with the sandbox in place of a kernel: one line in nbgrader_config.py.

    from checker.staff.autograde import grade_in_sandbox; grade_in_sandbox(c)

nbgrader then grades each submission without starting a kernel or running its cells, as
`backprop-lab grade` does: RestoreFromSource puts the cells a student may not change back as the
gradebook's source has them (checker.staff.restore), before nbgrader's own checks of the metadata;
SandboxedGrading grades the notebook through the sandbox, with the student's own hidden seeds (from
the source's grade cells and nbgrader's student id), and writes each grade cell's outputs;
nbgrader's SaveAutoGrades saves the grades, except that a check the checker itself failed on (a
grader error) gets no score, not 0, and waits for a manual grade; nbgrader makes the feedback.
"""

import tempfile
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import Execute, NbGraderPreprocessor, SaveAutoGrades

from checker.course import ASSIGNMENTS
from checker.staff.gradebook import grade_cell_outputs, write_outputs
from checker.staff.restore import described, restored, source_cells_in_gradebook

_SANDBOX = []
UNDECIDED = "backprop_lab_undecided"  # resources key: the grade ids the checker failed on in this notebook


def grade_in_sandbox(config):
    """Make nbgrader's Autograde restore the source's cells, grade in the sandbox instead of a kernel, and leave grader errors undecided."""
    from nbgrader.converters import Autograde

    def configured(name):
        return list(config.Autograde[name] if name in config.Autograde else Autograde.class_traits()[name].default())

    replaced = {Execute: SandboxedGrading, "nbgrader.preprocessors.Execute": SandboxedGrading,
                SaveAutoGrades: SaveAutoGradesLeavingUndecided, "nbgrader.preprocessors.SaveAutoGrades": SaveAutoGradesLeavingUndecided}
    config.Autograde.autograde_preprocessors = [replaced.get(preprocessor, preprocessor) for preprocessor in configured("autograde_preprocessors")]
    sanitize = configured("sanitize_preprocessors")
    config.Autograde.sanitize_preprocessors = sanitize if RestoreFromSource in sanitize else [RestoreFromSource, *sanitize]


class RestoreFromSource(NbGraderPreprocessor):
    """Puts every nbgrader cell back as the gradebook's source has it; what it changed is logged for staff."""

    def preprocess(self, nb, resources):
        found = resources["nbgrader"]
        with Gradebook(found["db_url"]) as gradebook:
            source = source_cells_in_gradebook(gradebook, found["notebook"], found["assignment"])
        cells, changes = restored(nb.cells, source)
        nb.cells = [nbformat.from_dict(cell) for cell in cells]
        if changes:
            self.log.warning("%s: %s", found.get("student"), described(changes))
        return nb, resources


class SandboxedGrading(NbGraderPreprocessor):
    """Grades the notebook in the sandbox and writes each grade cell's outputs (nbgrader's Execute, without a kernel)."""

    def preprocess(self, nb, resources):
        from checker.sandbox.sandbox import Sandbox
        from checker.staff.grading import grade_notebook, seeds_for_student, seeds_in_grade_cells

        assignment = next((a for a in ASSIGNMENTS if a.id == resources["nbgrader"]["assignment"]), None)
        if assignment is None:
            raise ValueError(f"{resources['nbgrader']['assignment']} is not an assignment of the checker's course")
        if not _SANDBOX:
            _SANDBOX.append(Sandbox(official=True))
        folder = resources.get("metadata", {}).get("path") or "."
        seeds = seeds_for_student(seeds_in_grade_cells(nb.cells), resources["nbgrader"]["student"])
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / assignment.notebook
            nbformat.write(nb, str(path))
            result = grade_notebook(_SANDBOX[0], assignment, path, assignment.notebook, seeds, folder=folder)
        if result.grader_error:  # nbgrader reports the submission as failed and goes on with the others
            raise RuntimeError(f"the sandbox could not grade this submission: {result.grader_error}")
        write_outputs(nb, grade_cell_outputs(result.as_dict()))
        resources[UNDECIDED] = {check.name for check in result.checks if check.grader_error}
        return nb, resources


class SaveAutoGradesLeavingUndecided(SaveAutoGrades):
    """nbgrader's SaveAutoGrades, except for a check the checker failed on: no score (not 0), and a manual grade needed."""

    def preprocess_cell(self, cell, resources, cell_index):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if not utils.is_grade(cell) or grade_id not in resources.get(UNDECIDED, ()):
            return super().preprocess_cell(cell, resources, cell_index)
        grade = self.gradebook.find_grade(grade_id, self.notebook_id, self.assignment_id, self.student_id)
        grade.auto_score, grade.needs_manual_grade = None, True
        self.gradebook.db.commit()
        return cell, resources
