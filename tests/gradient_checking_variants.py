"""Implementations of assignment 04 that students really write: correct ones and buggy ones.

BUGS maps a name to (check, implementation, the diagnosis template it must get);
CORRECT maps a name to (check, implementation); tuples hold several functions for one check.
"""

import numpy as np

from checker.assignments.gradient_checking import messages as say
from checker.assignments.gradient_checking.inputs import SHAPES


def forward_propagation(x, theta):
    return theta * x


def backward_propagation(x, theta):
    return x


# The notebook's helpers as a student writes them (the catalogue never borrows the checker's own code).
def dictionary_to_vector(parameters):
    theta = np.concatenate([np.ravel(parameters[name]) for name in parameters]).reshape(-1, 1)
    return theta, [name for name in parameters for _ in range(np.size(parameters[name]))]


def vector_to_dictionary(theta, shapes):
    parameters, start = {}, 0
    for name, shape in shapes.items():
        size = int(np.prod(shape))
        parameters[name] = theta[start : start + size].reshape(shape)
        start += size
    return parameters


def gradients_to_vector(gradients):
    names, layer = [], 1
    while f"dW{layer}" in gradients:
        names += [f"dW{layer}", f"db{layer}"]
        layer += 1
    return np.concatenate([np.ravel(gradients[name]) for name in names]).reshape(-1, 1)


def gradient_check_1d(divisor=2, one_sided=False, difference=None):
    """The 1-D gradient_check, with the mistakes students make switched on."""
    def gradient_check(x, theta, epsilon=1e-7):
        J_plus = forward_propagation(x, theta + epsilon)
        J_minus = forward_propagation(x, theta) if one_sided else forward_propagation(x, theta - epsilon)
        gradapprox = (J_plus - J_minus) / ((1 if one_sided else divisor) * epsilon)
        grad = backward_propagation(x, theta)
        if difference:
            return difference(np.atleast_1d(grad), np.atleast_1d(gradapprox))
        return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return gradient_check


def gradient_check_n_with(perturb="copies", divisor=2, one_sided=False, difference=None, swap_data=False, rebuild=True):
    """gradient_check_n, where perturb says how θ is perturbed: "copies", "aliased", "once" or "in place"; swap_data gives
    the forward pass Y for X and X for Y; without rebuild the forward pass always gets the original parameters."""
    def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
        shapes = {name: np.shape(value) for name, value in parameters.items()}
        theta, _ = dictionary_to_vector(parameters)
        grad = gradients_to_vector(gradients)
        data = (Y, X) if swap_data else (X, Y)
        J = lambda vector: forward_propagation_n(*data, vector_to_dictionary(vector, shapes) if rebuild else parameters)[0]
        gradapprox = np.zeros((theta.shape[0], 1))
        plus_all, minus_all = np.copy(theta), np.copy(theta)
        for i in range(theta.shape[0]):
            if perturb == "aliased":
                theta_plus = theta
                theta_plus[i] += epsilon
                J_plus = J(theta_plus)
                theta_minus = theta
                theta_minus[i] -= epsilon
                J_minus = J(theta_minus)
            elif perturb == "once":
                plus_all[i] += epsilon
                minus_all[i] -= epsilon
                J_plus, J_minus = J(plus_all), J(minus_all)
            elif perturb == "in place":
                theta[i] += epsilon
                J_plus = J(theta)
                theta[i] -= 2 * epsilon
                J_minus = J(theta)
            else:
                theta_plus, theta_minus = np.copy(theta), np.copy(theta)
                theta_plus[i] += epsilon
                theta_minus[i] -= epsilon
                J_plus, J_minus = J(theta_plus), (J(theta) if one_sided else J(theta_minus))
            gradapprox[i] = (J_plus - J_minus) / ((1 if one_sided else divisor) * epsilon)
        if difference:
            return difference(grad, gradapprox)
        return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return gradient_check_n


def backward_with(dW2_factor=1, db1_factor=1, relu_mask=lambda A: A > 0, m_in_dZ3=False):
    """The shipped backward pass, its planted factors optional; m_in_dZ3 moves the 1/m into dZ3 (same dW and db)."""
    def backward_propagation_n(X, Y, cache):
        m = X.shape[1]
        Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
        dZ3 = (A3 - Y) / m if m_in_dZ3 else A3 - Y
        scale = 1 if m_in_dZ3 else m
        dA2 = W3.T @ dZ3
        dZ2 = dA2 * relu_mask(A2)
        dA1 = W2.T @ dZ2
        dZ1 = dA1 * relu_mask(A1)
        return {"dZ3": dZ3, "dW3": dZ3 @ A2.T / scale, "db3": dZ3.sum(axis=1, keepdims=True) / scale, "dA2": dA2, "dZ2": dZ2,
                "dW2": dW2_factor * dZ2 @ A1.T / scale, "db2": dZ2.sum(axis=1, keepdims=True) / scale, "dA1": dA1, "dZ1": dZ1,
                "dW1": dZ1 @ X.T / scale, "db1": db1_factor * dZ1.sum(axis=1, keepdims=True) / scale}
    return backward_propagation_n


def backward_by_differences(X, Y, cache):
    """No backward pass at all: centred differences of the notebook's forward_propagation_n, parameter by parameter."""
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}
    gradients = {}
    for name, value in parameters.items():
        gradient = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            plus, minus = {k: v.copy() for k, v in parameters.items()}, {k: v.copy() for k, v in parameters.items()}
            plus[name][index] += 1e-6
            minus[name][index] -= 1e-6
            gradient[index] = (forward_propagation_n(X, Y, plus)[0] - forward_propagation_n(X, Y, minus)[0]) / 2e-6
        gradients["d" + name] = gradient
    return gradients


# The notebook's own network, a global beside its functions (the cell that prices the shipped backward pass uses it).
parameters = {name: np.random.default_rng(4).normal(size=shape) for name, shape in SHAPES.items()}


def notebook_names(check, implementation, seed):
    """The backward pass's notebook also holds its global `parameters`, as a real one does."""
    if check.name != "backward_propagation_n":
        return None
    return {"backward_propagation_n": implementation, "parameters": parameters}


def backward_on_global_parameters(X, Y, cache):
    """The forward pass run again on the notebook's global parameters, not on the network in the cache."""
    _, cache = forward_propagation_n(X, Y, parameters)
    return backward_with()(X, Y, cache)


def keys_once(parameters):
    theta, _ = dictionary_to_vector(parameters)
    return theta, list(parameters)


def gradients_everything(gradients):
    return np.concatenate([np.ravel(value) for value in gradients.values()]).reshape(-1, 1)


def theta_never_filled(parameters):
    keys = [name for name in parameters for _ in range(np.size(parameters[name]))]
    theta = np.zeros((len(keys), 1))
    return theta, keys


def gradients_dW_twice(gradients):
    L = len([key for key in gradients if key.startswith("dW")])
    return np.concatenate([np.reshape(gradients["dW" + str(l)], (-1, 1)) for l in range(1, L + 1) for _ in "Wb"])


HELPERS = (dictionary_to_vector, vector_to_dictionary, gradients_to_vector)
L1 = lambda g, a: np.sum(np.abs(g - a)) / (np.sum(np.abs(g)) + np.sum(np.abs(a)))
BUGS = {
    "1-D: forward returns θ + x": ("one_dimensional", (lambda x, t: t + x, backward_propagation), say.FORWARD_1D),
    "1-D: backward returns θ": ("one_dimensional", (forward_propagation, lambda x, t: t), say.BACKWARD_1D),
    "gradient_check: one-sided": ("gradient_check", gradient_check_1d(one_sided=True), say.MISTAKES["one-sided"]),
    "gradient_check: divides by ε": ("gradient_check", gradient_check_1d(divisor=1), say.MISTAKES["epsilon denominator"]),
    "gradient_check: no denominator": ("gradient_check", gradient_check_1d(difference=lambda g, a: np.linalg.norm(g - a)), say.MISTAKES["no denominator"]),
    "gradient_check: squared norms": ("gradient_check", gradient_check_1d(
        difference=lambda g, a: np.sum((g - a) ** 2) / (np.sum(g**2) + np.sum(a**2))), say.MISTAKES["squared norms"]),
    "helpers: sorted order": ("vector_helpers", (lambda p: dictionary_to_vector(dict(sorted(p.items()))), vector_to_dictionary, gradients_to_vector), say.ORDER_WRONG),
    "helpers: column-major flattening": ("vector_helpers", (
        lambda p: (np.concatenate([np.ravel(v, order="F") for v in p.values()]).reshape(-1, 1), dictionary_to_vector(p)[1]),
        vector_to_dictionary, gradients_to_vector), say.ORDER_WRONG),
    "helpers: one key per parameter": ("vector_helpers", (keys_once, vector_to_dictionary, gradients_to_vector), say.KEYS_WRONG),
    "helpers: no reshape back": ("vector_helpers", (dictionary_to_vector, lambda theta, shapes: {k: theta for k in shapes}, gradients_to_vector), say.ROUND_TRIP),
    "helpers: every gradient entry, dZ and dA too": ("vector_helpers", (dictionary_to_vector, vector_to_dictionary, gradients_everything), say.GRADIENTS_ORDER),
    "helpers: theta preallocated, never filled": ("vector_helpers", (theta_never_filled, vector_to_dictionary, gradients_to_vector), say.THETA_WRONG),
    "helpers: dW twice, no db": ("vector_helpers", (dictionary_to_vector, vector_to_dictionary, gradients_dW_twice), say.GRADIENTS_WRONG),
    "gradient_check_n: one-sided": ("gradient_check_n", gradient_check_n_with(one_sided=True), say.MISTAKES["one-sided"]),
    "gradient_check_n: divides by ε": ("gradient_check_n", gradient_check_n_with(divisor=1), say.MISTAKES["epsilon denominator"]),
    "gradient_check_n: no np.copy": ("gradient_check_n", gradient_check_n_with(perturb="aliased"), say.MISTAKES["aliased"]),
    "gradient_check_n: copies made once": ("gradient_check_n", gradient_check_n_with(perturb="once"), say.MISTAKES["several at once"]),
    "gradient_check_n: θ not restored": ("gradient_check_n", gradient_check_n_with(perturb="in place"), say.MISTAKES["not restored"]),
    "gradient_check_n: L1 norm": ("gradient_check_n", gradient_check_n_with(difference=L1), say.MISTAKES["L1 norm"]),
    "gradient_check_n: no denominator": ("gradient_check_n", gradient_check_n_with(difference=lambda g, a: np.linalg.norm(g - a)), say.MISTAKES["no denominator"]),
    "gradient_check_n: X and Y swapped": ("gradient_check_n", gradient_check_n_with(swap_data=True), say.NOT_PASSED_ON),
    "gradient_check_n: forward pass on the original parameters": ("gradient_check_n", gradient_check_n_with(rebuild=False), say.REBUILD_PARAMETERS),
    "backward: shipped, both bugs": ("backward_propagation_n", backward_with(dW2_factor=2, db1_factor=4), say.PLANTED_LEFT),
    "backward: only dW2 fixed": ("backward_propagation_n", backward_with(db1_factor=4), say.PLANTED_LEFT),
    "backward: ReLU mask A >= 0": ("backward_propagation_n", backward_with(relu_mask=lambda A: A >= 0), say.BACKWARD_WRONG),
    "backward: the forward pass run again on the notebook's global parameters": (
        "backward_propagation_n", backward_on_global_parameters, say.FORWARD_ON_OTHER_PARAMETERS),
    "backward: dZ3 with the 1/m inside": ("backward_propagation_n", backward_with(m_in_dZ3=True), say.INTERMEDIATE_WRONG),
}


def gradient_check_abs(x, theta, epsilon=1e-7):
    approx = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return abs(grad - approx) / (abs(grad) + abs(approx))


def dictionary_to_vector_vstack(parameters):
    theta = np.vstack([value.reshape(-1, 1) for value in parameters.values()])
    return theta, sum(([name] * value.size for name, value in parameters.items()), [])


def vector_to_dictionary_split(theta, shapes):
    sizes = np.cumsum([int(np.prod(shape)) for shape in shapes.values()])[:-1]
    return {name: block.reshape(shape) for (name, shape), block in zip(shapes.items(), np.split(np.ravel(theta), sizes))}


def gradients_to_vector_by_layers(gradients):
    layers = sorted(int(key[2:]) for key in gradients if key.startswith("dW"))
    return np.vstack([gradients[f"d{kind}{layer}"].reshape(-1, 1) for layer in layers for kind in ("W", "b")])


def forward_propagation_dot(x, theta):
    J = np.dot(theta, x)
    return J


def gradient_check_course(x, theta, epsilon=1e-7):
    """The course's 1-D checker: thetaplus and thetaminus, np.linalg.norm, and its verdict printed."""
    thetaplus = theta + epsilon
    thetaminus = theta - epsilon
    J_plus = forward_propagation(x, thetaplus)
    J_minus = forward_propagation(x, thetaminus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    print("The gradient is correct!" if difference < 1e-7 else "The gradient is wrong!")
    return difference


def dictionary_to_vector_counting(parameters):
    """The course's loop: reshape each parameter to a column and concatenate, counting the parameters."""
    keys, count = [], 0
    for key in parameters.keys():
        new_vector = np.reshape(parameters[key], (-1, 1))
        keys = keys + [key] * new_vector.shape[0]
        theta = new_vector if count == 0 else np.concatenate((theta, new_vector), axis=0)
        count = count + 1
    return theta, keys


def gradients_to_vector_counting(gradients):
    L = len([key for key in gradients.keys() if key.startswith("dW")])
    count = 0
    for l in range(1, L + 1):
        for key in ["dW" + str(l), "db" + str(l)]:
            new_vector = np.reshape(gradients[key], (-1, 1))
            theta = new_vector if count == 0 else np.concatenate((theta, new_vector), axis=0)
            count = count + 1
    return theta


def gradient_check_n_course(parameters, gradients, X, Y, epsilon=1e-7):
    """The course's signature (no print_msg): J_plus and J_minus kept per entry, thetaplus[i][0] nudged, the verdict printed."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus, J_minus, gradapprox = np.zeros((num_parameters, 1)), np.zeros((num_parameters, 1)), np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        thetaplus = np.copy(parameters_values)
        thetaplus[i][0] = thetaplus[i][0] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus, shapes))
        thetaminus = np.copy(parameters_values)
        thetaminus[i][0] = thetaminus[i][0] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus, shapes))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    print(("There is a mistake in the backward propagation! difference = " if difference > 2e-7
           else "Your backward propagation works perfectly fine! difference = ") + str(difference))
    return difference


def gradient_check_n_inline(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """No helper called: θ and the gradient column flattened by hand, the parameters rebuilt by hand for each cost."""
    names = list(parameters)
    theta = np.concatenate([parameters[name].reshape(-1) for name in names])
    grad = np.concatenate([gradients["d" + name].reshape(-1) for name in names])
    sizes = np.cumsum([0] + [parameters[name].size for name in names])

    def cost(vector):
        rebuilt = {name: vector[sizes[k]:sizes[k + 1]].reshape(parameters[name].shape) for k, name in enumerate(names)}
        return forward_propagation_n(X, Y, rebuilt)[0]

    gradapprox = np.zeros_like(theta)
    for i in range(theta.size):
        step = np.zeros_like(theta)
        step[i] = epsilon
        gradapprox[i] = (cost(theta + step) - cost(theta - step)) / (2 * epsilon)
    if print_msg:
        print("difference computed")
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


CORRECT = {
    "1-D: plain": ("one_dimensional", (forward_propagation, backward_propagation)),
    "1-D: np.multiply": ("one_dimensional", (lambda x, t: np.multiply(t, x), lambda x, t: float(x))),
    "1-D: np.dot, as the course writes J": ("one_dimensional", (forward_propagation_dot, backward_propagation)),
    "gradient_check: norms": ("gradient_check", gradient_check_1d()),
    "gradient_check: abs": ("gradient_check", gradient_check_abs),
    "gradient_check: the course's, prints its verdict": ("gradient_check", gradient_check_course),
    "helpers: ravel and concatenate": ("vector_helpers", HELPERS),
    "helpers: vstack, split, layer loop": ("vector_helpers", (dictionary_to_vector_vstack, vector_to_dictionary_split, gradients_to_vector_by_layers)),
    "helpers: the course's loops with a count": ("vector_helpers", (dictionary_to_vector_counting, vector_to_dictionary, gradients_to_vector_counting)),
    "gradient_check_n: copies": ("gradient_check_n", gradient_check_n_with()),
    "gradient_check_n: the course's signature, no print_msg, prints its verdict": ("gradient_check_n", gradient_check_n_course),
    "gradient_check_n: no helper called, all inline": ("gradient_check_n", gradient_check_n_inline),
    "backward: fixed": ("backward_propagation_n", backward_with()),
    "backward: mask from Z": ("backward_propagation_n", lambda X, Y, cache: backward_with(relu_mask=lambda A: A > 0)(X, Y, cache)),
    # Right results however they are got: centred differences of forward_propagation_n on the network in the cache.
    "backward: finite differences of the forward pass": ("backward_propagation_n", backward_by_differences),
}


# A realistic bug made in the solution notebook, for the nbgrader pipeline (tests/test_nbgrader.py): (grade_id of the
# solution cell, old text, new text), the check that must lose its points, and the hint the student's feedback must show.
NOTEBOOK_BUG = (("backward_propagation_n_code", "dW2 = dZ2 @ A1.T / m", "dW2 = dZ2 @ A1.T * 2 / m"), "backward_propagation_n", say.PLANTED_LEFT)
