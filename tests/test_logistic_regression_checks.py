"""Assignment 01: how checks are called with an implementation, and what only this assignment needs."""

import numpy as np
import pytest

from checker.logistic_regression import (
    check_data_preparation,
    check_initialize_with_zeros,
    check_model,
    check_optimize,
    check_predict,
    check_propagate,
    check_sigmoid,
)
from checker.logistic_regression import reference
from checker.report import CheckFailure
from logistic_regression_variants import BUGS, CORRECT

CHECKS = {
    "sigmoid": check_sigmoid,
    "initialize_with_zeros": check_initialize_with_zeros,
    "propagate": check_propagate,
    "optimize": check_optimize,
    "predict": check_predict,
    "model": check_model,
}


def small_images(seed, colour):
    """Tiny image sets of a shape the real data does not have, so nothing can be hard-coded."""
    rng = np.random.default_rng(seed)
    shape = (5, 5, 3) if colour else (6, 6)
    return rng.integers(0, 256, size=(13,) + shape, dtype=np.uint8), rng.integers(0, 256, size=(4,) + shape, dtype=np.uint8)


def run_check(check_name, implementation, seed=None):
    if check_name == "data_preparation":
        train, test = small_images(seed or 0, colour=(seed or 0) % 2 == 1)
        return check_data_preparation(train, test, **implementation(train, test), seed=seed)
    return CHECKS[check_name](implementation, seed=seed)


def test_catalogue_is_large_enough():
    """Does the catalogue keep at least 25 bugs and 8 correct variants, covering every check?"""
    assert len(BUGS) >= 25 and len(CORRECT) >= 8
    covered = {check for check, _, _ in BUGS.values()} & {check for check, _ in CORRECT.values()}
    assert covered == set(CHECKS) | {"data_preparation"}


def test_reference_passes_every_check():
    for name, check in CHECKS.items():
        check(getattr(reference, name))


def test_failure_never_shows_the_expected_gradient():
    """Does a wrong dw message show the student's numbers but none of the right ones?"""
    _, implementation, _ = BUGS["propagate: dw not divided by m"]
    with pytest.raises(CheckFailure) as failure:
        check_propagate(implementation, seed=5)
    message = str(failure.value)
    # Rebuild the inputs the check drew, to know the right answer it must not print.
    from checker import seeds
    from checker.logistic_regression.inputs import draw_problem

    w, b, X, Y = draw_problem(seeds.generator(5, "propagate"))
    expected = reference.propagate(w, b, X, Y)[0]["dw"]
    yours = implementation(w, b, X, Y)[0]["dw"]
    assert f"{yours.flat[0]:.4g}" in message or f"{yours.max():.4g}" in message
    for value in expected.ravel():
        assert f"{value:.4g}" not in message


def test_failure_names_the_seed_and_seeds_change_inputs():
    """Do failures print their seed, and do different seeds draw different inputs?"""
    seen = []

    def spy(w, b, X, Y):
        seen.append(X.copy())
        return BUGS["propagate: dw with Y - A"][1](w, b, X, Y)

    for seed in (11, 12):
        with pytest.raises(CheckFailure) as failure:
            check_propagate(spy, seed=seed)
        assert f"--checker-seed {seed} -k propagate" in str(failure.value)
    assert seen[0].shape != seen[-1].shape or not np.allclose(seen[0], seen[-1])


def test_hard_coded_output_fails_under_another_seed():
    """Can memorising the public self-check's outputs pass a hidden check? (It must not.)"""
    from checker import seeds

    recorded = {}

    def memorise(w, b, X, Y):
        recorded.setdefault("answer", reference.propagate(w, b, X, Y))
        return recorded["answer"]

    check_propagate(memorise, seed=seeds.PUBLIC_SEED)
    with pytest.raises(CheckFailure):
        check_propagate(memorise, seed=31337)


def test_student_exception_shows_the_students_line():
    """Does an exception name the student's own line, not the checker's internals?"""
    with pytest.raises(CheckFailure) as failure:
        check_sigmoid(BUGS["sigmoid: math.exp on arrays"][1])
    message = str(failure.value)
    assert "stopped with TypeError" in message
    assert "return 1 / (1 + math.exp(-z))" in message
    assert "logistic_regression_variants.py" in message
    assert "checker/" not in message


def test_warnings_in_student_code_do_not_reach_stderr(capfd):
    """Does a NumPy RuntimeWarning in student code stay off stderr (nbgrader would give 0)?"""
    with pytest.raises(CheckFailure) as failure:
        check_propagate(BUGS["propagate: sigmoid saturates to exactly 1"][1])
    assert "divide by zero encountered in log" in str(failure.value)
    assert capfd.readouterr().err == ""


def test_caller_arrays_are_not_changed_by_checks():
    """Does an in-place optimize get caught even though it returns the right numbers?"""
    with pytest.raises(CheckFailure) as failure:
        check_optimize(BUGS["optimize: in-place update"][1])
    assert "changed its input `w`" in str(failure.value)


def test_optimize_is_graded_with_a_correct_propagate():
    """Is optimize graded on its own, even when the notebook's propagate is wrong?"""
    import logistic_regression_variants as variants

    original = variants.propagate
    variants.propagate = BUGS["propagate: dw not divided by m"][1]
    try:
        check_optimize(variants.optimize)
        assert variants.propagate is not original  # the student's name is restored afterwards
    finally:
        variants.propagate = original
