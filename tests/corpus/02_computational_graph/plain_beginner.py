"""A first-time student: if/elif for the scalings, np.dot everywhere, pairs of layers, the cost printed every 1000 epochs."""

# %%
def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    if ini_type == "plain":
        W = np.random.randn(n_out, n_in) * 0.01
    elif ini_type == "xavier":
        W = np.random.randn(n_out, n_in) / np.sqrt(n_in)
    elif ini_type == "he":
        W = np.random.randn(n_out, n_in) * np.sqrt(2 / n_in)
    b = np.zeros((n_out, 1))
    return {"W": W, "b": b}

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        self.Z = np.dot(self.params["W"], self.A_prev) + self.params["b"]
        return self.Z

    def backward(self, upstream_grad):
        self.dW = np.dot(upstream_grad, self.A_prev.T)
        self.db = np.sum(upstream_grad, axis=1, keepdims=True)
        self.dA_prev = np.dot(self.params["W"].T, upstream_grad)
        return self.dA_prev

    def update_params(self, learning_rate=0.1):
        self.params["W"] = self.params["W"] - learning_rate * self.dW
        self.params["b"] = self.params["b"] - learning_rate * self.db

# %%
class SigmoidLayer:
    """A = sigmoid(Z), entry by entry; no parameters."""

    def __init__(self, shape):
        self.A = np.zeros(shape)

    def forward(self, Z):
        self.A = 1 / (1 + np.exp(-Z))
        return self.A

    def backward(self, upstream_grad):
        self.dZ = upstream_grad * self.A * (1 - self.A)
        return self.dZ

# %%
def compute_cost(Y, Y_hat):
    """Squared-error cost 1/(2m) Σ (Y - Y_hat)² and its gradient with respect to Y_hat."""
    m = Y.shape[1]
    cost = (1 / (2 * m)) * np.sum(np.square(Y - Y_hat))
    cost = np.squeeze(cost)
    dY_hat = -1 / m * (Y - Y_hat)
    return float(cost), dY_hat

# %%
def train(layers, X, Y, num_epochs, learning_rate):
    """Full-batch gradient descent on alternating linear and sigmoid layers; returns the cost of every epoch."""
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    for epoch in range(num_epochs):
        # forward
        A = X
        for linear, sigmoid in pairs:
            linear.forward(A)
            sigmoid.forward(linear.Z)
            A = sigmoid.A

        # cost
        cost, dA = compute_cost(Y, A)
        costs.append(cost)
        if epoch % 1000 == 0:
            print("Cost at epoch", epoch, ":", cost)

        # backward
        for linear, sigmoid in reversed(pairs):
            sigmoid.backward(dA)
            linear.backward(sigmoid.dZ)
            dA = linear.dA_prev

        # update
        for linear, sigmoid in pairs:
            linear.update_params(learning_rate)
    return costs
