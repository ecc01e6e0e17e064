"""A submission's nbgrader cells put back as the source has them, before it is graded: tampering buys nothing.

nbgrader's autograde puts back a locked cell's text and a grade cell's points, and stops at what it
cannot mend: a grade cell added or renamed (an id its gradebook does not know), `grade: false` on a
grade cell, a duplicated id, an outdated schema. The submission then has no score at all. Here, by
the same rules and beyond them:

* every cell whose id the source has gets the source's nbgrader metadata and cell type, and, unless
  it is a solution cell, the source's text (a grade cell's hidden tests included);
* of several cells with one id, the last is that cell (as nbgrader's DeduplicateIds keeps it); the
  others, and every cell marked under an id the source lacks, lose their nbgrader metadata: a code
  cell among them that claimed to be a grade cell becomes a raw cell, ignored (never run or graded),
  and one that claimed to be a solution cell still runs whole, as the student's answer;
* a grade, locked or task cell the submission lacks is added back after the source cell before it.

So a student is graded on their solution cells alone. What was changed is said to staff (`described`).
Cells are plain data (dicts, as in the notebook's JSON), and the source is a list of SourceCell dicts.
"""

import functools
import hashlib

from checker.checks.notebook import SETUP_TAG, cell_source

RESTORED = "nbgrader metadata changed: restored from the source"
SCHEMA_VERSION = 3  # nbgrader's cell metadata schema, the one its validator requires
FLAGS = ("grade", "solution", "locked", "task")


def source_cells_in_gradebook(gradebook, notebook_id, assignment_id):
    """[SourceCell] of a notebook, in order, from nbgrader's gradebook (what generate_assignment stored)."""
    notebook = gradebook.find_notebook(notebook_id, assignment_id)
    points = {cell.name: cell.max_score for cell in [*notebook.grade_cells, *notebook.task_cells]}
    grades = {cell.name for cell in notebook.grade_cells}
    solutions = {cell.name for cell in notebook.solution_cells}
    tasks = {cell.name for cell in notebook.task_cells}
    return [source_cell(cell.name, cell.cell_type, cell.source, locked=cell.locked, grade=cell.name in grades,
                        solution=cell.name in solutions, task=cell.name in tasks, points=points.get(cell.name), checksum=cell.checksum)
            for cell in notebook.source_cells]


def source_cells_in_notebook(cells):
    """[SourceCell] of a source notebook's cells (its nbgrader cells, read from the file)."""
    found = []
    for cell in cells:
        nbgrader = _nbgrader(cell)
        if nbgrader.get("grade_id") and any(nbgrader.get(flag) for flag in FLAGS):
            found.append(source_cell(nbgrader["grade_id"], cell.get("cell_type"), cell_source(cell), points=nbgrader.get("points"),
                                     checksum=nbgrader.get("checksum"), **{flag: bool(nbgrader.get(flag)) for flag in FLAGS}))
    return found


def source_cell(grade_id, cell_type, source, locked=False, grade=False, solution=False, task=False, points=None, checksum=None):
    """One cell as the source has it, as plain data (it travels to the workers with each submission).

    Its text as released is worked out here, where the source is read, so that no worker imports nbgrader to compare with it.
    """
    return {"grade_id": grade_id, "cell_type": cell_type, "source": source, "locked": locked, "grade": grade, "solution": solution,
            "task": task, "points": points, "checksum": checksum, "released": source if solution else _as_released(source)}


def restored(cells, source):
    """(the cells with every nbgrader cell as the source has it, [what was changed, one line per cell])."""
    if not source:  # nothing known of the source: nothing to restore from
        return list(cells), []
    by_id = {cell["grade_id"]: cell for cell in source}
    last = {_grade_id(cell): index for index, cell in enumerate(cells)}
    result, changes = [], []
    for index, cell in enumerate(cells):
        claimed, grade_id = _nbgrader(cell), _grade_id(cell)
        if grade_id in by_id and last[grade_id] == index:
            changed = _differences(cell, claimed, by_id[grade_id])
            changes += [f"`{grade_id}`: {', '.join(changed)}"] if changed else []
            result.append(_as_in_source(cell, by_id[grade_id]))
        elif "nbgrader" in _metadata(cell):
            if any(claimed.get(flag) for flag in FLAGS) or grade_id in by_id:
                why = "another cell with this id, ignored" if grade_id in by_id else "not in the source, ignored"
                changes.append(f"`{grade_id}`: {why}" if grade_id else f"a cell marked for nbgrader without an id: {why}")
            result.append(_ignored(cell, claimed))
        else:
            result.append(cell)
    return _missing_added(result, source, changes), changes


def described(changes):
    """The line staff read in the result and the class report, or None when nothing was changed."""
    return f"{RESTORED} ({'; '.join(changes)})" if changes else None


def _differences(cell, claimed, source):
    """What a cell changed of its source: its type, flags, points, schema, or (unless a solution cell) its text."""
    found = ["cell type"] if cell.get("cell_type") != source["cell_type"] else []
    found += [flag for flag in FLAGS if bool(claimed.get(flag, False)) != source[flag]]
    if (source["grade"] or source["task"]) and not _same_points(claimed.get("points"), source["points"]):
        found.append("points")
    if claimed.get("schema_version") != SCHEMA_VERSION:
        found.append("schema version")
    text = cell_source(cell)
    if not source["solution"] and text != source["source"] and text != source["released"]:
        found.append("text")
    return found


def _as_in_source(cell, source):
    """The student's cell with the source's nbgrader metadata and type; a cell that is not a solution, the source's text too."""
    metadata = {key: value for key, value in _metadata(cell).items() if key != "nbgrader"}
    metadata["nbgrader"] = _nbgrader_metadata(source)
    if not source["solution"]:
        metadata.update(deletable=False, editable=False)  # as nbgrader's LockCells leaves them
    text = cell_source(cell) if source["solution"] else source["source"]
    fresh = not source["solution"] or cell.get("cell_type") != source["cell_type"]
    return _cell(source["cell_type"], text, metadata, cell.get("id"), None if fresh else cell)


def _ignored(cell, claimed):
    """A cell without its nbgrader metadata; a code cell that claimed to be graded becomes raw (never run).

    One that claimed to be a solution (a copy Jupyter made of a solution cell, say) is still the student's
    answer: it runs whole, as a kernel would run it, which the setup tag tells the sandbox.
    """
    metadata = {key: value for key, value in _metadata(cell).items() if key != "nbgrader"}
    if cell.get("cell_type") != "code":
        return {**cell, "metadata": metadata}
    if claimed.get("solution"):
        tags = metadata.get("tags") if isinstance(metadata.get("tags"), list) else []
        return {**cell, "metadata": {**metadata, "tags": [*tags, *([] if SETUP_TAG in tags else [SETUP_TAG])]}}
    if claimed.get("grade"):
        return _cell("raw", cell_source(cell), metadata, cell.get("id"))
    return {**cell, "metadata": metadata}


def _missing_added(cells, source, changes):
    """`cells` with each grade, locked or task cell of the source they lack, after the source cell before it."""
    numbered = any("id" in cell for cell in cells)  # nbformat 4.5 and later: every cell has an id
    present = [_grade_id(cell) for cell in cells]
    for position, wanted in enumerate(source):
        if wanted["grade_id"] in present or not (wanted["grade"] or wanted["locked"] or wanted["task"]):
            continue
        before = [cell["grade_id"] for cell in source[:position] if cell["grade_id"] in present]
        at = present.index(before[-1]) + 1 if before else 0
        cell_id = "restored-" + hashlib.sha256(wanted["grade_id"].encode()).hexdigest()[:16] if numbered else None
        cells.insert(at, _cell(wanted["cell_type"], wanted["source"],
                               {"deletable": False, "editable": False, "nbgrader": _nbgrader_metadata(wanted)}, cell_id))
        present.insert(at, wanted["grade_id"])
        changes.append(f"`{wanted['grade_id']}`: missing, added back")
    return cells


def _cell(cell_type, text, metadata, cell_id=None, keep=None):
    """A cell of this type; `keep` (a cell of the same type) lends its outputs and execution count."""
    cell = {"cell_type": cell_type, "metadata": metadata, "source": text}
    if cell_id is not None:
        cell["id"] = cell_id
    if cell_type == "code":
        cell["outputs"] = list(keep.get("outputs") or []) if keep else []
        cell["execution_count"] = keep.get("execution_count") if keep else None
    return cell


def _nbgrader_metadata(source):
    found = {"grade": source["grade"], "grade_id": source["grade_id"], "locked": source["locked"], "schema_version": SCHEMA_VERSION,
             "solution": source["solution"], "task": source["task"], "cell_type": source["cell_type"]}
    if source["grade"] or source["task"]:
        found["points"] = source["points"]
    if source["checksum"]:
        found["checksum"] = source["checksum"]
    return found


@functools.lru_cache(maxsize=256)
def _as_released(text):
    """A grade cell's text as the release has it: nbgrader's ClearHiddenTests applied to the source's."""
    import nbformat
    from nbgrader.preprocessors import ClearHiddenTests

    cell = nbformat.v4.new_code_cell(text, metadata={"nbgrader": {"grade": True}})
    return ClearHiddenTests().preprocess_cell(cell, {}, 0)[0].source


def _same_points(claimed, points):
    try:
        return float(claimed) == float(points)
    except (TypeError, ValueError):
        return False


def _metadata(cell):
    metadata = cell.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def _nbgrader(cell):
    nbgrader = _metadata(cell).get("nbgrader")
    return nbgrader if isinstance(nbgrader, dict) else {}


def _grade_id(cell):
    grade_id = _nbgrader(cell).get("grade_id")
    return grade_id if isinstance(grade_id, str) else None


