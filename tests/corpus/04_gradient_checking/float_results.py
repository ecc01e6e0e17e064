"""A student who returns plain Python floats everywhere (float(...)), joins with np.vstack, and uses math.prod for sizes."""

# %%
def forward_propagation(x, theta):
    """J = theta * x, a number."""
    J = float(theta * x)
    return J


def backward_propagation(x, theta):
    """dJ/dtheta for J = theta * x, a number."""
    dtheta = float(x)
    return dtheta

# %%
def gradient_check(x, theta, epsilon=1e-7):
    """Relative difference between backward_propagation and a centred difference of forward_propagation."""
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = float(np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))
    return difference

# %%
import math


def dictionary_to_vector(parameters):
    """(theta, keys): every parameter flattened into one column (n, 1), and the name of each entry."""
    theta = np.vstack([np.ravel(parameters[k])[:, None] for k in parameters])
    keys = [k for k in parameters for _ in range(math.prod(np.shape(parameters[k])))]
    return theta, keys


def vector_to_dictionary(theta, shapes):
    """The parameters dictionary back from the column theta (n, 1), with the names and shapes of shapes."""
    parameters = {}
    start = 0
    for k, shape in shapes.items():
        stop = start + math.prod(shape)
        parameters[k] = np.array(theta[start:stop]).reshape(shape)
        start = stop
    return parameters


def gradients_to_vector(gradients):
    """The column (n, 1) of dW1, db1, dW2, db2, ..., flattened in that order."""
    count = sum(1 for k in gradients if k.startswith("dW"))
    order = []
    for l in range(1, count + 1):
        order += ["dW%d" % l, "db%d" % l]
    theta = np.vstack([np.ravel(gradients[k])[:, None] for k in order])
    return theta

# %%
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Relative difference between the backward pass's gradients and centred differences of the cost."""
    shapes = {name: np.shape(value) for name, value in parameters.items()}
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros((theta.shape[0], 1))
    for i in range(theta.shape[0]):
        up = theta.copy()
        up[i, 0] += epsilon
        down = theta.copy()
        down[i, 0] -= epsilon
        cost_up = float(forward_propagation_n(X, Y, vector_to_dictionary(up, shapes))[0])
        cost_down = float(forward_propagation_n(X, Y, vector_to_dictionary(down, shapes))[0])
        gradapprox[i, 0] = (cost_up - cost_down) / (2 * epsilon)
    difference = float(np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox)))
    if print_msg:
        verdict = "looks right" if difference <= 1e-6 else "has a mistake"
        print(f"difference {difference:.3g}: the backward pass {verdict}")
    return difference

# %%
def backward_propagation_n(X, Y, cache):
    """Gradients of the 3-layer network, corrected."""
    m = X.shape[1]
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    gradients = {}
    dZ3 = A3 - Y
    gradients["dZ3"] = dZ3
    gradients["dW3"] = np.matmul(dZ3, A2.T) / m
    gradients["db3"] = np.mean(dZ3, axis=1, keepdims=True)
    dA2 = np.matmul(W3.T, dZ3)
    dZ2 = dA2 * (A2 > 0).astype(float)
    gradients["dA2"], gradients["dZ2"] = dA2, dZ2
    gradients["dW2"] = np.matmul(dZ2, A1.T) / m
    gradients["db2"] = np.mean(dZ2, axis=1, keepdims=True)
    dA1 = np.matmul(W2.T, dZ2)
    dZ1 = dA1 * (A1 > 0).astype(float)
    gradients["dA1"], gradients["dZ1"] = dA1, dZ1
    gradients["dW1"] = np.matmul(dZ1, X.T) / m
    gradients["db1"] = np.mean(dZ1, axis=1, keepdims=True)
    return gradients
