"""Does check_gradient pass right gradients, name a wrong entry, explain itself, and never crash on what it is given?"""

import subprocess
import sys

import numpy as np
import pytest

from catalogue import assert_diagnosis
from checker.gradients import assert_gradient, check_gradient
from checker.gradients import messages as say
from checker.thresholds import AGREE, WRONG, explain_band, loosest

FLOAT64, FLOAT32 = np.dtype(np.float64), np.dtype(np.float32)


def tanh_network(seed=0):
    """A smooth cost of three parameters, its gradients, written so that complex numbers flow through it too."""
    rng = np.random.default_rng(seed)
    X, Y = rng.normal(size=(6, 5)), rng.normal(size=(3, 5))
    params = {"W1": rng.normal(size=(4, 6)), "b1": rng.normal(size=(4, 1)), "W2": rng.normal(size=(3, 4))}

    def cost(p):
        return 0.5 * np.sum((p["W2"] @ np.tanh(p["W1"] @ X + p["b1"]) - Y) ** 2)

    H = np.tanh(params["W1"] @ X + params["b1"])
    dO = params["W2"] @ H - Y
    dZ = params["W2"].T @ dO * (1 - H**2)
    return cost, params, {"W1": dZ @ X.T, "b1": dZ.sum(axis=1, keepdims=True), "W2": dO @ H.T}


def relu_sum():
    """f(x) = Σ relu(x) at x = (0, 1, -1): the first entry sits exactly on the kink."""
    return lambda p: np.sum(np.maximum(p["x"], 0)), {"x": np.array([0.0, 1.0, -1.0])}


MODES = ["auto", "full", "sampled", "directions", "complex-step"]


@pytest.mark.parametrize("mode", MODES)
def test_true_gradients_pass(mode):
    cost, params, gradients = tanh_network()
    report = check_gradient(cost, params, gradients, mode=mode)
    assert report.passed and report.kind == "ok" and report.band == "agree" and report.relative_error < 1e-7
    assert_diagnosis(str(report), say.LARGEST)


@pytest.mark.parametrize("per_parameter, evaluations", [(True, 18), (False, 6)])
def test_directions_cost_two_evaluations_each(per_parameter, evaluations):
    """Is a direction two evaluations of f, per parameter or through all of them at once?"""
    cost, params, gradients = tanh_network()
    report = check_gradient(cost, params, gradients, mode="directions", directions=3, per_parameter=per_parameter)
    assert report.passed and report.evaluations == evaluations


@pytest.mark.parametrize("name, index", [("W1", (2, 5)), ("b1", (3, 0)), ("W2", (0, 1))])
@pytest.mark.parametrize("mode", ["full", "directions", "complex-step"])
@pytest.mark.parametrize("per_parameter", [True, False])
def test_single_wrong_entry_is_named(mode, per_parameter, name, index):
    cost, params, gradients = tanh_network()
    gradients[name][index] = 2 * gradients[name][index] + 0.1
    report = check_gradient(cost, params, gradients, mode=mode, per_parameter=per_parameter)
    assert not report.passed and report.kind == "mismatch"
    assert report.entry[:2] == (name, index)
    assert report.describe().startswith(f"{name}[{index[0]}, {index[1]}]: yours")


def test_message_shows_yours_fs_the_factor_and_the_band_that_decided():
    cost, params, gradients = tanh_network()
    gradients["W2"][1, 2] *= 2
    report = check_gradient(cost, params, gradients, mode="directions")
    message = str(report)
    entry = report.entry
    assert message.startswith(say.WRONG_ENTRY.format(entry="W2[1, 2]", yours=entry.yours, numerical=entry.numerical,
                                                     ratio=say.RATIO.format(ratio=2.0)))
    assert say.DECIDED.format(error=report.relative_error, band=explain_band(report.relative_error)) in message
    assert report.relative_error > AGREE[FLOAT64] and report.band == "wrong"
    for template in (say.FOUND_ALONG, say.MORE_MAY_BE_WRONG, say.METHOD_CENTRED):
        assert_diagnosis(message, template)


def test_full_mode_counts_and_lists_every_wrong_entry():
    cost, params, gradients = tanh_network()
    gradients["W1"][0, :3] *= -1
    report = check_gradient(cost, params, gradients, mode="full")
    assert len(report.wrong) == 3 and {entry.index for entry in report.wrong} == {(0, 0), (0, 1), (0, 2)}
    assert say.WRONG_COUNT.format(count=3, checked=40) in str(report)
    assert_diagnosis(str(report), say.ALSO_WRONG)
    assert say.SIGN_FLIPPED in str(report)


def test_one_wrong_entry_in_a_large_tensor_is_found_in_few_evaluations():
    """Is a single entry among 90,000 named with a few dozen evaluations, not 180,000?"""
    rng = np.random.default_rng(3)
    A, W = rng.normal(size=(300, 300)), rng.normal(size=(300, 300))
    gradient = 2 * (W - A)
    gradient[123, 45] *= 1.5
    report = check_gradient(lambda p: np.sum((p["W"] - A) ** 2), {"W": W}, {"W": gradient}, mode="directions")
    assert report.entry[:2] == ("W", (123, 45)) and report.evaluations < 60


def test_per_parameter_directions_find_a_small_parameters_mistake():
    """A bias whose slope is tiny beside the weights' is drowned in one direction through both, not in its own."""
    rng = np.random.default_rng(4)
    C, W, b = rng.normal(size=(50, 50)), rng.normal(size=(50, 50)), rng.normal(size=(50, 1))
    f = lambda p: 1e4 * np.sum(p["W"] * C) + 1e-3 * np.sum(p["b"] ** 2)
    gradients = {"W": 1e4 * C, "b": 2e-3 * b}
    gradients["b"][7, 0] *= 3
    assert check_gradient(f, {"W": W, "b": b}, gradients, mode="directions").entry[:2] == ("b", (7, 0))
    assert check_gradient(f, {"W": W, "b": b}, gradients, mode="directions", per_parameter=False).passed


def test_an_entry_f_does_not_depend_on_is_called_flat():
    f = lambda p: np.sum(p["x"][:2] ** 2)
    report = check_gradient(f, {"x": np.array([1.0, 2.0, 3.0])}, {"x": np.array([2.0, 4.0, 0.5])}, mode="full")
    assert report.entry.index == (2,) and say.F_FLAT in str(report)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("slope_at_kink", [0.0, 0.5, 1.0])
def test_kink_is_not_a_wrong_gradient(mode, slope_at_kink):
    """ReLU at exactly 0: either one-sided slope, or anything between at a single entry, is a right gradient."""
    f, params = relu_sum()
    report = check_gradient(f, params, {"x": np.array([slope_at_kink, 1.0, 0.0])}, mode=mode)
    assert report.passed
    if slope_at_kink == 0.0:  # 0.5 is the centred difference itself; 1.0 is the complex step's side
        assert report.kinks >= 1
        assert_diagnosis(str(report), say.KINKS_PASSED)


@pytest.mark.parametrize("mode", MODES)
def test_wrong_entry_beside_a_kink_is_found(mode):
    """A kink along the way does not end the check: the wrong entry next to it is still named."""
    f, params = relu_sum()
    report = check_gradient(f, params, {"x": np.array([1.0, 3.0, 0.0])}, mode=mode)
    assert not report.passed and report.entry.index == (1,)


def test_wrong_value_at_a_kink_is_explained():
    f, params = relu_sum()
    report = check_gradient(f, params, {"x": np.array([2.0, 1.0, 0.0])}, mode="full")
    assert not report.passed and report.entry.index == (0,)
    assert (report.entry.left, report.entry.right) == pytest.approx((0.0, 1.0), abs=1e-6)
    assert_diagnosis(str(report), say.KINK_AT_ENTRY)


def test_curvature_is_not_mistaken_for_a_kink():
    """Near a minimum f's one-sided slopes differ a lot relative to its slope; a 1 % mistake is still wrong."""
    f = lambda p: np.sum(p["x"] ** 2)
    x = np.array([3e-6, 1.0])
    report = check_gradient(f, {"x": x}, {"x": 2 * x * np.array([1.01, 1.0])}, mode="full")
    assert not report.passed and report.entry.index == (0,) and report.entry.left is None


@pytest.mark.parametrize("mode", ["full", "directions"])
def test_float32_gradients_pass_with_float32_bands(mode):
    cost, params, gradients = tanh_network()
    report = check_gradient(cost, {k: v.astype(np.float32) for k, v in params.items()},
                            {k: v.astype(np.float32) for k, v in gradients.items()}, mode=mode)
    assert report.passed and report.dtype == FLOAT32 and say.NOTE_PROMOTED in report.notes


def test_float32_wrong_entry_is_named_with_float32_band():
    cost, params, gradients = tanh_network()
    gradients = {k: v.astype(np.float32) for k, v in gradients.items()}
    gradients["b1"][1, 0] *= 1.5
    report = check_gradient(cost, params, gradients, mode="directions")
    assert report.entry[:2] == ("b1", (1, 0)) and report.dtype == FLOAT32
    assert explain_band(report.relative_error, FLOAT32) in str(report)


def test_one_array_instead_of_a_dict():
    report = check_gradient(lambda x: np.sum(x**3), np.array([[1.0, 2.0]]), np.array([[3.0, 13.0]]))
    assert report.entry[:2] == ("x", (0, 1))


def test_gradients_may_be_named_d_plus_the_parameter_and_extras_are_ignored():
    cost, params, gradients = tanh_network()
    named = {"d" + name: value for name, value in gradients.items()} | {"dZ1": np.zeros(3)}
    report = check_gradient(cost, params, named)
    assert report.passed and say.NOTE_IGNORED.format(names="dZ1") in str(report)


@pytest.mark.parametrize("change, template", [
    (lambda g: g.pop("b1"), say.MISSING_GRADIENT),
    (lambda g: g.update(W1=g["W1"].T), say.TRANSPOSED),
    (lambda g: g.update(W2=np.zeros(3)), say.SHAPE_MISMATCH),
    (lambda g: g.update(W2="a string"), say.NOT_NUMBERS),
])
def test_gradients_that_do_not_fit_are_reported(change, template):
    cost, params, gradients = tanh_network()
    change(gradients)
    report = check_gradient(cost, params, gradients)
    assert not report.passed and report.kind == "shape"
    assert_diagnosis(str(report), template)


def test_parameters_that_are_not_numbers_are_reported():
    report = check_gradient(lambda p: 0.0, {"x": ["a", "b"]}, {"x": np.zeros(2)})
    assert report.kind == "shape"
    assert_diagnosis(str(report), say.PARAMS_NOT_NUMBERS)


def in_place(p):
    p["x"] *= 2
    return np.sum(p["x"])


@pytest.mark.parametrize("f, template", [
    (lambda p: 1 / 0, say.F_RAISED),
    (in_place, say.READ_ONLY),
    (lambda p: p["x"] * 2, say.NOT_SCALAR),
    (lambda p: np.sum(p["x"]) + 1j, say.NOT_SCALAR),
    (lambda p: np.float32(np.sum(p["x"])), say.FLOAT32_VALUE),
    (lambda p: np.inf * np.sum(p["x"]), say.NOT_FINITE),
    (lambda p: np.sum(p["x"]) + np.random.default_rng().normal(), say.NOT_DETERMINISTIC),
])
@pytest.mark.parametrize("mode", ["full", "directions"])
def test_a_function_that_cannot_be_checked_is_reported_not_raised(f, template, mode):
    report = check_gradient(f, {"x": np.array([1.0, 2.0])}, {"x": np.array([1.0, 1.0])}, mode=mode)
    assert not report.passed and report.kind == "unusable"
    assert_diagnosis(str(report), template)


@pytest.mark.parametrize("f, template", [
    (lambda p: float(np.sum(p["x"] ** 2)), say.COMPLEX_DROPPED),
    (lambda p: np.sum(np.abs(p["x"])), say.COMPLEX_DROPPED),
    (lambda p: np.sum(np.abs(p["x"]) * p["x"]), say.COMPLEX_BROKEN),
])
def test_complex_step_names_functions_that_break_it(f, template):
    x = np.array([1.5, -2.0])
    report = check_gradient(f, {"x": x}, {"x": np.array([3.0, -4.0]) if template != say.COMPLEX_BROKEN else 2 * np.abs(x)},
                            mode="complex-step")
    assert report.kind == "unusable"
    assert_diagnosis(str(report), template)


def test_nan_in_your_gradient_is_named():
    cost, params, gradients = tanh_network()
    gradients["W1"][1, 1] = np.nan
    report = check_gradient(cost, params, gradients, mode="directions")
    assert report.entry[:2] == ("W1", (1, 1)) and "yours is nan" in str(report)


@pytest.mark.parametrize("offset, passes", [(10.0, True), (1e4, False)])
@pytest.mark.parametrize("mode", ["full", "directions"])
def test_round_off_of_f_is_measured_not_blamed_on_your_gradient(mode, offset, passes):
    """Σ(c + x)² − 2cΣx − nc² is Σx² with round-off growing with c: agree while it is small, say so when it is not."""
    x = np.random.default_rng(0).normal(size=20)
    f = lambda v: np.sum((offset + v) ** 2) - 2 * offset * np.sum(v) - offset**2 * v.size
    report = check_gradient(f, x, 2 * x, mode=mode)
    assert report.passed == passes and report.kind == ("ok" if passes else "unusable")
    if not passes:
        assert_diagnosis(str(report), say.TOO_NOISY)
        assert check_gradient(f, x, 2 * x, mode="complex-step").passed


def test_slopes_near_zero_count_as_agreeing_within_round_off():
    f = lambda p: 1e3 + np.sum(p["x"] ** 2)
    x = np.array([1e-9, 2.0])
    report = check_gradient(f, {"x": x}, {"x": 2 * x}, mode="full")
    assert report.passed and report.relative_error < AGREE[FLOAT64]
    assert_diagnosis(str(report), say.ROUNDOFF_PASSED)


def test_a_search_that_runs_out_of_budget_says_so():
    cost, params, gradients = tanh_network()
    gradients["W1"] *= 1.5
    report = check_gradient(cost, params, gradients, mode="directions", budget=2)
    assert not report.passed and report.kind == "mismatch" and report.entry is None
    assert_diagnosis(str(report), say.NOT_PINNED)
    assert report.describe() == str(report).split("\n")[0]


def test_auto_compares_every_entry_only_when_that_is_quick():
    cost, params, gradients = tanh_network()
    assert check_gradient(cost, params, gradients).mode == "full"
    assert check_gradient(cost, params, gradients, full_seconds=0.0).mode == "directions"


def test_same_seed_same_directions():
    cost, params, gradients = tanh_network()
    reports = [check_gradient(cost, params, gradients, mode="directions", rng=seed) for seed in (5, 5, 6)]
    assert reports[0].relative_error == reports[1].relative_error != reports[2].relative_error


def test_unknown_mode_is_a_programming_error():
    cost, params, gradients = tanh_network()
    with pytest.raises(ValueError, match="mode must be one of"):
        check_gradient(cost, params, gradients, mode="fast")


def test_bands_come_from_thresholds():
    assert explain_band(AGREE[FLOAT64] / 2).startswith("agree")
    assert explain_band(AGREE[FLOAT64] * 2).startswith("suspicious")
    assert explain_band(WRONG[FLOAT32] * 2, FLOAT32) == "wrong (above 1e-02 for float32; agreeing needs at most 1e-04)"
    assert loosest([FLOAT64, FLOAT32]) == FLOAT32


def test_assert_gradient_passes_quietly_and_fails_with_the_report():
    cost, params, gradients = tanh_network()
    assert assert_gradient(cost, params, gradients).passed
    gradients["b1"][0, 0] += 1
    with pytest.raises(AssertionError) as failure:
        assert_gradient(cost, params, gradients)
    assert str(failure.value) == str(check_gradient(cost, params, gradients))


def test_assert_gradient_in_a_students_own_tests(pytester):
    """Does pytest show the student's line and the report, not the checker's insides?"""
    pytester.makepyfile(test_mine="""
        import numpy as np
        from checker import assert_gradient

        def test_my_gradient():
            W = np.array([[1.0, 2.0], [3.0, 4.0]])
            assert_gradient(lambda W: np.sum(W ** 2), W, 2 * W.T)
    """)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*assert_gradient(lambda W*", "*Your gradient is wrong at x[[]0, 1[]]*"])
    assert "raise AssertionError" not in result.stdout.str()


def test_importing_checker_stays_empty_and_the_public_names_load_lazily():
    """Does `import checker` load nothing but its error root, and each public name only when used?"""
    code = ("import sys, checker; loaded = sorted(m for m in sys.modules if m.startswith('checker')); "
            "from checker import check_gradient, assert_gradient, GradientReport; print(loaded, check_gradient.__module__)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "['checker', 'checker.errors'] checker.gradients.check"

