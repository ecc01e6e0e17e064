"""Implementations of assignment 02 that students really write: correct ones and buggy ones.

BUGS maps a name to (check, implementation, the diagnosis template it must get);
CORRECT maps a name to (check, implementation). For "outcomes" the implementation is the
triple (LinearLayer, SigmoidLayer, train).
"""

import numpy as np
from scipy.special import expit

from checker.checks import messages as common
from checker.assignments.computational_graph import messages as say


# --- a typical correct solution ----------------------------------------------------------

def initialize_parameters(n_in, n_out, ini_type="plain"):
    scale = {"plain": 0.01, "xavier": 1 / np.sqrt(n_in), "he": np.sqrt(2 / n_in)}[ini_type]
    return {"W": np.random.randn(n_out, n_in) * scale, "b": np.zeros((n_out, 1))}


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

    def update_params(self, learning_rate=0.1):
        self.params["W"] = self.params["W"] - learning_rate * self.dW
        self.params["b"] = self.params["b"] - learning_rate * self.db


class SigmoidLayer:
    def __init__(self, shape):
        self.A = np.zeros(shape)

    def forward(self, Z):
        self.Z = Z
        self.A = 1 / (1 + np.exp(-Z))

    def backward(self, upstream_grad):
        self.dZ = upstream_grad * self.A * (1 - self.A)


def compute_cost(Y, Y_hat):
    m = Y.shape[1]
    return np.sum((Y - Y_hat) ** 2) / (2 * m), -(Y - Y_hat) / m


def train_variant(update=True, sigmoid_backward=True, feed_x_everywhere=False, cost_arguments_swapped=False, default_rate=False):
    """train with the mistakes students make switched on."""
    def train(layers, X, Y, num_epochs, learning_rate):
        pairs = list(zip(layers[::2], layers[1::2]))
        costs = []
        for _ in range(num_epochs):
            A = X
            for linear, activation in pairs:
                linear.forward(X if feed_x_everywhere else A)
                activation.forward(linear.Z)
                A = activation.A
            cost, upstream = compute_cost(A, Y) if cost_arguments_swapped else compute_cost(Y, A)
            costs.append(cost)
            for linear, activation in reversed(pairs):
                if sigmoid_backward:
                    activation.backward(upstream)
                linear.backward(activation.dZ if sigmoid_backward else upstream)
                upstream = linear.dA_prev
            for linear, _ in pairs:
                if update:
                    linear.update_params() if default_rate else linear.update_params(learning_rate)
        return costs
    return train


train = train_variant()


def _init_variant(draw):
    """initialize_parameters whose weights come from draw(n_in, n_out, ini_type)."""
    return lambda n_in, n_out, ini_type="plain": {"W": draw(n_in, n_out, ini_type), "b": np.zeros((n_out, 1))}


def _scaled(scales):
    return _init_variant(lambda n_in, n_out, t: np.random.randn(n_out, n_in) * scales(n_in, n_out)[t])


def _linear_variant(**methods):
    return type("LinearLayer", (LinearLayer,), methods)


def _sigmoid_variant(backward):
    return type("SigmoidLayer", (SigmoidLayer,), {"backward": backward})


def _cost_variant(cost=None, gradient=None):
    def variant(Y, Y_hat):
        right_cost, right_gradient = compute_cost(Y, Y_hat)
        return (cost(Y, Y_hat) if cost else right_cost), (gradient(Y, Y_hat) if gradient else right_gradient)
    return variant


def _set(layer, **values):
    for name, value in values.items():
        setattr(layer, name, value)


# --- buggy ------------------------------------------------------------------------------

def forward_centres_input_in_place(self, A_prev):
    A_prev -= A_prev.mean(axis=1, keepdims=True)
    self.A_prev = A_prev
    self.Z = self.params["W"] @ A_prev + self.params["b"]


def backward_frees_cache(self, upstream_grad):
    LinearLayer.backward(self, upstream_grad)
    self.A_prev *= 0  # "free" the memory


def forward_without_cache(self, A_prev):
    self.Z = self.params["W"] @ A_prev + self.params["b"]


def update_without_default(self, learning_rate=0.01):
    LinearLayer.update_params(self, learning_rate)


# Weights that solve OR, XOR with the cross, and XOR, found by hand: no training at all.
HANDMADE = {(2, 1): [([[10.0, 10.0]], [[-5.0]])], (3, 1): [([[10.0, 10.0, -20.0]], [[-5.0]])],
            (2, 3, 1): [([[10.0, 10.0], [10.0, 10.0], [0.0, 0.0]], [[-5.0], [-15.0], [0.0]]), ([[10.0, -20.0, 0.0]], [[-5.0]])]}


def train_handmade(layers, X, Y, num_epochs, learning_rate):
    """Sets weights that classify the points, and reports small costs: the outcome without gradient descent."""
    sizes = (layers[0].params["W"].shape[1], *(linear.params["W"].shape[0] for linear in layers[::2]))
    for linear, (W, b) in zip(layers[::2], HANDMADE[sizes]):
        linear.params["W"], linear.params["b"] = np.array(W), np.array(b)
    return [0.001] * num_epochs


def train_stopping(layers, X, Y, num_epochs, learning_rate, stop=1000):
    """Right for a few epochs; after `stop` epochs it goes on with a learning rate of 0."""
    costs = train(layers, X, Y, min(num_epochs, stop), learning_rate)
    return costs + (train(layers, X, Y, num_epochs - stop, 0.0) if num_epochs > stop else [])


def notebook_names(check, implementation, seed):
    """The outcomes' notebook also holds the compute_cost its train calls, as a real one does."""
    if check.name != "outcomes":
        return None
    return {**dict(zip(check.needs, implementation)), "compute_cost": implementation[2].__globals__["compute_cost"]}


def train_returning_last_cost(layers, X, Y, num_epochs, learning_rate):
    return train(layers, X, Y, num_epochs, learning_rate)[-1:]


LinearLayerUphill = _linear_variant(update_params=lambda self, learning_rate=0.1: _set(self, params={
    "W": self.params["W"] + learning_rate * self.dW, "b": self.params["b"] + learning_rate * self.db}))
STANDARD = lambda n_in, n_out: {"plain": 0.01, "xavier": 1 / np.sqrt(n_in), "he": np.sqrt(2 / n_in)}
BUGS = {
    "init: he and xavier swapped": ("initialize_parameters", _scaled(lambda n_in, n_out: {**STANDARD(n_in, n_out), "xavier": np.sqrt(2 / n_in), "he": 1 / np.sqrt(n_in)}), say.SCALE_SWAPPED),
    "init: ini_type ignored": ("initialize_parameters", _scaled(lambda n_in, n_out: dict.fromkeys(("plain", "xavier", "he"), 0.01)), say.SCALE_SWAPPED),
    "init: plain without 0.01": ("initialize_parameters", _scaled(lambda n_in, n_out: {**STANDARD(n_in, n_out), "plain": 1.0}), say.SCALE_MISSING),
    "init: xavier scaled by n_out": ("initialize_parameters", _scaled(lambda n_in, n_out: {**STANDARD(n_in, n_out), "xavier": 1 / np.sqrt(n_out)}), say.SCALE_N_OUT),
    "init: he with 1/n_in": ("initialize_parameters", _scaled(lambda n_in, n_out: {**STANDARD(n_in, n_out), "he": 2 / n_in}), say.SCALE_WRONG),
    "init: np.random.rand": ("initialize_parameters", _init_variant(lambda n_in, n_out, t: np.random.rand(n_out, n_in) * STANDARD(n_in, n_out)[t]), say.NOT_CENTRED),
    "init: centred uniform": ("initialize_parameters", _init_variant(
        lambda n_in, n_out, t: (np.random.rand(n_out, n_in) - 0.5) * np.sqrt(12) * STANDARD(n_in, n_out)[t]), say.NOT_NORMAL),
    "init: W transposed": ("initialize_parameters", lambda n_in, n_out, ini_type="plain": {"W": np.random.randn(n_in, n_out) * 0.01, "b": np.zeros((n_out, 1))}, common.TRANSPOSED),
    "init: random bias": ("initialize_parameters", lambda n_in, n_out, ini_type="plain": {**initialize_parameters(n_in, n_out, ini_type), "b": np.random.randn(n_out, 1) * 0.01}, say.BIAS_RANDOM),
    "init: rank-1 bias": ("initialize_parameters", lambda n_in, n_out, ini_type="plain": {**initialize_parameters(n_in, n_out, ini_type), "b": np.zeros(n_out)}, common.RANK_ONE),
    "linear: forward without bias": ("linear_layer", _linear_variant(forward=lambda self, A: _set(self, A_prev=A, Z=self.params["W"] @ A)), say.Z_NO_BIAS),
    "linear: forward keeps no cache": ("linear_layer", _linear_variant(forward=forward_without_cache), say.NOT_STORED),
    "linear: forward changes its input": ("linear_layer", _linear_variant(forward=forward_centres_input_in_place), common.CHANGED_INPUT),
    "linear: backward changes the cache": ("linear_layer", _linear_variant(backward=backward_frees_cache), say.CACHE_CHANGED),
    "linear: dW with A_prev, not its transpose": ("linear_layer", _linear_variant(backward=lambda self, G: _set(
        self, dW=G @ self.A_prev, db=G.sum(axis=1, keepdims=True), dA_prev=self.params["W"].T @ G)), say.DW_NOT_TRANSPOSED),
    "linear: dW divided by m": ("linear_layer", _linear_variant(backward=lambda self, G: _set(
        self, dW=G @ self.A_prev.T / G.shape[1], db=G.sum(axis=1, keepdims=True), dA_prev=self.params["W"].T @ G)), say.DW_AVERAGED),
    "linear: db not summed": ("linear_layer", _linear_variant(backward=lambda self, G: _set(
        self, dW=G @ self.A_prev.T, db=G, dA_prev=self.params["W"].T @ G)), say.DB_NOT_SUMMED),
    "linear: db averaged": ("linear_layer", _linear_variant(backward=lambda self, G: _set(
        self, dW=G @ self.A_prev.T, db=G.mean(axis=1, keepdims=True), dA_prev=self.params["W"].T @ G)), say.DB_AVERAGED),
    "linear: dA_prev with W, not its transpose": ("linear_layer", _linear_variant(backward=lambda self, G: _set(
        self, dW=G @ self.A_prev.T, db=G.sum(axis=1, keepdims=True), dA_prev=self.params["W"] @ G)), say.DA_PREV_NO_TRANSPOSE),
    "linear: update uphill": ("linear_layer", LinearLayerUphill, say.UPDATE_UPHILL),
    "linear: update without learning rate": ("linear_layer", _linear_variant(update_params=lambda self, learning_rate=0.1: _set(self, params={
        "W": self.params["W"] - self.dW, "b": self.params["b"] - self.db})), say.UPDATE_RATE),
    "linear: update forgets b": ("linear_layer", _linear_variant(update_params=lambda self, learning_rate=0.1: _set(self, params={
        "W": self.params["W"] - learning_rate * self.dW, "b": self.params["b"]})), say.UPDATE_B),
    "linear: update's default rate 0.01": ("linear_layer", _linear_variant(update_params=update_without_default), say.UPDATE_DEFAULT),
    "sigmoid layer: e^Z instead of e^-Z": ("sigmoid_layer", type("SigmoidLayer", (SigmoidLayer,), {
        "forward": lambda self, Z: _set(self, Z=Z, A=1 / (1 + np.exp(Z)))}), say.A_WRONG),
    "sigmoid layer: derivative from Z": ("sigmoid_layer", _sigmoid_variant(lambda self, G: _set(self, dZ=G * self.Z * (1 - self.Z))), say.DZ_FROM_Z),
    "sigmoid layer: (1 - A) forgotten": ("sigmoid_layer", _sigmoid_variant(lambda self, G: _set(self, dZ=G * self.A)), say.DZ_MISSING_ONE_MINUS_A),
    "sigmoid layer: upstream forgotten": ("sigmoid_layer", _sigmoid_variant(lambda self, G: _set(self, dZ=self.A * (1 - self.A))), say.DZ_NO_UPSTREAM),
    "sigmoid layer: no derivative": ("sigmoid_layer", _sigmoid_variant(lambda self, G: _set(self, dZ=G)), say.DZ_NO_DERIVATIVE),
    "cost: no 1/2": ("compute_cost", _cost_variant(cost=lambda Y, Yh: np.mean((Y - Yh) ** 2)), say.COST_NO_HALF),
    "cost: summed, not averaged": ("compute_cost", _cost_variant(cost=lambda Y, Yh: np.sum((Y - Yh) ** 2) / 2), say.COST_NOT_AVERAGED),
    "cost: shape (1, 1)": ("compute_cost", _cost_variant(cost=lambda Y, Yh: (Y - Yh) @ (Y - Yh).T / (2 * Y.shape[1])), common.ONE_BY_ONE),
    "cost: gradient without 1/m": ("compute_cost", _cost_variant(gradient=lambda Y, Yh: -(Y - Yh)), say.DY_NO_M),
    "cost: gradient sign": ("compute_cost", _cost_variant(gradient=lambda Y, Yh: (Y - Yh) / Y.shape[1]), say.DY_SIGN),
    "train: no update": ("train", train_variant(update=False), say.NOT_LEARNING),
    "train: only the last cost": ("train", train_returning_last_cost, say.COSTS_LENGTH),
    "train: sigmoid skipped in backward": ("train", train_variant(sigmoid_backward=False), say.BACKWARD_WRONG),
    "train: X fed to every layer": ("train", train_variant(feed_x_everywhere=True), say.FORWARD_WRONG),
    "train: compute_cost(A, Y)": ("train", train_variant(cost_arguments_swapped=True), say.COST_ARGUMENTS),
    "train: update_params() with its default rate": ("train", train_variant(default_rate=True), say.UPDATE_RATE_TRAIN),
    # The outcomes run the student's own layers and loop: a mistake in one of them is named, as the one to fix first.
    "outcomes: sigmoid skipped in the backward pass": ("outcomes", (LinearLayer, SigmoidLayer, train_variant(sigmoid_backward=False)),
                                                       "`train` fails its own check"),
    "outcomes: layers that step uphill": ("outcomes", (LinearLayerUphill, SigmoidLayer, train), "`LinearLayer` fails its own check"),
    "outcomes: weights set by hand, no training": ("outcomes", (LinearLayer, SigmoidLayer, train_handmade), "`train` fails its own check"),
    # Every part passes its own check (a few epochs), but the loop stops learning later: only the outcome shows it.
    "outcomes: updates stop after 1000 epochs": ("outcomes", (LinearLayer, SigmoidLayer, train_stopping), say.OUTCOME),
}


# --- correct, but not written like the reference -----------------------------------------

def initialize_with_normal(n_in, n_out, ini_type="plain"):
    if ini_type == "xavier":
        scale = np.sqrt(1 / n_in)
    elif ini_type == "he":
        scale = np.sqrt(2.0 / n_in)
    else:
        scale = 0.01
    return {"W": np.random.normal(0.0, scale, size=(n_out, n_in)), "b": np.zeros(shape=(n_out, 1))}


class LinearLayerDotEinsum(LinearLayer):
    def forward(self, A_prev):
        self.A_prev = A_prev
        self.Z = np.dot(self.params["W"], A_prev) + self.params["b"]

    def backward(self, upstream_grad):
        self.dW = np.einsum("om,im->oi", upstream_grad, self.A_prev)
        self.db = upstream_grad.sum(axis=1)[:, None]
        self.dA_prev = np.dot(self.params["W"].T, upstream_grad)
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        self.params["W"] -= learning_rate * self.dW  # the layer's own arrays: in place is fine
        self.params["b"] -= learning_rate * self.db


class SigmoidLayerStable(SigmoidLayer):
    def forward(self, Z):
        self.A = expit(Z)
        return self.A

    def backward(self, upstream_grad):
        self.dZ = np.multiply(upstream_grad, self.A * (1.0 - self.A))
        return self.dZ


def compute_cost_mean(Y, Y_hat):
    difference = Y_hat - Y
    return np.squeeze(0.5 * np.mean(difference**2)), difference / Y.shape[1]


def train_by_index(layers, X, Y, num_epochs, learning_rate):
    costs = np.zeros(num_epochs)
    for epoch in range(num_epochs):
        A = X
        for i in range(0, len(layers), 2):
            layers[i].forward(A)
            layers[i + 1].forward(layers[i].Z)
            A = layers[i + 1].A
        costs[epoch], upstream = compute_cost(Y, A)
        for i in range(len(layers) - 2, -1, -2):
            layers[i + 1].backward(upstream)
            layers[i].backward(layers[i + 1].dZ)
            upstream = layers[i].dA_prev
        for layer in layers[::2]:
            layer.update_params(learning_rate=learning_rate)
    return costs


CORRECT = {
    "init: dictionary of scales": ("initialize_parameters", initialize_parameters),
    "init: np.random.normal with a scale": ("initialize_parameters", initialize_with_normal),
    "linear: @, returns nothing": ("linear_layer", LinearLayer),
    "linear: np.dot, einsum, in-place update": ("linear_layer", LinearLayerDotEinsum),
    "sigmoid layer: plain": ("sigmoid_layer", SigmoidLayer),
    "sigmoid layer: scipy's expit, returns A": ("sigmoid_layer", SigmoidLayerStable),
    "cost: sum over 2m": ("compute_cost", compute_cost),
    "cost: mean, 0-d array": ("compute_cost", compute_cost_mean),
    "train: zip of pairs": ("train", train),
    "train: by index, costs as an array": ("train", train_by_index),
    "outcomes: plain classes": ("outcomes", (LinearLayer, SigmoidLayer, train)),
    "outcomes: other classes, other loop": ("outcomes", (LinearLayerDotEinsum, SigmoidLayerStable, train_by_index)),
}
