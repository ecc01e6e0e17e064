"""Do failure messages describe the mistake without giving the answer?

For every catalogued bug, the check runs with its calls of the answer key recorded; the failure
message, apart from the lines that show the student's own values, must not contain any number
those calls returned, as the checks print numbers (3 to 6 significant digits or in full).
"""

import math

import numpy as np
import pytest

from catalogue import catalogue_of, entries, run_in_sandbox
from checker.checks import expectations, guard
from checker.checks.report import CheckFailure

BUGS = entries("BUGS")


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch):
    monkeypatch.setattr(guard, "DEFAULT_TIME_LIMIT", 1.0)


@pytest.fixture
def answers(monkeypatch):
    """Every value the answer key returns during the test (run.reference, not the catalogue of mistakes)."""
    returned, original = [], expectations.Gateway.__getattr__

    def recording(gateway, name):
        ask = original(gateway, name)
        if gateway._kind != "reference":
            return ask

        def recorded(*args, **kwargs):
            value = ask(*args, **kwargs)
            returned.append(value)
            return value

        return recorded

    monkeypatch.setattr(expectations.Gateway, "__getattr__", recording)
    return returned


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


@pytest.mark.parametrize("assignment, name", BUGS, ids=[f"{a.id[:2]}: {name}" for a, name in BUGS])
def test_a_failure_never_shows_the_right_result(sandbox, answers, assignment, name):
    """Does the message for a caught mistake leave out every result of the answer key for the inputs drawn?"""
    check_name, implementation, _ = catalogue_of(assignment).BUGS[name]
    with pytest.raises(CheckFailure) as failure:
        run_in_sandbox(sandbox, assignment, check_name, implementation)
    message = without_the_students_value(str(failure.value))
    shown = sorted({text for value in answers for number in telling_numbers(value) for text in spellings(number) if text in message})
    assert not shown, f"the message shows the answer key's {shown}:\n{message}"
