"""Implementations of assignment 02 that students really write: correct ones and buggy ones.

BUGS maps a name to (check, implementation, the diagnosis template it must get);
CORRECT maps a name to (check, implementation). For "outcomes" the implementation is the
triple (LinearLayer, SigmoidLayer, train).
"""

import math
import types

import numpy as np
from scipy.special import expit

from checker.assignments.computational_graph import messages as say
from checker.checks import messages as common


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


def train_variant(update=True, sigmoid_backward=True, feed_x_everywhere=False, cost_arguments_swapped=False, default_rate=False,
                  cost_after_update=False, return_in_loop=False, update_in_backward_too=False, update_before_backward=False,
                  gradient_inline_flipped=False, backward_forwards=False, forward_once=False):
    """train with the mistakes students make switched on."""
    def forward(pairs, X):
        A = X
        for linear, activation in pairs:
            linear.forward(X if feed_x_everywhere else A)
            activation.forward(linear.Z)
            A = activation.A
        return A

    def step(pairs, learning_rate):
        for linear, _ in pairs:
            linear.update_params() if default_rate else linear.update_params(learning_rate)

    def train(layers, X, Y, num_epochs, learning_rate):
        pairs = list(zip(layers[::2], layers[1::2]))
        costs = []
        A = forward(pairs, X) if forward_once else None  # one forward pass, before the loop
        for _ in range(num_epochs):
            A = A if forward_once else forward(pairs, X)
            if gradient_inline_flipped:  # no compute_cost: the cost and a gradient of the wrong sign worked out here
                cost, upstream = np.sum((Y - A) ** 2) / (2 * Y.shape[1]), (Y - A) / Y.shape[1]
            else:
                cost, upstream = compute_cost(A, Y) if cost_arguments_swapped else compute_cost(Y, A)
            if update_before_backward:
                step(pairs, learning_rate)
            for linear, activation in pairs if backward_forwards else reversed(pairs):
                if sigmoid_backward:
                    activation.backward(upstream)
                linear.backward(activation.dZ if sigmoid_backward else upstream)
                if update_in_backward_too:
                    linear.update_params(learning_rate)
                upstream = linear.dA_prev
            if update and not update_before_backward:
                step(pairs, learning_rate)
            if cost_after_update:
                cost, _ = compute_cost(Y, forward(pairs, X))
            costs.append(cost)
            if return_in_loop:
                return costs
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
    """The outcomes' notebook also holds a compute_cost, as a real one does: the one its train calls, or a fourth entry."""
    if check.name != "outcomes":
        return None
    cost = implementation[3] if len(implementation) > 3 else implementation[2].__globals__["compute_cost"]
    return {**dict(zip(check.needs, implementation)), "compute_cost": cost}


def train_stopping_early(layers, X, Y, num_epochs, learning_rate):
    return train_stopping(layers, X, Y, num_epochs, learning_rate, stop=2)


def train_returning_last_cost(layers, X, Y, num_epochs, learning_rate):
    return train(layers, X, Y, num_epochs, learning_rate)[-1:]


def _forward(pairs, X):
    A = X
    for linear, activation in pairs:
        linear.forward(A)
        activation.forward(linear.Z)
        A = activation.A
    return A


def _backward(pairs, upstream):
    for linear, activation in reversed(pairs):
        activation.backward(upstream)
        linear.backward(activation.dZ)
        upstream = linear.dA_prev


def train_one_epoch_more(layers, X, Y, num_epochs, learning_rate):
    return train(layers, X, Y, num_epochs + 1, learning_rate)


class LinearLayerZInInit(LinearLayer):
    """Makes self.Z in the constructor, and forward computes a local Z it returns but never stores."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        super().__init__(input_shape, n_out, ini_type)
        self.Z = np.zeros((n_out, input_shape[1]))

    def forward(self, A_prev):
        self.A_prev = A_prev
        Z = self.params["W"] @ A_prev + self.params["b"]
        return Z


def update_into_locals(self, learning_rate=0.1):
    W, b = self.params["W"], self.params["b"]
    W = W - learning_rate * self.dW
    b = b - learning_rate * self.db


def update_into_attributes(self, learning_rate=0.1):
    self.W = self.params["W"] - learning_rate * self.dW
    self.b = self.params["b"] - learning_rate * self.db


class SigmoidLayerReturnsA(SigmoidLayer):
    """forward returns σ(Z) without storing it: self.A keeps the constructor's zeros."""

    def forward(self, Z):
        return 1 / (1 + np.exp(-Z))


def compute_cost_matrix(Y, Y_hat):
    """The cost as a (1, 1) matrix product, which the given float(cost) refuses."""
    m = Y.shape[1]
    cost = np.dot(Y - Y_hat, (Y - Y_hat).T) / (2 * m)
    dY_hat = -(Y - Y_hat) / m
    return float(cost), dY_hat


def compute_cost_sign(Y, Y_hat):
    return np.sum((Y - Y_hat) ** 2) / (2 * Y.shape[1]), (Y - Y_hat) / Y.shape[1]


def calling(function, **names):
    """`function` as a notebook that binds `names` differently would hold it (its compute_cost, say)."""
    return types.FunctionType(function.__code__, {**function.__globals__, **names}, function.__name__, function.__defaults__, function.__closure__)


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
    "linear: db summed over axis 0": ("linear_layer", _linear_variant(backward=lambda self, G: _set(
        self, dW=G @ self.A_prev.T, db=G.sum(axis=0, keepdims=True), dA_prev=self.params["W"].T @ G)), say.DB_WRONG_AXIS),
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
    "linear: Z made in the constructor, never stored by forward": ("linear_layer", LinearLayerZInInit, say.STALE),
    "linear: forward returns Z without storing it": ("linear_layer", _linear_variant(
        forward=lambda self, A: (_set(self, A_prev=A), self.params["W"] @ A + self.params["b"])[1]), say.NOT_STORED),
    "linear: update_params assigns to local variables": ("linear_layer", _linear_variant(update_params=update_into_locals), say.UPDATE_NO_EFFECT),
    "linear: update_params writes self.W and self.b": ("linear_layer", _linear_variant(update_params=update_into_attributes), say.UPDATE_NO_EFFECT),
    "sigmoid layer: e^Z instead of e^-Z": ("sigmoid_layer", type("SigmoidLayer", (SigmoidLayer,), {
        "forward": lambda self, Z: _set(self, Z=Z, A=1 / (1 + np.exp(Z)))}), say.A_WRONG),
    "sigmoid layer: derivative from Z": ("sigmoid_layer", _sigmoid_variant(lambda self, G: _set(self, dZ=G * self.Z * (1 - self.Z))), say.DZ_FROM_Z),
    "sigmoid layer: (1 - A) forgotten": ("sigmoid_layer", _sigmoid_variant(lambda self, G: _set(self, dZ=G * self.A)), say.DZ_MISSING_ONE_MINUS_A),
    "sigmoid layer: upstream forgotten": ("sigmoid_layer", _sigmoid_variant(lambda self, G: _set(self, dZ=self.A * (1 - self.A))), say.DZ_NO_UPSTREAM),
    "sigmoid layer: forward returns A without storing it": ("sigmoid_layer", SigmoidLayerReturnsA, say.STALE),
    "sigmoid layer: backward returns dZ without storing it": ("sigmoid_layer", _sigmoid_variant(lambda self, G: G * self.A * (1 - self.A)), say.NOT_STORED),
    "sigmoid layer: no derivative": ("sigmoid_layer", _sigmoid_variant(lambda self, G: _set(self, dZ=G)), say.DZ_NO_DERIVATIVE),
    "cost: no 1/2": ("compute_cost", _cost_variant(cost=lambda Y, Yh: np.mean((Y - Yh) ** 2)), say.COST_NO_HALF),
    "cost: summed, not averaged": ("compute_cost", _cost_variant(cost=lambda Y, Yh: np.sum((Y - Yh) ** 2) / 2), say.COST_NOT_AVERAGED),
    "cost: gradient without 1/m": ("compute_cost", _cost_variant(gradient=lambda Y, Yh: -(Y - Yh)), say.DY_NO_M),
    "cost: gradient sign": ("compute_cost", _cost_variant(gradient=lambda Y, Yh: (Y - Yh) / Y.shape[1]), say.DY_SIGN),
    "train: no update": ("train", train_variant(update=False), say.NOT_LEARNING),
    "train: only the last cost": ("train", train_returning_last_cost, say.COSTS_LENGTH),
    "train: sigmoid skipped in backward": ("train", train_variant(sigmoid_backward=False), say.BACKWARD_WRONG),
    "train: X fed to every layer": ("train", train_variant(feed_x_everywhere=True), say.FORWARD_WRONG),
    "train: compute_cost(A, Y)": ("train", train_variant(cost_arguments_swapped=True), say.COST_ARGUMENTS),
    "train: update_params() with its default rate": ("train", train_variant(default_rate=True), say.UPDATE_RATE_OMITTED),
    "train: update_params(learning_rate / m)": ("train", lambda layers, X, Y, num_epochs, learning_rate: train(
        layers, X, Y, num_epochs, learning_rate / X.shape[1]), say.UPDATE_RATE_TRAIN),
    "train: cost recorded after the update": ("train", train_variant(cost_after_update=True), say.COSTS_AFTER_UPDATE),
    "train: return inside the epoch loop": ("train", train_variant(return_in_loop=True), say.RETURNED_EARLY),
    "train: update_params twice per epoch": ("train", train_variant(update_in_backward_too=True), say.UPDATED_TWICE),
    "train: update_params before the backward pass": ("train", train_variant(update_before_backward=True), common.RAISED),
    "train: dY_hat worked out inline, sign flipped": ("train", train_variant(gradient_inline_flipped=True), say.BACKWARD_WRONG),
    "train: one epoch too many": ("train", train_one_epoch_more, say.EXTRA_EPOCHS),
    "train: backward loop not reversed": ("train", train_variant(backward_forwards=True), say.BACKWARD_WRONG),
    "train: forward pass before the loop": ("train", train_variant(forward_once=True), say.FORWARD_WRONG),
    # The outcomes run the student's own layers and loop: a mistake in one of them is named, as the one to fix first.
    "outcomes: sigmoid skipped in the backward pass": ("outcomes", (LinearLayer, SigmoidLayer, train_variant(sigmoid_backward=False)),
                                                       "`train` fails its own check"),
    "outcomes: backward loop not reversed": ("outcomes", (LinearLayer, SigmoidLayer, train_variant(backward_forwards=True)), "`train` fails its own check"),
    "outcomes: layers that step uphill": ("outcomes", (LinearLayerUphill, SigmoidLayer, train), "`LinearLayer` fails its own check"),
    "outcomes: weights set by hand, no training": ("outcomes", (LinearLayer, SigmoidLayer, train_handmade), "`train` fails its own check"),
    "outcomes: update_params that assigns to local variables": ("outcomes", (
        _linear_variant(update_params=update_into_locals), SigmoidLayer, train), "`LinearLayer` fails its own check"),
    "outcomes: sigmoid forward that never stores A": ("outcomes", (LinearLayer, SigmoidLayerReturnsA, train), "`SigmoidLayer` fails its own check"),
    "outcomes: compute_cost's gradient with the wrong sign": ("outcomes", (
        LinearLayer, SigmoidLayer, calling(train, compute_cost=compute_cost_sign), compute_cost_sign), "`compute_cost` fails its own check"),
    # train fails its own check (its updates stop after two epochs), but a short run shows nothing wrong: not blamed.
    "outcomes: train that stops learning after two epochs": ("outcomes", (LinearLayer, SigmoidLayer, train_stopping_early), say.OUTCOME),
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


def initialize_with_int_bias(n_in, n_out, ini_type="plain"):
    """An int zero bias (it stays zero until a float step), a scale by ** 0.5, and a print."""
    scale = 0.01 if ini_type == "plain" else (1 / n_in) ** 0.5 if ini_type == "xavier" else (2 / n_in) ** 0.5
    print("initialising", n_in, "->", n_out, "with", ini_type)
    return {"W": scale * np.random.randn(n_out, n_in), "b": np.zeros((n_out, 1), dtype=int)}


class LinearLayerLoops(LinearLayer):
    """Loops over the examples instead of whole-array products, prints shapes, keeps extra attributes, rebuilds the dict."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        super().__init__(input_shape, n_out, ini_type)
        self.n_in, self.n_out, self.m = input_shape[0], n_out, input_shape[1]

    def forward(self, A_prev):
        self.A_prev = A_prev
        W, b = self.params["W"], self.params["b"]
        Z = np.zeros((W.shape[0], A_prev.shape[1]))
        for i in range(A_prev.shape[1]):
            Z[:, i] = W @ A_prev[:, i] + b[:, 0]
        self.Z = Z
        self.cache = (A_prev, W, b)
        print("forward:", A_prev.shape, "->", Z.shape)
        return self.Z

    def backward(self, upstream_grad):
        W = self.params["W"]
        dW, db, dA_prev = np.zeros_like(W), np.zeros((W.shape[0], 1)), np.zeros(self.A_prev.shape)
        for i in range(upstream_grad.shape[1]):
            dW += np.outer(upstream_grad[:, i], self.A_prev[:, i])
            db[:, 0] += upstream_grad[:, i]
            dA_prev[:, i] = W.T @ upstream_grad[:, i]
        self.dW, self.db, self.dA_prev = dW, db, dA_prev
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        self.params = {"W": self.params["W"] - learning_rate * self.dW, "b": self.params["b"] - learning_rate * self.db}


class SigmoidLayerLoops(SigmoidLayer):
    """math.exp entry by entry; keeps Z too and works σ' out from it."""

    def forward(self, Z):
        self.Z = Z
        self.A = np.zeros(Z.shape)
        for index in np.ndindex(Z.shape):
            self.A[index] = 1 / (1 + math.exp(-Z[index]))
        return self.A

    def backward(self, upstream_grad):
        s = 1 / (1 + np.exp(-self.Z))
        self.dZ = upstream_grad * s * (1 - s)
        print("dZ", self.dZ.shape)
        return self.dZ


def compute_cost_loops(Y, Y_hat):
    """A Python loop and a Python float, m as an int from len, the pair as a list."""
    m = len(Y[0])
    total = 0
    for i in range(m):
        total += (Y[0, i] - Y_hat[0, i]) ** 2
    dY_hat = np.zeros(Y_hat.shape)
    for i in range(m):
        dY_hat[0, i] = -(Y[0, i] - Y_hat[0, i]) / m
    return [total / (2 * m), dY_hat]


def train_printing_accuracy(layers, X, Y, num_epochs, learning_rate):
    """After every update, one more forward pass to print the accuracy; compute_cost again to print the new cost."""
    pairs, costs = list(zip(layers[::2], layers[1::2])), []
    for epoch in range(num_epochs):
        cost, dA = compute_cost(Y, _forward(pairs, X))
        costs.append(cost)
        _backward(pairs, dA)
        for linear, _ in pairs:
            linear.update_params(learning_rate)
        A = _forward(pairs, X)
        new_cost, _ = compute_cost(Y, A)
        print(f"epoch {epoch}: cost {cost:.4f} -> {new_cost:.4f}, accuracy {np.mean((A > 0.5) == Y):.0%}")
    return costs


def train_return_values(layers, X, Y, num_epochs, learning_rate):
    """Uses what forward and backward return, updates each linear layer right after its backward, keeps floats."""
    costs = []
    epoch = 0
    while epoch < num_epochs:
        A = X
        for i in range(0, len(layers), 2):
            A = layers[i + 1].forward(layers[i].forward(A))
        cost, grad = compute_cost(Y, A)
        costs.append(float(cost))
        for i in reversed(range(0, len(layers), 2)):
            grad = layers[i].backward(layers[i + 1].backward(grad))
            layers[i].update_params(learning_rate)
        epoch += 1
    return costs


def train_inline_cost(layers, X, Y, num_epochs, learning_rate):
    """Works out the cost and dY_hat itself instead of calling compute_cost; prints every epoch; updates by hasattr."""
    pairs, costs = list(zip(layers[::2], layers[1::2])), []
    m = X.shape[1]
    for epoch in range(num_epochs):
        A = _forward(pairs, X)
        cost = np.sum((Y - A) ** 2) / (2 * m)
        costs.append(cost)
        print("epoch", epoch, "cost", cost)
        _backward(pairs, -(Y - A) / m)
        for layer in layers:
            if hasattr(layer, "update_params"):
                layer.update_params(learning_rate=learning_rate)
    return np.array(costs)


CORRECT = {
    "init: dictionary of scales": ("initialize_parameters", initialize_parameters),
    "init: np.random.normal with a scale": ("initialize_parameters", initialize_with_normal),
    "init: int zeros for b, ** 0.5, a print": ("initialize_parameters", initialize_with_int_bias),
    "linear: @, returns nothing": ("linear_layer", LinearLayer),
    "linear: np.dot, einsum, in-place update": ("linear_layer", LinearLayerDotEinsum),
    "linear: loops over examples, extra attributes, prints, dict rebuilt": ("linear_layer", LinearLayerLoops),
    "sigmoid layer: plain": ("sigmoid_layer", SigmoidLayer),
    "sigmoid layer: scipy's expit, returns A": ("sigmoid_layer", SigmoidLayerStable),
    "sigmoid layer: math.exp entry by entry, σ' from Z": ("sigmoid_layer", SigmoidLayerLoops),
    "cost: sum over 2m": ("compute_cost", compute_cost),
    "cost: mean, 0-d array": ("compute_cost", compute_cost_mean),
    "cost: loops, a Python float, a list": ("compute_cost", compute_cost_loops),
    # A (1, 1) array where a number belongs counts as that number, with a note (checker.checks.shapes.require_scalar).
    "cost: shape (1, 1)": ("compute_cost", _cost_variant(cost=lambda Y, Yh: (Y - Yh) @ (Y - Yh).T / (2 * Y.shape[1]))),
    "train: zip of pairs": ("train", train),
    "train: by index, costs as an array": ("train", train_by_index),
    "train: an extra forward pass and compute_cost to print": ("train", train_printing_accuracy),
    "train: return values, update inside the backward loop, while": ("train", train_return_values),
    "train: cost and dY_hat inline, updates found by hasattr": ("train", train_inline_cost),
    "outcomes: plain classes": ("outcomes", (LinearLayer, SigmoidLayer, train)),
    "outcomes: other classes, other loop": ("outcomes", (LinearLayerDotEinsum, SigmoidLayerStable, train_by_index)),
    "outcomes: loops, prints, an extra forward pass": ("outcomes", (LinearLayerLoops, SigmoidLayerLoops, train_printing_accuracy)),
    # compute_cost fails its own check, but this train works the cost out itself: the outcome is right, nothing is blamed.
    "outcomes: a wrong compute_cost that train never calls": ("outcomes", (LinearLayer, SigmoidLayer, train_inline_cost, compute_cost_sign)),
}


# A realistic bug made in the solution notebook, for the nbgrader pipeline (tests/test_nbgrader.py): (grade_id of the
# solution cell, old text, new text), the check that must lose its points, and the hint the student's feedback must show.
NOTEBOOK_BUG = (("linear_layer_code", "self.db = np.sum(upstream_grad, axis=1, keepdims=True)", "self.db = upstream_grad"),
                "linear_layer", say.DB_NOT_SUMMED)
