"""Assignment 03's recognised mistakes, each written as the mistaken computation (staff side only).

MISTAKES maps a computation's name to {diagnosis id: implementation with that one mistake}.
"""

import numpy as np

from checker.assignments.backprop_digits import messages as say
from checker.assignments.backprop_digits.reference import feedforward, forward_pass, sigmoid_prime


def _backprop(prime_of_activation=(), no_prime_in_bp1=False, no_prime_at=(), not_transposed=False, same_layer_weights=False,
              reversed_forward=(), output_offset=1, hidden_offset=1):
    """backprop with one recognised mistake: σ' of a at the layers in `prime_of_activation`, no σ' in BP2 at the layers in
    `no_prime_at` (counted back from the output, as zs[-layer]), BP2 through Wˡ instead of Wˡ⁺¹, the forward pass over
    the lists in `reversed_forward` taken last to first, and so on.

    A mistake that uses one layer's weights in another's place computes only where every layer has the same shape: on
    other networks it does not apply, and says so (None)."""
    square_only = not_transposed or same_layer_weights or bool(reversed_forward)

    def mistaken(biases, weights, x, y):
        if square_only and len({np.shape(w) for w in weights}) > 1:
            return None
        forward = {"biases": biases, "weights": weights}
        forward = {name: values[::-1] if name in reversed_forward else values for name, values in forward.items()}
        activations, zs = forward_pass(forward["biases"], forward["weights"], x)
        prime = lambda layer: 1.0 if layer in no_prime_at else sigmoid_prime(activations[-layer] if layer in prime_of_activation else zs[-layer])
        delta = activations[-1] - y if no_prime_in_bp1 else (activations[-1] - y) * prime(1)
        nabla_b, nabla_w = [None] * len(biases), [None] * len(weights)
        nabla_b[-1], nabla_w[-1] = delta.sum(axis=1, keepdims=True), delta @ activations[-1 - output_offset].T
        for layer in range(2, len(biases) + 1):
            w_next = weights[-layer] if same_layer_weights else weights[-layer + 1]
            delta = ((w_next if not_transposed else w_next.T) @ delta) * prime(layer)
            nabla_b[-layer], nabla_w[-layer] = delta.sum(axis=1, keepdims=True), delta @ activations[-layer - hidden_offset].T
        return nabla_b, nabla_w
    return mistaken


def _linear(biases, weights, a):
    for b, w in zip(biases, weights):
        a = w @ a + b
    return a


EVERY_LAYER = range(1, 100)
EVERY_HIDDEN_LAYER = range(2, 100)  # counted back from the output, which is layer 1
MISTAKES = {
    "backprop": {
        say.NO_PRIME_BP1.id: _backprop(no_prime_in_bp1=True),
        say.PRIME_OF_ACTIVATION.id: _backprop(prime_of_activation=(1,)),
        say.PRIME_OF_ACTIVATION.id + "_everywhere": _backprop(prime_of_activation=EVERY_LAYER),
        say.BP2_NOT_TRANSPOSED.id: _backprop(not_transposed=True),
        say.OFF_BY_ONE.id: _backprop(hidden_offset=0),
        say.OFF_BY_ONE.id + "_everywhere": _backprop(output_offset=0, hidden_offset=0),
        say.NO_PRIME_BP2.id: _backprop(no_prime_at=(2,)),
        say.NO_PRIME_BP2.id + "_everywhere": _backprop(no_prime_at=EVERY_HIDDEN_LAYER),
        say.WRONG_LAYER_WEIGHTS.id: _backprop(same_layer_weights=True),
        say.FORWARD_REVERSED.id: _backprop(reversed_forward=("biases", "weights")),
        say.FORWARD_REVERSED.id + "_weights": _backprop(reversed_forward=("weights",)),
    },
    "feedforward": {
        say.FEEDFORWARD_NO_BIAS.id: lambda biases, weights, a: feedforward([0 * b for b in biases], weights, a),
        say.FEEDFORWARD_NO_SIGMOID.id: _linear,
    },
    "evaluate": {
        say.ROUNDING.id: lambda biases, weights, test_data: sum(
            int(np.array_equal(np.round(feedforward(biases, weights, x)).ravel(), np.eye(len(weights[-1]))[label])) for x, label in test_data),
    },
}
