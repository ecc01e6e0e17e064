"""The answer key's long computations, done once per grading process: the same inputs give the same result.

Official grading draws every submission's inputs from the same hidden seeds, so a worker grading
hundreds of submissions computes each training run, each panel of mistaken checkers, once.
"""

import copy
import functools

import numpy as np


def key_of(value):
    """A hashable stand-in for plain data, arrays by their values (TypeError for anything else)."""
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, dict):
        return ("dict", tuple((key, key_of(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(key_of(item) for item in value))
    if value is None or isinstance(value, (bool, int, float, str, np.generic)):
        return (type(value).__name__, repr(value))  # by spelling: -0.0 is not 0.0, and a NaN finds itself
    raise TypeError(f"{type(value).__name__} is not plain data")


class Memory:
    """Results by their arguments' values, the oldest forgotten first past `size`; every caller gets its own copy."""

    def __init__(self, size=256):
        self.size, self.results = size, {}

    def recall(self, compute, *args, **kwargs):
        try:
            key = key_of((args, kwargs))
        except TypeError:
            return compute(*args, **kwargs)  # not plain data: computed each time
        if key not in self.results:
            if len(self.results) >= self.size:
                self.results.pop(next(iter(self.results)))
            self.results[key] = compute(*args, **kwargs)
        return fresh_copy(self.results[key])


def fresh_copy(value):
    """A copy of a remembered result that shares nothing mutable with it: arrays, lists and dicts copied, numbers kept.

    copy.deepcopy does the same for plain data, several times slower (its memo of every object), and a training
    path holds thousands of small arrays.
    """
    if isinstance(value, np.ndarray):
        return value.copy()
    if type(value) is list:
        return [fresh_copy(item) for item in value]
    if type(value) is dict:
        return {key: fresh_copy(item) for key, item in value.items()}
    if type(value) is tuple:
        return tuple(fresh_copy(item) for item in value)
    if value is None or isinstance(value, (bool, int, float, str, np.generic)):
        return value
    return copy.deepcopy(value)


def remembered(function, size=256):
    """`function`, computed once per distinct arguments (arrays count by their values); every caller gets its own copy."""
    memory = Memory(size)

    @functools.wraps(function)
    def recalled(*args):
        return memory.recall(function, *args)

    return recalled
