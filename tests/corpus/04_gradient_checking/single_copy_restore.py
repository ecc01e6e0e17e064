"""A student who perturbs one copy of theta up, then down, then puts the entry back; sqrt of sums for the norms."""

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
    plus = forward_propagation(x, theta + epsilon)
    minus = forward_propagation(x, theta - epsilon)
    gradapprox = (plus - minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = np.sqrt((grad - gradapprox) ** 2) / (np.sqrt(grad ** 2) + np.sqrt(gradapprox ** 2))
    return difference

# %%
def dictionary_to_vector(parameters):
    """(theta, keys): every parameter flattened into one column (n, 1), and the name of each entry."""
    theta = np.zeros((0, 1))
    keys = []
    for key, value in parameters.items():
        theta = np.append(theta, np.ravel(value).reshape(-1, 1), axis=0)
        keys = keys + [key] * np.ravel(value).shape[0]
    return theta, keys


def vector_to_dictionary(theta, shapes):
    """The parameters dictionary back from the column theta (n, 1), with the names and shapes of shapes."""
    parameters = {}
    i = 0
    for key, shape in shapes.items():
        n = int(np.prod(shape))
        parameters[key] = theta[i:i + n].reshape(shape).copy()
        i += n
    return parameters


def gradients_to_vector(gradients):
    """The column (n, 1) of dW1, db1, dW2, db2, ..., flattened in that order."""
    theta = np.zeros((0, 1))
    l = 1
    while f"dW{l}" in gradients:
        theta = np.append(theta, np.ravel(gradients[f"dW{l}"]).reshape(-1, 1), axis=0)
        theta = np.append(theta, np.ravel(gradients[f"db{l}"]).reshape(-1, 1), axis=0)
        l += 1
    return theta

# %%
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Relative difference between the backward pass's gradients and centred differences of the cost."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    shifted = np.copy(theta)  # theta itself never changes
    for i in range(len(shifted)):
        original = shifted[i, 0]
        shifted[i, 0] = original + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(shifted, shapes))
        shifted[i, 0] = original - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(shifted, shapes))
        shifted[i, 0] = original
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    numerator = np.sqrt(np.sum((grad - gradapprox) ** 2))
    denominator = np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(gradapprox ** 2))
    difference = numerator / denominator
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
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (Z2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
