"""Is a student's function called safely: time limit, quiet warnings, untouched inputs, clear errors?"""

import warnings

import numpy as np
import pytest

from checker.checks import guard, messages
from checker.checks.report import CheckFailure, CheckRun
from catalogue import assert_diagnosis

RUN = CheckRun("example", seed=3)


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


def test_references_are_swapped_in_and_restored():
    namespace = {"propagate": "student's"}
    exec("def optimize():\n    return propagate", namespace)
    with guard.using_references(namespace["optimize"], RUN, propagate="ours", sigmoid="ours too"):
        assert namespace["optimize"]() == "ours"
    assert namespace["propagate"] == "student's" and "sigmoid" not in namespace
