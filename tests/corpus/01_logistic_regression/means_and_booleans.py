"""A terse student: np.mean for the cost and db, X @ dZ.T / m, boolean predictions turned into floats."""

# %% data_preparation_code
m_train, num_px = train_set_x_orig.shape[0], train_set_x_orig.shape[1]
m_test = test_set_x_orig.shape[0]
train_set_x_flatten = train_set_x_orig.reshape(m_train, -1).T
test_set_x_flatten = test_set_x_orig.reshape(m_test, -1).T
train_set_x, test_set_x = train_set_x_flatten / 255, test_set_x_flatten / 255

# %%
def sigmoid(z):
    """Return 1 / (1 + e^(-z)): a number for a number, an array of the shape of z computed entry by entry for an array."""
    return 1 / (1 + np.exp(-z))

# %%
def initialize_with_zeros(dim):
    """Return w, zeros of shape (dim, 1), and b = 0.0."""
    return np.zeros((dim, 1)), 0.0

# %%
def propagate(w, b, X, Y):
    """Cost and gradients of logistic regression.

    w: weights (n_x, 1); b: bias, a number; X: data (n_x, m); Y: labels (1, m).
    Returns grads = {"dw": (n_x, 1), "db": number} and the cost, a number.
    """
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dZ = A - Y
    dw = X @ dZ.T / m
    db = np.mean(dZ)
    grads = {"dw": dw, "db": db}
    return grads, cost

# %%
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent on w and b; returns params, the last grads, and the cost every 100 iterations."""
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
    params = {"w": w, "b": b}
    return params, grads, costs

# %%
def predict(w, b, X):
    """Labels (1, m): 1.0 where sigmoid(w.T @ X + b) > 0.5, else 0.0."""
    Y_prediction = (sigmoid(w.T @ X + b) > 0.5).astype(float)
    return Y_prediction

# %%
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train logistic regression on the training set and predict on both sets.

    Returns a dictionary with the keys costs, Y_prediction_test, Y_prediction_train, w, b, learning_rate, num_iterations.
    """
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_test, Y_prediction_train = predict(w, b, X_test), predict(w, b, X_train)
    if print_cost:
        print(f"train accuracy: {100 * np.mean(Y_prediction_train == Y_train):.1f} %")
        print(f"test accuracy:  {100 * np.mean(Y_prediction_test == Y_test):.1f} %")
    return {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
