"""Is a student's function called safely: time limit, quiet warnings, untouched inputs, clear errors?"""

import warnings

import numpy as np
import pytest

from checker.checks import guard, messages, seeds
from checker.checks.errors import CheckFailure
from checker.checks.run import CheckRun
from checker.course import ASSIGNMENTS  # any assignment: the runs here ask no answer key
from catalogue import assert_diagnosis

RUN = CheckRun("example", ASSIGNMENTS[0], seeds.PUBLIC)  # a seed the student chose: their values are shown


def test_not_implemented_says_so_without_a_seed():
    def sigmoid(z):
        raise NotImplementedError()

    with pytest.raises(CheckFailure) as failure:
        guard.call_student(RUN, sigmoid, 0.0)
    assert str(failure.value) == "not implemented yet: fill in `sigmoid` in your notebook"


def test_infinite_loop_is_stopped():
    def spin():
        while True:
            pass

    with pytest.raises(CheckFailure) as failure:
        guard.call_student(RUN, spin, time_limit_s=0.2)
    assert_diagnosis(str(failure.value), messages.TIMED_OUT)


def test_student_cannot_swallow_the_time_limit():
    def stubborn():
        while True:
            try:
                while True:
                    pass
            except Exception:
                pass

    with pytest.raises(CheckFailure):
        guard.call_student(RUN, stubborn, time_limit_s=0.2)


def test_warnings_and_prints_are_captured(capfd):
    def noisy(x):
        print("debugging!")
        warnings.warn("something odd", RuntimeWarning)
        return np.log(x)

    call = guard.call_student(RUN, noisy, np.array([0.0, 1.0]))
    assert "divide by zero encountered in log" in call.warning_text()
    assert "something odd" in call.warning_text()
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_changed_argument_is_named():
    def centre(X):
        X -= X.mean()
        return X

    data = np.arange(4.0)
    with pytest.raises(CheckFailure) as failure:
        guard.call_student(RUN, centre, data)
    assert "`centre` changed its input `X`" in str(failure.value)
    np.testing.assert_array_equal(data, np.arange(4.0))  # the caller's array was never passed in


def test_a_list_shuffled_in_place_is_reordered_not_changed():
    """Is a list argument that only comes back in another order (random.shuffle in place) reported as reordered, not as
    changed, while a list whose items changed is still changed?"""
    import random

    def shuffle(data):
        random.Random(1).shuffle(data)

    def scale(data):
        data[0] *= 2

    examples = [np.full((2, 1), k + 1.0) for k in range(6)]
    call = guard.call_student(RUN, shuffle, examples)
    assert call.changed == [] and call.reordered == ["data"]
    with pytest.raises(CheckFailure) as failure:
        guard.call_student(RUN, scale, examples)
    assert "`scale` changed its input `data`" in str(failure.value)


def test_references_are_swapped_in_and_restored():
    namespace = {"propagate": "student's"}
    exec("def optimize():\n    return propagate", namespace)
    with guard.using_references(namespace["optimize"], RUN, propagate="ours", sigmoid="ours too"):
        assert namespace["optimize"]() == "ours"
    assert namespace["propagate"] == "student's" and "sigmoid" not in namespace


HIDDEN = CheckRun("example", ASSIGNMENTS[0], seeds.hidden(2**40 + 12345))  # not the student's seed: its inputs, and what their code makes of them, stay private
SECRET = 918273.645  # an input the student's code copies into what it says


@pytest.mark.parametrize("how, kept", [
    ("error text and class", "`your code` stopped with an error"),  # a built-in error's type, or a name the check uses, would show
    ("headline field", "a centred difference gives about 1e-06 or less"),
    ("detail", "yours: not shown"),
    ("warning in a hint", "cost is NaN. NumPy warned while your code ran: …")])
def test_under_a_hidden_seed_no_value_the_code_computed_reaches_the_message(how, kept):
    """Does a failure under a hidden seed keep the checker's words (its constants, the diagnosis) and leave out whatever the
    student's code computed, however it was copied in; and does the same failure under the public seed show it?"""
    from checker.assignments.gradient_checking import messages as say
    from checker.checks.describe import describe_value

    def fail_with(run):
        if how == "error text and class":
            guard.call_student(run, lambda x: (_ for _ in ()).throw(type(f"Leak{int(x)}", (Exception,), {})(repr(x))), SECRET)
        if how == "headline field":
            run.fail(say.SMALL_FOR_CORRECT.format(name="gradient_check", value=SECRET, agree=1e-6))
        if how == "detail":
            run.fail(messages.UNUSABLE.format(what="cost", kind="a float", use="a number"), ("yours", describe_value(np.full(3, SECRET))))
        run.fail(messages.NOT_FINITE_VALUE.format(what="cost", bad="NaN", hint=messages.WARNING_HINT.format(warnings=repr(SECRET))))

    shown = {}
    for run in (RUN, HIDDEN):
        with pytest.raises(CheckFailure) as failure:
            fail_with(run)
        shown[run] = str(failure.value)
    spelt = ("918273", f"{SECRET:.3g}")
    assert any(text in shown[RUN] for text in spelt) and not any(text in shown[HIDDEN] for text in spelt), shown[HIDDEN]
    assert kept in shown[HIDDEN], shown[HIDDEN]


# A function whose inputs choose the line it raises from, the error's class and its text.
CHOOSING = "def leak(x):\n" + "".join(f"    if x == {n}:\n        raise {kind}({text!r})\n" for n, (kind, text) in enumerate([
    ("ValueError", "a value"), ("KeyError", "x"), ("IndexError", "index 3"), ("ZeroDivisionError", "division by zero")]))


def test_under_a_hidden_seed_an_error_names_its_function_and_nothing_its_inputs_chose():
    """Under a hidden seed, is an error said the same whatever line, class or text the inputs chose, naming the function; and
    under the public seed told with all of them?"""
    namespace = {}
    exec(compile(CHOOSING, "<notebook>", "exec"), namespace)

    def told(seed, x):
        run = CheckRun("leak", ASSIGNMENTS[0], seed, needs=("leak",))  # a function the check grades: named under any seed
        with pytest.raises(CheckFailure) as failure:
            guard.call_student(run, namespace["leak"], x)
        return str(failure.value)

    hidden = {told(HIDDEN.seed, x) for x in range(4)}
    assert len(hidden) == 1, hidden
    [message] = hidden
    assert message.startswith("`leak` stopped with an error") and "your line: `leak`" in message and "line 3" not in message
    public = [told(seeds.PUBLIC, x) for x in range(4)]
    assert len(set(public)) == 4 and "ValueError: a value" in public[0] and "`leak`, line 3" in public[0]
