"""Is every number the notebooks teach true? Each is recomputed here from the code it describes."""

import json
import re

import numpy as np
import pytest

from checker import thresholds
from checker.assignments.backprop_digits import checks as digits_checks
from checker.assignments.backprop_digits import reference as digits_reference
from checker.assignments.computational_graph import checks as graph_checks
from checker.assignments.computational_graph import inputs as graph_inputs
from checker.assignments.computational_graph import reference as graph_reference
from checker.assignments.logistic_regression import end_to_end as logistic_end_to_end
from checker.assignments.logistic_regression import inputs as logistic_inputs
from checker.assignments.logistic_regression import reference as logistic_reference
from checker.checks import symbolic
from checker.course import ASSIGNMENTS
from checker.datasets import load_digits_for_network
from conftest import REPO


def text_of(assignment_id):
    """The markdown of a source notebook, as one string (lines joined as Jupyter shows them)."""
    assignment = next(a for a in ASSIGNMENTS if a.id == assignment_id)
    cells = json.loads((REPO / "solutions" / assignment.id / assignment.notebook).read_text(encoding="utf-8"))["cells"]
    return " ".join("".join(cell["source"]).replace("\n", " ") for cell in cells)


def finite_difference_errors(dtype):
    """The plot of notebook 04, section 1: errors of both estimates of sin'(1) over ε."""
    epsilons = np.logspace(-14, -1, 60)
    t, e = dtype(1.0), epsilons.astype(dtype)
    one_sided = np.abs((np.sin(t + e) - np.sin(t)) / e - np.cos(1.0))
    centred = np.abs((np.sin(t + e) - np.sin(t - e)) / (2 * e) - np.cos(1.0))
    return epsilons, one_sided, centred


def at(epsilons, errors, epsilon):
    return errors[np.argmin(np.abs(np.log(epsilons / epsilon)))]


def test_04_finite_difference_errors_are_as_the_plot_shows():
    text = text_of("04_gradient_checking")
    epsilons, one_sided, centred = finite_difference_errors(np.float64)
    assert "off by about $10^{-9}$ at $\\epsilon = 10^{-4}$" in text and 3e-10 < at(epsilons, centred, 1e-4) < 3e-9
    assert "a few times $10^{-12}$ at its best, near $\\epsilon = 4 \\times 10^{-6}$" in text
    assert 1e-12 < centred.min() < 1e-11 and 2e-6 < epsilons[centred.argmin()] < 8e-6
    assert "$4 \\times 10^{-5}$ at $\\epsilon = 10^{-4}$ and $4 \\times 10^{-8}$ at $\\epsilon = 10^{-7}$" in text
    assert 2e-5 < at(epsilons, one_sided, 1e-4) < 8e-5 and 2e-8 < at(epsilons, one_sided, 1e-7) < 8e-8
    _, _, centred32 = finite_difference_errors(np.float32)
    assert "In float32 the centred difference does no better than about $10^{-6}$" in text and 5e-7 < centred32.min() < 5e-6


def test_04_bands_are_the_checkers_own():
    text = text_of("04_gradient_checking")
    agree, wrong = thresholds.AGREE[np.dtype(np.float64)], thresholds.WRONG[np.dtype(np.float64)]
    exponent = lambda value: f"10^{{{int(np.log10(value))}}}"
    assert f"at most ${exponent(agree)}$ means the gradients agree" in text
    assert f"between ${exponent(agree)}$ and ${exponent(wrong)}$ is suspicious" in text and f"above ${exponent(wrong)}$ means a bug" in text
    assert f"(a difference of at most ${exponent(agree)}$)" in text
    assert float(re.search(r"difference <= ([0-9.e-]+)", text).group(1)) == agree  # what gradient_check_n prints


def drawn_seeds(count):
    """Seeds as the end-to-end checks draw them, a fixed sample of them (the checks draw from their own generator)."""
    return [int(seed) for seed in np.random.default_rng(0).integers(2**31, size=count)]


def test_01_model_training_run_is_as_described():
    """Is the end-to-end run as the notebook describes it, and do its outcomes fall in the range it quotes?"""
    text = text_of("01_logistic_regression")
    (low, high), (slow, fast) = logistic_end_to_end.ITERATIONS, logistic_end_to_end.RATES
    assert f"for {low} to {high - 1} iterations, at a learning rate between {slow:g} and {fast:g}" in text
    assert "on a random 80 % of the training images" in text
    rates = np.random.default_rng(1)
    achieved = []
    for seed in drawn_seeds(40):
        iterations, rate = int(rates.integers(low, high)), round(float(rates.uniform(slow, fast)), 2)
        trained = logistic_reference.trained_on_digits(seed, iterations, rate)
        _, _, X_test, Y_test = logistic_inputs.digits_subset(seed)
        achieved.append(np.mean((symbolic.sigmoid(trained["w"].T @ X_test + trained["b"]) > 0.5) == Y_test))
    quoted = re.search(r"classify between (\d+) % and (\d+) % of the test", text)
    assert int(quoted.group(1)) <= 100 * min(achieved) and 100 * max(achieved) <= int(quoted.group(2))


@pytest.mark.e2e
def test_02_outcome_budget_trains_most_starts():
    """From most random starts every task is learned within the budget; the 2-3-1 network gets stuck about one time in ten."""
    text = text_of("02_computational_graph")
    assert f"for {graph_checks.EPOCHS} epochs at learning rate {graph_checks.LEARNING_RATE:g}" in text
    assert "with a cost below 0.01; from\nabout one start in ten the 2-3-1 network gets stuck".replace("\n", " ") in text
    stuck = []
    for seed in drawn_seeds(20):
        for task, (_, X, Y, sizes) in enumerate(graph_inputs.TASKS):
            A = X
            for parameters in graph_reference.trained_parameters(task, seed, graph_checks.EPOCHS, graph_checks.LEARNING_RATE):
                A = symbolic.sigmoid(parameters["W"] @ A + parameters["b"])
            cost = float(np.sum((Y - A) ** 2) / (2 * Y.shape[1]))
            assert (np.all((A > 0.5) == Y) and cost < 0.01) or sizes == (2, 3, 1)
            if sizes == (2, 3, 1):
                stuck.append(not np.all((A > 0.5) == Y))
    assert 0.0 < np.mean(stuck) <= 0.25


@pytest.mark.e2e
def test_03_accuracy_run_is_as_described():
    text = text_of("03_backprop_digits")
    epochs, batch, eta = digits_checks.EPOCHS, digits_checks.BATCH, digits_checks.ETA
    assert f"{epochs} epochs of mini-batches of {batch} with $\\eta = {eta:g}$" in text
    _, testing = load_digits_for_network()
    achieved = []
    for seed in drawn_seeds(12):
        trained = digits_reference.trained_on_digits(seed, epochs, batch, eta)
        achieved.append(digits_reference.evaluate(trained["biases"], trained["weights"], testing) / len(testing))
    quoted = int(re.search(r"classify about (\d+) % of the test\s+digits correctly on average", text).group(1))
    assert abs(100 * np.mean(achieved) - quoted) <= 2


def test_02_initialisation_variances_are_as_stated():
    """Xavier here is N(0, 1)/√n_in (variance 1/n_in, Var Z ≈ Var X), He twice that, Glorot's own 2/(n_in + n_out)?"""
    text = text_of("02_computational_graph")
    assert "Glorot and Bengio's original uses a variance of $2 / (n_{in} + n_{out})$" in text
    assert "twice the variance of Xavier" in text and "keeps the variance of $Z$ close to that of the inputs" in text
    n_in, n_out, rng = 300, 100, np.random.default_rng(0)
    limit = np.sqrt(6 / (n_in + n_out))  # Glorot and Bengio (2010), eq. 16: uniform on [-limit, limit]
    assert np.isclose(rng.uniform(-limit, limit, size=10**6).var(), 2 / (n_in + n_out), rtol=0.01)
    xavier, he = graph_inputs.SCALES["xavier"](n_in), graph_inputs.SCALES["he"](n_in)
    assert np.isclose(xavier**2, 1 / n_in) and np.isclose(he**2, 2 * xavier**2)
    X = 1.7 * rng.normal(size=(n_in, 2000))
    assert np.isclose((xavier * rng.normal(size=(500, n_in)) @ X).var(), X.var(), rtol=0.05)


def test_every_notebook_repeats_the_same_notation_section():
    """Is the "Notation" cell right after the title, word for word the same in all four notebooks?"""
    sections = set()
    for assignment in ASSIGNMENTS:
        cells = json.loads((REPO / "solutions" / assignment.id / assignment.notebook).read_text(encoding="utf-8"))["cells"]
        assert cells[1]["cell_type"] == "markdown" and cells[1]["source"][0] == "## Notation\n"
        sections.add("".join(cells[1]["source"]))
    assert len(sections) == 1
