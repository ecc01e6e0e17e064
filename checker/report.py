"""How a failed check is told: one headline, then labelled details, then how to repeat it."""

import numpy as np

from checker import messages

INDENT = "    "


class CheckFailure(AssertionError):
    """A check found a mistake; the message is written for the student."""


def describe_value(value, max_items=6):
    """The student's value in a few words: its shape, then its first entries."""
    if isinstance(value, np.ndarray):
        text = np.array2string(
            value.ravel()[:max_items], precision=4, separator=", ", suppress_small=True
        )
        if value.size > max_items:
            text = text[:-1] + ", ...]"
        return f"array of shape {value.shape} and dtype {value.dtype}, entries {text}"
    if isinstance(value, (float, np.floating)):
        return f"{type(value).__name__} {float(value):.6g}"
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) < 80 else text[:77] + '...'}"


def format_failure(headline, details=(), seed=None, check=None):
    """Lay out a failure: headline, `label: text` details, and the seed line."""
    lines = [headline]
    width = max((len(label) for label, _ in details), default=0)
    for label, text in details:
        prefix = f"{label}:" if label else ""
        lines.append(f"{INDENT}{prefix:<{width + 1}} {text}")
    if seed is not None and check is not None:
        lines.append(f"{INDENT}({messages.REPRODUCE.format(seed=seed, check=check)})")
    return "\n".join(lines)


class CheckRun:
    """One run of one check: knows its name and seed, and raises failures that mention them."""

    def __init__(self, check, seed, rng=None):
        self.check = check
        self.seed = seed
        self.rng = rng

    def fail(self, headline, *details, depends_on_seed=True):
        """Stop the check with a message the student can act on."""
        __tracebackhide__ = True
        seed = self.seed if depends_on_seed else None
        raise CheckFailure(format_failure(headline, details, seed, self.check))
