"""Does the fast gradient check pass true gradients, find a single wrong entry by name, and not cry wolf?"""

import numpy as np
import pytest

from checker.gradients.directional import check_gradient


def small_network(seed=0):
    rng = np.random.default_rng(seed)
    X, Y = rng.normal(size=(6, 5)), rng.normal(size=(3, 5))
    params = {"W1": rng.normal(size=(4, 6)), "b1": rng.normal(size=(4, 1)), "W2": rng.normal(size=(3, 4))}

    def cost(p):
        return 0.5 * float(np.sum((p["W2"] @ np.tanh(p["W1"] @ X + p["b1"]) - Y) ** 2))

    H = np.tanh(params["W1"] @ X + params["b1"])
    dO = params["W2"] @ H - Y
    dZ = params["W2"].T @ dO * (1 - H**2)
    return cost, params, {"W1": dZ @ X.T, "b1": dZ.sum(axis=1, keepdims=True), "W2": dO @ H.T}


@pytest.mark.parametrize("mode", ["fast", "sampled", "full"])
def test_true_gradients_pass(mode):
    cost, params, gradients = small_network()
    report = check_gradient(cost, params, gradients, mode=mode)
    assert report.passed and report.kind == "ok" and report.relative_error < 1e-7


def test_fast_mode_costs_two_evaluations_per_direction():
    cost, params, gradients = small_network()
    assert check_gradient(cost, params, gradients, directions=3).evaluations == 6


@pytest.mark.parametrize("name, index", [("W1", (2, 5)), ("b1", (3, 0)), ("W2", (0, 1))])
@pytest.mark.parametrize("mode", ["fast", "full"])
def test_single_wrong_entry_is_found_by_name(mode, name, index):
    cost, params, gradients = small_network()
    gradients[name][index] = 2 * gradients[name][index] + 0.1
    report = check_gradient(cost, params, gradients, mode=mode)
    assert not report.passed and report.kind == "mismatch"
    assert report.entry[:2] == (name, index)
    assert report.describe().startswith(f"{name}[{index[0]}, {index[1]}]: yours")


def test_factor_is_named():
    cost, params, gradients = small_network()
    gradients["W2"][1, 2] *= 2
    assert "factor 2" in check_gradient(cost, params, gradients).describe()


def test_kink_is_reported_as_a_kink():
    """ReLU at exactly 0: one-sided slopes differ; that is not a wrong gradient."""
    report = check_gradient(lambda p: float(np.sum(np.maximum(p["x"], 0))), {"x": np.array([0.0, 1.0, -1.0])}, {"x": np.array([1.0, 1.0, 0.0])})
    assert report.passed and report.kind == "kink"


def test_float32_is_promoted_not_a_false_alarm():
    cost, params, gradients = small_network()
    report = check_gradient(cost, {k: v.astype(np.float32) for k, v in params.items()}, {k: v.astype(np.float32) for k, v in gradients.items()})
    assert report.passed and "promoted to float64" in report.notes[0]


def test_same_generator_same_directions():
    cost, params, gradients = small_network()
    errors = {check_gradient(cost, params, gradients, rng=np.random.default_rng(5)).relative_error for _ in range(2)}
    assert len(errors) == 1
