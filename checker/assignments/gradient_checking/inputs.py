"""What assignment 04's checks work with: the network the notebook provides, and a panel of functions with SymPy gradients.

Students' gradient checkers are graded on the panel: functions whose gradients SymPy derives,
each given with its correct gradient and with subtly wrong ones.
"""

import functools

import numpy as np
import sympy

from checker.assignments.gradient_checking.beside import data_weight
from checker.checks import symbolic

theta, x = sympy.symbols("theta x", real=True)
ONE_D = {
    "J = θx": theta * x,
    "J = sin(θx)": sympy.sin(theta * x),
    "J = θ³x": theta**3 * x,
    "J = x·e^θ": x * sympy.exp(theta),
}
# Small parameters with the 3-layer names, W1 square so a transposed block stays the same shape.
SHAPES = {"W1": (3, 3), "b1": (3, 1), "W2": (2, 3), "b2": (2, 1), "W3": (1, 2), "b3": (1, 1)}
# A smaller network with other shapes, for the round trip through vector_to_dictionary.
SMALL_SHAPES = {"W1": (2, 4), "b1": (2, 1), "W2": (1, 2), "b2": (1, 1)}
SIZE = sum(int(np.prod(shape)) for shape in SHAPES.values())
KEYS = [name for name, shape in SHAPES.items() for _ in range(int(np.prod(shape)))]
VECTOR_FUNCTIONS = ("tanh chain", "log-sum-exp")


def forward_propagation_n(X, Y, parameters):
    """The notebook's provided 3-layer network (LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID): (cost, cache)."""
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    A1 = np.maximum(0, Z1)
    Z2 = W2 @ A1 + b2
    A2 = np.maximum(0, Z2)
    Z3 = W3 @ A2 + b3
    A3 = symbolic.sigmoid(Z3)
    cost = float(np.mean(symbolic.binary_cross_entropy(Z3, Y)))
    return cost, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def random_parameters(rng, shapes=SHAPES):
    return {name: rng.normal(size=shape) for name, shape in shapes.items()}


@functools.lru_cache(maxsize=None)
def one_dimensional(name):
    """(J(x, θ), dJ/dθ(x, θ)) as NumPy functions."""
    expression = ONE_D[name]
    return symbolic.to_numpy(expression, x, theta), symbolic.to_numpy(sympy.diff(expression, theta), x, theta)


@functools.lru_cache(maxsize=None)
def vector_expression(name):
    """(symbols t0..t17, SymPy expression) of a smooth panel function of all the parameters."""
    t = sympy.symbols(f"t0:{SIZE}", real=True)
    weights = [sympy.Rational(k % 5 + 1, 7) for k in range(SIZE)]
    expression = {
        "tanh chain": sum(sympy.tanh(t[k] * t[k + 1]) for k in range(SIZE - 1)) + sum(w * ti**2 for w, ti in zip(weights, t)) / 4,
        "log-sum-exp": sympy.log(sum(sympy.exp(w * ti) for w, ti in zip(weights, t))),
    }[name]
    return t, expression


@functools.lru_cache(maxsize=None)
def vector_cost_sources():
    """{panel function: NumPy source in t0, t1, ...}, for the helpers that run beside the student's code."""
    from sympy.printing.numpy import NumPyPrinter

    return {name: NumPyPrinter().doprint(vector_expression(name)[1]) for name in VECTOR_FUNCTIONS}


ROUTING_SHAPES = {"W1": (1, 2), "b1": (1, 1)}  # three entries: few calls of the helpers, each seen by the judge


def routing_cost(theta):
    """The cost of the case that shows where gradient_check_n's arguments go: any smooth function of θ serves."""
    theta = np.ravel(theta)
    return float(np.sum(np.tanh(theta) ** 2))


def routing_case(rng):
    """A small gradient_check_n case, drawn here, run with the helpers lent from the judge: plain data as panel_case's."""
    parameters = random_parameters(rng, ROUTING_SHAPES)
    gradient = rng.normal(size=(3, 1))
    gradients = {"dW1": gradient[:2].reshape(1, 2), "db1": gradient[2:].reshape(1, 1), "dA1": rng.normal(size=(1, 2))}
    X, Y = panel_data(rng, 2)
    keys = [name for name, shape in ROUTING_SHAPES.items() for _ in range(int(np.prod(shape)))]
    return {"function": None, "parameters": parameters, "gradients": gradients, "X": X, "Y": Y, "epsilon": 1e-7,
            "keys": keys, "order": rng.permutation(len(keys))}


def panel_data(rng, examples):
    """X and Y for a case, redrawn until swapping them changes the cost's data weight by a visible amount."""
    while True:
        X, Y = rng.normal(size=(3, examples)), (rng.uniform(size=(1, examples)) > 0.5).astype(float)
        if abs(data_weight(X, Y) - data_weight(Y, X)) > 0.2:
            return X, Y


def panel_case(rng, name, label, epsilon):
    """(θ column, the arguments of one gradient_check_n call as plain data) for a panel case, drawn here.

    The cost is the panel function times the data's weight (beside.data_weight), so
    the gradients dictionary holds the weighted gradient (correct or wrong) under dW1, db1, ..., with
    the intermediates a backward pass also returns, which gradients_to_vector must leave out.
    """
    parameters = random_parameters(rng)
    theta = np.concatenate([np.ravel(value) for value in parameters.values()]).reshape(-1, 1)
    extras = {"dZ3": rng.normal(size=(1, 2)), "dA2": rng.normal(size=(2, 2))}
    X, Y = panel_data(rng, 2)
    weight = data_weight(X, Y)
    column, gradients, start = gradient_n(name, label, theta, weight).ravel(), {}, 0
    for key, shape in SHAPES.items():
        size = int(np.prod(shape))
        gradients["d" + key] = column[start : start + size].reshape(shape)
        start += size
    gradients = {"dZ3": extras["dZ3"], **gradients, "dA2": extras["dA2"]}
    return theta, {"function": name, "parameters": parameters, "gradients": gradients, "X": X, "Y": Y, "epsilon": epsilon,
                   "keys": KEYS, "order": rng.permutation(SIZE)}


@functools.lru_cache(maxsize=None)
def vector_function(name):
    """(cost(θ column), gradient(θ column)) of a smooth function of all the parameters."""
    t, expression = vector_expression(name)
    cost = symbolic.numpy_function([t], expression)
    gradient = symbolic.numpy_function([t], [sympy.diff(expression, ti) for ti in t])
    return (lambda column: float(cost(np.ravel(column)))), (lambda column: np.array(gradient(np.ravel(column)), dtype=float).reshape(-1, 1))


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
CORRECT_1D, WRONG_1D = "correct derivative", "derivative 10 % too large"
CORRECT_N = "correct gradient"


def derivative_scale(label):
    """What the panel's derivative is multiplied by: 1 when correct, 1.1 for the panel's mistake."""
    return 1.0 if label == CORRECT_1D else 1.1


def derivative_1d(name, label):
    """dJ/dθ of a 1-D panel function, correct or with the panel's mistake."""
    _, derivative = one_dimensional(name)
    return lambda x, t: derivative_scale(label) * derivative(x, t)


@functools.lru_cache(maxsize=None)
def one_dimensional_sources():
    """{panel function: (NumPy source of J, of dJ/dθ) in x and theta}, for the runner beside the student's code."""
    from sympy.printing.numpy import NumPyPrinter

    printer = NumPyPrinter()
    return {name: (printer.doprint(expression), printer.doprint(sympy.diff(expression, theta))) for name, expression in ONE_D.items()}


def as_the_helpers_give_it(name, label, theta, weight, order):
    """(cost, θ column, gradient column) of a panel case as its helpers give them: the cost times the data's weight,
    the entries in the case's own order (a checker that perturbs entries in turn meets them in that order)."""
    cost, order = vector_function(name)[0], np.asarray(order, dtype=np.intp)
    natural = np.asarray(theta, dtype=np.float64).reshape(-1, 1)

    def shuffled_cost(column):
        unshuffled = np.empty_like(natural)
        unshuffled[order] = np.asarray(column, dtype=np.float64).reshape(-1, 1)
        return weight * cost(unshuffled)

    return shuffled_cost, natural[order], gradient_n(name, label, natural, weight)[order]


def gradient_n(name, label, theta, weight=1.0):
    """The gradient column of a vector panel function at θ times a data weight, correct or with one of the panel's mistakes."""
    truth = weight * vector_function(name)[1](theta)
    return truth if label == CORRECT_N else WRONG_GRADIENTS[label](truth)
