"""Where the random inputs of every check come from, and whether the student may see them."""

from __future__ import annotations

import contextlib
import dataclasses
import random
import zlib
from collections.abc import Iterator

import numpy as np

# The self-check (`pytest checker`) uses this seed unless --checker-seed says otherwise.
# Hidden nbgrader checks pass seeds of their own, so memorised outputs cannot pass grading.
PUBLIC_SEED = 1234


@dataclasses.dataclass(frozen=True)
class Seed:
    """A check's seed, built by whoever chose it, and whether the student may see what it draws.

    Public: the student's own (the public seed, `pytest checker --checker-seed N`), whose inputs and what their code
    made of them a message may show. Hidden: the grader's (a grade cell's hidden test, official grading's per-student
    seeds), whose inputs stay private.
    """

    value: int
    public: bool

    def __str__(self) -> str:
        return str(self.value)


PUBLIC = Seed(PUBLIC_SEED, public=True)


def in_grade_cell(value: int | None = None) -> Seed:
    """The seed of `check_x(seed=value)` in a notebook: the public one without a value; a grade cell's hidden test passes
    its own, which stays private (the public seed's value, passed by hand, is still the public seed)."""
    return PUBLIC if value is None or int(value) == PUBLIC_SEED else Seed(int(value), public=False)


def chosen(seed: Seed | int | None) -> Seed:
    """`seed` as a Seed: a Seed as it is; a number, or None, as a grade cell passes it (in_grade_cell)."""
    return seed if isinstance(seed, Seed) else in_grade_cell(seed)


def hidden(value: int) -> Seed:
    """A seed the grader chose (official grading's per-student seeds): its inputs stay private."""
    return Seed(int(value), public=False)


def derived_seed(seed: int, purpose: str) -> int:
    """A seed for `purpose` drawn from the number `seed`: what student code can observe of it does not reveal `seed` itself."""
    return int(np.random.default_rng([int(seed), zlib.crc32(purpose.encode())]).integers(2**31))


def generator(seed: int, check_name: str) -> np.random.Generator:
    """A generator seeded by the number `seed` and the check's name, so checks never share draws."""
    return np.random.default_rng([int(seed), zlib.crc32(check_name.encode())])


@contextlib.contextmanager
def seeded_global_random(seed: int) -> Iterator[None]:
    """Seed NumPy's and Python's global generators for the student's code, then give theirs back."""
    numpy_state, python_state = np.random.get_state(), random.getstate()
    np.random.seed(int(seed) % 2**32)
    random.seed(int(seed))
    try:
        yield
    finally:
        np.random.set_state(numpy_state)
        random.setstate(python_state)
