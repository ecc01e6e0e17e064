"""Reference network for assignment 03 (quadratic cost, sigmoid layers), on SymPy-derived σ and σ'.

Staff side only: the student kit has no copy of this module (its checks read recorded results).
"""

import numpy as np

from checker.assignments.backprop_digits.inputs import DIGITS_SIZES, initial_parameters, mini_batches, stack_examples
from checker.assignments.backprop_digits.lent import loss_gradients
from checker.checks import symbolic
from checker.checks.remembered import remembered
from checker.datasets import load_digits_for_network

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


# Centred differences of ½‖a - y‖² with respect to every bias and weight (the checker's own, which a lent backprop uses too).
numerical_gradients = loss_gradients


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


def full_batch_descent(biases, weights, training_data, epochs, eta, test_data):
    """{"biases", "weights", "history"}: `epochs` steps of gradient descent on the whole training data (SGD with
    mini_batch_size = len(training_data)), and evaluate(test_data) after each."""
    history, whole = [], [np.arange(len(training_data))]
    for _ in range(epochs):
        biases, weights = sgd(biases, weights, training_data, whole, eta)
        history.append(evaluate(biases, weights, test_data))
    return {"biases": biases, "weights": weights, "history": history}


def evaluate(biases, weights, test_data):
    return sum(int(np.argmax(feedforward(biases, weights, x)) == label) for x, label in test_data)
