"""What a class report says, as plain data: scores, each check's diagnoses, and the submissions staff must look at.

Built from the official results (checker.staff.results), and for the checks to look at first, the code
they grade from the submitted notebooks. The same dictionary is written as report.json and drawn as
report.html, so the page and the file never disagree. Students are named only in `look_at_this_check`,
`needs_a_look`, `violations` and, with --students, in the "who" lists behind each count; example
messages are anonymised. A knock-on (a check that failed only because an earlier one did)
is counted under its root cause's row, as what that mistake also cost (checker.staff.report_causes).
"""

import re
import statistics
from collections import Counter

from checker.staff.report_causes import KnockOns, is_knock_on
from checker.staff.report_suspects import checks_to_look_at
from checker.staff.report_students import (
    GRADER_ERROR,
    Roster,
    Submission,
    headline,
    hide_identity,
    percent,
)

# What became of one check of one submission, in the order the report shows them.
PASSED, RECOGNISED, KNOCK_ON, UNRECOGNISED = "passed", "recognised mistake", "knock-on of an earlier check", "unrecognised failure"
STOPPED_OR_BLOCKED = "stopped or blocked"
KINDS = (PASSED, RECOGNISED, KNOCK_ON, UNRECOGNISED, STOPPED_OR_BLOCKED, GRADER_ERROR)
# How many different unrecognised messages to show per check; the rest are counted together.
MOST_COMMON = 10
# Notes differ in their numbers ("8× slower", "12× slower"): they are counted together without them.
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def class_report(assignment_id, results, anonymise=False, students=False, code_of=None):
    """The report of one assignment from {student: result dict}; `anonymise` numbers students, `students` lists them per count.

    `code_of(student, check)` gives the code a check grades as that student wrote it (None: unknown), shown for the checks
    to look at (checker.staff.report_suspects).
    """
    everyone = sorted(results)
    roster = Roster(everyone, anonymise, students)
    graded = [student for student in everyone if "error" not in results[student]]
    readable = [student for student in graded if not results[student].get("unreadable")]
    outcomes = outcomes_by_check(readable, results)
    knock_ons = KnockOns(outcomes)
    staff_view = [Submission(student, results[student], roster) for student in everyone]
    checks = [check_summary(name, group, knock_ons, roster) for name, group in outcomes.items()]
    return {
        "assignment": assignment_id,
        "submissions": len(everyone),
        "not_graded": len(everyone) - len(graded),
        "readable": len(readable),
        "anonymised": anonymise,
        "students_listed": students,
        "look_at_this_check": checks_to_look_at(checks, outcomes, roster, code_of or (lambda student, check: None)),
        "scores": score_summary([results[student] for student in graded]),
        "checks": checks,
        "needs_a_look": [row for submission in staff_view for row in submission.problems()],
        "violations": [row for submission in staff_view for row in submission.violations()],
    }


def score_summary(results):
    """Summary statistics of the class's points, and how many students got each score."""
    points = [result["points"] for result in results]
    possible = max((result["possible"] for result in results), default=0)
    return {
        "possible": possible,
        "mean": round(statistics.fmean(points), 2) if points else None,
        "median": statistics.median(points) if points else None,
        "stdev": round(statistics.pstdev(points), 2) if points else None,
        "lowest": min(points, default=None),
        "highest": max(points, default=None),
        "full_marks": sum(score == possible for score in points),
        "zero": sum(score == 0 for score in points),
        "distribution": sorted(Counter(points).items()),
    }


def outcomes_by_check(readable, results):
    """{check name: [Outcome, ...]}, checks in the order the results list them, students in sorted order."""
    outcomes = {}
    for student in readable:
        siblings = {}
        for check in results[student]["checks"]:
            outcome = siblings[check["check"]] = Outcome(student, results[student].get("notebook"), check, siblings)
            outcomes.setdefault(check["check"], []).append(outcome)
    return outcomes


class Outcome:
    """One check of one student's submission, what kind of result it was, and the student's other checks (`siblings`)."""

    def __init__(self, student, notebook, check, siblings):
        self.student, self.notebook, self.check, self.siblings = student, notebook, check, siblings
        self.name, self.diagnosis, self.status, self.points = check["check"], check.get("diagnosis"), check["status"], check["points"]
        self.passed, self.is_knock_on = self.status == "passed", is_knock_on(check)
        self.caused_by = check.get("caused_by") or []
        self.kind = (PASSED if self.passed else GRADER_ERROR if self.status == GRADER_ERROR else STOPPED_OR_BLOCKED if self.status != "failed"
                     else KNOCK_ON if self.is_knock_on else RECOGNISED if self.diagnosis else UNRECOGNISED)

    @property
    def listed_as(self):
        """The diagnosis id this outcome is counted under in its check's table, or None."""
        return self.diagnosis if self.kind in (RECOGNISED, STOPPED_OR_BLOCKED) else None

    @property
    def lost(self):
        return self.check["possible"] - self.points

    @property
    def message(self):
        """The message without the student's id or notebook path."""
        return hide_identity(self.check["message"], self.student, self.notebook)

    @property
    def note(self):
        return hide_identity(self.check.get("note") or "", self.student, self.notebook)


def check_summary(name, outcomes, knock_ons, roster):
    """One check across the class: pass rate, mean points, its diagnoses by frequency and what each also cost, knock-ons, notes."""
    total = len(outcomes)
    kinds = Counter(outcome.kind for outcome in outcomes)
    diagnosed = [outcome for outcome in outcomes if outcome.listed_as]
    unrecognised = [outcome for outcome in outcomes if outcome.kind == UNRECOGNISED]
    noted = [outcome for outcome in outcomes if outcome.passed and outcome.note]
    return {
        "check": name,
        "possible": max(outcome.check["possible"] for outcome in outcomes),
        "passed": kinds[PASSED],
        "pass_rate": percent(kinds[PASSED], total),
        "mean_points": round(sum(outcome.points for outcome in outcomes) / total, 2),
        "outcomes": {kind: kinds[kind] for kind in KINDS},
        "diagnoses": [{"id": key, **roster.count(group, total), "example": typical(group), "also_cost": also_cost(knock_ons, roster, name, key)}
                      for key, group in by_frequency(diagnosed, lambda outcome: outcome.diagnosis)],
        "unrecognised": {**roster.count(unrecognised, total), "messages": unrecognised_messages(unrecognised, roster),
                         "also_cost": also_cost(knock_ons, roster, name, None)},
        "knock_ons": knock_on_summary(knock_ons.of_check(name), total, roster),
        "notes": {**roster.count(noted, total), "kinds": [{"note": key, **roster.count(group), "example": typical(group, "note")}
                                                          for key, group in by_frequency(noted, lambda outcome: NUMBER.sub("#", outcome.note))]},
    }


def unrecognised_messages(unrecognised, roster):
    """The most common headlines among failures without a diagnosis, each with a count and one example."""
    groups = by_frequency(unrecognised, lambda outcome: headline(outcome.message))
    shown = [{"headline": key, **roster.count(group), "example": typical(group)} for key, group in groups[:MOST_COMMON]]
    others = [outcome for _, group in groups[MOST_COMMON:] for outcome in group]
    return shown + ([{"headline": f"{len(groups) - MOST_COMMON} other messages", **roster.count(others), "example": ""}] if others else [])


def knock_on_summary(pairs, total, roster):
    """How many of a check's failures were knock-ons, and which root causes (check, diagnosis id) they came from, most frequent first."""
    return {**roster.count([outcome for _, outcome in pairs], total),
            "caused_by": [{"check": root[0], "id": root[1], **roster.count([outcome for _, outcome in group])}
                          for root, group in by_frequency(pairs, lambda pair: pair[0])]}


def also_cost(knock_ons, roster, check, diagnosis):
    """What a root cause cost later checks as knock-ons: students and points per check, in the registry's order."""
    return [{"check": later, **roster.count(group), "points": sum(outcome.lost for outcome in group)}
            for later, group in knock_ons.cost_of(check, diagnosis).items()]


def typical(group, text="message"):
    """The most common anonymised message (or note) of a group of outcomes (ties: the first in student order)."""
    return Counter(getattr(outcome, text) for outcome in group).most_common(1)[0][0]


def by_frequency(items, key):
    """[(key, items with that key)], most frequent first, ties by key."""
    groups = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items(), key=lambda group: (-len(group[1]), str(group[0])))
