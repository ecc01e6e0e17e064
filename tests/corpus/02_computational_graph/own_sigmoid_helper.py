"""A student with helper functions of their own (sigmoid, its derivative from A, the mean squared error) used by the classes."""

# %%
def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    scale = {"plain": 0.01, "xavier": 1 / np.sqrt(n_in), "he": np.sqrt(2 / n_in)}[ini_type]
    return {"W": scale * np.random.randn(n_out, n_in), "b": np.zeros((n_out, 1))}

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        self.Z = self.params["W"] @ self.A_prev + self.params["b"]
        return self.Z

    def backward(self, upstream_grad):
        self.dW = upstream_grad @ self.A_prev.T
        self.db = np.sum(upstream_grad, axis=1, keepdims=True)
        self.dA_prev = self.params["W"].T @ upstream_grad
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        self.params["W"] = self.params["W"] - learning_rate * self.dW
        self.params["b"] = self.params["b"] - learning_rate * self.db

# %%
def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative_from_output(a):
    # sigma'(z) written with a = sigma(z)
    return a * (1 - a)


class SigmoidLayer:
    """A = sigmoid(Z), entry by entry; no parameters."""

    def __init__(self, shape):
        self.A = np.zeros(shape)

    def forward(self, Z):
        self.A = sigmoid(Z)
        return self.A

    def backward(self, upstream_grad):
        self.dZ = upstream_grad * sigmoid_derivative_from_output(self.A)
        return self.dZ

# %%
def mean_squared_error(Y, Y_hat):
    return np.mean((Y - Y_hat) ** 2)


def compute_cost(Y, Y_hat):
    """Squared-error cost 1/(2m) Σ (Y - Y_hat)² and its gradient with respect to Y_hat."""
    m = Y.shape[1]
    cost = mean_squared_error(Y, Y_hat) / 2
    dY_hat = -(1 / m) * (Y - Y_hat)
    return float(cost), dY_hat

# %%
def train(layers, X, Y, num_epochs, learning_rate):
    """Full-batch gradient descent on alternating linear and sigmoid layers; returns the cost of every epoch."""
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    for epoch in range(num_epochs):
        A = X
        for linear, act in pairs:
            linear.forward(A)
            act.forward(linear.Z)
            A = act.A
        cost, dY_hat = compute_cost(Y, A)
        costs.append(cost)
        if epoch % 250 == 0:
            print("epoch %5d  cost %.5f" % (epoch, cost))
        upstream = dY_hat
        for linear, act in reversed(pairs):
            act.backward(upstream)
            linear.backward(act.dZ)
            upstream = linear.dA_prev
        for linear, act in pairs:
            linear.update_params(learning_rate)
    return costs
