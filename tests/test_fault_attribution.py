"""Is a value the judge cannot use the student's failure, for that check alone, and never a grader error?

Driven by the course registry: for every check of every assignment, each place it reads of a correct catalogue
implementation (substitutions.places: what a function or a method returns, the attributes methods set, the notebook's
data) is given each value shape the sandbox protocol admits (substitutions.VALUES), one place at a time, and graded
through the sandbox as official grading grades. A place the check does not read is found by an object of the student's
own class there: the check passes. Where it reads, every value is told as the student's failure:

* no grader error, for this check or any check it runs to explain itself (an end-to-end check's upstream checks);
* the check fails, unless the value holds the original's numbers in another form (float32, NaN-filled: can_be_right),
  which it may accept or tell as a wrong result in its own words;
* any other value's failure names the place (its function, method or attribute), or the code the check grades (whose
  result it made wrong), or is the student's own code stopping on it; and no upstream check that passes on the correct
  notebook fails for anything else;
* at the public seed, a message that speaks of that value says what it is ("an int too large for a float", "a str");
* under a hidden-style seed, no message shows the value itself beyond its kind.

The quick tier grades a sample: for each check one place it reads, with three values, rotated over the checks so that
every value is graded somewhere. The e2e tier grades every place the check reads: the code it grades with every value,
each other place (a helper that an end-to-end check runs, whose own check gives it every value) with a rotating share. The checker's own faults (a bug in
check code, in the answer key or in a recognised mistake's code) stay grader errors, for staff.
"""

import contextlib
import io
import logging
import re
import types
import zlib
from typing import NamedTuple

import cloudpickle
import numpy as np
import pytest

import substitutions
from catalogue import HIDDEN_STYLE_SEED, catalogue_of, notebook_names
from checker.checks import expectations
from checker.checks.errors import CheckFailure, GraderError
from checker.checks.failure_text import INDENT
from checker.checks.registry import check as registered_check
from checker.checks.session import NotebookSession
from checker.course import ASSIGNMENTS
from substitutions import SENTINEL, VALUES, Chooser, places, substituted

cloudpickle.register_pickle_by_value(substitutions)  # the sandbox cannot import the tests: the values travel with the notebook

CHECKS = [(assignment, check) for assignment in ASSIGNMENTS for check in assignment.checks]
IDS = [f"{assignment.id[:2]}-{check.name}" for assignment, check in CHECKS]
CHOOSER = "_substitution_chooser"  # the loaded notebook's name for the chooser
SAMPLED_VALUES, SAMPLED_PLACES = 3, 4  # per check in the quick tier: values graded, places tried until one is read
ELSEWHERE_VALUES = 4  # per place in the e2e tier that is not the code the check grades (a helper an end-to-end check runs), rotated


class Graded(NamedTuple):
    """One place of a check's notebook: the names that point at it, the check's upstream checks that fail on the correct
    notebook already (a catalogue entry may keep a wrong helper its function never calls), and {check name: the names of
    the student's code it grades} for the check and those upstream."""

    place: substitutions.Place
    words: frozenset
    failing_already: frozenset
    subjects: dict


def correct_names(assignment, check):
    """The notebook names of the check's first correct catalogue implementation, by name."""
    correct = catalogue_of(assignment).CORRECT
    entry = min(name for name, (check_name, _) in correct.items() if check_name == check.name)
    return notebook_names(assignment, check, correct[entry][1])


def graded(session, check, seed):
    """(the failure, or None when the check passed; every verdict the session reached on the way, upstream ones included)."""
    session.verdicts.clear()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            session.run(check, seed=seed)
        failure = None
    except (CheckFailure, GraderError) as error:
        failure = error
    return failure, dict(session.verdicts)


def choosing(session, index):
    """Make every check process the session opens from now on give the place's value number `index`."""
    def open_check(opened=type(session.process).open_check):
        child = opened(session.process)
        child.set_attribute(child.lookup(CHOOSER)["value"], "choice", index)
        return child
    session.process.open_check = open_check


def outcomes(sandbox, check, names, place, runs):
    """[(value, seed, failure, verdicts)] for each (value, seed) of `runs`, the place giving that value, graded in turn.

    A function or a method chooses its value in each check process, so one loaded notebook serves them all; a data name
    is bound when the notebook loads, so each of its values is loaded on its own.
    """
    values = list(dict.fromkeys(value for value, _ in runs))
    if place.method is None and not callable(names[place.name]):
        sessions = {value: NotebookSession.from_objects(sandbox, substituted(names, place, value.make)) for value in values}
        chosen = sessions.__getitem__
    else:
        chooser = Chooser(values)
        session = NotebookSession.from_objects(sandbox, {**substituted(names, place, chooser.make), CHOOSER: chooser})
        sessions = {None: session}

        def chosen(value):
            choosing(session, values.index(value))
            return session
    try:
        return [(value, seed, *graded(chosen(value), check, seed)) for value, seed in runs]
    finally:
        for session in sessions.values():
            session.close()


def reads(sandbox, check, names, place):
    """Whether the check reads `place`: an object of the student's class there changes its verdict (a grader error too)."""
    [(_, _, failure, _)] = outcomes(sandbox, check, names, place, [(SENTINEL, None)])
    return failure is not None


def failing_already(sandbox, assignment, check, names):
    """The upstream checks of `check` that fail on the correct notebook itself."""
    session = NotebookSession.from_objects(sandbox, names)
    try:
        return frozenset(name for name in check.function.upstream if graded(session, assignment.check(name), None)[0] is not None)
    finally:
        session.close()


def without_seed_line(message):
    """The message without its last line on how the inputs were drawn (which names the check, not the student's code)."""
    lines = str(message).splitlines()
    return "\n".join(lines[:-1] if lines and lines[-1].startswith(f"{INDENT}(") else lines)


def own_code(failure):
    """Whether the failure is the student's own code stopping (on the value), or an end-to-end check naming the upstream
    function to fix."""
    return (failure.diagnosis or "").startswith("code.") or bool(failure.caused_by)


def names_the_place(graded_place, name, failure):
    """Whether check `name`'s failure names the place (its function, method or attribute), or the code the check grades
    (whose result the value at the place made wrong), or is the student's own code stopping."""
    words = graded_place.words | graded_place.subjects[name]
    return own_code(failure) or bool(set(re.findall(r"\w+", without_seed_line(failure))) & words)


def speaks_of_the_value(graded_place, failure):
    """Whether the failure is the check's word on the value at the place: it names the value as the check reads it (the
    function, the data, `self.<attribute>`), rather than the student's code stopping or another value it led to."""
    message = without_seed_line(failure)
    if own_code(failure):
        return False
    if graded_place.place.attribute:
        return f"self.{graded_place.place.attribute}" in message
    return bool(set(re.findall(r"\w+", message)) & graded_place.words)


def problems(graded_place, value, seed, failure, verdicts):
    """What is wrong with how a check took `value` at a place: nothing when it told the student's failure as it should."""
    label = f"{graded_place.place} gives {value.label}{' (hidden-style seed)' if seed else ''}"
    errors = [name for name, verdict in verdicts.items() if isinstance(verdict, GraderError)]
    if isinstance(failure, GraderError) or errors:
        return [f"{label}: a grader error in {', '.join(errors) or 'the check'}: {failure}"]
    if failure is None:
        return [] if value.can_be_right else [f"{label}: the check passed"]
    if value.can_be_right:  # the numbers changed: told as a wrong result, in the check's own words for one
        return secrets_shown(label, value, seed, failure)
    found = [f"{label}: {name} fails without naming it:\n{verdict}" for name, verdict in verdicts.items()
             if verdict is not None and name not in graded_place.failing_already and not names_the_place(graded_place, name, verdict)]
    message = without_seed_line(failure).lower()
    if seed is None and speaks_of_the_value(graded_place, failure) and not any(word.lower() in message for word in value.told):
        found.append(f"{label}: the message does not say what it is ({' or '.join(value.told)}):\n{failure}")
    return found + secrets_shown(label, value, seed, failure)


def secrets_shown(label, value, seed, failure):
    """Under a hidden-style seed: the value itself, or the seed, where the message shows them."""
    shown = [text for text in (*value.secret, str(seed)) if seed is not None and text in str(failure)]
    return [f"{label}: the message shows {shown}:\n{failure}"] if shown else []


def place_problems(sandbox, assignment, check, names, place, values, already):
    """Every problem with `values` at `place`, each graded at the public seed, and those with a secret at a hidden-style one."""
    runs = [(value, None) for value in values] + [(value, HIDDEN_STYLE_SEED) for value in values if value.secret]
    subjects = {name: frozenset(re.findall(r"\w+", assignment.check(name).subject)) for name in (check.name, *check.function.upstream)}
    graded_place = Graded(place, frozenset({*place.words, getattr(names[place.name], "__name__", place.name)}), already, subjects)
    return [problem for result in outcomes(sandbox, check, names, place, runs) for problem in problems(graded_place, *result)]


def sample(index, count, items, salt):
    """`count` items, drawn the same way on every run: rotated by `index`, so that consecutive checks draw different ones."""
    start = (index * count + zlib.crc32(salt.encode())) % len(items)
    return [items[(start + k) % len(items)] for k in range(min(count, len(items)))]


@pytest.mark.parametrize("index, assignment, check", [(index, *pair) for index, pair in enumerate(CHECKS)], ids=IDS)
def test_a_value_the_check_cannot_use_fails_that_check_alone_sampled(sandbox, index, assignment, check):
    """Does one place this check reads, given three values from the protocol's shapes, fail the check with the student's
    message, never a grader error?"""
    names = correct_names(assignment, check)
    everywhere = places(names)
    read = next((place for place in sample(index, SAMPLED_PLACES, everywhere, check.name) if reads(sandbox, check, names, place)), None)
    read = read or next(place for place in everywhere if reads(sandbox, check, names, place))
    found = place_problems(sandbox, assignment, check, names, read, sample(index, SAMPLED_VALUES, VALUES, "values"),
                           failing_already(sandbox, assignment, check, names))
    assert not found, "\n".join(found)


@pytest.mark.e2e
@pytest.mark.parametrize("assignment, check", CHECKS, ids=IDS)
def test_every_value_at_every_place_fails_that_check_alone(sandbox, assignment, check):
    """Does every place this check reads, given values the protocol admits, fail the check with the student's message,
    never a grader error? The code the check grades gets every value shape; each other place it reads (a helper an
    end-to-end check runs, whose own check gives it every value) gets ELSEWHERE_VALUES of them, rotated over the places."""
    names = correct_names(assignment, check)
    read = [place for place in places(names) if reads(sandbox, check, names, place)]
    assert read, f"{check.name} reads none of the places found in its correct implementation"
    already = failing_already(sandbox, assignment, check, names)
    graded_words = set(re.findall(r"\w+", check.subject))
    elsewhere = [place for place in read if not place.words & graded_words]
    found = []
    for place in read:
        values = VALUES if place not in elsewhere else sample(elsewhere.index(place), ELSEWHERE_VALUES, VALUES, check.name)
        found += place_problems(sandbox, assignment, check, names, place, values, already)
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


def test_the_nestings_straddle_the_protocols_depth_limit():
    """Does one nesting stay within the protocol's depth limit (it crosses as lists) and the other go past it (its inner
    lists cross as a reference), as their labels say?"""
    from checker.sandbox.protocol import DEFAULT_LIMITS

    assert substitutions.NEAR_DEPTH < DEFAULT_LIMITS.depth < substitutions.PAST_DEPTH


# -- the checker's own faults stay grader errors -------------------------------------------------
def example_check(body):
    """`body` registered as a check of assignment 01's package (whose answer key it may ask), for the tests below."""
    body.__module__ = ASSIGNMENTS[0].package + ".checks"
    return registered_check(body.__name__)(body)


def test_a_bug_in_check_code_is_a_grader_error_logged_with_its_traceback(caplog):
    """Does a check whose own code fails (a name it never defined) end as a grader error for staff, its traceback logged,
    rather than as the student's failure?"""
    def check_with_a_bug(run, function):
        return function(not_defined_anywhere)  # noqa: F821

    with caplog.at_level(logging.ERROR, logger="checker.checks.registry"), pytest.raises(GraderError) as error:
        example_check(check_with_a_bug).grade(lambda value: value)
    assert "NameError" in str(error.value)
    assert any(record.exc_info and record.exc_info[0] is NameError for record in caplog.records)


def test_a_missing_attribute_is_the_students_only_on_their_own_object():
    """Does an attribute the check reads fail the student when their own object lacks it, and stay a grader error when
    the check reads it from an object of Python's or NumPy's?"""
    class Layer:
        pass

    def check_reading_an_attribute(run, thing):
        return thing.params

    reading = example_check(check_reading_an_attribute)
    with pytest.raises(CheckFailure) as failure:
        reading.grade(Layer())
    assert failure.value.diagnosis == "code.attribute_missing" and "`Layer` has no `params`" in str(failure.value)
    with pytest.raises(GraderError):
        reading.grade(np.zeros(3))


def test_a_recognised_mistake_whose_code_raises_fails_loudly(monkeypatch):
    """Does a mistaken implementation that raises on the check's inputs reach staff, instead of being taken for a mistake
    that does not apply (which says so itself, by returning None)?"""
    live = expectations.Live(ASSIGNMENTS[0].package)
    mistakes = {"f": {"example.applies": lambda x: x + 1, "example.does_not_apply": lambda x: None, "example.bug": lambda x: x / 0}}
    monkeypatch.setattr(live, "module", lambda kind: types.SimpleNamespace(MISTAKES=mistakes))
    with pytest.raises(ZeroDivisionError):
        live.mistakes(None, "f", (1,), {})
    del mistakes["f"]["example.bug"]
    assert live.mistakes(None, "f", (1,), {}) == {"example.applies": 2, "example.does_not_apply": None}
