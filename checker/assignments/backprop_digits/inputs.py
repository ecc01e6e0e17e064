"""What assignment 03's checks feed to the student's network, drawn from a check's seeded generator."""

import numpy as np


def initial_parameters(sizes, rng):
    """Gaussian biases and weights for layer sizes, as Network(sizes) draws them."""
    biases = [rng.standard_normal((y, 1)) for y in sizes[1:]]
    weights = [rng.standard_normal((y, x)) for x, y in zip(sizes[:-1], sizes[1:])]
    return biases, weights


DIGITS_SIZES = [64, 30, 10]  # the network the accuracy check trains on the digits


def mini_batches(count, seed, epochs, size):
    """Index arrays of the mini-batches of `epochs` epochs over `count` examples, each epoch shuffled with `seed`."""
    rng = np.random.default_rng(seed)
    batches = []
    for _ in range(epochs):
        order = rng.permutation(count)
        batches += [order[start : start + size] for start in range(0, count, size)]
    return batches


def examples(rng, sizes, count, one_hot=True):
    """`count` (x, y) pairs: x a column of sizes[0], y a one-hot column (or the label itself)."""
    labels = rng.integers(0, sizes[-1], size=count)
    targets = np.eye(sizes[-1])[:, labels]
    return [(rng.normal(size=(sizes[0], 1)), targets[:, [i]] if one_hot else int(labels[i])) for i in range(count)]


def tagged(pairs, start=0):
    """The (x, y) pairs with x[0, 0] = start + their index, so stand-ins can tell which example they were given."""
    for index, (x, _) in enumerate(pairs):
        x[0, 0] = start + index
    return pairs


def tags(pairs, limit):
    """The tags of the first `limit` (x, y) pairs a student's code handed a stand-in (x[0, 0], as `tagged` set it)."""
    return [int(round(float(np.asarray(x, dtype=np.float64)[0][0]))) for x, _ in list(pairs)[:limit]]


def stack_examples(pairs):
    """(X, Y) with the examples of a list of (x, y) columns as their columns."""
    return np.hstack([x for x, _ in pairs]), np.hstack([y for _, y in pairs])


def flatten(arrays):
    """A list of parameter arrays as one vector."""
    return np.concatenate([np.ravel(array) for array in arrays])
