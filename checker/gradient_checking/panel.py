"""Functions with SymPy-derived gradients on which the students' gradient checkers are graded."""

import functools

import numpy as np
import sympy

from checker import symbolic

theta, x = sympy.symbols("theta x", real=True)
ONE_D = {
    "J = θx": theta * x,
    "J = sin(θx)": sympy.sin(theta * x),
    "J = θ³x": theta**3 * x,
    "J = x·e^θ": x * sympy.exp(theta),
}
# Small parameters with the 3-layer names, W1 square so a transposed block stays the same shape.
SHAPES = {"W1": (3, 3), "b1": (3, 1), "W2": (2, 3), "b2": (2, 1), "W3": (1, 2), "b3": (1, 1)}
SIZE = sum(int(np.prod(shape)) for shape in SHAPES.values())


@functools.lru_cache(maxsize=None)
def one_dimensional(name):
    """(J(x, θ), dJ/dθ(x, θ)) as NumPy functions."""
    expression = ONE_D[name]
    return symbolic.to_numpy(expression, x, theta), symbolic.to_numpy(sympy.diff(expression, theta), x, theta)


@functools.lru_cache(maxsize=None)
def vector_function(name):
    """(cost(θ column), gradient(θ column)) of a smooth function of all the parameters."""
    t = sympy.symbols(f"t0:{SIZE}", real=True)
    weights = [sympy.Rational(k % 5 + 1, 7) for k in range(SIZE)]
    expression = {
        "tanh chain": sum(sympy.tanh(t[k] * t[k + 1]) for k in range(SIZE - 1)) + sum(w * ti**2 for w, ti in zip(weights, t)) / 4,
        "log-sum-exp": sympy.log(sum(sympy.exp(w * ti) for w, ti in zip(weights, t))),
    }[name]
    cost = sympy.lambdify([t], expression, modules="numpy")
    gradient = sympy.lambdify([t], [sympy.diff(expression, ti) for ti in t], modules="numpy")
    return (lambda column: float(cost(np.ravel(column)))), (lambda column: np.array(gradient(np.ravel(column)), dtype=float).reshape(-1, 1))


def as_forward(cost, reference):
    """A forward_propagation_n(X, Y, parameters) computing cost(θ), for swapping into the student's namespace."""
    return lambda X, Y, parameters: (cost(reference.dictionary_to_vector(parameters)[0]), None)


def as_gradients(column, reference):
    """The gradient column as the dictionary backward_propagation_n returns (dW1, db1, ...)."""
    return {"d" + name: value for name, value in reference.vector_to_dictionary(column, SHAPES).items()}


def _one_wrong_entry(gradient):
    wrong = gradient.copy()
    wrong[7, 0] = 1.5 * wrong[7, 0] + 0.3
    return wrong


def _dW2_doubled(gradient):
    wrong = gradient.copy()
    wrong[12:18] *= 2  # dW2 follows dW1 (9 entries) and db1 (3)
    return wrong


def _dW1_transposed(gradient):
    wrong = gradient.copy()
    wrong[0:9] = gradient[0:9].reshape(3, 3).T.reshape(9, 1)
    return wrong


WRONG_GRADIENTS = {"one wrong entry": _one_wrong_entry, "dW2 doubled": _dW2_doubled, "dW1 transposed": _dW1_transposed}
