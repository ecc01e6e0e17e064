"""Is the "correct, but slow" note on 01's model given to the same students every time a class is graded?

Run from the repository root with the virtual environment active:

    python benchmarks/slow_note.py [--rounds 3] [--vectorised 20] [--loops 6] [--others 4]

It writes a synthetic class of assignment 01 (the solution, the solution with a propagate that loops over the
examples, and other correct variants: a predict that loops over the examples, an optimize that computes its
gradient itself, zeros made inline in model), grades model as official grading does (the public seed, then
the hidden one, which trains on the digits) for every student, several rounds, and prints who got the note
in each round. Every student here is correct, so every one must pass; the note must go to exactly the
students whose propagate loops over the examples, in every round.
"""

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from checker.checks.errors import CheckFailure  # noqa: E402
from checker.checks.seeds import PUBLIC_SEED  # noqa: E402
from checker.checks.session import NotebookSession  # noqa: E402
from checker.course import assignment_with_id  # noqa: E402
from checker.sandbox.sandbox import Sandbox  # noqa: E402
from checker.staff.grading import hidden_seeds  # noqa: E402

ASSIGNMENT = assignment_with_id("01_logistic_regression")  # its check `model`, by name
SOLUTION = REPO / "solutions" / ASSIGNMENT.id / ASSIGNMENT.notebook
VECTORISED_PROPAGATE = """    A = sigmoid(w.T @ X + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = A - Y
    dw = X @ dZ.T / m
    db = np.sum(dZ) / m
"""
# Correct variants: (kind, grade id of the solution cell, text, replacement).
VARIANTS = {
    "loop over the examples": ("propagate_code", VECTORISED_PROPAGATE, """    dw, db, cost = np.zeros_like(w), 0.0, 0.0
    for i in range(m):
        a = sigmoid(float(w[:, 0] @ X[:, i]) + b)
        cost -= Y[0, i] * np.log(a) + (1 - Y[0, i]) * np.log(1 - a)
        dw[:, 0] += X[:, i] * (a - Y[0, i])
        db += a - Y[0, i]
    cost, dw, db = cost / m, dw / m, db / m
"""),
    "predict loops over the examples": ("predict_code", "    Y_prediction = (A > 0.5).astype(float)\n", """    Y_prediction = np.zeros((1, X.shape[1]))
    for i in range(X.shape[1]):
        Y_prediction[0, i] = 1.0 if A[0, i] > 0.5 else 0.0
"""),
    "optimize computes its gradient": ("optimize_code", "        grads, cost = propagate(w, b, X, Y)\n", """        A = sigmoid(np.dot(w.T, X) + b)
        cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        grads = {"dw": np.dot(X, (A - Y).T) / X.shape[1], "db": np.mean(A - Y)}
"""),
    "zeros inline, b = 0": ("model_code", "    w, b = initialize_with_zeros(X_train.shape[0])\n", "    w, b = np.zeros((X_train.shape[0], 1)), 0\n"),
}


def edited(kind):
    """The solution notebook's text with one variant's change."""
    notebook = json.loads(SOLUTION.read_text())
    if kind == "vectorised":
        return json.dumps(notebook)
    grade_id, old, new = VARIANTS[kind]
    for cell in notebook["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            source = "".join(cell["source"])
            if old not in source:
                sys.exit(f"{old!r} is not in cell {grade_id}: update benchmarks/slow_note.py")
            cell["source"] = source.replace(old, new, 1)
    return json.dumps(notebook)


def write_class(folder, counts):
    """{student: kind}, each student's notebook written into folder/<student>/."""
    kinds = ["vectorised"] * counts["vectorised"] + ["loop over the examples"] * counts["loops"]
    others = [kind for kind in VARIANTS if kind != "loop over the examples"]
    kinds += [others[index % len(others)] for index in range(counts["others"])]
    students = {}
    for number, kind in enumerate(kinds):
        student = f"student{number:02d}"
        (folder / student).mkdir()
        (folder / student / ASSIGNMENT.notebook).write_text(edited(kind))
        students[student] = kind
    return students


def grade_model(sandbox, path, seeds):
    """(passed, notes) for model, graded with the public and the hidden seeds as official grading does."""
    session = NotebookSession.from_file(sandbox, path)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the check's own "passed" line
            return True, session.run_seeds(ASSIGNMENT.check("model"), seeds)
    except CheckFailure as failure:
        return False, [str(failure).splitlines()[0]]
    finally:
        session.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--vectorised", type=int, default=20)
    parser.add_argument("--loops", type=int, default=6)
    parser.add_argument("--others", type=int, default=4)
    options = parser.parse_args()
    seeds = [PUBLIC_SEED, *hidden_seeds(SOLUTION)["model"]]
    sandbox = Sandbox()
    noted_in_rounds, failed = [], []
    try:
        with tempfile.TemporaryDirectory() as folder:
            students = write_class(Path(folder), {"vectorised": options.vectorised, "loops": options.loops, "others": options.others})
            print(f"{len(students)} students: " + ", ".join(f"{sum(k == kind for k in students.values())} {kind}"
                                                             for kind in dict.fromkeys(students.values())))
            for number in range(1, options.rounds + 1):
                started, noted = time.monotonic(), set()
                for student in students:
                    passed, notes = grade_model(sandbox, Path(folder) / student / ASSIGNMENT.notebook, seeds)
                    if not passed:
                        failed.append((number, student, notes[0]))
                    if passed and notes and any("correct, but" in note for note in notes):
                        noted.add(student)
                noted_in_rounds.append(noted)
                print(f"round {number} ({time.monotonic() - started:.0f} s): noted {len(noted)}: "
                      + ", ".join(f"{student} ({students[student]})" for student in sorted(noted)))
    finally:
        sandbox.close()
    loops = {student for student, kind in students.items() if kind == "loop over the examples"}
    for number, student, message in failed:
        print(f"round {number}: {student} ({students[student]}) FAILED: {message}")
    same = all(noted == loops for noted in noted_in_rounds)
    print("the same students every round, exactly those whose propagate loops over the examples" if same and not failed
          else "NOT the same students every round, or a correct student failed")
    return 0 if same and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
