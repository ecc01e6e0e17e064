"""Student-facing message templates shared by every assignment, kept in one place and pinned by tests.

A template that names a recognised mistake or outcome is a `Diagnosis`: a string that carries a
stable id (`shape.transposed`, `propagate.dw_not_divided_by_m`), so class reports can count
diagnoses across terms while the wording improves. Plain strings are generic ("this is wrong")
and count as unrecognised failures.
"""


class Diagnosis(str):
    """A message template with a stable id; formatting keeps the id, the template and the fields it was filled with.

    Each field says where its value comes from, where the template is declared: `checker` names the fields the checker
    fills with its own words and constants (kept under a hidden seed; a field holding a filled template keeps that
    one's checker fields), `student` those holding what the student's code computed or chose, or an input (said as "…"
    under a hidden seed, but for `name`, a function the check grades or uses). A test holds every template to
    declaring each of its fields once.
    """

    id: str | None
    template: "Diagnosis | None"  # what it was filled from, once filled
    fields: dict  # what it was filled with
    checker: frozenset  # a template's fields the checker fills
    student: frozenset  # a template's fields the student's code fills

    def __new__(cls, id, text, checker=(), student=()):
        message = super().__new__(cls, text)
        message.id, message.template, message.fields = id, None, {}
        message.checker, message.student = frozenset(checker), frozenset(student)
        return message

    def format(self, **fields):
        message = Diagnosis(self.id, str.format(self, **fields))
        message.template, message.fields = self.template or self, fields
        return message

    def named(self, id):
        """The same message under another diagnosis id (a known error recognised in a raised one)."""
        message = Diagnosis(id, self, self.checker, self.student)
        message.template, message.fields = self.template, self.fields
        return message


class Said(str):
    """Words the checker chose for a field whose value could otherwise come from the student's code: kept under a hidden seed."""


def template(text, checker=(), student=()):
    """A message template that names no diagnosis of its own (a detail line, a generic failure); fields as Diagnosis's."""
    return Diagnosis(None, text, checker, student)


def diagnosis_of(message):
    """The id a message carries, or None for a generic one."""
    return getattr(message, "id", None)


def told_by(module, mistake):
    """The Diagnosis a messages `module` declares for a recognised mistake's id (a key of the assignment's MISTAKES): the
    one with that id, or `<id>` for `<id>_<variant>` (one mistake written several ways). None declared is a bug: LookupError."""
    declared = [value for value in vars(module).values() if isinstance(value, Diagnosis) and value.id]
    declared += [item for value in vars(module).values() if isinstance(value, dict) for item in value.values() if isinstance(item, Diagnosis)]
    matches = [diagnosis for diagnosis in declared if mistake == diagnosis.id or mistake.startswith(diagnosis.id + "_")]
    if not matches:
        raise LookupError(f"{module.__name__} declares no Diagnosis for the mistake {mistake!r}")
    return max(matches, key=lambda diagnosis: len(diagnosis.id))


# What happened when the student's code ran.
NOT_IMPLEMENTED = Diagnosis("code.not_implemented", "not implemented yet: fill in `{name}` in {where}", student=("name", "where"))
RAISED = Diagnosis("code.raised", "`{name}` stopped with {error}", checker=("error",), student=("name",))
TIMED_OUT = Diagnosis("code.timed_out", "`{name}` was still running after {seconds:g} s, so it was stopped. Is there a loop that never ends?",
                      checker=("seconds",), student=("name",))
ENDED = Diagnosis(
    "code.ended_process",
    "your code ended the process in `{name}`: {how}. Remove calls such as os._exit, sys.exit or exit() from it, "
    "and look for what could crash (very deep recursion, an enormous array).",
    student=("name", "how"),
)
UNREADABLE_REPLY = Diagnosis(
    "code.unreadable",
    "the grader could not read what `{name}` gave back: {reason}. Return plain numbers, lists, dicts and NumPy arrays.",
    student=("name", "reason"),
)
FROM_CHECKER = Diagnosis(
    "sandbox.checker_code",
    "`{name}` comes from the checker's own package, not from your notebook, so it earns no points. Write your own `{name}`.",
    student=("name",),
)
HELPER_MISUSED = Diagnosis("sandbox.stopped", "the check of `{name}` was stopped: {reason}.", student=("name", "reason"))
# A failure whose error is the sandbox refusing an import (of the checker's internals, an answer key): the message is the
# error's own (a cell that stopped, a call that raised), the id says what it was. Official grading counts it a violation.
IMPORT_BLOCKED = "sandbox.import_blocked"
NOT_RECORDED = Diagnosis(
    "kit.not_recorded",
    "this check cannot be verified offline: the student kit holds the checker's expectations for the public inputs "
    "(seed {seed}) only{why}. Run `pytest checker` without --checker-seed; the official grading checks your code with "
    "other inputs, so only a correct function earns the points.",
    student=("seed", "why"),
)
BUDGET_USED = Diagnosis(
    "code.budget_used",
    "your notebook used up its time budget of {seconds:g} s (for all its checks together) in `{name}`. "
    "Look for slow or endless code in this check and the ones above.",
    checker=("seconds",), student=("name",),
)
TOO_SLOW = Diagnosis(
    "code.too_slow",
    "`{name}` would take about {seconds:.0f} s to finish here (its first {probe} took {measured:.2g} s), more than the "
    "{limit:g} s the grader allows. {advice}",
    checker=("seconds", "probe", "limit", "advice"), student=("name", "measured"),
)
PROBE_UNFINISHED = Diagnosis(
    "code.too_slow",
    "`{name}` had not finished a short run ({probe}) after {seconds:.2g} s, so the full run would take more than the "
    "{limit:g} s the grader allows. {advice} If it should be fast already, look for a loop that never ends.",
    checker=("probe", "seconds", "limit", "advice"), student=("name",),
)
CHANGED_INPUT = Diagnosis(
    "code.changed_input",
    "`{name}` changed its input `{argument}`, so the caller's array is different afterwards. "
    "In-place steps such as `{argument} -= ...` or `{argument}[...] = ...` do that: "
    "write `{argument} = {argument} - ...` or work on `{argument}.copy()`.",
    student=("name", "argument"),
)
WHOLE_ARRAYS = "Compute with whole arrays (np.dot, sums over axes) rather than with Python loops over the examples."
ATTRIBUTE_MISSING = Diagnosis(
    "code.attribute_missing",
    "your `{owner}` has no `{name}`: define it (check its spelling), and run the cell that defines it before this check.",
    checker=("owner",), student=("name",),
)
MEMORY = "Your code tried to use more memory than the grader allows: look for an array far larger than the data."
NO_FILES = "The grader does not let graded code write files: remove the file writing from this function."
GRADER_ERROR = Diagnosis(
    "check.grader_error",
    "the checker itself failed while grading `{check}` ({error}). This is a bug in the checker, not a verdict on your code: "
    "tell your course staff. Official grading records no points for it until it is fixed and graded again.",
    checker=("check", "error"),
)
# What an end-to-end run that stopped showed of a function that fails its own check (CheckRun.blame_stopped_run).
SEEN_SAME_STOP = template("this run stopped as the check of `{name}` did: {stop}", checker=("stop",), student=("name",))
SEEN_UNDEFINED = template("this run needed `{name}`, which your notebook does not define", student=("name",))
UPSTREAM_FAILED = (
    template("This check runs your own code end to end, and {names} {verb}: fix {first} first (its check says how), "
    "then run this check again.", checker=("names", "verb", "first"))
)

# Loading the notebook.
# A cell as the student sees it: "the cell that defines `propagate` (Exercise 4)"; the same words in Jupyter and in pytest checker.
CELL_DEFINING = template("the cell that defines `{name}`{exercise}", student=("name", "exercise"))
NOT_RUN = Diagnosis(
    "notebook.not_run",
    "`{name}` is not defined yet, so `{check}` cannot be checked: run {cell}, "
    "or Run > Run All Above Selected Cell, then run this cell again.",
    checker=("check",), student=("name", "cell"),
)
NEVER_RUN = template(
    "the saved notebook has a cell that was never run: {cell}. This check graded its saved code; "
    "in Jupyter the check cell says `{name}` is not defined yet until you run that cell.",
    student=("cell", "name"),
)
NOT_DEFINED = Diagnosis("notebook.not_defined", "`{name}` is not defined in {where}. Did you rename or delete its cell?",
                        student=("name", "where"))
CELL_STOPPED = Diagnosis(
    "notebook.cell_stopped",
    "`{name}` is missing because the cell that defines it in {where} stopped with {error}{place}. Fix that cell, then run the checks again.",
    checker=("error", "place"), student=("name", "where"),
)
CELL_SYNTAX = Diagnosis(
    "notebook.cell_syntax",
    "`{name}` is missing because the cell that defines it in {where} has a syntax error on its line {line}: {error}. "
    "Fix that cell, then run the checks again.",
    checker=("line", "error"), student=("name", "where"),
)
UNREADABLE_NOTEBOOK = Diagnosis(
    "notebook.unreadable",
    "could not read {where}: {error}. The file is not a valid notebook any more; "
    "restore it from a checkpoint (File > Revert) or from a fresh copy of the exercise.",
    checker=("error",), student=("where",),
)
NOT_LOADED = Diagnosis(
    "notebook.not_loaded",
    "could not load {where}: {how}. Restart the kernel and run all cells (Kernel > Restart & Run All): "
    "the cells that hang or end the kernel are the ones to fix.",
    student=("where", "how"),
)
REPRODUCE = template("inputs drawn with seed {seed}: `pytest checker --checker-seed {seed} -k {check}` repeats this check",
                     checker=("check",), student=("seed",))
# Atop the feedback for a submitted file that is not a notebook (the grade cells below repeat the reason).
NOTHING_GRADED = template("**None of the checks could run on what you submitted, so each scored 0**: {reason}", student=("reason",))
HIDDEN_INPUTS = "found with the grader's own inputs, which stay private; `pytest checker` with other seeds (--checker-seed) helps find the mistake"
# Under those inputs a failure shows none of the values your code computed from them (code could copy the inputs into them).
VALUES_PRIVATE = "not shown, since they come from the grader's private inputs; `pytest checker` shows yours for the public inputs"
WARNING_HINT = template("NumPy warned while your code ran: {warnings}", student=("warnings",))

# Shapes and types (checker.checks.shapes).
# A value the check cannot read as what it needs (a list where an array belongs, an int too large for a float, an object of
# the student's class where a number belongs): the student's failure, for that check only, never a grader error.
UNUSABLE = Diagnosis("value.unusable", "{what} is {kind}, which the check cannot use as {use}.", checker=("what", "use"), student=("kind",))
RANK_ONE = Diagnosis(
    "shape.rank_one",
    "{what} has shape {shape}, a rank-1 array; it should be {expected}. "
    "Rank-1 arrays ignore .T and broadcast in surprising ways: create it with shape {expected} or add .reshape{expected}.",
    checker=("what",), student=("shape", "expected"),
)
TRANSPOSED = Diagnosis("shape.transposed", "{what} has shape {shape}; it should be {expected}. It looks transposed: try {what_short}.T",
                       checker=("what", "what_short"), student=("shape", "expected"))
WRONG_SHAPE = Diagnosis("shape.wrong", "{what} has shape {shape}; it should be {expected}.",
                        checker=("what",), student=("shape", "expected"))
# Said once per check, as a note, when an array holding one number stands where the notebook asks for a number.
ONE_NUMBER_ARRAY = (
    "where the notebook asks for a single number, your code gives a NumPy array holding one number (shape (1,) or (1, 1)). "
    "It is graded as that number, but it is still an array: every number computed from it becomes an array too, and "
    "f-strings such as f\"{x:.4f}\" refuse it (so does float(x) in recent NumPy). np.sum or np.mean over a whole array gives "
    "a number; x.item() turns a one-element array into one."
)
NOT_FINITE = Diagnosis("value.not_finite", "{what} contains {bad}, first at index {where}. {hint}",
                       checker=("what", "bad", "hint"), student=("where",))
NOT_FINITE_VALUE = Diagnosis("value.not_finite", "{what} is {bad}. {hint}", checker=("what", "bad", "hint"))

# Comparisons (checker.checks.compare).
MISMATCH = template("{count} of {total} entries", student=("count", "total"))
RELATIVE_ERROR = template("{error:.2g} (a correct answer is below {tolerance:g})", checker=("error", "tolerance"))

# Error texts a beginner often meets (NumPy words them differently across versions), and what they mean.
MATH_ON_ARRAYS = "math.exp and math.log take single numbers; use np.exp and np.log on arrays."
ARRAY_AS_NUMBER = template(
    "Something on that line that takes one number (float(), int(), a function of math) was given an array.{shapes} "
    "Make it one number first: np.sum of an array is one, np.squeeze or .item() turn a (1, 1) array into one.",
    checker=("shapes",),
)
INNER_SIZES = template("A matrix product needs the columns of its left array to match the rows of its right one.{shapes}",
                       checker=("shapes",))
BROADCAST = template("Two arrays' shapes do not line up.{shapes}", checker=("shapes",))
SHAPES_ON_LINE = template(" On that line, {shapes}.", checker=("shapes",))
NO_SHAPES = " Print the shapes of the arrays on that line to see which one is off."
# Each with the diagnosis id the failure then carries, so class reports count these mistakes by name.
# A fourth item is a word the failing line must hold for that meaning, when its text is known (else a later row says
# what is certain).
KNOWN_ERRORS = (
    ("only length-1 arrays can be converted", MATH_ON_ARRAYS, "code.math_on_arrays", "math."),
    ("only 0-dimensional arrays can be converted", MATH_ON_ARRAYS, "code.math_on_arrays", "math."),
    ("only length-1 arrays can be converted", ARRAY_AS_NUMBER, "code.array_as_number"),
    ("only 0-dimensional arrays can be converted", ARRAY_AS_NUMBER, "code.array_as_number"),
    ("could not be broadcast together", BROADCAST, "code.broadcast"),
    ("mismatch in its core dimension", INNER_SIZES, "code.matrix_product_sizes"),
    ("not aligned", INNER_SIZES, "code.matrix_product_sizes"),
    ("shapes", "Two arrays' shapes do not fit together.{shapes}", "code.shapes"),
    ("MemoryError", MEMORY, "code.memory"),
    ("Permission denied", NO_FILES, "code.writes_files"),
    ("Read-only file system", NO_FILES, "code.writes_files"),
)
