"""What the staff commands make sure of before they write anything: the assignment exists, the folder is the right one.

Each refusal is one line (a SystemExit), and nothing has been created by then.
"""

import difflib
from pathlib import Path

IN_THE_COURSE = "run this in the course folder, or pass --course DIR"
NOT_A_COURSE = "{folder} is not an nbgrader course folder (it has no {database}): " + IN_THE_COURSE


def assignment_named(assignment_id):
    """The course's assignment with this id; refuses an unknown id, naming the nearest one."""
    from checker.course import ASSIGNMENTS, assignment_with_id

    found = assignment_with_id(assignment_id)
    if found is None:
        ids = [assignment.id for assignment in ASSIGNMENTS]
        # "01" or "logistic_regression" name one assignment as surely as a near-miss spelling does.
        near = [id for id in ids if assignment_id and (id.startswith(assignment_id) or assignment_id in id)]
        near = near if len(near) == 1 else difflib.get_close_matches(assignment_id, ids, n=1, cutoff=0.6)
        guess = f"did you mean {near[0]}? " if near else ""
        raise SystemExit(f"no assignment {assignment_id}: {guess}the course has {', '.join(ids)}")
    return found


def require_folder(folder):
    if not Path(folder).is_dir():
        raise SystemExit(f"no folder {folder}: {IN_THE_COURSE}")


def require_course(folder):
    """Refuse, without importing nbgrader, a folder with neither a gradebook nor an nbgrader_config.py that could place one elsewhere."""
    require_folder(folder)
    folder = Path(folder)
    if not (folder / "gradebook.db").is_file() and not (folder / "nbgrader_config.py").is_file():
        raise SystemExit(NOT_A_COURSE.format(folder=folder.resolve(), database="gradebook.db"))


def require_staff_repository(folder):
    """Refuse a folder that is not this repository's root: it needs every assignment's solution and release notebook."""
    from checker.course import ASSIGNMENTS

    require_folder(folder)
    for assignment in ASSIGNMENTS:
        for kind in ("solutions", "exercises"):
            notebook = Path(kind) / assignment.id / assignment.notebook
            if not (Path(folder) / notebook).is_file():
                raise SystemExit(f"{Path(folder).resolve()} is not the backprop-lab repository (it has no {notebook}): "
                                 "run this at the repository's root, or pass --course DIR")
