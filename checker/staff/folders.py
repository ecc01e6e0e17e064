"""What the staff commands make sure of before they write anything: the assignment exists, the folder is the right one.

Each refusal is one line (a SystemExit), and nothing has been created by then.
"""

from pathlib import Path

IN_THE_COURSE = "run this in the course folder, or pass --course DIR"


def assignment_named(assignment_id):
    """The course's assignment with this id; refuses an unknown id."""
    from checker.course import ASSIGNMENTS

    found = next((assignment for assignment in ASSIGNMENTS if assignment.id == assignment_id), None)
    if found is None:
        raise SystemExit(f"no assignment {assignment_id}: the course has {', '.join(a.id for a in ASSIGNMENTS)}")
    return found


def require_folder(folder):
    if not Path(folder).is_dir():
        raise SystemExit(f"no folder {folder}: {IN_THE_COURSE}")


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
