"""A student who writes norms as np.linalg.norm(v, ord=2) and sqrt(v.T v), keeps the course's names, and uses np.float64."""

# %%
def forward_propagation(x, theta):
    """J = theta * x, a number."""
    J = np.float64(theta) * x
    return J


def backward_propagation(x, theta):
    """dJ/dtheta for J = theta * x, a number."""
    dtheta = np.float64(x)
    return dtheta

# %%
def gradient_check(x, theta, epsilon=1e-7):
    """Relative difference between backward_propagation and a centred difference of forward_propagation."""
    thetaplus = theta + epsilon
    thetaminus = theta - epsilon
    gradapprox = (forward_propagation(x, thetaplus) - forward_propagation(x, thetaminus)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(np.array([grad - gradapprox]), ord=2)
    denominator = np.linalg.norm(np.array([grad]), ord=2) + np.linalg.norm(np.array([gradapprox]), ord=2)
    difference = numerator / denominator
    return difference

# %%
def dictionary_to_vector(parameters):
    """(theta, keys): every parameter flattened into one column (n, 1), and the name of each entry."""
    keys = []
    theta = None
    for key in parameters:
        new_vector = np.reshape(np.ravel(parameters[key]), (-1, 1))
        keys += [key] * len(new_vector)
        theta = new_vector if theta is None else np.concatenate((theta, new_vector))
    return theta, keys


def vector_to_dictionary(theta, shapes):
    """The parameters dictionary back from the column theta (n, 1), with the names and shapes of shapes."""
    parameters = {}
    begin = 0
    for key in shapes:
        size = int(np.prod(shapes[key]))
        parameters[key] = np.reshape(theta[begin:begin + size], shapes[key])
        begin += size
    return parameters


def gradients_to_vector(gradients):
    """The column (n, 1) of dW1, db1, dW2, db2, ..., flattened in that order."""
    theta = None
    l = 1
    while "dW%d" % l in gradients:
        for key in ("dW%d" % l, "db%d" % l):
            new_vector = np.reshape(np.ravel(gradients[key]), (-1, 1))
            theta = new_vector if theta is None else np.concatenate((theta, new_vector))
        l += 1
    return theta

# %%
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Relative difference between the backward pass's gradients and centred differences of the cost."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    num_parameters = theta.shape[0]
    for i in range(num_parameters):
        thetaplus = np.copy(theta)
        thetaplus[i][0] = thetaplus[i][0] + epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus, shapes))
        thetaminus = np.copy(theta)
        thetaminus[i][0] = thetaminus[i][0] - epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus, shapes))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    # ord=2 of a column is its Euclidean length
    numerator = np.linalg.norm(grad - gradapprox, ord=2)
    denominator = np.sqrt(np.dot(grad.T, grad)).item() + np.sqrt(np.dot(gradapprox.T, gradapprox)).item()
    difference = numerator / denominator
    if print_msg:
        verdict = "looks right" if difference <= 1e-6 else "has a mistake"
        print(f"difference {difference:.3g}: the backward pass {verdict}")
    return difference

# %%
def backward_propagation_n(X, Y, cache):
    """Gradients of the 3-layer network, corrected."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, A2 > 0)
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, A1 > 0)
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
