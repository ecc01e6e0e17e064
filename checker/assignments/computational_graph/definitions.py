"""The layers and the cost of assignment 02 as the notebook defines them, computed by the judge.

Forward passes and the cost by their formulas, backward passes by centred differences of those
formulas (the sigmoid's by SymPy's σ'): nothing here is the answer key. The judges of a watched run
compare a student's calls with these, and the layers lent to `train` compute with them.
"""

import numpy as np

from checker.checks import symbolic
from checker.gradients.numerical import numerical_gradient, numerical_vjp


def _arrays(*values):
    return [np.asarray(value, dtype=np.float64) for value in values]


def linear_output(W, b, A_prev):
    """Z = W · A_prev + b."""
    W, b, A_prev = _arrays(W, b, A_prev)
    return W @ A_prev + b


def linear_gradients(W, b, A_prev, G):
    """{"dW", "db", "dA_prev"}: the gradients of Σ Z ⊙ G, by centred differences of Z = W · A_prev + b."""
    W, b, A_prev, G = _arrays(W, b, A_prev, G)
    return {"dW": numerical_vjp(lambda v: v @ A_prev + b, W, G), "db": numerical_vjp(lambda v: W @ A_prev + v, b, G),
            "dA_prev": numerical_vjp(lambda v: W @ v + b, A_prev, G)}


def sigmoid_output(Z):
    """A = σ(Z), entry by entry."""
    return symbolic.sigmoid(*_arrays(Z))


def sigmoid_gradient(Z, G):
    """dZ = G ⊙ σ'(Z)."""
    Z, G = _arrays(Z, G)
    return G * symbolic.sigmoid_derivative(Z)


def cost(Y, Y_hat):
    """J = 1/(2m) Σ (Y - Ŷ)², with m the number of columns of Y."""
    Y, Y_hat = _arrays(Y, Y_hat)
    return float(np.sum((Y - Y_hat) ** 2) / (2 * Y.shape[1]))


def cost_gradient(Y, Y_hat):
    """∂J/∂Ŷ, by centred differences of the cost."""
    return numerical_gradient(lambda value: cost(Y, value), Y_hat)
