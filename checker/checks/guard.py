"""Calling a student's code from a check, wherever it lives (checker.checks.student_side), and telling what went wrong.

Checks read the same in the sandbox and in a grade cell: `call_student(run, propagate, w, b, X, Y)`.
Whatever went wrong becomes a CheckFailure with the student's own line and a hint. Time limits
come from the run's policy (checker.sandbox.policy).
"""

import contextlib
import io
import re
import time

from checker.checks import messages
from checker.checks.errors import CheckFailure
from checker.checks.seeds import derived_seed
from checker.checks.student_side import side_of
from checker.sandbox import proxies
from checker.sandbox.errors import CheckerImportBlocked, StudentAttributeMissing
from checker.sandbox.protocol import size_of
from checker.sandbox.proxies import StudentBudgetUsed, StudentEnded, StudentProblem, StudentRaised, StudentTimedOut, StudentUnreadable


def call_student(run, function, *args, name=None, time_limit_s=None, allow_changes=False, **kwargs):
    """Call `function` and report any misbehaviour through `run`; returns its CallReport (value, warnings, changed).

    The arguments reach the student's code as copies, and any change to them is reported, unless
    allow_changes (a training loop meant to update the layers it is given).
    """
    __tracebackhide__ = True
    name = name or proxies.name_of(function) or getattr(function, "__name__", None) or "your function"
    run.calling(name)
    side = side_of(function, run)
    if side.origin_is_checker(function):
        run.fail(messages.FROM_CHECKER.format(name=name), depends_on_seed=False)
    limit = run.policy.call_seconds if time_limit_s is None else time_limit_s
    try:
        report = side.call(function, args, kwargs, limit, not allow_changes, name)
    except StudentProblem as problem:
        fail_for_problem(run, problem, name)
    if report.changed and not allow_changes:
        run.fail(messages.CHANGED_INPUT.format(name=name, argument=report.changed[0]))
    return report


def limit_from_probe(run, function, *args, scale, probe, advice, name=None, **kwargs):
    """Time a short run of `function` (a `probe`, 1/`scale` of the full run's work); return the full run's time limit.

    A correct but slow implementation (a loop over the examples) gets a limit it meets. One whose
    projected time passes policy.slow_seconds, or whose probe has not finished by the time that projection
    would pass it, is told it is too slow, with advice (a text, or a function that finds out where the
    time goes); finishing code is never called endless.
    """
    __tracebackhide__ = True
    name = name or proxies.name_of(function) or getattr(function, "__name__", "your function")
    slow, quick = run.policy.slow_seconds, run.policy.call_seconds
    patience = max(quick, slow / scale)
    started = time.monotonic()
    try:
        call_student(run, function, *args, name=name, time_limit_s=patience, **kwargs)
    except CheckFailure as failure:
        if failure.diagnosis != messages.TIMED_OUT.id:
            raise
        # The process that ran the probe is gone: advice that would time more of the student's code is not possible.
        run.fail(messages.PROBE_UNFINISHED.format(name=name, probe=probe, seconds=patience, limit=slow,
                                                  advice=advice if isinstance(advice, str) else messages.WHOLE_ARRAYS),
                 depends_on_seed=False)
    seconds = time.monotonic() - started
    projected = seconds * scale
    if projected > slow:
        run.fail(messages.TOO_SLOW.format(name=name, seconds=projected, probe=probe, measured=seconds, limit=slow, advice=_advice(advice)),
                 depends_on_seed=False)
    return max(quick, 3 * projected + 1)


def _advice(advice):
    return advice() if callable(advice) else advice


class CallLog(list):
    """The calls a judge-side stand-in received, bounded in number and, with every log of the run, in bytes.

    A stand-in that records its calls keeps what the student's code sent it; past `calls` entries, or
    once the run's logs together hold policy.call_log_bytes, a further call raises in the student's
    code instead, so a runaway loop cannot fill the grader's memory.
    """

    def __init__(self, run, what, calls=10_000):
        super().__init__()
        self.run, self.what, self.calls = run, what, calls

    def add(self, entry):
        if not self.run.keep_logged(size_of(entry)) or len(self) >= self.calls:
            text = f"the checker's stand-in for {self.what} was called more often, or with more data, than the exercise needs"
            self.run.say(text)
            raise RuntimeError(text)
        self.append(entry)


def fail_for_problem(run, problem, name=None):
    """Fail the check with the message for something the student's code did."""
    __tracebackhide__ = True
    name = name or problem.what
    if isinstance(problem, StudentTimedOut):
        run.fail(messages.TIMED_OUT.format(name=name, seconds=problem.seconds))
    if isinstance(problem, StudentBudgetUsed):
        run.fail(messages.BUDGET_USED.format(name=name, seconds=problem.seconds), depends_on_seed=False)
    if isinstance(problem, StudentEnded):
        run.fail(messages.ENDED.format(name=name, how=problem.how))
    if isinstance(problem, StudentAttributeMissing):
        reason = run.why_missing(problem.name)  # the cell that defines it failed: that is the thing to fix
        run.fail(reason or messages.ATTRIBUTE_MISSING.format(owner=problem.owner, name=problem.name), depends_on_seed=reason is None)
    if isinstance(problem, StudentUnreadable):
        run.fail(messages.UNREADABLE_REPLY.format(name=name, reason=problem.description.get("text") or "it broke the protocol"))
    description = problem.description if isinstance(problem, StudentRaised) else {}
    if description.get("not_implemented"):
        # Name the stub that raised, which may be a helper the called function relies on.
        stub, where = description.get("function") or name, description.get("notebook") or "your notebook"
        where = messages.Said("your notebook") if run.private else where
        run.fail(messages.NOT_IMPLEMENTED.format(name=stub, where=where), depends_on_seed=False)
    if description.get("ended") and description.get("type") not in ("GraderStopped", "_InProcessTimeout"):
        run.fail(messages.ENDED.format(name=name, how=f"it raised {description.get('type')}"))
    error_type, text = description.get("type", "an error"), description.get("text", "")
    undefined = re.fullmatch(r"name '(\w+)' is not defined", text) if error_type == "NameError" else None
    if undefined:  # seen in this run (an inner call's error reaches the outer call as another): an end-to-end check may blame it
        run.saw_undefined(undefined.group(1))
    line = description.get("line")  # a row that names a word on the line is kept when the line's text is unknown
    known = next(((hint, diagnosis) for fragment, hint, diagnosis, *on_line in messages.KNOWN_ERRORS
                  if fragment in f"{error_type}: {text}" and (not line or all(word in line for word in on_line))), None)
    if run.private:
        headline, *details = _raised_in_private(run, name, description)
    else:
        headline = messages.RAISED.format(name=name, error=f"{error_type}: {text}" if text else error_type)
        details = [("your line", description["where"])] if description.get("where") else []  # "`propagate`, line 9"
        details += [("", description["line"])] if description.get("where") and description.get("line") else []
    if known:  # a known error's hint teaches the fix; under a hidden seed, without the shapes on the line
        details.append(("hint", known[0].format(shapes=_shapes_seen(None if run.private else description.get("shapes")))))
    blocked = messages.IMPORT_BLOCKED if error_type == CheckerImportBlocked.__name__ else None
    diagnosis = known[1] if known else blocked
    run.fail(headline.named(diagnosis) if diagnosis else headline, *details)


def _raised_in_private(run, name, description):
    """The headline and details for an error raised under a hidden seed: the function, not what the inputs could choose.

    The error's class, text and line could each carry bits of the grader's inputs (a notebook that raises from
    one of 64 lines, or with one of 64 classes, tells 6 bits): only the function stays, when the check grades or
    uses it, and the words of the judge's own stand-ins. (A known error's hint, one of a few, stays: it is the fix.)
    """
    text = description.get("text", "")
    headline = messages.RAISED.format(name=name, error=f"an error: {text}" if text and text in run.said else "an error")
    function = _function_in(description.get("where") or "")
    return headline, *([("your line", f"`{function}`")] if function and run.grades_or_uses(function) else [])


def _function_in(where):
    """The function a place names ("`propagate`, line 9" -> "propagate"), or None."""
    return where.split("`")[1] if where.count("`") >= 2 else None


@contextlib.contextmanager
def using_references(function, run, **references):
    """While the block runs, the names `function` looks up globally resolve to the checker's references.

    So `optimize` is graded with a correct `propagate`, and one mistake costs points once. In the
    sandbox the references stay with the judge (the student's process gets stubs that ask for
    results) and are revoked afterwards; in-process the student's names are restored.
    """
    with side_of(function, run).swapped_globals(function, references):
        yield


def student_random(owner, run):
    """Python's and NumPy's global generators seeded for the student's code (theirs given back in-process).

    They get a seed derived from the run's, so a hidden seed cannot be read back from their state.
    """
    return side_of(owner, run).seeded_random(derived_seed(run.seed.value, "the student's global generators"))


def beside(student_code, run, kind, *args):
    """`kind(*args)`, a stand-in of an assignment's beside.py, in the same process as `student_code`: a Remote, or a local object."""
    return side_of(student_code, run).beside(kind, args)


def member(owner, run, name):
    """owner.name, also for special names (`LinearLayer.__init__`), which a Remote never fetches implicitly."""
    return side_of(owner, run).member(owner, name)


def set_items(owner, run, attribute, items):
    """owner.attribute[key] = value for each item, on the student's own object (e.g. a layer's params)."""
    side_of(owner, run).set_items(owner, attribute, items)


def quiet_stdout():
    """Keep a check's own "passed" lines to itself (an upstream check run to explain another's failure)."""
    return contextlib.redirect_stdout(io.StringIO())


def _shapes_seen(shapes):
    """The shapes of the arrays on the failing line, as the student's code saw them ("w has shape (64, 64) and X (64, 1438)")."""
    if not shapes:
        return messages.NO_SHAPES
    parts = [f"`{name}` has shape {tuple(shape)}" if index == 0 else f"`{name}` {tuple(shape)}" for index, (name, shape) in enumerate(shapes.items())]
    return messages.SHAPES_ON_LINE.format(shapes=", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1])
