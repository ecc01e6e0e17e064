"""Checks of training: the student's loop, then outcomes on the OR gate and XOR.

The outcome checks build networks from the student's classes but draw the starting weights
themselves (Xavier scale, seed OUTCOME_SEED), so a correct implementation passes whichever
way it draws random numbers. Budget: EPOCHS epochs at LEARNING_RATE; with it, the reference
reaches 100 % on XOR from 30 of 30 seeds, with a final cost below 0.003.
"""

import numpy as np

from checker import compare
from checker.computational_graph import messages as say
from checker.computational_graph import reference
from checker.guard import call_student, using_references
from checker.registry import check

OUTCOME_SEED = 2
EPOCHS = 5000
LEARNING_RATE = 2.0
COST_TARGET = 0.01
X_GATE = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
TASKS = (
    # (name, inputs, labels, layer sizes)
    ("OR gate, one layer", X_GATE, np.array([[0.0, 1.0, 1.0, 1.0]]), (2, 1)),
    ("XOR with the feature cross x1·x2, one layer", np.vstack([X_GATE, X_GATE[0] * X_GATE[1]]), np.array([[0.0, 1.0, 1.0, 0.0]]), (3, 1)),
    ("XOR, 2-3-1 network", X_GATE, np.array([[0.0, 1.0, 1.0, 0.0]]), (2, 3, 1)),
)


def build_network(run, LinearLayer, SigmoidLayer, sizes, m, rng):
    """[LinearLayer, SigmoidLayer, ...] with starting weights drawn here, Xavier scale."""
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        linear = call_student(run, LinearLayer, (n_in, m), n_out, name="LinearLayer").value
        linear.params["W"] = rng.normal(size=(n_out, n_in)) / np.sqrt(n_in)
        linear.params["b"] = np.zeros((n_out, 1))
        layers += [linear, call_student(run, SigmoidLayer, (n_out, m), name="SigmoidLayer").value]
    return layers


def network_output(run, layers, X):
    A = X
    for linear, activation in zip(layers[::2], layers[1::2]):
        call_student(run, linear.forward, A, name="LinearLayer.forward")
        call_student(run, activation.forward, linear.Z, name="SigmoidLayer.forward")
        A = activation.A
    return A


def run_train(run, train, layers, X, Y, epochs, rate):
    costs = call_student(run, train, layers, X, Y, epochs, rate, allow_changes=True).value
    costs = [float(np.squeeze(cost)) for cost in (costs if costs is not None else [])]
    if len(costs) != epochs:
        run.fail(say.COSTS_LENGTH.format(count=len(costs), epochs=epochs))
    return costs


@check("train")
def check_train(run, train):
    X, Y = run.rng.normal(size=(2, 6)), (run.rng.uniform(size=(1, 6)) > 0.5).astype(float)
    epochs, rate = int(run.rng.integers(20, 40)), float(run.rng.uniform(0.5, 2.0))
    seed = int(run.rng.integers(2**31))
    networks = [build_network(run, reference.LinearLayer, reference.SigmoidLayer, (2, 3, 1), 6, np.random.default_rng(seed)) for _ in range(2)]
    start = networks[0][0].params["W"].copy()
    with using_references(train, LinearLayer=reference.LinearLayer, SigmoidLayer=reference.SigmoidLayer, compute_cost=reference.compute_cost):
        costs = run_train(run, train, networks[0], X, Y, epochs, rate)
    if compare.close(networks[0][0].params["W"], start):
        run.fail(say.NOT_LEARNING)
    expected = reference.train(networks[1], X, Y, epochs, rate)
    if not compare.close(costs, expected) or not compare.close(networks[0][0].params["W"], networks[1][0].params["W"]):
        run.fail(say.COSTS_NOT_FALLING.format(first=costs[0], last=costs[-1]) if costs[-1] >= costs[0] else say.TRAIN_WRONG)


@check("outcomes")
def check_outcomes(run, LinearLayer, SigmoidLayer, train):
    for task, X, Y, sizes in TASKS:
        layers = build_network(run, LinearLayer, SigmoidLayer, sizes, X.shape[1], np.random.default_rng(OUTCOME_SEED))
        costs = run_train(run, train, layers, X, Y, EPOCHS, LEARNING_RATE)
        accuracy = float(np.mean((network_output(run, layers, X) > 0.5) == Y))
        if accuracy < 1 or not costs[-1] < COST_TARGET:
            run.fail(say.OUTCOME.format(task=task, epochs=EPOCHS, rate=LEARNING_RATE, accuracy=accuracy, cost=costs[-1], target=COST_TARGET),
                     depends_on_seed=False)
