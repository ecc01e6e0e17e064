"""A student fond of one-liners: concatenate over comprehensions, np.split at cumulative sizes, a basis vector per entry."""

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
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference

# %%
def dictionary_to_vector(parameters):
    """(theta, keys): every parameter flattened into one column (n, 1), and the name of each entry."""
    theta = np.concatenate([np.ravel(value) for value in parameters.values()]).reshape(-1, 1)
    keys = [name for name, value in parameters.items() for _ in range(np.size(value))]
    return theta, keys


def vector_to_dictionary(theta, shapes):
    """The parameters dictionary back from the column theta (n, 1), with the names and shapes of shapes."""
    sizes = [int(np.prod(shape)) for shape in shapes.values()]
    pieces = np.split(np.ravel(theta), np.cumsum(sizes)[:-1])
    parameters = {name: piece.reshape(shape) for (name, shape), piece in zip(shapes.items(), pieces)}
    return parameters


def gradients_to_vector(gradients):
    """The column (n, 1) of dW1, db1, dW2, db2, ..., flattened in that order."""
    names = sorted((key for key in gradients if key[:2] in ("dW", "db")), key=lambda key: (int(key[2:]), key[1] != "W"))
    theta = np.concatenate([np.ravel(gradients[name]) for name in names]).reshape(-1, 1)
    return theta

# %%
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Relative difference between the backward pass's gradients and centred differences of the cost."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    for i in range(theta.shape[0]):
        step = np.zeros_like(theta)
        step[i] = epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta + step, shapes))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta - step, shapes))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
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
    dW3 = dZ3 @ A2.T / m
    db3 = dZ3.sum(axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
