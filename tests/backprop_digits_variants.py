"""Implementations of assignment 03 that students really write: correct ones and buggy ones.

BUGS maps a name to (check, implementation, the diagnosis template it must get);
CORRECT maps a name to (check, implementation). An implementation is a Network class, or a
tuple of functions for the checks of free functions.
"""

import random

import numpy as np

from checker.checks import messages as common
from checker.assignments.backprop_digits import messages as say


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


class Network:
    """A typical correct solution, written the way the notebook teaches it."""

    def __init__(self, sizes):
        self.num_layers = len(sizes)
        self.sizes = sizes
        self.biases = [np.random.randn(y, 1) for y in sizes[1:]]
        self.weights = [np.random.randn(y, x) for x, y in zip(sizes[:-1], sizes[1:])]

    def feedforward(self, a):
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(np.dot(w, a) + b)
        return a

    def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
        training_data = list(training_data)
        results = []
        for epoch in range(epochs):
            random.shuffle(training_data)
            for k in range(0, len(training_data), mini_batch_size):
                self.update_mini_batch(training_data[k : k + mini_batch_size], eta)
            if test_data:
                results.append(self.evaluate(test_data))
        return results

    def update_mini_batch(self, mini_batch, eta):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        self.weights = [w - (eta / len(mini_batch)) * nw for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, x, y):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation, activations, zs = x, [x], []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = self.cost_derivative(activations[-1], y) * sigmoid_prime(zs[-1])
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for layer in range(2, self.num_layers):
            delta = np.dot(self.weights[-layer + 1].transpose(), delta) * sigmoid_prime(zs[-layer])
            nabla_b[-layer] = delta
            nabla_w[-layer] = np.dot(delta, activations[-layer - 1].transpose())
        return nabla_b, nabla_w

    def backprop_batch(self, X, Y):
        activations, zs = [X], []
        for b, w in zip(self.biases, self.weights):
            zs.append(w @ activations[-1] + b)
            activations.append(sigmoid(zs[-1]))
        delta = self.cost_derivative(activations[-1], Y) * sigmoid_prime(zs[-1])
        nabla_b, nabla_w = [None] * len(self.biases), [None] * len(self.weights)
        nabla_b[-1], nabla_w[-1] = delta.sum(axis=1, keepdims=True), delta @ activations[-2].T
        for layer in range(2, self.num_layers):
            delta = (self.weights[-layer + 1].T @ delta) * sigmoid_prime(zs[-layer])
            nabla_b[-layer], nabla_w[-layer] = delta.sum(axis=1, keepdims=True), delta @ activations[-layer - 1].T
        return nabla_b, nabla_w

    def evaluate(self, test_data):
        return sum(int(np.argmax(self.feedforward(x)) == y) for x, y in test_data)

    def cost_derivative(self, output_activations, y):
        return output_activations - y


def tanh_prime(z):
    return 1 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(0, z)


def relu_prime(z):
    return (z > 0).astype(float)


def softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_cross_entropy_delta(z, y):
    return softmax(z) - y


def notebook_names(check, implementation, seed):
    """A network's notebook also holds the sigmoid and sigmoid_prime its methods call, as a real one does."""
    if "Network" not in check.needs:
        return None
    return {"Network": implementation, "sigmoid": sigmoid, "sigmoid_prime": sigmoid_prime}


def variant(**methods):
    """A Network with some methods replaced, as a student's slightly different version."""
    return type("Network", (Network,), methods)


# --- buggy ------------------------------------------------------------------------------

def backprop_with(delta_output=None, hidden=None, activation_offset=1):
    """backprop with one step computed differently: each a function of the forward pass."""
    def backprop(self, x, y):
        activation, activations, zs = x, [x], []
        for b, w in zip(self.biases, self.weights):
            zs.append(np.dot(w, activation) + b)
            activation = sigmoid(zs[-1])
            activations.append(activation)
        nabla_b, nabla_w = [None] * len(self.biases), [None] * len(self.weights)
        delta = (delta_output or (lambda a, z, y: (a - y) * sigmoid_prime(z)))(activations[-1], zs[-1], y)
        source = lambda layer: activations[-layer - activation_offset]
        nabla_b[-1], nabla_w[-1] = delta, np.dot(delta, source(1).T)
        for layer in range(2, self.num_layers):
            w, z, a = self.weights[-layer + 1], zs[-layer], activations[-layer]
            delta = (hidden or (lambda w, delta, z, a: np.dot(w.T, delta) * sigmoid_prime(z)))(w, delta, z, a)
            nabla_b[-layer], nabla_w[-layer] = delta, np.dot(delta, source(layer).T)
        return nabla_b, nabla_w
    return backprop


def update_with(step):
    """update_mini_batch whose parameter step is step(parameter, summed gradient, eta, batch size)."""
    def update_mini_batch(self, mini_batch, eta):
        X, Y = np.hstack([x for x, _ in mini_batch]), np.hstack([y for _, y in mini_batch])
        nabla_b, nabla_w = self.backprop_batch(X, Y)
        self.weights = [step(w, nw, eta, len(mini_batch)) for w, nw in zip(self.weights, nabla_w)]
        self.biases = [step(b, nb, eta, len(mini_batch)) for b, nb in zip(self.biases, nabla_b)]
    return update_mini_batch


def update_with_decaying_eta(self, mini_batch, eta):
    """Right for a network's first 100 mini-batches, then halves eta: only a long run shows it."""
    self.steps_taken = getattr(self, "steps_taken", 0) + 1
    update_with(lambda p, n, eta, size: p - eta / size * n)(self, mini_batch, eta if self.steps_taken <= 100 else eta / 2)


def update_biases_with_weight_gradients(self, mini_batch, eta):
    X, Y = np.hstack([x for x, _ in mini_batch]), np.hstack([y for _, y in mini_batch])
    nabla_b, nabla_w = self.backprop_batch(X, Y)
    self.weights = [w - eta / len(mini_batch) * nw for w, nw in zip(self.weights, nabla_w)]
    self.biases = [b - eta / len(mini_batch) * nw for b, nw in zip(self.biases, nabla_w)]


def sgd_with(shuffle=True, batches=lambda data, size: [data[k : k + size] for k in range(0, len(data), size)], eta_factor=1.0, history=True):
    def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
        training_data, results = list(training_data), []
        for _ in range(epochs):
            if shuffle:
                random.shuffle(training_data)
            for mini_batch in batches(training_data, mini_batch_size):
                self.update_mini_batch(mini_batch, eta * eta_factor)
            if test_data and history:
                results.append(self.evaluate(test_data))
        return results if history else None
    return SGD


def evaluate_by_rounding(self, test_data):
    return sum(int(np.array_equal(np.round(self.feedforward(x)).ravel(), np.eye(len(self.feedforward(x)))[y])) for x, y in test_data)


def backprop_batch_mean(self, X, Y):
    nabla_b, nabla_w = Network.backprop_batch(self, X, Y)
    return [b / X.shape[1] for b in nabla_b], [w / X.shape[1] for w in nabla_w]


def feedforward_column_only(self, a):
    a = a.reshape(-1, 1)
    return Network.feedforward(self, a)


def init_transposed(self, sizes):
    Network.__init__(self, sizes)
    self.weights = [np.random.randn(x, y) for x, y in zip(sizes[:-1], sizes[1:])]


def init_uniform(self, sizes):
    Network.__init__(self, sizes)
    self.weights = [np.random.rand(*w.shape) for w in self.weights]


def init_with_input_biases(self, sizes):
    Network.__init__(self, sizes)
    self.biases = [np.random.randn(y, 1) for y in sizes]


BUGS = {
    "sigmoid_prime: z(1 - z)": ("sigmoid_functions", (sigmoid, lambda z: z * (1 - z)), say.PRIME_OF_Z_TIMES),
    "init: weights transposed": ("network_init", variant(__init__=init_transposed), common.TRANSPOSED),
    "init: uniform weights": ("network_init", variant(__init__=init_uniform), say.NOT_GAUSSIAN),
    "init: a bias for the input layer": ("network_init", variant(__init__=init_with_input_biases), say.LIST_LENGTH),
    "feedforward: no bias": ("feedforward", variant(feedforward=lambda self, a: [a := sigmoid(w @ a) for w in self.weights][-1]), say.FEEDFORWARD_NO_BIAS),
    "feedforward: no sigmoid": ("feedforward", variant(feedforward=lambda self, a: [a := w @ a + b for b, w in zip(self.biases, self.weights)][-1]), say.FEEDFORWARD_NO_SIGMOID),
    "feedforward: one example only": ("feedforward", variant(feedforward=feedforward_column_only), say.FEEDFORWARD_MATRIX),
    "cost_derivative: y - a": ("cost_derivative", variant(cost_derivative=lambda self, a, y: y - a), say.COST_DERIVATIVE_SIGN),
    "backprop: no σ' in BP1": ("backprop", variant(backprop=backprop_with(delta_output=lambda a, z, y: a - y)), say.NO_PRIME_BP1),
    "backprop: σ'(a) in BP1": ("backprop", variant(backprop=backprop_with(delta_output=lambda a, z, y: (a - y) * sigmoid_prime(a))), say.PRIME_OF_ACTIVATION),
    "backprop: σ'(a) in BP2": ("backprop", variant(backprop=backprop_with(
        delta_output=lambda a, z, y: (a - y) * sigmoid_prime(a), hidden=lambda w, d, z, a: w.T @ d * sigmoid_prime(a))), say.PRIME_OF_ACTIVATION),
    "backprop: BP2 without transpose": ("backprop", variant(backprop=backprop_with(hidden=lambda w, d, z, a: w @ d * sigmoid_prime(z))), say.BP2_NOT_TRANSPOSED),
    "backprop: activation of the same layer in BP4": ("backprop", variant(backprop=backprop_with(activation_offset=0)), say.OFF_BY_ONE),
    "backprop_batch: averaged": ("backprop_batch", variant(backprop_batch=backprop_batch_mean), say.BATCH_AVERAGED),
    "update: summed, eta not divided": ("update_mini_batch", variant(update_mini_batch=update_with(lambda p, n, eta, size: p - eta * n)), say.SUMMED),
    "update: uphill": ("update_mini_batch", variant(update_mini_batch=update_with(lambda p, n, eta, size: p + eta / size * n)), say.UPHILL),
    "update: biases take the weights' gradient": ("update_mini_batch", variant(update_mini_batch=update_biases_with_weight_gradients), say.BIASES_TAKE_WEIGHTS),
    "SGD: no shuffling": ("SGD", variant(SGD=sgd_with(shuffle=False)), say.NO_SHUFFLE),
    "SGD: last partial batch dropped": ("SGD", variant(SGD=sgd_with(batches=lambda d, s: [d[k : k + s] for k in range(0, len(d) - s + 1, s)])), say.BATCH_SIZES),
    "SGD: overlapping batches": ("SGD", variant(SGD=sgd_with(batches=lambda d, s: [d[k : k + s] for k in range(0, len(d), s - 1)][: -(-len(d) // s)])), say.COVERAGE),
    "SGD: eta divided by the batch size": ("SGD", variant(SGD=sgd_with(eta_factor=0.1)), say.ETA_PASSED),
    "SGD: no history": ("SGD", variant(SGD=sgd_with(history=False)), say.HISTORY),
    "evaluate: rounding": ("evaluate", variant(evaluate=evaluate_by_rounding), say.ROUNDING),
    "evaluate: a fraction": ("evaluate", variant(evaluate=lambda self, data: Network.evaluate(self, data) / len(data)), say.FRACTION),
    # The accuracy run uses the student's own methods: a mistake in one of them is named, as the one to fix first.
    "accuracy: no learning rate": ("accuracy", variant(update_mini_batch=update_with(lambda p, n, eta, size: p - 1e-3 * n / size)),
                                   "`Network.update_mini_batch` fails its own check"),
    # Right on the checks' small networks; wrong in the digits' 30-neuron hidden layer: a watched mini-batch names backprop.
    "accuracy: backprop leaves out σ' in wide layers": ("accuracy", variant(backprop=backprop_with(
        hidden=lambda w, delta, z, a: np.dot(w.T, delta) * (sigmoid_prime(z) if z.shape[0] <= 16 else 1.0))), say.DIFFERS_IN_RUN),
    # Every method passes its check and a watched mini-batch looks right: the long run is told where it ends up.
    "accuracy: eta halved after 100 mini-batches": ("accuracy", variant(update_mini_batch=update_with_decaying_eta), say.ACCURACY),
    "tanh_prime: no square": ("activation_derivatives", (lambda z: 1 - np.tanh(z), relu, relu_prime), say.TANH_PRIME_SQUARE),
    "relu_prime: 1 everywhere": ("activation_derivatives", (tanh_prime, relu, lambda z: np.ones_like(z)), say.KINK_NOTE),
    "softmax: wrong axis": ("softmax_output", (lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True), softmax_cross_entropy_delta), say.SOFTMAX_AXIS),
    "softmax: overflows": ("softmax_output", (lambda z: np.exp(z) / np.exp(z).sum(axis=0), softmax_cross_entropy_delta), say.SOFTMAX_OVERFLOW),
    "softmax delta: σ' kept": ("softmax_output", (softmax, lambda z, y: (softmax(z) - y) * softmax(z) * (1 - softmax(z))), say.SOFTMAX_DELTA_PRIME),
}


# --- correct, but not written like the notebook --------------------------------------------

def sgd_vectorized(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    X, Y = np.hstack([x for x, _ in training_data]), np.hstack([y for _, y in training_data])
    history = []
    for _ in range(epochs):
        order = np.random.permutation(X.shape[1])
        for start in range(0, len(order), mini_batch_size):
            batch = order[start : start + mini_batch_size]
            self.update_mini_batch([(X[:, [i]], Y[:, [i]]) for i in batch], eta)
        if test_data is not None:
            history.append(self.evaluate(test_data))
    return history


def update_vectorized(self, mini_batch, eta):
    X, Y = np.hstack([x for x, _ in mini_batch]), np.hstack([y for _, y in mini_batch])
    nabla_b, nabla_w = self.backprop_batch(X, Y)
    step = eta / len(mini_batch)
    for i in range(len(self.weights)):
        self.weights[i] = self.weights[i] - step * nabla_w[i]
        self.biases[i] = self.biases[i] - step * nabla_b[i]


def backprop_by_index(self, x, y):
    activations, zs = [x], []
    for i in range(self.num_layers - 1):
        zs.append(self.weights[i] @ activations[i] + self.biases[i])
        activations.append(sigmoid(zs[i]))
    nabla_b, nabla_w = [], []
    delta = self.cost_derivative(activations[-1], y) * sigmoid_prime(zs[-1])
    for i in reversed(range(self.num_layers - 1)):
        nabla_b.insert(0, delta)
        nabla_w.insert(0, delta @ activations[i].T)
        if i > 0:
            delta = (self.weights[i].T @ delta) * sigmoid_prime(zs[i - 1])
    return nabla_b, nabla_w


def init_with_generator(self, sizes):
    rng = np.random.default_rng()
    self.num_layers, self.sizes = len(sizes), list(sizes)
    self.biases = [rng.normal(0.0, 1.0, size=(n, 1)) for n in sizes[1:]]
    self.weights = [rng.standard_normal((n, m)) for m, n in zip(sizes[:-1], sizes[1:])]


def evaluate_all_at_once(self, test_data):
    X = np.hstack([x for x, _ in test_data])
    return int(np.sum(np.argmax(self.feedforward(X), axis=0) == np.array([label for _, label in test_data])))


def feedforward_loop(self, a):
    for layer in range(self.num_layers - 1):
        a = 1 / (1 + np.exp(-(self.weights[layer] @ a + self.biases[layer])))
    return a


def softmax_logsumexp(z):
    shifted = z - z.max(axis=0)
    return np.exp(shifted - np.log(np.exp(shifted).sum(axis=0)))


VECTORIZED = variant(SGD=sgd_vectorized, update_mini_batch=update_vectorized)
ALTERNATIVE = variant(__init__=init_with_generator, backprop=backprop_by_index, evaluate=evaluate_all_at_once, feedforward=feedforward_loop)
CHECKS_OF_NETWORK = ("network_init", "feedforward", "cost_derivative", "backprop", "backprop_batch", "update_mini_batch", "SGD", "evaluate", "accuracy")
CORRECT = {
    **{f"{check}: notebook style": (check, Network) for check in CHECKS_OF_NETWORK},
    **{f"{check}: vectorized SGD": (check, VECTORIZED) for check in ("update_mini_batch", "SGD", "accuracy")},
    **{f"{check}: generator init, loop backprop, batch evaluate": (check, ALTERNATIVE)
       for check in ("network_init", "feedforward", "backprop", "evaluate", "accuracy")},
    "sigmoid functions: plain": ("sigmoid_functions", (sigmoid, sigmoid_prime)),
    "sigmoid functions: expit": ("sigmoid_functions", (lambda z: __import__("scipy.special").special.expit(z),
                                                       lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)),
    "activations: plain": ("activation_derivatives", (tanh_prime, relu, relu_prime)),
    "activations: where and heaviside": ("activation_derivatives", (lambda z: 1 / np.cosh(z) ** 2, lambda z: np.where(z > 0, z, 0.0), lambda z: np.heaviside(z, 0.0))),
    "softmax: max-shifted": ("softmax_output", (softmax, softmax_cross_entropy_delta)),
    "softmax: log-sum-exp": ("softmax_output", (softmax_logsumexp, lambda z, y: softmax_logsumexp(z) - y)),
}
