"""A student who, after each update, runs one more forward pass to print the accuracy every 500 epochs."""

# %%
def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    W = np.random.randn(n_out, n_in)
    if ini_type == "plain":
        W = W * 0.01
    elif ini_type == "xavier":
        W = W * np.sqrt(1 / n_in)
    elif ini_type == "he":
        W = W * np.sqrt(2 / n_in)
    b = np.zeros((n_out, 1))
    return {"W": W, "b": b}

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        self.Z = self.params["W"] @ A_prev + self.params["b"]
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
    cost = np.sum((Y - Y_hat) ** 2) / (2 * m)
    dY_hat = -(Y - Y_hat) / m
    return float(cost), dY_hat

# %%
def forward_all(pairs, X):
    A = X
    for linear, activation in pairs:
        A = activation.forward(linear.forward(A))
    return A


def train(layers, X, Y, num_epochs, learning_rate):
    """Full-batch gradient descent on alternating linear and sigmoid layers; returns the cost of every epoch."""
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    for epoch in range(num_epochs):
        Y_hat = forward_all(pairs, X)
        cost, dY_hat = compute_cost(Y, Y_hat)
        costs.append(cost)

        grad = dY_hat
        for linear, activation in reversed(pairs):
            grad = linear.backward(activation.backward(grad))

        for linear, _ in pairs:
            linear.update_params(learning_rate)

        if epoch % 500 == 0:
            # how well do the new weights do? (one more forward pass, just for printing)
            predictions = forward_all(pairs, X) > 0.5
            print(f"epoch {epoch}: cost {cost:.4f}, accuracy {np.mean(predictions == Y) * 100:.0f} %")
    return costs
