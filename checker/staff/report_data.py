"""What a class report says, as plain data: scores, each check's diagnoses, and the submissions staff must look at.

Built from the official results only (checker.staff.results). The same dictionary is written as
report.json and drawn as report.html, so the page and the file never disagree. Students are named
only in `needs_a_look` and `violations`; example messages elsewhere are anonymised.
"""

import re
import statistics
from collections import Counter

# Statuses that mean the student's code never gave an answer to judge: staff should look at these.
STOPPED = ("timed out", "ended the process", "unreadable reply")
VIOLATION = "sandbox violation"
UNREADABLE = "unreadable notebook"
# What became of one check of one submission, in the order the report shows them.
PASSED, RECOGNISED, UNRECOGNISED, STOPPED_OR_BLOCKED = "passed", "recognised mistake", "unrecognised failure", "stopped or blocked"
KINDS = (PASSED, RECOGNISED, UNRECOGNISED, STOPPED_OR_BLOCKED)
# How many different unrecognised messages to show per check; the rest are counted together.
MOST_COMMON = 10


def class_report(assignment_id, results, anonymise=False):
    """The report of one assignment from {student: result dict}; `anonymise` hides names in the staff sections too."""
    students = sorted(results)
    readable = [(student, results[student]) for student in students if not results[student].get("unreadable")]
    staff_view = [Submission(student, results[student], f"submission {number}" if anonymise else student, anonymise)
                  for number, student in enumerate(students, 1)]
    return {
        "assignment": assignment_id,
        "submissions": len(students),
        "readable": len(readable),
        "anonymised": anonymise,
        "scores": score_summary([results[student] for student in students]),
        "checks": [check_summary(name, outcomes) for name, outcomes in outcomes_by_check(readable).items()],
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


def outcomes_by_check(readable):
    """{check name: [Outcome, ...]}, checks in the order the results list them."""
    outcomes = {}
    for student, result in readable:
        for check in result["checks"]:
            outcomes.setdefault(check["check"], []).append(Outcome(student, result.get("notebook"), check))
    return outcomes


class Outcome:
    """One check of one student's submission, and what kind of result it was."""

    def __init__(self, student, notebook, check):
        self.student, self.notebook, self.check = student, notebook, check
        self.diagnosis, self.status, self.points = check.get("diagnosis"), check["status"], check["points"]

    @property
    def kind(self):
        if self.status == "passed":
            return PASSED
        if self.status != "failed":
            return STOPPED_OR_BLOCKED
        return RECOGNISED if self.diagnosis else UNRECOGNISED

    @property
    def message(self):
        """The message without the student's id or notebook path."""
        return hide_identity(self.check["message"], self.student, self.notebook)


def check_summary(name, outcomes):
    """One check across the class: pass rate, mean points, its diagnoses by frequency, and unrecognised failures."""
    total = len(outcomes)
    kinds = Counter(outcome.kind for outcome in outcomes)
    diagnosed = [outcome for outcome in outcomes if outcome.kind != PASSED and outcome.diagnosis]
    unrecognised = [outcome for outcome in outcomes if outcome.kind == UNRECOGNISED]
    return {
        "check": name,
        "possible": max(outcome.check["possible"] for outcome in outcomes),
        "passed": kinds[PASSED],
        "pass_rate": percent(kinds[PASSED], total),
        "mean_points": round(sum(outcome.points for outcome in outcomes) / total, 2),
        "outcomes": {kind: kinds[kind] for kind in KINDS},
        "diagnoses": [{"id": key, "students": len(group), "percent": percent(len(group), total), "example": typical_message(group)}
                      for key, group in by_frequency(diagnosed, lambda outcome: outcome.diagnosis)],
        "unrecognised": {"students": len(unrecognised), "percent": percent(len(unrecognised), total),
                         "messages": unrecognised_messages(unrecognised)},
    }


def unrecognised_messages(unrecognised):
    """The most common headlines among failures without a diagnosis, each with a count and one example."""
    groups = by_frequency(unrecognised, lambda outcome: headline(outcome.message))
    shown = [{"headline": key, "students": len(group), "example": typical_message(group)} for key, group in groups[:MOST_COMMON]]
    others = sum(len(group) for _, group in groups[MOST_COMMON:])
    return shown + ([{"headline": f"{len(groups) - MOST_COMMON} other messages", "students": others, "example": ""}] if others else [])


class Submission:
    """One student's whole result as the staff sections show it: named, or numbered when anonymised."""

    def __init__(self, student, result, name, anonymise):
        self.student, self.result, self.name, self.anonymise = student, result, name, anonymise

    def shown(self, message):
        return hide_identity(message, self.student, self.result.get("notebook")) if self.anonymise else message

    def problems(self):
        """An unreadable notebook, or each check that timed out or crashed."""
        if self.result.get("unreadable"):
            return [{"student": self.name, "check": None, "status": UNREADABLE, "message": self.shown(self.result["unreadable"])}]
        return [{"student": self.name, "check": check["check"], "status": check["status"], "message": self.shown(check["message"])}
                for check in self.result["checks"] if check["status"] in STOPPED]

    def violations(self):
        """What the submission did to get round the sandbox, with its points, for review (empty if nothing)."""
        found = list(self.result.get("violations") or []) or [
            f"{check['check']}: {headline(check['message'])}" for check in self.result["checks"] if check["status"] == VIOLATION]
        if not found:
            return []
        return [{"student": self.name, "points": self.result["points"], "possible": self.result["possible"],
                 "violations": [self.shown(line) for line in found]}]


SEED_LINE = re.compile(r"\n\s*\(inputs drawn with seed \d+:[^\n]*\)")


def hide_identity(message, student, notebook):
    """`message` with the notebook's path as "the notebook", the student's id as "[student]", and no seed (it may be a hidden one)."""
    message = SEED_LINE.sub("", message)
    if notebook:
        message = message.replace(notebook, "the notebook")
    if not student or student not in message:  # the usual case, and far quicker than compiling a pattern per student
        return message
    # Whole words only: a short id such as "al" must not eat into "also".
    return re.sub(rf"(?<!\w){re.escape(student)}(?!\w)", "[student]", message)


def typical_message(group):
    """The most common anonymised message of a group of outcomes (ties: the first in student order)."""
    return Counter(outcome.message for outcome in group).most_common(1)[0][0]


def by_frequency(items, key):
    """[(key, items with that key)], most frequent first, ties by key."""
    groups = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items(), key=lambda group: (-len(group[1]), group[0]))


def headline(message):
    return message.splitlines()[0] if message else ""


def percent(count, total):
    return round(100 * count / total, 1) if total else 0.0
