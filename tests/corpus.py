"""Correct programs written the way students write them: each variant a notebook made from the release notebook.

A variant is `corpus/<assignment id>/<name>.py`: a one-line module docstring saying its style, then the
student's solution cells, each starting with a line `# %%`. A chunk fills the solution cell of the release
notebook that defines the same function or class; a cell that defines none (01's data preparation) is
named by its grade id after the marker, `# %% data_preparation_code`. A chunk replaces the whole cell, the
given lines included, as the student's saved notebook holds them.
"""

import ast
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"
MARKER = "# %%"


class CorpusError(ValueError):
    """A variant file that does not fill its assignment's solution cells one to one."""


def variant_paths(assignment):
    """The variant files of an assignment, in name order."""
    return sorted((CORPUS / assignment.id).glob("*.py"))


def style_of(path):
    """The variant's style: the first line of its module docstring."""
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return docstring.splitlines()[0] if docstring else ""


def chunks(text):
    """[(grade id or None, source)] for each `# %%` chunk; what comes before the first marker is the preamble."""
    found, header, lines = [], None, None
    for line in text.splitlines():
        if line.startswith(MARKER):
            if lines is not None:
                found.append((header, "\n".join(lines).strip("\n")))
            header, lines = line[len(MARKER):].strip() or None, []
        elif lines is not None:
            lines.append(line)
    if lines is not None:
        found.append((header, "\n".join(lines).strip("\n")))
    return found


def defined_names(source):
    """The functions and classes a cell defines at its top level."""
    return {node.name for node in ast.parse(source).body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


def solution_cells(notebook):
    """{grade id: cell} for the notebook's solution cells, in order."""
    return {cell.metadata["nbgrader"]["grade_id"]: cell for cell in notebook.cells
            if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution")}


def release_notebook(assignment):
    return nbformat.read(str(REPO / "exercises" / assignment.id / assignment.notebook), as_version=4)


def cell_of_chunk(header, source, cells, owners, path):
    """The grade id of the solution cell a chunk fills: named after the marker, or the one defining its functions."""
    if header is not None:
        if header not in cells:
            raise CorpusError(f"{path.name}: no solution cell {header!r}")
        return header
    try:
        names = defined_names(source)
    except SyntaxError as error:
        raise CorpusError(f"{path.name}: a chunk does not parse ({error})") from None
    matched = {owners[name] for name in names if name in owners}
    if len(matched) != 1:
        raise CorpusError(f"{path.name}: the chunk defining {sorted(names)} matches the solution cells {sorted(matched)}, not one")
    return matched.pop()


def notebook_for(assignment, path):
    """The release notebook with every solution cell replaced by the variant's chunk for it."""
    notebook = release_notebook(assignment)
    cells = solution_cells(notebook)
    owners = {name: grade_id for grade_id, cell in cells.items() for name in defined_names(cell.source)}
    filled = set()
    for header, source in chunks(path.read_text(encoding="utf-8")):
        grade_id = cell_of_chunk(header, source, cells, owners, path)
        if grade_id in filled:
            raise CorpusError(f"{path.name}: two chunks fill {grade_id}")
        cells[grade_id].source = source
        filled.add(grade_id)
    if missing := [grade_id for grade_id in cells if grade_id not in filled]:
        raise CorpusError(f"{path.name}: no chunk for the solution cells {missing}")
    return notebook


def write_variant(assignment, path, folder):
    """Write the variant's notebook as `folder/<assignment id>/<notebook>`, laid out like exercises/; its path."""
    target = Path(folder) / assignment.id / assignment.notebook
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook_for(assignment, path), str(target))
    return target


def write_all(folder, assignments):
    """Every variant as `folder/<variant>/<assignment id>/<notebook>`: each variant's folder can be given to --notebooks."""
    return [write_variant(assignment, path, Path(folder) / path.stem) for assignment in assignments for path in variant_paths(assignment)]


if __name__ == "__main__":  # python tests/corpus.py OUT [assignment id ...]: the notebooks, for reading and grading by hand
    import sys

    sys.path.insert(0, str(REPO))
    from checker.course import ASSIGNMENTS

    chosen = [assignment for assignment in ASSIGNMENTS if len(sys.argv) < 3 or assignment.id in sys.argv[2:]]
    for written in write_all(sys.argv[1], chosen):
        print(written)
