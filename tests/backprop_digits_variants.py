"""Implementations of assignment 03 that students really write: correct ones and buggy ones.

BUGS maps a name to (check, implementation, the diagnosis template it must get);
CORRECT maps a name to (check, implementation). An implementation is a Network class, or a
tuple of functions for the checks of free functions.
"""

import inspect
import random
import types

import numpy as np

from checker.assignments.backprop_digits import messages as say
from checker.checks import messages as common


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


class NielsenNetwork(object):
    """Nielsen's network.py as students port it to this API: zips, zeros of each shape, a shuffle in place, prints."""

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
        history = []
        if test_data:
            n_test = len(test_data)
        n = len(training_data)
        for j in range(epochs):
            random.shuffle(training_data)
            mini_batches = [training_data[k : k + mini_batch_size] for k in range(0, n, mini_batch_size)]
            for mini_batch in mini_batches:
                self.update_mini_batch(mini_batch, eta)
            if test_data:
                print("Epoch {0}: {1} / {2}".format(j, self.evaluate(test_data), n_test))
                history.append(self.evaluate(test_data))
            else:
                print("Epoch {0} complete".format(j))
        return history

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
        activation = x
        activations = [x]
        zs = []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = self.cost_derivative(activations[-1], y) * sigmoid_prime(zs[-1])
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for l in range(2, self.num_layers):
            z = zs[-l]
            sp = sigmoid_prime(z)
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sp
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return (nabla_b, nabla_w)

    def backprop_batch(self, X, Y):
        """Not in network.py: the per-example gradients, added up column by column."""
        total_b = [np.zeros(b.shape) for b in self.biases]
        total_w = [np.zeros(w.shape) for w in self.weights]
        for j in range(X.shape[1]):
            delta_nabla_b, delta_nabla_w = self.backprop(X[:, [j]], Y[:, [j]])
            total_b = [tb + dnb for tb, dnb in zip(total_b, delta_nabla_b)]
            total_w = [tw + dnw for tw, dnw in zip(total_w, delta_nabla_w)]
        return total_b, total_w

    def evaluate(self, test_data):
        test_results = [(np.argmax(self.feedforward(x)), y) for (x, y) in test_data]
        return sum(int(x == y) for (x, y) in test_results)

    def cost_derivative(self, output_activations, y):
        return (output_activations - y)


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
    return {"Network": implementation, "sigmoid": sigmoid, "sigmoid_prime": sigmoid_prime, **getattr(implementation, "notebook_helpers", {})}


def variant(**methods):
    """A Network with some methods replaced, as a student's slightly different version."""
    return type("Network", (Network,), methods)


def in_notebook(network, **helpers):
    """`network` as in a notebook whose own `helpers` (a wrong sigmoid_prime, say) its methods find under those names."""
    namespace = {**globals(), **helpers}
    methods = {name: types.FunctionType(function.__code__, namespace, name, function.__defaults__, function.__closure__)
               for klass in reversed(network.__mro__[:-1]) for name, function in vars(klass).items() if inspect.isfunction(function)}
    return type("Network", (), {**methods, "notebook_helpers": helpers})


# --- buggy ------------------------------------------------------------------------------

def backprop_with(delta_output=None, hidden=None, activation_offset=1, next_weights=lambda weights, layer: weights[-layer + 1],
                  forward=zip):
    """backprop with one step computed differently: each a function of the forward pass (or of the layers' lists)."""
    def backprop(self, x, y):
        activation, activations, zs = x, [x], []
        for b, w in forward(self.biases, self.weights):
            zs.append(np.dot(w, activation) + b)
            activation = sigmoid(zs[-1])
            activations.append(activation)
        nabla_b, nabla_w = [None] * len(self.biases), [None] * len(self.weights)
        delta = (delta_output or (lambda a, z, y: (a - y) * sigmoid_prime(z)))(activations[-1], zs[-1], y)
        source = lambda layer: activations[-layer - activation_offset]
        nabla_b[-1], nabla_w[-1] = delta, np.dot(delta, source(1).T)
        for layer in range(2, self.num_layers):
            w, z, a = next_weights(self.weights, layer), zs[-layer], activations[-layer]
            delta = (hidden or (lambda w, delta, z, a: np.dot(w.T, delta) * sigmoid_prime(z)))(w, delta, z, a)
            nabla_b[-layer], nabla_w[-layer] = delta, np.dot(delta, source(layer).T)
        return nabla_b, nabla_w
    return backprop


def reversed_zip(biases, weights):
    return zip(reversed(biases), reversed(weights))


def update_adding(add, apply):
    """update_mini_batch in network.py's shape: each example's gradients added to the totals with add(totals, new), then
    apply(self, nabla_b, nabla_w, eta, m) steps the network."""
    def update_mini_batch(self, mini_batch, eta):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b, nabla_w = add(nabla_b, delta_nabla_b), add(nabla_w, delta_nabla_w)
        apply(self, nabla_b, nabla_w, eta, len(mini_batch))
    return update_mini_batch


def layer_by_layer(totals, new):
    return [total + gradient for total, gradient in zip(totals, new)]


def joined(totals, new):
    totals += new  # on lists: the new arrays go on the end
    return totals


def step_lists(self, nabla_b, nabla_w, eta, m):
    self.weights = [w - (eta / m) * nw for w, nw in zip(self.weights, nabla_w)]
    self.biases = [b - (eta / m) * nb for b, nb in zip(self.biases, nabla_b)]


def step_loop_variable(self, nabla_b, nabla_w, eta, m):
    for w, nw in zip(self.weights, nabla_w):
        w = w - (eta / m) * nw
    for b, nb in zip(self.biases, nabla_b):
        b = b - (eta / m) * nb


def step_in_place(self, nabla_b, nabla_w, eta, m):
    for w, nw in zip(self.weights, nabla_w):
        w -= (eta / m) * nw
    for b, nb in zip(self.biases, nabla_b):
        b -= (eta / m) * nb


def step_averaged_twice(self, nabla_b, nabla_w, eta, m):
    step_lists(self, [nb / m for nb in nabla_b], [nw / m for nw in nabla_w], eta, m)


def step_appended(self, nabla_b, nabla_w, eta, m):
    self.weights += [-(eta / m) * nw for nw in nabla_w]
    self.biases += [-(eta / m) * nb for nb in nabla_b]


def step_weights_with_nabla_b(self, nabla_b, nabla_w, eta, m):
    self.weights = [w - (eta / m) * nb for w, nb in zip(self.weights, nabla_b)]
    self.biases = [b - (eta / m) * nb for b, nb in zip(self.biases, nabla_b)]


def update_skipping_the_first(self, mini_batch, eta):
    X, Y = np.hstack([x for x, _ in mini_batch[1:]]), np.hstack([y for _, y in mini_batch[1:]])
    nabla_b, nabla_w = self.backprop_batch(X, Y)
    step_lists(self, nabla_b, nabla_w, eta, len(mini_batch))


def update_computing_gradients_itself(self, mini_batch, eta):
    """Never asks self.backprop: its own forward and backward pass over the batch, σ'(z) as a(1 - a)."""
    X, Y = np.column_stack([x for x, _ in mini_batch]), np.column_stack([y for _, y in mini_batch])
    activations = [X]
    for b, w in zip(self.biases, self.weights):
        activations.append(sigmoid(w @ activations[-1] + b))
    delta = (activations[-1] - Y) * activations[-1] * (1 - activations[-1])
    for layer in range(len(self.weights) - 1, -1, -1):
        nabla_w, nabla_b = delta @ activations[layer].T, delta.sum(axis=1, keepdims=True)
        if layer > 0:
            delta = (self.weights[layer].T @ delta) * activations[layer] * (1 - activations[layer])
        self.weights[layer] = self.weights[layer] - eta / len(mini_batch) * nabla_w
        self.biases[layer] = self.biases[layer] - eta / len(mini_batch) * nabla_b


def update_vectorized(self, mini_batch, eta):
    X, Y = np.hstack([x for x, _ in mini_batch]), np.hstack([y for _, y in mini_batch])
    nabla_b, nabla_w = self.backprop_batch(X, Y)
    step = eta / len(mini_batch)
    for i in range(len(self.weights)):
        self.weights[i] = self.weights[i] - step * nabla_w[i]
        self.biases[i] = self.biases[i] - step * nabla_b[i]


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


def sgd_with(shuffle=True, batches=lambda data, size: [data[k : k + size] for k in range(0, len(data), size)], eta_factor=1.0, history=True,
             epochs_run=range, scored=lambda training_data, test_data: test_data, train=True, return_each_epoch=False):
    def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
        training_data, results = list(training_data), []
        for _ in epochs_run(epochs):
            if shuffle:
                random.shuffle(training_data)
            for mini_batch in batches(training_data, mini_batch_size):
                if train:
                    self.update_mini_batch(mini_batch, eta * eta_factor)
            if test_data and history:
                results.append(self.evaluate(scored(training_data, test_data)))
            if return_each_epoch:
                return results
        return results if history else None
    return SGD


def sgd_reporting_as_it_goes(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Prints the accuracy on the training data and on the test data every epoch, evaluating each as often as it prints."""
    history = []
    data = list(training_data)
    for epoch in range(epochs):
        random.shuffle(data)
        for start in range(0, len(data), mini_batch_size):
            self.update_mini_batch(data[start : start + mini_batch_size], eta)
        print(f"epoch {epoch}: training {self.evaluate(data)} / {len(data)}")
        if test_data is not None:
            print(f"epoch {epoch}: test {self.evaluate(test_data)} / {len(test_data)}")
            history.append(self.evaluate(test_data))
    return history


def sgd_counting_itself(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Counts the right test answers with its own loop instead of self.evaluate."""
    history, order = [], list(range(len(training_data)))
    for _ in range(epochs):
        np.random.shuffle(order)
        for start in range(0, len(order), mini_batch_size):
            self.update_mini_batch([training_data[i] for i in order[start : start + mini_batch_size]], eta)
        if test_data:
            history.append(sum(1 for x, label in test_data if np.argmax(self.feedforward(x)) == label))
    return history


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


def init_without_num_layers(self, sizes):
    self.sizes = sizes
    self.biases = [np.random.randn(y, 1) for y in sizes[1:]]
    self.weights = [np.random.randn(y, x) for x, y in zip(sizes[:-1], sizes[1:])]


def sgd_without_training(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Shuffles and cuts the data into mini-batches, then forgets to train on them."""
    history = []
    for epoch in range(epochs):
        random.shuffle(training_data)
        mini_batches = [training_data[k : k + mini_batch_size] for k in range(0, len(training_data), mini_batch_size)]
        if test_data:
            history.append(self.evaluate(test_data))
    return history


def sgd_inline(divide=True, through_backprop=True):
    """SGD that steps the network itself, never calling update_mini_batch: through self.backprop, or computing the
    gradients of each mini-batch with its own vectorised backward pass."""
    def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
        training_data, history = list(training_data), []
        for _ in range(epochs):
            random.shuffle(training_data)
            for start in range(0, len(training_data), mini_batch_size):
                batch = training_data[start : start + mini_batch_size]
                if through_backprop:
                    gradients = [self.backprop(x, y) for x, y in batch]
                    nabla_b = [sum(parts) for parts in zip(*[g[0] for g in gradients])]
                    nabla_w = [sum(parts) for parts in zip(*[g[1] for g in gradients])]
                else:
                    nabla_b, nabla_w = Network.backprop_batch(self, np.hstack([x for x, _ in batch]), np.hstack([y for _, y in batch]))
                rate = eta / len(batch) if divide else eta
                self.weights = [w - rate * nw for w, nw in zip(self.weights, nabla_w)]
                self.biases = [b - rate * nb for b, nb in zip(self.biases, nabla_b)]
            if test_data:
                history.append(self.evaluate(test_data))
        return history
    return SGD


# Right with one hidden layer (the digits' network), wrong with two: BP2 takes W^l instead of W^(l+1) from the second on.
BACKPROP_WRONG_WHEN_DEEP = backprop_with(next_weights=lambda weights, layer: weights[-layer + 1] if layer == 2 else weights[-layer])

BUGS = {
    "sigmoid_prime: z(1 - z)": ("sigmoid_functions", (sigmoid, lambda z: z * (1 - z)), say.PRIME_OF_Z_TIMES),
    "init: weights transposed": ("network_init", variant(__init__=init_transposed), common.TRANSPOSED),
    "init: uniform weights": ("network_init", variant(__init__=init_uniform), say.NOT_GAUSSIAN),
    "init: a bias for the input layer": ("network_init", variant(__init__=init_with_input_biases), say.LIST_LENGTH),
    "init: no num_layers": ("network_init", variant(__init__=init_without_num_layers), say.ATTRIBUTE_MISSING),
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
    "backprop: σ' skipped in the hidden layers": ("backprop", variant(backprop=backprop_with(hidden=lambda w, d, z, a: np.dot(w.T, d))), say.NO_PRIME_BP2),
    "backprop: the layer's own weights in BP2": ("backprop", variant(backprop=backprop_with(next_weights=lambda weights, layer: weights[-layer])),
                                                 say.WRONG_LAYER_WEIGHTS),
    "backprop: forward loop from the last layer": ("backprop", variant(backprop=backprop_with(forward=reversed_zip)), say.FORWARD_REVERSED),
    "backprop_batch: averaged": ("backprop_batch", variant(backprop_batch=backprop_batch_mean), say.BATCH_AVERAGED),
    "update: summed, eta not divided": ("update_mini_batch", variant(update_mini_batch=update_with(lambda p, n, eta, size: p - eta * n)), say.SUMMED),
    "update: uphill": ("update_mini_batch", variant(update_mini_batch=update_with(lambda p, n, eta, size: p + eta / size * n)), say.UPHILL),
    "update: biases take the weights' gradient": ("update_mini_batch", variant(update_mini_batch=update_biases_with_weight_gradients), say.BIASES_TAKE_WEIGHTS),
    "update: divided by len(mini_batch) twice": ("update_mini_batch", variant(update_mini_batch=update_adding(layer_by_layer, step_averaged_twice)),
                                                 say.DIVIDED_TWICE),
    "update: += on the gradient lists": ("update_mini_batch", variant(update_mini_batch=update_adding(joined, step_lists)), say.UNCHANGED),
    "update: += on self.weights": ("update_mini_batch", variant(update_mini_batch=update_adding(layer_by_layer, step_appended)), say.LISTS_GROWN),
    "update: the loop variable rebound": ("update_mini_batch", variant(update_mini_batch=update_adding(layer_by_layer, step_loop_variable)),
                                          say.UNCHANGED),
    "update: weights zipped with nabla_b": ("update_mini_batch", variant(update_mini_batch=update_adding(layer_by_layer, step_weights_with_nabla_b)),
                                            say.WEIGHTS_TAKE_BIASES),
    "update: each example's gradient overwrites the last": ("update_mini_batch", variant(
        update_mini_batch=update_adding(lambda totals, new: new, step_lists)), say.ONE_EXAMPLE),
    "update: the first example skipped": ("update_mini_batch", variant(update_mini_batch=update_skipping_the_first), say.EXAMPLES_MISSED),
    "update: eta / (len(mini_batch) + 1)": ("update_mini_batch", variant(update_mini_batch=update_with(lambda p, n, eta, size: p - eta / (size + 1) * n)),
                                             say.STEP_WRONG),
    "SGD: no shuffling": ("SGD", variant(SGD=sgd_with(shuffle=False)), say.NO_SHUFFLE),
    "SGD: last partial batch dropped": ("SGD", variant(SGD=sgd_with(batches=lambda d, s: [d[k : k + s] for k in range(0, len(d) - s + 1, s)])), say.BATCH_SIZES),
    "SGD: overlapping batches": ("SGD", variant(SGD=sgd_with(batches=lambda d, s: [d[k : k + s] for k in range(0, len(d), s - 1)][: -(-len(d) // s)])), say.COVERAGE),
    "SGD: eta divided by the batch size": ("SGD", variant(SGD=sgd_with(eta_factor=0.1)), say.ETA_PASSED),
    "SGD: no history": ("SGD", variant(SGD=sgd_with(history=False)), say.HISTORY),
    "SGD: return inside the loop over epochs": ("SGD", variant(SGD=sgd_with(return_each_epoch=True)), say.RETURNED_EARLY),
    "SGD: range(1, epochs)": ("SGD", variant(SGD=sgd_with(epochs_run=lambda epochs: range(1, epochs))), say.EPOCH_COUNT),
    "SGD: history of the training data": ("SGD", variant(SGD=sgd_with(scored=lambda training_data, test_data: training_data)), say.TEST_DATA_PASSED),
    "SGD: never trains": ("SGD", variant(SGD=sgd_without_training), say.NEVER_UPDATED),
    "SGD: steps inline, not divided by the batch size": ("SGD", variant(SGD=sgd_inline(divide=False)), say.FULL_BATCH_WRONG),
    "evaluate: rounding": ("evaluate", variant(evaluate=evaluate_by_rounding), say.ROUNDING),
    "evaluate: a fraction": ("evaluate", variant(evaluate=lambda self, data: Network.evaluate(self, data) / len(data)), say.FRACTION),
    # The accuracy run uses the student's own methods: a mistake in one of them is named, as the one to fix first.
    "accuracy: no learning rate": ("accuracy", variant(update_mini_batch=update_with(lambda p, n, eta, size: p - 1e-3 * n / size)),
                                   "`Network.update_mini_batch` fails its own check"),
    # Right on the checks' small networks; wrong in the digits' 30-neuron hidden layer: a watched mini-batch names backprop.
    "accuracy: backprop leaves out σ' in wide layers": ("accuracy", variant(backprop=backprop_with(
        hidden=lambda w, delta, z, a: np.dot(w.T, delta) * (sigmoid_prime(z) if z.shape[0] <= 16 else 1.0))), say.DIFFERS_IN_RUN),
    # A function that fails its own check and misbehaves in the watched mini-batch is the one named.
    "accuracy: sigmoid_prime is z(1 - z)": ("accuracy", in_notebook(Network, sigmoid_prime=lambda z: z * (1 - z)),
                                            "`sigmoid` or `sigmoid_prime` fails its own check"),
    "accuracy: num_layers never stored, backprop reads it": ("accuracy", variant(__init__=init_without_num_layers),
                                                              "`Network.__init__` fails its own check"),
    "accuracy: backprop_batch averages, update uses it": ("accuracy", variant(update_mini_batch=update_vectorized, backprop_batch=backprop_batch_mean),
                                                           "`Network.backprop_batch` fails its own check"),
    # backprop fails its own check (two hidden layers) but is right on the digits' network: not blamed for the long run.
    "accuracy: eta halved later, backprop wrong only when deep": ("accuracy", variant(update_mini_batch=update_with_decaying_eta,
                                                                                       backprop=BACKPROP_WRONG_WHEN_DEEP), say.ACCURACY),
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


def evaluate_with_own_loop(self, test_data):
    correct = 0
    for x, label in test_data:
        a = x
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(np.dot(w, a) + b)
        if np.argmax(a) == label:
            correct += 1
    return correct


def init_appending(self, sizes):
    self.sizes = list(sizes)
    self.num_layers = len(self.sizes)
    self.biases, self.weights = [], []
    for before, after in zip(self.sizes, self.sizes[1:]):
        self.weights.append(np.random.standard_normal((after, before)))
        self.biases.append(np.random.standard_normal((after, 1)))


def update_with_columns_and_a_printed_norm(self, mini_batch, eta):
    """One backprop_batch for the step, and backprop on the first example for a printed gradient norm."""
    xs, ys = zip(*mini_batch)
    nabla_b, nabla_w = self.backprop_batch(np.column_stack(xs), np.column_stack(ys))
    print("first example's gradient norm:", np.linalg.norm(self.backprop(xs[0], ys[0])[1][-1]))
    m = len(mini_batch)
    self.weights = [w - eta * nw / m for w, nw in zip(self.weights, nabla_w)]
    self.biases = [b - eta * nb / m for b, nb in zip(self.biases, nabla_b)]


VECTORIZED = variant(SGD=sgd_vectorized, update_mini_batch=update_vectorized)
ALTERNATIVE = variant(__init__=init_with_generator, backprop=backprop_by_index, evaluate=evaluate_all_at_once, feedforward=feedforward_loop)
CHECKS_OF_NETWORK = ("network_init", "feedforward", "cost_derivative", "backprop", "backprop_batch", "update_mini_batch", "SGD", "evaluate", "accuracy")
CORRECT = {
    **{f"{check}: notebook style": (check, Network) for check in CHECKS_OF_NETWORK},
    **{f"{check}: vectorized SGD": (check, VECTORIZED) for check in ("update_mini_batch", "SGD", "accuracy")},
    **{f"{check}: generator init, loop backprop, batch evaluate": (check, ALTERNATIVE)
       for check in ("network_init", "feedforward", "backprop", "evaluate", "accuracy")},
    **{f"{check}: Nielsen's network.py, ported": (check, NielsenNetwork) for check in CHECKS_OF_NETWORK},
    "network_init: appended layer by layer": ("network_init", variant(__init__=init_appending)),
    "feedforward: w.dot(a), printing": ("feedforward", variant(feedforward=lambda self, a: print(a.shape) or Network.feedforward(self, a))),
    "cost_derivative: np.subtract": ("cost_derivative", variant(cost_derivative=lambda self, a, y: np.subtract(a, y))),
    "backprop: σ'(z) as a(1 - a)": ("backprop", variant(backprop=backprop_with(
        delta_output=lambda a, z, y: (a - y) * a * (1 - a), hidden=lambda w, d, z, a: np.dot(w.T, d) * a * (1 - a)))),
    "backprop_batch: a loop over backprop, while backprop forgets σ' in BP1": ("backprop_batch", type(
        "Network", (NielsenNetwork,), {"backprop": backprop_with(delta_output=lambda a, z, y: a - y)})),
    "update: steps each array in place": ("update_mini_batch", variant(update_mini_batch=update_adding(layer_by_layer, step_in_place))),
    "update: computes the gradients itself": ("update_mini_batch", variant(update_mini_batch=update_computing_gradients_itself)),
    "update: zip(*mini_batch), a printed norm": ("update_mini_batch", variant(update_mini_batch=update_with_columns_and_a_printed_norm)),
    "SGD: prints the training and test accuracy": ("SGD", variant(SGD=sgd_reporting_as_it_goes)),
    "SGD: counts the right answers itself": ("SGD", variant(SGD=sgd_counting_itself)),
    # Results decide: an SGD that trains each mini-batch itself, never calling update_mini_batch, is graded on them.
    "SGD: steps inline through self.backprop": ("SGD", variant(SGD=sgd_inline())),
    "SGD: steps inline with its own vectorised backward pass": ("SGD", variant(SGD=sgd_inline(through_backprop=False), backprop_batch=None)),
    "evaluate: its own loop, while sigmoid is wrong": ("evaluate", in_notebook(variant(evaluate=evaluate_with_own_loop), sigmoid=lambda z: np.tanh(z))),
    "evaluate: right, while feedforward leaves out the biases": ("evaluate", variant(
        feedforward=lambda self, a: [a := sigmoid(w @ a) for w in self.weights][-1])),
    # A method that fails its own check but is never called in the run, or right on the digits' network, costs nothing here.
    "accuracy: a wrong backprop_batch that update never calls": ("accuracy", variant(backprop_batch=backprop_batch_mean)),
    "accuracy: backprop wrong only in deeper networks": ("accuracy", variant(backprop=BACKPROP_WRONG_WHEN_DEEP)),
    "accuracy: uniform starting weights, which the check replaces": ("accuracy", variant(__init__=init_uniform)),
    "sigmoid functions: plain": ("sigmoid_functions", (sigmoid, sigmoid_prime)),
    "sigmoid functions: expit": ("sigmoid_functions", (lambda z: __import__("scipy.special").special.expit(z),
                                                       lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2)),
    "activations: plain": ("activation_derivatives", (tanh_prime, relu, relu_prime)),
    "activations: where and heaviside": ("activation_derivatives", (lambda z: 1 / np.cosh(z) ** 2, lambda z: np.where(z > 0, z, 0.0), lambda z: np.heaviside(z, 0.0))),
    "softmax: max-shifted": ("softmax_output", (softmax, softmax_cross_entropy_delta)),
    "softmax: log-sum-exp": ("softmax_output", (softmax_logsumexp, lambda z, y: softmax_logsumexp(z) - y)),
}


# A realistic bug made in the solution notebook, for the nbgrader pipeline (tests/test_nbgrader.py): (grade_id of the
# solution cell, old text, new text), the check that must lose its points, and the hint the student's feedback must show.
NOTEBOOK_BUG = (("backprop_code", "delta = (self.weights[-l + 1].T @ delta) * sigmoid_prime(zs[-l])\n        nabla_b[-l] = delta\n",
                 "delta = (self.weights[-l + 1] @ delta) * sigmoid_prime(zs[-l])\n        nabla_b[-l] = delta\n"),
                "backprop", say.BP2_NOT_TRANSPOSED)
