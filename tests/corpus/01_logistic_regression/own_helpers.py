"""A student who factors the maths into helpers of their own (forward, cross_entropy, accuracy) and reuses them."""

# %% data_preparation_code
def flatten_images(images):
    # one image per column
    return images.reshape(images.shape[0], -1).T

m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
train_set_x_flatten = flatten_images(train_set_x_orig)
test_set_x_flatten = flatten_images(test_set_x_orig)
train_set_x = train_set_x_flatten / 255.0
test_set_x = test_set_x_flatten / 255.0

# %%
def sigmoid(z):
    """Return 1 / (1 + e^(-z)): a number for a number, an array of the shape of z computed entry by entry for an array."""
    return 1.0 / (1.0 + np.exp(-z))

# %%
def initialize_with_zeros(dim):
    """Return w, zeros of shape (dim, 1), and b = 0.0."""
    w = np.zeros(shape=(dim, 1), dtype=float)
    b = float(0)
    return w, b

# %%
def forward(w, b, X):
    """A = sigmoid(w^T X + b), one probability per column."""
    return sigmoid(np.dot(w.T, X) + b)


def cross_entropy(A, Y):
    m = Y.shape[1]
    return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m


def propagate(w, b, X, Y):
    """Cost and gradients of logistic regression.

    w: weights (n_x, 1); b: bias, a number; X: data (n_x, m); Y: labels (1, m).
    Returns grads = {"dw": (n_x, 1), "db": number} and the cost, a number.
    """
    m = X.shape[1]
    A = forward(w, b, X)
    cost = cross_entropy(A, Y)
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    grads = {"dw": dw, "db": db}
    return grads, cost

# %%
def gradient_step(w, b, grads, learning_rate):
    return w - learning_rate * grads["dw"], b - learning_rate * grads["db"]


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent on w and b; returns params, the last grads, and the cost every 100 iterations."""
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w, b = gradient_step(w, b, grads, learning_rate)
        if i % 100 == 0:
            costs.append(cost)
        if print_cost and i % 100 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    params = {"w": w, "b": b}
    return params, grads, costs

# %%
def predict(w, b, X):
    """Labels (1, m): 1.0 where sigmoid(w.T @ X + b) > 0.5, else 0.0."""
    A = forward(w, b, X)
    Y_prediction = np.zeros(A.shape)
    Y_prediction[A > 0.5] = 1.0
    return Y_prediction

# %%
def accuracy(Y_prediction, Y):
    return 100 * np.mean(Y_prediction == Y)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train logistic regression on the training set and predict on both sets.

    Returns a dictionary with the keys costs, Y_prediction_test, Y_prediction_train, w, b, learning_rate, num_iterations.
    """
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,
                                    learning_rate=learning_rate, print_cost=print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    if print_cost:
        print(f"train accuracy: {accuracy(Y_prediction_train, Y_train):.1f} %")
        print(f"test accuracy:  {accuracy(Y_prediction_test, Y_test):.1f} %")
    return {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
