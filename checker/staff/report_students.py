"""Who the class report names, and where: staff names (ids, or numbers with --anonymise), the students
behind each count (with --students only), identities kept out of example messages, and the staff sections.
"""

import re

# Statuses that mean the student's code never gave an answer to judge: staff should look at these.
STOPPED = ("timed out", "ended the process", "unreadable reply")
VIOLATION = "sandbox violation"
UNREADABLE = "unreadable notebook"
# The checker itself failed: no points were decided, and the next grading run grades it again.
GRADER_ERROR = "grader error"


class Roster:
    """How the report shows students: by id, or as "submission N" in sorted order; `listed` puts names behind every count."""

    def __init__(self, students, anonymise=False, listed=False):
        self.names = {student: f"submission {number}" if anonymise else student for number, student in enumerate(sorted(students), 1)}
        self.anonymise, self.listed = anonymise, listed

    def count(self, outcomes, total=None):
        """{"students": how many outcomes, "percent" of `total` if given, "who": their names when listed}."""
        counted = {"students": len(outcomes)}
        if total is not None:
            counted["percent"] = percent(len(outcomes), total)
        if self.listed:
            counted["who"] = [self.names[outcome.student] for outcome in outcomes]
        return counted


class Submission:
    """One student's whole result as the staff sections show it: named, or numbered when anonymised."""

    def __init__(self, student, result, roster):
        self.student, self.result = student, result
        self.name, self.anonymise = roster.names[student], roster.anonymise

    def shown(self, message):
        return hide_identity(message, self.student, self.result.get("notebook")) if self.anonymise else message

    def problem(self, check, status, message):
        return {"student": self.name, "check": check, "status": status, "message": self.shown(message)}

    def problems(self):
        """A grader error or an unreadable notebook, or each check that timed out, crashed or that the grader failed on."""
        if "error" in self.result:
            return [self.problem(None, GRADER_ERROR, self.result["error"])]
        if self.result.get("unreadable"):
            return [self.problem(None, UNREADABLE, self.result["unreadable"])]
        return [self.problem(check["check"], check["status"], check["message"])
                for check in self.result["checks"] if check["status"] in STOPPED or check["status"] == GRADER_ERROR]

    def violations(self):
        """What the submission did to get round the sandbox, with its points, for review (empty if nothing)."""
        found = list(self.result.get("violations") or []) or [
            f"{check['check']}: {headline(check['message'])}" for check in self.result.get("checks", []) if check["status"] == VIOLATION]
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


def headline(message):
    return message.splitlines()[0] if message else ""


def percent(count, total):
    return round(100 * count / total, 1) if total else 0.0
