"""How a failed check is told: one headline, then labelled details, then how to repeat it."""

import contextlib
import reprlib

import numpy as np

from checker.checks import messages, seeds
from checker.checks.student_side import InProcessSide
from checker.sandbox.errors import LENT_FOR_ONE_STEP
from checker.sandbox.policy import DEFAULT
from checker.sandbox.remote import kind_of, is_remote

INDENT = "    "
# Failures of an end-to-end run that already name what to do, whatever the functions it uses do in their own checks.
# How a run stopped, in the checker's words, by the failure's diagnosis: two failures that stopped alike are one observation.
STOPPED = {messages.ENDED.id: "the process ended", messages.TIMED_OUT.id: "it did not finish in time",
           messages.BUDGET_USED.id: "it did not finish in time", messages.TOO_SLOW.id: "it did not finish in time"}
# Failures after which the check's process is gone (ended, or stopped at its limit): no replay can run there.
PROCESS_LOST = (messages.ENDED.id, messages.TIMED_OUT.id, messages.BUDGET_USED.id)
OWN_WORDS = (messages.NOT_IMPLEMENTED.id, messages.NOT_DEFINED.id, messages.NOT_RUN.id, messages.CELL_STOPPED.id, messages.CELL_SYNTAX.id)
# The details a failure keeps under a hidden seed: a panel case, a hint, a note or what a watched run showed (the checker's
# words; a hint without the shapes on the line), and where the student's code stopped (a function the check grades or uses, without the line's
# text). Every other detail shows values computed from the inputs.
PRIVATE_DETAILS = ("case", "hint", "note", "seen", "your line")
# The fields of message templates the checker fills with its own words and constants, kept under a hidden seed (a field
# that is a filled template itself keeps its own such fields). Every other field holds something the student's code
# computed or chose (a value, a count, a shape, a kind, keys, an error's text) or an input: said as "…" there.
CHECKER_FIELDS = frozenset((
    "accuracies", "advice", "agree", "attribute", "bad", "batch", "case", "check", "classified", "epoch", "epochs", "epsilon", "error",
    "eta", "factor", "first", "formula", "function", "given", "hint", "ini_type", "key", "last", "layer", "limit", "line",
    "method", "names", "other", "owner", "pair", "place", "probe", "seconds", "settings", "shapes", "side", "size", "source",
    "step", "steps", "stop", "task", "tolerance", "use", "verb", "what", "what_short", "wrong"))


class CheckFailure(AssertionError):
    """A check found a mistake; the message is written for the student, `diagnosis` names it (or is None).

    `caused_by` names the upstream checks whose failure this one follows from (an end-to-end check).
    """

    def __init__(self, message, diagnosis=None, seed=None, caused_by=()):
        super().__init__(message)
        self.diagnosis, self.seed, self.caused_by = diagnosis, seed, list(caused_by)

    def _render_traceback_(self):
        """What IPython shows when a grade cell fails: the message once, no traceback through the checker."""
        return ["\x1b[31m✗\x1b[0m " + line if number == 0 else line for number, line in enumerate(str(self).splitlines())]


class GraderError(Exception):
    """The checker itself failed on a check (a bug in its code, an unreadable answer key): no grade; staff must look.

    Official grading records it as a grader error, never as the student's points, and grades the
    submission again on its next run.
    """

    diagnosis = messages.GRADER_ERROR.id

    def __init__(self, check, error):
        text = str(error).strip().splitlines()[0][:300] if str(error).strip() else ""
        self.check, self.error = check, f"{type(error).__name__}: {text}" if text else type(error).__name__
        super().__init__(messages.GRADER_ERROR.format(check=check, error=self.error))

    def _render_traceback_(self):
        return str(self).splitlines()


def describe_value(value, max_items=6):
    """The student's value in a few words: its shape, then its first entries (any value the sandbox lets through)."""
    if isinstance(value, np.ndarray):
        text = np.array2string(value.ravel()[:max_items], precision=4, separator=", ", suppress_small=True)
        if value.size > max_items:
            text = text[:-1] + ", ...]"
        return f"array of shape {value.shape} and dtype {value.dtype}, entries {text}"
    if isinstance(value, (float, np.floating)) and np.isfinite(value) and abs(value) <= np.finfo(np.float64).max:
        return f"{type(value).__name__} {float(value):.6g}"
    if is_remote(value) or _too_large(value) or not isinstance(value, (int, float, complex, str, bytes, list, tuple, dict, np.generic)):
        return kind_in_words(value)
    text = _short_repr(value)
    return f"{type(value).__name__} {text}"


def short_repr(value):
    """The student's value as they would write it, cut short ("[2, 3, 1]", "0.5"); in words where that says more ("an int
    too large for a float", "a `Magic` object")."""
    if is_remote(value) or _too_large(value) or not isinstance(value, (int, float, complex, str, bytes, list, tuple, dict, np.generic, np.ndarray)):
        return kind_in_words(value)
    return _short_repr(value)


def _short_repr(value, most=80):
    """repr(value) cut to about `most` characters, without building the whole text of a large or deep value."""
    short = reprlib.Repr()
    short.maxlevel, short.maxlist, short.maxtuple, short.maxdict = 3, 8, 8, 6
    short.maxstring = short.maxother = short.maxlong = most
    text = short.repr(value)
    return text if len(text) < most else text[: most - 3] + "..."


# Built-in types a value can be an object of across the sandbox's boundary (it crosses as a reference), in words.
# (A dict, list or tuple crosses as a reference when its keys are not strings or small ints, or it is nested too deep.)
_BUILT_IN_OBJECTS = {"complex": "a complex number", "function": "a function", "builtin_function_or_method": "a function",
                     "method": "a method", "generator": "a generator", "set": "a set", "frozenset": "a set", "range": "a range",
                     "type": "a class", "module": "a module", "NoneType": "None", "dict": "a dict", "list": "a list",
                     "tuple": "a tuple"}


def _too_large(value):
    """Whether `value` is an int beyond the range of a float."""
    if type(value) is not int:
        return False
    try:
        float(value)
    except OverflowError:
        return True
    return False


def kind_in_words(value, detail=True):
    """What a value is, in a few words and one line, never its entries: "a list of 3 items", "a NumPy array of shape (4, 1)".

    Any value the sandbox lets through is told ("an int too large for a float", "a `Magic` object"). Without `detail`,
    only its broad kind, from a fixed vocabulary: words the student's code cannot fill with anything else (no length,
    shape, key or class name of theirs), which a message may say under a hidden seed.
    """
    if is_remote(value):
        kind = kind_of(value)
        return _BUILT_IN_OBJECTS.get(kind) or (f"a `{kind}` object" if detail else "an object")
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return "a bool" if isinstance(value, bool) else "a NumPy bool"
    if isinstance(value, int):
        return "an int too large for a float" if _too_large(value) else "an int"
    if isinstance(value, float):
        return "the float NaN" if value != value else "an infinite float" if value in (np.inf, -np.inf) else "a float"
    if isinstance(value, np.generic):
        return f"a NumPy {value.dtype.name} scalar" if detail else f"a NumPy {_dtype_kind(value.dtype)} scalar"
    if isinstance(value, np.ndarray):
        if not detail:
            return f"a NumPy array of {_dtype_kind(value.dtype)}s"
        dtype = "" if value.dtype == np.float64 else f" and dtype {value.dtype}"
        return f"an empty NumPy array of shape {value.shape}{dtype}" if value.size == 0 else f"a NumPy array of shape {value.shape}{dtype}"
    if isinstance(value, (str, bytes)):
        return "a str" if isinstance(value, str) else "bytes"
    if isinstance(value, (list, tuple)):
        name = type(value).__name__
        if not value or not detail:
            return f"an empty {name}" if not value else f"a {name}"
        return f"a {name} of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        if not value or not detail:
            return "an empty dict" if not value else "a dict"
        keys = ", ".join(_short_repr(key, 24) for key in list(value)[:6]) + (", ..." if len(value) > 6 else "")
        return f"a dict with the keys {keys}"
    return f"a {type(value).__name__}" if detail else "an object"


def _dtype_kind(dtype):
    """The kind of number an array holds, in a word: bool, integer, float or complex number."""
    return {"b": "bool", "i": "integer", "u": "integer", "f": "float", "c": "complex number"}.get(dtype.kind, "value")


def format_failure(headline, details=(), seed=None, check=None):
    """Lay out a failure: headline, `label: text` details, and the seed line."""
    lines = [str(headline)]
    width = max((len(label) for label, _ in details), default=0)
    for label, text in details:
        prefix = f"{label}:" if label else ""
        lines.append(f"{INDENT}{prefix:<{width + 1}} {text}")
    if seed is not None and check is not None:
        note = messages.REPRODUCE.format(seed=seed, check=check) if seeds.is_public(seed) else messages.HIDDEN_INPUTS
        lines.append(f"{INDENT}({note})")
    return "\n".join(lines)


class _Unsaid:
    """A field a message leaves out under a hidden seed, whatever its format: an ellipsis."""

    def __format__(self, spec):
        return "…"

    __str__ = __repr__ = lambda self: "…"


_UNSAID = _Unsaid()


class CheckRun:
    """One run of one check: its name, seed and generator, its limits, the expectations it may consult, and how it fails."""

    def __init__(self, check, seed, rng=None, reference=None, mistakes=None, policy=DEFAULT):
        self.check = check
        self.seed = seed
        self.rng = rng
        self.reference = reference
        self.mistakes = mistakes
        self.policy = policy
        self.local = InProcessSide(policy)  # where student objects that are not Remotes live: this process
        self.logged_bytes = 0  # what the run's stand-ins have kept of student calls (guard.CallLog)
        self.last_call = None  # the student function called last, for messages about what it returned
        self.notes = []  # said on a pass: correct, but worth knowing (slow, say)
        self.end_to_end, self.needs, self.upstream, self.verdicts, self.subject_of = True, (), (), lambda names: {}, str
        self.why_missing = lambda name: None
        self.undefined_name = None  # the name a NameError of the student's code said was not defined, for blame_stopped_run
        self.said = {LENT_FOR_ONE_STEP}  # what the judge's stand-ins raised into the student's code: its words, shown under any seed

    def fail(self, headline, *details, depends_on_seed=True, caused_by=()):
        """Stop the check with a message the student can act on."""
        __tracebackhide__ = True
        seed = self.seed if depends_on_seed else None
        if self.private:
            headline = self.in_private(headline)
            kept = tuple((label, self.in_private(text)) for label, text in details if label in PRIVATE_DETAILS)
            details = kept + ((("yours", messages.VALUES_PRIVATE),) if len(kept) < len(details) else ())
        raise CheckFailure(format_failure(headline, details, seed, self.check), messages.diagnosis_of(headline), caused_by=caused_by)

    @property
    def private(self):
        """Whether the inputs are the grader's own (a hidden seed): then no value computed from them reaches a message."""
        return self.seed is not None and not seeds.is_public(self.seed)

    def grades_or_uses(self, name):
        """Whether `name` (`Network.backprop` counts as `Network`) is a function this check grades or uses: said under any seed."""
        return str(name).split(".")[0] in {*self.needs, *self.upstream, self.check}

    def in_private(self, message):
        """A filled message template as a hidden seed lets it be said: the checker's fields kept, a function's name kept when
        it is one the check grades or uses, every other field "…"."""
        if getattr(message, "template", None) is None:
            return message  # the checker's own words, filled with nothing
        fields = {key: self.in_private(value) if key in CHECKER_FIELDS or isinstance(value, messages.Said)
                  else value if key == "name" and self.grades_or_uses(value)
                  else "your code" if key == "name" else _UNSAID
                  for key, value in message.fields.items()}
        return message.template.format(**fields).named(message.id)

    def shown(self, text, hidden):
        """`text`, which shows an input the check drew, when the student may see its seed's inputs; else `hidden`, in words.

        Under a hidden seed no input, and no value the student's code computed from one, reaches a message: the words
        still say what to fix.
        """
        return text if seeds.is_public(self.seed) else hidden

    def note(self, text):
        """Something to say even when the check passes (a correct but slow run, say)."""
        self.notes.append(text)

    def failing_upstream(self):
        """The upstream checks (the functions an end-to-end run uses) that fail their own checks, in the registry's order."""
        verdicts = self.verdicts(self.upstream)
        return [name for name in self.upstream if verdicts.get(name) is not None]

    def fail_upstream(self, failing, *details):
        """Fail an end-to-end check because functions it uses fail their own checks: name them, the first to fix first."""
        __tracebackhide__ = True
        subjects = [" or ".join(f"`{part}`" for part in self.subject_of(name).split(" or ")) for name in failing]
        names = " and ".join(subjects)
        verb = "fails its own check" if len(failing) == 1 else "fail their own checks"
        headline = messages.Diagnosis(f"{self.check}.upstream_failed",
                                      messages.UPSTREAM_FAILED.format(names=names, verb=verb, first=subjects[0]))
        self.fail(headline, *details, depends_on_seed=False, caused_by=failing)

    def blame_observed(self, observed):
        """Fail on the first function a watched run showed misbehaving among those that fail their own checks.

        `observed`: (upstream check, what the run showed, in words) in the order the run showed them. A function the run
        never called, or whose calls were right there, is not blamed, whatever its own check says; returns when none is.
        """
        __tracebackhide__ = True
        failing = self.failing_upstream() if observed else []
        for name, seen in observed:
            if name in failing:
                self.fail_upstream([name], ("seen", seen))

    def blame_stopped_run(self, failure):
        """An end-to-end run that stopped with `failure`: blame a function failing its own check that stopped the same way
        there (the process ended, or it never finished), or that the run needed and the notebook does not define; return
        when none. Either is observed: by that function's own check, and by the error the run raised."""
        __tracebackhide__ = True
        failing = self.failing_upstream()
        verdicts = self.verdicts(failing) if failing else {}
        for name in failing:
            subjects = [subject.strip("`").split(".")[0] for subject in self.subject_of(name).split(" or ")]
            stopped = STOPPED.get(failure.diagnosis)
            if stopped and STOPPED.get(getattr(verdicts.get(name), "diagnosis", None)) == stopped:
                self.fail_upstream([name], ("seen", messages.SEEN_SAME_STOP.format(name=subjects[0], stop=stopped)))
            if self.undefined_name in subjects:
                self.fail_upstream([name], ("seen", messages.SEEN_UNDEFINED.format(name=self.undefined_name)))

    def explain_stopped_run(self, failure, explain):
        """An end-to-end run that stopped with `failure`: blame_stopped_run, then `explain()` (a watched replay, which fails
        with what it shows) unless the check's process is gone; a replay that cannot run explains nothing, so the run's own
        failure stands (the caller raises it)."""
        __tracebackhide__ = True
        self.blame_stopped_run(failure)
        if failure.diagnosis in PROCESS_LOST:
            return
        try:
            explain()
        except CheckFailure as explained:
            if explained.diagnosis not in PROCESS_LOST:
                raise

    @contextlib.contextmanager
    def blaming_upstream(self):
        """An end-to-end run: if it fails and a function it uses fails its own check, say that function is the one to fix."""
        __tracebackhide__ = True
        try:
            yield
        except CheckFailure as failure:
            if failure.diagnosis in OWN_WORDS:  # a stub to fill in, a name to define: already the thing to fix
                raise
            failing = self.failing_upstream()
            if not failing:
                raise
            self.fail_upstream(failing)
