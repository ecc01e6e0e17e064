"""Judge-side stand-ins for assignment 03: lent to the student's network in place of its own methods.

They stay with the judge (in the sandbox the student's code gets proxies whose calls cross to here),
so what they record cannot be forged by the code being graded.
"""

import numpy as np

from checker.assignments.backprop_digits import inputs
from checker.checks import symbolic
from checker.checks.guard import CallLog, member
from checker.gradients.numerical import numerical_gradient

MAX_OUTPUTS = 16  # the widest output layer of the checks' networks (the digits' has 10)
MOST_EXAMPLES = 64  # the most examples a lent backprop takes at once: the checks' data sets have a handful


def mse_gradient(output_activations, y):
    """∂/∂a of ½‖a - y‖², derived with SymPy: the checker's cost_derivative (lent to the student's backprop)."""
    output_activations = np.asarray(output_activations, dtype=np.float64)
    if output_activations.ndim != 2 or not 1 <= output_activations.shape[0] <= MAX_OUTPUTS:
        raise ValueError(f"cost_derivative expects the output layer's activations, a column of at most {MAX_OUTPUTS} here, "
                         f"not an array of shape {output_activations.shape}")
    return symbolic.loss_gradient("mse", output_activations.shape[0])(output_activations, y)


def network_output(biases, weights, a):
    """σ(W · a + b) layer after layer with SymPy's σ: the checker's own feedforward, for one column or many."""
    for b, w in zip(biases, weights):
        a = symbolic.sigmoid(np.asarray(w, dtype=np.float64) @ a + np.asarray(b, dtype=np.float64))
    return a


def loss_gradients(biases, weights, X, Y):
    """(nabla_b, nabla_w) of ½‖a - y‖² summed over the columns of X, by centred differences of network_output."""
    def slope(arrays, index):
        def loss(value):
            changed = [value if i == index else array for i, array in enumerate(arrays)]
            b, w = (changed, weights) if arrays is biases else (biases, changed)
            return 0.5 * float(np.sum((network_output(b, w, X) - Y) ** 2))
        return numerical_gradient(loss, arrays[index])
    return [slope(biases, i) for i in range(len(biases))], [slope(weights, i) for i in range(len(weights))]


class TrainingStandIns:
    """backprop, backprop_batch, feedforward and evaluate for grading an SGD that trains without update_mini_batch: each
    the checker's own, computed for the network's parameters as they are when it is called (read from the network)."""

    def __init__(self, run, net):
        self.run, self.net = run, net
        self.calls = CallLog(run, "the network's methods", calls=2_000)

    def _parameters(self):
        self.calls.add(None)
        return tuple([np.asarray(array, dtype=np.float64) for array in member(self.net, self.run, name)] for name in ("biases", "weights"))

    def backprop(self, x, y):
        return self.backprop_batch(x, y)

    def backprop_batch(self, X, Y):
        biases, weights = self._parameters()
        X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] != weights[0].shape[1] or X.shape[1] > MOST_EXAMPLES:
            raise ValueError(f"backprop expects examples in columns of {weights[0].shape[1]} entries, not an array of shape {X.shape}")
        return loss_gradients(biases, weights, X, Y)

    def feedforward(self, a):
        biases, weights = self._parameters()
        return FeedforwardStandIn(biases, weights).feedforward(a)

    def evaluate(self, test_data):
        """The count of examples answered right: labels as numbers (test data) or one-hot columns (training data)."""
        biases, weights = self._parameters()
        answers = [int(np.argmax(network_output(biases, weights, np.asarray(x, dtype=np.float64)))) for x, _ in test_data]
        return sum(int(answer == (np.argmax(y) if np.ndim(y) else y)) for answer, (_, y) in zip(answers, test_data))


class FeedforwardStandIn:
    """feedforward for grading evaluate: the checker's network output for the check's parameters (lent to the network)."""

    def __init__(self, biases, weights):
        self.biases, self.weights = biases, weights

    def feedforward(self, a):
        a = np.asarray(a, dtype=np.float64)
        inputs_ = self.weights[0].shape[1]
        if a.ndim != 2 or a.shape[0] != inputs_ or a.shape[1] > 10_000:
            raise ValueError(f"feedforward expects an input column of {inputs_} entries (or a matrix of such columns), "
                             f"not an array of shape {a.shape}")
        return network_output(self.biases, self.weights, a)


class GradientStandIn:
    """backprop and backprop_batch for grading update_mini_batch: a drawn gradient per example (by its tag)."""

    def __init__(self, run, sizes, count):
        self.gradients = [inputs.initial_parameters(sizes, run.rng) for _ in range(count)]
        self.used = CallLog(run, "backprop", calls=1_000)

    def backprop(self, x, y):
        return self.backprop_batch(x, y)

    def backprop_batch(self, X, Y):
        tags = [int(round(float(tag))) for tag in np.asarray(X, dtype=np.float64)[0][: self.used.calls + 1]]
        for tag in tags:
            self.used.add(tag)
        return self.summed(tag for tag in tags if 0 <= tag < len(self.gradients))

    def summed(self, tags):
        """(nabla_b, nabla_w): the sum of the drawn gradients of the examples with these tags."""
        chosen = [self.gradients[tag] for tag in tags]
        return ([sum(g[0][i] for g in chosen) for i in range(len(self.gradients[0][0]))],
                [sum(g[1][i] for g in chosen) for i in range(len(self.gradients[0][1]))])

    def sums(self):
        return self.summed(range(len(self.gradients)))


class ExampleGradientStandIn:
    """backprop for grading backprop_batch: the checker's gradient of each example of the check's batch, found by its column."""

    def __init__(self, X, Y, gradients):
        self.X, self.Y, self.gradients = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64), gradients

    def backprop(self, x, y):
        x, y = np.asarray(x, dtype=np.float64).reshape(-1, 1), np.asarray(y, dtype=np.float64).reshape(-1, 1)
        for j in range(self.X.shape[1]):
            if x.shape == self.X[:, [j]].shape and y.shape == self.Y[:, [j]].shape and np.array_equal(x, self.X[:, [j]]) and np.array_equal(y, self.Y[:, [j]]):
                return self.gradients[j]
        raise ValueError("backprop was given an x and y that are not a column of the batch backprop_batch was given")


# Test examples carry tags from TEST_TAG on, training examples from 0: evaluate's stand-in tells the test data from other data.
TEST_TAG = 50  # above every training tag (at most 13 examples)
TEST_SCORE, OTHER_SCORE = 100, 10_000


class SGDStandIn:
    """update_mini_batch and evaluate for grading SGD: the example tags and eta of every mini-batch noted, evaluate scored.

    evaluate's score depends only on what it is given and on how many mini-batches came before (TEST_SCORE plus
    that count for the test data, OTHER_SCORE plus it for anything else), as a real network's count depends on its
    data and its training so far: SGD may call it as often as it likes, on any data.
    """

    def __init__(self, run, n, test_count):
        self.n, self.test_tags = n, list(range(TEST_TAG, TEST_TAG + test_count))
        self.calls = CallLog(run, "update_mini_batch", calls=1_000)
        self.evaluated = CallLog(run, "evaluate", calls=1_000)

    def update_mini_batch(self, mini_batch, eta):
        self.calls.add((inputs.tags(mini_batch, self.n + 1), eta))

    def evaluate(self, data):
        test = sorted(inputs.tags(data, len(self.test_tags) + 1)) == self.test_tags
        self.evaluated.add(test)
        return (TEST_SCORE if test else OTHER_SCORE) + len(self.calls)

    def history(self, per_epoch, epochs):
        """What SGD should return: evaluate(test_data) after each epoch's mini-batches."""
        return [TEST_SCORE + (epoch + 1) * per_epoch for epoch in range(epochs)]
