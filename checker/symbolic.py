"""Activations and losses written once in SymPy; their derivatives are derived, never typed.

Every expression is turned into a NumPy function with `lambdify(..., modules="numpy")`.
The checks use these as ground truth.
"""

import numpy as np
import sympy

z, y = sympy.symbols("z y", real=True)

SIGMOID = 1 / (1 + sympy.exp(-z))
# Binary cross-entropy of one example, as a function of its pre-activation z and label y.
BINARY_CROSS_ENTROPY = -(y * sympy.log(SIGMOID) + (1 - y) * sympy.log(1 - SIGMOID))


def to_numpy(expression, *symbols):
    """A NumPy function of `symbols` computing `expression`, broadcast to its inputs' shape."""
    compiled = sympy.lambdify(symbols, expression, modules="numpy")

    def evaluate(*values):
        arrays = [np.asarray(value, dtype=np.float64) for value in values]
        shape = np.broadcast_shapes(*(array.shape for array in arrays))
        # A constant derivative comes back as a plain number: give it the inputs' shape.
        return np.broadcast_to(np.asarray(compiled(*arrays), dtype=np.float64), shape).copy()

    return evaluate


sigmoid = to_numpy(SIGMOID, z)
sigmoid_derivative = to_numpy(sympy.diff(SIGMOID, z), z)
binary_cross_entropy = to_numpy(BINARY_CROSS_ENTROPY, z, y)
# d(loss)/dz, which simplifies to sigmoid(z) - y: the "dZ = A - Y" of the notebook.
binary_cross_entropy_dz = to_numpy(sympy.simplify(sympy.diff(BINARY_CROSS_ENTROPY, z)), z, y)
