"""Does every check catch each catalogued mistake by name, and accept each correct variant?

The catalogues live in tests/<assignment>_variants.py; assignment-specific tests live in
tests/test_<assignment>_checks.py, which also say how a check is called with an implementation.
"""

import pytest

import test_backprop_checks as backprop
import test_computational_graph_checks as computational_graph
import test_gradient_checking_checks as gradient_checking
import test_logistic_regression_checks as logistic_regression
from checker import guard
from checker.report import CheckFailure
from catalogue import assert_diagnosis

SUITES = {"01": logistic_regression, "02": computational_graph, "03": backprop, "04": gradient_checking}
BUGS = [(number, name) for number, suite in SUITES.items() for name in sorted(suite.BUGS)]
CORRECT = [(number, name) for number, suite in SUITES.items() for name in sorted(suite.CORRECT)]


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch):
    monkeypatch.setattr(guard, "DEFAULT_TIME_LIMIT", 1.0)


@pytest.mark.parametrize("number, name", BUGS, ids=[f"{n}: {name}" for n, name in BUGS])
def test_bug_is_caught_and_named(number, name):
    """Is each realistic mistake caught, with the diagnosis a student can act on?"""
    check_name, implementation, diagnosis = SUITES[number].BUGS[name]
    with pytest.raises(CheckFailure) as failure:
        SUITES[number].run_check(check_name, implementation)
    assert_diagnosis(str(failure.value), diagnosis)


@pytest.mark.parametrize("seed", [1234, 7, 99])
@pytest.mark.parametrize("number, name", CORRECT, ids=[f"{n}: {name}" for n, name in CORRECT])
def test_correct_variant_passes(number, name, seed):
    """Does a correct implementation written differently pass, whatever the seed?"""
    check_name, implementation = SUITES[number].CORRECT[name]
    SUITES[number].run_check(check_name, implementation, seed=seed)
