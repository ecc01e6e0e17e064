"""Does each assignment's solution pass every check at hidden seeds drawn afresh, as every student's derived seed is?

Hidden seeds differ per student (checker.staff.grading.student_seed), so a class of 2,000 exercises every check at 2,000
seeds: an input that makes a right answer look wrong (a ReLU input at its kink, say) would cost someone points they earned.
This test draws new seeds on every run from a generator whose seed a failure prints (BACKPROP_LAB_SWEEP_SEED repeats a
run); BACKPROP_LAB_SWEEP_SEEDS sets how many per check, for a longer sweep before a term (400 took about 12 minutes for
the four assignments here).
"""

import contextlib
import io
import os
import secrets

import numpy as np
import pytest

from checker.checks.errors import CheckFailure
from checker.checks.session import NotebookSession
from checker.course import ASSIGNMENTS
from conftest import REPO

pytestmark = pytest.mark.e2e
SEEDS = int(os.environ.get("BACKPROP_LAB_SWEEP_SEEDS", "8"))
SWEEP = int(os.environ.get("BACKPROP_LAB_SWEEP_SEED") or secrets.randbits(32))


@pytest.mark.parametrize("assignment", ASSIGNMENTS, ids=lambda assignment: assignment.id)
def test_the_solution_passes_at_fresh_hidden_seeds(official_sandbox, assignment):
    session = NotebookSession.from_file(official_sandbox, REPO / "solutions" / assignment.id / assignment.notebook)
    failures, draws = [], np.random.default_rng(SWEEP)
    try:
        for check in assignment.checks:
            for seed in (int(draw) for draw in draws.integers(2**63, size=SEEDS)):
                try:
                    with contextlib.redirect_stdout(io.StringIO()):
                        session.run(check, seed=seed)
                except CheckFailure as failure:
                    failures.append(f"{check.name} at seed {seed}: {str(failure).splitlines()[0]}")
    finally:
        session.close()
    assert failures == [], f"BACKPROP_LAB_SWEEP_SEED={SWEEP} repeats this sweep:\n" + "\n".join(failures)


@pytest.fixture(scope="module")
def official_sandbox():
    from checker.sandbox.sandbox import Sandbox

    box = Sandbox(official=True)
    yield box
    box.close()
