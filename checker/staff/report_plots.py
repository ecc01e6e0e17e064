"""The class report's plots, drawn with matplotlib's Agg renderer into PNG bytes to embed in the page.

Figures are made with matplotlib's object interface, never pyplot: nothing global changes, no window
opens, and no display is needed on a grading server.
"""

import io
import logging
import warnings

from checker.staff.report_data import KINDS

# Colours for the outcomes of a check, in the order of report_data.KINDS; readable by colour-blind viewers.
# A knock-on is a paler shade of the recognised mistakes' orange: it is counted under its root cause.
OUTCOME_COLOURS = ("#1b9e77", "#d95f02", "#fdb863", "#7570b3", "#999999", "#e7298a")
SCORE_COLOUR = "#3b6ea5"


def new_figure(width, height):
    """A figure with its own Agg canvas; the first import of matplotlib may log about its font cache, which must not reach stderr."""
    logger = logging.getLogger("matplotlib")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    finally:
        logger.setLevel(level)
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def png_bytes(figure):
    buffer = io.BytesIO()
    with warnings.catch_warnings():  # a font warning would be noise on the staff's terminal, not news
        warnings.simplefilter("ignore")
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def score_histogram(scores):
    """How many students got each score, from report_data.score_summary."""
    figure = new_figure(7, 3.2)
    axes = figure.add_subplot()
    points = [score for score, _ in scores["distribution"]]
    students = [count for _, count in scores["distribution"]]
    axes.bar(points, students, width=0.8 if all(float(score).is_integer() for score in points) else 0.4, color=SCORE_COLOUR)
    axes.set_xlim(-0.7, scores["possible"] + 0.7)
    axes.set_xlabel(f"points (out of {scores['possible']:g})")
    axes.set_ylabel("students")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    return png_bytes(figure)


def outcomes_per_check(checks):
    """For every check, the share of students who passed, made a recognised mistake, an unrecognised one, or were stopped."""
    figure = new_figure(7, 0.45 * len(checks) + 1.3)
    axes = figure.add_subplot()
    names = [check["check"] for check in checks]
    left = [0.0] * len(checks)
    for kind, colour in zip(KINDS, OUTCOME_COLOURS, strict=True):
        shares = [100 * check["outcomes"][kind] / max(sum(check["outcomes"].values()), 1) for check in checks]
        axes.barh(names, shares, left=left, color=colour, label=kind)
        left = [start + share for start, share in zip(left, shares)]
    axes.invert_yaxis()  # the first check on top, as in the tables
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of readable submissions")
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, frameon=False, fontsize="small")
    axes.spines[["top", "right"]].set_visible(False)
    return png_bytes(figure)
