"""Grading a whole class: `backprop-lab grade` against `nbgrader autograde`, seconds per submission and the ratio.

Run from the repository root with the virtual environment active:

    python benchmarks/grade_class.py [--students N] [--assignment ID ...] [--sample K] [--workers W]

For each assignment it builds a synthetic class in a temporary nbgrader course (default: 2,000
submissions of assignment 01, 200 of the others), a mix of the solution, realistic bugs, the untouched
release, broken files, submissions that end their process and endless loops; grades it with
`backprop-lab grade`; grades a sample of K submissions of the same mix with `nbgrader autograde` (a
kernel per notebook; the endless loops are left out of the sample, where each would cost nbgrader its
300 s cell time-out); and prints both per submission, the ratio, and where the time went.

Targets on a 2-core machine: 2,000 submissions of assignment 01 in at most 10 minutes end to end, and
at least 25 times faster per submission than nbgrader autograde, for every assignment, on the same mix (the
class without its endless loops, graded again for the comparison), with the same points on the sample both
graded. It also prints the ratio for the whole class, loops included, counting each loop at nbgrader's time-out
(a lower bound). The last lines sum it up, one line per assignment.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from checker.course import ASSIGNMENTS  # noqa: E402

ENV = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
DEFAULT_STUDENTS = {"01_logistic_regression": 2000}
OTHER_STUDENTS = 200
TARGET_RATIO, TARGET_CLASS_SECONDS = 25.0, 600.0
# What an endless loop costs nbgrader autograde: its cell time-out, as nbgrader_config.py sets it.
NBGRADER_TIMEOUT = float(re.search(r"^c\.Execute\.timeout = (\d+)", (REPO / "nbgrader_config.py").read_text(), re.M).group(1))
# Realistic mistakes, two per assignment: (grade id of the solution cell, text, replacement).
BUGS = {
    "01_logistic_regression": [("propagate_code", "dw = X @ dZ.T / m", "dw = X @ dZ.T"),
                               ("predict_code", "> 0.5", ">= 0.5")],
    "02_computational_graph": [("linear_layer_code", "self.db = np.sum(upstream_grad, axis=1, keepdims=True)", "self.db = upstream_grad"),
                               ("compute_cost_code", "/ (2 * m)", "/ 2")],
    "03_backprop_digits": [("backprop_code", "delta = (self.weights[-l + 1].T @ delta)", "delta = (self.weights[-l + 1] @ delta)"),
                           ("SGD_code", "random.shuffle(training_data)", "pass")],
    "04_gradient_checking": [("backward_propagation_n_code", "dW2 = dZ2 @ A1.T / m", "dW2 = dZ2 @ A1.T * 2 / m"),
                             ("gradient_check_code", "(2 * epsilon)", "epsilon")],
}
# The class: (kind, share). At least 60 % correct or realistic bugs; about 2 % endless loops.
MIX = (("correct", 0.55), ("bug", 0.25), ("untouched release", 0.10), ("broken cell", 0.03), ("not a notebook", 0.02),
       ("ends its process", 0.03), ("endless loop", 0.02))


def run(command, cwd):
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def edited(notebook_text, grade_id, old, new):
    notebook = json.loads(notebook_text)
    for cell in notebook["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            source = "".join(cell["source"])
            if old not in source:
                sys.exit(f"{old!r} is not in cell {grade_id}: update benchmarks/grade_class.py")
            cell["source"] = source.replace(old, new, 1)
    return json.dumps(notebook, indent=1)


def submission(assignment, kind, index):
    """The bytes of one submission of `kind`."""
    solution = (REPO / "solutions" / assignment.id / assignment.notebook).read_text()
    bugs = BUGS[assignment.id]
    cell = bugs[0][0]
    if kind == "correct":
        return solution.encode()
    if kind == "bug":
        return edited(solution, *bugs[index % len(bugs)]).encode()
    if kind == "untouched release":
        return (REPO / "exercises" / assignment.id / assignment.notebook).read_bytes()
    if kind == "broken cell":
        return edited(solution, cell, "### BEGIN SOLUTION\n", "### BEGIN SOLUTION\n    )\n").encode()
    if kind == "not a notebook":
        return solution.encode()[: len(solution) // 3]
    if kind == "ends its process":
        return edited(solution, cell, "### BEGIN SOLUTION\n", "### BEGIN SOLUTION\n    import os; os._exit(1)\n").encode()
    return edited(solution, cell, "### BEGIN SOLUTION\n", "### BEGIN SOLUTION\n    while True:\n        pass\n").encode()


def kinds(count):
    """`count` kinds in the MIX's proportions, interleaved (every stretch of the class is a realistic mix)."""
    quotas = {kind: round(share * count) for kind, share in MIX}
    quotas["correct"] += count - sum(quotas.values())
    order, given = [], Counter()
    for position in range(count):
        kind = max(quotas, key=lambda k: quotas[k] * (position + 1) / count - given[k])
        given[kind] += 1
        order.append(kind)
    return order


def new_course(folder, assignment):
    course = folder / "course"
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course)
    shutil.copytree(REPO / "solutions" / assignment.id, course / "solutions" / assignment.id)
    run([sys.executable, "-m", "nbgrader", "generate_assignment", assignment.id], course)
    return course


def submit(course, assignment, students):
    for student, data in students.items():
        folder = course / "submitted" / student / assignment.id
        folder.mkdir(parents=True)
        (folder / assignment.notebook).write_bytes(data)


def grade_with_backprop_lab(course, assignment, workers):
    started = time.perf_counter()
    result = run([os.path.join(os.path.dirname(sys.executable), "backprop-lab"), "grade", assignment.id, "--course", str(course),
                  "--workers", str(workers), "--no-progress"], course)
    seconds = time.perf_counter() - started
    results = [json.loads(path.read_text()) for path in (course / "backprop-lab" / assignment.id).glob("*.json")]
    return seconds, results, result.stdout.strip().splitlines()[-1]


def grade_with_nbgrader(course, assignment):
    started = time.perf_counter()
    run([sys.executable, "-m", "nbgrader", "autograde", assignment.id, "--create"], course)
    return time.perf_counter() - started


def points_of_ours(course, assignment):
    """{student: points} from backprop-lab's result files (None for a grader error)."""
    folder = course / "backprop-lab" / assignment.id
    return {path.stem: json.loads(path.read_text()).get("points") for path in folder.glob("*.json")}


def points_of_nbgrader(course, assignment, students):
    """{student: points} as nbgrader's gradebook holds them after `nbgrader autograde`."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {student: gradebook.find_submission(assignment.id, student).score for student in students}


def same_points(ours, theirs, kinds_of):
    """One line: whether both graders gave every sampled student the same points, else who differs and how."""
    differ = [f"{student} ({kinds_of[student]}): backprop-lab {ours.get(student)}, nbgrader {theirs[student]:g}"
              for student in theirs if ours.get(student) is None or abs(ours[student] - theirs[student]) > 1e-9]
    return "yes, for all " + str(len(theirs)) if not differ else "NO: " + "; ".join(differ)


def where_time_goes(results, seconds, workers):
    graded = [r for r in results if "checks" in r]
    work = sum(r["seconds"] for r in graded)
    loading = sum(r.get("load_seconds", 0.0) for r in graded)
    per_check = Counter()
    for r in graded:
        for check in r["checks"]:
            per_check[check["check"]] += check.get("seconds", 0.0)
    lines = [f"    grading in the workers: {work:.1f} s of worker time ({work / max(len(graded), 1):.3f} s per submission), "
             f"of which loading notebooks {loading:.1f} s",
             f"    start-up, recording in nbgrader and waiting (wall × workers − grading): {seconds * workers - work:.1f} s of worker time"]
    lines += [f"    check {name}: {total / max(len(graded), 1):.3f} s per submission" for name, total in per_check.items()]
    return lines


def measure(assignment, students, sample, workers):
    order = kinds(students)
    class_ = {f"student{index:05d}": submission(assignment, kind, index) for index, kind in enumerate(order)}
    sampled = {name: data for (name, data), kind in zip(class_.items(), order) if kind != "endless loop"}
    sampled = dict(list(sampled.items())[:: max(1, len(sampled) // sample)][:sample])
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        names = ("ours", "ours-without-loops", "ours-sample", "nbgrader")
        for name in names:
            (folder / name).mkdir()
        ours, ours_same, ours_sample, theirs = (new_course(folder / name, assignment) for name in names)
        without_loops = {name: data for (name, data), kind in zip(class_.items(), order) if kind != "endless loop"}
        submit(ours, assignment, class_)
        submit(ours_same, assignment, without_loops)
        submit(ours_sample, assignment, sampled)
        submit(theirs, assignment, sampled)
        seconds, results, summary = grade_with_backprop_lab(ours, assignment, workers)
        same_seconds, _, _ = grade_with_backprop_lab(ours_same, assignment, workers)
        sample_seconds, _, _ = grade_with_backprop_lab(ours_sample, assignment, workers)
        nbgrader_seconds = grade_with_nbgrader(theirs, assignment)
        kinds_of = {name: kind for name, kind in zip(class_, order)}
        agreement = same_points(points_of_ours(ours_sample, assignment), points_of_nbgrader(theirs, assignment, sampled), kinds_of)
    mix = ", ".join(f"{kind} {count}" for kind, count in Counter(order).items())
    ours_per, theirs_per = seconds / students, nbgrader_seconds / len(sampled)
    same_per = same_seconds / len(without_loops)  # the mix nbgrader's sample is drawn from
    loops = students - len(without_loops)
    # With its endless loops, each one costing nbgrader at least its time-out (it waits that long), never run here.
    theirs_whole = (theirs_per * len(without_loops) + NBGRADER_TIMEOUT * loops) / students
    ratio = theirs_per / same_per
    lines = [f"{assignment.id}: {students} submissions ({mix})",
             f"  backprop-lab grade, {workers} workers: {seconds:.1f} s end to end, {ours_per:.3f} s per submission",
             f"    its summary: {summary}",
             *where_time_goes(results, seconds, workers),
             f"  nbgrader autograde on a sample of {len(sampled)} (the same mix, no endless loops): {nbgrader_seconds:.1f} s, "
             f"{theirs_per:.2f} s per submission",
             f"  backprop-lab grade on that sample: {sample_seconds:.1f} s ({sample_seconds / len(sampled):.2f} s per submission, start-up included)",
             f"  the same points as nbgrader autograde on that sample: {agreement}",
             f"  backprop-lab grade on the class without its {loops} endless loops (the mix of nbgrader's sample): {same_seconds:.1f} s, "
             f"{same_per:.3f} s per submission",
             f"  ratio per submission on the same mix (nbgrader / backprop-lab): {ratio:.1f}× "
             f"(target ≥ {TARGET_RATIO:g}×: {'met' if ratio >= TARGET_RATIO else 'NOT met'})",
             f"  ratio for the whole class, each endless loop costing nbgrader its {NBGRADER_TIMEOUT:g} s time-out (Execute.timeout): "
             f"at least {theirs_whole / ours_per:.1f}×"]
    if assignment.id == "01_logistic_regression" and students >= 2000:
        lines.append(f"  2,000-submission target: {seconds:.0f} s (target ≤ {TARGET_CLASS_SECONDS:.0f} s: "
                     f"{'met' if seconds <= TARGET_CLASS_SECONDS else 'NOT met'})")
    row = (f"{assignment.id}: {ratio:.1f}× ({same_per:.3f} s per submission, nbgrader {theirs_per:.2f} s; whole class with its loops "
           f"at least {theirs_whole / ours_per:.0f}×), {students} submissions in {seconds:.1f} s, same points: "
           f"{'yes' if agreement.startswith('yes') else 'NO'}")
    return lines, row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, help=f"submissions per assignment (default 2000 for 01, {OTHER_STUDENTS} for the others)")
    parser.add_argument("--assignment", action="append", help="only this assignment (repeatable)")
    parser.add_argument("--sample", type=int, default=5, help="submissions graded by nbgrader autograde (default 5)")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="backprop-lab grade --workers (default: all cores)")
    options = parser.parse_args()
    print(f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.2f} at the start", flush=True)
    rows = []
    for assignment in ASSIGNMENTS:
        if options.assignment and assignment.id not in options.assignment:
            continue
        students = options.students or DEFAULT_STUDENTS.get(assignment.id, OTHER_STUDENTS)
        lines, row = measure(assignment, students, options.sample, options.workers)
        print("\n".join(lines), flush=True)
        rows.append(row)
    print(f"\nsummary (target ≥ {TARGET_RATIO:g}× nbgrader autograde; load average {os.getloadavg()[0]:.2f} at the end):", *rows, sep="\n")


if __name__ == "__main__":
    main()
