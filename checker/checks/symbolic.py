"""Activations and losses written once in SymPy; their derivatives are derived, never typed.

Every expression becomes a NumPy function through `lambdify` (numpy_function); the checks
use these as ground truth. Elementwise activations take and return arrays of any shape; vector
functions (softmax, losses) take columns (n, 1) or matrices whose columns are examples.
"""

import functools

import numpy as np
import sympy

z, y = sympy.symbols("z y", real=True)
LEAKY_SLOPE = sympy.Rational(1, 100)

SIGMOID = 1 / (1 + sympy.exp(-z))
# Binary cross-entropy of one example, as a function of its pre-activation z and label y.
BINARY_CROSS_ENTROPY = -(y * sympy.log(SIGMOID) + (1 - y) * sympy.log(1 - SIGMOID))

ACTIVATIONS = {
    "sigmoid": SIGMOID,
    "tanh": sympy.tanh(z),
    "relu": sympy.Piecewise((0, z < 0), (z, True)),
    "leaky_relu": sympy.Piecewise((LEAKY_SLOPE * z, z < 0), (z, True)),
}
# Where an activation has no derivative; derivative checks keep their points away from it.
KINKS = {"relu": 0.0, "leaky_relu": 0.0}

# Losses of one example: output column a against target column y, both of length n.
LOSSES = {
    "mse": lambda a, t: sum((ai - ti) ** 2 for ai, ti in zip(a, t)) / 2,
    "binary_cross_entropy": lambda a, t: -sum(ti * sympy.log(ai) + (1 - ti) * sympy.log(1 - ai) for ai, ti in zip(a, t)),
    "categorical_cross_entropy": lambda a, t: -sum(ti * sympy.log(ai) for ai, ti in zip(a, t)),
    "log_cosh": lambda a, t: sum(sympy.log(sympy.cosh(ai - ti)) for ai, ti in zip(a, t)),
}


def numpy_function(symbols, expression):
    """`sympy.lambdify(symbols, expression, modules="numpy")`: the same printer and the same code, run in NumPy's namespace.

    The module itself, rather than the name "numpy", spares lambdify its `from numpy import *`, which imports
    every NumPy submodule (f2py, testing, ...): a tenth of a second of the self-check.
    """
    return sympy.lambdify(symbols, expression, modules=np)


def to_numpy(expression, *symbols):
    """A NumPy function of `symbols` computing `expression`, broadcast to its inputs' shape."""
    compiled = numpy_function(symbols, expression)

    def compute(*values):
        arrays = [np.asarray(value, dtype=np.float64) for value in values]
        shape = arrays[0].shape if len(arrays) == 1 else np.broadcast_shapes(*(array.shape for array in arrays))
        result = np.asarray(compiled(*arrays), dtype=np.float64)
        if result.shape == shape and result.base is None and all(result is not array for array in arrays):
            return result  # a new array of the right shape already (the answer keys' training loops call this thousands of times)
        # A constant derivative comes back as a plain number: give it the inputs' shape (a copy, never an input itself).
        return np.broadcast_to(result, shape).copy()

    return compute


def _rows_to_numpy(expressions, *symbol_rows):
    """A NumPy function of columns (one per symbol row) returning the expressions as rows."""
    symbols = [s for row in symbol_rows for s in row]
    compiled = numpy_function(symbols, list(expressions))

    def compute(*columns):
        arrays = [np.asarray(column, dtype=np.float64) for column in columns]
        rows = [row for array in arrays for row in array]
        return np.stack([np.broadcast_to(np.asarray(r, dtype=np.float64), arrays[0].shape[1:]) for r in compiled(*rows)])

    return compute


def _vector(name, n):
    return sympy.symbols(f"{name}0:{n}", real=True)


@functools.lru_cache(maxsize=None)
def activation(name):
    return to_numpy(ACTIVATIONS[name], z)


@functools.lru_cache(maxsize=None)
def activation_derivative(name):
    return to_numpy(sympy.diff(ACTIVATIONS[name], z), z)


@functools.lru_cache(maxsize=64)
def loss_gradient(name, n):
    """∂loss/∂a for outputs of length n, as a function of columns a and y."""
    a, t = _vector("a", n), _vector("t", n)
    loss = LOSSES[name](a, t)
    return _rows_to_numpy([sympy.diff(loss, ai) for ai in a], a, t)


@functools.lru_cache(maxsize=64)
def _softmax(n):
    zs = _vector("z", n)
    total = sum(sympy.exp(zi) for zi in zs)
    return zs, [sympy.exp(zi) / total for zi in zs]


@functools.lru_cache(maxsize=64)
def _softmax_numpy(n):
    zs, expressions = _softmax(n)
    return _rows_to_numpy(expressions, zs)


def softmax_columns(values):
    """Softmax of each column. Evaluated at z - max z, which leaves softmax unchanged and cannot overflow."""
    values = np.asarray(values, dtype=np.float64)
    return _softmax_numpy(values.shape[0])(values - values.max(axis=0))


@functools.lru_cache(maxsize=64)
def _softmax_cross_entropy_gradient(n):
    zs, probabilities = _softmax(n)
    t = _vector("t", n)
    loss = LOSSES["categorical_cross_entropy"](probabilities, t)
    return _rows_to_numpy([sympy.diff(loss, zi) for zi in zs], zs, t)


def softmax_cross_entropy_gradient(values, targets):
    """∂/∂z of the cross-entropy of softmax(z) against targets, per column (shift-invariant too)."""
    values = np.asarray(values, dtype=np.float64)
    return _softmax_cross_entropy_gradient(values.shape[0])(values - values.max(axis=0), targets)


sigmoid = activation("sigmoid")
sigmoid_derivative = activation_derivative("sigmoid")
binary_cross_entropy = to_numpy(BINARY_CROSS_ENTROPY, z, y)
# d(loss)/dz over one denominator, (e^z (1 - y) - y) / (e^z + 1) = sigmoid(z) - y: the "dZ = A - Y" of
# assignment 01. sympy.together gives the same form as sympy.simplify without its 0.25 s import.
binary_cross_entropy_dz = to_numpy(sympy.together(sympy.diff(BINARY_CROSS_ENTROPY, z)), z, y)
