"""Checks to look at before publishing grades: those that most of a class fails with one diagnosis.

A check that most of a class fails the same way is more often the check's fault (a wrong answer key,
a rule too strict) than the class's. A check is listed when one diagnosis id (a recognised mistake,
or a time-out or crash) is its failure for at least SHARE % of the readable submissions, and for at
least MINIMUM students; knock-ons are counted under the check that caused them, so they never list a
check of their own. Each listed check comes with the code it grades as the students behind that
diagnosis wrote it, the most common versions first, for staff to read side by side.
"""

from checker.staff.report_students import hide_identity

SHARE = 50.0  # percent of the readable submissions failing with the same diagnosis
MINIMUM = 3  # students: one or two are never "most of a class"
SHOWN = 6  # versions of the code side by side; the others are counted


def checks_to_look_at(checks, outcomes, roster, code_of):
    """[{"check", "id", "students", "percent", "example", "code", "other_versions"}] for the checks to look at, most failed first.

    `checks` are report_data's check summaries, `outcomes` {check: [Outcome]}, `code_of(student, check)` the code it grades
    as that student wrote it (or None).
    """
    listed = []
    for check in checks:
        top = check["diagnoses"][0] if check["diagnoses"] else None
        if top is None or top["percent"] < SHARE or top["students"] < MINIMUM:
            continue
        group = [outcome for outcome in outcomes[check["check"]] if outcome.listed_as == top["id"]]
        versions, others = side_by_side(group, roster, lambda outcome: code_of(outcome.student, outcome.name))
        listed.append({"check": check["check"], **top, "code": versions, "other_versions": others})
    return sorted(listed, key=lambda entry: -entry["percent"])


def side_by_side(group, roster, code_of):
    """([{"student", "students", "source"}] for the SHOWN most common versions of the code, the number of other versions).

    A version is named by its first student in the roster's order (a number with --anonymise, which also takes the student's
    id and notebook path out of the code) and counts the students who wrote the same code, whitespace at line ends aside.
    """
    versions = {}
    for outcome in group:
        source = code_of(outcome) or "(the submitted notebook could not be read)"
        if roster.anonymise:
            source = hide_identity(source, outcome.student, outcome.notebook)
        versions.setdefault("\n".join(line.rstrip() for line in source.strip().splitlines()), []).append(outcome)
    ordered = sorted(versions.items(), key=lambda version: -len(version[1]))  # stable: ties in the students' order
    shown = [{"student": roster.names[members[0].student], "students": len(members), "source": source} for source, members in ordered[:SHOWN]]
    return shown, max(len(ordered) - SHOWN, 0)
