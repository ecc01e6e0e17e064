"""Official results into nbgrader: the gradebook and autograded/, as `nbgrader autograde` leaves them.

Each grade cell's outputs say what the check found: its "passed" line (and its note), or an error
holding the checker's message. The cells a student may not change are first put back as the source
has them (checker.staff.restore, as the sandbox graded them); nbgrader's own preprocessors and rules
do the rest, as in `nbgrader autograde`: save the grades (an error output scores 0, anything else full
points), apply late penalties. So `nbgrader generate_feedback`, `nbgrader export` and the formgrader
work unchanged. A check the checker itself failed on (a grader error) scores nothing, not 0: its cell
needs a manual grade, so the formgrader shows it to staff. A submitted file that is not a notebook gets
an autograded notebook that says why, so its feedback does too.
"""

import contextlib
import json
import shutil
import warnings
from pathlib import Path

import jsonschema
import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.nbgraderformat import common as metadata_format
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds, LimitOutput, OverwriteCells, OverwriteKernelspec,
    latesubmissions, overwritecells, overwritekernelspec)
from nbgrader import utils
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from checker.checks.messages import NOTHING_GRADED
from checker.checks.registry import NOTE, PASSED
from checker.staff.folders import NOT_A_COURSE
from checker.staff.grade_tasks import regular_file
from checker.staff.grading import SourceNotebook
from checker.staff.restore import restored
from checker.staff.results import grader_errors

SANITIZE = (ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata)
# nbgrader autograde validates the cells' metadata again after executing them; only outputs have changed since, so once is enough.
# Between these two, save_auto_grades stores what nbgrader's SaveAutoGrades would.
LIMIT, PENALISE = LimitOutput, AssignLatePenalties
# nbgrader's preprocessors that open a gradebook of their own for every notebook.
OPENS_A_GRADEBOOK = (overwritekernelspec, overwritecells, latesubmissions)
NOT_A_CHECK = "This grade cell is not one of the checker's checks, so the sandbox cannot grade it: grade it by hand."


def course_directory(course):
    """nbgrader's CourseDirectory for a course folder, configured by its nbgrader_config.py when it has one."""
    course = Path(course).resolve()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config() if (course / "nbgrader_config.py").is_file() else Config()
    directory = CourseDirectory(config=config)
    directory.root = str(course)
    return directory, config


def grade_cell_outputs(result):
    """{check name: nbformat outputs} for a NotebookResult-like dict: a passed line and its note, or the checker's message as an error."""
    outputs = {}
    for check in result["checks"]:
        if check["points"] == check["possible"] and check["status"] == "passed":
            lines = [PASSED.format(name=check["check"]), *([NOTE.format(note=check["note"])] if check.get("note") else [])]
            outputs[check["check"]] = [nbformat.v4.new_output("stream", name="stdout", text="\n".join(lines) + "\n")]
        else:
            outputs[check["check"]] = [error_output(check["message"])]
    return outputs


def save_auto_grades(gradebook, nb, notebook_id, assignment_id, student, undecided=()):
    """Store what nbgrader's SaveAutoGrades stores, judged from the same cells by nbgrader's own rules, in one commit.

    SaveAutoGrades queries and commits once per cell, which costs more than grading the notebook. The
    grade cells named in `undecided` (the checker failed on them) get no automatic score, not 0.
    """
    submitted = gradebook.find_submission_notebook(notebook_id, assignment_id, student)
    grades = {grade.name: grade for grade in submitted.grades}
    comments = {comment.name: comment for comment in submitted.comments}
    for cell in nb.cells:
        if utils.is_grade(cell):
            grade = grades[cell.metadata.nbgrader.grade_id]
            grade.auto_score = None if grade.name in undecided else utils.determine_grade(cell)[0]
            # an earlier manual grade, or no automatic score (a grader error among them), needs a grader's look
            grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
        if utils.is_solution(cell) or utils.is_task(cell):
            unchanged = cell.metadata.nbgrader.get("checksum") == utils.compute_checksum(cell) and not utils.is_task(cell)
            comments[cell.metadata.nbgrader.grade_id].auto_comment = "No response." if unchanged else None
    gradebook.db.commit()


def error_output(message):
    return nbformat.v4.new_output("error", ename="CheckFailure", evalue=message, traceback=message.splitlines())


def write_outputs(nb, outputs):
    """Give every grade cell the outputs of the check it is named after (a cell that names no check: an error)."""
    for cell in nb.cells:
        nbgrader = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "code" and nbgrader.get("grade") and not nbgrader.get("solution"):
            cell.outputs = outputs.get(nbgrader.get("grade_id"), [error_output(NOT_A_CHECK)])
            cell.execution_count = None


class _KeptOpen:
    """The run's gradebook, handed to nbgrader's preprocessors in place of one they would open and close themselves."""

    def __init__(self, gradebook):
        self._gradebook = gradebook

    def __getattr__(self, name):
        return getattr(self._gradebook, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._gradebook.db.commit()

    def close(self):
        self._gradebook.db.commit()


class _SchemaCheckedOnce:
    """jsonschema, as nbgrader's metadata validator calls it, checking each schema once instead of once per cell."""

    def __init__(self):
        self._validators = {}

    def validate(self, instance, schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in self._validators:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            self._validators[key] = cls(schema)
        self._validators[key].validate(instance)

    def __getattr__(self, name):
        return getattr(jsonschema, name)


class NbgraderCourse:
    """An nbgrader course folder, receiving official results one submission at a time.

    One gradebook stays open for the whole run and serves nbgrader's preprocessors too: opening one
    per preprocessor and notebook (as `nbgrader autograde` does) costs more than grading the notebook.
    """

    def __init__(self, course):
        self.directory, self.config = course_directory(course)
        self._known_students = set()
        self._gradebook = None
        self._schemas = _SchemaCheckedOnce()
        self._sources = {}

    def close(self):
        if self._gradebook is not None:
            self._gradebook.close()
            self._gradebook = None

    @contextlib.contextmanager
    def _gradebook_for_nbgrader(self):
        """The open gradebook, also where nbgrader's preprocessors look for theirs while one notebook is recorded.

        Its metadata validator meanwhile checks nbgrader's schema once, not for every cell.
        """
        kept = _KeptOpen(self._open())
        replacements = [(module, "Gradebook", lambda *args, **kwargs: kept) for module in OPENS_A_GRADEBOOK]
        replacements.append((metadata_format, "jsonschema", self._schemas))
        originals = [(module, name, getattr(module, name)) for module, name, _ in replacements]
        for module, name, value in replacements:
            setattr(module, name, value)
        try:
            yield self._gradebook
        except BaseException:
            self._gradebook.db.rollback()
            raise
        finally:
            for module, name, original in originals:
                setattr(module, name, original)

    def _open(self):
        if self._gradebook is None:
            self._gradebook = Gradebook(self.directory.db_url, self.directory.course_id)
        return self._gradebook

    def source(self, assignment):
        """The assignment's source notebook as the gradebook holds it (a SourceNotebook), read once per run."""
        if assignment.id not in self._sources:
            self._sources[assignment.id] = SourceNotebook.from_gradebook(self._open(), assignment)
        return self._sources[assignment.id]

    def path(self, kind, student, assignment_id):
        return Path(self.directory.format_path(getattr(self.directory, f"{kind}_directory"), student, assignment_id))

    def require(self, assignment_id):
        """Refuse, before anything is created, a folder without a gradebook, or a gradebook that does not know the assignment."""
        database = self.directory.db_url.removeprefix("sqlite:///") if self.directory.db_url.startswith("sqlite:///") else None
        if database is not None and not Path(database).is_file():
            raise SystemExit(NOT_A_COURSE.format(folder=self.directory.root, database=Path(database).name))
        with Gradebook(self.directory.db_url, self.directory.course_id) as gradebook:
            try:
                gradebook.find_assignment(assignment_id)
            except MissingEntry:
                raise SystemExit(f"the gradebook has no assignment {assignment_id}: run `nbgrader generate_assignment {assignment_id}` first") from None

    def record(self, assignment, student, result):
        """Write one submission's result: the gradebook's grades, and its autograded notebook."""
        with warnings.catch_warnings():  # SQLAlchemy's notes on nbgrader's own session handling are not for staff
            warnings.simplefilter("ignore")
            with self._gradebook_for_nbgrader() as gradebook:
                return self._record(gradebook, assignment, student, result)

    def _record(self, gradebook, assignment, student, result):
        submitted = self.path("submitted", student, assignment.id)
        if student not in self._known_students:
            gradebook.update_or_create_student(student)
            self._known_students.add(student)
        timestamp = self.directory.get_existing_timestamp(str(submitted))
        gradebook.update_or_create_submission(assignment.id, student, **({"timestamp": timestamp} if timestamp else {}))
        autograded = self.path("autograded", student, assignment.id)
        if autograded.exists():
            shutil.rmtree(autograded)
        shutil.copytree(submitted, autograded, symlinks=True)  # a link is copied as a link, never as what it points to
        nb = submitted_notebook(submitted / assignment.notebook, result)
        # As the sandbox graded it: every cell the student may not change put back as the source has it.
        nb.cells = [nbformat.from_dict(cell) for cell in restored(nb.cells, self.source(assignment).cells)[0]]
        resources = {"nbgrader": {"notebook": Path(assignment.notebook).stem, "assignment": assignment.id, "student": student,
                                  "db_url": self.directory.db_url}, "unique_key": Path(assignment.notebook).stem}
        for preprocessor in SANITIZE:
            nb, resources = preprocessor(config=self.config).preprocess(nb, resources)
        write_outputs(nb, grade_cell_outputs(result))
        nb, resources = LIMIT(config=self.config).preprocess(nb, resources)
        undecided = {check for check, _ in grader_errors(result)}
        save_auto_grades(gradebook, nb, resources["nbgrader"]["notebook"], assignment.id, student, undecided)
        nb, resources = PENALISE(config=self.config).preprocess(nb, resources)
        nbformat.write(nb, str(autograded / assignment.notebook))
        gradebook.db.commit()
        return None


def submitted_notebook(path, result):
    """The submission as nbformat reads it; in place of a file that is not a notebook, one that tells the student why.

    That notebook holds only a note with the reason; the grade cells come back from the source (restore),
    each with the checker's message, so `nbgrader generate_feedback` gives the student feedback that says why.
    """
    try:
        return nbformat.reads(regular_file(path).decode("utf-8"), as_version=4)
    except Exception:  # nbformat's errors share no root (not JSON, not a notebook, no file): the grader read none either
        reason = next((check["message"] for check in result.get("checks", [])), result.get("unreadable") or "")
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(str(NOTHING_GRADED.format(reason=reason)))])
