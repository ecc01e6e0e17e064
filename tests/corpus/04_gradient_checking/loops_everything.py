"""A student who builds every vector entry by entry in Python lists and computes norms by hand."""

# %%
def forward_propagation(x, theta):
    """J = theta * x, a number."""
    J = x * theta
    return J


def backward_propagation(x, theta):
    """dJ/dtheta for J = theta * x, a number."""
    dtheta = x
    return dtheta

# %%
def gradient_check(x, theta, epsilon=1e-7):
    """Relative difference between backward_propagation and a centred difference of forward_propagation."""
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    # for single numbers the 2-norm is the absolute value
    difference = abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))
    return difference

# %%
def dictionary_to_vector(parameters):
    """(theta, keys): every parameter flattened into one column (n, 1), and the name of each entry."""
    values = []
    keys = []
    for name in parameters:
        for v in np.ravel(parameters[name]):
            values.append(v)
            keys.append(name)
    theta = np.array(values, dtype=float).reshape(len(values), 1)
    return theta, keys


def vector_to_dictionary(theta, shapes):
    """The parameters dictionary back from the column theta (n, 1), with the names and shapes of shapes."""
    parameters = {}
    position = 0
    for name in shapes:
        array = np.zeros(shapes[name])
        for index in np.ndindex(*shapes[name]):
            array[index] = theta[position, 0]
            position += 1
        parameters[name] = array
    return parameters


def gradients_to_vector(gradients):
    """The column (n, 1) of dW1, db1, dW2, db2, ..., flattened in that order."""
    values = []
    layer = 1
    while ("dW" + str(layer)) in gradients:
        for name in ("dW" + str(layer), "db" + str(layer)):
            for v in np.ravel(gradients[name]):
                values.append(v)
        layer += 1
    theta = np.array(values, dtype=float).reshape(-1, 1)
    return theta

# %%
def norm(v):
    total = 0.0
    for value in np.ravel(v):
        total += value * value
    return total ** 0.5


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Relative difference between the backward pass's gradients and centred differences of the cost."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    for i in range(len(theta)):
        thetaplus = np.copy(theta)
        thetaplus[i][0] = thetaplus[i][0] + epsilon
        thetaminus = np.copy(theta)
        thetaminus[i][0] = thetaminus[i][0] - epsilon
        cost_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus, shapes))
        cost_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus, shapes))
        gradapprox[i][0] = (cost_plus - cost_minus) / (2 * epsilon)
    difference = norm(grad - gradapprox) / (norm(grad) + norm(gradapprox))
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
    dW3 = np.dot(dZ3, A2.T) / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = dA2 * (A2 > 0)
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = dA1 * (A1 > 0)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
