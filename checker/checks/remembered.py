"""The answer key's long computations, done once per grading process: the same inputs give the same result.

Official grading draws every submission's inputs from the same hidden seeds, so a worker grading
hundreds of submissions computes each training run, each panel of mistaken checkers, once.
"""

import copy
import functools

import numpy as np


def remembered(function, size=256):
    """`function`, computed once per distinct arguments (arrays count by their values); every caller gets its own copy."""
    results = {}

    @functools.wraps(function)
    def fresh_copy(*args):
        key = tuple((value.dtype.str, value.shape, value.tobytes()) if isinstance(value, np.ndarray) else value for value in args)
        if key not in results:
            if len(results) >= size:
                results.pop(next(iter(results)))  # the oldest first
            results[key] = function(*args)
        return copy.deepcopy(results[key])

    return fresh_copy
