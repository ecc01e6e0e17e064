"""How a failed check is told: one headline, then labelled details, then how to repeat it."""

import numpy as np

from checker.checks import messages, seeds
from checker.checks.student_side import InProcessSide
from checker.sandbox.policy import DEFAULT
from checker.sandbox.remote import kind_of, is_remote

INDENT = "    "


class CheckFailure(AssertionError):
    """A check found a mistake; the message is written for the student, `diagnosis` names it (or is None)."""

    def __init__(self, message, diagnosis=None, seed=None):
        super().__init__(message)
        self.diagnosis, self.seed = diagnosis, seed


def describe_value(value, max_items=6):
    """The student's value in a few words: its shape, then its first entries."""
    if is_remote(value):
        return f"a {kind_of(value)} object"
    if isinstance(value, np.ndarray):
        text = np.array2string(value.ravel()[:max_items], precision=4, separator=", ", suppress_small=True)
        if value.size > max_items:
            text = text[:-1] + ", ...]"
        return f"array of shape {value.shape} and dtype {value.dtype}, entries {text}"
    if isinstance(value, (float, np.floating)):
        return f"{type(value).__name__} {float(value):.6g}"
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) < 80 else text[:77] + '...'}"


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

    def fail(self, headline, *details, depends_on_seed=True):
        """Stop the check with a message the student can act on."""
        __tracebackhide__ = True
        seed = self.seed if depends_on_seed else None
        raise CheckFailure(format_failure(headline, details, seed, self.check), messages.diagnosis_of(headline))
