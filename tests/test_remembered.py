"""The answer key's memory: a result is reused only for arguments of the very same value, and never shared."""

import numpy as np

from checker.checks.remembered import Memory, remembered


def counted(function):
    calls = []

    def counting(*args):
        calls.append(args)
        return function(*args)

    return counting, calls


def test_the_same_values_are_computed_once_and_each_caller_gets_a_copy():
    function, calls = counted(lambda a, b: {"sum": a + b})
    cached = remembered(function)
    first = cached(np.arange(3.0), 1.5)
    first["sum"][0] = 99.0  # a caller that edits its result
    again = cached(np.arange(3.0), 1.5)
    assert len(calls) == 1 and np.array_equal(again["sum"], np.arange(3.0) + 1.5)


def test_values_that_differ_anywhere_are_computed_apart():
    function, calls = counted(repr)
    cached = remembered(function)
    different = [np.zeros(4), np.zeros(4, dtype=np.float32), np.zeros((2, 2)), np.ones(4), [0.0, 0.0], (0.0, 0.0),
                 0.0, -0.0, 0, False, "0", None, {"a": 0.0}, {"b": 0.0}]
    for value in different:
        cached(value)
    assert len(calls) == len(different)


def test_not_a_number_is_remembered_and_not_plain_data_is_computed_each_time():
    function, calls = counted(lambda value: str(value))
    cached = remembered(function)
    cached(float("nan")), cached(float("nan"))
    assert len(calls) == 1
    thing = object()
    cached(thing), cached(thing)
    assert len(calls) == 3


def test_the_oldest_result_is_forgotten_past_the_size():
    function, calls = counted(lambda value: value)
    memory = Memory(size=2)
    for value in (1, 2, 3, 1):
        memory.recall(function, value)
    assert calls == [(1,), (2,), (3,), (1,)]
