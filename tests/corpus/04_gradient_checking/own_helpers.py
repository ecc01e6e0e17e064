"""A student who writes helpers of their own (relative_difference, a centred slope, a cost of theta) and reuses them."""

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
def relative_difference(grad, gradapprox):
    """||grad - gradapprox|| / (||grad|| + ||gradapprox||)"""
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


def centred_slope(f, value, epsilon):
    return (f(value + epsilon) - f(value - epsilon)) / (2 * epsilon)


def gradient_check(x, theta, epsilon=1e-7):
    """Relative difference between backward_propagation and a centred difference of forward_propagation."""
    gradapprox = centred_slope(lambda t: forward_propagation(x, t), theta, epsilon)
    grad = backward_propagation(x, theta)
    difference = relative_difference(grad, gradapprox)
    return difference

# %%
def flatten_column(array):
    return np.ravel(array).reshape(-1, 1)


def dictionary_to_vector(parameters):
    """(theta, keys): every parameter flattened into one column (n, 1), and the name of each entry."""
    theta = np.concatenate([flatten_column(parameters[name]) for name in parameters], axis=0)
    keys = []
    for name in parameters:
        keys += [name] * flatten_column(parameters[name]).shape[0]
    return theta, keys


def vector_to_dictionary(theta, shapes):
    """The parameters dictionary back from the column theta (n, 1), with the names and shapes of shapes."""
    parameters = {}
    offset = 0
    for name, shape in shapes.items():
        count = int(np.prod(shape))
        parameters[name] = np.reshape(theta[offset:offset + count], shape)
        offset += count
    return parameters


def gradients_to_vector(gradients):
    """The column (n, 1) of dW1, db1, dW2, db2, ..., flattened in that order."""
    layers = len([key for key in gradients if key.startswith("dW")])
    names = [prefix + str(l) for l in range(1, layers + 1) for prefix in ("dW", "db")]
    theta = np.concatenate([flatten_column(gradients[name]) for name in names], axis=0)
    return theta

# %%
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Relative difference between the backward pass's gradients and centred differences of the cost."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))

    def cost_of(vector):
        cost, _ = forward_propagation_n(X, Y, vector_to_dictionary(vector, shapes))
        return cost

    for i in range(theta.shape[0]):
        def cost_along_i(value):
            moved = np.copy(theta)
            moved[i, 0] = value
            return cost_of(moved)
        gradapprox[i, 0] = centred_slope(cost_along_i, theta[i, 0], epsilon)
    difference = relative_difference(grad, gradapprox)
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
    dW3 = 1 / m * dZ3 @ A2.T
    db3 = 1 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * np.where(A2 > 0, 1, 0)
    dW2 = 1 / m * dZ2 @ A1.T
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * np.where(A1 > 0, 1, 0)
    dW1 = 1 / m * dZ1 @ X.T
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
