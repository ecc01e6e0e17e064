"""Does the class report count each diagnosis right, keep students private, and make a page that stands alone?

The class is synthetic: each student's implementation of each check is drawn from the assignment's
catalogue of realistic mistakes and correct variants, graded once in-process, and stored through the
same result classes and files official grading uses. A bug's diagnosis id is the one its catalogue
template names (checked as the class is built), so the report must count exactly those.
"""

import base64
import contextlib
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser

import nbformat
import pytest
from PIL import Image

from catalogue import catalogue_of, is_slow, run_in_process
from checker.assignments.logistic_regression import ASSIGNMENT
from checker.assignments.logistic_regression import messages as logistic
from checker.checks import expectations, messages
from checker.checks.errors import CheckFailure
from checker.checks.seeds import PUBLIC_SEED
from checker.staff.cli import main
from checker.staff.grading import CheckResult, NotebookResult, SourceNotebook, grade_notebook
from checker.staff.report_data import class_report
from checker.staff.report_plots import OUTCOME_COLOURS, SCORE_COLOUR
from checker.staff.results import submitted_notebook, write_result
from conftest import REPO
from notebooks import replace_in_cell

CLASS_SIZE = 100
READABLE = CLASS_SIZE + 3  # with the hand-made results below, all but the unreadable notebook
# Students whose results are made by hand, for the sections where staff must act.
NOT_STARTED, UNREADABLE, CRASHED, CHEATED = "zoe_k", "uma_r", "eve_t", "mal_w"
CLASS_ID = re.compile(r"\bs\d{3}\b")
EMBEDDED_PNG = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def notebook_of(student):
    return f"submitted/{student}/{ASSIGNMENT.id}/{ASSIGNMENT.notebook}"


def catalogue_entries():
    """{catalogue entry: (check, implementation, the diagnosis template of a bug, None for a correct variant)}."""
    catalogue = catalogue_of(ASSIGNMENT)
    return {**{name: (check, implementation, None) for name, (check, implementation) in catalogue.CORRECT.items()}, **catalogue.BUGS}


def graded_entry(name):
    """One catalogue entry graded in-process: its CheckResult; a bug named by a diagnosis template must get that id."""
    check_name, implementation, template = catalogue_entries()[name]
    points = ASSIGNMENT.check(check_name).points
    with contextlib.redirect_stdout(io.StringIO()):  # run_in_process stops the catalogue's endless loop after 1 s
        try:
            run_in_process(ASSIGNMENT, check_name, implementation)
            result = CheckResult(check_name, points, True)
        except CheckFailure as failure:
            result = CheckResult(check_name, points, False, str(failure), failure.diagnosis, PUBLIC_SEED)
    # A generic template (a hint such as "use np.exp") leaves the id to the run: code.raised, or none at all.
    assert result.passed == (name in catalogue_of(ASSIGNMENT).CORRECT) and messages.diagnosis_of(template) in (None, result.diagnosis), name
    return result


def graded_entries():
    """{catalogue entry: CheckResult}, each graded once, but for the slow ones (test_slow_entries_grade_in_process_as_named)."""
    return {name: graded_entry(name) for name in catalogue_entries() if not is_slow(ASSIGNMENT, name)}


@pytest.mark.e2e
@pytest.mark.parametrize("name", sorted(catalogue_of(ASSIGNMENT).SLOW))
def test_slow_entries_grade_in_process_as_named(name):
    """Does each slow catalogue entry, left out of the class below, pass or get its diagnosis in-process too?"""
    graded_entry(name)


def entry_pools(graded):
    """{check: catalogue entries, repeated 1 to 3 times (correct ones 3 times) so that diagnoses differ in frequency}."""
    pools = {}
    for name in sorted(graded):
        check = graded[name].name
        weight = 3 if graded[name].passed else len(pools.get(check, [])) % 3 + 1
        pools.setdefault(check, []).extend([name] * weight)
    return pools


def hand_made_results():
    """A notebook left unfinished, an unreadable one, a crash and a sandbox violation; the other checks pass."""
    def failing_one(check_name, message):
        return [CheckResult(check.name, check.points, False, message, message.id) if check.name == check_name
                else CheckResult(check.name, check.points, True) for check in ASSIGNMENT.checks]

    unfinished = messages.NOT_IMPLEMENTED.format(name="sigmoid", where=notebook_of(NOT_STARTED))
    crash = messages.ENDED.format(name="propagate", how="it called os._exit(3)")
    cheat = messages.FROM_CHECKER.format(name="propagate")
    unreadable = messages.UNREADABLE_NOTEBOOK.format(where=notebook_of(UNREADABLE), error="Expecting value: line 1 column 1")
    return {
        NOT_STARTED: NotebookResult(ASSIGNMENT, notebook_of(NOT_STARTED), failing_one("sigmoid", unfinished)),
        CRASHED: NotebookResult(ASSIGNMENT, notebook_of(CRASHED), failing_one("propagate", crash)),
        CHEATED: NotebookResult(ASSIGNMENT, notebook_of(CHEATED), failing_one("propagate", cheat), violations=[f"propagate: {cheat}"]),
        UNREADABLE: NotebookResult(ASSIGNMENT, notebook_of(UNREADABLE), unreadable=unreadable,
                                   checks=[CheckResult(check.name, check.points, False, unreadable, unreadable.id) for check in ASSIGNMENT.checks]),
    }


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """The course folder of the class's result files; {check: Counter of diagnosis ids (None: unrecognised)}; who timed out where."""
    course = tmp_path_factory.mktemp("course")
    graded = graded_entries()
    pools = entry_pools(graded)
    expected = {check.name: Counter() for check in ASSIGNMENT.checks}
    stopped = set()
    for number in range(CLASS_SIZE):
        student = f"s{number:03d}"
        checks = []
        for index, check in enumerate(ASSIGNMENT.checks):
            name = pools[check.name][(7 * number + index) % len(pools[check.name])]
            result = graded[name]
            checks.append(result)
            if not result.passed and not (result.diagnosis or "").endswith(".upstream_failed"):  # knock-ons are folded elsewhere
                expected[check.name][result.diagnosis] += 1
            if result.status == "timed out":
                stopped.add((student, check.name))
        write_result(course, ASSIGNMENT.id, student, NotebookResult(ASSIGNMENT, notebook_of(student), checks).as_dict())
    for student, result in hand_made_results().items():
        write_result(course, ASSIGNMENT.id, student, result.as_dict())
    expected["sigmoid"][messages.NOT_IMPLEMENTED.id] += 1
    expected["propagate"][messages.ENDED.id] += 1
    expected["propagate"][messages.FROM_CHECKER.id] += 1
    return course, expected, stopped


def write_report(course, *options, out=None):
    """Run `backprop-lab report` on the course (into its default folder unless `out`); the report's JSON and HTML."""
    assert main(["report", ASSIGNMENT.id, "--course", str(course), *options, *(["--out", str(out)] if out else [])]) == 0
    out = out or course / "backprop-lab" / ASSIGNMENT.id / "report"
    return json.loads((out / "report.json").read_text(encoding="utf-8")), (out / "report.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(graded_class):
    course, _, _ = graded_class
    with contextlib.redirect_stdout(io.StringIO()):
        return write_report(course)


def test_counts_and_percentages_per_diagnosis_id(graded_class, report):
    """Does each check count every catalogued mistake under its diagnosis id, with its share of the class?"""
    _, expected, _ = graded_class
    data, _ = report
    assert [check["check"] for check in data["checks"]] == [check.name for check in ASSIGNMENT.checks]
    for check in data["checks"]:
        counted = {found["id"]: (found["students"], found["percent"]) for found in check["diagnoses"]}
        wanted = {key: (count, round(100 * count / READABLE, 1)) for key, count in expected[check["check"]].items() if key}
        assert counted == wanted, check["check"]
        frequencies = [found["students"] for found in check["diagnoses"]]
        assert frequencies == sorted(frequencies, reverse=True)
    assert {"propagate.dw_not_divided_by_m", "code.timed_out", "code.changed_input"} <= {
        found["id"] for check in data["checks"] for found in check["diagnoses"]}


def test_unrecognised_failures_are_counted(graded_class, report):
    """Are failures without a diagnosis counted per check, so staff see where the catalogue should grow?"""
    _, expected, _ = graded_class
    data, html = report
    for check in data["checks"]:
        assert check["unrecognised"]["students"] == expected[check["check"]][None]
        assert sum(found["students"] for found in check["unrecognised"]["messages"]) == expected[check["check"]][None]
    assert sum(check["unrecognised"]["students"] for check in data["checks"]) > 0
    assert "Failures without a recognised diagnosis" in html


def test_pass_rates_and_scores(report):
    """Do the pass rates, mean points and score statistics agree with the result files?"""
    data, _ = report
    for check in data["checks"]:
        assert sum(check["outcomes"].values()) == READABLE
        assert check["pass_rate"] == round(100 * check["passed"] / READABLE, 1)
        assert check["mean_points"] == round(check["passed"] * check["possible"] / READABLE, 2)
    scores = data["scores"]
    assert scores["possible"] == ASSIGNMENT.points
    assert sum(count for _, count in scores["distribution"]) == data["submissions"] == CLASS_SIZE + 4
    assert scores["lowest"] == 0 and scores["zero"] >= 1


def test_staff_sections_name_students(graded_class, report):
    """Are time-outs, crashes, unreadable notebooks and sandbox violations listed by student?"""
    _, _, stopped = graded_class
    data, html = report
    problems = {(row["student"], row["check"], row["status"]) for row in data["needs_a_look"]}
    assert problems == ({(student, check, "timed out") for student, check in stopped}
                        | {(CRASHED, "propagate", "ended the process"), (UNREADABLE, None, "unreadable notebook")})
    assert [(row["student"], row["points"]) for row in data["violations"]] == [(CHEATED, ASSIGNMENT.points - 5)]
    assert stopped and f"<td>{CRASHED}</td>" in html and f"<td>{CHEATED}</td>" in html


def test_examples_never_name_a_student(report):
    """Do the example messages leave out students' ids and notebook paths?"""
    data, _ = report
    examples = [found["example"] for check in data["checks"] for found in check["diagnoses"] + check["unrecognised"]["messages"]]
    assert "fill in `sigmoid` in the notebook" in " ".join(examples)
    for text in examples:
        assert "submitted/" not in text and NOT_STARTED not in text and not CLASS_ID.search(text)


def test_anonymise_hides_every_name(graded_class):
    """With --anonymise, does no student id or notebook path appear anywhere in the page or the data?"""
    course, _, _ = graded_class
    with contextlib.redirect_stdout(io.StringIO()):
        data, html = write_report(course, "--anonymise", out=course / "anonymous")
    assert data["anonymised"]
    for text in (EMBEDDED_PNG.sub("", html), json.dumps(data)):
        assert "submitted/" not in text and not CLASS_ID.search(text)
        assert not any(name in text for name in (NOT_STARTED, UNREADABLE, CRASHED, CHEATED))
    students = sorted([f"s{number:03d}" for number in range(CLASS_SIZE)] + [NOT_STARTED, UNREADABLE, CRASHED, CHEATED])
    assert [row["student"] for row in data["violations"]] == [f"submission {students.index(CHEATED) + 1}"]


class PageReader(HTMLParser):
    """Collects what a page's validity depends on: unclosed or mismatched tags, and every linked address."""

    VOID = {"meta", "img", "br", "hr", "link", "input", "wbr", "source"}

    def __init__(self):
        super().__init__()
        self.open, self.mismatched, self.addresses, self.headings, self.ids = [], [], [], [], set()
        self.doctype = None

    def handle_decl(self, declaration):
        self.doctype = declaration

    def handle_starttag(self, tag, attributes):
        if tag not in self.VOID:
            self.open.append(tag)
        self.addresses += [value for name, value in attributes if name in ("src", "href", "srcset", "action", "poster")]
        self.ids.update(value for name, value in attributes if name == "id")
        if tag in ("h1", "h2", "h3"):
            self.headings.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.mismatched.append(tag)


def test_page_is_valid_and_self_contained(report):
    """Is the page well-formed HTML5 with its plots embedded, and does it reference nothing outside itself?"""
    _, html = report
    page = PageReader()
    page.feed(html)
    page.close()
    assert page.doctype.lower() == "doctype html"
    assert page.open == [] and page.mismatched == []
    assert page.headings.count("h1") == 1 and page.headings.count("h2") >= 4
    images = [address for address in page.addresses if address.startswith("data:image/png;base64,")]
    assert len(images) == 2
    for address in images:
        assert base64.b64decode(address.partition(",")[2]).startswith(PNG_SIGNATURE)
    links = [address for address in page.addresses if address not in images]
    assert len(links) == len(ASSIGNMENT.checks)
    assert all(link.startswith("#") and link[1:] in page.ids for link in links), "links only within the page"
    lowered = html.lower()
    assert "<script" not in lowered and "url(" not in lowered and "@import" not in lowered
    assert "http:" not in lowered and "https:" not in lowered


def test_command_is_quiet_and_says_where_it_wrote(graded_class, capfd):
    """Does the command write only its summary line to stdout and nothing to stderr?"""
    course, _, _ = graded_class
    assert main(["report", ASSIGNMENT.id, "--course", str(course), "--out", str(course / "quiet")]) == 0
    out, err = capfd.readouterr()
    assert err == ""
    assert out.startswith(f"{CLASS_SIZE + 4} submissions: wrote ") and "report.html" in out


def test_missing_results_are_explained(tmp_path, capsys):
    """Does reporting on an ungraded assignment say what to do instead of writing an empty report?"""
    assert main(["report", ASSIGNMENT.id, "--course", str(tmp_path)]) == 1
    assert f"backprop-lab grade {ASSIGNMENT.id}" in capsys.readouterr().err
    assert not (tmp_path / "backprop-lab").exists()


@pytest.mark.e2e
def test_page_renders_offline_in_a_browser(report, tmp_path):
    """Does headless Chromium, with every network request doomed to fail, render the page with both its plots?

    Never skipped: `.ci/run` installs Chromium from the Debian registry where it is missing, and so must a developer.
    """
    assert shutil.which("chromium"), "no chromium to render the page: install it (apt-get install chromium), as .ci/run does"
    _, html = report
    page, screenshot = tmp_path / "report.html", tmp_path / "page.png"
    page.write_text(html, encoding="utf-8")
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1400",
         # Any address the page might fetch resolves nowhere and goes through a closed proxy: what shows came from the file.
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
         f"--screenshot={screenshot}", page.as_uri()],
        check=True, capture_output=True, timeout=120)
    colours = {colour for _, colour in Image.open(screenshot).convert("RGB").getcolors(1 << 24)}
    rgb = lambda colour: tuple(int(colour[start:start + 2], 16) for start in (1, 3, 5))
    assert rgb(SCORE_COLOUR) in colours, "the score histogram was not drawn"
    assert rgb(OUTCOME_COLOURS[0]) in colours, "the outcomes per check were not drawn"


# A small class written as result files by hand, with the fields grading adds for knock-ons, grader errors and notes.
ANN, BEN, CAL, DEE, EVE, FAY, GUS, HAL, IVY = "ann_q", "ben_q", "cal_q", "dee_q", "eve_q", "fay_q", "gus_q", "hal_q", "ivy_q"
SMALL_CLASS = (ANN, BEN, CAL, DEE, EVE, FAY, GUS, HAL, IVY)
SMALL_READABLE = len(SMALL_CLASS) - 1  # all but HAL, whom the grader could not grade
SLOW = "correct, but {}× slower than the vectorised version"
POINTS = {check.name: check.points for check in ASSIGNMENT.checks}


def check_dict(name, status="passed", diagnosis=None, message="", **new_fields):
    """One check as a result file holds it; `new_fields` are the ones grading adds now (caused_by, note)."""
    return {"check": name, "possible": POINTS[name], "points": POINTS[name] if status == "passed" else 0, "status": status,
            "diagnosis": diagnosis, "message": message, "seed": None, "seconds": 0.1, **new_fields}


def mistake(name, diagnosis, message="a mistake"):
    return check_dict(name, "failed", diagnosis, message)


def knock_on(name, *caused_by):
    return check_dict(name, "failed", f"{name}.upstream_failed", f"`{name}` failed because `{caused_by[0]}` did.", caused_by=list(caused_by))


def result_dict(student, *checks):
    """A submission whose checks all pass but those given."""
    given = {check["check"]: check for check in checks}
    listed = [given.get(check.name) or check_dict(check.name) for check in ASSIGNMENT.checks]
    return {"assignment": ASSIGNMENT.id, "notebook": notebook_of(student), "points": sum(check["points"] for check in listed),
            "possible": ASSIGNMENT.points, "unreadable": None, "violations": [], "checks": listed}


def small_class():
    """{student: result dict}: two sigmoid mistakes with knock-ons down to model, a propagate mistake, an unrecognised one, slow passes,
    a grader error on one check and on a whole submission, an old result without the new fields, and a chain of knock-ons after a time-out."""
    unrecognised = check_dict("sigmoid", "failed", None, "`sigmoid` gives wrong values for some inputs.")
    timed_out = check_dict("sigmoid", "timed out", messages.TIMED_OUT.id, messages.TIMED_OUT.format(name="sigmoid", seconds=10))
    old = NotebookResult(ASSIGNMENT, notebook_of(GUS), [
        CheckResult(check.name, check.points, check.name != "model", "model ignores the learning rate" if check.name == "model" else "",
                    "model.learning_rate_ignored" if check.name == "model" else None) for check in ASSIGNMENT.checks]).as_dict()
    return {
        ANN: result_dict(ANN, mistake("sigmoid", "sigmoid.sign"), knock_on("propagate", "sigmoid"), knock_on("optimize", "sigmoid", "propagate"),
                         knock_on("predict", "sigmoid"), knock_on("model", "sigmoid", "propagate", "optimize", "predict")),
        BEN: result_dict(BEN, mistake("sigmoid", "sigmoid.sign"), knock_on("model", "sigmoid")),
        CAL: result_dict(CAL, mistake("propagate", "propagate.dw_not_divided_by_m"), knock_on("optimize", "propagate"),
                         knock_on("model", "propagate", "optimize")),
        DEE: result_dict(DEE, unrecognised, knock_on("model", "sigmoid")),
        EVE: result_dict(EVE, check_dict("propagate", note=SLOW.format(8))),
        FAY: result_dict(FAY, check_dict("propagate", note=SLOW.format(12)),
                         check_dict("optimize", "grader error", None, "the checker failed on `optimize`: KeyError: 'w'")),
        GUS: old,
        HAL: {"assignment": ASSIGNMENT.id, "notebook": notebook_of(HAL), "error": "BrokenPipeError: the sandbox went away"},
        IVY: result_dict(IVY, timed_out, knock_on("propagate", "sigmoid"), knock_on("optimize", "propagate")),
    }


@pytest.fixture(scope="module")
def small_course(tmp_path_factory):
    course = tmp_path_factory.mktemp("small_course")
    for student, result in small_class().items():
        write_result(course, ASSIGNMENT.id, student, result)
    return course


def small_report(course, *options):
    with contextlib.redirect_stdout(io.StringIO()):
        return write_report(course, *options, out=course / "-".join(["report", *options]))


def by_check(data):
    return {check["check"]: check for check in data["checks"]}


def test_knock_ons_are_counted_under_their_root_cause(small_course):
    """Is a knock-on left out of its own check's diagnoses and counted as what its root cause also cost, followed through chains?"""
    data, html = small_report(small_course)
    checks = by_check(data)
    assert not any(row["id"].endswith("upstream_failed") for check in data["checks"] for row in check["diagnoses"])
    diagnoses = {name: [(row["id"], row["students"], [(later["check"], later["students"], later["points"]) for later in row["also_cost"]])
                        for row in check["diagnoses"]] for name, check in checks.items()}
    assert diagnoses["sigmoid"] == [
        ("sigmoid.sign", 2, [("propagate", 1, 5), ("optimize", 1, 4), ("predict", 1, 2), ("model", 2, 8)]),
        ("code.timed_out", 1, [("propagate", 1, 5), ("optimize", 1, 4)])]
    assert diagnoses["propagate"] == [("propagate.dw_not_divided_by_m", 1, [("optimize", 1, 4), ("model", 1, 4)])]
    assert diagnoses["optimize"] == diagnoses["predict"] == []
    assert diagnoses["model"] == [("model.learning_rate_ignored", 1, [])]
    assert [(later["check"], later["students"]) for later in checks["sigmoid"]["unrecognised"]["also_cost"]] == [("model", 1)]
    caused_by = {name: (check["knock_ons"]["students"], [(root["check"], root["id"], root["students"]) for root in check["knock_ons"]["caused_by"]])
                 for name, check in checks.items()}
    assert caused_by["propagate"] == (2, [("sigmoid", "code.timed_out", 1), ("sigmoid", "sigmoid.sign", 1)])
    assert caused_by["optimize"] == (3, [("propagate", "propagate.dw_not_divided_by_m", 1), ("sigmoid", "code.timed_out", 1),
                                         ("sigmoid", "sigmoid.sign", 1)])
    assert caused_by["model"] == (4, [("sigmoid", "sigmoid.sign", 2), ("propagate", "propagate.dw_not_divided_by_m", 1), ("sigmoid", None, 1)])
    assert caused_by["sigmoid"] == (0, [])
    assert "<code>model</code> for 2 students" in html and "also cost <code>model</code> for 1 student." in html


def test_knock_on_without_a_failed_cause_is_still_folded():
    """Is a knock-on whose caused_by is missing, or names only checks that passed, kept out of its check's mistakes, its cause unknown?"""
    unnamed = knock_on("model", "sigmoid")
    del unnamed["caused_by"]
    results = {ANN: result_dict(ANN, knock_on("model", "sigmoid")), BEN: result_dict(BEN, unnamed)}  # sigmoid passed for both
    model = by_check(class_report(ASSIGNMENT.id, results))["model"]
    assert model["diagnoses"] == [] and model["unrecognised"]["students"] == 0
    assert model["knock_ons"]["caused_by"] == [{"check": None, "id": None, "students": 2}]


def test_pass_rates_stay_true_with_knock_ons(small_course):
    """Do pass rates and mean points still count a knock-on as the failure it was?"""
    data, _ = small_report(small_course)
    model = by_check(data)["model"]
    assert model["passed"] == SMALL_READABLE - 5 and model["pass_rate"] == 37.5 and model["mean_points"] == 1.5
    assert model["outcomes"]["knock-on of an earlier check"] == 4 and model["outcomes"]["recognised mistake"] == 1
    assert all(sum(check["outcomes"].values()) == SMALL_READABLE for check in data["checks"])


def test_students_lists_who_is_behind_each_diagnosis(small_course):
    """With --students, is every diagnosis, knock-on and note listed with exactly its students?"""
    data, html = small_report(small_course, "--students")
    checks = by_check(data)
    sign, timed_out = checks["sigmoid"]["diagnoses"]
    assert sign["who"] == [ANN, BEN] and timed_out["who"] == [IVY]
    assert {later["check"]: later["who"] for later in sign["also_cost"]} == {"propagate": [ANN], "optimize": [ANN], "predict": [ANN], "model": [ANN, BEN]}
    assert checks["sigmoid"]["unrecognised"]["who"] == [DEE] and checks["sigmoid"]["unrecognised"]["also_cost"][0]["who"] == [DEE]
    assert checks["model"]["knock_ons"]["who"] == [ANN, BEN, CAL, DEE]
    assert checks["propagate"]["notes"]["kinds"][0]["who"] == [EVE, FAY]
    assert "Students per diagnosis" in html and f"<td>2: {ANN}, {BEN}</td>" in html


def test_anonymise_numbers_the_students_listed(small_course):
    """With --students --anonymise, are the lists numbered like the staff sections, with no id anywhere?"""
    data, html = small_report(small_course, "--students", "--anonymise")
    number = {student: f"submission {index}" for index, student in enumerate(sorted(SMALL_CLASS), 1)}
    checks = by_check(data)
    assert checks["sigmoid"]["diagnoses"][0]["who"] == [number[ANN], number[BEN]]
    assert checks["model"]["knock_ons"]["who"] == [number[student] for student in (ANN, BEN, CAL, DEE)]
    assert (number[FAY], "optimize", "grader error") in {(row["student"], row["check"], row["status"]) for row in data["needs_a_look"]}
    for text in (EMBEDDED_PNG.sub("", html), json.dumps(data)):
        assert not any(student in text for student in SMALL_CLASS) and "submitted/" not in text


def test_without_students_no_one_is_named_outside_the_staff_sections(small_course):
    """Without --students, are there no lists of names, and no student named but those staff must look at?"""
    data, html = small_report(small_course)
    assert not data["students_listed"] and "Students per diagnosis" not in html
    assert '"who"' not in json.dumps(data)
    for student in (ANN, BEN, CAL, DEE, EVE, GUS):
        assert student not in html and student not in json.dumps(data)


def test_grader_errors_need_a_look_and_are_not_scored(small_course):
    """Are grader errors, on one check or a whole submission, listed for staff, and left out of the scores?"""
    data, html = small_report(small_course)
    assert {(row["student"], row["check"], row["status"]) for row in data["needs_a_look"]} == {
        (FAY, "optimize", "grader error"), (HAL, None, "grader error"), (IVY, "sigmoid", "timed out")}
    assert data["submissions"] == len(SMALL_CLASS) and data["not_graded"] == 1 and data["readable"] == SMALL_READABLE
    assert sum(count for _, count in data["scores"]["distribution"]) == SMALL_READABLE
    assert by_check(data)["optimize"]["outcomes"]["grader error"] == 1
    assert "BrokenPipeError: the sandbox went away" in html and "1 not graded (grader errors)" in html


def test_notes_on_passing_checks_are_counted(small_course):
    """Are notes on passing checks counted per check, the same note with different numbers as one?"""
    data, html = small_report(small_course)
    notes = by_check(data)["propagate"]["notes"]
    assert notes["students"] == 2 and [(kind["students"], kind["example"] in (SLOW.format(8), SLOW.format(12))) for kind in notes["kinds"]] == [(2, True)]
    assert all(check["notes"]["students"] == 0 for check in data["checks"] if check["check"] != "propagate")
    assert "slower than the vectorised version" in html


def test_old_results_report_without_knock_ons_or_notes(report):
    """Do results written before knock-ons, grader errors and notes existed still report, with none of them?"""
    data, _ = report
    assert data["not_graded"] == 0
    ends = {check.name for check in ASSIGNMENT.checks if check.function.upstream}  # the catalogue's knock-ons: model's
    for check in data["checks"]:
        if check["check"] in ends:
            continue
        assert check["knock_ons"] == {"students": 0, "percent": 0.0, "caused_by": []} and check["notes"]["students"] == 0
        assert all(row["also_cost"] == [] for row in check["diagnoses"]) and check["unrecognised"]["also_cost"] == []


# -- look at this check: a check most of the class fails the same way -----------------------------
def test_a_normal_class_has_no_check_to_look_at(report):
    """Does a class whose failures are spread over many mistakes list no check to look at, and show no such section?"""
    data, html = report
    assert data["look_at_this_check"] == []
    assert max(check["diagnoses"][0]["percent"] for check in data["checks"] if check["diagnoses"]) < 50
    assert "Look at this check" not in html


# Five ways students write a correct propagate, each signed with the student's id.
PROPAGATE_STYLES = (
    "A = sigmoid(w.T @ X + b)\n    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n    dZ = A - Y\n    dw = X @ dZ.T / m\n    db = np.sum(dZ) / m",
    "A = sigmoid(np.dot(w.T, X) + b)\n    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n"
    "    dw = 1 / m * np.dot(X, (A - Y).T)\n    db = 1 / m * np.sum(A - Y)",
    "A = 1 / (1 + np.exp(-(w.T @ X + b)))\n    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)\n"
    "    dw = (X @ (A - Y).T) / m\n    db = float(np.mean(A - Y))",
    "Z = np.dot(w.T, X) + b\n    A = sigmoid(Z)\n    losses = Y * np.log(A) + (1 - Y) * np.log(1 - A)\n    cost = -np.sum(losses) / m\n"
    "    error = A - Y\n    dw = np.dot(X, error.T) / m\n    db = np.sum(error) / m",
    "A = sigmoid(w.T @ X + b)\n    cost = 0.0\n    dw = np.zeros(w.shape)\n    db = 0.0\n    for i in range(m):\n"
    "        cost -= (Y[0, i] * np.log(A[0, i]) + (1 - Y[0, i]) * np.log(1 - A[0, i])) / m\n"
    "        dw += X[:, i:i + 1] * (A[0, i] - Y[0, i]) / m\n        db += (A[0, i] - Y[0, i]) / m",
)
SOLVED = "    ### BEGIN SOLUTION\n    A = sigmoid(w.T @ X + b)\n    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n    dZ = A - Y\n    dw = X @ dZ.T / m\n    db = np.sum(dZ) / m\n    ### END SOLUTION"


class AnswerKeyWithoutOneOverM:
    """The staff's answer key with a bug in one answer: propagate's dw lacks its 1/m, so every correct propagate looks wrong."""

    def __init__(self, package):
        self.live = expectations.Live(package)

    def reference(self, run, name, args, kwargs):
        answer = self.live.reference(run, name, args, kwargs)
        if name != "propagate":
            return answer
        grads, cost = answer
        return {**grads, "dw": grads["dw"] * args[2].shape[1]}, cost

    def mistakes(self, run, name, args, kwargs):
        return self.live.mistakes(run, name, args, kwargs)


@pytest.fixture(scope="module")
def class_graded_with_a_wrong_check(tmp_path_factory, sandbox):
    """A course of 30 correct submissions (five ways of writing propagate, each signed by its student), graded officially
    (public and hidden seeds, in the sandbox) against an answer key whose propagate is wrong: {student: its style's index}."""
    course, styles = tmp_path_factory.mktemp("wrong_check"), {}
    solution = REPO / "solutions" / ASSIGNMENT.id / ASSIGNMENT.notebook
    source = SourceNotebook.from_file(solution)
    package = ASSIGNMENT.package
    previous = expectations.SOURCES.get(package)
    expectations.SOURCES[package] = AnswerKeyWithoutOneOverM(package)
    try:
        for number in range(30):
            student, styles[f"w{number:02d}"] = f"w{number:02d}", number % len(PROPAGATE_STYLES)
            code = f"    # {student}'s propagate\n    {PROPAGATE_STYLES[styles[student]]}"
            path = submitted_notebook(course, ASSIGNMENT, student)
            path.parent.mkdir(parents=True)
            nbformat.write(replace_in_cell(solution, "propagate_code", SOLVED, code), str(path))
            result = grade_notebook(sandbox, ASSIGNMENT, path, f"{student}/{ASSIGNMENT.id}/{ASSIGNMENT.notebook}", source.seeds,
                                    source=source)
            write_result(course, ASSIGNMENT.id, student, result.as_dict())
    finally:
        expectations.SOURCES.pop(package)
        if previous is not None:
            expectations.SOURCES[package] = previous
    return course, styles


@pytest.mark.e2e
def test_a_check_wrong_for_everyone_is_listed_first_with_the_students_code_side_by_side(class_graded_with_a_wrong_check):
    """Graded against a broken answer key, does the report list that check first, with its one diagnosis and the code each
    student wrote for it side by side: every version named, the same code counted once, identities out with --anonymise?"""
    course, styles = class_graded_with_a_wrong_check
    with contextlib.redirect_stdout(io.StringIO()):
        data, html = write_report(course, out=course / "named")
        anonymous, anonymous_html = write_report(course, "--anonymise", out=course / "anonymous")
    [suspect] = data["look_at_this_check"]
    propagate = by_check(data)["propagate"]
    assert (suspect["check"], suspect["id"], suspect["students"], suspect["percent"]) == ("propagate", logistic.DW_OVER_M.id, 30, 100.0)
    assert [row["id"] for row in propagate["diagnoses"]] == [suspect["id"]] and propagate["passed"] == 0
    assert all(check["pass_rate"] == 100 for check in data["checks"] if check["check"] not in ("propagate", "model"))
    # Each student signed the code, so every version differs: the first SHOWN, the rest counted.
    assert [version["student"] for version in suspect["code"]] == sorted(styles)[:6] and suspect["other_versions"] == 24
    for version in suspect["code"]:
        assert version["source"].startswith("def propagate(w, b, X, Y):") and f"# {version['student']}'s propagate" in version["source"]
        assert PROPAGATE_STYLES[styles[version["student"]]].replace("\n    ", "\n") in version["source"].replace("\n    ", "\n")
    assert html.index("<h2>Look at this check</h2>") < html.index("<h2>Scores")
    assert html.count("<figure>") == 6 and "&#x27;s propagate" in html and "24 other versions" in html
    # Anonymised, the signatures read [student]: the five ways of writing it, six students each, none named.
    [hidden] = anonymous["look_at_this_check"]
    assert sorted(version["students"] for version in hidden["code"]) == [6] * 5 and hidden["other_versions"] == 0
    assert all(version["student"].startswith("submission ") and "# [student]'s propagate" in version["source"] for version in hidden["code"])
    for text in (EMBEDDED_PNG.sub("", anonymous_html), json.dumps(anonymous)):
        assert not any(student in text for student in styles)
