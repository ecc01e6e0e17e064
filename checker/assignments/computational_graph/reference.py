"""Reference layers for assignment 02, built on the SymPy-derived sigmoid and its derivative.

Staff side only: the student kit has no copy of this module (its checks read recorded results).
"""

import numpy as np

from checker.assignments.computational_graph.inputs import SCALES, TASKS, starting_parameters
from checker.checks import symbolic
from checker.checks.remembered import remembered


def initialize_parameters(n_in, n_out, ini_type="plain"):
    W = np.random.randn(n_out, n_in) * SCALES[ini_type](n_in)
    return {"W": W, "b": np.zeros((n_out, 1))}


class LinearLayer:
    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        self.Z = self.params["W"] @ A_prev + self.params["b"]
        return self.Z

    def backward(self, upstream_grad):
        self.dW = upstream_grad @ self.A_prev.T
        self.db = np.sum(upstream_grad, axis=1, keepdims=True)
        self.dA_prev = self.params["W"].T @ upstream_grad
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        self.params["W"] = self.params["W"] - learning_rate * self.dW
        self.params["b"] = self.params["b"] - learning_rate * self.db


class SigmoidLayer:
    def __init__(self, shape):
        self.A = np.zeros(shape)

    def forward(self, Z):
        self.Z = Z
        self.A = symbolic.sigmoid(Z)
        return self.A

    def backward(self, upstream_grad):
        self.dZ = upstream_grad * symbolic.sigmoid_derivative(self.Z)
        return self.dZ


def compute_cost(Y, Y_hat):
    m = Y.shape[1]
    return float(np.sum((Y - Y_hat) ** 2) / (2 * m)), -(Y - Y_hat) / m


def train(layers, X, Y, num_epochs, learning_rate):
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    for _ in range(num_epochs):
        A = X
        for linear, activation in pairs:
            linear.forward(A)
            activation.forward(linear.Z)
            A = activation.A
        cost, dA = compute_cost(Y, A)
        for linear, activation in reversed(pairs):
            activation.backward(dA)
            linear.backward(activation.dZ)
            dA = linear.dA_prev
        for linear, _ in pairs:
            linear.update_params(learning_rate)
        costs.append(cost)
    return costs


def linear_forward(W, b, A_prev):
    return W @ A_prev + b


def linear_update(W, b, dW, db, learning_rate):
    return W - learning_rate * dW, b - learning_rate * db


def linear_backward(W, A_prev, G):
    """The vector–Jacobian products of Z = W A_prev + b with the upstream gradient G."""
    return {"dW": G @ A_prev.T, "db": np.sum(G, axis=1, keepdims=True), "dA_prev": W.T @ G}


def _network(sizes, m, seed):
    """[LinearLayer, SigmoidLayer, ...] for `m` examples, from starting_parameters(sizes, seed)."""
    layers = []
    for n_out, (W, b) in zip(sizes[1:], starting_parameters(sizes, seed)):
        linear = LinearLayer((W.shape[1], m), n_out)
        linear.params = {"W": W, "b": b}
        layers += [linear, SigmoidLayer((n_out, m))]
    return layers


def _output(layers, X):
    A = X
    for linear, activation in zip(layers[::2], layers[1::2]):
        A = activation.forward(linear.forward(A))
    return A


@remembered
def training_run(sizes, seed, X, Y, num_epochs, learning_rate):
    """train() on (X, Y) from starting_parameters(sizes, seed): {"params": [{"W", "b"}] of each linear layer at the end,
    "costs": every epoch's cost, "after": the cost after each epoch's update}."""
    layers = _network(sizes, X.shape[1], seed)
    costs = train(layers, X, Y, num_epochs, learning_rate)
    last, _ = compute_cost(Y, _output(layers, X))
    return {"params": [dict(linear.params) for linear in layers[::2]], "costs": costs, "after": costs[1:] + [last]}


@remembered
def trained_parameters(task, seed, num_epochs, learning_rate):
    """[{"W", "b"}] of each linear layer after train() on TASKS[task], from starting_parameters(sizes, seed)."""
    _, X, Y, sizes = TASKS[task]
    layers = _network(sizes, X.shape[1], seed)
    train(layers, X, Y, num_epochs, learning_rate)
    return [dict(linear.params) for linear in layers[::2]]
