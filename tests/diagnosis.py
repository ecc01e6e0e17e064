"""Asserting that a failure message carries a given template's diagnosis."""

import re


def template_fragment(template):
    """The longest literal piece of a message template, to find it in a formatted message."""
    return max(re.split(r"\{[^}]*\}", template), key=len).strip()


def assert_diagnosis(message, template):
    __tracebackhide__ = True
    fragment = template_fragment(template)
    assert fragment in message, f"expected the diagnosis {fragment!r} in:\n{message}"
