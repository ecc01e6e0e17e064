"""Checks of learning: update_mini_batch, SGD, evaluate, and accuracy on the digits.

Accuracy budget (documented in the notebook): Network([64, 30, 10]) from starting parameters the
checker draws (seed ACCURACY_SEED), EPOCHS epochs of mini-batches of BATCH at eta ETA, the
global random generators seeded for shuffling. The reference reaches 96-98 % on the test split.
"""

import math

import numpy as np

from checker import compare
from checker.backprop import messages as say
from checker.backprop import reference
from checker.backprop.network import build_network, draw_parameters
from checker.datasets import load_digits_for_network
from checker.guard import call_student
from checker.registry import check
from checker.seeds import seeded_global_random

ACCURACY_SEED = 3
EPOCHS, BATCH, ETA = 30, 10, 3.0
ACCURACY_TARGET = 0.93


def examples(rng, sizes, count, one_hot=True):
    labels = rng.integers(0, sizes[-1], size=count)
    targets = np.eye(sizes[-1])[:, labels]
    return [(rng.normal(size=(sizes[0], 1)), targets[:, [i]] if one_hot else int(labels[i])) for i in range(count)]


def use_reference_gradients(net):
    """Make the instance's backprop methods ours, so update_mini_batch is graded on its own."""
    net.backprop = lambda x, y: reference.backprop(net.biases, net.weights, x, y)
    net.backprop_batch = net.backprop


@check("update_mini_batch")
def check_update_mini_batch(run, Network):
    sizes = [3, 4, 2]
    biases, weights = draw_parameters(run, sizes)
    net = build_network(run, Network, sizes, (biases, weights))
    batch, eta = examples(run.rng, sizes, int(run.rng.integers(3, 7))), float(run.rng.uniform(0.5, 3))
    use_reference_gradients(net)
    call_student(run, net.update_mini_batch, batch, eta, name="Network.update_mini_batch")
    nabla_b, nabla_w = reference.backprop(biases, weights, *reference.stack_examples(batch))
    if any(np.shape(b) != old.shape for b, old in zip(net.biases, biases)):
        run.fail(say.BIASES_TAKE_WEIGHTS)
    for what, new, old, nabla in (("weights", net.weights, weights, nabla_w), ("biases", net.biases, biases, nabla_b)):
        stepped = lambda rate: reference.flatten(p - rate * n for p, n in zip(old, nabla))
        yours = reference.flatten(new)
        if not compare.close(yours, stepped(eta / len(batch))):
            headline = compare.first_match(yours, [(stepped(eta), say.SUMMED), (stepped(-eta / len(batch)), say.UPHILL)])
            run.fail(headline or say.STEP_WRONG.format(what=what), ("checked on", f"a test mini-batch of {len(batch)} examples, eta {eta:.3g}"))


@check("SGD")
def check_SGD(run, Network):  # named like the method it grades
    sizes, n, size, epochs = [2, 3, 2], int(run.rng.integers(9, 14)), 4, 3
    net = build_network(run, Network, sizes)
    training = examples(run.rng, sizes, n)
    for index, (x, _) in enumerate(training):
        x[0, 0] = index  # a tag, to know which examples each mini-batch held
    calls, scores = [], iter(range(100, 200))
    net.update_mini_batch = lambda mini_batch, eta: calls.append(([int(x[0, 0]) for x, _ in mini_batch], eta))
    net.evaluate = lambda test_data: next(scores)
    eta = float(run.rng.uniform(0.5, 3))
    with seeded_global_random(run.seed):
        history = call_student(run, net.SGD, training, epochs, size, eta, test_data=examples(run.rng, sizes, 3, one_hot=False),
                               name="Network.SGD").value
    per_epoch = math.ceil(n / size)
    if len(calls) != epochs * per_epoch:
        run.fail(say.BATCH_SIZES.format(n=n, size=size, count=per_epoch, got=f"{len(calls)} over {epochs} epochs"))
    orders = []
    for epoch in range(epochs):
        batches = calls[epoch * per_epoch : (epoch + 1) * per_epoch]
        seen = [tag for tags, _ in batches for tag in tags]
        if sorted(seen) != list(range(n)):
            run.fail(say.COVERAGE.format(epoch=epoch))
        if sorted(len(tags) for tags, _ in batches) != sorted([size] * (n // size) + ([n % size] if n % size else [])):
            run.fail(say.BATCH_SIZES.format(n=n, size=size, count=per_epoch, got=[len(tags) for tags, _ in batches]))
        orders.append(seen)
    if all(order == list(range(n)) for order in orders) or all(order == orders[0] for order in orders):
        run.fail(say.NO_SHUFFLE)
    wrong_eta = next((value for _, value in calls if value != eta), None)
    if wrong_eta is not None:
        run.fail(say.ETA_PASSED.format(value=wrong_eta))
    if list(history or []) != list(range(100, 100 + epochs)):
        run.fail(say.HISTORY.format(epochs=epochs))


@check("evaluate")
def check_evaluate(run, Network):
    sizes = [4, 5, 3]
    biases, weights = draw_parameters(run, sizes)
    biases[-1] = biases[-1] - 4  # outputs well below 0.5: rounding them finds no answer at all
    net = build_network(run, Network, sizes, (biases, weights))
    test_data = examples(run.rng, sizes, 15, one_hot=False)
    count = call_student(run, net.evaluate, test_data, name="Network.evaluate").value
    expected = reference.evaluate(biases, weights, test_data)
    if not compare.close(count, expected):
        rounded = sum(int(np.array_equal(np.round(reference.feedforward(biases, weights, x)).ravel(), np.eye(sizes[-1])[label])) for x, label in test_data)
        headline = compare.first_match(count, [(expected / len(test_data), say.FRACTION), (rounded, say.ROUNDING)])
        run.fail(headline or say.EVALUATE_WRONG, ("yours", repr(count)), ("test examples", str(len(test_data))))


@check("accuracy")
def check_accuracy(run, Network):
    training, testing = load_digits_for_network()
    sizes = [64, 30, 10]
    parameters = reference.initial_parameters(sizes, np.random.default_rng(ACCURACY_SEED))
    net = build_network(run, Network, sizes, parameters)
    with seeded_global_random(ACCURACY_SEED):
        call_student(run, net.SGD, training, EPOCHS, BATCH, ETA, allow_changes=True, name="Network.SGD", time_limit_s=120)
    achieved = reference.evaluate(net.biases, net.weights, testing) / len(testing)
    if achieved < ACCURACY_TARGET:
        run.fail(say.ACCURACY.format(epochs=EPOCHS, batch=BATCH, eta=ETA, achieved=achieved, target=ACCURACY_TARGET), depends_on_seed=False)
