"""Do shape and type mistakes get the beginner-friendly message meant for them?"""

import numpy as np
import pytest

from checker.checks import messages, shapes
from checker.checks.report import CheckFailure, CheckRun
from catalogue import assert_diagnosis

RUN = CheckRun("example", seed=None)


@pytest.mark.parametrize(
    "value, expected, template",
    [
        (np.zeros(4), (4, 1), messages.RANK_ONE),
        (np.zeros((1, 4)), (4, 1), messages.TRANSPOSED),
        (np.zeros((3, 1)), (4, 1), messages.WRONG_SHAPE),
        ([[0.0]] * 4, (4, 1), messages.NOT_AN_ARRAY),
    ],
)
def test_require_shape_names_the_mistake(value, expected, template):
    with pytest.raises(CheckFailure) as failure:
        shapes.require_shape(RUN, value, expected, "w")
    assert_diagnosis(str(failure.value), template)


def test_rank_one_message_is_pinned():
    with pytest.raises(CheckFailure) as failure:
        shapes.require_shape(RUN, np.zeros(3), (3, 1), "w")
    assert str(failure.value) == (
        "w has shape (3,), a rank-1 array; it should be (3, 1). Rank-1 arrays ignore .T and broadcast "
        "in surprising ways: create it with shape (3, 1) or add .reshape(3, 1)."
    )


@pytest.mark.parametrize("value", [0.5, np.float64(0.5), np.array(0.5), np.float32(0.5), 1])
def test_require_scalar_accepts_numbers(value):
    assert shapes.require_scalar(RUN, value, "cost") == pytest.approx(0.5 if value != 1 else 1.0)


@pytest.mark.parametrize(
    "value, template",
    [(np.array([[0.5]]), messages.ONE_BY_ONE), (np.array([0.5, 1]), messages.WRONG_SHAPE), ("0.5", messages.NOT_A_NUMBER), (True, messages.NOT_A_NUMBER)],
)
def test_require_scalar_rejects_non_numbers(value, template):
    with pytest.raises(CheckFailure) as failure:
        shapes.require_scalar(RUN, value, "cost")
    assert_diagnosis(str(failure.value), template)


def test_require_finite_points_at_the_first_bad_entry():
    with pytest.raises(CheckFailure) as failure:
        shapes.require_finite(RUN, np.array([[1.0], [np.nan], [np.inf]]), "dw")
    assert "dw contains NaN and infinity, first at index (1, 0)" in str(failure.value)
