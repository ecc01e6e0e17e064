"""Reference network for assignment 03 (quadratic cost, sigmoid layers), on SymPy-derived σ and σ'.

Staff side only: the student kit has no copy of this module (its checks read recorded results).
"""

import numpy as np

from checker.assignments.backprop_digits.inputs import DIGITS_SIZES, initial_parameters, mini_batches, stack_examples
from checker.checks import symbolic
from checker.checks.remembered import remembered
from checker.datasets import load_digits_for_network
from checker.gradients.numerical import numerical_gradient

sigmoid = symbolic.sigmoid
sigmoid_prime = symbolic.sigmoid_derivative


def feedforward(biases, weights, a):
    for b, w in zip(biases, weights):
        a = sigmoid(w @ a + b)
    return a


def forward_pass(biases, weights, x):
    """Activations (input included) and weighted inputs of every layer."""
    activation, activations, zs = x, [x], []
    for b, w in zip(biases, weights):
        zs.append(w @ activation + b)
        activation = sigmoid(zs[-1])
        activations.append(activation)
    return activations, zs


def backprop(biases, weights, x, y):
    """Gradients of ½‖a - y‖² for one example (or the sum over a batch of columns)."""
    activations, zs = forward_pass(biases, weights, x)
    delta = (activations[-1] - y) * sigmoid_prime(zs[-1])
    nabla_b, nabla_w = [None] * len(biases), [None] * len(weights)
    nabla_b[-1], nabla_w[-1] = delta.sum(axis=1, keepdims=True), delta @ activations[-2].T
    for layer in range(2, len(biases) + 1):
        delta = (weights[-layer + 1].T @ delta) * sigmoid_prime(zs[-layer])
        nabla_b[-layer], nabla_w[-layer] = delta.sum(axis=1, keepdims=True), delta @ activations[-layer - 1].T
    return nabla_b, nabla_w


def numerical_gradients(biases, weights, x, y):
    """Centred differences of ½‖a - y‖² with respect to every bias and weight."""
    def gradient(parameters, index):
        def cost(value):
            replaced = [value if i == index else p for i, p in enumerate(parameters)]
            b, w = (replaced, weights) if parameters is biases else (biases, replaced)
            return 0.5 * float(np.sum((feedforward(b, w, x) - y) ** 2))
        return numerical_gradient(cost, parameters[index])
    return [gradient(biases, i) for i in range(len(biases))], [gradient(weights, i) for i in range(len(weights))]


def gradient_step(parameters, gradients, rate):
    """[p - rate · g] for each parameter array: one step of gradient descent."""
    return [p - rate * g for p, g in zip(parameters, gradients)]


def sgd(biases, weights, training_data, batches, eta):
    """Mini-batch SGD over the given batches (index arrays), each batch's gradient in matrix form; the new parameters."""
    X, Y = stack_examples(training_data)
    for batch in batches:
        nabla_b, nabla_w = backprop(biases, weights, X[:, batch], Y[:, batch])
        biases = gradient_step(biases, nabla_b, eta / len(batch))
        weights = gradient_step(weights, nabla_w, eta / len(batch))
    return biases, weights


@remembered
def trained_on_digits(seed, epochs, mini_batch_size, eta):
    """{"biases", "weights"} after the accuracy check's training: its start and its mini-batches, both from `seed`."""
    training, _ = load_digits_for_network()
    biases, weights = initial_parameters(DIGITS_SIZES, np.random.default_rng(seed))
    biases, weights = sgd(biases, weights, training, mini_batches(len(training), seed, epochs, mini_batch_size), eta)
    return {"biases": biases, "weights": weights}


def evaluate(biases, weights, test_data):
    return sum(int(np.argmax(feedforward(biases, weights, x)) == label) for x, label in test_data)
