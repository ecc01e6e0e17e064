"""Helpers for the catalogues of student implementations: running them through the sandbox, asserting diagnoses.

Each assignment package `checker.assignments.<name>` has a catalogue module `tests/<name>_variants.py`
holding BUGS (check, implementation, the diagnosis template it must get) and CORRECT (check,
implementation). An implementation is the object a check needs, or a tuple of them; a catalogue
may define `notebook_names(check, implementation, seed)` for checks that need more than that.
"""

import ast
import functools
import importlib
import math
import re

import numpy as np
import pytest

from checker.checks.session import NotebookSession
from checker.sandbox.policy import Policy

# The checks' own limits, but an endless loop in a catalogue entry is stopped after 1 s instead of 2.
TEST_POLICY = Policy(call_seconds=1.0)
HIDDEN_STYLE_SEED = 2**40 + 12345  # not the public seed: the check treats its inputs as private, as under a hidden seed


def template_fragment(template):
    """The longest literal piece of a message template, to find it in a formatted message."""
    return max(re.split(r"\{[^}]*\}", template), key=len).strip()


def assert_diagnosis(message, template):
    __tracebackhide__ = True
    fragment = template_fragment(template)
    assert fragment in message, f"expected the diagnosis {fragment!r} in:\n{message}"


def package_name(assignment):
    return assignment.package.rpartition(".")[2]


def catalogue_of(assignment):
    """The catalogue module of an assignment (every assignment must have one)."""
    return importlib.import_module(f"{package_name(assignment)}_variants")


def notebook_names(assignment, check, implementation, seed=None):
    """The names a notebook would bind for `check`, given a catalogue implementation."""
    custom = getattr(catalogue_of(assignment), "notebook_names", None)
    names = custom(check, implementation, seed) if custom else None
    if names is None:
        implementations = implementation if isinstance(implementation, tuple) else (implementation,)
        names = dict(zip(check.needs, implementations))
    return names


def run_in_sandbox(sandbox, assignment, check_name, implementation, seed=None):
    """Grade an implementation as official grading would: loaded in the sandbox, checked from outside; its notes on a pass."""
    check = assignment.check(check_name)
    session = NotebookSession.from_objects(sandbox, notebook_names(assignment, check, implementation, seed))
    try:
        return session.run(check, seed=seed)
    finally:
        session.close()


def run_in_process(assignment, check_name, implementation, seed=None, policy=TEST_POLICY):
    """Grade an implementation in-process, as a grade cell in the student's own kernel does."""
    check = assignment.check(check_name)
    names = notebook_names(assignment, check, implementation, seed)
    return check.function(*(names[name] for name in check.needs), seed=seed, policy=policy)


def entries(kind):
    """(assignment, entry name) for every entry of every catalogue: BUGS or CORRECT."""
    from checker.course import ASSIGNMENTS

    return [(assignment, name) for assignment in ASSIGNMENTS for name in sorted(getattr(catalogue_of(assignment), kind))]


def is_slow(assignment, name):
    """Whether a catalogue lists the entry among its SLOW ones (seconds each: a time limit waited out, a loop's pace)."""
    return name in getattr(catalogue_of(assignment), "SLOW", ())


def tier_marks(assignment, name):
    """The marks of a test of one catalogue entry: a slow entry is graded in the e2e tier only."""
    return [pytest.mark.e2e] if is_slow(assignment, name) else []


def catalogue_outcomes():
    """{"<assignment>: <entry>": [outcome, message, diagnosis]} for every catalogue entry, graded in-process at the public seed."""
    import contextlib
    import io

    from checker.checks.errors import CheckFailure

    outcomes = {}
    for kind in ("BUGS", "CORRECT"):
        for assignment, name in entries(kind):
            check_name, implementation = getattr(catalogue_of(assignment), kind)[name][:2]
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    run_in_process(assignment, check_name, implementation)
                outcomes[f"{assignment.id}: {name}"] = ["passed", "", None]
            except CheckFailure as failure:
                outcomes[f"{assignment.id}: {name}"] = ["failed", str(failure), failure.diagnosis]
    return outcomes


# -- failure messages never give the answer -------------------------------------------------
def telling_numbers(value):
    """The numbers in a returned value that would give something away: finite, not integers (shapes, counts, 0, 1)."""
    if isinstance(value, dict):
        return [n for item in value.values() for n in telling_numbers(item)]
    if isinstance(value, (list, tuple)):
        return [n for item in value for n in telling_numbers(item)]
    try:
        numbers = np.asarray(value, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        return []
    return [float(n) for n in numbers[:10_000] if math.isfinite(n) and n != round(n)]


def spellings(number):
    """How a check would print the number, keeping only spellings precise enough to give it away (0.123, not 1)."""
    texts = {f"{number:.3g}", f"{number:.4g}", f"{number:.6g}", repr(number)}
    return {text for text in texts if sum(c.isdigit() for c in text.split("e")[0].lstrip("-0.")) >= 3}


def without_the_students_value(message):
    """The message without its detail lines about the student's own values ("yours: ...", "worst entries (yours): ...")."""
    return "\n".join(line for line in message.splitlines() if "yours" not in line.partition(":")[0])


def assert_no_answer_shown(message, answers):
    """The message, apart from the lines showing the student's own values, contains no number the answer key returned."""
    __tracebackhide__ = True
    message = without_the_students_value(message)
    shown = sorted({text for value in answers for number in telling_numbers(value) for text in spellings(number) if text in message})
    assert not shown, f"the message shows the answer key's {shown}:\n{message}"


# -- failure messages speak of the student's code, never of the checker's ------------------------
# Names the checks use for their own values: a message must never show them.
CHECKER_VARIABLES = re.compile(r"(?<![\w\"'`.])(d|result|value|expected|truth|mistaken|stand_ins?|helpers|spy|run)\[|`(stand_ins?|helpers|spy|run)`")


@functools.lru_cache(maxsize=None)
def students_vocabulary():
    """Every name a student's solution code defines or uses: functions, classes, methods, parameters, variables, attributes."""
    import json

    from checker.course import ASSIGNMENTS
    from conftest import REPO

    names = set()
    for assignment in ASSIGNMENTS:
        cells = json.loads((REPO / "solutions" / assignment.id / assignment.notebook).read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                try:
                    tree = ast.parse("".join(cell["source"]).replace("%matplotlib inline", ""))
                except SyntaxError:
                    continue
                for node in ast.walk(tree):
                    names.update(getattr(node, attribute) for attribute in ("id", "name", "arg", "attr")
                                 if isinstance(getattr(node, attribute, None), str))
    return frozenset(name for name in names if len(name) >= 2)


def assert_speaks_of_the_students_code(message):
    """The message names something of the student's code, or shows the student's own value, and no checker variable."""
    __tracebackhide__ = True
    assert not CHECKER_VARIABLES.search(message), f"the message names a checker variable:\n{message}"
    words = set(re.findall(r"[A-Za-z_]\w*", message))
    assert words & students_vocabulary() or "yours" in message, f"the message names nothing of the student's code:\n{message}"
