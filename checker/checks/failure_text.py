"""How a failed check is told: one headline, then labelled details, then how to repeat it; under a hidden seed, only
what the inputs cannot have chosen."""

from collections.abc import Callable

from checker.checks import messages

INDENT = "    "
# The details a failure keeps under a hidden seed: a panel case, a hint, a note or what a watched run showed (the checker's
# words; a hint without the shapes on the line), and where the student's code stopped (a function the check grades or uses, without the line's
# text). Every other detail shows values computed from the inputs.
PRIVATE_DETAILS = ("case", "hint", "note", "seen", "your line")


def format_failure(headline, details=(), seed=None, check=None):
    """Lay out a failure: headline, `label: text` details, and the seed line (`seed`, a seeds.Seed, repeats a public one)."""
    lines = [str(headline)]
    width = max((len(label) for label, _ in details), default=0)
    for label, text in details:
        prefix = f"{label}:" if label else ""
        lines.append(f"{INDENT}{prefix:<{width + 1}} {text}")
    if seed is not None and check is not None:
        note = messages.REPRODUCE.format(seed=seed.value, check=check) if seed.public else messages.HIDDEN_INPUTS
        lines.append(f"{INDENT}({note})")
    return "\n".join(lines)


class _Unsaid:
    """A field a message leaves out under a hidden seed, whatever its format: an ellipsis."""

    def __format__(self, spec):
        return "…"

    __str__ = __repr__ = lambda self: "…"


_UNSAID = _Unsaid()


def in_private(message: str, said_by_name: Callable[[object], bool]) -> str:
    """A filled message template as a hidden seed lets it be said: the fields its template declares the checker's kept (a
    field that is a filled template itself keeps its own such fields), a function's name kept when `said_by_name(name)`
    (the check grades or uses it), every other field "…" (messages.Diagnosis)."""
    template = getattr(message, "template", None)
    if template is None:
        return message  # the checker's own words, filled with nothing
    fields = {key: in_private(value, said_by_name) if key in template.checker or isinstance(value, messages.Said)
              else value if key == "name" and said_by_name(value)
              else "your code" if key == "name" else _UNSAID
              for key, value in message.fields.items()}
    return template.format(**fields).named(message.id)
