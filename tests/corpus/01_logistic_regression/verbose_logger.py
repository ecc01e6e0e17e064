"""A student who prints everything and calls propagate again just to log the cost after training."""

# %% data_preparation_code
print("train_set_x_orig:", train_set_x_orig.shape, "test_set_x_orig:", test_set_x_orig.shape)
m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
print("m_train =", m_train, "m_test =", m_test, "num_px =", num_px)

train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
print("flattened:", train_set_x_flatten.shape, test_set_x_flatten.shape)
print("sanity check after reshaping:", train_set_x_flatten[0:5, 0])

train_set_x = train_set_x_flatten / 255.
test_set_x = test_set_x_flatten / 255.
print("max pixel after scaling:", train_set_x.max())

# %%
def sigmoid(z):
    """Return 1 / (1 + e^(-z)): a number for a number, an array of the shape of z computed entry by entry for an array."""
    s = 1 / (1 + np.exp(-z))
    return s

print("sigmoid(0) =", sigmoid(0))
print("sigmoid([-1, 0, 1]) =", sigmoid(np.array([-1, 0, 1])))

# %%
def initialize_with_zeros(dim):
    """Return w, zeros of shape (dim, 1), and b = 0.0."""
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b

w_test, b_test = initialize_with_zeros(3)
print("w =", w_test.ravel(), "b =", b_test)

# %%
def propagate(w, b, X, Y):
    """Cost and gradients of logistic regression.

    w: weights (n_x, 1); b: bias, a number; X: data (n_x, m); Y: labels (1, m).
    Returns grads = {"dw": (n_x, 1), "db": number} and the cost, a number.
    """
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -(1 / m) * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = (1 / m) * np.dot(X, (A - Y).T)
    db = (1 / m) * np.sum(A - Y)
    grads = {"dw": dw, "db": db}
    return grads, cost

# %%
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent on w and b; returns params, the last grads, and the cost every 100 iterations."""
    costs = []
    print(f"optimize: {num_iterations} iterations at learning rate {learning_rate}, X {X.shape}")
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print("Cost after iteration %i: %f" % (i, cost))
                print("   |dw| = %.5f, db = %.5f, b = %.5f" % (np.linalg.norm(grads["dw"]), grads["db"], b))
    # one more call, only to see where we ended up
    _, final_cost = propagate(w, b, X, Y)
    print("final cost:", final_cost)
    params = {"w": w, "b": b}
    return params, grads, costs

# %%
def predict(w, b, X):
    """Labels (1, m): 1.0 where sigmoid(w.T @ X + b) > 0.5, else 0.0."""
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (A > 0.5).astype(float)
    print("predict: %d examples, %d predicted as 1" % (X.shape[1], Y_prediction.sum()))
    return Y_prediction

# %%
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train logistic regression on the training set and predict on both sets.

    Returns a dictionary with the keys costs, Y_prediction_test, Y_prediction_train, w, b, learning_rate, num_iterations.
    """
    print("model: training on", X_train.shape[1], "examples, testing on", X_test.shape[1])
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    # log the training cost once more, and the size of the last gradient
    _, train_cost = propagate(w, b, X_train, Y_train)
    print("training cost after optimize:", train_cost, "| last dw norm:", np.linalg.norm(grads["dw"]))
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    print("train accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100))
    print("test accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100))
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
