"""Reference network for assignment 03 (quadratic cost, sigmoid layers), on SymPy-derived σ and σ'.

`backprop_variant` computes the gradient with one recognisable mistake switched on, so checks
can name the mistake by comparing values. Mistakes: "no prime in BP1", "prime of activation"
(output layer only) and "prime of activation everywhere", "BP2 not transposed", "off by one"
(hidden layers) and "off by one everywhere".
"""

import numpy as np

from checker import symbolic

sigmoid = symbolic.sigmoid
sigmoid_prime = symbolic.sigmoid_derivative


def feedforward(biases, weights, a):
    for b, w in zip(biases, weights):
        a = sigmoid(w @ a + b)
    return a


def backprop_variant(biases, weights, x, y, mistake=None):
    """Gradients of ½‖a - y‖² for one example (or the sum over a batch of columns)."""
    activation, activations, zs = x, [x], []
    for b, w in zip(biases, weights):
        z = w @ activation + b
        zs.append(z)
        activation = sigmoid(z)
        activations.append(activation)
    everywhere = mistake and mistake.endswith("everywhere")
    prime_of_a = mistake and mistake.startswith("prime of activation")
    output_prime = sigmoid_prime(activations[-1]) if prime_of_a else sigmoid_prime(zs[-1])
    delta = activations[-1] - y
    if mistake != "no prime in BP1":
        delta = delta * output_prime
    nabla_b, nabla_w = [None] * len(biases), [None] * len(weights)
    nabla_b[-1] = delta.sum(axis=1, keepdims=True)
    nabla_w[-1] = delta @ activations[-1 if mistake == "off by one everywhere" else -2].T
    for layer in range(2, len(biases) + 1):
        w_next = weights[-layer + 1]
        hidden_prime = sigmoid_prime(activations[-layer]) if prime_of_a and everywhere else sigmoid_prime(zs[-layer])
        delta = (w_next if mistake == "BP2 not transposed" else w_next.T) @ delta * hidden_prime
        nabla_b[-layer] = delta.sum(axis=1, keepdims=True)
        source = activations[-layer] if mistake and mistake.startswith("off by one") else activations[-layer - 1]
        nabla_w[-layer] = delta @ source.T
    return nabla_b, nabla_w


def backprop(biases, weights, x, y):
    return backprop_variant(biases, weights, x, y)


def initial_parameters(sizes, rng):
    """Gaussian starting weights and biases, as Network(sizes) draws them."""
    biases = [rng.standard_normal((y, 1)) for y in sizes[1:]]
    weights = [rng.standard_normal((y, x)) for x, y in zip(sizes[:-1], sizes[1:])]
    return biases, weights


def stack_examples(pairs):
    """(X, Y) with the examples of a list of (x, y) columns as their columns."""
    return np.hstack([x for x, _ in pairs]), np.hstack([y for _, y in pairs])


def flatten(arrays):
    """A list of parameter arrays as one vector."""
    return np.concatenate([np.ravel(array) for array in arrays])


def sgd(biases, weights, training_data, epochs, mini_batch_size, eta, rng):
    """Mini-batch SGD, each batch's gradient computed in matrix form; returns the new parameters."""
    X, Y = stack_examples(training_data)
    for _ in range(epochs):
        order = rng.permutation(X.shape[1])
        for start in range(0, len(order), mini_batch_size):
            batch = order[start : start + mini_batch_size]
            nabla_b, nabla_w = backprop(biases, weights, X[:, batch], Y[:, batch])
            step = eta / len(batch)
            biases = [b - step * nb for b, nb in zip(biases, nabla_b)]
            weights = [w - step * nw for w, nw in zip(weights, nabla_w)]
    return biases, weights


def evaluate(biases, weights, test_data):
    return sum(int(np.argmax(feedforward(biases, weights, x)) == label) for x, label in test_data)
