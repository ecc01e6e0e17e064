"""The course: every assignment `pytest checker` and the staff commands grade, in order.

Reading it loads each assignment's declaration (checker.assignments: id, notebook, checks, points) and no
check, so a command that only needs the ids answers at once. The assignments in checker/assignments/ are
listed here; an assignment kept in a package of its own elsewhere joins as a plug-in: an installed
distribution declares it under the entry-point group `backprop_lab.assignments`
(`<id> = "<package>:ASSIGNMENT"`). Plug-ins follow the built-in ones, by id; the student kit carries them.
"""

from importlib.metadata import entry_points

from checker.assignments.backprop_digits import ASSIGNMENT as BACKPROP_DIGITS
from checker.assignments.computational_graph import ASSIGNMENT as COMPUTATIONAL_GRAPH
from checker.assignments.gradient_checking import ASSIGNMENT as GRADIENT_CHECKING
from checker.assignments.logistic_regression import ASSIGNMENT as LOGISTIC_REGRESSION

BUILT_IN = (LOGISTIC_REGRESSION, COMPUTATIONAL_GRAPH, BACKPROP_DIGITS, GRADIENT_CHECKING)
ENTRY_POINTS = "backprop_lab.assignments"  # the group under which a distribution declares its assignments


def _plugged_in():
    """The assignments installed distributions declare under ENTRY_POINTS (not built in), by id."""
    found = [entry.load() for entry in entry_points(group=ENTRY_POINTS)]
    built_in = {assignment.package for assignment in BUILT_IN}
    return tuple(sorted((assignment for assignment in found if assignment.package not in built_in), key=lambda assignment: assignment.id))


PLUGGED_IN = _plugged_in()
ASSIGNMENTS = BUILT_IN + PLUGGED_IN


def sandbox_needs(assignments=ASSIGNMENTS):
    """What the sandbox's fork server needs of the course, as plain data (checker.sandbox.fork_server): "beside", each
    assignment's beside.py to import before any notebook, with the folder its top package is in; "hidden", each
    assignment's package and folder, which no notebook may import or read (the answer key is there)."""
    return {"beside": [[assignment.beside, str(assignment.import_root)] for assignment in assignments if assignment.beside],
            "hidden": [[assignment.package, str(assignment.folder)] for assignment in assignments]}


def assignment_with_id(assignment_id):
    """The course's assignment with this id (its folder's name, `01_logistic_regression`), or None."""
    return next((assignment for assignment in ASSIGNMENTS if assignment.id == assignment_id), None)

