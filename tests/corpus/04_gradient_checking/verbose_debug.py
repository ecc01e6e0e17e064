"""A student who prints as they go: progress through the entries, each parameter's own difference, and the verdicts."""

# %%
def forward_propagation(x, theta):
    """J = theta * x, a number."""
    J = theta * x
    return J


def backward_propagation(x, theta):
    """dJ/dtheta for J = theta * x, a number."""
    dtheta = x
    return dtheta


print("J(2, 4) =", forward_propagation(2, 4), " dJ/dtheta =", backward_propagation(2, 4))

# %%
def gradient_check(x, theta, epsilon=1e-7):
    """Relative difference between backward_propagation and a centred difference of forward_propagation."""
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    print("gradapprox =", gradapprox, " grad =", grad)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if difference < 1e-7:
        print("derivative agrees, difference =", difference)
    else:
        print("derivative disagrees, difference =", difference)
    return difference

# %%
def dictionary_to_vector(parameters):
    """(theta, keys): every parameter flattened into one column (n, 1), and the name of each entry."""
    columns = []
    keys = []
    for name, value in parameters.items():
        columns.append(np.ravel(value).reshape(-1, 1))
        keys.extend([name] * np.size(value))
    theta = np.vstack(columns)
    print("dictionary_to_vector:", len(parameters), "parameters,", theta.shape[0], "entries")
    return theta, keys


def vector_to_dictionary(theta, shapes):
    """The parameters dictionary back from the column theta (n, 1), with the names and shapes of shapes."""
    parameters = {}
    start = 0
    for name, shape in shapes.items():
        end = start + int(np.prod(shape))
        parameters[name] = theta[start:end].reshape(shape)
        start = end
    return parameters


def gradients_to_vector(gradients):
    """The column (n, 1) of dW1, db1, dW2, db2, ..., flattened in that order."""
    number_of_layers = sum(1 for key in gradients if key.startswith("dW"))
    columns = []
    for l in range(1, number_of_layers + 1):
        columns.append(np.ravel(gradients[f"dW{l}"]).reshape(-1, 1))
        columns.append(np.ravel(gradients[f"db{l}"]).reshape(-1, 1))
    theta = np.vstack(columns)
    return theta

# %%
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Relative difference between the backward pass's gradients and centred differences of the cost."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    keys = dictionary_to_vector(parameters)[1]
    n = theta.shape[0]
    print(f"checking {n} entries with epsilon = {epsilon}")
    for i in range(n):
        thetaplus = np.copy(theta)
        thetaplus[i, 0] += epsilon
        thetaminus = np.copy(theta)
        thetaminus[i, 0] -= epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus, shapes))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus, shapes))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
        if i % 10 == 0:
            print(f"  entry {i}/{n} ({keys[i]}): grad {grad[i, 0]:+.6f}, approx {gradapprox[i, 0]:+.6f}")
    # where do they disagree? one difference per parameter
    names = np.array(keys)
    for name in parameters:
        block = names == name
        g, a = grad[block], gradapprox[block]
        print(f"  {name}: difference {np.linalg.norm(g - a) / (np.linalg.norm(g) + np.linalg.norm(a) + 1e-12):.2e}")
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    print("overall difference:", difference)
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
    print("backward_propagation_n: dW1", dW1.shape, "dW2", dW2.shape, "dW3", dW3.shape)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
