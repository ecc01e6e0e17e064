"""Do shape and type mistakes get the beginner-friendly message meant for them?"""

import numpy as np
import pytest

from checker.checks import messages, seeds, shapes
from checker.checks.errors import CheckFailure
from checker.checks.run import CheckRun
from checker.course import ASSIGNMENTS  # any assignment: the runs here ask no answer key
from catalogue import assert_diagnosis

RUN = CheckRun("example", ASSIGNMENTS[0], seeds.PUBLIC)


@pytest.mark.parametrize(
    "value, expected, template",
    [
        (np.zeros(4), (4, 1), messages.RANK_ONE),
        (np.zeros((1, 4)), (4, 1), messages.TRANSPOSED),
        (np.zeros((3, 1)), (4, 1), messages.WRONG_SHAPE),
        ([[0.0]] * 4, (4, 1), messages.UNUSABLE),
        (np.zeros((4, 1)) + 1j, (4, 1), messages.UNUSABLE),
    ],
)
def test_require_shape_names_the_mistake(value, expected, template):
    with pytest.raises(CheckFailure) as failure:
        shapes.require_shape(RUN, value, expected, "w")
    assert_diagnosis(str(failure.value), template)


def test_rank_one_message_is_pinned():
    with pytest.raises(CheckFailure) as failure:
        shapes.require_shape(RUN, np.zeros(3), (3, 1), "w")
    assert str(failure.value).splitlines()[0] == (  # the headline; the seed line follows it
        "w has shape (3,), a rank-1 array; it should be (3, 1). Rank-1 arrays ignore .T and broadcast "
        "in surprising ways: create it with shape (3, 1) or add .reshape(3, 1)."
    )


@pytest.mark.parametrize("value", [0.5, np.float64(0.5), np.array(0.5), np.float32(0.5), 1])
def test_require_scalar_accepts_numbers(value):
    """Is a number in any of its usual forms read as that number, with nothing to note?"""
    run = CheckRun("example", ASSIGNMENTS[0], seeds.PUBLIC)
    assert shapes.require_scalar(run, value, "cost") == pytest.approx(0.5 if value != 1 else 1.0)
    assert run.notes == []


def test_an_array_holding_one_number_counts_as_that_number_with_one_note():
    """Does an array of shape (1,) or (1, 1) pass as its number, the run noting the rank-1 point once, in the same words each time?"""
    said = []
    for seed in (1, 2):
        run = CheckRun("example", ASSIGNMENTS[0], seeds.hidden(seed))
        values = [shapes.require_scalar(run, value, what) for value, what in
                  ((np.array([[0.25]]), "cost"), (np.array([0.5]), "db"), (np.ones((1, 1, 1)), "b"))]
        assert values == [0.25, 0.5, 1.0]
        said.append(run.notes)
    assert said[0] == said[1] == [messages.ONE_NUMBER_ARRAY]


@pytest.mark.parametrize(
    "value, template",
    [(np.array([0.5, 1]), messages.WRONG_SHAPE), (np.zeros((0, 1)), messages.WRONG_SHAPE), ("0.5", messages.UNUSABLE),
     (True, messages.UNUSABLE), (np.array([True]), messages.UNUSABLE), (10**400, messages.UNUSABLE), (np.complex128(0.5 + 1j), messages.UNUSABLE)],
)
def test_require_scalar_rejects_non_numbers(value, template):
    with pytest.raises(CheckFailure) as failure:
        shapes.require_scalar(RUN, value, "cost")
    assert_diagnosis(str(failure.value), template)


@pytest.mark.parametrize("value, expected", [(0.5, 0.5), (np.array([[2.0]]), 2.0), (np.int64(3), 3.0), (np.array([1.0, 2.0]), None),
                                             (True, None), ("1", None), (None, None), (np.array([1j]), None)])
def test_one_number_reads_what_require_scalar_accepts(value, expected):
    assert shapes.one_number(value) == expected


def test_require_finite_points_at_the_first_bad_entry():
    with pytest.raises(CheckFailure) as failure:
        shapes.require_finite(RUN, np.array([[1.0], [np.nan], [np.inf]]), "dw")
    assert "dw contains NaN and infinity, first at index (1, 0)" in str(failure.value)
