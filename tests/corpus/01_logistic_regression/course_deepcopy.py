"""The newer course template: copy.deepcopy in optimize, cost = np.squeeze(np.array(cost)), keyword arguments to optimize."""

# %% data_preparation_code
m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]

# flatten: one column per picture
train_set_x_flatten = train_set_x_orig.reshape(m_train, -1).T
test_set_x_flatten = test_set_x_orig.reshape(m_test, -1).T

# standardize
train_set_x = train_set_x_flatten / 255.
test_set_x = test_set_x_flatten / 255.

# %%
def sigmoid(z):
    """Return 1 / (1 + e^(-z)): a number for a number, an array of the shape of z computed entry by entry for an array."""
    # YOUR CODE STARTS HERE
    s = 1 / (1 + np.exp(-z))
    # YOUR CODE ENDS HERE
    return s

# %%
def initialize_with_zeros(dim):
    """Return w, zeros of shape (dim, 1), and b = 0.0."""
    # YOUR CODE STARTS HERE
    w = np.zeros((dim, 1))
    b = 0.0
    # YOUR CODE ENDS HERE
    return w, b

# %%
def propagate(w, b, X, Y):
    """Cost and gradients of logistic regression.

    w: weights (n_x, 1); b: bias, a number; X: data (n_x, m); Y: labels (1, m).
    Returns grads = {"dw": (n_x, 1), "db": number} and the cost, a number.
    """
    m = X.shape[1]
    # YOUR CODE STARTS HERE
    A = sigmoid(np.dot(w.T, X) + b)
    cost = (-1 / m) * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))

    dw = (1 / m) * np.dot(X, (A - Y).T)
    db = (1 / m) * np.sum(A - Y)
    # YOUR CODE ENDS HERE
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost

# %%
import copy

def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent on w and b; returns params, the last grads, and the cost every 100 iterations."""
    w = copy.deepcopy(w)
    b = copy.deepcopy(b)
    costs = []
    for i in range(num_iterations):
        # YOUR CODE STARTS HERE
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        # YOUR CODE ENDS HERE

        # Record the costs
        if i % 100 == 0:
            costs.append(cost)
            # Print the cost every 100 training iterations
            if print_cost:
                print("Cost after iteration %i: %f" % (i, cost))
    params = {"w": w, "b": b}
    return params, grads, costs

# %%
def predict(w, b, X):
    """Labels (1, m): 1.0 where sigmoid(w.T @ X + b) > 0.5, else 0.0."""
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    w = w.reshape(X.shape[0], 1)
    # YOUR CODE STARTS HERE
    A = sigmoid(np.dot(w.T, X) + b)
    # YOUR CODE ENDS HERE
    for i in range(A.shape[1]):
        # YOUR CODE STARTS HERE
        if A[0, i] > 0.5:
            Y_prediction[0, i] = 1
        else:
            Y_prediction[0, i] = 0
        # YOUR CODE ENDS HERE
    return Y_prediction

# %%
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Train logistic regression on the training set and predict on both sets.

    Returns a dictionary with the keys costs, Y_prediction_test, Y_prediction_train, w, b, learning_rate, num_iterations.
    """
    # YOUR CODE STARTS HERE
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,
                                    learning_rate=learning_rate, print_cost=print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    # YOUR CODE ENDS HERE
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
