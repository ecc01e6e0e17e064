"""Where the random inputs of every check come from."""

import contextlib
import random
import zlib

import numpy as np

# The self-check (`pytest checker`) uses this seed unless --checker-seed says otherwise.
# Hidden nbgrader checks pass seeds of their own, so memorised outputs cannot pass grading.
PUBLIC_SEED = 1234

_public_seed = PUBLIC_SEED


def set_public_seed(seed):
    """Make `seed` the default for checks called without one (used by --checker-seed)."""
    global _public_seed
    _public_seed = int(seed)


def resolve_seed(seed):
    """Return `seed`, or the public seed when it is None."""
    return _public_seed if seed is None else int(seed)


def is_public(seed):
    """Whether the student chose this seed (the public one, or --checker-seed); grade cells' hidden seeds are not."""
    return seed is not None and int(seed) == _public_seed


def derived_seed(seed, purpose):
    """A seed for `purpose` drawn from `seed`: what student code can observe of it does not reveal `seed` itself."""
    return int(np.random.default_rng([int(seed), zlib.crc32(purpose.encode())]).integers(2**31))


def generator(seed, check_name):
    """A generator seeded by `seed` and the check's name, so checks never share draws."""
    return np.random.default_rng([int(seed), zlib.crc32(check_name.encode())])


@contextlib.contextmanager
def seeded_global_random(seed):
    """Seed NumPy's and Python's global generators for the student's code, then give theirs back."""
    numpy_state, python_state = np.random.get_state(), random.getstate()
    np.random.seed(int(seed) % 2**32)
    random.seed(int(seed))
    try:
        yield
    finally:
        np.random.set_state(numpy_state)
        random.setstate(python_state)
