"""A student who writes comprehensions: a dict comprehension to rebuild, gradapprox as a list of slopes, heaviside masks."""

# %%
def forward_propagation(x, theta):
    """J = theta * x, a number."""
    J = theta * x
    return J


def backward_propagation(x, theta):
    """dJ/dtheta for J = theta * x, a number."""
    dtheta = x
    return dtheta

# %%
def gradient_check(x, theta, epsilon=1e-7):
    """Relative difference between backward_propagation and a centred difference of forward_propagation."""
    J_plus, J_minus = [forward_propagation(x, theta + sign * epsilon) for sign in (1, -1)]
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference

# %%
def dictionary_to_vector(parameters):
    """(theta, keys): every parameter flattened into one column (n, 1), and the name of each entry."""
    theta = np.hstack([value.ravel() for value in map(np.asarray, parameters.values())]).reshape(-1, 1)
    keys = sum(([name] * np.asarray(value).size for name, value in parameters.items()), [])
    return theta, keys


def vector_to_dictionary(theta, shapes):
    """The parameters dictionary back from the column theta (n, 1), with the names and shapes of shapes."""
    ends = np.cumsum([int(np.prod(shape)) for shape in shapes.values()])
    starts = ends - [int(np.prod(shape)) for shape in shapes.values()]
    parameters = {name: theta[start:end].reshape(shape) for (name, shape), start, end in zip(shapes.items(), starts, ends)}
    return parameters


def gradients_to_vector(gradients):
    """The column (n, 1) of dW1, db1, dW2, db2, ..., flattened in that order."""
    L = max(int(key[2:]) for key in gradients if key.startswith("dW"))
    theta = np.hstack([np.ravel(gradients[f"{kind}{l}"]) for l in range(1, L + 1) for kind in ("dW", "db")]).reshape(-1, 1)
    return theta

# %%
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Relative difference between the backward pass's gradients and centred differences of the cost."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))

    def cost_with(i, delta):
        moved = np.copy(theta)
        moved[i, 0] += delta
        return forward_propagation_n(X, Y, vector_to_dictionary(moved, shapes))[0]

    gradapprox = np.array([[(cost_with(i, epsilon) - cost_with(i, -epsilon)) / (2 * epsilon)] for i in range(len(theta))])
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if print_msg:
        verdict = "looks right" if difference <= 1e-6 else "has a mistake"
        print(f"difference {difference:.3g}: the backward pass {verdict}")
    return difference

# %%
def backward_propagation_n(X, Y, cache):
    """Gradients of the 3-layer network, corrected."""
    m = X.shape[1]
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    dZ3 = A3 - Y
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * np.heaviside(Z2, 0)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * np.heaviside(Z1, 0)
    grads = {"dZ3": dZ3, "dA2": dA2, "dZ2": dZ2, "dA1": dA1, "dZ1": dZ1}
    for l, (dZ, A_prev) in enumerate([(dZ1, X), (dZ2, A1), (dZ3, A2)], start=1):
        grads[f"dW{l}"] = dZ @ A_prev.T / m
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m
    return grads
