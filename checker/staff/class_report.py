"""Write a class report for course staff: the checks to look at first, scores, each check's most common diagnoses, and what needs review.

Built from the official results of a graded assignment (<course>/backprop-lab/<assignment>/*.json);
a check that most of the class fails with one diagnosis is listed first, under "look at this check",
with the code it grades from the submitted notebooks side by side (checker.staff.report_suspects).
Writes report.html, a single page that opens offline in any browser, and report.json with the same
figures for comparing terms and assignments by diagnosis id. A check that failed only because an
earlier one did is counted under that earlier mistake, as what it also cost. Students are named only
in the sections where staff must act (time-outs, crashes, unreadable notebooks, grader errors, sandbox
violations) and, with --students, behind each diagnosis; --anonymise numbers them there too.
"""

import json
from pathlib import Path

from checker.staff import report_plots
from checker.staff.report_code import code_in_notebook
from checker.staff.report_data import class_report
from checker.staff.report_html import render_page
from checker.staff.results import FOLDER, read_results, results_folder, submitted_notebook


def add_arguments(parser):
    parser.add_argument("assignment", help="the assignment's id, e.g. 01_logistic_regression")
    parser.add_argument("--course", default=".", help="the nbgrader course folder (default: the current directory)")
    parser.add_argument("--out", help="where to write report.html and report.json (default: <course>/backprop-lab/<assignment>/report)")
    parser.add_argument("--anonymise", action="store_true", help="number the students instead of naming them, in every section")
    parser.add_argument("--students", action="store_true", help="list the students behind each diagnosis and what it also cost, to write to them")


def run(options):
    results = read_results(options.course, options.assignment)
    if not results:
        _refuse(options.course, options.assignment)
    out = Path(options.out) if options.out else results_folder(options.course, options.assignment) / "report"
    code_of = submitted_code(options.course, options.assignment)
    page, data = write_report(options.assignment, results, out, options.anonymise, options.students, code_of)
    print(f"{len(results)} submissions: wrote {page} and {data}")
    return 0


def _refuse(course, assignment_id):
    """Say in one line why there is nothing to report on: the wrong folder, an unknown assignment, or none graded yet."""
    from checker.staff.folders import IN_THE_COURSE, assignment_named, require_folder

    assignment_named(assignment_id)
    require_folder(course)
    if not (Path(course) / FOLDER).is_dir() and not (Path(course) / "gradebook.db").is_file():
        raise SystemExit(f"{Path(course).resolve()} is not a graded course folder (it has no {FOLDER}/ or gradebook.db): "
                         f"{IN_THE_COURSE}, once `backprop-lab grade {assignment_id}` has graded it")
    raise SystemExit(f"no graded submissions of {assignment_id} in {results_folder(course, assignment_id)}: "
                     f"grade them first (backprop-lab grade {assignment_id})")


def submitted_code(course, assignment_id):
    """code_of(student, check) for class_report: the code the check grades, read from the student's submitted notebook."""
    from checker.staff.folders import assignment_named

    assignment = assignment_named(assignment_id)
    return lambda student, check: code_in_notebook(submitted_notebook(course, assignment, student), assignment.check(check).subject.split(" or "))


def write_report(assignment_id, results, out, anonymise=False, students=False, code_of=None):
    """Write report.html and report.json into the folder `out`; return their paths."""
    report = class_report(assignment_id, results, anonymise, students, code_of)
    plots = {"scores": report_plots.score_histogram(report["scores"]), "outcomes": report_plots.outcomes_per_check(report["checks"])}
    out.mkdir(parents=True, exist_ok=True)
    page, data = out / "report.html", out / "report.json"
    page.write_text(render_page(report, plots), encoding="utf-8")
    data.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return page, data
