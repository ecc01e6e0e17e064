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
"""


def render_page(report, plots):
    """The page for a report from report_data.class_report, with `plots` {name: PNG bytes} from report_plots."""
    title = f"What the class got wrong: {report['assignment']}"
    body = "\n".join([
        f"<h1>{escape(title)}</h1>",
        f'<p class="note">{report["submissions"]} graded submissions, {report["readable"]} of them readable. '
        "Students are named only where staff must act" + (" (anonymised here)" if report["anonymised"] else "") + ".</p>",
        scores_section(report["scores"], plots["scores"]),
        checks_section(report["checks"], plots["outcomes"]),
        "<h2>Most common mistakes, per check</h2>",
        '<p class="note">Each diagnosis id names one recognised mistake; the example is the message most students with it got.</p>',
        *(check_section(check) for check in report["checks"]),
        unrecognised_section(report["checks"]),
        needs_a_look_section(report["needs_a_look"]),
        violations_section(report["violations"]),
    ])
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


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
    rows = [(f'<a href="#{anchor(check)}">{code(check["check"])}</a>', number(check["possible"]), number(f"{check['pass_rate']:g} %"), number(check["mean_points"]),
             number(check["unrecognised"]["students"])) for check in checks]
    return "\n".join([
        "<h2>Checks</h2>",
        '<p class="note">Percentages are of the readable submissions. "Stopped or blocked" means timed out, crashed or a sandbox violation.</p>',
        image(plot, "Stacked bars per check: share passed, recognised mistake, unrecognised failure, stopped or blocked."),
        table(("check", "points", "pass rate", "mean points", "unrecognised failures"), rows),
    ])


def check_section(check):
    """One check's diagnoses, most common first, each with an anonymised example message."""
    heading = f'<h3 id="{anchor(check)}">{code(check["check"])}: {check["pass_rate"]:g} % passed</h3>'
    if not check["diagnoses"]:
        return heading + '\n<p class="note">No recognised mistakes.</p>'
    rows = [(code(found["id"]), number(found["students"]), number(share(found["percent"])), example(found["example"]))
            for found in check["diagnoses"]]
    return heading + "\n" + table(("diagnosis", "students", "share", "example message"), rows)


def unrecognised_section(checks):
    """Failures no diagnosis names, per check: where the catalogue of known mistakes should grow."""
    parts = ["<h2>Failures without a recognised diagnosis</h2>",
             '<p class="note">Each of these got a generic message. A frequent one is a mistake worth naming in the catalogue.</p>']
    counted = sorted((check for check in checks if check["unrecognised"]["students"]), key=lambda check: -check["unrecognised"]["students"])
    if not counted:
        return "\n".join(parts + ["<p>None: every failure was recognised.</p>"])
    for check in counted:
        parts.append(f"<h3>{code(check['check'])}: {check['unrecognised']['students']} students ({share(check['unrecognised']['percent'])})</h3>")
        rows = [(example(found["example"] or found["headline"]), number(found["students"])) for found in check["unrecognised"]["messages"]]
        parts.append(table(("message", "students"), rows))
    return "\n".join(parts)


def needs_a_look_section(rows):
    parts = ["<h2>Time-outs, crashes and unreadable notebooks</h2>"]
    if not rows:
        return "\n".join(parts + ["<p>None.</p>"])
    cells = [(escape(row["student"]), code(row["check"]) if row["check"] else "", escape(row["status"]), example(row["message"])) for row in rows]
    return "\n".join(parts + [table(("student", "check", "what happened", "message"), cells)])


def violations_section(rows):
    parts = ["<h2>Sandbox violations, for review</h2>",
             '<p class="note">These submissions imported the checker or interfered with grading; the checks concerned scored 0.</p>']
    if not rows:
        return "\n".join(parts + ["<p>None.</p>"])
    cells = [(escape(row["student"]), number(f"{row['points']:g} / {row['possible']:g}"),
              "<br>".join(escape(line) for line in row["violations"])) for row in rows]
    return "\n".join(parts + [table(("student", "points", "what it did"), cells)])


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


def anchor(check):
    return escape(f"check-{check['check']}")


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
