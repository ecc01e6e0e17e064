"""A student who treats the list as a generic graph: forward through every layer, backward through the reversed list."""

# %%
SCALES = {
    "plain": lambda n_in: 0.01,
    "xavier": lambda n_in: 1 / np.sqrt(n_in),
    "he": lambda n_in: np.sqrt(2 / n_in),
}


def initialize_parameters(n_in, n_out, ini_type="plain"):
    """Weights (n_out, n_in) drawn from N(0, 1) and scaled by ini_type; zero biases (n_out, 1)."""
    W = np.random.randn(n_out, n_in) * SCALES[ini_type](n_in)
    b = np.zeros((n_out, 1))
    return {"W": W, "b": b}

# %%
class LinearLayer:
    """Z = W A_prev + b, with W of shape (n_out, n_in) and b of shape (n_out, 1)."""

    def __init__(self, input_shape, n_out, ini_type="plain"):
        self.params = initialize_parameters(input_shape[0], n_out, ini_type)

    def forward(self, A_prev):
        self.A_prev = A_prev
        W, b = self.params["W"], self.params["b"]
        self.Z = W @ A_prev + b
        return self.Z

    def backward(self, upstream_grad):
        W = self.params["W"]
        self.dW = upstream_grad @ self.A_prev.T
        self.db = upstream_grad.sum(axis=1, keepdims=True)
        self.dA_prev = W.T @ upstream_grad
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
        A = self.A
        self.dZ = upstream_grad * A * (1 - A)
        return self.dZ

# %%
def compute_cost(Y, Y_hat):
    """Squared-error cost 1/(2m) Σ (Y - Y_hat)² and its gradient with respect to Y_hat."""
    m = Y.shape[1]
    cost = 0.5 * np.mean((Y - Y_hat) ** 2)
    dY_hat = (Y_hat - Y) / m
    return float(cost), dY_hat

# %%
def train(layers, X, Y, num_epochs, learning_rate):
    """Full-batch gradient descent on alternating linear and sigmoid layers; returns the cost of every epoch."""
    pairs = list(zip(layers[::2], layers[1::2]))
    costs = []
    for epoch in range(num_epochs):
        out = X
        for layer in layers:
            out = layer.forward(out)
        cost, grad = compute_cost(Y, out)
        costs.append(cost)
        for layer in reversed(layers):
            grad = layer.backward(grad)
        for layer in layers:
            if hasattr(layer, "update_params"):
                layer.update_params(learning_rate)
    return costs
