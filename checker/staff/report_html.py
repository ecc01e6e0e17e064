"""The class report as one self-contained HTML page: plots embedded as data URIs, no scripts, nothing fetched."""

import base64
from html import escape

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
td.number { text-align: right; white-space: nowrap; }
code { font-size: 0.95em; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.5rem; margin: 0.3rem 0; }
img { max-width: 100%; height: auto; }
.note { color: #555; }
.side-by-side { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 0.6rem; }
.side-by-side figure { margin: 0; }
.side-by-side pre { white-space: pre; overflow-x: auto; font-size: 0.85em; }
figcaption { color: #555; font-size: 0.9em; }
"""


def render_page(report, plots):
    """The page for a report from report_data.class_report, with `plots` {name: PNG bytes} from report_plots."""
    title = f"What the class got wrong: {report['assignment']}"
    body = "\n".join([
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{report["submissions"]} graded submissions, {report["readable"]} of them readable'
        + (f', {report["not_graded"]} not graded (grader errors)' if report["not_graded"] else "") + ". "
        "Students are named only where staff must act" + (" (anonymised here)" if report["anonymised"] else "") + ".</p>",
        *([look_section(report["look_at_this_check"])] if report["look_at_this_check"] else []),
        scores_section(report["scores"], plots["scores"]),
        checks_section(report["checks"], plots["outcomes"]),
        "<h2>Most common mistakes, per check</h2>",
        ('<p class="note">Each diagnosis id names one recognised mistake; the example is the message most students with it got. '
         "A check that failed only because an earlier check failed is a knock-on: it is counted under the earlier mistake, "
         "as what that mistake also cost.</p>"),
        *(check_section(check) for check in report["checks"]),
        unrecognised_section(report["checks"]),
        needs_a_look_section(report["needs_a_look"]),
        violations_section(report["violations"]),
        *([students_section(report["checks"])] if report["students_listed"] else []),
    ])
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def look_section(suspects):
    """The checks most of the class fails with one diagnosis, each with the students' code side by side: before grades go out."""
    parts = ["<h2>Look at this check</h2>",
             ('<p class="note">Most of the class failed these checks with the same diagnosis (at least half of the readable '
              "submissions, and at least three students). That is more often the check's fault (a wrong answer key, a rule too "
              "strict) than the class's: read the code below before you publish the grades.</p>")]
    for suspect in suspects:
        parts.append(f'<h3><a href="#{anchor(suspect["check"])}">{code(suspect["check"])}</a>: {students(suspect["students"])} '
                     f'({share(suspect["percent"])}) failed with {code(suspect["id"])}</h3>')
        parts.append(f"<div>What they were told: {example(suspect['example'])}</div>")
        figures = [f"<figure><figcaption>{escape(version['student'])}"
                   + (f" and {version['students'] - 1} more with the same code" if version["students"] > 1 else "")
                   + f"</figcaption><pre><code>{escape(version['source'])}</code></pre></figure>" for version in suspect["code"]]
        parts.append('<div class="side-by-side">\n' + "\n".join(figures) + "\n</div>")
        if suspect["other_versions"]:
            parts.append(f'<p class="note">{suspect["other_versions"]} other versions of the code are not shown.</p>')
    return "\n".join(parts)


def scores_section(scores, plot):
    rows = [("submissions", sum(count for _, count in scores["distribution"])), ("mean", scores["mean"]), ("median", scores["median"]),
            ("standard deviation", scores["stdev"]), ("lowest", scores["lowest"]), ("highest", scores["highest"]),
            ("full marks", scores["full_marks"]), ("no points", scores["zero"])]
    return "\n".join([
        f"<h2>Scores (out of {scores['possible']:g})</h2>",
        image(plot, "Histogram of the students' scores: number of students per score."),
        table(("statistic", "value"), [(name, number(value)) for name, value in rows]),
    ])


def checks_section(checks, plot):
    rows = [(f'<a href="#{anchor(check["check"])}">{code(check["check"])}</a>', number(check["possible"]), number(f"{check['pass_rate']:g} %"),
             number(check["mean_points"]), number(check["knock_ons"]["students"]), number(check["unrecognised"]["students"]),
             number(check["notes"]["students"])) for check in checks]
    return "\n".join([
        "<h2>Checks</h2>",
        ('<p class="note">Percentages are of the readable submissions. "Stopped or blocked" means timed out, crashed or a sandbox violation; '
         "a knock-on failed only because an earlier check failed.</p>"),
        image(plot, "Stacked bars per check: share passed, recognised mistake, knock-on, unrecognised failure, stopped or blocked, grader error."),
        table(("check", "points", "pass rate", "mean points", "knock-ons", "unrecognised failures", "passed with a note"), rows),
    ])


def check_section(check):
    """One check's diagnoses, most common first, each with what it also cost and an anonymised example; then its knock-ons and notes."""
    parts = [f'<h3 id="{anchor(check["check"])}">{code(check["check"])}: {check["pass_rate"]:g} % passed</h3>']
    found = check["diagnoses"]
    with_costs = any(row["also_cost"] for row in found)  # a column only where some mistake cost a later check
    if found:
        parts.append(table(("diagnosis", "students", "share", *(("also cost",) if with_costs else ()), "example message"),
                           [(code(row["id"]), number(row["students"]), number(share(row["percent"])),
                             *((costs(row["also_cost"]),) if with_costs else ()), example(row["example"])) for row in found]))
    else:
        parts.append('<p class="note">No recognised mistakes.</p>')
    if check["unrecognised"]["also_cost"]:
        parts.append(f"<p>Its failures without a recognised diagnosis also cost {costs(check['unrecognised']['also_cost'])}.</p>")
    knock_ons = check["knock_ons"]
    if knock_ons["students"]:
        causes = ", ".join(f"{cause(root['check'], root['id'])} ({root['students']})" for root in knock_ons["caused_by"])
        parts.append(f"<p>{students(knock_ons['students'])} ({share(knock_ons['percent'])}) failed {code(check['check'])} only because "
                     f"an earlier check failed; they are counted under the mistake that caused them: {causes}.</p>")
    if check["notes"]["students"]:
        parts.append(table(("note on a passing submission", "students"),
                           [(example(kind["example"]), number(kind["students"])) for kind in check["notes"]["kinds"]]))
    return "\n".join(parts)


def unrecognised_section(checks):
    """Failures no diagnosis names, per check: where the catalogue of known mistakes should grow."""
    parts = ["<h2>Failures without a recognised diagnosis</h2>",
             '<p class="note">Each of these got a generic message. A frequent one is a mistake worth naming in the catalogue.</p>']
    counted = sorted((check for check in checks if check["unrecognised"]["students"]), key=lambda check: -check["unrecognised"]["students"])
    if not counted:
        return "\n".join(parts + ["<p>None: every failure was recognised.</p>"])
    for check in counted:
        parts.append(f"<h3>{code(check['check'])}: {students(check['unrecognised']['students'])} ({share(check['unrecognised']['percent'])})</h3>")
        rows = [(example(found["example"] or found["headline"]), number(found["students"])) for found in check["unrecognised"]["messages"]]
        parts.append(table(("message", "students"), rows))
    return "\n".join(parts)


def needs_a_look_section(rows):
    parts = ["<h2>Time-outs, crashes, unreadable notebooks and grader errors</h2>",
             ('<p class="note">A grader error is the checker\'s own failure, not the student\'s: no points were decided for it, '
              "and the next grading run grades it again.</p>")]
    if not rows:
        return "\n".join(parts + ["<p>None.</p>"])
    cells = [(escape(row["student"]), code(row["check"]) if row["check"] else "", escape(row["status"]), example(row["message"])) for row in rows]
    return "\n".join(parts + [table(("student", "check", "what happened", "message"), cells)])


def violations_section(rows):
    parts = ["<h2>Sandbox violations, for review</h2>",
             ('<p class="note">These submissions imported the checker or interfered with grading: the checks concerned scored 0, '
              "and nbgrader cells changed by the student were restored from the source before grading.</p>")]
    if not rows:
        return "\n".join(parts + ["<p>None.</p>"])
    cells = [(escape(row["student"]), number(f"{row['points']:g} / {row['possible']:g}"),
              "<br>".join(escape(line) for line in row["violations"])) for row in rows]
    return "\n".join(parts + [table(("student", "points", "what it did"), cells)])


def students_section(checks):
    """Who is behind each diagnosis, each knock-on it caused, each unrecognised message and each note: for writing to them."""
    parts = ["<h2>Students per diagnosis</h2>",
             '<p class="note">Listed with --students, so you can write to them. A knock-on is listed under the mistake that caused it.</p>']
    for check in checks:
        rows = []
        for row in check["diagnoses"]:
            rows += [(code(row["id"]), row["who"])] + knock_on_rows(code(row["id"]), row["also_cost"])
        rows += [(f"no recognised diagnosis: {escape(row['headline'])}", row["who"]) for row in check["unrecognised"]["messages"]]
        rows += knock_on_rows("no recognised diagnosis", check["unrecognised"]["also_cost"])
        rows += [(f"passed, with the note: {escape(kind['example'])}", kind["who"]) for kind in check["notes"]["kinds"]]
        if rows:
            parts += [f"<h3>{code(check['check'])}</h3>", table(("what", "students"), [(what, names(who)) for what, who in rows])]
    return "\n".join(parts)


def knock_on_rows(what, also_cost):
    return [(f"{what}, which also cost {code(later['check'])}", later["who"]) for later in also_cost]


def names(who):
    return f"{len(who)}: " + ", ".join(escape(name) for name in who)


def table(headings, rows):
    """An HTML table; cells are HTML already, escaped by their makers."""
    head = "".join(f"<th>{escape(heading)}</th>" for heading in headings)
    body = "\n".join("<tr>" + "".join(cell if cell.startswith("<td") else f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def image(png, description):
    data = base64.b64encode(png).decode("ascii")
    return f'<p><img src="data:image/png;base64,{data}" alt="{escape(description)}"></p>'


def example(message):
    """A message's first line, with the whole message folded underneath when it has more."""
    first, _, rest = message.partition("\n")
    if not rest:
        return escape(first)
    return f"<details><summary>{escape(first)}</summary><pre>{escape(message)}</pre></details>"


def anchor(check_name):
    return escape(f"check-{check_name}")


def students(count):
    return f"{count} student" + ("" if count == 1 else "s")


def costs(also_cost):
    """What a root cause also cost, as "`model` for 4 students, `predict` for 1 student"."""
    return ", ".join(f"{code(later['check'])} for {students(later['students'])}" for later in also_cost)


def cause(check_name, diagnosis):
    """A knock-on's root cause, linked to its check's table: the diagnosis id, or the check's failures without one."""
    if check_name is None:
        return "an earlier check the results do not name as failed"
    if diagnosis is None:
        what = f"{code(check_name)} without a recognised diagnosis"
    else:
        what = code(diagnosis) if diagnosis.startswith(f"{check_name}.") else f"{code(diagnosis)} in {code(check_name)}"
    return f'<a href="#{anchor(check_name)}">{what}</a>'


def code(text):
    return f"<code>{escape(str(text))}</code>"


def number(value):
    """A right-aligned cell: floats without trailing zeros, a dash for a missing value."""
    if value is None:
        value = "–"
    elif isinstance(value, float):
        value = f"{value:g}"
    return f'<td class="number">{escape(str(value))}</td>'


def share(value):
    """A percentage as people read it: whole numbers, with a decimal for small shares."""
    return f"{value:.1f} %" if 0 < value < 1 else f"{value:.0f} %"
