"""Calling a student's code from a check: in the sandbox (a Remote) or, in a grade cell, in-process.

Checks read the same either way: `call_student(run, propagate, w, b, X, Y)`. With a Remote the
call crosses to the sandboxed check process, which the judge kills when it overruns; in-process
(the student's own Jupyter kernel, where tampering only fools oneself) a SIGALRM timer stops it.
Whatever went wrong becomes a CheckFailure with the student's own line and a hint.
"""

import contextlib
import copy
import signal
import threading
import time


from checker.checks import messages
from checker.checks.report import CheckFailure
from checker.checks.seeds import derived_seed, seeded_global_random
from checker.sandbox import remote, standins, student
from checker.sandbox.protocol import size_of
from checker.sandbox.remote import StudentBudgetUsed, StudentEnded, StudentProblem, StudentRaised, StudentTimedOut, StudentUnreadable, is_remote

# Generous for the small inputs the checks use: a correct function answers in milliseconds, a loop over
# the examples in a few more. Runs at full size (training on the digits) get a limit from a probe run.
DEFAULT_TIME_LIMIT = 2.0
# The longest a run at full size may take, projected from its probe; beyond it, "too slow", never "endless".
SLOW_LIMIT = 60.0


class StudentCall:
    """What one call of a student's function gave back and did on the side."""

    def __init__(self, value, warnings, changed_inputs):
        self.value = value
        self.warnings = warnings
        self.changed_inputs = changed_inputs

    def warning_text(self):
        """The distinct warning messages, joined for a hint line (empty when none)."""
        return "; ".join(dict.fromkeys(self.warnings))


_CHECKER_CODE_ALLOWED = [False]


@contextlib.contextmanager
def checker_code_allowed():
    """Let the checker's own reference code be graded in-process: the staff's build and tests, never a student."""
    _CHECKER_CODE_ALLOWED[0] = True
    try:
        yield
    finally:
        _CHECKER_CODE_ALLOWED[0] = False


class _InProcessTimeout(BaseException):
    """Raised into a student's code when it runs past its limit in-process (a BaseException: `except Exception` lets it pass)."""


@contextlib.contextmanager
def time_limit(seconds):
    """Interrupt the block after `seconds` (main thread only; elsewhere no limit)."""
    if seconds is None or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise _InProcessTimeout()

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call_student(run, function, *args, name=None, time_limit_s=None, allow_changes=False, **kwargs):
    """Call `function` and report any misbehaviour through `run`; returns a StudentCall.

    The arguments reach the student's code as copies, and any change to them is reported, unless
    allow_changes (a training loop meant to update the layers it is given).
    """
    __tracebackhide__ = True
    name = name or (remote.name_of(function) if is_remote(function) else getattr(function, "__name__", None)) or "your function"
    run.last_call = name
    limit = DEFAULT_TIME_LIMIT if time_limit_s is None else time_limit_s
    try:
        if is_remote(function):
            report = function._process.call(function, args, kwargs, time_limit=limit, track=not allow_changes, what=name)
        else:
            report = _call_in_process(run, function, args, kwargs, limit, allow_changes, name)
    except StudentProblem as problem:
        fail_for_problem(run, problem, name)
    if report.changed and not allow_changes:
        run.fail(messages.CHANGED_INPUT.format(name=name, argument=report.changed[0]))
    return StudentCall(report.value, report.warnings, report.changed)


class _LocalReport:
    def __init__(self, value, warnings, changed):
        self.value, self.warnings, self.changed = value, warnings, changed


def _call_in_process(run, function, args, kwargs, limit, allow_changes, name):
    module, _ = student.origin(function)
    if isinstance(module, str) and (module == "checker" or module.startswith("checker.")) and not _CHECKER_CODE_ALLOWED[0]:
        run.fail(messages.FROM_CHECKER.format(name=name), depends_on_seed=False)
    duplicate = (lambda value: value) if allow_changes else copy.deepcopy
    passed_args, passed_kwargs = [duplicate(value) for value in args], {key: duplicate(value) for key, value in kwargs.items()}
    with time_limit(limit):
        report = student.invoke(function, passed_args, passed_kwargs, track_changes=not allow_changes)
    raised = report.get("raised")
    if raised is not None:
        if raised["type"] == "_InProcessTimeout":
            raise StudentTimedOut(name, limit)
        raise StudentRaised(name, raised)
    changed = [] if allow_changes else _changed_arguments(function, args, passed_args, kwargs, passed_kwargs)
    return _LocalReport(report["value"], report["warnings"], changed)


def _changed_arguments(function, originals, passed, original_kwargs, passed_kwargs):
    """Names of the arguments the call modified (the caller's originals against the copies passed)."""
    names = student._parameter_names(function)
    changed = [names[i] if i < len(names) else f"argument {i + 1}" for i, (a, b) in enumerate(zip(originals, passed)) if not student.same_value(a, b)]
    return changed + [key for key in original_kwargs if not student.same_value(original_kwargs[key], passed_kwargs[key])]


def limit_from_probe(run, function, *args, scale, probe, advice, name=None, **kwargs):
    """Time a short run of `function` (a `probe`, 1/`scale` of the full run's work); return the full run's time limit.

    A correct but slow implementation (a loop over the examples) gets a limit it meets. One whose
    projected time passes SLOW_LIMIT, or whose probe has not finished by the time that projection
    would pass it, is told it is too slow, with advice; finishing code is never called endless.
    """
    __tracebackhide__ = True
    name = name or remote.name_of(function) or getattr(function, "__name__", "your function")
    patience = max(DEFAULT_TIME_LIMIT, SLOW_LIMIT / scale)
    started = time.monotonic()
    try:
        call_student(run, function, *args, name=name, time_limit_s=patience, **kwargs)
    except CheckFailure as failure:
        if failure.diagnosis != messages.TIMED_OUT.id:
            raise
        run.fail(messages.PROBE_UNFINISHED.format(name=name, probe=probe, seconds=patience, limit=SLOW_LIMIT, advice=advice),
                 depends_on_seed=False)
    seconds = time.monotonic() - started
    projected = seconds * scale
    if projected > SLOW_LIMIT:
        run.fail(messages.TOO_SLOW.format(name=name, seconds=projected, probe=probe, measured=seconds, limit=SLOW_LIMIT, advice=advice),
                 depends_on_seed=False)
    return max(DEFAULT_TIME_LIMIT, 3 * projected + 1)


class CallLog(list):
    """The calls a judge-side stand-in received, bounded in number and bytes.

    A stand-in that records its calls keeps what the student's code sent it; past `calls` entries or
    `nbytes` of arrays, a further call raises in the student's code instead, so a runaway loop
    cannot fill the grader's memory.
    """

    def __init__(self, what, calls=10_000, nbytes=256 * 2**20):
        super().__init__()
        self.what, self.calls, self.nbytes, self.used = what, calls, nbytes, 0

    def add(self, entry):
        self.used += size_of(entry)
        if len(self) >= self.calls or self.used > self.nbytes:
            raise RuntimeError(f"the checker's stand-in for {self.what} was called more often, or with more data, than the exercise needs")
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
    if isinstance(problem, StudentUnreadable):
        run.fail(messages.UNREADABLE_REPLY.format(name=name, reason=problem.description.get("text") or "it broke the protocol"))
    description = problem.description if isinstance(problem, StudentRaised) else {}
    if description.get("not_implemented"):
        # Name the stub that raised, which may be a helper the called function relies on.
        stub, where = description.get("function") or name, description.get("notebook") or "your notebook"
        run.fail(messages.NOT_IMPLEMENTED.format(name=stub, where=where), depends_on_seed=False)
    if description.get("ended") and description.get("type") not in ("GraderStopped", "_InProcessTimeout"):
        run.fail(messages.ENDED.format(name=name, how=f"it raised {description.get('type')}"))
    error_type, text = description.get("type", "an error"), description.get("text", "")
    headline = messages.RAISED.format(name=name, error=f"{error_type}: {text}" if text else error_type)
    details = []
    if description.get("where"):
        details.append(("your line", description["where"]))
        if description.get("line"):
            details.append(("", description["line"]))
    for fragment, hint, diagnosis in messages.KNOWN_ERRORS:
        if fragment in f"{error_type}: {text}":
            details.append(("hint", hint))
            headline = messages.Diagnosis(diagnosis, headline)
            break
    run.fail(headline, *details)


@contextlib.contextmanager
def using_references(function, **references):
    """While the block runs, the names `function` looks up globally resolve to the checker's references.

    So `optimize` is graded with a correct `propagate`, and one mistake costs points once. In the
    sandbox the references stay with the judge (the student's process gets stubs that ask for
    results) and are revoked afterwards; in-process the student's names are restored.
    """
    if is_remote(function):
        process = function._process
        process.swap_globals(function, references)
        try:
            yield
        finally:
            with contextlib.suppress(StudentProblem):
                process.swap_globals(function, None)
        return
    namespace = getattr(getattr(function, "__func__", function), "__globals__", None)
    if namespace is None:
        yield
        return
    missing = object()
    saved = {name: namespace.get(name, missing) for name in references}
    namespace.update(references)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value


@contextlib.contextmanager
def student_random(owner, seed):
    """Python's and NumPy's global generators seeded for the student's code (theirs given back in-process).

    They get a seed derived from `seed`, so a hidden seed cannot be read back from their state.
    """
    seed = derived_seed(seed, "the student's global generators")
    if is_remote(owner):
        owner._process.seed_random(seed)
        yield
        return
    with seeded_global_random(seed):
        yield


def beside(student_code, kind, *args):
    """A stand-in (checker.sandbox.standins) in the same process as `student_code`: a Remote, or a local object."""
    if is_remote(student_code):
        return student_code._process.make_standin(kind, args)
    return standins.KINDS[kind](*args)


def member(owner, name):
    """owner.name, also for special names (`LinearLayer.__init__`), which a Remote never fetches implicitly."""
    if is_remote(owner):
        return owner._process.get_attribute(owner, name)
    return getattr(owner, name)


def set_items(owner, attribute, items):
    """owner.attribute[key] = value for each item, on the student's own object (e.g. a layer's params)."""
    if is_remote(owner):
        owner._process.set_items(owner, attribute, items)
        return
    container = getattr(owner, attribute)
    for key, value in items.items():
        container[key] = value

